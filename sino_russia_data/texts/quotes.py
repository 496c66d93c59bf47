"""The one home of quote matching: normalising, finding, spans and the mismatch hint.

A quote (or an exclusion's context) must occur in its source's raw text, where only
whitespace may differ. Both sides are compared in normal form: every run of whitespace is
one space and the ends are stripped. Validation, the schemas, the audit and the citations
all match quotes through this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

# The characters str.split() (and so normalise) treats as whitespace (str.isspace; the
# same set as the regular expression \s); all below U+3001.
WHITESPACE = tuple(c for c in range(0x3001) if chr(c).isspace())


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends.

    Whitespace is what ``str.split()`` splits on (``str.isspace``, the same characters as
    the regular expression ``\\s``); splitting and joining is several times faster than a
    regular-expression substitution, which matters for a million quotes."""
    return " ".join(text.split())


@cache
def _not_normal_pattern() -> str:
    """An RE2 pattern that matches a string exactly when ``normalise`` changes it: it holds
    whitespace other than a space, two spaces in a row, or a space at either end. (Without
    those, ``str.split()`` returns the words between single spaces and joining them with
    one space gives the string back.)"""
    others = "".join(f"\\x{{{c:x}}}" for c in WHITESPACE if c != 0x20)
    return f"[{others}]|  |^ | $"


def normal_forms_of(strings: Any) -> list[str]:
    """:func:`normalise` of each string of a pyarrow string array ('' for a missing one).
    pyarrow tells, vectorised, which strings are not already in normal form; only those
    are normalised in Python (most quotes are a line of text: none)."""
    import numpy as np
    import pyarrow.compute as pc

    changes = pc.match_substring_regex(strings, _not_normal_pattern())
    values: list[Any] = strings.to_pylist()
    for i in np.flatnonzero(changes.fill_null(True).to_numpy(zero_copy_only=False)).tolist():
        cell = values[i]
        values[i] = normalise(cell) if isinstance(cell, str) else ""
    return values


def occurs_in(quote: str, normalised_text: str, *, normalised: bool = False) -> bool:
    """Does ``quote`` occur in a text already in normal form (whitespace may differ)?
    ``normalised``: the quote is already in normal form too."""
    needle = quote if normalised else normalise(quote)
    return needle != "" and needle in normalised_text


def spans(normalised_text: str, passage: str) -> Iterator[tuple[int, int]]:
    """Every (start, end) at which ``passage`` occurs in a text in normal form."""
    needle = normalise(passage)
    if not needle:
        return
    at = normalised_text.find(needle)
    while at >= 0:
        yield at, at + len(needle)
        at = normalised_text.find(needle, at + 1)


def mismatch_hint(normalised_text: str | None, quote: str) -> str | None:
    """Where a quote stops matching its text: the longest matching prefix and what follows."""
    needle = normalise(quote)
    if normalised_text is None or not needle or needle in normalised_text:
        return None
    text = normalised_text
    low, high = 0, len(needle)
    while low < high:  # longest prefix of the quote that occurs in the text
        mid = (low + high + 1) // 2
        if needle[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "no part of the quote's start occurs in the text"
    at = text.find(needle[:low])
    printed = text[at + low : at + low + 20]
    return (
        f"matches up to {needle[max(0, low - 30) : low]!r}; then the quote has "
        f"{needle[low : low + 20]!r} where the text has {printed!r}"
    )
