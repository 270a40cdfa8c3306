"""Sweeps: identical to solving point by point, correct regimes, executors, inputs and errors."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from _games import GAME, MIXED

from alliancegames import ModelError, normal_form, parameter, solve
from alliancegames.studies.sweeps import grid_points, regime_table, sweep


def expected_regime(x: float, cE: float, cA: float) -> set[str]:
    """Independent derivation of the equilibrium labels (strict inequalities only)."""
    out = set()
    if x > cE:
        out.add("Firm/Firm")
    if x < cA:
        out.add("Weak/Weak")
    if cA < x < cE:
        out |= {"Firm/Weak", "Weak/Firm"}
    if min(cE, cA) < x < max(cE, cA):
        out.add(MIXED)
    return out


# A dyadic grid: p = c_E and p = c_A = 1/2 are hit exactly (v = 2, so x = p).
GRID = {"p": np.linspace(0, 1, 17), "c_E": np.linspace(1 / 16, 1, 16)}


@pytest.fixture(scope="module")
def grid_df() -> pd.DataFrame:
    return sweep(GAME, GRID, {"v": 2, "c_A": 0.5}, progress=False)


def test_sweep_equals_solve_point_by_point(grid_df: pd.DataFrame) -> None:
    assert grid_df["point"].nunique() == 17 * 16
    for _, rows in grid_df.groupby("point", sort=True):
        params = {"p": rows["p"].iloc[0], "c_E": rows["c_E"].iloc[0], "v": 2.0, "c_A": 0.5}
        sol = solve(GAME, params=params)
        assert rows["label"].tolist() == list(sol.labels), params
        assert rows["eq"].tolist() == list(range(len(sol)))
        assert (rows["n_equilibria"] == len(sol)).all()
        for (_, row), e in zip(rows.iterrows(), sol):
            for k, player in enumerate(GAME.players):
                got = [row[f"p:{player}:{a}"] for a in GAME.actions[k]]
                np.testing.assert_allclose(got, e.strategies[k], atol=1e-9)
                assert row[f"u:{player}"] == pytest.approx(e.payoffs[k], abs=1e-9)


def test_boundary_points_use_the_exact_path(grid_df: pd.DataFrame) -> None:
    table = regime_table(grid_df)
    on_boundary = np.isclose(table["p"], table["c_E"]) | np.isclose(table["p"], 0.5)
    np.testing.assert_array_equal(table["exact"].to_numpy(), np.asarray(on_boundary))
    # off the boundaries the regimes are those derived by hand
    for _, row in table[~on_boundary].iterrows():
        assert set(row["equilibrium_set"].split(" + ")) == expected_regime(row["p"], row["c_E"], 0.5)
    # on a boundary the degenerate game has other extreme equilibria (e.g. p = c_E < c_A)
    corner = table[(table["p"] == 0.25) & (table["c_E"] == 0.25)]
    assert corner["n_equilibria"].item() == len(solve(GAME, params={"p": 0.25, "c_E": 0.25}))


def test_all_four_regimes_appear(grid_df: pd.DataFrame) -> None:
    regimes = set(regime_table(grid_df).query("~exact")["regime"])
    assert regimes == {
        "Weak/Weak",
        "Firm/Firm",
        f"Firm/Firm + Weak/Weak + {MIXED}",
        f"Firm/Weak + Weak/Firm + {MIXED}",
    }


def test_mixed_probability_matches_formula(grid_df: pd.DataFrame) -> None:
    mixed = grid_df[(grid_df["label"] == MIXED) & ~grid_df["exact"]]
    assert len(mixed) > 10
    q = (0.5 - mixed["p"]) / (0.5 - mixed["c_E"])
    np.testing.assert_allclose(mixed["p:Ally 1:Firm"], q, atol=1e-12)
    np.testing.assert_allclose(mixed["p:Ally 2:Firm"], q, atol=1e-12)


def test_columns_and_attrs(grid_df: pd.DataFrame) -> None:
    assert list(grid_df.columns) == [
        "p", "c_E", "point", "eq",
        "p:Ally 1:Firm", "p:Ally 1:Weak", "p:Ally 2:Firm", "p:Ally 2:Weak",
        "u:Ally 1", "u:Ally 2", "label", "n_equilibria", "equilibrium_set", "regime", "exact",
    ]  # fmt: skip
    assert grid_df.attrs["fixed"] == {"v": 2, "c_A": 0.5}
    assert grid_df.attrs["parameters"] == ["p", "c_E"]
    table = regime_table(grid_df)
    assert len(table) == 17 * 16 and table["point"].tolist() == list(range(17 * 16))
    # grid order: the last parameter varies fastest
    np.testing.assert_array_equal(table["c_E"][:16], GRID["c_E"])


def test_labels_mapping_and_callable() -> None:
    names = {"Firm/Firm": "both firm", frozenset({"Weak/Weak"}): "both weak"}
    df = sweep(GAME, {"p": [0.1, 0.9]}, {"c_E": 0.25}, labels=names)
    assert regime_table(df)["regime"].tolist() == ["both weak", "both firm"]
    df = sweep(GAME, {"p": [0.1, 0.9]}, {"c_E": 0.25}, labels=lambda s: f"{len(s)} eq")
    assert regime_table(df)["regime"].tolist() == ["1 eq", "1 eq"]
    assert regime_table(df)["equilibrium_set"].tolist() == ["Weak/Weak", "Firm/Firm"]


@pytest.mark.parametrize("form", ["frame", "records", "columns"])
def test_points_input_matches_grid(form: str, grid_df: pd.DataFrame) -> None:
    cols = grid_points(GRID)
    frame = pd.DataFrame(cols)
    points = {"frame": frame, "records": frame.to_dict("records"), "columns": cols}[form]
    df = sweep(GAME, points=points, fixed={"v": 2, "c_A": 0.5})
    pd.testing.assert_frame_equal(df, grid_df)


def test_chunk_size_does_not_change_result(grid_df: pd.DataFrame) -> None:
    df = sweep(GAME, GRID, {"v": 2, "c_A": 0.5}, chunk_size=10)
    pd.testing.assert_frame_equal(df, grid_df)


@pytest.mark.parametrize("pool", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_executors_give_identical_results(pool, grid_df: pd.DataFrame) -> None:
    with pool(max_workers=2) as ex:
        df = sweep(GAME, GRID, {"v": 2, "c_A": 0.5}, chunk_size=50, executor=ex)
    pd.testing.assert_frame_equal(df, grid_df)


def test_model_pickles() -> None:
    assert pickle.loads(pickle.dumps(GAME)) == GAME


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    sweep(GAME, {"p": np.linspace(0, 1, 20)}, chunk_size=5, progress=True)
    assert "4/4" in capsys.readouterr().err
    sweep(GAME, {"p": np.linspace(0, 1, 20)}, chunk_size=5, progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"grid": {"p": [0.5]}, "points": [{"p": 0.5}]}, ValueError, "either"),
        ({}, ValueError, "either"),
        ({"grid": {"p": [0.5]}, "fixed": {"p": 0.2}}, ModelError, "both swept and fixed"),
        ({"grid": {"q": [0.5]}}, ModelError, "unknown parameter"),
        ({"grid": {"p": [0.5, 1.5]}}, ModelError, "must lie in"),
        ({"grid": {"p": []}}, ValueError, "non-empty"),
        ({"points": [{"p": 0.1}, {"c_E": 0.2}]}, ValueError, "point 1"),
        ({"grid": {"p": [0.5]}, "chunk_size": 0}, ValueError, "chunk_size"),
    ],
)
def test_bad_input_names_the_problem(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        sweep(GAME, **kwargs)


def test_regime_table_rejects_other_frames() -> None:
    with pytest.raises(ValueError, match="not a sweep result"):
        regime_table(pd.DataFrame({"a": [1]}))


def test_3x3_model_sweep_equals_solve() -> None:
    # A 3x3 model with a parameter-dependent middle action (our coding, generic payoffs).
    t = sp.Symbol("t")
    A = [[3, t, 0], [1 - t, 2, 1], [0, 1, 2 * t]]
    B = [[1, 0, t], [2 * t, 1, 0], [0, 3 - t, 1]]
    g = normal_form(
        "3x3",
        ("R", "C"),
        (("a", "b", "c"), ("a", "b", "c")),
        [parameter("t", "", "real")],
        (sp.Matrix(A), sp.Matrix(B)),
    )
    ts = np.linspace(-1, 3, 33)  # includes t = 0, 1, 2, 3 where payoffs tie
    df = sweep(g, {"t": ts})
    for pt, rows in df.groupby("point"):
        sol = solve(g, params={"t": float(ts[pt])})
        assert rows["label"].tolist() == list(sol.labels)
        np.testing.assert_allclose(
            rows[["p:R:a", "p:R:b", "p:R:c"]].to_numpy(), [e.strategies[0] for e in sol], atol=1e-9
        )
    assert df["exact"].any() and not df["exact"].all()
