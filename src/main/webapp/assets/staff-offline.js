// Staff: the offline gift form (a check, cash, a donor-advised fund grant or a gift in kind), on
// its own page and on a deposit batch's page. Checked in the browser first (in plain words, next to
// each field), then recorded with an idempotency key made when the form is ready, so a double
// submit or a retry after a lost answer records one gift.
window.OfflineForm = (function () {
  "use strict";
  var S = window.Staff;

  function bind(form, options) {
    var key = S.newKey();
    var source = form.querySelector("#off-source");
    var funds = form.querySelector("#off-fund");
    if (options.sources) {
      Array.prototype.slice.call(source.options).forEach(function (o) {
        if (options.sources.indexOf(o.value) < 0) { o.remove(); }
      });
    }
    function kind() {
      var inKind = source.value === "in_kind";
      form.querySelectorAll(".off-money").forEach(function (e) { e.hidden = inKind; });
      form.querySelectorAll(".off-in-kind").forEach(function (e) { e.hidden = !inKind; });
    }
    source.addEventListener("change", kind);
    kind();
    S.loadFunds().then(function () {
      S.fundOptions(funds);
      if (funds.querySelector('option[value="where-most-needed"]')) { funds.value = "where-most-needed"; }
    });

    function value(id) { return form.querySelector(id).value.trim(); }

    function body() {
      var errors = [];
      var inKind = source.value === "in_kind";
      var b = {
        email: value("#off-email"), firstName: value("#off-first") || null, lastName: value("#off-last") || null,
        source: source.value, currency: options.currency(), fundCode: funds.value || null,
        receivedOn: value("#off-received"), reference: value("#off-reference") || null,
        anonymous: form.querySelector("#off-anonymous").checked, batch: options.batch || null
      };
      if (!b.email) { errors.push({ field: "email", message: "enter the donor's email" }); }
      else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email)) { errors.push({ field: "email", message: "this is not an email address" }); }
      if (!b.receivedOn) { errors.push({ field: "receivedOn", message: "enter the date the gift was received" }); }
      if (inKind) {
        b.amount = 0;
        b.benefitValue = 0;
        b.inKindDescription = value("#off-description");
        if (!b.inKindDescription) { errors.push({ field: "inKindDescription", message: "describe what was given" }); }
      } else {
        b.amount = S.cents(value("#off-amount"));
        if (b.amount === null || b.amount <= 0) { errors.push({ field: "amount", message: "enter the amount, such as 100 or 100.00" }); }
        var benefit = value("#off-benefit");
        b.benefitValue = benefit ? S.cents(benefit) : 0;
        if (b.benefitValue === null) { errors.push({ field: "benefitValue", message: "enter an amount such as 45.00, or leave it empty" }); }
      }
      if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return null; }
      return b;
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      S.clearErrors(form);
      var b = body();
      if (!b) { return; }
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      S.call("POST", "/api/donations/offline", b, { "Idempotency-Key": key }).then(function (r) {
        button.disabled = false;
        if (!r.ok) {
          if (r.status !== 503 && r.status !== 409) { key = S.newKey(); }
          S.showProblem(form, r, "The gift could not be recorded.");
          return;
        }
        key = S.newKey();
        ["#off-email", "#off-first", "#off-last", "#off-amount", "#off-reference", "#off-benefit", "#off-description"].forEach(function (id) {
          form.querySelector(id).value = "";
        });
        form.querySelector("#off-anonymous").checked = false;
        form.querySelector("#off-email").focus();
        options.recorded(r.json);
      }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
    });
  }

  return { bind: bind };
})();
