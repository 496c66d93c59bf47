"""The quote check's one home (texts/quotes.py) and the corpus it searches (texts/corpus.py)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

import sino_russia_data as srd
from sino_russia_data.checking.validation import validate
from sino_russia_data.schemas import GasModel
from sino_russia_data.texts.corpus import Corpus, NoActiveCorpus, active, current
from sino_russia_data.texts.quotes import mismatch_hint, normalise, occurs_in, spans


def test_only_whitespace_may_differ():
    text = normalise("Russia  and\nChina\tsigned a\r\n deal.")
    assert text == "Russia and China signed a deal."
    assert occurs_in("and China\n signed", text)
    assert not occurs_in("and China, signed", text)
    assert not occurs_in("   ", text)


def test_spans_finds_every_occurrence():
    text = normalise("gas to China; gas to Japan; gas  to China")
    assert list(spans(text, "gas to China")) == [(0, 12), (28, 40)]
    assert list(spans(text, " ")) == []


def test_mismatch_hint_says_where_the_quote_stops_matching():
    text = normalise("Trade reached almost USD80 billion in 2012.")
    hint = mismatch_hint(text, "Trade reached almost USD90 billion")
    assert hint is not None
    assert "matches up to 'Trade reached almost USD'" in hint
    assert "'90 billion'" in hint and "'80 billion in 2012.'" in hint
    assert mismatch_hint(text, "almost USD80") is None
    assert (
        mismatch_hint(text, "Nothing like it") == "no part of the quote's start occurs in the text"
    )


def test_current_raises_outside_a_validation_run():
    with pytest.raises(NoActiveCorpus, match="validate through"):
        current()


def test_a_model_checked_outside_a_run_does_not_fall_back_to_the_shipped_texts():
    with pytest.raises(pa.errors.SchemaErrors, match="NoActiveCorpus"):
        GasModel.validate(srd.gas(), lazy=True)


def test_active_corpus_is_the_one_the_checks_see(data_copy):
    report = validate(data_copy)
    assert report.ok
    assert report.corpus.data_dir == data_copy
    with active(report.corpus) as corpus:
        assert current() is corpus
        assert corpus.has_quote("cohen2014", "Putin  signed a 30-year,")
        assert not corpus.has_quote("cohen2014", "Putin signed a 31-year,")
        assert not corpus.has_quote("nosuchsource", "Putin")
    with pytest.raises(NoActiveCorpus):
        current()


def test_raw_file_names_that_leave_raw_are_never_read(tmp_path):
    corpus = Corpus.from_sources(tmp_path, pd.DataFrame({"source_id": ["a"]}))
    for name in ("../secret.txt", "/etc/passwd", "sub/file.txt", ".hidden", None):
        assert corpus.raw_path(name) is None
    (tmp_path / "raw").mkdir()
    (tmp_path / "secret.txt").write_text("outside raw/")
    (tmp_path / "raw" / "text.txt").write_text("inside raw/")
    (tmp_path / "raw" / "out.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "raw" / "in.txt").symlink_to(tmp_path / "raw" / "text.txt")
    assert corpus.raw_path("out.txt") is None  # a link that leaves raw/
    assert corpus.raw_path("in.txt") == tmp_path / "raw" / "in.txt"
    assert corpus.raw_path("text.txt") == tmp_path / "raw" / "text.txt"


def test_the_remembered_normal_form_is_normalise():
    from sino_russia_data.schemas._rowwise import forget, normal

    for cell in ["a\u00a0 b", " \tc\u2003d\n", "e\x1cf\u3000", "g", ""]:
        assert normal(cell) == normal(cell) == normalise(cell)
    assert normal(None) == ""
    forget()
