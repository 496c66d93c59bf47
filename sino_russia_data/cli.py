"""Command line: ``sino-russia-data validate [--data-dir DIR]`` and friends."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._version import __version__


def _cmd_validate(args: argparse.Namespace) -> int:
    from .problems import render_all
    from .validation import validate

    report = validate(args.data_dir)
    if not report.ok:
        print(render_all(report.problems), file=sys.stderr)
        print(f"validate: FAILED ({report.data_dir})", file=sys.stderr)
        return 1
    tables = len(report.frames) - 1
    sources = len(report.frames.get("sources", []))
    print(
        f"validate: OK: {sources} sources and {report.claim_count()} claims in {tables} tables "
        f"(data version {__version__}, {report.data_dir})"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sino-russia-data",
        description="Validate, audit and chart the curated Russia-China claims.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every table against its schema and sources")
    p.add_argument("--data-dir", help="a directory holding raw/ and curated/ (default: shipped data)")
    p.set_defaults(func=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
