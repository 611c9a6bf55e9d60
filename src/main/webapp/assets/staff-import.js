// Staff: import people from a CSV. Choose the file, say which column fills which field (columns
// named like a field are chosen already), check it (a dry run: new, matched and refused lines with
// their numbers), then import the good lines (confirmed).
(function () {
  "use strict";
  var S = window.Staff;
  var form = document.getElementById("import-form");
  var FIELDS = [["email", "Email (required)"], ["firstName", "First name"], ["lastName", "Last name"], ["phone", "Phone"],
    ["line1", "Street address"], ["line2", "Address line 2"], ["city", "City"], ["region", "State or region"],
    ["postalCode", "ZIP or postal code"], ["country", "Country"], ["emailOptIn", "Agrees to email (yes or no)"]];
  var text = null;
  var checked = null;

  function squash(s) { return s.toLowerCase().replace(/[^a-z0-9]/g, ""); }

  // the header line's cells (quotes allowed)
  function header(t) {
    var line = t.replace(/^\uFEFF/, "").split(/\r?\n/)[0];
    var cells = [];
    var cell = "";
    var quoted = false;
    for (var i = 0; i < line.length; i++) {
      var c = line.charAt(i);
      if (quoted) {
        if (c === "\"" && line.charAt(i + 1) === "\"") { cell += "\""; i++; } else if (c === "\"") { quoted = false; } else { cell += c; }
      } else if (c === "\"") { quoted = true; } else if (c === ",") { cells.push(cell.trim()); cell = ""; } else { cell += c; }
    }
    cells.push(cell.trim());
    return cells.filter(function (x) { return x; });
  }

  function mapping(columns) {
    var box = document.getElementById("mapping");
    box.textContent = "";
    box.appendChild(S.el("h3", "Which column fills which field"));
    FIELDS.forEach(function (f) {
      var row = S.el("div", null, "mapping-row");
      var label = S.el("label", f[1]);
      label.htmlFor = "map-" + f[0];
      var select = document.createElement("select");
      select.id = "map-" + f[0];
      select.setAttribute("data-field", f[0]);
      var none = document.createElement("option");
      none.value = "";
      none.textContent = "— not in the file —";
      select.appendChild(none);
      columns.forEach(function (c) {
        var o = document.createElement("option");
        o.value = c;
        o.textContent = c;
        select.appendChild(o);
        if (squash(c) === squash(f[0]) || squash(c) === squash(f[1].replace(/\(.*\)/, ""))) { select.value = c; }
      });
      row.appendChild(label);
      row.appendChild(select);
      box.appendChild(row);
    });
    box.hidden = false;
  }

  function params(dryRun) {
    var p = { dryRun: dryRun, source: document.getElementById("import-source").value.trim() };
    FIELDS.forEach(function (f) { p[f[0]] = document.getElementById("map-" + f[0]).value; });
    return S.query(p);
  }

  document.getElementById("import-file").addEventListener("change", function () {
    S.clearErrors(form);
    document.getElementById("report-card").hidden = true;
    var file = this.files[0];
    if (!file) { return; }
    file.text().then(function (t) {
      text = t;
      var columns = header(t);
      if (!columns.length) { S.showProblem(form, { json: { errors: [{ field: "file", message: "this file has no header line" }] } }); return; }
      mapping(columns);
    });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    S.clearErrors(form);
    if (!text) { S.showProblem(form, { json: { errors: [{ field: "file", message: "choose the CSV file first" }] } }); return; }
    if (!document.getElementById("map-email").value) { S.showProblem(form, { json: { errors: [{ field: "email", message: "choose the column that holds the email" }] } }); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    S.upload("/api/supporters/import" + params(true), text).then(function (r) {
      button.disabled = false;
      if (!r.ok) { S.showProblem(form, r, "The file could not be checked."); return; }
      checked = r.json;
      var j = r.json;
      document.getElementById("report-card").hidden = false;
      document.getElementById("import-summary").textContent = j.lines + (j.lines === 1 ? " line: " : " lines: ") + j.created + " new, " +
        j.matched + " already on record, " + j.invalid.length + " cannot be imported" + (j.invalid.length ? " (listed below; they are skipped)." : ".");
      S.fill(document.querySelector("#import-invalid tbody"), j.invalid, function (x) {
        var tr = S.row([x.line, x.errors.map(S.sentence).join(" ")]);
        tr.dataset.line = x.line;
        return tr;
      }, "Every line can be imported.");
      var go = document.getElementById("import-go");
      go.textContent = "Import " + (j.created + j.matched) + " people…";
      go.hidden = j.created + j.matched === 0;
      document.getElementById("import-done").hidden = true;
    }).catch(function () { button.disabled = false; S.showProblem(form, { status: 0 }); });
  });

  document.getElementById("import-go").addEventListener("click", function () {
    var go = this;
    S.confirm("Import " + (checked.created + checked.matched) + " people (" + checked.created + " new)? " +
      (checked.invalid.length ? checked.invalid.length + " lines are skipped." : ""), "Import").then(function (yes) {
      if (!yes) { return; }
      go.disabled = true;
      S.upload("/api/supporters/import" + params(false), text).then(function (r) {
        go.disabled = false;
        if (!r.ok) { S.say("import-done", S.problem(r.json, "The file could not be imported."), true); return; }
        go.hidden = true;
        S.say("import-done", "Imported: " + r.json.created + " new, " + r.json.matched + " updated where their record lacked something." +
          (r.json.invalid.length ? " " + r.json.invalid.length + " lines skipped." : ""), false);
      });
    });
  });

  S.start();
})();
