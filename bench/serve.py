"""Load-test ``factlint serve`` on this machine's loopback interface.

    python bench/serve.py [--requests 2000] [--concurrency 8] [--same] [--article FILE]

Starts the server as its own process (with a config naming the seed registry), waits
until it answers, sends a fixed number of ``POST /v1/check`` requests of a ~600-word
article from ``--concurrency`` client threads on kept-alive connections, then stops
the server. Prints latency percentiles, requests per second, errors and the server's
resident memory at start, after warm-up and at the end.

By default each request's article differs by its last line, so every request is a
real check; ``--same`` sends one unchanged article, which the server's result cache
answers after the first check. Exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"
REGISTRY = ROOT / "seeds" / "registry.yaml"

# Appended to the seed (393 words) to make a ~600-word article with more dates,
# counts and names for the checks to read.
FOLLOW_UP = """
Reaction

On Tuesday, December 6, 2022, three days after the letter was made public, a spokesperson for the court said the prosecutor had received it and would answer in the new year. The office did not say whether Khan would travel to the region before March.

Two of the signatories, Yesh Din and Adalah, said they had sent the prosecutor evidence in 2021 and again earlier this year. Both groups said the material covered more than 40 cases, including demolitions in the Jordan Valley and arrests of minors in East Jerusalem.

The Israeli Foreign Ministry declined to comment on the letter. In a statement last week, a ministry official repeated that Israel does not recognise the court's authority and said the government would keep working with its allies on the matter.

Legal scholars said the pledge was unusual. "It is rare for organizations based in a country to invite an international prosecutor in so openly," said a professor of international law in Jerusalem, who asked not to be named. She said the letter was likely to add pressure on the office to set a date for the visit.

The prosecutor's office has opened 17 investigations since the court began its work in 2002.
"""  # noqa: E501 (the article's paragraphs are one line each, as published)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_kib(pid: int) -> tuple[int, int]:
    """Resident and peak resident memory of a process, in KiB (Linux)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


class Client(threading.Thread):
    """Sends requests on one kept-alive connection until the shared counter runs out."""

    def __init__(self, port: int, bodies, counter, latencies: list[float], errors: list[str]) -> None:
        super().__init__(daemon=True)
        self.port, self.bodies, self.counter = port, bodies, counter
        self.latencies, self.errors = latencies, errors

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while (i := self.counter()) is not None:
            body = self.bodies(i)
            start = time.perf_counter()
            try:
                conn.request("POST", "/v1/check", body=body, headers={"content-type": "application/json"})
                response = conn.getresponse()
                payload = response.read()
                elapsed = time.perf_counter() - start
                if response.status != 200 or b'"schema_version"' not in payload:
                    self.errors.append(f"{response.status}: {payload[:200]!r}")
                else:
                    self.latencies.append(elapsed)
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.close()


def run(args: argparse.Namespace) -> dict:
    article = (
        Path(args.article).read_text(encoding="utf-8") if args.article else SEED.read_text(encoding="utf-8") + FOLLOW_UP
    )
    words = len(article.split())

    def body(i: int) -> bytes:
        text = article if args.same else f"{article}\nUpdate {i}.\n"
        return json.dumps({"text": text, "format": args.format, "published": args.published}).encode()

    lock = threading.Lock()
    sent = [0]

    def counter() -> int | None:
        with lock:
            if sent[0] >= args.requests:
                return None
            sent[0] += 1
            return sent[0]

    with tempfile.TemporaryDirectory(prefix="factlint-bench-") as tmp:
        config = Path(tmp) / "factlint.toml"
        config.write_text(f"registries = [{json.dumps(str(REGISTRY))}]\n", encoding="utf-8")
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "factlint.server",
                "--port",
                str(port),
                "--config",
                str(config),
                "--workers",
                str(args.workers),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=tmp,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        sys.exit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")
                    time.sleep(0.1)
            rss_start, _ = _rss_kib(server.pid)

            warm: list[float] = []
            warm_errors: list[str] = []
            for i in range(args.warmup):  # first requests build caches; not measured
                Client(port, lambda _i, i=i: body(-1 - i), iter([i, None]).__next__, warm, warm_errors).run()
            rss_warm, _ = _rss_kib(server.pid)

            latencies: list[float] = []
            errors: list[str] = []
            clients = [Client(port, body, counter, latencies, errors) for _ in range(args.concurrency)]
            start = time.perf_counter()
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            wall = time.perf_counter() - start
            rss_end, rss_peak = _rss_kib(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

    ordered = sorted(latencies)
    ms = lambda v: round(v * 1000, 1)  # noqa: E731
    return {
        "article_words": words,
        "mode": "same article (result cache)" if args.same else "a different article each request",
        "requests": args.requests,
        "concurrency": args.concurrency,
        "server_threads": args.workers,
        "ok": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
        "p50_ms": ms(_percentile(ordered, 50)),
        "p95_ms": ms(_percentile(ordered, 95)),
        "p99_ms": ms(_percentile(ordered, 99)),
        "mean_ms": ms(statistics.fmean(ordered)) if ordered else None,
        "requests_per_s": round(len(latencies) / wall, 1),
        "wall_s": round(wall, 2),
        "rss_mib_start": round(rss_start / 1024, 1),
        "rss_mib_after_warmup": round(rss_warm / 1024, 1),
        "rss_mib_end": round(rss_end / 1024, 1),
        "rss_mib_peak": round(rss_peak / 1024, 1),
    }


def main() -> None:
    """Parse the options, run the load test and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests to send in all (default: 2000)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads sending at once (default: 8)")
    parser.add_argument("--workers", type=int, default=4, help="the server's checking threads (default: 4)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests first (default: 20)")
    parser.add_argument("--same", action="store_true", help="send one unchanged article every time")
    parser.add_argument("--article", help="article file to send (default: the seed plus a follow-up, ~600 words)")
    parser.add_argument("--format", default="text", choices=["markdown", "html", "text"])
    parser.add_argument("--published", default="2022-12")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be at least 1")
    result = run(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['requests']} requests of a {result['article_words']}-word article, {result['mode']}, "
            f"{result['concurrency']} at a time ({result['server_threads']} server threads, {os.cpu_count()} cores)\n"
            f"latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms; "
            f"{result['requests_per_s']} requests/s; {result['errors']} errors\n"
            f"server RSS {result['rss_mib_start']} MiB at start, {result['rss_mib_after_warmup']} MiB after warm-up, "
            f"{result['rss_mib_end']} MiB at the end (peak {result['rss_mib_peak']} MiB)"
        )
        for e in result["first_errors"]:
            print(f"error: {e}")
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
