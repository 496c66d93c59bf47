"""Cite any claim back to its article: plain text, Chicago author-date or APA.

Chicago and APA references are rendered by citeproc-py from the sources' CSL-JSON items
with the bundled official styles (:mod:`.csl`); the plain-text style is this module's own.
Each style prints its dates one way. A footnote is the reference, then who the article
attributes the claim to (when it does), then the *display* form of the quote (capture
markup cleaned by the source's ``display_rules``, :mod:`..texts.display`), then the
claim id. Metadata a source does not state is shown as missing, never invented.

``bibtex()`` and ``citation_cff()`` live in :mod:`.bibtex` and :mod:`.cff`; they are
re-exported here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, overload

import pandas as pd

from ..texts.display import display_quote
from .bibtex import bibtex
from .cff import citation_cff
from .csl import cell, people, render, source_item, title_or_description

STYLES = ("text", "chicago", "apa")
_MONTHS = [
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
]


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; styles are {', '.join(STYLES)}")


def date_text(src: Mapping[Any, Any]) -> str:
    """The source's date in the plain-text style: 'December 17, 2014', 'Fall 2016',
    'n.d. [2015?]' (an inferred year)."""
    published = src.get("published")
    if published is None or pd.isna(published):
        return "n.d."
    stamp = pd.Timestamp(published)
    precision = src.get("date_precision")
    if src.get("date_basis") == "inferred":
        return f"n.d. [{stamp.year}?]"
    if precision == "day":
        return f"{_MONTHS[stamp.month - 1]} {stamp.day}, {stamp.year}"
    if precision == "month":
        return f"{_MONTHS[stamp.month - 1]} {stamp.year}"
    if precision == "season" and cell(src, "date_as_printed"):
        return str(cell(src, "date_as_printed"))
    return str(stamp.year)


def _joined(names: list[str], last: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {last} " + names[-1]


def text_reference(src: Mapping[Any, Any]) -> str:
    """The plain-text reference: 'Josh Cohen, "Title," Outlet, December 17, 2014. URL'."""
    names = [f"{given} {surname}".strip() for surname, given in people(src)]
    title = cell(src, "title")
    parts = [_joined(names, "and") if names else None]
    parts.append(f'"{title}"' if title else title_or_description(src))
    parts += [cell(src, "outlet"), date_text(src)]
    text = ", ".join(p for p in parts if p) + "."
    if not names:
        text += " Author not stated."
    url = cell(src, "url")
    return f"{text} {url}" if url else text


@functools.cache
def _rendered(item_key: tuple[tuple[str, str], ...], style: str) -> str:
    import json

    return render({k: json.loads(v) for k, v in item_key}, style)


def reference(src: Mapping[Any, Any], style: str = "text") -> str:
    """The bibliographic reference of one source (a row of ``srd.sources()``)."""
    import json

    _check_style(style)
    if style == "text":
        return text_reference(src)
    item = source_item(src)
    return _rendered(tuple((k, json.dumps(v)) for k, v in item.items()), style)


def short_citation(src: Mapping[Any, Any], style: str = "text") -> str:
    """'Cohen (2014)', 'Kim and Blank (2013)' (APA: 'Kim & Blank (2013)')."""
    surnames = [surname for surname, _ in people(src)]
    who = _joined(surnames, "&" if style == "apa" else "and") if surnames else None
    published = src.get("published")
    year = None if published is None or pd.isna(published) else pd.Timestamp(published).year
    if year is None:
        when = "n.d."
    elif src.get("date_basis") == "inferred":  # each style's own form of a conjectured year
        when = {"chicago": f"[{year}?]", "apa": f"ca. {year}"}.get(style, f"n.d. [{year}?]")
    else:
        when = str(year)
    return f"{who or title_or_description(src)} ({when})"


def footnote(claim: Mapping[Any, Any], src: Mapping[Any, Any], style: str = "text") -> str:
    """A ready-to-paste citation of one claim: its article's reference, who the article
    attributes the claim to (if anyone), the display quote and the claim id."""
    quote = display_quote(str(claim["quote"]), src)
    who = cell(claim, "attributed_to")
    if cell(claim, "attribution_kind") == "author":  # the article's own authors speaking
        who = None
    lead = f"{short_citation(src, style)}, citing {display_quote(who, src)}" if who else "Quoted"
    return f'{reference(src, style)} {lead}: "{quote}" [claim {claim["claim_id"]}]'


def _as_records(rows: Any) -> list[dict[str, Any]] | None:
    """The claim records of a row, a frame or a namedtuple row; None for ids."""
    if isinstance(rows, pd.DataFrame):
        return [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
    if isinstance(rows, pd.Series) and "claim_id" in rows.index:
        return [{str(k): v for k, v in rows.items()}]
    if hasattr(rows, "_asdict") and "claim_id" in getattr(rows, "_fields", ()):
        return [dict(rows._asdict())]
    if isinstance(rows, Mapping) and "claim_id" in rows:
        return [dict(rows)]
    return None


def _ids(rows: Any) -> list[str]:
    if isinstance(rows, str):
        return [rows]
    if isinstance(rows, Iterable) and not isinstance(rows, Mapping):
        ids = list(rows)
        if all(isinstance(i, str) for i in ids):
            return ids
    raise TypeError(
        "cite() takes a claim id, a list of claim ids, a row (Series or namedtuple), "
        f"or a DataFrame of claims; got {type(rows).__name__}"
    )


def _complete(records: list[dict[str, Any]], data_dir: Any) -> list[dict[str, Any]]:
    """Fill rows that lack a quote or source_id (a frame of ids) from the claim tables."""
    if all("quote" in r and "source_id" in r for r in records):
        return records
    from ..loaders import claims

    every = claims(data_dir).set_index("claim_id", drop=False)
    missing = [str(r["claim_id"]) for r in records if r["claim_id"] not in every.index]
    if missing:
        raise KeyError(f"no claim {', '.join(repr(m) for m in missing)}")
    return [{**every.loc[r["claim_id"]].to_dict(), **r} for r in records]


def _footnotes(records: list[dict[str, Any]], style: str, data_dir: Any) -> list[str]:
    from ..loaders import load

    srcs = load("sources", data_dir).set_index("source_id", drop=False)
    unknown = sorted({str(r["source_id"]) for r in records} - set(srcs.index))
    if unknown:
        raise KeyError(f"no source {', '.join(repr(u) for u in unknown)} in sources.csv")
    rows = {sid: srcs.loc[sid].to_dict() for sid in {str(r["source_id"]) for r in records}}
    return [footnote(r, rows[str(r["source_id"])], style) for r in records]


@overload
def cite(rows: str, style: str = "text", data_dir: Any = None) -> str: ...
@overload
def cite(rows: pd.Series, style: str = "text", data_dir: Any = None) -> str: ...
@overload
def cite(rows: pd.DataFrame, style: str = "text", data_dir: Any = None) -> list[str]: ...
@overload
def cite(rows: Any, style: str = "text", data_dir: Any = None) -> str | list[str]: ...


def cite(rows: Any, style: str = "text", data_dir: Any = None) -> str | list[str]:
    """Footnotes for claims, one per claim, ready to paste.

    ``rows`` is a claim id (returns one footnote), a list of claim ids, a filtered
    DataFrame of claims (a list, in row order), a row of one (``frame.iloc[0]``, a
    ``Series``) or a row of ``frame.itertuples()`` (one footnote each). A row's own
    ``quote`` is cited; rows without one are looked up by ``claim_id``. ``style`` is
    ``"text"``, ``"chicago"`` (author-date) or ``"apa"``.
    """
    _check_style(style)
    records = _as_records(rows)
    single = records is not None and not isinstance(rows, pd.DataFrame)
    if records is None:
        single = isinstance(rows, str)
        records = [{"claim_id": i} for i in _ids(rows)]
    notes = _footnotes(_complete(records, data_dir), style, data_dir)
    return notes[0] if single else notes


__all__ = ["STYLES", "bibtex", "citation_cff", "cite", "footnote", "reference"]
