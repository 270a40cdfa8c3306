"""The tripartite crisis with a straddle (after Zagare and Kilgour): the result it must reproduce, derived."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp

from alliancegames.analysis.signalling import hybrid_at, intuitive_at, pbe_at, perfect_bayesian_equilibria
from alliancegames.models import CODINGS, REGISTRY, get_model

STRADDLE_WAR = (("Straddle", "Straddle"), ("Not challenge", "Challenge", "Challenge"))


def _points(n: int, seed: int):
    specs = CODINGS["straddle_crisis"].specs
    rng = random.Random(seed)
    for _ in range(n):
        lo_hi = {s.name: (Fraction(str(s.plausible[0])), Fraction(str(s.plausible[1]))) for s in specs}
        yield {k: lo + (hi - lo) * Fraction(rng.randint(0, 12), 12) for k, (lo, hi) in lo_hi.items()}


@pytest.fixture(scope="module")
def crisis():
    game = get_model("straddle_crisis")
    s = {q.name: q.symbol for q in game.parameters}
    res = perfect_bayesian_equilibria(game, assumptions=[s["v_H"] > s["w_D"], s["w_D"] > s["v_L"]])
    return game, s, res


def test_the_straddle_invites_a_challenge_that_a_clear_commitment_would_deter(crisis):
    """Derivation (our coding; v_H > w_D > v_L).

    After Commit both types fight, so a challenge earns the challenger -w against either type and it
    does not challenge, whatever it believes: commitment deters.  After a Straddle only the resolute
    type fights; if both types straddle the challenger's belief is the prior p and it challenges iff
    p (-w) + (1 - p) g >= 0, i.e. p <= g/(g + w).  A challenged straddle then means war with the
    resolute type (v_H - w_D to it) and abandonment by the irresolute one (0).  Neither deviates to
    Commit (not challenged, but the emboldened protégé costs e): the resolute type needs
    v_H - w_D >= v_H - e, i.e. e >= w_D; the irresolute one 0 >= v_L - e, implied since w_D > v_L.
    Refusing gives 0 and is challenged.  So "both straddle, the challenger challenges" is a PBE exactly
    where e >= w_D and p <= g/(g + w); the ex-ante probability of war on its path is p.
    """
    game, s, res = crisis
    (eq,) = [e for e in res if e.profile == STRADDLE_WAR]
    assert eq.kind == "pooling"
    assert eq.cases == (sp.And(s["w_D"] <= s["e"], s["p"] <= s["g"] / (s["g"] + s["w"])),)
    assert dict(eq.beliefs) == {"Straddle": s["p"]}
    # a clear commitment would have deterred: "Not challenge" after Commit is supported by every belief ...
    assert dict(eq.off_path)["Commit"] is sp.true
    # ... because it is the challenger's strict best reply to either type after a commitment
    for t in game.types:
        (_, challenge), (_, stay_out) = (
            game.payoff(t, "Commit", "Challenge"),
            game.payoff(t, "Commit", "Not challenge"),
        )
        assert sp.simplify(stay_out - challenge).is_positive
    # the straddle-and-war equilibrium survives the Intuitive Criterion in its region
    pt = {"p": Fraction(1, 5), "v_H": 4, "v_L": 1, "w_D": 2, "e": 3, "g": 2, "w": 3}
    assert eq.holds_at(pt) and eq.survives_intuitive_at(pt) and intuitive_at(game, eq.profile, pt)
    survivors = {e.short for e in res.at(pt, intuitive=True)}
    assert survivors == {"pooling on Straddle (Challenge)"}, survivors
    # the defender forgoes the deterring commitment because of the restraint cost: with e < w_D it commits
    assert not eq.holds_at({**pt, "e": Fraction(3, 2)})
    assert {e.short for e in res.at({**pt, "e": Fraction(3, 2)})} >= {"separating (Commit/Straddle)"}
    # ex-ante risk of war on the path: the resolute type straddles and is challenged
    pay = dict(eq.payoffs)
    assert pay["resolute"] == s["v_H"] - s["w_D"] and pay["irresolute"] == 0


def test_regimes_over_restraint_cost_and_prior(crisis):
    """Where the challenger doubts the defender: both commit (e < v_L), the resolute commits and the
    irresolute straddles (v_L < e < w_D), both straddle and are challenged (e > w_D); a confident
    challenger (p > g/(g + w)) is deterred by the straddle itself."""
    game, s, res = crisis
    base = {"v_H": 4, "v_L": 1, "w_D": 2, "g": 2, "w": 3}
    low, high = Fraction(1, 5), Fraction(3, 5)  # g/(g + w) = 2/5
    shorts = {
        (p, e): {q.short for q in res.at({**base, "p": p, "e": e}, intuitive=True)}
        for p in (low, high)
        for e in (Fraction(1, 4), Fraction(3, 2), 3)
    }
    assert shorts[(low, Fraction(1, 4))] == {"pooling on Commit (Not challenge)"}
    assert "separating (Commit/Straddle)" in shorts[(low, Fraction(3, 2))]
    assert shorts[(low, 3)] == {"pooling on Straddle (Challenge)"}
    for e in (Fraction(1, 4), Fraction(3, 2), 3):
        assert "pooling on Straddle (Not challenge)" in shorts[(high, e)]


def test_clear_commitment_pays_only_when_the_protege_can_credibly_break_away():
    """Derivation: a confident challenger (p > g/(g + w)) is deterred by the straddle itself, so a type
    that straddles gets v - b (the untested protégé drifts away at cost b) and one that commits gets
    v - e.  Both straddle iff e >= b (and v_L >= b, or the irresolute type would rather refuse).  When
    b > e (and e <= v_L) both commit, and nothing else survives the Intuitive Criterion.  The straddle
    is optimal unless the protégé's threat to break away outweighs the restraint cost of an
    unequivocal commitment."""
    game = get_model("straddle_breakaway")
    s = {q.name: q.symbol for q in game.parameters}
    res = perfect_bayesian_equilibria(game, assumptions=[s["v_H"] > s["w_D"], s["w_D"] > s["v_L"]])
    (st,) = [e for e in res if e.short == "pooling on Straddle (Not challenge)"]
    assert st.cases == (sp.And(s["e"] >= s["b"], s["v_L"] >= s["b"], s["p"] >= s["g"] / (s["g"] + s["w"])),)
    high = {"p": Fraction(3, 5), "v_H": 4, "v_L": 1, "w_D": 2, "g": 2, "w": 3, "e": Fraction(1, 2)}
    credible = {q.short for q in res.at({**high, "b": 1}, intuitive=True)}
    not_credible = {q.short for q in res.at({**high, "b": Fraction(1, 4)}, intuitive=True)}
    assert credible == {"pooling on Commit (Not challenge)"}, credible
    # b < e: the straddle deters and is chosen; pooling on Commit survives too where e <= v_L, held up by
    # the belief that a straddle would come from the irresolute type (so a straddle would be challenged)
    assert "pooling on Straddle (Not challenge)" in not_credible


def test_symbolic_pieces_agree_with_the_direct_check(crisis):
    game, s, res = crisis
    seen = set()
    for pt in _points(40, seed=14):
        if not (pt["v_H"] > pt["w_D"] > pt["v_L"]):
            continue
        found = res.at(pt)
        hybrids = hybrid_at(game, pt)
        assert {e.profile for e in found} == pbe_at(game, pt) | set(hybrids), pt
        for e in found:
            assert e.survives_intuitive_at(pt) == intuitive_at(game, e.profile, pt), (e.label, pt)
            if e.mixing:
                assert e.mixing_at(pt) == dict(zip(("sigma", "rho"), hybrids[e.profile]))
            seen.add(e.short)
    assert "pooling on Straddle (Challenge)" in seen


def test_registered_with_citation_and_coding():
    entry = REGISTRY["straddle_crisis"]
    assert entry.kind == "signalling"
    assert "zagare_kilgour2006" in entry.references and "crawford2003" in entry.references
    coding = CODINGS["straddle_crisis"]
    assert "Our coding" in coding.notes
    ranges = {sp_.name: sp_.plausible for sp_ in coding.specs}
    # the coded ranges put the restraint cost on both sides of w_D and v_L, so every regime is reachable
    assert ranges["e"][0] < ranges["v_L"][1] and ranges["e"][1] > ranges["w_D"][1]
