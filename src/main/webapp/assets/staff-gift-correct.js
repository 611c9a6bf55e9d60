// Staff: correct or void an offline gift from its page. A correction sends only what changed, with
// a reason; a void (entered in error, or a check returned unpaid) is confirmed first. Either way
// the receipt number stays and the donor gets a corrected acknowledgement.
window.GiftCorrection = (function () {
  "use strict";
  var S = window.Staff;
  var id = decodeURIComponent(window.location.pathname.split("/").pop());
  var fixForm = document.getElementById("correct-form");
  var voidForm = document.getElementById("void-form");
  var current = null;

  function show(d) {
    current = d;
    var g = d.gift;
    document.getElementById("correct-card").hidden = !d.correctable;
    if (!d.correctable) { return; }
    var inKind = g.source === "in_kind";
    fixForm.querySelectorAll(".fix-money").forEach(function (e) { e.hidden = inKind; });
    fixForm.querySelectorAll(".fix-in-kind").forEach(function (e) { e.hidden = !inKind; });
    document.getElementById("fix-amount").value = (g.amount / 100).toFixed(2);
    document.getElementById("fix-benefit").value = (g.benefitValue / 100).toFixed(2);
    document.getElementById("fix-description").value = g.inKindDescription || "";
    S.fundOptions(document.getElementById("fix-fund"), g.fundCode);
    document.getElementById("fix-fund").value = g.fundCode;
    document.getElementById("fix-received").value = g.receivedOn || "";
    document.getElementById("fix-reference").value = g.reference || "";
    document.getElementById("fix-reason").value = "";
    var bounced = voidForm.querySelector('option[value="bounced"]');
    bounced.hidden = bounced.disabled = g.source !== "check";
    document.getElementById("void-kind").value = "voided";
  }

  // what the form changes, as the API takes it; null (with the fields marked) when it is not valid
  function changes() {
    var g = current.gift;
    var c = {};
    var errors = [];
    if (g.source !== "in_kind") {
      var amount = S.cents(document.getElementById("fix-amount").value);
      if (amount === null || amount <= 0) { errors.push({ field: "amount", message: "enter the amount, such as 100 or 100.00" }); }
      else if (amount !== g.amount) { c.amount = amount; }
      var benefitText = document.getElementById("fix-benefit").value.trim();
      var benefit = benefitText ? S.cents(benefitText) : 0;
      if (benefit === null) { errors.push({ field: "benefitValue", message: "enter an amount such as 45.00, or 0" }); }
      else if (benefit !== g.benefitValue) { c.benefitValue = benefit; }
    } else {
      var what = document.getElementById("fix-description").value.trim();
      if (!what) { errors.push({ field: "inKindDescription", message: "describe what was given" }); }
      else if (what !== g.inKindDescription) { c.inKindDescription = what; }
    }
    var fund = document.getElementById("fix-fund").value;
    if (fund && fund !== g.fundCode) { c.fundCode = fund; }
    var received = document.getElementById("fix-received").value;
    if (!received) { errors.push({ field: "receivedOn", message: "enter the date the gift was received" }); }
    else if (received !== g.receivedOn) { c.receivedOn = received; }
    var reference = document.getElementById("fix-reference").value.trim();
    if (reference !== (g.reference || "")) { c.reference = reference; }
    c.reason = document.getElementById("fix-reason").value.trim();
    if (!c.reason) { errors.push({ field: "reason", message: "say why the gift is corrected" }); }
    if (!errors.length && Object.keys(c).length === 1) {
      S.showProblem(fixForm, { json: { detail: "Nothing is different from what the gift says: change a field first." } });
      return null;
    }
    if (errors.length) { S.showProblem(fixForm, { json: { errors: errors } }); return null; }
    return c;
  }

  fixForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(fixForm);
    var c = changes();
    if (!c) { return; }
    S.confirm("Save this correction? " + current.donor.email + " gets a corrected acknowledgement with receipt number " +
      current.gift.receiptNumber + ".", "Save the correction").then(function (yes) {
      if (!yes) { return; }
      var button = fixForm.querySelector("button[type=submit]");
      button.disabled = true;
      S.call("PATCH", "/api/donations/" + encodeURIComponent(id), c).then(function (r) {
        button.disabled = false;
        if (!r.ok) { S.showProblem(fixForm, r, "The correction could not be saved."); return; }
        S.say("correct-done", r.json.changed ? "Corrected. The donor will get a corrected acknowledgement." : "Nothing changed.", false);
        window.GiftPage.reload();
      }).catch(function () { button.disabled = false; S.showProblem(fixForm, { status: 0 }); });
    });
  });

  voidForm.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(voidForm);
    var kind = document.getElementById("void-kind").value;
    var reason = document.getElementById("void-reason").value.trim();
    if (!reason) { S.showProblem(voidForm, { json: { errors: [{ field: "reason", message: kind === "bounced" ? "say why the bank returned it, such as insufficient funds" : "say why the gift is void" }] } }); return; }
    var g = current.gift;
    var what = g.source === "in_kind" ? "this gift in kind" : "this gift of " + S.money(g.amountCharged, g.currency);
    var text = kind === "bounced"
      ? "Record " + what + " as returned unpaid? It will count for nothing, and " + current.donor.email + " is told receipt " + g.receiptNumber + " is void. This cannot be undone."
      : "Void " + what + "? It will count for nothing, and " + current.donor.email + " is told receipt " + g.receiptNumber + " was issued in error. This cannot be undone.";
    S.confirm(text, kind === "bounced" ? "Record as returned" : "Void the gift").then(function (yes) {
      if (!yes) { return; }
      var button = voidForm.querySelector("button[type=submit]");
      button.disabled = true;
      S.call("POST", "/api/donations/" + encodeURIComponent(id) + "/" + (kind === "bounced" ? "bounced" : "void"), { reason: reason }).then(function (r) {
        button.disabled = false;
        if (!r.ok) { S.showProblem(voidForm, r, "The gift could not be voided."); return; }
        S.say("void-done", (kind === "bounced" ? "Recorded as returned unpaid." : "Voided.") + " The donor will be told the receipt is void.", false);
        window.GiftPage.reload();
      }).catch(function () { button.disabled = false; S.showProblem(voidForm, { status: 0 }); });
    });
  });

  return { show: show };
})();
