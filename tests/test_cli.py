"""The command-line contract: every command, on invalid data and on each bad argument,
exits non-zero with a short message naming what is wrong, and never a traceback; and a
`format` interrupted at any write leaves each file as it was or as it should be."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from sino_russia_data.cli import main
from sino_russia_data.paths import default_data_dir
from tests.conftest import edit_cell

BAD_CLAIM = "trade-kimblank2013-004"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and standard error of one command, run in-process (an uncaught exception
    fails the test: that would be a traceback)."""
    try:
        code = main(list(args))
    except SystemExit as end:  # argparse's own usage errors
        code = end.code if isinstance(end.code, int) else 1
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def invalid_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("invalid") / "data"
    shutil.copytree(default_data_dir(), target)
    edit_cell(target, "trade", BAD_CLAIM, "value", "16")
    return target


ON_DATA = [
    ("validate",),
    ("audit",),
    ("charts", "--out", "{tmp}/charts"),
    ("consistency",),
    ("cite", BAD_CLAIM),
    ("bibtex",),
    ("format",),
    ("export", "--format", "sqlite", "--out", "{tmp}/out.db"),
    ("site", "--out", "{tmp}/site"),
]
# The last line of each command main() reports invalid data for: what was not done.
NOT_DONE = {"charts": "not done: ", "export": "not written: ", "site": "not written: "}
NOT_DONE |= {"consistency": "", "cite": "", "bibtex": ""}


@pytest.fixture(scope="module")
def invalid_report(invalid_data: Path):
    from sino_russia_data.checking import validation

    return validation.validate(invalid_data)


@pytest.mark.parametrize("command", ON_DATA, ids=[c[0] for c in ON_DATA])
def test_every_command_refuses_invalid_data_with_the_report(
    command, invalid_data, invalid_report, tmp_path, capsys, monkeypatch
) -> None:
    from sino_russia_data.checking import validation

    real = validation.validate

    def validated_once(data_dir=None, **options):  # the same data, validated once for all
        if Path(data_dir or "").resolve() == invalid_data:
            return invalid_report
        return real(data_dir, **options)

    monkeypatch.setattr(validation, "validate", validated_once)
    args = [a.format(tmp=tmp_path) for a in command]
    code, err = run(capsys, *args, "--data-dir", str(invalid_data))
    assert code == 1
    assert f"curated/trade.csv:5 claim {BAD_CLAIM} [value]: not printed in the figure" in err
    last = err.rstrip().splitlines()[-1]
    assert last.startswith(f"{command[0]}:")
    if command[0] in NOT_DONE:
        assert last == (
            f"{command[0]}: {NOT_DONE[command[0]]}the data does not validate "
            "(`sino-russia-data validate` lists the same problems)"
        )
        assert err.count("[value]: not printed in the figure") == 1  # the report, once
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_invalid_data_has_one_handler_in_the_command_line():
    import ast

    import sino_russia_data.cli as cli_module

    tree = ast.parse(Path(cli_module.__file__).read_text(encoding="utf-8"))
    handlers = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler) and "DataValidationError" in ast.unparse(node.type)
    ]
    assert len(handlers) == 1


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "a_file").write_text("x")
    (tmp_path / "a_folder").mkdir()
    return {
        "file": str(tmp_path / "a_file"),
        "folder": str(tmp_path / "a_folder"),
        "orphan": str(tmp_path / "missing" / "x.out"),
        "nowhere": str(tmp_path / "nowhere"),
    }


BAD_ARGUMENTS = [
    (("validate", "--data-dir", "{nowhere}"), "no such folder"),
    (("audit", "--data-dir", "{file}"), "is a file, not a folder"),
    (("consistency", "--data-dir", "{nowhere}"), "no such folder"),
    (("cite", BAD_CLAIM, "--data-dir", "{nowhere}"), "no such folder"),
    (("bibtex", "--data-dir", "{nowhere}"), "no such folder"),
    (("format", "--data-dir", "{nowhere}"), "no such folder"),
    (("charts", "--out", "{file}"), "a file stands there"),
    (("charts", "--out", "{orphan}"), "parent folder"),
    (("export", "--format", "sqlite", "--out", "{folder}"), "a folder stands there"),
    (("export", "--format", "xlsx", "--out", "{orphan}"), "parent folder"),
    (("export", "--format", "parquet", "--out", "{file}"), "a file stands there"),
    (("dictionary", "--out", "{folder}"), "a folder stands there"),
    (("cff", "--out", "{orphan}"), "parent folder"),
    (("datapackage", "--out", "{folder}"), "a folder stands there"),
    (("cite", "no-such-claim-001"), "no claim"),
    (("cite", BAD_CLAIM, "--style", "mla"), "invalid choice"),
    (("consistency", "--format", "xml"), "invalid choice"),
    (("export", "--format", "dbf", "--out", "{file}"), "invalid choice"),
    (("export", "--format", "sqlite"), "required"),
    (("frobnicate",), "invalid choice"),
    ((), "required"),
]


@pytest.mark.parametrize(
    ("command", "says"), BAD_ARGUMENTS, ids=[" ".join(c) or "(none)" for c, _ in BAD_ARGUMENTS]
)
def test_each_bad_argument_is_one_paragraph_and_non_zero(command, says, places, capsys) -> None:
    code, err = run(capsys, *(a.format(**places) for a in command))
    assert code != 0
    assert says in err
    assert "Traceback" not in err
    assert "\n\n" not in err.strip()  # one paragraph


def test_an_interrupted_format_leaves_every_file_old_or_new(data_copy, capsys, monkeypatch):
    """CRLF files are valid; `format` rewrites each in canonical form. Interrupted between
    two renames, each file is byte-for-byte its old or its new self, no temporary file is
    left, and the next run finishes the job."""
    curated = data_copy / "curated"
    for path in curated.glob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    old = {p.name: p.read_bytes() for p in curated.glob("*.csv")}
    new = {name: data.replace(b"\r\n", b"\n") for name, data in old.items()}
    replace, renamed = os.replace, []

    def interrupted(src, dst):
        if len(renamed) == len(old) // 2:
            raise KeyboardInterrupt  # SIGTERM / Ctrl-C in the middle of the run
        renamed.append(dst)
        replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(["format", "--data-dir", str(data_copy)]) == 130  # a line, not a traceback
    assert capsys.readouterr().err == "sino-russia-data: interrupted\n"
    monkeypatch.setattr(os, "replace", replace)
    now = {p.name: p.read_bytes() for p in curated.iterdir()}
    assert set(now) == set(old)  # no temporary file left behind
    assert sum(now[n] == new[n] for n in now) == len(old) // 2
    assert all(now[n] in (old[n], new[n]) for n in now)
    capsys.readouterr()
    assert run(capsys, "format", "--data-dir", str(data_copy))[0] == 0
    assert {p.name: p.read_bytes() for p in curated.glob("*.csv")} == new


def test_a_missing_or_empty_data_folder_is_reported_once_per_fault(tmp_path):
    import sino_russia_data as srd

    (problem,) = srd.validate(tmp_path / "nowhere").problems
    assert problem.message.startswith("does not exist")
    files = [p.file for p in srd.validate(tmp_path).problems]
    assert sorted(files) == sorted(set(files)) and "curated/sources.csv" in files


def test_site_writes_into_an_existing_folder_and_refuses_bad_paths(cli, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "file").write_text("x")
    assert cli("site", "--out", str(tmp_path / "file")).code == 2
    run = cli("site", "--out", str(site), "--charts-from", str(tmp_path / "nowhere"))
    assert run.code == 2 and "--charts-from" in run.err and "Traceback" not in run.err
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("site", "--out", str(site), "--charts-from", str(empty))
    assert run.code == 1 and "no SVG charts" in run.err
    charts = Path(__file__).resolve().parents[1] / "charts"
    for _ in range(2):  # a second run writes into the folder the first one made
        run = cli("site", "--out", str(site), "--charts-from", str(charts))
        assert run.code == 0, run.err
    assert (site / "index.html").is_file()


def test_serve_refuses_a_port_out_of_range(cli):
    for port in ("99999", "0", "-1"):
        run = cli("serve", "--port", port)
        assert run.code == 2 and "--port" in run.err and "Traceback" not in run.err


def test_a_warning_is_a_line_of_the_command_and_one_from_elsewhere_says_its_origin(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sino_russia_data import cli

    show = cli._warning_line("validate")
    show(RuntimeWarning("from the package"), RuntimeWarning, cli.__file__, 10)
    show(FutureWarning("from pandas"), FutureWarning, "/lib/pandas/core/frame.py", 7)
    assert capsys.readouterr().err.splitlines() == [
        "validate: warning: from the package",
        "validate: warning: from pandas (FutureWarning, /lib/pandas/core/frame.py:7)",
    ]


def test_a_bug_is_one_line_and_exit_70_not_a_traceback(monkeypatch, capsys):
    from sino_russia_data import cli

    def broken(args):
        raise ValueError("boom")

    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _with_func(parser(), broken))
    monkeypatch.delenv("SINO_RUSSIA_DATA_TRACEBACK")
    code, err = run(capsys, "validate")
    assert code == 70 and "Traceback" not in err
    assert err.startswith("validate: internal error (ValueError: boom): a bug in sino-russia-data")
    monkeypatch.setenv("SINO_RUSSIA_DATA_TRACEBACK", "1")  # the tests' own setting: it raises
    with pytest.raises(ValueError, match="boom"):
        main(["validate"])


def test_ctrl_c_is_one_line_and_exit_130_not_a_traceback(monkeypatch, capsys):
    from sino_russia_data import cli

    def interrupted(args):
        raise KeyboardInterrupt

    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _with_func(parser(), interrupted))
    code, err = run(capsys, "site")
    assert (code, err) == (130, "sino-russia-data: interrupted\n")


def test_sigterm_is_one_line_and_exit_143_and_leaves_no_temporary_file(
    monkeypatch, capsys, tmp_path
):
    import signal

    from sino_russia_data import cli
    from sino_russia_data.files import write_atomically

    out = tmp_path / "out.txt"

    def terminated_while_writing(args):
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGTERM)  # delivered here, mid-write

        monkeypatch.setattr(os, "fsync", fsync)
        write_atomically(out, "x")

    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _with_func(parser(), terminated_while_writing))
    before = signal.getsignal(signal.SIGTERM)
    code, err = run(capsys, "site")
    assert (code, err) == (143, "sino-russia-data: terminated\n")
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary file
    assert signal.getsignal(signal.SIGTERM) is before  # the handler was the command's only


def test_a_closed_output_stream_is_an_error_not_a_silent_success(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", None)  # what Python sets when the descriptor is closed
    assert main(["validate"]) == 1
    said = "sino-russia-data: standard output is closed: the output would be lost\n"
    assert capsys.readouterr().err == said
    monkeypatch.undo()
    monkeypatch.setattr(sys, "stderr", None)  # the notice never goes into the output's data
    assert main(["validate"]) == 1
    assert capsys.readouterr().out == ""  # (a terminal would be told; a file or pipe is not)


def _with_func(parser, func):
    """``parser`` whose parsed arguments run ``func``."""
    parse = parser.parse_args

    def parse_args(argv=None):
        args = parse(argv)
        args.func = func
        return args

    parser.parse_args = parse_args
    return parser


def test_serve_on_a_port_in_use_says_so_and_starts_nothing(cli):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = cli("serve", "--port", str(port))
    assert run.code == 1 and run.out == ""  # no "Datasette at ..." line for a server not started
    assert run.err.startswith(f"serve: cannot listen on 127.0.0.1:{port} (")
    assert run.err.rstrip().endswith("choose another --port")


def test_a_path_option_that_cannot_be_looked_at_is_a_message_not_a_traceback(
    cli, monkeypatch, tmp_path
):
    """(Root can search any folder, so the refusal is made by hand.)"""
    import pathlib

    def refused(self):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "is_dir", refused)
    run = cli("dictionary", "--out", str(tmp_path / "locked" / "x.md"))
    assert run.code == 1 and "Traceback" not in run.err
    assert (
        run.err.startswith("dictionary: cannot read or write ") and "Permission denied" in run.err
    )
