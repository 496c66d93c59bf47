"""Cite any claim back to its article: plain text, Chicago author-date, APA; and BibTeX.

Metadata a source does not state is shown as missing ("author not stated", "n.d.",
"[untitled]"), never invented; an inferred year is printed in brackets with "inferred".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, overload

import pandas as pd

STYLES = ("text", "chicago", "apa")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _get(row: Mapping[Any, Any], key: str) -> str | None:
    value = row.get(key)
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _authors(src: Mapping[Any, Any]) -> list[tuple[str, str]]:
    """[(surname, given names)] from 'Surname, Given; Surname, Given'."""
    text = _get(src, "authors")
    if not text:
        return []
    people = []
    for person in text.split(";"):
        surname, _, given = person.strip().partition(",")
        people.append((surname.strip(), given.strip()))
    return people


def _year(src: Mapping[Any, Any]) -> str:
    published = src.get("published")
    if published is None or pd.isna(published):
        return "n.d."
    year = str(pd.Timestamp(published).year)
    return f"[{year}, inferred]" if src.get("date_basis") == "inferred" else year


def _date_text(src: Mapping[Any, Any]) -> str:
    printed = _get(src, "date_as_printed")
    if printed:
        return printed
    published = src.get("published")
    if published is None or pd.isna(published):
        return "n.d."
    return f"date not stated (year inferred: {pd.Timestamp(published).year})"


def _names_text(people: list[tuple[str, str]]) -> str:
    if not people:
        return "Author not stated"
    names = [f"{given} {surname}".strip() for surname, given in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _names_chicago(people: list[tuple[str, str]]) -> str:
    if not people:
        return "Author not stated"
    first = f"{people[0][0]}, {people[0][1]}"
    rest = [f"{given} {surname}" for surname, given in people[1:]]
    return first if not rest else first + ", and " + ", and ".join(rest)


def _names_apa(people: list[tuple[str, str]]) -> str:
    if not people:
        return "Author not stated"

    def one(surname: str, given: str) -> str:
        initials = " ".join(f"{part[0]}." for part in given.replace("-", " ").split() if part)
        return f"{surname}, {initials}".strip().rstrip(",")

    names = [one(s, g) for s, g in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def _apa_date(src: Mapping[Any, Any]) -> str:
    year = _year(src)
    published = src.get("published")
    if src.get("date_precision") == "day" and published is not None and not pd.isna(published):
        stamp = pd.Timestamp(published)
        return f"{year}, {_MONTHS[stamp.month - 1]} {stamp.day}"
    if src.get("date_precision") == "season" and _get(src, "date_as_printed"):
        season = str(src["date_as_printed"]).split()[0]
        return f"{year}, {season}"
    return year


def reference(src: Mapping[Any, Any], style: str = "text") -> str:
    """The bibliographic reference of one source (a row of ``srd.sources()``)."""
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; styles are {', '.join(STYLES)}")
    people = _authors(src)
    title = _get(src, "title") or "[untitled: the text states no title]"
    outlet = _get(src, "outlet") or "outlet not stated"
    url = _get(src, "url")
    url_part = f" {url}" if url else ""
    kind = str(src.get("document_kind", "")).replace("_", " ")
    if style == "text":
        return (
            f'{_names_text(people)}, "{title}", {outlet}, {_date_text(src)}.{url_part}'
        ).rstrip()
    if style == "chicago":
        quoted = f"{title}." if not _get(src, "title") else f'"{title}."'
        return (
            f"{_names_chicago(people)}. {_year(src)}. {quoted} {outlet}, {_date_text(src)}."
            f"{url_part}"
        )
    # apa
    bracket = f" [{kind.capitalize()}]" if not _get(src, "outlet") and kind else ""
    return f"{_names_apa(people)} ({_apa_date(src)}). {title}{bracket}. {outlet}.{url_part}"


def footnote(claim: Mapping[Any, Any], src: Mapping[Any, Any], style: str = "text") -> str:
    """A ready-to-paste citation of one claim: its article's reference and the quote."""
    return f'{reference(src, style)} Quoted: "{claim["quote"]}" [claim {claim["claim_id"]}]'


@overload
def cite(rows: str, style: str = "text", data_dir: Any = None) -> str: ...
@overload
def cite(rows: pd.DataFrame, style: str = "text", data_dir: Any = None) -> list[str]: ...


def cite(rows: str | pd.DataFrame, style: str = "text", data_dir: Any = None) -> str | list[str]:
    """Cite a claim by id, or every row of a claims DataFrame (one footnote per row).

    ``style`` is ``"text"``, ``"chicago"`` (author-date) or ``"apa"``.
    """
    from ..loaders import claims, load

    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; styles are {', '.join(STYLES)}")
    srcs = load("sources", data_dir).set_index("source_id")
    if isinstance(rows, str):
        every = claims(data_dir).set_index("claim_id", drop=False)
        if rows not in every.index:
            raise KeyError(f"no claim {rows!r}")
        row = every.loc[rows]
        return footnote(row.to_dict(), srcs.loc[row["source_id"]].to_dict(), style)
    missing = {"claim_id", "source_id", "quote"} - set(rows.columns)
    if missing:
        raise ValueError(f"cannot cite rows without column(s): {', '.join(sorted(missing))}")
    return [
        footnote(row, srcs.loc[row["source_id"]].to_dict(), style)
        for row in rows.to_dict("records")
    ]


def _bib_escape(text: str) -> str:
    out = text
    for char in ("\\", "&", "%", "$", "#", "_", "{", "}"):
        replacement = r"\textbackslash{}" if char == "\\" else "\\" + char
        out = out.replace(char, replacement)
    return out


def bibtex(data_dir: Any = None) -> str:
    """BibTeX entries for every source, keyed by source_id."""
    from ..loaders import load

    entries = []
    for src in load("sources", data_dir).to_dict("records"):
        kind = src["document_kind"]
        entry_type = (
            "article" if kind in ("journal_article", "opinion", "magazine_article") else "misc"
        )
        fields: list[tuple[str, str]] = []
        people = _authors(src)
        if people:
            fields.append(("author", " and ".join(f"{s}, {g}" for s, g in people)))
        if _get(src, "title"):
            fields.append(("title", f"{{{_bib_escape(str(src['title']))}}}"))
        if _get(src, "outlet"):
            fields.append(
                (
                    "journal" if entry_type == "article" else "publisher",
                    _bib_escape(str(src["outlet"])),
                )
            )
        published = src.get("published")
        if published is not None and not pd.isna(published):
            stamp = pd.Timestamp(published)
            fields.append(("year", str(stamp.year)))
            if src.get("date_precision") in ("day", "month"):
                fields.append(("month", _MONTHS[stamp.month - 1][:3].lower()))
        if _get(src, "url"):
            fields.append(("url", str(src["url"])))
        notes = []
        if src.get("date_basis") == "inferred":
            notes.append("Year inferred, not stated; see sources.csv metadata_note")
        if not people:
            notes.append("Author not stated")
        if not _get(src, "title"):
            notes.append("Title not stated")
        if src.get("date_precision") == "season":
            notes.append(f"Dated {src['date_as_printed']}")
        if kind == "research_paper":
            notes.append("Strategy research paper")
        if notes:
            fields.append(("note", _bib_escape("; ".join(notes))))
        body = ",\n".join(
            f"  {name} = {value}" if value.startswith("{") else f"  {name} = {{{value}}}"
            for name, value in fields
        )
        entries.append(f"@{entry_type}{{{src['source_id']},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


_CFF_TYPES = {
    "opinion": "article",
    "journal_article": "article",
    "magazine_article": "magazine-article",
    "research_paper": "report",
}


def citation_cff(data_dir: Any = None) -> str:
    """CITATION.cff for the package, with the sources as references (derived, not retyped)."""
    import json

    from .._version import __version__
    from ..loaders import load

    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar
    lines = [
        "# Generated by `sino-russia-data cff --out CITATION.cff` from sources.csv; do not edit.",
        "cff-version: 1.2.0",
        "message: "
        + q(
            "If you use this data package, please cite it as below, and cite the articles "
            "the claims come from (sino-russia-data cite CLAIM_ID, sino-russia-data bibtex)."
        ),
        "type: dataset",
        "title: "
        + q(
            "sino-russia-data: curated, typed, citable claims from five articles on "
            "Russia-China relations (2013-2020)"
        ),
        f"version: {q(__version__)}",
        "license: MIT",
        "authors:",
        "  - name: " + q("sino-russia-data contributors"),
        "references:",
    ]
    for src in load("sources", data_dir).to_dict("records"):
        lines.append(f"  - type: {_CFF_TYPES[src['document_kind']]}")
        people = _authors(src)
        lines.append("    authors:")
        if people:
            for surname, given in people:
                lines += [f"      - family-names: {q(surname)}", f"        given-names: {q(given)}"]
        else:
            lines.append("      - name: " + q("author not stated"))
        title = _get(src, "title") or "[untitled: the text states no title]"
        lines.append(f"    title: {q(title)}")
        if _get(src, "outlet"):
            lines.append(f"    journal: {q(str(src['outlet']))}")
        published = src.get("published")
        if published is not None and not pd.isna(published):
            lines.append(f"    year: {pd.Timestamp(published).year}")
        if _get(src, "url"):
            lines.append(f"    url: {q(str(src['url']))}")
        if src.get("date_basis") == "inferred":
            lines.append(
                "    notes: " + q("Year inferred, not stated in the text; see sources.csv.")
            )
    return "\n".join(lines) + "\n"
