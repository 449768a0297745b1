"""The claims-file loader: ``.json``, ``.yaml`` and ``.yml`` files of claims already
extracted from an article, for checking them without factlint's own extractors.

::

    {"schema_version": 1,
     "document": {"path": "article.md", "published": "2022-12-05", "text": "..."},
     "claims": [{"kind": "count", "id": "c1", "text": "10 groups", "value": 10,
                 "span": {"start": 0, "end": 9}}]}

The returned document's text is ``document.text`` (empty when not given); its claims,
validated against the built-in claim models, are ``document.claims``. A
span without a line and column gets them from ``document.text``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

import factlint
from factlint import Document, LoadError, Metadata, SourceMap, Span, TemporalRelationClaim
from factlint_plugins._patterns import lazy_compile

from ._frontmatter import SafeLoader, yaml_loader
from .text import text_blocks

SUFFIXES = (".json", ".yaml", ".yml")
SCHEMA_VERSION = 1

# A run of digits longer than Python's limit for converting them (sys.get_int_max_str_digits).
_LONG_DIGITS = lazy_compile(rf"\d{{{sys.get_int_max_str_digits() + 1},}}")
# Each escape of a JSON string in turn, so that an escaped backslash is never read
# as the start of a \\u escape.
_JSON_ESCAPE = lazy_compile(r"(?s)\\(?:u([0-9a-fA-F]{4})|.)")


@factlint.hookimpl
def factlint_register_formats() -> list[factlint.InputFormat]:
    """The claims format. Only files named ``*.claims.json`` (or ``.yaml``, ``.yml``) are
    looked for in directories; any JSON or YAML file named on the command line is read."""
    return [factlint.InputFormat(name="claims", suffixes=(".claims.json", ".claims.yaml", ".claims.yml"), prose=False)]


@factlint.hookimpl
def factlint_load_document(source: Any, config: Any) -> Document | None:
    """Load a claims file; None for other suffixes or JSON/YAML that is no claims file."""
    # Files found on disk come with their last suffix (.json); the API and the server
    # name the format by its own suffix (.claims.json).
    if not source.suffix.endswith(SUFFIXES):
        return None
    data, locate = _parse(source.text, yaml_syntax=not source.suffix.endswith(".json"))
    if not isinstance(data, dict) or not ({"schema_version", "claims"} & data.keys()):
        # Some other JSON or YAML file (a registry, a config): not ours.
        return None
    return load_claims(data, path=source.path, config=config, locate=locate)


def load_claims(data: dict[str, Any], *, path: str = "<claims>", config: Any = None, locate: Any = None) -> Document:
    """Validate parsed claims-file ``data`` and build its :class:`~factlint.Document`."""
    locate = locate or (lambda _path: (None, None))
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        line, column = locate(["schema_version"])
        found = "missing" if version is None else repr(version)
        raise LoadError(
            f"schema_version: expected {SCHEMA_VERSION}, found {found}", line=line, column=column
        )
    # Imported here: building the claims-file model is the costliest part of start-up,
    # and most runs load no claims file.
    from factlint import ClaimsFile

    try:
        claims_file = ClaimsFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, data, locate) from None

    document = claims_file.document
    text = document.text or ""
    base = Document(path=path, format="claims", text=text, source=text, source_map=SourceMap.for_source(text))
    claims = _checked_claims(claims_file.claims, base, locate)

    extra: dict[str, Any] = {}
    if document.path is not None:
        extra["document_path"] = document.path
    if document.sources:
        extra["sources"] = list(document.sources)
    return base.model_copy(
        update={
            "metadata": Metadata(
                title=document.title, published=document.published, language=document.language, extra=extra
            ),
            "blocks": text_blocks(text),
            "claims": tuple(claims),
        }
    )


# ------------------------------------------------------------------------- parsing


def _parse(text: str, *, yaml_syntax: bool) -> tuple[Any, Any]:
    """Parse JSON or YAML; return the data and a function from a path to (line, column)."""
    if not yaml_syntax:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
        except ValueError:
            # Python refuses to convert decimal strings past a limit (4,300 digits).
            raise _long_integer(text) from None
        except RecursionError:
            raise LoadError("not valid JSON: arrays and objects nest too deeply to read") from None
        _refuse_lone_surrogates(text)
        # JSON is YAML, so the YAML composer can say where each value is.
        return data, _locator(text)
    loader = yaml_loader(text, problem="not valid YAML")
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(
            f"not valid YAML: {problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, _node_locator(node)


def _refuse_lone_surrogates(text: str) -> None:
    """Refuse a ``\\u`` escape of half a UTF-16 surrogate pair (json.loads joins the
    pairs): it is no character, and a report quoting it could not be written as UTF-8."""
    pending = None  # a half pair found alone, or a high half waiting for its low half
    for escape in _JSON_ESCAPE.finditer(text):
        code = int(escape[1], 16) if escape[1] else -1
        low = 0xDC00 <= code <= 0xDFFF
        if pending is not None:
            if not (low and escape.start() == pending.end()):
                break  # the high half stands alone
            pending = None
        elif low:
            pending = escape  # a low half with no high half before it
            break
        elif 0xD800 <= code <= 0xDBFF:
            pending = escape
    if pending is None:
        return
    line = text.count("\n", 0, pending.start()) + 1
    column = pending.start() - text.rfind("\n", 0, pending.start())
    raise LoadError(
        f"not valid JSON: {pending[0]} is half of a UTF-16 surrogate pair, which is no character",
        line=line,
        column=column,
    )


def _long_integer(text: str) -> LoadError:
    """The error for JSON holding an integer too long for Python to convert, at its place."""
    limit = sys.get_int_max_str_digits()
    found = _LONG_DIGITS.search(text)
    if found is None:
        return LoadError(f"not valid JSON: an integer is longer than the {limit:,} digits that can be read")
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - text.rfind("\n", 0, found.start())
    return LoadError(
        f"not valid JSON: integer of {len(found.group()):,} digits is longer than the {limit:,} that can be read",
        line=line,
        column=column,
    )


def _locator(text: str) -> Any:
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return lambda _path: (None, None)
    return _node_locator(node)


def _node_locator(root: Any) -> Any:
    def locate(path: list[str | int]) -> tuple[int | None, int | None]:
        node, found = root, root
        for step in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                node = None
            if node is None:
                break
            found = node
        if found is None:
            return None, None
        return found.start_mark.line + 1, found.start_mark.column + 1

    return locate


# ---------------------------------------------------------------------- validation


def _validation_error(exc: ValidationError, data: Any, locate: Any) -> LoadError:
    """The first problem pydantic found, as ``claims[3].span.end: message``."""
    error = exc.errors()[0]
    path = _data_path(error["loc"], data)
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        path.append("kind")
    line, column = locate(path)
    return LoadError(f"{_format_path(path)}: {error['msg']}", line=line, column=column)


def _data_path(loc: tuple[Any, ...], data: Any) -> list[str | int]:
    """``loc`` without the claim-kind tags pydantic puts in a union's location."""
    path: list[str | int] = []
    node = data
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, list) and isinstance(step, int):
            node = node[step] if step < len(node) else None
        elif isinstance(node, dict) and step in node:
            node = node[step]
        elif not last and isinstance(node, dict) and node.get("kind") == step:
            continue  # the union tag, not a key of the input
        else:
            node = None
        path.append(step)
    return path


def _format_path(path: list[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


def _checked_claims(claims: Sequence[Any], document: Document, locate: Any) -> list[Any]:
    """Check ids and offsets, and fill in missing lines and columns of every span."""
    seen: dict[str, int] = {}
    for i, claim in enumerate(claims):
        if claim.id in seen:
            line, column = locate(["claims", i, "id"])
            raise LoadError(
                f"claims[{i}].id: {claim.id!r} is already the id of claims[{seen[claim.id]}]",
                line=line,
                column=column,
            )
        seen[claim.id] = i
    for i, claim in enumerate(claims):
        if isinstance(claim, TemporalRelationClaim):
            for field in ("subject", "object"):
                target = getattr(claim, field)
                if target not in seen:
                    line, column = locate(["claims", i, field])
                    raise LoadError(
                        f"claims[{i}].{field}: no claim has the id {target!r}", line=line, column=column
                    )
    return [_fill_spans(claim, document, ["claims", i], locate) for i, claim in enumerate(claims)]


def _fill_spans(value: Any, document: Document, path: list[str | int], locate: Any) -> Any:
    if isinstance(value, Span):
        return _fill_span(value, document, path, locate)
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _fill_spans(old, document, [*path, name], locate)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, tuple):
        items = tuple(_fill_spans(v, document, [*path, i], locate) for i, v in enumerate(value))
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def _fill_span(span: Span, document: Document, path: list[str | int], locate: Any) -> Span:
    if document.text and span.end > len(document.text):
        line, column = locate([*path, "end"])
        raise LoadError(
            f"{_format_path([*path, 'end'])}: {span.end} is past the end of document.text "
            f"({len(document.text)} characters)",
            line=line,
            column=column,
        )
    if span.line and span.column:
        return span
    if document.text:
        return document.span(span.start, span.end)
    # No text to count lines in: treat the claims as one line.
    return span.model_copy(
        update={"line": 1, "column": span.start + 1, "end_line": 1, "end_column": span.end + 1}
    )
