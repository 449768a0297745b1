"""The repository-wide name check: an article spelling a name differently from the
rest of the archive (``--repo-consistency``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz.distance import OSA

import factlint

from .name_matching import NameGroups, compare, name_tokens


class RepositoryOptions(BaseModel):
    """Options of ``name/repository``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_articles: int = Field(
        2, ge=1, description="The usual spelling must appear in at least this many articles."
    )
    dominance: float = Field(
        2.0, gt=1, description="...and in at least this many times as many articles as the other spelling."
    )
    loose_min_articles: int = Field(
        3, ge=1, description="A spelling more than one slip from the usual one needs it in at least this many articles."
    )
    max_related: int = Field(5, ge=1, description="How many articles with the usual spelling to point at.")


@dataclass
class _Spelling:
    """One spelling across the archive: in how many articles, and where it first appears."""

    tokens: tuple[str, ...]
    name: str  # as first written
    first_path: str
    articles: int = 0

    @property
    def key(self) -> str:
        """The tokens joined by spaces: what the matcher compares."""
        return " ".join(self.tokens)


class NameRepository(factlint.Rule[RepositoryOptions]):
    """An article spells a name differently from the rest of the archive.

    ## What it flags
    With `--repo-consistency`, a name that this article spells one way while many
    other checked articles spell it another way ("Volodymyr Zelensky" here,
    "Volodymyr Zelenskyy" in most of the archive), or a spelling that differs from
    the registry's canonical name when the registry knows it. The finding is at the
    article's first use of the spelling, with articles that use the usual spelling as
    related places.

    ## Why it matters
    Readers, search and tag pages see the archive as one body of work: a name spelled
    two ways splits a person's or an organization's coverage and looks careless.

    ## Example
    ```text
    archive/2024-03-01.md: ... President Volodymyr Zelenskyy said ...   (and 40 more)
    today.md:              ... President Volodymyr Zelensky said ...
    ```

    ## Use instead
    The archive's usual spelling, or the registry's canonical name.

    ## Fix safety
    Unsafe: the archive's majority can be wrong, and a person should decide which
    spelling the house uses (then record it in the registry).

    ## Options
    - `min_articles` (2): the usual spelling must appear in at least this many articles
      (two other articles agreeing are enough: the matcher only pairs respellings).
    - `dominance` (2.0): and in this many times as many articles as the other spelling.
    - `loose_min_articles` (3): a spelling more than one slip from the usual one (two
      letters changed, as in two different people's names) needs the usual spelling in
      at least this many articles.
    - `max_related` (5): how many articles with the usual spelling to point at.
    """

    id = "name/repository"
    summary = "A name spelled differently from the rest of the checked articles"
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity"})
    repository = True
    Options = RepositoryOptions
    fix_safety = "unsafe"

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        """Nothing per document: this rule works across documents only."""
        return iter(())

    def keep_for_repository(self, claims: factlint.ClaimSet) -> list[factlint.EntityClaim]:
        """Only the first use of each multi-word spelling is read across articles."""
        return list(_first_uses(claims).values())

    def check_repository(self, context: factlint.RepositoryContext) -> Iterator[factlint.Finding]:
        """Two passes over the stored claims: count each spelling's articles and group
        the spellings as they come; then report the articles that use a minority
        spelling. Memory grows with the number of distinct names, not of articles."""
        opts = self.options
        spellings: dict[tuple[str, ...], _Spelling] = {}
        found: list[_Spelling] = []  # the same, numbered as grouped
        # A spelling's name is its tokens joined by spaces, so splitting gives them back.
        grouping = NameGroups(lambda i, j: _same(found[i].key, found[j].key), tokenize=lambda key: tuple(key.split()))
        # Each name as written -> its tokens, for the second pass: the matcher's own
        # cache is bounded, and an archive has more names than it holds.
        tokens_of: dict[str, tuple[str, ...]] = {}
        for path, claims in context.claims:
            for tokens, claim in _first_uses(claims, tokens_of).items():
                spelling = spellings.get(tokens)
                if spelling is None:
                    spelling = spellings[tokens] = _Spelling(tokens, claim.name, path)
                    found.append(spelling)
                    grouping.add(spelling.key)
                spelling.articles += 1
        plan: dict[tuple[str, ...], tuple[_Spelling, str, bool]] = {}
        for numbers in grouping.groups:
            if len(numbers) < 2:
                continue
            group = [found[i] for i in numbers]
            usual = _usual(group, context.registry)
            if usual is None:
                continue
            usual_spelling, canonical = usual
            for other in group:
                if other is usual_spelling:
                    continue
                if canonical is None and (
                    usual_spelling.articles < _needed(other, usual_spelling, opts)
                    or usual_spelling.articles < opts.dominance * other.articles
                ):
                    continue
                plan[other.tokens] = (usual_spelling, canonical or usual_spelling.name, canonical is not None)
        if not plan:
            return
        # The second pass finds the articles to flag and the first few uses of each
        # usual spelling to point at (kept for those spellings only, so that the
        # first pass need not keep uses of every name); then it reports.
        examples: dict[tuple[str, ...], list[tuple[str, factlint.EntityClaim]]] = {
            usual_spelling.tokens: [] for usual_spelling, _, _ in plan.values()
        }
        flagged: list[tuple[str, factlint.EntityClaim, tuple[_Spelling, str, bool]]] = []
        for path, claims in context.claims:
            uses = _first_uses(claims, tokens_of)
            for tokens, claim in uses.items():
                shown = examples.get(tokens)
                if shown is not None and len(shown) < opts.max_related:
                    shown.append((path, claim))
                # Not when the article also uses the usual spelling: name/variant reports that.
                if tokens in plan and plan[tokens][0].tokens not in uses:
                    flagged.append((path, claim, plan[tokens]))
        for path, claim, (usual_spelling, suggestion, from_registry) in flagged:
            match = compare(claim.name, suggestion)
            where = "the registry" if from_registry else f"{usual_spelling.articles} other articles"
            yield context.finding(
                path,
                claim.span,
                claim.text,
                f'"{claim.name}" is spelled "{suggestion}" in {where}: use one spelling.',
                related=[
                    context.related(p, c.span, "the usual spelling here", c.text)
                    for p, c in examples[usual_spelling.tokens]
                ],
                suggestion=suggestion,
                confidence=max(0.3, min(0.9, match.score - 0.05)) if match.same else 0.5,
            )


def _first_uses(
    claims: factlint.ClaimSet, tokens_of: dict[str, tuple[str, ...]] | None = None
) -> dict[tuple[str, ...], factlint.EntityClaim]:
    """The first mention of each multi-word spelling in one article; ``tokens_of``
    remembers the tokens of each name seen."""
    uses: dict[tuple[str, ...], factlint.EntityClaim] = {}
    for claim in claims.of_kind("entity", factlint.EntityClaim):
        if tokens_of is None:
            tokens = name_tokens(claim.name)
        else:
            known = tokens_of.get(claim.name)
            if known is None:
                known = tokens_of[claim.name] = name_tokens(claim.name)
            tokens = known
        if len(tokens) >= 2:  # one-word names are too often different people or places
            uses.setdefault(tokens, claim)
    return uses


def _usual(group: list[_Spelling], registry: factlint.Registry) -> tuple[_Spelling, str | None] | None:
    """The spelling the rest should follow: the registry's, else the most used."""
    for spelling in group:
        entry = registry.accepted(spelling.name)
        if entry is not None:
            return spelling, entry.canonical
    ranked = sorted(group, key=lambda s: (-s.articles, s.first_path))
    if len(ranked) > 1 and ranked[0].articles == ranked[1].articles:
        return None  # no usual spelling
    return ranked[0], None


def _needed(other: _Spelling, usual: _Spelling, opts: RepositoryOptions) -> int:
    """How many articles the usual spelling needs before ``other`` is flagged: one
    slip apart (a letter added, dropped, changed or two swapped: Zelensky / Zelenskyy,
    Blinkin / Blinken) takes ``min_articles``; a looser resemblance, which is as often
    two different people (Guiteras / Guterres), takes ``loose_min_articles``."""
    if OSA.distance(other.key, usual.key) <= 1:
        return opts.min_articles
    return max(opts.min_articles, opts.loose_min_articles)


def _same(a: str, b: str) -> bool:
    m = compare(a, b)
    return m.same and not m.identical


@factlint.hookimpl
def factlint_register_rules() -> list[type[factlint.Rule]]:
    """Register ``name/repository``."""
    return [NameRepository]
