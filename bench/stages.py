"""Where factlint's time goes: CPU per article of each stage, in one process.

    .venv/bin/python bench/stages.py [--corpus DIR] [--articles 1000] [--runs 3]

Builds the same benchmark corpus as ``bench/speed.py`` (articles of 400 to 600 words
from ``--corpus``, default ``../shared/corpus``, in a temporary folder), then times,
with ``time.process_time`` so that other work on the machine disturbs it less, each
stage of checking them with every built-in rule, the seed registry and the repository
pass: reading a file, loading the document (Markdown), each extractor, each rule, and
the repository pass. It prints milliseconds of CPU per article for each stage (median
over ``--runs`` passes in one process, so later passes find the matcher's caches
warm, as a long run does) and the share of the total.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from factlint.checker import Checker
from factlint.claim_store import ClaimStore
from factlint.config import Config
from factlint.discovery import read_source
from factlint.rules import CheckContext, ClaimSet
from factlint.run import check_repository
from speed import REGISTRY, build_corpus


def one_pass(engine: Checker, paths: list[Path]) -> dict[str, float]:
    """CPU seconds of each stage over ``paths``."""
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    with ClaimStore() as store:
        for path in paths:
            t = clock()
            source = read_source(str(path))
            spent["read the file"] += clock() - t
            t = clock()
            document, _, error = engine.load(source)
            spent["load (Markdown)"] += clock() - t
            assert document is not None, error
            claims: list = []
            for _, extractor in engine.extractors:
                t = clock()
                claims.extend(extractor.extract(document, ClaimSet(claims)))
                spent[f"extract {extractor.name}"] += clock() - t
            claim_set = ClaimSet(claims)
            for selected in engine.rules:
                t = clock()
                context = CheckContext(
                    document=document, claims=claim_set, **selected.context_settings(engine.registry)
                )
                list(selected.rule.check(context))
                spent[f"rule {selected.rule.id}"] += clock() - t
            t = clock()
            store.add(str(path), engine.keep_for_repository(claim_set))
            spent["repository: keep claims"] += clock() - t
        store.seal()
        t = clock()
        check_repository(engine, store)
        spent["repository pass"] += clock() - t
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus} (give --corpus DIR)")
    work = Path(tempfile.mkdtemp(prefix="factlint-stages-"))
    try:
        paths = build_corpus(args.corpus, work, args.articles)
        engine = Checker(Config(registries=(str(REGISTRY),), repo_consistency=True, autoload=False))
        runs = [one_pass(engine, paths) for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stages = {name: statistics.median(r[name] for r in runs) * 1000 / len(paths) for name in runs[0]}
    total = sum(stages.values())
    print(f"{len(paths)} articles, CPU ms per article (median of {args.runs} passes in one process)")
    for name, ms in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {ms:6.2f} ms  {100 * ms / total:5.1f}%")
    print(f"  {'total':28s} {total:6.2f} ms  -> {1000 / total:.0f} articles/s per core")


if __name__ == "__main__":
    main()
