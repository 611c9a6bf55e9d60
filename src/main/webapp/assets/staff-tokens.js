// Staff (admins): their API tokens. Make one (shown once), see when each was last used, and
// revoke one (confirmed: the integration using it stops at once).
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("token-form");

  function load() {
    return S.call("GET", "/api/staff/tokens").then(function (r) {
      if (!r.ok) { return; }
      S.fill(document.querySelector("#tokens tbody"), r.json, function (t) {
        var cell = "";
        if (t.revokedAt) { cell = "Revoked " + S.date(t.revokedAt); }
        else if (new Date(t.expiresAt) < new Date()) { cell = "Expired"; }
        else {
          cell = S.el("button", "Revoke", "danger");
          cell.type = "button";
          cell.addEventListener("click", function () {
            S.confirm("Revoke the token for " + t.name + "? Whatever uses it stops working at once.", "Revoke").then(function (ok) {
              if (!ok) { return; }
              S.call("DELETE", "/api/staff/tokens/" + t.id).then(load);
            });
          });
        }
        var tr = S.row([t.name, S.date(t.createdAt), S.date(t.expiresAt), t.lastUsedAt ? S.dateTime(t.lastUsedAt) : "Never", cell]);
        tr.dataset.token = t.name;
        return tr;
      }, "No tokens yet.");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var name = document.getElementById("token-name").value.trim();
    var days = document.getElementById("token-days").value;
    var errors = [];
    if (!name) { errors.push({ field: "name", message: "say what the token is for" }); }
    if (days && !/^\d+$/.test(days)) { errors.push({ field: "expiresInDays", message: "enter a number of days from 1 to 365" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    S.call("POST", "/api/staff/tokens", { name: name, expiresInDays: days ? Number(days) : undefined }).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The token could not be made."); return; }
      document.getElementById("token-secret").textContent = r.json.token;
      document.getElementById("token-made").hidden = false;
      form.reset();
      load();
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) { if (session) { load(); } });
})();
