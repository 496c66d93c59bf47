"""The Frictionless descriptor (data/datapackage.json) is fresh, valid and follows the models."""

from __future__ import annotations

from pathlib import Path

from frictionless import validate as frictionless_validate

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.paths import default_data_dir
from sino_russia_data.publishing.datapackage import descriptor, render
from tests.conftest import edit_cell

ROOT = Path(__file__).resolve().parents[1]


def test_datapackage_passes_frictionless_validate():
    report = frictionless_validate(str(default_data_dir() / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_bad_cell_too(data_copy):
    edit_cell(data_copy, "trade", "trade-kimblank2013-004", "qualifier", "aprox")
    (data_copy / "datapackage.json").write_text(render(), encoding="utf-8")
    report = frictionless_validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    errors = report.flatten(["fieldName", "type"])
    assert ["qualifier", "constraint-error"] in errors


def test_descriptor_follows_the_models():
    desc = descriptor()
    assert desc["version"] == srd.__version__
    resources = {r["name"]: r for r in desc["resources"]}
    assert set(resources) == {t.name for t in registry.tables()}
    trade = resources["trade"]["schema"]
    fields = {f["name"]: f for f in trade["fields"]}
    assert trade["primaryKey"] == ["claim_id"]
    assert trade["foreignKeys"][0]["reference"] == {"resource": "sources", "fields": ["source_id"]}
    assert fields["value"]["type"] == "number" and fields["value"]["unit"].startswith("per row")
    assert fields["period_start"]["type"] == "date"
    assert fields["qualifier"]["constraints"]["enum"] == [
        "exact",
        "approx",
        "lower_bound",
        "upper_bound",
        "range",
    ]
    assert fields["claim_id"]["constraints"] == {
        "required": True,
        "unique": True,
        "pattern": "[a-z_]+-[a-z0-9]+-[0-9]{3,}",
    }


def test_descriptor_lists_the_sources_version_and_created_date():
    desc = descriptor()
    sources = srd.sources()
    assert len(desc["sources"]) == len(sources)
    urls = [s.get("path") for s in desc["sources"]]
    assert urls == [u if isinstance(u, str) else None for u in sources["url"]]
    assert all(s["title"] for s in desc["sources"])
    newest = sources["published"].max().strftime("%Y-%m-%d")
    assert desc["created"] == f"{newest}T00:00:00Z"
    assert "homepage" not in desc


def test_created_follows_the_newest_source_date(data_copy):
    edit_cell(data_copy, "sources", "cohen2014", "published", "2021-03-01")
    edit_cell(data_copy, "sources", "cohen2014", "date_as_printed", "March 1, 2021")
    assert descriptor(data_copy)["created"] == "2021-03-01T00:00:00Z"
    assert descriptor()["created"] != "2021-03-01T00:00:00Z"
