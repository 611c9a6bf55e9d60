// Staff (advocacy): custom campaign targets. Add one (an email or a postal address, or both),
// and retire one (confirmed: no new letters go to it; it stays for the record).
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("target-form");

  function load() {
    return S.call("GET", "/api/officials/custom").then(function (r) {
      if (!r.ok) { return; }
      S.fill(document.querySelector("#targets tbody"), r.json, function (t) {
        var cell = t.retiredAt ? "Retired " + S.date(t.retiredAt) : S.el("button", "Retire", "secondary");
        if (!t.retiredAt) {
          cell.type = "button";
          cell.addEventListener("click", function () {
            S.confirm("Retire " + t.name + "? No new letters go to them; what was sent stays on record.", "Retire").then(function (ok) {
              if (ok) { S.call("POST", "/api/officials/custom/" + encodeURIComponent(t.id) + "/retire").then(load); }
            });
          });
        }
        var by = [t.email ? "email" : null, t.postalAddress ? "post" : null].filter(Boolean).join(" and ");
        var tr = S.row([t.title + " " + t.name, t.organisation || "", by, S.date(t.createdAt), cell]);
        tr.dataset.target = t.name;
        return tr;
      }, "No custom targets yet.");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var v = function (id) { return document.getElementById(id).value.trim(); };
    var body = { name: v("t-name"), title: v("t-title"), organisation: v("t-organisation") || null,
      email: v("t-email") || null, postalAddress: v("t-address") || null };
    var errors = [];
    if (!body.name) { errors.push({ field: "name", message: "enter their name" }); }
    if (!body.title) { errors.push({ field: "title", message: "enter their title, as the letter greets them" }); }
    if (!body.email && !body.postalAddress) { errors.push({ field: "email", message: "give an email or a postal address to reach them" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    S.call("POST", "/api/officials/custom", body).then(function (r) {
      if (!r.ok) { S.showProblem(form, r, "The target could not be added."); return; }
      S.say("target-done", r.json.title + " " + r.json.name + " can now be chosen in a campaign.", false);
      form.reset();
      load();
    }).catch(function () { S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) { if (session) { load(); } });
})();
