"""Adding an accepted spelling to a registry YAML file, for ``factlint serve --registry-writable``.

The file is edited as text, at the places PyYAML's node marks give, so the comments,
order and quoting the newsroom wrote stay as they are: a new alias goes at the end of
its entry's ``aliases`` list (one is added after ``canonical`` if there is none), and
a name whose preferred form has no entry gets a new entry at the end of the file. The
new text is read back as a registry before it replaces the file, in one rename.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..registry import RegistryError, load_registries
from ..yaml_safety import BoundedSafeLoader

__all__ = ["MAX_NAME", "RegistryEditError", "add_alias", "plain_name"]

MAX_NAME = 200
"""Longest name the server writes into a registry."""

# Letters, digits, spaces and the punctuation organisations' names carry; it starts
# with a letter or digit. Nothing that could start a YAML structure or a comment.
_PLAIN = re.compile(r"[^\W_][\w .,'’&()\-–/]*", re.UNICODE)


class RegistryEditError(ValueError):
    """A name or a file the server refuses to edit; the message says why."""


def plain_name(value: str) -> str:
    """``value`` with its spaces tidied, if it is a plain name; else raises
    :class:`RegistryEditError`."""
    name = " ".join(value.split())
    if not name:
        raise RegistryEditError("the name is empty")
    if len(name) > MAX_NAME:
        raise RegistryEditError(f"the name is longer than {MAX_NAME} characters")
    if any(unicodedata.category(c).startswith("C") for c in value):
        raise RegistryEditError("the name holds control characters")
    if not _PLAIN.fullmatch(name):
        raise RegistryEditError(
            "only a plain name is written: letters, digits, spaces and . , ' ’ & ( ) - – /, "
            "starting with a letter or digit"
        )
    return name


@dataclass(frozen=True)
class Added:
    """What :func:`add_alias` did."""

    path: str
    canonical: str
    name: str
    new_entry: bool


def add_alias(path: Path, name: str, canonical: str) -> Added:
    """Make ``name`` an accepted spelling of ``canonical`` in the YAML registry ``path``.

    ``canonical`` may be an entry's canonical name or one of its aliases; without such
    an entry, one is appended (``canonical`` with ``name`` as its alias, or ``name``
    alone when they are the same). Raises :class:`RegistryEditError` for a name or an
    entry it cannot edit safely (a name the entry lists to avoid, a flow-style entry).
    """
    name, canonical = plain_name(name), plain_name(canonical)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise RegistryEditError(f"{path.name}: only a YAML registry is edited by the server")
    text = path.read_text(encoding="utf-8-sig")
    new_text, new_entry = _with_alias(text, name, canonical)
    _replace(path, new_text)
    return Added(str(path), canonical, name, new_entry)


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split())


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else None


def _entries(root: yaml.Node | None) -> yaml.SequenceNode:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if _scalar(key) == "entities":
                root = value
                break
    if not isinstance(root, yaml.SequenceNode):
        raise RegistryEditError("the registry is not a list of entries the server can edit")
    return root


def _names(node: yaml.Node | None) -> list[str]:
    if isinstance(node, yaml.SequenceNode):
        return [v for item in node.value if (v := _scalar(item)) is not None]
    one = _scalar(node)
    return [one] if one else []


def _line_end(text: str, index: int) -> int:
    """Where the line holding ``index`` ends (before its newline)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _with_alias(text: str, name: str, canonical: str) -> tuple[str, bool]:
    try:
        root = yaml.compose(text, Loader=BoundedSafeLoader)
    except yaml.YAMLError as exc:
        raise RegistryEditError(f"the registry is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    entries = _entries(root)
    quoted = json.dumps(name, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    for entry in entries.value:
        if not isinstance(entry, yaml.MappingNode):
            continue
        fields = {_scalar(k): (k, v) for k, v in entry.value}
        accepted = _names(fields.get("canonical", (None, None))[1]) + _names(fields.get("aliases", (None, None))[1])
        if _key(canonical) not in {_key(n) for n in accepted}:
            continue
        if _key(name) in {_key(n) for n in accepted}:
            raise RegistryEditError(f"{name!r} is already an accepted spelling of {accepted[0]!r}")
        if _key(name) in {_key(n) for n in _names(fields.get("avoid", (None, None))[1])}:
            raise RegistryEditError(
                f"{name!r} is listed to avoid under {accepted[0]!r}: "
                "only an editor of the registry file can change that"
            )
        if entry.flow_style:
            raise RegistryEditError(f"the entry {accepted[0]!r} is written on one line: edit it in the file")
        if "aliases" not in fields:
            key = fields["canonical"][0]
            at = _line_end(text, fields["canonical"][1].end_mark.index)
            return text[:at] + "\n" + " " * key.start_mark.column + f"aliases: [{quoted}]" + text[at:], False
        aliases = fields["aliases"][1]
        if not isinstance(aliases, yaml.SequenceNode):
            raise RegistryEditError(f"the aliases of {accepted[0]!r} are not a list: edit them in the file")
        if aliases.flow_style:
            close = aliases.end_mark.index - 1  # the "]"
            gap = ", " if aliases.value else ""
            return text[:close] + gap + quoted + text[close:], False
        dash = aliases.start_mark.column
        at = _line_end(text, aliases.value[-1].end_mark.index)
        return text[:at] + "\n" + " " * dash + f"- {quoted}" + text[at:], False
    # No entry accepts the preferred form: a new one, at the end of the list.
    if entries.flow_style:
        raise RegistryEditError("the registry is written as one flow-style list: edit it in the file")
    indent = entries.start_mark.column if entries.value else 0
    lines = [" " * indent + f"- canonical: {json.dumps(canonical, ensure_ascii=False)}"]
    if _key(name) != _key(canonical):
        lines.append(" " * indent + f"  aliases: [{quoted}]")
    new = "\n".join(lines)
    # A block list's last item ends at the start of the line after it (or at the end).
    at = _line_end(text, max(0, entries.value[-1].end_mark.index - 1)) if entries.value else len(text)
    if at >= len(text):
        return (text if not text or text.endswith("\n") else text + "\n") + new + "\n", True
    return text[:at] + "\n" + new + text[at:], True


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to a file beside ``path``, read it back as a registry, then
    rename it over ``path``: a reader sees the old file or the new, never half."""
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.writing{path.suffix}")
    try:
        temporary.write_text(text, encoding="utf-8")
        with contextlib.suppress(OSError):  # keep the file's permissions
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        _, problems = load_registries([temporary])
        if problems:
            raise RegistryEditError(f"the edited registry would not read: {problems[0].message}")
        os.replace(temporary, path)
    except RegistryError as exc:
        raise RegistryEditError(str(exc)) from None
    finally:
        temporary.unlink(missing_ok=True)
