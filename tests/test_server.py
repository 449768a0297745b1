"""``factlint serve``'s HTTP API, in process: every endpoint and every limit."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install -e '.[server]'")
httpx = pytest.importorskip("httpx", reason="httpx is not installed (test extra)")

with warnings.catch_warnings():
    # Newer Starlette prefers the httpx2 fork; httpx works the same for these tests.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from factlint.checker import Checker as Engine
from factlint.cli import main as cli_main
from factlint.errors import UsageError
from factlint.server import MISSING_EXTRA, add_serve_parser, run_serve
from factlint.server.app import CONTENT_SECURITY_POLICY, Desk, ServerSettings, create_app, load_config

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"
REGISTRY = ROOT / "seeds" / "registry.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")
STATIC = ROOT / "engine" / "factlint" / "server" / "static"


def _config_file(folder: Path, extra: str = "") -> Path:
    path = folder / "factlint.toml"
    path.write_text(f"registries = [{json.dumps(str(REGISTRY))}]\n{extra}", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    """One desk for the module: plugins load once, as in a real server."""
    return Desk(load_config(_config_file(tmp_path_factory.mktemp("server"))), ServerSettings(engine_cache=2))


@pytest.fixture(scope="module")
def client(desk: Desk) -> TestClient:
    with TestClient(create_app(desk=desk)) as c:
        yield c


def _cli(*argv: str) -> str:
    out = io.StringIO()
    cli_main(list(argv), out=out, err=io.StringIO())
    return out.getvalue()


# ------------------------------------------------------------------ /v1/check


def test_check_gives_the_cli_json_findings(client: TestClient) -> None:
    r = client.post("/v1/check", json={"text": SEED_TEXT, "format": "text", "published": "2022-12"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    cli = _cli(
        "check",
        str(SEED),
        "--published",
        "2022-12",
        "--registry",
        str(REGISTRY),
        "--format",
        "json",
        "--no-cache",
        "--no-config",
    )
    assert r.text == cli.replace(str(SEED), "<request>")  # byte for byte
    body = r.json()
    assert body["schema_version"] == 1
    assert [f["text"] for f in body["findings"]] == [
        "Center for the Defense of the Individual",
        "Parents Against Child Arrest",
        "Fighters for Peace",
        "Turat Zedek",
    ]
    turat = body["findings"][-1]
    assert turat["fix"]["edits"][0]["replacement"] == "Torat Tzedek"
    assert SEED_TEXT[turat["start"] : turat["end"]] == "Turat Zedek"


def test_check_reads_markdown_html_and_text(client: TestClient) -> None:
    markdown = "---\npublished: 2015-09-10\n---\nThe vote was on Tuesday, September 2, 2015.\n"
    r = client.post("/v1/check", json={"text": markdown, "format": "markdown"})
    assert [f["rule"] for f in r.json()["findings"]] == ["date/weekday"]
    assert r.json()["findings"][0]["line"] == 4  # a source line: front matter counted

    html = (
        "<html><head><meta name='date' content='2015-09-10'></head>"
        "<body><p>The vote was on <b>Tuesday</b>, September 2, 2015.</p></body></html>"
    )
    r = client.post("/v1/check", json={"text": html, "format": "html"})
    assert [f["rule"] for f in r.json()["findings"]] == ["date/weekday"]

    r = client.post(
        "/v1/check",
        json={"text": "The vote was on Tuesday, September 2, 2015.", "format": "text", "published": "2015-09"},
    )
    assert [f["rule"] for f in r.json()["findings"]] == ["date/weekday"]


def test_the_request_date_wins_over_the_front_matter(client: TestClient) -> None:
    text = "---\npublished: 2023-01-10\n---\nEarlier this month (December), the groups met.\n"
    flagged = client.post("/v1/check", json={"text": text}).json()
    assert [f["rule"] for f in flagged["findings"]] == ["date/relative"]
    assert client.post("/v1/check", json={"text": text, "published": "2022-12-20"}).json()["findings"] == []


def test_an_unreadable_article_is_an_error_in_the_report(client: TestClient) -> None:
    r = client.post("/v1/check", json={"text": "---\npublished: [unclosed\n---\nText.\n", "format": "markdown"})
    assert r.status_code == 200
    body = r.json()
    assert body["findings"] == [] and body["summary"]["input_errors"] == 1
    assert body["errors"][0]["path"] == "<request>" and body["errors"][0]["rule"] == "engine/input-error"


def test_select_ignore_and_min_confidence_narrow_the_servers_rules(client: TestClient, desk: Desk) -> None:
    text = SEED_TEXT
    base = {"text": text, "format": "text", "published": "2022-12"}
    assert len(client.post("/v1/check", json={**base, "select": ["name/"]}).json()["findings"]) == 4
    assert client.post("/v1/check", json={**base, "select": "count/mismatch,date/"}).json()["findings"] == []
    assert client.post("/v1/check", json={**base, "ignore": ["name/registry"]}).json()["findings"] == []
    assert client.post("/v1/check", json={**base, "min_confidence": 0.99}).json()["findings"] == []
    # Engines are cached per selection, and the cache stays bounded.
    assert len(desk._engines) <= desk.settings.engine_cache


def test_a_request_cannot_turn_on_what_the_server_config_leaves_off(tmp_path: Path) -> None:
    config = _config_file(tmp_path, 'ignore = ["name/registry"]\n[severity]\n"date/weekday" = "error"\n')
    with TestClient(create_app(config_path=config)) as c:
        r = c.post("/v1/check", json={"text": SEED_TEXT, "select": ["name/registry"]})
        assert r.status_code == 422
        assert r.json()["message"] == "body.select: no rule of this server is left to run"
        rules = {x["id"]: x for x in c.get("/v1/rules").json()}
        assert rules["name/registry"]["enabled"] is False
        assert rules["date/weekday"]["severity"] == "error"
        assert c.get("/healthz").json()["rules"] == len(rules) - 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"format": "text"}, "body.text"),
        ({"text": "   \n"}, "body.text"),
        ({"text": "x", "format": "docx"}, "body.format"),
        ({"text": "x", "published": "December 2022"}, "body.published"),
        ({"text": "x", "published": "2022-02-30"}, "body.published"),
        ({"text": "x", "select": ["nope/"]}, "body.select"),
        ({"text": "x", "ignore": [3]}, "body.ignore"),
        ({"text": "x", "min_confidence": 2}, "body.min_confidence"),
        ({"text": "x", "path": "/etc/passwd"}, "body.path"),
    ],
)
def test_bad_fields_get_422_naming_the_field(client: TestClient, payload: dict, field: str) -> None:
    r = client.post("/v1/check", json=payload)
    assert r.status_code == 422
    body = r.json()
    assert body["message"].split(":")[0] in (field, field + ".0"), body["message"]
    assert ".".join(str(p) for p in body["detail"][0]["loc"]).startswith(field)


def test_malformed_json_gets_422(client: TestClient) -> None:
    r = client.post("/v1/check", content=b'{"text": "x",', headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["message"].startswith("the request body is not valid JSON")


def test_an_article_sent_again_is_answered_from_the_result_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    original = Engine.verify_fixes  # called once for each article checked
    monkeypatch.setattr(Engine, "verify_fixes", lambda self, *a: calls.append(1) or original(self, *a))
    app = create_app(config_path=_config_file(tmp_path), settings=ServerSettings(result_cache=1))
    calls.clear()  # the server's own check at start-up
    with TestClient(app) as c:
        first = c.post("/v1/check", json={"text": SEED_TEXT, "published": "2022-12"}).text
        assert c.post("/v1/check", json={"text": SEED_TEXT, "published": "2022-12"}).text == first
        assert len(calls) == 1
        # Anything that can change the answer is part of the key.
        c.post("/v1/check", json={"text": SEED_TEXT, "published": "2023-01"})
        c.post("/v1/check", json={"text": SEED_TEXT, "published": "2022-12", "select": ["name/"]})
        assert len(calls) == 3
        # The cache holds one answer here, so the first was pushed out.
        assert c.post("/v1/check", json={"text": SEED_TEXT, "published": "2022-12"}).text == first
        assert len(calls) == 4
    app = create_app(config_path=_config_file(tmp_path), settings=ServerSettings(result_cache=0))
    calls.clear()
    with TestClient(app) as c:
        c.post("/v1/check", json={"text": SEED_TEXT})
        c.post("/v1/check", json={"text": SEED_TEXT})
        assert len(calls) == 2


# ------------------------------------------------------------------ limits


def test_a_body_over_the_limit_gets_413(tmp_path: Path) -> None:
    app = create_app(config_path=_config_file(tmp_path), settings=ServerSettings(max_body=1000))
    with TestClient(app) as c:
        small = {"text": "a" * 900}
        assert c.post("/v1/check", json=small).status_code == 200
        r = c.post("/v1/check", json={"text": "a" * 1000})
        assert r.status_code == 413
        assert r.json()["detail"] == "the request body is larger than this server's limit of 1000 bytes (1000 bytes)"
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY

        # Without a Content-Length the body is counted as it streams in.
        def chunks():
            for _ in range(20):
                yield b"x" * 100

        r = c.post("/v1/extract", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_the_default_limit_is_two_megabytes(client: TestClient) -> None:
    r = client.post("/v1/check", content=b"x" * (2 * 1024 * 1024 + 1), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "2 MB" in r.json()["detail"]


def _slow_check_document(seconds: float, marker: str):
    """Engine.check_document, slowed down for articles containing ``marker``."""
    original = Engine.check_document

    def slow(self, document, sources=()):
        if marker in document.text:
            time.sleep(seconds)
        return original(self, document, sources)

    return slow


def test_a_check_over_the_time_budget_gets_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Engine, "check_document", _slow_check_document(1.0, "SLOW"))
    app = create_app(config_path=_config_file(tmp_path), settings=ServerSettings(time_budget=0.2))
    with TestClient(app) as c:
        start = time.perf_counter()
        r = c.post("/v1/check", json={"text": "A SLOW article."})
        assert time.perf_counter() - start < 0.9
        assert r.status_code == 503
        assert r.json()["detail"].startswith("the check took longer than this server's budget of 0.2 s")
        assert r.headers["retry-after"] == "5"
        assert c.post("/v1/check", json={"text": "A quick one."}).status_code == 200


def test_a_slow_article_does_not_hold_up_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Engine, "check_document", _slow_check_document(1.5, "SLOW"))
    app = create_app(config_path=_config_file(tmp_path))

    async def scenario() -> tuple[float, float, list[int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            start = time.perf_counter()
            done: dict[str, float] = {}

            async def post(name: str, text: str) -> int:
                r = await c.post("/v1/check", json={"text": text, "format": "text"})
                done[name] = time.perf_counter() - start
                return r.status_code

            codes = await asyncio.gather(
                post("slow", "A SLOW article."), *(post(f"quick{i}", SEED_TEXT) for i in range(3))
            )
            return done["slow"], max(v for k, v in done.items() if k != "slow"), list(codes)

    slow, quick, codes = asyncio.run(scenario())
    assert codes == [200, 200, 200, 200]
    assert slow >= 1.5
    assert quick < 1.0, f"quick checks waited {quick:.2f} s behind the slow one"


# ------------------------------------------------------------------ other endpoints


def test_extract_gives_the_cli_claims_file(client: TestClient) -> None:
    r = client.post("/v1/extract", json={"text": SEED_TEXT, "format": "text", "published": "2022-12"})
    assert r.status_code == 200
    cli = _cli("extract", str(SEED), "--published", "2022-12", "--registry", str(REGISTRY), "--no-config")
    assert r.text == cli.replace(str(SEED), "<request>")
    assert {c["kind"] for c in r.json()["claims"]} >= {"entity", "count", "date"}


def test_extract_refuses_an_unreadable_article(client: TestClient) -> None:
    r = client.post("/v1/extract", json={"text": "---\npublished: 2022-13-01\n---\nText.\n"})
    assert r.status_code == 422
    assert r.json()["message"].startswith("body.text: 2:")


def test_rules_and_rule_docs(client: TestClient) -> None:
    rules = client.get("/v1/rules").json()
    cli = json.loads(_cli("rules", "--format", "json"))
    assert [{k: v for k, v in r.items() if k != "enabled"} for r in rules] == cli
    assert all(r["enabled"] for r in rules)

    r = client.get("/v1/rules/name/registry")
    assert r.status_code == 200
    explained = _cli("explain", "name/registry")
    assert r.json()["documentation"] in explained
    assert r.json()["documentation"].startswith("Flags a name")
    assert "## What it flags" in r.json()["documentation"]

    r = client.get("/v1/rules/name/nothing")
    assert r.status_code == 404
    assert r.json()["detail"].startswith("unknown rule 'name/nothing'; known rules: count/mismatch")


def test_healthz(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["registry_entries"] > 0 and body["rules"] >= 6 and body["plugin_errors"] == []


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/v1/check", "/v1/extract", "/v1/rules", "/v1/rules/{rule_id}", "/v1/setup", "/healthz"
    }
    request = schema["components"]["schemas"]["CheckRequest"]
    assert set(request["properties"]) == {
        "text", "format", "published", "title", "select", "ignore", "min_confidence", "sources"
    }
    # The interactive docs pages would load scripts from a CDN.
    assert client.get("/docs").status_code == 404


# ------------------------------------------------------------------ the page


def test_the_page_and_its_assets_are_served_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "http://" not in page.text and "https://" not in page.text and "<script>" not in page.text
    for path, kind in (("/static/app.js", "text/javascript"), ("/static/app.css", "text/css")):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith(kind)
        assert "http://" not in r.text and "https://" not in r.text


def test_the_script_never_turns_text_into_markup() -> None:
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink


def test_the_page_is_labelled_for_assistive_technology() -> None:
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    for control in ("article", "file", "format", "published"):
        assert f'<label for="{control}">' in page
    assert 'aria-live="polite"' in page and 'role="status"' in page and 'lang="en"' in page


# ------------------------------------------------------------------ starting the server


def test_the_serve_command_parses_its_options() -> None:
    parser = argparse.ArgumentParser(prog="factlint")
    add_serve_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--port", "9001", "--config", "x.toml", "--time-budget", "2.5"])
    assert (args.command, args.host, args.port, args.config, args.time_budget) == (
        "serve",
        "127.0.0.1",
        9001,
        "x.toml",
        2.5,
    )
    assert args.max_body == 2 * 1024 * 1024


def test_without_the_extra_serve_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now raises ImportError
    parser = argparse.ArgumentParser()
    add_serve_parser(parser.add_subparsers(dest="command"))
    assert run_serve(parser.parse_args(["serve"])) == 2
    assert capsys.readouterr().err == MISSING_EXTRA + "\n"
    assert "pip install -e '.[server]'" in MISSING_EXTRA and "pip install fastapi uvicorn" in MISSING_EXTRA


def test_the_base_package_imports_no_web_framework() -> None:
    code = (
        "import sys, factlint.cli, factlint.server; "
        "print(any(m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_bad_config_or_registry_stops_the_server_before_it_listens(tmp_path: Path) -> None:
    broken = tmp_path / "registry.yaml"
    broken.write_text("- canonical: [not a name\n", encoding="utf-8")
    config = tmp_path / "factlint.toml"
    config.write_text('registries = ["registry.yaml"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match="registry not used"):
        create_app(config_path=config)
    with pytest.raises(UsageError, match="no such file"):
        create_app(config_path=tmp_path / "missing.toml")
    done = subprocess.run(
        [sys.executable, "-m", "factlint.server", "--config", str(tmp_path / "missing.toml"), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith("missing.toml: no such file")
