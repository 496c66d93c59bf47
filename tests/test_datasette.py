"""The SQLite export opened in Datasette (its in-process client): the metadata is shown,
search returns only matching rows, the default facets work, constraints refuse bad rows,
and the serve command starts Datasette on the export."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette

from sino_russia_data import registry
from sino_russia_data.publishing import package_facts
from sino_russia_data.publishing.datasette import facets
from sino_russia_data.publishing.exports import export
from sino_russia_data.publishing.sqlite_checks import text_columns


@pytest.fixture(scope="module")
def export_paths(tmp_path_factory):
    db, meta = export("sqlite", tmp_path_factory.mktemp("datasette") / "srd.sqlite")
    return db, meta


@pytest.fixture(scope="module")
def get(export_paths):
    db, meta = export_paths
    ds = Datasette([str(db)], metadata=json.loads(meta.read_text(encoding="utf-8")))

    def fetch(path):
        async def go():
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
            return response

        return asyncio.run(go())

    return fetch


def test_metadata_is_shown(get):
    meta = get("/-/metadata.json").json()
    assert meta["title"] == package_facts.TITLE
    assert meta["license_url"] == package_facts.LICENSE["path"]
    tables = meta["databases"]["srd"]["tables"]
    trade = registry.table("trade")
    assert tables["trade"]["title"] == trade.title
    assert tables["trade"]["columns"]["value"].endswith("Unit: per row, in column `unit`.")
    page = get("/srd/trade").text
    assert trade.description in page and "MIT License" in page
    assert trade.field("measure").description in page
    for source in package_facts.sources():
        if "path" in source:
            assert source["path"] in get("/").text


def test_search_on_gas_returns_only_matching_rows(get):
    every = get("/srd/gas.json?_shape=objects&_size=max").json()["rows"]
    found = get("/srd/gas.json?_search=gas&_shape=objects&_size=max").json()["rows"]
    columns = text_columns(registry.table("gas"))
    matching = [r for r in every if any("gas" in (r[c] or "").lower().split() for c in columns)]
    assert 0 < len(found) < len(every)
    assert {r["claim_id"] for r in found} >= {r["claim_id"] for r in matching}
    for row in found:
        text = " ".join(row[c] or "" for c in columns).lower()
        assert "gas" in text, row["claim_id"]


@pytest.mark.parametrize("table", [*(t.name for t in registry.tables()), "citations"])
def test_search_works_on_every_table(get, table):
    """A word in the texts finds rows; a word in none finds none (without a full-text index
    Datasette would silently return every row)."""
    found = get(f"/srd/{table}.json?_search=the&_size=0").json()["filtered_table_rows_count"]
    none = get(f"/srd/{table}.json?_search=qqxyzzy&_size=0").json()["filtered_table_rows_count"]
    assert found > 0 and none == 0


def test_default_facets_count_the_rows(get):
    data = get("/srd/trade.json?_size=0").json()
    results = data["facet_results"]
    assert list(results) == facets(registry.table("trade"))
    by_source = {i["value"]: i["count"] for i in results["source_id"]["results"]}
    rows = get("/srd/trade.json?_shape=objects&_size=max").json()["rows"]
    assert sum(by_source.values()) == len(rows)
    for value, count in by_source.items():
        assert count == sum(r["source_id"] == value for r in rows)


def test_an_invalid_insert_is_refused(export_paths):
    con = sqlite3.connect(export_paths[0])
    try:
        columns = [r[1] for r in con.execute('PRAGMA table_info("gas")')]
        chosen = {"claim_id": "'gas-cohen2014-999'", "unit": "'bananas'"}
        select = ", ".join(chosen.get(c, f'"{c}"') for c in columns)
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute(f"INSERT INTO gas SELECT {select} FROM gas LIMIT 1")
    finally:
        con.close()


def test_serve_starts_datasette_on_the_export(cli, monkeypatch):
    from datasette import cli as datasette_cli

    seen = {}

    def fake_main(args, prog_name, standalone_mode):
        db, meta = args[1], args[3]
        seen["args"] = args
        seen["tables"] = {
            r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")
        }
        seen["meta"] = json.loads(Path(meta).read_text(encoding="utf-8"))

    monkeypatch.setattr(datasette_cli.cli, "main", fake_main)
    run = cli("serve", "--port", "8123")
    assert run.code == 0
    assert "http://127.0.0.1:8123/sino_russia_data" in run.out
    assert seen["args"][4:] == ["--host", "127.0.0.1", "--port", "8123"]
    assert {t.name for t in registry.tables()} <= seen["tables"]
    assert "sino_russia_data" in seen["meta"]["databases"]
