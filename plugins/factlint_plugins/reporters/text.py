"""The ``text`` output format: one finding a line, then a summary line."""

from __future__ import annotations

import factlint
from factlint import Report, Reporter, Severity

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TextReporter(Reporter):
    """``path:line:col: severity rule message (suggestion)``, one finding a line."""

    name = "text"
    description = "one finding a line, for people and editors' terminals"

    def finish(self, report: Report) -> None:
        out, color, verbose = self.out, self.context.color, self.context.verbose
        for f in report.findings:
            where = f"{f.path}:{f.span.line}:{f.span.column}:"
            sev = f.severity.value
            suggestion = f" (suggestion: {f.suggestion})" if f.suggestion else ""
            if color:
                where = f"{_BOLD}{where}{_RESET}"
                sev = f"{_COLORS[f.severity]}{sev}{_RESET}"
                rule = f"{_DIM}{f.rule}{_RESET}"
            else:
                rule = f.rule
            out.write(f"{where} {sev} {rule} {f.message}{suggestion}\n")
            if verbose:
                out.write(f"    confidence {f.confidence:.2f}, plugin {f.plugin}\n")
                for r in f.related:
                    out.write(f"    {r.path or f.path}:{r.span.line}:{r.span.column}: {r.message}: {r.text!r}\n")
        s = report.summary
        docs = _plural(s.documents, "document")
        if s.findings:
            parts = [_plural(s.errors, "error"), _plural(s.warnings, "warning"), f"{s.infos} info"]
            line = f"Found {_plural(s.findings, 'finding')} ({', '.join(parts)}) in {docs}"
        else:
            line = f"No findings in {docs}"
        if s.input_errors:
            line += f"; {_plural(s.input_errors, 'file')} could not be checked"
        if s.skipped:
            line += f"; {_plural(s.skipped, 'special file')} skipped"
        out.write(line + ".\n")


@factlint.hookimpl
def factlint_register_reporters() -> list[type[Reporter]]:
    """Register the text output format."""
    return [TextReporter]
