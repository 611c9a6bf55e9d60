// Staff: pairs of records that look like one person. For each: choose which to keep, preview what
// each holds and whether anything stops the merge, then merge (confirmed; it cannot be undone).
(function () {
  "use strict";
  var S = window.Staff;
  var box = document.getElementById("pairs");

  function name(p) { return ((p.firstName || "") + " " + (p.lastName || "")).trim() || "no name given"; }

  function describe(p) {
    var d = S.el("div", null, "dup-record");
    var link = S.el("a", name(p));
    link.href = "/staff/people/" + p.id;
    d.appendChild(link);
    d.appendChild(S.el("p", p.email, "fine"));
    var where = [p.phone, p.address ? [p.address.city, p.address.postalCode].filter(Boolean).join(" ") : null].filter(Boolean).join(" · ");
    if (where) { d.appendChild(S.el("p", where, "fine")); }
    d.appendChild(S.el("p", "Record " + p.id + ", since " + S.date(p.createdAt), "fine"));
    return d;
  }

  function holds(map) {
    var parts = Object.keys(map).filter(function (k) { return map[k] > 0; }).map(function (k) { return map[k] + " " + (map[k] === 1 ? k.replace(/s$/, "") : k); });
    return parts.length ? parts.join(", ") : "nothing yet";
  }

  function card(pair) {
    var c = S.el("section", null, "card dup-pair");
    c.dataset.pair = pair.a.id + "-" + pair.b.id;
    c.appendChild(S.el("h2", name(pair.a) + " and " + name(pair.b)));
    c.appendChild(S.el("p", "Both have " + pair.reasons.join(" and ") + ".", "fine"));
    var form = S.el("form", null, "dup-form");
    form.noValidate = true;
    var cols = S.el("div", null, "two-col");
    [pair.a, pair.b].forEach(function (p, i) {
      var col = S.el("div");
      var label = S.el("label", null, "dup-keep");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "keep-" + c.dataset.pair;
      radio.value = p.id;
      radio.checked = i === 0;
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" Keep this record"));
      col.appendChild(label);
      col.appendChild(describe(p));
      cols.appendChild(col);
    });
    form.appendChild(cols);
    var preview = S.el("p", null, "dup-preview");
    preview.hidden = true;
    form.appendChild(preview);
    var buttons = S.el("div", null, "filter-buttons");
    var look = S.el("button", "Preview the merge", "secondary");
    look.type = "button";
    var go = S.el("button", "Merge…", "danger");
    go.type = "submit";
    go.disabled = true;
    buttons.appendChild(look);
    buttons.appendChild(go);
    form.appendChild(buttons);
    var err = S.el("p", null, "error form-error");
    err.setAttribute("role", "alert");
    err.hidden = true;
    form.appendChild(err);
    c.appendChild(form);

    function chosen() {
      var keep = parseInt(form.querySelector("input[type=radio]:checked").value, 10);
      return { keep: keep, merge: keep === pair.a.id ? pair.b.id : pair.a.id };
    }
    form.addEventListener("change", function () { go.disabled = true; preview.hidden = true; });
    look.addEventListener("click", function () {
      S.clearErrors(form);
      var k = chosen();
      S.call("GET", "/api/supporters/merge-preview" + S.query(k)).then(function (r) {
        if (!r.ok) { S.showProblem(form, r, "The merge could not be previewed."); return; }
        var p = r.json;
        preview.textContent = "Keeping record " + p.keep.id + " (" + p.keep.email + "), which holds " + holds(p.keepHolds) +
          ". It takes in record " + p.merge.id + " (" + p.merge.email + ") with " + holds(p.mergeHolds) +
          ". Blank details are filled in from it, the newer email consent stands, and any safe-contact flag either has stays on." +
          (p.blocked ? " Not possible yet: " + p.blocked : "");
        preview.hidden = false;
        go.disabled = !!p.blocked;
      });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var k = chosen();
      var keep = k.keep === pair.a.id ? pair.a : pair.b;
      var other = k.keep === pair.a.id ? pair.b : pair.a;
      S.confirm("Merge " + other.email + " into " + name(keep) + " (" + keep.email + ")? This cannot be undone.", "Merge the records").then(function (yes) {
        if (!yes) { return; }
        go.disabled = true;
        S.call("POST", "/api/supporters/merge", k).then(function (r) {
          if (!r.ok) { go.disabled = false; S.showProblem(form, r, "The records could not be merged."); return; }
          var done = document.getElementById("merge-done");
          done.textContent = "Merged into " + name(r.json) + ". ";
          var link = S.el("a", "Open the person");
          link.href = "/staff/people/" + r.json.id;
          done.appendChild(link);
          done.hidden = false;
          c.remove();
          if (!box.children.length) { box.appendChild(S.el("p", "No more possible duplicates.", "fine")); }
        });
      });
    });
    return c;
  }

  S.start().then(function (session) {
    if (!session) { return; }
    S.call("GET", "/api/supporters/duplicates").then(function (r) {
      if (!r.ok) { S.say("page-error", S.problem(r.json, "The suggestions could not be loaded."), true); return; }
      box.textContent = "";
      r.json.forEach(function (pair) { box.appendChild(card(pair)); });
      if (!r.json.length) { box.appendChild(S.el("p", "No possible duplicates.", "fine")); }
    });
  });
})();
