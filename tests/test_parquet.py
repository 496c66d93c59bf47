"""The Parquet export read back with pyarrow: field and schema metadata, date32 dates,
dictionary-encoded vocabularies."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.checking.verdicts import fingerprint
from sino_russia_data.paths import default_data_dir
from sino_russia_data.publishing import package_facts
from sino_russia_data.publishing.exports import export


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet") / "pq"
    export("parquet", out)
    return out


@pytest.mark.parametrize("name", [t.name for t in registry.tables()])
def test_each_field_carries_its_metadata_and_type(folder, name):
    schema = pq.read_schema(folder / f"{name}.parquet")
    table = registry.table(name)
    assert schema.names == table.columns
    for field in table.fields:
        arrow = schema.field(field.name)
        meta = {k.decode(): v.decode() for k, v in (arrow.metadata or {}).items()}
        assert meta["description"].startswith(f"{field.title}. {field.description}")
        if field.unit_column is not None:
            assert meta["unit"] == f"per row, in column `{field.unit_column}`"
        else:
            assert "unit" not in meta
        if field.enum is not None:
            assert pa.types.is_dictionary(arrow.type), field.name
            values = json.loads(meta["values"])
            assert list(values) == list(field.enum)
            assert all(isinstance(v, str) and v for v in values.values())
            assert meta["vocabulary"]
        if field.type == "date":
            assert arrow.type == pa.date32(), field.name


def test_schema_metadata_names_the_package(folder):
    meta = {
        k.decode(): v.decode() for k, v in pq.read_schema(folder / "trade.parquet").metadata.items()
    }
    assert meta["title"] == registry.table("trade").title
    assert meta["version"] == srd.__version__
    assert json.loads(meta["licence"])["name"] == "MIT"
    sources = json.loads(meta["sources"])
    assert [s["source_id"] for s in sources] == list(srd.sources()["source_id"])
    assert meta["fingerprint"] == fingerprint(default_data_dir())
    assert meta["created"] == package_facts.created()


def test_vocabulary_meanings_come_from_the_vocabulary(folder):
    from sino_russia_data import vocabulary

    field = pq.read_schema(folder / "trade.parquet").field("unit")
    assert json.loads(field.metadata[b"values"]) == vocabulary.UNIT


def test_claims_file_has_every_claim_with_metadata(folder):
    table = pq.read_table(folder / "claims.parquet")
    assert table.num_rows == len(srd.claims())
    assert table.schema.field("table").metadata[b"description"].startswith(b"Table.")
    assert table.schema.field("period_end").type == pa.date32()
