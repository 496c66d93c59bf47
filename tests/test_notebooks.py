"""Every notebook executes top to bottom; notebooks are stored without outputs.

The notebooks run one after another in one Jupyter kernel: the kernel's start and the
imports of pandas and matplotlib are paid once (about 1.5 s a notebook). Before each, the
kernel's namespace is emptied (``%reset -f``) and its working directory is a folder of the
notebook's own, so a notebook that leans on a name or a file another one made fails as it
would alone (a test below proves both on two notebooks made for it).

What a shared kernel cannot give back is the state of the modules themselves. A notebook
that changed it for the next one would go unnoticed here, or the next would take the
blame: a submodule another notebook imported (``xml.dom.minidom`` reachable as
``xml.dom``), ``sys.path``, the warnings filters, matplotlib's rcParams, a display id.
The loaders' in-process caches also mean that only the first notebook loads the tables
cold; each notebook still gets copies, so none can change another's data. The shipped
notebooks do none of these things.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _run(client: NotebookClient, nb: NotebookNode) -> None:
    """Execute every cell of ``nb`` in ``client``'s kernel (the client writes each executed
    cell back into the notebook it holds, so it holds ``nb``)."""
    client.nb = nb
    for index, cell in enumerate(nb.cells):
        client.execute_cell(cell, index)


def _fresh_start(cwd: Path) -> NotebookNode:
    """A notebook that empties the kernel's namespace and moves it to ``cwd``."""
    cwd.mkdir(parents=True, exist_ok=True)
    source = f"%reset -f\n%cd -q {str(cwd)!r}"
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])


def _stored_with_outputs(stored: dict[str, NotebookNode]) -> list[str]:
    return [
        name
        for name, nb in stored.items()
        if any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    ]


def _execute_all(paths: list[Path], cwd: Path) -> dict[str, NotebookNode | str]:
    """Each notebook of ``paths`` as executed, by name, or why it stopped. They share one
    kernel, each from a fresh start in its own folder under ``cwd``; a notebook that kills
    the kernel or runs out of time stops only itself (the next gets a new kernel)."""
    stored = {p.stem: nbformat.read(p, as_version=4) for p in paths}
    kept = _stored_with_outputs(stored)
    assert not kept, f"{kept}: store notebooks without outputs: python tools/make_notebooks.py"
    executed: dict[str, NotebookNode | str] = {}
    pending = list(stored)
    while pending:
        client = NotebookClient(nbformat.v4.new_notebook(), timeout=60, kernel_name="python3")
        with client.setup_kernel():
            while pending:
                name = pending.pop(0)
                _run(client, _fresh_start(cwd / name))
                try:
                    _run(client, stored[name])
                except CellExecutionError as error:
                    executed[name] = str(error)
                except (CellTimeoutError, DeadKernelError) as error:
                    executed[name] = f"{type(error).__name__}: {error}"
                    break  # the kernel is gone or stuck: the rest get a new one
                else:
                    executed[name] = stored[name]
    return executed


def _outputs(nb: NotebookNode) -> list[NotebookNode]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _faults(name: str, nb: NotebookNode | str) -> list[str]:
    """What is wrong with notebook ``name`` as executed (nothing: [])."""
    if isinstance(nb, str):
        return [f"{name}: {nb}"]
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    ran = code and all(c.execution_count for c in code)  # (nbclient skips a blank cell)
    faults = [] if ran else [f"{name}: a cell did not run"]
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
    executed = _execute_all(NOTEBOOKS, tmp_path)
    assert list(executed) == [p.stem for p in NOTEBOOKS]
    faults = [fault for name, nb in executed.items() for fault in _faults(name, nb)]
    assert faults == []


def test_a_notebook_cannot_use_a_name_or_a_file_an_earlier_one_made(tmp_path):
    """The fresh start between notebooks holds, in the very runner the notebooks go through:
    the second notebook's name and file, made by the first, are gone."""
    made = {
        "a_makes": ["left = 1", "open('left.txt', 'w').write('x')"],
        "b_uses_the_name": ["left"],
        "c_uses_the_file": ["open('left.txt').read()"],
    }
    paths = []
    for name, sources in made.items():
        cells = [nbformat.v4.new_code_cell(source) for source in sources]
        nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / f"{name}.ipynb")
        paths.append(tmp_path / f"{name}.ipynb")
    executed = _execute_all(paths, tmp_path / "run")
    assert not isinstance(executed["a_makes"], str)
    assert "NameError" in str(executed["b_uses_the_name"])
    assert "FileNotFoundError" in str(executed["c_uses_the_file"])
