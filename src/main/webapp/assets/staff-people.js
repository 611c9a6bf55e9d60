// Staff: find a person by name or email; each row opens their profile. The search lives in the
// address, so the back button brings it back.
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("people-search");
  var asked = 0; // only the newest search's answer is shown

  function flags(p) {
    var f = [];
    if (p.safeContact.discreetSender) { f.push("discreet sender"); }
    if (p.safeContact.noPostalMail) { f.push("no postal mail"); }
    if (p.safeContact.doNotFeature) { f.push("do not feature"); }
    return f.join(", ");
  }

  function load() {
    S.clearErrors(form);
    var q = form.elements.q.value.trim();
    history.replaceState(null, "", window.location.pathname + S.query({ q: q }));
    document.getElementById("people-csv").href = "/api/supporters/export.csv" + S.query({ q: q });
    var mine = ++asked;
    S.call("GET", "/api/supporters" + S.query({ q: q, limit: 100 })).then(function (r) {
      if (mine !== asked) { return; }
      if (!r.ok) { S.showProblem(form, r); return; }
      S.fill(document.querySelector("#people tbody"), r.json, function (p) {
        var name = S.el("a", ((p.firstName || "") + " " + (p.lastName || "")).trim() || "no name given");
        name.href = "/staff/people/" + p.id;
        var tr = S.row([name, p.email, p.address ? p.address.city : "", flags(p), S.date(p.createdAt)]);
        tr.dataset.person = p.id;
        return tr;
      }, q ? "Nobody matches this search." : "Nobody yet.");
    }).catch(function () { S.showProblem(form, { status: 0 }); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); load(); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { form.elements.q.value = q; }
  S.start().then(function (session) { if (session) { load(); } });
})();
