"""Every claim cites back to its article in every style; BibTeX and CITATION.cff are valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import yaml

import sino_russia_data as srd
from sino_russia_data.publishing.citation import STYLES, citation_cff

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("style", STYLES)
def test_every_claim_cites_its_article_and_quote(style):
    claims = srd.claims()
    sources = srd.sources().set_index("source_id")
    notes = srd.cite(claims, style=style)
    assert len(notes) == len(claims)
    for note, claim in zip(notes, claims.to_dict("records"), strict=True):
        src = sources.loc[claim["source_id"]]
        assert f'"{claim["quote"]}"' in note
        assert f"[claim {claim['claim_id']}]" in note
        if isinstance(src["title"], str):
            assert src["title"] in note
        if isinstance(src["url"], str):
            assert src["url"] in note
        surname = src["authors"].split(",")[0] if isinstance(src["authors"], str) else None
        assert (surname in note) if surname else ("Author not stated" in note)


def test_cite_by_id_in_each_style():
    text = srd.cite("trade-kimblank2013-001")
    assert text.startswith(
        'Younkyoo Kim and Stephen Blank, "Rethinking Russo-Chinese relations in Asia: beyond '
        "Russia's Chinese dilemma\", China: An International Journal, Dec 1, 2013."
    )
    assert srd.cite("trade-kimblank2013-001", style="chicago").startswith(
        "Kim, Younkyoo, and Stephen Blank. 2013. "
    )
    assert srd.cite("trade-kimblank2013-001", style="apa").startswith(
        "Kim, Y., & Blank, S. (2013, December 1). "
    )


def test_missing_metadata_is_shown_not_invented():
    text = srd.cite("trade-unattributed2015-001")
    assert "Author not stated" in text and "the text states no title" in text
    assert "year inferred: 2015" in text
    assert "(2015, inferred" not in srd.cite("trade-unattributed2015-001", style="chicago")
    assert "[2015, inferred]" in srd.cite("trade-unattributed2015-001", style="chicago")


def test_filtered_frame_becomes_footnotes():
    trade = srd.trade()
    shares = trade[trade["measure"] == "share"]
    notes = srd.cite(shares, style="chicago")
    assert len(notes) == len(shares) > 0
    assert all(n.startswith("Gabuev, Alexander. 2020.") for n in notes)


def test_unknown_claim_and_style_are_errors(cli):
    with pytest.raises(KeyError):
        srd.cite("trade-nobody2099-001")
    with pytest.raises(ValueError, match="unknown citation style"):
        srd.cite("trade-kimblank2013-001", style="mla")
    run = cli("cite", "trade-nobody2099-001")
    assert run.code == 1 and "no claim" in run.err
    run = cli("cite", "trade-gabuev2020-001")
    assert run.code == 0 and "Gabuev" in run.out


def test_bibtex_parses_into_five_entries():
    library = bibtexparser.parse_string(srd.bibtex())
    assert not library.failed_blocks
    keys = sorted(entry.key for entry in library.entries)
    assert keys == sorted(srd.sources()["source_id"])
    fields = {e.key: e.fields_dict for e in library.entries}
    assert fields["kimblank2013"]["author"].value == "Kim, Younkyoo and Blank, Stephen"
    assert "author" not in fields["unattributed2015"]
    assert "inferred" in fields["unattributed2015"]["note"].value


def test_citation_cff_is_valid():
    text = citation_cff()
    schema = json.loads((ROOT / "tests" / "data" / "cff-schema-1.2.0.json").read_text())
    data = yaml.safe_load(text)
    jsonschema.validate(data, schema)
    assert data["version"] == srd.__version__
    assert len(data["references"]) == 5


PINNED = ROOT / "sino_russia_data" / "published_claim_ids.txt"


def test_published_claim_ids_are_stable():
    """Renaming or dropping a published claim id fails unless CHANGELOG.md records it;
    a new id must be added to the published list on purpose."""
    pinned = set(PINNED.read_text(encoding="utf-8").split())
    current = set(srd.claims()["claim_id"])
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    recorded = set(re.findall(r"`([a-z_]+-[a-z0-9]+-\d{3})`", changelog))
    gone = sorted(pinned - current - recorded)
    assert not gone, f"published claim ids dropped or renamed without a CHANGELOG entry: {gone}"
    new = sorted(current - pinned)
    assert not new, f"new claim ids: add them to {PINNED.name} (they become published): {new}"
