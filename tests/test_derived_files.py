"""Every file derived from the models is fresh; `generate` re-renders, `--check` reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sino_russia_data import registry
from sino_russia_data.publishing.derived_files import (
    DERIVED,
    END,
    START,
    data_files_table,
    generate,
    stale,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", list(DERIVED))
def test_derived_file_is_fresh(name):
    checked_in = (ROOT / name).read_text(encoding="utf-8")
    assert checked_in == DERIVED[name](ROOT), "run: sino-russia-data generate"


def test_readme_data_files_table_has_a_row_per_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(START)[1].split(END)[0]
    assert section.strip() == data_files_table()
    for table in registry.tables():
        assert f"| `data/{table.file}` | `srd.{table.name}()` | {table.description} |" in section


@pytest.fixture
def project_copy(tmp_path):
    for name in DERIVED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_a_stale_file_is_reported_and_regenerated(project_copy):
    assert stale(project_copy) == []
    dictionary = project_copy / "docs" / "data-dictionary.md"
    dictionary.write_text(dictionary.read_text().replace("| `unit` |", "| `units` |", 1))
    readme = project_copy / "README.md"
    readme.write_text(readme.read_text().replace("`srd.gas()`", "`srd.gaz()`"))
    assert stale(project_copy) == ["docs/data-dictionary.md", "README.md"]
    assert generate(project_copy) == ["docs/data-dictionary.md", "README.md"]
    assert stale(project_copy) == []
    assert generate(project_copy) == []  # nothing changes, nothing is rewritten


def test_a_readme_without_the_markers_is_a_clear_error(project_copy):
    (project_copy / "README.md").write_text("# no table here\n")
    with pytest.raises(ValueError, match="no data-files section"):
        stale(project_copy)


def test_generate_check_command(cli):
    run = cli("generate", "--check")
    assert (run.code, run.out) == (0, "generate: every derived file is fresh\n")
