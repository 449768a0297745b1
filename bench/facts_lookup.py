"""How fast the fact store's lookups are with 50,000 known names, and how long
compiling them takes.

    .venv/bin/python bench/facts_lookup.py [--names 50000] [--queries 5000] [--seed 1]

Makes, in a temporary folder, a CSV of ``--names`` distinct names: the shipped
reference names (``plugins/factlint_plugins/reference/names.csv``) when present,
padded deterministically with names recombined from their syllables. Compiles it
(timed), then times, per call, ``known_name`` on names that are there and
``names_near`` on spellings one slip away from them (a letter dropped, added,
changed or swapped with its neighbour), as a rule checking a misspelt name would
call them. Queries shorter than five letters are left out: no rule asks for the
names near a three-letter word.

CPU time (``time.process_time``) is reported, since other work on the machine would
make wall time noisy; so is how often names_near found the name the slip came from.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

from factlint import FactStore
from factlint.facts import fold_name

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "plugins" / "factlint_plugins" / "reference" / "names.csv"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _names(count: int, rng: random.Random) -> list[str]:
    seen: dict[str, None] = {}
    if SHIPPED.is_file():
        with SHIPPED.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                name = row["name"].strip()
                if name:
                    seen.setdefault(name)
    pieces = [w[i:i + 3] for w in seen for i in range(0, max(len(w) - 2, 1), 3)] or ["ka", "ro", "vil", "ton"]
    while len(seen) < count:
        word = "".join(rng.choice(pieces) for _ in range(rng.randint(2, 4))).strip()
        if word:
            seen.setdefault(word.capitalize())
    return list(seen)[:count]


def _slip(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    kind = rng.randrange(4)
    if kind == 0:
        return name[:i] + name[i + 1:]
    if kind == 1:
        return name[:i] + rng.choice(LETTERS) + name[i:]
    if kind == 2:
        return name[:i] + rng.choice(LETTERS) + name[i + 1:]
    i = min(i, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def _timed(calls: list[str], lookup: object) -> list[float]:
    out = []
    for query in calls:
        began = time.process_time()
        lookup(query)  # type: ignore[operator]
        out.append(time.process_time() - began)
    return out


def _report(label: str, times: list[float]) -> None:
    times = sorted(times)
    ms = [t * 1000 for t in times]
    print(f"{label:<12} mean {statistics.fmean(ms):.3f} ms, median {ms[len(ms) // 2]:.3f} ms, "
          f"p95 {ms[int(len(ms) * 0.95)]:.3f} ms, max {ms[-1]:.3f} ms over {len(ms):,} calls")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names = _names(args.names, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "names.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["name", "kind", "source"])
            writer.writerows([name, "place", "bench"] for name in names)
        began = time.perf_counter()
        store, problems = FactStore.load([path], cache_dir=Path(tmp) / "cache")
        print(f"compiled {len(store):,} names in {time.perf_counter() - began:.2f} s "
              f"({store.paths[0].stat().st_size / 1e6:.1f} MB; {len(problems)} problems)")
        began = time.perf_counter()
        FactStore.load([path], cache_dir=Path(tmp) / "cache")
        print(f"opened the compiled store again in {(time.perf_counter() - began) * 1000:.1f} ms")
        sample = [n for n in rng.sample(names, min(args.queries, len(names))) if len(n) >= 5]
        slips = [(_slip(n, rng), n) for n in sample]
        _report("known_name", _timed(sample, store.known_name))
        _report("names_near", _timed([s for s, _ in slips], store.names_near))
        found = sum(any(k.name == n for k in store.names_near(s)) for s, n in slips if fold_name(s) != fold_name(n))
        changed = sum(fold_name(s) != fold_name(n) for s, n in slips)
        print(f"names_near found the slipped name for {found:,} of {changed:,}")
        for s, n in slips:
            if fold_name(s) != fold_name(n) and not any(k.name == n for k in store.names_near(s)):
                print(f"  not found: {s!r} for {n!r}")


if __name__ == "__main__":
    main()
