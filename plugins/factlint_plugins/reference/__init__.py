"""factlint's built-in reference facts: who held the main UK and US offices and the
heads of state and government of 2021-2022 (``offices.csv``), and the names of
countries, capitals, US states, continents, cities of 100,000 people or more and office
holders (``names.csv``); besides them, the names of smaller towns (``towns.txt``).

Built by ``bench/build_reference.py`` from open data; ``ATTRIBUTION.md`` names each
source and its licence. The engine loads the fact files on first use, only when a rule
that reads facts runs.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import factlint

_HERE = Path(__file__).resolve().parent

FILES = ("offices.csv", "names.csv")
"""The fact files, in load order."""

_lock = threading.Lock()
_towns: list[frozenset[str]] = []


@factlint.hookimpl
def factlint_register_fact_files() -> list[str]:
    """The built-in fact files."""
    return [str(_HERE / name) for name in FILES]


def fold(name: str) -> str:
    """A name as ``towns.txt`` writes it: no diacritics, case folded, one space
    between words."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def towns() -> frozenset[str]:
    """The names (folded by :func:`fold`) of the cities of
    15,000 to 100,000 people: real places a rule must not take for slips of a better
    known name. Kept out of the fact store, whose name index they would make slow to
    build; read once."""
    with _lock:
        if not _towns:
            text = (_HERE / "towns.txt").read_text(encoding="utf-8")
            _towns.append(frozenset(text.split("\n")) - {""})
        return _towns[0]
