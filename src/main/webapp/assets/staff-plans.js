// Staff: recurring gifts by status, with the summary (active monthly revenue, revenue at risk,
// recovery rate); each plan opens its own page.
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("plan-filter");
  var select = document.getElementById("plan-status");
  var STATUS = { active: "Active", failing: "Failing", paused: "Paused", pending: "Not started", lapsed: "Lapsed", canceled: "Canceled" };
  var FREQ = { monthly: "a month", quarterly: "a quarter", annually: "a year" };

  function summary() {
    S.call("GET", "/api/plans/summary").then(function (r) {
      if (!r.ok) { return; }
      var s = r.json;
      var box = document.getElementById("plan-summary");
      box.textContent = "";
      box.appendChild(S.tile({ label: "Active", value: String(s.byStatus.active || 0), detail: S.money(s.monthlyRevenueActive, "usd") + " a month" }));
      box.appendChild(S.tile({ label: "Revenue at risk", value: S.money(s.revenueAtRisk, "usd") + " a month",
        detail: (s.byStatus.failing || 0) + " failing", attention: s.revenueAtRisk > 0 }));
      box.appendChild(S.tile({ label: "Recovery rate", value: s.failedInstalments ? Math.round(s.recoveryRate * 100) + "%" : "none failed",
        detail: s.recoveredInstalments + " of " + s.failedInstalments + " failed instalments paid later" }));
    });
  }

  function load() {
    var status = select.value;
    history.replaceState(null, "", window.location.pathname + S.query({ status: status }));
    S.call("GET", "/api/plans" + S.query({ status: status })).then(function (r) {
      if (!r.ok) { S.showProblem(form, r); return; }
      S.fill(document.querySelector("#plans tbody"), r.json, function (p) {
        var who = S.el("span");
        var link = S.el("a", p.name || p.email);
        link.href = "/staff/plans/" + p.id;
        who.appendChild(link);
        who.appendChild(S.el("span", " " + p.email, "fine"));
        var tr = S.row([who, S.money(p.amount, p.currency) + " " + (FREQ[p.frequency] || p.frequency), S.money(p.monthlyValue, p.currency),
          p.fund, p.startedAt ? S.date(p.startedAt) : "not yet", (STATUS[p.status] || p.status) + (p.test ? " · test" : "")]);
        tr.dataset.plan = p.id;
        return tr;
      }, "No recurring gifts here.");
    });
  }

  select.addEventListener("change", load);
  form.addEventListener("submit", function (e) { e.preventDefault(); load(); });
  S.start().then(function (session) {
    if (!session) { return; }
    var wanted = new URLSearchParams(window.location.search).get("status");
    if (wanted && STATUS[wanted]) { select.value = wanted; }
    summary();
    load();
  });
})();
