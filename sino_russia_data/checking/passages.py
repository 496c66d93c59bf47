"""Completeness of the claims WITHOUT a figure, proven against the second reading.

The number audit (:mod:`.audit`) can find every digit and number word in a text; it cannot
find an event, trend, refusal or ranking stated in words alone. For those the proof is a
second, independent reading: ``data/second-reading/<source_id>.md`` lists, in its section
1, every such statement a second reader found, each as a bullet that starts with the
verbatim passage in double quotes::

    - "Russia backed out of selling highly capable rocket engines to China" — refusal ...

A passage is *covered* when some claim of that source states it: the claim's ``figure``
(for a claim without a digit, the words that state it), where it stands in the claim's
quote, lies inside the passage. It is *excluded* when a row of ``excluded.csv`` of that
source has one of the passage reasons (:data:`~sino_russia_data.vocabulary.PASSAGE_REASONS`)
and a ``context`` that contains the passage. Otherwise it is *uncovered*. A passage that
does not occur in its text (whitespace aside) is reported as such: the list is checked too.
A source without a readable reading file fails the audit: its figureless claims are not
proven complete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..texts.quotes import normalise, spans
from ..vocabulary import PASSAGE_REASONS
from .audit import claim_rows
from .validation import Report

READING_DIR = "second-reading"
_BULLET = re.compile(r'^- "(?P<passage>.+?)" — ')
_SECTION = re.compile(r"^## (?P<number>\d+)\.")
# any Markdown list item, however indented or marked ("-", "*", "+", "1." or "1)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class Passage:
    source_id: str
    file: str  # relative to the data directory
    line: int
    text: str


@dataclass
class PassageAudit:
    source_id: str
    passages: list[Passage] = field(default_factory=list)
    covered: dict[Passage, list[str]] = field(default_factory=dict)  # -> claim ids
    excluded: dict[Passage, list[str]] = field(default_factory=dict)  # -> exclusion ids
    uncovered: list[Passage] = field(default_factory=list)
    not_in_text: list[Passage] = field(default_factory=list)
    problem: str | None = None  # the reading file is missing or cannot be read


def read_passages(path: Path, source_id: str, relative: str) -> list[Passage]:
    """The passages of section 1 of one second-reading file, in order. A file without a
    ``## 1.`` heading, or a list item of section 1 that is not a top-level ``- "passage" — ``
    bullet, raises ValueError (naming file and line): nothing is skipped silently."""
    found: list[Passage] = []
    section = None
    seen_section_one = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        heading = _SECTION.match(line)
        if heading:
            section = heading["number"]
            seen_section_one = seen_section_one or section == "1"
        elif section == "1" and (bullet := _BULLET.match(line)):
            found.append(Passage(source_id, relative, number, bullet["passage"]))
        elif section == "1" and _LIST_ITEM.match(line):
            raise ValueError(
                f"{relative}:{number}: a bullet of section 1 must start with the passage in "
                'double quotes and " — ": ' + repr(line[:80])
            )
    if not seen_section_one:
        raise ValueError(
            f'{relative}: no "## 1." heading: the passages of section 1 cannot be found'
        )
    return found


def _stated_spans(text: str, claims: pd.DataFrame) -> list[tuple[int, int, str]]:
    """(start, end, claim_id) of each claim's figure where it stands in the claim's quote."""
    stated = []
    for claim_id, quote, figure in zip(
        claims["claim_id"], claims["quote"], claims["figure"], strict=True
    ):
        if not (isinstance(quote, str) and isinstance(figure, str) and figure):
            continue
        for qs, qe in spans(text, quote):
            stated += [(qs + s, qs + e, claim_id) for s, e in spans(text[qs:qe], figure)]
    return stated


def _passage_exclusions(report: Report, source_id: str) -> list[tuple[str, str]]:
    """(normalised context, exclusion_id) of the source's exclusions for a passage reason."""
    excluded = report.frames.get("excluded")
    if excluded is None:
        return []
    rows = excluded[
        (excluded["source_id"] == source_id) & excluded["reason"].isin(list(PASSAGE_REASONS))
    ]
    return [
        (normalise(str(c)), str(i))
        for c, i in zip(rows["context"], rows["exclusion_id"], strict=True)
    ]


def _audit_source(report: Report, result: PassageAudit, claims: pd.DataFrame) -> None:
    text = report.corpus.text(result.source_id)
    if text is None:
        return
    stated = _stated_spans(text, claims[claims["source_id"] == result.source_id])
    exclusions = _passage_exclusions(report, result.source_id)
    for passage in result.passages:
        where = list(spans(text, passage.text))
        if not where:
            result.not_in_text.append(passage)
            continue
        ids = sorted({c for s, e, c in stated for ps, pe in where if ps <= s and e <= pe})
        wanted = normalise(passage.text)
        reasons = [i for context, i in exclusions if wanted in context]
        if ids:
            result.covered[passage] = ids
        elif reasons:
            result.excluded[passage] = reasons
        else:
            result.uncovered.append(passage)


def audit_passages(report: Report) -> list[PassageAudit]:
    """Audit each source that has a second-reading file in the data directory."""
    claims = claim_rows(report, ["claim_id", "source_id", "quote", "figure"])
    results = []
    for source_id in sorted(report.corpus.source_ids):
        path = report.data_dir / READING_DIR / f"{source_id}.md"
        relative = f"{READING_DIR}/{path.name}"
        result = PassageAudit(source_id)
        results.append(result)
        try:
            result.passages = read_passages(path, source_id, relative)
        except FileNotFoundError:
            result.problem = (
                f"{relative}: missing: the claims without a figure of {source_id} cannot be "
                "proven complete without a second reading"
            )
        except (OSError, UnicodeDecodeError) as err:
            result.problem = f"{relative}: cannot be read as UTF-8 text ({err})"
        except ValueError as err:  # a malformed bullet: never skipped silently
            result.problem = str(err)
        else:
            _audit_source(report, result, claims)
    return results


def _problems(results: Iterable[PassageAudit]) -> list[str]:
    lines = []
    for r in results:
        if r.problem:
            lines.append(r.problem)
        for p in r.not_in_text:
            lines.append(f"{p.file}:{p.line}: passage not in the text of {r.source_id}: {p.text!r}")
        for p in r.uncovered:
            lines.append(f"{p.file}:{p.line}: uncovered {r.source_id} passage: {p.text!r}")
    return lines


def render_passages(results: list[PassageAudit], show_uncovered: bool = True) -> str:
    """A per-source count table of the passages, then each uncovered one with its line."""
    lines = [f"{'source':<18}{'passages':>9}{'claims':>8}{'excluded':>9}{'uncovered':>10}"]
    for r in results:
        lines.append(
            f"{r.source_id:<18}{len(r.passages):>9}{len(r.covered):>8}{len(r.excluded):>9}"
            f"{len(r.uncovered) + len(r.not_in_text):>10}"
        )
    total = [
        sum(len(r.passages) for r in results),
        sum(len(r.covered) for r in results),
        sum(len(r.excluded) for r in results),
        sum(len(r.uncovered) + len(r.not_in_text) for r in results),
    ]
    lines.append(f"{'all':<18}{total[0]:>9}{total[1]:>8}{total[2]:>9}{total[3]:>10}")
    if show_uncovered:
        lines += _problems(results)
    return "\n".join(lines)


def uncovered_count(results: Iterable[PassageAudit]) -> int:
    """How many passages are neither a claim nor excluded (or not in their text), counting
    a missing or unreadable reading file as one."""
    return sum(len(r.uncovered) + len(r.not_in_text) + bool(r.problem) for r in results)
