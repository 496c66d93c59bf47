"""The registry: every table is declared once, by its model, and everything is derived.

The throwaway-table test is the contract for contributors: adding a claim table means
adding one CSV and one model module, and nothing else, before the public API loads it.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sino_russia_data import registry
from sino_russia_data.paths import default_data_dir

PACKAGE = Path(registry.__file__).resolve().parent

WIDGET_MODEL = textwrap.dedent(
    '''
    """A throwaway claim table, declared by its model alone."""

    import pandera.pandas as pa
    from pandera.typing import Series

    from .claim import MeasuredClaimModel


    class WidgetsModel(MeasuredClaimModel):
        widget: Series[str] = pa.Field(title="Widget", description="What the row is about.")

        class Config:
            name = "widgets"
            title = "Widgets"
            description = "Throwaway widget claims, to prove a table needs one CSV and one model."
            metadata = {"file": "curated/widgets.csv"}
    '''
)

USE_IT = textwrap.dedent(
    """
    import sys
    import sino_russia_data as srd
    from sino_russia_data.publishing import datapackage, dictionary
    assert srd.__file__.startswith(sys.argv[1]), srd.__file__
    widgets = srd.widgets()
    assert widgets.equals(srd.load("widgets"))
    claims = srd.claims()
    assert "widgets" in srd.__all__ and "widgets" in list(srd.tables()["name"])
    assert "Throwaway widget claims" in srd.widgets.__doc__
    assert "widgets" in datapackage.render() and "curated/widgets.csv" in dictionary.render()
    print(len(widgets), int((claims["table"] == "widgets").sum()), widgets["widget"].iloc[0])
    """
)


def _widget_rows() -> tuple[list[str], list[dict[str, str]]]:
    """Two rows made from gas claims of the shipped data (so their quotes are real)."""
    with (default_data_dir() / "curated" / "gas.csv").open(newline="", encoding="utf-8") as fh:
        gas = list(csv.DictReader(fh))
    shared = [c for c in registry.claim_columns() if c != "table"]
    rows = []
    for i, row in enumerate(r for r in gas if r["value"] and r["unit"] != "tcf"):
        if i == 2:
            break
        out = {c: row[c] for c in shared}
        out["claim_id"] = f"widgets-{row['source_id']}-{i + 1:03d}"
        out["widget"] = f"widget {i + 1}"
        rows.append(out)
    return [*shared[:2], "widget", *shared[2:]], rows


def test_a_new_table_is_one_csv_and_one_model(tmp_path):
    root = tmp_path / "checkout"
    shutil.copytree(
        PACKAGE, root / "sino_russia_data", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(default_data_dir(), root / "data")
    (root / "sino_russia_data" / "schemas" / "widgets.py").write_text(WIDGET_MODEL)
    columns, rows = _widget_rows()
    with (root / "data" / "curated" / "widgets.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    env = {**os.environ, "PYTHONPATH": str(root), "SINO_RUSSIA_DATA_CACHE": str(tmp_path / "c")}
    out = subprocess.run(
        [sys.executable, "-c", USE_IT, str(root)], capture_output=True, text=True, env=env, cwd=root
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2", "2", "widget", "1"]


def test_every_table_model_declares_name_title_description_and_file():
    for name, model in registry.models().items():
        config = vars(model)["Config"]
        for attribute in ("name", "title", "description", "metadata"):
            assert attribute in vars(config), f"{model.__name__}.Config.{attribute}"
        assert config.name == name
        assert (default_data_dir() / config.metadata["file"]).is_file()


def test_registry_order_is_sources_claims_then_the_rest():
    names = [t.name for t in registry.tables()]
    claims = sorted(t.name for t in registry.claim_tables())
    assert names == ["sources", *claims, "excluded"]


def test_base_models_are_not_tables():
    from sino_russia_data.schemas.claim import ClaimModel, DatedClaimModel, MeasuredClaimModel

    assert not any(
        registry.declares_table(m) for m in (ClaimModel, DatedClaimModel, MeasuredClaimModel)
    )


def test_cached_facts_equal_the_models_and_are_checked_on_read(tmp_path, monkeypatch):
    monkeypatch.setenv("SINO_RUSSIA_DATA_CACHE", str(tmp_path))
    registry.tables.cache_clear()
    try:
        fresh = registry.tables()
        assert fresh == registry._from_models()
        (cached,) = (tmp_path / "registry").glob("*.json")
        _digest, body = cached.read_text().split("\n", 1)
        assert json.loads(body)["tables"][0]["name"] == "sources"
        registry.tables.cache_clear()
        assert registry.tables() == fresh  # read back from the cache
        cached.write_text(cached.read_text().replace('"sources"', '"sauces"', 1))
        registry.tables.cache_clear()
        assert registry.tables() == fresh  # a tampered cache is not trusted
        cached.write_text("")
        registry.tables.cache_clear()
        assert registry.tables() == fresh
    finally:
        registry.tables.cache_clear()


def test_shipped_facts_equal_the_models_and_are_used_only_for_this_code(tmp_path, monkeypatch):
    shipped = tmp_path / "registry.json"
    monkeypatch.setattr(registry, "SHIPPED", shipped)
    shipped.write_text(registry.shipped_text(), encoding="utf-8")
    assert registry._shipped() == registry._from_models()
    key, _, body = shipped.read_text(encoding="utf-8").partition("\n")
    shipped.write_text(f"{key}\n" + body.replace('"sources"', '"sauces"', 1), encoding="utf-8")
    assert registry._shipped() is None  # tampered: not trusted
    shipped.write_text(f"another-code-pandera0\n{body}", encoding="utf-8")
    assert registry._shipped() is None  # derived from other models: not used
    shipped.unlink()
    assert registry._shipped() is None


@pytest.mark.parametrize("name", ["value", "value_low", "value_high"])
def test_unit_columns_come_from_the_field_metadata(name):
    assert registry.table("trade").field(name).unit_column == "unit"


def test_quote_and_id_columns_are_declared_not_guessed():
    assert registry.table("trade").quote_column == "quote"
    assert registry.table("excluded").quote_column == "context"
    assert registry.table("sources").quote_column is None
    assert registry.table("excluded").id_column == "exclusion_id"
    assert registry.table("sources").id_column == "source_id"


def test_a_first_load_of_the_shipped_data_imports_no_pandera(tmp_path):
    # empty cache: the facts come from the shipped registry.json, the verdict from the seal
    env = {**os.environ, "SINO_RUSSIA_DATA_CACHE": str(tmp_path / "empty-cache")}
    code = "import sys, sino_russia_data as srd; srd.claims(); print('pandera' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == ["False"]


def test_the_facts_encoder_gives_what_asdict_gives() -> None:
    from dataclasses import asdict

    from sino_russia_data.registry import _as_dict, tables

    assert all(_as_dict(t) == asdict(t) for t in tables())
