// "Can't make it" link from a reminder: the token arrives in the URL fragment.
(function () {
  "use strict";
  var match = /[#&]token=([^&]+)/.exec(window.location.hash);
  var result = document.getElementById("cancel-result");
  var button = document.getElementById("cancel-button");
  if (!match) { button.disabled = true; result.textContent = "This link is incomplete."; return; }
  button.addEventListener("click", function () {
    button.disabled = true;
    Api.call("POST", "/api/bookings/cancel-by-link", { token: decodeURIComponent(match[1]) })
      .then(function (r) {
        result.textContent = r.ok ? "Your booking is canceled. Thank you for letting us know." : Api.problem(r.json, "That did not work.");
      });
  });
})();
