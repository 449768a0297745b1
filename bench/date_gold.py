"""Measure the dates extractor against gold annotations.

    python bench/date_gold.py [--corpus ../shared/corpus] [--misses]

GUM (43 Wikinews texts, 288 gold <date> spans): coverage = share of gold spans that an
extracted date overlaps; exact = share of gold spans with a single resolvable value
whose interval the overlapping extraction matches day for day ("2013-11" is the whole
of November; "--10" is October of any year, compared by month). Vague gold values
(notBefore/notAfter only) count for coverage, not for exactness. A date named in
apposition ("Sunday night (March 4)") is read as part of the claim it explains, so its
span counts with the apposition's date.

In scope: the gold spans a date extractor reading the text alone can resolve. Out of
scope, and counted apart (each span by the first reason that applies):
clock times ("22:30"), which are not days; two-digit years ("Reagan in 80 and 84"),
which no reader tells from numbers without world knowledge; event names written as
dates ("9/11"); dates given only by an event of the story ("the opening night", "day
five", "the date", "the year before", "four months in advance of the competition",
"the 30th anniversary of ..."), which need the event's date from elsewhere; and
durations ("15 years", "the past 30 days"), which are lengths, not dates. Everything
else is in scope, including what the extractor reads by another convention (weeks from
Monday, meteorological seasons, "late" as the last ten days): those stay misses.

Duckling (English time corpus, reference 2013-02-12): the phrases of the kinds news
copy uses; "core" is calendar dates, today/yesterday/tomorrow, this/last/next week,
month and year, N units ago, last/next weekday; "wider" adds the other relative
phrases news writes (the past/coming/upcoming week, the day before yesterday,
last/next plus a month, in N days/weeks/months/years, "in 2014", this week's or next
month's day);  a phrase counts as read when one extracted
claim covers it whole, and as right when Duckling's value falls inside the claim's
interval (its grain is reported apart: Duckling reads "a week ago" as a day, and so
do we; it reads "two years ago" as a month, we as a year). The 28 negative phrases must
yield no date at all.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from factlint import ClaimSet, DateClaim, Document
from factlint_plugins.extractors.dates import DatesExtractor

EXTRACTOR = DatesExtractor()


def dates_of(text: str, published: str | None) -> list[DateClaim]:
    doc = Document.from_text(text, published=published)
    return [c for c in EXTRACTOR.extract(doc, ClaimSet()) if c.kind == "date"]


def gold_interval(value: str, *, end: bool = False) -> tuple[dt.date, dt.date] | None:
    """The days an ISO value (possibly partial) covers."""
    value = value.lstrip("-") if re.match(r"-\d{4}", value) else value
    value = value.split("T")[0]
    parts = value.split("-")
    try:
        if len(parts) == 1:
            y = int(parts[0])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        d = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        return d, d
    except ValueError:
        return None


_OUT_OF_SCOPE = (
    ("clock time", re.compile(r"\d{1,2}:\d{2}")),
    ("two-digit year", re.compile(r"^['’]?\d{2}$")),
    ("event name", re.compile(r"^\d{1,2}/\d{1,2}\b")),
    (
        "date of a story event",
        re.compile(
            r"opening night|anniversa|in advance of|\bthe start of the\b|^day \w+|^the (?:date|day)$|^the year before$"
            r"|the next day",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        re.compile(
            r"^(?:the\s+)?(?:past|last)\s+(?:\d+|few|\w+)\s+(?:days|weeks|months|years)$"
            r"|^(?:\d+|ten|eleven|twelve|twenty|thirty|forty|fifty|\w+teen)[- ]years?$",
            re.IGNORECASE,
        ),
    ),
)


def scope_of(text: str) -> str | None:
    """Why a gold span is out of scope, or None when it is in scope."""
    return next((why for why, pattern in _OUT_OF_SCOPE if pattern.search(text)), None)


@dataclass
class _Hit:
    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    granularity: str | None
    text: str


def _hits(claims: list[DateClaim], text: str) -> list[_Hit]:
    """Every span read as a date: the claims, and the dates named in apposition to them."""
    out = [_Hit(c.span.start, c.span.end, c.start, c.end, c.granularity, c.text) for c in claims]
    for c in claims:
        if c.apposition is not None and c.apposition_span is not None:
            a = c.apposition_span
            last = c.apposition if c.apposition_granularity == "day" else None
            out.append(_Hit(a.start, a.end, c.apposition, last, c.apposition_granularity, text[a.start : a.end]))
    return out


def gum(corpus: Path, show_misses: bool) -> None:
    total = covered = exact_total = exact = 0
    scoped = {"total": 0, "covered": 0, "exact_total": 0, "exact": 0}
    out_of_scope: dict[str, int] = {}
    misses: list[str] = []
    for line in (corpus / "gum_wikinews" / "gum_wikinews.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        claims = _hits(dates_of(doc["text"], doc["date_created"]), doc["text"])
        for g in doc["dates"]:
            total += 1
            why = scope_of(g["text"])
            if why:
                out_of_scope[why] = out_of_scope.get(why, 0) + 1
            else:
                scoped["total"] += 1
            hits = [c for c in claims if c.start < g["end"] and g["start"] < c.end]
            if hits:
                covered += 1
                scoped["covered"] += why is None
            want: tuple[dt.date, dt.date] | None = None
            month_only = None
            if "when" in g and g["when"].startswith("--"):
                month_only = int(g["when"][2:4])
            elif "when" in g:
                want = gold_interval(g["when"])
            elif "from" in g and "to" in g and not g["from"].startswith("--"):
                a, b = gold_interval(g["from"]), gold_interval(g["to"])
                want = (a[0], b[1]) if a and b else None
            if want is None and month_only is None:
                if not hits and show_misses:
                    misses.append(f"  missed (vague) {g['text']!r} in {doc['id']}")
                continue
            exact_total += 1
            ok = False
            for c in hits:
                if month_only is not None:
                    ok = ok or (c.first is not None and c.granularity == "month" and c.first.month == month_only)
                else:
                    ok = ok or (c.first, c.last) == want
            exact += ok
            if why is None:
                scoped["exact_total"] += 1
                scoped["exact"] += ok
            if not ok and show_misses:
                got = [(c.text, str(c.first), str(c.last)) for c in hits]
                tag = f" [out of scope: {why}]" if why else ""
                misses.append(
                    f"  {doc['id']} {doc['date_created']} {g['text']!r} gold={want or month_only} got={got}{tag}"
                )
    print("GUM Wikinews (43 texts, published = date_created)")
    print(f"  gold date spans:           {total}")
    print(f"  coverage (span overlap):   {covered}/{total} = {covered / total:.1%}")
    print(f"  exact interval (resolvable gold values): {exact}/{exact_total} = {exact / exact_total:.1%}")
    print(f"  out of scope:              {sum(out_of_scope.values())} spans: "
          + ", ".join(f"{why} {n}" for why, n in sorted(out_of_scope.items(), key=lambda kv: -kv[1])))
    print(
        f"  in scope, coverage:        {scoped['covered']}/{scoped['total']}"
        f" = {scoped['covered'] / scoped['total']:.1%}"
    )
    print(f"  in scope, exact interval:  {scoped['exact']}/{scoped['exact_total']}"
          f" = {scoped['exact'] / max(scoped['exact_total'], 1):.1%}")
    for m in misses:
        print(m)


_NEWS_KINDS = re.compile(
    r"^(?:(?:on|in|during|since)\s+)?(?:the\s+)?(?:"
    r"today|yesterday|tomorrow|the day (?:before yesterday|after tomorrow)"
    r"|(?:this|last|next|this past) (?:week|month|year)"
    r"|(?:last|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:days?|weeks?|months?|years?) ago"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? (?:\d{1,2}(?:st|nd|rd|th)?,? )?\d{4}"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? "
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:of )?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?,? \d{4}"
    r")$",
    re.IGNORECASE,
)
_MONTH_WORDS = ("january|february|march|april|may|june|july|august|september|october|november|december")
_WEEKDAY_WORDS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# The relative phrases news writes beyond the core set.
_WIDER_KINDS = re.compile(
    r"^(?:(?:on|in|during|since)\s+)?(?:the\s+)?(?:"
    r"(?:past|previous|coming|upcoming|current) (?:week|month|year)"
    rf"|(?:last|next) (?:{_MONTH_WORDS})"
    r"|in (?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:days?|weeks?|months?|years?)"
    r"|\d{4}"
    rf"|(?:{_WEEKDAY_WORDS}) (?:of )?(?:this|next|last) week"
    r"|\d{1,2}(?:st|nd|rd|th)? of (?:this|next|last|the next|the previous|the current) month"
    r")$",
    re.IGNORECASE,
)
_GRAINS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def duckling(corpus: Path, show_misses: bool) -> None:
    rows = [
        json.loads(line) for line in (corpus / "duckling_en_time" / "duckling_en_time.jsonl").open(encoding="utf-8")
    ]
    main = [r for r in rows if r["section"] == "main" and r.get("kind") == "datetime"]
    core = [r for r in main if _NEWS_KINDS.match(r["phrase"].strip())]
    wider = [r for r in main if not _NEWS_KINDS.match(r["phrase"].strip()) and _WIDER_KINDS.match(r["phrase"].strip())]
    print("Duckling English time corpus (reference 2013-02-12)")
    print(f"  news-kind phrases:         {len(core)} core + {len(wider)} wider, of {len(rows)}")
    for label, news in (("core", core), ("wider", wider)):
        _score(label, news, show_misses)
    negatives = [r for r in rows if r["section"] == "negative"]
    false_dates = [(r["phrase"], c.text) for r in negatives for c in dates_of(r["phrase"], "2013-02-12")]
    print(f"  negatives with a date:     {len(false_dates)} dates from {len(negatives)} negative phrases {false_dates}")


def _score(label: str, news: list[dict], show_misses: bool) -> None:
    read = right = grain_agrees = 0
    misses: list[str] = []
    for r in news:
        phrase = r["phrase"].strip()
        ref = r["reference_time"][:10]
        claims = dates_of(phrase, ref)
        whole = [c for c in claims if c.span.start <= _lead(phrase) and c.span.end >= len(phrase)]
        if not whole:
            misses.append(f"  not read: {phrase!r} -> {[c.text for c in claims]}")
            continue
        read += 1
        c = whole[0]
        want = dt.date.fromisoformat(r["value"][:10])
        if c.start is not None and c.start <= want <= c.end:
            right += 1
            grain_agrees += c.granularity == _GRAINS.get(r["grain"], r["grain"])
        else:
            misses.append(f"  wrong: {phrase!r} want {want} {r['grain']} got {c.start} {c.granularity}")
    print(f"  {label}: read whole {read}/{len(news)} = {read / max(len(news), 1):.1%};"
          f" resolved right {right}/{len(news)} = {right / max(len(news), 1):.1%}"
          f" (Duckling's value inside the interval; same grain in {grain_agrees})")
    if show_misses:
        for m in misses:
            print(m)


def _lead(phrase: str) -> int:
    """Where the date itself starts, after a leading preposition the extractor may leave out."""
    m = re.match(r"(?:(?:on|in|during|since)\s+)?(?:the\s+)?", phrase, re.IGNORECASE)
    return m.end() if m else 0


def sweep(corpus: Path) -> None:
    """Run the three date rules over the real corpus and print every finding."""
    from factlint import CheckContext, Registry, Severity
    from factlint_plugins.checks.dates import DateOrderRule, RelativeDateRule, WeekdayRule

    docs: list[tuple[str, str, str]] = []
    for line in (corpus / "wikipedia_current_events" / "current_events_days.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        docs.append((d["id"], d["text"], d["date"]))
    for line in (corpus / "gum_wikinews" / "gum_wikinews.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        docs.append((d["id"], d["text"], d["date_created"]))
    counts: dict[str, int] = {}
    claims_total = relations = 0
    for doc_id, text, published in docs:
        doc = Document.from_text(text, path=doc_id, published=published)
        claims = ClaimSet(EXTRACTOR.extract(doc, ClaimSet()))
        claims_total += len(claims.of_kind("date"))
        relations += len(claims.of_kind("temporal-relation"))
        for rule_cls in (RelativeDateRule, DateOrderRule, WeekdayRule):
            ctx = CheckContext(document=doc, claims=claims, registry=Registry(), rule_id=rule_cls.id,
                               severity=Severity.WARNING, plugin="date-checks", options=rule_cls.Options())
            for f in rule_cls().check(ctx):
                counts[f.rule] = counts.get(f.rule, 0) + 1
                line_text = text[text.rfind("\n", 0, f.span.start) + 1 : text.find("\n", f.span.end)].strip()
                print(f"{doc_id} [{published}] {f.rule} ({f.confidence}) {f.message}\n    | {line_text[:220]}")
    print(f"\n{len(docs)} documents, {claims_total} date claims, {relations} temporal relations")
    for rule_id in ("date/relative", "date/order", "date/weekday"):
        print(f"  {rule_id}: {counts.get(rule_id, 0)} findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    )
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--sweep", action="store_true", help="run the date rules over the corpus and list findings")
    args = parser.parse_args()
    if args.sweep:
        sweep(args.corpus)
        return
    gum(args.corpus, args.misses)
    print()
    duckling(args.corpus, args.misses)


if __name__ == "__main__":
    main()
