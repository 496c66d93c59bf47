"""Every claim cites back to its article in every style, from every input form a user holds;
the quote is its display form; attribution is said; references are exactly as expected."""

from __future__ import annotations

import re
from collections import namedtuple
from pathlib import Path

import pandas as pd
import pytest

import sino_russia_data as srd
from sino_russia_data.publishing.citation import STYLES, reference, short_citation
from sino_russia_data.texts.display import display_quote

ROOT = Path(__file__).resolve().parents[1]
MARKUP = re.compile(r"\\[$_*\[\]]|</?u>|\w- \w")  # capture artefacts a reader must not see

# The reference of each source in each style (Chicago and APA rendered by citeproc-py).
REFERENCES = {
    ("cohen2014", "text"): 'Josh Cohen, "Putin\'s Fear of China Weakens Russia\'s Asia Pivot", The Moscow Times, December 17, 2014. https://www.themoscowtimes.com/2014/12/17/putins-fear-of-china-weakens-russias-asia-pivot-a4238',
    ("cohen2014", "chicago"): "Cohen, Josh. 2014. “Putin's Fear of China Weakens Russia's Asia Pivot.” The Moscow Times, December 17. https://www.themoscowtimes.com/2014/12/17/putins-fear-of-china-weakens-russias-asia-pivot-a4238.",
    ("cohen2014", "apa"): "Cohen, J. (2014, December 17). Putin's Fear of China Weakens Russia's Asia Pivot. The Moscow Times. https://www.themoscowtimes.com/2014/12/17/putins-fear-of-china-weakens-russias-asia-pivot-a4238",
    ("gabuev2020", "text"): 'Alexander Gabuev, "Is Putin Really Considering a Military Alliance With China?", The Moscow Times, December 2, 2020. https://www.themoscowtimes.com/2020/12/02/is-putin-really-considering-a-military-alliance-with-china-a72207',
    ("gabuev2020", "chicago"): "Gabuev, Alexander. 2020. “Is Putin Really Considering a Military Alliance With China?” The Moscow Times, December 2. https://www.themoscowtimes.com/2020/12/02/is-putin-really-considering-a-military-alliance-with-china-a72207.",
    ("gabuev2020", "apa"): "Gabuev, A. (2020, December 2). Is Putin Really Considering a Military Alliance With China? The Moscow Times. https://www.themoscowtimes.com/2020/12/02/is-putin-really-considering-a-military-alliance-with-china-a72207",
    ("blank2016", "text"): 'Stephen Blank, "Alliance: The Newest Phase of Russo-Chinese Relations", inFOCUS, Fall 2016.',
    ("blank2016", "chicago"): "Blank, Stephen. 2016. “Alliance: The Newest Phase of Russo-Chinese Relations.” inFOCUS, Autumn.",
    ("blank2016", "apa"): "Blank, S. (2016, Autumn). Alliance: The Newest Phase of Russo-Chinese Relations. inFOCUS.",
    ("kimblank2013", "text"): 'Younkyoo Kim and Stephen Blank, "Rethinking Russo-Chinese relations in Asia: beyond Russia\'s Chinese dilemma", China: An International Journal, December 1, 2013.',
    ("kimblank2013", "chicago"): "Kim, Younkyoo, and Stephen Blank. 2013. “Rethinking Russo-Chinese Relations in Asia: Beyond Russia's Chinese Dilemma.” China: An International Journal, December.",
    ("kimblank2013", "apa"): "Kim, Y., & Blank, S. (2013). Rethinking Russo-Chinese relations in Asia: beyond Russia's Chinese dilemma. China: An International Journal.",
    ("unattributed2015", "text"): "[Untitled strategy research paper], n.d. [2015?]. Author not stated.",
    ("unattributed2015", "chicago"): "[Untitled strategy research paper]. [2015?].",
    ("unattributed2015", "apa"): "[Untitled strategy research paper]. (ca. 2015).",
}  # fmt: skip


@pytest.fixture(scope="module")
def sources():
    return srd.sources().set_index("source_id", drop=False)


@pytest.mark.parametrize(("source_id", "style"), sorted(REFERENCES))
def test_each_reference_in_each_style(sources, source_id, style):
    assert reference(sources.loc[source_id].to_dict(), style) == REFERENCES[source_id, style]


@pytest.mark.parametrize("style", STYLES)
def test_every_claim_cites_its_article_and_display_quote(sources, style):
    claims = srd.claims()
    notes = srd.cite(claims, style=style)
    assert len(notes) == len(claims)
    for note, claim in zip(notes, claims.to_dict("records"), strict=True):
        src = sources.loc[claim["source_id"]]
        shown = display_quote(claim["quote"], src)
        who = claim.get("attributed_to")
        lead = "Quoted"
        if isinstance(who, str) and claim.get("attribution_kind") != "author":
            lead = f"{short_citation(src, style)}, citing {display_quote(who, src)}"
        assert note == (
            f'{REFERENCES[claim["source_id"], style]} {lead}: "{shown}" [claim {claim["claim_id"]}]'
        )
        assert not MARKUP.search(note), note


def test_capture_markup_is_cleaned_from_the_quote():
    cohen = srd.cite("gas-cohen2014-003")
    assert "$400 billion" in cohen and r"\$" not in cohen
    gabuev = [n for n in srd.cite(srd.trade()) if "trade-gabuev2020-" in n]
    assert any("nearly doubled" in n for n in gabuev)
    assert not any("<u>" in n for n in gabuev)


def test_every_input_form_gives_one_footnote_per_claim():
    trade = srd.trade()
    one = srd.cite("trade-kimblank2013-001")
    assert isinstance(one, str) and one.endswith("[claim trade-kimblank2013-001]")
    row = trade[trade["claim_id"] == "trade-kimblank2013-001"].iloc[0]
    assert srd.cite(row) == one  # a Series row
    (as_tuple,) = trade[trade["claim_id"] == "trade-kimblank2013-001"].itertuples()
    assert srd.cite(as_tuple) == one  # a namedtuple row
    ids = ["trade-kimblank2013-001", "trade-gabuev2020-001"]
    by_ids = srd.cite(ids)
    assert by_ids[0] == one and by_ids[1].endswith("[claim trade-gabuev2020-001]")
    frame = trade.set_index("claim_id", drop=False).loc[ids]
    assert srd.cite(frame) == by_ids  # a filtered DataFrame, in its row order
    assert srd.cite(frame[["claim_id"]]) == by_ids  # rows without a quote are looked up
    assert srd.cite(pd.Series(ids)) == by_ids  # a column of ids
    Row = namedtuple("Row", ["claim_id"])
    assert srd.cite(Row("trade-kimblank2013-001")) == one


@pytest.mark.parametrize(
    ("style", "lead"),
    [
        ("text", "Cohen (2014), citing TASS: "),
        ("chicago", "Cohen (2014), citing TASS: "),
        ("apa", "Cohen (2014), citing TASS: "),
    ],
)
def test_attribution_is_said_in_every_style(style, lead):
    row = srd.gas().set_index("claim_id", drop=False).loc["gas-cohen2014-003"].copy()
    row["attributed_to"] = "TASS"
    row["attribution_kind"] = "agency"
    note = srd.cite(row, style=style)
    assert note.startswith(REFERENCES["cohen2014", style] + " " + lead + '"')
    row["attributed_to"] = None  # an empty attribution says nothing
    assert " citing " not in srd.cite(row, style=style)


def test_the_shipped_attributions_are_cited():
    note = srd.cite("exercises-cohen2014-002")
    assert " Cohen (2014), citing Russia's TASS news agency: \"" in note, note
    own = srd.claims()
    own = own[own["attribution_kind"] == "author"]
    assert len(own) >= 1 and all("Quoted: " in n for n in srd.cite(own))


def test_attribution_names_every_author():
    frame = srd.trade()
    frame = frame[frame["claim_id"] == "trade-kimblank2013-001"].assign(attributed_to="Xinhua")
    assert "Kim & Blank (2013), citing Xinhua: " in srd.cite(frame, style="apa")[0]
    assert "Kim and Blank (2013), citing Xinhua: " in srd.cite(frame, style="chicago")[0]
    frame = srd.trade()
    frame = frame[frame["claim_id"] == "trade-unattributed2015-001"].assign(attributed_to="SIPRI")
    assert "[Untitled strategy research paper] (n.d. [2015?]), citing SIPRI: " in srd.cite(frame)[0]


def test_bad_input_is_a_clear_error(cli):
    with pytest.raises(KeyError, match="trade-nobody2099-001"):
        srd.cite("trade-nobody2099-001")
    with pytest.raises(KeyError, match="trade-nobody2099-001"):
        srd.cite(["trade-kimblank2013-001", "trade-nobody2099-001"])
    with pytest.raises(ValueError, match="unknown citation style"):
        srd.cite("trade-kimblank2013-001", style="mla")
    with pytest.raises(TypeError, match="claim id"):
        srd.cite(42)
    row = srd.trade().iloc[0].copy()
    row["source_id"] = "nobody2099"
    with pytest.raises(KeyError, match="no source 'nobody2099'"):
        srd.cite(row)
    run = cli("cite", "trade-nobody2099-001")
    assert run.code == 1 and "no claim 'trade-nobody2099-001'" in run.err
    run = cli("cite", "trade-gabuev2020-001", "--style", "apa")
    assert run.code == 0 and run.out.startswith(REFERENCES["gabuev2020", "apa"])


def test_cli_cites_several_claims_and_reports_bad_data(cli, tmp_path):
    ids = ["trade-kimblank2013-001", "gas-cohen2014-003"]
    run = cli("cite", *ids, "--style", "chicago")
    assert run.code == 0 and run.out == "\n\n".join(srd.cite(ids, style="chicago")) + "\n"
    for command in (["cite", *ids], ["bibtex"], ["csl-json"], ["consistency"]):
        run = cli(*command, "--data-dir", str(tmp_path))
        assert run.code == 1, command
        assert "curated/sources.csv: file is missing" in run.err
        assert f"{command[0]}: the data does not validate" in run.err


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


def test_the_short_citation_dates_a_conjectured_year_in_each_styles_form():
    notes = {style: srd.cite("trade-unattributed2015-007", style=style) for style in STYLES}
    assert "[Untitled strategy research paper] ([2015?]), citing RuNews24" in notes["chicago"]
    assert "[Untitled strategy research paper] (ca. 2015), citing RuNews24" in notes["apa"]
    assert "[Untitled strategy research paper] (n.d. [2015?]), citing RuNews24" in notes["text"]
