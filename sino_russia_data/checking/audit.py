"""Completeness audit: every number and date the raw texts mention is a claim or excluded.

The audit scans each source's whitespace-normalised raw text for number and date mentions
(digits, number words that can state a quantity, month names, decades, relative years).
Coverage is per mention. A mention is *covered* when it is part of what some claim of that
source states: inside the claim's ``figure`` where that figure stands in the claim's quote,
or part of the claim's date there (a year, decade or month of its period or bounds when the
date is stated; a relative date word when it is resolved; a day number of a day-precise
period). It is *excluded* when it lies inside the context of a row of ``excluded.csv`` (and
equals that row's mention, when one is given), and *uncovered* otherwise, so a figure that
only sits in another row's quote is reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..registry import claim_columns, claim_tables
from ..texts.corpus import Corpus
from ..texts.quotes import normalise, spans
from ..vocabulary import PASSAGE_REASONS
from .validation import Report

_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|"
    "half|once|twice|double|doubled|triple|tripled|first|second|third|fourth|fifth|sixth|"
    "seventh|eighth|ninth|tenth|decade|decades"
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
MENTION = re.compile(
    r"(?P<number>[0-9]+(?:[.,][0-9]+)*)"
    rf"|(?P<word>\b(?i:{_WORDS})\b)"
    rf"|(?P<month>\b(?:{_MONTHS})\b)"
    r"|(?P<relative>\b(?i:(?:this|next|last|past|same|previous|coming) (?:year|month|decade)s?)\b)"
)


@dataclass(frozen=True)
class Mention:
    source_id: str
    start: int
    end: int
    text: str
    kind: str

    def context(self, text: str, width: int = 45) -> str:
        left = text[max(0, self.start - width) : self.start]
        right = text[self.end : self.end + width]
        return f"...{left}[{self.text}]{right}..."


@dataclass
class SourceAudit:
    source_id: str
    mentions: list[Mention] = field(default_factory=list)
    covered: list[Mention] = field(default_factory=list)
    excluded: list[Mention] = field(default_factory=list)
    uncovered: list[Mention] = field(default_factory=list)


def find_mentions(source_id: str, text: str) -> list[Mention]:
    """Every number and date mention of a (normalised) text, in order."""
    return [
        Mention(source_id, m.start(), m.end(), m.group(), m.lastgroup or "")
        for m in MENTION.finditer(text)
    ]


def _inside(m: Mention, spans: list[tuple[int, int, str | None]]) -> bool:
    """Inside a span, and part of the span's own mention when it names one."""
    return any(
        s <= m.start and m.end <= e and (want is None or m.text in want) for s, e, want in spans
    )


# Every column the claim tables share (the claim base model's, from the registry), and
# compared_to: the period a growth figure is stated against, part of what it states.
_CLAIM_COLUMNS = [c for c in claim_columns() if c != "table"] + ["compared_to"]


def claim_rows(report: Report, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows of every claim table of a validated report in one frame, with ``columns``
    (by default those the audit reads)."""
    wanted = columns or _CLAIM_COLUMNS
    frames = [
        report.frames[t.name].reindex(columns=wanted)
        for t in claim_tables()
        if t.name in report.frames
    ]
    return pd.concat(frames or [pd.DataFrame(columns=wanted)], ignore_index=True)


def _days(row: Any) -> list[Any]:
    """The dates a claim's period or bounds name (ends only)."""
    names = ("period_start", "period_end", "earliest_date", "latest_date")
    return [row[n] for n in names if pd.notna(row[n])]


def _states_date(row: Any, m: Mention) -> bool:
    """Is mention ``m`` (inside the claim's quote) part of the claim's date?"""
    days = _days(row)
    if not days:
        return False
    if m.kind == "relative":
        return bool(row["date_basis"] == "resolved")
    if row["date_basis"] not in ("stated", "resolved"):  # "since 2008" prints its start
        return False
    years = range(min(d.year for d in days), max(d.year for d in days) + 1)
    if m.kind == "number" and m.text.isdigit() and len(m.text) == 4:
        return int(m.text) in years
    if m.kind == "month":
        months = {d.strftime("%B") for d in days} | {d.strftime("%b") for d in days}
        return m.text in months or m.text.startswith(tuple(months))
    if m.kind == "number" and m.text.isdigit() and row["period_precision"] == "day":
        return int(m.text) in {d.day for d in days}
    return False


def _stated_spans(text: str, row: Any) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """Each occurrence of the claim's quote, with the spans in it of what the claim states
    as printed: its figure and (for a growth) its compared_to period."""
    parts = [p for p in (row["figure"], row["compared_to"]) if isinstance(p, str) and p]
    for qs, qe in spans(text, str(row["quote"])):
        quote = text[qs:qe]
        yield qs, qe, [(qs + s, qs + e) for p in parts for s, e in spans(quote, p)]


def _covered_mentions(text: str, claims: pd.DataFrame, mentions: list[Mention]) -> set[int]:
    """Start offsets of the mentions some claim states (its figure or its date)."""
    covered: set[int] = set()
    starts = [m.start for m in mentions]  # find_mentions gives them in text order
    for record in claims.to_dict("records"):
        for qs, qe, stated in _stated_spans(text, record):
            for m in mentions[bisect.bisect_left(starts, qs) : bisect.bisect_right(starts, qe)]:
                in_part = any(s <= m.start and m.end <= e for s, e in stated)
                if m.end <= qe and (in_part or _states_date(record, m)):
                    covered.add(m.start)
    return covered


def audit(report: Report) -> list[SourceAudit]:
    """Audit every source of a validated data directory."""
    corpus = report.corpus
    claims = claim_rows(report)
    excluded = report.frames.get("excluded")
    results = []
    for source_id in sorted(corpus.source_ids):
        text = corpus.text(source_id)
        result = SourceAudit(source_id)
        results.append(result)
        if text is None:
            continue
        own = claims[(claims["source_id"] == source_id) & claims["quote"].notna()]
        found = find_mentions(source_id, text)
        covered = _covered_mentions(text, own.drop_duplicates(), found)
        exclusion_spans: list[tuple[int, int, str | None]] = []
        if excluded is not None:
            rows = excluded[
                (excluded["source_id"] == source_id)
                & ~excluded["reason"].isin(list(PASSAGE_REASONS))  # they exclude no number
            ]
            for ctx, mention in zip(rows["context"], rows["mention"], strict=True):
                want = normalise(mention) if isinstance(mention, str) else None
                exclusion_spans += [(s, e, want) for s, e in spans(text, ctx)]
        for m in found:
            result.mentions.append(m)
            if m.start in covered:
                result.covered.append(m)
            elif _inside(m, exclusion_spans):
                result.excluded.append(m)
            else:
                result.uncovered.append(m)
    return results


def render(results: list[SourceAudit], corpus: Corpus, show_uncovered: bool = True) -> str:
    """A per-source count table, then each uncovered mention in its context."""
    lines = [f"{'source':<18}{'mentions':>9}{'claims':>8}{'excluded':>9}{'uncovered':>10}"]
    for r in results:
        lines.append(
            f"{r.source_id:<18}{len(r.mentions):>9}{len(r.covered):>8}{len(r.excluded):>9}"
            f"{len(r.uncovered):>10}"
        )
    kinds = ("mentions", "covered", "excluded", "uncovered")
    total = [sum(len(getattr(r, k)) for r in results) for k in kinds]
    lines.append(f"{'all':<18}{total[0]:>9}{total[1]:>8}{total[2]:>9}{total[3]:>10}")
    if show_uncovered:
        for r in results:
            text = corpus.text(r.source_id) or ""
            for m in r.uncovered:
                lines.append(f"uncovered {r.source_id} {m.kind} {m.text!r}: {m.context(text)}")
    return "\n".join(lines)
