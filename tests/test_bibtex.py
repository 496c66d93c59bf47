"""BibTeX written with bibtexparser: entry types, protected capitals, month macros, an entry
for the dataset; rendered through pybtex's plain style to the exact text of each reference."""

from __future__ import annotations

import bibtexparser
import pytest
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

import sino_russia_data as srd

# pybtex plain style, text backend: the six references, by key.
PLAIN = {
    "cohen2014": "Josh Cohen. Putin's Fear of China Weakens Russia's Asia Pivot. The Moscow Times, December 2014. URL: https://www.themoscowtimes.com/2014/12/17/putins-fear-of-china-weakens-russias-asia-pivot-a4238.",
    "gabuev2020": "Alexander Gabuev. Is Putin Really Considering a Military Alliance With China? The Moscow Times, December 2020. URL: https://www.themoscowtimes.com/2020/12/02/is-putin-really-considering-a-military-alliance-with-china-a72207.",
    "blank2016": "Stephen Blank. Alliance: The Newest Phase of Russo-Chinese Relations. inFOCUS, 2016.",
    "kimblank2013": "Younkyoo Kim and Stephen Blank. Rethinking Russo-Chinese relations in Asia: beyond Russia's Chinese dilemma. China: An International Journal, December 2013.",
    "unattributed2015": "[Untitled strategy research paper]. Strategy research paper, 2015. Author and title not stated; date not stated, year inferred (see sources.csv).",
    "sino-russia-data": "sino-russia-data contributors. sino-russia-data: curated, typed, citable claims from five articles on Russia-China relations (2013-2020). Dataset, version 0.1.0, December 2026.",
}  # fmt: skip


@pytest.fixture(scope="module")
def text():
    return srd.bibtex()


def test_pybtex_plain_renders_each_reference_exactly(text):
    data = parse_string(text, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    rendered = {e.key: e.text.render(backend) for e in style.format_entries(data.entries.values())}
    assert rendered == PLAIN


def test_entry_types_and_fields(text):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert sorted(entries) == sorted([*srd.sources()["source_id"], "sino-russia-data"])
    kinds = {k: (e.entry_type, e.fields_dict.get("entrysubtype")) for k, e in entries.items()}
    assert kinds["cohen2014"][0] == kinds["kimblank2013"][0] == "article"
    assert kinds["cohen2014"][1].value == kinds["gabuev2020"][1].value == "newspaper"
    assert kinds["blank2016"][1].value == "magazine"
    assert kinds["unattributed2015"] == ("misc", None)
    fields = {k: e.fields_dict for k, e in entries.items()}
    assert fields["kimblank2013"]["author"].value == "Kim, Younkyoo and Blank, Stephen"
    assert fields["blank2016"]["issue"].value == "Fall"
    assert "author" not in fields["unattributed2015"]
    assert "inferred" in fields["unattributed2015"]["note"].value
    dataset = fields["sino-russia-data"]
    assert dataset["version"].value == srd.__version__
    assert dataset["year"].value == "2026" and "title" in dataset


def test_titles_are_protected_and_months_are_macros(text):
    library = bibtexparser.parse_string(text)  # strips the outer braces of each value
    for entry in library.entries:
        title = entry.fields_dict["title"].value
        assert title.startswith("{") and title.endswith("}"), entry.key
        if "month" in entry.fields_dict:
            assert entry.fields_dict["month"].value in ("jan", "may", "dec"), entry.key
    assert "month = dec," in text and "{dec}" not in text


def test_cli_prints_the_same(cli, text):
    run = cli("bibtex")
    assert run.code == 0 and run.out == text
