// Donation page: amount and fee display, then POST /api/donations and go to the hosted checkout.
(function () {
  "use strict";
  var form = document.getElementById("give");
  var fund = document.getElementById("fund");
  var asks = document.getElementById("asks");
  var other = document.getElementById("other");
  var cover = document.getElementById("coverFees");
  var feeLabel = document.getElementById("fee-label");
  var button = document.getElementById("give-button");
  var errorBox = document.getElementById("give-error");
  var tributeKind = document.getElementById("tributeKind");
  var feeBp = Number(form.dataset.feeBp);
  var feeFixed = Number(form.dataset.feeFixed);
  var idempotencyKey = null;

  function dollars(cents) { return "$" + (cents / 100).toFixed(2); }

  function fee(cents) {
    var total = Math.ceil(((cents + feeFixed) * 10000) / (10000 - feeBp));
    return total - cents;
  }

  function amount() {
    var picked = form.querySelector("input[name=ask]:checked");
    if (other.value) { return Math.round(Number(other.value) * 100); }
    return picked ? Number(picked.value) : 0;
  }

  function renderAsks() {
    var option = fund.options[fund.selectedIndex];
    var list = JSON.parse(option.dataset.asks || "[]");
    asks.textContent = "";
    list.forEach(function (a, i) {
      var label = document.createElement("label");
      label.className = "ask";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "ask";
      input.value = a.amount;
      if (i === 0) { input.checked = true; }
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + a.label));
      asks.appendChild(label);
    });
    update();
  }

  function update() {
    var cents = amount();
    if (cents > 0) {
      feeLabel.textContent = "Add " + dollars(fee(cents)) + " to cover processing fees so all " +
        dollars(cents) + " goes to the work";
      button.textContent = "Give " + dollars(cents + (cover.checked ? fee(cents) : 0));
    } else {
      button.textContent = "Continue to payment";
    }
    var showTribute = tributeKind.value !== "";
    document.querySelectorAll(".tribute-name").forEach(function (el) { el.hidden = !showTribute; });
    idempotencyKey = null;
  }

  function showProblem(problem) {
    var text = problem.detail || "Something went wrong.";
    if (problem.errors && problem.errors.length) {
      text = problem.errors.map(function (e) { return e.field + ": " + e.message; }).join("; ");
    }
    errorBox.textContent = text;
    errorBox.hidden = false;
    button.disabled = false;
  }

  fund.addEventListener("change", renderAsks);
  asks.addEventListener("change", function () { other.value = ""; update(); });
  other.addEventListener("input", function () {
    form.querySelectorAll("input[name=ask]").forEach(function (r) { r.checked = false; });
    update();
  });
  cover.addEventListener("change", update);
  tributeKind.addEventListener("change", update);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true;
    if (!idempotencyKey) { idempotencyKey = (self.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random(); }
    var body = {
      amount: amount(),
      currency: "usd",
      frequency: document.getElementById("frequency").value,
      fundCode: fund.value,
      email: document.getElementById("email").value,
      firstName: document.getElementById("firstName").value,
      lastName: document.getElementById("lastName").value,
      coverFees: cover.checked,
      anonymous: document.getElementById("anonymous").checked,
      newsletter: document.getElementById("newsletter").checked,
      website: document.getElementById("website").value
    };
    if (tributeKind.value) {
      body.tribute = { kind: tributeKind.value, name: document.getElementById("tributeName").value };
    }
    fetch("/api/donations", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": idempotencyKey },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, json: json }; });
    }).then(function (result) {
      if (result.ok && result.json.checkoutUrl) {
        window.location.assign(result.json.checkoutUrl);
      } else {
        showProblem(result.json);
      }
    }).catch(function () {
      showProblem({ detail: "We could not reach the server. Nothing was charged; try again." });
    });
  });

  /**
   * A link may fill the form in (the lapsed-gift email does: ?amount=2500&frequency=monthly&
   * fund=safe-housing); the donor can change anything before giving.
   */
  function prefill() {
    var params = new URLSearchParams(window.location.search);
    var wantedFund = params.get("fund");
    if (wantedFund) {
      for (var i = 0; i < fund.options.length; i++) {
        if (fund.options[i].value === wantedFund) { fund.selectedIndex = i; }
      }
    }
    renderAsks();
    var frequency = document.getElementById("frequency");
    var wantedFrequency = params.get("frequency");
    if (wantedFrequency) {
      for (var j = 0; j < frequency.options.length; j++) {
        if (frequency.options[j].value === wantedFrequency) { frequency.selectedIndex = j; }
      }
    }
    var cents = Number(params.get("amount"));
    if (cents > 0 && Math.floor(cents) === cents) {
      var matched = false;
      form.querySelectorAll("input[name=ask]").forEach(function (r) {
        r.checked = Number(r.value) === cents;
        matched = matched || r.checked;
      });
      if (!matched) { other.value = (cents / 100).toFixed(2); }
      update();
    }
  }

  prefill();
})();
