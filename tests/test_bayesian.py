"""Bayesian games: validation, the type-contingent strategic form, equilibria read back per type."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.core.bayesian import bayesian_game, per_type, signalling_game
from alliancegames.core.model import ModelError, parameter
from alliancegames.core.numeric import evaluate
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import max_regret

r = parameter("r", "probability the ally is resolute", "probability", Fraction(1, 2))
g = parameter("g", "rival's gain from an unopposed attack", "positive", 1)
w = parameter("w", "rival's cost of a war against the ally", "positive", 2)


def reliability():
    """Ally: resolute (fights if attacked) or irresolute; Rival attacks or waits."""
    R, G, W = r.symbol, g.symbol, w.symbol

    def pay(t, a):
        ally_type, _ = t
        act, rival = a
        if rival == "Wait":
            return (0, 0)
        fight_value = 1 if ally_type == "resolute" else -1
        if act == "Fight":
            return (fight_value, -W)
        return (-sp.Rational(1, 2), G)

    return bayesian_game(
        "reliability",
        ("Ally", "Rival"),
        (("resolute", "irresolute"), ("rival",)),
        (("Fight", "Abandon"), ("Attack", "Wait")),
        [r, g, w],
        {"Ally": {"resolute": "r", "irresolute": 1 - R}},
        pay,
    )


def test_strategic_form_is_the_ex_ante_expectation():
    game = reliability()
    nf = game.strategic_form()
    assert nf.actions[0] == (
        "resolute:Fight;irresolute:Fight",
        "resolute:Fight;irresolute:Abandon",
        "resolute:Abandon;irresolute:Fight",
        "resolute:Abandon;irresolute:Abandon",
    )
    assert nf.actions[1] == ("Attack", "Wait")  # one type: plain labels
    rng = random.Random(3)
    for _ in range(20):
        vals = {
            "r": Fraction(rng.randint(0, 10), 10),
            "g": Fraction(rng.randint(1, 9), 3),
            "w": Fraction(rng.randint(1, 9), 3),
        }
        num = evaluate(nf, vals).exact()
        sub = {p.symbol: sp.Rational(v.numerator, v.denominator) for p, v in zip((r, g, w), vals.values())}
        for (i, plan), (j, act) in itertools.product(enumerate(game.plans(0)), enumerate(("Attack", "Wait"))):
            expect = [Fraction(0), Fraction(0)]
            for (t0, t1), pr in game.prior:
                a0 = plan[game.types[0].index(t0)]
                for k, u in enumerate(game.payoff((t0, t1), (a0, act))):
                    v = sp.Rational(pr.xreplace(sub) * u.xreplace(sub))
                    expect[k] += Fraction(int(v.p), int(v.q))
            assert (num.A[i][j], num.B[i][j]) == tuple(expect)


def test_bayesian_nash_read_back_per_type_and_unreliable_alliances_invite_attack():
    game = reliability()
    nf = game.strategic_form()
    # derived threshold: attack iff (1 - r) g - r w >= 0, i.e. r <= g / (g + w)
    # When the rival waits, the ally's plan is never carried out: at a low r "Wait" is still a
    # Bayesian Nash equilibrium if the irresolute type *plans* to fight (a weakly dominated, non-credible
    # plan; sequential rationality, analysis.signalling, removes it).  Every other equilibrium is read here.
    for rv, expect in [(Fraction(1, 5), "Attack"), (Fraction(4, 5), "Wait")]:
        vals = {"r": rv, "g": 1, "w": 2}
        sol = solve(nf, params=vals, exact=True)
        num = evaluate(nf, vals)
        A, B = np.asarray(num.A, float), np.asarray(num.B, float)
        credible = 0
        for eq in sol:
            x, y = (np.array(s, dtype=float) for s in eq.strategies)
            assert max_regret(A, B, x, y) <= 1e-12
            ally = per_type(game, "Ally", eq.strategies[0])
            if ally["irresolute"] != {"Abandon": 1}:
                assert per_type(game, 1, eq.strategies[1]) == {"rival": {"Wait": 1}}
                continue
            credible += 1
            assert per_type(game, 1, eq.strategies[1]) == {"rival": {expect: 1}}
            if expect == "Attack":
                assert ally == {"resolute": {"Fight": 1}, "irresolute": {"Abandon": 1}}
        assert credible >= 1
    reg = equilibrium_regions(nf)
    attack = [p for p in reg.generic if p.label == "resolute:Fight;irresolute:Abandon/Attack"]
    assert len(attack) == 1
    R, G, W = r.symbol, g.symbol, w.symbol
    assert sp.simplify(attack[0].conditions.rhs - G / (G + W)) == 0 and attack[0].conditions.lhs == R
    # per-type reading of a symbolic piece
    assert per_type(game, 0, attack[0].strategies[0])["irresolute"] == {"Abandon": 1}


def test_regions_agree_with_solver_on_the_strategic_form():
    nf = reliability().strategic_form()
    reg = equilibrium_regions(nf)
    rng = random.Random(7)
    for _ in range(15):
        vals = {
            "r": Fraction(rng.randint(0, 12), 12),
            "g": Fraction(rng.randint(1, 6)),
            "w": Fraction(rng.randint(1, 6)),
        }
        got = {prof for _, prof in reg.at(vals)}
        sol = solve(nf, params=vals, exact=True)
        assert got == {eq.strategies for eq in sol}


def test_joint_prior_and_two_sided_types():
    q = parameter("q", "correlation weight", "probability")
    Q = q.symbol
    game = bayesian_game(
        "two-sided",
        ("A", "B"),
        (("h", "l"), ("h", "l")),
        (("x", "y"), ("x", "y")),
        [q],
        {("h", "h"): Q / 2, ("l", "l"): Q / 2, ("h", "l"): (1 - Q) / 2, ("l", "h"): (1 - Q) / 2},
        lambda t, a: (int(a[0] == a[1]) * (2 if t[0] == "h" else 1), int(a[0] == a[1])),
    )
    nf = game.strategic_form()
    assert nf.shape == (4, 4)
    assert game.marginal("B", "h") == sp.Rational(1, 2)
    sol = solve(nf, params={"q": Fraction(1, 3)}, exact=True)
    assert any(
        per_type(game, 0, e.strategies[0]) == {"h": {"x": 1}, "l": {"x": 1}}
        and per_type(game, 1, e.strategies[1]) == {"h": {"x": 1}, "l": {"x": 1}}
        for e in sol
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"prior": {"Ally": {"resolute": sp.Rational(1, 2), "irresolute": sp.Rational(1, 3)}}}, "sum to 5/6"),
        ({"prior": {"Ally": {"resolute": 1}}}, "must give a probability for each"),
        ({"prior": {("resolute", "nobody"): 1}}, "not a type profile"),
        ({"prior": {"Ally": {"resolute": "1 - r", "irresolute": "r"}}}, "not a declared parameter"),
        ({"types": (("a", "a"), ("b",))}, "duplicate labels"),
        ({"types": (("a;b", "c"), ("b",))}, "may not contain"),
        ({"payoffs": {}}, "is missing"),
        ({"payoffs": lambda t, a: (1,)}, "must be a pair"),
        ({"payoffs": lambda t, a: (sp.Symbol("z"), 0)}, "undeclared symbols"),
    ],
)
def test_bad_input_one_clear_error(kwargs, match):
    base = {
        "types": (("resolute", "irresolute"), ("rival",)),
        "prior": {"Ally": {"resolute": "r", "irresolute": 1 - r.symbol}},
        "payoffs": lambda t, a: (0, 0),
    }
    base.update(kwargs)
    with pytest.raises(ModelError, match=match):
        bayesian_game(
            "bad",
            ("Ally", "Rival"),
            base["types"],
            (("F", "A"), ("X", "W")),
            [r],
            base["prior"],
            base["payoffs"],
        )


def test_signalling_strategic_form_and_validation():
    p = parameter("p", "prior of the strong type", "probability")
    game = signalling_game(
        "s",
        ("S", "R"),
        ("strong", "weak"),
        [p],
        {"strong": "p", "weak": 1 - p.symbol},
        ("m1", "m2"),
        ("a", "b"),
        lambda t, m, a: (
            int(a == "a") - (m == "m1") * (1 if t == "weak" else 0),
            int((a == "a") == (t == "strong")),
        ),
    )
    nf = game.strategic_form()
    assert nf.actions[0][1] == "strong:m1;weak:m2"
    assert nf.actions[1][2] == "m1:b;m2:a"
    # separating profile strong->m1, weak->m2 with receiver a after m1, b after m2
    A = nf.payoffs[0][1, 2]
    assert sp.simplify(A - (1 - p.symbol)) == 0  # only the weak type (m2, a) earns 1
    with pytest.raises(ModelError, match="sum to"):
        signalling_game("s", ("S", "R"), ("x", "y"), [], {"x": 1, "y": 1}, ("m",), ("a",), lambda *_: (0, 0))
    with pytest.raises(ModelError, match="distinct names"):
        signalling_game("s", ("S", "S"), ("x",), [], {"x": 1}, ("m",), ("a",), lambda *_: (0, 0))
    with pytest.raises(ModelError, match="is missing"):
        signalling_game("s", ("S", "R"), ("x",), [], {"x": 1}, ("m",), ("a",), {})
