"""How ``name/registry`` scales with a 100,000-entity registry, and whether its index
gives the answers of a full scan.

    .venv/bin/python bench/registry_scale.py [--corpus DIR] [--entities 100000] [--articles 2]

Builds, in a temporary folder (never committed), a registry of real name material:
the OFAC SDN primary names (spelling variants of each as ``avoid``, other names as
``aliases``), the GUM entities' and Wikipedia current-events links' targets, padded
deterministically to ``--entities`` with names recombined from the tokens of those
real names. Then it checks articles that mention registry names: GUM Wikinews texts
plus one article that names registry entities by a spelling to avoid and by an
unlisted respelling (so that both the lookup and the resemblance search find
something).

It reports, per entity mention:

- the time of the rule (which looks each mention up in an index of the registry's
  names (``NameIndex``: names sharing a spelling signature at every token) and
  compares it only with the names filed there), after the
  index is built once per registry;
- the exhaustive answer (the rule's own matcher, ``compare``, called here on every
  name of every entry, as the oracle) and whether the rule gave exactly that.

CPU time (``time.process_time``) is reported, since other work on the machine would
make wall time noisy.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from factlint.checker import Checker
from factlint.config import Config
from factlint.discovery import read_source
from factlint.models import Document, EntityClaim
from factlint.rules import CheckContext
from factlint_plugins.checks.name_matching import compare, name_tokens
from factlint_plugins.checks.names import _best_registry_match, _fold

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 1.0


# ---------------------------------------------------------------- the registry


def ofac_name(name: str, kind: str) -> str:
    """OFAC writes upper case and persons as "SURNAME, Given": a newsroom would not."""
    if kind == "individual" and name.count(",") == 1:
        surname, given = (p.strip() for p in name.split(","))
        name = f"{given} {surname}"
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def build_registry(corpus: Path, count: int) -> list[dict]:
    """``count`` registry entries with unique names, the same ones on every run."""
    entries: list[dict] = []
    taken: set[str] = set()

    def add(canonical: str, kind: str, aliases: list[str] = (), avoid: list[str] = ()) -> None:
        key = canonical.casefold()
        if len(entries) >= count or not name_tokens(canonical) or key in taken:
            return
        names = [canonical]
        kept_aliases = [a for a in dict.fromkeys(aliases) if a.casefold() not in taken and a.casefold() != key]
        kept_avoid = [a for a in dict.fromkeys(avoid) if a.casefold() not in taken and a.casefold() != key
                      and a not in kept_aliases]
        names += kept_aliases + kept_avoid
        taken.update(n.casefold() for n in names)
        entry: dict = {"canonical": canonical, "type": kind}
        if kept_aliases:
            entry["aliases"] = kept_aliases
        if kept_avoid:
            entry["avoid"] = kept_avoid
        entries.append(entry)

    types = {"individual": "person", "entity": "organization", "vessel": "other", "aircraft": "other"}
    for line in (
        (corpus / "ofac_sdn_name_variants" / "sdn_name_variants.jsonl").read_text(encoding="latin-1").splitlines()
    ):
        rec = json.loads(line)
        canonical = ofac_name(rec["name"], rec["sdn_type"])
        aliases, avoid = [], []
        for v in rec["variants"][:6]:
            variant = ofac_name(v["name"], rec["sdn_type"])
            # A respelling (Qadhafi/Gaddafi) is one to avoid; another name is an alias.
            (avoid if compare(canonical, variant).same else aliases).append(variant)
        add(canonical, types.get(rec["sdn_type"], "other"), aliases, avoid)

    kinds = {"person": "person", "organization": "organization", "place": "place"}
    for line in (corpus / "gum_wikinews" / "gum_wikinews.jsonl").read_text(encoding="utf-8").splitlines():
        for ent in json.loads(line)["entities"]:
            if ent.get("wikipedia"):
                add(ent["wikipedia"].replace("_", " "), kinds.get(ent["etype"], "other"))
    for line in (
        (corpus / "wikipedia_current_events" / "current_events_days.jsonl").read_text(encoding="utf-8").splitlines()
    ):
        for item in json.loads(line)["items"]:
            for link in item["links"]:
                target = link["target"]
                if target[:1].isupper() and "(" not in target and len(target.split()) <= 6:
                    add(target, "other")

    # Pad with real tokens recombined: a given name of one person with the surname of
    # another, or an organization's words in another order.
    rng = random.Random(20240101)
    persons = [e["canonical"].split() for e in entries if e["type"] == "person" and len(e["canonical"].split()) >= 2]
    orgs = [e["canonical"].split() for e in entries if e["type"] != "person" and len(e["canonical"].split()) >= 2]
    firsts = sorted({p[0] for p in persons})
    lasts = sorted({p[-1] for p in persons})
    words = sorted({w for o in orgs for w in o if w[:1].isupper()})
    while len(entries) < count:
        if rng.random() < 0.6:
            add(f"{rng.choice(firsts)} {rng.choice(lasts)}", "person")
        else:
            add(" ".join(rng.choice(words) for _ in range(rng.choice((2, 2, 3, 3, 4)))), "organization")
    return entries


def _respell(name: str) -> str:
    """An unlisted respelling: the last word's first inner vowel changed (Torat/Turat)."""
    words = name.split()
    last = words[-1]
    for i in range(1, len(last) - 1):
        if last[i] in "aeiou":
            repl = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}[last[i]]
            words[-1] = last[:i] + repl + last[i + 1 :]
            return " ".join(words)
    return name


def build_articles(corpus: Path, out: Path, entries: list[dict], count: int) -> list[Path]:
    """GUM articles and one article naming registry entities by avoided and respelled names."""
    paths = []
    for i, line in enumerate((corpus / "gum_wikinews" / "gum_wikinews.jsonl").read_text(encoding="utf-8").splitlines()):
        if i >= count - 1:
            break
        doc = json.loads(line)
        p = out / f"gum-{i:02d}.md"
        p.write_text(f"---\npublished: {doc['date_created']}\n---\n{doc['text']}\n", encoding="utf-8")
        paths.append(p)
    rng = random.Random(7)
    with_avoid = [e for e in entries if e.get("avoid") and e["type"] == "organization"]
    people = [e for e in entries if e["type"] == "person" and len(e["canonical"].split()) == 2]
    lines = []
    for e in rng.sample(with_avoid, 15):
        lines.append(f"Officials said {e['avoid'][0]} had been named in the report.")
    for e in rng.sample(people, 15):
        lines.append(f"The statement was signed by {_respell(e['canonical'])} on Monday.")
    p = out / "registry-mentions.md"
    p.write_text("---\npublished: 2022-01-31\n---\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    paths.append(p)
    return paths


# ---------------------------------------------------------------- the answers


def exhaustive(name: str, registry, known_names) -> str | None:
    """The canonical name ``name/registry`` should suggest for a mention (None for
    no finding): accepted, avoided, else the best match over ``known_names`` — (entry,
    name) pairs in registry order — with the rule's tie and ambiguity handling."""
    if registry.accepted(name) is not None:
        return None
    entry = registry.avoided(name)
    if entry is not None:
        return entry.canonical
    best = _best_registry_match(name, known_names)  # over every name, not the index's candidates
    if best is None:
        return None
    score, entry, known = best
    if score == 1.0 and _fold(name) != _fold(known):
        return None
    return entry.canonical


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument(
        "--articles", type=int, default=2, help="articles to check (the last one names registry entities)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers to FILE")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="factlint-registry-"))
    try:
        t0 = time.process_time()
        entries = build_registry(args.corpus, args.entities)
        reg_path = work / "registry.yaml"
        reg_path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
        built = time.process_time() - t0
        articles = work / "articles"
        articles.mkdir()
        paths = build_articles(args.corpus, articles, entries, args.articles)

        t0 = time.process_time()
        engine = Checker(Config(registries=(str(reg_path),), select=("name/registry",), autoload=False))
        loaded = time.process_time() - t0
        if engine.startup_errors:
            sys.exit(f"registry not loaded: {engine.startup_errors[0].message}")
        registry = engine.registry
        selected = engine.rules[0]
        all_names = [(e, k) for e in registry.entries for k in (*e.accepted, *e.avoid)]
        # The rule builds its index on first use: time that apart, on a one-line article.
        warm = Document.from_text("Nothing to see here, said Alpha Beta.", path="warm-up.txt")
        warm_claims, _ = engine.extract(warm)
        t0 = time.process_time()
        settings = selected.context_settings(registry)
        list(selected.rule.check(CheckContext(document=warm, claims=warm_claims, **settings)))
        indexed_in = time.process_time() - t0

        rule_times: list[float] = []
        full_times: list[float] = []
        mentions = 0
        differ_rule: list[str] = []
        findings = 0
        for path in paths:
            document, _, error = engine.load(read_source(str(path)))
            assert document is not None, error
            claims, _ = engine.extract(document)
            context = CheckContext(document=document, claims=claims, **settings)
            doc_mentions = [c for c in claims.of_kind("entity") if isinstance(c, EntityClaim)]
            if not doc_mentions:
                continue
            t0 = time.process_time()
            found = list(selected.rule.check(context))
            rule_times.append(time.process_time() - t0)
            findings += len(found)
            by_start = {f.span.start: f.suggestion for f in found}
            for mention in doc_mentions:
                mentions += 1
                t0 = time.process_time()
                want = exhaustive(mention.name, registry, all_names)
                full_times.append(time.process_time() - t0)
                if by_start.get(mention.span.start) != want:
                    differ_rule.append(
                        f"{mention.name!r}: rule {by_start.get(mention.span.start)!r}, exhaustive {want!r}"
                    )
            print(
                f"{path.name}: {len(doc_mentions)} mentions, {rule_times[-1] * 1000 / len(doc_mentions):.1f} ms each",
                file=sys.stderr,
            )

        per_rule = sum(rule_times) / mentions
        weighted_rule = statistics.fmean(full_times)
        print(
            f"\nregistry: {len(registry):,} entities, {len(all_names):,} names "
            f"(built in {built:.1f} s CPU, loaded in {loaded:.1f} s CPU, "
            f"the rule's index built in {indexed_in:.1f} s CPU)"
        )
        print(f"articles: {len(paths)}, entity mentions: {mentions}, name/registry findings: {findings}")
        print(f"name/registry: {per_rule * 1000:.1f} ms CPU per mention on average "
              f"(target <= {TARGET_MS:.0f} ms: {'met' if per_rule * 1000 <= TARGET_MS else 'NOT met'})")
        print(f"exhaustive matcher over every entry: {weighted_rule * 1000:.1f} ms per mention")
        print(f"rule answers identical to the exhaustive ones: {'yes' if not differ_rule else 'NO'} "
              f"({mentions - len(differ_rule)}/{mentions})")
        for d in differ_rule[:10]:
            print(f"  {d}")
        if args.json:
            args.json.write_text(json.dumps({
                "entities": len(registry), "names": len(all_names), "articles": len(paths), "mentions": mentions,
                "findings": findings, "rule_ms_per_mention": round(per_rule * 1000, 3),
                "exhaustive_ms_per_mention": round(weighted_rule * 1000, 3),
                "rule_identical": not differ_rule,
                "index_built_s": round(indexed_in, 2),
            }, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
