// Staff: newsletters. The sends with their progress (refreshed while one runs; pause, resume,
// cancel confirmed); a draft written in Markdown, previewed as a chosen person gets it, tested to
// oneself and sent now or later (confirmed, with how many it reaches); audiences built from
// conditions with their live count; and the topics people subscribe to, with a form that adds one
// (a topic is never removed: people's answers to it are their consent record).
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("new-topic");

  function load() {
    return S.call("GET", "/api/topics/summary").then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "The topics could not be loaded."), true); return; }
      var body = document.querySelector("#topics tbody");
      body.textContent = "";
      r.json.forEach(function (t) {
        var tr = S.el("tr");
        tr.dataset.topic = t.code;
        var name = S.el("td");
        name.appendChild(S.el("strong", t.name));
        if (t.description) { name.appendChild(S.el("div", t.description, "fine")); }
        tr.appendChild(name);
        tr.appendChild(S.el("td", t.code));
        tr.appendChild(S.el("td", String(t.subscribed), "num subscribed"));
        tr.appendChild(S.el("td", String(t.unsubscribed), "num"));
        tr.appendChild(S.el("td", S.date(t.createdAt) + (t.createdBy && t.createdBy !== "pathlight" ? " by " + t.createdBy.replace(/^staff:/, "") : "")));
        body.appendChild(tr);
      });
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var v = function (id) { return document.getElementById(id).value.trim(); };
    var body = { code: v("topic-code"), name: v("topic-name"), description: v("topic-description") };
    var errors = [];
    if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])$/.test(body.code)) { errors.push({ field: "code", message: "use 2 to 40 lower-case letters, digits and dashes, such as gala-2027" }); }
    if (!body.name) { errors.push({ field: "name", message: "give the topic a name people will see" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    S.call("POST", "/api/topics", body).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The topic could not be added."); return; }
      form.reset();
      return load().then(function () { S.say("topic-done", "Added " + r.json.name + ": people can choose it now.", false); });
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  // ---- audiences -------------------------------------------------------------------------------
  var topics = [];
  var segmentsById = {};
  var KINDS = [
    ["topic", "Subscribed to a topic"], ["gave", "Gave (in a period, at least an amount, to a fund)"],
    ["firstGift", "First gift in a period"], ["lybunt", "Gave last year, not this year (LYBUNT)"],
    ["sybunt", "Gave some year before last, not since (SYBUNT)"], ["recurring", "Has a recurring gift in a state"],
    ["volunteer", "Volunteer (status, role)"], ["hours", "Volunteered at least some hours"], ["acted", "Wrote letters in a campaign"]
  ];
  function field(row, name, label, type, options) {
    var wrap = S.el("label", null, "rule-arg");
    wrap.appendChild(S.el("span", label + " "));
    var input;
    if (options) {
      input = document.createElement("select");
      options.forEach(function (o) { var opt = S.el("option", o[1]); opt.value = o[0]; input.appendChild(opt); });
    } else {
      input = document.createElement("input");
      input.type = type || "text";
    }
    input.dataset.arg = name;
    wrap.appendChild(input);
    row.querySelector(".rule-args").appendChild(wrap);
  }
  function ruleRow() {
    var row = S.el("div", null, "rule-row");
    var not = S.el("label", null, "check");
    var notBox = document.createElement("input"); notBox.type = "checkbox"; notBox.className = "rule-not";
    not.appendChild(notBox); not.appendChild(S.el("span", "not"));
    row.appendChild(not);
    var kind = document.createElement("select");
    kind.className = "rule-kind"; kind.setAttribute("aria-label", "Condition");
    KINDS.forEach(function (k) { var o = S.el("option", k[1]); o.value = k[0]; kind.appendChild(o); });
    row.appendChild(kind);
    row.appendChild(S.el("span", null, "rule-args"));
    var remove = S.el("button", "Remove", "secondary"); remove.type = "button";
    remove.addEventListener("click", function () { row.remove(); });
    row.appendChild(remove);
    function args() {
      row.querySelector(".rule-args").textContent = "";
      var k = kind.value;
      if (k === "topic") { field(row, "", "topic", null, topics.map(function (t) { return [t.code, t.name]; })); }
      if (k === "gave") { field(row, "from", "from", "date"); field(row, "to", "to", "date"); field(row, "minTotal", "at least ($)", "number"); field(row, "fund", "fund code"); }
      if (k === "firstGift" || k === "hours") { field(row, "from", "from", "date"); field(row, "to", "to", "date"); }
      if (k === "hours") { field(row, "min", "at least (hours)", "number"); }
      if (k === "lybunt" || k === "sybunt") { field(row, "year", "this year is", "number"); }
      if (k === "recurring") { field(row, "", "state", null, [["active", "active"], ["paused", "paused"], ["failing", "failing"], ["lapsed", "lapsed"], ["canceled", "canceled"]]); }
      if (k === "volunteer") { field(row, "status", "status", null, [["", "any"], ["applied", "applied"], ["approved", "approved"], ["rejected", "rejected"]]); field(row, "role", "role code"); }
      if (k === "acted") { field(row, "", "campaign (its short name)"); }
    }
    kind.addEventListener("change", args);
    args();
    document.getElementById("g-rules").appendChild(row);
  }
  function rules() {
    var list = [];
    document.querySelectorAll("#g-rules .rule-row").forEach(function (row) {
      var k = row.querySelector(".rule-kind").value;
      var value = {};
      var plain = null;
      row.querySelectorAll("[data-arg]").forEach(function (input) {
        var v = input.value.trim();
        if (input.dataset.arg === "") { plain = v; return; }
        if (!v) { return; }
        if (input.dataset.arg === "minTotal") { value.minTotal = S.cents(v); }
        else if (input.type === "number") { value[input.dataset.arg] = Number(v); }
        else { value[input.dataset.arg] = v; }
      });
      var rule = {};
      rule[k] = plain !== null ? plain : value;
      list.push(row.querySelector(".rule-not").checked ? { not: rule } : rule);
    });
    var out = {};
    out[document.getElementById("g-match").value] = list;
    return out;
  }
  var segmentForm = document.getElementById("segment-form");
  document.getElementById("g-add").addEventListener("click", ruleRow);
  document.getElementById("g-count").addEventListener("click", function () {
    S.clearErrors(segmentForm);
    S.call("POST", "/api/segments/count", { rules: rules() }).then(function (r) {
      if (!r.ok) { S.showProblem(segmentForm, r, "These conditions could not be counted."); return; }
      document.getElementById("g-counted").textContent = r.json.matching + (r.json.matching === 1 ? " person matches" : " people match") + " (a send reaches only those subscribed to its topic).";
    });
  });
  segmentForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(segmentForm);
    var name = document.getElementById("g-name").value.trim();
    if (!name) { S.showProblem(segmentForm, { json: { errors: [{ field: "name", message: "give the audience a name" }] } }); return; }
    S.call("POST", "/api/segments", { name: name, rules: rules() }).then(function (r) {
      if (!r.ok) { S.showProblem(segmentForm, r, "The audience could not be saved."); return; }
      segmentForm.reset(); document.getElementById("g-rules").textContent = ""; ruleRow();
      document.getElementById("g-counted").textContent = "";
      return loadSegments().then(function () { S.say("segment-done", "Saved " + r.json.name + ": " + r.json.count + " people.", false); });
    });
  });
  function loadSegments() {
    return S.call("GET", "/api/segments").then(function (r) {
      if (!r.ok) { return; }
      var body = document.querySelector("#segments tbody");
      body.textContent = "";
      var select = document.getElementById("d-segment");
      var chosen = select.value;
      select.textContent = "";
      var all = S.el("option", "Everyone subscribed to the topic"); all.value = ""; select.appendChild(all);
      segmentsById = {};
      r.json.forEach(function (g) {
        segmentsById[g.id] = g;
        var tr = S.el("tr"); tr.dataset.segment = g.id;
        tr.appendChild(S.el("td", g.name)); tr.appendChild(S.el("td", String(g.count), "num"));
        body.appendChild(tr);
        var o = S.el("option", g.name + " (" + g.count + ")"); o.value = g.id; select.appendChild(o);
      });
      select.value = chosen;
    });
  }

  // ---- drafts and sends ---------------------------------------------------------------------------
  var draftForm = document.getElementById("draft-form");
  var current = null;
  function fillTopics() {
    var select = document.getElementById("d-topic");
    select.textContent = "";
    var none = S.el("option", "Choose a topic\u2026"); none.value = ""; select.appendChild(none);
    topics.forEach(function (t) { var o = S.el("option", t.name); o.value = t.code; select.appendChild(o); });
  }
  function edit(n) {
    current = n;
    document.getElementById("draft-title").textContent = n ? "Draft: " + n.subject : "Write a newsletter";
    document.getElementById("d-subject").value = n ? n.subject : "";
    document.getElementById("d-preheader").value = n && n.preheader ? n.preheader : "";
    document.getElementById("d-topic").value = n ? n.topic : "";
    document.getElementById("d-segment").value = n && n.segmentId ? n.segmentId : "";
    document.getElementById("d-body").value = n ? n.body : "";
    document.getElementById("draft-actions").hidden = !n;
    document.getElementById("preview").hidden = true;
  }
  document.getElementById("d-new").addEventListener("click", function () { edit(null); });
  draftForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(draftForm);
    var segment = document.getElementById("d-segment").value;
    var body = { subject: document.getElementById("d-subject").value.trim(), preheader: document.getElementById("d-preheader").value.trim() || null,
      topic: document.getElementById("d-topic").value, segmentId: segment ? Number(segment) : null, body: document.getElementById("d-body").value };
    var errors = [];
    if (!body.subject) { errors.push({ field: "subject", message: "write a subject" }); }
    if (!body.topic) { errors.push({ field: "topic", message: "choose the topic it is sent under" }); }
    if (!body.body.trim()) { errors.push({ field: "body", message: "write the newsletter" }); }
    if (errors.length) { S.showProblem(draftForm, { json: { errors: errors } }); return; }
    var call = current ? S.call("PUT", "/api/newsletters/" + current.id, body) : S.call("POST", "/api/newsletters", body);
    call.then(function (r) {
      if (!r.ok) { S.showProblem(draftForm, r, "The draft could not be saved."); return; }
      edit(r.json);
      S.say("draft-done", "Saved. Preview it, send yourself a test, then send it.", false);
      return loadSends();
    });
  });
  var previewForm = document.getElementById("preview-form");
  previewForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(previewForm);
    var email = document.getElementById("p-email").value.trim();
    S.call("POST", "/api/newsletters/" + current.id + "/preview", { email: email || null }).then(function (r) {
      if (!r.ok) { S.showProblem(previewForm, r, "The preview could not be made."); return; }
      document.getElementById("preview-subject").textContent = "Subject: " + r.json.subject;
      document.getElementById("preview-html").srcdoc = r.json.html;
      document.getElementById("preview-text").textContent = r.json.text;
      document.getElementById("preview").hidden = false;
    });
  });
  document.getElementById("d-test").addEventListener("click", function () {
    S.call("POST", "/api/newsletters/" + current.id + "/test").then(function (r) {
      if (!r.ok) { S.showProblem(previewForm, r, "The test could not be sent."); return; }
      S.say("draft-done", r.json.detail, false);
    });
  });
  var sendForm = document.getElementById("send-form");
  sendForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(sendForm);
    var local = document.getElementById("s-at").value;
    var at = local ? new Date(local).toISOString() : null;
    var segment = current.segmentId ? "/api/segments/" + current.segmentId + "/count?topic=" : null;
    var count = segment ? S.call("GET", segment + encodeURIComponent(current.topic)) : S.call("POST", "/api/segments/count", { rules: { topic: current.topic }, topic: current.topic });
    count.then(function (c) {
      var n = c.ok ? c.json.reachable : "?";
      if (n === 0 && !at) {
        S.showProblem(sendForm, { json: { errors: [{ field: "at", message: "nobody would get it: nobody in this audience is subscribed to the topic" }] } });
        return false;
      }
      return S.confirm("Send \u201c" + current.subject + "\u201d to " + n + (n === 1 ? " person" : " people") + (at ? " at " + S.dateTime(at) : " now") + "? It cannot be sent twice.", at ? "Schedule" : "Send now");
    }).then(function (yes) {
      if (!yes) { return; }
      return S.call("POST", "/api/newsletters/" + current.id + "/send", { at: at }).then(function (r) {
        if (!r.ok) { S.showProblem(sendForm, r, "The newsletter could not be sent."); return; }
        edit(null);
        S.say("sends-done", "\u201c" + r.json.subject + "\u201d is " + r.json.status + ".", false);
        return loadSends();
      });
    });
  });

  var refresh = null;
  function act(n, action, question, label) {
    var go = question ? S.confirm(question, label) : Promise.resolve(true);
    go.then(function (yes) {
      if (!yes) { return; }
      S.call("POST", "/api/newsletters/" + n.id + "/" + action).then(function (r) {
        if (!r.ok) { S.say("sends-done", S.problem(r.json, "That did not work."), true); return; }
        S.say("sends-done", "\u201c" + n.subject + "\u201d is " + r.json.status + ".", false);
        loadSends();
      });
    });
  }
  function loadSends() {
    return S.call("GET", "/api/newsletters").then(function (r) {
      if (!r.ok) { return; }
      var body = document.querySelector("#sends tbody");
      body.textContent = "";
      var running = false;
      r.json.forEach(function (n) {
        var tr = S.el("tr"); tr.dataset.newsletter = n.id;
        var name = S.el("td"); name.appendChild(S.el("strong", n.subject)); name.appendChild(S.el("div", n.topic, "fine"));
        tr.appendChild(name);
        tr.appendChild(S.el("td", n.status + (n.status === "scheduled" && n.sendAt ? " for " + S.dateTime(n.sendAt) : ""), "send-status"));
        var cell = S.el("td");
        if (n.audience !== null && n.audience !== undefined) {
          var bar = document.createElement("progress"); bar.className = "send-progress";
          bar.max = Math.max(1, n.audience); bar.value = n.sent + n.failed + n.unsubscribed;
          bar.setAttribute("aria-label", "Sent " + n.sent + " of " + n.audience);
          cell.appendChild(bar);
          cell.appendChild(S.el("div", n.sent + " sent of " + n.audience + " · " + n.queued + " queued · " + n.failed + " failed · " + n.bounced + " bounced · " + n.unsubscribed + " unsubscribed", "fine send-counts"));
        }
        tr.appendChild(cell);
        var actions = S.el("td", null, "toolbar");
        function button(text, cls, fn) { var b = S.el("button", text, cls); b.type = "button"; b.addEventListener("click", fn); actions.appendChild(b); }
        if (n.status === "draft") { button("Open", "secondary", function () { edit(n); document.getElementById("draft-form").scrollIntoView(); }); }
        if (n.status === "sending") { button("Pause", "secondary", function () { act(n, "pause"); }); }
        if (n.status === "paused") { button("Resume", "secondary", function () { act(n, "resume"); }); }
        if (["scheduled", "sending", "paused"].indexOf(n.status) >= 0) {
          running = true;
          button("Cancel…", "danger", function () { act(n, "cancel", "Cancel \u201c" + n.subject + "\u201d? Nobody who has not had it yet will get it. This cannot be undone.", "Cancel the send"); });
        }
        tr.appendChild(actions);
        body.appendChild(tr);
      });
      if (!r.json.length) { var empty = S.el("tr"); var td = S.el("td", "No newsletters yet.", "fine"); td.colSpan = 4; empty.appendChild(td); body.appendChild(empty); }
      clearTimeout(refresh);
      if (running) { refresh = setTimeout(loadSends, 2000); }
    });
  }

  // ---- suppressions ----------------------------------------------------------------------------
  var REASONS = { "hard-bounce": "the address does not exist (hard bounce)", complaint: "marked our email as spam",
    "soft-bounces": "bounced three times in 30 days", manual: "added by staff" };
  function loadSuppressions() {
    var q = document.getElementById("x-q").value.trim();
    return S.call("GET", "/api/mail/suppressions?q=" + encodeURIComponent(q)).then(function (r) {
      if (!r.ok) { return; }
      var body = document.querySelector("#suppressions tbody");
      body.textContent = "";
      r.json.forEach(function (x) {
        var tr = S.el("tr");
        tr.appendChild(S.el("td", x.email));
        tr.appendChild(S.el("td", (REASONS[x.reason] || x.reason) + (x.detail ? " (" + x.detail + ")" : "")));
        tr.appendChild(S.el("td", S.date(x.at)));
        var cell = S.el("td");
        var lift = S.el("button", "Email again…", "secondary"); lift.type = "button";
        lift.addEventListener("click", function () {
          S.confirm("Send bulk mail to " + x.email + " again? Only do this when the person has fixed their mailbox or asked for it.", "Email again").then(function (yes) {
            if (!yes) { return; }
            S.call("POST", "/api/mail/suppressions/lift", { email: x.email }).then(function (res) {
              if (res.ok) { S.say("suppress-done", "Bulk mail goes to " + x.email + " again.", false); loadSuppressions(); }
              else { S.say("suppress-done", S.problem(res.json), true); }
            });
          });
        });
        cell.appendChild(lift);
        tr.appendChild(cell);
        body.appendChild(tr);
      });
      if (!r.json.length) { var empty = S.el("tr"); var td = S.el("td", "None.", "fine"); td.colSpan = 4; empty.appendChild(td); body.appendChild(empty); }
    });
  }
  document.getElementById("suppress-search").addEventListener("submit", function (e) { e.preventDefault(); loadSuppressions(); });
  var suppressForm = document.getElementById("suppress-form");
  suppressForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(suppressForm);
    var email = document.getElementById("x-email").value.trim();
    if (!email || email.indexOf("@") < 1) { S.showProblem(suppressForm, { json: { errors: [{ field: "email", message: "enter an email address" }] } }); return; }
    S.call("POST", "/api/mail/suppressions", { email: email }).then(function (r) {
      if (!r.ok) { S.showProblem(suppressForm, r, "The address could not be added."); return; }
      suppressForm.reset();
      S.say("suppress-done", "No more bulk mail goes to " + email + ".", false);
      loadSuppressions();
    });
  });

  S.start().then(function (session) {
    if (!session) { return; }
    loadSuppressions();
    S.call("GET", "/api/topics").then(function (r) {
      topics = r.ok ? r.json : [];
      fillTopics();
      ruleRow();
      return Promise.all([load(), loadSegments(), loadSends()]);
    });
  });
})();
