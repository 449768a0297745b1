"""Write ``fixtures/quality/fix_sample.json``: 200 real articles with errors planted, on
which the test suite checks that fixing is idempotent and never flags its own writing.

    .venv/bin/python bench/fix_sample.py [--corpus DIR] [--out FILE] [--seed N]

The articles are every GUM Wikinews article (CC BY 2.5) and every third Wikipedia
current-events day (CC BY-SA 4.0) up to 200 in all, each with up to one generated
error of each family (count, date, name) planted at once, so that fixes meet in one text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factlint_plugins.mutators import count_mutations, date_mutations, name_mutations
from mutations import DEFAULT_CORPUS, claims_of, entity_names, load_articles, make_engine
from quality import LICENSES

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "quality" / "fix_sample.json"


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    articles, missing = load_articles(args.corpus)
    if missing:
        print(f"missing: {', '.join(missing)}")
        return 2
    gum = [a for a in articles if a.source == "gum"]
    days = [a for a in articles if a.source == "wcep"][::3]
    chosen = (gum + days)[:200]
    names = entity_names(args.corpus)
    engine = make_engine()
    rng = random.Random(args.seed)
    rows = []
    for article in chosen:
        claims = claims_of(engine, article)
        published = dt.date.fromisoformat(article.published)
        planted = []
        for family in (count_mutations, date_mutations):
            options = list(family(article.id, article.text, published, claims, rng))
            if options:
                planted.append(rng.choice(options))
        options = list(
            name_mutations(article.id, article.text, published, claims, rng, names=names.get(article.id, ()))
        )
        if options:
            planted.append(rng.choice(options))
        text, kept, last = article.text, [], len(article.text) + 1
        # Apply from the end so earlier offsets still hold; skip any that overlap.
        for mut in sorted(planted, key=lambda m: m.start, reverse=True):
            if mut.end <= last:
                text = mut.apply(text)
                kept.append(mut.kind)
                last = mut.start
        rows.append({"id": article.id, "published": article.published, "license": LICENSES[article.source],
                     "planted": sorted(kept), "text": text})
    data = {"about": __doc__.split("\n\n")[0].strip(), "seed": args.seed, "articles": rows}
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    planted = sum(len(r["planted"]) for r in rows)
    print(f"wrote {args.out}: {len(rows)} articles, {planted} errors planted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
