// Staff: one offline gift, recorded from its own page; the confirmation links to the gift.
(function () {
  "use strict";
  var S = window.Staff;
  var currency = "usd";
  var form = document.getElementById("offline-form");
  document.getElementById("off-received").value = S.today();
  S.start().then(function (session) {
    if (!session) { return; }
    Api.call("GET", "/api/giving").then(function (r) { if (r.ok && r.json.currencies.length) { currency = r.json.currencies[0]; } });
    OfflineForm.bind(form, {
      currency: function () { return currency; },
      recorded: function (g) {
        var box = document.getElementById("offline-done");
        box.textContent = "Recorded " + (g.source === "in_kind" ? "a gift in kind" : S.money(g.amountCharged, g.currency)) +
          " with receipt " + g.receiptNumber + ". ";
        var link = S.el("a", "Open the gift");
        link.href = "/staff/gifts/" + g.id;
        box.appendChild(link);
        box.hidden = false;
      }
    });
  });
})();
