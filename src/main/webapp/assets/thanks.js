// Thank-you page: shows the gift's status once the payment is confirmed (no donor data).
(function () {
  "use strict";
  var panel = document.getElementById("thanks");
  var status = document.getElementById("thanks-status");
  var id = panel.dataset.gift;
  if (panel.dataset.plan) { return; }
  var tries = 0;

  /** Minor units in the currency's own decimals (usd: 2, jpy: 0), e.g. 4500 usd → "$45.00". */
  function money(minor, currency) {
    var format = new Intl.NumberFormat("en-US", { style: "currency", currency: (currency || "usd").toUpperCase() });
    return format.format(minor / Math.pow(10, format.resolvedOptions().maximumFractionDigits));
  }

  function check() {
    tries += 1;
    fetch("/api/donations/" + encodeURIComponent(id) + "/status", { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (gift) {
        if (gift && gift.status === "succeeded") {
          status.textContent = "Your gift of " + money(gift.amount, gift.currency) + " to " + gift.fund +
            " is confirmed. Receipt " + gift.receiptNumber + " is on its way to your email.";
        } else if (gift && gift.status === "failed") {
          status.textContent = "The payment did not go through. Nothing was charged.";
        } else if (tries < 15) {
          window.setTimeout(check, 1000);
        }
      })
      .catch(function () { if (tries < 15) { window.setTimeout(check, 1000); } });
  }
  check();
})();
