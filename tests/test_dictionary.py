"""The data dictionary (docs/data-dictionary.md) is fresh and documents every column."""

from __future__ import annotations

from pathlib import Path

from sino_russia_data import registry
from sino_russia_data.publishing.dictionary import render

ROOT = Path(__file__).resolve().parents[1]


def test_data_dictionary_documents_every_column():
    text = render()
    for table in registry.tables():
        for column in table.columns:
            assert f"| `{column}` |" in text
        schema = registry.model(table.name).to_schema()
        assert all(schema.columns[c].description for c in table.columns), table.name
