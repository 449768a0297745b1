"""Mutators register through ``factlint_register_mutators`` and are found by group name:
factlint's own (count, date, name) and a plugin author's alike."""

from __future__ import annotations

import datetime as dt
import io
import random
import types

import pytest

import factlint
from factlint.cli import main
from factlint.errors import PluginLoadError
from factlint.mutations import mutations_for, select_mutators
from factlint.plugins import PluginHost
from factlint.testing import builtin_plugins, installed_mutators, mutation_report
from factlint_plugins.mutators import FAMILY, count_mutations, date_mutations, name_mutations

WORD = "zyzzyva"
TEXTS = [
    "The reporter said the plan would go ahead. The reporter said so twice.",
    "Nobody disputed the figures, and the minister said nothing.",
]


def _said_mutator(doc_id, text, published, claims, rng):
    """Plants WORD after each "said"."""
    start = 0
    while (at := text.find(" said", start)) >= 0:
        end = at + len(" said")
        yield factlint.Mutation("house-word", doc_id, end, end, f" {WORD}", [(end, end + len(WORD) + 1)], "inserted")
        start = end


class _FlagWord(factlint.Rule):
    """Flags the planted word.

    ## What it flags
    ## Why it matters
    ## Example
    ## Use instead
    ## Fix safety
    ## Options
    """

    id = "house/word"
    summary = "the planted word"

    def check(self, context):
        text = context.document.text
        start = 0
        while (at := text.find(WORD, start)) >= 0:
            yield context.finding(context.document.span(at, at + len(WORD)), "a planted word")
            start = at + len(WORD)


def _plugin(groups, *, rule: bool = True) -> types.SimpleNamespace:
    @factlint.hookimpl
    def factlint_register_mutators():
        return groups

    @factlint.hookimpl
    def factlint_register_rules():
        return [_FlagWord]

    hooks = {"factlint_register_mutators": factlint_register_mutators}
    if rule:
        hooks["factlint_register_rules"] = factlint_register_rules
    return types.SimpleNamespace(**hooks)


def test_the_built_in_groups_come_from_the_mutators_plugin() -> None:
    host = PluginHost(builtin_plugins(["mutators"]))
    assert host.mutators == {"count": count_mutations, "date": date_mutations, "name": name_mutations}
    assert host.mutator_plugins == {"count": "mutators", "date": "mutators", "name": "mutators"}
    assert host.infos["mutators"].mutators == ["count", "date", "name"]
    assert set(FAMILY.values()) == set(host.mutators)


def test_factlint_plugins_lists_the_groups() -> None:
    out = io.StringIO()
    main(["plugins"], out=out, err=io.StringIO())
    assert "mutators: count, date, name" in out.getvalue()


def test_a_plugins_mutator_is_found_by_its_group_name() -> None:
    plugins = [("house", _plugin({"house": _said_mutator}))]
    report = mutation_report(TEXTS, plugins=plugins, kinds=["house"])
    assert set(report.kinds) == {"house"}
    score = report.kinds["house"]
    assert (score.mutations, score.detected, score.false_positives) == (3, 3, 0)
    # The same mutator given as a pair measures the same.
    pair = mutation_report(TEXTS, plugins=plugins, kinds=[("house", _said_mutator)])
    assert pair.kinds["house"] == score


def test_a_list_of_pairs_registers_too() -> None:
    host = PluginHost([("house", _plugin([("house", _said_mutator), ("house-2", _said_mutator)]))])
    assert list(host.mutators) == ["house", "house-2"]
    assert host.infos["house"].mutators == ["house", "house-2"]


def test_a_group_registered_twice_is_a_load_error_naming_both_plugins() -> None:
    both = "mutation group 'house' is registered by both plugin 'first' and plugin 'second'"
    with pytest.raises(PluginLoadError, match=both):
        PluginHost([("first", _plugin({"house": _said_mutator}, rule=False)),
                    ("second", _plugin({"house": _said_mutator}, rule=False))])
    # A built-in group too: the test kit loads factlint's own mutators beside the plugin's.
    with pytest.raises(PluginLoadError, match="'count' is registered by both plugin 'house' and plugin 'mutators'"):
        mutation_report(TEXTS, plugins=[("house", _plugin({"count": _said_mutator}))], kinds=["count"])


@pytest.mark.parametrize("groups", [{"house": "not a function"}, {"": _said_mutator}, [("house",)], 42])
def test_a_malformed_registration_is_a_load_error(groups) -> None:
    with pytest.raises(PluginLoadError, match="plugin 'house'"):
        PluginHost([("house", _plugin(groups, rule=False))])


def test_an_unknown_group_names_the_registered_ones() -> None:
    with pytest.raises(ValueError, match="'acme'; registered: count, date, name"):
        mutation_report(TEXTS, kinds=["acme"])
    with pytest.raises(ValueError, match="registered: none"):
        select_mutators(["count"], {})


def _count_claim(text: str) -> factlint.CountClaim:
    """The count of "three organizations: B'Tselem, Yesh Din and Adalah", by hand."""

    def span(part: str) -> factlint.Span:
        at = text.index(part)
        return factlint.Span(start=at, end=at + len(part))

    items = tuple(factlint.CountItem(text=i, span=span(i)) for i in ("B'Tselem", "Yesh Din", "Adalah"))
    return factlint.CountClaim(id="c1", text="three organizations", span=span("three organizations"), value=3,
                               noun="organizations", items=items)


def test_mutations_for_looks_groups_up_in_what_was_registered() -> None:
    text = "The letter was signed by three organizations: B'Tselem, Yesh Din and Adalah."
    claims = [_count_claim(text)]
    host = PluginHost(builtin_plugins(["mutators"]))
    got = mutations_for("a", text, dt.date(2020, 1, 1), claims, kinds=["count"], rng=random.Random(0),
                        mutators=host.mutators)
    assert [(m.kind, m.family, m.apply(text)[25:]) for m in got] == [
        ("count-number", "count", "four organizations: B'Tselem, Yesh Din and Adalah."),
        ("count-number", "count", "two organizations: B'Tselem, Yesh Din and Adalah."),
        ("count-item", "count", "three organizations: B'Tselem and Yesh Din."),
    ]
    # The installed plugins' groups, as the test kit finds them, are the same.
    assert mutations_for("a", text, None, claims, kinds=["count"], rng=random.Random(0),
                         mutators=installed_mutators()) == got
    # A group nobody registered is named in the error.
    with pytest.raises(ValueError, match="'count'"):
        mutations_for("a", text, None, claims, kinds=["count"], rng=random.Random(0))
    # kinds=None: every registered group; the group becomes each mutation's family.
    said = "He said no."
    house = mutations_for("a", said, None, [], rng=random.Random(0), mutators={"acme": _said_mutator})
    assert [(m.kind, m.family, m.apply(said)) for m in house] == [("house-word", "acme", f"He said {WORD} no.")]
