// Staff: one recurring gift (/staff/plans/{id}) with its instalments, and cancel with a reason
// (confirmed first; the API refuses a second cancel with 409).
(function () {
  "use strict";
  var S = window.Staff;
  var id = decodeURIComponent(window.location.pathname.split("/").pop());
  var form = document.getElementById("cancel-form");
  var current = null;
  var STATUS = { active: "Active", failing: "Failing: the last instalment did not go through", paused: "Paused", pending: "Not started yet",
    lapsed: "Lapsed: every retry failed", canceled: "Canceled" };
  var FREQ = { monthly: "every month", quarterly: "every quarter", annually: "every year" };

  function show(d) {
    current = d;
    var p = d.plan;
    document.getElementById("plan-title").textContent = S.money(p.amount, p.currency) + " " + (FREQ[p.frequency] || p.frequency) + " from " + (p.name || p.email);
    S.facts(document.getElementById("plan-facts"), [["Status", (STATUS[p.status] || p.status) + (p.test ? " (test processor)" : "")],
      ["Donor", p.email], ["Fund", p.fund], ["A month", S.money(p.monthlyValue, p.currency)],
      ["Started", p.startedAt ? S.date(p.startedAt) : "not yet"],
      ["Failed attempts at the open invoice", d.failedAttempts ? String(d.failedAttempts) : null],
      ["Canceled", p.canceledAt ? S.date(p.canceledAt) : null], ["Why", p.cancelReason]]);
    document.getElementById("cancel-card").hidden = ["canceled", "lapsed"].indexOf(p.status) >= 0;
    S.fill(document.querySelector("#instalments tbody"), d.instalments, function (g) {
      var link = S.el("a", g.paidAt ? S.date(g.paidAt) : "not paid");
      link.href = "/staff/gifts/" + g.giftId;
      return S.row([link, S.money(g.amount, g.currency) + (g.refundedAmount ? " (" + S.money(g.refundedAmount, g.currency) + " refunded)" : ""),
        S.giftStatus(g.status), g.receiptNumber || ""]);
    }, "No instalment yet.");
  }

  function load() {
    return S.call("GET", "/api/plans/" + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "This recurring gift could not be loaded."), true); return; }
      show(r.json);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var reason = document.getElementById("cancel-reason").value.trim();
    if (!reason) { S.showProblem(form, { json: { errors: [{ field: "reason", message: "say why it is canceled" }] } }); return; }
    var p = current.plan;
    S.confirm("Cancel " + S.money(p.amount, p.currency) + " " + (FREQ[p.frequency] || "") + " from " + p.email + "? This cannot be undone.", "Cancel the gift")
      .then(function (yes) {
        if (!yes) { return; }
        S.call("POST", "/api/plans/" + encodeURIComponent(id) + "/cancel", { reason: reason }).then(function (r) {
          if (!r.ok) { S.showProblem(form, r, "The recurring gift could not be canceled."); return; }
          load();
        });
      });
  });

  S.start().then(function (session) { if (session) { load(); } });
})();
