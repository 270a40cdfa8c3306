"""Snyder's alliance, adversary, composite and primary games: regions and comparative statics."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp

from alliancegames.models import alliance_adversary, primary_alliance, snyder_adversary, snyder_alliance
from alliancegames.solvers.enumeration import solve


def _kinds(sol):
    return sorted(("mixed" if not e.is_pure else e.label) for e in sol)


# Representative points, one per region; the expected sets follow from D_F = v - p e and
# D_W = p (a - e) (derived by hand in the docstring, independent of the solver).
@pytest.mark.parametrize(
    "point, expected",
    [
        (dict(v_protect=3, c_abandon=4, c_entrap=2, p_conflict=F(1, 2)), ["Firm/Firm"]),
        (dict(v_protect=1, c_abandon=1, c_entrap=4, p_conflict=F(1, 2)), ["Weak/Weak"]),
        (dict(v_protect=3, c_abandon=2, c_entrap=4, p_conflict=F(1, 2)), ["Firm/Firm", "Weak/Weak", "mixed"]),
        (
            dict(v_protect=F(1, 2), c_abandon=4, c_entrap=2, p_conflict=F(1, 2)),
            ["Firm/Weak", "Weak/Firm", "mixed"],
        ),
    ],
)
def test_snyder_alliance_regions_at_representative_points(point, expected):
    assert _kinds(solve(snyder_alliance(), params=point, exact=True)) == sorted(expected)


def _mixed_firm(point):
    (eq,) = [e for e in solve(snyder_alliance(), params=point, exact=True) if not e.is_pure]
    return eq.strategies[0][0]


def test_mixed_probability_of_firm_matches_closed_form():
    for v, a, e, p in [(3, 2, 4, F(1, 2)), (F(1, 2), 4, 2, F(1, 2)), (5, 1, 6, F(3, 4)), (1, 5, 4, F(1, 2))]:
        point = dict(v_protect=v, c_abandon=a, c_entrap=e, p_conflict=p)
        assert _mixed_firm(point) == F(p * (e - a)) / F(v - p * a)


def test_raising_entrapment_cost_moves_toward_weak_commitment():
    base = dict(v_protect=F(1, 2), c_abandon=4, p_conflict=F(1, 2))
    # chicken region: the mixed probability of Firm falls as c_entrap rises
    probs = [_mixed_firm({**base, "c_entrap": e}) for e in (F(3, 2), 2, F(5, 2), 3)]
    assert probs == sorted(probs, reverse=True) and probs[0] > probs[-1]

    # the both-firm region shrinks: count grid points where Firm/Firm is an equilibrium
    def ff_count(e):
        n = 0
        for v in range(1, 7):
            for a in range(1, 7):
                sol = solve(snyder_alliance(), params=dict(v_protect=v, c_abandon=a, c_entrap=e), exact=True)
                n += "Firm/Firm" in sol.labels
        return n

    counts = [ff_count(e) for e in (1, 3, 5, 7)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_symbolic_comparative_statics_of_mixed_probability():
    m = snyder_alliance()
    v, a, e, p = (m.symbols[k] for k in ("v_protect", "c_abandon", "c_entrap", "p_conflict"))
    sigma = p * (a - e) / (p * a - v)  # chicken region: v < p e < p a
    d = sp.diff(sigma, e)
    assert sp.simplify(d - (-p / (p * a - v))) == 0  # negative whenever p a > v


def test_regions_machinery_agrees_and_entrapment_shrinks_firm_region():
    from alliancegames.analysis import regions

    reg = regions.equilibrium_regions(snyder_alliance())
    ff = [pc for pc in reg.pieces if pc.label == "Firm/Firm"]
    assert ff

    def holds(pt):
        return any(pc.holds_at(pt) for pc in ff)

    pts = [
        dict(v_protect=v, c_abandon=a, c_entrap=e, p_conflict=F(1, 2))
        for v in (1, 3, 5)
        for a in (1, 3, 5)
        for e in (2, 4, 6)
    ]
    for pt in pts:
        assert holds(pt) == ("Firm/Firm" in solve(snyder_alliance(), params=pt, exact=True).labels)
    # monotone: if Firm/Firm holds at c_entrap = e it holds at any smaller c_entrap
    for pt in pts:
        if holds(pt):
            assert holds({**pt, "c_entrap": pt["c_entrap"] - 1})


def test_adversary_game_chicken_and_spiral():
    sol = solve(snyder_adversary(), exact=True)  # v=4, c=6: chicken
    assert _kinds(sol) == ["Conciliate/Firm", "Firm/Conciliate", "mixed"]
    (mixed,) = [e for e in sol if not e.is_pure]
    assert mixed.strategies[0][0] == F(4, 2 * 6)  # v / (2c)
    assert solve(snyder_adversary(c_spiral=1), exact=True).labels == ("Firm/Firm",)  # c < v/2: spiral


def test_composite_reduces_to_adversary_game_and_fears_move_firmness():
    zero = dict(c_abandon=0, c_entrap=0)
    A1 = solve(alliance_adversary(), params=zero, exact=True)
    A2 = solve(snyder_adversary(), exact=True)
    assert [e.strategies for e in A1] == [e.strategies for e in A2]

    def sigma(**kw):
        (eq,) = [e for e in solve(alliance_adversary(), params=kw, exact=True) if not e.is_pure]
        return eq.strategies[0][0]

    # closed form (v/2 + p_r a - p_c e)/c at the defaults: (2 + 3/2 - 2)/6 = 1/4
    assert sigma() == F(1, 4)
    assert sigma(c_abandon=4) > sigma() > sigma(c_entrap=F(9, 2))


def test_primary_game_unique_dd_pareto_dominated():
    for point in [
        {},
        dict(g_advantage=F(3, 2), k_cost=F(1, 5), l_isolation=4),
        dict(k_cost=1, l_isolation=F(6, 5)),
    ]:
        sol = solve(primary_alliance(), params=point, exact=True)
        assert sol.labels == ("Ally/Ally",)
        (eq,) = sol
        cc = [solve_payoff for solve_payoff in _payoff(point, "Abstain", "Abstain")]
        assert all(c > u for c, u in zip(cc, eq.payoffs))


def _payoff(point, r, c):
    from alliancegames.core.numeric import evaluate

    m = primary_alliance()
    g = evaluate(m, point)
    i, j = m.actions[0].index(r), m.actions[1].index(c)
    return g.A[i, j], g.B[i, j]
