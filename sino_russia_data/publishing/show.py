"""``srd.show()``: a claim (or every row of a frame) highlighted in its paragraph.

In a notebook the result renders as HTML (``_repr_html_``): the paragraph of the raw text
the row's anchor falls in, shown cleaned of its capture artefacts, with the quote marked,
the row's fields and a link to the row's mark on the reader site
(``sino-russia-data site`` writes it, by default to ``site/``). In a terminal its
``repr`` is plain text, the quote between ``[[`` and ``]]``.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from ..paths import resolve_data_dir
from ..texts.corpus import Corpus
from ..texts.display import display_quote, rules_of
from .site.articles import clean, paragraphs
from .site.pages import cell

COLOURS = {
    "trade": "#ffe08a",
    "gas": "#b9e4c9",
    "arms": "#f7b9b0",
    "exercises": "#b8d4f5",
    "economy_and_diplomacy": "#e1c8f0",
}


@dataclass(frozen=True)
class Shown:
    row_id: str
    table: str
    before: str
    quote: str
    after: str
    fields: list[tuple[str, str]]
    link: str


class ClaimView:
    """What :func:`show` returns: rows in their paragraphs, as HTML and as plain text."""

    def __init__(self, rows: list[Shown]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        blocks = []
        for r in self.rows:
            para = textwrap.fill(f"{r.before}[[{r.quote}]]{r.after}", width=88)
            fields = "\n".join(f"  {k}: {v}" for k, v in r.fields)
            blocks.append(f"{r.row_id} ({r.table})\n{para}\n{fields}\n  see: {r.link}")
        return "\n\n".join(blocks) if blocks else "(no rows)"

    def _repr_html_(self) -> str:
        parts = []
        for r in self.rows:
            colour = COLOURS.get(r.table, "#eee")
            fields = "".join(
                f"<tr><th style='text-align:left;padding-right:1em'>{escape(k)}</th>"
                f"<td style='text-align:left'>{escape(v)}</td></tr>"
                for k, v in r.fields
            )
            parts.append(
                f"<div style='margin:0 0 1.2em 0'><p><b>{escape(r.row_id)}</b> "
                f"({escape(r.table)}) · <a href='{escape(r.link)}'>see in article</a></p>"
                f"<p style='font-family:Georgia,serif;max-width:48em'>{escape(r.before)}"
                f"<mark style='background:{colour}'>{escape(r.quote)}</mark>"
                f"{escape(r.after)}</p><table style='font-size:90%'>{fields}</table></div>"
            )
        return "".join(parts) or "<p>(no rows)</p>"


def _shown(rec: dict[str, Any], table: str, corpus: Corpus, src: Any, site: str) -> Shown:
    row_id = str(rec.get("claim_id") or rec.get("exclusion_id"))
    passage = rec["quote"] if "quote" in rec else rec["context"]
    text = corpus.anchored(rec["source_id"])
    anchor = corpus.anchor(rec["source_id"], passage)
    if text is None or anchor is None:
        raise ValueError(f"{row_id}: its passage is not in the raw text of {rec['source_id']}")
    start, end = next((a, b) for a, b in paragraphs(text.raw) if a <= anchor.start < b)
    end = max(end, anchor.end)
    rules = rules_of(src.get("display_rules"))
    skip = {"claim_id", "exclusion_id", "quote", "context"}
    fields = [(str(k), cell(v)) for k, v in rec.items() if k not in skip and cell(v)]
    fields = [(k, display_quote(v, src) if k in ("figure", "hedge") else v) for k, v in fields]
    return Shown(
        row_id=row_id,
        table=table,
        before=clean(text.raw[start : anchor.start], rules),
        quote=clean(text.raw[anchor.start : anchor.end], rules),
        after=clean(text.raw[anchor.end : end], rules),
        fields=fields,
        link=f"{site.rstrip('/')}/{rec['source_id']}.html#{row_id}",
    )


def show(
    rows: str | pd.DataFrame, site: str = "site", data_dir: str | Path | None = None
) -> ClaimView:
    """Show a claim or exclusion by id, or every row of a frame of claims or exclusions, in
    its paragraph. ``site`` is where the reader site is (links go to ``site/<source>.html``)."""
    from ..loaders import claims, load

    sources = load("sources", data_dir)
    corpus = Corpus.from_sources(resolve_data_dir(data_dir), sources)
    by_id = sources.set_index("source_id")
    if isinstance(rows, str):
        every = claims(data_dir)
        frame = every[every["claim_id"] == rows]
        if frame.empty:
            excluded = load("excluded", data_dir)
            frame = excluded[excluded["exclusion_id"] == rows]
        if frame.empty:
            raise KeyError(f"no claim or exclusion {rows!r}")
    else:
        frame = rows
    if not {"claim_id", "exclusion_id"} & set(frame.columns) or "source_id" not in frame:
        raise ValueError("show() needs rows with claim_id (or exclusion_id) and source_id")
    out = []
    for rec in frame.to_dict("records"):
        table = str(rec.get("table") or str(rec.get("claim_id", "excluded")).split("-")[0])
        src = by_id.loc[rec["source_id"]]
        out.append(_shown({str(k): v for k, v in rec.items()}, table, corpus, src, site))
    return ClaimView(out)
