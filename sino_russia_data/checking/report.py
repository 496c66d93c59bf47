"""What the validator reports: problems grouped by file, column and rule, bounded for people.

A :class:`Problem` names the file and CSV line, the claim and column, what failed, and the
source the claim cites (source_id, author, title) with its quote, so a curator can fix
the row without opening pandera's own error dump.

Problems come in :class:`ProblemGroup` s: every instance of one rule failing in one column
of one file. A group may hold a million instances without building a million problems: it
keeps the CSV line of each and builds the full problem (claim, source, quote) of an
instance only when asked. :class:`ProblemReport` renders each group's first
:data:`EXAMPLES` instances, then "… and N more rows with the same problem (first lines:
…)"; ``limit=None`` lists every instance, and :meth:`ProblemReport.to_json` writes the
whole report for machines. A file validated block by block gives one report per block;
:func:`joined_blocks` makes them the one report the whole file would give.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

EXAMPLES = 20  # instances of each group shown in full by default
FIRST_LINES = 10  # lines listed for the instances not shown

# What a terminal would act on rather than show: C0 controls, DEL and C1 controls (an ESC
# in a claim id could clear the screen); and what would hide or reorder the text around it:
# zero-width characters, bidirectional marks and overrides, line and paragraph separators,
# the BOM. A tab is shown as it is. A message keeps its own line breaks, every other part
# of a problem is one line.
_HIDDEN = "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_CONTROLS = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_HIDDEN}]")
_CONTROLS_BUT_LINE_FEEDS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_HIDDEN}]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, keep_line_feeds: bool = False) -> str:
    """``text`` with every control character written as ``\\xNN`` and every invisible
    mark as ``\\uNNNN``, so that a problem printed shows what a cell holds and can neither
    drive the terminal nor hide or reorder what is around it."""
    pattern = _CONTROLS_BUT_LINE_FEEDS if keep_line_feeds else _CONTROLS
    return pattern.sub(_escaped, text)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    claim_id: str | None
    column: str | None
    message: str
    source: str | None = None
    quote: str | None = None
    rule: str | None = None  # what failed, the same for every instance; default: message

    @property
    def group_key(self) -> tuple[str, str | None, str]:
        return self.file, self.column, self.rule or self.message

    def render(self) -> str:
        """The problem for people: one line naming where and what, then its source and
        quote (each part's control characters escaped: :func:`printable`)."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        head = [printable(where)]
        if self.claim_id:
            head.append(f"claim {printable(self.claim_id)}")
        if self.column:
            head.append(f"[{printable(self.column)}]")
        lines = [" ".join(head) + f": {printable(self.message, keep_line_feeds=True)}"]
        if self.source:
            lines.append(f"    cites: {printable(self.source)}")
        if self.quote:
            lines.append(f'    quote: "{printable(self.quote)}"')
        return "\n".join(lines)


# Builds instances [start, stop) of a group in full.
Details = Callable[[int, int], list[Problem]]


@dataclass
class ProblemGroup:
    """Every instance of one rule failing in one column of one file, in line order."""

    file: str
    column: str | None
    rule: str
    lines: Sequence[int | None]  # the CSV line of each instance
    details: Details = field(repr=False)

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> ProblemGroup:
        """A group of problems already built (all with the same :attr:`Problem.group_key`)."""
        ordered = sorted(problems, key=lambda p: (p.line or 0, p.claim_id or "", p.message))
        file, column, rule = ordered[0].group_key
        lines = [p.line for p in ordered]
        return cls(file, column, rule, lines, lambda start, stop: ordered[start:stop])

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        first = self.lines[0] if len(self.lines) else None
        return self.file, first or 0, self.column or "", self.rule

    def instances(self, limit: int | None = None) -> list[Problem]:
        stop = len(self) if limit is None else min(limit, len(self))
        return self.details(0, stop)

    @classmethod
    def joined(cls, parts: Sequence[ProblemGroup]) -> ProblemGroup:
        """One group of the instances of ``parts`` (groups of the same file, column and
        rule whose lines follow one another), each part building its own instances."""
        if len(parts) == 1:
            return parts[0]
        lines = [line for part in parts for line in part.lines]
        starts = list(itertools.accumulate((len(p) for p in parts), initial=0))

        def details(start: int, stop: int) -> list[Problem]:
            out: list[Problem] = []
            for part, first in zip(parts, starts, strict=False):
                low, high = max(start - first, 0), min(stop - first, len(part))
                if low < high:
                    out += part.details(low, high)
            return out

        head = parts[0]
        return cls(head.file, head.column, head.rule, lines, details)

    def render(self, limit: int | None = EXAMPLES) -> str:
        text = io.StringIO()
        self.write(text, limit)
        return text.getvalue()

    def write(self, out: TextIO, limit: int | None = EXAMPLES) -> None:
        """:meth:`render`'s text, written to ``out`` :data:`AT_ONCE` instances at a time."""
        shown = len(self) if limit is None else min(limit, len(self))
        for start in range(0, shown, AT_ONCE):
            chunk = self.details(start, min(start + AT_ONCE, shown))
            out.write(("\n" if start else "") + "\n".join(p.render() for p in chunk))
        rest = len(self) - shown
        if rest > 0:
            first = self.lines[shown : shown + FIRST_LINES]
            listed = ", ".join(str(line) for line in first if line is not None)
            more = ", …" if rest > FIRST_LINES else ""
            s = "" if rest == 1 else "s"
            out.write(
                f"\n  … and {rest:,} more row{s} with the same problem "
                f"(first lines: {listed}{more})"
            )


@dataclass
class ProblemReport:
    """Every problem of a validation run, grouped by file, column and rule."""

    groups: list[ProblemGroup] = field(default_factory=list)

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> ProblemReport:
        by_key: dict[tuple[str, str | None, str], list[Problem]] = {}
        for problem in problems:
            by_key.setdefault(problem.group_key, []).append(problem)
        return cls([ProblemGroup.of(group) for group in by_key.values()])

    def add(self, group: ProblemGroup) -> None:
        if len(group):
            self.groups.append(group)

    def merge(self, other: ProblemReport) -> None:
        """Take in the groups of ``other``."""
        for group in other.groups:
            self.add(group)

    def extend(self, problems: Iterable[Problem]) -> None:
        for group in ProblemReport.of(problems).groups:
            self.add(group)

    def ordered(self) -> list[ProblemGroup]:
        return sorted(self.groups, key=lambda g: g.sort_key)

    def __len__(self) -> int:
        """The number of problems (instances), not of groups."""
        return sum(len(g) for g in self.groups)

    @property
    def problems(self) -> list[Problem]:
        """Every problem in full (builds each one: use :meth:`render` for big reports)."""
        return [p for group in self.ordered() for p in group.instances()]

    def render(self, limit: int | None = EXAMPLES) -> str:
        """The report for people: each group's first ``limit`` instances (None: all)."""
        text = io.StringIO()
        self.write(text, limit)
        return text.getvalue()

    def write(self, out: TextIO, limit: int | None = EXAMPLES) -> None:
        """:meth:`render`'s text written to ``out`` a group at a time (``--all`` of millions
        of problems is never held whole)."""
        ordered = self.ordered()
        for number, group in enumerate(ordered):
            out.write("\n" if number else "")
            group.write(out, limit)
        total = len(self)
        files = len(_files(ordered))
        s = "" if total == 1 else "s"
        summary = f"{total:,} problem{s} in {files} file{'' if files == 1 else 's'}"
        shown = sum(min(len(g), limit) for g in ordered) if limit is not None else total
        if shown < total:
            summary += f" ({shown:,} shown; `validate --all` lists every one)"
        out.write(f"\n\n{summary}.")

    def as_dict(self) -> dict[str, Any]:
        """The whole report: every group with every instance in full."""
        ordered = self.ordered()
        return {
            "ok": not ordered,
            "problem_count": len(self),
            "file_count": len({g.file for g in ordered}),
            "groups": [
                {
                    "file": g.file,
                    "column": g.column,
                    "rule": g.rule,
                    "count": len(g),
                    "problems": [_instance(p) for p in g.instances()],
                }
                for g in ordered
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False) + "\n"

    def write_json(self, out: TextIO) -> None:
        """Write :meth:`to_json`'s very text to ``out``, a group at a time and its instances
        :data:`AT_ONCE` at a time, so that a report of millions of problems is never
        held whole (as a dict, then a string, it took 6 GB for two million)."""
        ordered = self.ordered()
        head = {"ok": not ordered, "problem_count": len(self), "file_count": len(_files(ordered))}
        out.write(_json(head)[:-1] + ', "groups": [')
        for number, g in enumerate(ordered):
            facts = {"file": g.file, "column": g.column, "rule": g.rule, "count": len(g)}
            out.write((", " if number else "") + _json(facts)[:-1] + ', "problems": [')
            for start in range(0, len(g), AT_ONCE):
                chunk = g.details(start, min(start + AT_ONCE, len(g)))
                text = ", ".join(_json(_instance(p)) for p in chunk)
                out.write((", " if start else "") + text)
            out.write("]}")
        out.write("]}\n")


AT_ONCE = 10_000  # instances of a group built and written together (write, write_json)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _files(groups: Sequence[ProblemGroup]) -> set[str]:
    return {g.file for g in groups}


def _instance(p: Problem) -> dict[str, Any]:
    return {
        "file": p.file,
        "line": p.line,
        "claim_id": p.claim_id,
        "column": p.column,
        "message": p.message,
        "source": p.source,
        "quote": p.quote,
        "rule": p.rule or p.message,
    }


def joined_blocks(blocks: Sequence[ProblemReport]) -> ProblemReport:
    """The report of a file from the reports of its blocks, in file order: the n-th group of
    a file, column and rule in each block joined into one, so that the whole file's groups
    come out as one read of the whole file gives them. A problem about no line (about a
    column or a check, not a row) is the same in every block and is kept once."""
    joined: dict[tuple[str, str | None, str, bool, int], list[ProblemGroup]] = {}
    for block in blocks:
        seen: dict[tuple[str, str | None, str, bool], int] = {}
        for group in block.groups:  # a rule's problems about rows and about no line apart
            about_rows = any(line is not None for line in group.lines)
            key = (group.file, group.column, group.rule, about_rows)
            seen[key] = seen.get(key, -1) + 1
            joined.setdefault((*key, seen[key]), []).append(group)
    out = ProblemReport()
    for parts in joined.values():
        if all(line is None for part in parts for line in part.lines):
            kept = [p for part in parts for p in part.instances()]
            out.add(ProblemGroup.of(list(dict.fromkeys(kept))))
        else:
            out.add(ProblemGroup.joined(parts))
    return out


def render_report(problems: Iterable[Problem] | ProblemReport, limit: int | None = EXAMPLES) -> str:
    report = problems if isinstance(problems, ProblemReport) else ProblemReport.of(problems)
    return report.render(limit)


class DataValidationError(ValueError):
    """Raised by the loaders when the data does not validate.

    ``report`` is the structured :class:`ProblemReport` (groups, ``to_json()``); the
    message is its bounded rendering."""

    def __init__(self, problems: Iterable[Problem] | ProblemReport) -> None:
        self.report = (
            problems if isinstance(problems, ProblemReport) else ProblemReport.of(problems)
        )
        super().__init__(self.report.render())

    @property
    def problems(self) -> list[Problem]:
        return self.report.problems
