// Staff: deposit batches, open ones first, with what is entered against the slip; and a form that
// opens a new one and goes to it.
(function () {
  "use strict";
  var S = window.Staff;
  var PAGE = 50;
  var form = document.getElementById("batch-form");
  var currency = "usd";
  var pager = S.pager(document.getElementById("batches-pager"), PAGE, function () { load(); });
  document.getElementById("batch-date").value = S.today();

  function slip(b) {
    var parts = [];
    if (b.expectedCount) { parts.push(b.expectedCount + (b.expectedCount === 1 ? " item" : " items")); }
    if (b.expectedTotal) { parts.push(S.money(b.expectedTotal, b.currency)); }
    return parts.join(", ") || "not given";
  }

  function standing(b) {
    if (!b.open) { return "Closed " + S.date(b.closedAt); }
    return b.notClosable ? "Open: " + b.notClosable : "Open: matches, ready to close";
  }

  function load() {
    S.call("GET", "/api/deposit-batches" + S.query({ limit: PAGE + 1, offset: pager.offset() })).then(function (r) {
      if (!r.ok) { S.showProblem(form, r); return; }
      var batches = r.json.slice(0, PAGE);
      S.fill(document.querySelector("#batches tbody"), batches, function (b) {
        var link = S.el("a", S.date(b.depositedOn + "T12:00:00Z"));
        link.href = "/staff/batches/" + b.id;
        var tr = S.row([link, b.reference || "", b.count + " · " + S.money(b.total, b.currency), slip(b), standing(b)]);
        tr.dataset.batch = b.id;
        return tr;
      }, "No deposit batches yet.");
      pager.show(batches.length, r.json.length > PAGE);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var errors = [];
    var b = { depositedOn: form.querySelector("#batch-date").value, reference: form.querySelector("#batch-reference").value.trim() || null, currency: currency };
    var count = form.querySelector("#batch-count").value.trim();
    var total = form.querySelector("#batch-total").value.trim();
    if (!b.depositedOn) { errors.push({ field: "depositedOn", message: "enter the date of the deposit" }); }
    if (count) {
      if (!/^\d{1,5}$/.test(count) || parseInt(count, 10) < 1) { errors.push({ field: "expectedCount", message: "enter how many checks the slip lists, such as 12" }); } else { b.expectedCount = parseInt(count, 10); }
    }
    if (total) {
      b.expectedTotal = S.cents(total);
      if (b.expectedTotal === null || b.expectedTotal <= 0) { errors.push({ field: "expectedTotal", message: "enter the slip's total, such as 1,250.00" }); }
    }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    S.call("POST", "/api/deposit-batches", b).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The batch could not be opened."); return; }
      window.location.assign("/staff/batches/" + r.json.id);
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) {
    if (!session) { return; }
    Api.call("GET", "/api/giving").then(function (r) { if (r.ok && r.json.currencies.length) { currency = r.json.currencies[0]; } });
    load();
  });
})();
