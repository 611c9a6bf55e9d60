// Staff: impact. The month × service-type grid (counts as entered; each changed cell is saved on
// its own and its error shown beside it), CSV imports with their line-numbered errors, unit costs
// with their basis, the restricted-fund ledger and a re-release, the quarters to publish with a
// preview of what the public will see, and the service types.
(function () {
  "use strict";
  var S = window.Staff;
  var types = [];
  var WORDS = { serviceType: "service type", month: "month", count: "number", name: "name",
    unit: "unit", unitPlural: "plural unit", code: "code", program: "program", funds: "fund", period: "quarter" };

  function fail(r, box) { S.say(box || "page-error", plain(r.json), true); }
  // a problem in plain words: "number: must not be negative", never an API field name
  function plain(json) {
    if (!json) { return "Something went wrong."; }
    var text = json.detail || json.title || "Something went wrong.";
    if (json.errors && json.errors.length) {
      text += " " + json.errors.map(function (e) {
        return (WORDS[e.field] || e.field) + ": " + e.message;
      }).join("; ");
    }
    return text;
  }
  function money(m) {
    return m ? (m.amount / 100).toLocaleString("en-US", { style: "currency", currency: m.currency.toUpperCase() }) : "";
  }
  function thisMonth() { var d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0"); }
  function monthName(m) {
    var d = new Date(m + "-15T12:00:00Z");
    return d.toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
  }

  function loadGrid() {
    var to = document.getElementById("grid-to").value || thisMonth();
    return S.call("GET", "/api/impact/services?to=" + encodeURIComponent(to)).then(function (r) {
      if (!r.ok) { fail(r); return; }
      var cells = {};
      r.json.cells.forEach(function (c) { cells[c.serviceType + "/" + c.month] = c.count; });
      var head = document.querySelector("#grid thead");
      var body = document.querySelector("#grid tbody");
      head.textContent = ""; body.textContent = "";
      var hr = document.createElement("tr");
      hr.appendChild(S.el("th", "Service"));
      r.json.months.forEach(function (m) { hr.appendChild(S.el("th", monthName(m))); });
      head.appendChild(hr);
      r.json.serviceTypes.forEach(function (t) {
        var tr = document.createElement("tr");
        tr.appendChild(S.el("th", t.name + " (" + t.unitPlural + ")"));
        r.json.months.forEach(function (m) {
          var td = document.createElement("td");
          var input = document.createElement("input");
          input.type = "number"; input.min = "0"; input.step = "1"; input.inputMode = "numeric";
          input.setAttribute("aria-label", t.unitPlural + ", " + monthName(m));
          var key = t.code + "/" + m;
          input.value = key in cells ? cells[key] : "";
          input.dataset.was = input.value;
          input.dataset.type = t.code; input.dataset.month = m;
          td.appendChild(input);
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    });
  }

  function saveGrid() {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("#grid input"));
    var changed = inputs.filter(function (i) { return i.value !== i.dataset.was && i.value !== ""; });
    if (!changed.length) { S.say("grid-result", "Nothing changed.", false); return; }
    var saved = 0, failed = 0;
    var chain = Promise.resolve();
    changed.forEach(function (input) {
      chain = chain.then(function () {
        var td = input.parentNode;
        var old = td.querySelector(".field-error");
        if (old) { td.removeChild(old); }
        td.className = "";
        var n = Number(input.value);
        var body = Number.isInteger(n) ? { count: n } : { count: input.value };
        return S.call("PUT", "/api/impact/services/" + encodeURIComponent(input.dataset.type) + "/" + input.dataset.month, body)
          .then(function (r) {
            if (r.ok) { saved++; input.dataset.was = input.value; return; }
            failed++;
            td.className = "error-cell";
            var msg = r.json && r.json.errors && r.json.errors.length ? r.json.errors[0].message : plain(r.json);
            if (r.json && r.json.type === "/problems/malformed-json") { msg = "must be a whole number"; }
            td.appendChild(S.el("span", msg, "field-error"));
          });
      });
    });
    chain.then(function () {
      S.say("grid-result", saved + " saved" + (failed ? ", " + failed + " not saved: see the cells marked" : "") + ".", failed > 0);
      loadFunds();
    });
  }

  function importFile(e) {
    e.preventDefault();
    var file = document.getElementById("import-file").files[0];
    var errors = document.getElementById("import-errors");
    errors.textContent = "";
    if (!file) { S.say("import-result", "Choose a CSV file first.", true); return; }
    var kind = document.getElementById("import-kind").value;
    file.text().then(function (text) {
      var headers = S.csrfHeaders(); headers["Content-Type"] = "text/csv"; headers.Accept = "application/json";
      return fetch("/api/impact/" + kind + "/import", { method: "POST", credentials: "same-origin", headers: headers, body: text });
    }).then(function (r) {
      return r.text().then(function (t) { var j = null; try { j = JSON.parse(t); } catch (x) { j = { detail: t }; } return { ok: r.ok, json: j }; });
    }).then(function (r) {
      if (r.ok) {
        S.say("import-result", r.json.lines + " lines read, " + r.json.changed + " changed.", false);
        loadGrid(); loadFunds();
        return;
      }
      S.say("import-result", r.json.detail || "The file was not imported.", true);
      (r.json.errors || []).forEach(function (x) { errors.appendChild(S.el("li", x.field + ": " + x.message)); });
    });
  }

  function loadCosts(e) {
    if (e) { e.preventDefault(); }
    var box = document.getElementById("costs");
    var month = document.getElementById("costs-month").value;
    var path = "/api/impact/unit-costs" + (month ? "?month=" + encodeURIComponent(month) : "");
    return S.call("GET", path).then(function (r) {
      box.textContent = "";
      if (!r.ok) { fail(r); return; }
      if (!r.json.length) { box.appendChild(S.el("li", "No quarter is published yet: choose a month to see its unit costs.")); }
      r.json.forEach(function (u) {
        var t = types.filter(function (x) { return x.code === u.serviceType; })[0];
        box.appendChild(S.el("li", (t ? t.name + ": " : "") + (u.unitCost ? u.basis.text : "not known yet (" + u.basis.text + ")")));
      });
    });
  }

  function loadFunds() {
    return S.call("GET", "/api/impact/funds").then(function (r) {
      var body = document.getElementById("funds");
      body.textContent = "";
      if (!r.ok) { fail(r); return; }
      r.json.forEach(function (f) {
        var details = document.createElement("details");
        details.appendChild(S.el("summary", f.releases.length + " releases"));
        var list = S.el("ul", null, "plain");
        f.releases.forEach(function (x) {
          list.appendChild(S.el("li", monthName(x.month) + " · " + x.serviceType + " · " + money(x.amount) + " · " + x.display));
        });
        details.appendChild(list);
        var covered = f.restricted ? f.monthsCovered + (f.oversubscribed ? " (over-subscribed)" : "") : "unrestricted";
        body.appendChild(S.row([f.name, money(f.received), money(f.released), money(f.balance), covered, f.releases.length ? details : ""]));
      });
    });
  }

  var ROUNDINGS = [[1, "to the cent"], [100, "to the dollar"], [500, "to $5"], [1000, "to $10"], [2500, "to $25"]];
  var ASK_WORDS = { serviceType: "service", units: "how many", followsCost: "follow the cost", roundTo: "rounding",
    label: "label", amount: "amount", currency: "currency" };

  // Every fund's asks, each with what it is bound to and its check against the real cost; a row's
  // Save sends the fund back with that ask changed (the amount and label as written, never the
  // followed ones).
  function loadAsks() {
    return S.call("GET", "/api/funds?all=true").then(function (r) {
      var body = document.getElementById("asks");
      body.textContent = "";
      if (!r.ok) { fail(r, "asks-result"); return; }
      r.json.forEach(function (fund) {
        fund.askAmounts.forEach(function (ask, i) { body.appendChild(askRow(fund, ask, i)); });
      });
    });
  }

  function labelled(text, control) {
    var label = S.el("label", text + " ");
    label.appendChild(control);
    return label;
  }

  // One ask as a card: what donors see, what it pays for, whether it follows the cost, its check.
  function askRow(fund, ask, i) {
    var card = S.el("li", null, "card ask-card");
    card.appendChild(S.el("h3", fund.name + ": " + ask.label));
    var type = document.createElement("select");
    type.appendChild(S.el("option", "nothing counted")).value = "";
    types.forEach(function (t) {
      var o = S.el("option", t.unit); o.value = t.code; o.selected = t.code === ask.serviceType;
      type.appendChild(o);
    });
    var units = document.createElement("input");
    units.type = "number"; units.min = "1"; units.max = "1000"; units.step = "1"; units.inputMode = "numeric";
    units.className = "narrow"; units.value = ask.units || "";
    var paysFor = S.el("p", null, "inline");
    paysFor.appendChild(labelled("Pays for", units));
    paysFor.appendChild(labelled("×", type));
    card.appendChild(paysFor);
    var follows = document.createElement("input");
    follows.type = "checkbox"; follows.checked = ask.followsCost;
    var round = document.createElement("select");
    ROUNDINGS.forEach(function (x) { var o = S.el("option", x[1]); o.value = x[0]; o.selected = x[0] === ask.roundTo; round.appendChild(o); });
    var follow = S.el("p", null, "inline");
    follow.appendChild(labelled("Follow the cost", follows));
    follow.appendChild(labelled("rounded", round));
    card.appendChild(follow);
    var check = ask.check;
    card.appendChild(S.el("p", check ? check.note : "Not bound to a service: nothing to check.", check && check.warning ? "badge warn" : "fine"));
    var save = S.el("button", "Save", "secondary"); save.type = "button";
    var error = S.el("p", "", "field-error"); error.hidden = true;
    card.appendChild(save); card.appendChild(error);
    save.addEventListener("click", function () {
      error.hidden = true;
      var asks = fund.askAmounts.map(function (a) {
        var c = a.check;
        return { amount: c ? c.writtenAmount : a.amount, currency: a.currency, label: c ? c.writtenLabel : a.label,
          serviceType: a.serviceType, units: a.units, followsCost: a.followsCost, roundTo: a.roundTo };
      });
      var n = units.value === "" ? null : Number(units.value);
      asks[i].serviceType = type.value || null;
      asks[i].units = type.value ? (Number.isInteger(n) ? n : units.value) : null;
      asks[i].followsCost = follows.checked;
      asks[i].roundTo = Number(round.value);
      S.call("PUT", "/api/funds/" + encodeURIComponent(fund.code), { code: fund.code, name: fund.name,
        description: fund.description, restricted: fund.restricted, active: fund.active, askAmounts: asks })
        .then(function (r) {
          if (r.ok) { S.say("asks-result", "Saved " + fund.name + ".", false); loadAsks(); return; }
          var e = r.json && r.json.errors && r.json.errors[0];
          error.textContent = e ? (ASK_WORDS[e.field.replace(/^askAmounts\[\d+\]\./, "")] || "this ask") + ": " + e.message : plain(r.json);
          if (r.status === 403) { error.textContent = "Only fundraising staff may change a fund's asks."; }
          error.hidden = false;
        });
    });
    return card;
  }

  function previewDonor(e) {
    e.preventDefault();
    ["email", "year"].forEach(function (f) { document.getElementById("donor-" + f + "-error").hidden = true; });
    var email = document.getElementById("donor-email").value.trim();
    var year = document.getElementById("donor-year").value;
    S.call("GET", "/api/impact/preview/donor?email=" + encodeURIComponent(email) + (year ? "&year=" + encodeURIComponent(year) : "")).then(function (r) {
      var box = document.getElementById("donor-preview");
      if (!r.ok) {
        box.hidden = true;
        var x = r.json && r.json.errors && r.json.errors[0];
        var field = x && document.getElementById("donor-" + x.field + "-error") ? x.field : "email";
        var el = document.getElementById("donor-" + field + "-error");
        el.textContent = x ? x.message : (r.json && r.json.detail) || "Something went wrong.";
        el.hidden = false;
        return;
      }
      box.hidden = false;
      document.getElementById("donor-sentence").textContent = r.json.sentence;
      var list = document.getElementById("donor-lines");
      list.textContent = "";
      r.json.lines.forEach(function (l) { list.appendChild(S.el("li", l.display)); });
      document.getElementById("donor-basis").textContent = r.json.basis;
    });
  }

  function release() {
    var month = document.getElementById("release-month").value;
    if (!month) { S.say("release-result", "Choose the month to release again from.", true); return; }
    S.call("POST", "/api/impact/releases/" + month).then(function (r) {
      if (!r.ok) { fail(r, "release-result"); return; }
      S.say("release-result", "Released " + r.json.months + " months from " + monthName(r.json.from || month) + ": " + r.json.releases + " releases.", false);
      loadFunds();
    });
  }

  function loadPublications() {
    return S.call("GET", "/api/impact/publications").then(function (r) {
      if (!r.ok) { fail(r); return; }
      var body = document.getElementById("unpublished");
      body.textContent = "";
      document.getElementById("published").textContent =
        r.json.published.map(function (p) { return p.period; }).join(", ") || "nothing yet";
      r.json.unpublished.forEach(function (q) {
        var look = S.el("button", "Preview", "secondary"); look.type = "button";
        look.addEventListener("click", function () { preview(q.period); });
        var cell = document.createElement("span");
        cell.appendChild(look);
        if (q.ready === "true") {
          var go = S.el("button", "Publish"); go.type = "button";
          go.addEventListener("click", function () { publish(q.period); });
          cell.appendChild(go);
        }
        body.appendChild(S.row([q.period, q.ready === "true" ? "now" : q.opensOn, cell]));
      });
    });
  }

  function preview(period) {
    S.call("GET", "/api/impact/preview?period=" + period).then(function (r) {
      if (!r.ok) { fail(r, "publish-result"); return; }
      document.getElementById("preview").hidden = false;
      document.getElementById("preview-title").textContent = period + " as the public will see it";
      var body = document.getElementById("preview-rows");
      body.textContent = "";
      r.json.services.forEach(function (s) { body.appendChild(S.row([s.name, s.display + " " + s.unitPlural])); });
    });
  }

  function publish(period) {
    if (!window.confirm("Publish " + period + "? It shows on the public impact page and in donors' impact, and cannot be undone.")) { return; }
    S.call("POST", "/api/impact/publications", { period: period }).then(function (r) {
      if (!r.ok) { fail(r, "publish-result"); return; }
      S.say("publish-result", period + " is published.", false);
      loadPublications();
    });
  }

  function loadTypes() {
    return Promise.all([S.call("GET", "/api/impact/service-types"), S.call("GET", "/api/funds?all=true")]).then(function (rs) {
      if (!rs[0].ok) { fail(rs[0]); return; }
      types = rs[0].json;
      var body = document.getElementById("types");
      body.textContent = "";
      types.forEach(function (t) { body.appendChild(S.row([t.code, t.program, t.name, t.unit + " / " + t.unitPlural, t.funds.join(", ") || "unrestricted only"])); });
      var select = document.getElementById("t-fund");
      if (rs[1].ok && select.options.length === 1) {
        rs[1].json.filter(function (f) { return f.restricted; }).forEach(function (f) {
          var o = S.el("option", f.name); o.value = f.code; select.appendChild(o);
        });
      }
    });
  }

  function addType(e) {
    e.preventDefault();
    ["code", "name", "unit", "unitPlural"].forEach(function (f) { document.getElementById("t-" + f + "-error").hidden = true; });
    var fund = document.getElementById("t-fund").value;
    S.call("POST", "/api/impact/service-types", {
      code: document.getElementById("t-code").value.trim(),
      program: document.getElementById("t-program").value,
      name: document.getElementById("t-name").value,
      unit: document.getElementById("t-unit").value,
      unitPlural: document.getElementById("t-plural").value,
      funds: fund ? [fund] : []
    }).then(function (r) {
      if (r.ok) { S.say("type-result", "Added.", false); loadTypes().then(loadGrid); return; }
      var shown = false;
      (r.json && r.json.errors || []).forEach(function (x) {
        var box = document.getElementById("t-" + x.field + "-error");
        if (box) { box.textContent = x.message; box.hidden = false; shown = true; }
      });
      if (!shown) { fail(r, "type-result"); }
    });
  }

  S.start().then(function (session) {
    if (!session) { return; }
    document.getElementById("grid-to").value = thisMonth();
    document.getElementById("grid-range").addEventListener("submit", function (e) { e.preventDefault(); loadGrid(); });
    document.getElementById("grid-save").addEventListener("click", saveGrid);
    document.getElementById("import-form").addEventListener("submit", importFile);
    document.getElementById("costs-form").addEventListener("submit", loadCosts);
    document.getElementById("release").addEventListener("click", release);
    document.getElementById("type-form").addEventListener("submit", addType);
    document.getElementById("donor-form").addEventListener("submit", previewDonor);
    document.getElementById("donor-year").value = new Date().getFullYear();
    loadTypes().then(function () { loadGrid(); loadCosts(); loadAsks(); });
    loadFunds();
    loadPublications();
  });
})();
