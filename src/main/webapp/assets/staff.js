// Staff sign-in page: a session cookie (HttpOnly) plus a CSRF token kept in memory only.
(function () {
  "use strict";
  var csrfToken = null;
  var signinPanel = document.getElementById("signin-panel");
  var homePanel = document.getElementById("staff-home");
  var errorBox = document.getElementById("signin-error");

  function show(session) {
    csrfToken = session.csrfToken;
    document.getElementById("staff-name").textContent = session.staff.displayName || session.staff.email;
    document.getElementById("staff-email").textContent = session.staff.email;
    document.getElementById("staff-roles").textContent = session.staff.roles.join(", ");
    signinPanel.hidden = true;
    homePanel.hidden = false;
  }

  function problemText(body, fallback) {
    if (body && body.detail) { return body.detail; }
    return fallback;
  }

  fetch("/api/staff/session", { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (session) { if (session) { show(session); } })
    .catch(function () { /* stay on the sign-in form */ });

  document.getElementById("signin").addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    var body = {
      email: document.getElementById("email").value,
      password: document.getElementById("password").value
    };
    fetch("/api/staff/session", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, json: json }; });
    }).then(function (result) {
      if (result.ok) {
        document.getElementById("password").value = "";
        show(result.json);
      } else {
        errorBox.textContent = problemText(result.json, "Sign-in failed.");
        errorBox.hidden = false;
      }
    }).catch(function () {
      errorBox.textContent = "The server could not be reached. Try again.";
      errorBox.hidden = false;
    });
  });

  document.getElementById("signout").addEventListener("click", function () {
    fetch("/api/staff/session", {
      method: "DELETE",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrfToken || "" }
    }).finally(function () {
      csrfToken = null;
      homePanel.hidden = true;
      signinPanel.hidden = false;
    });
  });
})();
