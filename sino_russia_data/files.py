"""Every file the package writes goes through here: atomically, and only when it changes.

A write goes to a temporary file in the target's own folder, is flushed to disk, and is
renamed over the target, so a reader (or an interrupted command) sees either the old
file or the new one, never a part. A file whose content would not change is not touched.

The target is the file a path names: a symbolic link is followed (the link stays, its
target is replaced), and a path naming anything but a regular file or nothing (a folder,
a device such as ``/dev/stdout``, a pipe, a socket) is refused, since a rename would
replace it rather than write into it. The new file gets the permissions ``open`` would
give it (``0o666`` less the umask), or the old file's when it replaces one: the temporary
file's own are private (``0o600``).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    """The process's umask (read by setting it back at once: Python has no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(path: Path) -> tuple[Path, int]:
    """(the file a write to ``path`` replaces, the permissions it is to have); OSError naming
    ``path`` when that is not a regular file or nothing."""
    real = Path(os.path.realpath(path))
    try:
        found = os.stat(real)
    except FileNotFoundError:
        return real, 0o666 & ~_umask()
    except OSError as err:  # a link loop, a file where a folder should be, no permission
        _name_the_target(err, path)
        raise
    if stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if not stat.S_ISREG(found.st_mode):
        why = "is not a regular file (a device, a pipe or a socket): name a file to write"
        raise OSError(errno.EINVAL, why, str(path))
    return real, stat.S_IMODE(found.st_mode)


def _name_the_target(err: OSError, path: Path, tmp: str | None = None) -> None:
    """Make ``err`` name ``path`` where it named the temporary file ``tmp``, or nothing (an
    error about any other file keeps its name; ``tmp`` None: the error is the temporary
    file's, whatever it names): the user never sees the temporary name."""
    if tmp is None or err.filename is None or err.filename == tmp:
        err.filename = str(path)


def _temporary_beside(target: Path, path: Path) -> tuple[int, str]:
    """A new private temporary file in ``target``'s folder (its descriptor, its name); an
    OSError names ``path``, the path the user gave."""
    try:
        return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        _name_the_target(err, path)
        raise


def write_atomically(path: Path, data: bytes | str) -> bool:
    """Write ``data`` (text is UTF-8) to ``path``; True when the file changed."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    target, mode = _target(path)
    try:
        if target.read_bytes() == content:
            return False
    except OSError:  # not there, or not to be read (a write-only file): it is written anew
        pass
    fd, tmp = _temporary_beside(target, path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        _name_the_target(err, path, tmp)
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """For writers that need a file name (SQLite, Parquet, xlsx): yields a temporary path in
    ``path``'s folder; when the block ends without error it is renamed over ``path``,
    otherwise removed, so ``path`` is never seen half-written."""
    target, mode = _target(path)
    fd, tmp = _temporary_beside(target, path)
    os.close(fd)
    Path(tmp).unlink()  # the writer creates it (SQLite wants no file, not an empty one)
    try:
        yield Path(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as err:
        _name_the_target(err, path, tmp)
        raise
    finally:
        Path(tmp).unlink(missing_ok=True)
