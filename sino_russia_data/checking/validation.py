"""Validate a data directory (``raw/`` + ``curated/``) and report every problem at once.

The pipeline per table: strict CSV reading (structure) -> coercion to the model's dtypes
(cells) -> the pandera model, lazily (rows and provenance). Each stage's failures become
:class:`~sino_russia_data.checking.report.ProblemGroup` s (one per file, column and rule)
whose instances name file, CSV line, claim, column and the cited source with its quote.
Sources are validated first: they define the corpus the claim checks search.

A curated CSV bigger than :attr:`~.streaming.Chunking.above` bytes is validated block by
block (:mod:`.streaming`), so the peak memory is that of one block, and gives the report a
reading of the whole file gives.

Scale: pandera runs the model's column checks (types, missing, unique, allowed values,
patterns); the model's dataframe checks, which pandera would turn into one failure case
per failing row and column, are evaluated here directly, each to one boolean mask, so a
million failing rows cost a few vectorised passes. A group keeps its rows' positions and
builds a full problem only for the instances a report shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..paths import PUBLISHED_CLAIM_IDS, resolve_data_dir
from ..registry import Table, claim_tables, model, table, tables
from ..schemas import _rowwise
from ..schemas._checks import READS_TYPED
from ..texts.corpus import Corpus, active
from ..texts.quotes import mismatch_hint
from .coercion import CellFailures, coerce, may_hold_control_characters
from .csv_reading import RawTable, read_strict
from .model_schemas import model_schemas
from .report import Problem, ProblemGroup, ProblemReport
from .streaming import (
    CHUNKING,
    Checked,
    Chunking,
    named_columns,
    release_memory,
    validate_in_blocks,
)


@dataclass
class Report:
    data_dir: Path
    corpus: Corpus
    grouped: ProblemReport = field(default_factory=ProblemReport)
    # table name -> its typed frame (all tables read, unless the run kept none)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    # file (relative to data_dir) -> SHA-256 of exactly the bytes this run validated
    digests: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # table name -> rows read
    claim_ids: dict[str, pd.Series] = field(default_factory=dict)  # claim table -> claim_id
    # claim table -> the claims its ragged rows name (in their id column): in the file, not read
    left_out: dict[str, list[str | None]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return len(self.grouped) == 0

    @property
    def problems(self) -> list[Problem]:
        """Every problem in full (for big reports, render ``grouped`` instead)."""
        return self.grouped.problems

    def claim_count(self) -> int:
        names = {t.name for t in claim_tables()}
        return sum(n for name, n in self.rows.items() if name in names)

    def record(self, table: Table, checked: Checked) -> None:
        """Take in what validating ``table`` left."""
        self.grouped.groups.extend(checked.found.groups)
        if checked.digest is not None:
            self.digests[table.file] = checked.digest
        if checked.rows is not None:
            self.rows[table.name] = checked.rows
        if "claim_id" in checked.kept and table.name in {t.name for t in claim_tables()}:
            self.claim_ids[table.name] = checked.kept["claim_id"]
        if checked.frame is not None:
            self.frames[table.name] = checked.frame
        if checked.left_out:
            self.left_out[table.name] = checked.left_out


def _describe(check: str, failure_case: object) -> tuple[str | None, str]:
    """(column named by the check, human message) for one pandera failure."""
    head, sep, rest = check.partition(": ")
    if sep and head.isidentifier():
        return head, rest
    case = repr(failure_case)
    if check == "not_nullable":
        return None, "missing (required)"
    if check in ("field_uniqueness", "unique") or check.startswith("unique"):
        return None, f"duplicate value {case}"
    if check.startswith("isin("):
        return None, f"{case} is not an allowed value; allowed: {check[len('isin(') : -1]}"
    if check.startswith("str_matches("):
        return None, f"{case} does not match the required pattern {check[len('str_matches(') : -1]}"
    return None, f"failed check {check}: {case}"


def _case_messages(check: str, cases: np.ndarray, indices: np.ndarray) -> list[str]:
    return [_describe(check, cases[i])[1] for i in indices.tolist()]


def _verdicts(check: pa.Check, typed: pd.DataFrame, empty_rows: np.ndarray) -> np.ndarray:
    """Per row: does it pass ``check`` (as pandera decides: all-missing rows, marked in
    ``empty_rows``, pass)?"""
    result = partial(check._check_fn, **check._check_kwargs)(typed)
    ok = np.asarray(result, dtype=bool)
    if check.ignore_na:
        ok = ok | empty_rows
    return ok


def _shown(cell: str) -> str:
    """A cell as a problem shows it: its repr, cut short past 120 characters."""
    return repr(cell) if len(cell) <= 120 else f"{cell[:100]!r}... ({len(cell)} characters)"


class _TableCheck:
    """Validation of one table; collects its problems, grouped."""

    def __init__(self, table: Table, data_dir: Path, corpus: Corpus | None) -> None:
        self.table = table
        self.data_dir = data_dir
        self.corpus = corpus
        self.found = ProblemReport()
        self.raw: RawTable | None = None
        self.was_read = False
        self.unique_later = False  # set for a block: the table's uniqueness is checked later
        self.bad_cells: dict[str, np.ndarray] = {}  # column -> its cells that did not convert

    def _cells(self, positions: list[int], column: str | None) -> list[str | None]:
        """The text of ``column`` at each of these rows (None where missing, or when the
        column is not kept), taken in one go: a cell at a time costs ~16 microseconds, and
        ``--all`` or the JSON report builds millions of problems."""
        if self.raw is None or column is None or column not in self.raw.frame.columns:
            return [None] * len(positions)
        rows = np.asarray(positions, dtype=np.int64)
        return [
            v if isinstance(v, str) else None
            for v in _rowwise.values_at(self.raw.frame[column], rows)
        ]

    def problem(self, pos: int | None, column: str | None, message: str, rule: str) -> Problem:
        if pos is None or self.raw is None:
            return Problem(self.table.file, None, None, column, message, rule=rule)
        return self._problems([pos], [self.raw.line(pos)], column, [message], rule)[0]

    def _problems(
        self,
        positions: list[int],
        lines: Sequence[int | None],
        column: str | None,
        messages: list[str],
        rule: str,
    ) -> list[Problem]:
        """The problems of ``rule`` in ``column`` at these rows, on these lines: each names
        its claim, and its source and quote where the table has them."""
        claims = self._cells(positions, self.table.id_column)
        sources: list[str | None] = [None] * len(positions)
        quotes: list[str | None] = [None] * len(positions)
        if self.table.quote_column is not None and self.corpus is not None:
            ids = self._cells(positions, "source_id")
            sources = [self.corpus.describe(sid) for sid in ids]
            quotes = self._cells(positions, self.table.quote_column)
            if column == self.table.quote_column:
                messages = [
                    self._hinted(*found) for found in zip(messages, ids, quotes, strict=True)
                ]
        found = zip(lines, claims, messages, sources, quotes, strict=True)
        return [Problem(self.table.file, ln, c, column, m, s, q, rule) for ln, c, m, s, q in found]

    def _hinted(self, message: str, sid: str | None, quote: str | None) -> str:
        """``message`` with where the quote stops matching its source's text, if it can say."""
        if self.corpus is None or quote is None or sid is None:
            return message
        hint = mismatch_hint(self.corpus.text(sid), quote)
        return message if hint is None else f"{message}; {hint}"

    def add_rows(
        self,
        column: str | None,
        rule: str,
        positions: np.ndarray,
        message: str | Callable[[np.ndarray], list[str]],
    ) -> None:
        """One group: ``rule`` fails in ``column`` at these row positions; ``message`` is
        the same for each, or made from the indices of the positions shown, a batch of
        them at once (only when shown)."""
        if len(positions) == 0:
            return
        if self.raw is None:
            raise RuntimeError("rows reported before the table was read")
        order = np.argsort(positions, kind="stable")
        at = positions[order].tolist()
        lines = self.raw.lines_at(at)

        def details(start: int, stop: int) -> list[Problem]:
            shown = order[start:stop]
            said = [message] * len(shown) if isinstance(message, str) else message(shown)
            return self._problems(at[start:stop], lines[start:stop], column, said, rule)

        self.found.add(ProblemGroup(self.table.file, column, rule, lines, details))

    def read(self) -> RawTable | None:
        table = self.table
        raw, structural = read_strict(
            self.data_dir / table.file, table.file, table.columns, id_column=table.id_column
        )
        self.found.merge(structural)
        self.raw = raw
        self.was_read = True
        return raw

    def run(self) -> pd.DataFrame | None:
        """Read (unless already read), coerce and check; the typed frame or None."""
        raw = self.raw if self.was_read else self.read()
        if raw is None:
            return None
        controls = may_hold_control_characters(raw.data)
        typed, failures = coerce(raw.frame, self.table.kinds, controls_possible=controls)
        raw.release_bytes()
        bad_cells: dict[str, np.ndarray] = {}
        for failed in failures:
            bad_cells[failed.column] = np.zeros(len(typed), dtype=bool)
            bad_cells[failed.column][failed.positions] = True
            self._add_cell_failures(failed)
        typed = typed.reset_index(drop=True)
        self.bad_cells = bad_cells
        self._run_model(typed, bad_cells)
        return typed

    def _add_cell_failures(self, failed: CellFailures) -> None:
        """One group per column and rule ('not in canonical form: write it as ...' and its
        kin group as one), each cell's text and message made only when shown."""
        rules = [message.split(":")[0] for message in failed.messages]
        rule_of_message, distinct = pd.factorize(pd.Series(rules, dtype=object))
        rule_of_cell = rule_of_message[failed.message_of]
        for r, rule in enumerate(distinct.tolist()):
            at = np.flatnonzero(rule_of_cell == r)
            texts = partial(self._cell_failures, failed, at)
            self.add_rows(failed.column, str(rule), failed.positions[at], texts)

    def _cell_failures(self, failed: CellFailures, at: np.ndarray, shown: np.ndarray) -> list[str]:
        """The problems of the ``at[shown]``-th failing cells of ``failed``: each cell's
        text, then why (the texts read in one take)."""
        if self.raw is None:
            raise RuntimeError("cells shown before their table was read")
        cells = failed.texts(self.raw.frame, at[shown])
        return [
            f"{_shown(cell)} is {failed.message(int(i))}"
            for cell, i in zip(cells, at[shown].tolist(), strict=True)
        ]

    def _run_model(self, typed: pd.DataFrame, bad_cells: dict[str, np.ndarray]) -> None:
        schemas = model_schemas(model(self.table.name), self.unique_later)
        try:  # on a shallow copy, in place: pandera's own copy would copy every column
            schemas.columns_for(typed).validate(typed.copy(deep=False), lazy=True, inplace=True)
        except pa.errors.SchemaErrors as errors:
            self._column_failures(errors.failure_cases, bad_cells)
        empty_rows = typed.isna().all(axis="columns").to_numpy()  # the same for every check
        for check in schemas.frame_checks:
            rule = str(check.error or check.name)
            column, message = _describe(rule, None)
            try:
                failing = ~_verdicts(check, typed, empty_rows)
            except Exception as err:  # a check that cannot run is a problem, not a crash
                self.found.extend([Problem(self.table.file, None, None, column, f"{rule}: {err}")])
                continue
            for read in READS_TYPED.get(rule, frozenset()) | {column}:
                if read in bad_cells:  # a consequence of a cell that did not convert
                    failing &= ~bad_cells[read]
            self.add_rows(column, rule, np.flatnonzero(failing), message)
        _rowwise.forget()  # the codes are of this frame (one table, or one chunk of it)

    def _column_failures(self, cases: pd.DataFrame, bad_cells: dict[str, np.ndarray]) -> None:
        """Group pandera's failure cases of the column checks by column and check."""
        index = pd.to_numeric(cases["index"], errors="coerce")
        for (check, column), rows in cases.assign(index=index).groupby(
            ["check", "column"], sort=False, dropna=False
        ):
            named = column if isinstance(column, str) else None
            whole = rows[rows["index"].isna()]  # about the column, not a row
            for case in whole["failure_case"].tolist():
                message = _describe(str(check), case)[1]
                self.found.extend([self.problem(None, named, message, str(check))])
            rows = rows[rows["index"].notna()].drop_duplicates("index")
            positions = rows["index"].to_numpy(dtype=np.int64)
            keep = ~bad_cells[named][positions] if named in bad_cells else slice(None)
            positions, failure_cases = positions[keep], rows["failure_case"].to_numpy()[keep]
            describe = partial(_case_messages, str(check), failure_cases)
            self.add_rows(named, str(check), positions, describe)


def _checked(check: _TableCheck, frame: pd.DataFrame | None, keep_frame: bool) -> Checked:
    """What a table checked whole left."""
    ids = {"claim_id": frame["claim_id"]} if frame is not None and "claim_id" in frame else {}
    return Checked(
        check.found,
        check.raw.sha256 if check.raw is not None else None,
        None if frame is None else len(frame),
        ids,
        frame if keep_frame else None,
        check.raw.left_out if check.raw is not None else [],
    )


class _Pipeline:
    """The per-table pipeline (:class:`_TableCheck`) as :func:`.streaming.validate_in_blocks`
    runs it on each block of a big table."""

    def __init__(self, table: Table, data_dir: Path, corpus: Corpus) -> None:
        self.table, self.data_dir, self.corpus = table, data_dir, corpus

    def _check(self, raw: RawTable) -> _TableCheck:
        check = _TableCheck(self.table, self.data_dir, self.corpus)
        check.raw, check.was_read, check.unique_later = raw, True, True
        return check

    def check_block(
        self, raw: RawTable, structural: ProblemReport
    ) -> tuple[ProblemReport, pd.DataFrame, dict[str, np.ndarray]]:
        """(problems, typed frame, cells that did not convert) of one block."""
        check = self._check(raw)
        check.found.merge(structural)
        typed = check.run()
        if typed is None:
            raise RuntimeError("a block that was read gave no typed frame (it always should)")
        # its problems build their instances from the cells they name: keep only those
        # (and the columns whose failing cells they show)
        named = [*named_columns(self.table), *check.bad_cells]
        raw.frame = raw.frame[[c for c in raw.frame.columns if c in named]]
        return check.found, typed, check.bad_cells

    def column_failures(
        self, raw: RawTable, cases: pd.DataFrame, bad_cells: dict[str, np.ndarray]
    ) -> ProblemReport:
        """The groups of pandera's failure cases of column checks over the rows of ``raw``."""
        check = self._check(raw)
        check._column_failures(cases, bad_cells)
        return check.found


def _check_table(
    table: Table, root: Path, corpus: Corpus, keep_frame: bool, chunking: Chunking
) -> Checked:
    """Validate one table (a big one block by block, when it can be)."""
    path = root / table.file
    try:
        big = path.is_file() and path.stat().st_size > chunking.above
    except OSError:
        big = False
    if big:
        checked = validate_in_blocks(
            table, path, _Pipeline(table, root, corpus), chunking, keep_frame
        )
        if checked is not None:
            return checked
    check = _TableCheck(table, root, corpus)
    return _checked(check, check.run(), keep_frame)


def validate(
    data_dir: str | Path | None = None,
    *,
    keep_frames: bool = True,
    chunking: Chunking = CHUNKING,
) -> Report:
    """Validate every table of ``data_dir`` (default: the shipped data). ``keep_frames``:
    the report holds every typed frame (False: only counts and claim ids, so a big table
    is never held whole); ``chunking``: how big a table is read block by block."""
    root = resolve_data_dir(data_dir)
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        problem = Problem(
            str(root), None, None, None, f"{what} (a data folder holds raw/ and curated/)"
        )
        missing = Report(data_dir=root, corpus=Corpus(data_dir=root))
        missing.grouped.extend([problem])
        return missing
    sources = table("sources")
    sources_check = _TableCheck(sources, root, None)
    raw_sources = sources_check.read()
    empty = pd.DataFrame(columns=sources.columns)
    corpus = Corpus.from_sources(root, raw_sources.frame if raw_sources else empty)
    del raw_sources  # the check holds it while it needs it
    sources_check.corpus = corpus
    report = Report(data_dir=root, corpus=corpus)
    if not corpus.raw_dir.is_dir():  # one problem: every text check would fail with it
        message = "the folder of source texts is missing: no text can be checked"
        report.grouped.extend([Problem("raw/", None, None, None, message)])
    _rowwise.forget()
    with active(corpus):
        # the sources define the corpus: always checked whole
        report.record(sources, _checked(sources_check, sources_check.run(), keep_frames))
        del sources_check  # its problems hold what they name
        for t in tables():
            if t is not sources:
                release_memory()
                report.record(t, _check_table(t, root, corpus, keep_frames, chunking))
    report.digests.update(_raw_digests(corpus))
    report.grouped.extend(_claim_ids_unique_across_tables(report))
    report.grouped.extend(_published_claims_present(report))
    return report


def _raw_digests(corpus: Corpus) -> dict[str, str]:
    """SHA-256 of each raw text the run read (the ones sources.csv names, nothing else)."""
    out = {}
    for row in corpus.sources.values():
        name = row.get("raw_file")
        digest = corpus.sha256(name) if corpus.raw_path(name) is not None else None
        if name is not None and digest is not None:
            out[f"raw/{name}"] = digest
    return out


def published_claim_ids() -> list[str]:
    """The claim ids of every published release (``published_claim_ids.txt``, shipped in
    the package): each must stay in the data; a new claim is added to the list on purpose."""
    return PUBLISHED_CLAIM_IDS.read_text(encoding="utf-8").split()


def _published_in(ids: pd.Series, published: list[str]) -> set[str]:
    """The published ids among ``ids``, by pyarrow's ``is_in`` when they are text (pandas'
    ``isin`` makes a pyarrow scalar of each of the published ids on every call: 4 ms a
    table, 20 ms of a validation of the shipped data)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        values = pa.array(ids, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed kinds (not from a reader): pandas
        values = None
    if values is None or not (
        pa.types.is_string(values.type) or pa.types.is_large_string(values.type)
    ):
        return set(ids[ids.isin(published)].tolist())
    found = pc.is_in(values, value_set=pa.array(published, type=values.type))
    return set(pc.filter(values, found).to_pylist())


def _published_claims_present(report: Report) -> list[Problem]:
    """One problem per claim table whose published claims have disappeared, naming them.

    A table that could not be read at all is already reported; it is not checked here. A
    published claim named by a ragged row (in its id column) is in the file, though the row
    is not read: it is not called missing (the ragged row is reported)."""
    missing: dict[str, list[str]] = {}
    published = published_claim_ids()
    present = {  # the published ids each table holds (one vectorised lookup per table)
        t.name: _published_in(report.claim_ids[t.name], published)
        | set(published).intersection(report.left_out.get(t.name, []))
        for t in claim_tables()
        if t.name in report.claim_ids
    }
    for cid in published:
        name = cid.split("-", 1)[0]
        if (name in present and cid not in present[name]) or (
            name not in present and not any(t.name == name for t in claim_tables())
        ):
            missing.setdefault(name, []).append(cid)
    problems = []
    for name, ids in missing.items():
        file = next((t.file for t in claim_tables() if t.name == name), f"curated/{name}.csv")
        problems.append(
            Problem(
                file,
                None,
                None,
                "claim_id",
                f"{len(ids)} published claim(s) missing: {', '.join(ids)} (a published claim "
                "is never dropped; withdrawing one means a CHANGELOG entry and removing its id "
                "from published_claim_ids.txt)",
            )
        )
    return problems


def _claim_ids_unique_across_tables(report: Report) -> list[Problem]:
    """A claim_id used by two tables (duplicates within a table are the model's finding).

    Each pair of tables is compared by looking the smaller one's ids up in the larger one,
    vectorised, so a million-row table costs one hash pass per other table."""
    ids_by_table = [
        (t, report.claim_ids[t.name].dropna()) for t in claim_tables() if t.name in report.claim_ids
    ]
    problems = []
    for i, (claims, ids) in enumerate(ids_by_table):
        for earlier, earlier_ids in ids_by_table[:i]:
            small, large = (
                (ids, earlier_ids) if len(ids) <= len(earlier_ids) else (earlier_ids, ids)
            )
            shared = large[large.isin(small.unique().tolist())].unique().tolist()
            problems += [
                Problem(claims.file, None, cid, "claim_id", f"also used in {earlier.name}")
                for cid in sorted(shared)
            ]
    return problems
