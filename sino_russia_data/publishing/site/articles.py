"""An article's raw text as HTML paragraphs with a ``<mark>`` over every claim and exclusion.

The raw text is split into paragraphs at blank lines; inside a paragraph every run of
whitespace is one space and the capture artefacts its source lists (``display_rules``) are
cleaned (:mod:`...texts.display`), segment by segment, so the marks stay where the anchors
put them. Spans may nest (several claims citing one sentence) or cross (an exclusion's
context running past a quote): marks are kept well-formed by closing and reopening them
at each boundary. The first piece of a row's first occurrence carries ``id=<row id>``
(the link target); every piece carries ``data-row``, so a reader page can gather them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from ...texts.display import apply_rules

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n[ \t\r\f\v]*\n|\s*\Z)", re.S)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    row_id: str
    css: str  # "t-<table>" or "excluded"
    title: str  # shown on hover (no script needed)
    first: bool  # the row's first occurrence (its anchor); later ones are repeats


def paragraphs(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the raw text (blank lines separate them)."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(raw)]


def clean(segment: str, rules: tuple[str, ...]) -> str:
    """A piece of raw text in one-space form with its source's artefact rules applied."""
    return apply_rules(_SPACE.sub(" ", segment), rules)


def _order(span: Span) -> tuple[int, int, str]:
    return (span.start, -span.end, span.row_id)


class _Marks:
    """Writes the marks of one article; remembers which rows already have their id."""

    def __init__(self, spans: list[Span], rules: tuple[str, ...]) -> None:
        self.spans = sorted(spans, key=_order)
        self.rules = rules
        self.with_id: set[str] = set()

    def open_tag(self, span: Span) -> str:
        classes = span.css + ("" if span.first else " repeat")
        head = ""
        if span.first and span.row_id not in self.with_id:
            self.with_id.add(span.row_id)
            head = f'id="{escape(span.row_id)}" tabindex="0" '
        else:
            classes += " cont"
        row = escape(span.row_id)
        return f'<mark {head}class="{classes}" data-row="{row}" title="{escape(span.title)}">'

    def paragraph(self, raw: str, start: int, end: int) -> str:
        """One paragraph's inner HTML with well-formed (closed and reopened) marks."""
        inside = [s for s in self.spans if s.start < end and s.end > start]
        points = {start, end, *(p for s in inside for p in (s.start, s.end) if start < p < end)}
        cuts = sorted(points)
        out: list[str] = []
        stack: list[Span] = []
        for a, b in pairwise(cuts):
            want = [s for s in inside if s.start <= a and b <= s.end]
            keep = 0
            while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
                keep += 1
            out.append("</mark>" * (len(stack) - keep))
            out.extend(self.open_tag(s) for s in want[keep:])
            stack = want
            out.append(escape(clean(raw[a:b], self.rules), quote=False))
        out.append("</mark>" * len(stack))
        return "".join(out)


def article_html(raw: str, spans: list[Span], rules: tuple[str, ...]) -> str:
    """The whole article as ``<p>`` paragraphs with its marks."""
    marks = _Marks(spans, rules)
    return "\n".join(f"<p>{marks.paragraph(raw, a, b)}</p>" for a, b in paragraphs(raw))
