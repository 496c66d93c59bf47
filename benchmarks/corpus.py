"""A synthetic corpus at scale: thousands of raw texts, a claims table with distinct quotes.

Run on demand (``benchmarks/run.py`` uses it; not part of the test suite):

    .venv/bin/python benchmarks/corpus.py OUT_DIR [--texts 10000] [--per-text 100]

writes a data directory ``OUT_DIR`` (``raw/`` + ``curated/``): a copy of the shipped data
plus ``--texts`` synthetic raw texts of about 5 KB each, one source per text in
``sources.csv`` (with its SHA-256), and a trade table of ``--texts`` x ``--per-text``
claims (1,000,000 by default) added to the shipped one. Every claim has its own
verbatim quote (one sentence of its text, which prints the claim's figure and year), so
the rules that run once per distinct quote or (source, quote) pair run a million times,
as they would on a real corpus. The directory validates.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TEMPLATE_SOURCE = "cohen2014"  # a shipped source whose metadata the synthetic ones copy


def sentence(text: int, claim: int) -> tuple[str, str, float, int]:
    """(quote, figure as printed, value, year) of one claim; every quote is distinct."""
    year = 2000 + (text + claim) % 20
    value = float(100 + (text * 7 + claim * 13) % 900) + claim % 10 / 10
    figure = f"USD{value:g} billion"
    quote = f"In {year} lot {text:05d}-{claim:03d} reached {figure}."
    return quote, figure, value, year


def raw_text(text: int, per_text: int) -> str:
    """About 5 KB at 100 claims: a title, then paragraphs of five sentences each."""
    lines = [f"Synthetic article {text:05d}", ""]
    sentences = [sentence(text, claim)[0] for claim in range(per_text)]
    for start in range(0, per_text, 5):
        lines += ["  ".join(sentences[start : start + 5]), ""]  # doubled spaces: whitespace varies
    return "\n".join(lines)


def _write_sources(out: Path, texts: int, per_text: int) -> None:
    path = out / "curated" / "sources.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    assert fields is not None
    template = next(r for r in rows if r["source_id"] == TEMPLATE_SOURCE)
    for text in range(texts):
        data = raw_text(text, per_text).encode("utf-8")
        raw_file = f"syn_{text:05d}.txt"
        (out / "raw" / raw_file).write_bytes(data)
        row = dict(template)
        row.update(
            source_id=f"syn{text:05d}",
            raw_file=raw_file,
            sha256=hashlib.sha256(data).hexdigest(),
            title=f"Synthetic article {text:05d}",
            display_rules="",
        )
        rows.append(row)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write_claims(out: Path, texts: int, per_text: int) -> Path:
    path = out / "curated" / "trade.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, shipped = reader.fieldnames, list(reader)
    assert fields is not None
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(shipped)  # the published claims stay
        for text in range(texts):
            sid = f"syn{text:05d}"
            for claim in range(per_text):
                quote, figure, value, year = sentence(text, claim)
                writer.writerow(
                    {
                        "claim_id": f"trade-{sid}-{claim + 1:03d}",
                        "source_id": sid,
                        "reporter": "RUS",
                        "partner": "CHN",
                        "flow": "turnover",
                        "measure": "level",
                        "value": f"{value:g}",
                        "unit": "usd_billion",
                        "period_start": f"{year}-01-01",
                        "period_end": f"{year}-12-31",
                        "period_precision": "year",
                        "date_basis": "stated",
                        "qualifier": "exact",
                        "status": "reported",
                        "modality": "fact",
                        "figure": figure,
                        "quote": quote,
                    }
                )
    return path


def build(out: Path, texts: int = 10_000, per_text: int = 100) -> tuple[Path, int]:
    """Write the corpus to ``out``; (its claims CSV, bytes of that CSV plus the raw texts)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(DATA, out)
    _write_sources(out, texts, per_text)
    claims = _write_claims(out, texts, per_text)
    size = claims.stat().st_size + sum(p.stat().st_size for p in (out / "raw").iterdir())
    return claims, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--per-text", type=int, default=100)
    args = parser.parse_args()
    claims, size = build(args.out, args.texts, args.per_text)
    print(f"wrote {claims} ({args.texts * args.per_text:,} claims); CSV + texts: {size:,} bytes")


if __name__ == "__main__":
    main()
