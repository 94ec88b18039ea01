"use strict";
// The proofing page: drafts are sent to the local server as text, checked
// there, and the view model that comes back is drawn by crosscheckRender.
(function () {
  var DEBOUNCE_MS = 300;
  var drafts = document.getElementById("drafts");
  var status = document.getElementById("status");
  var sequence = 0;
  var timer = null;
  // Files the last upload could not read, said beside every result until the next upload.
  var unread = "";

  function addDraft(name, text) {
    var n = drafts.children.length + 1;
    var box = document.createElement("div");
    box.className = "draft";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "name";
    input.value = name || "draft-" + n + ".txt";
    input.setAttribute("aria-label", "file name (its extension says how to read it)");
    var remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    remove.onclick = function () { box.remove(); schedule(); };
    var area = document.createElement("textarea");
    area.className = "text";
    area.value = text || "";
    area.placeholder = "Paste a release here";
    area.setAttribute("aria-label", "draft text");
    box.append(input, remove, area);
    drafts.appendChild(box);
    return area;
  }

  function documents() {
    var out = [];
    drafts.querySelectorAll(".draft").forEach(function (box) {
      var text = box.querySelector("textarea").value;
      if (text.trim()) out.push({ name: box.querySelector("input").value || "draft.txt", text: text });
    });
    return out;
  }

  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        if (!response.ok) {
          return response.text().then(function (t) { throw new Error(response.status + " " + t); });
        }
        return response;
      });
  }

  // One check in flight at a time: typing during a long check asks for one
  // more when it ends, not one per pause.
  var inFlight = false;
  var again = false;

  function check() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    var mine = ++sequence;
    var docs = documents();
    status.textContent = "checking…";
    post("api/check", { documents: docs })
      .then(function (response) { return response.json(); })
      .then(function (view) {
        if (mine !== sequence) return;
        crosscheckRender(view);
        var s = view.summary;
        var n = s.errors + s.warnings + s.infos;
        var checked = docs.length ? "checked: " + n + (n === 1 ? " finding" : " findings") : "";
        status.textContent = [checked, unread].filter(Boolean).join("; ");
      })
      .catch(function (error) { if (mine === sequence) status.textContent = "cannot check: " + error.message; })
      .then(function () {
        inFlight = false;
        if (again) { again = false; check(); }
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  drafts.addEventListener("input", schedule);
  document.getElementById("add-draft").onclick = function () { addDraft().focus(); };
  document.getElementById("upload").onchange = function (event) {
    var files = Array.prototype.slice.call(event.target.files);
    var empty = drafts.querySelectorAll(".draft");
    if (files.length && empty.length === 1 && !empty[0].querySelector("textarea").value) empty[0].remove();
    // The server reads the bytes as the command line does: GBK, UTF-16 and
    // Word documents become text here, and a file it cannot read says why.
    Promise.all(files.map(function (file) {
      return fetch("api/decode?name=" + encodeURIComponent(file.name), {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body: file
      }).then(function (response) {
        if (response.ok) return response.json();
        return response.text().then(function (t) { return { name: file.name, error: t || String(response.status) }; });
      }, function (error) { return { name: file.name, error: error.message }; });
    })).then(function (read) {
      var errors = [];
      read.forEach(function (d) {
        if (d.error) errors.push("cannot read " + d.name + ": " + d.error);
        else addDraft(d.name, d.text);
      });
      unread = errors.join("; ");
      event.target.value = "";
      if (!drafts.children.length) addDraft("draft.txt", "");
      check();
    });
  };
  document.getElementById("download").onclick = function () {
    status.textContent = "writing the report…";
    post("api/report", { documents: documents() })
      .then(function (response) { return response.blob(); })
      .then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "report.html";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
        status.textContent = "report downloaded";
      })
      .catch(function (error) { status.textContent = "cannot write the report: " + error.message; });
  };

  addDraft("draft.txt", "");
  check();
})();
