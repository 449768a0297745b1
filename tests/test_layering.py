"""The engine's layering, read from its source: no import circle, no front end
reaching into another module's private names, and no knowledge of the built-in
checks or formats (those belong to the plugins, which the engine only asks)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine" / "factlint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ENGINE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """Every engine module ``name`` imports, at the top, in a function or for type
    checking alone: a circle through any of them is still a circle to read."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    modules = _modules()
    return {m for m in found if m in modules and m != name}


def test_no_import_circle_in_the_engine() -> None:
    graph = {name: _imports(name, path) for name, path in _modules().items()}
    # The package's own __init__ re-exports the public names: importing it from a
    # module is importing one of those names, not a layer above.
    graph = {n: {m for m in deps if m != "factlint"} for n, deps in graph.items()}
    circles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                circles.append(" -> ".join([*stack[stack.index(dep):], dep]))
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert circles == []


def test_no_engine_module_imports_another_modules_private_names() -> None:
    offenders = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        offenders.append(f"{name} imports {alias.name} from {node.module}")
    assert offenders == []


# Words that only the built-in plugins may know: month, weekday, number and relative-day
# words, the built-in rule families, and the built-in input formats' names and suffixes.
# (The claim models, ``count``, ``date``, ``entity``, are the contract, not knowledge.)
_KNOWLEDGE = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|dozen"
    r"|yesterday|today|tomorrow|markdown|html|htm"
    r"|\.(?:md|markdown|html?|txt|claims\.\w+))$"
    r"|^(?:count|date|name)/[\w-]*$",
    re.IGNORECASE,
)

# The default input format of the Python API, the test kit and the server's requests
# when the caller names none: a documented default, looked up like any other name.
_ALLOWED = {("factlint.api", "markdown"), ("factlint.testing", "markdown"), ("factlint.server.app", "markdown")}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for statement in node.body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    out.add(id(statement.value))
    return out


@pytest.mark.parametrize("name", sorted(_modules()))
def test_the_engine_holds_no_count_date_name_or_format_knowledge(name: str) -> None:
    path = _modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    # A word as data (a dictionary key, a suffix to match, a default) is knowledge;
    # prose that mentions one (help text, a field's description) is not.
    found = sorted(
        {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
            and _KNOWLEDGE.search(node.value.strip())
            and (name, node.value) not in _ALLOWED
        }
    )
    assert found == [], f"{name} holds built-in knowledge: {found}"


def test_the_knowledge_check_can_fail() -> None:
    assert _KNOWLEDGE.search(".md") and _KNOWLEDGE.search("count/mismatch") and _KNOWLEDGE.search("March")
    assert not _KNOWLEDGE.search("the March 3 vote") and not _KNOWLEDGE.search("engine/plugin-error")
