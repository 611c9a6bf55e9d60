// Staff: the screening queue (applications by status), one volunteer's screening form with
// approve/reject, what expires soon, and hours served per role with the CSV download.
(function () {
  "use strict";
  var S = window.Staff;
  var current = null;

  function fail(r) { S.say("page-error", S.problem(r.json), true); }
  function background(v) {
    var b = v.backgroundCheck;
    return b.status + (b.expiresOn ? " (until " + b.expiresOn + ")" : "");
  }
  function trainings(v) {
    return v.trainings.map(function (t) { return t.code + (t.expiresOn ? " (until " + t.expiresOn + ")" : ""); }).join(", ");
  }

  function loadQueue() {
    var status = document.getElementById("status-filter").value;
    S.call("GET", "/api/volunteers?status=" + status).then(function (r) {
      if (!r.ok) { fail(r); return; }
      var body = document.getElementById("queue");
      body.textContent = "";
      if (!r.json.length) { body.appendChild(S.row(["No volunteers here.", "", "", "", "", ""])); }
      r.json.forEach(function (v) {
        var open = S.el("button", "Review", "review");
        open.type = "button";
        open.addEventListener("click", function () { review(v); });
        var tr = S.row([v.firstName + " " + v.lastName + " · " + v.email, v.birthDate, background(v), trainings(v),
          v.agreementSignedOn || "not signed", open]);
        tr.dataset.volunteer = v.id;
        body.appendChild(tr);
      });
    });
  }

  function trainingRow(t) {
    var code = S.el("input"); code.value = t.code || ""; code.className = "t-code"; code.setAttribute("aria-label", "Training code");
    var done = S.el("input"); done.type = "date"; done.value = t.completedOn || ""; done.className = "t-done"; done.setAttribute("aria-label", "Completed on");
    var until = S.el("input"); until.type = "date"; until.value = t.expiresOn || ""; until.className = "t-until"; until.setAttribute("aria-label", "Expires on");
    var remove = S.el("button", "Remove", "secondary"); remove.type = "button";
    var tr = S.row([code, done, until, remove]);
    remove.addEventListener("click", function () { tr.remove(); });
    document.getElementById("trainings").appendChild(tr);
  }

  function review(v) {
    current = v;
    document.getElementById("review-result").hidden = true;
    document.getElementById("review-name").textContent = v.firstName + " " + v.lastName;
    document.getElementById("review-about").textContent = "Applied as " + v.email + ", born " + v.birthDate +
      ". Skills: " + (v.skills || "none given") + ". Availability: " + (v.availability || "none given") +
      ". Status: " + v.status + (v.decisionReason ? " (" + v.decisionReason + ")" : "") + ".";
    document.getElementById("bg-status").value = v.backgroundCheck.status;
    document.getElementById("bg-completed").value = v.backgroundCheck.completedOn || "";
    document.getElementById("bg-expires").value = v.backgroundCheck.expiresOn || "";
    document.getElementById("agreement").value = v.agreementSignedOn || "";
    document.getElementById("trainings").textContent = "";
    v.trainings.forEach(trainingRow);
    document.getElementById("reason").value = "";
    document.getElementById("review").hidden = false;
    document.getElementById("review").scrollIntoView();
  }

  document.getElementById("add-training").addEventListener("click", function () { trainingRow({}); });

  document.getElementById("screening-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var rows = Array.prototype.slice.call(document.querySelectorAll("#trainings tr"));
    var body = {
      backgroundCheck: {
        status: document.getElementById("bg-status").value,
        completedOn: document.getElementById("bg-completed").value || undefined,
        expiresOn: document.getElementById("bg-expires").value || undefined
      },
      trainings: rows.map(function (tr) {
        return {
          code: tr.querySelector(".t-code").value.trim(),
          completedOn: tr.querySelector(".t-done").value,
          expiresOn: tr.querySelector(".t-until").value || undefined
        };
      }),
      agreementSignedOn: document.getElementById("agreement").value || undefined
    };
    var screening = document.getElementById("screening-form");
    // each training row's inputs answer to their place in the list, for errors beside them
    rows.forEach(function (tr, i) {
      tr.querySelector(".t-code").dataset.field = "trainings[" + i + "].code";
      tr.querySelector(".t-done").dataset.field = "trainings[" + i + "].completedOn";
      tr.querySelector(".t-until").dataset.field = "trainings[" + i + "].expiresOn";
    });
    S.clearErrors(screening);
    S.call("PUT", "/api/volunteers/" + current.id + "/screening", body).then(function (r) {
      if (!r.ok) { S.showProblem(screening, r, "The screening could not be saved."); return; }
      current = r.json;
      S.say("review-result", "Screening saved.");
      loadQueue();
      loadExpiring();
    });
  });

  function decide(decision) {
    var reason = document.getElementById("reason").value;
    var form = document.getElementById("decision-form");
    S.clearErrors(form);
    S.call("POST", "/api/volunteers/" + current.id + "/decision", { decision: decision, reason: reason || undefined })
      .then(function (r) {
        if (!r.ok) { S.showProblem(form, r, "The decision could not be saved."); return; }
        current = r.json;
        S.say("review-result", (decision === "approve" ? "Approved: " : "Rejected: ") + r.json.firstName + " " + r.json.lastName + " has been emailed.");
        loadQueue();
      });
  }
  document.getElementById("approve").addEventListener("click", function () { decide("approve"); });
  document.getElementById("reject").addEventListener("click", function () { decide("reject"); });
  document.getElementById("status-filter").addEventListener("change", loadQueue);

  function loadExpiring() {
    S.call("GET", "/api/volunteers/expiring?within=30").then(function (r) {
      if (!r.ok) { fail(r); return; }
      var list = document.getElementById("expiring");
      list.textContent = "";
      if (!r.json.length) { list.appendChild(S.el("li", "Nothing expires in the next 30 days.")); }
      r.json.forEach(function (v) {
        list.appendChild(S.el("li", v.firstName + " " + v.lastName + ": background check " + background(v) +
          (v.trainings.length ? "; trainings " + trainings(v) : "")));
      });
    });
  }

  function hoursQuery() {
    var q = [];
    var from = document.getElementById("hours-from").value;
    var to = document.getElementById("hours-to").value;
    if (from) { q.push("from=" + from); }
    if (to) { q.push("to=" + to); }
    return q.length ? "?" + q.join("&") : "";
  }
  function loadHours() {
    var q = hoursQuery();
    document.getElementById("hours-csv").href = "/api/hours/export.csv" + q;
    S.call("GET", "/api/hours" + q).then(function (r) {
      if (!r.ok) { fail(r); return; }
      var body = document.getElementById("hours");
      body.textContent = "";
      if (!r.json.roles.length) { body.appendChild(S.row(["No attended shifts in this period.", "", "", ""])); }
      r.json.roles.forEach(function (role) {
        body.appendChild(S.row([role.roleName, role.volunteers, role.shifts, (role.minutes / 60).toFixed(1)]));
      });
      body.appendChild(S.row(["Total", "", "", (r.json.totalMinutes / 60).toFixed(1)]));
    });
  }
  document.getElementById("hours-form").addEventListener("submit", function (event) { event.preventDefault(); loadHours(); });

  S.start().then(function (session) {
    if (session) { loadQueue(); loadExpiring(); loadHours(); }
  });
})();
