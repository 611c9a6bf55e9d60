// Staff: the week's shifts as a calendar, the roster of one shift with check-in, new shifts and
// roles. Dates and times are the organisation's: they are read from the API's offset timestamps
// as written, and new shifts are sent as local date-times that the server reads in its zone.
(function () {
  "use strict";
  var S = window.Staff;
  var weekStart = mondayOf(new Date());
  var roles = [];
  var openShift = null;

  function iso(d) {
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function mondayOf(d) {
    var m = new Date(d.getFullYear(), d.getMonth(), d.getDate());
    m.setDate(m.getDate() - ((m.getDay() + 6) % 7));
    return m;
  }
  function addDays(d, n) { var c = new Date(d.getTime()); c.setDate(c.getDate() + n); return c; }
  function day(ts) { return ts.slice(0, 10); }
  function clock(ts) { return ts.slice(11, 16); }
  function fail(r) { S.say("page-error", S.problem(r.json), true); }

  function loadRoles() {
    return S.call("GET", "/api/roles").then(function (r) {
      if (!r.ok) { fail(r); return; }
      roles = r.json;
      var filter = document.getElementById("role-filter");
      var pick = document.getElementById("shift-role");
      var body = document.getElementById("roles");
      var chosen = filter.value;
      filter.length = 1;
      pick.textContent = "";
      body.textContent = "";
      roles.forEach(function (role) {
        filter.appendChild(new Option(role.name, role.code));
        pick.appendChild(new Option(role.name, role.code));
        var req = [];
        if (role.requirements.backgroundCheck) { req.push("background check"); }
        role.requirements.trainings.forEach(function (t) { req.push(t); });
        req.push("age " + role.requirements.minAge + "+");
        var change = S.el("button", "Change", "secondary");
        change.type = "button";
        change.addEventListener("click", function () { openRole(role); });
        var tr = S.row([role.name, role.code, role.survivorFacing ? "Yes" : "No", req.join(", "), change]);
        tr.dataset.role = role.code;
        body.appendChild(tr);
      });
      filter.value = chosen;
    });
  }

  function loadWeek() {
    document.getElementById("page-error").hidden = true;
    var end = addDays(weekStart, 7);
    document.getElementById("week-label").textContent = "Week of " + weekStart.toDateString().slice(4);
    var q = "/api/shifts?from=" + iso(weekStart) + "&to=" + iso(end);
    var role = document.getElementById("role-filter").value;
    if (role) { q += "&role=" + encodeURIComponent(role); }
    S.call("GET", q).then(function (r) {
      if (!r.ok) { fail(r); return; }
      var cal = document.getElementById("calendar");
      cal.textContent = "";
      for (var i = 0; i < 7; i++) {
        var date = addDays(weekStart, i);
        var column = S.el("div", null, "day");
        column.dataset.day = iso(date);
        column.appendChild(S.el("h3", date.toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric" })));
        r.json.filter(function (s) { return day(s.startsAt) === iso(date); }).forEach(function (s) {
          column.appendChild(card(s));
        });
        cal.appendChild(column);
      }
    });
  }

  function card(s) {
    var box = S.el("button", null, "cal-shift" + (s.staffing && s.staffing.understaffed ? " short" : ""));
    box.type = "button";
    box.dataset.shift = s.id;
    box.appendChild(S.el("strong", clock(s.startsAt) + "–" + clock(s.endsAt) + " " + s.roleName));
    box.appendChild(S.el("span", s.publicLocation));
    var st = s.staffing || { confirmed: 0, waitlisted: 0, minStaff: 0 };
    box.appendChild(S.el("span", st.confirmed + "/" + s.capacity + " booked" + (st.waitlisted ? ", " + st.waitlisted + " waiting" : "")));
    if (st.understaffed) { box.appendChild(S.el("span", "Below minimum of " + st.minStaff, "flag")); }
    if (s.survivorFacing) { box.appendChild(S.el("span", "Survivor-facing", "tag")); }
    box.addEventListener("click", function () { showRoster(s); });
    return box;
  }

  // the open shift's change form, filled from it; fewer seats than confirmed volunteers come back
  // as a choice of who moves to the waitlist
  function fillEdit(s) {
    var set = function (id, v) { document.getElementById(id).value = v === null || v === undefined ? "" : v; };
    set("edit-date", day(s.startsAt)); set("edit-start", clock(s.startsAt)); set("edit-end", clock(s.endsAt));
    set("edit-capacity", s.capacity); set("edit-min", s.staffing ? s.staffing.minStaff : 0);
    set("edit-location", s.publicLocation); set("edit-address", s.address);
    var move = document.getElementById("edit-move");
    move.textContent = "";
    move.appendChild(S.el("span", "Only asked when there are fewer seats than confirmed volunteers.", "fine"));
    S.clearErrors(document.getElementById("edit-form"));
    S.clearErrors(document.getElementById("cancel-shift-form"));
  }

  function moveChoices(confirmed) {
    var move = document.getElementById("edit-move");
    move.textContent = "";
    confirmed.forEach(function (c) {
      var label = S.el("label", null, "check");
      var box = document.createElement("input");
      box.type = "checkbox"; box.value = c.bookingId; box.id = "move-" + c.bookingId;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + c.name));
      move.appendChild(label);
    });
  }

  document.getElementById("edit-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target;
    S.clearErrors(form);
    if (missing(form, [["edit-date", "choose the day"], ["edit-start", "enter when it starts"], ["edit-end", "enter when it ends"],
      ["edit-location", "say where, in words volunteers may see (no street address)"]])) { return; }
    var date = document.getElementById("edit-date").value;
    var body = {
      startsAt: date + "T" + document.getElementById("edit-start").value,
      endsAt: date + "T" + document.getElementById("edit-end").value,
      capacity: Number(document.getElementById("edit-capacity").value),
      minStaff: Number(document.getElementById("edit-min").value || 0),
      publicLocation: document.getElementById("edit-location").value.trim(),
      address: document.getElementById("edit-address").value.trim(),
      moveToWaitlist: Array.prototype.map.call(document.querySelectorAll("#edit-move input:checked"), function (b) { return Number(b.value); })
    };
    S.call("PATCH", "/api/shifts/" + openShift.id, body).then(function (r) {
      if (r.status === 409 && r.json && r.json.confirmed) {
        moveChoices(r.json.confirmed);
        S.showProblem(form, { json: { errors: [{ field: "moveToWaitlist", message: r.json.detail }] } });
        return;
      }
      if (!r.ok) { S.showProblem(form, r, "The shift could not be changed."); return; }
      S.say("edit-result", "Shift changed. Its volunteers are told if the time or place moved; their calendars update.", false);
      loadWeek();
      showRoster(r.json);
    });
  });

  document.getElementById("cancel-shift-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target;
    S.clearErrors(form);
    var reason = document.getElementById("cancel-reason").value.trim();
    if (!reason) { S.showProblem(form, { json: { errors: [{ field: "reason", message: "say why the shift is cancelled" }] } }); return; }
    S.confirm("Cancel this shift? Every booked and waitlisted volunteer is emailed that it is cancelled, and it cannot be undone.", "Cancel the shift")
      .then(function (ok) {
        if (!ok) { return; }
        S.call("POST", "/api/shifts/" + openShift.id + "/cancel", { reason: reason }).then(function (r) {
          if (!r.ok) { S.showProblem(form, r, "The shift could not be cancelled."); return; }
          S.say("edit-result", "Shift cancelled. Its volunteers have been told.", false);
          document.getElementById("shift-edit").hidden = true;
          loadWeek();
        });
      });
  });

  var changingRole = null;
  function openRole(role) {
    changingRole = role;
    document.getElementById("change-role-code").textContent = role.code;
    document.getElementById("cr-name").value = role.name;
    document.getElementById("cr-survivor").checked = role.survivorFacing;
    document.getElementById("cr-background").checked = role.requirements.backgroundCheck;
    document.getElementById("cr-trainings").value = role.requirements.trainings.join(", ");
    document.getElementById("cr-age").value = role.requirements.minAge;
    S.clearErrors(document.getElementById("change-role-form"));
    document.getElementById("change-role-result").hidden = true;
    var card = document.getElementById("change-role");
    card.hidden = false;
    card.scrollIntoView();
  }

  document.getElementById("change-role-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target;
    S.clearErrors(form);
    if (missing(form, [["cr-name", "give the role a name"]])) { return; }
    var body = {
      name: document.getElementById("cr-name").value.trim(),
      survivorFacing: document.getElementById("cr-survivor").checked,
      requirements: {
        backgroundCheck: document.getElementById("cr-background").checked,
        trainings: document.getElementById("cr-trainings").value.split(",").map(function (t) { return t.trim(); }).filter(Boolean),
        minAge: Number(document.getElementById("cr-age").value || 0)
      }
    };
    S.call("PATCH", "/api/roles/" + encodeURIComponent(changingRole.code), body).then(function (r) {
      if (!r.ok) { S.showProblem(form, r, "The role could not be changed."); return; }
      var n = r.json.bookingsFlagged;
      S.say("change-role-result", "Role saved." + (n ? " " + n + (n === 1 ? " booked volunteer no longer qualifies and is" : " booked volunteers no longer qualify and are") +
        " flagged on the roster." : ""), false);
      loadRoles().then(loadWeek);
    });
  });

  function showRoster(s) {
    openShift = s;
    fillEdit(s);
    document.getElementById("shift-edit").hidden = s.staffing && s.staffing.status === "cancelled";
    document.getElementById("roster-title").textContent = s.roleName + ", " + day(s.startsAt) + " " + clock(s.startsAt) + "–" + clock(s.endsAt);
    document.getElementById("roster-address").textContent = s.address ? "Private address: " + s.address + " (revealed to confirmed volunteers " + "before the shift)" : "No private address.";
    S.call("GET", "/api/shifts/" + s.id + "/roster").then(function (r) {
      if (!r.ok) { fail(r); return; }
      var body = document.getElementById("roster");
      body.textContent = "";
      if (!r.json.length) { body.appendChild(S.row(["Nobody has booked yet.", "", "", "", ""])); }
      r.json.forEach(function (b) {
        var attendance = S.el("div");
        if (b.status === "confirmed") {
          if (b.attended !== "") {
            attendance.appendChild(S.el("span", b.attended === "true" ? "Came (" + b.minutes + " min)" : "Did not come"));
          }
          [["Came", true], ["Did not come", false]].forEach(function (choice) {
            var button = S.el("button", choice[0], choice[1] ? "checkin" : "secondary checkin");
            button.type = "button";
            button.addEventListener("click", function () {
              S.call("POST", "/api/shifts/" + s.id + "/checkins", { bookingId: b.bookingId, attended: choice[1] })
                .then(function (res) { if (res.ok) { showRoster(s); } else { fail(res); } });
            });
            attendance.appendChild(button);
          });
        }
        var cancel = S.el("button", "Cancel booking", "secondary");
        cancel.type = "button";
        cancel.addEventListener("click", function () {
          S.call("DELETE", "/api/bookings/" + b.bookingId).then(function (res) {
            if (res.ok) { showRoster(s); loadWeek(); } else { fail(res); }
          });
        });
        attendance.appendChild(cancel);
        body.appendChild(S.row([b.name, b.email + (b.phone ? " · " + b.phone : ""), b.status,
          b.clearanceLapsed ? "Lapsed: " + b.clearanceLapsed : "OK", attendance]));
      });
      document.getElementById("roster-panel").hidden = false;
    });
  }

  document.getElementById("prev-week").addEventListener("click", function () { weekStart = addDays(weekStart, -7); loadWeek(); });
  document.getElementById("next-week").addEventListener("click", function () { weekStart = addDays(weekStart, 7); loadWeek(); });
  document.getElementById("role-filter").addEventListener("change", loadWeek);

  // what a form is missing, in plain words beside each field, before anything is sent
  function missing(form, checks) {
    var errors = checks.filter(function (c) { return !document.getElementById(c[0]).value.trim(); })
      .map(function (c) { return { field: document.getElementById(c[0]).dataset.field, message: c[1] }; });
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); }
    return errors.length > 0;
  }

  document.getElementById("shift-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    S.clearErrors(form);
    if (missing(form, [["shift-role", "choose the role"], ["shift-date", "choose the day"], ["shift-start", "enter when it starts"],
      ["shift-end", "enter when it ends"], ["shift-location", "say where, in words volunteers may see (no street address)"]])) { return; }
    var date = document.getElementById("shift-date").value;
    var body = {
      roleCode: document.getElementById("shift-role").value,
      startsAt: date + "T" + document.getElementById("shift-start").value,
      endsAt: date + "T" + document.getElementById("shift-end").value,
      capacity: Number(document.getElementById("shift-capacity").value),
      minStaff: Number(document.getElementById("shift-min").value || 0),
      publicLocation: document.getElementById("shift-location").value,
      address: document.getElementById("shift-address").value || undefined,
      revealHoursBefore: Number(document.getElementById("shift-reveal").value || 24),
      repeatWeekly: Number(document.getElementById("shift-repeat").value || 1)
    };
    S.call("POST", "/api/shifts", body).then(function (r) {
      if (!r.ok) { S.showProblem(form, r, "The shift could not be added."); return; }
      S.say("shift-result", r.json.ids.length === 1 ? "Shift added." : r.json.ids.length + " shifts added.");
      if (date) { weekStart = mondayOf(new Date(date + "T12:00")); }
      loadWeek();
    });
  });

  document.getElementById("role-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    S.clearErrors(form);
    if (missing(form, [["role-name", "give the role a name"], ["role-code", "give a short code, such as safe-house-evening"]])) { return; }
    var trainings = document.getElementById("role-trainings").value.split(",")
      .map(function (t) { return t.trim(); }).filter(function (t) { return t; });
    var body = {
      code: document.getElementById("role-code").value.trim(),
      name: document.getElementById("role-name").value,
      survivorFacing: document.getElementById("role-survivor").checked,
      requirements: {
        backgroundCheck: document.getElementById("role-background").checked,
        trainings: trainings,
        minAge: Number(document.getElementById("role-age").value || 18)
      }
    };
    S.call("POST", "/api/roles", body).then(function (r) {
      if (!r.ok) { S.showProblem(form, r, "The role could not be added."); return; }
      S.say("role-result", "Role " + r.json.name + " added.");
      document.getElementById("role-form").reset();
      loadRoles();
    });
  });

  S.start().then(function (session) {
    if (session) { loadRoles().then(loadWeek); }
  });
})();
