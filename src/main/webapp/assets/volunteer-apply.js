// Volunteer application form: POST /api/volunteers.
(function () {
  "use strict";
  var form = document.getElementById("apply");
  var errorBox = document.getElementById("apply-error");
  var done = document.getElementById("apply-done");
  function value(id) { return document.getElementById(id).value; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    var skills = value("skills").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    var body = {
      email: value("email"), firstName: value("firstName"), lastName: value("lastName"),
      birthDate: value("birthDate"), skills: skills, availability: value("availability"),
      agreesToConfidentiality: document.getElementById("agree").checked, website: value("website")
    };
    if (value("phone")) { body.phone = value("phone"); }
    fetch("/api/volunteers", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (j) { return { ok: r.ok, json: j }; }); })
      .then(function (result) {
        if (result.ok) {
          form.querySelectorAll("input, textarea, button").forEach(function (el) { el.disabled = true; });
          done.hidden = false;
        } else {
          var p = result.json;
          errorBox.textContent = p.errors && p.errors.length
            ? p.errors.map(function (e) { return e.field + ": " + e.message; }).join("; ")
            : (p.detail || "Something went wrong.");
          errorBox.hidden = false;
        }
      });
  });
})();
