"""Generated documentation stays in step with the models; importing the package is cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sino_russia_data import registry
from sino_russia_data.publishing.dictionary import render

ROOT = Path(__file__).resolve().parents[1]


def test_data_dictionary_is_fresh():
    checked_in = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert checked_in == render(), "run: sino-russia-data dictionary --out docs/data-dictionary.md"


def test_data_dictionary_documents_every_column():
    text = render()
    for table in registry.tables():
        for column in table.columns:
            assert f"| `{column}` |" in text
        schema = registry.model(table.name).to_schema()
        assert all(schema.columns[c].description for c in table.columns), table.name


def test_import_loads_no_pandas_pandera_or_matplotlib():
    code = (
        "import sys, sino_russia_data as srd; "
        "print(srd.__version__); "
        "print(sorted(m for m in ('pandas', 'pandera', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[1] == "[]"


def test_version_is_in_changelog():
    import sino_russia_data as srd

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {srd.__version__}" in changelog
