"""Olson-Zeckhauser burden sharing: closed forms checked against independent numeric optimisation."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from _budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from alliancegames.core.model import ModelError
from alliancegames.models import burden_sharing, burden_sharing_matrix, solve_burden_sharing
from alliancegames.solvers.enumeration import solve


def _best_response(income, others, alpha):
    """Member's best contribution by direct numerical maximisation of its utility (no formulas)."""
    f = lambda q: -((income - q) ** (1 - alpha)) * (q + others) ** alpha  # noqa: E731
    lo = 0.0 if others > 0 else 1e-12
    r = minimize_scalar(f, bounds=(lo, income - 1e-12), method="bounded", options={"xatol": 1e-12})
    return r.x if r.fun < f(lo) else lo


def _iterate(incomes, alpha, rounds=400):
    q = np.array(incomes, dtype=float) * 0.1
    for _ in range(rounds):
        for i in range(len(q)):
            q[i] = _best_response(incomes[i], q.sum() - q[i], alpha)
    return q


@pytest.mark.parametrize(
    "incomes, alpha",
    [
        ([2.0, 1.5], 0.5),
        ([3.0, 1.0], 0.5),
        ([5.0, 4.0, 1.0], 0.3),
        ([1.0, 1.0, 1.0, 1.0], 0.6),
        ([4.0, 3.5], 0.8),
    ],
)
def test_numeric_solver_matches_best_response_iteration(incomes, alpha):
    eq = solve_burden_sharing(incomes, alpha)
    q = _iterate(incomes, alpha)
    assert np.allclose(eq.contributions, q, atol=1e-5)
    # no member gains from deviating (checked by direct optimisation)
    for i, inc in enumerate(incomes):
        others = eq.total - eq.contributions[i]
        br = _best_response(inc, others, alpha)
        assert abs(br - eq.contributions[i]) < 1e-5


def test_symbolic_two_member_interior_and_ratio():
    g = burden_sharing(2)
    I1, I2 = g.incomes
    a = g.alpha
    q1, q2 = g.contributions
    assert sp.simplify(g.interior[q1] - (I1 - (1 - a) * I2) / (2 - a)) == 0
    assert sp.simplify(g.total_interior - a * (I1 + I2) / (2 - a)) == 0
    assert sp.simplify(g.ratio_interior - 1 / (2 - a)) == 0
    # the interior solution satisfies each reaction function with a positive argument
    Qm1 = g.interior[q2]
    assert sp.simplify(a * I1 - (1 - a) * Qm1 - g.interior[q1]) == 0
    # the first-order condition agrees with differentiating the utility
    U1 = g.utilities[0]
    foc = sp.diff(U1, q1).subs(g.interior)
    assert sp.simplify(foc) == 0


def test_corner_condition_small_member_contributes_nothing():
    g = burden_sharing(2)
    cond = g.regime([0])["conditions"][1]
    I1, I2 = g.incomes
    assert sp.simplify(cond.rhs - (1 - g.alpha) * I1) == 0 and cond.lhs == I2
    for alpha in (0.2, 0.5, 0.8):
        I1v = 3.0
        edge = (1 - alpha) * I1v
        assert solve_burden_sharing([I1v, edge * 0.99], alpha).contributions[1] == 0
        assert solve_burden_sharing([I1v, edge * 1.01], alpha).contributions[1] > 0
        assert solve_burden_sharing([I1v, edge], alpha).contributions[1] == 0  # boundary: "iff <="


@settings(max_examples=examples(10, 40), deadline=None)
@given(
    incomes=st.lists(st.floats(0.5, 10.0), min_size=2, max_size=6),
    alpha=st.floats(0.1, 0.9),
)
def test_properties_underprovision_and_exploitation_of_the_great(incomes, alpha):
    eq = solve_burden_sharing(incomes, alpha)
    assert eq.ratio <= 1 + 1e-12
    if len(eq.contributors) >= 2:
        assert eq.ratio < 1
    # the optimum is alpha * total income (Samuelson condition)
    assert eq.optimum == pytest.approx(alpha * sum(incomes))
    # richer members never spend a smaller share of income
    order = np.argsort(incomes)
    shares = np.array(eq.shares)[order]
    assert np.all(np.diff(shares) >= -1e-12)
    # contributors are the richest members; non-contributors' incomes are below the threshold
    x = (1 - alpha) * eq.total / alpha
    for i, inc in enumerate(incomes):
        assert (i in eq.contributors) == (inc > x + 1e-12) or abs(inc - x) < 1e-9


def test_two_member_interior_numbers_and_shares():
    eq = solve_burden_sharing([2.0, 1.5], 0.5)
    a = 0.5
    assert eq.contributions[0] == pytest.approx((2.0 - (1 - a) * 1.5) / (2 - a))
    assert eq.ratio == pytest.approx(1 / (2 - a))
    assert eq.shares[0] > eq.shares[1]
    df = eq.to_frame()
    assert list(df["contributes"]) == [True, True]


def test_n_member_symbolic_regime_matches_numbers():
    g = burden_sharing(3)
    reg = g.regime([0, 1])
    vals = {g.incomes[0]: 5, g.incomes[1]: 4, g.incomes[2]: 1, g.alpha: sp.Rational(3, 10)}
    assert all(bool(c.subs(vals)) for c in reg["conditions"])
    eq = solve_burden_sharing([5, 4, 1], 0.3)
    assert float(reg["total"].subs(vals)) == pytest.approx(eq.total)
    assert sp.simplify(g.ratio_interior - 1 / (3 - 2 * g.alpha)) == 0


@pytest.mark.parametrize("bad", [([], 0.5), ([1, -1], 0.5), ([1, 2], 1.0), ([1, float("nan")], 0.5)])
def test_bad_input_is_rejected(bad):
    with pytest.raises(ModelError):
        solve_burden_sharing(*bad)


def test_teaching_matrix_large_carries_small_free_rides():
    assert solve(burden_sharing_matrix()).labels == ("High/Low",)
    # with equal incomes the game is symmetric: the set of pure equilibria is closed under swapping
    sol = solve(burden_sharing_matrix(), params=dict(income_large=1, income_small=1))
    pure = {e.label for e in sol if e.is_pure}
    assert pure and pure == {"/".join(lab.split("/")[::-1]) for lab in pure}
