"""Every file the package writes goes through here: atomically, and only when it changes.

A write goes to a temporary file in the target's own folder, is flushed to disk, and is
renamed over the target, so a reader (or an interrupted command) sees either the old
file or the new one, never a part. A file whose content would not change is not touched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomically(path: Path, data: bytes | str) -> bool:
    """Write ``data`` (text is UTF-8) to ``path``; True when the file changed."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == content:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """For writers that need a file name (SQLite, Parquet, xlsx): yields a temporary path in
    ``path``'s folder; when the block ends without error it is renamed over ``path``,
    otherwise removed, so ``path`` is never seen half-written."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    Path(tmp).unlink()  # the writer creates it (SQLite wants no file, not an empty one)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
