"""Tests of the acronym rules, written with factlint's test kit."""

from __future__ import annotations

from pathlib import Path

import pytest

import factlint_acronyms
from factlint.testing import (
    GoldenCase,
    assert_findings,
    assert_mutations_caught,
    check_golden,
    golden_cases,
)

PLUGINS = [("acronyms", factlint_acronyms)]
GOLDEN = Path(__file__).resolve().parent / "golden"


def test_used_before_it_is_spelled_out() -> None:
    assert_findings(
        "PCATI said the law was unjust. The Public Committee Against Torture in Israel (PCATI) opposed it.",
        [{"rule": "acronym/undefined", "text": "PCATI", "column": 1,
          "suggestion": "Public Committee Against Torture in Israel (PCATI)"}],
        plugins=PLUGINS,
    )


def test_never_spelled_out() -> None:
    assert_findings("PCATI said the law was unjust.", [("acronym/undefined", "PCATI")], plugins=PLUGINS)


@pytest.mark.parametrize(
    "text",
    [
        "The Public Committee Against Torture in Israel (PCATI) said so. PCATI repeated it.",
        "PCATI (Public Committee Against Torture in Israel) said so. PCATI repeated it.",
        "NATO, the FBI, the BBC, the US and the EU discussed COVID.",
        "World War II ended. The MQ-9 and the F-16 flew. CMA CGM ships sailed.",
        "The Public Committee Against Torture in Israel said on Monday that PCATI would appeal.",
        "REPORTERS WERE TOLD NOTHING ABOUT PCATI TODAY",
    ],
)
def test_clean(text: str) -> None:
    assert_findings(text, [], plugins=PLUGINS)


def test_known_option_adds_to_the_list() -> None:
    assert_findings(
        "CODECO fighters attacked.", [], plugins=PLUGINS, options={"acronym/undefined": {"known": ["CODECO"]}}
    )


def test_redefined() -> None:
    findings = assert_findings(
        "The Rapid Support Forces (RSF) came. Later the Rapid Security Forces (RSF) left.",
        [("acronym/redefined", "Rapid Security Forces")],
        plugins=PLUGINS,
    )
    assert findings[0].fix is not None and findings[0].fix.safety == "unsafe"


def test_spelling_variant_is_not_a_redefinition() -> None:
    assert_findings(
        "The World Health Organisation (WHO) met. The World Health Organization (WHO) agreed.",
        [],
        plugins=PLUGINS,
    )


@pytest.mark.parametrize("case", golden_cases(GOLDEN, plugins=PLUGINS), ids=str)
def test_golden(case: GoldenCase, factlint_update: bool) -> None:
    check_golden(case, update=factlint_update)


CLEAN = [
    "The Rapid Support Forces (RSF) took the airport on Monday. The RSF said its fighters would stay.",
    "The Public Committee Against Torture in Israel (PCATI) filed a petition. PCATI lawyers said the court "
    "would rule within a month.",
    "The Economic Community of West African States (ECOWAS) met in Abuja. ECOWAS leaders agreed on sanctions.",
    "Fighters of the National Liberation Army (ELN) attacked a base. The ELN later denied it.",
]


def test_mutations_are_caught() -> None:
    report = assert_mutations_caught(
        CLEAN,
        plugins=PLUGINS,
        kinds=["acronym-undefined", "acronym-redefined"],  # the groups this plugin registers
        precision=0.9,
        recall=0.9,
    )
    # "National Liberation Army (ELN)" is a translation, so nothing is planted there.
    assert report.kinds["acronym-undefined"].mutations == 3
