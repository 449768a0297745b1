"""Measure the name matcher on real spelling variants and real distinct names.

    python bench/name_pairs.py [--corpus ../shared/corpus] [--show 10] [--write-sample FILE]

OFAC SDN list (public domain), one family = one SDN record and its a.k.a.s:

* positives: the primary name paired with each ``aka`` variant that is a respelling
  rather than another name. After putting "SURNAME, Given" in reading order and
  normalising, a variant counts as a respelling when it has as many words as the
  primary name, differs from it, and every word, aligned in order, is the same, or is
  at most one edit away (two for words of six letters or more) with the same first
  letter and a length differing by at most one. That is a definition of a spelling
  slip or transliteration, not of the matcher: "Serhiy MELNYCHUK" / "Sergey
  MELNICHUK" is in; "GILBOA" / "GILBERT", "TROPIC" / "TROPICANA" and "Joaquin GUZMAN
  LOERA" / "Joaquin GUZMAN PADILLA" (other words) are out, as are translations, old
  names and acronyms.
* negatives: every primary name paired with the primary names of other records that
  share a word with it (the hard cases: "AL-SHAHID FOUNDATION" / "AL-SHAHID
  ORGANIZATION"), plus each primary name with its neighbour in file order. Pairs that
  are identical after normalisation are dropped: two people with one name cannot be
  told apart by spelling.

GUM Wikinews coreference chains (CC BY): every pair of different proper-name forms
of one entity in one document ("Noam Chomsky" / "Chomsky" / "Professor Chomsky") is
a short form or a title, which the variant rule must never flag; every pair of names
of two different entities in one document must not match either.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from factlint_plugins.checks.name_matching import compare, name_tokens, normalize

POSITIVE_RATIO = 75
PRONOUNS = frozenset("i it he she we they you me him her us them i’m i'm".split())


def reading_order(name: str) -> str:
    """OFAC writes people as "SURNAME, Given"; put them as a newspaper would."""
    if name.count(",") == 1:
        surname, given = (p.strip() for p in name.split(","))
        if given and surname:
            return f"{given} {surname}"
    return name


def _respelt(x: str, y: str) -> bool:
    """The same word, or one spelling slip or transliteration away from it."""
    if x == y:
        return True
    budget = 1 if min(len(x), len(y)) < 6 else 2
    return x[0] == y[0] and abs(len(x) - len(y)) <= 1 and Levenshtein.distance(x, y) <= budget


def ofac_pairs(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    records = [r for r in records if r["sdn_type"] in ("individual", "entity")]
    positives = []
    for r in records:
        primary = reading_order(r["name"])
        for v in r["variants"]:
            if v["type"] != "aka":
                continue
            alt = reading_order(v["name"])
            na, nb = normalize(primary), normalize(alt)
            if na == nb or len(na.split()) != len(nb.split()):
                continue
            if all(_respelt(x, y) for x, y in zip(na.split(), nb.split(), strict=True)):
                positives.append((primary, alt))
    by_word = defaultdict(list)
    names = [reading_order(r["name"]) for r in records]
    for i, name in enumerate(names):
        for tok in sorted(set(name_tokens(name))):
            if len(tok) > 2:
                by_word[tok].append(i)
    negatives = set()
    rng = random.Random(7)
    for _word, idx in sorted(by_word.items()):
        if len(idx) > 40:  # very common words (AL, COMPANY): sample, do not enumerate
            idx = rng.sample(idx, 40)
        for i, j in itertools.combinations(idx, 2):
            negatives.add((min(i, j), max(i, j)))
    for i in range(len(names) - 1):
        negatives.add((i, i + 1))
    neg = [(names[i], names[j]) for i, j in sorted(negatives) if normalize(names[i]) != normalize(names[j])]
    return positives, neg


def gum_pairs(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(same-entity form pairs, different-entity name pairs) from GUM."""
    same, different = [], []
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        forms = defaultdict(set)
        for e in doc["entities"]:
            if e["etype"] not in ("person", "organization", "place") or not e["wikipedia"]:
                continue
            text = e["text"]
            words = text.split()
            # Proper-name mentions only: every word but "the"/"of"/... capitalised.
            if text.lower() in PRONOUNS:
                continue
            if not all(w[0].isupper() or w.lower() in ("the", "of", "for", "and", "de", "al") for w in words):
                continue
            forms[(e["cluster"], e["wikipedia"])].add(text)
        for fs in forms.values():
            same.extend(itertools.combinations(sorted(fs), 2))
        keys = sorted(forms)
        for k1, k2 in itertools.combinations(keys, 2):
            if k1[1] == k2[1]:
                continue
            for a in sorted(forms[k1]):
                for b in sorted(forms[k2]):
                    different.append((a, b))
    return same, different


SAMPLE_POSITIVES = 400
SAMPLE_NEGATIVES = 1600


def write_sample(path: Path, pos: list[tuple[str, str]], neg: list[tuple[str, str]]) -> None:
    """A fixed, seeded sample of the OFAC pairs for ``tests/test_quality_floor.py``:
    positives at random, negatives mostly among the hard ones (sharing a word)."""
    rng = random.Random(11)
    data = {
        "source": "OFAC SDN list, January 2022 snapshot (U.S. Treasury): public domain (17 U.S.C. 105)",
        "positives": sorted(rng.sample(pos, min(SAMPLE_POSITIVES, len(pos)))),
        "negatives": sorted(rng.sample(neg, min(SAMPLE_NEGATIVES, len(neg)))),
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(data['positives'])} positive and {len(data['negatives'])} negative pairs to {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"))
    ap.add_argument("--show", type=int, default=8, help="examples of each error kind to print")
    ap.add_argument("--write-sample", metavar="FILE", help="write the test suite's fixed sample of OFAC pairs and stop")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)

    pos, neg = ofac_pairs(corpus / "ofac_sdn_name_variants" / "sdn_name_variants.jsonl")
    if args.write_sample:
        write_sample(Path(args.write_sample), pos, neg)
        return 0
    tp = [p for p in pos if compare(*p).same]
    fn = [p for p in pos if not compare(*p).same]
    fp = [p for p in neg if compare(*p).same]
    precision = len(tp) / (len(tp) + len(fp)) if tp or fp else 0.0
    recall = len(tp) / len(pos) if pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    base_fp = sum(1 for a, b in neg if fuzz.ratio(normalize(a), normalize(b)) >= POSITIVE_RATIO)
    base_tp = sum(1 for a, b in pos if fuzz.ratio(normalize(a), normalize(b)) >= POSITIVE_RATIO)
    print("OFAC SDN spelling families")
    print(f"  positives {len(pos)}  negatives {len(neg)}")
    print(f"  matcher:  TP {len(tp)}  FN {len(fn)}  FP {len(fp)}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    bp = base_tp / (base_tp + base_fp) if base_tp + base_fp else 0.0
    br = base_tp / len(pos) if pos else 0.0
    print(f"  baseline fuzz.ratio>={POSITIVE_RATIO}: precision {bp:.3f}  recall {br:.3f}")
    for label, rows in (("missed", fn), ("false match", fp)):
        for a, b in rows[: args.show]:
            print(f"    {label}: {a!r} ~ {b!r}")

    same, different = gum_pairs(corpus / "gum_wikinews" / "gum_wikinews.jsonl")
    flagged_same = [p for p in same if (m := compare(*p)).same and not m.identical]
    merged_diff = [p for p in different if (m := compare(*p)).same and not m.identical]
    print("GUM coreference chains")
    print(f"  same-entity form pairs {len(same)}: flagged as variants {len(flagged_same)}")
    for a, b in flagged_same[: args.show]:
        print(f"    flagged: {a!r} ~ {b!r}")
    print(f"  different-entity pairs {len(different)}: matched as variants {len(merged_diff)}")
    for a, b in merged_diff[: args.show]:
        print(f"    matched: {a!r} ~ {b!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
