"""Block-by-block validation of a big table gives exactly the whole file's answer.

A trade table of a few hundred rows, full of faults spread over its blocks (bad values,
a ragged row, a duplicate claim id across blocks, a quote not in its text, a control
character, a cell spanning lines across a cut, an id another table uses, a published
claim gone), is validated whole and in blocks of a few kilobytes: the bounded report,
``--all`` and the JSON report, the digests, row counts, claim ids and typed frames are the
same. A file the exact reader must see whole (invalid UTF-8, a malformed quote or a lone
carriage return in a later block, a header without a column) is validated whole.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from sino_russia_data.checking import streaming, validation
from sino_russia_data.checking.csv_blocks import BlockFile, read_block
from sino_russia_data.checking.csv_reading import read_strict
from sino_russia_data.checking.report import ProblemReport
from sino_russia_data.checking.streaming import Chunking
from sino_russia_data.checking.validation import Report, validate
from sino_russia_data.paths import default_data_dir
from sino_russia_data.registry import model, table
from tests.conftest import read_rows, write_rows

BLOCK = 10_000  # bytes: the trade table below is read in 8 blocks
IN_BLOCKS = Chunking(above=30_000, block=BLOCK)  # trade.csv only: the other files are smaller
WHOLE = Chunking(above=1 << 40)


def _copies(rows: list[dict[str, str]], times: int) -> list[dict[str, str]]:
    """The rows ``times`` times, the copies with new ids."""
    out = []
    for copy in range(times):
        for row in rows:
            number = int(row["claim_id"].rsplit("-", 1)[1]) + 100 * copy
            out.append({**row, "claim_id": row["claim_id"].rsplit("-", 1)[0] + f"-{number:03d}"})
    return out


def _faulty_trade(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The shipped trade rows six times (new ids), with faults all over."""
    out = _copies(rows, 6)
    del out[0]  # a published claim gone
    for i in range(3, len(out), 5):  # 30 values not printed in their figures
        out[i]["value"] = "9999"
    out[40]["note"] = "a note\nspanning\nthree lines"  # a cell with line breaks
    out[41]["note"] = "x" * (BLOCK // 2) + '\n, "quoted", and on'  # across a cut
    out[60]["claim_id"] = out[7]["claim_id"]  # a duplicate, blocks apart
    out[90]["quote"] = out[90]["quote"] + " and words the text never printed"
    out[100]["note"] = "a bell \x07 in a note"
    out[110]["value"] = "15.0"
    out[120]["claim_id"] = "gas-cohen2014-001"  # not this table's, and gas's
    return out


def _ragged_crlf(data: bytes) -> bytes:
    """A ragged row far into the file, and CRLF line ends."""
    lines = data.split(b"\n")
    lines[130] += b",extra"
    return b"\r\n".join(lines)


def _data_dir(root: Path, edit_trade_bytes=_ragged_crlf) -> Path:
    """Sources, texts, gas and the faulty trade table (the other tables missing)."""
    target = root / "data"
    shipped = default_data_dir()
    shutil.copytree(shipped / "raw", target / "raw")
    (target / "curated").mkdir()
    for name in ("sources.csv", "gas.csv"):
        shutil.copy(shipped / "curated" / name, target / "curated" / name)
    trade = target / "curated" / "trade.csv"
    write_rows(trade, _faulty_trade(read_rows(shipped / "curated" / "trade.csv")))
    if edit_trade_bytes is not None:
        trade.write_bytes(edit_trade_bytes(trade.read_bytes()))
    return target


def _answer(report: Report) -> tuple[str, str, str, dict[str, str], dict[str, int]]:
    grouped = report.grouped
    return grouped.render(), grouped.render(None), grouped.to_json(), report.digests, report.rows


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _data_dir(tmp_path_factory.mktemp("streaming"))


@pytest.fixture(scope="module")
def whole(faulty: Path) -> Report:
    return validate(faulty, chunking=WHOLE)


def test_the_table_is_read_in_many_blocks_cut_only_between_rows(faulty: Path) -> None:
    path = faulty / "curated" / "trade.csv"
    data = path.read_bytes()
    assert path.stat().st_size > IN_BLOCKS.above
    file = BlockFile(path, BLOCK)
    header, bodies, rows = b"", [], []
    for block in file:
        header = header or block.data[: block.data.index(b"\n") + 1]
        body = block.data if block.first else block.data[len(header) :]
        bodies.append(body)
        assert block.data.startswith(header)
        rows += list(csv.reader(io.StringIO(body.decode(), newline="")))  # whole rows only
    assert len(bodies) >= 5
    assert b"".join(bodies) == data
    assert file.sha256 == hashlib.sha256(data).hexdigest()
    assert rows == list(csv.reader(io.StringIO(data.decode(), newline="")))


def _bodies(data: bytes, blocks: list[bytes]) -> bytes:
    """The file the blocks were cut from: each block after the first less its header."""
    header = data[: data.index(b"\n") + 1]
    return blocks[0] + b"".join(b[len(header) :] for b in blocks[1:])


def test_a_block_let_go_lends_its_buffer_to_the_next(faulty: Path) -> None:
    path = faulty / "curated" / "trade.csv"
    data = path.read_bytes()
    file, seen = BlockFile(path, BLOCK), []
    for block in file:
        seen.append(bytes(block.data))
        del block  # nothing refers to its buffer now
    assert len(seen) >= 5 and file.reused == len(seen) - 1
    assert _bodies(data, seen) == data
    assert file.sha256 == hashlib.sha256(data).hexdigest()


def _blocks_read(path: Path, size: int, hold: bool) -> tuple[list[bytes], BlockFile]:
    file, seen, held = BlockFile(path, size), [], []
    for block in file:
        seen.append(bytes(block.data))
        if hold:
            held.append(block)
        del block
    return seen, file


def test_after_a_row_longer_than_a_block_the_blocks_are_cut_as_if_never_reused(
    tmp_path: Path,
) -> None:
    """A block grows (doubling) to hold a long row; the buffer it leaves is cut back to
    the block size, so the blocks after it are those of fresh buffers."""
    path = tmp_path / "long.csv"
    rows = [b"id,cell", b"r0," + b"x" * 7000] + [b"r%d,short cell" % i for i in range(1, 2000)]
    path.write_bytes(b"\n".join(rows) + b"\n")
    fresh, held = _blocks_read(path, 1000, hold=True)
    reused, let_go = _blocks_read(path, 1000, hold=False)
    assert held.reused == 0 and let_go.reused == len(reused) - 1
    assert [len(b) for b in reused] == [len(b) for b in fresh] and reused == fresh
    assert max(len(b) for b in fresh[2:]) <= 1000


@pytest.mark.parametrize("count", [1, 2, 3])
def test_the_reference_probe_refuses_any_count_that_does_not_tell_free_from_shared(
    faulty: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """Were getrefcount to say the same of a buffer alone and of one shared (a borrowed or
    a deferred count), or to count otherwise than by the attribute and the argument, the
    probe says so and no buffer is reused; the real count tells them apart."""
    import types

    from sino_russia_data.checking import csv_blocks

    csv_blocks._counting_works.cache_clear()
    assert csv_blocks._counting_works()
    monkeypatch.setattr(csv_blocks, "sys", types.SimpleNamespace(getrefcount=lambda _: count))
    csv_blocks._counting_works.cache_clear()
    try:
        assert not csv_blocks._counting_works()
        seen, file = _blocks_read(faulty / "curated" / "trade.csv", BLOCK, hold=False)
        assert file.reused == 0 and len(seen) >= 5
    finally:
        csv_blocks._counting_works.cache_clear()


def test_an_error_hashing_the_last_block_is_raised_not_a_partial_digest(
    tmp_path: Path,
) -> None:
    class Failing:
        def update(self, _: object) -> None:
            raise MemoryError("hashing failed")

    path = tmp_path / "one.csv"
    path.write_bytes(b"id,cell\nr1,a\nr2,b\n")
    file = BlockFile(path, 1 << 20)  # one block: no later block waits for its hash
    file._hash = Failing()  # type: ignore[assignment]
    assert len(list(file)) == 1
    with pytest.raises(MemoryError, match="hashing failed"):
        file.sha256  # noqa: B018


def test_an_interpreter_counting_references_otherwise_never_reuses_a_buffer(
    faulty: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sino_russia_data.checking import csv_blocks

    path = faulty / "curated" / "trade.csv"
    expected, _ = _blocks_read(path, BLOCK, hold=True)
    monkeypatch.setattr(csv_blocks, "_counting_works", lambda: False)
    seen, file = _blocks_read(path, BLOCK, hold=False)
    assert file.reused == 0 and seen == expected


@pytest.mark.parametrize("holder", ["block", "bytes", "memoryview", "numpy", "table"])
def test_a_block_anything_refers_to_keeps_its_bytes(faulty: Path, holder: str) -> None:
    """A block, its table (before its bytes are released), a view of its buffer or a numpy
    array over it: each keeps the buffer from being filled again, so its bytes stay the
    block's. Only a copy lets it go."""
    path = faulty / "curated" / "trade.csv"
    data = path.read_bytes()
    file, held, copies = BlockFile(path, BLOCK), [], []
    trade = table("trade")
    for block in file:
        copies.append(bytes(block.data))
        if holder == "block":
            held.append(block)
        elif holder == "bytes":
            held.append(bytes(block.data))
        elif holder == "memoryview":
            held.append(memoryview(block.data))
        elif holder == "numpy":
            held.append(np.frombuffer(block.data, dtype=np.uint8))
        else:
            held.append(read_block(block, path, trade.file, trade.columns)[0])
        del block
    assert file.reused == (len(copies) - 1 if holder == "bytes" else 0)
    kept = {
        "block": lambda h: bytes(h.data),
        "bytes": bytes,
        "memoryview": bytes,
        "numpy": lambda h: h.tobytes(),
        "table": lambda h: bytes(h.data),
    }[holder]
    assert [kept(h) for h in held] == copies
    assert _bodies(data, copies) == data


def test_streamed_validation_reads_every_block_into_one_buffer(
    faulty: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pipeline lets each block go before it asks for the next (were one kept, every
    block would take fresh pages: the same answer, slower)."""
    files: list[BlockFile] = []
    blocks: list[int] = []

    class Recorded(BlockFile):
        def __init__(self, path: Path, size: int) -> None:
            super().__init__(path, size)
            files.append(self)

        def __iter__(self):  # type: ignore[no-untyped-def]
            for block in super().__iter__():
                blocks.append(len(block.data))
                yield block

    valid = _data_dir(faulty.parent / "valid-for-reuse", edit_trade_bytes=None)
    rows = read_rows(default_data_dir() / "curated" / "trade.csv")
    write_rows(valid / "curated" / "trade.csv", _copies(rows, 6))
    monkeypatch.setattr(streaming, "BlockFile", Recorded)
    validate(valid, chunking=IN_BLOCKS)
    [file] = files
    assert len(blocks) >= 5 and file.reused == len(blocks) - 1


def test_a_block_never_ends_inside_a_quoted_cell_spanning_lines(tmp_path: Path) -> None:
    cell = '"' + "a line\n" * 40 + '""quoted"" and the end"'
    lines = ["id,cell"] + [f"r{i},{cell if i % 7 == 3 else 'plain'}" for i in range(40)]
    path = tmp_path / "t.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode())
    whole_raw, _ = read_strict(path, "t.csv", ["id", "cell"])
    assert whole_raw is not None
    for size in (16, 64, 100, 333):  # a cut would fall inside a spanning cell without the rule
        frames, lines_read = [], []
        for block in BlockFile(path, size):
            raw, problems = read_block(block, path, "t.csv", ["id", "cell"])
            assert raw is not None and problems.problems == []
            frames.append(raw.frame)
            lines_read += raw.lines_at(list(range(len(raw.frame))))
        got = pd.concat(frames, ignore_index=True)
        pd.testing.assert_frame_equal(got, whole_raw.frame)
        assert lines_read == whole_raw.lines_at(list(range(len(whole_raw.frame))))


def test_blocks_give_the_whole_files_report_json_digests_and_frames(
    faulty: Path, whole: Report
) -> None:
    blocks = validate(faulty, chunking=IN_BLOCKS)
    assert _answer(blocks) == _answer(whole)
    text = whole.grouped.render()
    for says in ("ragged row", "duplicate value", "not printed in the figure", "U+0007"):
        assert says in text
    assert "more rows with the same problem (first lines:" in text
    assert set(blocks.frames) == set(whole.frames)
    for name, frame in whole.frames.items():
        pd.testing.assert_frame_equal(blocks.frames[name], frame)
    for name, ids in whole.claim_ids.items():
        pd.testing.assert_series_equal(blocks.claim_ids[name], ids)


def test_the_cli_way_keeps_no_frame_and_equal_hashes_leave_it_to_pandera(
    faulty: Path, whole: Report, monkeypatch
) -> None:
    monkeypatch.setattr(streaming, "_hashes", lambda values: np.zeros(len(values), np.int64))
    blocks = validate(faulty, keep_frames=False, chunking=IN_BLOCKS)
    assert blocks.frames == {}
    assert _answer(blocks) == _answer(whole)


@pytest.mark.parametrize(
    "cells",
    [["a", "b", "c"], ["a", "b", "a"], ["a", None, "c"], [None, None, "c"], ["a", "b", "B"]],
)
def test_the_hash_shortcut_is_sure_of_uniqueness_only_when_pandera_finds_none(cells) -> None:
    column = pd.Series(pd.array(cells, dtype="str"), name="claim_id")
    kept = streaming._Kept(["claim_id"], ["claim_id"])
    for start in range(len(cells)):  # one row a block
        kept.add(ProblemReport(), column.iloc[start : start + 1].to_frame(), {}, False)
    schema = streaming.unique_schema(model("trade"))
    assert schema is not None
    try:
        schema.validate(column.to_frame(), lazy=True)
        pandera_finds_none = True
    except pa.errors.SchemaErrors:
        pandera_finds_none = False
    assert kept.surely_unique() == (column.notna().all() and pandera_finds_none)


def test_missing_ids_in_two_blocks_give_the_whole_files_answer(tmp_path: Path) -> None:
    """Two claim ids left empty, blocks apart, and no id repeated: pandera's uniqueness
    failure then names no row, and the blocks must still say what the whole file says."""
    data = _data_dir(tmp_path, edit_trade_bytes=None)
    trade = data / "curated" / "trade.csv"
    rows = read_rows(trade)
    rows[60]["claim_id"] = f"trade-{rows[60]['source_id']}-990"  # (was a duplicate)
    rows[20]["claim_id"] = rows[-20]["claim_id"] = ""
    write_rows(trade, rows)
    whole, blocks = validate(data, chunking=WHOLE), validate(data, chunking=IN_BLOCKS)
    assert "missing (required)" in whole.grouped.render()
    assert "duplicate value" not in whole.grouped.render(None)
    assert _answer(blocks) == _answer(whole)


class _Nothing:
    """A pipeline that finds nothing (the blocks before the one that stops the reading)."""

    def check_block(self, raw, structural):
        return ProblemReport(), raw.frame, {}

    def column_failures(self, raw, cases, bad_cells):
        raise AssertionError("not reached")


def _late(data: bytes, old: bytes, new: bytes) -> bytes:
    """``data`` with the last ``old`` (far into the file: a later block) made ``new``."""
    at = data.rindex(old)
    return data[:at] + new + data[at + len(old) :]


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: _late(d, b"reported", b"report\xffed"),  # invalid UTF-8
        lambda d: _late(d, b",reported,", b',"reported"x,'),  # text after a closing quote
        lambda d: _late(d, b",reported,", b",rep\rorted,"),  # a lone carriage return
        lambda d: d.replace(b"source_id,", b"", 1),  # a header without a column
    ],
    ids=["invalid-utf8", "malformed-quote", "lone-cr", "missing-column"],
)
def test_a_file_the_reader_must_see_whole_is_validated_whole(faulty: Path, tmp_path, edit):
    path = tmp_path / "trade.csv"
    path.write_bytes(edit((faulty / "curated" / "trade.csv").read_bytes()))
    trade = table("trade")
    assert streaming.validate_in_blocks(trade, path, _Nothing(), IN_BLOCKS, False) is None


@pytest.mark.parametrize("storage", ["large_string", "string"])
def test_source_exists_is_isin_with_the_ids_made_an_array_once(storage) -> None:
    import pyarrow as pa_arrow

    from sino_russia_data.schemas._checks import source_exists
    from sino_russia_data.texts.corpus import Corpus, active

    cells = ["a", None, "b", "zz", "", "a "]
    arrow = pa_arrow.array(cells, type=getattr(pa_arrow, storage)())
    column = pd.Series(pd.arrays.ArrowStringArray(arrow), name="source_id")
    corpus = Corpus(Path("."), sources={"a": {}, "b": {}, "": {}})
    with active(corpus):
        got = source_exists(column.to_frame())
    assert got.tolist() == column.isin(corpus.source_ids).tolist() == [1, 0, 1, 0, 1, 0]


def test_a_rules_problems_about_no_line_and_about_rows_stay_two_groups() -> None:
    """As the whole file's column checks give them: one group of problems about no line,
    one of rows, for the same rule; a block with only one of them joins its own kind."""
    from sino_russia_data.checking.report import Problem, ProblemGroup, joined_blocks

    about_column = Problem("curated/trade.csv", None, None, "value", "column-wide", rule="r")
    about_row = Problem("curated/trade.csv", 7, "trade-x-001", "value", "row 7", rule="r")

    def report(*problems: Problem) -> ProblemReport:
        out = ProblemReport()
        for problem in problems:
            out.add(ProblemGroup.of([problem]))
        return out

    joined = joined_blocks([report(about_column), report(about_row)])
    assert [list(g.lines) for g in joined.groups] == [[None], [7]]
    twice = joined_blocks([report(about_column), report(about_column, about_row)])
    assert [list(g.lines) for g in twice.groups] == [[None], [7]]  # the no-line one kept once


def _judges_rows_alone(check: pa.Check, typed: pd.DataFrame) -> bool:
    """Whether ``check`` gives each row the same verdict in the table doubled (the second
    copy reversed) as alone, and in that doubled table cut in three at odd places."""
    from sino_russia_data.checking import validation
    from sino_russia_data.schemas import _rowwise

    def verdicts(frame: pd.DataFrame) -> np.ndarray:
        frame = frame.reset_index(drop=True)
        empty = frame.isna().all(axis="columns").to_numpy()
        out = validation._verdicts(check, frame, empty)
        _rowwise.forget()
        return out

    alone = verdicts(typed)
    doubled = pd.concat([typed, typed.iloc[::-1]], ignore_index=True)
    expected = np.concatenate([alone, alone[::-1]])
    cuts = [0, len(doubled) // 3, len(doubled) // 3 + 7, len(doubled)]
    parts = [verdicts(doubled.iloc[a:b]) for a, b in itertools.pairwise(cuts)]
    return np.array_equal(verdicts(doubled), expected) and np.array_equal(
        np.concatenate(parts), expected
    )


def test_every_dataframe_check_judges_a_row_by_itself_as_blocks_assume() -> None:
    """A table checked block by block gives the whole file's answer only if each dataframe
    check judges a row by itself (its cells, its text, sources.csv), never by other rows:
    on every shipped table, each check judges each row alike alone, with every row
    repeated in reverse order, and cut in three. A rule comparing rows is caught."""
    from sino_russia_data.checking.model_schemas import model_schemas
    from sino_russia_data.registry import claim_tables
    from sino_russia_data.texts.corpus import active

    report = validate(default_data_dir())
    names = [t.name for t in claim_tables()] + ["excluded", "sources"]
    comparing_rows = pa.Check(lambda df: ~df.duplicated("source_id"), name="compares rows")
    with active(report.corpus):
        checks = [(n, c) for n in names for c in model_schemas(model(n)).frame_checks]
        assert len(checks) > 50
        for name, check in checks:
            assert _judges_rows_alone(check, report.frames[name]), (name, check.name)
        assert not _judges_rows_alone(comparing_rows, report.frames["trade"])


def _early(data: bytes, old: bytes, new: bytes) -> bytes:
    """``data`` with the first ``old`` (in the first rows: no block can be cut) made ``new``."""
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: _early(d, b"reported", b"report\xffed"),  # invalid UTF-8
        lambda d: _early(d, b",reported,", b',"reported"x,'),  # text after a closing quote
        lambda d: d.replace(b"source_id,", b"", 1),  # a header without a column
    ],
    ids=["invalid-utf8", "malformed-quote", "missing-column"],
)
def test_a_file_read_as_one_block_the_reader_refuses_gives_the_whole_files_answer(
    faulty: Path, tmp_path, edit
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(faulty, folder)
    trade = folder / "curated" / "trade.csv"
    trade.write_bytes(edit(trade.read_bytes()))
    one_block = Chunking(above=30_000, block=1 << 30)  # the file: one block, not refused
    checked = streaming.validate_in_blocks(table("trade"), trade, _Nothing(), one_block, False)
    assert checked is not None and checked.rows is None and len(checked.found)
    whole = validation._TableCheck(table("trade"), folder, None)
    assert whole.run() is None  # the whole file's reading refuses it too, with the same report
    assert checked.found.to_json() == whole.found.to_json()
    assert checked.found.render(None) == whole.found.render(None)


def test_a_block_starting_with_a_malformed_row_stops_the_reading_of_blocks(tmp_path) -> None:
    from sino_russia_data.checking.csv_blocks import Refused

    rows = [f"r{i},plain" for i in range(200)]
    rows[120] = 'r120,"closed"then more'  # the csv module refuses it, whatever follows
    path = tmp_path / "t.csv"
    path.write_bytes(("id,cell\n" + "\n".join(rows) + "\n").encode())
    blocks = []
    with pytest.raises(Refused):
        for block in BlockFile(path, 64):
            blocks.append(block.line_offset)
    assert blocks  # the rows before it were read in blocks
    long_cell = 'r1,"' + "a line\n" * 30 + 'the end"'  # a cell going on beyond the block
    path.write_bytes(("id,cell\n" + long_cell + "\nr2,x\n").encode())
    assert len(list(BlockFile(path, 64))) >= 1  # read on, not refused
