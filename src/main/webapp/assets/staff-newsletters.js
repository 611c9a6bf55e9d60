// Staff: the topics people subscribe to, with how many said yes and no, and a form that adds one
// (it cannot be removed afterwards: people's answers to it are their consent record).
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("new-topic");

  function load() {
    return S.call("GET", "/api/topics/summary").then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "The topics could not be loaded."), true); return; }
      var body = document.querySelector("#topics tbody");
      body.textContent = "";
      r.json.forEach(function (t) {
        var tr = S.el("tr");
        tr.dataset.topic = t.code;
        var name = S.el("td");
        name.appendChild(S.el("strong", t.name));
        if (t.description) { name.appendChild(S.el("div", t.description, "fine")); }
        tr.appendChild(name);
        tr.appendChild(S.el("td", t.code));
        tr.appendChild(S.el("td", String(t.subscribed), "num subscribed"));
        tr.appendChild(S.el("td", String(t.unsubscribed), "num"));
        tr.appendChild(S.el("td", S.date(t.createdAt) + (t.createdBy && t.createdBy !== "pathlight" ? " by " + t.createdBy.replace(/^staff:/, "") : "")));
        body.appendChild(tr);
      });
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var v = function (id) { return document.getElementById(id).value.trim(); };
    var body = { code: v("topic-code"), name: v("topic-name"), description: v("topic-description") };
    var errors = [];
    if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])$/.test(body.code)) { errors.push({ field: "code", message: "use 2 to 40 lower-case letters, digits and dashes, such as gala-2027" }); }
    if (!body.name) { errors.push({ field: "name", message: "give the topic a name people will see" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    S.call("POST", "/api/topics", body).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The topic could not be added."); return; }
      form.reset();
      return load().then(function () { S.say("topic-done", "Added " + r.json.name + ": people can choose it now.", false); });
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) { if (session) { load(); } });
})();
