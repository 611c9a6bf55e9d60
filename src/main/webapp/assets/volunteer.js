// Volunteer home: sign in by emailed link (the token arrives in the URL fragment and is kept in
// this tab's sessionStorage), list shifts, book, cancel, get the calendar feed link.
(function () {
  "use strict";
  var token = Api.fragmentToken("volunteerToken");
  var list = document.getElementById("shifts");
  var errorBox = document.getElementById("shifts-error");

  function call(method, path) {
    return Api.call(method, path, undefined, token ? { Authorization: "Bearer " + token } : {});
  }
  function show(problem) {
    errorBox.textContent = Api.problem(problem);
    errorBox.hidden = false;
  }
  function when(iso) {
    return Api.dateTime(iso);
  }
  function render(shifts) {
    list.textContent = "";
    if (!shifts.length) {
      var none = document.createElement("li");
      none.textContent = "No upcoming shifts.";
      list.appendChild(none);
    }
    shifts.forEach(function (s) {
      var item = document.createElement("li");
      item.className = "shift";
      item.dataset.shift = s.id;
      var title = document.createElement("strong");
      title.textContent = s.roleName + " · " + when(s.startsAt);
      item.appendChild(title);
      var place = document.createElement("div");
      place.textContent = s.publicLocation + " · " + s.seatsLeft + " of " + s.capacity + " seats left";
      item.appendChild(place);
      if (s.address) {
        var address = document.createElement("div");
        address.className = "address";
        address.textContent = "Address: " + s.address;
        item.appendChild(address);
      }
      var status = document.createElement("div");
      status.className = "booking-status";
      if (s.myBooking) { status.textContent = "You are " + s.myBooking.status + "."; }
      item.appendChild(status);
      if (token) {
        var button = document.createElement("button");
        button.type = "button";
        if (s.myBooking) {
          button.textContent = "Cancel";
          button.className = "secondary cancel";
          button.addEventListener("click", function () {
            call("DELETE", "/api/bookings/" + s.myBooking.id).then(function (r) { if (r.ok) { load(); } else { show(r.json); } });
          });
        } else {
          button.textContent = s.seatsLeft > 0 ? "Book" : "Join the waitlist";
          button.className = "book";
          button.addEventListener("click", function () {
            call("POST", "/api/shifts/" + s.id + "/bookings").then(function (r) { if (r.ok) { load(); } else { show(r.json); } });
          });
        }
        item.appendChild(button);
      }
      list.appendChild(item);
    });
  }
  function load() {
    errorBox.hidden = true;
    var q = [];
    var from = document.getElementById("filter-from").value;
    var role = document.getElementById("filter-role").value;
    if (from) { q.push("from=" + from); }
    if (role) { q.push("role=" + encodeURIComponent(role)); }
    call("GET", "/api/shifts" + (q.length ? "?" + q.join("&") : ""))
      .then(function (r) { if (r.ok) { render(r.json); } else { show(r.json); } });
  }
  function loadRoles() {
    call("GET", "/api/roles").then(function (r) {
      if (!r.ok) { return; }
      var select = document.getElementById("filter-role");
      select.length = 1;
      r.json.forEach(function (role) { select.appendChild(new Option(role.name, role.code)); });
    });
  }
  document.getElementById("filter-form").addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });

  if (token) {
    call("GET", "/api/volunteers/me").then(function (r) {
      if (!r.ok) { sessionStorage.removeItem("volunteerToken"); token = null; show(r.json); loadRoles(); load(); return; }
      document.getElementById("signed-out").hidden = true;
      document.getElementById("signed-in").hidden = false;
      document.getElementById("me-name").textContent = r.json.volunteer.firstName + " " + r.json.volunteer.lastName;
      document.getElementById("me-status").textContent = r.json.volunteer.status;
      loadRoles();
      load();
    });
  } else {
    loadRoles();
    load();
  }
  document.getElementById("link-form").addEventListener("submit", function (event) {
    event.preventDefault();
    Api.call("POST", "/api/volunteers/login-link", { email: document.getElementById("link-email").value })
      .then(function () { document.getElementById("link-done").hidden = false; });
  });
  document.getElementById("calendar-button").addEventListener("click", function () {
    call("POST", "/api/calendar/link").then(function (r) {
      if (r.ok) { document.getElementById("calendar-url").textContent = r.json.url; }
    });
  });
  document.getElementById("signout-button").addEventListener("click", function () {
    sessionStorage.removeItem("volunteerToken");
    window.location.assign("/volunteer/");
  });
})();
