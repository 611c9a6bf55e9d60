// Staff: fundraising reports. Totals by fund and month with a total per currency, and donor
// retention with the LYBUNT and SYBUNT donors to call; each with its CSV.
(function () {
  "use strict";
  var S = window.Staff;
  var fundForm = document.getElementById("fund-report");
  var retentionForm = document.getElementById("retention-form");

  function percent(x) { return x === null || x === undefined ? "no donors to compare" : Math.round(x * 100) + "%"; }

  function monthName(m) {
    var parts = m.split("-");
    return new Date(Date.UTC(+parts[0], +parts[1] - 1, 15)).toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
  }

  function loadFunds() {
    S.clearErrors(fundForm);
    var q = S.query({ from: fundForm.elements.from.value, to: fundForm.elements.to.value });
    document.getElementById("funds-csv").href = "/api/reports/funds.csv" + q;
    S.call("GET", "/api/reports/funds" + q).then(function (r) {
      if (!r.ok) { S.showProblem(fundForm, r); return; }
      var tbody = document.querySelector("#fund-months tbody");
      S.fill(tbody, r.json, function (m) {
        var c = function (v) { return S.money(v, m.currency); };
        return S.row([monthName(m.month), m.fundName, m.gifts, c(m.gross), c(m.refunded), c(m.chargedBack), c(m.net), c(m.fees) + (m.feesEstimated ? " (" + m.feesEstimated + " estimated)" : ""), c(m.netAfterFees)]);
      }, "No gifts in these months.");
      var totals = {};
      r.json.forEach(function (m) {
        var t = totals[m.currency] || (totals[m.currency] = { gifts: 0, gross: 0, refunded: 0, chargedBack: 0, net: 0, fees: 0, feesEstimated: 0, netAfterFees: 0 });
        Object.keys(t).forEach(function (k) { t[k] += m[k]; });
      });
      Object.keys(totals).forEach(function (cur) {
        var t = totals[cur];
        var c = function (v) { return S.money(v, cur); };
        var tr = S.row(["Total", cur.toUpperCase(), t.gifts, c(t.gross), c(t.refunded), c(t.chargedBack), c(t.net), c(t.fees) + (t.feesEstimated ? " (" + t.feesEstimated + " estimated)" : ""), c(t.netAfterFees)]);
        tr.className = "total";
        tbody.appendChild(tr);
      });
    }).catch(function () { S.showProblem(fundForm, { status: 0 }); });
  }

  function lapsedRows(id, donors) {
    S.fill(document.querySelector("#" + id + " tbody"), donors, function (d) {
      var who = S.el("span", ((d.firstName || "") + " " + (d.lastName || "")).trim() || d.email);
      who.appendChild(S.el("span", " " + d.email, "fine"));
      return S.row([who, d.lastGift ? S.date(d.lastGift + "T12:00:00Z") : "", S.money(d.lastYearTotal, d.currency), S.money(d.lifetimeTotal, d.currency)]);
    }, "Nobody.");
  }

  function loadRetention() {
    S.clearErrors(retentionForm);
    var year = retentionForm.elements.year.value.trim();
    if (year && !/^\d{4}$/.test(year)) { S.showProblem(retentionForm, { json: { errors: [{ field: "year", message: "enter a year such as 2026" }] } }); return; }
    var q = S.query({ year: year });
    document.getElementById("lybunt-csv").href = "/api/reports/lapsed.csv" + S.query({ year: year, segment: "lybunt" });
    document.getElementById("sybunt-csv").href = "/api/reports/lapsed.csv" + S.query({ year: year, segment: "sybunt" });
    S.call("GET", "/api/reports/retention" + q).then(function (r) {
      if (!r.ok) { S.showProblem(retentionForm, r); return; }
      var t = r.json.retention;
      retentionForm.elements.year.value = t.year;
      var tiles = document.getElementById("retention-tiles");
      tiles.textContent = "";
      [
        { label: "Donors in " + t.year, value: String(t.donorsThisYear), detail: t.newThisYear + " of them new" },
        { label: "Retention", value: percent(t.retentionRate), detail: t.retained + " of " + t.donorsLastYear + " donors of " + (t.year - 1) + " gave again" },
        { label: "First-year retention", value: percent(t.firstYearRetentionRate), detail: t.newLastYearRetained + " of " + t.newLastYear + " new donors of " + (t.year - 1) + " gave again" },
        { label: "LYBUNT", value: String(t.lybunt), detail: "gave in " + (t.year - 1) + ", not in " + t.year, attention: t.lybunt > 0 },
        { label: "SYBUNT", value: String(t.sybunt), detail: "gave before " + (t.year - 1) + ", not since" }
      ].forEach(function (x) { tiles.appendChild(S.tile(x)); });
      lapsedRows("lybunt", r.json.lybunt);
      lapsedRows("sybunt", r.json.sybunt);
    }).catch(function () { S.showProblem(retentionForm, { status: 0 }); });
  }

  fundForm.addEventListener("submit", function (e) { e.preventDefault(); loadFunds(); });
  retentionForm.addEventListener("submit", function (e) { e.preventDefault(); loadRetention(); });
  S.start().then(function (session) {
    if (!session) { return; }
    loadFunds();
    loadRetention();
  });
})();
