"""The fast reader (pyarrow) is trusted only where it reads what the exact one (the csv
module, strict) reads, and a block is cut only where both agree a row starts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sino_russia_data.checking.csv_blocks import _header_end, _last_cut
from sino_russia_data.checking.csv_reading import CLEANLY_QUOTED, _fast_read

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


@settings(max_examples=400, deadline=None)
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


@settings(max_examples=400, deadline=None)
@given(head=BODIES, body=BODIES)
def test_a_block_is_cut_only_where_a_row_starts_for_both_readers(head: bytes, body: bytes):
    window = b"x,y\n" + head + body
    start = _header_end(window)
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
