"""The display form of a quote: the verbatim quote with its capture artefacts cleaned.

The raw texts stay byte for byte and ``quote`` stays verbatim (it is what the validator
proves). What a reader sees (citations, chart labels, the ``found`` cell of
``consistency()``) is the display form: the quote with the artefacts of its source's
capture cleaned by the rules that source lists in ``sources.csv`` (``display_rules``),
and by nothing else. Each rule is a regular expression and its replacement; the meaning
of each is in :data:`~sino_russia_data.vocabulary.DISPLAY_RULE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .quotes import normalise

# rule -> (pattern, replacement); applied in this order.
RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "markdown_escapes": (re.compile(r"\\+([\\`*_{}\[\]()#+\-.!$&%@|~<>])"), r"\1"),
    "underline_tags": (re.compile(r"</?u>"), ""),
    "line_end_hyphens": (re.compile(r"(\w)- (\w)"), r"\1-\2"),
    "double_hyphen_dashes": (re.compile(r"(?<!-)--(?!-)"), "–"),
    # a mark standing alone ('2000s, ¢ whereas') goes with the space after it
    "ocr_footnote_marks": (re.compile(r"(?<!\S)[®¢™] |[®¢™]|(?<=[.,;])[?!%](?!\S)"), ""),
}


def rules_of(display_rules: object) -> tuple[str, ...]:
    """The rule names a ``display_rules`` cell lists (empty or missing: none)."""
    if not isinstance(display_rules, str) or not display_rules:
        return ()
    return tuple(display_rules.split(";"))


def apply_rules(text: str, rules: Iterable[str]) -> str:
    """``text`` (whitespace as it is) with the given artefact rules applied, in order."""
    out = text
    wanted = set(rules)
    for name, (pattern, replacement) in RULES.items():
        if name in wanted:
            out = pattern.sub(replacement, out)
    return out


def display(text: str, rules: Iterable[str]) -> str:
    """``text`` in normal whitespace with the given artefact rules applied."""
    return apply_rules(normalise(text), rules)


def display_quote(quote: str, source: object) -> str:
    """The display form of a quote of ``source`` (a row of ``srd.sources()``, or its
    ``display_rules`` cell)."""
    cell = source if isinstance(source, str) or source is None else _rules_cell(source)
    return display(quote, rules_of(cell))


def _rules_cell(source: object) -> object:
    getter = getattr(source, "get", None)
    return getter("display_rules") if callable(getter) else getattr(source, "display_rules", None)
