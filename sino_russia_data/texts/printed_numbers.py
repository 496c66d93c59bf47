"""Read the numbers out of a figure as printed ("USD80 billion", "4,000", "five times").

The claim tables keep each figure exactly as the text prints it (column ``figure``) and
its value as a number (``value``, or ``value_low``/``value_high`` for ranges). The
figure check proves they agree: the value must be one of the numbers printed in the
figure. This module is the one place that knows how a printed figure spells a number
(digits, number words, and a ranking superlative as rank 1).
"""

from __future__ import annotations

import re
from functools import lru_cache

NUMBER_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
    "dozen": 12, "half": 0.5, "twice": 2, "double": 2, "doubled": 2, "triple": 3,
    "tripled": 3, "once": 1, "decade": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip

# A superlative that ranks ("largest customer", "the greatest exporter") prints rank 1,
# unless an ordinal is joined to it ("second-greatest" prints 2, not 1).
SUPERLATIVES = ("largest", "biggest", "greatest", "leading")
_SUPERLATIVE = re.compile(r"(?<!-)\b(" + "|".join(SUPERLATIVES) + r")\b", re.I)
_DIGITS = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_WORDS = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)


@lru_cache(maxsize=65536)
def numbers_in(figure: str) -> tuple[float, ...]:
    """All numbers printed in ``figure``, digits first, then number words, in order."""
    found = [float(m.group().replace(",", "")) for m in _DIGITS.finditer(figure)]
    found += [NUMBER_WORDS[m.group().lower()] for m in _WORDS.finditer(figure)]
    found += [1.0 for _ in _SUPERLATIVE.finditer(figure)]
    return tuple(found)


def printed(figure: str, number: float) -> bool:
    """True when ``number`` is one of the numbers printed in ``figure``."""
    return any(abs(n - number) <= 1e-9 * max(1.0, abs(n)) for n in numbers_in(figure))
