"""Perfect Bayesian equilibria: symbolic pieces against an independent exact check, ties included."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from alliancegames.analysis.signalling import (
    belief_symbol,
    hybrid_at,
    intuitive_at,
    pbe_at,
    perfect_bayesian_equilibria,
)
from alliancegames.core.bayesian import signalling_game
from alliancegames.core.model import ModelError, parameter
from alliancegames.core.numeric import evaluate
from alliancegames.solvers.verify import max_regret

p = parameter("p", "prior of the first type", "probability", Fraction(1, 2))
c = parameter("c", "a cost", "positive", 1)
P, C = p.symbol, c.symbol


def random_game(seed: int, messages=("m1", "m2"), actions=("a1", "a2")):
    """Small integer payoffs, some of them shifted by the cost c, so that ties occur on a grid."""
    rng = random.Random(seed)
    table = {}
    for t in ("t0", "t1"):
        for m in messages:
            cost = -rng.choice([0, 1]) * C if m != messages[-1] else 0
            for a in actions:
                table[(t, m, a)] = (rng.randint(-2, 2) + cost, rng.randint(-2, 2))
    return signalling_game(
        f"random {seed}", ("S", "R"), ("t0", "t1"), [p, c], {"t0": "p", "t1": 1 - P}, messages, actions, table
    )


def middle_action_game():
    """The receiver's compromise action 'hedge' is a best response only to intermediate beliefs."""

    def pay(t, m, a):
        uR = {"fight": 2 if t == "t0" else -2, "hedge": 1, "yield": -2 if t == "t0" else 2}[a]
        uS = {"fight": -1, "hedge": 0, "yield": 1}[a] - (C if m == "loud" else 0) * (1 if t == "t1" else 0)
        return uS, uR

    return signalling_game(
        "middle", ("S", "R"), ("t0", "t1"), [p, c], {"t0": "p", "t1": 1 - P}, ("loud", "quiet"),
        ("fight", "hedge", "yield"), pay,
    )  # fmt: skip


def _grid_points(rng: random.Random, n: int):
    """Points on a coarse grid (ties and boundaries) and random rational points."""
    for _ in range(n):
        if rng.random() < 0.5:
            yield {"p": Fraction(rng.randint(1, 4), 5), "c": Fraction(rng.randint(1, 6), 2)}
        else:
            yield {"p": Fraction(rng.randint(1, 999), 1000), "c": Fraction(rng.randint(1, 5000), 1000)}


GAMES = [random_game(s) for s in range(5)] + [middle_action_game()]
# games with semi-separating equilibria somewhere in (p, c): two, three messages; three actions
HYBRID_GAMES = [
    random_game(5),
    random_game(9),
    random_game(16, ("m1", "m2", "m3")),
    random_game(9, actions=("a1", "a2", "a3")),
    random_game(23, actions=("a1", "a2", "a3")),
]


def direct_set(game, point):
    """The PBE profiles found by the independent checks: pure ones and isolated hybrids."""
    return pbe_at(game, point) | set(hybrid_at(game, point))


@pytest.mark.parametrize(
    "game", GAMES + HYBRID_GAMES, ids=lambda g: f"{g.name} {len(g.messages)}x{len(g.actions)}"
)
def test_symbolic_pbe_set_equals_the_direct_check(game):
    """Pure and hybrid PBE: the same profiles, the same sigma and rho, the same Intuitive Criterion verdict."""
    res = perfect_bayesian_equilibria(game)
    rng = random.Random(sum(map(ord, game.name)) + len(game.messages) + 7 * len(game.actions))
    nontrivial = hybrids = 0
    for point in _grid_points(rng, 40):
        sym = {e.profile for e in res.at(point)}
        direct = direct_set(game, point)
        assert sym == direct, (game.name, point)
        nontrivial += bool(direct)
        mixed = hybrid_at(game, point)
        hybrids += bool(mixed)
        for e in res.at(point):
            if e.kind == "hybrid":
                assert e.mixing_at(point) == dict(zip(("sigma", "rho"), mixed[e.profile])), (e.label, point)
            assert e.survives_intuitive_at(point) == intuitive_at(game, e.profile, point), (e.label, point)
    assert nontrivial > 0
    if game in HYBRID_GAMES:
        assert hybrids > 0, "the sample should meet the hybrid region"


@pytest.mark.parametrize(
    "game", HYBRID_GAMES[:3], ids=lambda g: f"{g.name} {len(g.messages)}x{len(g.actions)}"
)
def test_hybrid_pbe_are_mixed_nash_equilibria_of_the_strategic_form(game):
    """A hybrid PBE, written as mixed strategies over plans, has zero regret in the strategic form."""
    res = perfect_bayesian_equilibria(game)
    nf = game.strategic_form()
    rng = random.Random(3)
    checked = 0
    for point in _grid_points(rng, 60):
        num = evaluate(nf, point)
        A, B = np.asarray(num.A, float), np.asarray(num.B, float)
        for e in res.at(point):
            if e.kind != "hybrid":
                continue
            s, r = e.behaviour()
            sub = {q.symbol: sp.nsimplify(point[q.name]) for q in game.parameters}
            # behaviour -> plan probabilities (independent across types / messages)
            x = np.array(
                [
                    float(
                        sp.Mul(
                            *[s[t].get(m, 0) for t, m in (kv.split(":") for kv in lab.split(";"))]
                        ).xreplace(sub)
                    )
                    for lab in nf.actions[0]
                ]
            )
            y = np.array(
                [
                    float(
                        sp.Mul(
                            *[r[m].get(a, 0) for m, a in (kv.split(":") for kv in lab.split(";"))]
                        ).xreplace(sub)
                    )
                    for lab in nf.actions[1]
                ]
            )
            assert abs(x.sum() - 1) < 1e-12 and abs(y.sum() - 1) < 1e-12
            assert max_regret(A, B, x, y) <= 1e-9, (e.label, point)
            checked += 1
    assert checked > 0


def test_beer_quiche_hybrid_for_a_low_prior_of_toughness():
    """Beer-quiche with a symbolic prior p of the tough type (Cho and Kreps's payoffs, as above).

    Derivation.  The sender gets 1 for the breakfast its type likes (tough: beer, weak: quiche)
    plus 2 if not dueled; the receiver gets 1 for dueling the weak type or not dueling the tough one,
    so it is indifferent at the belief mu = 1/2 in toughness.  For p < 1/2, let the tough type drink
    beer and the weak one drink beer with probability s, quiche otherwise.  Quiche reveals weakness,
    so the receiver duels there.  At beer, Bayes gives mu = p / (p + (1 - p) s); the receiver mixes
    only if mu = 1/2, i.e. s = p / (1 - p), in (0, 1) exactly when p < 1/2.  The weak type must be
    indifferent: quiche gives 1 + 0 = 1, beer gives 0 + 2 (1 - r) where r is the probability of a
    duel after beer, so r = 1/2.  The tough type then gets 1 + 2 (1/2) = 2 from beer against 0 from
    quiche (a duel), so it does not deviate.  The receiver's ex-ante payoff is p/2 + (1 - p) s / 2 +
    (1 - p)(1 - s) = 1 - p.  For p >= 1/2 the same profile needs s >= 1: no hybrid (pooling instead).
    """
    p = parameter("p", "prior of the tough type", "probability", Fraction(1, 4))

    def pay(t, m, a):
        likes = "beer" if t == "tough" else "quiche"
        return int(m == likes) + 2 * int(a == "not"), int((a == "duel") == (t == "weak"))

    g = signalling_game("beer-quiche p", ("S", "R"), ("tough", "weak"), [p], {"tough": "p", "weak": 1 - p.symbol},
                        ("beer", "quiche"), ("duel", "not"), pay)  # fmt: skip
    res = perfect_bayesian_equilibria(g)
    (h,) = res.of_kind("hybrid")
    P = p.symbol
    assert h.profile == (("beer", ("beer", "quiche")), (("duel", "not"), "duel"))
    assert h.cases == (P < sp.Rational(1, 2),)
    s, r = h.behaviour()
    assert sp.simplify(s["weak"]["beer"] - P / (1 - P)) == 0 and s["tough"] == {"beer": 1}
    assert r["beer"] == {"duel": sp.Rational(1, 2), "not": sp.Rational(1, 2)} and r["quiche"] == {"duel": 1}
    assert dict(h.beliefs) == {"beer": sp.Rational(1, 2), "quiche": 0}
    assert h.intuitive is sp.true  # no unused message
    pay_ = dict(h.payoffs)
    assert pay_["tough"] == 2 and pay_["weak"] == 1 and sp.simplify(pay_["R"] - (1 - P)) == 0
    assert {e.kind for e in res.at({"p": Fraction(1, 2)})} == {"pooling"}  # s would be 1
    assert hybrid_at(g, {"p": Fraction(1, 4)}) == {h.profile: (Fraction(1, 3), Fraction(1, 2))}
    assert "hybrid (weak mixes beer/quiche)" in res.regime_table({"p": 0.3})["regime"].tolist()


@pytest.mark.parametrize("game", GAMES[:3], ids=lambda g: g.name)
def test_every_pbe_is_a_nash_equilibrium_of_the_strategic_form(game):
    res = perfect_bayesian_equilibria(game)
    nf = game.strategic_form()
    rng = random.Random(11)
    for point in _grid_points(rng, 10):
        num = evaluate(nf, point)
        A, B = np.asarray(num.A, float), np.asarray(num.B, float)
        for e in res.at(point):
            splan = ";".join(f"{t}:{m}" for t, m in e.sender)
            rplan = ";".join(f"{m}:{a}" for m, a in e.receiver)
            x = np.array([float(lab == splan) for lab in nf.actions[0]])
            y = np.array([float(lab == rplan) for lab in nf.actions[1]])
            assert x.sum() == 1 and y.sum() == 1
            assert max_regret(A, B, x, y) <= 1e-12


def test_beer_quiche_pooling_on_quiche_fails_the_intuitive_criterion():
    """Cho and Kreps's example: prior 9/10 tough; both pool on beer or both on quiche."""
    q = sp.Rational(9, 10)

    def pay(t, m, a):
        likes = "beer" if t == "tough" else "quiche"
        return int(m == likes) + 2 * int(a == "not"), int((a == "duel") == (t == "weak"))

    g = signalling_game("beer-quiche", ("S", "R"), ("tough", "weak"), [], {"tough": q, "weak": 1 - q},
                        ("beer", "quiche"), ("duel", "not"), pay)  # fmt: skip
    res = perfect_bayesian_equilibria(g)
    assert {e.kind for e in res} == {"pooling"}
    beer = [e for e in res if e.sender == (("tough", "beer"), ("weak", "beer"))]
    quiche = [e for e in res if e.sender == (("tough", "quiche"), ("weak", "quiche"))]
    assert len(beer) == 1 and len(quiche) == 1
    assert beer[0].intuitive is sp.true and quiche[0].intuitive is sp.false
    assert dict(beer[0].receiver) == {"beer": "not", "quiche": "duel"}
    mu = belief_symbol("quiche")
    assert beer[0].off_path == (("quiche", mu <= sp.Rational(1, 2)),)
    assert intuitive_at(g, quiche[0].profile) is False


def test_costly_alliance_signal_regions_and_beliefs():
    """The docstring example, checked relation by relation (derived by hand: separate iff 1 <= c <= 2)."""

    def pay(t, m, a):
        cost = -C if m == "Sign" else 0
        if a == "Wait":
            return cost, 0
        return cost + (-2 if t == "resolute" else -1), (-1 if t == "resolute" else 1)

    g = signalling_game("sign", ("Ally", "Rival"), ("resolute", "irresolute"), [p, c],
                        {"resolute": "p", "irresolute": 1 - P}, ("Sign", "Stay"), ("Attack", "Wait"), pay)  # fmt: skip
    res = perfect_bayesian_equilibria(g)
    sep = [e for e in res.of_kind("separating")]
    assert len(sep) == 1
    assert sep[0].cases == (sp.And(C >= 1, C <= 2),)
    assert dict(sep[0].beliefs) == {"Sign": 1, "Stay": 0}
    pool = [e for e in res if e.profile == (("Stay", "Stay"), ("Attack", "Attack"))][0]
    assert pool.cases == (P <= sp.Rational(1, 2),)
    assert dict(pool.beliefs) == {"Stay": P}
    # pooling on "Stay" with the rival attacking survives the Intuitive Criterion only outside 1 < c < 2
    assert pool.survives_intuitive_at({"p": Fraction(1, 3), "c": Fraction(3, 2)}) is False
    assert pool.survives_intuitive_at({"p": Fraction(1, 3), "c": 3}) is True
    assert pool.survives_intuitive_at({"p": Fraction(1, 3), "c": 2}) is True  # boundary: no strict gain
    assert "separating" in str(res) and "mu[Sign]" in str(res)


def test_bad_input():
    g3 = signalling_game("three", ("S", "R"), ("a", "b", "c"), [], {"a": sp.Rational(1, 3), "b": sp.Rational(1, 3),
                         "c": sp.Rational(1, 3)}, ("m",), ("x",), lambda *_: (0, 0))  # fmt: skip
    with pytest.raises(ModelError, match="two sender types"):
        perfect_bayesian_equilibria(g3)
    with pytest.raises(ModelError, match="SignallingGame"):
        perfect_bayesian_equilibria("game")
    g = random_game(0)
    res = perfect_bayesian_equilibria(g)
    with pytest.raises(ModelError, match="unknown parameters"):
        res.at({"q": 1})
    with pytest.raises(ModelError, match="outside its domain"):
        pbe_at(g, {"p": 2, "c": 1})
    with pytest.raises(ModelError, match="positive prior"):
        pbe_at(g, {"p": 0, "c": 1})
    with pytest.raises(ModelError, match="prefer names unknown"):
        perfect_bayesian_equilibria(g, prefer=["zz"])
