"""The reproduce run is deterministic and writes a manifest of what it produced."""

import json

from alliancegames.reproduce import run, sha256


def _hashes(out):
    return {p.relative_to(out).as_posix(): sha256(p) for p in sorted(out.rglob("*")) if p.is_file()}


def test_reproduce_twice_gives_identical_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    s1 = run(a, only=["00-tutorial"], workers=1, progress=False)
    s2 = run(b, only=["00-tutorial"], workers=1, progress=False)
    assert s1.ok and s2.ok, s1.report() + s2.report()
    ha, hb = _hashes(a), _hashes(b)
    assert ha == hb
    assert "notebooks/00-tutorial.html" in ha and "notebooks/00-tutorial.ipynb" in ha
    manifest = json.loads((a / "manifest.json").read_text())
    listed = {f["file"]: f["sha256"] for f in manifest["files"]}
    assert listed == {k: v for k, v in ha.items() if k != "manifest.json"}
    assert manifest["versions"]["sympy"] != "not installed"


def test_only_that_matches_nothing_is_an_error(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="matches no job"):
        run(tmp_path, only=["no-such-job"], progress=False)
