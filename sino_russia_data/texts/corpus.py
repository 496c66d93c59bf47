"""The raw texts of one data directory, read once and kept in normal form.

A :class:`Corpus` is built from the sources table of one data directory. It refuses any
``raw_file`` that is not a plain file name inside ``raw/`` (such a path is never read),
reads each raw text once (its SHA-256 and its text from the same bytes), and works out
its whitespace-normalised form for the quote check (:mod:`.quotes`) when asked, keeping
those of the texts used last.

The pandera checks of the models take only a frame, so the validator makes its corpus
the :func:`current` one for the length of a run (:func:`active`). Outside a run,
:func:`current` raises: nothing ever falls back silently to the shipped texts.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .anchors import Anchor, AnchoredText
from .quotes import occurs_in

_PLAIN_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def _cell(value: object) -> str | None:
    return value if isinstance(value, str) and value != "" else None


# Characters of raw text whose normal forms a corpus keeps (the most recently used texts).
NORMAL_FORMS_KEPT = 1 << 22


@dataclass(frozen=True)
class _RawFile:
    sha256: str
    text: str | None  # the file decoded; None if it is not UTF-8


@dataclass
class Corpus:
    data_dir: Path
    # source_id -> row of sources.csv (cells as strings or None)
    sources: dict[str, dict[str, str | None]] = field(default_factory=dict)
    _files: dict[str, _RawFile | None] = field(default_factory=dict, repr=False)
    # source_id -> its text in normal form, for the most recently used texts
    _texts: OrderedDict[str, AnchoredText] = field(default_factory=OrderedDict, repr=False)
    _kept_chars: int = field(default=0, repr=False)
    _paths: dict[str, Path | None] = field(default_factory=dict, repr=False)
    # the raw files that are there but could not be read (no permission, a disk error)
    _not_read: set[str] = field(default_factory=set, repr=False)
    _resolved_raw_dir: Path | None = field(default=None, repr=False)

    @classmethod
    def from_sources(cls, data_dir: Path, sources: pd.DataFrame) -> Corpus:
        rows: dict[str, dict[str, str | None]] = {}
        names = [str(k) for k in sources.columns]
        if "source_id" not in names:
            return cls(data_dir=data_dir, sources=rows)
        at = names.index("source_id")
        for values in zip(*(sources[k].tolist() for k in sources.columns), strict=True):
            sid = _cell(values[at])  # column by column: to_dict("records") is 4x slower
            if sid is not None and sid not in rows:
                rows[sid] = dict(zip(names, map(_cell, values), strict=True))
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
        if raw_file not in self._paths:
            path = self.raw_dir / raw_file
            if self._resolved_raw_dir is None:
                self._resolved_raw_dir = self.raw_dir.resolve()
            # a plain name is a child of raw/: only a link can lead elsewhere (one lstat;
            # resolving every path costs several per file)
            try:
                inside = not path.is_symlink() or path.resolve().parent == self._resolved_raw_dir
            except OSError:  # raw/ cannot be searched: reading the file will say why
                inside = True
            self._paths[raw_file] = path if inside else None
        return self._paths[raw_file]

    def _file(self, raw_file: str | None) -> _RawFile | None:
        """The raw file, read once (its digest and text taken from the same bytes, which
        are not kept); None when there is no such file (or the name is refused)."""
        key = raw_file or ""
        if key not in self._files:
            path = self.raw_path(raw_file)
            found = None
            try:
                data = path.read_bytes() if path is not None and path.is_file() else None
            except OSError:  # there, but not to be read: reported on its source's row
                self._not_read.add(key)
                data = None
            if data is not None:
                try:
                    text: str | None = data.decode("utf-8")
                except UnicodeDecodeError:
                    text = None
                found = _RawFile(hashlib.sha256(data).hexdigest(), text)
            self._files[key] = found
        return self._files[key]

    def cannot_read(self, raw_file: str | None) -> bool:
        """Is the raw file there but not to be read (no permission, a disk error)?"""
        self._file(raw_file)
        return (raw_file or "") in self._not_read

    def has_file(self, raw_file: str | None) -> bool:
        """Is there such a file in ``raw/`` (a name that could leave it is never read)?"""
        return self._file(raw_file) is not None

    def sha256(self, raw_file: str | None) -> str | None:
        found = self._file(raw_file)
        return None if found is None else found.sha256

    def _raw_text(self, source_id: object) -> str | None:
        row = self.sources.get(source_id) if isinstance(source_id, str) else None
        found = None if row is None else self._file(row.get("raw_file"))
        return None if found is None else found.text

    def decodes(self, source_id: object) -> bool:
        """Is the source's raw file there and UTF-8 text (:meth:`anchored` is not None)?"""
        return self._raw_text(source_id) is not None

    def anchored(self, source_id: str) -> AnchoredText | None:
        """The source's raw text with its normal form and offset map; None if unreadable.

        The texts are kept decoded; their normal forms are worked out when asked for and
        kept for the most recently used texts only (:data:`NORMAL_FORMS_KEPT` characters):
        the checks go text by text, and 10,000 texts in normal form would double the
        memory the corpus takes."""
        recent = self._texts.get(source_id)
        if recent is not None:
            self._texts.move_to_end(source_id)
            return recent
        raw = self._raw_text(source_id)
        if raw is None:
            return None
        anchored = self._texts[source_id] = AnchoredText(raw)
        self._kept_chars += len(raw)
        while self._kept_chars > NORMAL_FORMS_KEPT and len(self._texts) > 1:
            self._kept_chars -= len(self._texts.popitem(last=False)[1].raw)
        return anchored

    def text(self, source_id: str) -> str | None:
        """The source's raw text, whitespace-normalised; None if it cannot be read."""
        anchored = self.anchored(source_id)
        return None if anchored is None else anchored.normalised

    def anchor(self, source_id: object, passage: object) -> Anchor | None:
        """Where ``passage`` stands in the source's RAW text (see :mod:`.anchors`)."""
        if not isinstance(source_id, str) or not isinstance(passage, str):
            return None
        anchored = self.anchored(source_id)
        return None if anchored is None else anchored.anchor(passage)

    def anchor_holds(self, source_id: object, passage: object) -> bool:
        """Is the passage's anchor proven against the raw text? (True when the passage is
        not found at all: the quote check reports that.)"""
        anchor = self.anchor(source_id, passage)
        anchored = self.anchored(source_id) if isinstance(source_id, str) else None
        if anchor is None or anchored is None:
            return True
        return anchored.prove(anchor, str(passage)) is None

    def unreadable(self, source_id: object) -> bool:
        """A source of sources.csv whose raw file, named as allowed, cannot be read (no raw/,
        no such file, no permission to read it, not UTF-8). That is reported once, for raw/ or on the source's row of
        sources.csv, so the text checks of the rows citing it pass instead of repeating it.
        (A refused name is not: its rows keep failing, which shows it was never read.)"""
        row = self.sources.get(source_id) if isinstance(source_id, str) else None
        if row is None or self.raw_path(row.get("raw_file")) is None:
            return False
        return not self.decodes(source_id)

    def check_passages(
        self, source_ids: list[object], passages: list[str]
    ) -> tuple[list[bool], list[bool]]:
        """For (source, passage in normal form) pairs: (does each passage occur in its
        source's raw text, is its anchor proven): :meth:`has_quote` and
        :meth:`anchor_holds` of each pair, worked out text by text, one search each."""
        import numpy as np

        found = np.zeros(len(passages), dtype=bool)
        proven = np.ones(len(passages), dtype=bool)
        codes, uniques = pd.factorize(pd.Series(source_ids, dtype=object), use_na_sentinel=False)
        order = np.argsort(codes, kind="stable")  # the rows of each source, in order
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1)).tolist()
        for code, sid in enumerate(uniques):
            anchored = self.anchored(sid) if isinstance(sid, str) else None
            if anchored is None:
                continue
            rows = order[bounds[code] : bounds[code + 1]]
            here, held = anchored.check_passages([passages[i] for i in rows.tolist()])
            anchored.forget_map()
            found[rows], proven[rows] = here, held
        return found.tolist(), proven.tolist()

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

    def has_quote(self, source_id: object, quote: object, *, normalised: bool = False) -> bool:
        """Does the quote occur in its source's raw text (only whitespace may differ)?
        ``normalised``: the quote is already in normal form (:func:`.quotes.normalise`)."""
        if not isinstance(source_id, str) or not isinstance(quote, str):
            return False
        text = self.text(source_id)
        return text is not None and occurs_in(quote, text, normalised=normalised)


_ACTIVE: ContextVar[Corpus | None] = ContextVar("sino_russia_data_corpus", default=None)


@contextmanager
def active(corpus: Corpus) -> Iterator[Corpus]:
    """Make ``corpus`` the one the model checks see while validating."""
    token = _ACTIVE.set(corpus)
    try:
        yield corpus
    finally:
        _ACTIVE.reset(token)


class NoActiveCorpus(RuntimeError):
    """A model check ran outside a validation run, so it has no raw texts to check against."""


def current() -> Corpus:
    """The corpus of the validation under way; raises outside a validation run."""
    corpus = _ACTIVE.get()
    if corpus is None:
        raise NoActiveCorpus(
            "the claim models check quotes against the raw texts of a data directory: validate "
            "through sino_russia_data.validate(data_dir) (or checking.validation.validate), "
            "which makes that directory's corpus active, not by calling Model.validate directly"
        )
    return corpus
