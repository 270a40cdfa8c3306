"""The data behind each figure, and saving at paper size."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from _games import GAME  # noqa: E402

from alliancegames.studies.plot import (  # noqa: E402
    reaction_curves,
    regime_colors,
    regime_map,
    regime_probabilities,
    strategy_plot,
    tornado_plot,
)
from alliancegames.studies.sweeps import regime_table, sweep  # noqa: E402
from alliancegames.studies.uncertainty import Uniform, monte_carlo, tornado  # noqa: E402

NICE = {
    "Firm/Firm": "both firm",
    "Weak/Weak": "both weak",
    "Firm/Firm + Weak/Weak + mixed (Firm,Weak / Firm,Weak)": "stag hunt",
    "Firm/Weak + Weak/Firm + mixed (Firm,Weak / Firm,Weak)": "chicken",
}


class Line:
    """A boundary as the regions module will hand it over: an object with .points."""

    def __init__(self, points, label):
        self.points = np.asarray(points)
        self.label = label


@pytest.fixture(scope="module")
def grid_df() -> pd.DataFrame:
    grid = {
        "p": np.linspace(0.003, 0.997, 100),
        "c_E": np.linspace(0.011, 0.989, 80),
    }  # no point on a boundary
    return sweep(GAME, grid, {"c_A": 0.5}, labels=NICE)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def save_both(fig, tmp_path, name):
    fig.set_size_inches(6.5, 4)
    for ext in ("png", "pdf"):
        path = tmp_path / f"{name}.{ext}"
        fig.savefig(path, dpi=150, bbox_inches="tight")
        assert path.stat().st_size > 1000


def test_regime_map_data(grid_df, tmp_path) -> None:
    boundaries = [Line([[0, 0], [1, 1]], "x = c_E"), np.array([[0.5, 0], [0.5, 1]])]
    ax = regime_map(
        grid_df, "p", "c_E", boundaries=boundaries, case_point={"x": 0.4, "y": 0.2, "label": "case"}
    )
    mesh = ax.collections[0]
    codes = np.asarray(mesh.get_array()).reshape(80, 100)  # rows: c_E, columns: p
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == sorted(NICE.values())  # all four regimes, nothing else
    # the colour index at each cell is the regime derived by hand (x = p, c_A = 0.5)
    table = regime_table(grid_df)
    P = table["p"].to_numpy().reshape(100, 80).T
    C = table["c_E"].to_numpy().reshape(100, 80).T
    expect = np.where(
        P > np.maximum(C, 0.5),
        "both firm",
        np.where(P < np.minimum(C, 0.5), "both weak", np.where(C < 0.5, "stag hunt", "chicken")),
    )
    assert [[legend[int(k)] for k in row] for row in codes] == expect.tolist()
    assert len(ax.lines) == 3  # two boundaries and the case marker
    np.testing.assert_array_equal(ax.lines[0].get_xydata(), [[0, 0], [1, 1]])
    assert [t.get_text() for t in ax.texts] == ["case"]
    # colours: the mesh colour for each regime is the legend colour
    cmap = mesh.get_cmap()
    for k, patch in enumerate(ax.get_legend().get_patches()):
        np.testing.assert_allclose(cmap(k), patch.get_facecolor())
    save_both(ax.figure, tmp_path, "regime_map")


def test_regime_map_refuses_extra_varying_parameters() -> None:
    df = sweep(GAME, {"p": [0.2, 0.8], "c_E": [0.1, 0.9], "c_A": [0.3, 0.6]})
    with pytest.raises(ValueError, match="c_A"):
        regime_map(df, "p", "c_E")


def test_colours_are_stable_and_distinct() -> None:
    a = regime_colors(NICE.values())
    b = regime_colors(["chicken", "both firm"])
    assert a["chicken"] == b["chicken"] and a["both firm"] == b["both firm"]
    assert len(set(a.values())) == 4
    assert regime_colors(["x"], {"x": "red"}) == {"x": "red"}


def test_strategy_plot_data(tmp_path) -> None:
    df = sweep(GAME, {"p": np.linspace(0.01, 0.99, 50)}, {"c_E": 0.25, "c_A": 0.5})
    ax = strategy_plot(df, "p", "p:Ally 1:Firm")
    labels = [ln.get_label() for ln in ax.lines]
    assert labels == ["Firm/Firm", "Weak/Weak", "mixed (Firm,Weak / Firm,Weak)"]
    x, y = ax.lines[2].get_data()
    np.testing.assert_allclose(y, (0.5 - x) / (0.5 - 0.25))  # the mixed equilibrium's firmness
    assert np.all((x > 0.25) & (x < 0.5))
    save_both(ax.figure, tmp_path, "strategy")


def test_reaction_curves_data(tmp_path) -> None:
    # linear public-good reactions r(o) = max(0, a - b o) (our illustration): intersection a / (1 + b)
    grid = np.linspace(0, 1, 101)
    a, b = 0.6, 0.5
    ax = reaction_curves(
        lambda o: np.maximum(0, a - b * o), np.maximum(0, a - b * grid), grid, equilibria=[[0.4, 0.4]]
    )
    l1, l2, eq = ax.lines
    np.testing.assert_allclose(l1.get_xydata(), np.c_[np.maximum(0, a - b * grid), grid])
    np.testing.assert_allclose(l2.get_xydata(), np.c_[grid, np.maximum(0, a - b * grid)])
    np.testing.assert_allclose(eq.get_xydata(), [[a / (1 + b), a / (1 + b)]])
    with pytest.raises(ValueError, match="grid"):
        reaction_curves(lambda o: o, lambda o: o)
    save_both(ax.figure, tmp_path, "reaction")


def test_regime_probabilities_data(tmp_path) -> None:
    r = monte_carlo(GAME, {"p": Uniform(0, 1)}, {"c_E": 0.25, "c_A": 0.5}, n=1000, seed=1, labels=NICE)
    ax = regime_probabilities(r)
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths, r.probabilities)
    by_height = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in by_height] == list(r.regimes)  # most likely regime on top
    colours = regime_colors(r.regimes)
    np.testing.assert_allclose(
        ax.patches[0].get_facecolor(), matplotlib.colors.to_rgba(colours[r.regimes[0]])
    )
    save_both(ax.figure, tmp_path, "probabilities")


def test_tornado_plot_data(tmp_path) -> None:
    def firm(rows):
        return float(rows["p:Ally 1:Firm"].mean())

    t = tornado(GAME, {"p": (0.1, 0.9), "c_E": (0.2, 0.3), "v": (1.5, 2.5)}, {"p": 0.4}, outcome=firm)
    ax = tornado_plot(t)
    bars = ax.patches
    assert len(bars) == 2 * len(t)
    base = t["outcome_base"].iloc[0]
    np.testing.assert_allclose([b.get_x() for b in bars], base)
    np.testing.assert_allclose([b.get_width() for b in bars[: len(t)]], t["outcome_low"] - base)
    # largest swing on top
    top = max(ax.get_yticklabels(), key=lambda lab: lab.get_position()[1])
    assert top.get_text().startswith(t["parameter"].iloc[0])
    save_both(ax.figure, tmp_path, "tornado")


def test_given_axes_are_used() -> None:
    fig, (a1, a2) = plt.subplots(1, 2)
    df = pd.DataFrame({"c": [0, 1], "label": ["a", "a"], "u:A": [1.0, 2.0]})
    assert strategy_plot(df, "c", "u:A", ax=a2) is a2
    assert len(a1.lines) == 0
