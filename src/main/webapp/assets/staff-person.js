// Staff: one person's profile. Contact details, consent (with where it came from) and the
// safe-contact flags, editable by fundraising staff (each change audited); and one timeline of what
// every team holds on them that the signed-in roles may see, newest first.
(function () {
  "use strict";
  var S = window.Staff;
  var id = decodeURIComponent(window.location.pathname.split("/").pop());
  var form = document.getElementById("person-form");
  var loaded = null;
  var topics = [];
  var KIND = { consent: "Email consent", gift: "Gift", plan: "Recurring gift", volunteer: "Volunteering", screening: "Screening", shift: "Shift", letter: "Advocacy", email: "Email" };

  function name(p) { return ((p.firstName || "") + " " + (p.lastName || "")).trim(); }

  function address(a) {
    if (!a) { return null; }
    return [a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ");
  }

  function show(p) {
    loaded = p;
    document.getElementById("person-title").textContent = p.erasedAt ? "Erased supporter (record " + p.id + ")" : name(p) || p.email;
    document.getElementById("edit-card").hidden = !S.has("fundraising") || !!p.erasedAt;
    var safe = [];
    if (p.safeContact.discreetSender) { safe.push("send only from a neutral name, with neutral subjects"); }
    if (p.safeContact.noPostalMail) { safe.push("never send postal mail"); }
    if (p.safeContact.doNotFeature) { safe.push("never name or feature them"); }
    var banner = document.getElementById("safe-banner");
    banner.textContent = safe.length ? "Safe contact: " + safe.join("; ") + "." : "";
    banner.hidden = !safe.length;
    var facts = [
      ["Email", p.erasedAt ? "(erased)" : p.email],
      ["Phone", p.phone],
      ["Address", address(p.address)]
    ];
    topics.forEach(function (t) {
      facts.push([t.name, (t.subscribed ? "Subscribed" : "Not subscribed") + (t.source ? " (" + t.source.replace(/^staff:/, "set by ") + ", " + S.date(t.at) + ")" : "")]);
    });
    S.facts(document.getElementById("person-facts"), facts.concat([
      ["Text messages", p.consent.sms ? "Yes" : "No"],
      ["On record since", S.date(p.createdAt)]
    ]));
    var a = p.address || {};
    var set = function (fid, v) { document.getElementById(fid).value = v || ""; };
    set("p-first", p.firstName); set("p-last", p.lastName); set("p-phone", p.phone);
    set("p-line1", a.line1); set("p-line2", a.line2); set("p-city", a.city); set("p-region", a.region);
    set("p-postal", a.postalCode); set("p-country", a.country);
    var boxes = document.getElementById("p-topics");
    boxes.textContent = "";
    topics.forEach(function (t) {
      var label = S.el("label", null, "check");
      var box = S.el("input"); box.type = "checkbox"; box.value = t.code; box.checked = t.subscribed;
      label.appendChild(box); label.appendChild(S.el("span", t.name));
      boxes.appendChild(label);
    });
    document.getElementById("p-sms-ok").checked = p.consent.sms;
    document.getElementById("p-discreet").checked = p.safeContact.discreetSender;
    document.getElementById("p-nopost").checked = p.safeContact.noPostalMail;
    document.getElementById("p-nofeature").checked = p.safeContact.doNotFeature;
  }

  function timeline() {
    return S.call("GET", "/api/supporters/" + encodeURIComponent(id) + "/timeline").then(function (r) {
      if (!r.ok) { return; }
      var list = document.getElementById("timeline");
      list.textContent = "";
      r.json.entries.forEach(function (e) {
        var li = S.el("li", null, "timeline-entry");
        li.dataset.kind = e.kind;
        li.appendChild(S.el("span", S.dateTime(e.at), "timeline-when"));
        li.appendChild(S.el("span", KIND[e.kind] || e.kind, "timeline-kind"));
        var title = e.link ? S.el("a", e.title) : S.el("strong", e.title);
        if (e.link) { title.href = e.link; }
        li.appendChild(title);
        if (e.detail) { li.appendChild(S.el("span", e.detail, "fine timeline-detail")); }
        list.appendChild(li);
      });
      if (!r.json.entries.length) { list.appendChild(S.el("li", "Nothing on record yet.", "fine")); }
      var notes = [];
      if (r.json.hidden.length) { notes.push("Not shown to your role: " + r.json.hidden.join(", ") + "."); }
      if (r.json.unavailable.length) { notes.push("Could not be loaded just now: " + r.json.unavailable.join(", ") + "."); }
      var note = document.getElementById("timeline-note");
      note.textContent = notes.join(" ");
      note.hidden = !notes.length;
    });
  }

  // an admin's privacy erasure: what the records hold and what stops it, then, once erased, the
  // report of what was removed and what was kept and why
  function erasure() {
    if (!S.has("admin")) { return; }
    return S.call("GET", "/api/supporters/" + encodeURIComponent(id) + "/erasure").then(function (r) {
      if (!r.ok) { return; }
      var e = r.json;
      document.getElementById("erase-card").hidden = !!e.erasedAt;
      document.getElementById("erased-card").hidden = !e.erasedAt;
      document.getElementById("privacy-export").hidden = !!e.erasedAt;
      if (e.erasedAt) { showReport(e.report, e.erasedAt); return; }
      var held = Object.keys(e.holds).filter(function (k) { return e.holds[k] > 0; })
        .map(function (k) { return k + ": " + e.holds[k]; });
      document.getElementById("erase-holds").textContent = held.length ? "On record: " + held.join(", ") + "." : "Nothing but the person record.";
      var blocked = document.getElementById("erase-blocked");
      blocked.textContent = e.blocked || "";
      blocked.hidden = !e.blocked;
      document.getElementById("erase-form").querySelector("button").disabled = !!e.blocked;
    });
  }

  function showReport(report, at) {
    document.getElementById("erased-when").textContent = report
      ? "Erased on " + S.dateTime(report.erasedAt) + " by " + report.erasedBy.replace(/^staff:/, "") + ". Reason: " + report.reason
      : "Erased on " + S.dateTime(at) + ".";
    var removed = document.getElementById("erased-removed");
    removed.textContent = "";
    ((report && report.removed) || []).forEach(function (line) { removed.appendChild(S.el("li", line)); });
    var kept = document.getElementById("erased-kept");
    kept.textContent = "";
    ((report && report.kept) || []).forEach(function (k) {
      var li = S.el("li");
      li.appendChild(S.el("strong", k.what));
      li.appendChild(S.el("span", " — " + k.why));
      kept.appendChild(li);
    });
    document.getElementById("erased-card").hidden = false;
    document.getElementById("erase-card").hidden = true;
  }

  var eraseForm = document.getElementById("erase-form");
  eraseForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(eraseForm);
    var reason = document.getElementById("erase-reason").value.trim();
    if (!reason) { S.showProblem(eraseForm, { json: { errors: [{ field: "reason", message: "say why: the request and when it came" }] } }); return; }
    S.confirm("Erase " + (name(loaded) || loaded.email) + " everywhere? Their name and details are removed for good; gift amounts and receipt numbers stay without a name.",
      "Erase for good").then(function (ok) {
      if (!ok) { return; }
      var button = eraseForm.querySelector("button");
      button.disabled = true;
      S.call("POST", "/api/supporters/" + encodeURIComponent(id) + "/erase", { reason: reason }).then(function (r) {
        button.disabled = false;
        if (!r.ok) { S.showProblem(eraseForm, r, "The person could not be erased."); return; }
        showReport(r.json);
        return load();
      }).catch(function () { button.disabled = false; S.showProblem(eraseForm, { status: 0 }); });
    });
  });

  function load() {
    return S.call("GET", "/api/supporters/" + encodeURIComponent(id) + "/topics").then(function (t) {
      topics = t.ok ? t.json : [];
      return S.call("GET", "/api/supporters/" + encodeURIComponent(id));
    }).then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "This person could not be loaded."), true); return; }
      show(r.json);
      return timeline();
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var v = function (fid) { return document.getElementById(fid).value.trim(); };
    var body = {
      firstName: v("p-first"), lastName: v("p-last"), phone: v("p-phone"),
      consent: { sms: document.getElementById("p-sms-ok").checked },
      safeContact: { discreetSender: document.getElementById("p-discreet").checked, noPostalMail: document.getElementById("p-nopost").checked,
        doNotFeature: document.getElementById("p-nofeature").checked }
    };
    // consent goes only when staff change it: saving a phone number is not a consent by staff
    if (body.consent.sms === loaded.consent.sms) { delete body.consent; }
    var topicChanges = {};
    Array.prototype.forEach.call(document.querySelectorAll("#p-topics input"), function (b) {
      var was = topics.filter(function (t) { return t.code === b.value; })[0];
      if (was && was.subscribed !== b.checked) { topicChanges[b.value] = b.checked; }
    });
    var errors = [];
    if (v("p-line1") || v("p-city") || v("p-postal")) {
      body.address = { line1: v("p-line1"), line2: v("p-line2") || null, city: v("p-city"), region: v("p-region") || null,
        postalCode: v("p-postal") || null, country: v("p-country").toUpperCase() || null };
      if (!body.address.line1) { errors.push({ field: "address.line1", message: "enter the street address, or clear the address fields" }); }
      if (!body.address.city) { errors.push({ field: "address.city", message: "enter the city" }); }
    }
    if (body.phone && !/^[0-9+() .-]{0,32}$/.test(body.phone)) { errors.push({ field: "phone", message: "enter a phone number with digits, spaces, dashes or +" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    var saveTopics = Object.keys(topicChanges).length
      ? S.call("PUT", "/api/supporters/" + encodeURIComponent(id) + "/topics", { topics: topicChanges })
      : Promise.resolve({ ok: true, json: topics });
    saveTopics.then(function (t) {
      if (!t.ok) { return t; }
      topics = t.json;
      return S.call("PATCH", "/api/supporters/" + encodeURIComponent(id), body);
    }).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The changes could not be saved."); return; }
      show(r.json);
      S.say("person-done", "Saved. The change is in the audit trail.", false);
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) {
    if (!session) { return; }
    document.getElementById("privacy-export").href = "/api/supporters/" + encodeURIComponent(id) + "/export";
    load().then(erasure);
  });
})();
