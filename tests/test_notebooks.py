"""Execute the notebooks; each asserts its own headline numbers, so running them is a test.

The tutorial runs in every test run; the others are marked slow (CI runs them with --runslow).
"""

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def _param(p):
    marks = [] if p.stem.startswith("00") else [pytest.mark.slow]
    return pytest.param(p, id=p.stem, marks=marks)


@pytest.mark.parametrize("path", [_param(p) for p in NOTEBOOKS])
def test_notebook_executes_and_asserts(path, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    from alliancegames.publishing.reproduce import execute_notebook

    files = execute_notebook(path, tmp_path)
    nb = nbformat.read(files[0], as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert any("assert" in c.source for c in nb.cells if c.cell_type == "code"), "a notebook must assert its results"


def test_committed_notebooks_carry_no_outputs():
    import json

    for p in NOTEBOOKS:
        nb = json.loads(p.read_text())
        for c in nb["cells"]:
            assert not c.get("outputs"), f"{p.name} has stored outputs; notebooks are executed by the run"
