"""Speed and memory benchmarks, measured side by side in one run and printed as ratios.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/run.py            # the full run (1,000,000-row validation)
    .venv/bin/python benchmarks/run.py --rows 200000

Figures (targets from the project's issues on speed and on validation at corpus scale):

1. ``import sino_russia_data`` against ``import pandas``               target <= 1.10x
2. ``sino-russia-data charts``: all charts regenerated                  target < 10 s
3. cold first ``srd.claims()`` (empty cache folder: the shipped data is hash-checked
   against its seal and the registry's facts are the shipped ones, so nothing is
   validated and pandera is not imported) and warm (verdict and facts in the cache)
   against importing pandas and ``pd.read_csv`` of the same CSVs
                                                            targets <= 2x and <= 1.2x
4. ``validate --data-dir`` on a copy whose trade table is replicated to N rows (claim_ids
   made unique) against ``pd.read_csv`` of that CSV                     target <= 3x,
   its growth from N/10 to N rows (near-linear: <= 12x), peak memory (reported), and
   what bounds the ratio, each against the same ``read_csv``: validating the shipped data
   (the rest of the folder), pyarrow's parse of the CSV alone, the validation's reading
   of it alone (no rule), the two together (the floor: that reading less its process's
   start and imports, added to the rest of the folder), and
   the N rows' own cost against ``read_csv``'s (each less its fixed part)
5. the failing path: the same N rows, each with a wrong value, against the valid ones
   target <= 2x, and the number of lines the report prints (bounded); then each row with
   another fault (``FAULTS``: a ragged row, a quote inside a cell, a quoted cell closed
   before its end, a control character, bytes not UTF-8, the same claim_id), each
   against the valid rows                                                target <= 2x
6. the synthetic corpus (``benchmarks/corpus.py``: 10,000 texts of about 5 KB, N claims
   with distinct quotes) against ``pd.read_csv`` of its claims CSV      target <= 5x,
   its growth from N/10 claims (1,000 texts) to N (near-linear: <= 12x), and peak memory
   against the size of the claims CSV plus the texts                   target <= 2x

Each timing is the median of several fresh processes, alternating the sides. The
package's bytecode is written first, as ``pip install`` writes it: pandas and pandera are
measured with theirs, and an editable install under ``PYTHONDONTWRITEBYTECODE=1`` would
otherwise compile every module of the package in every process (~20-40 ms).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PY = sys.executable

# Runs a snippet, reports the process's own peak resident memory (KiB) on stderr and exits
# with the snippet's `status` (a validation: the CLI's exit status).
MEASURED = (
    "import resource, sys\nstatus = 0\n{code}\n"
    "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(status)"
)


def timed(code: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """(wall time, peak KiB) of ``code``, which must succeed: a benchmark of a passing
    validation that fails would time the wrong thing."""
    return run_child(code, env, expect=0)[:2]


def run_child(
    code: str, env: dict[str, str] | None = None, expect: int | None = None
) -> tuple[float, int, str]:
    """(wall time, peak resident KiB, standard error) of ``code`` in a fresh process;
    ``expect``: the exit status it must have (default: 0 or 1, i.e. no crash)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [PY, "-c", MEASURED.format(code=code)],
        capture_output=True,
        text=True,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in ((0, 1) if expect is None else (expect,)):
        raise RuntimeError(f"exit status {proc.returncode}:\n{proc.stderr[-3000:]}")
    rss = int(
        next(line.split()[1] for line in proc.stderr.splitlines() if line.startswith("maxrss"))
    )
    return elapsed, rss, proc.stderr


def median_ratio(a: str, b: str, runs: int) -> tuple[float, float, float]:
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a)[0])
        tb.append(timed(b)[0])
    ma, mb = statistics.median(ta), statistics.median(tb)
    return ma, mb, ma / mb


def replicate_trade(target: Path, rows: int, wrong: bool = False) -> Path:
    """A copy of the shipped data whose trade table has ``rows`` rows; ``wrong``: each row
    with a value carries a wrong one."""
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
            if i >= len(base):  # the shipped rows keep their (published) claim ids
                row["claim_id"] = f"trade-{row['source_id']}-{i:07d}"
            if wrong and row["value"]:
                row["value"] = f"{float(row['value']) + 1000.5:g}"  # not printed in the figure
            writer.writerow(row)
    return path


# The faults of the failing path: each turns every row of the valid replicated table into
# a row with that fault (one cell, or the row's shape), at the byte level.
FAULTS: dict[str, Callable[[bytes], bytes]] = {
    "a ragged row": lambda rows: rows.replace(b"\n", b",extra\n"),
    "a quote inside a cell": lambda rows: re.sub(rb"(?m)^trade-", b'tr"ade-', rows),
    "a quoted cell closed before its end": lambda rows: re.sub(
        rb"(?m)^trade-([^,]*)", rb'"trade-\1"x', rows
    ),
    "a control character": lambda rows: re.sub(rb"(?m)^trade-", b"trade\x07-", rows),
    "bytes not UTF-8": lambda rows: re.sub(rb"(?m)^trade-", b"trade\xff-", rows),
    "the same claim_id": lambda rows: re.sub(rb"(?m)^trade-[^,]*", b"trade-cohen2014-001", rows),
}


def faulty_copy(valid: str | Path, target: str | Path, fault: str) -> None:
    """A copy of the folder ``valid`` whose trade table's every row has ``fault``."""
    valid, target = Path(valid), Path(target)
    shutil.copytree(valid, target, ignore=shutil.ignore_patterns("trade.csv"))
    data = (valid / "curated" / "trade.csv").read_bytes()
    header_end = data.index(b"\n") + 1
    rows = FAULTS[fault](data[header_end:])
    (target / "curated" / "trade.csv").write_bytes(data[:header_end] + rows)


def failing_paths(big: Path, t_valid: float, runs: int) -> list[Row]:
    """Validating the table with each fault of :data:`FAULTS` in every row, against the
    valid table, and the lines its report prints."""
    out = []
    for fault in FAULTS:
        with tempfile.TemporaryDirectory() as tmp:
            # in a child: this process's peak would be every later child's (Linux keeps a
            # process's peak resident memory across exec, and a child starts with ours)
            copy = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
            copy += f"from run import faulty_copy\nfaulty_copy({str(big)!r}, {str(Path(tmp) / 'bad')!r}, {fault!r})"
            subprocess.run([PY, "-c", copy], check=True)
            found = [
                run_child(VALIDATE.format(str(Path(tmp) / "bad")), expect=1) for _ in range(runs)
            ]
        t = statistics.median(f[0] for f in found)
        lines = len(found[-1][2].splitlines()) - 1  # less the maxrss line
        out.append(
            (
                f"  every row with {fault} / valid ({lines} lines printed)",
                f"{t:.2f}s / {t_valid:.2f}s",
                f"{t / t_valid:.2f}x",
                "<= 2x, bounded",
            )
        )
    return out  # fmt: skip


Row = tuple[str, str, str, str]
VALIDATE = "from sino_russia_data.cli import main\nstatus = main(['validate', '--data-dir', {!r}])"


def _read_csv(path: Path) -> str:
    return f"import pandas as pd\npd.read_csv({str(path)!r})"


def _reading(path: Path, read: bool = True) -> str:
    """The validation's reading of ``path`` and nothing after it, as ``validate`` reads
    it: a file over ``CHUNKING.above`` in blocks (cut and proven cleanly quoted), any other
    whole; parsed by pyarrow into pandas frames, scanned for control characters and
    hashed; no coercion, no rule. ``read`` False: the same imports only (what that process
    spends before reading)."""
    imports = (
        "from pathlib import Path\n"
        "import pyarrow.csv\n"
        "from sino_russia_data.checking.csv_blocks import BlockFile, read_block\n"
        "from sino_russia_data.checking.csv_reading import read_strict\n"
        "from sino_russia_data.checking.coercion import may_hold_control_characters\n"
        "from sino_russia_data.checking.streaming import CHUNKING\n"
        "from sino_russia_data.registry import table\n"
        f"trade, path = table('trade'), Path({str(path)!r})\n"
    )
    reading = (
        "if path.stat().st_size > CHUNKING.above:\n"
        "    blocks = BlockFile(path, CHUNKING.block_for(path.stat().st_size))\n"
        "    for block in blocks:\n"
        "        raw, _ = read_block(block, path, trade.file, trade.columns)\n"
        "        may_hold_control_characters(raw.data)\n"
        "        raw.release_bytes()  # as validation does: the buffer is free for the next\n"
        "    blocks.sha256\n"
        "else:\n"
        "    raw, _ = read_strict(path, trade.file, trade.columns)\n"
        "    may_hold_control_characters(raw.data)\n"
        "    raw.sha256\n"
    )
    return imports + (reading if read else "")


def _arrow_read_csv(path: Path) -> str:
    """pyarrow's parse of ``path`` as the validation's reader runs it, its fastest known
    setting (every column text, rows ending at line breaks, the jemalloc pool, threads):
    about three times faster than pyarrow's default (types inferred, mimalloc)."""
    return (
        "import pandas, pyarrow as pa, pyarrow.csv as c\n"
        f"path = {str(path)!r}\n"
        "names = c.open_csv(path).schema.names\n"
        "c.read_csv(path, parse_options=c.ParseOptions(newlines_in_values=False),\n"
        "    convert_options=c.ConvertOptions(column_types=dict.fromkeys(names, pa.large_string()),\n"
        "        strings_can_be_null=True, null_values=['']),\n"
        "    memory_pool=pa.jemalloc_memory_pool())"
    )


def _medians(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def loads(runs: int) -> list[Row]:
    """Import, and the first srd.claims() with an empty and with a warm verdict cache."""
    a, b, r = median_ratio("import sino_russia_data", "import pandas", runs * 2)
    imports = ("import sino_russia_data / import pandas", f"{a:.3f}s / {b:.3f}s", f"{r:.2f}x")
    rows: list[Row] = [(*imports, "<= 1.10x")]
    csvs = sorted(str(p) for p in (DATA / "curated").glob("*.csv"))
    read_all = f"import pandas as pd\nfor p in {csvs!r}: pd.read_csv(p)"
    load = "import sino_russia_data as srd\nsrd.claims()"
    timed(load)  # warm the OS file cache
    cold, warm, read = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        warm_cache = {"SINO_RUSSIA_DATA_CACHE": str(Path(tmp) / "warm")}
        timed(load, warm_cache)  # remembers the verdict
        for i in range(runs):
            cold.append(timed(load, {"SINO_RUSSIA_DATA_CACHE": str(Path(tmp) / f"cold{i}")})[0])
            warm.append(timed(load, warm_cache)[0])
            read.append(timed(read_all)[0])
    t_cold, t_warm, t_read = (statistics.median(x) for x in (cold, warm, read))
    for name, t, target in (("cold", t_cold, "<= 2x"), ("warm", t_warm, "<= 1.2x")):
        label = f"{name} first srd.claims() / pandas read_csv"
        rows.append((label, f"{t:.3f}s / {t_read:.3f}s", f"{t / t_read:.2f}x", target))
    return rows


def _bounds(
    n: str, big: float, read: float, fixed: float, arrow: float, imports: float, reading: float
) -> list[Row]:
    """What bounds the replicated ratio, each against the same ``read_csv``: the rest of
    the folder (validating the shipped data), pyarrow's parse alone, the validation's
    reading alone (its process's start and imports left out), the floor those two make
    (no rule run), and the rows' own cost against ``read_csv``'s (each less its fixed
    part; not shown when ``read_csv``'s is within the noise)."""
    own = read - imports
    own_ratio = f"{(big - fixed) / own:.2f}x" if own > 0.05 else "n/a"
    return [
        ("  of which: validate the shipped data (the rest of the folder)", f"{fixed:.2f}s / {read:.2f}s", f"{fixed / read:.2f}x", "(fixed part)"),
        ("  pyarrow's parse of the CSV alone (as validation reads it) / read_csv", f"{arrow:.2f}s / {read:.2f}s", f"{arrow / read:.2f}x", "(its parse)"),
        ("  its reading alone (less its start and imports) / read_csv", f"{reading:.2f}s / {read:.2f}s", f"{reading / read:.2f}x", "(no rule)"),
        ("  the rest of the folder + that reading / read_csv", f"{fixed + reading:.2f}s / {read:.2f}s", f"{(fixed + reading) / read:.2f}x", "(floor: no rule run)"),
        (f"  the {n} rows' own cost / read_csv's", f"{big - fixed:.2f}s / {own:.2f}s", own_ratio, "(each less its fixed part)"),
    ]  # fmt: skip


def replicated(rows: int, runs: int) -> list[Row]:
    """The replicated trade table: valid at N and N/10 rows, and all wrong at N rows."""
    with tempfile.TemporaryDirectory() as tmp:
        big, small, bad = Path(tmp) / "big", Path(tmp) / "small", Path(tmp) / "bad"
        big_csv = replicate_trade(big, rows)
        replicate_trade(small, rows // 10)
        replicate_trade(bad, rows, wrong=True)
        measured = {  # each timed in turn, once a round: the sides alternate
            "big": VALIDATE.format(str(big)),
            "small": VALIDATE.format(str(small)),
            "read": _read_csv(big_csv),
            "shipped": VALIDATE.format(str(DATA)),
            "arrow": _arrow_read_csv(big_csv),
            "import": "import pandas",
            "reading": _reading(big_csv),
            "start": _reading(big_csv, read=False),
        }
        runs_of: dict[str, list[tuple[float, int]]] = {name: [] for name in [*measured, "bad"]}
        report_lines = 0
        for _ in range(runs):
            for name, code in measured.items():
                runs_of[name].append(timed(code))
            bad_t, bad_rss, err = run_child(VALIDATE.format(str(bad)), expect=1)
            runs_of["bad"].append((bad_t, bad_rss))
            report_lines = len(err.splitlines()) - 1  # less the maxrss line
        size = big_csv.stat().st_size
        (t_big, rss_big), (t_read, rss_read) = _medians(runs_of["big"]), _medians(runs_of["read"])
        failing = failing_paths(big, t_big, runs)
    t = {name: _medians(found)[0] for name, found in runs_of.items()}
    t_small, t_bad = t["small"], t["bad"]
    bounds = (t["shipped"], t["arrow"], t["import"], t["reading"] - t["start"])
    n, tenth = f"{rows:,}", f"{rows // 10:,}"
    return [
        (f"validate {n} rows / read_csv", f"{t_big:.2f}s / {t_read:.2f}s", f"{t_big / t_read:.2f}x", "<= 3x"),
        *_bounds(n, t_big, t_read, *bounds),
        (f"validate {n} rows / {tenth} rows", f"{t_big:.2f}s / {t_small:.2f}s", f"{t_big / t_small:.2f}x", "<= 12x"),
        (
            "peak memory of that validation / CSV size",
            f"{rss_big / 1024:.0f} MiB / {size / 2**20:.0f} MiB",
            f"{rss_big * 1024 / size:.2f}x",
            f"(read_csv alone: {rss_read / 1024:.0f} MiB)",
        ),
        (f"{n} wrong rows / {n} valid rows", f"{t_bad:.2f}s / {t_big:.2f}s", f"{t_bad / t_big:.2f}x", "<= 2x"),
        (f"lines printed for {n} wrong rows", f"{report_lines:,}", "", "bounded"),
        *failing,
    ]  # fmt: skip


def synthetic_corpus(rows: int, runs: int) -> list[Row]:
    """The synthetic corpus: N claims over 10,000 texts, and N/10 over 1,000."""
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import build

    with tempfile.TemporaryDirectory() as tmp:
        big_csv, size = build(Path(tmp) / "big", 10_000, rows // 10_000)
        build(Path(tmp) / "small", 1_000, rows // 10_000)
        big_runs, small_runs, read_runs = [], [], []
        for _ in range(runs):
            big_runs.append(timed(VALIDATE.format(str(Path(tmp) / "big"))))
            small_runs.append(timed(VALIDATE.format(str(Path(tmp) / "small"))))
            read_runs.append(timed(_read_csv(big_csv)))
    (t_big, rss_big), (t_small, _), (t_read, _) = (
        _medians(x) for x in (big_runs, small_runs, read_runs)
    )
    n, tenth = f"{rows:,}", f"{rows // 10:,}"
    return [
        (f"corpus: validate {n} claims, 10,000 texts / read_csv", f"{t_big:.2f}s / {t_read:.2f}s", f"{t_big / t_read:.2f}x", "<= 5x"),
        (f"corpus: {n} claims / {tenth} claims", f"{t_big:.2f}s / {t_small:.2f}s", f"{t_big / t_small:.2f}x", "<= 12x"),
        (
            "corpus: peak memory / claims CSV + texts",
            f"{rss_big / 1024:.0f} MiB / {size / 2**20:.0f} MiB",
            f"{rss_big * 1024 / size:.2f}x",
            "<= 2x",
        ),
    ]  # fmt: skip


def compile_package() -> None:
    """Write the package's bytecode (``__pycache__``, which git ignores)."""
    import compileall

    if not compileall.compile_dir(ROOT / "sino_russia_data", quiet=1):
        raise RuntimeError("the package's bytecode could not be written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per small figure")
    parser.add_argument("--big-runs", type=int, default=3, help="fresh processes per big one")
    args = parser.parse_args()
    compile_package()
    results = loads(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        charts = f"from sino_russia_data.cli import main\nmain(['charts', '--out', {tmp!r}])"
        t_charts = statistics.median(timed(charts)[0] for _ in range(3))
    results.append(("regenerate all charts (PNG + SVG)", f"{t_charts:.2f}s", "", "< 10 s"))
    results += replicated(args.rows, args.big_runs)
    results += synthetic_corpus(args.rows, args.big_runs)
    width = max(len(r[0]) for r in results)
    print(f"{'measure':<{width}}  {'times':>24}  {'ratio':>8}  target")
    for name, times, ratio, target in results:
        print(f"{name:<{width}}  {times:>24}  {ratio:>8}  {target}")


if __name__ == "__main__":
    main()
