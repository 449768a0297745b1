"""``factlint new-plugin NAME``: write a ready-to-install plugin package.

The package has a pyproject with the ``factlint`` entry point, a module declaring
``FACTLINT_PLUGIN_API``, one extractor, one documented rule, golden fixtures, tests
written with :mod:`factlint.testing` and a README. It passes its own tests as soon as
it is installed (``pip install -e .[test] && pytest``).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TextIO

from .errors import ExitCode
from .version import PLUGIN_API, __version__

__all__ = ["add_new_plugin_parser", "main", "render", "run_new_plugin", "write_plugin"]

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def add_new_plugin_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``new-plugin`` subcommand to the ``factlint`` command's subparsers."""
    p = subparsers.add_parser("new-plugin", help="write a new plugin package to start from")
    p.add_argument("name", metavar="NAME", help="the plugin's name: lower case, digits and dashes (house-style)")
    p.add_argument("--directory", metavar="DIR", default=None, help="where to write it (default: ./factlint-NAME)")
    return p


def run_new_plugin(args: argparse.Namespace, out: TextIO) -> int:
    """Write the package for ``args.name``; returns the exit code."""
    name = args.name
    if not _NAME.fullmatch(name):
        out.write(
            f"factlint: error: plugin name {name!r}: use lower-case letters, digits and dashes, like 'house-style'\n"
        )
        return ExitCode.INPUT_ERROR
    target = Path(args.directory) if args.directory else Path(f"factlint-{name}")
    if target.exists() and any(target.iterdir()):
        out.write(f"factlint: error: {target} exists and is not empty; choose another --directory\n")
        return ExitCode.INPUT_ERROR
    written = write_plugin(name, target)
    for path in written:
        out.write(f"wrote {path}\n")
    out.write(
        f"\nNext (in the environment where factlint is installed{_from_clone()}):\n"
        f"  cd {target}\n  pip install -e '.[test]'\n  pytest\n"
        f"  factlint check --select {name}/ some-article.md\n"
    )
    return ExitCode.OK


def _from_clone() -> str:
    """Where this factlint was installed from, when it is a clone: the plugin's
    dependency on factlint is met by that installation, not by a package index."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "engine" / "factlint").is_dir():
        return f"; it was installed from {root} with pip install -e {root}"
    return ""


def write_plugin(name: str, target: Path) -> list[Path]:
    """Write every file of the package for plugin ``name`` under ``target``."""
    written = []
    for rel, text in render(name).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def render(name: str) -> dict[str, str]:
    """The files of the package, by relative path."""
    module = "factlint_" + name.replace("-", "_")
    dist = f"factlint-{name}"
    values = {
        "NAME": name,
        "MODULE": module,
        "DIST": dist,
        "API_MAJOR": PLUGIN_API.split(".")[0],
        "API": PLUGIN_API,
        "API_NEXT": str(int(PLUGIN_API.split(".")[0]) + 1),
        "FACTLINT": __version__,
        "CLASS": "".join(p.capitalize() for p in name.split("-")),
    }
    files = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        f"src/{module}/__init__.py": _INIT,
        f"src/{module}/extract.py": _EXTRACT,
        f"src/{module}/rules.py": _RULES,
        "tests/test_plugin.py": _TEST,
        "tests/golden/flagged.md": _GOLDEN_FLAGGED,
        "tests/golden/flagged.expected.json": _GOLDEN_FLAGGED_EXPECTED,
        "tests/golden/clean.md": _GOLDEN_CLEAN,
        "tests/golden/clean.expected.json": "[]\n",
    }
    out = {}
    for rel, template in files.items():
        text = template
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        out[rel] = text
    return out


# The example rule flags "very unique" and friends: an absolute adjective with a
# degree word. It needs no registry or date, so the generated tests pass anywhere.

_PYPROJECT = '''[build-system]
requires = ["hatchling>=1.21"]
build-backend = "hatchling.build"

[project]
name = "{{DIST}}"
version = "0.1.0"
description = "A factlint plugin."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["factlint>={{FACTLINT}}"]

[project.optional-dependencies]
test = ["pytest>=8.0"]

# factlint finds plugins through this entry-point group; the key is the plugin's
# name in `factlint plugins` and for `--disable-plugin`.
[project.entry-points.factlint]
{{NAME}} = "{{MODULE}}"

[tool.hatch.build.targets.wheel]
packages = ["src/{{MODULE}}"]

[tool.pytest.ini_options]
testpaths = ["tests"]
# factlint's test kit: fixtures and the --factlint-update switch.
addopts = "-p factlint.testing"
'''

_README = '''# {{DIST}}

A factlint plugin. It adds the rule
`{{NAME}}/absolute-degree`, which flags an absolute adjective with a degree word
("very unique", "most complete").

In the environment where factlint is installed (factlint is not on a package index:
install it from its clone first, `pip install -e <path of the factlint clone>`):

```sh
pip install -e '.[test]'
pytest                                    # the tests, golden fixtures included
factlint plugins                          # {{NAME}} is listed with its rule
factlint check --select {{NAME}}/ article.md
factlint explain {{NAME}}/absolute-degree
```

After changing the rule, `pytest --factlint-update` rewrites the expected findings in
`tests/golden/`; read the diff before committing it.

To publish: `python -m build` and upload the wheel to your package index; anyone who
installs it next to factlint gets the rule (and can switch it off with
`--disable-plugin {{NAME}}`).
'''

_INIT = '''"""{{DIST}}: a factlint plugin.

factlint loads this module through the ``factlint`` entry point in pyproject.toml and
calls the hooks below once at start-up.
"""

from __future__ import annotations

import factlint

from .extract import DegreeExtractor, DegreePhrase
from .rules import AbsoluteDegree

__all__ = ["AbsoluteDegree", "DegreeExtractor", "DegreePhrase"]

FACTLINT_PLUGIN_API = ">={{API}},<{{API_NEXT}}"
"""The plugin API versions this plugin works with; factlint refuses it outside them."""


@factlint.hookimpl
def factlint_register_claim_kinds() -> list[type[factlint.ClaimBase]]:
    """The claim kind this plugin adds."""
    return [DegreePhrase]


@factlint.hookimpl
def factlint_register_extractors() -> list[type[factlint.Extractor]]:
    """The extractor that finds those claims."""
    return [DegreeExtractor]


@factlint.hookimpl
def factlint_register_rules() -> list[type[factlint.Rule]]:
    """The rules that read them."""
    return [AbsoluteDegree]
'''

_EXTRACT = '''"""The extractor: degree words in front of adjectives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from factlint import ClaimBase, ClaimSet, Document, Extractor

_PHRASE = re.compile(r"\\b(very|really|quite|more|most|rather|extremely)\\s+([a-z]+)\\b", re.IGNORECASE)


class DegreePhrase(ClaimBase):
    """A degree word and the adjective it grades ("very unique")."""

    kind: Literal["{{NAME}}.degree"] = "{{NAME}}.degree"
    degree: str = Field(description="The degree word, lower case.")
    adjective: str = Field(description="The adjective, lower case.")


class DegreeExtractor(Extractor):
    """Finds every degree word followed by a word."""

    name = "{{NAME}}-degree"
    produces = frozenset({"{{NAME}}.degree"})

    def extract(self, document: Document, claims: ClaimSet) -> Iterator[DegreePhrase]:
        """Yield a claim for each "very X", "most X" and the like."""
        for n, m in enumerate(_PHRASE.finditer(document.text), start=1):
            yield DegreePhrase(
                id=f"{{NAME}}-degree-{n}",
                text=m.group(0),
                span=document.span(m.start(), m.end()),
                degree=m.group(1).lower(),
                adjective=m.group(2).lower(),
            )
'''

_RULES = '''"""The rules of this plugin."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from factlint import CheckContext, Finding, Rule, Severity

from .extract import DegreePhrase

ABSOLUTE = ("unique", "complete", "perfect", "unanimous", "fatal", "final", "universal")


class AbsoluteDegreeOptions(BaseModel):
    """Options of ``{{NAME}}/absolute-degree``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    adjectives: tuple[str, ...] = Field(ABSOLUTE, description="The adjectives that admit no degree.")


class AbsoluteDegree(Rule[AbsoluteDegreeOptions]):
    """An absolute adjective with a degree word: "very unique".

    ## What it flags

    A degree word (very, really, quite, more, most, rather, extremely) in front of an
    adjective that admits no degree: unique, complete, perfect, unanimous, fatal,
    final, universal.

    ## Why it matters

    Something is unique or it is not. "Very unique" reads as hype and makes the
    sentence claim less than the writer meant.

    ## Example

    ```
    The vote was very unanimous.
    ```

    ## Use instead

    ```
    The vote was unanimous.
    ```

    ## Fix safety

    No fix is offered: the writer may have meant another adjective ("very unusual").

    ## Options

    - `adjectives` (list of strings): the adjectives that admit no degree.
    """

    id = "{{NAME}}/absolute-degree"
    summary = "An absolute adjective with a degree word."
    severity = Severity.INFO
    requires = frozenset({"{{NAME}}.degree"})
    Options = AbsoluteDegreeOptions

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Flag each degree phrase whose adjective is absolute."""
        options = self.options
        for claim in context.claims.of_kind("{{NAME}}.degree"):
            if isinstance(claim, DegreePhrase) and claim.adjective in options.adjectives:
                yield context.finding(
                    claim.span,
                    f'"{claim.adjective}" admits no degree: drop "{claim.degree}".',
                    suggestion=claim.text.split()[-1],
                )
'''

_TEST = '''"""Tests of {{DIST}}, written with factlint's test kit."""

from __future__ import annotations

from pathlib import Path

import pytest

import {{MODULE}}
from factlint.testing import GoldenCase, assert_findings, check_golden, golden_cases

PLUGINS = [("{{NAME}}", {{MODULE}})]
GOLDEN = Path(__file__).resolve().parent / "golden"


def test_flags_an_absolute_adjective_with_a_degree() -> None:
    assert_findings("The vote was very unanimous.", [("{{NAME}}/absolute-degree", "very unanimous")], plugins=PLUGINS)


def test_leaves_gradable_adjectives_alone() -> None:
    assert_findings("The vote was very close.", [], plugins=PLUGINS)


def test_options_change_the_list() -> None:
    assert_findings(
        "The vote was very close.",
        [{"rule": "{{NAME}}/absolute-degree", "suggestion": "close"}],
        plugins=PLUGINS,
        options={"{{NAME}}/absolute-degree": {"adjectives": ["close"]}},
    )


def test_the_engine_builds(factlint_engine) -> None:
    engine = factlint_engine(plugins=PLUGINS)
    assert [s.rule.id for s in engine.rules] == ["{{NAME}}/absolute-degree"]


@pytest.mark.parametrize("case", golden_cases(GOLDEN, plugins=PLUGINS), ids=str)
def test_golden(case: GoldenCase, factlint_update: bool) -> None:
    check_golden(case, update=factlint_update)
'''

_GOLDEN_FLAGGED = '''---
expect: [{{NAME}}/absolute-degree]
---
The council's decision was very unique in the region.
'''

_GOLDEN_FLAGGED_EXPECTED = '''[
  {
    "rule": "{{NAME}}/absolute-degree",
    "severity": "info",
    "line": 4,
    "column": 28,
    "end_line": 4,
    "end_column": 39,
    "text": "very unique",
    "message": "\\"unique\\" admits no degree: drop \\"very\\".",
    "suggestion": "unique",
    "confidence": 1.0,
    "related": []
  }
]
'''

_GOLDEN_CLEAN = '''---
expect: []
---
The council's decision was unique in the region, and very close.
'''


def main(argv: list[str] | None = None) -> int:
    """``python -m factlint.scaffold NAME [--directory DIR]``: the same as
    ``factlint new-plugin``, for an install whose command lacks it."""
    import sys

    parser = argparse.ArgumentParser(prog="factlint")
    add_new_plugin_parser(parser.add_subparsers(dest="command"))
    return run_new_plugin(parser.parse_args(["new-plugin", *(sys.argv[1:] if argv is None else argv)]), sys.stdout)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
