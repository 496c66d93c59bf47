"""CSL-JSON items for the sources and the dataset, and Chicago and APA references rendered
from them by citeproc-py with the official CSL styles bundled in ``publishing/styles/``.

``csl_json()`` is what Zotero, pandoc and any CSL processor import. Metadata a source does
not state is left out, never invented: the untitled source gets a bracketed description
as its title (``[Untitled strategy research paper]``), as the style manuals ask, and an
inferred year is an approximate date (``"circa": true``) with a note saying so.

Two known limits of citeproc-py are worked around where the reference is rendered, not in
the data: a title standing in for a missing author is printed twice (so the description
is rendered in the author position only), and US punctuation is not moved inside closing
quotation marks (so ``”.`` becomes ``.”``), nor dropped after a title's own ``?``. citeproc-py ignores ``circa``; Chicago prints an
inferred year as ``[2015?]``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from . import dataset

STYLES_DIR = Path(__file__).with_name("styles")
# citation style -> bundled CSL file (official styles, unchanged; see tests/test_csl.py)
CSL_STYLES = {"chicago": "chicago-author-date-16th-edition", "apa": "apa"}

_CSL_TYPES = {
    "opinion": "article-newspaper",
    "journal_article": "article-journal",
    "magazine_article": "article-magazine",
    "research_paper": "report",
}
_SEASONS = {3: 1, 6: 2, 9: 3, 12: 4}  # first month of a season -> CSL season number


def cell(row: Mapping[Any, Any], key: str) -> str | None:
    """A text cell, or None when empty or missing."""
    value = row.get(key)
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    return str(value)


def people(src: Mapping[Any, Any]) -> list[tuple[str, str]]:
    """[(surname, given names)] from 'Surname, Given; Surname, Given'."""
    text = cell(src, "authors")
    if not text:
        return []
    out = []
    for person in text.split(";"):
        surname, _, given = person.strip().partition(",")
        out.append((surname.strip(), given.strip()))
    return out


def kind_text(src: Mapping[Any, Any]) -> str:
    """'strategy research paper' and the like: what the source is, in words."""
    kind = str(src.get("document_kind") or "document").replace("_", " ")
    if kind == "research paper":
        return "strategy research paper"  # the text calls itself 'This strategy research paper'
    return kind


def title_or_description(src: Mapping[Any, Any]) -> str:
    """The title as printed, or a bracketed description when the text states none."""
    return cell(src, "title") or f"[Untitled {kind_text(src)}]"


def issued(src: Mapping[Any, Any]) -> dict[str, Any] | None:
    """The CSL date of a source, as precise as the text states it."""
    published = src.get("published")
    if published is None or pd.isna(published):
        return None
    stamp = pd.Timestamp(published)
    precision = src.get("date_precision")
    date: dict[str, Any]
    if precision == "day":
        date = {"date-parts": [[stamp.year, stamp.month, stamp.day]]}
    elif precision == "month":
        date = {"date-parts": [[stamp.year, stamp.month]]}
    elif precision == "season" and stamp.month in _SEASONS:
        date = {"date-parts": [[stamp.year]], "season": _SEASONS[stamp.month]}
    else:
        date = {"date-parts": [[stamp.year]]}
    if src.get("date_basis") == "inferred":
        date["circa"] = True
    return date


def _notes(src: Mapping[Any, Any]) -> list[str]:
    notes = []
    if not people(src):
        notes.append("Author not stated")
    if not cell(src, "title"):
        notes.append("Title not stated")
    if src.get("date_basis") == "inferred":
        notes.append("Date not stated; year inferred (see sources.csv metadata_note)")
    return notes


def source_item(src: Mapping[Any, Any]) -> dict[str, Any]:
    """The CSL-JSON item of one source (a row of ``srd.sources()``)."""
    item: dict[str, Any] = {
        "id": str(src["source_id"]),
        "type": _CSL_TYPES.get(str(src.get("document_kind")), "document"),
        "title": title_or_description(src),
    }
    if people(src):
        item["author"] = [{"family": s, "given": g} for s, g in people(src)]
    if cell(src, "outlet"):
        item["container-title"] = cell(src, "outlet")
    date = issued(src)
    if date:
        item["issued"] = date
    if cell(src, "url"):
        item["URL"] = cell(src, "url")
    if _notes(src):
        item["note"] = "; ".join(_notes(src))
    return item


def dataset_item() -> dict[str, Any]:
    """The CSL-JSON item of the data package itself."""
    year, month, day = (int(part) for part in dataset.RELEASED.split("-"))
    item: dict[str, Any] = {
        "id": dataset.KEY,
        "type": "dataset",
        "title": dataset.TITLE,
        "author": [{"literal": dataset.AUTHOR}],
        "version": dataset.VERSION,
        "issued": {"date-parts": [[year, month, day]]},
        "abstract": dataset.ABSTRACT,
    }
    if dataset.URL or dataset.REPOSITORY:
        item["URL"] = dataset.URL or dataset.REPOSITORY
    return item


def csl_json(data_dir: Any = None) -> list[dict[str, Any]]:
    """CSL-JSON items for the five sources and the dataset (import into Zotero or pandoc:
    ``json.dump(srd.csl_json(), open("refs.json", "w"))``)."""
    from ..loaders import load

    return [source_item(src) for src in load("sources", data_dir).to_dict("records")] + [
        dataset_item()
    ]


@functools.cache
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(str(STYLES_DIR / f"{name}.csl"), validate=False)


def _for_rendering(item: Mapping[Any, Any], style: str) -> dict[str, Any]:
    out = dict(item)
    if "author" not in out:  # the description stands in the author position, once
        out["author"] = [{"literal": out.pop("title")}]
    date = out.get("issued")
    if style == "chicago" and date and date.get("circa"):
        out["issued"] = {"literal": f"[{date['date-parts'][0][0]}?]"}
    out.pop("note", None)
    out.pop("abstract", None)
    return out


def render(item: Mapping[Any, Any], style: str) -> str:
    """The reference-list entry of one CSL-JSON item in ``style`` ("chicago" or "apa")."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    ready = _for_rendering(item, style)
    bibliography = CitationStylesBibliography(
        _style(CSL_STYLES[style]), CiteProcJSON([ready]), formatter.plain
    )
    bibliography.register(Citation([CitationItem(ready["id"])]))
    (entry,) = bibliography.bibliography()
    text = re.sub(r"([?!])(”?)\.", r"\1\2", str(entry))  # no "?." after a question
    if style == "chicago":
        text = text.replace("”.", ".”").replace("”,", ",”")
    return text
