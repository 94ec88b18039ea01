"use strict";
// crosscheck's renderer, shared by the report and the proofing page.
// It turns the view model (src/report/html/mod.rs, `View`) into the page with
// DOM APIs only: document text is only ever set as text, never parsed as HTML.
// Large releases render in slices between frames, so the page stays responsive;
// when everything is drawn, <html data-ready="1" data-load-ms="…">.
var crosscheckRender = (function () {
  var STATUSES = [
    ["conflict", "in conflict"],
    ["hint", "hint"],
    ["agrees", "agrees with its other mentions"],
    ["differs", "differs from another mention, no finding"],
    ["once", "stated once"]
  ];
  var SLICE_MS = 12;
  var LINES_PER_TASK = 150;
  var ROWS_PER_TASK = 150;
  var ALL_ROWS_UP_TO = 400;
  var FINDINGS_SHOWN = 500;
  var CELL_VALUES_SHOWN = 12;
  var MENTIONS_SHOWN = 200;
  var RANK = { once: 0, agrees: 1, differs: 2, hint: 3, conflict: 4 };
  var generation = 0;
  var current = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] === null || attrs[k] === undefined) continue;
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, String(attrs[k]));
      }
    }
    if (children) {
      for (var i = 0; i < children.length; i++) {
        var c = children[i];
        if (c === null || c === undefined) continue;
        node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
      }
    }
    return node;
  }

  function byId(id) { return document.getElementById(id); }

  // Who states a figure, and in which file when the source is not the file itself.
  function whoAndWhere(view, figure) {
    var source = view.sources[figure.source];
    var file = view.documents[figure.doc].name;
    return source === file ? file : source + " (" + file + ")";
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // Runs queued tasks in slices of about SLICE_MS, yielding to the browser
  // between slices; a newer render cancels an older one.
  function Scheduler(alive, done) {
    this.tasks = [];
    this.next = 0;
    this.alive = alive;
    this.done = done;
    this.busy = 0;
  }
  Scheduler.prototype.add = function (task) { this.tasks.push(task); };
  Scheduler.prototype.run = function () {
    var self = this;
    function pump() {
      if (!self.alive()) return;
      var start = performance.now();
      var deadline = start + SLICE_MS;
      while (self.next < self.tasks.length && performance.now() < deadline) {
        self.tasks[self.next++]();
      }
      self.busy += performance.now() - start;
      if (self.next < self.tasks.length) setTimeout(pump, 0);
      else self.done();
    }
    pump();
  };

  function renderSummary(view) {
    var s = view.summary;
    var summary = byId("summary");
    summary.replaceChildren(
      el("span", { className: s.errors ? "errors" : "", text: plural(s.errors, "error") }),
      ", " + plural(s.warnings, "warning") + ", " + plural(s.infos, "info") + " in " + plural(s.files, "file") +
        " (" + plural(s.sources, "source") + ", " + plural(s.figures, "figure") + ", " + plural(s.measures, "measure") + ")"
    );
    var names = view.documents.map(function (d) { return d.name; });
    byId("files").textContent = names.slice(0, 3).join(" · ") + (names.length > 3 ? " and " + (names.length - 3) + " more" : "");
    byId("files").title = names.length > 3 ? names.join("\n") : "";
    var counts = {};
    var approximate = 0;
    view.figures.forEach(function (f) {
      counts[f.status] = (counts[f.status] || 0) + 1;
      if (f.approximate) approximate++;
    });
    var legend = byId("legend");
    var keys = STATUSES.map(function (s) {
      return el("span", { className: "key", "data-status": s[0] }, [
        el("span", { className: "swatch", "data-status": s[0] }),
        s[1] + " (" + (counts[s[0]] || 0) + ")"
      ]);
    });
    // Approximation is shown beside the status, not instead of it.
    keys.push(el("span", { className: "key", "data-approximate": "1" }, [
      el("span", { className: "swatch", "data-approximate": "1" }),
      "approximate: 余, 约, more than… (" + approximate + ")"
    ]));
    legend.replaceChildren.apply(legend, keys);
  }

  function spanText(view, span) {
    var doc = view.documents[span.doc];
    return doc ? doc.text.slice(span.start, span.end) : "";
  }

  // The findings, FINDINGS_SHOWN at a time (a release can have thousands),
  // drawn in the scheduler's slices.
  function renderFindings(view, state, sched) {
    var list = byId("findings");
    list.replaceChildren();
    if (!view.findings.length) {
      // Nothing read yet (the proofing page before a paste) is not agreement.
      var nothing = !view.documents.some(function (d) { return d.text.trim(); });
      var text = !nothing
        ? "No findings: the figures agree."
        : byId("drafts")
          ? "Nothing to check yet: paste a release above, or upload a file, and its figures are checked as you type."
          : "Nothing was read: no document to check.";
      list.appendChild(el("li", { className: "empty", "data-severity": "none", "data-empty": nothing ? "1" : null, text: text }));
      return;
    }
    function item(f, i) {
      var spans = el("ul", { className: "spans" }, f.spans.map(function (s, j) {
        var link = el("a", {
          href: "#", className: "span-link", "data-finding": i, "data-span": j,
          "data-figure": s.figure === null ? null : s.figure
        }, [el("b", { text: spanText(view, s) }), " — " + view.sources[s.source] + (s.message ? ": " + s.message : "")]);
        return el("li", { className: j === 0 ? "primary" : "" }, [link]);
      }));
      return el("li", { "data-severity": f.severity, "data-rule": f.rule, id: "finding-" + i }, [
        el("div", null, [el("span", { className: "severity", text: f.severity }), el("span", { className: "rule", text: f.rule })]),
        el("p", { className: "message", text: f.message }),
        el("p", { className: "help", text: f.help }),
        el("pre", { className: "arithmetic", text: f.arithmetic }),
        spans
      ]);
    }
    var more = el("li", { className: "more controls", "data-severity": "none" }, [el("button", { type: "button" })]);
    list.appendChild(more);
    var next = 0;
    function upTo(limit, scheduler) {
      limit = Math.min(limit, view.findings.length);
      function task() {
        if (!list.isConnected || more.parentNode !== list) return;
        var frag = document.createDocumentFragment();
        for (var n = 0; n < 50 && next < limit; n++, next++) frag.appendChild(item(view.findings[next], next));
        list.insertBefore(frag, more);
        if (next < limit) scheduler.add(task);
        more.hidden = next >= view.findings.length;
        more.firstChild.textContent = "show " + Math.min(FINDINGS_SHOWN, view.findings.length - next) + " more (" +
          next + " of " + view.findings.length + " shown)";
      }
      scheduler.add(task);
    }
    upTo(FINDINGS_SHOWN, sched);
    more.firstChild.onclick = function () {
      var scheduler = new Scheduler(function () { return state === current; }, function () {});
      upTo(next + FINDINGS_SHOWN, scheduler);
      scheduler.run();
    };
    list.onclick = function (event) {
      var link = event.target.closest("a.span-link");
      if (!link) return;
      event.preventDefault();
      var fig = link.getAttribute("data-figure");
      if (fig !== null) select(state, Number(fig), true);
    };
  }

  // A document's text as lines, each with its figures marked; queued in tasks.
  // Where a source starts (the lead, a speaker, a section), a heading band
  // with its name stands before its first line, and that line is its heading.
  function queueDocument(view, state, sched, d, figs, segs) {
    var doc = view.documents[d];
    var article = el("article", { className: "document", "data-doc": d }, [el("h2", { text: doc.name })]);
    var si = 0;
    var body = el("div", { className: "text", lang: "" });
    article.appendChild(body);
    byId("documents").appendChild(article);
    var text = doc.text;
    var pos = 0;
    var fi = 0;
    function task() {
      var frag = document.createDocumentFragment();
      for (var n = 0; n < LINES_PER_TASK && pos <= text.length; n++) {
        var nl = text.indexOf("\n", pos);
        var end = nl < 0 ? text.length : nl;
        // A figure across a line break keeps its line whole.
        while (fi < figs.length && figs[fi].start < end && figs[fi].end > end) {
          nl = text.indexOf("\n", figs[fi].end);
          end = nl < 0 ? text.length : nl;
        }
        var opens = false;
        while (si < segs.length && segs[si].start <= end) {
          var seg = segs[si++];
          if (seg.start < pos) continue;
          frag.appendChild(el("div", {
            className: "source-band", role: "heading", "aria-level": "3", "data-source": seg.source, "data-role": seg.role
          }, [el("span", { className: "role", text: seg.role }), view.sources[seg.source]]));
          opens = seg.role === "source";
        }
        var line = el("div", { className: opens ? "line opens" : "line" });
        var at = pos;
        while (fi < figs.length && figs[fi].start < end) {
          var id = figs[fi].id;
          var f = view.figures[id];
          fi++;
          if (f.start < at) continue;
          if (f.start > at) line.appendChild(document.createTextNode(text.slice(at, f.start)));
          var mark = el("mark", {
            className: "fig", tabindex: "0", "data-figure": id, "data-status": f.status,
            "data-approximate": f.approximate ? "1" : null,
            "data-measure": f.measure === null ? null : f.measure,
            title: f.label + (f.unit ? " (" + f.unit + ")" : "") + ": " + f.interval + " — " + view.sources[f.source],
            text: text.slice(f.start, f.end)
          });
          state.marks[id] = mark;
          line.appendChild(mark);
          at = f.end;
        }
        if (end > at) line.appendChild(document.createTextNode(text.slice(at, end)));
        frag.appendChild(line);
        pos = end + 1;
      }
      body.appendChild(frag);
      if (pos <= text.length) sched.add(task);
    }
    sched.add(task);
  }

  function renderMatrix(view, state, sched) {
    var table = byId("matrix");
    var m = view.matrix;
    var head = el("tr", null, [el("th", { scope: "col", text: "measure" })].concat(m.columns.map(function (s) {
      return el("th", { scope: "col", text: view.sources[s] });
    })));
    var tbody = el("tbody");
    table.replaceChildren(el("thead", null, [head]), tbody);
    var repeated = m.rows.filter(function (r) { return view.measures[r.measure].figures.length > 1; });
    var toggle = byId("show-once");
    if (state.showOnce === undefined) state.showOnce = m.rows.length <= ALL_ROWS_UP_TO;
    toggle.checked = state.showOnce;
    var rows = state.showOnce ? m.rows : repeated;
    byId("matrix-count").textContent = rows.length + " of " + m.rows.length + " measures shown; " +
      repeated.length + " stated more than once";
    var next = 0;
    function task() {
      if (!tbody.isConnected) return;
      var frag = document.createDocumentFragment();
      for (var n = 0; n < ROWS_PER_TASK && next < rows.length; n++, next++) {
        var row = rows[next];
        var measure = view.measures[row.measure];
        var tr = el("tr", { "data-measure": row.measure, "data-status": measure.status }, [
          el("th", { scope: "row", text: measure.key })
        ]);
        var cells = new Array(m.columns.length);
        row.cells.forEach(function (c) { cells[c.column] = c; });
        for (var c = 0; c < m.columns.length; c++) {
          var cell = cells[c];
          if (!cell) { tr.appendChild(el("td")); continue; }
          var td = el("td", { "data-status": cell.status });
          // One button per value as written, with how often this source says it.
          var groups = [];
          var byText = {};
          cell.figures.forEach(function (id) {
            var f = view.figures[id];
            var g = Object.prototype.hasOwnProperty.call(byText, f.text) ? byText[f.text] : null;
            if (!g) {
              g = byText[f.text] = { id: id, text: f.text, count: 0, status: f.status };
              groups.push(g);
            }
            g.count++;
            if (RANK[f.status] > RANK[g.status]) { g.status = f.status; g.id = id; }
          });
          groups.slice(0, CELL_VALUES_SHOWN).forEach(function (g, k) {
            if (k) td.appendChild(document.createTextNode(" · "));
            td.appendChild(el("button", {
              type: "button", className: "cellfig", "data-figure": g.id, "data-status": g.status, text: g.text
            }));
            if (g.count > 1) td.appendChild(el("span", { className: "times", text: " ×" + g.count }));
          });
          if (groups.length > CELL_VALUES_SHOWN) {
            td.appendChild(el("span", { className: "times", text: " … " + (groups.length - CELL_VALUES_SHOWN) + " more values" }));
          }
          tr.appendChild(td);
        }
        frag.appendChild(tr);
      }
      tbody.appendChild(frag);
      if (next < rows.length) sched.add(task);
    }
    sched.add(task);
    table.onclick = function (event) {
      var b = event.target.closest("button.cellfig");
      if (b) select(state, Number(b.getAttribute("data-figure")), true);
    };
    toggle.onchange = function () {
      state.showOnce = toggle.checked;
      var sched2 = new Scheduler(function () { return state === current; }, function () {});
      renderMatrix(view, state, sched2);
      sched2.run();
    };
  }

  function context(view, f) {
    var text = view.documents[f.doc].text;
    var from = Math.max(0, f.start - 24);
    var to = Math.min(text.length, f.end + 24);
    return el("span", { className: "context" }, [
      (from > 0 ? "…" : "") + text.slice(from, f.start).replace(/\s+/g, " "),
      el("b", { text: text.slice(f.start, f.end) }),
      text.slice(f.end, to).replace(/\s+/g, " ") + (to < text.length ? "…" : "")
    ]);
  }

  // Shows the other mentions of a figure's measure, and marks them.
  function select(state, id, scroll) {
    var view = state.view;
    var f = view.figures[id];
    if (!f) return;
    state.related.forEach(function (mark) { mark.classList.remove("related", "selected"); });
    state.related = [];
    var ids = f.measure === null ? [id] : view.measures[f.measure].figures;
    ids.forEach(function (other) {
      var mark = state.marks[other];
      if (!mark) return;
      mark.classList.add(other === id ? "selected" : "related");
      state.related.push(mark);
    });
    var panel = byId("mentions");
    var title = f.measure === null
      ? el("p", { text: f.label + ": its label needs a head, so it links to no other figure." })
      : el("p", null, ["measure ", el("code", { text: view.measures[f.measure].key }), " — " + plural(ids.length, "mention")]);
    // A measure stated thousands of times lists the figure clicked, then
    // the first others, MENTIONS_SHOWN in all.
    var listed = ids;
    if (ids.length > MENTIONS_SHOWN) {
      listed = [id].concat(ids.filter(function (o) { return o !== id; }).slice(0, MENTIONS_SHOWN - 1));
    }
    var list = el("ul", null, listed.map(function (other) {
      var o = view.figures[other];
      var item = el("li", { className: other === id ? "this" : "", "data-figure": other, "data-status": o.status }, [
        el("a", { href: "#", className: "span-link", "data-figure": other, text: o.text }),
        " — " + whoAndWhere(view, o) + ", " + o.interval + " ",
        el("br"), context(view, o)
      ]);
      return item;
    }));
    if (!state.findingsOf) {
      state.findingsOf = {};
      view.findings.forEach(function (finding, i) {
        finding.spans.forEach(function (s) {
          if (s.figure === null) return;
          var list = state.findingsOf[s.figure] || (state.findingsOf[s.figure] = []);
          if (list[list.length - 1] !== i) list.push(i);
        });
      });
    }
    var findings = (state.findingsOf[id] || []).map(function (i) {
      var finding = view.findings[i];
      return el("li", { "data-severity": finding.severity }, [
        el("a", { href: "#finding-" + i, text: finding.rule }), ": " + finding.message
      ]);
    });
    var children = [title, list];
    if (listed.length < ids.length) children.push(el("p", { className: "times", text: "… and " + (ids.length - listed.length) + " more mentions" }));
    if (findings.length) children.push(el("p", { text: "Findings on this figure:" }), el("ul", { className: "on-figure" }, findings));
    var body = panel.querySelector(".body");
    body.replaceChildren.apply(body, children);
    body.onclick = function (event) {
      var link = event.target.closest("a.span-link");
      if (!link) return;
      event.preventDefault();
      select(state, Number(link.getAttribute("data-figure")), true);
    };
    panel.hidden = false;
    panel.setAttribute("data-figure", id);
    var mark = state.marks[id];
    if (scroll && mark) mark.scrollIntoView({ block: "center" });
  }

  function render(view) {
    var started = performance.now();
    generation++;
    var root = document.documentElement;
    root.removeAttribute("data-ready");
    var state = { view: view, marks: new Array(view.figures.length), related: [], showOnce: current ? current.showOnce : undefined };
    current = state;
    renderSummary(view);

    byId("documents").replaceChildren();
    byId("mentions").hidden = true;
    byId("mentions-close").onclick = function () { byId("mentions").hidden = true; };
    var gen = generation;
    var sched = new Scheduler(function () { return gen === generation; }, function () {
      // Time from render() to all drawn, and the part spent in our own code.
      root.setAttribute("data-load-ms", String(Math.round(performance.now() - started)));
      root.setAttribute("data-busy-ms", String(Math.round(sched.busy)));
      root.setAttribute("data-ready", "1");
    });
    // Figures per document, in text order (the view model keeps that order).
    var perDoc = view.documents.map(function () { return []; });
    view.figures.forEach(function (f, id) { perDoc[f.doc].push({ id: id, start: f.start, end: f.end }); });
    var segsOf = view.documents.map(function () { return []; });
    (view.segments || []).forEach(function (s) { segsOf[s.doc].push(s); });
    renderFindings(view, state, sched);
    view.documents.forEach(function (_, d) { queueDocument(view, state, sched, d, perDoc[d], segsOf[d]); });
    renderMatrix(view, state, sched);
    var docs = byId("documents");
    docs.onclick = function (event) {
      var mark = event.target.closest("mark.fig");
      if (mark) select(state, Number(mark.getAttribute("data-figure")), false);
    };
    docs.onkeydown = function (event) {
      var mark = event.target.closest("mark.fig");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        select(state, Number(mark.getAttribute("data-figure")), false);
      }
    };
    sched.run();
  }

  return render;
})();
