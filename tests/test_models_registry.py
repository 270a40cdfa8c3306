"""Registry, documentation, solvability at defaults and the ordinal codings of every library model."""

from __future__ import annotations

import inspect
import random
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from alliancegames.core.model import ModelError, NormalFormModel
from alliancegames.core.numeric import compile_model, evaluate
from alliancegames.models import CODINGS, REGISTRY, at_defaults, get_model, list_models
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import max_regret

EXPECTED = {
    "snyder_alliance", "snyder_adversary", "alliance_adversary", "primary_alliance",
    "burden_sharing", "burden_sharing_matrix", "buck_passing", "chain_gang", "offence_defence",
    "deterrence", "extended_deterrence", "probabilistic_commitment", "quasi_alliance",
    "alliance_bargaining", "arm_or_ally",
    "costly_alliance", "sinking_costs", "hands_tying", "alliance_reliability",
}  # fmt: skip


def test_every_model_is_registered_and_listed():
    df = list_models()
    assert set(df["name"]) == EXPECTED == set(REGISTRY)
    assert list(df.columns) == ["name", "kind", "description", "citation"]
    assert df["description"].str.len().min() > 20
    assert df["citation"].str.contains(r"\(\d{4}\)").all()  # author (year) title


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_documented_with_citation(name):
    entry = REGISTRY[name]
    doc = inspect.getdoc(entry.factory)
    assert doc and "References" in doc and "Examples" in doc
    assert any(ch.isdigit() for ch in doc.split("References", 1)[1])  # a year in the citation
    module_doc = inspect.getdoc(inspect.getmodule(entry.factory))
    assert "our" in (doc + module_doc).lower()  # says which parts are our coding or derivation


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRY.items() if e.kind == "normal_form"))
def test_normal_form_solvable_at_defaults(name):
    model = get_model(name)
    assert isinstance(model, NormalFormModel)
    sol = solve(model)
    assert len(sol) >= 1
    g = evaluate(model)
    for eq in sol:
        x, y = (np.array(s, dtype=float) for s in eq.strategies)
        assert max_regret(np.asarray(g.A, float), np.asarray(g.B, float), x, y) <= 1e-9


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRY.items() if e.kind == "tree"))
def test_tree_solvable_at_defaults(name):
    from alliancegames.analysis.tree import backward_induction, strategic_form

    tree = get_model(name)
    cases = backward_induction(at_defaults(tree))
    assert len(cases) >= 1
    if len(tree.players) == 2:  # the strategic form also has a Nash equilibrium
        sol = solve(at_defaults(strategic_form(tree)))
        assert len(sol) >= 1


def test_results_solvable_at_defaults():
    bs = get_model("burden_sharing")
    eq = bs.solve([3.0, 2.0], 0.5)
    assert eq.total > 0
    bp = get_model("buck_passing")
    assert 0 < bp.at()["p_balance"] < 1


def test_get_model_errors_name_the_problem():
    with pytest.raises(ModelError, match="unknown model 'nope'"):
        get_model("nope")
    with pytest.raises(ModelError, match="no parameter"):
        get_model("snyder_alliance", c_entrapment=3)
    with pytest.raises(ModelError, match="domain"):
        get_model("snyder_alliance", p_conflict=2)
    # overrides become defaults
    assert get_model("snyder_alliance", c_entrap=5).parameter("c_entrap").default == 5


# ----------------------------------------------------------------------------- codings
def _points(coding, n_random: int, seed: int):
    """Defaults, every corner of the plausible box (up to 64), and seeded random points."""
    names = [s.name for s in coding.specs]
    lo = {s.name: Fraction(str(s.plausible[0])) for s in coding.specs}
    hi = {s.name: Fraction(str(s.plausible[1])) for s in coding.specs}
    yield {s.name: s.default for s in coding.specs}
    k = len(names)
    for mask in range(min(2**k, 64)):
        yield {nm: (hi[nm] if mask >> i & 1 else lo[nm]) for i, nm in enumerate(names)}
    rng = random.Random(seed)
    for _ in range(n_random):
        yield {nm: lo[nm] + (hi[nm] - lo[nm]) * Fraction(rng.randint(0, 1000), 1000) for nm in names}


def test_every_coding_has_plausible_ranges_containing_defaults():
    for name, coding in CODINGS.items():
        for s in coding.specs:
            lo, hi = (sp.nsimplify(v) for v in s.plausible)
            assert lo <= sp.nsimplify(s.default) <= hi, (name, s.name)


@pytest.mark.parametrize(
    "name", sorted(n for n, c in CODINGS.items() if c.preferences and REGISTRY[n].kind == "normal_form")
)
def test_ordinal_coding_holds_at_defaults_and_across_plausible_range(name):
    coding = CODINGS[name]
    model = get_model(name)
    f = compile_model(model)
    for point in _points(coding, 40, seed=1):
        mats = f({k: float(v) for k, v in point.items()})
        for pref in coding.preferences:
            (i, j), (k, m) = (
                (model.actions[0].index(pref.better[0]), model.actions[1].index(pref.better[1])),
                (model.actions[0].index(pref.worse[0]), model.actions[1].index(pref.worse[1])),
            )
            M = mats[pref.player]
            assert M[i, j] > M[k, m] + 1e-12, (name, pref, point)


def test_tree_codings_orderings():
    """Orderings stated in the notes of the tree codings, checked across the plausible ranges."""
    checks = {
        "deterrence": lambda v: v["u_win"] > v["u_sq"] > v["u_war"] and v["d_war"] > v["d_yield"],
        "extended_deterrence": lambda v: (
            v["u_win"] > v["u_sq"] > v["u_war"] > v["u_back"]
            and v["v_prevail"] > v["v_war_supported"] > v["v_concede"] > v["v_war_alone"]
        ),
        "alliance_bargaining": lambda v: (
            v["b_member"] - v["k_member"] - v["c_member"] < v["b_member"] - v["k_member"]
        ),
    }
    for name, ok in checks.items():
        for point in _points(CODINGS[name], 40, seed=2):
            assert ok(point), (name, point)
