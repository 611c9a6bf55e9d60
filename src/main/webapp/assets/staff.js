// The staff home: the sign-in form, then a dashboard of the signed-in roles' figures. A page that
// sent its user here to sign in (?next=/staff/...) gets them back after sign-in.
(function () {
  "use strict";
  var S = window.Staff;
  var signinPanel = document.getElementById("signin-panel");
  var homePanel = document.getElementById("staff-home");

  // only a staff page of this site: never another site, never a scheme
  function next() {
    var n = new URLSearchParams(window.location.search).get("next");
    if (!n || n.charAt(0) !== "/" || n.charAt(1) === "/" || n.charAt(1) === "\\") { return null; }
    try {
      var u = new URL(n, window.location.origin);
      return u.origin === window.location.origin && u.pathname.indexOf("/staff/") === 0 && u.pathname !== "/staff/" ? u.pathname + u.search : null;
    } catch (e) { return null; }
  }

  function dashboard() {
    S.call("GET", "/api/staff/dashboard").then(function (r) {
      if (!r.ok) { S.say("dashboard-error", S.problem(r.json), true); return; }
      var box = document.getElementById("dashboard");
      box.textContent = "";
      r.json.sections.forEach(function (section) {
        var part = S.el("section", null, "dash-section");
        part.dataset.role = section.role;
        part.appendChild(S.el("h2", section.title));
        if (section.failed) {
          part.appendChild(S.el("p", "These figures could not be worked out just now. Reload the page to try again.", "error"));
        }
        var tiles = S.el("div", null, "tiles");
        section.tiles.forEach(function (t) { tiles.appendChild(S.tile(t)); });
        if (!section.tiles.length && !section.failed) { tiles.appendChild(S.el("p", "Nothing yet.", "fine")); }
        part.appendChild(tiles);
        box.appendChild(part);
      });
    });
  }

  function show(session) {
    var target = next();
    if (target) { window.location.assign(target); return; }
    document.getElementById("staff-name").textContent = session.staff.displayName || session.staff.email;
    signinPanel.hidden = true;
    homePanel.hidden = false;
    dashboard();
  }

  // single sign-on: the button when it is on, and why the identity provider's sign-in was refused
  var SSO_REFUSALS = {
    "unknown-user": "Your organisation's account is not a Pathlight staff account yet. Ask an admin to invite you.",
    "deactivated": "Your Pathlight staff account is deactivated. Ask an admin.",
    "no-role": "Your organisation's account has no Pathlight role. Ask whoever manages your groups.",
    "no-email": "Your organisation's sign-in did not say your email. Ask whoever manages it.",
    "email-unverified": "Your email is not verified with your organisation's sign-in.",
    "misconfigured": "Single sign-on is not set up correctly. Tell an admin.",
    "another-identity": "This Pathlight account is linked to a different account at your organisation's sign-in. Ask an admin.",
    "second-factor-needed": "Your Pathlight account needs a second sign-in step, and your organisation's sign-in did not use one. Sign in with your password and code instead.",
    "failed": "Your organisation's sign-in did not work. Try again, or sign in with your password."
  };
  Api.call("GET", "/api/staff/sso").then(function (r) {
    if (r.ok && r.json.enabled) {
      document.getElementById("sso-name").textContent = r.json.name;
      document.getElementById("sso").hidden = false;
    }
  });
  var refused = new URLSearchParams(window.location.search).get("sso");
  if (refused) {
    S.say("sso-error", SSO_REFUSALS[refused] || SSO_REFUSALS.failed, true);
  }

  S.start({ quiet: true }).then(function (session) {
    if (session) { show(session); } else { signinPanel.hidden = false; }
  }).catch(function () { signinPanel.hidden = false; });

  var form = document.getElementById("signin");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    S.clearErrors(form);
    var email = document.getElementById("email").value.trim();
    var password = document.getElementById("password").value;
    var missing = false;
    if (!email) { S.showProblem(form, { json: { errors: [{ field: "email", message: "enter your email" }] } }); missing = true; }
    if (!password && !missing) { S.showProblem(form, { json: { errors: [{ field: "password", message: "enter your password" }] } }); missing = true; }
    if (missing) { return; }
    var code = document.getElementById("code").value.trim();
    Api.call("POST", "/api/staff/session", { email: email, password: password, code: code || undefined }).then(function (r) {
      if (!r.ok && r.json && (r.json.type || "").match(/code-(required|invalid)$/)) {
        // two-step sign-in: the code field appears, and the error sits beside it
        document.querySelectorAll(".code-field").forEach(function (e) { e.hidden = false; });
        S.showProblem(form, { json: { errors: [{ field: "code", message: r.json.detail }] } });
        document.getElementById("code").value = "";
        return;
      }
      if (r.ok) {
        document.getElementById("code").value = "";
        document.getElementById("password").value = "";
        S.adopt(r.json);
        show(r.json);
      } else {
        S.showProblem(form, r, "Sign-in failed.");
      }
    }).catch(function () {
      S.showProblem(form, { status: 0 });
    });
  });
})();
