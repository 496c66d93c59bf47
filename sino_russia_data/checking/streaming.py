"""Validate a big curated table block by block, so that it is never held whole.

A CSV file over :attr:`Chunking.above` bytes is read in blocks of about
:attr:`Chunking.block` bytes (:class:`~.csv_blocks.BlockFile`: each cut just after a line
break outside any quoted cell, each carrying the header, its lines counted from its first
line in the file), and the per-table pipeline (strict reading, coercion, the model) runs
on each block. That gives the answer a reading of the whole file gives because:

- every rule of the models but one is a rule of the row alone (the dataframe checks of
  ``schemas/`` each compare a row with itself, its source's text or sources.csv);
- the one that spans rows, a column's ``unique=True``, is left out of each block's run and
  checked once, by pandera, over the column every block kept (:func:`unique_schema`);
- the groups of the blocks are joined into one per file, column and rule, in line order
  (:func:`~.report.joined_blocks`), so the bounded report, ``--all`` and the JSON report
  are those of the whole file;
- the file's SHA-256 is of the very bytes the blocks were read from;
- a file the exact reader must see whole (a block that is not readable at all: invalid
  UTF-8, a malformed quote, a header without a column; or a carriage return that does
  not end a line, which the readers count differently) is validated whole instead, by the
  caller: its answer is then the whole file's by construction.

A group keeps the block it names alive (only the cells its instances name); a block with
no problem is dropped once checked. The cross-table checks read the claim ids each table
kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..registry import Table, model
from .csv_blocks import Block, BlockFile, Refused, read_block
from .csv_reading import RawTable
from .model_schemas import unique_columns, with_columns
from .report import Problem, ProblemGroup, ProblemReport, joined_blocks


@dataclass(frozen=True)
class Chunking:
    """How a big file is cut. Memory grows with the block (about 5x its bytes: pyarrow's
    columns, the typed frame, the checks' temporaries) and each block costs a fixed ~50 ms
    of pandas and pandera calls, so a file is cut into about :attr:`parts` blocks of at
    least :attr:`block` bytes: a bounded cost per file, and memory in proportion to it."""

    above: int = 64 << 20  # a curated CSV over this many bytes is validated block by block
    block: int = 16 << 20  # the least bytes a block (a row is never cut)
    parts: int = 12  # a bigger file: about this many blocks

    def block_for(self, size: int) -> int:
        """The block size for a file of ``size`` bytes."""
        return max(self.block, -(-size // self.parts))


CHUNKING = Chunking()


@dataclass
class Checked:
    """What validating one table left."""

    found: ProblemReport
    digest: str | None = None  # SHA-256 of the bytes validated (None: not read)
    rows: int | None = None  # rows of its typed frame (None: it could not be read)
    kept: dict[str, pd.Series] = field(default_factory=dict)  # claim_id and the unique columns
    frame: pd.DataFrame | None = None  # its typed frame, when kept
    left_out: list[str | None] = field(default_factory=list)  # its ragged rows' claims


class Pipeline(Protocol):
    """The per-table pipeline, run on one block or on chosen rows."""

    def check_block(
        self, raw: RawTable, structural: ProblemReport
    ) -> tuple[ProblemReport, pd.DataFrame, dict[str, np.ndarray]]: ...

    def column_failures(
        self, raw: RawTable, cases: pd.DataFrame, bad_cells: dict[str, np.ndarray]
    ) -> ProblemReport: ...


@cache
def unique_schema(table_model: type[pa.DataFrameModel]) -> pa.DataFrameSchema | None:
    """The model's ``unique=True`` columns with that rule alone (None: there are none)."""
    schema = table_model.to_schema()
    unique = unique_columns(schema)
    if not unique:
        return None
    alone = with_columns(schema, unique, checks=[], nullable=True, dtype=None)
    return pa.DataFrameSchema({c: alone.columns[c] for c in unique})


def release_memory() -> None:
    """Let pyarrow's memory pools give back to the system what they hold unused (done
    before each table: between the blocks of one it saves ~15 MiB and costs ~0.4 s of
    pages touched again on a 400 MB table)."""
    import pyarrow as pa

    from .csv_reading import read_pool

    for pool in {id(p): p for p in (pa.default_memory_pool(), read_pool())}.values():
        pool.release_unused()


def _hashes(values: pd.Series) -> np.ndarray:
    """A 64-bit hash of each cell (Python's own: equal cells, equal hashes)."""
    return np.fromiter(map(hash, values.tolist()), dtype=np.int64, count=len(values))


@dataclass
class _Kept:
    """What the blocks of one file leave for after them."""

    unique: list[str]  # the columns whose cells must be unique over the whole file
    keep: list[str]  # the columns kept whole (the unique ones and claim_id)
    reports: list[ProblemReport] = field(default_factory=list)
    parts: dict[str, list[pd.Series]] = field(default_factory=dict)
    hashes: dict[str, list[np.ndarray]] = field(default_factory=dict)
    missing: int = 0  # missing cells in the unique columns
    bad: dict[str, list[np.ndarray]] = field(default_factory=dict)  # global positions
    frames: list[pd.DataFrame] = field(default_factory=list)
    rows: int = 0
    left_out: list[str | None] = field(default_factory=list)  # the blocks' ragged rows' claims
    _columns: dict[str, pd.Series] = field(default_factory=dict)

    def add(
        self,
        found: ProblemReport,
        typed: pd.DataFrame,
        bad_cells: dict[str, np.ndarray],
        keep_frame: bool,
    ) -> None:
        self.reports.append(found)
        for c in self.keep:
            self.parts.setdefault(c, []).append(typed[c])
            if c in bad_cells:
                self.bad.setdefault(c, []).append(np.flatnonzero(bad_cells[c]) + self.rows)
        for c in self.unique:
            self.hashes.setdefault(c, []).append(_hashes(typed[c]))
            self.missing += int(typed[c].isna().sum())
        if keep_frame:
            self.frames.append(typed)
        self.rows += len(typed)

    def column(self, name: str) -> pd.Series:
        """The column ``name`` of the whole file (one of :attr:`keep`)."""
        if name not in self._columns:
            self._columns[name] = pd.concat(self.parts.pop(name), ignore_index=True)
        return self._columns[name]

    def surely_unique(self) -> bool:
        """True when no two cells of a unique column are equal: no cell is missing and no
        two hashes are (equal cells have equal hashes; two equal hashes, or a missing
        cell, and pandera decides)."""
        for c in self.unique:
            ordered = np.sort(np.concatenate(self.hashes[c]))
            if self.missing or (ordered[1:] == ordered[:-1]).any():
                return False
        return True


class _Unreadable(Exception):
    """A file could not be read through (an OSError while its blocks were read)."""


def _read_through(file: BlockFile) -> Iterator[Block]:
    """The blocks of ``file``; an OSError while reading them becomes :class:`_Unreadable`,
    so that one raised by a check of a block is not mistaken for it."""
    blocks = iter(file)
    while True:
        try:
            block = next(blocks)
        except StopIteration:
            return
        except OSError as err:
            raise _Unreadable(str(err)) from err
        yield block


def validate_in_blocks(
    table: Table, path: Path, pipeline: Pipeline, chunking: Chunking, keep_frame: bool
) -> Checked | None:
    """Validate ``table``'s file block by block; None when it must be validated whole."""
    table_model = model(table.name)
    if table_model.to_schema().unique:  # a rule over rows across columns: not supported
        return None
    unique = unique_schema(table_model)
    unique_columns = list(unique.columns) if unique is not None else []
    keep = sorted({*unique_columns, "claim_id"} & {*table.columns})
    kept = _Kept(unique_columns, keep)
    try:
        size = chunking.block_for(path.stat().st_size)
    except OSError:
        return None
    file = BlockFile(path, size)
    try:
        for block in _read_through(file):
            if not block.plain_line_ends:
                return None
            raw, structural = read_block(block, path, table.file, table.columns, table.id_column)
            if raw is None:  # the whole file's reading says why (this block's, if it is all)
                return Checked(structural) if block.first and block.last else None
            del block  # its bytes are the table's, which drops them once they are read
            kept.left_out += raw.left_out
            kept.add(*pipeline.check_block(raw, structural), keep_frame)
            del raw  # (the codes the checks cached of it went at the end of its checks)
    except (_Unreadable, Refused):
        return None  # the file could not be read through: the whole reading says why
    finally:
        digest = file.sha256
    found = joined_blocks(kept.reports)
    if unique is not None and not kept.surely_unique():
        found.groups += _unique_failures(table, path, pipeline, size, unique, kept, digest)
    frame = pd.concat(kept.frames, ignore_index=True) if keep_frame else None
    columns = {c: kept.column(c) for c in keep}
    return Checked(found, digest, kept.rows, columns, frame, kept.left_out)


def _unique_failures(
    table: Table,
    path: Path,
    pipeline: Pipeline,
    size: int,
    unique: pa.DataFrameSchema,
    kept: _Kept,
    digest: str,
) -> list[ProblemGroup]:
    """The uniqueness of the columns every block kept, checked once by pandera; the cells
    its failures name are read again, from the same bytes, only when there are some."""
    frame = pd.DataFrame({c: kept.column(c) for c in unique.columns})
    try:
        unique.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    index = pd.to_numeric(cases["index"], errors="coerce")
    wanted = np.unique(index.dropna().to_numpy(dtype=np.int64))
    if len(wanted) == 0:  # no row named (e.g. missing cells only): nothing to read again
        empty = pd.DataFrame(columns=table.columns)
        rows: RawTable | None = RawTable(empty, path, b"", lines=[])
    else:
        rows = _rows_of(table, path, size, wanted, (digest, kept.rows))
    if rows is None:
        changed = "changed while it was being validated: validate it again"
        return ProblemReport.of([Problem(table.file, None, None, None, changed)]).groups
    local = pd.Series(np.searchsorted(wanted, index.fillna(0).to_numpy(dtype=np.int64)))
    cases = cases.assign(index=local.where(index.notna().to_numpy()).to_numpy())
    bad = {c: np.isin(wanted, np.concatenate(parts)) for c, parts in kept.bad.items()}
    return pipeline.column_failures(rows, cases, bad).groups


def named_columns(table: Table) -> list[str]:
    """The cells a problem names besides its own: its claim, source and quote (what a
    block keeps of its rows once checked, and what is read again for a duplicate id)."""
    return [c for c in (table.id_column, "source_id", table.quote_column) if c]


def _rows_of(
    table: Table, path: Path, size: int, wanted: np.ndarray, read: tuple[str, int]
) -> RawTable | None:
    """The raw rows at positions ``wanted`` (sorted) of the file, with their lines, read
    again in the blocks of ``size`` it was read in; None if the file is not the one read
    before (digest, rows). Only the cells a problem shows are taken (its claim, source
    and quote: :meth:`~.validation._TableCheck.problem`); a failure's value is pandera's."""
    shown = named_columns(table)
    file = BlockFile(path, size)
    parts, lines, start = [], [], 0
    try:
        for block in file:
            raw, _ = read_block(block, path, table.file, table.columns, table.id_column)
            if raw is None or not block.plain_line_ends:
                return None
            take = wanted[(wanted >= start) & (wanted < start + len(raw.frame))] - start
            if len(take):
                parts.append(raw.frame[[c for c in shown if c in raw.frame]].iloc[take])
                lines += raw.lines_at(take.tolist())
            start += len(raw.frame)
            del raw, block  # the next block may take their buffer
    except (OSError, Refused):
        return None
    finally:
        digest = file.sha256
    if (digest, start) != read or not parts:
        return None
    frame = pd.concat(parts, ignore_index=True)
    return RawTable(frame=frame, path=path, data=b"", lines=lines)
