// Staff: gifts, searched and filtered by when they were received, fund, status, source, amount and
// the donor's name or email, a page at a time, with a CSV of the same filter. The filter lives in
// the address, so a link (the dashboard's) or the back button brings it back.
(function () {
  "use strict";
  var S = window.Staff;
  var PAGE = 50;
  var form = document.getElementById("gift-filter");
  var tbody = document.querySelector("#gifts tbody");
  var pager = S.pager(document.getElementById("gifts-pager"), PAGE, function () { load(); });

  // the filter as the API takes it; null (and the fields marked) when an amount is not one
  function filter() {
    var f = {};
    ["from", "to", "fund", "status", "source", "q"].forEach(function (n) { f[n] = form.elements[n].value.trim(); });
    var errors = [];
    ["min", "max"].forEach(function (n) {
      var text = form.elements[n].value.trim();
      if (!text) { f[n] = ""; return; }
      var c = S.cents(text);
      if (c === null) { errors.push({ field: n, message: "enter an amount such as 25 or 25.50" }); } else { f[n] = c; }
    });
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return null; }
    return f;
  }

  function fromAddress() {
    var p = new URLSearchParams(window.location.search);
    ["from", "to", "fund", "status", "source", "q"].forEach(function (n) { if (p.get(n)) { form.elements[n].value = p.get(n); } });
    ["min", "max"].forEach(function (n) { if (p.get(n)) { form.elements[n].value = (parseInt(p.get(n), 10) / 100).toFixed(2); } });
  }

  function load() {
    var f = filter();
    if (!f) { return; }
    S.clearErrors(form);
    var q = S.query(f);
    history.replaceState(null, "", window.location.pathname + q);
    document.getElementById("gifts-csv").href = "/api/donations/export.csv" + q;
    var page = Object.assign({}, f, { limit: PAGE + 1, offset: pager.offset() });
    S.call("GET", "/api/donations" + S.query(page)).then(function (r) {
      if (!r.ok) { S.showProblem(form, r); return; }
      var more = r.json.length > PAGE;
      var gifts = r.json.slice(0, PAGE);
      S.fill(tbody, gifts, function (g) {
        var donor = S.el("a", ((g.donorFirstName || "") + " " + (g.donorLastName || "")).trim() || g.donorEmail);
        donor.href = "/staff/gifts/" + g.id;
        var who = S.el("span");
        who.appendChild(donor);
        who.appendChild(S.el("span", " " + g.donorEmail, "fine"));
        var amount = S.money(g.amountCharged, g.currency) + (g.refundedAmount ? " (" + S.money(g.refundedAmount, g.currency) + " refunded)" : "");
        var tr = S.row([g.receivedOn ? S.date(g.receivedOn + "T12:00:00Z") : "", who, amount, g.fundCode,
          S.giftStatus(g.status) + (g.test ? " · test" : ""), S.giftSource(g.source), g.receiptNumber || ""]);
        tr.dataset.gift = g.id;
        return tr;
      }, "No gifts match this search.");
      pager.show(gifts.length, more);
    }).catch(function () { S.showProblem(form, { status: 0 }); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); pager.reset(); load(); });

  S.start().then(function (session) {
    if (!session) { return; }
    S.call("GET", "/api/funds?all=true").then(function (r) {
      if (r.ok) {
        var select = document.getElementById("filter-fund");
        r.json.forEach(function (f) { var o = S.el("option", f.name); o.value = f.code; select.appendChild(o); });
      }
      fromAddress();
      load();
    });
  });
})();
