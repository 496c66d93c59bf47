"""The xlsx export opened with openpyxl: a README sheet with the package's facts and a
column dictionary, frozen and filtered data sheets with fitted widths, the properties."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.publishing import package_facts
from sino_russia_data.publishing.exports import export


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = export("xlsx", tmp_path_factory.mktemp("xlsx") / "srd.xlsx")[0]
    return load_workbook(path)


def test_readme_sheet_comes_first_with_the_package_facts(book):
    assert book.sheetnames[0] == "README"
    sheet = book["README"]
    facts = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r[0] and r[1]}
    assert facts["title"] == package_facts.TITLE
    assert facts["version"] == srd.__version__
    assert "MIT" in facts["licence"]
    for source in package_facts.sources():
        assert source["title"] in facts[f"source {source['source_id']}"]


def test_readme_sheet_has_a_dictionary_of_every_column(book):
    rows = list(book["README"].iter_rows(values_only=True))
    start = rows.index(
        ("sheet", "column", "type", "required", "unit", "allowed values", "description")
    )
    listed = {(r[0], r[1]): r for r in rows[start + 1 :]}
    for table in registry.tables():
        for field in table.fields:
            row = listed[(table.name, field.name)]
            assert row[2] == field.type and row[3] == ("yes" if field.required else "no")
            assert field.description in row[6]
    assert "exact: The text states the figure plainly" in listed[("trade", "qualifier")][5]


@pytest.mark.parametrize("name", [*(t.name for t in registry.tables()), "claims"])
def test_data_sheets_are_frozen_filtered_and_fitted(book, name):
    sheet = book[name]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    widths = [sheet.column_dimensions[c].width for c in ("A", "B")]
    assert all(8 <= w <= 60 for w in widths)
    assert [c.value for c in sheet[1]] == list(
        srd.load(name).columns if name != "claims" else srd.claims().columns
    )


def test_workbook_properties_carry_title_and_creator(book):
    assert book.properties.title == package_facts.TITLE
    assert book.properties.creator == "sino-russia-data contributors"
    assert book.properties.creator != "openpyxl"
