// Staff (admins): the audit trail, filtered by who, what and when, 50 at a time; each entry's
// record before and after the change, opened on demand.
(function () {
  "use strict";
  var S = window.Staff;
  var PAGE = 50;
  var form = document.getElementById("audit-filter");
  var pager = S.pager(document.getElementById("audit-pager"), PAGE, function () { load(); });

  function change(e) {
    if (!e.before && !e.after) { return ""; }
    var details = document.createElement("details");
    details.appendChild(S.el("summary", "Before and after"));
    if (e.before) { details.appendChild(S.el("p", "Before", "fine")); details.appendChild(S.el("pre", pretty(e.before), "audit-state")); }
    if (e.after) { details.appendChild(S.el("p", "After", "fine")); details.appendChild(S.el("pre", pretty(e.after), "audit-state")); }
    return details;
  }

  function pretty(json) {
    try { return JSON.stringify(JSON.parse(json), null, 2); } catch (x) { return json; }
  }

  // only the newest query's answer is shown: an older one arriving late must not overwrite it
  var asked = 0;

  function load() {
    S.clearErrors(form);
    var f = form.elements;
    var q = S.query({ actor: f.actor.value.trim(), action: f.action.value.trim(), from: f.from.value, to: f.to.value,
      limit: PAGE + 1, offset: pager.offset() });
    var mine = ++asked;
    S.call("GET", "/api/audit" + q).then(function (r) {
      if (mine !== asked) { return; }
      if (!r.ok) { S.showProblem(form, r, "The trail could not be read."); return; }
      var more = r.json.length > PAGE;
      var entries = r.json.slice(0, PAGE);
      S.fill(document.querySelector("#audit tbody"), entries, function (e) {
        var tr = S.row([S.dateTime(e.at), e.actor.replace(/^staff:/, ""), e.action,
          e.entityType + (e.entityId ? " " + e.entityId : ""), change(e)]);
        tr.dataset.action = e.action;
        return tr;
      }, "Nothing matches.");
      pager.show(entries.length, more);
    }).catch(function () { S.showProblem(form, { status: 0 }); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); pager.reset(); load(); });

  S.start().then(function (session) { if (session) { load(); } });
})();
