// Staff: one deposit batch. Its checks are entered here (each receipted as it is entered), its
// total is set against the slip's, and it closes (confirmed) once they match.
(function () {
  "use strict";
  var S = window.Staff;
  var id = decodeURIComponent(window.location.pathname.split("/").pop());
  var batch = null;
  var bound = false;

  function show(d) {
    batch = d.batch;
    var b = d.batch;
    var m = function (c) { return S.money(c, b.currency); };
    document.getElementById("batch-title").textContent = "Deposit of " + S.date(b.depositedOn + "T12:00:00Z") + (b.reference ? " · slip " + b.reference : "");
    S.facts(document.getElementById("batch-facts"), [
      ["Entered", b.count + (b.count === 1 ? " gift, " : " gifts, ") + m(b.total)],
      ["The slip says", (b.expectedCount || b.expectedTotal) ? [b.expectedCount ? b.expectedCount + " items" : null, b.expectedTotal ? m(b.expectedTotal) : null].filter(Boolean).join(", ") : null],
      ["Returned unpaid", b.bouncedCount ? b.bouncedCount + " · " + m(b.bouncedTotal) : null],
      ["Voided (entered in error)", b.voidedCount ? String(b.voidedCount) : null],
      ["Opened by", b.createdBy.replace(/^staff:/, "") + ", " + S.dateTime(b.createdAt)],
      ["Closed", b.closedAt ? S.dateTime(b.closedAt) + " by " + b.closedBy.replace(/^staff:/, "") : null]
    ]);
    var standing = document.getElementById("batch-standing");
    standing.textContent = !b.open ? "This batch is closed: it takes no more gifts." : (b.notClosable || "The entered gifts match the slip. Close the batch when the deposit is done.");
    standing.className = b.open && b.notClosable ? "fine" : "notice";
    document.getElementById("batch-close").hidden = !b.open;
    document.getElementById("entry-card").hidden = !b.open;
    S.fill(document.querySelector("#batch-gifts tbody"), d.gifts, function (g) {
      var donor = S.el("a", ((g.donorFirstName || "") + " " + (g.donorLastName || "")).trim() || g.donorEmail);
      donor.href = "/staff/gifts/" + g.id;
      var tr = S.row([donor, m(g.amountCharged), g.reference || "", g.receivedOn ? S.date(g.receivedOn + "T12:00:00Z") : "",
        S.giftStatus(g.status), g.receiptNumber || ""]);
      tr.dataset.gift = g.id;
      return tr;
    }, "No gifts entered yet.");
    if (!bound && b.open) {
      bound = true;
      var form = document.getElementById("offline-form");
      document.getElementById("off-received").value = b.depositedOn;
      OfflineForm.bind(form, {
        batch: b.id,
        sources: ["check", "cash"],
        currency: function () { return batch.currency; },
        recorded: function (g) {
          S.say("offline-done", "Entered " + S.money(g.amountCharged, g.currency) + " (receipt " + g.receiptNumber + ").", false);
          load();
        }
      });
    }
  }

  function load() {
    return S.call("GET", "/api/deposit-batches/" + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "This batch could not be loaded."), true); return; }
      show(r.json);
    });
  }

  document.getElementById("batch-close").addEventListener("click", function () {
    var button = this;
    document.getElementById("close-error").hidden = true;
    S.confirm("Close this batch of " + batch.count + " gifts totalling " + S.money(batch.total, batch.currency) + "? No more gifts can be entered in it.", "Close the batch")
      .then(function (yes) {
        if (!yes) { return; }
        button.disabled = true;
        S.call("POST", "/api/deposit-batches/" + encodeURIComponent(id) + "/close").then(function (r) {
          button.disabled = false;
          if (!r.ok) { S.say("close-error", S.problem(r.json, "The batch could not be closed."), true); return; }
          load();
        });
      });
  });

  S.start().then(function (session) { if (session) { load(); } });
})();
