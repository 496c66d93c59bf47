"""Validate a data directory (``raw/`` + ``curated/``) and report every problem at once.

The pipeline per table: strict CSV reading (structure) -> coercion to the model's dtypes
(cells) -> the pandera model, lazily (rows and provenance). Each stage's failures become
:class:`~sino_russia_data.checking.report.Problem` s that name file, CSV line, claim, column and
the cited source with its quote. Sources are validated first: they define the corpus the
claim checks search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ..paths import PUBLISHED_CLAIM_IDS, resolve_data_dir
from ..registry import Table, claim_tables, model, table, tables
from ..schemas import _rowwise
from ..schemas._checks import READS_TYPED
from ..texts.corpus import Corpus, active
from ..texts.quotes import mismatch_hint
from .coercion import coerce
from .csv_reading import RawTable, read_strict
from .report import Problem


@dataclass
class Report:
    data_dir: Path
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    # file (relative to data_dir) -> SHA-256 of exactly the bytes this run validated
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def claim_count(self) -> int:
        names = {t.name for t in claim_tables()}
        return sum(len(f) for name, f in self.frames.items() if name in names)


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


class _TableCheck:
    """Validation of one table; collects its problems."""

    def __init__(self, table: Table, data_dir: Path, corpus: Corpus | None) -> None:
        self.table = table
        self.data_dir = data_dir
        self.corpus = corpus
        self.problems: list[Problem] = []
        self.raw: RawTable | None = None
        self.was_read = False

    def problem(self, pos: int | None, column: str | None, message: str) -> Problem:
        line = claim = source = quote = None
        if pos is not None and self.raw is not None:
            line = self.raw.line(pos)
            row = self.raw.frame.iloc[pos]
            ident = row.get(self.table.id_column)
            claim = ident if isinstance(ident, str) else None
            if self.table.quote_column is not None and self.corpus is not None:
                source = self.corpus.describe(row.get("source_id"))
                cell = row.get(self.table.quote_column)
                quote = cell if isinstance(cell, str) else None
        if (
            column == self.table.quote_column
            and quote is not None
            and self.corpus is not None
            and pos is not None
        ):
            sid = self.raw.frame.iloc[pos].get("source_id") if self.raw is not None else None
            text = self.corpus.text(sid) if isinstance(sid, str) else None
            hint = mismatch_hint(text, quote)
            message = message if hint is None else f"{message}; {hint}"
        return Problem(self.table.file, line, claim, column, message, source, quote)

    def read(self) -> RawTable | None:
        raw, structural = read_strict(
            self.data_dir / self.table.file, self.table.file, self.table.columns
        )
        self.problems.extend(structural)
        self.raw = raw
        self.was_read = True
        return raw

    def run(self) -> pd.DataFrame | None:
        """Read (unless already read), coerce and check; the typed frame or None."""
        raw = self.raw if self.was_read else self.read()
        if raw is None:
            return None
        typed, failures = coerce(raw.frame, self.table.kinds)
        bad_cells = set()
        for pos, column, cell, message in failures:
            bad_cells.add((pos, column))
            shown = (
                repr(cell) if len(cell) <= 120 else f"{cell[:100]!r}... ({len(cell)} characters)"
            )
            self.problems.append(self.problem(pos, column, f"{shown} is {message}"))
        typed = typed.reset_index(drop=True)
        self._run_model(typed, bad_cells)
        return typed

    def _run_model(self, typed: pd.DataFrame, bad_cells: set[tuple[int, str]]) -> None:
        try:
            model(self.table.name).validate(typed, lazy=True)
        except pa.errors.SchemaErrors as errors:
            seen: set[tuple[int | None, str | None, str]] = set()
            cases = errors.failure_cases
            for rec in cases.to_dict("records"):
                index = rec.get("index")
                pos = int(index) if isinstance(index, (int, float)) and pd.notna(index) else None
                named, message = _describe(str(rec["check"]), rec["failure_case"])
                column = named or (rec["column"] if isinstance(rec["column"], str) else None)
                if pos is not None and column is not None and (pos, column) in bad_cells:
                    continue  # already reported as a cell that did not convert
                reads = READS_TYPED.get(str(rec["check"]), frozenset())
                if pos is not None and any((pos, c) in bad_cells for c in reads):
                    continue  # a consequence of a cell that did not convert
                if (pos, column, message) in seen:
                    continue
                seen.add((pos, column, message))
                self.problems.append(self.problem(pos, column, message))


def validate(data_dir: str | Path | None = None) -> Report:
    """Validate every table of ``data_dir`` (default: the shipped data)."""
    root = resolve_data_dir(data_dir)
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        problem = Problem(
            str(root), None, None, None, f"{what} (a data folder holds raw/ and curated/)"
        )
        return Report(data_dir=root, corpus=Corpus(data_dir=root), problems=[problem])
    sources = table("sources")
    sources_check = _TableCheck(sources, root, None)
    raw_sources = sources_check.read()
    empty = pd.DataFrame(columns=sources.columns)
    corpus = Corpus.from_sources(root, raw_sources.frame if raw_sources else empty)
    sources_check.corpus = corpus
    report = Report(data_dir=root, corpus=corpus)
    _rowwise.forget()
    with active(corpus):
        checks = [sources_check] + [
            _TableCheck(t, root, corpus) for t in tables() if t is not sources
        ]
        for check in checks:
            frame = check.run()
            report.problems.extend(check.problems)
            if check.raw is not None:
                report.digests[check.table.file] = check.raw.sha256
            if frame is not None:
                report.frames[check.table.name] = frame
    _rowwise.forget()
    report.digests.update(_raw_digests(corpus))
    report.problems.extend(_claim_ids_unique_across_tables(report))
    report.problems.extend(_published_claims_present(report))
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


def _published_claims_present(report: Report) -> list[Problem]:
    """One problem per claim table whose published claims have disappeared, naming them.

    A table that could not be read at all is already reported; it is not checked here."""
    missing: dict[str, list[str]] = {}
    present = {
        t.name: set(report.frames[t.name]["claim_id"].dropna())
        for t in claim_tables()
        if t.name in report.frames
    }
    for cid in published_claim_ids():
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
        (t, report.frames[t.name]["claim_id"].dropna())
        for t in claim_tables()
        if t.name in report.frames
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
