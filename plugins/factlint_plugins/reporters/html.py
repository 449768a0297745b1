"""The ``html`` output format: one self-contained page for editors.

Each article's source is shown with its flagged places highlighted and, beside it, the
findings: message, suggestion, confidence and every related place, linked both ways.
Checkboxes filter by severity and rule.

Articles are untrusted input: every piece of article text (and every message, which
may quote it) goes through :func:`html.escape`, and a Content-Security-Policy allows
only this page's own script and style, by hash, so markup in an article can neither
run nor load anything. The page has no external assets and no timestamps: the same
run gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import factlint
from factlint import Finding, Report, Reporter, Severity, Span
from factlint_plugins._patterns import lazy_compile

_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_NEWLINE = lazy_compile(r"\r\n|\r|\n")

_STYLE = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --line: #ddd; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: .5em 1.5em; z-index: 1; }
h1 { font-size: 1.3em; margin: .2em 0; }
h2 { font-size: 1.1em; margin: 0 0 .5em; word-break: break-all; }
main { padding: 1em 1.5em; }
fieldset { display: inline-block; border: 1px solid var(--line); margin: .2em .5em .2em 0; padding: .1em .6em; }
fieldset label { margin-right: .8em; white-space: nowrap; }
.doc, .problems { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 1em; margin-bottom: 1.5em; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em; }
@media (max-width: 900px) { .columns { grid-template-columns: minmax(0, 1fr); } }
pre.source { white-space: pre-wrap; word-wrap: break-word; font: 14px/1.6 ui-monospace, monospace; margin: 0; padding: .5em; background: #fcfcfc; border: 1px solid #eee; }
mark { background: none; color: inherit; cursor: pointer; border-radius: 2px; }
mark.sev-error { background: #fdd; box-shadow: inset 0 -2px var(--error); }
mark.sev-warning { background: #fff1c4; box-shadow: inset 0 -2px var(--warning); }
mark.sev-info { background: #e3efff; box-shadow: inset 0 -2px var(--info); }
mark.rel { background: #f1f1f1; box-shadow: inset 0 -1px #888; }
mark.off { cursor: auto; }
ol.findings { margin: 0; padding-left: 1.5em; }
li.finding { margin-bottom: 1em; }
li.finding:target, li.finding.flash { outline: 2px solid #888; outline-offset: 3px; }
li.finding p { margin: .15em 0; }
.badge { font-size: .8em; font-weight: 600; text-transform: uppercase; color: #fff; padding: 0 .4em; border-radius: 3px; }
.badge.sev-error { background: var(--error); } .badge.sev-warning { background: var(--warning); } .badge.sev-info { background: var(--info); }
.meta { color: #666; font-size: .9em; }
.suggestion strong { background: #e6f4e6; }
ul.related { margin: .2em 0; padding-left: 1.2em; font-size: .9em; }
.none { color: #666; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var rank = { info: 0, warning: 1, error: 2 };
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function checked(kind) {
    var on = {};
    boxes.forEach(function (b) { if (b.dataset.filter === kind && b.checked) { on[b.value] = true; } });
    return on;
  }
  function apply() {
    var sev = checked("severity"), rule = checked("rule"), visible = {};
    document.querySelectorAll("li.finding").forEach(function (li) {
      var on = !!(sev[li.dataset.severity] && rule[li.dataset.rule]);
      li.hidden = !on;
      if (on) { visible[li.id] = li.dataset.severity; }
    });
    document.querySelectorAll("mark").forEach(function (m) {
      var best = -1, name = "", related = false;
      (m.dataset.f || "").split(" ").forEach(function (id) {
        var s = visible[id];
        if (s !== undefined && rank[s] > best) { best = rank[s]; name = s; }
      });
      (m.dataset.r || "").split(" ").forEach(function (id) { if (visible[id] !== undefined) { related = true; } });
      m.className = best >= 0 ? "sev-" + name : related ? "rel" : "off";
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  document.querySelectorAll("mark").forEach(function (m) {
    m.addEventListener("click", function () {
      var ids = ((m.dataset.f || "") + " " + (m.dataset.r || "")).split(" ");
      for (var i = 0; i < ids.length; i++) {
        var li = ids[i] && document.getElementById(ids[i]);
        if (li && !li.hidden) {
          li.scrollIntoView({ block: "center" });
          li.classList.add("flash");
          setTimeout(function () { li.classList.remove("flash"); }, 1500);
          return;
        }
      }
    });
  });
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Only this page's own script and style run, by hash; nothing may be fetched.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src {_csp_hash(_SCRIPT)}; style-src {_csp_hash(_STYLE)}; "
    "base-uri 'none'; form-action 'none'"
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class _Interval:
    start: int
    end: int
    finding: str
    """The id of the finding's list item."""
    related: bool
    anchor: str
    """The id of the empty element placed where it starts."""


class _Lines:
    """Turns 1-based line and column back into offsets into the source text."""

    def __init__(self, source: str) -> None:
        self.size = len(source)
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.starts):
            return None
        return min(self.starts[line - 1] + max(column, 1) - 1, self.size)

    def range(self, span: Span) -> tuple[int, int] | None:
        start = self.offset(span.line, span.column)
        end = self.offset(max(span.end_line, span.line), span.end_column)
        if start is None:
            return None
        if end is None or end < start:
            end = start
        return start, end


def _highlight(source: str, intervals: Sequence[_Interval], severities: dict[str, Severity]) -> str:
    """``source`` escaped, with a ``<mark>`` on each stretch covered by intervals.

    Overlapping intervals are cut at every boundary into flat, never nested
    segments, each naming every finding that covers it, so any overlap still
    gives well-formed markup.
    """
    points = {0, len(source)}
    for iv in intervals:
        points.update((iv.start, iv.end))
    starting: dict[int, list[_Interval]] = {}
    ending: dict[int, list[_Interval]] = {}
    for iv in intervals:
        starting.setdefault(iv.start, []).append(iv)
        ending.setdefault(iv.end, []).append(iv)
    active: Counter[tuple[str, bool]] = Counter()
    out: list[str] = []
    ordered = sorted(points)
    for here, following in zip(ordered, [*ordered[1:], None], strict=True):
        for iv in ending.get(here, ()):
            if iv.end > iv.start:
                active[(iv.finding, iv.related)] -= 1
        for iv in starting.get(here, ()):
            out.append(f'<span id="{_e(iv.anchor)}"></span>')
            if iv.end > iv.start:
                active[(iv.finding, iv.related)] += 1
        if following is None or following == here:
            continue
        text = _e(source[here:following])
        flagged = sorted(fid for (fid, rel), n in active.items() if n > 0 and not rel)
        related = sorted(fid for (fid, rel), n in active.items() if n > 0 and rel)
        if not flagged and not related:
            out.append(text)
            continue
        attrs = ""
        if flagged:
            worst = max((severities[fid] for fid in flagged), key=_RANK.__getitem__)
            attrs = f' class="sev-{worst.value}" data-f="{_e(" ".join(flagged))}"'
        else:
            attrs = ' class="rel"'
        if related:
            attrs += f' data-r="{_e(" ".join(related))}"'
        out.append(f"<mark{attrs}>{text}</mark>")
    return "".join(out)


def _where(span: Span) -> str:
    return f"line {span.line}, column {span.column}"


def _finding_item(f: Finding, fid: str, anchor: str | None, related_anchors: list[str | None]) -> str:
    sev = f.severity.value
    where = _e(_where(f.span))
    head = (
        f'<p class="head"><span class="badge sev-{sev}">{sev}</span> <code>{_e(f.rule)}</code> '
        + (f'<a href="#{_e(anchor)}">{where}</a>' if anchor else where)
        + f' <span class="meta">confidence {f.confidence:.2f}</span></p>'
    )
    parts = [head, f'<p class="message">{_e(f.message)}</p>']
    if f.text:
        parts.append(f'<p class="flagged meta">Flagged: <q>{_e(f.text)}</q></p>')
    if f.suggestion:
        parts.append(f'<p class="suggestion">Suggestion: <strong>{_e(f.suggestion)}</strong></p>')
    if f.fix is not None:
        parts.append(f'<p class="fix meta">Fix ({_e(f.fix.safety)}): {_e(f.fix.description)}</p>')
    if f.related:
        items = []
        for r, ranchor in zip(f.related, related_anchors, strict=True):
            place = _e(_where(r.span) if r.path is None or r.path == f.path else f"{r.path}, {_where(r.span)}")
            link = f'<a href="#{_e(ranchor)}">{place}</a>' if ranchor else place
            quoted = f": <q>{_e(r.text)}</q>" if r.text else ""
            items.append(f"<li>{link} {_e(r.message)}{quoted}</li>")
        parts.append('<ul class="related">' + "".join(items) + "</ul>")
    if f.plugin:
        parts.append(f'<p class="meta">from plugin {_e(f.plugin)}</p>')
    return (
        f'<li class="finding" id="{_e(fid)}" data-rule="{_e(f.rule)}" data-severity="{sev}">'
        + "\n".join(parts)
        + "</li>"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class HtmlReporter(Reporter):
    """A self-contained HTML page: each article with its findings highlighted."""

    name = "html"
    description = "one self-contained HTML page for editors, articles highlighted"

    def _document(self, number: int, path: str, findings: list[Finding]) -> str:
        prefix = f"d{number}"
        head = f'<article class="doc" id="{prefix}"><h2>{_e(path)}</h2>'
        if not findings:
            return head + '<p class="none">No findings.</p></article>'
        source = self.context.source(path) if not (path.startswith("<") and path.endswith(">")) else None
        lines = _Lines(source) if source is not None else None
        intervals: list[_Interval] = []
        items: list[str] = []
        severities: dict[str, Severity] = {}
        for j, f in enumerate(findings):
            fid = f"{prefix}-f{j}"
            severities[fid] = f.severity
            anchor = None
            where = lines.range(f.span) if lines else None
            if where is not None:
                anchor = f"{prefix}-t{j}"
                intervals.append(_Interval(where[0], where[1], fid, False, anchor))
            related_anchors: list[str | None] = []
            for k, r in enumerate(f.related):
                # A place in another document (a story's source) is quoted, not marked in this text.
                elsewhere = r.path is not None and r.path != f.path
                rwhere = lines.range(r.span) if lines and not elsewhere else None
                if rwhere is None:
                    related_anchors.append(None)
                    continue
                ranchor = f"{prefix}-t{j}-r{k}"
                related_anchors.append(ranchor)
                intervals.append(_Interval(rwhere[0], rwhere[1], fid, True, ranchor))
            items.append(_finding_item(f, fid, anchor, related_anchors))
        if source is not None:
            text = f'<pre class="source">{_highlight(source, intervals, severities)}</pre>'
        else:
            text = '<p class="none">The source text is not available.</p>'
        return head + f'<div class="columns">{text}<ol class="findings">' + "\n".join(items) + "</ol></div></article>"

    def finish(self, report: Report) -> None:
        by_path: dict[str, list[Finding]] = {}
        for f in report.findings:
            by_path.setdefault(f.path, []).append(f)
        paths = sorted(set(report.documents) | by_path.keys())
        s = report.summary

        sev_counts = Counter(f.severity for f in report.findings)
        rule_counts = Counter(f.rule for f in report.findings)
        sev_boxes = "".join(
            f'<label><input type="checkbox" data-filter="severity" value="{sev.value}" checked> '
            f"{sev.value} ({sev_counts[sev]})</label>"
            for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        rule_boxes = "".join(
            f'<label><input type="checkbox" data-filter="rule" value="{_e(rule)}" checked> '
            f"{_e(rule)} ({n})</label>"
            for rule, n in sorted(rule_counts.items())
        )
        totals = (
            f"{_plural(s.findings, 'finding')} ({_plural(s.errors, 'error')}, {_plural(s.warnings, 'warning')}, "
            f"{s.infos} info) in {_plural(s.documents, 'document')}"
        )
        if s.input_errors:
            totals += f"; {_plural(s.input_errors, 'file')} could not be checked"

        body: list[str] = []
        if report.errors:
            rows = "".join(f"<li>{_e(str(e))}</li>" for e in report.errors)
            body.append(f'<section class="problems"><h2>Files that could not be checked</h2><ul>{rows}</ul></section>')
        if paths:
            toc = "".join(
                f'<li><a href="#d{i}">{_e(p)}</a> ({len(by_path.get(p, []))})</li>' for i, p in enumerate(paths)
            )
            body.append(f'<nav class="problems"><h2>Documents</h2><ul>{toc}</ul></nav>')
        body.extend(self._document(i, p, by_path.get(p, [])) for i, p in enumerate(paths))

        version = f" {_e(self.context.version)}" if self.context.version else ""
        page = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>factlint report</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<header>",
            f"<h1>factlint{version} report</h1>",
            f'<p class="meta">{_e(totals)}</p>',
            f"<div><fieldset><legend>Severity</legend>{sev_boxes}</fieldset>"
            + (f"<fieldset><legend>Rule</legend>{rule_boxes}</fieldset>" if rule_boxes else "")
            + "</div>",
            "</header>",
            "<main>",
            *body,
            "</main>",
            f"<script>{_SCRIPT}</script>",
            "</body>",
            "</html>",
        ]
        self.out.write("\n".join(page) + "\n")


@factlint.hookimpl
def factlint_register_reporters() -> list[type[Reporter]]:
    """Register the html output format."""
    return [HtmlReporter]
