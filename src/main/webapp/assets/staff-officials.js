// Staff (advocacy): the officials directory's datasets. How old each source is, an import of a
// newer file (its counts: added, updated, retired, unchanged), and the history of runs.
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("officials-form");
  var NAMES = {};
  Array.prototype.forEach.call(document.querySelectorAll("#o-source option"), function (o) { if (o.value) { NAMES[o.value] = o.textContent.replace(/ \(.*\)$/, ""); } });

  function age(iso) {
    var days = Math.floor((Date.now() - new Date(iso).getTime()) / 86400000);
    return S.date(iso) + (days < 1 ? " (today)" : " (" + days + (days === 1 ? " day" : " days") + " ago)");
  }

  function load() {
    return S.call("GET", "/api/officials/imports?limit=200").then(function (r) {
      if (!r.ok) { return; }
      var newest = {};
      r.json.forEach(function (run) { if (!newest[run.source]) { newest[run.source] = run; } });
      S.fill(document.querySelector("#sources tbody"), Object.keys(NAMES), function (code) {
        var run = newest[code];
        return S.row([NAMES[code], run ? age(run.importedAt) : "Never", run ? run.actor.replace(/^staff:/, "") : ""]);
      }, "");
      S.fill(document.querySelector("#runs tbody"), r.json, function (run) {
        return S.row([S.dateTime(run.importedAt), NAMES[run.source] || run.source, run.added, run.updated, run.retired, run.unchanged,
          run.actor.replace(/^staff:/, "")]);
      }, "No imports yet.");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    var source = document.getElementById("o-source").value;
    var file = document.getElementById("o-file").files[0];
    var errors = [];
    if (!source) { errors.push({ field: "source", message: "choose which dataset the file is" }); }
    if (!file) { errors.push({ field: "file", message: "choose the file" }); }
    if (errors.length) { S.showProblem(form, { json: { errors: errors } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    file.text().then(function (text) {
      return S.upload("/api/officials/imports?source=" + encodeURIComponent(source), text);
    }).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The file was not imported."); return; }
      var j = r.json;
      S.say("officials-done", j.alreadyImported ? "This file was imported before: nothing changed." :
        "Imported: " + j.added + " added, " + j.updated + " updated, " + j.retired + " retired, " + j.unchanged + " unchanged" +
        (j.skipped ? ", " + j.skipped + " skipped" : "") + ".", false);
      load();
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  S.start().then(function (session) { if (session) { load(); } });
})();
