"""``factlint serve`` against hostile requests: numbers JSON cannot carry, lone
surrogates, foreign Host headers, answers too big to keep, checks past their budget.

The timing cases run the server in a child process with a time limit and read the
one line it prints.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install -e '.[server]'")
pytest.importorskip("httpx", reason="httpx is not installed (test extra)")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from factlint.config import Config
from factlint.planning import rule_matches
from factlint.server.app import Desk, ServerSettings, create_app, load_config

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "seeds" / "registry.yaml"
ARTICLE = "The letter was signed by three organizations: Yesh Din, Fighters for Peace, Adalah and Turat Zedek."
JSON = {"content-type": "application/json"}


def _config_file(folder: Path, extra: str = "") -> Path:
    path = folder / "factlint.toml"
    path.write_text(f"registries = [{json.dumps(str(REGISTRY))}]\n{extra}", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    return Desk(load_config(_config_file(tmp_path_factory.mktemp("hostile"))))


@pytest.fixture(scope="module")
def client(desk: Desk) -> TestClient:
    # Server exceptions become answers here, as they do for a real client.
    with TestClient(create_app(desk=desk), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def internal_errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """The catch-all's log lines (``.records``): no known hostile input may reach it."""
    caplog.set_level(logging.ERROR, logger="factlint.server")
    return caplog


# ------------------------------------------------------------------ bodies JSON cannot answer with


@pytest.mark.parametrize("path", ["/v1/check", "/v1/extract"])
@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_min_confidence_gets_422_naming_it(
    client: TestClient, internal_errors: pytest.LogCaptureFixture, path: str, number: str
) -> None:
    r = client.post(path, content=f'{{"text": "x", "min_confidence": {number}}}', headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["message"] == "body.min_confidence: Input should be a finite number"
    assert internal_errors.records == []


@pytest.mark.parametrize(
    "body,field",
    [
        (rb'{"text": "a \ud800 b"}', "text"),
        (b'{"text": "a \xed\xa0\x80 b"}', "text"),  # the surrogate's bytes, not its escape
        (rb'{"text": "x", "title": "\udc00"}', "title"),
        (rb'{"text": "x", "format": "\ud800"}', "format"),
        (rb'{"text": "x", "published": "\ud800"}', "published"),
        (rb'{"text": "x", "select": ["name/", "\ud800"]}', "select"),
        (rb'{"text": "x", "ignore": "\udfff"}', "ignore"),
    ],
)
@pytest.mark.parametrize("path", ["/v1/check", "/v1/extract"])
def test_a_lone_surrogate_gets_422_naming_the_field(
    client: TestClient, internal_errors: pytest.LogCaptureFixture, path: str, body: bytes, field: str
) -> None:
    r = client.post(path, content=body, headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["message"].startswith(f"body.{field}: contains a lone surrogate")
    assert internal_errors.records == []


@pytest.mark.parametrize(
    "body,message",
    [
        (rb'{"text": "x", "\ud800": 1}', "body: "),  # a surrogate in a key
        (rb'{"text": "x", "title": NaN}', "body.title: "),
        (b'{"text": "a \xff b"}', "the request body is not valid JSON: 'utf-8' codec"),
        (b"[" * 100_000 + b"]" * 100_000, "the request body is not valid JSON: nested too deeply"),
        (b'{"text": "x", "min_confidence": 1' + b"0" * 5000 + b"}", "the request body is not valid JSON: "),
    ],
)
def test_other_unreadable_bodies_get_422(
    client: TestClient, internal_errors: pytest.LogCaptureFixture, body: bytes, message: str
) -> None:
    r = client.post("/v1/check", content=body, headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["message"].startswith(message)
    assert internal_errors.records == []


def test_an_unexpected_exception_is_one_log_line_and_a_500_without_a_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, internal_errors: pytest.LogCaptureFixture
) -> None:
    desk = Desk(load_config(_config_file(tmp_path)))
    monkeypatch.setattr(desk, "check", lambda req: 1 / 0)
    with TestClient(create_app(desk=desk), raise_server_exceptions=False) as c:
        r = c.post("/v1/check", json={"text": "x"})
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error: the server could not answer this request"}
    assert "content-security-policy" in r.headers
    assert [rec.getMessage() for rec in internal_errors.records] == [
        "internal error answering POST /v1/check: ZeroDivisionError: division by zero"
    ]
    assert internal_errors.records[0].exc_info is None


# ------------------------------------------------------------------ Host header


def test_only_the_allowed_hosts_are_answered(desk: Desk) -> None:
    settings = ServerSettings(allowed_hosts=("127.0.0.1", "localhost", "::1", "desk.example"))
    app = create_app(desk=Desk(desk.config, settings))
    with TestClient(app, base_url="http://localhost:8000") as c:
        for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "LocalHost.", "desk.example:80"):
            assert c.get("/healthz", headers={"host": host}).status_code == 200, host
        for host in ("attacker.example", "localhost.attacker.example", "127.0.0.2", ""):
            r = c.get("/healthz", headers={"host": host})
            assert r.status_code == 400, host
            assert "is not one this server answers to" in r.json()["detail"]
        assert c.post("/v1/check", json={"text": ARTICLE}, headers={"host": "rebound.example"}).status_code == 400


def test_serve_allows_the_loopback_names_its_host_and_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from factlint.server import app as server_app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    monkeypatch.setattr(server_app, "create_app", lambda **kw: seen.update(settings=kw["settings"]))
    server_app.serve("10.0.0.5", 9000, settings=ServerSettings(allowed_hosts=("desk.example",)))
    assert seen["settings"].allowed_hosts == ("127.0.0.1", "localhost", "::1", "10.0.0.5", "desk.example")
    assert (seen["timeout_keep_alive"], seen["limit_concurrency"], seen["access_log"]) == (5, 1000, False)
    assert seen["h11_max_incomplete_event_size"] == 64 * 1024
    server_app.serve("0.0.0.0", 9000)
    assert seen["settings"].allowed_hosts == ("127.0.0.1", "localhost", "::1")


# ------------------------------------------------------------------ the result cache


def test_the_result_cache_is_bounded_in_bytes(desk: Desk) -> None:
    bounded = Desk(desk.config, ServerSettings(result_cache_bytes=20_000))
    with TestClient(create_app(desk=bounded)) as c:
        first = c.post("/v1/check", json={"text": ARTICLE, "format": "text"}).text
        one = bounded.result_cache_size[1]
        assert 2000 < one < 20_000
        for i in range(30):
            assert c.post("/v1/check", json={"text": f"{i}. {ARTICLE}", "format": "text"}).status_code == 200
            count, size = bounded.result_cache_size
            assert size <= 20_000
        assert count == 20_000 // one  # the oldest went first, none too many
        # Pushed out, and checked again to the same answer.
        assert c.post("/v1/check", json={"text": ARTICLE, "format": "text"}).text == first


def test_an_answer_larger_than_the_bound_is_not_kept(desk: Desk) -> None:
    tiny = Desk(desk.config, ServerSettings(result_cache_bytes=1000))
    with TestClient(create_app(desk=tiny)) as c:
        assert c.post("/v1/check", json={"text": ARTICLE}).status_code == 200
        assert tiny.result_cache_size == (0, 0)
        assert c.post("/v1/check", json={"text": "Nothing to see."}).status_code == 200
        assert tiny.result_cache_size[0] == 1


# ------------------------------------------------------------------ the time budget

# Ten rules that each sleep 0.3 s on an article saying SLOW, and log that they ran.
SLOW_PLUGIN = '''
import time
from pathlib import Path

import factlint

LOG = Path(__file__).with_suffix(".log")
NAP = {nap}


def _rule(n):
    class Slow(factlint.Rule):
        """Sleeps.

        ## What it flags
        ## Why it matters
        ## Example
        ## Use instead
        ## Fix safety
        ## Options
        """

        id = f"slow/r{{n}}"
        summary = "Sleeps"

        def check(self, context):
            if "SLOW" in context.document.text:
                with LOG.open("a") as log:
                    log.write(self.id + "\\n")
                if NAP > 0:
                    time.sleep(NAP)
                while NAP < 0:  # busy in Python, never returning: ticks to the log
                    start = time.monotonic()
                    while time.monotonic() - start < 0.05:
                        pass
                    with LOG.with_suffix(".ticks").open("a") as ticks:
                        ticks.write(f"{{time.time()}}\\n")
            return []

    return Slow


@factlint.hookimpl
def factlint_register_rules():
    return [_rule(n) for n in range({rules})]
'''

# Four slow articles at once, then a quick one; prints the codes, the quick one's
# time, and how many slow rules ran once the slow checks had had time to stop.
SCENARIO = """
import asyncio, json, sys, time, warnings
from pathlib import Path
warnings.simplefilter("ignore")
import httpx
from factlint.server.app import ServerSettings, create_app, load_config

folder = Path(sys.argv[1])
app = create_app(load_config(folder / "factlint.toml"), settings=ServerSettings(time_budget=0.5, workers=4))


async def main():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost", timeout=60) as c:
        # Only the slow rules: what the built-in rules cost is not what is measured here.
        slow = [c.post("/v1/check", json={"text": f"A SLOW article {i}.", "select": ["slow/"]}) for i in range(4)]
        answers = await asyncio.gather(*slow)
        start = time.perf_counter()
        quick = await c.post("/v1/check", json={"text": "A quick one."})
        took = time.perf_counter() - start
    await asyncio.sleep(1.0)
    ran = len((folder / "slow_rules.log").read_text().split())
    print(json.dumps({"slow": [a.status_code for a in answers], "quick": quick.status_code,
                      "quick_s": round(took, 2), "rules_run": ran, "ended": time.time()}))


asyncio.run(main())
"""


def _slow_server(tmp_path: Path, nap: float, rules: int) -> dict:
    (tmp_path / "slow_rules.py").write_text(SLOW_PLUGIN.format(nap=nap, rules=rules), encoding="utf-8")
    _config_file(tmp_path, 'plugins = ["slow_rules.py"]\n')
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCENARIO), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_check_past_its_budget_stops_at_the_next_plugin_call(tmp_path: Path) -> None:
    # Each slow check would take 10 x 0.3 = 3 s and hold its worker all along.
    out = _slow_server(tmp_path, nap=0.3, rules=10)
    assert out["slow"] == [503] * 4
    assert out["quick"] == 200
    assert out["quick_s"] < 1.0
    # 0.5 s of budget: each slow check ran two of its ten rules, perhaps three.
    assert out["rules_run"] <= 4 * 3, out


def test_a_plugin_call_past_the_budget_does_not_hold_up_the_others(tmp_path: Path) -> None:
    # One rule sleeping 2 s cannot be interrupted, but its worker is freed for others.
    out = _slow_server(tmp_path, nap=2.0, rules=1)
    assert out["slow"] == [503] * 4
    assert out["quick"] == 200
    assert out["quick_s"] < 1.0, out


def test_a_rule_looping_forever_is_stopped_at_the_budget(tmp_path: Path) -> None:
    out = _slow_server(tmp_path, nap=-1, rules=1)
    assert out["slow"] == [503] * 4
    assert out["quick"] == 200
    ticks = [float(t) for t in (tmp_path / "slow_rules.ticks").read_text().split()]
    # The scenario waited a second after the answers: the loops had stopped long before.
    assert ticks and max(ticks) < out["ended"] - 0.5, (max(ticks), out["ended"])


# ------------------------------------------------------------------ connections

SERVER = """
import sys
from factlint.server.app import ServerSettings, serve
serve("127.0.0.1", int(sys.argv[1]), sys.argv[2], settings=ServerSettings(header_timeout=1, timeout_keep_alive=1),
      log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_idle_and_trickling_connections_are_closed(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), str(_config_file(tmp_path))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("factlint ")
        deadline = time.monotonic() + 5
        while True:
            try:
                socket.create_connection(("127.0.0.1", port)).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.05)
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(60)]
        for s in idle[::2]:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")  # and never the end of the headers
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            assert r.status == 200
        time.sleep(2.0)
        closed = 0
        for s in idle:
            s.settimeout(0.5)
            try:
                closed += s.recv(100) == b""
            except ConnectionResetError:
                closed += 1
            except TimeoutError:
                pass
            s.close()
        assert closed == len(idle)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert err == ""


# ------------------------------------------------------------------ the API against its own schema

try:
    import schemathesis
    from hypothesis import HealthCheck, assume, settings
except ImportError:  # the test extra brings them
    schemathesis = None


def _refusal_the_schema_cannot_say(case: Any, enabled: Sequence[str]) -> bool:
    """Whether a schema-valid request is one the server must still refuse: `select`
    and `ignore` that leave no rule to run, or an extract of prose read as a claims
    file (a claims format's text is a claims document)."""
    body = case.body if isinstance(case.body, dict) else {}
    if case.path == "/v1/extract" and str(body.get("format", "")).startswith("claims"):
        return True

    def patterns(value: Any) -> list[str]:  # as the server reads a list or "a, b"
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [p.strip() for item in items if isinstance(item, str) for p in item.split(",") if p.strip()]

    select, ignore = patterns(body.get("select")), patterns(body.get("ignore"))
    left = [
        r
        for r in enabled
        if (not select or any(rule_matches(r, p) for p in select)) and not any(rule_matches(r, p) for p in ignore)
    ]
    return not left


if schemathesis is not None:
    # Built at collection: schemathesis reads the schema to generate the cases.
    _API_DESK = Desk(Config(registries=(str(REGISTRY),)), ServerSettings(time_budget=60))
    api = schemathesis.openapi.from_asgi("/openapi.json", create_app(desk=_API_DESK))

    @api.parametrize()
    @settings(
        max_examples=50,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def test_the_api_keeps_to_its_schema(case: Any) -> None:
        assume(not _refusal_the_schema_cannot_say(case, _API_DESK.enabled))
        case.call_and_validate()
