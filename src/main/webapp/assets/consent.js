// Email consent pages: sign-up on the home page (double opt-in), its confirmation, the
// preferences page (signed link in every bulk email, kept in this tab only) and unsubscribe.
(function () {
  "use strict";
  var el = Api.el;
  var call = Api.call;
  function $(id) { return document.getElementById(id); }
  function show(node, text) { node.textContent = text; node.hidden = false; }

  // Field errors go beside their field, in plain words; anything else in the form's error box.
  var WORDS = { email: "Email", firstName: "First name", topics: "Topics" };
  function fieldErrors(json, boxes, fallback) {
    Object.keys(boxes).forEach(function (f) { boxes[f].hidden = true; });
    var rest = [];
    ((json && json.errors) || []).forEach(function (e) {
      var field = String(e.field || "").split(".")[0].split("[")[0];
      if (boxes[field]) { show(boxes[field], (WORDS[field] || "This") + " " + e.message + "."); } else { rest.push(e.message); }
    });
    if (!(json && json.errors && json.errors.length) || rest.length) {
      show(fallback, (json && json.detail && !(json.errors && json.errors.length)) ? json.detail : (rest.join("; ") || Api.problem(json)));
    }
  }

  function topicBoxes(container, topics, checked, idPrefix) {
    container.textContent = "";
    topics.forEach(function (t) {
      var label = el("label", null, "check");
      var box = el("input"); box.type = "checkbox"; box.value = t.code; box.id = idPrefix + t.code;
      box.checked = !!checked(t);
      var text = el("span");
      text.appendChild(el("strong", t.name));
      if (t.description) { text.appendChild(el("span", " " + t.description, "fine")); }
      label.appendChild(box); label.appendChild(text);
      container.appendChild(label);
    });
  }
  function chosen(container) {
    return Array.prototype.slice.call(container.querySelectorAll("input[type=checkbox]"));
  }

  // --- home page sign-up -------------------------------------------------------------------------
  var signUp = $("signup-form");
  if (signUp) {
    var topicsBox = $("signup-topics");
    call("GET", "/api/topics").then(function (r) {
      if (r.ok) { topicBoxes(topicsBox, r.json, function (t) { return t.code === "impact-newsletter"; }, "signup-"); }
    });
    signUp.addEventListener("submit", function (ev) {
      ev.preventDefault();
      $("signup-done").hidden = true; $("signup-error").hidden = true;
      var body = {
        email: $("signup-email").value.trim(),
        firstName: $("signup-first").value.trim() || undefined,
        topics: chosen(topicsBox).filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
        website: $("signup-website").value || undefined
      };
      var boxes = { email: $("signup-email-error"), topics: $("signup-topics-error") };
      if (!body.email) { return fieldErrors({ errors: [{ field: "email", message: "is needed" }] }, boxes, $("signup-error")); }
      if (!body.topics.length) { return fieldErrors({ errors: [{ field: "topics", message: ": choose at least one" }] }, boxes, $("signup-error")); }
      call("POST", "/api/subscriptions", body).then(function (r) {
        if (r.ok) {
          Object.keys(boxes).forEach(function (f) { boxes[f].hidden = true; });
          show($("signup-done"), r.json.detail); signUp.reset();
        } else { fieldErrors(r.json, boxes, $("signup-error")); }
      });
    });
  }

  // --- the sign-up's confirmation ------------------------------------------------------------------
  if ($("confirm-working")) {
    var confirmToken = Api.fragmentToken("subscribeToken");
    var fail = function (text) { $("confirm-working").hidden = true; show($("confirm-error"), text); };
    if (!confirmToken) {
      fail("This page opens from the link in the email we sent you. Sign up again to get a new one.");
    } else {
      call("POST", "/api/subscriptions/confirm", { token: confirmToken }).then(function (r) {
        if (!r.ok) { return fail(Api.problem(r.json)); }
        $("confirm-working").hidden = true;
        var names = r.json.topics.map(function (t) { return t.name; });
        $("confirm-text").textContent = "Thank you: " + r.json.email + " is signed up for " + (names.join(", ") || "nothing (those topics are gone)") + ".";
        $("confirm-done").hidden = false;
      });
    }
  }

  // --- preferences -----------------------------------------------------------------------------
  var prefs = $("prefs");
  if (prefs) {
    var token = Api.fragmentToken("preferencesToken");
    var base = function () { return "/api/preferences/" + encodeURIComponent(token); };
    var render = function (p) {
      $("prefs-email").textContent = p.email;
      topicBoxes($("prefs-topics"), p.topics, function (t) { return t.subscribed; }, "pref-");
      prefs.hidden = false;
    };
    var askForLink = function (text) {
      if (text) { show($("prefs-error"), text); }
      prefs.hidden = true; $("ask-link").hidden = false;
    };
    var save = function (choices) {
      $("prefs-saved").hidden = true; $("prefs-error").hidden = true;
      call("PUT", base(), { topics: choices }).then(function (r) {
        if (r.ok) { render(r.json); show($("prefs-saved"), "Saved. Your choices apply from now on."); }
        else if (r.status === 401) { askForLink(Api.problem(r.json)); }
        else { show($("prefs-error"), Api.problem(r.json)); }
      });
    };
    if (!token) { askForLink(); } else {
      call("GET", base()).then(function (r) { if (r.ok) { render(r.json); } else { askForLink(Api.problem(r.json)); } });
    }
    prefs.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var choices = {};
      chosen($("prefs-topics")).forEach(function (b) { choices[b.value] = b.checked; });
      save(choices);
    });
    $("prefs-none").addEventListener("click", function () {
      var choices = {};
      chosen($("prefs-topics")).forEach(function (b) { choices[b.value] = false; });
      save(choices);
    });
    $("link-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      $("link-done").hidden = true;
      var email = $("link-email").value.trim();
      var boxes = { email: $("link-email-error") };
      if (!email) { return fieldErrors({ errors: [{ field: "email", message: "is needed" }] }, boxes, $("prefs-error")); }
      call("POST", "/api/preferences/link", { email: email }).then(function (r) {
        if (r.ok) { boxes.email.hidden = true; show($("link-done"), r.json.detail); } else { fieldErrors(r.json, boxes, $("prefs-error")); }
      });
    });
  }

  // --- unsubscribe -------------------------------------------------------------------------------
  var unsubscribe = $("unsubscribe-form");
  if (unsubscribe) {
    unsubscribe.addEventListener("submit", function (ev) {
      ev.preventDefault();
      fetch("/api/unsubscribe/" + encodeURIComponent(unsubscribe.dataset.token), {
        method: "POST", credentials: "omit",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
        body: "List-Unsubscribe=One-Click"
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (json) {
          if (r.ok) { $("ask").hidden = true; show($("done"), json.detail); }
          else { show($("unsubscribe-error"), Api.problem(json)); }
        });
      });
    });
  }
})();
