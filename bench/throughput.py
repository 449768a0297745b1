"""Time factlint on the seed article and on 1,000 real articles.

    python bench/throughput.py [--corpus ../shared/corpus] [--runs 5]

Prints the median wall time of the whole ``factlint check`` process on the seed
article, and of one process checking 1,000 articles written out from the corpus:
the 43 GUM Wikinews articles and Wikipedia current-events day pages (each day's
category section is one article, dated that day), as Markdown with front matter.
The corpus texts are CC BY 2.5 (Wikinews) and CC BY-SA 4.0 (Wikipedia); they are
read from the corpus folder and written to a temporary folder, never committed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTLINT = [sys.executable, "-m", "factlint"]


def build_articles(corpus: Path, out: Path, count: int) -> int:
    """Write ``count`` Markdown articles from the corpus into ``out``."""
    written = 0
    gum = corpus / "gum_wikinews" / "gum_wikinews.jsonl"
    days = corpus / "wikipedia_current_events" / "current_events_days.jsonl"
    for path in (gum, days):
        if not path.exists():
            sys.exit(f"missing corpus file {path} (give --corpus DIR)")
    for line in gum.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        (out / f"gum-{doc['id']}.md").write_text(
            f"---\npublished: {doc['date_created']}\ntitle: {json.dumps(doc['title'])}\n---\n{doc['text']}\n",
            encoding="utf-8",
        )
        written += 1
    for line in days.read_text(encoding="utf-8").splitlines():
        day = json.loads(line)
        for i, section in enumerate(day["text"].split("\n\n")):
            if written >= count:
                return written
            if len(section.split()) < 20:
                continue
            (out / f"day-{day['date']}-{i:02d}.md").write_text(
                f"---\npublished: {day['date']}\n---\n{section}\n", encoding="utf-8"
            )
            written += 1
    return written


def timed(argv: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, check=False)
    return time.perf_counter() - start, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()

    seed = [*FACTLINT, "check", str(ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"),
            "--published", "2022-12", "--registry", str(ROOT / "seeds" / "registry.yaml"), "--no-cache"]
    seed_times = [timed(seed)[0] for _ in range(args.runs)]

    tmp = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    try:
        n = build_articles(args.corpus, tmp, args.articles)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in tmp.iterdir())
        corpus_runs = [
            timed([*FACTLINT, "check", "--no-cache", "--format", "json", str(tmp)]) for _ in range(args.runs)
        ]
    finally:
        shutil.rmtree(tmp)
    corpus_times = [t for t, _ in corpus_runs]
    med = statistics.median(corpus_times)
    print(f"seed article, whole process: median {statistics.median(seed_times):.3f} s over {args.runs} runs "
          f"(min {min(seed_times):.3f}, max {max(seed_times):.3f})")
    print(f"{n} articles ({words:,} words), one process: median {med:.2f} s over {args.runs} runs "
          f"= {n / med:.0f} articles/s (min {min(corpus_times):.2f}, max {max(corpus_times):.2f}); "
          f"exit codes {sorted({c for _, c in corpus_runs})}")


if __name__ == "__main__":
    main()
