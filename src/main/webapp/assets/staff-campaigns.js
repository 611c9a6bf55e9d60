// Staff: letter campaigns. The list, one campaign's state and letters (publish, close, lobbying
// kind, counts per official, the print batch and marking it mailed, a preview for a ZIP code), a
// new draft, and the lobbying tally with its CSV.
(function () {
  "use strict";
  var S = window.Staff;
  var OFFICES = { "us-senate": "US senators", "us-house": "US representative",
    "state-upper": "state senators", "state-lower": "state representatives" };
  var current = null;
  var customNames = {};

  function fail(r, box) { S.say(box || "page-error", S.problem(r.json), true); }
  function path(slug, rest) { return "/api/campaigns/" + encodeURIComponent(slug) + (rest || ""); }
  function targetsText(targets) {
    return targets.map(function (t) { return OFFICES[t] || customNames[t] || t; }).join(", ");
  }
  function dates(c) {
    if (!c.startsOn && !c.endsOn) { return "open-ended"; }
    return (c.startsOn || "…") + " to " + (c.endsOn || "…");
  }

  function loadCustom() {
    return S.call("GET", "/api/officials/custom").then(function (r) {
      var box = document.getElementById("c-custom");
      box.textContent = "";
      if (!r.ok) { return; }
      r.json.filter(function (t) { return !t.retiredAt; }).forEach(function (t) {
        customNames[t.id] = t.name;
        var label = S.el("label", null, "check");
        var box2 = document.createElement("input");
        box2.type = "checkbox";
        box2.value = t.id;
        label.appendChild(box2);
        label.appendChild(document.createTextNode(" " + t.name + (t.organisation ? ", " + t.organisation : "") +
          " (" + (t.email ? "email" : "post") + ")"));
        box.appendChild(label);
      });
    });
  }

  function loadList() {
    return S.call("GET", "/api/campaigns").then(function (r) {
      if (!r.ok) { fail(r); return; }
      var body = document.getElementById("campaigns");
      body.textContent = "";
      if (!r.json.length) { body.appendChild(S.row(["No campaigns yet: create one below.", "", "", "", "", ""])); }
      r.json.forEach(function (c) {
        var open = S.el("button", "Open", "secondary");
        open.type = "button";
        open.addEventListener("click", function () { show(c.slug); });
        var tr = S.row([c.title + " · /act/" + c.slug, c.status, dates(c), targetsText(c.targets), c.lobbying, open]);
        tr.dataset.slug = c.slug;
        body.appendChild(tr);
      });
    });
  }

  function show(slug) {
    document.getElementById("detail-result").hidden = true;
    document.getElementById("print-result").hidden = true;
    document.getElementById("previews").textContent = "";
    return S.call("GET", path(slug)).then(function (r) {
      if (!r.ok) { fail(r); return; }
      current = r.json;
      document.getElementById("detail-title").textContent = current.title;
      document.getElementById("detail-about").textContent = "Status: " + current.status + " · " + dates(current) +
        " · writes to " + targetsText(current.targets) + " · subject: " + current.subject;
      document.getElementById("detail-page").href = "/act/" + encodeURIComponent(current.slug);
      document.getElementById("publish").hidden = current.status !== "draft";
      document.getElementById("edit-draft").hidden = current.status !== "draft";
      document.getElementById("close").hidden = current.status === "closed";
      document.getElementById("detail-lobbying").value = current.lobbying;
      document.getElementById("stats-csv").href = path(current.slug, "/stats.csv");
      document.getElementById("detail").hidden = false;
      loadStats();
      loadBatches();
    });
  }

  function loadStats() {
    S.call("GET", path(current.slug, "/stats")).then(function (r) {
      if (!r.ok) { fail(r); return; }
      var st = r.json;
      var channels = Object.keys(st.byChannel).map(function (ch) {
        var counts = st.byChannel[ch];
        return ch + ": " + Object.keys(counts).map(function (k) { return counts[k] + " " + k; }).join(", ");
      });
      document.getElementById("stats-summary").textContent = st.actions +
        (st.actions === 1 ? " supporter wrote " : " supporters wrote ") + st.letters +
        (st.letters === 1 ? " letter" : " letters") + (channels.length ? " (" + channels.join("; ") + ")" : "") + ".";
      var body = document.getElementById("stats-officials");
      body.textContent = "";
      st.byOfficial.forEach(function (o) {
        body.appendChild(S.row([(o.title ? o.title + " " : "") + o.name, o.channel, o.letters, o.queued, o.sent,
          o.failed, o.handedOff]));
      });
      var failures = document.getElementById("stats-failures");
      failures.textContent = "";
      st.failures.forEach(function (f) {
        failures.appendChild(S.el("li", "Letter " + f.letter + " to " + f.official + " failed: " + f.reason));
      });
    });
  }

  function act(rest, body, done) {
    S.call("POST", path(current.slug, rest), body).then(function (r) {
      if (!r.ok) { fail(r, "detail-result"); return; }
      S.say("detail-result", done, false);
      loadList();
      show(current.slug).then(function () { S.say("detail-result", done, false); });
    });
  }

  // A PDF through fetch (the session cookie goes along), saved as a download. Resolves with the
  // response's batch number and letter count, or null after saying what went wrong.
  function fetchPdf(url, name, method) {
    var headers = method === "POST" ? S.csrfHeaders() : {};
    headers.Accept = "application/pdf";
    return fetch(url, { method: method || "GET", credentials: "same-origin", headers: headers })
      .then(function (r) {
        if (!r.ok) {
          return r.text().then(function (t) {
            var json = null;
            try { json = JSON.parse(t); } catch (e) { json = { detail: t }; }
            S.say("print-result", r.status === 404 && /batches$/.test(url)
              ? "Nothing to print: every print letter is in a batch." : S.problem(json), r.status !== 404);
            return null;
          });
        }
        var batch = r.headers.get("X-Print-Batch");
        var count = r.headers.get("X-Letters");
        return r.blob().then(function (blob) {
          var link = document.createElement("a");
          link.href = URL.createObjectURL(blob);
          link.download = name + "-" + batch + ".pdf";
          document.body.appendChild(link);
          link.click();
          link.remove();
          return { batch: batch, letters: count };
        });
      });
  }

  function downloadBatch() {
    fetchPdf(path(current.slug, "/print-batches"), current.slug + "-letters", "POST").then(function (got) {
      if (!got) { return; }
      S.say("print-result", "Batch " + got.batch + ": " + got.letters +
        " letters in the PDF. Print them, deliver or post them, then mark the batch mailed.", false);
      loadBatches();
    });
  }

  function markMailed(batch) {
    if (!window.confirm("Mark batch " + batch + " mailed? Its letters count as sent and their street addresses are erased.")) {
      return;
    }
    S.call("POST", path(current.slug, "/print-batches/" + batch + "/mailed"), {}).then(function (r) {
      if (!r.ok) { fail(r, "print-result"); return; }
      S.say("print-result", r.json.letters + " letters of batch " + batch +
        " marked mailed; their street addresses are erased.", false);
      loadBatches();
      loadStats();
    });
  }

  function loadBatches() {
    S.call("GET", path(current.slug, "/print-batches")).then(function (r) {
      var body = document.getElementById("batches");
      body.textContent = "";
      if (!r.ok) { return; }
      if (!r.json.length) { body.appendChild(S.row(["No batches yet.", "", "", ""])); }
      r.json.forEach(function (b) {
        var actions = S.el("span");
        if (!b.mailedAt) {
          var again = S.el("button", "Download again", "secondary");
          again.type = "button";
          again.addEventListener("click", function () {
            fetchPdf(path(current.slug, "/print-batches/" + b.id + ".pdf"), current.slug + "-letters");
          });
          var mark = S.el("button", "Mark mailed", "mark-mailed");
          mark.type = "button";
          mark.addEventListener("click", function () { markMailed(b.id); });
          actions.appendChild(again);
          actions.appendChild(mark);
        }
        var tr = S.row([b.id, b.letters, b.createdAt.substring(0, 10) + " by " + b.createdBy,
          b.mailedAt ? "mailed " + b.mailedAt.substring(0, 10) + " by " + b.mailedBy : actions]);
        tr.dataset.batch = b.id;
        body.appendChild(tr);
      });
    });
  }

  function preview(event) {
    event.preventDefault();
    var q = "?zip=" + encodeURIComponent(document.getElementById("preview-zip").value.trim());
    var district = document.getElementById("preview-district").value.trim();
    if (district) { q += "&district=" + encodeURIComponent(district); }
    S.call("GET", path(current.slug, "/preview" + q)).then(function (r) {
      var box = document.getElementById("previews");
      box.textContent = "";
      if (!r.ok) { box.appendChild(S.el("p", S.problem(r.json), "error")); return; }
      r.json.forEach(function (p) {
        var card = S.el("article", null, "letter card");
        card.appendChild(S.el("h3", "To " + p.official + " (" + (OFFICES[p.office] || p.office) + ")"));
        card.appendChild(S.el("p", "Subject: " + p.subject, "subject"));
        card.appendChild(S.el("pre", p.body, "letter-body"));
        box.appendChild(card);
      });
    });
  }

  // a draft is edited in the same form as a new campaign: filled from it, its address fixed
  function editDraft() {
    var form = document.getElementById("campaign-form");
    form.reset();
    S.clearErrors(form);
    form.dataset.editing = current.slug;
    var set = function (id, v) { document.getElementById(id).value = v === null || v === undefined ? "" : v; };
    set("c-slug", current.slug); set("c-title", current.title); set("c-intro", current.intro);
    set("c-subject", current.subject); set("c-template", current.letterTemplate);
    set("c-starts", current.startsOn); set("c-ends", current.endsOn); set("c-lobbying", current.lobbying);
    document.getElementById("c-slug").readOnly = true;
    document.querySelectorAll("#c-targets input[type=checkbox]").forEach(function (b) { b.checked = current.targets.indexOf(b.value) >= 0; });
    document.getElementById("campaign-form-title").textContent = "Edit the draft " + current.slug;
    document.getElementById("campaign-submit").textContent = "Save the draft";
    var details = document.getElementById("new-campaign");
    details.open = true;
    details.scrollIntoView();
  }

  function endEditing() {
    var form = document.getElementById("campaign-form");
    delete form.dataset.editing;
    document.getElementById("c-slug").readOnly = false;
    document.getElementById("campaign-form-title").textContent = "New campaign";
    document.getElementById("campaign-submit").textContent = "Create the draft";
  }

  function create(event) {
    event.preventDefault();
    var form = document.getElementById("campaign-form");
    S.clearErrors(form);
    var editing = form.dataset.editing;
    var targets = Array.prototype.map.call(
      document.querySelectorAll("#c-targets input:checked"), function (b) { return b.value; });
    var body = {
      slug: document.getElementById("c-slug").value.trim(),
      title: document.getElementById("c-title").value.trim(),
      intro: document.getElementById("c-intro").value.trim() || null,
      subject: document.getElementById("c-subject").value.trim(),
      letterTemplate: document.getElementById("c-template").value,
      targets: targets,
      startsOn: document.getElementById("c-starts").value || null,
      endsOn: document.getElementById("c-ends").value || null,
      lobbying: document.getElementById("c-lobbying").value
    };
    if (editing) { delete body.slug; body.intro = document.getElementById("c-intro").value.trim(); }
    S.call(editing ? "PATCH" : "POST", editing ? path(editing) : "/api/campaigns", body).then(function (r) {
      if (!r.ok) { S.showProblem(form, r, editing ? "The draft could not be saved." : "The draft could not be created."); return; }
      S.say("create-result", editing ? "Draft saved. Preview it, then publish it." : "Draft created. Preview it, then publish it.", false);
      endEditing();
      document.getElementById("campaign-form").reset();
      loadList();
      show(r.json.slug);
    });
  }

  function tallyQuery() {
    var from = document.getElementById("tally-from").value;
    var to = document.getElementById("tally-to").value;
    var q = [];
    if (from) { q.push("from=" + from); }
    if (to) { q.push("to=" + to); }
    return q.length ? "?" + q.join("&") : "";
  }

  function loadTally(event) {
    if (event) { event.preventDefault(); }
    var q = tallyQuery();
    document.getElementById("tally-csv").href = "/api/campaigns/lobbying.csv" + q;
    S.call("GET", "/api/campaigns/lobbying" + q).then(function (r) {
      if (!r.ok) { fail(r); return; }
      var body = document.getElementById("tally");
      body.textContent = "";
      if (!r.json.length) { body.appendChild(S.row(["No letters in this period.", "", "", "", "", "", "", ""])); }
      r.json.forEach(function (t) {
        body.appendChild(S.row([t.title, t.lobbying, t.status, t.actions, t.letters, t.federalLetters,
          t.stateLetters, t.otherLetters]));
      });
    });
  }

  document.getElementById("edit-draft").addEventListener("click", editDraft);
  document.getElementById("publish").addEventListener("click", function () {
    act("/publish", {}, "Published: the action page takes letters.");
  });
  document.getElementById("close").addEventListener("click", function () {
    S.confirm("Close this campaign? The action page stops taking letters, and it cannot be reopened.", "Close the campaign").then(function (ok) {
      if (ok) { act("/close", {}, "Closed."); }
    });
  });
  document.getElementById("save-lobbying").addEventListener("click", function () {
    S.call("PATCH", path(current.slug), { lobbying: document.getElementById("detail-lobbying").value })
      .then(function (r) {
        if (!r.ok) { fail(r, "detail-result"); return; }
        S.say("detail-result", "Saved.", false);
        loadList();
      });
  });
  document.getElementById("print-batch").addEventListener("click", downloadBatch);
  document.getElementById("preview-form").addEventListener("submit", preview);
  document.getElementById("campaign-form").addEventListener("submit", create);
  document.getElementById("tally-form").addEventListener("submit", loadTally);

  S.start().then(function (session) {
    if (!session) { return; }
    loadCustom().then(loadList);
    loadTally();
  });
})();
