"""Speed and memory benchmarks, measured side by side in one run and printed as ratios.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/run.py            # the full run (1,000,000-row validation)
    .venv/bin/python benchmarks/run.py --rows 200000

Figures (targets from the project's issue on interop and speed):

1. ``import sino_russia_data`` against ``import pandas``               target <= 1.10x
2. first ``srd.claims()`` in a fresh process (validation included)
   against importing pandas and ``pd.read_csv`` of the same CSVs       target <= 1.5x
3. ``sino-russia-data validate --data-dir`` on a copy whose trade table is replicated to
   N rows (claim_ids made unique) against ``pd.read_csv`` of that CSV   target <= 5x
   and its growth from N/10 to N rows                                   target <= 12x
4. peak memory of that validation beside the CSV's size (reported)
5. ``sino-russia-data charts``: all charts regenerated                  target < 10 s

Each timing is the median of several fresh processes, alternating the two sides.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PY = sys.executable

# Runs a snippet, then reports the process's own peak resident memory (KiB) on stderr.
MEASURED = (
    "import resource, sys\n{code}\n"
    "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
)


def timed(code: str) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [PY, "-c", MEASURED.format(code=code)], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr)
    rss = int(
        next(line.split()[1] for line in proc.stderr.splitlines() if line.startswith("maxrss"))
    )
    return elapsed, rss


def median_ratio(a: str, b: str, runs: int) -> tuple[float, float, float]:
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a)[0])
        tb.append(timed(b)[0])
    ma, mb = statistics.median(ta), statistics.median(tb)
    return ma, mb, ma / mb


def replicate_trade(target: Path, rows: int) -> Path:
    shutil.copytree(DATA, target)
    path = target / "curated" / "trade.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, base = reader.fieldnames, list(reader)
    assert fields is not None
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for i in range(rows):
            row = dict(base[i % len(base)])
            row["claim_id"] = f"trade-{row['source_id']}-{i:07d}"
            writer.writerow(row)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: list[tuple[str, str, str, str]] = []

    a, b, r = median_ratio("import sino_russia_data", "import pandas", args.runs * 2)
    results.append(
        ("import sino_russia_data / import pandas", f"{a:.3f}s / {b:.3f}s", f"{r:.2f}x", "<= 1.10x")
    )

    with tempfile.TemporaryDirectory() as tmp:
        charts = f"from sino_russia_data.cli import main\nmain(['charts', '--out', {tmp!r}])"
        t_charts = statistics.median(timed(charts)[0] for _ in range(3))
    results.append(("regenerate all charts (PNG + SVG)", f"{t_charts:.2f}s", "", "< 10 s"))

    csvs = sorted(str(p) for p in (DATA / "curated").glob("*.csv"))
    read_all = f"import pandas as pd\nfor p in {csvs!r}: pd.read_csv(p)"
    timed("import sino_russia_data as srd\nsrd.claims()")  # warm the OS file cache
    a, b, r = median_ratio("import sino_russia_data as srd\nsrd.claims()", read_all, args.runs)
    results.append(
        ("first srd.claims() / pandas read_csv", f"{a:.3f}s / {b:.3f}s", f"{r:.2f}x", "<= 1.5x")
    )

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big"
        small = Path(tmp) / "small"
        big_csv = replicate_trade(big, args.rows)
        replicate_trade(small, args.rows // 10)
        validate = "from sino_russia_data.cli import main\nmain(['validate', '--data-dir', {!r}])"
        big_runs, small_runs, read_runs = [], [], []
        for _ in range(3):  # median of three, alternating the sides
            big_runs.append(timed(validate.format(str(big))))
            small_runs.append(timed(validate.format(str(small))))
            read_runs.append(timed(f"import pandas as pd\npd.read_csv({str(big_csv)!r})"))
        t_big = statistics.median(t for t, _ in big_runs)
        t_small = statistics.median(t for t, _ in small_runs)
        t_read = statistics.median(t for t, _ in read_runs)
        rss_big = max(m for _, m in big_runs)
        rss_read = max(m for _, m in read_runs)
        size = big_csv.stat().st_size
    results.append(
        (
            f"validate {args.rows:,} rows / read_csv",
            f"{t_big:.2f}s / {t_read:.2f}s",
            f"{t_big / t_read:.2f}x",
            "<= 5x",
        )
    )
    results.append(
        (
            f"validate {args.rows:,} rows / {args.rows // 10:,} rows",
            f"{t_big:.2f}s / {t_small:.2f}s",
            f"{t_big / t_small:.2f}x",
            "<= 12x",
        )
    )
    results.append(
        (
            "peak memory of that validation / CSV size",
            f"{rss_big / 1024:.0f} MiB / {size / 2**20:.0f} MiB",
            f"{rss_big * 1024 / size:.2f}x",
            f"(read_csv alone: {rss_read / 1024:.0f} MiB)",
        )
    )

    width = max(len(r[0]) for r in results)
    print(f"{'measure':<{width}}  {'times':>24}  {'ratio':>8}  target")
    for name, times, ratio, target in results:
        print(f"{name:<{width}}  {times:>24}  {ratio:>8}  {target}")


if __name__ == "__main__":
    main()
