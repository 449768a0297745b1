"""What ``factlint serve`` checks against (``/v1/setup``), how it read an article
(``?describe=true``), and adding a spelling to a writable registry."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install -e '.[server]'")
pytest.importorskip("httpx", reason="httpx is not installed (test extra)")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note preferring the httpx2 fork
    from fastapi.testclient import TestClient

from factlint.config import Config
from factlint.errors import UsageError
from factlint.registry import load_registry
from factlint.server.app import ServerSettings, create_app
from factlint.server.registry_edit import RegistryEditError, add_alias, plain_name

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "seeds" / "registry.yaml"
UNIONS = "---\npublished: 2022-12-05\n---\nThe four unions, Alpha, Beta and Gamma, met Combatants for Piece.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copyfile(REGISTRY, tmp_path / "registry.yaml")
    (tmp_path / "factlint.toml").write_text('registries = ["registry.yaml"]\n', encoding="utf-8")
    return tmp_path


def _client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def writable(folder: Path) -> Iterator[TestClient]:
    yield from _client(
        create_app(config_path=folder / "factlint.toml", settings=ServerSettings(registry_writable=True))
    )


def test_setup_names_the_config_registry_and_facts(folder: Path) -> None:
    with TestClient(create_app(config_path=folder / "factlint.toml")) as c:
        setup = c.get("/v1/setup").json()
    assert setup["config"] == str(folder / "factlint.toml")
    assert setup["registries"] == [{"path": str(folder / "registry.yaml"), "entries": 12}]
    assert setup["registry_entries"] == 12 and setup["registry_writable"] is False
    assert {f["origin"] for f in setup["facts"]} == {"plugin"}
    assert "date/relative" in setup["date_rules"] and set(setup["date_rules"]) <= set(setup["rules"])
    assert setup["published"] is None and setup["default_published"] is None


def test_setup_without_a_config() -> None:
    with TestClient(create_app(Config())) as c:
        setup = c.get("/v1/setup").json()
        assert (setup["config"], setup["registries"], setup["registry_entries"]) == (None, [], 0)
        # The route that writes a registry is not there at all.
        assert c.post("/v1/registry/aliases", json={"name": "A", "canonical": "B"}).status_code == 404
        assert "/v1/registry/aliases" not in c.get("/openapi.json").json()["paths"]


def test_describe_says_how_the_article_was_read(folder: Path) -> None:
    with TestClient(create_app(config_path=folder / "factlint.toml")) as c:
        plain = c.post("/v1/check", json={"text": UNIONS, "format": "markdown"})
        described = c.post("/v1/check?describe=true", json={"text": UNIONS, "format": "markdown"}).json()
        assert "document" not in plain.json()  # the CLI's document, unless asked
        assert described["document"] == {
            "format": "markdown",
            "published": "2022-12-05",
            "published_from": "text",
            "silent_rules": [],
        }
        assert described["findings"] == plain.json()["findings"]
        given = c.post("/v1/check?describe=true", json={"text": UNIONS, "format": "markdown", "published": "2023"})
        assert given.json()["document"]["published_from"] == "request"
        undated = c.post("/v1/check?describe=true", json={"text": "Alpha met Beta.", "format": "text"}).json()
        assert undated["document"] == {
            "format": "text",
            "published": None,
            "published_from": None,
            "silent_rules": ["date/relative"],
        }
    config = Config(default_published="2022-01")  # type: ignore[arg-type]
    with TestClient(create_app(config)) as c:
        dated = c.post("/v1/check?describe=true", json={"text": "Alpha met Beta.", "format": "text"}).json()
        assert dated["document"]["published_from"] == "config"


def test_a_spelling_is_added_and_the_registry_reloaded(writable: TestClient, folder: Path) -> None:
    before = (folder / "registry.yaml").read_text(encoding="utf-8")
    assert writable.get("/v1/setup").json()["registry_writable"] is True
    request = {"text": UNIONS, "format": "markdown", "select": ["name/registry"]}
    assert [f["text"] for f in writable.post("/v1/check", json=request).json()["findings"]] == ["Combatants for Piece"]
    spelling = {"name": "Combatants for Piece", "canonical": "Combatants for Peace"}
    r = writable.post("/v1/registry/aliases", json=spelling)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "path": str(folder / "registry.yaml"),
        "canonical": "Combatants for Peace",
        "name": "Combatants for Piece",
        "new_entry": False,
        "registry_entries": 12,
    }
    after = (folder / "registry.yaml").read_text(encoding="utf-8")
    assert after.replace('  aliases: ["Combatants for Piece"]\n', "", 1) == before
    # The same request again: not the kept answer, a check against the new registry.
    assert writable.post("/v1/check", json=request).json()["findings"] == []
    # A name with no entry gets one, at the end of the file.
    r = writable.post("/v1/registry/aliases", json={"name": "Acme Corp", "canonical": "Acme Corporation"})
    assert r.json()["new_entry"] is True and r.json()["registry_entries"] == 13
    assert (folder / "registry.yaml").read_text(encoding="utf-8").endswith(
        '- canonical: "Acme Corporation"\n  aliases: ["Acme Corp"]\n'
    )
    assert writable.get("/v1/setup").json()["registries"][0]["entries"] == 13
    assert not list(folder.glob(".registry*"))  # no temporary file left behind


@pytest.mark.parametrize(
    ("name", "canonical", "why"),
    [
        ("Fighters for Peace", "Combatants for Peace", "listed to avoid"),
        ("Yesh Din", "Yesh Din", "already an accepted spelling"),
        ("x: [y]", "Yesh Din", "only a plain name"),
        ("#comment", "Yesh Din", "only a plain name"),
        ("Yesh\nDin", "Yesh Din", "control characters"),
        ("A" * 201, "Yesh Din", "at most 200 characters"),
    ],
)
def test_anything_but_a_plain_new_spelling_is_refused(
    writable: TestClient, folder: Path, name: str, canonical: str, why: str
) -> None:
    before = (folder / "registry.yaml").read_bytes()
    r = writable.post("/v1/registry/aliases", json={"name": name, "canonical": canonical})
    assert r.status_code == 422
    assert why in r.json()["message"] or why in str(r.json()["detail"])
    assert (folder / "registry.yaml").read_bytes() == before


def test_registry_writable_needs_a_yaml_registry(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no YAML registry"):
        create_app(Config(), settings=ServerSettings(registry_writable=True))
    csv = tmp_path / "registry.csv"
    csv.write_text("canonical,type,aliases,avoid\nYesh Din,organization,,\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no YAML registry"):
        create_app(Config(registries=(str(csv),)), settings=ServerSettings(registry_writable=True))


def test_aliases_go_where_the_entry_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "# house names\n"
        "entities:\n"
        "  - canonical: Yesh Din  # the usual spelling\n"
        "    aliases:\n"
        "      - Yesh-Din\n"
        "  - canonical: Adalah\n"
        "    aliases: []\n"
        "  - {canonical: PCATI}\n",
        encoding="utf-8",
    )
    add_alias(path, "Yesh Dinn", "Yesh-Din")
    add_alias(path, "Adala", "Adalah")
    text = path.read_text(encoding="utf-8")
    assert "      - Yesh-Din\n      - \"Yesh Dinn\"\n" in text and '    aliases: ["Adala"]\n' in text
    assert text.startswith("# house names\n") and "# the usual spelling" in text
    with pytest.raises(RegistryEditError, match="one line"):
        add_alias(path, "P.C.A.T.I.", "PCATI")
    add_alias(path, "HaMoked Centre", "HaMoked")
    registry = load_registry([path])
    assert registry.accepted("Yesh Dinn").canonical == "Yesh Din"
    assert registry.accepted("Adala").canonical == "Adalah"
    assert registry.accepted("HaMoked Centre").canonical == "HaMoked"
    assert plain_name("  B’Tselem   org ") == "B’Tselem org"
