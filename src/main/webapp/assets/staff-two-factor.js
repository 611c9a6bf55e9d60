// Staff: turn on two-step sign-in: a secret for the authenticator app (a link and the key as
// text), a code from it to prove it, then the recovery codes, shown once.
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("tf-form");

  function shown(enabled) {
    document.getElementById("tf-on").hidden = !enabled;
    document.getElementById("tf-start-card").hidden = enabled;
  }

  document.getElementById("tf-start").addEventListener("click", function () {
    S.call("POST", "/api/staff/me/totp").then(function (r) {
      if (!r.ok) { S.say("tf-on", S.sentence((r.json && r.json.detail) || "It could not be started."), true); return; }
      document.getElementById("tf-secret").textContent = r.json.secret.replace(/(.{4})/g, "$1 ").trim();
      document.getElementById("tf-link").href = r.json.otpauthUri;
      document.getElementById("tf-start-card").hidden = true;
      document.getElementById("tf-setup").hidden = false;
      document.getElementById("tf-code").focus();
    });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var code = document.getElementById("tf-code").value.replace(/\s/g, "");
    if (!/^\d{6}$/.test(code)) { S.showProblem(form, { json: { errors: [{ field: "code", message: "enter the 6 digits your app shows" }] } }); return; }
    S.call("POST", "/api/staff/me/totp/confirm", { code: code }).then(function (r) {
      if (!r.ok) { S.showProblem(form, r, "Two-step sign-in could not be turned on."); return; }
      document.getElementById("tf-setup").hidden = true;
      var list = document.getElementById("tf-code-list");
      list.textContent = "";
      r.json.recoveryCodes.forEach(function (c) { list.appendChild(S.el("li", c)); });
      document.getElementById("tf-codes").hidden = false;
      document.getElementById("tf-due").hidden = true;
      shown(true);
    });
  });

  S.start().then(function (session) {
    if (!session) { return; }
    document.getElementById("tf-due").hidden = !session.twoFactorDue;
    S.call("GET", "/api/staff/me/totp").then(function (r) { if (r.ok) { shown(r.json.enabled); } });
  });
})();
