"""Coercion's failure messages: one per failing cell, each worked out once per distinct cell."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sino_russia_data.checking.coercion import _messages, coerce


def test_a_control_message_names_the_first_control_character_of_its_cell():
    cells = ["a\x07b\x00", "\u2028x", "tail\x9f", "a\x07b\x00"]
    assert [m.split("U+")[1][:4] for m in _messages("string", cells)] == [
        "0007",
        "2028",
        "009F",
        "0007",
    ]


def test_messages_of_repeated_cells_are_those_of_each_cell_alone():
    cells = ["1.5e1", "abc", "1.5e1", "015", "abc"]
    alone = [_messages("number", [cell])[0] for cell in cells]
    assert _messages("number", cells) == alone
    assert alone[0] == "not in canonical form: write it as '15'"
    assert alone[1].startswith("not a number")
    assert _messages("date", ["x", "y"]) == [_messages("date", ["x"])[0]] * 2


def _each(frame, failures):
    """(row, column, cell, message) of every failing cell, as the report shows them."""
    return [
        (int(f.positions[i]), f.column, text, f.message(i))
        for f in failures
        for i, text in enumerate(f.texts(frame, np.arange(len(f.positions))))
    ]


def _arrow_text(cells, chunk=2):
    import numpy as np
    import pyarrow as pa

    parts = [pa.array(cells[i : i + chunk], pa.large_string()) for i in range(0, len(cells), chunk)]
    text = pd.StringDtype(na_value=np.nan)
    return pa.chunked_array(parts).to_pandas(types_mapper={pa.large_string(): text}.get)


def test_every_failing_cell_of_a_column_keeps_its_row_and_message():
    cells = ["ok", "b\x07", None, "b\x07", "c\x1f"]
    for column in (
        pd.Series(cells, dtype="str"),
        _arrow_text(cells),
        pd.Series(cells, dtype=object),
    ):
        frame = pd.DataFrame({"note": column})
        _, failures = coerce(frame, {"note": "string"})
        assert [(p, c, cell, m.split("U+")[1][:4]) for p, c, cell, m in _each(frame, failures)] == [
            (1, "note", "b\x07", "0007"),
            (3, "note", "b\x07", "0007"),
            (4, "note", "c\x1f", "001F"),
        ]


def test_pyarrow_finds_the_first_control_character_of_each_cell_as_python_does(monkeypatch):
    from sino_russia_data.checking import coercion

    # every code point up to U+2100 and a few beyond, each before a BEL, between letters
    points = [*range(0x2100), 0xFEFF, 0x10FFFF]
    cells = [f"a{chr(c)}b\x07" for c in points] + ["\u2029\x00", "\x9f", "x\x7f"]
    expected = _messages("string", cells)
    frame = pd.DataFrame({"note": _arrow_text(cells, 97)})
    made: list[str] = []
    message = coercion._control_message
    monkeypatch.setattr(coercion, "_control_message", lambda c: made.append(c) or message(c))
    _, failures = coerce(frame, {"note": "string"})
    assert [m for *_, m in _each(frame, failures)] == expected
    assert len(made) == len(set(expected)) == 65  # once per character, not per cell


def test_number_and_date_cells_keep_their_rows_and_messages():
    frame = pd.DataFrame(
        {
            "value": _arrow_text(["15", "1.5e1", None, "abc", "1.5e1", "015"], 4),
            "day": _arrow_text(["2012-02-30", "2012-01-01", "x", None], 3),
        }
    )
    _, failures = coerce(frame, {"value": "number", "day": "date"})
    assert [(p, c, cell) for p, c, cell, _ in _each(frame, failures)] == [
        (1, "value", "1.5e1"),
        (3, "value", "abc"),
        (4, "value", "1.5e1"),
        (5, "value", "015"),
        (0, "day", "2012-02-30"),
        (2, "day", "x"),
    ]
    messages = [m for *_, cell, m in _each(frame, failures)]
    assert messages == [
        *_messages("number", ["1.5e1", "abc", "1.5e1", "015"]),
        *_messages("date", ["2012-02-30", "x"]),
    ]


def test_a_column_whose_bytes_hold_no_control_character_is_not_searched_cell_by_cell(
    monkeypatch,
):
    import numpy as np
    import pyarrow as pa

    from sino_russia_data.checking import coercion

    text = pd.StringDtype(na_value=np.nan)
    clean = pd.Series(
        pa.chunked_array([["a", None, "é"], ["b"]], pa.large_string()).to_pandas(
            types_mapper={pa.large_string(): text}.get
        )
    )
    assert coercion.arrow_strings(clean) is not None
    from pandas.core.strings.accessor import StringMethods

    called: list[int] = []
    original = StringMethods.contains  # count the cell-by-cell searches

    def counted(self, *args, **kwargs):
        called.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StringMethods, "contains", counted)
    assert not coercion._control_characters(clean).any() and called == []
    # a control character outside a slice's cells: the bytes say maybe, the search says no
    whole = pa.array(["x\x07", "y", "z"], pa.large_string())
    sliced = pd.Series(
        pa.chunked_array([whole.slice(1)]).to_pandas(types_mapper={pa.large_string(): text}.get)
    )
    assert coercion._control_characters(sliced).tolist() == [False, False] and called == [1]
    held = pd.Series(
        pa.chunked_array([whole]).to_pandas(types_mapper={pa.large_string(): text}.get)
    )
    assert coercion._control_characters(held).tolist() == [True, False, False]


def test_a_failing_text_cell_without_a_control_character_is_a_bug_not_a_message():
    import pytest

    from sino_russia_data.checking.coercion import _messages_of_failing

    for cells in (
        pd.Series(["a\x07", "clean", "b\x01"], dtype="str"),
        _arrow_text(["a\x07", "clean"]),
    ):
        with pytest.raises(ValueError, match="no control character in 'clean'"):
            _messages_of_failing("string", cells, np.arange(len(cells)))
