"""The period a relative expression means, named beside it: "earlier this month
(December)", "yesterday (Monday)", "next year (2024)", "two years ago, in 2019"."""

from __future__ import annotations

import datetime as _dt

from factlint_plugins._patterns import lazy_compile

from .lexicon import DAY_RE, MONTH_RE, WEEKDAY_RE, YEAR_RE, day_of, month_of, weekday_of
from .recognisers import Found

__all__ = ["attach_apposition"]

_APPOSITION = lazy_compile(r"(?:[ \t]+(?:morning|afternoon|evening|night))?[ \t]*\((?P<body>[^()\n]{2,40})\)")
_APP_MONTH = lazy_compile(rf"^\s*(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?\s*$")
_APP_YEAR = lazy_compile(rf"^\s*(?P<y>{YEAR_RE})\s*$")
_APP_WEEKDAY = lazy_compile(rf"^\s*(?P<wd>{WEEKDAY_RE})\s*$")
_APP_DATE = lazy_compile(
    rf"^\s*(?:(?P<wd>{WEEKDAY_RE}),?\s+)?(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})|(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE}))"
    rf"(?:,?\s+(?P<y>{YEAR_RE}))?\s*$"
)
# "two years ago in 2019", "a decade ago, in 2011", "three months ago, in March": the period
# an "ago" expression means, named unbracketed. Only a year or a month, closing its phrase.
_AGO_APPOSITION = lazy_compile(
    rf"(?:[ \t]*,|[ \t]+[-–—])?[ \t]+in[ \t]+(?P<body>(?:{MONTH_RE}(?:,?[ \t]+{YEAR_RE})?|{YEAR_RE}))"
    r"(?![\w'’-]|[ \t]*\d)"
    r"(?![ \t]+(?:dollars|pounds|euros|prices|money|terms)\b)"  # "in 2018 dollars": a measure
)


def attach_apposition(text: str, f: Found) -> None:
    """Read "(December)", "(Monday)", "(2024)" or "(Monday, Dec. 5)" right after a relative
    expression, or "in 2019" right after an "ago" one."""
    m = _APPOSITION.match(text, f.end)
    if not m and f.relative is not None and f.relative.endswith(" ago"):
        m = _AGO_APPOSITION.match(text, f.end)
    if not m:
        return
    body = m["body"]
    offset = m.start("body")
    if a := _APP_WEEKDAY.match(body):
        f.weekday = weekday_of(a["wd"])
        f.weekday_span = (offset + a.start("wd"), offset + a.end("wd"))
    elif a := _APP_MONTH.match(body):
        f.extra["app_month"] = (month_of(a["m"]), int(a["y"]) if a["y"] else None)
        f.apposition_granularity = "month"
        f.apposition_span = (offset + a.start(), offset + a.end())
    elif a := _APP_YEAR.match(body):
        f.apposition = _dt.date(int(a["y"]), 1, 1)
        f.apposition_granularity = "year"
        f.apposition_span = (offset + a.start("y"), offset + a.end("y"))
    elif a := _APP_DATE.match(body):
        month = month_of(a["m1"] or a["m2"])
        day = day_of(a["d1"] or a["d2"])
        f.extra["app_day"] = (month, day, int(a["y"]) if a["y"] else None)
        f.apposition_granularity = "day"
        f.apposition_span = (offset + a.start(), offset + a.end())
        if a["wd"]:
            f.weekday = weekday_of(a["wd"])
            f.weekday_span = (offset + a.start("wd"), offset + a.end("wd"))
    else:
        return
    f.extra["apposition_at"] = (m.start("body"), m.end("body"))
