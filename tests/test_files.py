"""Atomic writes (files.py): the file a path names is replaced whole, with the permissions
``open`` would give it; a link is followed; anything but a regular file is refused; an
error names the path the user gave, never the temporary file."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from sino_russia_data.files import replacing, write_atomically


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umasks_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    old = os.umask(0o027)
    try:
        assert write_atomically(tmp_path / "new.txt", "x")
        assert _mode(tmp_path / "new.txt") == 0o640  # not the temporary file's 0o600
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o604)
        assert write_atomically(kept, "new") and kept.read_text() == "new"
        assert _mode(kept) == 0o604
        with replacing(tmp_path / "db.sqlite") as tmp:
            tmp.write_bytes(b"db")
        assert _mode(tmp_path / "db.sqlite") == 0o640
    finally:
        os.umask(old)


def test_the_same_content_is_not_written_again(tmp_path):
    path = tmp_path / "same.txt"
    assert write_atomically(path, "x")
    before = path.stat().st_mtime_ns
    assert not write_atomically(path, b"x")
    assert path.stat().st_mtime_ns == before


def test_a_link_is_followed_and_stays_a_link(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")  # a dangling link: the write makes its target
    assert write_atomically(link, "first")
    with replacing(link) as tmp:
        tmp.write_text("second")
    assert link.is_symlink() and (tmp_path / "target.txt").read_text() == "second"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("kind", ["pipe", "folder"])
def test_a_pipe_or_a_folder_is_refused_by_its_name(tmp_path, kind):
    path = tmp_path / "out"
    os.mkfifo(path) if kind == "pipe" else path.mkdir()

    def hung(*_: object) -> None:
        raise AssertionError(f"the write waited on the {kind}")  # read from, not refused

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        for write in (lambda: write_atomically(path, "x"), lambda: replacing(path).__enter__()):
            with pytest.raises(OSError) as raised:
                write()
            assert raised.value.filename == str(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (stat.S_ISFIFO if kind == "pipe" else stat.S_ISDIR)(os.lstat(path).st_mode)


def test_a_device_behind_a_link_is_refused_not_replaced(tmp_path):
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    with pytest.raises(OSError, match="not a regular file") as raised:
        write_atomically(link, "x")
    assert raised.value.filename == str(link)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_an_error_names_the_path_given_never_the_temporary_file(tmp_path):
    missing = tmp_path / "no-such-folder" / "out.txt"
    for write in (lambda: write_atomically(missing, "x"), lambda: replacing(missing).__enter__()):
        with pytest.raises(FileNotFoundError) as raised:
            write()
        assert raised.value.filename == str(missing)
    target = tmp_path / "out.txt"
    with pytest.raises(FileNotFoundError) as raised, replacing(target) as tmp:
        tmp.parent.joinpath("elsewhere.txt").unlink()  # an error about another file
    assert raised.value.filename == str(tmp_path / "elsewhere.txt")
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_a_link_loop_is_refused_by_the_name_given(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    with pytest.raises(OSError) as raised:
        write_atomically(loop, "x")
    assert raised.value.filename == str(loop)
