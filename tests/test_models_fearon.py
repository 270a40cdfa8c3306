"""Fearon (1997) with a challenger who may be determined: tying hands carries the greater ex-ante war risk."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp

from alliancegames.analysis.signalling import hybrid_at, pbe_at, perfect_bayesian_equilibria
from alliancegames.core.model import ModelError
from alliancegames.models import CODINGS, get_model
from alliancegames.models.fearon import ex_ante_war_risk


def _points(name: str, n: int, seed: int):
    rng = random.Random(seed)
    for _ in range(n):
        yield {
            s.name: Fraction(str(s.plausible[0]))
            + (Fraction(str(s.plausible[1])) - Fraction(str(s.plausible[0])))
            * Fraction(rng.randint(1, 23), 24)
            for s in CODINGS[name].specs
        }


@pytest.fixture(scope="module")
def games():
    out = {}
    for name in ("sinking_costs_determined", "hands_tying_determined"):
        g = get_model(name)
        s = {q.name: q.symbol for q in g.parameters}
        out[name] = (
            g,
            s,
            perfect_bayesian_equilibria(g, assumptions=[s["v_H"] > s["w_D"], s["w_D"] > s["v_L"]]),
        )
    return out


def test_tying_hands_has_the_greater_ex_ante_war_risk_and_the_better_payoffs(games):
    """Derivation (our coding: v_H > w_D > v_L; with probability q the challenger challenges whatever the signal).

    The defender's payoffs are expectations over the challenger's kind.  Take the relevant range where
    the strategic challenger challenges an unsignalled defender (p < g/(g + w)).

    Sinking costs k: separation (resolute signals, irresolute not) needs the irresolute type not to
    mimic, (1 - q)(v_L - k) + q(-k) <= 0, i.e. k >= (1 - q) v_L, and the resolute type to signal,
    v_H - k - q w_D >= v_H - w_D, i.e. k <= (1 - q) w_D.  Inside that band the pooling profile without
    a signal fails the Intuitive Criterion (the irresolute type cannot gain from the signal, the resolute
    one would if believed).  War: the resolute type is challenged by the determined challenger only:
    risk p q.

    Tying hands (binding: both types fight after the signal): the strategic challenger never challenges
    a signaller.  Signalling gives v - q w_D; not signalling, when challenged there, gives the resolute
    type v_H - w_D (less) and the irresolute type 0.  So both tie their hands iff q <= v_L / w_D, and
    every determined challenge then meets a fight: risk q > p q.  Each type also does better than with
    sunk costs: v_H - q w_D > v_H - k - q w_D, and v_L - q w_D > 0.
    """
    sink, s_s, res_s = games["sinking_costs_determined"]
    tie, s_t, res_t = games["hands_tying_determined"]
    # the symbolic conditions behind the derivation
    (sep,) = [e for e in res_s.of_kind("separating") if dict(e.sender)["resolute"] == "Signal"]
    rels = set(sep.cases[0].args)
    q, k, vL, wD = s_s["q"], s_s["k"], s_s["v_L"], s_s["w_D"]
    (ge,) = [r for r in rels if isinstance(r, sp.GreaterThan)]
    (le,) = [r for r in rels if isinstance(r, sp.LessThan)]
    assert len(rels) == 2 and ge.lhs == q == le.lhs  # q >= 1 - k/v_L and q <= 1 - k/w_D
    assert sp.simplify(ge.rhs - (1 - k / vL)) == 0 and sp.simplify(le.rhs - (1 - k / wD)) == 0
    pool = [e for e in res_t if e.profile == (("Signal", "Signal"), ("Not challenge", "Challenge"))]
    assert len(pool) == 1 and pool[0].cases == (s_t["q"] <= s_t["v_L"] / s_t["w_D"],)
    # the ranking at sampled points of the coded ranges inside the relevant range, exactly
    inside = 0
    for pt in _points("sinking_costs_determined", 250, seed=97):
        P, Q, K = pt["p"], pt["q"], pt["k"]
        if not (
            P < pt["g"] / (pt["g"] + pt["w"])
            and Q < pt["v_L"] / pt["w_D"]
            and (1 - Q) * pt["v_L"] < K < (1 - Q) * pt["w_D"]
        ):
            continue
        inside += 1
        tpt = {n: v for n, v in pt.items() if n != "k"} | {"a": 2}
        risks_s = {ex_ante_war_risk(sink, e, pt) for e in res_s.at(pt, intuitive=True)}
        risks_t = {ex_ante_war_risk(tie, e, tpt) for e in res_t.at(tpt, intuitive=True)}
        assert risks_s == {P * Q} and risks_t == {Q}, (pt, risks_s, risks_t)
        (es,) = {e.kind for e in res_s.at(pt, intuitive=True)}
        assert es == "separating"
        pay_s = dict(res_s.at(pt, intuitive=True)[0].payoffs)
        pay_t = dict(res_t.at(tpt, intuitive=True)[0].payoffs)
        for t in ("resolute", "irresolute"):
            sub_s = {x.symbol: pt[x.name] for x in sink.parameters}
            sub_t = {x.symbol: tpt[x.name] for x in tie.parameters}
            assert pay_t[t].xreplace(sub_t) > pay_s[t].xreplace(sub_s)
    assert inside >= 10


def test_outside_the_range_the_risks_agree_or_the_binary_models_return(games):
    """With q > v_L / w_D the irresolute type does not tie its hands either: both instruments separate, risk p q.

    At q = 0 the determined-challenger games are the binary models.
    """
    sink, _, res_s = games["sinking_costs_determined"]
    tie, _, res_t = games["hands_tying_determined"]
    pt = {"p": Fraction(1, 5), "q": Fraction(2, 5), "v_H": 4, "v_L": Fraction(1, 2), "w_D": 2, "g": 2, "w": 3}
    spt = pt | {"k": 1}  # (1 - q) v_L = 3/10 < 1 < 6/5 = (1 - q) w_D
    tpt = pt | {"a": 2}
    assert {ex_ante_war_risk(sink, e, spt) for e in res_s.at(spt, intuitive=True)} == {Fraction(2, 25)}
    assert {ex_ante_war_risk(tie, e, tpt) for e in res_t.at(tpt, intuitive=True)} == {Fraction(2, 25)}
    for name, base in (
        ("sinking_costs_determined", "sinking_costs"),
        ("hands_tying_determined", "hands_tying"),
    ):
        g, b = get_model(name), get_model(base)
        qsym = [x.symbol for x in g.parameters if x.name == "q"][0]
        assert {k: tuple(sp.expand(u.subs(qsym, 0)) for u in v) for k, v in g.payoffs} == {
            k: tuple(sp.expand(u) for u in v) for k, v in b.payoffs
        }


@pytest.mark.parametrize("name", ["sinking_costs_determined", "hands_tying_determined"])
def test_symbolic_pieces_agree_with_the_direct_check(games, name):
    game, _, res = games[name]
    for pt in _points(name, 25, seed=3):
        if not pt["v_H"] > pt["w_D"] > pt["v_L"]:
            continue
        assert {e.profile for e in res.at(pt)} == pbe_at(game, pt) | set(hybrid_at(game, pt)), pt


def test_war_risk_refuses_other_games():
    with pytest.raises(ModelError, match="determined-challenger"):
        ex_ante_war_risk(get_model("sinking_costs"), None, {})
