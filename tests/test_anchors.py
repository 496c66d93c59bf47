"""Anchors of quotes in the raw texts (texts/anchors.py) and their proof in validation."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sino_russia_data as srd
from sino_russia_data.checking.validation import validate
from sino_russia_data.paths import default_data_dir
from sino_russia_data.texts import anchors
from sino_russia_data.texts.anchors import CONTEXT, Anchor, AnchoredText
from sino_russia_data.texts.quotes import WHITESPACE, normalise

RAW = "Intro line.\n\nThe  deal was\nworth USD5 billion, officials said.\r\n\nEnd."


def test_offsets_point_into_the_raw_text_not_the_normal_form():
    text = AnchoredText(RAW)
    assert text.normalised == normalise(RAW)
    anchor = text.anchor("The deal was worth USD5 billion")
    assert anchor is not None
    assert RAW[anchor.start : anchor.end] == "The  deal was\nworth USD5 billion"
    assert anchor.exact == RAW[anchor.start : anchor.end]
    assert anchor.prefix == RAW[: anchor.start] and len(anchor.prefix) < CONTEXT
    assert anchor.suffix == RAW[anchor.end : anchor.end + CONTEXT]
    assert anchor.occurrences == 1
    assert text.prove(anchor, "The deal was worth USD5 billion") is None
    assert text.anchor("worth USD6 billion") is None


def test_a_quote_that_occurs_twice_is_anchored_at_its_first_occurrence_and_disambiguated():
    # The repeated paragraph is longer than the default context, so 32 characters of
    # prefix/suffix are not enough to tell the two places apart.
    paragraph = "x" * 40 + " The pipeline will cost USD55 billion. " + "y" * 40
    raw = f"Start. {paragraph}\n\n{paragraph} Finish."
    text = AnchoredText(raw)
    quote = "The pipeline will cost USD55 billion."
    first, second = text.locate(quote)
    anchor = text.anchor(quote)
    assert anchor is not None and anchor.occurrences == 2
    assert (anchor.start, anchor.end) == first
    assert raw[second[0] : second[1]] == quote
    whole = anchor.prefix + anchor.exact + anchor.suffix
    assert len(anchor.prefix) > CONTEXT or len(anchor.suffix) > CONTEXT
    assert raw.count(whole) == 1 and raw.index(whole) == anchor.start - len(anchor.prefix)
    assert text.prove(anchor, quote) is None
    # the second occurrence is a place, but not this row's anchor
    moved = Anchor(second[0], second[1], quote, raw[second[0] - 5 : second[0]], "", 2)
    assert text.prove(moved, quote) is not None


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"start": 1}, "do not hold"),
        ({"prefix": "Intro"}, "prefix or suffix"),
        ({"suffix": ""}, "does not pick one place"),
    ],
)
def test_prove_names_what_is_wrong_with_a_bad_anchor(change, says):
    raw = "a deal. a deal. a deal."
    text = AnchoredText(raw)
    good = text.anchor("a deal.")
    assert good is not None
    bad = Anchor(**{**good.__dict__, **change})
    problem = text.prove(bad, "a deal.")
    assert problem is not None and says in problem


def test_every_shipped_claim_and_exclusion_has_a_proven_anchor():
    sources = srd.sources().set_index("source_id")
    raw = {
        sid: (default_data_dir() / "raw" / row.raw_file).read_text(encoding="utf-8")
        for sid, row in sources.iterrows()
    }
    texts = {sid: AnchoredText(t) for sid, t in raw.items()}
    passages = list(zip(srd.claims().source_id, srd.claims().quote, strict=True))
    passages += list(zip(srd.excluded().source_id, srd.excluded().context, strict=True))
    for sid, passage in passages:
        anchor = texts[sid].anchor(passage)
        assert anchor is not None, passage
        assert normalise(raw[sid][anchor.start : anchor.end]) == normalise(passage)
        assert texts[sid].prove(anchor, passage) is None


def test_validation_reports_an_anchor_that_does_not_hold(data_copy, monkeypatch):
    # a wrong map from the normal form to the raw text: every offset one too far
    real = AnchoredText._raw_at

    def off_by_one(self):
        return [o + 1 for o in real.fget(self)]

    monkeypatch.setattr(anchors.AnchoredText, "_raw_at", property(off_by_one))
    report = validate(data_copy)
    messages = {(p.claim_id, p.message) for p in report.problems}
    expected = (
        "trade-kimblank2013-001",
        "its anchor (offsets and prefix/suffix in the raw text) does not reproduce the quote",
    )
    assert expected in messages
    assert any("does not reproduce the context" in m for _, m in messages)


def test_the_batched_search_gives_the_verdicts_of_anchor_and_prove_per_passage():
    # passages once and twice, across line breaks and runs of spaces, at the ends, absent
    raw = "  One deal.\n\nTwo  deals, one\tdeal.\r\nA deal; a deal.  \n"
    words = normalise(raw).split(" ")
    needles = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words))]
    needles += [w[1:] for w in words] + ["a deal", "no deal", ""]
    verdicts = {}
    for shift in (0, 1):  # 1: an offset map gone wrong, so that anchors cannot be proven
        text = AnchoredText(raw)
        text._map = array("i", [min(at + shift, len(raw) - 1) for at in text._raw_at])
        found, proven = text.check_passages(needles)
        for needle, here, held in zip(needles, found, proven, strict=True):
            anchor = text.anchor(needle)
            assert here == (needle != "" and needle in text.normalised)
            assert held == (anchor is None or text.prove(anchor, needle) is None)
        verdicts[shift] = proven
    assert all(verdicts[0]) and not all(verdicts[1])


# Texts whose normal form is not ASCII (curly quotes, Cyrillic, CJK, an emoji: 2, 3 and 4
# UTF-8 bytes a character) and whose whitespace varies beyond ASCII (no-break, ideographic
# and em spaces, a line separator): the fast search works on UTF-8 bytes, str.find on
# code points.
UNICODE_RAW = (
    "\u201cRussia\u201d\u00a0and\u3000China:\n\u0433\u0430\u0437  \u7ba1\u9053 worth "
    "\u20ac5\u2003billion \U0001f4c8.\u2028\u201cRussia\u201d and China: \u0433\u0430\u0437 "
    "\u7ba1\u9053 again."
)


def _needles(normal_text: str) -> list[str]:
    """Every run of whole words, every word less its first character, every character
    (most occur more than once), some absent ones."""
    words = normal_text.split(" ")
    needles = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words))]
    needles += [w[1:] for w in words] + sorted(set(normal_text) - {" "})
    return [*needles, "a deal", "no deal", "\u7ba1\u9053 never", ""]


@pytest.mark.parametrize("raw", [RAW, UNICODE_RAW, "a deal. a deal. a deal.", ""])
def test_the_fast_first_places_are_those_of_str_find(raw):
    text = normalise(raw)
    needles = [*_needles(text), "\udc80 lone surrogate"]  # UTF-8 cannot encode it
    firsts, once = anchors.first_places(text, needles)
    for needle, at, alone in zip(needles, firsts, once, strict=True):
        expected = anchors.first_and_once_exact(text, needle) if needle else (-1, False)
        assert (at, alone) == expected, needle
    assert any(o for o in once) == (text != "")
    if text:
        assert not all(o for at, o in zip(firsts, once, strict=True) if at >= 0)  # some twice


def test_a_text_utf8_cannot_encode_is_searched_by_the_exact_path():
    text = "a \udc80 b a"
    assert anchors.first_places(text, ["a", "\udc80 b", "c"]) == ([0, 2, -1], [False, True, False])


@pytest.fixture
def no_stringzilla(monkeypatch):
    """stringzilla cannot be imported (a broken install), and was not announced yet."""
    import builtins
    import sys

    real_import = builtins.__import__

    def hidden(name, *args, **kwargs):
        if name == "stringzilla":
            raise ImportError("No module named 'stringzilla'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "stringzilla", raising=False)
    monkeypatch.setattr(builtins, "__import__", hidden)
    monkeypatch.setattr(anchors, "_WARNED", [])


def test_without_stringzilla_the_search_says_so_once_and_answers_alike(no_stringzilla):
    text = normalise(UNICODE_RAW)
    needles = _needles(text)
    exact = [anchors.first_and_once_exact(text, n) if n else (-1, False) for n in needles]
    expected = ([at for at, _ in exact], [once for _, once in exact])
    with pytest.warns(RuntimeWarning, match="stringzilla cannot be imported.*str.find") as seen:
        assert anchors.first_places(text, needles) == expected
        assert anchors.first_places(text, needles) == expected
    assert len(seen) == 1


def test_without_stringzilla_validate_prints_one_warning_line_and_passes(no_stringzilla, capsys):
    from sino_russia_data.cli import main

    assert main(["validate"]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "stringzilla" in line]
    assert len(lines) == 1 and lines[0].startswith("validate: warning: stringzilla cannot be")
    assert "Traceback" not in err


def test_without_stringzilla_warnings_as_errors_change_no_answer(no_stringzilla):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert validate(default_data_dir()).ok


@pytest.mark.parametrize("raw", [UNICODE_RAW, "  One deal.\n\nTwo  deals, one\tdeal.\r\n"])
def test_the_batched_search_of_unicode_texts_gives_the_verdicts_of_anchor_and_prove(raw):
    needles = _needles(normalise(raw))
    for shift in (0, 1, -1):  # an offset map gone wrong either way
        text = AnchoredText(raw)
        text._map = array("i", [min(max(at + shift, 0), len(raw) - 1) for at in text._raw_at])
        found, proven = text.check_passages(needles)
        for needle, here, held in zip(needles, found, proven, strict=True):
            anchor = text.anchor(needle)
            assert here == (needle != "" and needle in text.normalised)
            assert held == (anchor is None or text.prove(anchor, needle) is None), needle
        assert all(proven) == (shift == 0)


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="ab \n\u00a0\u3000\u0433\U0001f4c8", max_size=40),
    st.lists(st.text(alphabet="ab \u0433\U0001f4c8", min_size=1, max_size=5), max_size=8),
)
def test_fast_and_exact_first_places_agree_on_any_text(raw, needles):
    text = normalise(raw)
    needles = [normalise(n) for n in needles]
    expected = [anchors.first_and_once_exact(text, n) if n else (-1, False) for n in needles]
    firsts, once = anchors.first_places(text, needles)
    assert list(zip(firsts, once, strict=True)) == expected
    found, proven = AnchoredText(raw).check_passages(needles)
    assert found == [at >= 0 for at, _ in expected] and all(proven)


def _reference_map(raw: str) -> list[int]:
    """The offset map by its definition: every character outside whitespace, and the first
    character of each run of whitespace that has such characters on both sides."""
    return [
        i
        for i, c in enumerate(raw)
        if not c.isspace() or (i > 0 and not raw[i - 1].isspace() and not raw[i:].isspace())
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=["a", "\u0433", "\U0001f4c8", *map(chr, WHITESPACE)], max_size=30))
def test_the_offset_map_is_its_definition_for_any_whitespace(raw):
    for each in (raw, "".join(c for c in raw if c.isascii())):  # two ways of working it out
        text = AnchoredText(each)
        assert list(text._raw_at) == _reference_map(each)
        rebuilt = "".join(" " if each[i].isspace() else each[i] for i in text._raw_at)
        assert rebuilt == text.normalised
