"""The fast reader (pyarrow) is trusted only where it reads what the exact one (the csv
module, strict) reads, and a block is cut only where both agree a row starts."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sino_russia_data.checking import csv_reading
from sino_russia_data.checking.csv_blocks import _last_cut
from sino_russia_data.checking.csv_reading import CLEANLY_QUOTED, _fast_read, header_end, read_data

PIECES = [b"a", b"b", b",", b'"', b'""', b"\n", b"\r\n", b" ", b"\r", b"\xef\xbb\xbf"]
BODIES = st.lists(st.sampled_from(PIECES), max_size=30).map(b"".join)


def _records(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]] | None:
    """The csv module's records of ``data`` (blank lines left out), or None if it refuses;
    ``encoding``: utf-8 for a part of a file (only a file's start may be a BOM)."""
    try:
        text = data.decode(encoding)
        return [r for r in csv.reader(io.StringIO(text, newline=""), strict=True) if r]
    except (csv.Error, UnicodeDecodeError):
        return None


@settings(max_examples=150, deadline=None)
@given(
    bom=st.sampled_from([b"", b"\xef\xbb\xbf"]),
    header=st.sampled_from([b"x,y", b'"x",y']),
    body=BODIES,
)
def test_what_the_fast_reader_reads_is_what_the_exact_reader_reads(bom, header, body) -> None:
    data = bom + header + b"\n" + body
    fast = _fast_read(Path("t.csv"), data, ["x", "y"])
    if fast is None:
        return  # the exact reader decides
    assert CLEANLY_QUOTED.fullmatch(data) is not None
    records = _records(data)
    assert records is not None and all(len(r) == 2 for r in records)
    cells = fast.frame.astype(object).where(fast.frame.notna(), "").to_numpy().tolist()
    assert [["x", "y"], *cells] == records


@settings(max_examples=150, deadline=None)
@given(head=BODIES, body=BODIES)
def test_a_block_is_cut_only_where_a_row_starts_for_both_readers(head: bytes, body: bytes):
    window = b"x,y\n" + head + body
    start = header_end(window)
    cut, clean = _last_cut(window, start, len(window))
    whole = _records(window[start:], "utf-8")
    if cut == 0:
        return
    assert clean and window[cut - 1 : cut] == b"\n"
    assert CLEANLY_QUOTED.fullmatch(window, 0, cut) is not None
    before, after = _records(window[start:cut], "utf-8"), _records(window[cut:], "utf-8")
    assert before is not None
    if whole is not None:  # the rows before the cut and after it are the file's rows
        assert after is not None and before + after == whole


def test_a_quote_inside_a_cell_that_does_not_start_with_one_is_clean_and_read_as_written():
    data = b'x,y\nR"US,5" gun\n"q","say ""hi"""\n'
    fast = _fast_read(Path("t.csv"), data, ["x", "y"])
    assert fast is not None
    assert fast.frame.to_numpy().tolist() == [['R"US', '5" gun'], ["q", 'say "hi"']]


def test_a_quote_that_opens_a_cell_must_close_it_before_the_next():
    for cell in (b'"one"two', b'"one" ', b'"one"""two'):
        assert CLEANLY_QUOTED.fullmatch(b"x,y\na," + cell + b"\n") is None
    assert np.all([CLEANLY_QUOTED.fullmatch(b'x,y\na,"b\nc"\n') is not None])


def _report(found) -> list[tuple]:
    return [(p.line, p.claim_id, p.message) for p in found.problems]


def _frame_and_lines(raw) -> tuple[list, list] | None:
    if raw is None:
        return None
    cells = raw.frame.astype(object).where(raw.frame.notna(), None).to_numpy().tolist()
    return cells, raw.lines_at(list(range(len(raw.frame))))


ROWS = st.lists(
    st.lists(st.sampled_from([b"a", b"", b'"b,c"', b'"d""e"', b'f"g', b'"h\ni"']), max_size=4),
    max_size=12,
)


LINE_ENDS = st.sampled_from([b"\n", b"\r\n", b"\r"])


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(ROWS.map(lambda r: r[0] if r else []), LINE_ENDS), max_size=12),
    offset=st.integers(0, 50),
)
def test_ragged_rows_read_by_pyarrow_give_the_exact_readers_rows_lines_and_problems(
    rows, offset
) -> None:
    # blank lines (a row of no cells), CR LF and lone CR line ends among the rows
    data = b"x,y\n" + b"".join(b",".join(row) + end for row, end in rows)
    path = Path("t.csv")
    got = read_data(path, "t.csv", ["x", "y"], data, line_offset=offset)
    with (
        patch.object(csv_reading, "_fast_read", return_value=None),
        patch.object(csv_reading, "_read_skipping_ragged", return_value=None),
    ):
        exact = read_data(path, "t.csv", ["x", "y"], data, line_offset=offset)
    assert _frame_and_lines(got[0]) == _frame_and_lines(exact[0])
    assert _report(got[1]) == _report(exact[1])


def test_ragged_rows_of_a_clean_file_are_read_by_pyarrow_each_with_its_line():
    data = b'x,y\na,b\nc\n"d,e",f,g\nh,i\n'
    raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data, line_offset=10)
    assert raw is not None and raw.frame.to_numpy().tolist() == [["a", "b"], ["h", "i"]]
    assert raw.lines_at([0, 1]) == [12, 15]
    assert _report(found) == [
        (13, "c", "ragged row: 1 cells where the header has 2"),
        (14, "d,e", "ragged row: 3 cells where the header has 2"),
    ]
    with patch.object(csv_reading, "exact_read", side_effect=AssertionError("read exactly")):
        assert read_data(Path("t.csv"), "t.csv", ["x", "y"], data)[0] is not None


def test_every_line_holding_bytes_that_are_not_utf8_is_reported_once_per_reason():
    data = b"x,y\na,b\n\xff,c\nd,\xe2\x82\n\xfe\xfe,\xff\nok,\xc3\xa9\n"
    raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data, line_offset=100)
    assert raw is None
    assert sorted(_report(found)) == [
        (103, None, "not valid UTF-8 (invalid start byte)"),
        (104, None, "not valid UTF-8 (invalid continuation byte)"),
        (105, None, "not valid UTF-8 (invalid start byte)"),
    ]
    assert [len(g) for g in found.ordered()] == [2, 1]  # one group per reason, each line once


def test_a_truncated_last_character_is_not_utf8_on_its_line():
    raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], b"x,y\na,\xe2\x82")
    assert raw is None and _report(found) == [(2, None, "not valid UTF-8 (unexpected end of data)")]


@settings(max_examples=100, deadline=None)
@given(
    parts=st.lists(
        st.sampled_from(
            [b"a", b"\n", b"\r", b"\r\n", b"\xc3\xa9", b"\xe2\x82\xac", b"\xff", b"\xe2\x82"]
        )
    ),
    step=st.integers(1, 7),
)
def test_bytes_decoded_in_slices_give_the_lines_a_whole_decoding_gives(parts, step) -> None:
    from sino_russia_data.checking.csv_exact import invalid_utf8

    data = b"".join(parts)
    whole = {k: v.tolist() for k, v in invalid_utf8(data, step=len(data) + 1).items()}
    assert {k: v.tolist() for k, v in invalid_utf8(data, step=step).items()} == whole
    expected: dict[str, list[int]] = {}
    lines_seen: set[int] = set()
    start = 0
    while True:  # the reference: strict decoding from each invalid sequence on
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as err:
            before = data[: start + err.start]  # its line ends: CR LF, CR or LF, as for csv
            line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
            if line not in lines_seen:  # a line's first invalid sequence says why
                expected.setdefault(str(err.reason), []).append(line)
                lines_seen.add(line)
            start += err.end
    assert whole == expected


def test_every_malformed_row_is_reported_as_the_csv_module_reads_on_after_it():
    data = b'x,y\n"a"b,c\nd,e\n"f"g,h\ni,"j\nk",l\n"m" ,n\n'
    raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data, line_offset=10)
    assert raw is None
    assert _report(found) == [
        (12, None, "malformed CSV: ',' expected after '\"'"),
        (14, None, "malformed CSV: ',' expected after '\"'"),
        (17, None, "malformed CSV: ',' expected after '\"'"),
    ]


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", ",", '"', "\r", "\n", "\x0c", "\u2028", "é"])))
def test_the_exact_reader_is_given_the_lines_stringio_gives(text: str) -> None:
    from sino_russia_data.checking.csv_exact import lines_of

    assert list(lines_of(text)) == list(io.StringIO(text, newline=""))


def test_a_ragged_row_not_utf8_goes_to_the_exact_reader_and_nothing_is_printed(monkeypatch):
    import sys

    printed: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", printed.append)
    data = b"x,y\na,b\nc,\xff,d\n"
    raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data)
    assert raw is None and _report(found) == [(3, None, "not valid UTF-8 (invalid start byte)")]
    assert printed == []


@pytest.mark.parametrize(
    "data, line",
    [(b"x,y\n\r3\n", 3), (b'x,y\n"a\rb",1\n3\n', 4), (b"x,y\n\n1,2\r3\n", 4)],
)
def test_a_lone_carriage_return_ends_a_line_before_a_ragged_row(data, line) -> None:
    _, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data)
    assert [p.line for p in found.problems] == [line]


def test_a_lone_carriage_return_ends_a_line_for_the_rows_of_a_clean_file() -> None:
    raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], b"x,y\n\r1,2\n3,4\n")
    assert raw is not None and not found and raw.lines_at([0, 1]) == [3, 4]


@pytest.mark.parametrize("start", [b"\n", b"\r\n", b"\r", b"\xef\xbb\xbf\n", b"\n\n"])
def test_a_blank_line_before_the_header_is_read_by_the_exact_reader(start) -> None:
    # pyarrow would skip it and take the next line for the header
    raw, found = read_data(Path("t.csv"), "t.csv", ["a", "b"], start + b"a,b\n1,2\n")
    assert raw is None
    assert (1, None, "missing column(s): a, b") in _report(found)


@pytest.mark.parametrize("width", [10, 70_000])  # a header within pyarrow's first block, or not
def test_a_header_is_read_alike_whatever_its_length(width) -> None:
    name = "n" * width
    data = f'"{name}",b\n"x,1",2\n'.encode()
    fast = _fast_read(Path("t.csv"), data, [name, "b"])
    raw, found = read_data(Path("t.csv"), "t.csv", [name, "b"], data)
    assert (fast is None) == (width > csv_reading._HEADER_BLOCK) and not _report(found)
    assert raw is not None and raw.frame.to_dict("list") == {name: ["x,1"], "b": ["2"]}


@pytest.mark.parametrize("exactly", [False, True], ids=["pyarrow", "exact"])
def test_a_ragged_rows_claim_is_its_cell_in_the_id_column(exactly) -> None:
    data = b"y,x\n1,a\n2,b,extra\n3\n"
    with patch.object(csv_reading, "_fast_read", return_value=None):
        if exactly:
            with patch.object(csv_reading, "_read_skipping_ragged", return_value=None):
                raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data, id_column="x")
        else:
            raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data, id_column="x")
    assert raw is not None and raw.left_out == ["b", None]
    assert sorted((p.line, p.claim_id) for p in found.problems) == [(3, "b"), (4, None)]


def test_a_line_not_utf8_after_a_lone_carriage_return_is_the_csv_modules_line() -> None:
    _, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], b"x,y\r1,\xff\r3,4\r")
    assert _report(found) == [(2, None, "not valid UTF-8 (invalid start byte)")]


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=40), step=st.integers(1, 9))
def test_utf8_is_told_in_slices_as_a_whole_decoding_tells_it(data, step) -> None:
    from sino_russia_data.checking.csv_exact import is_utf8

    try:
        data.decode("utf-8")
        whole = True
    except UnicodeDecodeError:
        whole = False
    assert is_utf8(data, step=step) is whole


@pytest.mark.parametrize("data", [b"\xff\n\n", b"x,\xffy\n1,2\n", b"\xef\xbb\xbf\xc3(,y\n1,2\n"])
def test_a_header_not_utf8_is_reported_not_raised(data) -> None:
    raw, found = read_data(Path("t.csv"), "t.csv", ["x", "y"], data)
    assert raw is None and [(p.line, p.message[:19]) for p in found.problems] == [
        (1, "not valid UTF-8 (in")
    ]
