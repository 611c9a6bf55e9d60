// Staff: the funds, each editable in its own card (name, what it pays for, restricted, its plain
// suggested amounts), closed or reopened (closing is confirmed); and a form that adds a fund. A
// save sends the fund whole, with the asks bound to a service's cost kept as they are.
(function () {
  "use strict";
  var S = window.Staff;
  var box = document.getElementById("funds");
  var currency = "usd";

  function input(id, field, value, attrs) {
    var e = document.createElement("input");
    e.id = id;
    e.setAttribute("data-field", field);
    e.value = value === null || value === undefined ? "" : value;
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function label(forId, text) {
    var l = S.el("label", text);
    l.htmlFor = forId;
    return l;
  }

  // one plain ask: amount and what it pays for, with a remove button
  function askRow(list, fund, ask) {
    var n = list.children.length;
    var row = S.el("div", null, "ask-row");
    var pre = fund.code + "-ask-" + n + "-";
    row.appendChild(label(pre + "amount", "Amount ($)"));
    row.appendChild(input(pre + "amount", "askAmounts[" + n + "].amount", ask ? (ask.amount / 100).toFixed(2) : "", { inputmode: "decimal", autocomplete: "off" }));
    row.appendChild(label(pre + "label", "What it pays for"));
    row.appendChild(input(pre + "label", "askAmounts[" + n + "].label", ask ? ask.label : "", { maxlength: "120", autocomplete: "off" }));
    var remove = S.el("button", "Remove", "secondary");
    remove.type = "button";
    remove.addEventListener("click", function () { row.remove(); });
    row.appendChild(remove);
    list.appendChild(row);
  }

  function card(fund) {
    var c = S.el("section", null, "card");
    c.dataset.fund = fund.code;
    c.appendChild(S.el("h2", fund.name + (fund.active ? "" : " (closed)")));
    c.appendChild(S.el("p", "Code " + fund.code + (fund.restricted ? " · restricted" : " · unrestricted"), "fine"));
    var form = S.el("form", null, "form-grid");
    form.noValidate = true;
    var id = "f-" + fund.code + "-";
    form.appendChild(label(id + "name", "Name donors see"));
    form.appendChild(input(id + "name", "name", fund.name, { maxlength: "80" }));
    form.appendChild(label(id + "description", "What it pays for"));
    var d = document.createElement("textarea");
    d.id = id + "description";
    d.setAttribute("data-field", "description");
    d.rows = 2;
    d.maxLength = 500;
    d.value = fund.description || "";
    form.appendChild(d);
    form.appendChild(label(id + "restricted", "Restricted: spent only on its purpose"));
    var r = document.createElement("input");
    r.type = "checkbox";
    r.id = id + "restricted";
    r.checked = fund.restricted;
    form.appendChild(r);
    form.appendChild(S.el("span", "Suggested amounts"));
    var asks = S.el("div", null, "asks");
    var bound = fund.askAmounts.filter(function (a) { return a.serviceType; });
    fund.askAmounts.filter(function (a) { return !a.serviceType; }).forEach(function (a) { askRow(asks, fund, a); });
    form.appendChild(asks);
    if (bound.length) {
      form.appendChild(S.el("span"));
      form.appendChild(S.el("p", bound.length + (bound.length === 1 ? " amount follows" : " amounts follow") +
        " the cost of a service (" + bound.map(function (a) { return S.money(a.amount, a.currency) + ": " + a.label; }).join("; ") + "): change them on the impact page.", "fine"));
    }
    form.appendChild(S.el("span"));
    var add = S.el("button", "Add a suggested amount", "secondary");
    add.type = "button";
    add.addEventListener("click", function () { askRow(asks, fund, null); });
    form.appendChild(add);
    form.appendChild(S.el("span"));
    var save = S.el("button", "Save");
    save.type = "submit";
    form.appendChild(save);
    var err = S.el("p", null, "error form-error");
    err.setAttribute("role", "alert");
    err.hidden = true;
    form.appendChild(err);
    c.appendChild(form);
    var done = S.el("p", null, "notice");
    done.id = id + "done";
    done.setAttribute("role", "status");
    done.hidden = true;
    c.appendChild(done);
    var toggle = S.el("button", fund.active ? "Close the fund…" : "Reopen the fund", fund.active ? "danger" : "secondary");
    toggle.type = "button";
    toggle.className += " fund-toggle";
    c.appendChild(toggle);

    function body(active) {
      var errors = [];
      var out = { code: fund.code, name: form.querySelector("#" + CSS.escape(id + "name")).value.trim(),
        description: d.value.trim(), restricted: r.checked, active: active, askAmounts: [] };
      if (!out.name) { errors.push({ field: "name", message: "give the fund a name donors will see" }); }
      asks.querySelectorAll(".ask-row").forEach(function (row, i) {
        var inputs = row.querySelectorAll("input");
        inputs[0].setAttribute("data-field", "askAmounts[" + i + "].amount");
        inputs[1].setAttribute("data-field", "askAmounts[" + i + "].label");
        var cents = S.cents(inputs[0].value);
        if (cents === null || cents <= 0) { errors.push({ field: "askAmounts[" + i + "].amount", message: "enter an amount such as 50 or 50.00" }); }
        if (!inputs[1].value.trim()) { errors.push({ field: "askAmounts[" + i + "].label", message: "say what this amount pays for" }); }
        out.askAmounts.push({ amount: cents, currency: fund.askAmounts[0] ? fund.askAmounts[0].currency : currency, label: inputs[1].value.trim() });
      });
      bound.forEach(function (a) {
        out.askAmounts.push({ amount: a.amount, currency: a.currency, label: a.label, serviceType: a.serviceType, units: a.units, followsCost: a.followsCost, roundTo: a.roundTo });
      });
      if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return null; }
      return out;
    }

    function send(b, button, message) {
      button.disabled = true;
      return S.call("PUT", "/api/funds/" + encodeURIComponent(fund.code), b).then(function (res) {
        button.disabled = false;
        if (!res.ok) { S.showProblem(form, res, "The fund could not be saved."); return; }
        return load(fund.code).then(function () { S.say(id + "done", message, false); });
      }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      S.clearErrors(form);
      var b = body(fund.active);
      if (b) { send(b, save, "Saved " + b.name + "."); }
    });
    toggle.addEventListener("click", function () {
      S.clearErrors(form);
      var b = body(!fund.active);
      if (!b) { return; }
      if (!fund.active) { send(b, toggle, "Reopened " + fund.name + ": donors can choose it again."); return; }
      S.confirm("Close " + fund.name + "? Donors can no longer choose it, and staff cannot record new gifts to it. Its gifts and reports stay.", "Close the fund")
        .then(function (yes) { if (yes) { send(b, toggle, "Closed " + fund.name + "."); } });
    });
    return c;
  }

  function load(focus) {
    return S.call("GET", "/api/funds?all=true").then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "The funds could not be loaded."), true); return; }
      box.textContent = "";
      r.json.forEach(function (f) { box.appendChild(card(f)); });
      if (focus) {
        var c = box.querySelector('[data-fund="' + focus + '"]');
        if (c) { c.scrollIntoView(); }
      }
    });
  }

  var form = document.getElementById("new-fund");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var b = { code: document.getElementById("new-code").value.trim(), name: document.getElementById("new-name").value.trim(),
      description: document.getElementById("new-description").value.trim(), restricted: document.getElementById("new-restricted").checked,
      active: true, askAmounts: [] };
    var errors = [];
    if (!b.code) { errors.push({ field: "code", message: "give a short code such as winter-appeal" }); }
    else if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(b.code)) { errors.push({ field: "code", message: "use lowercase letters, digits and dashes, such as winter-appeal" }); }
    if (!b.name) { errors.push({ field: "name", message: "give the fund a name donors will see" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    S.call("POST", "/api/funds", b).then(function (r) {
      button.disabled = false;
      if (!r.ok) {
        if (r.status === 409) { r = { status: 409, json: { errors: [{ field: "code", message: "a fund with this code exists: choose another" }] } }; }
        S.showProblem(form, r, "The fund could not be added.");
        return;
      }
      form.reset();
      S.say("new-done", "Added " + r.json.name + ". Give it suggested amounts in its card above.", false);
      load(r.json.code);
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) {
    if (!session) { return; }
    Api.call("GET", "/api/giving").then(function (r) { if (r.ok && r.json.currencies.length) { currency = r.json.currencies[0]; } });
    load();
  });
})();
