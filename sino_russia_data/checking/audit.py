"""Completeness audit: every number and date the raw texts mention is a claim or excluded.

The audit scans each source's whitespace-normalised raw text for number and date mentions
(digits, number words that can state a quantity, month names, decades, relative years).
A mention is *covered* when it lies inside the span of a claim's quote in that source,
*excluded* when it lies inside the context of a row of ``excluded.csv`` (and equals that
row's mention, when one is given), and *uncovered* otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..registry import claim_tables
from ..texts.corpus import Corpus
from ..texts.quotes import normalise, spans
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


def audit(report: Report) -> list[SourceAudit]:
    """Audit every source of a validated data directory."""
    corpus = report.corpus
    claims = pd.concat(
        [
            report.frames[t.name][["source_id", "quote"]]
            for t in claim_tables()
            if t.name in report.frames
        ]
        or [pd.DataFrame(columns=["source_id", "quote"])],
        ignore_index=True,
    )
    excluded = report.frames.get("excluded")
    results = []
    for source_id in sorted(corpus.source_ids):
        text = corpus.text(source_id)
        result = SourceAudit(source_id)
        results.append(result)
        if text is None:
            continue
        quote_spans: list[tuple[int, int, str | None]] = [
            (s, e, None)
            for q in claims.loc[claims["source_id"] == source_id, "quote"].dropna().unique()
            for s, e in spans(text, q)
        ]
        exclusion_spans: list[tuple[int, int, str | None]] = []
        if excluded is not None:
            rows = excluded[excluded["source_id"] == source_id]
            for ctx, mention in zip(rows["context"], rows["mention"], strict=True):
                want = normalise(mention) if isinstance(mention, str) else None
                exclusion_spans += [(s, e, want) for s, e in spans(text, ctx)]
        for m in find_mentions(source_id, text):
            result.mentions.append(m)
            if _inside(m, quote_spans):
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
