"""BibTeX for the five sources and the dataset, written with bibtexparser v2.

The entries read the same in BibTeX (``plain``, ``apalike``) and biblatex/biber:

- newspaper and magazine pieces are ``@article`` with ``journal`` (biber reads it as
  ``journaltitle``) and ``entrysubtype = {newspaper}`` or ``{magazine}``; a season is
  biblatex's ``issue`` (``Fall``);
- the journal article is a plain ``@article``;
- the untitled, unauthored research paper is ``@misc`` (BibTeX has no report type without
  an institution) with a bracketed description as its title, ``howpublished`` saying what
  it is and a note saying what is not stated and that the year is inferred;
- the dataset is ``@misc`` with ``version`` (biblatex) and ``howpublished`` (BibTeX).

Titles are wrapped in an extra pair of braces so no style changes their capitals, and
months are written as the BibTeX macros ``jan`` ... ``dec``, not as strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from . import dataset
from .csl import cell, kind_text, people, title_or_description

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SUBTYPES = {"opinion": "newspaper", "magazine_article": "magazine"}
_ARTICLES = ("opinion", "magazine_article", "journal_article")
_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"}


def escape(text: str) -> str:
    """``text`` with the characters LaTeX treats specially escaped (braces are kept)."""
    return "".join(_ESCAPES.get(char, char) for char in text)


def _date_fields(src: Mapping[Any, Any]) -> list[tuple[str, str, str | None]]:
    published = src.get("published")
    if published is None or pd.isna(published):
        return []
    stamp = pd.Timestamp(published)
    fields: list[tuple[str, str, str | None]] = [("year", str(stamp.year), None)]
    precision = src.get("date_precision")
    if precision in ("day", "month") and src.get("date_basis") != "inferred":
        fields.append(("month", _MONTHS[stamp.month - 1], "no-enclosing"))
    if precision == "season" and cell(src, "date_as_printed"):
        fields.append(("issue", escape(str(cell(src, "date_as_printed")).split()[0]), None))
    return fields


def _source_fields(src: Mapping[Any, Any]) -> list[tuple[str, str, str | None]]:
    kind = str(src.get("document_kind"))
    fields: list[tuple[str, str, str | None]] = []
    if people(src):
        fields.append(("author", " and ".join(f"{s}, {g}" for s, g in people(src)), None))
    fields.append(("title", "{" + escape(title_or_description(src)) + "}", None))
    if kind in _ARTICLES and cell(src, "outlet"):
        fields.append(("journal", escape(str(cell(src, "outlet"))), None))
    if kind in _SUBTYPES:
        fields.append(("entrysubtype", _SUBTYPES[kind], None))
    if kind not in _ARTICLES:
        fields.append(("howpublished", escape(kind_text(src).capitalize()), None))
    fields += _date_fields(src)
    if cell(src, "url"):
        fields.append(("url", str(cell(src, "url")), None))
    missing = [
        what for what, col in (("author", "authors"), ("title", "title")) if not cell(src, col)
    ]
    notes = [f"{' and '.join(missing).capitalize()} not stated"] if missing else []
    if src.get("date_basis") == "inferred":
        notes.append("date not stated, year inferred (see sources.csv)")
    if notes:
        fields.append(("note", escape("; ".join(notes)), None))
    return fields


def _dataset_fields() -> list[tuple[str, str, str | None]]:
    year, month, _ = dataset.RELEASED.split("-")
    fields: list[tuple[str, str, str | None]] = [
        ("author", "{" + escape(dataset.AUTHOR) + "}", None),
        ("title", "{" + escape(dataset.TITLE) + "}", None),
        ("howpublished", f"Dataset, version {dataset.VERSION}", None),
        ("version", dataset.VERSION, None),
        ("year", year, None),
        ("month", _MONTHS[int(month) - 1], "no-enclosing"),
    ]
    if dataset.URL or dataset.REPOSITORY:
        fields.append(("url", str(dataset.URL or dataset.REPOSITORY), None))
    return fields


def _entry(entry_type: str, key: str, fields: list[tuple[str, str, str | None]]) -> Any:
    from bibtexparser.model import Entry, Field

    return Entry(entry_type, key, [Field(k, v, enclosing=e) for k, v, e in fields])


def bibtex(data_dir: Any = None) -> str:
    """BibTeX entries for every source (keyed by source_id) and for the dataset itself."""
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import AddEnclosingMiddleware
    from bibtexparser.writer import BibtexFormat

    from ..loaders import load

    library = Library()
    for src in load("sources", data_dir).to_dict("records"):
        entry_type = "article" if src["document_kind"] in _ARTICLES else "misc"
        library.add(_entry(entry_type, str(src["source_id"]), _source_fields(src)))
    library.add(_entry("misc", dataset.KEY, _dataset_fields()))
    enclose = AddEnclosingMiddleware(
        reuse_previous_enclosing=False, enclose_integers=True, default_enclosing="{"
    )
    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent, layout.block_separator = "  ", "\n"
    return str(write_string(library, unparse_stack=[enclose], bibtex_format=layout))
