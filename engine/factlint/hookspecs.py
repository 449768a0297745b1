"""The factlint plugin API: every hook a plugin may implement, with its contract.

A plugin is a module (or object) with functions named after these hooks and marked
with :data:`factlint.hookimpl`, registered through the ``factlint`` entry-point group::

    # pyproject.toml
    [project.entry-points.factlint]
    house-rules = "house_rules"

    # house_rules.py
    import factlint

    @factlint.hookimpl
    def factlint_register_rules():
        return [HouseStyleRule]

Hooks *register* things (loaders answer for one document); the engine decides when to
run them, times each call, and turns an exception into an ``engine/plugin-error``
finding naming the plugin, so one broken plugin never stops a run.

Stability: a hook's arguments are only ever added to, never renamed or removed. An
implementation may take any subset of the arguments the spec lists (pluggy passes
only the ones it names), so a plugin written today keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .markers import PROJECT_NAME, hookimpl, hookspec

if TYPE_CHECKING:
    from .config import Config
    from .extractors import Extractor
    from .models import ClaimBase, Document, InputFormat, Source
    from .mutations import Mutator
    from .reporting import Reporter
    from .rules import Rule

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]


@hookspec(historic=True)
def factlint_configure(config: Config) -> None:
    """Called once when the configuration is loaded, before any document is read.

    :param config: the run's :class:`~factlint.config.Config` (frozen; read it, or
        keep values from it on your plugin).

    Historic: a plugin registered later still gets the call. Return nothing.
    """


@hookspec(firstresult=True)
def factlint_load_document(source: Source, config: Config) -> Document | None:
    """Turn a source file into a :class:`~factlint.models.Document`, if it is yours.

    Called for every file to check, plugin by plugin, until one returns a document.

    :param source: the file: ``source.path`` (as given), ``source.suffix`` (lower
        case, with the dot), ``source.text`` (decoded UTF-8; the engine has already
        refused files that are binary or not UTF-8).
    :param config: the run's configuration (e.g. ``config.published`` to override
        the publication date, ``config.front_matter_date_key``).

    Return a Document, or None if the file is not in your format. Raise
    :class:`factlint.LoadError` for a file in your format that is broken (it becomes
    an ``engine/input-error`` naming the file and place, exit 2); any other exception
    is reported as ``engine/plugin-error``. First result wins.
    """


@hookspec
def factlint_register_formats() -> list[InputFormat]:
    """Return the :class:`~factlint.InputFormat` declarations of the formats this
    plugin's loader reads: a name and the file suffixes it answers to.

    Called once when the engine starts. A directory is searched for every declared
    suffix (unless the config lists its own ``include`` globs), and the Python API and
    the server turn a format name (``check_text(format="html")``) into its usual
    suffix. A format name registered by two plugins is a load error. Declaring a
    format does not load anything: :func:`factlint_load_document` still decides
    whether a file is yours.
    """


@hookspec
def factlint_register_extractors() -> list[type[Extractor]]:
    """Return the :class:`~factlint.extractors.Extractor` classes this plugin provides.

    Called once when the engine starts. Each class names the claim kinds it
    ``produces`` and ``requires``; the engine instantiates it once and runs it only
    when a selected rule needs one of those kinds.
    """


@hookspec
def factlint_register_rules() -> list[type[Rule]]:
    """Return the :class:`~factlint.rules.Rule` classes this plugin provides.

    Called once when the engine starts. Each class carries its ``id``
    (``family/name``, unique across plugins: a clash is a load error naming both
    plugins), ``summary``, default ``severity``, the claim kinds it ``requires``, an
    ``Options`` model, and documentation in its docstring. The engine instantiates
    each selected rule once with its configured options and calls ``check`` once per
    document.
    """


@hookspec
def factlint_register_claim_kinds() -> list[type[ClaimBase]]:
    """Return the claim models this plugin adds: subclasses of
    :class:`~factlint.ClaimBase` whose ``kind`` field defaults to a namespaced name
    (``kind: Literal["acme.quote"] = "acme.quote"``).

    Called once when the engine starts. A kind registered by two plugins, or one that
    is not namespaced, is a load error naming the plugins. Registering the kind is
    what lets ``factlint plugins`` show it and other plugins' rules ``require`` it;
    the extractor producing it names it in ``produces``.
    """


@hookspec
def factlint_register_reporters() -> list[type[Reporter]]:
    """Return the :class:`~factlint.reporting.Reporter` classes (output formats) this
    plugin provides, each with the ``name`` that ``--format`` selects.

    Called once when the engine starts. A name registered twice is a load error.
    """


@hookspec
def factlint_register_mutators() -> dict[str, Mutator] | list[tuple[str, Mutator]]:
    """Return the mutators this plugin provides for mutation tests, by group name: a
    mapping ``{"acme": plant_quote_errors}`` or a list of ``(group, mutator)`` pairs.

    A :data:`~factlint.Mutator` is a function ``(doc_id, text, published, claims,
    rng)`` yielding :class:`~factlint.Mutation` objects, each one error planted in a
    clean text with the spans where a finding should appear. The group is the rule
    family expected to notice those errors (factlint's own are ``count``, ``date``
    and ``name``): :func:`factlint.testing.mutation_report` selects mutators by it
    (``kinds=["acme"]``), scores each group on its own, and gives every mutation the
    group as its ``family``.

    Called once when the engine starts; checking never runs a mutator, only the test
    kit and the benchmark do. A group registered by two plugins is a load error
    naming both plugins.
    """


@hookspec
def factlint_register_fact_files() -> list[str]:
    """Return the paths of the reference-fact files this plugin ships: YAML or CSV in
    the format ``docs/facts.md`` describes, or SQLite written by ``factlint facts
    build --output``. Give absolute paths, e.g. ``str(Path(__file__).parent /
    "facts.sqlite")``.

    Called once when the engine starts; the files are read only when a rule first
    reads ``ctx.facts``, so registering them costs a run that selects no such rule
    nothing. Every plugin's files and the user's (``--facts``, ``facts`` in the
    config) make one :class:`~factlint.FactStore`, the plugins' first (by plugin
    name), then the user's. A fact that does not validate is left out.
    """
