"""factlint's built-in reference facts: who held the main UK and US offices and the
heads of state and government of 2021-2022 (``offices.yaml``), and the names of
countries, capitals, cities and office holders (``names.csv``).

Built by ``bench/build_reference.py`` from open data; ``ATTRIBUTION.md`` names each
source and its licence. The engine loads the files on first use, only when a rule
that reads facts runs.
"""

from __future__ import annotations

from pathlib import Path

import factlint

_HERE = Path(__file__).resolve().parent

FILES = ("offices.yaml", "names.csv")
"""The data files, in load order."""

TOWNS_SOURCE = "GeoNames, towns (CC BY 4.0)"
"""The source of the towns in ``names.csv``: known names, so never reported as slips,
but too many and too little known to be suggested for a one-word name."""


@factlint.hookimpl
def factlint_register_fact_files() -> list[str]:
    """The built-in fact files."""
    return [str(_HERE / name) for name in FILES]
