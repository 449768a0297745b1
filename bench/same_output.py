"""Does this checkout report exactly what another revision reports? Byte for byte.

    .venv/bin/python bench/same_output.py --against REV [--articles 1000] [--corpus DIR]

For work that must not change behaviour (moving code, splitting modules, renaming
private things). Builds REV in a git worktree with its own virtual environment (its
own entry points, so a plugin added or moved since does not leak into it), then runs
the same commands with both and compares their standard output, standard error and
exit code:

- every golden fixture folder, as ``factlint check`` sees it (json, text and sarif;
  the folder's ``registry.yaml`` when it has one);
- the seed article on both of its publication dates, in every output format, with
  the seed registry, and with ``--diff --unsafe-fixes``;
- ``--articles`` news articles cut from the Wikinews and Wikipedia current-events
  texts of ``--corpus`` (as ``bench/speed.py`` builds them), with every rule,
  ``--repo-consistency`` and the seed registry, in one process and in two, and with
  ``--diff --unsafe-fixes``.

``factlint extract`` (the claims as JSON) is compared too and reported apart: a change
to the claim model shows there by design, and only there.

Prints one line per command (same, or the first differing lines) and exits 1 if any
check output differs.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from speed import build_corpus  # noqa: E402

SEED = ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"
REGISTRY = ROOT / "seeds" / "registry.yaml"


@dataclass(frozen=True)
class Command:
    """One factlint command run by both revisions."""

    label: str
    args: tuple[str, ...]
    claims: bool = False  # a claims dump: differences reported apart


def _venv(tree: Path, where: Path) -> Path:
    """A virtual environment with ``tree`` installed (editable, with its entry points)."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    subprocess.run([str(where / "bin" / "pip"), "install", "-q", "-e", str(tree)], check=True)
    return where / "bin" / "factlint"


def _commands(articles: Path | None) -> list[Command]:
    out: list[Command] = []
    for folder in sorted(p for p in (ROOT / "fixtures").iterdir() if p.is_dir()):
        registry = ("--registry", str(folder / "registry.yaml")) if (folder / "registry.yaml").exists() else ()
        for fmt in ("json", "text", "sarif"):
            out.append(Command(f"fixtures/{folder.name} {fmt}",
                               ("check", "--no-config", "--no-cache", "--format", fmt, *registry, str(folder))))
        extract = ("extract", "--no-config", *registry, str(folder))
        out.append(Command(f"fixtures/{folder.name} extract", extract, claims=True))
    for published in ("2022-12", "2023-01-10"):
        base = ("--no-config", "--no-cache", "--published", published, "--registry", str(REGISTRY))
        for fmt in ("json", "text", "sarif", "junit", "github", "jsonl"):
            out.append(Command(f"seed {published} {fmt}", ("check", *base, "--format", fmt, str(SEED))))
        out.append(Command(f"seed {published} --diff", ("check", *base, "--diff", "--unsafe-fixes", str(SEED))))
        out.append(Command(f"seed {published} extract",
                           ("extract", "--no-config", "--published", published, str(SEED)), claims=True))
    if articles is not None:
        base = ("check", "--no-config", "--no-cache", "--repo-consistency", "--registry", str(REGISTRY), "-q")
        out.append(Command(f"{articles.name} json -j 1", (*base, "--format", "json", "-j", "1", str(articles))))
        out.append(Command(f"{articles.name} json -j 2", (*base, "--format", "json", "-j", "2", str(articles))))
        out.append(Command(f"{articles.name} sarif", (*base, "--format", "sarif", "-j", "2", str(articles))))
        out.append(Command(f"{articles.name} --diff", (*base, "--diff", "--unsafe-fixes", "-j", "2", str(articles))))
        out.append(Command(f"{articles.name} extract", ("extract", "--no-config", str(articles)), claims=True))
    return out


def _run(factlint: Path, command: Command, cwd: Path) -> str:
    env = {**os.environ, "FACTLINT_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1", "PYTHONHASHSEED": "0"}
    done = subprocess.run([str(factlint), *command.args], capture_output=True, text=True, cwd=cwd, env=env)
    return f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"


def _first_difference(before: str, after: str, context: int = 40) -> list[str]:
    """The start of a unified diff from the first differing line on (a diff of whole
    outputs of a thousand articles would take minutes to compute)."""
    old, new = before.splitlines(), after.splitlines()
    first = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    start = max(0, first - 1)
    window = difflib.unified_diff(
        old[start : first + context], new[start : first + context], "before", "after", lineterm="", n=1
    )
    return list(window)[:24]


def main(argv: list[str] | None = None) -> int:
    """Run every command with both revisions and report the differences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="the git revision to compare with")
    parser.add_argument("--articles", type=int, default=1000, help="corpus articles to build (0: none)")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factlint-same-") as tmp:
        work = Path(tmp)
        base_tree = work / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base_tree), args.against],
                       check=True)
        try:
            print(f"building {args.against} and this checkout in fresh environments ...", file=sys.stderr)
            base = _venv(base_tree, work / "base-venv")
            here = _venv(ROOT, work / "here-venv")
            articles = None
            if args.articles and Path(args.corpus).is_dir():
                articles = work / "articles"
                articles.mkdir()
                build_corpus(Path(args.corpus), articles, args.articles)
            elif args.articles:
                print(f"no corpus at {args.corpus}: fixtures and seed only", file=sys.stderr)
            differ = claims_differ = 0
            for command in _commands(articles):
                before, after = _run(base, command, ROOT), _run(here, command, ROOT)
                if before == after:
                    print(f"same     {command.label} ({len(after):,} bytes)")
                    continue
                if command.claims:
                    claims_differ += 1
                else:
                    differ += 1
                print(f"DIFFERS  {command.label}")
                for line in _first_difference(before, after):
                    print(f"         {line}")
            print(f"\n{differ} check commands differ; {claims_differ} claims dumps differ")
            return 1 if differ else 0
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base_tree)], check=False)


if __name__ == "__main__":
    sys.exit(main())
