// Shared by the page scripts: JSON calls that always answer {ok, status, json} (also for an empty
// or non-JSON reply), the text of a problem document with its field errors, a DOM helper that only
// ever sets text, and the signed token a link carries in its URL fragment (kept in this tab only).
(function () {
  "use strict";

  function call(method, path, body, extraHeaders) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    Object.keys(extraHeaders || {}).forEach(function (k) { headers[k] = extraHeaders[k]; });
    return fetch(path, {
      method: method, credentials: "same-origin", headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (t) {
        var json = null;
        try { json = t ? JSON.parse(t) : null; } catch (e) { json = { detail: t }; }
        return { ok: r.ok, status: r.status, json: json };
      });
    });
  }

  function problem(json, fallback) {
    if (!json) { return fallback || "Something went wrong."; }
    var text = json.detail || json.title || fallback || "Something went wrong.";
    if (json.errors && json.errors.length) {
      text += " " + json.errors.map(function (e) { return e.field + ": " + e.message; }).join("; ");
    }
    return text;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  // The token in "#token=…": moved into sessionStorage under key and out of the address bar.
  function fragmentToken(key) {
    var match = /[#&]token=([^&]+)/.exec(window.location.hash);
    if (match) {
      sessionStorage.setItem(key, decodeURIComponent(match[1]));
      history.replaceState(null, "", window.location.pathname);
    }
    return sessionStorage.getItem(key);
  }

  // Times are shown in the organisation's zone (the page's data-zone), as receipts and statements
  // date them, not in the device's; a time of day carries the zone's name.
  var zone = document.documentElement.getAttribute("data-zone") || "UTC";
  function date(iso) {
    return new Date(iso).toLocaleDateString("en-US", { timeZone: zone, year: "numeric", month: "short", day: "numeric" });
  }
  function dateTime(iso) {
    return new Date(iso).toLocaleString("en-US", {
      timeZone: zone, weekday: "short", month: "short", day: "numeric",
      hour: "numeric", minute: "2-digit", timeZoneName: "short"
    });
  }

  window.Api = { call: call, problem: problem, el: el, fragmentToken: fragmentToken, date: date, dateTime: dateTime };
})();
