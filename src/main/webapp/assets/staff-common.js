// Shared by the staff work pages: the session (HttpOnly cookie + CSRF token held in memory) on top
// of api.js, and table and notice helpers.
(function () {
  "use strict";
  var csrfToken = null;

  function call(method, path, body) {
    var headers = method === "GET" ? {} : { "X-CSRF-Token": csrfToken || "" };
    return Api.call(method, path, body, headers).then(function (r) {
      if (r.status === 401) { document.getElementById("need-signin").hidden = false; }
      return r;
    });
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

  // what a raw fetch (a PDF download) sends to change something: the session's CSRF token
  function csrfHeaders() { return { "X-CSRF-Token": csrfToken || "" }; }

  window.Staff = { call: call, problem: Api.problem, el: Api.el, row: row, say: say, start: start, csrfHeaders: csrfHeaders };
})();
