"""Answer keys of the hand-planted evaluation: load, validate and apply them.

Each key file (``tuning-*.yaml``, ``measuring-*.yaml``, ``facts-*.yaml``) is a YAML list of plants, one
error each, applied to its own copy of a real article:

```yaml
- id: t1-001
  article: frank:0a1b...            # a key of articles.py
  published: 2015-04-18             # the article's real publication date (or YYYY-MM, or null)
  published_evidence: "Saturday's Record Store Day (18 April 2015)"
  family: name-twice                # name-twice, name-once, count, weekday, relative-date, order,
                                    # name-known-once (a well-known place or office holder named once)
  original: "Hawking said the song"  # the article's exact text, found exactly once
  planted: "Hawkings said the song"  # the same snippet with the error
  error: "Hawkings"                  # the wrong part of `planted`, found exactly once in it
  note: "second reference to Stephen Hawking respelled"
```

    python bench/handmade/keys.py FILE...     validate key files; one line per problem
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from articles import all_articles

FAMILIES = ("name-twice", "name-once", "count", "weekday", "relative-date", "order", "name-known-once")
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Plant:
    """One planted error, resolved against its article."""

    id: str
    article: str
    published: str | None
    family: str
    original: str
    planted: str
    error: str
    note: str

    def apply(self, text: str) -> tuple[str, tuple[int, int]]:
        """The article with this error planted, and the error's span in it."""
        at = text.index(self.original)
        changed = text[:at] + self.planted + text[at + len(self.original):]
        start = at + self.planted.index(self.error)
        return changed, (start, start + len(self.error))

    @property
    def rule_family(self) -> str:
        """The rule family that should catch it: ``name``, ``count`` or ``date``."""
        return {"name-twice": "name", "name-once": "name", "name-known-once": "name", "count": "count"}.get(
            self.family, "date"
        )


def load(path: Path) -> list[Plant]:
    """The plants of one key file (not validated)."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Plant(
            id=str(row["id"]),
            article=str(row["article"]),
            published=None if row.get("published") is None else str(row["published"]),
            family=str(row["family"]),
            original=str(row["original"]),
            planted=str(row["planted"]),
            error=str(row["error"]),
            note=str(row.get("note", "")),
        )
        for row in rows
    ]


def problems(plants: list[Plant]) -> list[str]:
    """Every way in which the plants do not fit their articles."""
    articles = all_articles()
    found: list[str] = []
    seen: set[str] = set()
    for plant in plants:
        where = f"{plant.id}:"
        if plant.id in seen:
            found.append(f"{where} id used twice")
        seen.add(plant.id)
        if plant.family not in FAMILIES:
            found.append(f"{where} family {plant.family!r} is not one of {', '.join(FAMILIES)}")
        text = articles.get(plant.article)
        if text is None:
            found.append(f"{where} no article {plant.article!r}")
            continue
        if text.count(plant.original) != 1:
            found.append(f"{where} `original` occurs {text.count(plant.original)} times in the article, not once")
        if plant.planted.count(plant.error) != 1:
            found.append(f"{where} `error` occurs {plant.planted.count(plant.error)} times in `planted`, not once")
        if plant.original == plant.planted:
            found.append(f"{where} `planted` is the same as `original`")
    return found


def main(argv: list[str]) -> int:
    """Validate the key files named (default: every key file here)."""
    paths = [Path(a) for a in argv] or sorted([*HERE.glob("tuning-*.yaml"), *HERE.glob("measuring-*.yaml")])
    bad = 0
    for path in paths:
        plants = load(path)
        for line in problems(plants):
            print(f"{path.name}: {line}")
            bad += 1
        print(f"{path.name}: {len(plants)} plants, {len({p.article for p in plants})} articles")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
