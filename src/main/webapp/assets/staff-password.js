// A staff member's own password, on three pages: forgot (an email for a link; the answer is the
// same whether the email is known), reset (a new password from the link's token, kept out of the
// address bar) and change (signed in, re-entering the current one).
(function () {
  "use strict";
  var S = window.Staff;
  var value = function (id) { return document.getElementById(id).value; };

  function submit(form, handler) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      S.clearErrors(form);
      handler(form, form.querySelector("button[type=submit]"));
    });
  }

  var forgot = document.getElementById("forgot-form");
  if (forgot) {
    submit(forgot, function (form, button) {
      var email = value("forgot-email").trim();
      if (!email) { S.showProblem(form, { json: { errors: [{ field: "email", message: "enter your email" }] } }); return; }
      button.disabled = true;
      Api.call("POST", "/api/staff/password-reset", { email: email }).then(function (r) {
        button.disabled = false;
        if (!r.ok) { S.showProblem(form, r, "The link could not be sent."); return; }
        form.hidden = true;
        S.say("forgot-done", r.json.detail, false);
      }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
    });
  }

  var reset = document.getElementById("reset-form");
  if (reset) {
    var token = Api.fragmentToken("staffPasswordReset");
    if (!token) { S.showProblem(reset, { json: { detail: "Open the link from the email again, or ask for a new one." } }); }
    submit(reset, function (form, button) {
      var errors = S.newPasswordErrors(value("reset-password"), value("reset-again"));
      if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
      button.disabled = true;
      Api.call("POST", "/api/staff/password-reset/confirm", { token: token || "", password: value("reset-password") }).then(function (r) {
        button.disabled = false;
        if (!r.ok) { S.showProblem(form, r, "Your password could not be set."); return; }
        sessionStorage.removeItem("staffPasswordReset");
        form.hidden = true;
        var done = document.getElementById("reset-done");
        done.textContent = "Your new password is set. ";
        var link = S.el("a", "Sign in");
        link.href = "/staff/";
        done.appendChild(link);
        done.hidden = false;
      }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
    });
  }

  var change = document.getElementById("change-form");
  if (change) {
    S.start();
    submit(change, function (form, button) {
      var errors = S.newPasswordErrors(value("change-password"), value("change-again"));
      if (!value("change-current")) { errors.unshift({ field: "current", message: "enter your current password" }); }
      if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
      button.disabled = true;
      S.call("PUT", "/api/staff/me/password", { current: value("change-current"), password: value("change-password") }).then(function (r) {
        button.disabled = false;
        if (!r.ok) { S.showProblem(form, r, "Your password could not be changed."); return; }
        form.reset();
        S.say("change-done", "Your password is changed. Every other sign-in has ended.", false);
      }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
    });
  }
})();
