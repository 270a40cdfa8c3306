"""Property tests of the exactness policy where users work (issue 17).

``solve(model, params=point, exact=True)`` must agree with
``equilibrium_regions(model).at(point)`` — same labels, same exact strategies,
same order — at

* short-decimal float points (what users type: 3.9, 0.2),
* points solved to lie exactly on a region boundary (a payoff difference is 0),
* irrational-payoff points of the library's non-polynomial model (burden sharing),

and ``solve`` must give the same exact answer for a game whatever mix of int,
float, Fraction, Decimal, numpy and sympy numbers its payoffs are written in.

The quick suite runs a few examples of each property; ``--runslow`` runs 150 per
model (the numbers of issue 17's report).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F
from functools import cache

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.core.exact import compare
from alliancegames.models import get_model
from alliancegames.solvers.enumeration import solve

MODELS = ("snyder_alliance", "chain_gang", "offence_defence", "arm_or_ally")
QUICK = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def _model(name: str):
    return get_model(name)


@cache
def _regions(name: str):
    return equilibrium_regions(_model(name))


def _short_decimal(domain: str) -> st.SearchStrategy[float]:
    """Floats users type: one or two decimals, inside the domain (boundary values included)."""
    if domain == "probability":
        return st.integers(0, 100).map(lambda k: k / 100)
    lo = 1 if domain == "positive" else 0
    return st.integers(lo, 400).map(lambda k: k / 10)


def _assert_agree(name: str, point: dict) -> None:
    sol = solve(_model(name), params=point, exact=True)
    reg = _regions(name).at(point)
    assert list(sol.labels) == [lab for lab, _ in reg], (name, point)
    for e, (_, (x, y)) in zip(sol, reg):
        for got, want in zip((*e.strategies[0], *e.strategies[1]), (*x, *y)):
            assert compare(got, want) == 0, (name, point, e.strategies, (x, y))


def _points(name: str) -> st.SearchStrategy[dict]:
    params = _model(name).parameters
    return st.fixed_dictionaries({p.name: _short_decimal(p.domain) for p in params})


# --------------------------------------------------------------------------- short decimals
@pytest.mark.parametrize("name", MODELS[:1])
@QUICK
@given(data=st.data())
def test_short_decimal_points_agree_quick(name, data) -> None:
    _assert_agree(name, data.draw(_points(name)))


@pytest.mark.slow
@pytest.mark.parametrize("name", MODELS)
@SLOW
@given(data=st.data())
def test_short_decimal_points_agree(name, data) -> None:
    _assert_agree(name, data.draw(_points(name)))


# --------------------------------------------------------------------------- exact boundaries
def _boundary_point(name: str, data: st.DataObject) -> dict:
    """A point where one payoff difference of one player is exactly zero (a tie)."""
    m = _model(name)
    A, B = m.payoffs
    rows, cols = m.shape
    who = data.draw(st.sampled_from(["A", "B"]))
    if who == "A":
        j = data.draw(st.integers(0, cols - 1))
        diff = A[0, j] - A[1, j]
    else:
        i = data.draw(st.integers(0, rows - 1))
        diff = B[i, 0] - B[i, 1]
    syms = sorted(diff.free_symbols, key=str)
    assume(syms)
    target = data.draw(st.sampled_from(syms))
    by_symbol = {p.symbol: p for p in m.parameters}
    point = {p.name: F(str(data.draw(_short_decimal(p.domain)))) for p in m.parameters}
    sub = {s: sp.Rational(point[by_symbol[s].name]) for s in syms if s != target}
    sols = [r for r in sp.solve(diff.xreplace(sub), target) if r.is_Rational]
    sols = [r for r in sols if by_symbol[target].contains(r)]
    assume(sols)
    point[by_symbol[target].name] = F(int(sols[0].p), int(sols[0].q))
    return point


@pytest.mark.parametrize("name", MODELS[:1])
@QUICK
@given(data=st.data())
def test_boundary_points_agree_quick(name, data) -> None:
    _assert_agree(name, _boundary_point(name, data))


@pytest.mark.slow
@pytest.mark.parametrize("name", MODELS)
@SLOW
@given(data=st.data())
def test_boundary_points_agree(name, data) -> None:
    _assert_agree(name, _boundary_point(name, data))


# --------------------------------------------------------------------------- irrational payoffs
def _burden_point(data: st.DataObject) -> dict:
    """Burden-sharing points with square-root payoffs, ties included (share_low = 0, equal halves)."""
    incomes = st.integers(1, 40).map(lambda k: F(k, 4))
    return {
        "income_large": data.draw(incomes),
        "income_small": data.draw(incomes),
        # square roots only: cube and fourth roots make minimal polynomials (and memory) explode
        "alpha": F(1, 2),
        "share_high": data.draw(st.sampled_from([F(1, 3), F(1, 2), F(1, 4), F(3, 10)])),
        "share_low": data.draw(st.sampled_from([F(0), F(1, 20), F(1, 10)])),
    }


@pytest.mark.slow  # building the burden-sharing regions takes seconds
@QUICK
@given(data=st.data())
def test_irrational_points_agree_quick(data) -> None:
    _assert_agree("burden_sharing_matrix", _burden_point(data))


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_irrational_points_agree(data) -> None:
    _assert_agree("burden_sharing_matrix", _burden_point(data))


# --------------------------------------------------------------------------- mixed input types
_WRITERS = (
    lambda f: int(f) if f.denominator == 1 else f,
    lambda f: f,
    # a float only where it is what the user typed (a short decimal within float precision)
    lambda f: float(str(f.numerator / f.denominator)) if f.denominator in (1, 2, 4, 5, 8, 10) and abs(f) < 2**40 else f,
    lambda f: np.int64(int(f)) if f.denominator == 1 else f,
    lambda f: Decimal(f.numerator) / Decimal(f.denominator) if f.denominator in (1, 2, 4, 5, 8, 10) else f,
    lambda f: sp.Rational(f.numerator, f.denominator),
)

_ENTRY = st.sampled_from([F(k, d) for k in range(-3, 4) for d in (1, 2, 3, 4, 5, 10)])


@settings(max_examples=40, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    data=st.data(),
)
def test_mixed_type_inputs_solve_like_fractions(shape, data) -> None:
    m, n = shape
    A = [[data.draw(_ENTRY) for _ in range(n)] for _ in range(m)]
    B = [[data.draw(_ENTRY) for _ in range(n)] for _ in range(m)]
    big = data.draw(st.sampled_from([1, 2**60 + 1]))  # beyond float precision, still exact
    A = [[v * big for v in row] for row in A]
    want = solve(A, B, exact=True)
    mixed = [[data.draw(st.sampled_from(_WRITERS))(v) for v in row] for row in A]
    mixed_B = [[data.draw(st.sampled_from(_WRITERS))(v) for v in row] for row in B]
    got = solve(mixed, mixed_B, exact=True)
    assert got.labels == want.labels
    assert [e.strategies for e in got] == [e.strategies for e in want]
