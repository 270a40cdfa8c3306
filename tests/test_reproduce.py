"""The reproduce run is deterministic and writes a manifest of what it produced."""

import json
import re

import pytest
from test_landing import TWO_FIGURES, _notebook

from alliancegames.publishing.reproduce import run, sha256


def _without_run_time(path):
    return re.sub(r'<span class="run-time">[^<]*</span>', "", path.read_text())


def _hashes(out):
    return {p.relative_to(out).as_posix(): sha256(p) for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "notebook",
    [
        "01-figs",  # a two-figure notebook written here: kernel, inline figures, HTML, thumbnail
        pytest.param("00-tutorial", marks=pytest.mark.slow),  # the real tutorial (CI, --runslow)
    ],
)
def test_reproduce_twice_gives_identical_files(tmp_path, notebook):
    src = None
    if notebook == "01-figs":
        src = tmp_path / "src"
        _notebook(src, notebook, TWO_FIGURES, title="Two figures")
    a, b = tmp_path / "a", tmp_path / "b"
    only = [notebook, "buck-passing"]
    s1 = run(a, notebooks=src, only=only, workers=1, progress=False)
    s2 = run(b, notebooks=src, only=only, workers=2, progress=False)  # the process-pool path
    assert s1.ok and s2.ok, s1.report() + s2.report()
    ha, hb = _hashes(a), _hashes(b)
    # the landing page differs only in its run time
    assert _without_run_time(a / "index.html") == _without_run_time(b / "index.html")
    ha.pop("index.html"), hb.pop("index.html")
    assert ha == hb
    assert f"notebooks/{notebook}.html" in ha and f"notebooks/{notebook}.ipynb" in ha
    assert "paper/figures/buck-passing.png" in ha and "paper/figures/buck-passing.pdf" in ha
    manifest = json.loads((a / "manifest.json").read_text())
    listed = {f["file"]: f["sha256"] for f in manifest["files"]}
    assert listed == {k: v for k, v in ha.items() if k != "manifest.json"}
    assert manifest["versions"]["sympy"] != "not installed"


def test_only_that_matches_nothing_is_an_error(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="matches no job"):
        run(tmp_path, only=["no-such-job"], progress=False)


def test_a_failing_notebook_is_reported_and_fails_the_run(tmp_path):
    import nbformat

    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("assert 1 == 2, 'headline number changed'")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, nbdir / "broken.ipynb")
    summary = run(tmp_path / "out", notebooks=nbdir, only=["broken"], workers=1, progress=False)
    assert not summary.ok
    assert "headline number changed" in summary.failed[0].error
    assert "FAILED" in summary.report()


def test_cli_reproduce_lists_jobs(capsys):
    from alliancegames.publishing.cli import main

    assert main(["reproduce", "--list", "--only", "00-tutorial"]) == 0
    assert "notebook:00-tutorial" in capsys.readouterr().out


def test_cli_problems_writes_a_set(tmp_path):
    from alliancegames.publishing.cli import main

    assert main(["problems", "--seed", "5", "--count", "3", "--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} >= {"problems.md", "answers.md", "problems.tex", "answers.tex"}


@pytest.mark.slow
def test_reproduce_typesets_the_problem_set_byte_identically(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        s = run(out, only=["problems:"], workers=1, progress=False)
        assert s.ok, s.report()
    ha, hb = _hashes(a), _hashes(b)
    assert {"problems/problem-set.pdf", "problems/answer-key.pdf"} <= set(ha)
    volatile = {"manifest.json", "index.html"}  # the landing page states its run time
    assert {k: v for k, v in ha.items() if k not in volatile} == {k: v for k, v in hb.items() if k not in volatile}
    assert (a / "problems" / "problem-set.pdf").read_bytes().startswith(b"%PDF")
