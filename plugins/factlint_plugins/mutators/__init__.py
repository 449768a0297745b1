"""factlint's own mutators: the count, date and name errors that mutation tests plant.

Registered through the ``factlint_register_mutators`` hook under the groups ``count``,
``date`` and ``name`` (the rule families expected to notice them), so the benchmark
(``bench/``) and :func:`factlint.testing.mutation_report` find them by name, as they
find a plugin author's. What is real and what is inserted:

- ``count-number``: a real count and its real list, the number changed to n+1 or n-1
  in the same style (digits or words); ``count-item``: the last item of a real list
  of three or more dropped ("A, B and C" -> "A and B"). Only lists that agree with
  their count in the clean text are used; adding an item would mean inventing one.
- ``date-weekday``: a real full date; its weekday changed, or a wrong one inserted.
- ``date-relative``: a real "yesterday", "last month", "this year"; an apposition
  naming the neighbouring day, month or year inserted after it.
- ``date-order``: a real date and a real "after"/"before" in the same sentence; a
  date for the other event inserted on the wrong side of the real one.
- ``name-respell``: a real name mentioned twice or more; one mention respelled with
  a typing or transliteration slip in a word of five letters or more.
"""

from __future__ import annotations

import factlint

from .counts import count_mutations
from .dates import date_mutations
from .names import name_mutations, respellings

__all__ = ["FAMILY", "count_mutations", "date_mutations", "name_mutations", "respellings"]

FAMILY = {
    "count-number": "count",
    "count-item": "count",
    "date-weekday": "date",
    "date-relative": "date",
    "date-order": "date",
    "name-respell": "name",
}
"""The rule family expected to notice each built-in mutation kind, in the order the
benchmark lists them."""


@factlint.hookimpl
def factlint_register_mutators() -> dict[str, factlint.Mutator]:
    """The ``count``, ``date`` and ``name`` groups, in the order they are planted."""
    return {"count": count_mutations, "date": date_mutations, "name": name_mutations}
