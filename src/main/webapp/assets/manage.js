// Manage your giving: opened from the signed link in receipts and plan emails (the token is in the
// URL fragment, kept in this tab only). Shows plans and gifts; pause, resume, change the amount,
// update the card (on Stripe's page) or cancel a recurring gift.
(function () {
  "use strict";
  var token = Api.fragmentToken("manageToken");
  var errorBox = document.getElementById("manage-error");
  var el = Api.el;
  var call = Api.call;

  /** Minor units in the currency's own decimals (usd: 2, jpy: 0), e.g. 4500 usd → "$45.00". */
  function money(minor, currency) {
    var format = new Intl.NumberFormat("en-US", { style: "currency", currency: (currency || "usd").toUpperCase() });
    return format.format(minor / Math.pow(10, format.resolvedOptions().maximumFractionDigits));
  }
  function fail(json) {
    errorBox.textContent = Api.problem(json);
    errorBox.hidden = false;
  }
  function base() { return "/api/manage/" + encodeURIComponent(token); }

  function change(plan, body) {
    errorBox.hidden = true;
    call("POST", base() + "/plans/" + plan.id, body).then(function (r) { if (r.ok) { load(); } else { fail(r.json); } });
  }

  function planItem(p) {
    var li = el("li", null, "shift");
    li.dataset.plan = p.id;
    li.appendChild(el("strong", money(p.amount, p.currency) + " " + p.frequency + " to " + p.fund + (p.test ? " (TEST)" : "")));
    var status = el("div", "Status: " + p.status + (p.pausedUntil ? " until " + p.pausedUntil : ""), "plan-status");
    li.appendChild(status);
    if (p.status === "canceled") { return li; }
    var actions = el("div", null, "toolbar");
    if (p.status === "paused") {
      var resume = el("button", "Resume now", "resume"); resume.type = "button";
      resume.addEventListener("click", function () { change(p, { action: "resume" }); });
      actions.appendChild(resume);
    } else {
      var until = el("input"); until.type = "date"; until.className = "pause-until"; until.setAttribute("aria-label", "Pause until");
      var pause = el("button", "Pause until this date", "secondary pause"); pause.type = "button";
      pause.addEventListener("click", function () { change(p, { action: "pause", until: until.value }); });
      actions.appendChild(until); actions.appendChild(pause);
    }
    var amount = el("input"); amount.type = "number"; amount.min = "5"; amount.step = "0.01"; amount.className = "new-amount";
    amount.placeholder = "New amount ($)"; amount.setAttribute("aria-label", "New amount in dollars");
    var setAmount = el("button", "Change amount", "secondary change-amount"); setAmount.type = "button";
    setAmount.addEventListener("click", function () { change(p, { action: "change_amount", amount: Math.round(Number(amount.value) * 100) }); });
    actions.appendChild(amount); actions.appendChild(setAmount);
    if (p.canUpdateCard) {
      var card = el("button", "Update card", "secondary"); card.type = "button";
      card.addEventListener("click", function () {
        call("POST", base() + "/plans/" + p.id + "/card").then(function (r) { if (r.ok) { window.location.assign(r.json.url); } else { fail(r.json); } });
      });
      actions.appendChild(card);
    }
    var reason = el("input"); reason.maxLength = 500; reason.placeholder = "Why (optional)"; reason.setAttribute("aria-label", "Reason for cancelling");
    var cancel = el("button", "Cancel this gift", "secondary cancel-plan"); cancel.type = "button";
    cancel.addEventListener("click", function () { change(p, { action: "cancel", reason: reason.value || undefined }); });
    actions.appendChild(reason); actions.appendChild(cancel);
    li.appendChild(actions);
    return li;
  }

  function load() {
    call("GET", base()).then(function (r) {
      if (!r.ok) { sessionStorage.removeItem("manageToken"); fail(r.json); document.getElementById("ask-link").hidden = false; return; }
      document.getElementById("donor").hidden = false;
      document.getElementById("donor-name").textContent = r.json.firstName || "friend";
      document.getElementById("donor-email").textContent = r.json.email;
      var plans = document.getElementById("plans");
      plans.textContent = "";
      if (!r.json.plans.length) { plans.appendChild(el("li", "You have no recurring gift.")); }
      r.json.plans.forEach(function (p) { plans.appendChild(planItem(p)); });
      var gifts = document.getElementById("gifts");
      gifts.textContent = "";
      r.json.gifts.forEach(function (g) {
        var tr = document.createElement("tr");
        [Api.date(g.paidAt), money(g.amount, g.currency) + (g.refunded ? " (" + money(g.refunded, g.currency) + " refunded)" : ""), g.fund, g.receipt || "", g.status]
          .forEach(function (c) { tr.appendChild(el("td", c)); });
        gifts.appendChild(tr);
      });
      var statements = document.getElementById("statements");
      statements.textContent = "";
      if (!r.json.statementYears.length) { statements.appendChild(el("li", "No statement yet: it appears with your first gift.")); }
      r.json.statementYears.forEach(function (year) {
        var a = el("a", "Download statement " + year + " (PDF)", "statement");
        a.href = base() + "/statements/" + year + ".pdf";
        a.setAttribute("download", "giving-statement-" + year + ".pdf");
        var li = el("li"); li.appendChild(a); statements.appendChild(li);
      });
      showImpact(r.json.statementYears.slice().sort().reverse());
    });
  }

  // what the donor's gifts funded, year by year: published quarters only, small numbers hidden
  function showImpact(years) {
    var list = document.getElementById("impact");
    list.textContent = "";
    if (!years.length) { list.appendChild(el("li", "Once your first gift is at work, you will see here what it helped fund.")); return; }
    years.reduce(function (chain, year) {
      return chain.then(function () {
        return call("GET", base() + "/impact?year=" + year).then(function (r) {
          if (!r.ok) { return; }
          list.appendChild(el("li", r.json.sentence));
          document.getElementById("impact-basis").textContent = r.json.basis;
        });
      });
    }, Promise.resolve());
  }

  document.getElementById("link-form").addEventListener("submit", function (event) {
    event.preventDefault();
    call("POST", "/api/manage/link", { email: document.getElementById("link-email").value }).then(function (r) {
      var done = document.getElementById("link-done");
      done.textContent = r.ok ? r.json.detail : ((r.json && r.json.detail) || "Check the email address.");
      done.hidden = false;
    });
  });
  document.getElementById("forget").addEventListener("click", function () {
    sessionStorage.removeItem("manageToken");
    window.location.assign("/give/manage");
  });
  if (token) { load(); } else { document.getElementById("ask-link").hidden = false; }
})();
