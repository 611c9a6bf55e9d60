// Shared by the staff work pages: the session (HttpOnly cookie + CSRF token held in memory),
// JSON calls that answer {ok, status, json}, and small DOM helpers that only ever set text.
(function () {
  "use strict";
  var csrfToken = null;

  function call(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (method !== "GET") { headers["X-CSRF-Token"] = csrfToken || ""; }
    return fetch(path, {
      method: method, credentials: "same-origin", headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { document.getElementById("need-signin").hidden = false; }
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

  // Resolves with the session when signed in; otherwise shows the sign-in link.
  function start() {
    return call("GET", "/api/staff/session").then(function (r) {
      if (!r.ok) { document.getElementById("need-signin").hidden = false; return null; }
      csrfToken = r.json.csrfToken;
      document.getElementById("staff-app").hidden = false;
      return r.json;
    });
  }

  window.Staff = { call: call, problem: problem, el: el, row: row, say: say, start: start };
})();
