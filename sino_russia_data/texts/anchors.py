"""Anchors of quotes in the RAW text: character offsets and a quote selector with context.

A claim's ``quote`` (or an exclusion's ``context``) matches its raw text up to whitespace
(:mod:`.quotes`). Its anchor is where it stands in the raw text itself, in the two forms
of the W3C Web Annotation model: a position (``start``, ``end``: code-point offsets into
the UTF-8-decoded raw file, so ``raw[start:end]`` is the passage as it stands there) and a
quote selector (``exact`` = ``raw[start:end]``, with about :data:`CONTEXT` characters of
``prefix`` and ``suffix``).

A passage that occurs more than once is anchored at its FIRST occurrence: the rule needs
no column and is computed from the row itself. Its prefix and suffix are then lengthened
until ``prefix + exact + suffix`` occurs only at that place, so the quote selector alone
picks the same occurrence as the offsets (the W3C way of disambiguating a quote).
:func:`prove` re-checks an anchor against the raw text; validation runs it on every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quotes import normalise, spans

CONTEXT = 32
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    occurrences: int  # how often the passage occurs in the text (whitespace may differ)


class AnchoredText:
    """A raw text with its whitespace-normalised form and the map between their offsets."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        tokens = list(_TOKEN.finditer(raw))
        self.normalised = " ".join(t.group() for t in tokens)
        # offset in the normalised text -> offset in the raw text
        self._raw_at: list[int] = []
        for i, token in enumerate(tokens):
            if i:
                self._raw_at.append(tokens[i - 1].end())  # the space stands for the run
            self._raw_at.extend(range(token.start(), token.end()))

    def locate(self, passage: str) -> list[tuple[int, int]]:
        """Every (start, end) in the RAW text where ``passage`` occurs, in order."""
        return [
            (self._raw_at[s], self._raw_at[e - 1] + 1) for s, e in spans(self.normalised, passage)
        ]

    def anchor(self, passage: str) -> Anchor | None:
        """The anchor of ``passage`` (its first occurrence), or None when it does not occur."""
        found = self.locate(passage)
        if not found:
            return None
        start, end = found[0]
        prefix, suffix = self._context(start, end)
        return Anchor(start, end, self.raw[start:end], prefix, suffix, len(found))

    def _context(self, start: int, end: int) -> tuple[str, str]:
        width = CONTEXT
        while True:
            prefix = self.raw[max(0, start - width) : start]
            suffix = self.raw[end : end + width]
            if self.selects_only(prefix, self.raw[start:end], suffix, start):
                return prefix, suffix
            width *= 2

    def selects_only(self, prefix: str, exact: str, suffix: str, start: int) -> bool:
        """Does ``prefix + exact + suffix`` occur in the raw text only with exact at ``start``?"""
        whole = prefix + exact + suffix
        at = self.raw.find(whole)
        return at == start - len(prefix) and self.raw.find(whole, at + 1) < 0

    def prove(self, anchor: Anchor, passage: str) -> str | None:
        """None when the anchor is right for ``passage``; else what is wrong with it."""
        raw, start, end = self.raw, anchor.start, anchor.end
        if not (0 <= start < end <= len(raw)) or raw[start:end] != anchor.exact:
            return f"offsets {start}:{end} do not hold the anchor's exact text"
        if normalise(anchor.exact) != normalise(passage):
            return f"raw[{start}:{end}] is not the passage (only whitespace may differ)"
        if raw[start - len(anchor.prefix) : start] != anchor.prefix or (
            raw[end : end + len(anchor.suffix)] != anchor.suffix
        ):
            return "prefix or suffix is not the raw text around the offsets"
        if not self.selects_only(anchor.prefix, anchor.exact, anchor.suffix, start):
            return "prefix + exact + suffix does not pick one place in the raw text"
        first = self.locate(passage)[:1]
        if first != [(start, end)]:
            return "the anchor is not the passage's first occurrence"
        return None
