"""Boundary equilibria that are limits of listed pieces at ties (``Regions.limits``).

A boundary candidate whose profile is, on its whole tie set, the formula of a
listed piece is kept out of the pieces (decided exactly, by reducing polynomials
modulo the tie polynomials).  These tests check that the equilibria at a point
do not change (``Regions.at`` against the exact solver, at points placed exactly
on ties), that the identity check sees nonlinear ties, that a boundary piece
that is no limit stays listed, and the piece counts of the 3x3 benchmark game.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp
from _budget import examples
from _games import point_on_ties, random_3x3

from alliancegames.analysis.partitions import partition
from alliancegames.analysis.regions import Limit, equilibrium_regions
from alliancegames.core.model import normal_form, parameter
from alliancegames.core.numeric import evaluate
from alliancegames.solvers.enumeration import solve

A = parameter("a")
S = parameter("s", domain="positive")


def _game(table):
    return normal_form("g", ("R", "C"), (("r0", "r1"), ("c0", "c1")), [A, S], table)


def _agree(g, reg, pt):
    got = reg.at(pt)
    sol = solve(evaluate(g, pt), exact=True)
    assert [p for _, p in got] == [e.strategies for e in sol], (g.payoffs, pt)
    assert [lab for lab, _ in got] == list(sol.labels), (g.payoffs, pt)
    return got


def _fraction_point(sub):
    return {str(k): Fraction(int(v.p), int(v.q)) for k, v in sub.items()}


def test_limit_on_a_nonlinear_tie_is_found_exactly():
    # the column player ties against r0 on the circle a^2 + s^2 = 2; there the mixed piece's x is (1, 0):
    # (r0, (1/2, 1/2)) is the mixed piece's formula at the edge of its region
    a, s = A.symbol, S.symbol
    g = _game([[(2, 0), (0, a**2 + s**2 - 2)], [(1, 1), (1, 0)]])
    reg = equilibrium_regions(g)
    assert reg.boundary == ()
    (limit,) = reg.limits
    assert isinstance(limit, Limit)
    assert (limit.label, limit.of) == ("mixed (r0 / c0,c1)", "mixed (r0,r1 / c0,c1)")
    assert [t.lhs - t.rhs for t in limit.ties] == [a**2 + s**2 - 2]
    (mixed,) = reg.by_label(limit.of)
    on_circle = {s: sp.sqrt(2 - a**2)}
    for own, of in zip(limit.strategies, mixed.strategies):
        assert [sp.simplify((e - f).xreplace(on_circle)) for e, f in zip(own, of)] == [0, 0]
    # at a rational point of the circle the limit holds and is what the solver finds; off it, it does not
    got = _agree(g, reg, {"a": 1, "s": 1})
    assert ("mixed (r0 / c0,c1)", limit.evaluate({"a": 1, "s": 1})) in got
    assert limit.holds_at({"a": 1, "s": 1}) and not limit.holds_at({"a": 1, "s": 2})
    for pt in ({"a": 1, "s": 2}, {"a": 0, "s": 1}, {"a": Fraction(1, 5), "s": Fraction(7, 5)}):
        _agree(g, reg, pt)
    assert "1 further boundary equilibrium is a limit of listed pieces at ties" in str(reg)
    assert "1 limit at ties" in repr(reg) and "<code>.limits</code>" in reg._repr_html_()
    assert "limit of listed pieces" in reg.to_latex(boundary=True) and "limit" not in reg.to_latex()


def test_a_boundary_piece_that_is_no_limit_stays_listed():
    # the row player is always indifferent against c0 and, where a = 0, against c1: (1/2, 1/2) against
    # c1 at a = 0 is the formula of no listed piece (the only piece with that x plays c0)
    g = _game([[(1, 1), (A.symbol, 0)], [(1, 0), (0, 1)]])
    reg = equilibrium_regions(g)
    assert reg.limits == ()
    assert [p.label for p in reg.boundary] == ["mixed (r0,r1 / c0)", "mixed (r0,r1 / c1)"]
    got = _agree(g, reg, {"a": 0, "s": 1})
    assert "mixed (r0,r1 / c1)" in [lab for lab, _ in got]
    _agree(g, reg, {"a": 1, "s": 1})


def test_limits_off_lists_every_boundary_piece_with_the_same_equilibria():
    t = parameter("t")
    g = normal_form(
        "tie", ("R", "C"), (("r0", "r1"), ("c0", "c1")), [t], [[(2, 0), (0, "t")], [(1, 1), (1, 0)]]
    )
    reg, every = equilibrium_regions(g), equilibrium_regions(g, limits=False)
    assert [p.label for p in every.boundary] == [lim.label for lim in reg.limits] == ["mixed (r0 / c0,c1)"]
    assert every.limits == () and reg.boundary == ()
    for v in (-1, 0, Fraction(1, 2), 3):
        assert reg.at({"t": v}) == every.at({"t": v}) == _agree(g, reg, {"t": v})

    # a one-parameter partition lists the limit in the cell of the tie
    cells = {str(c.interval): c.labels for c in partition(g, {"t": (-1, 1)}).cells}
    assert cells["{0}"] == ("r0/c0", "mixed (r0 / c0,c1)")


def test_each_component_of_a_product_tie_is_a_limit_of_its_own():
    # the column player ties against r0 where t (t + 1) = 0: two lines, each a limit of the mixed piece
    t = parameter("t")
    T = t.symbol
    g = normal_form(
        "g", ("R", "C"), (("r0", "r1"), ("c0", "c1")), [t], [[(2, 0), (0, T * (T + 1))], [(1, 1), (1, 0)]]
    )
    reg = equilibrium_regions(g)
    assert sorted(str(lim.ties[0].lhs) for lim in reg.limits) == ["t", "t + 1"]
    assert {lim.of for lim in reg.limits} == {"mixed (r0,r1 / c0,c1)"}
    assert ("mixed (r1 / c0,c1) [K=[0], L=[0, 1]]", "-1 = 0 cannot hold (no common solution)") in reg.dropped
    for v in (-1, 0, Fraction(-1, 2), 1):
        got = _agree(g, reg, {"t": v})
        assert ("mixed (r0 / c0,c1)" in [lab for lab, _ in got]) == (v in (-1, 0))


def test_impossible_boundary_candidates_are_dropped_not_limits():
    # Snyder's game: the pure-against-mixed candidates need a strict inequality that is 0 on their tie
    from alliancegames.models import get_model

    reg = equilibrium_regions(get_model("snyder_alliance"))
    assert reg.limits == () and reg.boundary == ()
    assert len(reg.dropped) == 4 and all("cannot hold where" in why for _, why in reg.dropped)


@pytest.mark.parametrize("name", ["quasi_alliance", "arm_or_ally", "snyder_alliance", "offence_defence"])
def test_library_models_limits_replace_boundary_pieces_and_drop_the_same(name):
    """Limits are not simplified; a tie the domains exclude (``k_arm = 0`` with ``k_arm > 0``) still
    drops its candidate, so exactly the candidates the full simplification drops are dropped."""
    from alliancegames.models import get_model

    g = get_model(name)
    reg, every = equilibrium_regions(g), equilibrium_regions(g, limits=False)
    assert sorted(d for d, _ in reg.dropped) == sorted(d for d, _ in every.dropped)
    assert len(reg.boundary) + reg.merged + len(reg.limits) == len(every.boundary) + every.merged
    rng = random.Random(0)
    syms = [p.symbol for p in g.parameters]
    checked = 0
    for lim in reg.limits:
        for _ in range(4):
            vals = {p.symbol: sp.Rational(rng.randint(1, 40), rng.choice((2, 4, 8))) for p in g.parameters}
            vals.update(
                {
                    p.symbol: sp.Rational(rng.randint(1, 7), 8)
                    for p in g.parameters
                    if p.domain == "probability"
                }
            )
            sub = point_on_ties([t.lhs - t.rhs for t in lim.ties], rng.sample(syms, len(syms)), vals)
            if sub is None or not all(v.is_Rational for v in sub.values()):
                continue
            pt = _fraction_point(sub)
            if not all(p.contains(pt[p.name]) for p in g.parameters) or not all(
                a.xreplace(sub) == sp.true for a in reg.assumptions
            ):
                continue
            assert reg.at(pt) == every.at(pt)
            _agree(g, reg, pt)
            checked += 1
    assert checked or not reg.limits  # points on the ties were found, in the domains


# ------------------------------------------------ the 3x3 benchmark game (benchmarks/bench_regions.py)
#: Boundary pieces still listed on the 3x3 benchmark game (issue 12: "a few dozen" at most); was 150.
BOUNDARY_3X3 = 0


@pytest.fixture(scope="module")
def bench_3x3():
    g = random_3x3()
    return g, equilibrium_regions(g)


def test_3x3_benchmark_lists_generic_pieces_and_few_boundary_pieces(bench_3x3):
    g, reg = bench_3x3
    assert len(reg.generic) == 18
    assert len(reg.boundary) <= BOUNDARY_3X3
    # nothing lost: every boundary candidate kept before is now a listed piece, merged, or a limit
    assert len(reg.boundary) + reg.merged + len(reg.limits) == 150
    assert {lim.of for lim in reg.limits} <= {p.label for p in reg.pieces}
    # the nonlinear tie of the note: the generic piece's own profile where the third row ties too
    assert any(
        lim.label == lim.of == "mixed (r0,r1 / c0,c1)" and lim.basis[3] == (0, 2) for lim in reg.limits
    )


@pytest.mark.slow
def test_3x3_benchmark_agrees_with_the_solver_on_ties(bench_3x3):
    """At exact rational points of the limits' tie sets (and so where limits hold), ``at`` is ``solve``."""
    g, reg = bench_3x3
    syms = [p.symbol for p in g.parameters]
    rng = random.Random(5)
    limits = rng.sample(reg.limits, examples(12, len(reg.limits)))
    held = 0
    for lim in limits:
        for _ in range(3):
            vals = {s: sp.Rational(rng.randint(-12, 12), rng.randint(1, 4)) for s in syms}
            sub = point_on_ties([t.lhs - t.rhs for t in lim.ties], rng.sample(syms, 3), vals)
            if sub is None:
                continue
            pt = _fraction_point(sub)
            _agree(g, reg, pt)
            held += lim.holds_at(pt)
    assert held >= examples(1, 20)  # the points reach limits that hold, not only empty parts of ties


def _random_poly(R, rng, degree):
    gens = R.gens
    out = R.zero
    for _ in range(rng.randint(1, 4)):
        term = R(rng.choice([-3, -2, -1, 1, 2, 3]))
        for _ in range(rng.randint(0, degree)):
            term *= rng.choice(gens)
        out += term
    return out


@pytest.mark.parametrize("seed", range(examples(40, 200)))
def test_tie_ideal_decides_as_a_groebner_basis_does(seed):
    # the tie sets' ideals substitute linear ties (and one last tie of degree one in a variable)
    # instead of dividing by a Groebner basis: membership and constants must agree with the basis
    from sympy.polys.groebnertools import groebner

    from alliancegames.analysis.regions import _Ideal

    rng = random.Random(seed)
    R = sp.ring("a b c", sp.QQ, order="grevlex")[0]
    a, b, c = R.gens
    shapes = [
        lambda: rng.choice([1, 2, -1]) * rng.choice(R.gens) + _random_poly(R, rng, 1),
        lambda: _random_poly(R, rng, 1) * rng.choice(R.gens) + _random_poly(R, rng, 2),
        lambda: _random_poly(R, rng, 2),
    ]
    ties = [rng.choice(shapes)() for _ in range(rng.randint(1, 2))]
    ties = [t for t in ties if t] or [a - b]
    ideal = _Ideal(ties)
    basis = groebner(ties, R)
    assert ideal.unit == any(g.is_ground for g in basis)
    if ideal.unit:
        return
    for _ in range(6):
        f = _random_poly(R, rng, 3)
        for g in (f, f * ties[0] + rng.randint(-2, 2), f * ties[-1], f * (ties[0] + 1)):
            rem = g.rem(basis)
            assert ideal.vanishes(g) == (not rem), (ties, g)
            want = rem.LC if rem.is_ground else None
            assert ideal.constant(g) == (want if rem else 0), (ties, g)
        h, k = _random_poly(R, rng, 2), _random_poly(R, rng, 2)
        cross = [(h, k * ties[0], h * ties[0], k), (h * k, f + ties[-1] * h, h * (f + ties[0]), k * h)]
        for p, q, r, s in cross:
            assert ideal.vanishes_cross(p, q, r, s) == (not (p * q - r * s).rem(basis)), (ties, p, q, r, s)
