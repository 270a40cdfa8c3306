"""Tests for alliancegames.analysis.regions: textbook conditions, agreement with the exact solver,
comparative statics and partitions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from _budget import examples
from _games import random_linear_game
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancegames.analysis.conditions import decide, normalize, simplify_conditions
from alliancegames.analysis.partitions import Partition1D, Partition2D, partition
from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.statics import comparative_statics
from alliancegames.core.model import ModelError, normal_form, parameter
from alliancegames.core.numeric import evaluate
from alliancegames.solvers.enumeration import solve

ACT = (("C", "D"), ("C", "D"))


def _same(a, b) -> bool:
    """The same relation up to orientation (``T <= R`` is ``R >= T``)."""
    if a in (sp.true, sp.false) or b in (sp.true, sp.false):
        return a == b
    return a.canonical == b.canonical


# ------------------------------------------------------------------ textbook games
def prisoners_dilemma():
    """T > R > P > S (Rapoport & Chammah 1965, Prisoner's Dilemma)."""
    T, R, P, S = (parameter(n) for n in ("T", "R", "P", "S"))
    g = normal_form("PD", ("A", "B"), ACT, [T, R, P, S], [[("R", "R"), ("S", "T")], [("T", "S"), ("P", "P")]])
    t, r, p, s = (x.symbol for x in (T, R, P, S))
    return g, [t > r, r > p, p > s]


def stag_hunt():
    """Stag s (only together), hare h alone; textbook assumption s > h > 0."""
    s, h = parameter("s", "stag", "positive"), parameter("h", "hare", "positive")
    g = normal_form(
        "stag hunt",
        ("A", "B"),
        (("Stag", "Hare"),) * 2,
        [s, h],
        [[("s", "s"), (0, "h")], [("h", 0), ("h", "h")]],
    )
    return g, s.symbol, h.symbol


def chicken():
    """Swerve/Swerve 0, Straight against Swerve wins 1 (loser -1), crash -c."""
    c = parameter("c", "cost of a crash", "positive")
    g = normal_form(
        "chicken",
        ("A", "B"),
        (("Swerve", "Straight"),) * 2,
        [c],
        [[(0, 0), (-1, 1)], [(1, -1), (-c.symbol, -c.symbol)]],
    )
    return g, c.symbol


def battle_of_sexes():
    """Both prefer to meet; row prefers Opera (a) to Fight (b), column the reverse; a > b > 0."""
    a, b = parameter("a", "", "positive"), parameter("b", "", "positive")
    g = normal_form(
        "BoS", ("Row", "Col"), (("Opera", "Fight"),) * 2, [a, b], [[("a", "b"), (0, 0)], [(0, 0), ("b", "a")]]
    )
    return g, a.symbol, b.symbol


def test_prisoners_dilemma_has_only_mutual_defection():
    g, assumptions = prisoners_dilemma()
    reg = equilibrium_regions(g, assumptions=assumptions)
    assert [(p.label, p.conditions) for p in reg.pieces] == [("D/D", sp.true)]
    assert any(lab.startswith("mixed") for lab, _ in reg.dropped)
    assert reg.at({"T": 5, "R": 3, "P": 1, "S": 0}) == [("D/D", ((0, 1), (0, 1)))]


def test_prisoners_dilemma_without_ordering_gives_textbook_conditions():
    g, _ = prisoners_dilemma()
    reg = equilibrium_regions(g)
    (cc,) = [p for p in reg.generic if p.label == "C/C"]
    # (C, C) is an equilibrium iff R >= T (no gain from defecting)
    assert _same(cc.conditions, sp.Symbol("R", real=True) >= sp.Symbol("T", real=True))


def test_stag_hunt_regions_and_mixed_probability():
    g, s, h = stag_hunt()
    reg = equilibrium_regions(g, assumptions=[s > h])
    labels = {p.label: p for p in reg.generic}
    assert set(labels) == {"Stag/Stag", "Hare/Hare", "mixed (Stag,Hare / Stag,Hare)"}
    assert all(p.conditions == sp.true for p in labels.values())
    mixed = labels["mixed (Stag,Hare / Stag,Hare)"]
    # indifference: s*q = h  =>  q = h/s
    assert sp.simplify(mixed.strategies[1][0] - h / s) == 0
    assert sp.simplify(mixed.payoffs[0] - h) == 0
    # without s > h the stag equilibrium needs s >= h
    reg0 = equilibrium_regions(g)
    (ss,) = reg0.by_label("Stag/Stag")
    assert _same(ss.conditions, s >= h)


def test_chicken_textbook_conditions():
    g, c = chicken()
    reg = equilibrium_regions(g)
    conds = {p.label: p.conditions for p in reg.generic}
    assert _same(conds["Swerve/Straight"], c >= 1)
    assert _same(conds["Straight/Swerve"], c >= 1)
    assert _same(conds["Straight/Straight"], c <= 1)
    assert _same(conds["mixed (Swerve,Straight / Swerve,Straight)"], c > 1)
    (mixed,) = reg.by_label("mixed (Swerve,Straight / Swerve,Straight)")
    # indifference of the row player: -q_straight = (1 - q_straight) - c*q_straight => q_straight = 1/c
    assert sp.simplify(mixed.strategies[1][1] - 1 / c) == 0
    assert sp.simplify(mixed.strategies[0][0] - (c - 1) / c) == 0


def test_battle_of_the_sexes_mixed_equilibrium():
    g, a, b = battle_of_sexes()
    reg = equilibrium_regions(g, assumptions=[a > b])
    (mixed,) = reg.by_label("mixed (Opera,Fight / Opera,Fight)")
    # column indifferent: b*x = a*(1 - x)  =>  x = a/(a+b)
    assert sp.simplify(mixed.strategies[0][0] - a / (a + b)) == 0
    assert sp.simplify(mixed.strategies[1][0] - b / (a + b)) == 0
    assert sp.simplify(mixed.payoffs[0] - a * b / (a + b)) == 0
    assert {p.label for p in reg.generic} == {
        "Opera/Opera",
        "Fight/Fight",
        "mixed (Opera,Fight / Opera,Fight)",
    }


@pytest.mark.parametrize(
    "game, point",
    [
        ("pd", {"T": 5, "R": 3, "P": 1, "S": 0}),
        ("pd", {"T": 3, "R": 3, "P": 1, "S": 1}),
        ("stag", {"s": 4, "h": 1}),
        ("stag", {"s": 2, "h": 2}),
        ("chicken", {"c": 1}),
        ("chicken", {"c": Fraction(5, 2)}),
        ("chicken", {"c": Fraction(1, 3)}),
        ("bos", {"a": 2, "b": 1}),
        ("bos", {"a": 1, "b": 1}),
    ],
)
def test_textbook_regions_agree_with_solver(game, point):
    g = {"pd": prisoners_dilemma, "stag": stag_hunt, "chicken": chicken, "bos": battle_of_sexes}[game]()[0]
    reg = equilibrium_regions(g)
    got = reg.at(point)
    want = solve(evaluate(g, point), exact=True)
    assert [prof for _, prof in got] == [e.strategies for e in want]
    assert [lab for lab, _ in got] == list(want.labels)


def test_at_checks_assumptions_and_domains():
    g, c = chicken()
    reg = equilibrium_regions(g, assumptions=[c > 1])
    with pytest.raises(ModelError, match="violates the assumption"):
        reg.at({"c": Fraction(1, 2)})
    with pytest.raises(ModelError):
        reg.at({"c": -1})


def test_displays():
    g, c = chicken()
    reg = equilibrium_regions(g)
    tex = reg.to_latex()
    assert tex.startswith(r"\begin{tabular}") and r"c \geq 1" in tex
    assert tex.count(r"\\") == 1 + len(reg.generic)
    html = reg._repr_html_()
    assert "<table>" in html and "Swerve/Straight" in html
    assert "chicken" in str(reg)


# --------------------------------------------------- agreement property (hypothesis)
PARAMS = [parameter("a"), parameter("b"), parameter("q", "a probability", "probability")]


@st.composite
def linear_games(draw, shapes=((2, 2), (2, 3), (3, 2))):
    return random_linear_game(draw, PARAMS, shapes)


def _rational(draw, lo, hi):
    return Fraction(draw(st.integers(lo, hi)), draw(st.integers(1, 4)))


def _point(draw, g):
    pt = {"a": _rational(draw, -8, 8), "b": _rational(draw, -8, 8)}
    if "q" in g.parameter_names:
        pt["q"] = Fraction(draw(st.integers(0, 4)), 4)
    return pt


def _agree(g, reg, pt):
    got = [prof for _, prof in reg.at(pt)]
    sol = solve(evaluate(g, pt), exact=True)
    want = [e.strategies for e in sol]
    assert got == want, (g.payoffs, pt)
    assert [lab for lab, _ in reg.at(pt)] == list(sol.labels)


# quick: a few 2x2 games; --runslow: 30 games of every shape
SHAPES = ((2, 2), (2, 3), (3, 2))[: examples(1, 3)]


@settings(deadline=None, max_examples=examples(4, 30))
@given(st.data())
def test_regions_agree_with_solver_at_random_points(data):
    g = data.draw(linear_games(SHAPES))
    reg = equilibrium_regions(g)
    for _ in range(3):
        _agree(g, reg, _point(data.draw, g))


@settings(deadline=None, max_examples=examples(4, 30))
@given(st.data())
def test_regions_agree_with_solver_on_boundaries(data):
    _boundaries(data, SHAPES)


def _boundaries(data, shapes):
    """Points placed exactly on a condition's boundary or a limit's tie: solve its equality for ``a``."""
    g = data.draw(linear_games(shapes))
    reg = equilibrium_regions(g)
    a = g.parameter("a").symbol
    atoms = [
        r
        for p in reg.pieces
        for case in (p.conditions.args if isinstance(p.conditions, sp.Or) else [p.conditions])
        for r in (case.args if isinstance(case, sp.And) else [case])
    ]
    atoms += [r for lim in reg.limits for r in lim.ties]  # where limits of listed pieces hold
    atoms = [r for r in atoms if r not in (sp.true, sp.false) and a in r.free_symbols]
    if not atoms:
        _agree(g, reg, _point(data.draw, g))
        return
    rel = data.draw(st.sampled_from(atoms))
    pt = _point(data.draw, g)
    others = {g.parameter(k).symbol: v for k, v in pt.items() if k != "a"}
    roots = [r for r in sp.solve(sp.Eq((rel.lhs - rel.rhs).xreplace(others), 0), a) if r.is_Rational]
    if roots:
        pt["a"] = Fraction(int(roots[0].p), int(roots[0].q))
    _agree(g, reg, pt)


def test_degenerate_boundary_needs_unequal_supports():
    # column player indifferent when row plays r0 (t = 0): then (r0, mixed y) extreme equilibria exist
    t = parameter("t")
    g = normal_form(
        "tie", ("R", "C"), (("r0", "r1"), ("c0", "c1")), [t], [[(2, 0), (0, "t")], [(1, 1), (1, 0)]]
    )
    reg = equilibrium_regions(g)
    pt = {"t": 0}
    got = reg.at(pt)
    want = solve(evaluate(g, pt), exact=True)
    assert [p for _, p in got] == [e.strategies for e in want]
    # the (r0, mixed y) equilibrium at the tie is the mixed piece's formula there (x = (1, 0)): a limit
    (limit,) = [lim for lim in reg.limits if lim.holds_at(pt)]
    assert limit.label == "mixed (r0 / c0,c1)" and limit.of == "mixed (r0,r1 / c0,c1)"
    assert ("mixed (r0 / c0,c1)", limit.evaluate(pt)) in got
    assert not any(p.holds_at(pt) for p in reg.pieces if p.label == limit.label)


# ----------------------------------------------------------- condition machinery
def test_decide_and_normalize_under_orderings():
    x, y, z = sp.symbols("x y z", real=True)
    assert decide(x > z, [x > y, y > z]) is True
    assert decide(x < z, [x > y, y > z]) is False
    assert decide(x > z, [x > y]) is None
    p = sp.Symbol("p", nonnegative=True)
    rel = normalize(p * z + (1 - p) * x > y, [x > y, y > z], prefer=[p])
    assert rel.lhs == p and isinstance(rel, sp.StrictLessThan)
    assert sp.simplify(rel.rhs - (x - y) / (x - z)) == 0
    assert simplify_conditions([x >= y, x <= y]) == sp.Eq(x, y)
    assert simplify_conditions([x > 1, x > 2]) == (x > 2)


# ----------------------------------------------------------- comparative statics
def test_comparative_statics_signs():
    g, s, h = stag_hunt()
    reg = equilibrium_regions(g, assumptions=[s > h])
    (mixed,) = reg.by_label("mixed (Stag,Hare / Stag,Hare)")
    st_s = comparative_statics(mixed, "s", of=(0, "Stag"))
    assert st_s.sign == "negative" and st_s.sentence == "raising s lowers P(Stag)"
    st_h = comparative_statics(mixed, "h", of=(1, "Stag"))
    assert st_h.sign == "positive" and sp.simplify(st_h.derivative - 1 / s) == 0
    assert comparative_statics(mixed, "s", of=("payoff", 0)).sign == "zero"  # payoff h
    gc, c = chicken()
    (mixed_c,) = equilibrium_regions(gc).by_label("mixed (Swerve,Straight / Swerve,Straight)")
    # P(Swerve) = (c-1)/c rises with the cost of a crash: derivative 1/c**2
    st_c = comparative_statics(mixed_c, "c", of=(0, "Swerve"))
    assert st_c.sign == "positive" and sp.simplify(st_c.derivative - 1 / c**2) == 0
    u, v = sp.symbols("u v", real=True)
    assert comparative_statics(u * v, "u").sign == "undetermined"
    with pytest.raises(ModelError):
        comparative_statics(mixed, "s")


# ----------------------------------------------------------------- partitions
def test_partition_one_parameter_chicken():
    g, c = chicken()
    part = partition(g, {"c": (0, 3)})
    assert isinstance(part, Partition1D)
    assert part.sets["Straight/Straight"] == sp.Interval.Lopen(0, 1)
    assert part.sets["mixed (Swerve,Straight / Swerve,Straight)"] == sp.Interval.Lopen(1, 3)
    assert [len(cell.labels) for cell in part.cells] == [1, 3, 3]


def test_partition_two_parameters_boundaries():
    g, s, h = stag_hunt()
    part = partition(g, {"s": (Fraction(1, 10), 3), "h": (Fraction(1, 10), 3)}, samples=60)
    assert isinstance(part, Partition2D)
    exprs = {b.expr for b in part.boundaries}
    assert sp.expand(s - h) in exprs or sp.expand(h - s) in exprs
    (bd,) = [
        b for b in part.boundaries if sp.expand(b.expr - (s - h)) == 0 or sp.expand(b.expr + (s - h)) == 0
    ]
    pts = bd.points
    assert pts.shape[1] == 2 and len(pts) > 10
    assert np.allclose(pts[:, 0], pts[:, 1], atol=1e-6)  # the diagonal s = h
    assert set(part.labels_at(2, 1)) == {"Stag/Stag", "Hare/Hare", "mixed (Stag,Hare / Stag,Hare)"}
    assert part.labels_at(1, 2) == ("Hare/Hare",)


def test_partition_fixes_other_parameters():
    g, a, b = battle_of_sexes()
    part = partition(g, {"a": (0, 4)}, {"b": 1})
    mixed = part.sets["mixed (Opera,Fight / Opera,Fight)"]
    assert mixed == sp.Interval.Lopen(0, 4)
    with pytest.raises(ModelError, match="both free and fixed"):
        partition(g, {"a": (0, 4)}, {"a": 1})


def test_statics_sign_nonlinear_factor_from_a_stated_relation():
    """A factor such as c*p - v is signed by a relation that states it (p*c > v), not only linearly."""
    import sympy as sp

    from alliancegames.core.model import parameter

    v, c, e, p = (
        parameter(n, "", d)
        for n, d in (("v", "positive"), ("c", "positive"), ("e", "positive"), ("p", "probability"))
    )
    V, C, E, P = v.symbol, c.symbol, e.symbol, p.symbol
    expr = -E * P / (C * P - V)  # d/de = -p/(c p - v): its sign is the sign of v - c p
    params = (v, c, e, p)
    for extra, want in (([P * C > V, P > 0], "negative"), ([P * C < V, P > 0], "positive")):
        st = comparative_statics(expr, "e", assumptions=extra, parameters=params)
        assert st.sign == want, (extra, st.sign)
    st = comparative_statics(expr, "e", parameters=params)
    assert st.sign == "undetermined"
    assert sp.simplify(st.derivative + P / (C * P - V)) == 0


def test_regions_of_non_polynomial_payoffs_agree_with_solve():
    """Cobb-Douglas payoffs ((I - q)**(1 - alpha) ...) are not polynomials; regions must still work."""
    from alliancegames import solve
    from alliancegames.models import get_model

    model = get_model("burden_sharing_matrix")
    regions = equilibrium_regions(model)
    assert [label for label, _ in regions.at({})] == list(solve(model).labels)
