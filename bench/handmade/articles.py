"""Read the real articles the hand-planted evaluation is built on.

The articles are the publishers' text and stay in ``../shared/corpus/source_grounding``
(FRANK and BUMP, both MIT-licensed datasets of CNN, Daily Mail and BBC articles); the
answer keys beside this file name an article by key and hold only the snippet that was
changed. Keys: ``frank:<hash>`` and ``bump:<article_id>``.

    python bench/handmade/articles.py show KEY       print one article
    python bench/handmade/articles.py list           every key, with its word count
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def all_articles(corpus: Path | None = None) -> dict[str, str]:
    """Every article by key, in a stable order (from ``corpus``, by default the one
    :func:`use_corpus` set, else ``../shared/corpus``)."""
    return _read(corpus or _CORPUS[0])


_CORPUS = [DEFAULT_CORPUS]


def use_corpus(corpus: Path) -> None:
    """Read articles from ``corpus`` from now on."""
    _CORPUS[0] = corpus


@cache
def _read(corpus: Path) -> dict[str, str]:
    grounding = corpus / "source_grounding"
    articles: dict[str, str] = {}
    with open(grounding / "frank" / "frank_joined.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            articles.setdefault(f"frank:{row['hash']}", row["article"])
    for name in ("task1_dev.jsonl", "task2_dev.jsonl"):
        with open(grounding / "bump" / name, encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                articles.setdefault(f"bump:{row['article_id']}", row["article"])
    return dict(sorted(articles.items()))


def article(key: str, corpus: Path | None = None) -> str:
    """The text of one article."""
    return all_articles(corpus)[key]


def main(argv: list[str]) -> int:
    """Command line: ``show KEY`` or ``list``."""
    if argv[:1] == ["show"] and len(argv) == 2:
        print(article(argv[1]))
        return 0
    if argv == ["list"]:
        for key, text in all_articles().items():
            print(f"{key}\t{len(text.split())}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
