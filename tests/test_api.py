"""The documented API works as written: lazy submodules, a light import, errors that teach."""

from __future__ import annotations

import subprocess
import sys

import pytest

import alliancegames as ag
from alliancegames.core.bimatrix import GameError


def test_import_alliancegames_leaves_heavy_packages_unloaded():
    code = (
        "import sys, alliancegames\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'scipy', 'seaborn', 'nbclient') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("name", ["plot", "files", "models", "cases", "problems"])
def test_documented_submodules_are_attributes(name):
    module = getattr(ag, name)
    assert module.__name__.startswith("alliancegames.")


def test_io_is_a_deprecated_alias_of_files():
    with pytest.warns(DeprecationWarning, match="use alliancegames.files"):
        module = ag.io
    assert module is ag.files
    assert module.__name__.startswith("alliancegames.")


def test_every_public_name_resolves():
    for name in ag.__all__:
        assert getattr(ag, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        ag.nonesuch  # noqa: B018


def test_readme_regime_map_call_works():
    assert callable(ag.plot.regime_map)


def test_a_wrong_player_name_lists_the_players():
    sol = ag.solve(ag.models.get_model("snyder_alliance"))
    with pytest.raises(GameError, match=r"unknown player 'ally'; valid: 'Ally 1', 'Ally 2'"):
        sol[0].strategy("ally")


def test_a_wrong_action_name_lists_the_actions():
    m = ag.models.get_model("snyder_alliance")
    with pytest.raises(GameError, match=r"unknown action 'Frim' of Ally 1; valid: 'Firm', 'Weak'"):
        m.payoff("Frim", "Weak")
    with pytest.raises(ag.ModelError, match=r"unknown action 'Frim' of the row player; valid: 'C', 'D'"):
        ag.normal_form("x", ("A", "B"), (("C", "D"), ("C", "D")), payoffs={("Frim", "C"): (1, 1)})


def test_solve_reads_a_game_file_path(tmp_path):
    from pathlib import Path

    data = Path(__file__).parent / "data"
    by_path = ag.solve(str(data / "pd_payoff.nfg"))
    by_reader = ag.solve(ag.files.read_game(data / "pd_payoff.nfg"))
    assert by_path.labels == by_reader.labels and len(by_path) == 1
    model = ag.solve(data / "entrapment.yaml", exact=True)
    assert model.labels == ag.solve(ag.files.read_game(data / "entrapment.yaml"), exact=True).labels


def test_solve_of_a_missing_file_says_what_it_takes():
    with pytest.raises(GameError, match=r"'game.nfg' is not a file .*read_game"):
        ag.solve("game.nfg")


def test_batch_result_repr_is_a_summary():
    import numpy as np

    r = ag.solve_batch(np.array([[[3, 0], [5, 1]]] * 50), np.array([[[3, 5], [0, 1]]] * 50))
    text = repr(r)
    assert text.startswith("BatchResult(50 games of 2x2, 50 equilibria") and "array" not in text


def test_model_file_howto_runs_as_written(monkeypatch):
    import doctest
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    result = doctest.testfile(str(root / "docs" / "model-files.md"), module_relative=False)
    assert result.attempted >= 5 and result.failed == 0


def test_solve_help_documents_the_model_file_format(capsys):
    from alliancegames.publishing.cli import main

    assert main(["solve", "--help"]) == 0
    text = capsys.readouterr().out
    for field in (
        "players",
        "actions",
        "parameters",
        "payoffs",
        "domain",
        "probability",
        "docs/model-files.md",
    ):
        assert field in text, field


def test_regions_and_partitions_print_as_summaries():
    m = ag.models.get_model("snyder_alliance")
    regions = ag.equilibrium_regions(m)
    assert repr(regions).startswith("Regions(snyder_alliance: ") and "Parameter(" not in repr(regions)
    plane = ag.partition(m, {"c_entrap": (0.5, 8), "p_conflict": (0.01, 1)})
    for text in (repr(plane), str(plane), repr(plane.boundaries[0])):
        assert "array(" not in text and len(text.splitlines()) < 20
    assert repr(plane).startswith("Partition2D(c_entrap in [0.5, 8] x p_conflict in [0.01, 1]: ")
    line = ag.partition(m, {"c_entrap": (0.5, 8)})
    assert repr(line).startswith("Partition1D(c_entrap in [1/2, 8]: ")
