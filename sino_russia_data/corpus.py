"""The raw texts the claims cite, indexed once, and the quote check against them.

A :class:`Corpus` is built from the sources table of one data directory. It refuses any
``raw_file`` that is not a plain file name inside ``raw/`` (such a path is never read),
reads each raw text once, and keeps it whitespace-normalised so that a quote can be
matched with whitespace differences only.

The pandera checks of the claim models reach the corpus of the validation under way
through :func:`current`; outside a validation run it is the shipped data's corpus.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

_WHITESPACE = re.compile(r"\s+")
_PLAIN_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


def _cell(value: object) -> str | None:
    return value if isinstance(value, str) and value != "" else None


@dataclass
class Corpus:
    data_dir: Path
    # source_id -> row of sources.csv (cells as strings or None)
    sources: dict[str, dict[str, str | None]] = field(default_factory=dict)
    _bytes: dict[str, bytes | None] = field(default_factory=dict, repr=False)
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_sources(cls, data_dir: Path, sources: pd.DataFrame) -> Corpus:
        rows: dict[str, dict[str, str | None]] = {}
        for record in sources.to_dict("records"):
            sid = _cell(record.get("source_id"))
            if sid is not None and sid not in rows:
                rows[sid] = {str(k): _cell(v) for k, v in record.items()}
        return cls(data_dir=data_dir, sources=rows)

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def source_ids(self) -> frozenset[str]:
        return frozenset(self.sources)

    def raw_path(self, raw_file: str | None) -> Path | None:
        """The raw file's path, or None when the name could leave ``raw/`` (never read)."""
        if raw_file is None or not _PLAIN_FILE_NAME.match(raw_file) or ".." in raw_file:
            return None
        path = self.raw_dir / raw_file
        return path if path.resolve().parent == self.raw_dir.resolve() else None

    def raw_bytes(self, raw_file: str | None) -> bytes | None:
        key = raw_file or ""
        if key not in self._bytes:
            path = self.raw_path(raw_file)
            self._bytes[key] = path.read_bytes() if path is not None and path.is_file() else None
        return self._bytes[key]

    def sha256(self, raw_file: str | None) -> str | None:
        data = self.raw_bytes(raw_file)
        return None if data is None else hashlib.sha256(data).hexdigest()

    def text(self, source_id: str) -> str | None:
        """The source's raw text, whitespace-normalised; None if it cannot be read."""
        if source_id not in self._texts:
            row = self.sources.get(source_id)
            data = None if row is None else self.raw_bytes(row.get("raw_file"))
            try:
                self._texts[source_id] = None if data is None else normalise(data.decode("utf-8"))
            except UnicodeDecodeError:
                self._texts[source_id] = None
        return self._texts[source_id]

    def describe(self, source_id: object) -> str | None:
        """'source_id (authors, "title")' for error messages."""
        if not isinstance(source_id, str):
            return None
        row = self.sources.get(source_id)
        if row is None:
            return f"{source_id} (not in sources.csv)"
        authors = row.get("authors") or "author not stated"
        title = row.get("title") or "title not stated"
        return f'{source_id} ({authors}, "{title}")'

    def quotes_found(self, source_ids: pd.Series, quotes: pd.Series) -> pd.Series:
        """Per row: does the quote occur in its source's raw text (whitespace-normalised)?

        Each distinct (source, quote) pair is searched once, so a table whose rows share
        quotes costs one search per distinct quote, not one per row.
        """
        from .rowwise import per_unique

        pairs = pd.DataFrame({"source_id": source_ids, "quote": quotes})
        return per_unique(pairs, ["source_id", "quote"], self._quote_in_text)

    def _quote_in_text(self, source_id: object, quote: object) -> bool:
        if not isinstance(source_id, str) or not isinstance(quote, str):
            return False
        text = self.text(source_id)
        needle = normalise(quote)
        return text is not None and needle != "" and needle in text


_ACTIVE: ContextVar[Corpus | None] = ContextVar("sino_russia_data_corpus", default=None)


@contextmanager
def active(corpus: Corpus) -> Iterator[Corpus]:
    """Make ``corpus`` the one the model checks see while validating."""
    token = _ACTIVE.set(corpus)
    try:
        yield corpus
    finally:
        _ACTIVE.reset(token)


def current() -> Corpus:
    """The corpus of the validation under way, else the shipped data's."""
    corpus = _ACTIVE.get()
    return corpus if corpus is not None else _shipped_corpus()


@cache
def _shipped_corpus() -> Corpus:
    from .paths import default_data_dir

    data_dir = default_data_dir()
    frame = pd.read_csv(
        data_dir / "curated" / "sources.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    return Corpus.from_sources(data_dir, frame)


def mismatch_hint(text: str | None, quote: str) -> str | None:
    """Where a quote stops matching its text: the longest matching prefix and what follows."""
    needle = normalise(quote)
    if text is None or not needle or needle in text:
        return None
    low, high = 0, len(needle)
    while low < high:  # longest prefix of the quote that occurs in the text
        mid = (low + high + 1) // 2
        if needle[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "no part of the quote's start occurs in the text"
    at = text.find(needle[:low])
    printed = text[at + low : at + low + 20]
    return (
        f"matches up to {needle[max(0, low - 30) : low]!r}; then the quote has "
        f"{needle[low : low + 20]!r} where the text has {printed!r}"
    )
