// Staff (admins): the accounts with their roles, each changeable; deactivate (confirmed: its
// sessions and tokens end at once), reactivate and unlock; invite a colleague by email; and the
// invitations not used yet, each withdrawable.
(function () {
  "use strict";
  var S = window.Staff;
  var ROLES = [["admin", "Admin (everything)"], ["fundraising", "Fundraising"], ["volunteers", "Volunteers"],
    ["advocacy", "Advocacy"], ["impact", "Impact"]];
  var me = null;

  function roleBoxes(container, prefix, chosen) {
    container.textContent = "";
    ROLES.forEach(function (r) {
      var label = S.el("label", null, "check");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = r[0];
      box.id = prefix + "-" + r[0];
      box.checked = chosen.indexOf(r[0]) >= 0;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + r[1]));
      container.appendChild(label);
    });
  }

  function chosen(container) {
    return Array.prototype.map.call(container.querySelectorAll("input:checked"), function (b) { return b.value; });
  }

  function done(text) { S.say("accounts-done", text, false); }

  function act(a, path, message) {
    return S.call("POST", "/api/staff/accounts/" + a.id + "/" + path).then(function (r) {
      if (!r.ok) { S.say("accounts-done", S.sentence((r.json && (r.json.detail || r.json.title)) || "That did not work."), true); return; }
      done(message);
      return loadAccounts();
    });
  }

  function accountRow(a) {
    var roles = S.el("form", null, "role-form");
    roles.noValidate = true;
    var boxes = S.el("div", null, "role-choices");
    boxes.setAttribute("data-field", "roles");
    roleBoxes(boxes, "acct-" + a.id, a.roles);
    roles.appendChild(boxes);
    var save = S.el("button", "Save roles", "secondary");
    save.type = "submit";
    roles.appendChild(save);
    roles.appendChild(S.el("p", null, "error form-error"));
    roles.querySelector(".form-error").hidden = true;
    roles.addEventListener("submit", function (e) {
      e.preventDefault();
      S.clearErrors(roles);
      var picked = chosen(boxes);
      if (!picked.length) { S.showProblem(roles, { json: { errors: [{ field: "roles", message: "choose at least one role" }] } }); return; }
      S.call("PATCH", "/api/staff/accounts/" + a.id, { roles: picked }).then(function (r) {
        if (!r.ok) { S.showProblem(roles, r, "The roles could not be changed."); return; }
        done("Roles of " + a.displayName + " saved; they apply from their next click.");
        loadAccounts();
      });
    });
    var actions = S.el("div", null, "row-actions");
    if (a.active && (!me || a.id !== me.id)) {
      var off = S.el("button", "Deactivate", "danger");
      off.type = "button";
      off.addEventListener("click", function () {
        S.confirm("Deactivate " + a.displayName + "? They are signed out at once, their API tokens stop working, and they cannot sign in until an admin reactivates them.",
          "Deactivate").then(function (ok) { if (ok) { act(a, "deactivate", a.displayName + " is deactivated: signed out everywhere."); } });
      });
      actions.appendChild(off);
    }
    if (!a.active) {
      var on = S.el("button", "Reactivate", "secondary");
      on.type = "button";
      on.addEventListener("click", function () { act(a, "reactivate", a.displayName + " can sign in again."); });
      actions.appendChild(on);
    }
    if (a.twoFactor && (!me || a.id !== me.id)) {
      var reset = S.el("button", "Turn off two-step sign-in", "secondary");
      reset.type = "button";
      reset.addEventListener("click", function () {
        S.confirm("Turn off two-step sign-in for " + a.displayName + "? Do this when they lost their phone and their recovery codes. They are signed out everywhere, sign in with their password only, and are told by email.",
          "Turn it off").then(function (ok) { if (ok) { act(a, "two-factor/reset", "Two-step sign-in is off for " + a.displayName + "; they are signed out and told by email."); } });
      });
      actions.appendChild(reset);
    }
    var unlock = S.el("button", "Lift a lock-out", "secondary");
    unlock.type = "button";
    unlock.addEventListener("click", function () { act(a, "unlock", "Any sign-in lock-out of " + a.displayName + " is lifted."); });
    actions.appendChild(unlock);
    var status = (a.active ? "Active" : "Deactivated") + (a.twoFactor ? " · two-step sign-in on" : "");
    var tr = S.row([a.displayName, a.email, roles, status, actions]);
    tr.dataset.account = a.email;
    return tr;
  }

  function loadAccounts() {
    return S.call("GET", "/api/staff/accounts").then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json), true); return; }
      S.fill(document.querySelector("#accounts tbody"), r.json, function (a) { return accountRow(a); }, "No accounts.");
    });
  }

  function loadPolicy() {
    return S.call("GET", "/api/staff/policy").then(function (r) {
      if (!r.ok) { return; }
      var p = r.json;
      var state = document.getElementById("policy-state");
      var toggle = document.getElementById("policy-toggle");
      var missing = p.activeAccountsWithoutTwoFactor;
      state.textContent = p.requireTwoFactor
        ? "Required for every password sign-in" + (p.changedBy ? " (since " + S.dateTime(p.changedAt) + ", by " + p.changedBy + ")" : "") + "."
          + (missing ? " " + missing + (missing === 1 ? " active account has" : " active accounts have") + " not turned it on yet." : "")
        : "Not required: each colleague chooses." + (missing ? " " + missing + (missing === 1 ? " active account signs" : " active accounts sign") + " in with a password only." : "");
      toggle.textContent = p.requireTwoFactor ? "Stop requiring it" : "Require it for everyone";
      toggle.className = p.requireTwoFactor ? "secondary" : "";
      toggle.onclick = function () {
        var want = !p.requireTwoFactor;
        S.confirm(want
          ? "Require two-step sign-in for everyone? Colleagues without it can do nothing after their next click until they turn it on."
          : "Stop requiring two-step sign-in? Those who have it keep it; colleagues without it may sign in with a password only.",
          want ? "Require it" : "Stop requiring it").then(function (ok) {
          if (!ok) { return; }
          S.call("PUT", "/api/staff/policy", { requireTwoFactor: want }).then(function (r2) {
            if (!r2.ok) { S.say("policy-done", S.sentence((r2.json && (r2.json.detail || r2.json.title)) || "That did not work."), true); return; }
            S.say("policy-done", want ? "Two-step sign-in is now required for everyone." : "Two-step sign-in is no longer required.", false);
            loadPolicy();
          });
        });
      };
    });
  }

  function loadInvitations() {
    return S.call("GET", "/api/staff/invitations").then(function (r) {
      if (!r.ok) { return; }
      S.fill(document.querySelector("#invitations tbody"), r.json, function (i) {
        var withdraw = S.el("button", "Withdraw", "secondary");
        withdraw.type = "button";
        withdraw.addEventListener("click", function () {
          S.confirm("Withdraw the invitation to " + i.email + "? Its link stops working.", "Withdraw").then(function (ok) {
            if (!ok) { return; }
            S.call("POST", "/api/staff/invitations/" + i.id + "/revoke").then(function () { loadInvitations(); });
          });
        });
        var tr = S.row([i.displayName, i.email, i.roles.join(", "), i.status === "expired" ? "Expired" : S.dateTime(i.expiresAt), withdraw]);
        tr.dataset.invitation = i.email;
        return tr;
      }, "None.");
    });
  }

  var form = document.getElementById("invite-form");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var body = {
      displayName: document.getElementById("invite-name").value.trim(),
      email: document.getElementById("invite-email").value.trim(),
      roles: chosen(document.getElementById("invite-roles"))
    };
    var errors = [];
    if (!body.displayName) { errors.push({ field: "displayName", message: "enter their name" }); }
    if (!body.email) { errors.push({ field: "email", message: "enter their email" }); }
    if (!body.roles.length) { errors.push({ field: "roles", message: "choose at least one role" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    S.call("POST", "/api/staff/invitations", body).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The invitation could not be sent."); return; }
      S.say("invite-done", "Invitation sent to " + r.json.email + ". The link works once, until " + S.dateTime(r.json.expiresAt) + ".", false);
      form.reset();
      loadInvitations();
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) {
    if (!session) { return; }
    me = session.staff;
    roleBoxes(document.getElementById("invite-roles"), "invite", []);
    loadAccounts().then(loadInvitations).then(loadPolicy);
  });
})();
