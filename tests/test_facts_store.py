"""Reference facts: reading and validating the files, the compiled store and its
cache, the lookups, the ``factlint facts`` commands, and how facts reach a rule."""

from __future__ import annotations

import datetime
import io
import random
import sqlite3
import textwrap
from pathlib import Path

import pytest

import factlint
from factlint import Config, DatedEvent, Document, FactStore, KnownName, OfficeTerm, Rule, Source
from factlint.checker import Checker
from factlint.cli import main
from factlint.errors import PluginLoadError
from factlint.facts import fold_name, read_fact_files
from factlint.filecheck import cache_salt
from factlint.plugins import PluginHost
from factlint.registry import Registry

FACTS = """\
source: https://example.org/reference
valid_through: 2025-12-31
office_terms:
  - person: Boris Johnson
    aliases: [Johnson, Alexander Boris de Pfeffel Johnson]
    office: Prime Minister of the United Kingdom
    titles: [Prime Minister, British Prime Minister, PM, UK Prime Minister]
    jurisdiction: United Kingdom
    start: 2019-07-24
    end: 2022-09-06
  - person: Rishi Sunak
    office: Prime Minister of the United Kingdom
    titles: [Prime Minister, PM]
    jurisdiction: United Kingdom
    start: 2022-10-25
    end: 2024-07-05
events:
  - id: icc-palestine-investigation
    actors: [the Prosecutor, the ICC, International Criminal Court, Fatou Bensouda]
    actions: [announce, open, launch]
    objects: investigation
    scope: [Palestine, the situation in Palestine]
    date: 2021-03-03
    source: https://www.icc-cpi.int/news/statement-icc-prosecutor-fatou-bensouda-respecting-investigation-situation-palestine
names:
  - {name: Vladivostok, kind: place}
  - {name: Emmanuel Macron, kind: person, aliases: [Macron]}
  - {name: Recep Tayyip Erdoğan, kind: person, aliases: [Erdoğan]}
"""


@pytest.fixture
def facts_file(tmp_path: Path) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(FACTS, encoding="utf-8")
    return path


def _load(*paths: Path, cache: Path) -> tuple[FactStore, list[str]]:
    store, problems = FactStore.load(list(paths), cache_dir=cache)
    return store, [str(p) for p in problems]


# ------------------------------------------------------------------ reading


def test_yaml_facts_are_read_with_file_defaults(facts_file: Path, tmp_path: Path) -> None:
    store, problems = _load(facts_file, cache=tmp_path / "cache")
    assert problems == []
    assert len(store) == 6
    johnson = store.terms_for_person("Boris Johnson")[0]
    assert isinstance(johnson, OfficeTerm)
    assert johnson.end == datetime.date(2022, 9, 6)
    assert johnson.source == "https://example.org/reference"  # the file's default
    assert johnson.valid_through == datetime.date(2025, 12, 31)
    event = store.events_for_actor("Fatou Bensouda")[0]
    assert isinstance(event, DatedEvent)
    assert event.objects == ("investigation",)  # one text is a list of one
    assert event.source.startswith("https://www.icc-cpi.int/")  # its own wins over the default


def test_csv_files_are_read_by_their_header(tmp_path: Path) -> None:
    (tmp_path / "terms.csv").write_text(
        "person,aliases,office,titles,start,end,precision,source\n"
        "Boris Johnson,Johnson,Prime Minister of the United Kingdom,Prime Minister|PM,2019-07-24,2022-09-06,day,"
        "https://example.org/pm\n",
        encoding="utf-8",
    )
    (tmp_path / "events.csv").write_text(
        "id,actors,actions,objects,date,source\n"
        "icc,the ICC|the Prosecutor,announce|open,investigation,2021-03-03,https://example.org/icc\n",
        encoding="utf-8",
    )
    (tmp_path / "names.csv").write_text(
        "name,kind,aliases,source,valid_through\nVladivostok,place,Wladiwostok,GeoNames,\n", encoding="utf-8"
    )
    store, problems = _load(tmp_path / "terms.csv", tmp_path / "events.csv", tmp_path / "names.csv",
                            cache=tmp_path / "cache")
    assert problems == []
    assert [t.person for t in store.terms_for_title("pm")] == ["Boris Johnson"]
    assert store.terms_for_person("Boris Johnson")[0].end == datetime.date(2022, 9, 6)
    assert store.events_for_actor("the prosecutor")[0].actions == ("announce", "open")
    name = store.known_name("wladiwostok")
    assert name is not None and name.name == "Vladivostok" and name.valid_through is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("office_terms:\n  - person: A\n    office: B\n    start: March\n    source: s\n",
         "facts.yaml:4: office_terms[0].start: expected a date YYYY-MM-DD, found 'March'"),
        ("office_terms:\n  - person: A\n    office: B\n    start: 2021\n    source: s\n",
         "facts.yaml:4: office_terms[0].start: expected a date YYYY-MM-DD, found 2021"),
        ("office_terms:\n  - person: A\n    office: B\n    start: 2021-02-30\n    source: s\n",
         "facts.yaml:4: office_terms[0].start: expected a date YYYY-MM-DD, found '2021-02-30'"),
        ("names:\n  - {name: A, kind: place, source: s}\n  - name: Foo\n    kind: planet\n    source: s\n",
         "facts.yaml:4: names[1].kind: expected 'place', 'organisation' or 'person', found 'planet'"),
        ("names:\n  - name: Foo\n    kind: place\n",
         "facts.yaml:2: names[0].source: required, but missing"),
        ("names:\n  - name: Foo\n    kind: place\n    source: s\n    colour: red\n",
         "facts.yaml:5: names[0].colour: unknown field"),
        ("office_terms:\n  - person: A\n    office: B\n    start: 2021-01-01\n    end: 2020-01-01\n    source: s\n",
         "facts.yaml:5: office_terms[0].end: expected a date on or after start (2021-01-01), found 2020-01-01"),
        ("events:\n  - id: x\n    actors: []\n    actions: [open]\n    date: 2021-01-01\n    source: s\n",
         "facts.yaml:3: events[0].actors: expected at least one value, found []"),
        ("people:\n  - name: A\n", "facts.yaml:1: people: unknown key; expected one of office_terms, events, "
         "names, source, valid_through"),
        ("names: [1, 2\n", "facts.yaml:2: not valid YAML: expected ',' or ']', but got '<stream end>'"),
        ("- a\n- b\n", "facts.yaml:1: expected a mapping with office_terms, events, names, found a list"),
    ],
)
def test_a_bad_fact_is_one_line_with_its_place(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = read_fact_files([path])
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [expected]


def test_a_bad_csv_row_names_its_line_and_the_good_rows_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        'name,kind,source\nVladivostok,place,s\n"Two\nlines",place,s\nFoo,planet,s\nBar,place,s\n', encoding="utf-8"
    )
    facts, problems = read_fact_files([path])
    assert [f.name for f in facts if isinstance(f, KnownName)] == ["Vladivostok", "Two\nlines", "Bar"]
    assert [str(p) for p in problems] == [
        f"{path}:5: row 3.kind: expected 'place', 'organisation' or 'person', found 'planet'"
    ]


def test_a_csv_header_of_no_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("who,what\nA,B\n", encoding="utf-8")
    _, problems = read_fact_files([path])
    assert len(problems) == 1 and str(problems[0]).startswith(f"{path}:1: header: expected the columns of")
    path.write_text("name,kind,source,colour\nA,place,s,red\n", encoding="utf-8")
    _, problems = read_fact_files([path])
    assert "unknown column 'colour' for names" in str(problems[0])


def test_an_event_id_used_twice_is_a_problem(tmp_path: Path) -> None:
    event = "events:\n  - {id: x, actors: [A], actions: [open], date: 2021-01-01, source: s}\n"
    (tmp_path / "a.yaml").write_text(event, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(event, encoding="utf-8")
    facts, problems = read_fact_files([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert len(facts) == 1
    assert [p.message for p in problems] == [f"id already used in {tmp_path / 'a.yaml'}"]


def test_an_unreadable_or_unknown_file_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "facts.txt").write_text("x", encoding="utf-8")
    _, problems = read_fact_files([tmp_path / "missing.yaml", tmp_path / "facts.txt"])
    assert [p.message.split(":")[0] for p in problems] == [
        "cannot read facts", "expected a .yaml, .yml, .json, .csv or .sqlite file, found '.txt'"]


# ------------------------------------------------------------------ lookups


def test_lookups_fold_case_diacritics_and_aliases(facts_file: Path, tmp_path: Path) -> None:
    store, _ = _load(facts_file, cache=tmp_path / "cache")
    assert [t.person for t in store.terms_for_person("JOHNSON")] == ["Boris Johnson"]
    assert [t.person for t in store.terms_for_title("prime  minister")] == ["Boris Johnson", "Rishi Sunak"]
    assert [t.person for t in store.terms_for_title("Prime Minister of the United Kingdom")] == [
        "Boris Johnson", "Rishi Sunak"]
    assert [e.id for e in store.events_for_actor("The ICC")] == ["icc-palestine-investigation"]
    assert store.known_name("ERDOGAN") == store.known_name("Recep Tayyip Erdoğan")
    assert store.known_name("Erdogen") is None
    assert store.terms_for_person("Nobody") == [] and store.events_for_actor("") == []
    assert fold_name("  Recep   Tayyip ERDOĞAN ") == "recep tayyip erdogan"
    assert fold_name("Łódź") == "lodz"


def test_names_near_finds_one_slip_and_leaves_out_exact_spellings(facts_file: Path, tmp_path: Path) -> None:
    store, _ = _load(facts_file, cache=tmp_path / "cache")
    assert [n.name for n in store.names_near("Vladivostock")] == ["Vladivostok"]
    assert [n.name for n in store.names_near("Emanuel Macron")] == ["Emmanuel Macron"]
    assert [n.name for n in store.names_near("Erdogen")] == ["Recep Tayyip Erdoğan"]  # by its alias
    assert [n.name for n in store.names_near("Vladviostok", max_distance=1)] == ["Vladivostok"]  # a swap
    assert store.names_near("Vladivostok") == []
    assert store.names_near("Erdoğan") == []
    assert store.names_near("Vladivostock", max_distance=0) == []


def _osa(a: str, b: str) -> int:
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_names_near_agrees_with_a_scan(tmp_path: Path) -> None:
    # Short and long names over a small alphabet, so that near neighbours abound.
    rng = random.Random(7)
    names = sorted({"".join(rng.choice("abcde") for _ in range(rng.randrange(1, 16))) for _ in range(300)})
    path = tmp_path / "names.csv"
    path.write_text("name,kind,source\n" + "".join(f"{n},place,s\n" for n in names), encoding="utf-8")
    store, problems = _load(path, cache=tmp_path / "cache")
    assert problems == []
    for _ in range(100):
        query = "".join(rng.choice("abcde") for _ in range(rng.randrange(1, 16)))
        plain = {n: _levenshtein(query, n) for n in names if abs(len(n) - len(query)) <= 2}
        for limit in (1, 2):
            found = [n.name for n in store.names_near(query, max_distance=limit)]
            distances = [_osa(query, n) for n in found]
            assert all(0 < d <= limit for d in distances), query
            assert distances == sorted(distances)  # nearest first
            # Every name within the limit without swaps.
            wanted = {n for n, d in plain.items() if 0 < d <= limit}
            assert wanted <= set(found), (query, wanted - set(found))


def test_coverage_and_the_empty_store(facts_file: Path, tmp_path: Path) -> None:
    store, _ = _load(facts_file, cache=tmp_path / "cache")
    through = datetime.date(2025, 12, 31)
    assert store.coverage() == [("office_terms", 2, through), ("events", 1, through), ("names", 3, through)]
    empty = FactStore.empty()
    assert len(empty) == 0 and list(empty) == []
    assert empty.coverage() == [("office_terms", 0, None), ("events", 0, None), ("names", 0, None)]
    assert empty.names_near("Vladivostock") == [] and empty.known_name("x") is None


# ------------------------------------------------------------------ the compiled store


def test_the_cache_is_reused_and_rebuilt_when_a_file_changes(facts_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    store, _ = _load(facts_file, cache=cache)
    (compiled,) = store.paths
    built = compiled.stat().st_mtime_ns
    again, _ = _load(facts_file, cache=cache)
    assert again.paths == (compiled,) and compiled.stat().st_mtime_ns == built  # read, not written
    facts_file.write_text(FACTS.replace("Vladivostok", "Wladiwostok"), encoding="utf-8")
    changed, _ = _load(facts_file, cache=cache)
    assert changed.paths == (compiled,)  # the same file, rebuilt in place
    assert changed.known_name("Wladiwostok") is not None and changed.known_name("Vladivostok") is None
    assert sorted(p.name for p in cache.iterdir()) == [compiled.name]  # no temporary file left


def test_the_problems_of_a_cached_build_are_reported_again(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("names:\n  - {name: A, kind: planet, source: s}\n", encoding="utf-8")
    _, first = _load(path, cache=tmp_path / "cache")
    _, second = _load(path, cache=tmp_path / "cache")
    assert first == second and len(first) == 1


@pytest.mark.parametrize("damage", ["garbage", "truncate", "other schema"])
def test_a_corrupt_cache_is_discarded_and_rebuilt(facts_file: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    (compiled,) = _load(facts_file, cache=cache)[0].paths
    if damage == "garbage":
        compiled.write_bytes(b"not a database at all" * 100)
    elif damage == "truncate":
        compiled.write_bytes(compiled.read_bytes()[:2048])
    else:
        with sqlite3.connect(compiled) as db:
            db.execute("UPDATE meta SET value = 'factlint-facts-0' WHERE key = 'schema'")
    store, problems = _load(facts_file, cache=cache)
    assert problems == []
    assert store.known_name("Vladivostok") is not None


def test_an_unwritable_cache_folder_falls_back_to_a_temporary_one(facts_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    store, problems = _load(facts_file, cache=blocker / "facts")
    assert problems == [] and store.known_name("Macron") is not None


def test_a_compiled_store_is_read_where_it_lies(facts_file: Path, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped.sqlite"
    assert FactStore.compile([facts_file], shipped) == []
    extra = tmp_path / "extra.yaml"
    extra.write_text("names:\n  - {name: Zagreb, kind: place, source: s}\n", encoding="utf-8")
    store, problems = _load(shipped, extra, cache=tmp_path / "cache")
    assert problems == []
    assert store.paths[0] == shipped and len(store.paths) == 2
    assert store.known_name("Macron") is not None and store.known_name("zagreb") is not None
    assert [n.name for n in store.names_near("Zagrebb")] == ["Zagreb"]


def test_a_store_survives_pickling(facts_file: Path, tmp_path: Path) -> None:
    import pickle

    store, _ = _load(facts_file, cache=tmp_path / "cache")
    copy = pickle.loads(pickle.dumps(store))
    assert copy.paths == store.paths and copy.known_name("Macron") == store.known_name("Macron")


# ------------------------------------------------------------------ the command


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_check_file_says_all_valid_or_one_line_per_problem(facts_file: Path, tmp_path: Path) -> None:
    code, out, err = _run("facts", "check-file", str(facts_file))
    assert (code, out, err) == (0, "6 facts in 1 file: all valid.\n", "")
    bad = tmp_path / "bad.yaml"
    bad.write_text("office_terms:\n  - person: A\n    office: B\n    start: March\n    source: s\n"
                   "names:\n  - {name: C, kind: planet, source: s}\n", encoding="utf-8")
    code, out, err = _run("facts", "check-file", str(facts_file), str(bad))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{bad}:4: office_terms[0].start: expected a date YYYY-MM-DD, found 'March'",
        f"{bad}:7: names[0].kind: expected 'place', 'organisation' or 'person', found 'planet'",
        "2 problems; those facts would be left out.",
    ]
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\xff\xfe\x00")
    code, _, err = _run("facts", "check-file", str(garbage))
    assert code == 2 and err.startswith(f"{garbage}: facts file is not valid UTF-8") and "Traceback" not in err


def test_show_and_build(facts_file: Path, tmp_path: Path) -> None:
    code, out, err = _run("facts", "show", "--only", "--no-config", str(facts_file))
    assert code == 0 and err == ""
    assert out.splitlines()[:4] == [
        "kind             facts  valid through",
        "office_terms         2  2025-12-31",
        "events               1  2025-12-31",
        "names                3  2025-12-31",
    ]
    shipped = tmp_path / "out" / "facts.sqlite"
    code, out, err = _run("facts", "build", "--only", "--no-config", str(facts_file), "--output", str(shipped))
    assert code == 0 and out.startswith(f"Compiled 6 facts from 1 file into {shipped} in ")
    code, out, _ = _run("facts", "show", "--only", "--no-config", str(shipped))
    assert code == 0 and "names                3" in out
    code, out, _ = _run("facts", "build", "--only", "--no-config", str(facts_file))
    assert code == 0 and out.startswith("Compiled 6 facts from 1 file into ")


def test_show_without_any_facts_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run("facts", "show", "--only", "--no-config")
    assert code == 2 and err.startswith("factlint: error: no fact files")


# ------------------------------------------------------------------ facts reaching rules

HOUSE_RULE = '''
import factlint


class Counted(factlint.Rule):
    """Says how many facts it sees.

    ## What it flags
    Every document. ## Why it matters
    Tests. ## Example
    Any. ## Use instead
    Nothing. ## Fix safety
    None. ## Options
    None.
    """

    id = "house/facts"
    summary = "Counts the facts"

    def check(self, context):
        known = context.facts.known_name("vladivostock") or context.facts.names_near("Vladivostock")
        span = factlint.Span(start=0, end=1, line=1, column=1, end_line=1, end_column=2)
        yield context.finding(span, f"{len(context.facts)} facts; near: {[n.name for n in known]}")


@factlint.hookimpl
def factlint_register_rules():
    return [Counted]
'''


def test_facts_and_config_facts_reach_a_rule(facts_file: Path, tmp_path: Path) -> None:
    (tmp_path / "house.py").write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('plugins = ["house.py"]\nfacts = ["facts.yaml"]\n', encoding="utf-8")
    article = tmp_path / "story.txt"
    article.write_text("A story from Vladivostock.\n", encoding="utf-8")
    base = ["check", "--no-cache", "--select", "house/", "--format", "json", "--disable-plugin", "reference-facts",
            "--config", str(tmp_path / "factlint.toml")]
    code, out, err = _run(*base, str(article))
    assert code == 1, err
    assert "6 facts; near: ['Vladivostok']" in out
    more = tmp_path / "more.csv"
    more.write_text("name,kind,source\nZagreb,place,s\n", encoding="utf-8")
    code, out, _ = _run(*base, "--facts", str(more), str(article))
    assert "7 facts" in out  # --facts adds to the config's


def test_a_bad_facts_file_stops_the_run_with_its_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("names:\n  - {name: C, kind: planet, source: s}\n", encoding="utf-8")
    article = tmp_path / "story.txt"
    article.write_text("A story.\n", encoding="utf-8")
    code, _, err = _run("check", "--no-cache", "--no-config", "--disable-plugin", "reference-facts",
                        "--facts", str(bad), str(article))
    assert code == 2 and "Traceback" not in err
    assert f"{bad}:2:1: error engine/input-error names[0].kind: expected 'place', 'organisation' or 'person'" in err


class _Reads(Rule):
    """Reads the facts."""

    id = "test/reads"
    summary = "Reads the facts"

    def check(self, context):
        if context.facts.known_name("Macron") is not None:
            yield context.finding(factlint.Span(start=0, end=1, line=1, column=1, end_line=1, end_column=2), "known")


class _Ignores(Rule):
    """Never reads the facts."""

    id = "test/ignores"
    summary = "Ignores the facts"

    def check(self, context):
        return ()


class _Loader:
    @factlint.hookimpl
    def factlint_load_document(self, source):
        return Document.from_text(source.text, path=source.path)


def _shipping(path: Path) -> object:
    class Shipping:
        @factlint.hookimpl
        def factlint_register_fact_files(self):
            return [str(path)]

        @factlint.hookimpl
        def factlint_register_rules(self):
            return [_Reads, _Ignores]

    return Shipping()


def test_plugin_facts_are_loaded_only_when_a_rule_reads_them_and_once(
    facts_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[object] = []
    real = FactStore.load.__func__  # type: ignore[attr-defined]

    def counting(cls: type[FactStore], paths: list[str], **kwargs: object) -> object:
        loads.append(paths)
        return real(cls, paths, **kwargs)

    monkeypatch.setattr(FactStore, "load", classmethod(counting))
    host = PluginHost([("loader", _Loader()), ("shipping", _shipping(facts_file))])
    assert host.fact_files == [("shipping", str(facts_file))]
    assert host.infos["shipping"].fact_files == [str(facts_file)]
    source = Source(path="a.txt", suffix=".txt", text="Macron spoke.\n")
    config = Config(cache_dir=str(tmp_path / "cache"))

    quiet = Checker(config.model_copy(update={"select": ("test/ignores",)}), host=host, registry=Registry())
    assert quiet.check_source(source).findings == []
    assert loads == []  # nobody read ctx.facts

    reading = Checker(config.model_copy(update={"select": ("test/reads",)}), host=host, registry=Registry())
    assert loads == []  # not at start-up either
    for _ in range(3):
        assert [f.message for f in reading.check_source(source).findings] == ["known"]
    assert len(loads) == 1


def test_a_context_without_facts_sees_an_empty_store() -> None:
    from factlint.rules import CheckContext

    context = CheckContext(
        document=Document.from_text("x", path="a.txt"),
        claims=factlint.ClaimSet([]),
        registry=Registry(),
        rule_id="test/x",
        severity=factlint.Severity.WARNING,
        plugin="test",
        options=factlint.NoOptions(),
    )
    assert len(context.facts) == 0


def test_a_fact_file_registration_that_is_no_path_is_a_load_error() -> None:
    class Broken:
        @factlint.hookimpl
        def factlint_register_fact_files(self):
            return [42]

    with pytest.raises(PluginLoadError, match="registered 42 as a fact file; expected a path"):
        PluginHost([("broken", Broken())])


def test_the_findings_cache_key_follows_the_facts(facts_file: Path, tmp_path: Path) -> None:
    config = Config(facts=(str(facts_file),), cache_dir=str(tmp_path / "cache"))
    host = PluginHost([("loader", _Loader())])
    before = cache_salt(Checker(config, host=host, registry=Registry()))
    assert before == cache_salt(Checker(config, host=host, registry=Registry()))
    facts_file.write_text(FACTS.replace("2022-09-06", "2022-09-05"), encoding="utf-8")
    assert cache_salt(Checker(config, host=host, registry=Registry())) != before


def test_config_facts_are_relative_to_the_config_file(tmp_path: Path) -> None:
    from factlint.config import merge_file_config, read_config_file

    (tmp_path / "factlint.toml").write_text('facts = ["data/facts.yaml"]\n', encoding="utf-8")
    file, base = read_config_file(tmp_path / "factlint.toml")
    config = merge_file_config(file, base, facts=("extra.csv",))
    assert config.facts == (str(tmp_path / "data" / "facts.yaml"), "extra.csv")


def test_the_starter_config_mentions_facts() -> None:
    from factlint.cli import STARTER_CONFIG

    assert "\nfacts = []\n" in STARTER_CONFIG
    assert textwrap.dedent(STARTER_CONFIG)  # still the same text, read as TOML below
    import tomllib

    assert tomllib.loads(STARTER_CONFIG)["facts"] == []
