"""How checking time grows with hostile inputs: 16, 64 and 256 KB of one pathological shape.

    .venv/bin/python bench/slow_inputs.py [--select date/relative,date/order,date/weekday]
        [--format text] [--sizes 16,64,256] [--only NAME,...] [--limit SECONDS]

Each shape is a generator function taking a size in bytes and returning a text of at
least that size. For every shape and size, the text is loaded in the given format
and the extractors the selected rules need, then each selected rule, are timed
apart (CPU seconds of this process, one run: other work on the machine disturbs
that less than the wall clock). The last column is the growth from the second-largest
size to the largest: about the ratio of the sizes for linear time (4 from 64 to 256
KB), its square for quadratic time (16).

Another set of shapes (for the counts extractor, names, ...) is measured by calling
:func:`measure` with its own generators and rules, or by passing ``--select``.
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
    parser.add_argument("--select", default=",".join(DATE_RULES), help="rules to run, comma-separated")
    parser.add_argument("--format", default="text", help="input format (default text)")
    parser.add_argument("--sizes", default="16,64,256", help="sizes in KB, comma-separated")
    parser.add_argument("--only", default="", help="shapes to run, by name or index, comma-separated")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds after which larger sizes are skipped")
    args = parser.parse_args()
    shapes = DATE_SHAPES
    if args.only:
        wanted = args.only.split(",")
        shapes = [g for i, g in enumerate(DATE_SHAPES) if str(i) in wanted or g.__name__ in wanted]
    rows = measure(
        shapes,
        select=[s for s in args.select.split(",") if s],
        fmt=args.format,
        sizes_kb=[int(s) for s in args.sizes.split(",")],
        limit=args.limit,
    )
    print_table(rows)


if __name__ == "__main__":
    main()
