"""Property tests for solve(): invariances every equilibrium set must satisfy."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancegames.core.bimatrix import Bimatrix
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import max_regret

SETTINGS = settings(max_examples=examples(20, 60), deadline=None)


@st.composite
def games(draw, max_size: int = 5, kinds=("ties", "ints", "decimals")):
    """Random bimatrix games, many of them degenerate (small payoff ranges)."""
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    kind = draw(st.sampled_from(kinds))
    if kind == "ties":
        entry = st.integers(0, 2)
    elif kind == "ints":
        entry = st.integers(-20, 20)
    else:
        entry = st.integers(-100, 100).map(lambda v: v / 10)
    cells = st.lists(st.lists(entry, min_size=n, max_size=n), min_size=m, max_size=m)
    return np.array(draw(cells)), np.array(draw(cells))


def exact_set(A, B) -> set:
    return {e.strategies for e in solve(A, B, exact=True)}


@SETTINGS
@given(games())
def test_profiles_are_equilibria_and_probability_vectors(game) -> None:
    A, B = game
    sol = solve(A, B)
    assert len(sol) >= 1  # every finite game has an equilibrium
    scale = max(1.0, float(np.abs(A).max()), float(np.abs(B).max()))
    for e in sol:
        for s in e.strategies:
            assert min(s) >= 0 and abs(sum(s) - 1) <= 1e-12
        assert e.max_regret <= 1e-9 * scale
        assert (
            max_regret(A.astype(float), B.astype(float), np.array(e.strategies[0]), np.array(e.strategies[1]))
            <= 1e-9 * scale
        )
    for e in solve(A, B, exact=True):
        assert all(sum(s) == 1 and min(s) >= 0 for s in e.strategies)
        assert e.max_regret == 0


@SETTINGS
@given(games())
def test_no_duplicates(game) -> None:
    A, B = game
    profiles = [e.strategies for e in solve(A, B, exact=True)]
    assert len(set(profiles)) == len(profiles)


@SETTINGS
@given(games(), st.randoms(use_true_random=False))
def test_permuting_and_relabelling_actions_permutes_the_answer(game, rnd) -> None:
    A, B = game
    m, n = A.shape
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    labels = ([f"a{i}" for i in range(m)], [f"b{j}" for j in range(n)])
    g = Bimatrix.from_arrays(A, B, actions=labels)
    h = Bimatrix.from_arrays(
        A[np.ix_(rows, cols)],
        B[np.ix_(rows, cols)],
        actions=([labels[0][i] for i in rows], [labels[1][j] for j in cols]),
    )

    def by_label(sol):
        return {tuple(frozenset(e.strategy(k).items()) for k in range(2)) for e in sol}

    sg, sh = solve(g, exact=True), solve(h, exact=True)
    assert len(sg) == len(sh)
    assert by_label(sg) == by_label(sh)


@SETTINGS
@given(games())
def test_transposing_swaps_the_players(game) -> None:
    A, B = game
    swapped = {(y, x) for x, y in exact_set(B.T, A.T)}
    assert swapped == exact_set(A, B)


@SETTINGS
@given(
    games(kinds=("ties", "ints")),
    st.fractions(min_value=Fraction(1, 50), max_value=50),
    st.integers(-(10**6), 10**6),
    st.booleans(),
)
def test_positive_affine_transformation_leaves_equilibria(game, a, b, row_player) -> None:
    A, B = game
    Ao = np.array([[Fraction(int(v)) for v in r] for r in A], dtype=object)
    Bo = np.array([[Fraction(int(v)) for v in r] for r in B], dtype=object)
    if row_player:
        Ao = Ao * a + b
    else:
        Bo = Bo * a + b
    assert exact_set(Ao, Bo) == exact_set(A, B)


@SETTINGS
@given(games())
def test_exact_and_float_agree(game) -> None:
    A, B = game
    ex, fl = solve(A, B, exact=True), solve(A, B)
    assert ex.exact and not fl.exact
    assert len(ex) == len(fl)
    for e, f in zip(ex, fl):
        assert all(isinstance(v, Fraction) for s in e.strategies for v in s)
        assert all(type(v) is float for s in f.strategies for v in s)
        assert tuple(tuple(float(v) for v in s) for s in e.strategies) == f.strategies
        assert tuple(float(u) for u in e.payoffs) == f.payoffs
        assert e.actions == f.actions


@settings(max_examples=examples(5, 15), deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 6), st.integers(2, 6))
def test_raw_float_games(seed, m, n) -> None:
    """Uniform random floats (generic games): regret ~ 0 and exact/float agree."""
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    ex = solve(A, B, exact=True)
    assert len(ex) % 2 == 1  # generic games have an odd number of equilibria
    for e in ex:
        Ae = Bimatrix.from_arrays(A, B).exact()
        assert (
            max_regret(
                Ae.A, Ae.B, np.array(e.strategies[0], dtype=object), np.array(e.strategies[1], dtype=object)
            )
            == 0
        )
    assert [tuple(tuple(float(v) for v in s) for s in e.strategies) for e in ex] == [
        e.strategies for e in solve(A, B)
    ]
