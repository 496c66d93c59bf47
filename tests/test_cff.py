"""CITATION.cff: written with yaml.safe_dump, valid for cffconvert and the CFF 1.2.0 schema,
with release date, abstract, keywords and fully dated references."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from cffconvert import Citation

import sino_russia_data as srd
from sino_russia_data.publishing.cff import citation_cff

ROOT = Path(__file__).resolve().parents[1]


def test_cffconvert_validates_it_and_converts_it_to_a_usable_bibtex_entry():
    citation = Citation(citation_cff())
    citation.validate()  # cffconvert --validate
    entry = citation.as_bibtex()  # cffconvert -f bibtex
    assert entry.startswith("@misc{")
    assert "title = {sino-russia-data: curated, typed, citable claims" in entry
    assert "year = {2026}" in entry and "author = {sino-russia-data contributors}" in entry


def test_the_package_metadata():
    text = citation_cff()
    data = yaml.safe_load(text)
    schema = json.loads((ROOT / "tests" / "data" / "cff-schema-1.2.0.json").read_text())
    jsonschema.validate(data, schema)
    assert data["version"] == srd.__version__
    assert str(data["date-released"]) == "2026-12-01"
    assert data["abstract"].startswith("The quantitative claims") and data["keywords"]
    assert "repository-code" not in data and "url" not in data  # none invented
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == text


def test_references_carry_full_dates_and_urls():
    refs = {r["title"]: r for r in yaml.safe_load(citation_cff())["references"]}
    sources = srd.sources()
    assert len(refs) == len(sources) == 5
    cohen = refs["Putin's Fear of China Weakens Russia's Asia Pivot"]
    assert cohen["type"] == "newspaper-article"
    assert (cohen["year"], cohen["month"], str(cohen["date-published"])) == (2014, 12, "2014-12-17")
    assert cohen["url"].startswith("https://www.themoscowtimes.com/2014/12/17/")
    kim = next(r for r in refs.values() if r["type"] == "article")
    assert str(kim["date-published"]) == "2013-12-01"
    assert refs["Alliance: The Newest Phase of Russo-Chinese Relations"]["issue"] == "Fall"
    untitled = refs["[Untitled strategy research paper]"]
    assert untitled["year"] == 2015 and "inferred" in untitled["notes"]
    assert "month" not in untitled
