"""Literature models of incomplete information: the results each must reproduce, derived by the toolkit."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp

from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.signalling import hybrid_at, pbe_at, perfect_bayesian_equilibria
from alliancegames.core.bayesian import per_type
from alliancegames.models import CODINGS, get_model
from alliancegames.solvers.enumeration import solve


def _points(name: str, n: int, seed: int):
    specs = CODINGS[name].specs
    rng = random.Random(seed)
    for _ in range(n):
        yield {
            s.name: Fraction(str(s.plausible[0]))
            + (Fraction(str(s.plausible[1])) - Fraction(str(s.plausible[0])))
            * Fraction(rng.randint(0, 20), 20)
            for s in specs
        }


@pytest.fixture(scope="module")
def morrow():
    game = get_model("costly_alliance")
    return game, perfect_bayesian_equilibria(game)


def test_morrow_alliance_separates_exactly_where_its_cost_is_between_the_types_stakes(morrow):
    game, res = morrow
    s = {p.name: p.symbol for p in game.parameters}
    sep = [e for e in res.of_kind("separating") if dict(e.sender)["resolute"] == "Ally"]
    assert len(sep) == 1
    assert sep[0].cases == (sp.And(s["c"] >= s["v"], s["c"] <= s["f"]),)
    assert dict(sep[0].receiver) == {"Ally": "Not challenge", "Stay unaligned": "Challenge"}
    # the mimicking separation (irresolute allies, resolute stays) never is one
    assert not [e for e in res.of_kind("separating") if dict(e.sender)["irresolute"] == "Ally"]


def test_morrow_alliance_lowers_the_prior_needed_to_deter(morrow):
    game, res = morrow
    s = {p.name: p.symbol for p in game.parameters}
    p, g, w, k = s["p"], s["g"], s["w"], s["k"]
    pool_ally = [
        e for e in res if e.profile[0] == ("Ally", "Ally") and dict(e.receiver)["Ally"] == "Not challenge"
    ]
    pool_stay = [
        e
        for e in res
        if e.profile[0] == ("Stay unaligned",) * 2 and dict(e.receiver)["Stay unaligned"] == "Not challenge"
    ]
    ally_thresholds = {
        r.rhs for e in pool_ally for c in e.cases for r in c.args if getattr(r, "lhs", None) == p
    }
    stay_thresholds = {
        r.rhs
        for e in pool_stay
        for c in e.cases
        for r in (c.args if isinstance(c, sp.And) else [c])
        if getattr(r, "lhs", None) == p
    }
    assert ally_thresholds == {g / (g + k + w)} and stay_thresholds == {g / (g + w)}
    assert sp.simplify(g / (g + w) - g / (g + k + w)).is_positive  # k > 0: allying deters from a lower prior


def test_morrow_only_the_separating_equilibrium_survives_the_intuitive_criterion(morrow):
    """Where v < c < f and the prior is low, the alliance reveals resolve (derived, at coded points)."""
    game, res = morrow
    checked = 0
    for pt in _points("costly_alliance", 60, seed=5):
        if not (pt["v"] < pt["c"] < pt["f"] and pt["p"] < pt["g"] / (pt["g"] + pt["w"])):
            continue
        checked += 1
        assert {e.profile for e in res.at(pt)} == pbe_at(game, pt)
        survivors = res.at(pt, intuitive=True)
        assert [e.kind for e in survivors] == ["separating"], pt
        assert dict(survivors[0].sender) == {"resolute": "Ally", "irresolute": "Stay unaligned"}
    assert checked >= 5


def _at(expr, game, point):
    return Fraction(
        str(sp.nsimplify(sp.sympify(expr).subs({q.symbol: point[q.name] for q in game.parameters})))
    )


def _war_risk(game, eq, point):
    """Ex-ante probability that the challenger challenges a defender who fights, on the path (behaviour strategies)."""
    prior = {t: _at(pr, game, point) for t, pr in game.prior}
    s, r = eq.behaviour()
    risk = Fraction(0)
    for t in game.types:
        for m, q in s[t].items():
            fights = t == "resolute" or (game.name.startswith("Tying") and m == "Signal")
            if fights:
                risk += prior[t] * _at(q, game, point) * _at(r[m].get("Challenge", 0), game, point)
    return risk


def _called_bluffs(game, eq, point):
    """Types that send the signal, are challenged on the path and then back down (with positive probability)."""
    s, r = eq.behaviour()
    out = []
    for t in game.types:
        q = _at(s[t].get("Signal", 0), game, point)
        fights = t == "resolute" or game.name.startswith("Tying")
        if q > 0 and _at(r["Signal"].get("Challenge", 0), game, point) > 0 and not fights:
            out.append(t)
    return out


@pytest.mark.parametrize("name", ["sinking_costs", "hands_tying"])
def test_fearon_no_bluffing_in_equilibrium(name):
    """No called bluff: everywhere under tied hands; under sunk costs wherever k >= v_L (see the next test)."""
    game = get_model(name)
    res = perfect_bayesian_equilibria(game)
    checked = 0
    for pt in _points(name, 60, seed=9):
        eqs = res.at(pt)
        assert {e.profile for e in eqs} == pbe_at(game, pt) | set(hybrid_at(game, pt))
        if name == "sinking_costs" and pt["k"] < pt["v_L"]:
            continue
        for e in eqs:
            checked += 1
            assert _called_bluffs(game, e, pt) == []
            # a signal sent by the irresolute type is never challenged: it is wasted, never a called bluff
            if "Signal" in e.behaviour()[0]["irresolute"] and name == "sinking_costs":
                assert dict(e.receiver)["Signal"] == "Not challenge"
    assert checked >= 40


def test_fearon_sunk_cost_bluff_in_the_cheap_signal_hybrid():
    """Our binary coding's exception to "no bluffing": a sunk cost cheaper than the irresolute stake.

    Derivation.  Let the resolute type sink k, the irresolute one sink k with probability s.  Without
    the signal the challenger knows the defender is irresolute and challenges (it gains g).  After the
    signal it mixes only at the belief mu with -w mu + g (1 - mu) = 0, mu = g/(g + w); Bayes gives
    p / (p + (1 - p) s) = g/(g + w), s = p w / (g (1 - p)), in (0, 1) iff p < g/(g + w).  The irresolute
    type is indifferent: no signal gives 0 (challenged, backs down), the signal gives
    (1 - r)(v_L - k) + r(-k) with r the probability of a challenge, so r = (v_L - k)/v_L, in (0, 1) iff
    k < v_L.  The resolute type prefers the signal: v_H - k - r w_D >= v_H - w_D iff k <= w_D (1 - r)
    iff v_L <= w_D, true in the coding.  With probability r the irresolute signaller is challenged and
    backs down: a called bluff.
    """
    game = get_model("sinking_costs")
    s = {p.name: p.symbol for p in game.parameters}
    res = perfect_bayesian_equilibria(game)
    bluffs = [
        e for e in res.of_kind("hybrid") if e.behaviour()[0]["irresolute"].keys() == {"Signal", "No signal"}
    ]
    assert len(bluffs) == 1
    (e,) = bluffs
    g, w, p, k, vL = s["g"], s["w"], s["p"], s["k"], s["v_L"]
    mix = dict(e.mixing)
    assert sp.simplify(mix["sigma"] - p * w / (g * (1 - p))) == 0
    assert sp.simplify(mix["rho"] - (vL - k) / vL) == 0 and dict(e.receiver)["Signal"] == (
        "Challenge",
        "Not challenge",
    )
    assert dict(e.beliefs)["Signal"] == g / (g + w)
    assert set(e.cases[0].args) >= {k < vL, p < g / (g + w)}
    cheap = {"p": Fraction(1, 10), "k": Fraction(1, 2), "v_H": 4, "v_L": 1, "w_D": 2, "g": 1, "w": 1}
    assert e.holds_at(cheap) and _called_bluffs(game, e, cheap) == ["irresolute"]
    assert not e.holds_at({**cheap, "k": 1})  # k = v_L: the challenger would have to challenge surely
    # every called bluff at sampled points comes from this hybrid
    for pt in _points("sinking_costs", 60, seed=4):
        for q in res.at(pt):
            if _called_bluffs(game, q, pt):
                assert q is e and pt["k"] < pt["v_L"]


def test_fearon_sunk_cost_separates_where_it_costs_between_the_types_values():
    game = get_model("sinking_costs")
    s = {p.name: p.symbol for p in game.parameters}
    res = perfect_bayesian_equilibria(game)
    sep = [e for e in res.of_kind("separating") if dict(e.sender)["resolute"] == "Signal"]
    assert [e.cases for e in sep] == [(sp.And(s["k"] >= s["v_L"], s["k"] <= s["w_D"]),)]


def test_fearon_war_risk_in_our_binary_coding_is_not_fearons_ranking():
    """Documented discrepancy of the binary coding: tied hands never lead to war here; sunk costs can.

    With a challenger who may be determined the ranking is Fearon's: tests/test_models_fearon.py.
    """
    tie, sink = get_model("hands_tying"), get_model("sinking_costs")
    res_tie, res_sink = perfect_bayesian_equilibria(tie), perfect_bayesian_equilibria(sink)
    worst_sink = Fraction(0)
    for pt in _points("hands_tying", 30, seed=2):
        assert all(_war_risk(tie, e, pt) == 0 for e in res_tie.at(pt))
    for pt in _points("sinking_costs", 30, seed=2):
        worst_sink = max([worst_sink, *(_war_risk(sink, e, pt) for e in res_sink.at(pt, intuitive=True))])
    assert worst_sink > 0


def test_smith_unreliable_alliances_invite_attack():
    game = get_model("alliance_reliability")
    nf = game.strategic_form()
    s = {p.name: p.symbol for p in game.parameters}
    reg = equilibrium_regions(nf)
    attack = [p for p in reg.generic if p.label == "reliable:Honour;unreliable:Abandon/Attack"]
    assert len(attack) == 1
    cond = attack[0].conditions
    rels = cond.args if isinstance(cond, sp.And) else (cond,)
    threshold = [r for r in rels if isinstance(r, sp.LessThan) and r.lhs == s["r"]]
    assert len(threshold) == 1 and sp.simplify(threshold[0].rhs - s["g"] / (s["g"] + s["w"])) == 0
    # the other relation, b r + d (1 - r) >= 0, holds on the whole domain (r a probability, b, d > 0)
    for other in set(rels) - set(threshold):
        for pt in _points("alliance_reliability", 10, seed=8):
            assert other.subs({q.symbol: pt[q.name] for q in game.parameters}) is sp.true
    for pt in _points("alliance_reliability", 20, seed=4):
        threshold = pt["g"] / (pt["g"] + pt["w"])
        sol = solve(nf, params=pt, exact=True)
        credible = [
            e
            for e in sol
            if per_type(game, "Ally", e.strategies[0])
            == {"reliable": {"Honour": 1}, "unreliable": {"Abandon": 1}}
        ]
        assert credible, pt
        attacks = {tuple(per_type(game, 1, e.strategies[1])["challenger"]) for e in credible}
        if pt["r"] < threshold:
            assert attacks == {("Attack",)}
        elif pt["r"] > threshold:
            assert attacks == {("Not attack",)}
