// The staff page kit, shared by every staff page: the session (HttpOnly cookie + CSRF token held
// in memory), the navigation by role with who is signed in and a sign-out, field errors in plain
// words next to their field, confirmations for what cannot be undone, tables, paging, money and
// idempotency keys. Every page script builds on window.Staff.
(function () {
  "use strict";
  var csrfToken = null;
  var session = null;

  function call(method, path, body, extraHeaders) {
    var headers = method === "GET" ? {} : { "X-CSRF-Token": csrfToken || "" };
    Object.keys(extraHeaders || {}).forEach(function (k) { headers[k] = extraHeaders[k]; });
    return Api.call(method, path, body, headers).then(function (r) {
      if (r.status === 401) { needSignIn(); }
      return r;
    });
  }

  function needSignIn() {
    var box = document.getElementById("need-signin");
    if (!box) { return; }
    var link = document.getElementById("signin-link");
    if (link) { link.href = "/staff/?next=" + encodeURIComponent(window.location.pathname + window.location.search); }
    box.hidden = false;
  }

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (c) {
      var td = document.createElement("td");
      if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? "" : String(c); }
      tr.appendChild(td);
    });
    return tr;
  }

  function say(id, text, isError) {
    var box = document.getElementById(id);
    box.textContent = text;
    box.className = isError ? "error" : "notice";
    box.hidden = false;
  }

  function has(role) {
    if (!session) { return false; }
    var roles = session.staff.roles;
    return roles.indexOf("admin") >= 0 || roles.indexOf(role) >= 0;
  }

  // The navigation shows the links of the signed-in roles only (data-roles: any of them).
  function showNav() {
    document.querySelectorAll("[data-roles]").forEach(function (a) {
      var allowed = a.getAttribute("data-roles").split(" ");
      a.hidden = !(allowed.indexOf("*") >= 0 || allowed.some(has));
    });
    var path = window.location.pathname.replace(/\/$/, "") || "/staff";
    document.querySelectorAll(".staff-nav a").forEach(function (a) {
      var href = a.getAttribute("href").replace(/\/$/, "");
      if (href === path || (href !== "/staff" && path.indexOf(href + "/") === 0)) { a.setAttribute("aria-current", "page"); }
    });
    var who = document.getElementById("staff-who");
    if (who) {
      who.textContent = (session.staff.displayName ? session.staff.displayName + " · " : "") + session.staff.email + (session.staff.roles.length ? " (" + session.staff.roles.join(", ") + ")" : "");
      who.parentNode.hidden = false;
    }
  }

  function signOut() {
    return call("DELETE", "/api/staff/session").then(function () {
      csrfToken = null;
      session = null;
      window.location.assign("/staff/");
    });
  }

  // Resolves with the session when signed in; otherwise shows the sign-in link (unless quiet).
  function start(options) {
    var quiet = options && options.quiet;
    return Api.call("GET", "/api/staff/session").then(function (r) {
      if (!r.ok) { if (!quiet) { needSignIn(); } return null; }
      return adopt(r.json);
    });
  }

  // the pages a member whose two-step sign-in is due may still use
  var WHILE_DUE = ["/staff/two-factor", "/staff/password"];

  function adopt(s) {
    session = s;
    csrfToken = s.csrfToken;
    if (s.twoFactorDue && WHILE_DUE.indexOf(window.location.pathname.replace(/\/$/, "")) < 0) {
      window.location.assign("/staff/two-factor");
      return s;
    }
    var app = document.getElementById("staff-app");
    if (app) { app.hidden = false; }
    showNav();
    var out = document.getElementById("staff-signout");
    if (out && !out.dataset.bound) { out.dataset.bound = "1"; out.addEventListener("click", signOut); }
    return s;
  }

  // Sends a CSV file's text (an import) and answers like call: {ok, status, json}.
  function upload(path, text) {
    var headers = { "X-CSRF-Token": csrfToken || "", "Content-Type": "text/csv", "Accept": "application/json" };
    return fetch(path, { method: "POST", credentials: "same-origin", headers: headers, body: text }).then(function (r) {
      return r.text().then(function (t) {
        var json = null;
        try { json = t ? JSON.parse(t) : null; } catch (e) { json = { detail: t }; }
        if (r.status === 401) { needSignIn(); }
        return { ok: r.ok, status: r.status, json: json };
      });
    });
  }

  // what a raw fetch (a PDF download) sends to change something: the session's CSRF token
  function csrfHeaders() { return { "X-CSRF-Token": csrfToken || "" }; }

  // ---- forms: errors next to their field, in plain words --------------------------------------

  function sentence(text) {
    var t = String(text || "").trim();
    return t ? t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? "" : ".") : t;
  }

  function clearErrors(form) {
    form.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); e.removeAttribute("aria-describedby"); });
    var top = form.querySelector(".form-error");
    if (top) { top.hidden = true; top.textContent = ""; }
  }

  function fieldError(form, field, message) {
    var input = form.querySelector('[data-field="' + field + '"]') || form.querySelector('[name="' + field + '"]');
    if (!input) { return false; }
    var p = Api.el("p", sentence(message), "field-error");
    p.id = (input.id || field) + "-error";
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", p.id);
    input.insertAdjacentElement("afterend", p);
    return true;
  }

  // Shows a problem on a form: each field error beside its field, the rest at the top in words.
  function showProblem(form, r, fallback) {
    clearErrors(form);
    var json = r && r.json;
    var top = form.querySelector(".form-error");
    var rest = [];
    ((json && json.errors) || []).forEach(function (e) {
      if (!fieldError(form, e.field, e.message)) { rest.push(sentence(e.message)); }
    });
    var first = form.querySelector("[aria-invalid]");
    if (first) { first.focus(); }
    var text = (json && json.errors && json.errors.length) ? rest.join(" ") : ((json && (json.detail || json.title)) || fallback || "Something went wrong. Try again.");
    if (r && r.status === 0) { text = "The server could not be reached. Try again."; }
    if (top && text) { top.textContent = text; top.hidden = false; }
  }

  // A new password typed twice: the errors beside its fields, in words (the server checks the rest).
  function newPasswordErrors(password, again) {
    var errors = [];
    if (!password) { errors.push({ field: "password", message: "choose a password" }); }
    else if (password.length < 12) { errors.push({ field: "password", message: "use at least 12 characters" }); }
    if (password && again !== password) { errors.push({ field: "again", message: "type the same password twice" }); }
    return errors;
  }

  // ---- confirmation for what cannot be undone -------------------------------------------------

  function confirmAction(text, actionLabel) {
    var dialog = document.getElementById("staff-confirm");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "staff-confirm";
      dialog.className = "confirm";
      dialog.appendChild(Api.el("p", "", "confirm-text"));
      var buttons = Api.el("div", null, "confirm-buttons");
      var cancel = Api.el("button", "Cancel", "secondary confirm-cancel");
      cancel.type = "button";
      var ok = Api.el("button", "", "danger confirm-ok");
      ok.type = "button";
      buttons.appendChild(cancel);
      buttons.appendChild(ok);
      dialog.appendChild(buttons);
      document.body.appendChild(dialog);
    }
    dialog.querySelector(".confirm-text").textContent = text;
    dialog.querySelector(".confirm-ok").textContent = actionLabel;
    return new Promise(function (resolve) {
      function done(answer) {
        dialog.querySelector(".confirm-ok").onclick = null;
        dialog.querySelector(".confirm-cancel").onclick = null;
        dialog.onclose = null;
        if (dialog.open) { dialog.close(); }
        resolve(answer);
      }
      dialog.querySelector(".confirm-ok").onclick = function () { done(true); };
      dialog.querySelector(".confirm-cancel").onclick = function () { done(false); };
      dialog.onclose = function () { done(false); };
      dialog.showModal();
      dialog.querySelector(".confirm-cancel").focus();
    });
  }

  // ---- idempotency keys, money, queries, tables, paging ---------------------------------------

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function money(cents, currency) {
    var code = (currency || "usd").toUpperCase();
    try {
      return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(cents / 100);
    } catch (e) { return (cents / 100).toFixed(2) + " " + code; }
  }

  // "25", "25.5" or "1,250.00" as cents; null when it is not an amount
  function cents(text) {
    var t = String(text || "").replace(/[$,\s]/g, "");
    if (!/^\d{1,10}(\.\d{1,2})?$/.test(t)) { return null; }
    var parts = t.split(".");
    return parseInt(parts[0], 10) * 100 + (parts[1] ? parseInt((parts[1] + "0").slice(0, 2), 10) : 0);
  }

  function query(params) {
    var q = Object.keys(params).filter(function (k) {
      return params[k] !== null && params[k] !== undefined && String(params[k]) !== "";
    }).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); });
    return q.length ? "?" + q.join("&") : "";
  }

  // Every fund (active or not), fetched once per page: names for codes, and choices for a select.
  var funds = null;
  function loadFunds() {
    if (funds) { return Promise.resolve(funds); }
    return call("GET", "/api/funds?all=true").then(function (r) { funds = r.ok ? r.json : []; return funds; });
  }
  function fundName(code) {
    var f = (funds || []).filter(function (x) { return x.code === code; })[0];
    return f ? f.name + (f.active ? "" : " (closed)") : code;
  }
  // Fills a select with the active funds, plus {@code keep} (a gift's own fund) even when closed.
  function fundOptions(select, keep) {
    select.textContent = "";
    (funds || []).filter(function (f) { return f.active || f.code === keep; }).forEach(function (f) {
      var o = document.createElement("option");
      o.value = f.code;
      o.textContent = f.name + (f.active ? "" : " (closed)");
      select.appendChild(o);
    });
  }

  // today's date in the browser's time zone, as a date input takes it (YYYY-MM-DD)
  // Today in the organisation's time zone (the page's data-zone), as the server dates a gift or a
  // deposit: not the device's, which is a day ahead or behind near midnight.
  function today() {
    var zone = document.documentElement.getAttribute("data-zone") || "UTC";
    var parts = {};
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  // Fills a tbody with a row per item; an empty list shows one row saying so.
  function fill(tbody, items, toCells, emptyText) {
    tbody.textContent = "";
    if (!items.length) {
      var tr = row([emptyText]);
      var cols = tbody.parentNode.querySelectorAll("thead th").length || 1;
      tr.firstChild.colSpan = cols;
      tbody.appendChild(tr);
      return;
    }
    items.forEach(function (item) { tbody.appendChild(toCells(item)); });
  }

  // The words staff read for a gift's status and source (the API's words are codes).
  var GIFT_STATUS = { succeeded: "Paid", partially_refunded: "Partly refunded", refunded: "Refunded", pending: "Not paid yet",
    failed: "Failed", expired: "Abandoned", disputed: "Disputed", dispute_lost: "Dispute lost",
    voided: "Void (entered in error)", bounced: "Check returned unpaid" };
  var GIFT_SOURCE = { online: "Online", check: "Check", cash: "Cash", daf: "Donor-advised fund", in_kind: "In kind" };
  function giftStatus(code) { return GIFT_STATUS[code] || code; }
  function giftSource(code) { return GIFT_SOURCE[code] || code; }

  // One figure as a tile: {label, value, detail?, href?, attention?}; a link when it has an href.
  function tile(t) {
    var box = Api.el(t.href ? "a" : "div", null, "tile" + (t.attention ? " attention" : ""));
    if (t.href) { box.href = t.href; }
    box.appendChild(Api.el("span", t.label, "tile-label"));
    box.appendChild(Api.el("strong", t.value, "tile-value"));
    if (t.detail) { box.appendChild(Api.el("span", t.detail, "tile-detail")); }
    return box;
  }

  // A <dl> of [label, value] pairs; a pair without a value is left out.
  function facts(dl, pairs) {
    dl.textContent = "";
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") { return; }
      dl.appendChild(Api.el("dt", p[0]));
      var dd = Api.el("dd");
      if (p[1] instanceof Node) { dd.appendChild(p[1]); } else { dd.textContent = String(p[1]); }
      dl.appendChild(dd);
    });
  }

  // Previous / next over a list fetched one page (plus one row to know there is more) at a time.
  function pager(box, size, onPage) {
    var state = { offset: 0 };
    box.textContent = "";
    var prev = Api.el("button", "Previous", "secondary"); prev.type = "button";
    var next = Api.el("button", "Next", "secondary"); next.type = "button";
    var where = Api.el("span", "", "fine");
    box.appendChild(prev); box.appendChild(where); box.appendChild(next);
    prev.addEventListener("click", function () { state.offset = Math.max(0, state.offset - size); onPage(state.offset); });
    next.addEventListener("click", function () { state.offset += size; onPage(state.offset); });
    return {
      reset: function () { state.offset = 0; },
      offset: function () { return state.offset; },
      show: function (shown, more) {
        prev.disabled = state.offset === 0;
        next.disabled = !more;
        where.textContent = shown ? "Showing " + (state.offset + 1) + "–" + (state.offset + shown) : "Nothing to show";
      }
    };
  }

  window.Staff = {
    call: call, problem: Api.problem, el: Api.el, row: row, say: say, start: start, adopt: adopt, has: has,
    csrfHeaders: csrfHeaders, showProblem: showProblem, clearErrors: clearErrors, sentence: sentence, newPasswordErrors: newPasswordErrors,
    confirm: confirmAction, newKey: newKey, money: money, cents: cents, query: query, fill: fill, facts: facts, pager: pager, tile: tile,
    giftStatus: giftStatus, giftSource: giftSource, today: today,
    loadFunds: loadFunds, fundName: fundName, fundOptions: fundOptions, upload: upload,
    date: Api.date, dateTime: Api.dateTime
  };
})();
