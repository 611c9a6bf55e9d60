// A campaign's action page: ZIP (and House district when the ZIP spans several) → who the
// letters go to → the supporter's details and own words → the letters as they will be sent →
// sent, with how each one travels. Every text from the server is set as text, never as HTML.
(function () {
  "use strict";
  var root = document.getElementById("act");
  var zipForm = document.getElementById("zip-form");
  if (!root || !zipForm) { return; } // closed or not yet open: nothing to fill in
  var slug = root.dataset.slug;
  var targets = (root.dataset.targets || "").split(" ");
  var el = window.Api.el;

  var zip = document.getElementById("zip");
  var zipButton = document.getElementById("zip-button");
  var zipError = document.getElementById("zip-error");
  var choice = document.getElementById("district-choice");
  var districtsBox = document.getElementById("districts");
  var recipients = document.getElementById("recipients");
  var recipientList = document.getElementById("recipient-list");
  var letterForm = document.getElementById("letter-form");
  var letterError = document.getElementById("letter-error");
  var note = document.getElementById("personalNote");
  var noteCount = document.getElementById("note-count");
  var preview = document.getElementById("preview");
  var sendButton = document.getElementById("send-button");
  var sendError = document.getElementById("send-error");
  var done = document.getElementById("done");

  var place = { zip: null, district: null };

  function show(node, visible) { node.hidden = !visible; }

  function step(n) {
    [1, 2, 3].forEach(function (i) {
      var item = document.getElementById("step-" + i);
      if (i === n) { item.setAttribute("aria-current", "step"); } else { item.removeAttribute("aria-current"); }
    });
  }

  function fail(box, reply) {
    box.textContent = window.Api.problem(reply.json, "Something went wrong. Please try again.");
    show(box, true);
  }

  function value(id) {
    var node = document.getElementById(id);
    return node ? node.value.trim() : "";
  }

  function describe(o) {
    var text = (o.title ? o.title + " " : "") + o.name;
    if (o.office === "us-house" && o.district) { text += " (" + o.state + "-" + o.district + ")"; }
    else if (o.office === "us-senate") { text += " (" + o.state + ")"; }
    return text;
  }

  function chooseDistrict(candidates) {
    districtsBox.textContent = "";
    candidates.forEach(function (label, i) {
      var item = el("label", null, "ask");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "district";
      radio.value = label;
      if (i === 0) { radio.required = true; }
      item.appendChild(radio);
      item.appendChild(document.createTextNode(" " + label));
      districtsBox.appendChild(item);
    });
    show(choice, true);
    zipButton.textContent = "Use this district";
  }

  function lookup(event) {
    event.preventDefault();
    show(zipError, false);
    var picked = districtsBox.querySelector("input[name=district]:checked");
    if (!choice.hidden && !picked) {
      zipError.textContent = "Choose your district.";
      show(zipError, true);
      return;
    }
    var query = "zip=" + encodeURIComponent(zip.value.trim());
    if (picked) { query += "&district=" + encodeURIComponent(picked.value); }
    var street = document.getElementById("lookup-address");
    if (street && street.value.trim()) { query += "&address=" + encodeURIComponent(street.value.trim()); }
    zipButton.disabled = true;
    window.Api.call("GET", "/api/officials?" + query).then(function (reply) {
      zipButton.disabled = false;
      if (!reply.ok) {
        if (reply.json && reply.json.candidates) { chooseDistrict(reply.json.candidates); }
        fail(zipError, reply);
        return;
      }
      var found = reply.json;
      var house = found.districts.filter(function (d) { return d.chamber === "us-house"; });
      var crossesStates = house.some(function (d) { return d.state !== house[0].state; });
      if (found.ambiguous && (targets.indexOf("us-house") >= 0 || crossesStates)) {
        chooseDistrict(house.map(function (d) { return d.label; }));
        return;
      }
      place.zip = found.zip;
      var placed = {};
      found.districts.forEach(function (d) { placed[d.chamber] = d.district; });
      place.district = picked ? picked.value : (house.length === 1 ? house[0].label : null);
      recipientList.textContent = "";
      found.officials.filter(function (o) { return targets.indexOf(o.office) >= 0; })
        .forEach(function (o) { recipientList.appendChild(el("li", describe(o))); });
      house.filter(function (d) { return d.vacant && targets.indexOf("us-house") >= 0; })
        .forEach(function (d) {
          recipientList.appendChild(el("li", "The House seat for " + d.label + " is vacant: no letter for it.", "fine"));
        });
      if ((targets.indexOf("state-upper") >= 0 && !placed["state-upper"]) ||
          (targets.indexOf("state-lower") >= 0 && !placed["state-lower"])) {
        recipientList.appendChild(el("li", "Your state legislators, once you give your state districts below.", "fine"));
      }
      var state = house.length ? house[0].state : null;
      if (state) { stateDistricts(state, placed); }
      var letterAddress = document.getElementById("address");
      if (found.located && street && letterAddress && !letterAddress.value) {
        letterAddress.value = street.value.trim();
      }
      show(zipForm, false);
      show(recipients, true);
      show(letterForm, true);
      step(2);
      document.getElementById("firstName").focus();
    });
  }

  // The state's districts for each state chamber the campaign writes to, as choices.
  function stateDistricts(state, known) {
    ["stateUpper", "stateLower"].forEach(function (id) {
      var select = document.getElementById(id);
      if (!select) { return; }
      while (select.options.length > 1) { select.remove(1); }
      window.Api.call("GET", "/api/officials/state-districts?state=" + encodeURIComponent(state) +
        "&chamber=" + select.dataset.chamber).then(function (reply) {
        if (!reply.ok) { return; }
        reply.json.forEach(function (d) {
          var label = state + " " + d.district + (d.vacant ? " (vacant)" : "");
          var option = el("option", label);
          option.value = d.district;
          option.disabled = d.vacant;
          select.appendChild(option);
        });
        var mine = known[select.id === "stateUpper" ? "state-upper" : "state-lower"];
        if (mine) { select.value = mine; }
      });
    });
  }

  function body() {
    return {
      firstName: value("firstName"), lastName: value("lastName"), email: value("email"),
      zip: place.zip, district: place.district,
      address: value("address") || null, city: value("city") || null,
      stateUpper: value("stateUpper") || null, stateLower: value("stateLower") || null,
      personalNote: note.value.trim() || null,
      optIn: document.getElementById("optIn").checked,
      website: document.getElementById("website").value
    };
  }

  function channelText(letter) {
    switch (letter.channel) {
      case "email": return "By email to their office. Replies come to you.";
      case "print": return "Printed with your address and delivered to their office by our team.";
      case "contact-form": return "Through their web form: they take messages no other way.";
      default: return letter.channel;
    }
  }

  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

  // The letter text in a read-only box with a copy button and the official's form, to paste in.
  function handOff(letter, intro) {
    var box = el("div", null, "handoff");
    box.appendChild(el("p", intro));
    var text = document.createElement("textarea");
    text.readOnly = true;
    text.rows = 6;
    text.value = letter.subject + "\n\n" + letter.body;
    text.setAttribute("aria-label", "Your letter to " + letter.official + ", to copy");
    box.appendChild(text);
    var copy = el("button", "Copy the letter", "secondary");
    copy.type = "button";
    copy.addEventListener("click", function () {
      text.select();
      var copied = navigator.clipboard ? navigator.clipboard.writeText(text.value) : Promise.reject();
      copied.then(function () { copy.textContent = "Copied"; }, function () {
        copy.textContent = "Selected: press Ctrl+C (⌘C) to copy";
      });
    });
    box.appendChild(copy);
    var url = safeUrl(letter.contactForm);
    if (url) {
      var link = el("a", "Open " + letter.official + "'s contact form", "button");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      box.appendChild(document.createTextNode(" "));
      box.appendChild(link);
    }
    return box;
  }

  function renderLetters(box, letters, sent) {
    box.textContent = "";
    letters.forEach(function (l) {
      var card = el("article", null, "letter card");
      card.dataset.official = l.officialId;
      card.dataset.channel = l.channel;
      card.appendChild(el("h3", "To " + (l.title ? l.title + " " : "") + l.official));
      card.appendChild(el("p", channelText(l), "fine channel"));
      if (sent && l.channel === "contact-form") {
        card.appendChild(handOff(l, "One more step: copy your letter, open their form and paste it in."));
      } else if (sent && l.channel === "print" && safeUrl(l.contactForm)) {
        var more = document.createElement("details");
        more.appendChild(el("summary", "Want them to read it sooner? Also paste it into their web form"));
        more.appendChild(handOff(l, "Your printed letter still goes; this adds an electronic copy."));
        card.appendChild(more);
      } else {
        card.appendChild(el("p", "Subject: " + l.subject, "subject"));
        card.appendChild(el("pre", l.body, "letter-body"));
      }
      box.appendChild(card);
    });
  }

  function renderSkipped(box, skipped) {
    box.textContent = "";
    (skipped || []).forEach(function (s) { box.appendChild(el("li", "Not written: " + s)); });
  }

  function toPreview(event) {
    event.preventDefault();
    show(letterError, false);
    var button = document.getElementById("preview-button");
    button.disabled = true;
    window.Api.call("POST", "/api/campaigns/" + encodeURIComponent(slug) + "/letters/preview", body())
      .then(function (reply) {
        button.disabled = false;
        if (!reply.ok) { fail(letterError, reply); return; }
        renderLetters(document.getElementById("preview-letters"), reply.json.letters, false);
        show(letterForm, false);
        show(preview, true);
        step(3);
        preview.scrollIntoView();
      });
  }

  function send() {
    show(sendError, false);
    sendButton.disabled = true;
    window.Api.call("POST", "/api/campaigns/" + encodeURIComponent(slug) + "/letters", body())
      .then(function (reply) {
        if (!reply.ok) {
          sendButton.disabled = false;
          fail(sendError, reply);
          return;
        }
        renderLetters(document.getElementById("done-letters"), reply.json.letters, true);
        renderSkipped(document.getElementById("done-skipped"), reply.json.skipped);
        show(preview, false);
        show(recipients, false);
        show(done, true);
        done.focus();
        done.scrollIntoView({ block: "start" });
      });
  }

  zipForm.addEventListener("submit", lookup);
  zip.addEventListener("input", function () {
    show(choice, false);
    districtsBox.textContent = "";
    zipButton.textContent = "Find my officials";
  });
  document.getElementById("change-zip").addEventListener("click", function () {
    show(recipients, false);
    show(letterForm, false);
    show(preview, false);
    show(zipForm, true);
    step(1);
    zip.focus();
  });
  note.addEventListener("input", function () {
    noteCount.textContent = note.value.length.toLocaleString("en-US") + " / 2,000";
  });
  letterForm.addEventListener("submit", toPreview);
  document.getElementById("edit-button").addEventListener("click", function () {
    show(preview, false);
    show(letterForm, true);
    step(2);
  });
  sendButton.addEventListener("click", send);
})();
