"""How checking time grows with hostile inputs: 16, 64 and 256 KB of one pathological shape.

    .venv/bin/python bench/slow_inputs.py [--set dates|counts|names] [--select RULES]
        [--format text] [--sizes 16,64,256] [--only NAME,...] [--limit SECONDS]

Each shape is a generator function taking a size in bytes and returning a text of at
least that size. For every shape and size, the text is loaded in the given format
and the extractors the selected rules need, then each selected rule, are timed
apart (CPU seconds of this process, one run: other work on the machine disturbs
that less than the wall clock). The last column is the growth from the second-largest
size to the largest: about the ratio of the sizes for linear time (4 from 64 to 256
KB), its square for quadratic time (16).

Each set of shapes runs the rules it was made for: the date shapes the three date
rules, the count shapes ``count/mismatch``, the name shapes ``name/variant``; all
sets run unless ``--set`` names one, and ``--select`` replaces the rules of each.
A shape whose smaller size already takes over ``--limit`` seconds is not run at the
larger sizes.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable, Sequence

from factlint import Source
from factlint.checker import Checker
from factlint.config import Config
from factlint.rules import CheckContext, ClaimSet

Generator = Callable[[int], str]


def repeat(piece: str) -> Generator:
    """A shape made of ``piece`` written again and again."""

    def make(size: int) -> str:
        return piece * (size // len(piece) + 1)

    make.__name__ = repr(piece)
    return make


def long_sentence_of_dates(size: int) -> str:
    """One sentence, no full stop, naming a date every few words."""
    parts = []
    total = 0
    for i in itertools.count():
        parts.append(f"the council met on {i % 28 + 1} March {1500 + i % 600} and then ")
        total += len(parts[-1])
        if total >= size:
            break
    return "".join(parts)


def years_in_a_line(size: int) -> str:
    """One line of consecutive years: "1999 2000 2001 ..."."""
    words = []
    total = 0
    for i in itertools.count():
        w = str(1500 + i % 600)
        words.append(w)
        total += len(w) + 1
        if total >= size:
            break
    return " ".join(words)


DATE_SHAPES: list[Generator] = [
    repeat("Monday, "),
    repeat("March 3, 2021. "),
    repeat("on Monday (March 3) "),
    long_sentence_of_dates,
    repeat("after the 2019 vote, "),
    years_in_a_line,
]
"""Texts that once took time quadratic in their length in the date extractor or rules."""

DATE_RULES = ("date/relative", "date/order", "date/weekday")


def numbered(name: str, sentence: Callable[[int], str]) -> Generator:
    """A shape made of ``sentence(0)``, ``sentence(1)``, ... up to the size asked for."""

    def make(size: int) -> str:
        parts = []
        total = 0
        for i in itertools.count():
            parts.append(sentence(i))
            total += len(parts[-1])
            if total >= size:
                break
        return "".join(parts)

    make.__name__ = name
    return make


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FIRST_NAMES = ("Alice", "Bob", "Carol", "David", "Erin", "Frank", "Grace", "Heidi")


def _spelled(n: int, width: int) -> str:
    """``n`` written in ``width`` letters (base 26)."""
    return "".join(_LETTERS[n // 26**k % 26] for k in range(width))


def _surname(i: int) -> str:
    """The ``i``-th of a scattered run of distinct six-letter surnames."""
    return _spelled(i * 2654435761 % 26**6, 6).capitalize()


def _name_and_variant(i: int) -> str:
    surname = _surname(i)
    variant = surname[:3] + ("e" if surname[3] == "a" else "a") + surname[4:]
    return f"{_FIRST_NAMES[i % 8]} {surname} met {_FIRST_NAMES[i % 8]} {variant}. "


COUNT_SHAPES: list[Generator] = [
    # "C." may be an initial: no sentence ends, and every list ran to the end.
    repeat("Three groups: A, B and C. "),
    numbered("three groups, distinct names", lambda i: f"Three groups: Alpha{i}, Bravo{i} and Charlie{i}. "),
    repeat("Three groups: A, B, C. "),
    repeat("Three groups: A, B, and C. "),
    # A bracket that never closes.
    repeat("Two groups (A and B. "),
]
"""Texts that once took time quadratic in their length in the list splitting of the
counts extractor or in ``count/mismatch``."""

NAME_SHAPES: list[Generator] = [
    numbered("distinct names, one stem", lambda i: f"Anderson{_spelled(i * 2654435761 % 26**5, 5)} said. "),
    numbered("distinct names and variants", _name_and_variant),
    numbered("Alice Smith met Bob Jones", lambda i: f"{_FIRST_NAMES[i % 8]} {_surname(i)} met "
             f"{_FIRST_NAMES[(i + 3) % 8]} {_surname(i + 1_000_003)}. "),
]
"""Thousands of distinct names, some near-variants of others: once compared all with all."""

SHAPE_SETS: dict[str, tuple[list[Generator], tuple[str, ...]]] = {
    "dates": (DATE_SHAPES, DATE_RULES),
    "counts": (COUNT_SHAPES, ("count/mismatch",)),
    "names": (NAME_SHAPES, ("name/variant",)),
}
"""Each set of shapes with the rules it is measured with."""


def measure(
    generators: Sequence[Generator],
    *,
    select: Sequence[str] = DATE_RULES,
    fmt: str = "text",
    sizes_kb: Sequence[int] = (16, 64, 256),
    published: str = "2022-12-05",
    limit: float = 120.0,
) -> list[tuple[str, int, dict[str, float]]]:
    """CPU seconds spent by each extractor and rule on each shape at each size.

    Returns (shape, size in KB, {stage: seconds}); a stage is ``extract NAME`` or
    ``rule ID``. Sizes after one whose total exceeds ``limit`` are skipped.
    """
    config = Config.model_validate({"published": published, "select": tuple(select)})
    checker = Checker(config)
    suffix = checker.host.suffix_for(fmt)
    if suffix is None:
        raise SystemExit(f"no format {fmt!r}")
    rows = []
    for make in generators:
        for size in sizes_kb:
            text = make(size * 1024)
            document, _, error = checker.load(Source(path="<slow>", suffix=suffix, text=text))
            assert document is not None, error
            spent: dict[str, float] = {}
            claims: list = []
            for _, extractor in checker.extractors:
                t = time.process_time()
                claims.extend(extractor.extract(document, ClaimSet(claims)))
                spent[f"extract {extractor.name}"] = time.process_time() - t
            claim_set = ClaimSet(claims)
            for selected in checker.rules:
                context = CheckContext(
                    document=document, claims=claim_set, **selected.context_settings(checker.registry)
                )
                t = time.process_time()
                list(selected.rule.check(context))
                spent[f"rule {selected.rule.id}"] = time.process_time() - t
            rows.append((make.__name__, size, spent))
            if sum(spent.values()) > limit:
                break
    return rows


def print_table(rows: list[tuple[str, int, dict[str, float]]]) -> None:
    """One line per shape and stage: seconds at each size, and the growth over the last step."""
    sizes = sorted({size for _, size, _ in rows})
    stages = list(dict.fromkeys(stage for _, _, spent in rows for stage in spent))
    shapes = list(dict.fromkeys(shape for shape, _, _ in rows))
    header = f"{'shape':28} {'stage':22}" + "".join(f"{f'{s} KB':>10}" for s in sizes) + f"{'growth':>8}"
    print(header)
    for shape in shapes:
        for stage in [*stages, "total"]:
            cells: list[float | None] = []
            for s in sizes:
                spent = next((sp for sh, size, sp in rows if sh == shape and size == s), None)
                if spent is None:
                    cells.append(None)
                else:
                    cells.append(sum(spent.values()) if stage == "total" else spent.get(stage))
            shown = "".join(f"{'-':>10}" if c is None else f"{c:10.3f}" for c in cells)
            growth = ""
            if len(cells) >= 2 and cells[-1] is not None and cells[-2]:
                growth = f"{cells[-1] / cells[-2]:8.1f}"
            print(f"{shape[:28]:28} {stage:22}{shown}{growth}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SHAPE_SETS), help="one set of shapes (default: all)")
    parser.add_argument("--select", default="", help="rules to run, comma-separated (default: each set's own)")
    parser.add_argument("--format", default="text", help="input format (default text)")
    parser.add_argument("--sizes", default="16,64,256", help="sizes in KB, comma-separated")
    parser.add_argument("--only", default="", help="shapes to run, by name or index, comma-separated")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds after which larger sizes are skipped")
    args = parser.parse_args()
    for name, (shapes, rules) in SHAPE_SETS.items():
        if args.set and name != args.set:
            continue
        if args.only:
            wanted = args.only.split(",")
            shapes = [g for i, g in enumerate(shapes) if str(i) in wanted or g.__name__ in wanted]
        if not shapes:
            continue
        rows = measure(
            shapes,
            select=[s for s in args.select.split(",") if s] or rules,
            fmt=args.format,
            sizes_kb=[int(s) for s in args.sizes.split(",")],
            limit=args.limit,
        )
        print(f"{name}:")
        print_table(rows)


if __name__ == "__main__":
    main()
