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
picks the same occurrence as the offsets (the W3C way of disambiguating a quote). A passage
that occurs once (whitespace aside) needs no search for that: ``exact`` begins outside
whitespace, so any other place of ``prefix + exact + suffix`` in the raw text would be a
second occurrence of the passage in the normal form.
:func:`prove` re-checks an anchor against the raw text; validation runs it on every row.
"""

from __future__ import annotations

import contextlib
import warnings
from array import array
from dataclasses import dataclass
from functools import cache
from typing import Any

from .quotes import WHITESPACE, normalise, spans

CONTEXT = 32


@cache
def _space_table() -> Any:
    """numpy bool per code point below U+3001 and one more (False) for all above."""
    import numpy as np

    table = np.zeros(0x3002, dtype=bool)
    table[list(WHITESPACE)] = True
    return table


def first_and_once_exact(text: str, needle: str) -> tuple[int, bool]:
    """(``text.find(needle)``, does ``needle`` occur only there): the exact path."""
    at = text.find(needle)
    return at, at >= 0 and text.find(needle, at + 1) < 0


def _char_offsets(data: bytes) -> Any:
    """numpy: the code-point offset of each byte of the UTF-8 ``data`` (of the character
    the byte belongs to)."""
    import numpy as np

    lead = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80  # not a continuation byte
    return np.cumsum(lead, dtype=np.int64) - 1


_WARNED: list[bool] = []  # whether the slow search was announced (once a process)


def _warn_slow_search(err: ImportError) -> None:
    """Say once that stringzilla (a dependency) cannot be imported: the answers stay the
    same (``str.find``), the quote and anchor searches get about ten times slower."""
    if not _WARNED:
        _WARNED.append(True)
        message = (
            f"stringzilla cannot be imported ({err}): quotes are searched with str.find, "
            "the same answers about ten times slower; reinstall the package's dependencies"
        )
        # warnings made errors must not raise here: a check would take it for a failure
        with contextlib.suppress(RuntimeWarning):
            warnings.warn(message, RuntimeWarning, stacklevel=3)


def first_places(text: str, needles: list[str]) -> tuple[list[int], list[bool]]:
    """(``text.find(needle)``, does it occur only there) of each needle ('' is never
    found): :func:`first_and_once_exact` for many needles, run by stringzilla (a SIMD
    substring search, about ten times CPython's) on the text's UTF-8 bytes. UTF-8 is
    self-synchronising: a needle's bytes occur in the text's bytes exactly at the places
    where the needle occurs in the text, in the same order, so "first" and "only there"
    are the same, and each byte offset found is turned back into the code-point offset
    ``str.find`` gives. What UTF-8 cannot encode (a lone surrogate) takes the exact path."""
    try:
        from stringzilla import find

        data = text.encode("utf-8")
        # an ASCII str is its UTF-8; any other goes as bytes: stringzilla reads a str's
        # UTF-8 without checking that it has one (a lone surrogate crashes it)
        encoded = [n if n.isascii() else n.encode("utf-8") for n in needles]
    except (ImportError, UnicodeEncodeError) as err:
        pairs = [first_and_once_exact(text, n) if n else (-1, False) for n in needles]
        if isinstance(err, ImportError):
            _warn_slow_search(err)
        return [at for at, _ in pairs], [once for _, once in pairs]
    firsts = [find(data, n) if n else -1 for n in encoded]
    once = [at >= 0 and find(data, n, at + 1) < 0 for n, at in zip(encoded, firsts, strict=True)]
    if len(data) != len(text) and firsts:  # not ASCII: byte offsets -> code-point offsets
        import numpy as np

        at = np.asarray(firsts, dtype=np.int64)
        firsts = np.where(at >= 0, _char_offsets(data)[np.maximum(at, 0)], -1).tolist()
    return firsts, once


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
        self.normalised = normalise(raw)
        self._map: Any = None  # offset in the normalised text -> in the raw text, on demand

    @property
    def _raw_at(self) -> Any:
        """The raw offset of each character of the normalised text. A kept
        character is one outside whitespace, or the first of a run of whitespace between
        two of them (the one space that stands for the run). Worked out vectorised, once,
        4 bytes a character (:meth:`forget_map` drops it); tests prove it against the
        definition on every kind of whitespace."""
        if self._map is None:
            import numpy as np

            raw, table = self.raw, _space_table()
            if raw.isascii():  # one byte a character
                space = table[np.frombuffer(raw.encode("ascii"), dtype=np.uint8)]
            else:
                points = np.frombuffer(raw.encode("utf-32-le"), dtype=np.uint32)
                space = table[np.minimum(points, len(table) - 1)]
            kept = ~space  # and the first whitespace after a character outside it ...
            kept[1:] |= space[1:] & kept[:-1]
            at = np.flatnonzero(kept)
            if len(at) and space[at[-1]]:  # ... unless no such character follows
                at = at[:-1]
            wide = len(self.raw) >= 2**31
            offsets = at.astype(np.int64 if wide else np.int32)
            self._map = array("q" if wide else "i", offsets.tobytes())  # read as plain ints
            assert len(self._map) == len(self.normalised), "normal form and map disagree"
        return self._map

    def forget_map(self) -> None:
        """Drop the offset map (it is worked out again when needed): a corpus checks its
        texts one by one and keeps only their normal forms."""
        self._map = None

    def _raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw (start, end) of the normalised span [start, end)."""
        at = self._raw_at
        return at[start], at[end - 1] + 1

    def locate(self, passage: str) -> list[tuple[int, int]]:
        """Every (start, end) in the RAW text where ``passage`` occurs, in order."""
        return [self._raw_span(s, e) for s, e in spans(self.normalised, passage)]

    def anchor(self, passage: str) -> Anchor | None:
        """The anchor of ``passage`` (its first occurrence), or None when it does not occur."""
        found = self.locate(passage)
        if not found:
            return None
        return self._anchor_at(*found[0], len(found))

    def _anchor_at(self, start: int, end: int, occurrences: int) -> Anchor:
        prefix, suffix = self._context(start, end, once=occurrences == 1)
        return Anchor(start, end, self.raw[start:end], prefix, suffix, occurrences)

    def check_passages(self, needles: list[str]) -> tuple[list[bool], list[bool]]:
        """For passages already in normal form: (does each occur in the text, is each one's
        anchor proven). The same verdicts as ``needle in normalised`` and
        :meth:`anchor` + :meth:`prove` per passage, with one search per passage: its first
        occurrence is found once and serves the quote check, the anchor and the proof's
        first-occurrence test (a passage not found passes the anchor check: the quote check
        reports it). The proof's selects-only test is the one the anchor's context was
        grown to pass, evaluated once; for a passage that occurs once, one search of the
        normal form after its first occurrence (see :meth:`_context`). For such a passage
        the proof is written out here: its anchor is cut from the raw text at the place just
        found, so of :meth:`prove`'s tests only "raw[start:end] is the passage" can fail."""
        firsts, onlies = first_places(self.normalised, needles)
        found, proven = [at >= 0 for at in firsts], []
        raw, raw_at = self.raw, self._raw_at
        for needle, at, once in zip(needles, firsts, onlies, strict=True):
            if at < 0:
                proven.append(True)
                continue
            start, end = raw_at[at], raw_at[at + len(needle) - 1] + 1  # as _raw_span
            if once and start < end and not raw[start].isspace():  # as _context(once=True)
                # normalise(raw[start:end]) == needle; a needle in normal form that equals
                # the raw piece is its own normal form (most quotes: no whitespace varies)
                piece = raw[start:end]
                proven.append(piece == needle or " ".join(piece.split()) == needle)
                continue
            anchor = self._anchor_at(start, end, 1 if once else 2)
            verdict = self.prove(anchor, needle, first=(start, end), selects=True, normal=True)
            proven.append(verdict is None)
        return found, proven

    def _context(self, start: int, end: int, once: bool = False) -> tuple[str, str]:
        """The shortest prefix and suffix (CONTEXT, doubled as needed) with which the
        passage at raw[start:end] is picked at that place only. ``once``: the passage occurs
        once in the normal form; when raw[start] is outside whitespace, another place of
        prefix + exact + suffix would hold a second occurrence, so CONTEXT is enough."""
        width = CONTEXT
        if once and start < end and not self.raw[start].isspace():
            return self.raw[max(0, start - width) : start], self.raw[end : end + width]
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

    def prove(
        self,
        anchor: Anchor,
        passage: str,
        first: tuple[int, int] | None = None,
        selects: bool | None = None,
        normal: bool = False,
    ) -> str | None:
        """None when the anchor is right for ``passage``; else what is wrong with it.

        ``first``: the passage's first occurrence, when the caller has just located it;
        ``selects``: :meth:`selects_only` of the anchor, when the caller has just
        evaluated it (both are otherwise worked out here); ``normal``: ``passage`` is
        already in normal form."""
        raw, start, end = self.raw, anchor.start, anchor.end
        if not (0 <= start < end <= len(raw)) or raw[start:end] != anchor.exact:
            return f"offsets {start}:{end} do not hold the anchor's exact text"
        if normalise(anchor.exact) != (passage if normal else normalise(passage)):
            return f"raw[{start}:{end}] is not the passage (only whitespace may differ)"
        if raw[start - len(anchor.prefix) : start] != anchor.prefix or (
            raw[end : end + len(anchor.suffix)] != anchor.suffix
        ):
            return "prefix or suffix is not the raw text around the offsets"
        if selects is None:
            selects = self.selects_only(anchor.prefix, anchor.exact, anchor.suffix, start)
        if not selects:
            return "prefix + exact + suffix does not pick one place in the raw text"
        if first is None:
            located = self.locate(passage)
            first = located[0] if located else None
        if first != (start, end):
            return "the anchor is not the passage's first occurrence"
        return None
