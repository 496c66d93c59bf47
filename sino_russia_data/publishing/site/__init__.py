"""The static reader: every claim and exclusion shown where it stands in its article.

``sino-russia-data site --out DIR`` (``build``) writes plain HTML, CSS and a little
vanilla JS that open from ``file://`` with no server and no network:

- ``<source_id>.html``: the article's raw text as paragraphs (capture artefacts cleaned
  for display), each claim's quote a ``<mark id="<claim_id>">`` coloured by table, each
  exclusion's context a quiet mark with its reason; selecting a mark shows its row and
  citation in a side panel;
- ``<table>.html``: the table's rows with a "see in article" link each, sortable and
  filterable, each row an anchor (``trade.html#trade-cohen2014-001``);
- ``index.html``: the sources with their citations, the tables, the charts, the
  ``consistency()`` checks linking to their claims, the data version and the downloads
  (the CSVs, ``datapackage.json``, the W3C annotations).

The marks are placed by the same anchors as the annotations (:mod:`...texts.anchors`).
The site is byte-identical run to run; every file is written atomically.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ...files import write_atomically
from ...paths import resolve_data_dir
from ...texts.corpus import Corpus
from ...texts.display import display_quote, rules_of
from ...vocabulary import EXCLUSION_REASON
from . import pages
from .articles import Span, article_html


class _Site:
    """Writes the files of one site and remembers what it wrote."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[Path] = []

    def write(self, relative: str, data: str | bytes) -> None:
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        self.written.append(path)


def _text(value: object) -> bool:
    return isinstance(value, str) and value != ""


def _fields(rec: dict[Any, Any], skip: tuple[str, ...]) -> list[list[str]]:
    return [[str(k), pages.cell(v)] for k, v in rec.items() if k not in skip and pages.cell(v)]


def _claim_rows(
    tables: dict[str, pd.DataFrame], srcs: pd.DataFrame
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, str, str]]]:
    """Panel data per claim id, and (source, passage, row id, css) for every claim."""
    from ..citation import cite

    rows: dict[str, dict[str, Any]] = {}
    marks = []
    for name, frame in tables.items():
        for rec, citation in zip(
            frame.to_dict("records"), cite(frame, style="chicago"), strict=True
        ):
            src = srcs.loc[rec["source_id"]]
            shown = _displayed(rec, srcs)
            fields = [["table", name], *_fields(shown, ("claim_id", "quote"))]
            fields.append(["quote (display)", display_quote(rec["quote"], src)])
            rows[rec["claim_id"]] = {
                "fields": fields,
                # what a reader sees quotes the display form (a no-op when cite gives it)
                "citation": citation.replace(rec["quote"], display_quote(rec["quote"], src)),
                "table_page": f"{name}.html#{rec['claim_id']}",
                "source_id": rec["source_id"],
            }
            marks.append((rec["source_id"], rec["quote"], rec["claim_id"], f"t-{name}"))
    return rows, marks


# Cells quoted from the text, shown in display form (capture markup cleaned); the curator's
# note is not: it may name an artefact as it stands ("'\$' is in the raw text").
_DISPLAYED = ("figure", "hedge", "attributed_to", "condition", "mention", "context")


def _displayed(rec: dict[Any, Any], srcs: pd.DataFrame) -> dict[Any, Any]:
    src = srcs.loc[rec["source_id"]]
    return rec | {k: display_quote(rec[k], src) for k in _DISPLAYED if k in rec and _text(rec[k])}


def _exclusion_rows(
    excluded: pd.DataFrame, srcs: pd.DataFrame
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, str, str]]]:
    from ..citation import reference

    rows: dict[str, dict[str, Any]] = {}
    marks = []
    for rec in excluded.to_dict("records"):
        src = srcs.loc[rec["source_id"]].to_dict()
        fields = [["table", "excluded"], *_fields(rec, ("exclusion_id", "context"))]
        fields.append(["reason means", EXCLUSION_REASON.get(rec["reason"], "")])
        rows[rec["exclusion_id"]] = {
            "fields": fields,
            "citation": f"Not a claim. In: {reference(src, 'chicago')}",
            "table_page": f"excluded.html#{rec['exclusion_id']}",
            "source_id": rec["source_id"],
        }
        marks.append((rec["source_id"], rec["context"], rec["exclusion_id"], "excluded"))
    return rows, marks


def _title(row_id: str, css: str, rows: dict[str, dict[str, Any]]) -> str:
    fields = dict((k, v) for k, v in rows[row_id]["fields"])
    if css == "excluded":
        return f"excluded ({fields.get('reason', '')}): {fields.get('reason means', '')}"
    return f"{row_id}: {fields.get('figure', '')}"


def _spans(
    corpus: Corpus, marks: list[tuple[str, str, str, str]], rows: dict[str, dict[str, Any]]
) -> dict[str, list[Span]]:
    """Every occurrence of every row's passage, per source; the first is the row's anchor."""
    out: dict[str, list[Span]] = {}
    for source_id, passage, row_id, css in marks:
        text = corpus.anchored(source_id)
        found = [] if text is None else text.locate(passage)
        for i, (start, end) in enumerate(found):
            title = _title(row_id, css, rows)
            out.setdefault(source_id, []).append(Span(start, end, row_id, css, title, i == 0))
    return out


def build(
    out: str | Path = "site",
    data_dir: str | Path | None = None,
    charts_from: str | Path | None = None,
) -> list[Path]:
    """Write the reader site to ``out``; returns the files written (see the module doc).

    The charts are rendered (SVG) unless ``charts_from`` names a folder of rendered ones."""
    from ...loaders import load
    from ...registry import claim_tables

    site = _Site(Path(out))
    sources = load("sources", data_dir)
    srcs = sources.set_index("source_id", drop=False)
    corpus = Corpus.from_sources(resolve_data_dir(data_dir), sources)
    tables = {t.name: load(t.name, data_dir) for t in claim_tables()}
    excluded = load("excluded", data_dir)
    clashes = set(srcs.index) & {*tables, "excluded", "index", "style", "site"}
    if clashes:
        raise ValueError(f"source ids clash with page names: {', '.join(sorted(clashes))}")
    claim_rows, claim_marks = _claim_rows(tables, srcs)
    excl_rows, excl_marks = _exclusion_rows(excluded, srcs)
    rows = claim_rows | excl_rows
    spans = _spans(corpus, claim_marks + excl_marks, rows)
    _write_articles(site, srcs, corpus, spans, rows, list(tables))
    for name, frame in [*tables.items(), ("excluded", excluded)]:
        id_col = "exclusion_id" if name == "excluded" else "claim_id"
        records = [_displayed(rec, srcs) for rec in frame.to_dict("records")]
        body = pages.table_page(name, records, list(frame.columns), id_col)
        site.write(f"{name}.html", pages.frame(pages.label(name), body, _nav(srcs, tables)))
    copied = None if charts_from is None else Path(charts_from)
    _write_index(site, srcs, spans, tables, excluded, claim_rows, data_dir, copied)
    for asset, target in (("site.css", "style.css"), ("site.js", "site.js")):
        site.write(target, resources.files(__name__).joinpath("assets", asset).read_bytes())
    return site.written


def _record(row: pd.Series) -> dict[str, Any]:
    """A row as a dict with missing cells as None."""
    return {str(k): None if not isinstance(v, str) and pd.isna(v) else v for k, v in row.items()}


def _nav(srcs: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    nav = [("index.html", "Index")]
    nav += [(f"{sid}.html", str(sid)) for sid in srcs.index]
    nav += [(f"{name}.html", pages.label(name)) for name in [*tables, "excluded"]]
    return nav


def _write_articles(
    site: _Site,
    srcs: pd.DataFrame,
    corpus: Corpus,
    spans: dict[str, list[Span]],
    rows: dict[str, dict[str, Any]],
    tables: list[str],
) -> None:
    from ..citation import reference

    nav = _nav(srcs, dict.fromkeys(tables, pd.DataFrame()))
    for sid, src in srcs.iterrows():
        text = corpus.anchored(str(sid))
        if text is None:
            continue
        record = _record(src)
        own = {k: v for k, v in rows.items() if v["source_id"] == sid}
        marked = article_html(text.raw, spans.get(str(sid), []), rules_of(src["display_rules"]))
        body = pages.article(record, reference(record, "chicago"), marked, own, tables)
        site.write(f"{sid}.html", pages.frame(str(src["title"] or sid), body, nav))


def _write_charts(
    site: _Site, data_dir: str | Path | None, charts_from: Path | None
) -> list[tuple[str, str]]:
    """Render the charts as SVG into ``charts/``, or copy the SVGs already rendered in
    ``charts_from`` (``sino-russia-data charts`` writes them; same functions, same bytes)."""
    if charts_from is not None:
        given = sorted(Path(charts_from).glob("*.svg"))
        if not given:
            raise ValueError(f"--charts-from {charts_from}: no SVG charts there (run `charts`)")
        for svg in given:
            site.write(f"charts/{svg.name}", svg.read_bytes())
        paths = sorted((site.out / "charts").glob("*.svg"))
    else:
        try:
            from ...charts.rendering import write_charts
        except ImportError:  # the charts extra is not installed: the index says so
            return []
        paths = write_charts(site.out / "charts", data_dir=data_dir, formats=("svg",))
        site.written += paths
    return [(f"charts/{p.name}", p.stem.replace("_", " ")) for p in paths]


def _write_downloads(site: _Site, data_dir: str | Path | None) -> list[tuple[str, str]]:
    from ...registry import tables
    from ..annotations import render as annotations_jsonld
    from ..datapackage import render as datapackage_json

    data = resolve_data_dir(data_dir)
    downloads = []
    for table in tables():
        site.write(f"data/{table.file}", (data / table.file).read_bytes())
        downloads.append((f"data/{table.file}", table.title))
    site.write("data/datapackage.json", datapackage_json())
    downloads.append(("data/datapackage.json", "Frictionless Data Package descriptor"))
    site.write("data/annotations.jsonld", annotations_jsonld(data_dir))
    downloads.append(
        ("data/annotations.jsonld", "every claim and exclusion as a W3C Web Annotation (JSON-LD)")
    )
    return downloads


def _write_index(
    site: _Site,
    srcs: pd.DataFrame,
    spans: dict[str, list[Span]],
    tables: dict[str, pd.DataFrame],
    excluded: pd.DataFrame,
    claim_rows: dict[str, dict[str, Any]],
    data_dir: str | Path | None,
    charts_from: Path | None,
) -> None:
    from ...cross_checks import consistency
    from ..citation import reference

    sources = [
        (str(sid), reference(_record(src), "chicago"), len(spans.get(str(sid), [])))
        for sid, src in srcs.iterrows()
    ]
    counts = [(name, len(frame)) for name, frame in tables.items()]
    counts.append(("excluded", len(excluded)))
    source_of = {k: str(v["source_id"]) for k, v in claim_rows.items()}
    checks = pages.checks_section(consistency(data_dir).to_dict("records"), source_of)
    charts = _write_charts(site, data_dir, charts_from)
    downloads = _write_downloads(site, data_dir)
    body = pages.index_page(sources, counts, charts, checks, downloads)
    site.write("index.html", pages.frame("Index", body, _nav(srcs, tables)))
