"""Speed and memory of factlint on 1,000 news articles, beside textlint and proselint.

    .venv/bin/python bench/speed.py [--corpus DIR] [--runs N] [--articles 1000]
                                    [--textlint PATH] [--proselint PATH] [--json FILE]

Builds a benchmark corpus in a temporary folder (never committed): the GUM Wikinews
texts and the Wikipedia current-events day texts of ``--corpus`` (default
``../shared/corpus``), cut at paragraph boundaries into articles of 400 to 600 words,
written as Markdown with a ``published:`` front-matter key. The corpus holds about
400,000 words, so past roughly 800 articles the same paragraphs come round again in
another order (each later pass starts elsewhere), which keeps every file distinct.

Then it times, alternating the tools within each run so that a slow moment of the
machine hits them all alike:

- factlint, every built-in rule (``--repo-consistency`` and the seed registry, so
  that the name rules have something to look up), ``--no-cache``, with ``-j 2``,
  ``-j 1`` and ``--executor dask -j 2`` (a local Dask cluster);
- textlint with textlint-rule-prh (a dictionary made from the seed registry's
  avoid -> canonical spellings) and textlint-rule-date-weekday-mismatch, when
  ``--textlint`` names an npm prefix (or the ``textlint`` binary) where they are
  installed;
- proselint, when ``--proselint`` names a virtual environment (or the binary).

Nothing is installed here: a missing tool is skipped with the command that installs
it. Peak RSS is that of the largest single process of a run (GNU ``time -f %M``,
else ``wait4``: the run's process and every descendant it waited for), so for
``-j 2`` it is one worker or the parent, not their sum. CPU time is user + system
of the run and its children, which other work on the machine disturbs less than
wall time. Before timing, each tool runs once untimed, so that Python has cached its
bytecode as it has on a user's machine.

Then ``factlint -j 1`` runs on 250, 1,000, 4,000 and 8,000 articles (with
``--repo-consistency``, up to 4,000) that each also name five people or organizations
no other article names (real names from the OFAC list, then their words recombined),
for peak RSS as the archive and its names grow.
Last, it prints each target of the speed work with its measured figure and whether it
is met, and for the targets not met where the time goes: CPU per article of each stage
(as ``bench/stages.py`` measures it, one pass) and Python's import-time report of one
cold start, summed by package.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "seeds" / "registry.yaml"
FACTLINT = [sys.executable, "-m", "factlint"]
TIME = Path("/usr/bin/time")
LOW, HIGH = 400, 600

SMALL_ARTICLE = """---
published: 2015-09-02
---
# Council approves budget

The city council approved the budget on Tuesday, September 1, 2015, by seven votes
to two. The three groups that had opposed it, Yesh Din, Adala and Combatants for
Peace, said they would keep campaigning. Earlier this month the mayor had promised
a vote before the summer recess.
"""

TEXTLINT_INSTALL = "npm install --prefix DIR textlint textlint-rule-prh textlint-rule-date-weekday-mismatch"
PROSELINT_INSTALL = "python -m venv DIR && DIR/bin/pip install proselint"


# ---------------------------------------------------------------- the corpus


def _paragraphs(text: str) -> Iterator[str]:
    """Blank-line separated blocks; a block longer than an article is split at its
    top-level lines (a current-events day section is a long bullet list)."""
    for block in text.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if len(block.split()) <= HIGH:
            yield block
            continue
        part: list[str] = []
        words = 0
        for line in block.splitlines():
            top = not line.startswith((" ", "\t"))
            if top and part and words + len(line.split()) > HIGH // 2:
                if words <= HIGH:
                    yield "\n".join(part)
                part, words = [], 0
            part.append(line)
            words += len(line.split())
        if part and words <= HIGH:
            yield "\n".join(part)


def _sources(corpus: Path) -> list[tuple[str, list[str]]]:
    """(date, paragraphs) of every corpus text, in file order."""
    gum = corpus / "gum_wikinews" / "gum_wikinews.jsonl"
    days = corpus / "wikipedia_current_events" / "current_events_days.jsonl"
    for path in (gum, days):
        if not path.exists():
            sys.exit(f"missing corpus file {path} (give --corpus DIR)")
    out: list[tuple[str, list[str]]] = []
    for line in gum.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        out.append((doc["date_created"], list(_paragraphs(doc["text"]))))
    for line in days.read_text(encoding="utf-8").splitlines():
        day = json.loads(line)
        out.append((day["date"], list(_paragraphs(day["text"]))))
    return out


def build_corpus(corpus: Path, out: Path, count: int) -> list[Path]:
    """Write ``count`` Markdown articles of LOW to HIGH words into ``out``; the same
    corpus always gives the same files."""
    sources = _sources(corpus)
    written: list[Path] = []
    seen: set[str] = set()
    passes = 0
    while len(written) < count:
        if passes > 50:
            sys.exit(f"the corpus yields only {len(written)} articles")
        # Each pass starts at another source and another paragraph of each, so that
        # a repeated paragraph lands among other neighbours.
        start = passes * len(sources) // 3
        order = sources[start:] + sources[:start]
        buf: list[str] = []
        words = 0
        date = ""
        for day, paras in order:
            shift = passes % max(1, len(paras))
            for para in paras[shift:] + paras[:shift]:
                n = len(para.split())
                while buf and words + n > HIGH:
                    words -= len(buf.pop(0).split())
                buf.append(para)
                words += n
                date = max(date, day) if buf[:-1] else day
                body = "\n\n".join(buf)
                if words >= LOW and body not in seen:
                    seen.add(body)
                    path = out / f"article-{len(written):04d}.md"
                    path.write_text(f"---\npublished: {date}\n---\n{body}\n", encoding="utf-8")
                    written.append(path)
                    if len(written) >= count:
                        return written
                if words >= LOW:
                    buf, words, date = [], 0, ""
        passes += 1
    return written


MEMORY_SIZES = (250, 1000, 4000, 8000)
"""Articles in the peak RSS runs; the repository pass, whose memory grows with the
distinct names by design, is measured up to 4,000."""
REPOSITORY_MEMORY_SIZES = (250, 1000, 4000)
FRESH_NAMES_PER_ARTICLE = 5


def build_fresh_names_corpus(corpus: Path, out: Path, count: int) -> list[Path]:
    """``count`` articles as :func:`build_corpus` writes them, each ending with a
    sentence naming people and organizations that no other article names (real
    names from the OFAC list), so that the number of distinct names grows with the
    number of articles."""
    from registry_scale import ofac_name

    names: list[str] = []
    seen: set[str] = set()
    for line in (
        (corpus / "ofac_sdn_name_variants" / "sdn_name_variants.jsonl").read_text(encoding="latin-1").splitlines()
    ):
        rec = json.loads(line)
        for raw in [rec["name"], *(v["name"] for v in rec["variants"])]:
            name = ofac_name(raw, rec["sdn_type"])
            if name.casefold() not in seen and len(name.split()) >= 2:
                seen.add(name.casefold())
                names.append(name)
    per = FRESH_NAMES_PER_ARTICLE
    # The list holds about 21,000 names; past them, the first word of one name with
    # the last of another (as bench/registry_scale.py pads its registry).
    real = len(names)
    k = 0
    while len(names) < count * per and k < real * real:
        first, last = names[k % real].split()[0], names[(k * 7919 + 1) % real].split()[-1]
        k += 1
        name = f"{first} {last}"
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    paths = build_corpus(corpus, out, count)
    for i, path in enumerate(paths):
        chosen = names[i * per : (i + 1) * per]
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"\nThe report also named {', '.join(chosen[:-1])} and {chosen[-1]}.\n")
    return paths


# ---------------------------------------------------------------- the tools


@dataclass
class Tool:
    """One way of checking the corpus."""

    name: str
    argv: list[str]
    """Arguments before the paths."""
    pass_files: bool = True
    """Give every file (True) or the folder."""
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None


@dataclass
class Result:
    """The runs of one tool."""

    tool: str
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system CPU seconds of the run and its children: less disturbed than
    wall time by other work on the machine."""
    exit_codes: list[int] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    cold_rss_kb: list[int] = field(default_factory=list)


def run(tool: Tool, paths: list[Path], folder: Path, log: Path) -> tuple[float, int, int, float]:
    """Wall time, peak RSS (KiB), exit code and CPU seconds of one run."""
    argv = [*tool.argv, *([str(p) for p in paths] if tool.pass_files else [str(folder)])]
    env = {**os.environ, **tool.env}
    # Linux counts the memory a child had before exec in its peak RSS, so measured
    # from this (large) process every tool would seem to use at least as much as it:
    # GNU time is a small process to start the tool from.
    stats = log.with_suffix(".time")
    if TIME.exists():
        argv = [str(TIME), "-f", "%M %U %S", "-o", str(stats), *argv]
    with open(log, "ab") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=tool.cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if TIME.exists():
        # The last line: GNU time says "Command exited with non-zero status" first.
        rss, user, system = stats.read_text().split("\n")[-2].split()
        return elapsed, int(rss), code, float(user) + float(system)
    return elapsed, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime


def factlint_tools(workdir: Path) -> list[Tool]:
    """factlint with every built-in rule, in one process, two, and on a local Dask cluster."""
    base = [*FACTLINT, "check", "--format", "json", "--no-cache", "--no-autoload", "--no-config",
            "--repo-consistency", "--registry", str(REGISTRY)]
    # Dask writes worker scratch space under the current folder: keep it in the temp dir.
    env = {"DASK_TEMPORARY_DIRECTORY": str(workdir / "dask")}
    return [
        Tool("factlint -j2", [*base, "-j", "2"], pass_files=False),
        Tool("factlint -j1", [*base, "-j", "1"], pass_files=False),
        Tool("factlint dask -j2", [*base, "--executor", "dask", "-j", "2"], pass_files=False, env=env),
    ]


def _find_peer(name: str, given: str | None, inside: Path, install: str) -> Path | None:
    """The peer's executable: ``given`` itself, or ``inside`` a folder given, or the one
    on PATH. None, after saying how to install it, when there is none."""
    binary = None
    if given:
        p = Path(given)
        binary = p / inside if p.is_dir() else p
    elif shutil.which(name):
        binary = Path(shutil.which(name) or "")
    if binary is None or not binary.exists():
        print(f"{name}: not found, skipped. {install}\n  then give --{name} DIR", file=sys.stderr)
        return None
    return binary


def textlint_tool(given: str | None, workdir: Path) -> Tool | None:
    """textlint with the two rules, or None (and how to install it) when it is missing."""
    binary = _find_peer(
        "textlint", given, Path("node_modules", ".bin", "textlint"), f"Install it with:\n    {TEXTLINT_INSTALL}"
    )
    if binary is None:
        return None
    modules = binary.resolve().parent.parent if binary.resolve().parent.name == ".bin" else None
    if modules is None:
        modules = binary.resolve().parents[2]  # node_modules/textlint/bin/textlint.js
    for rule in ("textlint-rule-prh", "textlint-rule-date-weekday-mismatch"):
        if not (modules / rule).exists():
            print(f"textlint: {rule} is not installed beside it, skipped. Install with:\n    {TEXTLINT_INSTALL}",
                  file=sys.stderr)
            return None
    prh = workdir / "prh.yml"
    prh.write_text(_prh_dictionary(), encoding="utf-8")
    rc = workdir / "textlintrc.json"
    rc.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]},
                                        "date-weekday-mismatch": {"lang": "en"}}}), encoding="utf-8")
    return Tool("textlint", [str(binary), "--config", str(rc), "--rules-base-directory", str(modules),
                             "--format", "json"], cwd=str(workdir))


def _prh_dictionary() -> str:
    """A prh dictionary: each avoided spelling of the seed registry -> its canonical name."""
    import yaml  # factlint depends on PyYAML

    lines = ["version: 1", "rules:"]
    for entry in yaml.safe_load(REGISTRY.read_text(encoding="utf-8")):
        avoid = entry.get("avoid") or []
        if avoid:
            lines.append(f"  - expected: {json.dumps(entry['canonical'])}")
            lines.append("    patterns:")
            lines.extend(f"      - {json.dumps(a)}" for a in avoid)
    return "\n".join(lines) + "\n"


def proselint_tool(given: str | None) -> Tool | None:
    """proselint, or None (and how to install it) when it is missing."""
    binary = _find_peer("proselint", given, Path("bin", "proselint"),
                        f"Install it in its own environment with:\n    {PROSELINT_INSTALL}")
    if binary is None:
        return None
    return Tool("proselint", [str(binary), "--output-format", "json", "check"])


# ---------------------------------------------------------------- report


def _row(r: Result, n: int, mb: float, ref: float) -> dict:
    med = statistics.median(r.times)
    return {
        "tool": r.tool,
        "median_s": round(med, 3),
        "min_s": round(min(r.times), 3),
        "max_s": round(max(r.times), 3),
        "articles_per_s": round(n / med, 1),
        "mb_per_s": round(mb / med, 3),
        "ratio_vs_factlint_j2": round(med / ref, 2),
        "cpu_s": round(statistics.median(r.cpu), 2),
        "peak_rss_mb": round(max(r.rss_kb) / 1024, 1),
        "cold_start_s": round(statistics.median(r.cold), 3) if r.cold else None,
        "cold_rss_mb": round(max(r.cold_rss_kb) / 1024, 1) if r.cold_rss_kb else None,
        "exit_codes": sorted(set(r.exit_codes)),
    }


def _print_table(rows: list[dict]) -> None:
    head = ["tool", "median s", "min-max s", "articles/s", "MB/s", "x factlint -j2", "CPU s", "peak RSS MB",
            "cold start s", "cold RSS MB", "exit"]
    lines = [
        [
            r["tool"],
            f"{r['median_s']:.2f}",
            f"{r['min_s']:.2f}-{r['max_s']:.2f}",
            f"{r['articles_per_s']:.0f}",
            f"{r['mb_per_s']:.2f}",
            f"{r['ratio_vs_factlint_j2']:.2f}",
            f"{r['cpu_s']:.1f}",
            f"{r['peak_rss_mb']:.0f}",
            "-" if r["cold_start_s"] is None else f"{r['cold_start_s']:.2f}",
            "-" if r["cold_rss_mb"] is None else f"{r['cold_rss_mb']:.0f}",
            ",".join(map(str, r["exit_codes"])),
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")


# ---------------------------------------------------------------- targets


def _targets(rows: list[dict], memory: dict[str, list[dict]]) -> list[dict]:
    """Each target of the speed work with its measured figure; ``met`` is None when
    this run could not measure it (a peer not installed, memory runs skipped)."""
    by_tool = {r["tool"]: r for r in rows}
    j2 = by_tool["factlint -j2"]
    j1 = by_tool["factlint -j1"]
    out = [
        {"target": "articles/s, every rule, -j 2", "goal": ">= 1000", "measured": f"{j2['articles_per_s']:.0f}",
         "met": j2["articles_per_s"] >= 1000},
    ]
    for peer, times in (("textlint", 10), ("proselint", 20)):
        if peer in by_tool:
            ratio = by_tool[peer]["median_s"] / j2["median_s"]
            out.append({"target": f"-j 2 faster than {peer}", "goal": f">= {times}x", "measured": f"{ratio:.2f}x",
                        "met": ratio >= times})
        else:
            out.append({"target": f"-j 2 faster than {peer}", "goal": f">= {times}x", "measured": "not installed",
                        "met": None})
    out.append({"target": "cold start, one small file", "goal": "<= 0.20 s", "measured": f"{j2['cold_start_s']:.2f} s",
                "met": j2["cold_start_s"] <= 0.20})
    scaling = j1["median_s"] / j2["median_s"]
    out.append({"target": "-j 2 over -j 1", "goal": ">= 1.7x", "measured": f"{scaling:.2f}x", "met": scaling >= 1.7})
    for name, sizes in memory.items():
        # Levelled off: the largest corpus needs under a tenth more than the next one.
        grows = len(sizes) > 1 and sizes[-1]["peak_rss_mb"] > 1.1 * sizes[-2]["peak_rss_mb"]
        figures = " / ".join(f"{m['peak_rss_mb']:.0f}" for m in sizes)
        counts = " / ".join(str(m["articles"]) for m in sizes)
        out.append({"target": f"peak RSS levels off ({name})", "goal": "< +10% at the largest size",
                    "measured": f"{figures} MB at {counts} articles", "met": None if len(sizes) < 2 else not grows})
    return out


def _print_targets(targets: list[dict]) -> None:
    print("\ntargets:")
    width = max(len(t["target"]) for t in targets)
    for t in targets:
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[t["met"]]
        print(f"  {t['target']:{width}s}  {t['measured']:>22s}  goal {t['goal']:<26s} {verdict}")
    print("  registry of 100,000 entities, <= 1 ms per mention: python bench/registry_scale.py")


def _print_where_time_goes(targets: list[dict], paths: list[Path], small: Path, work: Path) -> None:
    """For the targets not met: where the time goes, per article and at start-up."""
    unmet = {t["target"] for t in targets if t["met"] is False}
    if unmet & {
        "articles/s, every rule, -j 2",
        "-j 2 faster than textlint",
        "-j 2 faster than proselint",
        "-j 2 over -j 1",
    }:
        from factlint.checker import Checker
        from factlint.config import Config
        from stages import one_pass  # the per-stage profile of bench/stages.py

        engine = Checker(Config(registries=(str(REGISTRY),), repo_consistency=True, autoload=False))
        spent = one_pass(engine, paths)
        total = sum(spent.values())
        print("\nwhere each article's CPU goes (one process, one pass; bench/stages.py for more):")
        for name, sec in sorted(spent.items(), key=lambda kv: -kv[1])[:8]:
            print(f"  {name:28s} {1000 * sec / len(paths):6.2f} ms  {100 * sec / total:5.1f}%")
        print(f"  {'total':28s} {1000 * total / len(paths):6.2f} ms  -> {len(paths) / total:.0f} articles/s per core")
    if "cold start, one small file" in unmet:
        _print_start_up(small, work)


def _print_start_up(small: Path, work: Path) -> None:
    """Python's import-time report of one cold start, summed by top-level package."""
    argv = [*factlint_tools(work)[0].argv, str(small)]
    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], capture_output=True, text=True)
    own: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            top = parts[2].strip().split(".")[0]
            own[top] = own.get(top, 0) + int(parts[0])
    total = sum(own.values())
    print(
        f"\nstart-up imports, one cold start (python -X importtime, {total / 1000:.0f} ms in all; "
        "it inflates each a little):"
    )
    for top, us in sorted(own.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {top:28s} {us / 1000:6.1f} ms  {100 * us / total:5.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each tool (default 5)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--textlint",
        metavar="PATH",
        help="npm prefix where textlint and its rules are installed, or the textlint binary",
    )
    parser.add_argument(
        "--proselint", metavar="PATH", help="virtual environment where proselint is installed, or the binary"
    )
    parser.add_argument(
        "--no-memory-scaling", action="store_true", help="skip the peak RSS runs on 250 to 8,000 articles"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers to FILE")
    args = parser.parse_args()
    # Measure the tools as a user runs them: Python keeps compiled bytecode unless told
    # not to, and without it every start would compile factlint's modules again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    work = Path(tempfile.mkdtemp(prefix="factlint-speed-"))
    try:
        articles = work / "articles"
        articles.mkdir()
        paths = build_corpus(args.corpus, articles, args.articles)
        n = len(paths)
        size = sum(p.stat().st_size for p in paths)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        small_dir = work / "small"
        small_dir.mkdir()
        small = small_dir / "small.md"
        small.write_text(SMALL_ARTICLE, encoding="utf-8")
        log = work / "stderr.log"

        tools = factlint_tools(work)
        for extra in (textlint_tool(args.textlint, work), proselint_tool(args.proselint)):
            if extra is not None:
                tools.append(extra)
        results = {t.name: Result(t.name) for t in tools}
        for tool in tools:  # untimed: caches bytecode, and the files are in the page cache
            run(tool, [small], small_dir, log)
        print(f"{n} articles, {words:,} words, {size / 1e6:.2f} MB in {articles}", file=sys.stderr)
        for i in range(args.runs):
            for tool in tools:
                t, rss, code, cpu = run(tool, paths, articles, log)
                r = results[tool.name]
                r.times.append(t)
                r.cpu.append(cpu)
                r.rss_kb.append(rss)
                r.exit_codes.append(code)
                ct, crss, _, _ = run(tool, [small], small_dir, log)
                r.cold.append(ct)
                r.cold_rss_kb.append(crss)
                print(f"run {i + 1}/{args.runs} {tool.name}: {t:.2f} s, exit {code}, cold {ct:.2f} s", file=sys.stderr)

        ref = statistics.median(results["factlint -j2"].times)
        rows = [_row(r, n, size / 1e6, ref) for r in results.values()]
        j1 = statistics.median(results["factlint -j1"].times)
        dask = statistics.median(results["factlint dask -j2"].times)

        memory: dict[str, list[dict]] = {}
        if not args.no_memory_scaling:
            # -j 1: the one process that reads every file and holds every finding; with
            # and without the repository pass, which keeps one entry per distinct name.
            # The articles here name people and organizations no other article names,
            # as an archive does: repeated names would leave any cache small.
            fresh = work / "fresh-names"
            fresh.mkdir()
            fresh_paths = build_fresh_names_corpus(args.corpus, fresh, max(MEMORY_SIZES))
            j1_tool = tools[1]
            without = Tool(
                "factlint -j1, no repository pass",
                [a for a in j1_tool.argv if a != "--repo-consistency"],
                pass_files=False,
            )
            for tool, sizes in ((without, MEMORY_SIZES), (j1_tool, REPOSITORY_MEMORY_SIZES)):
                memory[tool.name] = []
                for count in sizes:
                    sub = work / f"first-{count}"
                    if not sub.exists():
                        sub.mkdir()
                        for p in fresh_paths[:count]:
                            os.link(p, sub / p.name)
                    t, rss, code, _ = run(tool, [], sub, log)
                    memory[tool.name].append(
                        {"articles": count, "peak_rss_mb": round(rss / 1024, 1), "seconds": round(t, 2), "exit": code}
                    )

        load = os.getloadavg()[1]
        machine = (
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        print(f"\n{n} articles of {LOW}-{HIGH} words ({words:,} words, {size / 1e6:.2f} MB), "
              f"{args.runs} runs each, {time.strftime('%Y-%m-%d')}, {machine}; "
              f"load average at the end {load:.1f}"
              + (" (above the core count: other work shared the machine)" if load > (os.cpu_count() or 1) else "")
              + "\n")
        _print_table(rows)
        print(f"\nfactlint --jobs 2 vs --jobs 1: {j1 / ref:.2f}x faster ({j1:.2f} s -> {ref:.2f} s)")
        print(f"factlint --executor dask -j 2 (local cluster, 2 workers): {n / dask:.0f} articles/s "
              f"= {n / dask / 2:.0f} per worker, including the cluster's start ({dask:.2f} s)")
        for name, sizes in memory.items():
            print(f"\n{name}: peak RSS by corpus size")
            for m in sizes:
                print(
                    f"  {m['articles']:>5} articles: {m['peak_rss_mb']:.0f} MB ({m['seconds']:.2f} s, exit {m['exit']})"
                )
        targets = _targets(rows, memory)
        _print_targets(targets)
        if not all(t["met"] for t in targets if t["met"] is not None):
            _print_where_time_goes(targets, paths, small, work)
        bad = [r["tool"] for r in rows if any(c not in (0, 1) for c in r["exit_codes"])]
        if bad:
            print(
                f"\nunexpected exit codes from {', '.join(bad)}; their stderr:\n"
                f"{log.read_text(errors='replace')[-3000:]}"
            )
        if args.json:
            args.json.write_text(json.dumps({
                "date": time.strftime("%Y-%m-%d"), "machine": machine, "articles": n, "words": words,
                "bytes": size, "runs": args.runs, "load_average_5min": load, "tools": rows,
                "jobs2_vs_jobs1": round(j1 / ref, 2),
                "dask_articles_per_s": round(n / dask, 1),
                "memory_by_articles": memory,
                "targets": targets,
                "raw": [asdict(r) for r in results.values()],
            }, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
