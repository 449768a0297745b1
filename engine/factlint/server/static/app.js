// The checking page of `factlint serve`.
//
// Article text reaches the page only as text nodes (textContent, createTextNode) and
// attribute values set through the DOM, never as markup, so an article holding
// <script> or onerror= is shown, not run. The server's CSP refuses inline code too.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const RANK = { error: 2, warning: 1, info: 0 };
  const REQUEST_PATH = "<request>"; // the path the API gives the article itself
  const EXTENSION = { markdown: ".md", html: ".html", text: ".txt" };
  const FORMAT_OF = { md: "markdown", markdown: "markdown", html: "html", htm: "html", txt: "text" };
  const FORMAT_NAME = { markdown: "Markdown", html: "HTML", text: "Plain text" };
  // The API's own limits on sources (SourceIn, CheckRequest in server/app.py).
  const MAX_SOURCES = 20;
  const MAX_NAME = 200;

  // findings: {index, data (the API's finding), start, end, edits, status}
  // status is open, accepted, dismissed or stale (an accepted fix changed its text).
  // sources: {name, text, format}, as the API takes them; they live only in this page.
  // setup: what the server checks against (GET /v1/setup), null until it answers.
  const state = { text: "", format: "text", findings: [], current: -1, sources: [], setup: null };

  // ---------------------------------------------------------------- the format

  // "Auto": front matter or Markdown syntax means Markdown, a leading HTML tag means
  // HTML, anything else is plain text. Returns [format, why].
  const MARKDOWN_SYNTAX = [
    [/^#{1,6}[ \t]+\S/m, "a heading"],
    [/^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S/m, "a list"],
    [/^ {0,3}>/m, "a quotation block"],
    [/^ {0,3}(?:```|~~~)/m, "a code fence"],
    [/\[[^\]\n]+\]\([^)\s]+\)/, "a link"],
    [/(\*\*|__)[^*_\n]+\1/, "bold text"],
    [/<!--/, "an HTML comment"],
  ];

  function detectFormat(text) {
    const t = text.replace(/^\ufeff/, "");
    if (/^---[ \t]*\r?\n/.test(t)) return ["markdown", "front matter"];
    if (/^\s*<(?:!doctype\s+html|html|head|body|article|section|div|p|h[1-6])[\s>]/i.test(t)) return ["html", "HTML tags"];
    for (const [pattern, what] of MARKDOWN_SYNTAX) if (pattern.test(t)) return ["markdown", what];
    return ["text", "no markup"];
  }

  // ---------------------------------------------------------------- offsets

  // The API gives 1-based line and column in the source, counted in code points;
  // JavaScript strings count UTF-16 units, so walk the line to convert.
  function lineStarts(text) {
    const starts = [0];
    const newline = /\r\n|\r|\n/g;
    let m;
    while ((m = newline.exec(text)) !== null) starts.push(m.index + m[0].length);
    return starts;
  }

  function offsetOf(text, starts, line, column) {
    let i = starts[Math.max(0, Math.min(line - 1, starts.length - 1))];
    for (let c = 1; c < column && i < text.length; c++) {
      const unit = text.charCodeAt(i);
      i += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
    }
    return Math.min(i, text.length);
  }

  function rangeOf(text, starts, span) {
    const start = offsetOf(text, starts, span.line, span.column);
    const end = offsetOf(text, starts, span.end_line, span.end_column);
    return { start, end: Math.max(start, end) };
  }

  // How far an accepted fix moves a range, or null when the fix overlaps it.
  function shiftFor(range, edits) {
    let shift = 0;
    for (const e of edits) {
      if (e.end <= range.start) shift += e.replacement.length - (e.end - e.start);
      else if (e.start < range.end) return null;
    }
    return shift;
  }

  // ---------------------------------------------------------------- helpers

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function announce(message) {
    $("status").textContent = message;
  }

  function formError(message) {
    $("form-error").textContent = message;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function visible() {
    return state.findings.filter((f) => f.status === "open");
  }

  function summary() {
    const open = visible();
    if (!open.length) return "No findings left.";
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of open) counts[f.data.severity] = (counts[f.data.severity] || 0) + 1;
    const parts = ["error", "warning", "info"]
      .filter((s) => counts[s])
      .map((s) => (s === "info" ? `${counts[s]} info` : plural(counts[s], s)));
    return `${plural(open.length, "finding")}: ${parts.join(", ")}.`;
  }

  // ---------------------------------------------------------------- rendering

  function renderArticle() {
    const box = $("rendered");
    box.replaceChildren();
    const open = visible().filter((f) => f.end > f.start);
    const cuts = new Set([0, state.text.length]);
    for (const f of open) {
      cuts.add(f.start);
      cuts.add(f.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = document.createTextNode(state.text.slice(a, b));
      // Overlapping findings split the text; each piece shows its most severe one.
      const covering = open.filter((f) => f.start <= a && f.end >= b);
      if (!covering.length) {
        box.appendChild(piece);
        continue;
      }
      covering.sort((x, y) => RANK[y.data.severity] - RANK[x.data.severity] || x.index - y.index);
      const top = covering[0];
      const mark = el("mark", `finding sev-${top.data.severity}`);
      mark.dataset.findings = covering.map((f) => f.index).join(" ");
      mark.title = `${top.data.severity}: ${top.data.message}`;
      if (covering.some((f) => f.index === state.current)) mark.classList.add("current");
      mark.appendChild(piece);
      mark.addEventListener("click", () => choose(top.index, true));
      box.appendChild(mark);
    }
  }

  function renderList() {
    const list = $("findings");
    list.replaceChildren();
    visible().forEach((f, n) => {
      const d = f.data;
      const li = el("li", `sev-${d.severity}`);
      li.id = `finding-${f.index}`;
      if (f.index === state.current) li.classList.add("current");

      const head = el("p");
      head.append(el("span", "badge", d.severity), " ");
      const button = el("button", "choose", d.text ? `“${d.text}”` : d.rule);
      button.type = "button";
      button.dataset.index = String(f.index);
      button.setAttribute("aria-label", `Finding ${n + 1} of ${visible().length}, ${d.severity}: ${d.text || d.rule}. Show it in the article`);
      button.addEventListener("click", () => choose(f.index, false));
      head.append(button);
      li.append(head);

      li.append(el("p", "message", d.message));
      // A place in a source cannot be highlighted in the article: quote it instead.
      for (const r of d.related || []) {
        if (!r.path || r.path === d.path) continue;
        const where = el("p", "related");
        where.append(`in ${r.path}: `);
        if (r.text) where.append(el("span", "source-quote", `“${r.text}”`), " ");
        const about = [r.message, r.line ? `line ${r.line}` : ""].filter(Boolean).join(", ");
        if (about) where.append(el("span", "meta", `(${about})`));
        li.append(where);
      }
      if (d.suggestion) li.append(el("p", "suggestion", `Suggestion: ${d.suggestion}`));
      li.append(el("p", "meta", `${d.rule} · line ${d.line}, column ${d.column} · confidence ${Math.round(d.confidence * 100)}%`));
      li.append(whyDetails(d.rule));

      const actions = el("div", "actions");
      const about = `“${d.text || d.rule}”`;
      if (f.edits.length) {
        const accept = el("button", "accept", "Accept");
        accept.type = "button";
        const what = d.suggestion || f.edits.map((e) => e.replacement).join(", ");
        accept.setAttribute("aria-label", `Accept: write “${what}” instead of “${d.text}”`);
        accept.addEventListener("click", () => accept_(f.index));
        actions.append(accept);
      }
      const dismiss = el("button", "dismiss", "Dismiss");
      dismiss.type = "button";
      dismiss.setAttribute("aria-label", `Dismiss the finding on ${about} until the next check`);
      dismiss.addEventListener("click", () => dismiss_(f.index));
      actions.append(dismiss);
      const keep = el("button", "keep", "Keep this…");
      keep.type = "button";
      keep.setAttribute("aria-expanded", "false");
      keep.setAttribute("aria-controls", `keep-${f.index}`);
      keep.setAttribute("aria-label", `Keep ${about}: add a suppression comment with a reason`);
      actions.append(keep);
      const spelling = canAddSpelling(d);
      if (spelling) {
        const add = el("button", "add-spelling", "Add this spelling to the registry");
        add.type = "button";
        add.setAttribute("aria-label", `Add “${d.text}” to the registry as a spelling of “${d.suggestion}”`);
        add.addEventListener("click", () => addSpelling(f.index, add));
        actions.append(add);
      }
      li.append(actions);
      const form = keepForm(f, about);
      keep.addEventListener("click", () => {
        const opening = form.hidden;
        form.hidden = !opening;
        keep.setAttribute("aria-expanded", String(opening));
        if (opening) form.querySelector("input").focus();
      });
      li.append(form);
      list.append(li);
    });
    const hidden = state.findings.some((f) => f.status === "dismissed");
    $("restore").disabled = !hidden;
  }

  function render() {
    renderArticle();
    renderList();
    const checked = state.findings.length > 0 || state.text !== "";
    $("copy").disabled = !checked;
    $("download").disabled = !checked;
  }

  // The article shows once: as the text box while it is edited, as the checked text
  // with its passages marked after a check.
  function showView(review) {
    $("article").hidden = review;
    $("article-label").hidden = review;
    $("rendered").hidden = !review;
    $("edit").hidden = !review;
  }

  // Typing in the text box puts the findings out of date: their places may have moved,
  // and an Accept would write over the typing. They go until the next check.
  function textEdited() {
    state.text = $("article").value;
    if (!state.findings.some((f) => f.status === "open" || f.status === "dismissed")) return;
    for (const f of state.findings) if (f.status === "open" || f.status === "dismissed") f.status = "stale";
    render();
    announce("The text was edited: check it again to see its findings.");
  }

  function edit() {
    $("article").value = state.text;
    showView(false);
    $("article").focus();
    announce("Editing the text: check it again to see fresh findings.");
  }

  // ---------------------------------------------------------------- what it checks against

  function fileName(path) {
    return path.split(/[\\/]/).pop() || path;
  }

  function setupRow(list, term, ...values) {
    list.append(el("dt", "", term));
    const dd = el("dd");
    for (const v of values) dd.append(v);
    list.append(dd);
  }

  function pathNode(path) {
    const code = el("code", "path", fileName(path));
    code.title = path;
    return code;
  }

  function renderSetup() {
    const s = state.setup;
    const list = $("setup-list");
    list.replaceChildren();
    setupRow(list, "Config", s.config ? pathNode(s.config) : "no config: defaults");
    const warning = $("setup-warning");
    if (s.registries.length) {
      const dd = [];
      s.registries.forEach((r, i) => {
        if (i) dd.push(", ");
        dd.push(pathNode(r.path), ` (${plural(r.entries, "entry").replace("entrys", "entries")})`);
      });
      if (s.registry_writable) dd.push("; spellings can be added from a finding");
      setupRow(list, "Registry", ...dd);
      warning.hidden = true;
      warning.textContent = "";
    } else {
      setupRow(list, "Registry", "none");
      warning.textContent = "No registry: names are checked only against each other.";
      warning.hidden = false;
    }
    const facts = [];
    s.facts.forEach((f, i) => {
      if (i) facts.push(", ");
      facts.push(pathNode(f.path), f.origin === "plugin" ? " (built in)" : "");
    });
    setupRow(list, "Facts", ...(facts.length ? facts : ["none"]));
    let dates = "from each article (the date field, else its own)";
    if (s.published) dates = `${s.published}, for every article (the server's config)`;
    else if (s.default_published) dates = `from each article; ${s.default_published} when it gives none (the server's config)`;
    setupRow(list, "Publication date", dates);
    setupRow(list, "Rules", `${s.rules.length} run`, s.date_rules.length ? `; ${s.date_rules.join(", ")} ${s.date_rules.length === 1 ? "needs" : "need"} a publication date` : "");
  }

  async function loadSetup() {
    try {
      const response = await fetch("/v1/setup");
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      state.setup = await response.json();
      renderSetup();
      $("setup-status").textContent = "";
      $("setup-status").hidden = true;
    } catch (err) {
      $("setup-status").textContent = `The server did not say what it checks against: ${err.message}`;
    }
  }

  const PUBLISHED_FROM = {
    request: "from the date field",
    text: "found in the article",
    config: "from the server's config",
  };

  function renderDocumentInfo(doc, format, detected) {
    const list = $("document-info");
    list.replaceChildren();
    if (!doc) return;
    const name = FORMAT_NAME[format] || format;
    list.append(el("li", "read-as", detected ? `Read as ${name} (detected: ${detected}).` : `Read as ${name}.`));
    if (doc.published) {
      list.append(el("li", "published", `Publication date: ${doc.published}, ${PUBLISHED_FROM[doc.published_from] || "given"}.`));
    } else {
      const silent = doc.silent_rules.length
        ? ` so ${doc.silent_rules.join(", ")} stayed silent. Give one in the date field${format === "markdown" ? " or as published: in the front matter" : ""}.`
        : ".";
      list.append(el("li", "published no-date", `Publication date: none,${silent}`));
    }
  }

  // "Why?": the rule's documentation from /v1/rules/{id}, fetched when first opened.
  const explanations = new Map();

  function whyDetails(rule) {
    const details = el("details", "why");
    const summary = el("summary", "", "Why?");
    summary.setAttribute("aria-label", `Why? What ${rule} checks`);
    const body = el("div", "why-text", "Loading…");
    details.append(summary, body);
    details.addEventListener("toggle", async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "1";
      body.textContent = await explanation(rule);
    });
    return details;
  }

  // Docstrings are wrapped at a fixed width: join each paragraph's lines so the panel
  // wraps them, keeping lists, tables and indented examples line by line.
  function unwrap(doc) {
    return doc
      .split(/\n{2,}/)
      .map((block) => (/^\s*(?:[-*|]|\d+\.|\s{2,})/m.test(block) ? block : block.replace(/\s*\n\s*/g, " ")))
      .join("\n\n");
  }

  async function explanation(rule) {
    if (!explanations.has(rule)) {
      const path = rule.split("/").map(encodeURIComponent).join("/");
      explanations.set(
        rule,
        fetch(`/v1/rules/${path}`)
          .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
          .then((doc) => unwrap(doc.documentation || doc.summary || "This rule has no explanation."))
          .catch((err) => {
            explanations.delete(rule);
            return `The explanation could not be loaded: ${err.message}`;
          }),
      );
    }
    return explanations.get(rule);
  }

  function canAddSpelling(d) {
    return Boolean(state.setup && state.setup.registry_writable && d.rule.startsWith("name/") && d.text && d.suggestion && d.text !== d.suggestion);
  }

  // The form under "Keep this…": a reason, written into the suppression comment.
  function keepForm(f, about) {
    const form = el("form", "keep-form");
    form.id = `keep-${f.index}`;
    form.hidden = true;
    form.noValidate = true;
    const id = `keep-reason-${f.index}`;
    const label = el("label", "", "Why keep it? (written in the comment)");
    label.htmlFor = id;
    const input = el("input", "reason");
    input.id = id;
    input.autocomplete = "off";
    input.maxLength = 200;
    input.placeholder = "the desk accepts this spelling";
    const add = el("button", "add-suppression", "Add the suppression");
    add.type = "submit";
    add.setAttribute("aria-label", `Add a suppression of ${f.data.rule} above the line of ${about}`);
    const error = el("p", "error");
    error.setAttribute("role", "alert");
    form.append(label, input, add, error);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      // "--" and ">" could end the comment early; one line, single spaces.
      const reason = input.value.replace(/-{2,}|>/g, " ").replace(/\s+/g, " ").trim();
      if (!reason) {
        error.textContent = "Say why, so the next editor knows.";
        input.focus();
        return;
      }
      keep_(f.index, reason);
    });
    return form;
  }

  // ---------------------------------------------------------------- actions

  function focusFinding(index) {
    const button = document.querySelector(`#finding-${index} .choose`);
    if (button) button.focus();
  }

  // Select a finding: mark it current, scroll its span into view and select the text.
  function choose(index, fromArticle) {
    state.current = index;
    render();
    if (!fromArticle) focusFinding(index);
    else {
      const item = $(`finding-${index}`);
      if (item) item.scrollIntoView({ block: "nearest" });
    }
    const marks = [...document.querySelectorAll("#rendered mark")].filter((m) =>
      m.dataset.findings.split(" ").includes(String(index)),
    );
    if (!marks.length) return;
    marks[0].scrollIntoView({ block: "center" });
    const range = document.createRange();
    range.setStart(marks[0].firstChild, 0);
    const last = marks[marks.length - 1].firstChild;
    range.setEnd(last, last.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function step(direction) {
    const open = visible();
    if (!open.length) return;
    const at = open.findIndex((f) => f.index === state.current);
    const next = at < 0 ? (direction > 0 ? 0 : open.length - 1) : (at + direction + open.length) % open.length;
    choose(open[next].index, false);
  }

  // After a finding leaves the list, keep the keyboard near where it was.
  function focusAfterRemoval(position) {
    const open = visible();
    if (open.length) {
      const next = open[Math.min(position, open.length - 1)];
      state.current = -1;
      render();
      focusFinding(next.index);
    } else {
      render();
      $("results-heading").focus();
    }
  }

  function accept_(index) {
    const f = state.findings[index];
    const position = visible().indexOf(f);
    const stale = applyEdits(f, f.edits, "accepted");
    focusAfterRemoval(position);
    const what = f.data.suggestion || f.edits.map((e) => e.replacement).join(", ");
    const note = stale ? ` ${plural(stale, "finding")} on the changed text removed; check again to see it fresh.` : "";
    announce(`Accepted “${what}”. ${summary()}${note}`);
  }

  // Keep the flagged text: a comment above its line tells the next check to let it be.
  function keep_(index, reason) {
    const f = state.findings[index];
    const position = visible().indexOf(f);
    const at = state.text.lastIndexOf("\n", f.start - 1) + 1;
    const indent = /^[ \t]*/.exec(state.text.slice(at))[0];
    const comment = `${indent}<!-- factlint-disable-next-line ${f.data.rule} -- ${reason} -->\n`;
    applyEdits(f, [{ start: at, end: at, replacement: comment }], "kept");
    // A comment is a comment only in Markdown and HTML.
    let switched = "";
    if ($("format").value === "text") {
      $("format").value = "markdown";
      switched = " The format is now Markdown, where the comment counts.";
    }
    focusAfterRemoval(position);
    announce(`Suppression added above line ${f.data.line} for ${f.data.rule}.${switched} ${summary()}`);
  }

  async function addSpelling(index, button) {
    const f = state.findings[index];
    const d = f.data;
    button.disabled = true;
    try {
      const response = await fetch("/v1/registry/aliases", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: d.text, canonical: d.suggestion }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        const detail = body && (body.message || (typeof body.detail === "string" ? body.detail : ""));
        button.disabled = false;
        announce(`The registry was not changed: ${detail || response.statusText}`);
        return;
      }
      const position = visible().indexOf(f);
      f.status = "kept";
      focusAfterRemoval(position);
      announce(`Added “${body.name}” to ${fileName(body.path)} as a spelling of “${body.canonical}”. ${summary()}`);
      loadSetup();
    } catch (err) {
      button.disabled = false;
      announce(`The server could not be reached: ${err.message}`);
    }
  }

  // Apply ``edits`` made for finding ``f`` to the text; moves the other findings and
  // drops those on changed text. Returns how many open findings were dropped.
  function applyEdits(f, editsIn, status) {
    // Apply from the end so earlier offsets stay valid.
    const edits = [...editsIn].sort((a, b) => b.start - a.start);
    let text = state.text;
    for (const e of edits) text = text.slice(0, e.start) + e.replacement + text.slice(e.end);
    let stale = 0;
    for (const g of state.findings) {
      if (g === f || ["accepted", "kept", "stale"].includes(g.status)) continue;
      const shift = shiftFor(g, edits);
      const editShifts = g.edits.map((e) => shiftFor(e, edits));
      if (shift === null || editShifts.includes(null)) {
        if (g.status === "open") stale++;
        g.status = "stale";
        continue;
      }
      g.start += shift;
      g.end += shift;
      g.edits = g.edits.map((e, i) => ({ ...e, start: e.start + editShifts[i], end: e.end + editShifts[i] }));
    }
    f.status = status;
    state.text = text;
    $("article").value = text;
    return stale;
  }

  function dismiss_(index) {
    const f = state.findings[index];
    const position = visible().indexOf(f);
    f.status = "dismissed";
    focusAfterRemoval(position);
    announce(`Dismissed. ${summary()}`);
  }

  function restore() {
    for (const f of state.findings) if (f.status === "dismissed") f.status = "open";
    render();
    announce(`Dismissed findings shown again. ${summary()}`);
  }

  // A suggestion with no fix is still what to write instead of the flagged text: an
  // edit, when the flagged place holds exactly that text on one line.
  function suggestedEdit(text, range, data) {
    const s = data.suggestion;
    if (!s || !data.text || s === data.text || /[\r\n]/.test(s) || /[\r\n]/.test(data.text)) return [];
    if (text.slice(range.start, range.end) !== data.text) return [];
    return [{ start: range.start, end: range.end, replacement: s }];
  }

  function load(text, format, report, detected) {
    const starts = lineStarts(text);
    state.text = text;
    state.format = format;
    state.current = -1;
    state.findings = report.findings.map((data, index) => {
      const range = rangeOf(text, starts, data);
      const edits = data.fix
        ? data.fix.edits.map((e) => ({ ...rangeOf(text, starts, e), replacement: e.replacement }))
        : suggestedEdit(text, range, data);
      return { index, data, ...range, edits, status: "open" };
    });
    showView(true);
    render();
    renderDocumentInfo(report.document, format, detected);
    // A source that cannot be read is left out of the check; say which, beside the sources.
    const ofSource = (e) => e.path && e.path !== REQUEST_PATH;
    const problems = report.errors.filter((e) => !ofSource(e)).map((e) => `line ${e.line || 1}: ${e.message}`);
    formError(problems.length ? `The article could not be read: ${problems.join("; ")}` : "");
    const unread = report.errors.filter(ofSource).map((e) => `${e.path}, line ${e.line || 1}: ${e.message}`);
    sourceError(unread.length ? `A source could not be read and was left out: ${unread.join("; ")}` : "");
    announce(report.summary.findings ? summary().replace(" left", "") : "No findings: nothing flagged.");
  }

  async function check(event) {
    event.preventDefault();
    formError("");
    const text = $("article").value;
    const chosen = $("format").value;
    const [format, detected] = chosen === "auto" ? detectFormat(text) : [chosen, ""];
    const published = $("published").value.trim();
    if (!text.trim()) {
      formError("Paste an article or open a file first.");
      $("article").focus();
      return;
    }
    if (published && !/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/.test(published)) {
      formError("Write the publication date as YYYY, YYYY-MM or YYYY-MM-DD.");
      $("published").focus();
      return;
    }
    $("run").disabled = true;
    $("rendered").setAttribute("aria-busy", "true");
    announce("Checking…");
    try {
      const response = await fetch("/v1/check?describe=true", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, format, published: published || null, sources: state.sources }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        const detail = body && (body.message || (typeof body.detail === "string" ? body.detail : ""));
        formError(`The check failed (${response.status}): ${detail || response.statusText}`);
        announce("The check failed.");
        return;
      }
      load(text, format, body, detected);
    } catch (err) {
      formError(`The server could not be reached: ${err.message}`);
      announce("The check failed.");
    } finally {
      $("run").disabled = false;
      $("rendered").removeAttribute("aria-busy");
    }
  }

  async function openFile() {
    const file = $("file").files[0];
    if (!file) return;
    const text = await file.text();
    $("article").value = text.replace(/^\ufeff/, "");
    const ext = (file.name.split(".").pop() || "").toLowerCase();
    if (FORMAT_OF[ext]) $("format").value = FORMAT_OF[ext];
    announce(`Opened ${file.name}. Check it when ready.`);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(state.text);
    } catch {
      // Without clipboard permission, copy the way a user would.
      const area = $("article");
      area.value = state.text;
      area.select();
      document.execCommand("copy");
    }
    announce("Corrected text copied.");
  }

  function download() {
    const blob = new Blob([state.text], { type: "text/plain;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `article-checked${EXTENSION[state.format] || ".txt"}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // ---------------------------------------------------------------- sources

  function sourceError(message) {
    $("source-error").textContent = message;
  }

  function sourceCount() {
    const n = state.sources.length;
    if (!n) return "No sources added.";
    const room = n >= MAX_SOURCES ? "the most one check takes" : `at most ${MAX_SOURCES}`;
    return `${plural(n, "source")} sent with each check (${room}).`;
  }

  // Two sources of one name would make "in letter.txt" ambiguous: number the later ones.
  function uniqueName(wanted) {
    const base = wanted.trim().slice(0, MAX_NAME - 5) || `source ${state.sources.length + 1}`;
    const taken = new Set(state.sources.map((s) => s.name));
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
    return name;
  }

  function renderSources() {
    const list = $("source-list");
    list.replaceChildren();
    state.sources.forEach((source, i) => {
      const li = el("li");
      const details = el("details");
      const summary = el("summary");
      summary.append(el("span", "source-name", source.name), " ");
      summary.append(el("span", "meta", `${FORMAT_NAME[source.format] || source.format} · ${plural(source.text.length, "character")}`));
      details.append(summary, el("pre", "source-text", source.text));
      const remove = el("button", "remove", "Remove");
      remove.type = "button";
      remove.setAttribute("aria-label", `Remove the source ${source.name}`);
      remove.addEventListener("click", () => removeSource(i));
      li.append(details, remove);
      list.append(li);
    });
  }

  // Add one source; false (with the reason shown) when the page holds as many as a check takes.
  function addSource(name, text, format) {
    if (state.sources.length >= MAX_SOURCES) {
      sourceError(`A check takes at most ${MAX_SOURCES} sources: remove one to add another.`);
      return false;
    }
    const source = { name: uniqueName(name), text: text.replace(/^\ufeff/, ""), format };
    state.sources.push(source);
    renderSources();
    return source;
  }

  function removeSource(index) {
    const [gone] = state.sources.splice(index, 1);
    sourceError("");
    renderSources();
    $("source-status").textContent = `Removed ${gone.name}. ${sourceCount()}`;
    // Keep the keyboard in the list, or send it back to where sources are added.
    const buttons = document.querySelectorAll("#source-list .remove");
    if (buttons.length) buttons[Math.min(index, buttons.length - 1)].focus();
    else $("source-text").focus();
  }

  function addPasted(event) {
    event.preventDefault();
    sourceError("");
    const text = $("source-text").value;
    if (!text.trim()) {
      sourceError("Paste the source's text first, or add it from a file.");
      $("source-text").focus();
      return;
    }
    const source = addSource($("source-name").value, text, $("source-format").value);
    if (!source) return;
    $("source-text").value = "";
    $("source-name").value = "";
    $("source-status").textContent = `Added ${source.name}. ${sourceCount()}`;
  }

  // The file as UTF-8 text, as the API takes it.
  function readText(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.addEventListener("load", () => resolve(String(reader.result)));
      reader.addEventListener("error", () => reject(reader.error || new Error("unreadable")));
      reader.readAsText(file, "UTF-8");
    });
  }

  async function addFiles() {
    const input = $("source-file");
    const files = [...input.files];
    if (!files.length) return;
    sourceError("");
    const added = [];
    const problems = [];
    for (const file of files) {
      if (state.sources.length >= MAX_SOURCES) {
        problems.push(`${plural(files.length - added.length - problems.length, "file")} not added: a check takes at most ${MAX_SOURCES} sources`);
        break;
      }
      let text;
      try {
        text = await readText(file);
      } catch (err) {
        problems.push(`${file.name} could not be read (${err.message})`);
        continue;
      }
      if (!text.replace(/^\ufeff/, "").trim()) {
        problems.push(`${file.name} is empty`);
        continue;
      }
      // A known extension names the format; otherwise the format chosen above.
      const ext = file.name.includes(".") ? file.name.split(".").pop().toLowerCase() : "";
      added.push(addSource(file.name, text, FORMAT_OF[ext] || $("source-format").value).name);
    }
    // Cleared, so choosing the same file again adds it again.
    input.value = "";
    if (problems.length) sourceError(`${problems.join("; ")}.`);
    const what = added.length ? `Added ${added.join(", ")}. ` : "";
    $("source-status").textContent = `${what}${sourceCount()}`;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    if (event.key === "j") {
      event.preventDefault();
      step(1);
    } else if (event.key === "k") {
      event.preventDefault();
      step(-1);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("check-form").addEventListener("submit", check);
    $("file").addEventListener("change", openFile);
    $("source-form").addEventListener("submit", addPasted);
    $("source-file").addEventListener("change", addFiles);
    $("copy").addEventListener("click", copy);
    $("download").addEventListener("click", download);
    $("restore").addEventListener("click", restore);
    $("edit").addEventListener("click", edit);
    $("article").addEventListener("input", textEdited);
    loadSetup();
    document.addEventListener("keydown", onKey);
  });
})();
