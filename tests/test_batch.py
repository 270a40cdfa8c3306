"""Batched equilibria agree with the exact per-game solver, including degenerate games."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from _budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancegames.solvers.batch import BatchResult, solve_batch, support_labels
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import max_regret


def assert_same_as_solve(r: BatchResult, A: np.ndarray, B: np.ndarray, atol: float = 1e-9) -> None:
    """Same number of equilibria, same profiles and payoffs, same order as solve()."""
    assert r.n_games == len(A)
    for g in range(len(A)):
        sol = solve(A[g], B[g])
        eqs = r.equilibria(g)
        assert len(eqs) == len(sol), f"game {g}: {len(eqs)} batched vs {len(sol)} exact"
        for (x, y, u), e in zip(eqs, sol):
            np.testing.assert_allclose(x, e.strategies[0], atol=atol, err_msg=f"game {g}")
            np.testing.assert_allclose(y, e.strategies[1], atol=atol, err_msg=f"game {g}")
            np.testing.assert_allclose(
                u, e.payoffs, atol=atol * max(1, np.abs(A[g]).max(), np.abs(B[g]).max())
            )


def _games(kind: str, N: int, m: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    if kind == "normal":
        return rng.normal(size=(N, m, n)), rng.normal(size=(N, m, n))
    if kind == "ties":  # small integers: many degenerate games
        return rng.integers(0, 3, (N, m, n)).astype(float), rng.integers(0, 3, (N, m, n)).astype(float)
    if kind == "separable":  # column payoff = f(row) + g(column): singular indifference systems
        return rng.normal(size=(N, m, n)), rng.normal(size=(N, 1, n)) + rng.normal(size=(N, m, 1))
    if kind == "scaled":  # payoffs of very different magnitudes
        return 1e6 * rng.normal(size=(N, m, n)), 1e-4 * rng.normal(size=(N, m, n))
    raise ValueError(kind)


@pytest.mark.parametrize(
    "m, n, N",
    [(2, 2, 300), (3, 3, 80), (2, 3, 80), (3, 2, 80), (4, 4, 15), (1, 3, 30), (3, 1, 30), (2, 4, 40)],
)
@pytest.mark.parametrize("kind", ["normal", "ties", "separable", "scaled"])
def test_batch_equals_solve(kind: str, m: int, n: int, N: int) -> None:
    A, B = _games(kind, N, m, n, seed=zlib.crc32(f"{kind}{m}{n}".encode()))
    r = solve_batch(A, B)
    assert_same_as_solve(r, A, B)
    assert r.counts.sum() == len(r.game) and np.all(np.diff(r.game) >= 0)


def test_generic_games_stay_on_the_batch_path() -> None:
    A, B = _games("normal", 500, 3, 3, seed=7)
    assert not solve_batch(A, B).exact.any()
    A, B = _games("separable", 200, 3, 3, seed=8)
    assert not solve_batch(A, B).exact.any()  # singular systems rejected by a sign certificate


def test_degenerate_games_go_to_the_exact_solver() -> None:
    A, B = _games("ties", 300, 2, 2, seed=9)
    r = solve_batch(A, B)
    dA = A[:, 0, :] - A[:, 1, :]
    dB = B[:, :, 0] - B[:, :, 1]
    tied = (dA == 0).any(axis=1) | (dB == 0).any(axis=1)
    np.testing.assert_array_equal(r.exact, tied)


def test_general_kernel_matches_closed_form_2x2() -> None:
    from alliancegames.solvers import batch

    A, B = _games("normal", 2000, 2, 2, seed=10)
    At, Bt = batch._games_last(A), batch._games_last(B)
    g1, x1, y1, f1 = batch._kernel_2x2(At, Bt, 1e-9)
    g2, x2, y2, f2 = batch._sort_and_check(*batch._kernel_general(At, Bt, 1e-9))
    np.testing.assert_array_equal(g1, g2)
    np.testing.assert_allclose(x1, x2, atol=1e-12)
    np.testing.assert_allclose(y1, y2, atol=1e-12)


@pytest.mark.parametrize("eps, routed", [(0.0, True), (1e-12, True), (-1e-12, True), (1e-6, False)])
def test_points_on_or_next_to_a_boundary_are_routed(eps: float, routed: bool) -> None:
    # Row's payoff difference against column 0 is eps: the boundary between regimes is eps = 0.
    A = np.array([[[1.0 + eps, 0.0], [1.0, 1.0]]])
    B = np.array([[[1.0, 0.0], [0.0, 1.0]]])
    r = solve_batch(A, B)
    assert bool(r.exact[0]) is routed
    assert_same_as_solve(r, A, B)


def test_mixed_equilibrium_formula() -> None:
    # Generalised matching pennies: row indifference gives q = (d - b) / (a - b - c + d).
    a, b, c, d = 3.0, -1.0, -2.0, 1.0
    A = np.array([[[a, b], [c, d]]])
    B = -A
    r = solve_batch(A, B)
    q = (d - b) / (a - b - c + d)
    p = (d - c) / (a - b - c + d)  # column indifference for B = -A
    assert r.counts.tolist() == [1]
    np.testing.assert_allclose(r.y[0], [q, 1 - q])
    np.testing.assert_allclose(r.x[0], [p, 1 - p])


def test_regret_is_zero_and_strategies_are_distributions() -> None:
    A, B = _games("normal", 400, 3, 4, seed=11)
    r = solve_batch(A, B)
    for e in range(len(r.game)):
        g = r.game[e]
        assert max_regret(A[g], B[g], r.x[e], r.y[e]) <= 1e-9
    np.testing.assert_allclose(r.x.sum(axis=1), 1)
    np.testing.assert_allclose(r.y.sum(axis=1), 1)
    assert (r.x >= 0).all() and (r.y >= 0).all()


def test_chunking_does_not_change_results() -> None:
    A, B = _games("ties", 100, 3, 3, seed=12)
    r1, r2 = solve_batch(A, B), solve_batch(A, B, chunk_size=7)
    for f in ("game", "x", "y", "payoffs", "counts", "exact"):
        np.testing.assert_array_equal(getattr(r1, f), getattr(r2, f))


def test_relabelling_actions_permutes_equilibria() -> None:
    A, B = _games("normal", 100, 3, 3, seed=13)
    rows, cols = [2, 0, 1], [1, 2, 0]
    r1 = solve_batch(A, B)
    r2 = solve_batch(A[:, rows][:, :, cols], B[:, rows][:, :, cols])
    np.testing.assert_array_equal(r1.counts, r2.counts)
    for g in range(100):
        s1 = sorted(tuple(np.round(np.r_[x, y], 9)) for x, y, _ in r1.equilibria(g))
        s2 = sorted(
            tuple(np.round(np.r_[x[np.argsort(rows)], y[np.argsort(cols)]], 9))
            for x, y, _ in r2.equilibria(g)
        )
        assert s1 == s2


def test_without_fallback_delicate_games_are_left_unsolved() -> None:
    A = np.array([[[1.0, 0.0], [1.0, 1.0]], [[2.0, 0.0], [0.0, 1.0]]])
    B = np.array([[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 1.0]]])
    r = solve_batch(A, B, exact_fallback=False)
    assert r.exact.tolist() == [True, False]
    assert r.counts.tolist() == [0, 3]


def test_support_codes_and_labels() -> None:
    A = np.array([[[2.0, 0.0], [0.0, 1.0]]])
    r = solve_batch(A, A.copy())
    names = support_labels(r.support_codes, (("F", "W"), ("F", "W")))
    assert [names[c] for c in r.support_codes.tolist()] == ["F/F", "W/W", "mixed (F,W / F,W)"]
    assert [e.label for e in solve(A[0], A[0], exact=True)] == ["r1/c1", "r2/c2", "mixed (r1,r2 / c1,c2)"]


def test_empty_batch() -> None:
    r = solve_batch(np.zeros((0, 2, 3)), np.zeros((0, 2, 3)))
    assert r.n_games == 0 and r.x.shape == (0, 2) and r.y.shape == (0, 3)


@pytest.mark.parametrize(
    "A, B, tol, message",
    [
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 3)), 1e-9, "shape"),
        (np.zeros((2, 2)), np.zeros((2, 2)), 1e-9, "shape"),
        (np.full((1, 2, 2), np.nan), np.zeros((1, 2, 2)), 1e-9, "NaN"),
        (np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), 0.5, "tol"),
    ],
)
def test_bad_input_is_rejected(A, B, tol, message) -> None:
    with pytest.raises(ValueError, match=message):
        solve_batch(A, B, tol=tol)


@settings(max_examples=examples(10, 40), deadline=None)
@given(
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(0, 2**32 - 1),
    st.sampled_from([2, 4, 100]),
)
def test_property_small_integer_games(m: int, n: int, seed: int, levels: int) -> None:
    rng = np.random.default_rng(seed)
    A = rng.integers(-levels, levels + 1, (6, m, n)).astype(float)
    B = rng.integers(-levels, levels + 1, (6, m, n)).astype(float)
    assert_same_as_solve(solve_batch(A, B), A, B)
