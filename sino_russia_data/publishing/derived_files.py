"""The files derived from the models and the data, and how to render each afresh.

``sino-russia-data generate`` rewrites every one of them (atomically, only when changed);
``generate --check`` and the test suite fail when a checked-in copy differs from a fresh
render, so no derived file can drift from the models.

- ``docs/data-dictionary.md``: every column of every table (:mod:`.dictionary`);
- ``data/datapackage.json``: the Frictionless descriptor (:mod:`.datapackage`);
- ``CITATION.cff``: how to cite the package and its sources (:mod:`.citation`);
- ``README.md``, the part between the ``data-files`` markers: the table of data files;
- ``data/seal.json``: the shipped data's verdict (:mod:`..checking.verdicts`);
- ``sino_russia_data/registry.json``: the registry's facts, so that a first load needs no
  pandera (:mod:`..registry`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..registry import tables

START = "<!-- data-files: generated from the models by `sino-russia-data generate` -->"
END = "<!-- /data-files -->"


def data_files_table() -> str:
    """The README's table of data files, one row per table of the registry."""
    rows = [
        "| file | loader | holds |",
        "|---|---|---|",
        "| `data/raw/*.txt` | – | the source texts, byte for byte as received (never edited; "
        "artefacts are described in `sources.csv`) |",
    ]
    rows += [f"| `data/{t.file}` | `srd.{t.name}()` | {t.description} |" for t in tables()]
    rows.append("| – | `srd.claims()` | every claim table in one long frame |")
    return "\n".join(rows)


def readme_with_data_files(readme: str) -> str:
    """``readme`` with its data-files section replaced by a fresh render."""
    before, start, rest = readme.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"README.md has no data-files section ({START} ... {END})")
    return f"{before}{START}\n{data_files_table()}\n{END}{after}"


def _readme(root: Path) -> str:
    return readme_with_data_files((root / "README.md").read_text(encoding="utf-8"))


def _dictionary(root: Path) -> str:
    from .dictionary import render

    return render()


def _datapackage(root: Path) -> str:
    from .datapackage import render

    return render()


def _citation(root: Path) -> str:
    from .citation import citation_cff

    return citation_cff()


def _seal(root: Path) -> str:
    """The shipped data's seal (see :mod:`..checking.verdicts`); a changed seal is rendered
    only after the shipped data passes a full validation by this code."""
    from ..checking import verdicts
    from ..checking.report import DataValidationError
    from ..checking.validation import validate
    from ..paths import default_data_dir

    data_dir = default_data_dir()
    text = verdicts.seal_text(data_dir)
    path = data_dir / verdicts.SEAL
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        report = validate(data_dir)
        if not report.ok:
            raise DataValidationError(report.problems)
        text = verdicts.sealed_text(report)
    return text


def _registry_facts(root: Path) -> str:
    from ..registry import shipped_text

    return shipped_text()


# Path relative to the project root -> its fresh render.
DERIVED: dict[str, Callable[[Path], str]] = {
    "sino_russia_data/registry.json": _registry_facts,
    "data/seal.json": _seal,
    "docs/data-dictionary.md": _dictionary,
    "data/datapackage.json": _datapackage,
    "CITATION.cff": _citation,
    "README.md": _readme,
}


def project_root() -> Path:
    """The source checkout the package runs from (derived files live only there)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / "README.md").is_file():
        raise FileNotFoundError(
            f"the derived files live in a source checkout; {root} is not one "
            "(an installed package ships them already rendered)"
        )
    return root


def stale(root: Path) -> list[str]:
    """The derived files whose checked-in copy differs from a fresh render."""
    out = []
    for name, render in DERIVED.items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(root):
            out.append(name)
    return out


def generate(root: Path) -> list[str]:
    """Render every derived file afresh; the names of those that changed."""
    from ..files import write_atomically

    return [name for name, render in DERIVED.items() if write_atomically(root / name, render(root))]
