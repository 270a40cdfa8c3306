"""Signalling games behind the model protocol: PBE regimes for sweeps, Monte Carlo and case records."""

import random
from fractions import Fraction

import numpy as np
import pytest

from alliancegames.analysis.signalling import pbe_names, perfect_bayesian_equilibria
from alliancegames.core.bayesian import signalling_game
from alliancegames.core.model import parameter
from alliancegames.models import CODINGS, REGISTRY, get_model, library_model

SIGNALLING = sorted(name for name, e in REGISTRY.items() if e.kind == "signalling")


def test_pbe_names_are_every_short_name_a_pbe_can_take():
    p = parameter("p", "prior of the tough type", "probability", Fraction(1, 3))

    def pay(t, m, a):
        likes = "beer" if t == "tough" else "quiche"
        return int(m == likes) + 2 * int(a == "not"), int((a == "duel") == (t == "weak"))

    g = signalling_game("beer-quiche", ("S", "R"), ("tough", "weak"), [p], {"tough": "p", "weak": 1 - p.symbol},
                        ("beer", "quiche"), ("duel", "not"), pay)  # fmt: skip
    names = pbe_names(g)
    # pooling on each message with each response, both separating orders, four hybrids
    assert len(names) == 2 * 2 + 2 + 4
    assert {"pooling on beer (not)", "separating (quiche/beer)", "hybrid (weak mixes beer/quiche)"} <= names
    for q in (Fraction(1, 5), Fraction(4, 5)):
        res = perfect_bayesian_equilibria(g)
        assert {e.short for e in res.at({"p": q})} <= names


@pytest.mark.slow
@pytest.mark.parametrize("name", SIGNALLING)
def test_signalling_regimes_vectorised_equal_exact(name):
    """The protocol's float regime map equals the exact PBE set at random points (ties have probability 0)."""
    m = library_model(name)
    res = perfect_bayesian_equilibria(get_model(name))
    assert {e.short for e in res} <= m.outcome_labels
    rng = random.Random(7)
    specs = CODINGS[name].specs
    points = [
        {s.name: float(s.plausible[0]) + (float(s.plausible[1]) - float(s.plausible[0])) * rng.random() for s in specs}
        for _ in range(25)
    ]
    cols = {k: np.array([pt[k] for pt in points]) for k in points[0]}
    fast = m.regimes(cols)
    for pt, got in zip(points, fast):
        exact = {k: Fraction(repr(v)) for k, v in pt.items()}
        assert m.regime(exact) == got, (pt, got)


@pytest.mark.slow
def test_straddle_case_regime_at_its_point_coding_is_the_unchallenged_straddle():
    from alliancegames.cases import load_case

    rec = load_case("taiwan_strait_straddle")
    m = library_model(rec.model)
    assert m.regime(rec.values()) == rec.outcome.label == "pooling on Straddle (Not challenge)"
    # below the derived threshold p < g/(g + w) the pooling straddle is challenged instead
    low = {**rec.values(), "p": 0.2, "g": 2.0, "w": 4.0}
    assert "pooling on Straddle (Not challenge)" not in m.regime(low).split(" + ")
