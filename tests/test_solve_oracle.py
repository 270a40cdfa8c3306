"""solve() against Gambit's exact enumerator, the independent oracle.

pygambit (GPL) is a test-only dependency: these tests are skipped without it.
For every game the SET of extreme equilibria returned by ``solve(exact=True)``
must equal ``pygambit.nash.enummixed_solve(game, rational=True)`` exactly, as
fractions, with no duplicates; every profile must have zero exact regret and
the float solution must have regret <= tol.

Float payoffs are handed to Gambit converted the way solve() documents it
(``Fraction(repr(x))``: the decimal text of the float), so both solvers see the
same rational game.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from itertools import product

import _gambit
import numpy as np
import pytest
from _budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import max_regret

Profile = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


# ----------------------------------------------------------------------------- oracle
def exact_entry(v: object) -> Fraction:
    """The rational solve() is documented to use: ints as they are, floats by ``repr``."""
    if isinstance(v, (int, np.integer)):
        return Fraction(int(v))
    return Fraction(repr(float(v)))


def exact_matrix(M: np.ndarray) -> list[list[Fraction]]:
    return [[exact_entry(v) for v in row] for row in np.asarray(M).tolist()]


def gambit_equilibria(A: np.ndarray, B: np.ndarray) -> list[Profile]:
    """Extreme equilibria from Gambit's enummixed in rational arithmetic."""
    return _gambit.enummixed(exact_matrix(A), exact_matrix(B))


def check_against_gambit(A: np.ndarray, B: np.ndarray, tol: float = 1e-9) -> list[Profile]:
    """Assert solve() == Gambit (as sets of exact profiles) and regret bounds; return the set."""
    exact = solve(A, B, exact=True)
    ours = [e.strategies for e in exact]
    for x, y in ours:
        assert all(isinstance(v, Fraction) for v in x + y)
        assert sum(x) == 1 and sum(y) == 1 and min(x + y) >= 0
    assert len(set(ours)) == len(ours), f"duplicate equilibria in {ours}"
    theirs = gambit_equilibria(A, B)
    # Gambit itself can list an equilibrium twice in degenerate games (seen on
    # 6x6 games with payoffs in {0, 1}), so its answer is compared as a set.
    missing = set(theirs) - set(ours)
    spurious = set(ours) - set(theirs)
    assert not missing and not spurious, f"missing {missing}; spurious {spurious}"
    Ae = np.array(exact_matrix(A), dtype=object)
    Be = np.array(exact_matrix(B), dtype=object)
    for x, y in ours:
        assert max_regret(Ae, Be, np.array(x, dtype=object), np.array(y, dtype=object)) == 0
    approx = solve(A, B)
    assert [tuple(tuple(float(v) for v in s) for s in p) for p in ours] == [e.strategies for e in approx]
    scale = max(
        1.0,
        float(np.max(np.abs(np.asarray(A, dtype=float)))),
        float(np.max(np.abs(np.asarray(B, dtype=float)))),
    )
    for e in approx:
        assert e.max_regret <= tol * scale
        Af, Bf = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
        assert max_regret(Af, Bf, np.array(e.strategies[0]), np.array(e.strategies[1])) <= tol * scale
    return ours


# ----------------------------------------------------------------------------- games
MATCHING_PENNIES = (np.array([[1, -1], [-1, 1]]), np.array([[-1, 1], [1, -1]]))
RPS = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
NAMED: dict[str, tuple[np.ndarray, np.ndarray]] = {
    "matching pennies": MATCHING_PENNIES,
    "rock-paper-scissors": (RPS, -RPS),
    # Shapley's (1964) 3x3 game without pure equilibria; unique mixed equilibrium.
    "shapley": (
        np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]]),
        np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]]),
    ),
    "rps with ties (win 1, draw 1)": (RPS.clip(0) + (RPS == 0), (-RPS).clip(0) + (RPS == 0)),
    "rock-paper-scissors-lizard-spock": (
        np.array(
            [[0, -1, 1, 1, -1], [1, 0, -1, -1, 1], [-1, 1, 0, 1, -1], [-1, 1, -1, 0, 1], [1, -1, 1, -1, 0]]
        ),
        -np.array(
            [[0, -1, 1, 1, -1], [1, 0, -1, -1, 1], [-1, 1, 0, 1, -1], [-1, 1, -1, 0, 1], [1, -1, 1, -1, 0]]
        ),
    ),
    "prisoners dilemma": (np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]])),
    "battle of the sexes": (np.array([[2, 0], [0, 1]]), np.array([[1, 0], [0, 2]])),
    "chicken": (np.array([[0, -1], [1, -10]]), np.array([[0, 1], [-1, -10]])),
    "stag hunt": (np.array([[4, 0], [3, 3]]), np.array([[4, 3], [0, 3]])),
    "pure coordination 3x3": (np.eye(3, dtype=int), np.eye(3, dtype=int)),
    "identical rows": (np.array([[1, 2, 3], [1, 2, 3]]), np.array([[3, 2, 1], [3, 2, 1]])),
    "constant column payoffs": (np.array([[1, 0], [0, 1], [1, 1]]), np.array([[5, 5], [5, 5], [5, 5]])),
    "matching pennies x 1e9": (MATCHING_PENNIES[0] * 10**9, MATCHING_PENNIES[1] * 10**9),
    "matching pennies + 1e9": (MATCHING_PENNIES[0] + 10**9, MATCHING_PENNIES[1] - 10**9),
    "1e9 next to 1": (np.array([[10**9, 0], [1, 1]]), np.array([[1, 10**9], [0, 1]])),
    "float 0.1 ties": (np.array([[0.1, 0.3], [0.3, 0.1]]), np.array([[0.2, 0.1], [0.1, 0.2]])),
}
for shape in [(1, 1), (1, 4), (3, 1), (2, 2), (3, 5), (4, 4), (6, 6)]:
    NAMED[f"all zero {shape[0]}x{shape[1]}"] = (np.zeros(shape, dtype=int), np.zeros(shape, dtype=int))


def random_int_games(rng: np.random.Generator, shapes, per_shape: int, lo: int, hi: int, tag: str):
    out = {}
    for m, n in shapes:
        for k in range(per_shape):
            out[f"{tag} {m}x{n} #{k}"] = (rng.integers(lo, hi, (m, n)), rng.integers(lo, hi, (m, n)))
    return out


def dominated_game(rng: np.random.Generator, m: int, n: int, weak: bool):
    """A random game with one row and one column (weakly) dominated by another action."""
    A = rng.integers(-5, 6, (m, n))
    B = rng.integers(-5, 6, (m, n))
    gap_r = rng.integers(0 if weak else 1, 3, n)
    gap_c = rng.integers(0 if weak else 1, 3, m)
    if weak:
        gap_r[0] = max(gap_r[0], 1)
        gap_c[0] = max(gap_c[0], 1)
    A[m - 1] = A[0] - gap_r
    B[:, n - 1] = B[:, 0] - gap_c
    return A, B


def default_games() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(20240601)
    games = dict(NAMED)
    all_shapes = list(product(range(1, 7), range(1, 7)))
    small = [s for s in all_shapes if s[0] * s[1] <= 12]
    large = [s for s in all_shapes if s[0] * s[1] > 12]
    games |= random_int_games(rng, small, 6, -9, 10, "int")
    games |= random_int_games(rng, large, 3, -9, 10, "int")
    games |= random_int_games(
        rng, [(1, n) for n in range(1, 9)] + [(n, 1) for n in range(2, 9)], 2, -3, 4, "line"
    )
    tie_shapes = [
        (2, 2),
        (2, 3),
        (3, 2),
        (3, 3),
        (3, 4),
        (4, 3),
        (4, 4),
        (2, 5),
        (5, 2),
        (5, 5),
        (4, 6),
        (6, 6),
    ]
    games |= random_int_games(rng, tie_shapes, 6, 0, 2, "ties01")
    games |= random_int_games(rng, tie_shapes, 4, 0, 3, "ties012")
    for k in range(24):
        m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        games[f"dominated {'weak' if k % 2 else 'strict'} {m}x{n} #{k}"] = dominated_game(
            rng, m, n, bool(k % 2)
        )
    for k in range(12):
        m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        A = rng.integers(-9, 10, (m, n))
        games[f"zero-sum {m}x{n} #{k}"] = (A, -A)
    for k in range(20):
        m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        games[f"huge {m}x{n} #{k}"] = (
            rng.integers(-(10**9), 10**9 + 1, (m, n)),
            rng.integers(-(10**9), 10**9 + 1, (m, n)),
        )
    for k in range(10):
        m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        A = rng.integers(0, 3, (m, n)) * 10**9 + rng.integers(0, 2, (m, n))
        games[f"huge ties {m}x{n} #{k}"] = (A, rng.integers(0, 3, (m, n)) * 10**9)
    for k in range(60):
        m, n = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        d = 1 + k % 2
        games[f"float round{d} {m}x{n} #{k}"] = (rng.random((m, n)).round(d), rng.random((m, n)).round(d))
    for k in range(30):
        m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        games[f"float raw {m}x{n} #{k}"] = (rng.random((m, n)), rng.random((m, n)))
    for k in range(6):
        games[f"float raw 5x5 #{k}"] = (rng.random((5, 5)), rng.random((5, 5)))
    for k in range(10):
        m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        games[f"float large {m}x{n} #{k}"] = (rng.uniform(-1e9, 1e9, (m, n)), rng.uniform(-1e6, 1e6, (m, n)))
    return games


def slow_games() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(7)
    games: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    all_shapes = list(product(range(1, 7), range(1, 7)))
    games |= random_int_games(rng, all_shapes, 45, -20, 21, "int")
    games |= random_int_games(rng, all_shapes, 15, 0, 2, "ties01")
    games |= random_int_games(rng, all_shapes, 15, 0, 3, "ties012")
    for k in range(150):
        m, n = int(rng.integers(2, 7)), int(rng.integers(2, 7))
        games[f"float round2 {m}x{n} #{k}"] = (rng.random((m, n)).round(2), rng.random((m, n)).round(2))
    for k in range(100):
        m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        games[f"float raw {m}x{n} #{k}"] = (rng.random((m, n)), rng.random((m, n)))
    for k in range(40):
        games[f"float raw 6x6 #{k}"] = (rng.random((6, 6)), rng.random((6, 6)))
    for k in range(30):
        games[f"ties01 8x8 #{k}"] = (rng.integers(0, 2, (8, 8)), rng.integers(0, 2, (8, 8)))
    for k in range(20):
        games[f"ties012 7x8 #{k}"] = (rng.integers(0, 3, (7, 8)), rng.integers(0, 3, (7, 8)))
    return games


DEFAULT = default_games()
SLOW = slow_games()


def test_enough_games() -> None:
    assert len(DEFAULT) >= 500
    assert len(SLOW) >= 3000


@pytest.mark.parametrize("name", list(DEFAULT))
def test_matches_gambit(name: str) -> None:
    A, B = DEFAULT[name]
    check_against_gambit(A, B)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SLOW))
def test_matches_gambit_large_run(name: str) -> None:
    A, B = SLOW[name]
    check_against_gambit(A, B)


# ----------------------------------------------------------------------------- known answers
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Each answer derived by hand from the indifference conditions.
        ("matching pennies", [((Fraction(1, 2),) * 2, (Fraction(1, 2),) * 2)]),
        ("rock-paper-scissors", [((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)]),
        ("shapley", [((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)]),
        ("prisoners dilemma", [((0, 1), (0, 1))]),
        # pure (r1,c1), (r2,c2); mixed: row 2/3 on r1 makes column indifferent (1x = 2(1-x)).
        (
            "battle of the sexes",
            [
                ((1, 0), (1, 0)),
                ((0, 1), (0, 1)),
                ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3))),
            ],
        ),
    ],
)
def test_known_answers(name: str, expected: list) -> None:
    got = {e.strategies for e in solve(*NAMED[name], exact=True)}
    assert got == {tuple(tuple(Fraction(v) for v in s) for s in p) for p in expected}


def test_payoff_range_beyond_gambit() -> None:
    """Payoffs spanning more than 2**31, where Gambit 16.7's enummixed fails.

    Observed: for ``A = [[3e9, 0], [0, 1]]``, ``B = I`` (and for random integer
    games with payoffs in [-2e9, 2e9]) ``enummixed_solve(rational=True)`` returns
    no equilibrium at all, although every game has one; games whose payoff range
    stays below about 2**31 agree.  So the oracle runs keep payoffs within
    [-1e9, 1e9], and this game is checked against a hand derivation instead:
    pure (r1, c1) and (r2, c2); in the mixed equilibrium B = I makes the column
    player indifferent at x = (1/2, 1/2) and the row player is indifferent when
    3e9 * y1 = y2, i.e. y1 = 1 / (3e9 + 1).
    """
    big = 3 * 10**9
    A, B = np.array([[big, 0], [0, 1]]), np.eye(2, dtype=int)
    got = {e.strategies for e in solve(A, B, exact=True)}
    half, y1 = Fraction(1, 2), Fraction(1, big + 1)
    assert got == {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((half, half), (y1, 1 - y1))}


# ----------------------------------------------------------------------------- the nashpy gap
def nashpy_support_enumeration(A: np.ndarray, B: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    nash = pytest.importorskip("nashpy")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nash.Game(A, B).support_enumeration())


def _support_sizes(profile) -> tuple[int, int]:
    x, y = profile
    return sum(1 for v in x if v), sum(1 for v in y if v)


def _found_by(found, profile) -> bool:
    x, y = profile
    return any(
        np.allclose(fx, [float(v) for v in x]) and np.allclose(fy, [float(v) for v in y]) for fx, fy in found
    )


@settings(max_examples=examples(15, 60), deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_nashpy_cannot_return_an_equilibrium_with_supports_of_unequal_size(m, n, seed) -> None:
    """A structural gap, not a round-off accident.

    nashpy's ``support_enumeration`` (default ``non_degenerate=False``) pairs supports of
    *equal* size, solves one square linear system per pair and keeps a profile only when its
    support is exactly the pair (``obey_support``). An extreme equilibrium whose two supports
    differ in size -- common in degenerate games, i.e. games with ties, as ordinal games are --
    can therefore never be returned, whatever the numpy build. Every such equilibrium that
    ``solve`` finds (checked against Gambit) is missing from nashpy's output.
    """
    rng = np.random.default_rng(seed)
    A, B = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))  # small integers: many ties
    ours = check_against_gambit(A, B)
    found = nashpy_support_enumeration(A, B)
    for profile in ours:
        k, ell = _support_sizes(profile)
        if k != ell:
            assert not _found_by(found, profile)


# A degenerate 3x3 game with payoffs in {0, 1} (found by scanning seeded random games).
DEGENERATE_A = np.array([[0, 1, 1], [0, 1, 0], [1, 0, 0]])
DEGENERATE_B = np.array([[1, 0, 1], [0, 1, 1], [0, 1, 1]])


def test_nashpy_misses_equilibria_of_a_degenerate_game() -> None:
    """Ties make the game degenerate; solve() still returns Gambit's set exactly.

    Hand derivation: (r1, c3) and (r2, c2) are pure equilibria (every payoff
    there is 1, the maximum).  Against r1 the column player is indifferent
    between c1 and c3 (B[0] = (1, 0, 1)); with y = (t, 0, 1 - t) the row
    payoffs are A y = (1 - t, 0, t), so r1 stays a best reply for t <= 1/2.
    The equilibrium component {r1} x {y : t in [0, 1/2]} has the extreme points
    t = 0 (the pure (r1, c3)) and t = 1/2.  The vertex t = 1/2 has supports of
    sizes 1 and 2, so nashpy's support enumeration cannot return it (see the
    property test above): it is missed by construction, not by round-off.
    """
    half = Fraction(1, 2)
    expected = {((1, 0, 0), (0, 0, 1)), ((0, 1, 0), (0, 1, 0)), ((1, 0, 0), (half, 0, half))}
    ours = check_against_gambit(DEGENERATE_A, DEGENERATE_B)
    assert set(ours) == {tuple(tuple(Fraction(v) for v in s) for s in p) for p in expected}
    found = nashpy_support_enumeration(DEGENERATE_A, DEGENERATE_B)
    missed = [profile for profile in ours if not _found_by(found, profile)]
    assert missed == [((1, 0, 0), (half, 0, half))]
    assert _support_sizes(missed[0]) == (1, 2)
