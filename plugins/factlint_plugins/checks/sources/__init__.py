"""The source checks: values in an article that differ from the documents it was
written from (``--source``, the front-matter key ``sources``).

Every rule is silent when no source is given. Each aligns an article sentence with
the source sentences that support it (:mod:`.align`) and compares the values in the
slots that correspond; a finding points at the source's words in ``related``.
"""

from __future__ import annotations

import factlint

from .dates import SourceDateMismatch
from .lists import SourceListRule
from .names import SourceNameRule
from .numbers import SourceNumberMismatch
from .quotes import SourceQuoteMismatch

# One rule per line, sorted by id.
_RULES: tuple[type[factlint.Rule], ...] = (
    SourceDateMismatch,
    SourceListRule,
    SourceNameRule,
    SourceNumberMismatch,
    SourceQuoteMismatch,
)


@factlint.hookimpl
def factlint_register_rules() -> list[type[factlint.Rule]]:
    """Register the source checks."""
    return list(_RULES)
