"""Command line: ``sino-russia-data validate [--data-dir DIR]`` and friends."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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

    report = validate(args.data_dir)
    if args.format == "json":
        print(report.grouped.to_json(), end="")
        return 0 if report.ok else 1
    if not report.ok:
        print(report.grouped.render(None if args.all else EXAMPLES), file=sys.stderr)
        print(f"validate: FAILED ({report.data_dir})", file=sys.stderr)
        return 1
    from .registry import claim_tables

    sources = len(report.frames["sources"])
    excluded = len(report.frames["excluded"])
    print(
        f"validate: OK: {sources} sources, {report.claim_count()} claims in "
        f"{len(claim_tables())} tables, {excluded} exclusions "
        f"(data version {__version__}, {report.data_dir})"
    )
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from .checking.audit import audit, render
    from .checking.validation import validate

    report = validate(args.data_dir)
    results = audit(report)
    print(render(results, report.corpus))
    uncovered = sum(len(r.uncovered) for r in results)
    if not report.ok:
        print(
            f"audit: FAILED: the data has {len(report.grouped)} validation problem(s); "
            "run `sino-russia-data validate`",
            file=sys.stderr,
        )
        return 1
    if uncovered:
        print(
            f"audit: FAILED: {uncovered} mention(s) neither a claim nor excluded", file=sys.stderr
        )
        return 1
    print("audit: OK: every number and date mention is a claim or excluded with a reason")
    return 0


def _cmd_dictionary(args: argparse.Namespace) -> int:
    from .publishing.dictionary import render

    return _emit(render(), args.out, "dictionary")


def _cmd_cite(args: argparse.Namespace) -> int:
    from .publishing.citation import cite

    try:
        print(cite(args.claim_id, style=args.style, data_dir=args.data_dir))
    except KeyError as err:
        print(f"cite: {err.args[0]}", file=sys.stderr)
        return 1
    return 0


def _cmd_bibtex(args: argparse.Namespace) -> int:
    from .publishing.citation import bibtex

    print(bibtex(args.data_dir), end="")
    return 0


def _cmd_cff(args: argparse.Namespace) -> int:
    from .publishing.citation import citation_cff

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
    from .cross_checks import consistency

    frame = consistency(args.data_dir)
    if args.format == "csv":
        print(frame.to_csv(index=False), end="")
    elif args.format == "json":
        print(frame.to_json(orient="records", indent=2, force_ascii=False))
    else:
        for row in frame.to_dict("records"):
            print(f"{row['kind']:<14}{row['verdict']:<28}{row['rule']}")
            print(f"    claims:   {row['claim_ids']}")
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


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .checking.report import DataValidationError
    from .publishing.exports import export

    try:
        written = export(args.format, Path(args.out), data_dir=args.data_dir)
    except DataValidationError as err:
        print(str(err), file=sys.stderr)
        print("export: not written: the data does not validate", file=sys.stderr)
        return 1
    except ImportError as err:
        print(
            f"export: {err.name} is not installed: pip install 'sino-russia-data[export]'",
            file=sys.stderr,
        )
        return 1
    print(f"export: wrote {len(written)} file(s) to {args.out}")
    return 0


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", help="a directory holding raw/ and curated/ (default: shipped data)"
    )


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
    p = sub.add_parser("validate", help="check every table against its schema and sources")
    _report_options(p)
    _data_dir_option(p)
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("audit", help="prove every number and date in the raw texts is covered")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_audit)
    p = sub.add_parser("charts", help="regenerate every chart as PNG and SVG")
    p.add_argument("--out", default="charts", help="output directory (default: charts/)")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_charts)
    p = sub.add_parser("consistency", help="where the sources agree, disagree, add up")
    p.add_argument("--format", choices=["text", "csv", "json"], default="text")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_consistency)
    p = sub.add_parser("cite", help="cite one claim: its article and the verbatim quote")
    p.add_argument("claim_id")
    p.add_argument("--style", choices=["text", "chicago", "apa"], default="text")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_cite)
    p = sub.add_parser("bibtex", help="BibTeX entries for the five sources")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_bibtex)
    p = sub.add_parser("format", help="rewrite the curated CSVs in canonical form (if valid)")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_format)
    p = sub.add_parser("export", help="export the tables to parquet, sqlite or xlsx")
    p.add_argument("--format", choices=["parquet", "sqlite", "xlsx"], required=True)
    p.add_argument("--out", required=True, help="output file (sqlite, xlsx) or directory (parquet)")
    _data_dir_option(p)
    p.set_defaults(func=_cmd_export)
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
