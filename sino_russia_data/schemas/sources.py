"""The sources table: one row per article, with its raw file and what is known of it."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..texts.corpus import current
from ..vocabulary import DATE_BASIS, DATE_PRECISION, DISPLAY_RULE, DOCUMENT_KIND
from ._checks import each, row_check


class SourcesModel(pa.DataFrameModel):
    source_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^[a-z][a-z0-9]*\Z",
        title="Source id",
        description="Readable, stable slug: first author's surname (or 'unattributed') and year.",
    )
    raw_file: Series[str] = pa.Field(
        unique=True,
        title="Raw file",
        description="File name of the source text in data/raw/ (its id in the seed corpus).",
    )
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}\Z",
        title="SHA-256",
        description="SHA-256 of the raw file's bytes; proves the text is the one curated.",
    )
    title: Series[str] = pa.Field(
        nullable=True, title="Title", description="Title as printed; empty when the text has none."
    )
    authors: Series[str] = pa.Field(
        nullable=True,
        title="Authors",
        description="'Surname, Given name' separated by '; ', as printed; empty when not stated.",
    )
    outlet: Series[str] = pa.Field(
        nullable=True,
        title="Outlet",
        description="Publication, site or publisher as printed; empty when not stated.",
    )
    published: Series[pa.DateTime] = pa.Field(
        nullable=True,
        title="Publication date",
        description="First day of the publication date's period (ISO 8601).",
    )
    date_as_printed: Series[str] = pa.Field(
        nullable=True,
        title="Date as printed",
        description="The publication date exactly as printed; empty when the text states none.",
    )
    date_precision: Series[str] = pa.Field(
        nullable=True,
        isin=list(DATE_PRECISION),
        title="Date precision",
        description="Precision of `published`.",
    )
    date_basis: Series[str] = pa.Field(
        nullable=True,
        isin=list(DATE_BASIS),
        title="Date basis",
        description="stated, or inferred (metadata_note gives the evidence).",
    )
    url_as_printed: Series[str] = pa.Field(
        nullable=True,
        title="URL as printed",
        description="The article's URL exactly as printed; empty when none is printed.",
    )
    url: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^https?://[!-~]+\Z",
        title="URL",
        description="A working form of the URL (corrected where the printed one is broken).",
    )
    document_kind: Series[str] = pa.Field(
        isin=list(DOCUMENT_KIND), title="Document kind", description="What kind of text it is."
    )
    rights: Series[str] = pa.Field(
        nullable=True,
        title="Rights as printed",
        description="The rights statement as printed; empty when the text prints none.",
    )
    raw_text_terms: Series[str] = pa.Field(
        title="Terms the raw text is kept under",
        description="Why and how the raw text is kept in this package, and how it may be quoted.",
    )
    artefacts: Series[str] = pa.Field(
        nullable=True,
        title="Text artefacts",
        description="Artefacts of the raw text (OCR marks, escapes, line breaks), left unedited.",
    )
    display_rules: Series[str] = pa.Field(
        nullable=True,
        title="Display rules",
        description=(
            "The capture artefacts cleaned in the display form of this source's quotes "
            "(';'-separated rules of texts/display.py); the raw text and `quote` stay verbatim."
        ),
    )
    metadata_note: Series[str] = pa.Field(
        nullable=True,
        title="Metadata note",
        description="What the text does not state, and the evidence for anything inferred.",
    )

    class Config:
        name = "sources"
        title = "Sources"
        description = "One row per source text: bibliographic metadata as printed, what is not stated, the raw file and its SHA-256, rights."
        metadata = {"file": "curated/sources.csv"}
        strict = True
        coerce = False

    @pa.dataframe_check(error="raw_file: not a plain file name inside raw/ (refused, never read)")
    def raw_file_inside_raw_dir(cls, df: pd.DataFrame) -> pd.Series[bool]:
        corpus = current()
        return pd.Series([corpus.raw_path(f) is not None for f in df["raw_file"]], index=df.index)

    @pa.dataframe_check(error="raw_file: no such file in raw/")
    def raw_file_exists(cls, df: pd.DataFrame) -> pd.Series[bool]:
        corpus = current()  # a missing raw/ is one problem of the validator, not one per row
        there = corpus.raw_dir.is_dir()
        ok = [
            not there or corpus.raw_path(f) is None or corpus.has_file(f) or corpus.cannot_read(f)
            for f in df["raw_file"]
        ]
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(
        error="raw_file: cannot be read (no permission to read it or raw/, or a disk error)"
    )
    def raw_file_readable(cls, df: pd.DataFrame) -> pd.Series[bool]:
        corpus = current()
        return pd.Series([not corpus.cannot_read(f) for f in df["raw_file"]], index=df.index)

    @pa.dataframe_check(error="sha256: does not match the raw file (was the raw text modified?)")
    def sha256_matches(cls, df: pd.DataFrame) -> pd.Series[bool]:
        corpus = current()
        ok = []
        for raw_file, digest in zip(df["raw_file"], df["sha256"], strict=True):
            actual = corpus.sha256(raw_file)
            ok.append(actual is None or actual == digest)
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(error="raw_file: not valid UTF-8 text")
    def raw_file_is_utf8(cls, df: pd.DataFrame) -> pd.Series[bool]:
        corpus = current()
        ok = []
        for sid, raw_file in zip(df["source_id"], df["raw_file"], strict=True):
            ok.append(not corpus.has_file(raw_file) or corpus.decodes(sid))
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(error="display_rules: not a ';'-separated list of known display rules")
    def display_rules_known(cls, df: pd.DataFrame) -> pd.Series[bool]:
        return each(df["display_rules"], DISPLAY_RULE)

    @row_check(
        "date_precision: a dated source needs date_precision and date_basis",
        reads=("published",),
    )
    def date_described(cls, df: pd.DataFrame) -> pd.Series[bool]:
        dated = df["published"].notna()
        described = df["date_precision"].notna() & df["date_basis"].notna()
        return ~dated | described

    @row_check(
        "metadata_note: an inferred or missing date, title or author needs a note",
        reads=("published",),
    )
    def gaps_explained(cls, df: pd.DataFrame) -> pd.Series[bool]:
        gap = (
            df["title"].isna()
            | df["authors"].isna()
            | df["published"].isna()
            | (df["date_basis"] == "inferred")
        )
        return ~gap | df["metadata_note"].notna()
