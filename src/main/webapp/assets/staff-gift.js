// Staff: one gift (/staff/gifts/{id}) with its donor, refunds, receipts and payment history; a
// refund (full or part, confirmed first) and a receipt copy. Each action carries an idempotency key
// made when the form is ready, so a double click or a retry is the same request.
(function () {
  "use strict";
  var S = window.Staff;
  var id = decodeURIComponent(window.location.pathname.split("/").pop());
  var form = document.getElementById("refund-form");
  var refundKey = S.newKey();
  var receiptKey = S.newKey();
  var current = null;
  var STATE = { requested: "Sent to the processor, no answer yet", sent: "Refunded", refused: "Refused by the processor" };

  function show(d) {
    current = d;
    var g = d.gift;
    var m = function (c) { return S.money(c, g.currency); };
    document.getElementById("gift-title").textContent = "Gift of " + m(g.amountCharged) + (g.receiptNumber ? " · receipt " + g.receiptNumber : "");
    S.facts(document.getElementById("gift-facts"), [
      ["Status", S.giftStatus(g.status) + (g.test ? " (test processor: no money moved)" : "")],
      ["Received", g.receivedOn ? S.date(g.receivedOn + "T12:00:00Z") : (g.paidAt ? S.date(g.paidAt) : "not yet")],
      ["Amount", m(g.amountCharged) + (g.feeCovered ? " (" + m(g.feeCovered) + " to cover fees)" : "")],
      ["Refunded", g.refundedAmount ? m(g.refundedAmount) : null],
      ["Taken back by a chargeback", g.chargedBackAmount ? m(g.chargedBackAmount) : null],
      ["Fund", S.fundName(g.fundCode)],
      ["Source", S.giftSource(g.source)],
      ["Reference", g.reference],
      ["Given", g.tributeName ? (g.tributeKind === "memory" ? "in memory of " : "in honor of ") + g.tributeName : null],
      ["Anonymous", g.anonymous ? "Yes: never name them publicly" : null],
      ["Needs a look", g.paymentMismatch],
      ["Why it is void", d.voidReason],
      ["Deposit batch", d.batch ? batchLink(d.batch) : null],
      ["Recorded by", g.createdBy]
    ]);
    var donor = d.donor;
    S.facts(document.getElementById("donor-facts"), [
      ["Name", ((donor.firstName || "") + " " + (donor.lastName || "")).trim() || "no name given"],
      ["Email", donor.email]
    ]);
    var left = d.refundable;
    document.getElementById("refund-left").textContent = left > 0
      ? "Up to " + m(left) + " can be refunded. The donor gets a corrected receipt."
      : (g.source === "online" ? "Nothing is left to refund on this gift." : "An offline gift is not refunded through a processor.");
    form.hidden = left <= 0;
    document.getElementById("refund-card").hidden = g.source !== "online";
    if (window.GiftCorrection) { window.GiftCorrection.show(d); }
    if (left > 0 && !document.getElementById("refund-amount").value) {
      document.getElementById("refund-amount").value = (left / 100).toFixed(2);
    }
    S.fill(document.querySelector("#refunds tbody"), d.refundRequests, function (r) {
      return S.row([S.dateTime(r.requestedAt), r.requestedBy.replace(/^staff:/, ""), m(r.amount), r.reason,
        (STATE[r.state] || r.state) + (r.refusal ? ": " + r.refusal : "")]);
    }, "No refunds asked for from Pathlight.");
    S.fill(document.querySelector("#receipts tbody"), d.receipts, function (x) {
      var delivery = x.status === "sent" ? "Sent " + S.dateTime(x.sentAt) : (x.status === "failed" ? "Failed: " + (x.lastError || "") : "Waiting to send");
      return S.row([S.dateTime(x.queuedAt), x.subject, x.to, delivery]);
    }, "No receipt yet: it is sent when the gift is paid.");
    document.getElementById("resend-receipt").hidden = !g.receiptNumber;
    S.fill(document.querySelector("#events tbody"), d.events, function (e) {
      return S.row([S.dateTime(e.receivedAt), e.type, e.processor, e.outcome]);
    }, "No payment events.");
  }

  function batchLink(batch) {
    var a = S.el("a", "Open the batch");
    a.href = "/staff/batches/" + batch;
    return a;
  }

  function load() {
    return S.call("GET", "/api/donations/" + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "This gift could not be loaded."), true); return; }
      show(r.json);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var amount = S.cents(document.getElementById("refund-amount").value);
    var reason = document.getElementById("refund-reason").value.trim();
    var errors = [];
    if (amount === null || amount <= 0) { errors.push({ field: "amount", message: "enter the amount to refund, such as 25.00" }); }
    if (!reason) { errors.push({ field: "reason", message: "say why the gift is refunded" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var g = current.gift;
    S.confirm("Refund " + S.money(amount, g.currency) + " to " + current.donor.email + "? This cannot be undone.", "Refund " + S.money(amount, g.currency))
      .then(function (yes) {
        if (!yes) { return; }
        var button = form.querySelector("button[type=submit]");
        button.disabled = true;
        S.call("POST", "/api/donations/" + encodeURIComponent(id) + "/refunds", { amount: amount, reason: reason }, { "Idempotency-Key": refundKey })
          .then(function (r) {
            button.disabled = false;
            if (!r.ok) {
              // a refusal or an error is final for this request; a 503 may be retried with the same key
              if (r.status !== 503 && r.status !== 409) { refundKey = S.newKey(); }
              S.showProblem(form, r, "The refund could not be made.");
              return;
            }
            refundKey = S.newKey();
            document.getElementById("refund-amount").value = "";
            document.getElementById("refund-reason").value = "";
            S.say("refund-done", "Refunded " + S.money(r.json.amount, g.currency) + ". The donor will get a corrected receipt.", false);
            load();
          }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
      });
  });

  document.getElementById("resend-receipt").addEventListener("click", function () {
    var button = this;
    button.disabled = true;
    S.call("POST", "/api/donations/" + encodeURIComponent(id) + "/receipt", undefined, { "Idempotency-Key": receiptKey }).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.say("resend-done", S.problem(r.json), true); return; }
      receiptKey = S.newKey();
      S.say("resend-done", "A copy of the receipt is on its way to " + r.json.to + ".", false);
      load();
    });
  });

  window.GiftPage = { reload: function () { return load(); } };
  S.start().then(function (session) { if (session) { S.loadFunds().then(load); } });
})();
