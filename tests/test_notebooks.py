"""Every notebook executes top to bottom; notebooks are stored without outputs.

The notebooks run one after another in one Jupyter kernel, its namespace emptied before
each (``%reset -f``): a notebook that leans on a name another defined fails as it would
alone, while the kernel's start and the imports of pandas and matplotlib are paid once
(about 1.5 s a notebook). What a reset cannot empty is the modules' own state: a notebook
that set a matplotlib rcParam for the next one would go unnoticed here."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _run(client: NotebookClient, nb: NotebookNode) -> None:
    """Execute every cell of ``nb`` in ``client``'s kernel (the client writes each executed
    cell back into the notebook it holds, so it holds ``nb``)."""
    client.nb = nb
    for index, cell in enumerate(nb.cells):
        client.execute_cell(cell, index)


def _reset() -> NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%reset -f")])


def _execute_all(cwd: Path) -> dict[str, NotebookNode | str]:
    """Each notebook as executed in one shared kernel started in ``cwd``, by name; or the
    error that stopped it (the next one runs all the same)."""
    stored = {p.stem: nbformat.read(p, as_version=4) for p in NOTEBOOKS}
    for name, nb in stored.items():
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
            f"{name}: store notebooks without outputs: python tools/make_notebooks.py"
        )
    executed: dict[str, NotebookNode | str] = {}
    client = NotebookClient(
        nbformat.v4.new_notebook(),
        timeout=60,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
    )
    with client.setup_kernel():
        for name, nb in stored.items():
            _run(client, _reset())
            try:
                _run(client, nb)
            except CellExecutionError as error:
                executed[name] = str(error)
            else:
                executed[name] = nb
    return executed


def _outputs(nb: NotebookNode) -> list[NotebookNode]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _faults(name: str, nb: NotebookNode | str) -> list[str]:
    """What is wrong with notebook ``name`` as executed (nothing: [])."""
    if isinstance(nb, str):
        return [f"{name}: {nb}"]
    code = [c for c in nb.cells if c.cell_type == "code"]
    faults = (
        [] if code and all(c.execution_count for c in code) else [f"{name}: a cell did not run"]
    )
    outputs = _outputs(nb)
    if not any("image/png" in o.get("data", {}) for o in outputs):
        faults.append(f"{name}: draws no chart (each notebook draws at least one)")
    if name == "quickstart":  # srd.show renders the claim highlighted in its paragraph
        html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
        if not any("<mark" in h and "trade-kimblank2013-001" in h for h in html):
            faults.append(f"{name}: srd.show did not mark trade-kimblank2013-001")
    return faults


def test_the_notebooks_are_there():
    assert {p.stem for p in NOTEBOOKS} >= {"quickstart", "trade", "arms", "gas", "exercises"}


def test_every_notebook_runs_top_to_bottom(tmp_path):
    executed = _execute_all(tmp_path)
    assert list(executed) == [p.stem for p in NOTEBOOKS]
    faults = [fault for name, nb in executed.items() for fault in _faults(name, nb)]
    assert faults == []


def test_a_notebook_cannot_use_a_name_an_earlier_one_defined():
    """The reset between notebooks holds: a name the first notebook left is gone."""
    client = NotebookClient(nbformat.v4.new_notebook(), timeout=60, kernel_name="python3")
    first = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import json")])
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("json")])
    with client.setup_kernel():
        _run(client, first)
        _run(client, _reset())
        with pytest.raises(CellExecutionError, match="NameError"):
            _run(client, probe)
