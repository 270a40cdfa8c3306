"""Deterrence trees, Benson's trade-off, Cha's quasi-alliance, intra-alliance bargaining, arm or ally."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy as sp

from alliancegames.analysis import tree
from alliancegames.models import (
    alliance_bargaining,
    arm_or_ally,
    at_defaults,
    commitment_tradeoff,
    deterrence_model,
    extended_deterrence,
    probabilistic_commitment,
    quasi_alliance,
)
from alliancegames.solvers.enumeration import solve


def _threshold(bi, root_action, pname):
    """The value of parameter ``pname`` where the cases choosing ``root_action`` at the root stop holding."""
    (case,) = [c for c in bi if c.choices[0][2] == root_action]
    rel = case.conditions
    sym = [s for s in rel.free_symbols if s.name == pname][0]
    return sp.solve(sp.Eq(rel.lhs, rel.rhs), sym)[0]


@pytest.mark.parametrize("u_sq, u_win, u_war", [(0, 1, -1), (0, 2, -3), (F(1, 2), 1, F(-1, 2))])
def test_deterrence_threshold_comes_out_of_the_tree(u_sq, u_win, u_war):
    t = deterrence_model(u_sq=u_sq, u_win=u_win, u_war=u_war)
    fixed = {p.name: p.default for p in t.parameters if p.name != "p_resist"}
    bi = tree.backward_induction(t.substitute(fixed), ties="strict")
    assert _threshold(bi, "Challenge", "p_resist") == sp.nsimplify(F(u_win - u_sq) / F(u_win - u_war))


@pytest.mark.parametrize("u_sq, u_win, u_war", [(0, 1, -1), (0, 2, F(-3, 2)), (F(1, 2), 1, F(-1, 2))])
def test_extended_deterrence_two_player_limit(u_sq, u_win, u_war):
    # defaults: an unsupported protégé concedes, a supported one resists, the challenger fights
    t = extended_deterrence(u_sq=u_sq, u_win=u_win, u_war=u_war)
    fixed = {p.name: p.default for p in t.parameters if p.name != "pi_support"}
    bi = tree.backward_induction(t.substitute(fixed), ties="strict")
    thr = sp.nsimplify(F(u_win - u_sq) / F(u_win - u_war))
    assert _threshold(bi, "Demand", "pi_support") == thr
    for pi in (thr / 2, (1 + thr) / 2):
        (case,) = tree.backward_induction(at_defaults(t, pi_support=pi), ties="strict")
        assert case.choices[0][2] == ("Demand" if pi < thr else "No demand")


def test_realignment_threat_deters_at_every_support_level():
    t = extended_deterrence(
        v_realign=F(-1, 2), u_realign=-1
    )  # realigning beats conceding; costs the challenger
    for pi in (0, F(1, 4), F(1, 2), 1):
        (case,) = tree.backward_induction(at_defaults(t, pi_support=pi), ties="strict")
        assert case.choices[0][2] == "No demand"


def test_probabilistic_commitment_window_matches_backward_induction():
    ct = commitment_tradeoff()
    d = ct.defaults
    pi_d = ct.pi_deter.subs({ct.symbols[k]: v for k, v in d.items()})
    pi_m = ct.pi_moral_hazard.subs({ct.symbols[k]: v for k, v in d.items()})
    assert (pi_d, pi_m) == (sp.Rational(1, 6), sp.Rational(5, 6))  # (0.45-0.3-0.1)/0.3, (0.45-0.3+0.1)/0.3
    for pi in [F(k, 12) for k in range(13) if F(k, 12) not in (F(1, 6), F(5, 6))]:
        cases = tree.backward_induction(at_defaults(probabilistic_commitment(), pi_support=pi), ties="all")
        paths = {c.path for c in cases}
        expected = ct.outcome(pi_support=pi)
        if expected == "peace":
            assert paths == {("Not", "Accept")}
        elif expected == "attack":
            assert paths == {("Attack",)}
        else:  # the protégé revises; the adversary is indifferent between attacking and waiting
            assert ("Not", "Revise") in paths and ("Not", "Accept") not in paths
    assert (
        sp.simplify(
            ct.window - (ct.symbols["c_adversary"] + ct.symbols["c_protege"]) / ct.symbols["delta_support"]
        )
        == 0
    )


def test_quasi_alliance_symmetric_vs_asymmetric_fears():
    sym = solve(quasi_alliance(), exact=True)
    assert {"Cooperate/Cooperate", "Friction/Friction"} <= set(sym.labels)
    coop = [e for e in sym if e.label == "Cooperate/Cooperate"][0]
    fric = [e for e in sym if e.label == "Friction/Friction"][0]
    assert all(c > f for c, f in zip(coop.payoffs, fric.payoffs))
    asym = solve(quasi_alliance(fa_2=0, fe_2=6), exact=True)  # state 2 fears entrapment
    assert asym.labels == ("Friction/Friction",)
    # a stronger patron commitment removes cooperation (Cha: friction when reassured)
    assert solve(quasi_alliance(kappa_patron=F(9, 10)), exact=True).labels == ("Friction/Friction",)


def test_alliance_bargaining_warsaw_pact_and_nato_readings():
    (wp,) = tree.backward_induction(at_defaults(alliance_bargaining()), ties="strict")
    assert wp.strategy("Hegemon")["Exit"] == "Intervene" and wp.path[0] != "Exit"
    # without a credible intervention (cost above the hegemon's stake) the member leaves
    (nato,) = tree.backward_induction(at_defaults(alliance_bargaining(), c_hegemon=8), ties="strict")
    assert nato.path == ("Exit", "Let go")
    # and stays if it values the alliance above its outside option
    (stay,) = tree.backward_induction(
        at_defaults(alliance_bargaining(), c_hegemon=8, o_member=0), ties="strict"
    )
    assert stay.path[0] != "Exit"


def test_arm_or_ally_reliability():
    assert solve(arm_or_ally(q_support=F(9, 10)), exact=True).labels == ("Rely/Refrain",)
    mixes = []
    for q in (F(0), F(1, 4), F(1, 2)):
        sol = solve(arm_or_ally(q_support=q), exact=True)
        (eq,) = sol
        assert not eq.is_pure
        mixes.append(eq.strategies[0][0])  # probability of arming
    assert mixes == sorted(mixes, reverse=True) and mixes[0] > mixes[-1]
