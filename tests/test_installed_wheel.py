"""Installed use: build the wheel, install it into a fresh virtual environment, and from a
directory outside the repo load every table, validate, audit the second reading that ships
with the data, and draw one chart (the one drawn from every claim table and the consistency
checks; the test suite draws every chart from the checkout).

No network: the wheel is built without build isolation (hatchling comes from the test
environment) and installed without dependencies; the fresh environment reaches pandas,
pandera and matplotlib through a path file pointing at the test environment's
site-packages. That path file does not process the test environment's own .pth files, so
the editable install of this checkout is not visible: the test asserts that the package
imported is the installed wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import sino_russia_data as srd
    from sino_russia_data import registry
    here = Path(srd.__file__).resolve()
    assert "site-packages" in here.parts, here
    assert not str(here).startswith(sys.argv[1]), here
    assert (here.parent / "py.typed").is_file()
    assets = here.parent / "publishing" / "site" / "assets"
    assert (assets / "site.css").is_file() and (assets / "site.js").is_file()
    report = srd.validate()
    assert report.ok, report.problems
    from sino_russia_data.checking.passages import audit_passages, uncovered_count
    passages = audit_passages(report)  # the second reading ships with the data
    assert sum(len(r.passages) for r in passages) > 400 and uncovered_count(passages) == 0
    assert len(srd.sources()) == 5
    total = sum(len(getattr(srd, t.name)()) for t in registry.claim_tables())
    assert total == len(srd.claims()) > 100
    from sino_russia_data.charts import CHARTS, draw, save
    name = "who_said_what"  # one chart, the widest: every claim table and srd.consistency()
    assert name in CHARTS
    written = save(draw(name), Path(sys.argv[2]), name, ("png", "svg"))
    print("OK", total, len(written), here.parent)
    """
)


def test_wheel_installs_and_works_outside_the_repo(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = dist.glob("sino_russia_data-*.whl")

    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "test_env_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    run = subprocess.run(
        [str(python), "-c", SCRIPT, str(ROOT), str(outside / "charts")],
        cwd=outside,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("OK ")
    drawn = sorted(p.name for p in (outside / "charts").iterdir())
    assert drawn == ["who_said_what.png", "who_said_what.svg"]
    assert sorted(p.name for p in (site / "sino_russia_data" / "data" / "raw").iterdir()) == sorted(
        p.name for p in (ROOT / "data" / "raw").iterdir()
    )
