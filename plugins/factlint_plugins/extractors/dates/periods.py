"""Calendar arithmetic on intervals of days: months, weeks, parts of a month, and the
year a month or day written without one most likely falls in."""

from __future__ import annotations

import contextlib
import datetime as _dt
import re

from dateutil.relativedelta import relativedelta

__all__ = ["last_of_month", "month_interval", "nearest_year", "part_of_month", "week_of", "year_guess"]


def last_of_month(year: int, month: int) -> _dt.date:
    """The last day of a month."""
    return _dt.date(year, month, 1) + relativedelta(months=1, days=-1)


def month_interval(year: int, month: int) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a month."""
    return _dt.date(year, month, 1), last_of_month(year, month)


def week_of(day: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The Monday and Sunday of the week holding ``day``."""
    monday = day - _dt.timedelta(days=day.weekday())
    return monday, monday + _dt.timedelta(days=6)


def part_of_month(q: str | None, start: _dt.date, end: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The days "early", "mid", "late", "the start of" or "the end of" a month means."""
    if not q:
        return start, end
    q = re.sub(r"\s+", " ", q.lower())
    if q.startswith("early") or "start" in q or "beginning" in q:
        return start, start.replace(day=10)
    if q.startswith("mid") or "middle" in q:
        return start.replace(day=11), start.replace(day=20)
    if q.startswith("late") or "end" in q:
        return start.replace(day=21), end
    return start, end


def year_guess(month: int, day: int | None, pub: _dt.date | None, tense: str | None) -> int | None:
    """The year of a month (and day) written without one, from the publication date."""
    if pub is None:
        return None
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = _dt.date(year, month, day or 1)
        except ValueError:
            continue
        candidates.append(d)
    if not candidates:
        return None
    ref = pub if day else pub.replace(day=1)

    def cost(d: _dt.date) -> tuple[int, bool]:
        days = (d - ref).days
        # The tense outweighs a few months of distance, not a whole year of it.
        against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
        return abs(days) + (120 if against else 0), d.year != pub.year

    return min(candidates, key=cost).year


def nearest_year(month: int, day: int, around: _dt.date) -> int:
    """The year that puts a month and day nearest ``around``."""
    options = []
    for year in (around.year - 1, around.year, around.year + 1):
        with contextlib.suppress(ValueError):
            options.append(_dt.date(year, month, day))
    return min(options, key=lambda d: abs((d - around).days)).year
