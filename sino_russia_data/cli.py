"""Command line: ``sino-russia-data validate [--data-dir DIR]`` and friends."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .checking.report import EXAMPLES


def _emit(text: str, out: str | None, command: str) -> int:
    """Write a rendered file to ``out``, or print it."""
    if out:
        from pathlib import Path

        from .files import write_atomically

        write_atomically(Path(out), text)
        print(f"{command}: wrote {out}")
    else:
        print(text, end="")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .checking.validation import validate

    report = validate(args.data_dir, keep_frames=False)  # counts only: a big table is not held
    if args.format == "json":
        report.grouped.write_json(sys.stdout)
        return 0 if report.ok else 1
    if not report.ok:
        report.grouped.write(sys.stderr, None if args.all else EXAMPLES)
        print(file=sys.stderr)
        print(f"validate: FAILED ({report.data_dir})", file=sys.stderr)
        return 1
    from .registry import claim_tables

    sources = report.rows["sources"]
    excluded = report.rows["excluded"]
    print(
        f"validate: OK: {sources} sources, {report.claim_count()} claims in "
        f"{len(claim_tables())} tables, {excluded} exclusions "
        f"(data version {__version__}, {report.data_dir})"
    )
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from .checking.audit import audit, render
    from .checking.passages import audit_passages, render_passages, uncovered_count
    from .checking.validation import validate

    report = validate(args.data_dir)
    results = audit(report)
    print(render(results, report.corpus))
    uncovered = sum(len(r.uncovered) for r in results)
    passages = audit_passages(report) if report.ok else []
    if passages:
        print(render_passages(passages))
    if not report.ok:
        from .checking.report import render_report

        print(render_report(report.problems), file=sys.stderr)
        print(
            f"audit: FAILED: the data has {len(report.grouped)} validation problem(s); "
            "run `sino-russia-data validate`",
            file=sys.stderr,
        )
        return 1
    unread = uncovered_count(passages)
    if uncovered or unread:
        print(
            f"audit: FAILED: {uncovered} mention(s) and {unread} passage(s) of the second "
            "reading neither a claim nor excluded",
            file=sys.stderr,
        )
        return 1
    print(
        "audit: OK: every number and date mention, and every passage of the second reading, "
        "is a claim or excluded with a reason"
    )
    return 0


def _cmd_dictionary(args: argparse.Namespace) -> int:
    from .publishing.dictionary import render

    return _emit(render(), args.out, "dictionary")


def _cmd_cite(args: argparse.Namespace) -> int:
    from .publishing.citation import cite

    try:
        notes = cite(list(args.claim_id), style=args.style, data_dir=args.data_dir)
    except KeyError as err:
        print(f"cite: {err.args[0]}", file=sys.stderr)
        return 1
    print("\n\n".join(notes))
    return 0


def _cmd_bibtex(args: argparse.Namespace) -> int:
    from .publishing.bibtex import bibtex

    return _emit(bibtex(args.data_dir), args.out, "bibtex")


def _cmd_csl_json(args: argparse.Namespace) -> int:
    import json

    from .publishing.csl import csl_json

    text = json.dumps(csl_json(args.data_dir), indent=2, ensure_ascii=False) + "\n"
    return _emit(text, args.out, "csl-json")


def _cmd_cff(args: argparse.Namespace) -> int:
    from .publishing.cff import citation_cff

    return _emit(citation_cff(), args.out, "cff")


def _cmd_format(args: argparse.Namespace) -> int:
    from .checking.validation import validate
    from .publishing.canonical_csv import write_table
    from .registry import tables

    report = validate(args.data_dir)
    if not report.ok:
        print(report.grouped.render(), file=sys.stderr)
        print("format: not rewritten: fix the problems first", file=sys.stderr)
        return 1
    for table in tables():
        if write_table(report.frames[table.name], table, report.data_dir / table.file):
            print(f"format: rewrote {table.file}")
    return 0


def _cmd_charts(args: argparse.Namespace) -> int:
    from pathlib import Path

    try:
        from .charts import write_charts
    except ImportError:
        print(
            "charts: matplotlib is not installed: pip install 'sino-russia-data[charts]'",
            file=sys.stderr,
        )
        return 1
    written = write_charts(Path(args.out), data_dir=args.data_dir)
    print(f"charts: wrote {len(written)} files to {args.out}")
    return 0


def _cmd_consistency(args: argparse.Namespace) -> int:
    from .cross_checks import consistency, to_csv, to_json

    frame = consistency(args.data_dir)
    if args.format == "csv":
        print(to_csv(frame), end="")
    elif args.format == "json":
        print(to_json(frame), end="")
    else:
        for row in frame.to_dict("records"):
            print(f"{row['kind']:<14}{row['verdict']:<28}{row['rule']}")
            print(f"    claims:   {'; '.join(row['claim_ids'])}")
            print(f"    expected: {row['expected']}")
            print(f"    found:    {row['found']}")
            if row["derived"]:
                print(f"    derived:  {row['derived']}")
        counts = frame["kind"].value_counts()
        print(", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from .publishing.derived_files import generate, project_root, stale

    try:
        root = project_root()
    except FileNotFoundError as err:
        print(f"generate: {err}", file=sys.stderr)
        return 1
    if args.check:
        out_of_date = stale(root)
        for name in out_of_date:
            print(f"generate: {name} is stale", file=sys.stderr)
        if out_of_date:
            print("generate: run `sino-russia-data generate`", file=sys.stderr)
            return 1
        print("generate: every derived file is fresh")
        return 0
    changed = generate(root)
    print(f"generate: rewrote {', '.join(changed)}" if changed else "generate: nothing changed")
    return 0


def _cmd_datapackage(args: argparse.Namespace) -> int:
    from .publishing.datapackage import render

    return _emit(render(), args.out, "datapackage")


def _missing_extra(command: str, err: ImportError, extra: str) -> int:
    print(
        f"{command}: {err.name} is not installed: pip install 'sino-russia-data[{extra}]'",
        file=sys.stderr,
    )
    return 1


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .publishing.exports import export
    from .publishing.xlsx import TooLongForExcel

    try:
        written = export(args.format, Path(args.out), data_dir=args.data_dir)
    except ImportError as err:
        return _missing_extra("export", err, "export")
    except TooLongForExcel as err:
        print(f"export: nothing written: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        where = err.filename or args.out  # (a sqlite export writes its metadata file too)
        print(f"export: cannot write {where}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"export: wrote {', '.join(str(p) for p in written)}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import contextlib
    import tempfile
    from pathlib import Path

    from .publishing.exports import export

    try:
        import sqlite_utils  # noqa: F401
        from datasette.cli import cli as datasette_cli
    except ImportError as err:
        return _missing_extra("serve", err, "serve")
    taken = _port_taken(args.port)
    if taken is not None:
        where = f"127.0.0.1:{args.port}"
        print(f"serve: cannot listen on {where} ({taken}): choose another --port", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="sino-russia-data-") as folder:
        db, meta = export("sqlite", Path(folder) / "sino_russia_data.db", args.data_dir)
        command = ["serve", str(db), "--metadata", str(meta), "--host", "127.0.0.1"]
        command += ["--port", str(args.port)]
        print(f"serve: Datasette at http://127.0.0.1:{args.port}/{db.stem} (Ctrl+C stops)")
        sys.stdout.flush()
        try:
            with contextlib.suppress(KeyboardInterrupt):  # in this process: stopping stops it
                datasette_cli.main(command, prog_name="datasette", standalone_mode=False)
        except SystemExit as stopped:  # uvicorn's own exit (3: it could not start)
            if stopped.code not in (None, 0):
                print(f"serve: Datasette stopped (exit {stopped.code})", file=sys.stderr)
                return 1
    return 0


def _port_taken(port: int) -> str | None:
    """Why 127.0.0.1:``port`` cannot be listened on (taken, not allowed), or None. Bound as
    uvicorn binds (address reuse on), and let go at once."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as err:
            return err.strerror or str(err)
    return None


def _cmd_site(args: argparse.Namespace) -> int:
    from .checking.report import DataValidationError
    from .publishing.site import build

    try:
        written = build(args.out, data_dir=args.data_dir, charts_from=args.charts_from)
    except ValueError as err:
        if isinstance(err, DataValidationError):  # main() reports invalid data
            raise
        print(f"site: {err}", file=sys.stderr)
        return 1
    print(f"site: wrote {len(written)} files to {args.out}; open {args.out}/index.html")
    return 0


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", help="a directory holding raw/ and curated/ (default: shipped data)"
    )


def _site_command(sub: Any) -> None:
    """The ``site`` subcommand (the static reader)."""
    p = sub.add_parser("site", help="write the static reader site (every claim in its article)")
    p.add_argument("--out", default="site", help="output directory (default: site/)")
    p.add_argument(
        "--charts-from",
        help="copy the SVG charts from this folder (e.g. charts/) instead of rendering",
    )
    _data_dir_option(p)
    p.set_defaults(func=_cmd_site, not_done="not written")


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all",
        action="store_true",
        help=f"list every problem (default: the first {EXAMPLES} of each file, column and rule)",
    )
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="json: the whole report, every problem, on standard output",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sino-russia-data",
        description="Validate, audit and chart the curated Russia-China claims.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_data_commands(sub)
    _add_publishing_commands(sub)
    _add_rendering_commands(sub)
    return parser


def _add_data_commands(sub: Any) -> None:
    """The commands that check the data: validate, audit, consistency, format."""
    p = sub.add_parser("validate", help="check every table against its schema and sources")
    _report_options(p)
    _data_dir_option(p)
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("audit", help="prove every number and date in the raw texts is covered")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_audit)
    p = sub.add_parser("consistency", help="where the sources agree, disagree, add up")
    p.add_argument("--format", choices=["text", "csv", "json"], default="text")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_consistency, not_done="")
    p = sub.add_parser("format", help="rewrite the curated CSVs in canonical form (if valid)")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_format)


def _add_publishing_commands(sub: Any) -> None:
    """The commands that publish the data: citations, exports, Datasette."""
    from .publishing.exports import FORMATS

    p = sub.add_parser("cite", help="cite claims: their article, attribution and quote")
    p.add_argument("claim_id", nargs="+", help="one or more claim ids")
    p.add_argument("--style", choices=["text", "chicago", "apa"], default="text")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_cite, not_done="")
    p = sub.add_parser("bibtex", help="BibTeX entries for the five sources and the dataset")
    p.add_argument("--out", help="write to this file instead of standard output")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_bibtex, not_done="")
    p = sub.add_parser("csl-json", help="CSL-JSON items for Zotero or pandoc (sources, dataset)")
    p.add_argument("--out", help="write to this file instead of standard output")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_csl_json, not_done="")
    p = sub.add_parser("export", help=f"export the tables to {', '.join(FORMATS)}")
    p.add_argument("--format", choices=list(FORMATS), required=True)
    p.add_argument(
        "--out", required=True, help="output file (sqlite, xlsx, annotations) or folder (parquet)"
    )
    _data_dir_option(p)
    p.set_defaults(func=_cmd_export, not_done="not written")
    p = sub.add_parser("serve", help="browse the data in Datasette on 127.0.0.1 (extra: serve)")
    p.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_serve, not_done="not served")


def _add_rendering_commands(sub: Any) -> None:
    """The commands that render charts, the reader site and the files derived from the models."""
    _site_command(sub)
    p = sub.add_parser("charts", help="regenerate every chart as PNG and SVG")
    p.add_argument("--out", default="charts", help="output directory (default: charts/)")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_charts)
    p = sub.add_parser(
        "datapackage", help="render the Frictionless datapackage.json from the models"
    )
    p.add_argument("--out", help="write to this file (data/datapackage.json) instead of stdout")
    p.set_defaults(func=_cmd_datapackage)
    p = sub.add_parser("cff", help="render CITATION.cff from sources.csv")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.set_defaults(func=_cmd_cff)
    p = sub.add_parser("generate", help="re-render every file derived from the models")
    p.add_argument("--check", action="store_true", help="only report stale files (exit 1)")
    p.set_defaults(func=_cmd_generate)
    p = sub.add_parser("dictionary", help="render the data dictionary from the models")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.set_defaults(func=_cmd_dictionary)


def _folder_problem(value: str | None, option: str, need: str) -> str | None:
    """Why ``value`` cannot be the ``option`` folder (``need``: 'existing' or 'output')."""
    if value is None:
        return None
    path = Path(value)
    if need == "existing":
        if not path.exists():
            return f"{option} {value}: no such folder"
        return None if path.is_dir() else f"{option} {value}: is a file, not a folder"
    if path.exists() and not path.is_dir():
        return f"{option} {value}: a file stands there; give a folder"
    if not path.parent.is_dir():
        return f"{option} {value}: its parent folder {path.parent} does not exist"
    return None


def _file_problem(value: str | None, option: str) -> str | None:
    """Why ``value`` cannot be written as the ``option`` file."""
    if value is None:
        return None
    path = Path(value)
    if path.is_dir():
        return f"{option} {value}: a folder stands there; give a file name"
    if not path.parent.is_dir():
        return f"{option} {value}: its parent folder {path.parent} does not exist"
    return None


def _argument_problem(args: argparse.Namespace) -> str | None:
    """A bad path argument, found before any work is done."""
    out = getattr(args, "out", None)
    if args.command in ("charts", "site") or (
        args.command == "export" and args.format == "parquet"
    ):
        out_problem = _folder_problem(out, "--out", "output")
    else:
        out_problem = _file_problem(out, "--out")
    charts_from = _folder_problem(getattr(args, "charts_from", None), "--charts-from", "existing")
    return (
        _folder_problem(getattr(args, "data_dir", None), "--data-dir", "existing")
        or out_problem
        or charts_from
        or _port_problem(getattr(args, "port", None))
    )


def _port_problem(port: int | None) -> str | None:
    if port is None or 1 <= port <= 65535:
        return None
    return f"--port {port}: a port is a number from 1 to 65535"


def _warning_line(command: str) -> Any:
    """A ``warnings.showwarning`` printing ``<command>: warning: <message>`` to stderr; a
    warning from outside the package (pandas, pyarrow, ...) says its kind and origin."""
    package = Path(__file__).resolve().parent

    def show(
        message: Warning | str, category: type[Warning], filename: str, lineno: int, *_: object
    ) -> None:
        ours = Path(filename).resolve().is_relative_to(package)
        origin = "" if ours else f" ({category.__name__}, {filename}:{lineno})"
        print(f"{command}: warning: {message}{origin}", file=sys.stderr)

    return show


def _closed_stream() -> int | None:
    """1 when standard output or standard error is closed (Python then drops every print
    to it, and a command would report success with its output lost), saying so on standard
    error, or on standard output if that is a terminal; None when both are open."""
    if sys.stdout is not None and sys.stderr is not None:
        return None
    if sys.stderr is not None:
        print(
            "sino-russia-data: standard output is closed: the output would be lost", file=sys.stderr
        )
    elif sys.stdout is not None and sys.stdout.isatty():  # never into a file or a pipe's data
        print("sino-russia-data: standard error is closed: no message could be shown")
    return 1


class _Terminated(BaseException):
    """SIGTERM, raised wherever the command is, so that it unwinds as Ctrl+C does (a write
    in progress removes its temporary file). Not an Exception: no handler of a command's
    own errors takes it for one."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a bad argument, invalid data, an unwritable path, Ctrl+C or SIGTERM
    ends in a message and a non-zero exit, never a traceback."""
    import signal
    import threading

    in_main = threading.current_thread() is threading.main_thread()  # (signals: there only)
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main else None
    try:
        return _run(argv)
    except KeyboardInterrupt:  # wherever it falls, every file written is whole (old or new)
        print("sino-russia-data: interrupted", file=sys.stderr)
        return 130  # 128 + SIGINT, as a shell reports it
    except _Terminated:
        print("sino-russia-data: terminated", file=sys.stderr)
        return 143  # 128 + SIGTERM
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    closed = _closed_stream()
    if closed is not None:
        return closed
    from .checking.report import DataValidationError

    args = build_parser().parse_args(argv)
    try:
        problem = _argument_problem(args)  # (it looks at paths: an OSError is reported below)
        if problem is not None:
            print(f"{args.command}: {problem}", file=sys.stderr)
            return 2
        with warnings.catch_warnings():  # a warning is a line of the command's, not Python's
            warnings.showwarning = _warning_line(args.command)
            return int(args.func(args))
    except DataValidationError as err:  # the one place invalid data is reported
        not_done = getattr(args, "not_done", "not done")  # a command may say what it did not do
        print(str(err), file=sys.stderr)
        print(
            f"{args.command}: {f'{not_done}: ' if not_done else ''}the data does not validate "
            "(`sino-russia-data validate` lists the same problems)",
            file=sys.stderr,
        )
        return 1
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        print(
            f"{args.command}: cannot read or write{where}: {err.strerror or err}", file=sys.stderr
        )
        return 1
    except Exception as err:  # a bug: one line, not a traceback (unless asked for)
        if os.environ.get("SINO_RUSSIA_DATA_TRACEBACK"):
            raise
        print(
            f"{args.command}: internal error ({type(err).__name__}: {err}): a bug in "
            "sino-russia-data, please report it with the command "
            "(SINO_RUSSIA_DATA_TRACEBACK=1 shows where it happened)",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE


if __name__ == "__main__":
    raise SystemExit(main())
