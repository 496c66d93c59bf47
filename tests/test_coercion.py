"""Coercion's failure messages: one per failing cell, each worked out once per distinct cell."""

from __future__ import annotations

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


def test_every_failing_cell_of_a_column_keeps_its_row_and_message():
    frame = pd.DataFrame({"note": pd.Series(["ok", "b\x07", None, "b\x07", "c\x1f"], dtype="str")})
    _, failures = coerce(frame, {"note": "string"})
    assert [(pos, cell, message.split("U+")[1][:4]) for pos, _, cell, message in failures] == [
        (1, "b\x07", "0007"),
        (3, "b\x07", "0007"),
        (4, "c\x1f", "001F"),
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
