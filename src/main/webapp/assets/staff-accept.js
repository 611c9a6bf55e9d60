// An invited colleague chooses their password: the token from the invitation link's fragment
// (never sent to the server in the address, never in the history) and the password, twice.
(function () {
  "use strict";
  var S = window.Staff;
  var token = Api.fragmentToken("staffInvitation");
  var form = document.getElementById("accept-form");

  if (!token) {
    S.showProblem(form, { json: { detail: "Open the link from your invitation email again." } });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var password = document.getElementById("accept-password").value;
    var again = document.getElementById("accept-again").value;
    var errors = S.newPasswordErrors(password, again);
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button");
    button.disabled = true;
    Api.call("POST", "/api/staff/invitations/accept", { token: token || "", password: password }).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "Your password could not be set."); return; }
      sessionStorage.removeItem("staffInvitation");
      form.hidden = true;
      var done = document.getElementById("accept-done");
      done.textContent = "";
      done.appendChild(document.createTextNode("Your password is set. "));
      var link = S.el("a", "Sign in as " + r.json.email);
      link.href = "/staff/";
      done.appendChild(link);
      done.hidden = false;
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });
})();
