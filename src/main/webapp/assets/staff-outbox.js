// Staff (admins): the email outbox by state (failed first), each message's recipient, subject,
// tries and last error, never its text; a failed one is sent again on request.
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("outbox-filter");

  function load() {
    S.clearErrors(form);
    var status = form.elements.status.value;
    return S.call("GET", "/api/outbox" + S.query({ status: status, limit: 200 })).then(function (r) {
      if (!r.ok) { S.showProblem(form, r, "The outbox could not be read."); return; }
      S.fill(document.querySelector("#outbox tbody"), r.json, function (m) {
        var cell = "";
        if (m.status === "failed") {
          cell = S.el("button", "Send again", "secondary");
          cell.type = "button";
          cell.addEventListener("click", function () {
            cell.disabled = true;
            S.call("POST", "/api/outbox/" + m.id + "/requeue").then(function (r2) {
              if (!r2.ok) { S.say("outbox-done", S.sentence((r2.json && r2.json.detail) || "It could not be queued."), true); cell.disabled = false; return; }
              S.say("outbox-done", "The message to " + m.to + " is queued again.", false);
              load();
            });
          });
        }
        var tr = S.row([S.dateTime(m.createdAt), m.to, m.subject, m.attempts, m.lastError || "", cell]);
        tr.dataset.message = String(m.id);
        return tr;
      }, status === "failed" ? "No failed emails." : "None.");
    }).catch(function () { S.showProblem(form, { status: 0 }); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); load(); });
  S.start().then(function (session) { if (session) { load(); } });
})();
