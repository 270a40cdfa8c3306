"""Registry, documentation, solvability at defaults and the ordinal codings of every library model."""

from __future__ import annotations

import inspect
import random
import re
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from alliancegames import equilibrium_regions, pbe_at
from alliancegames.core.model import ModelError, NormalFormModel
from alliancegames.core.numeric import compile_model, evaluate
from alliancegames.models import CODINGS, REGISTRY, at_defaults, get_model, library_model, list_models
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import max_regret

OUR_PART = re.compile(r"\b(our|ours)\b", re.I)

EXPECTED = {
    "snyder_alliance", "snyder_adversary", "alliance_adversary", "primary_alliance",
    "burden_sharing", "burden_sharing_matrix", "buck_passing", "chain_gang", "offence_defence",
    "deterrence", "extended_deterrence", "probabilistic_commitment", "quasi_alliance",
    "alliance_bargaining", "arm_or_ally",
    "costly_alliance", "sinking_costs", "hands_tying", "alliance_reliability", "straddle_crisis", "straddle_breakaway",
    "sinking_costs_determined", "hands_tying_determined",
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
    # says which parts are our coding, illustration or simplification (a word, not "four" or "your")
    assert OUR_PART.search(doc + "\n" + module_doc), name


def test_our_part_pattern_needs_the_word():
    assert OUR_PART.search("payoffs are our coding of the source")
    assert not OUR_PART.search("four players; your coding; a tour; flavours")


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRY.items() if e.kind == "normal_form"))
def test_normal_form_solvable_at_defaults(name):
    """Vertex enumeration at the defaults finds exactly the equilibria of the closed-form regions there."""
    model = get_model(name)
    assert isinstance(model, NormalFormModel)
    sol = solve(model)
    closed = equilibrium_regions(model).at()
    assert [e.label for e in sol] == [label for label, _ in closed]
    for e, (_, (x, y)) in zip(sol, closed):
        assert np.allclose(np.array(e.strategies[0], float), np.array(x, float), atol=1e-9)
        assert np.allclose(np.array(e.strategies[1], float), np.array(y, float), atol=1e-9)
    g = evaluate(model)
    for eq in sol:
        x, y = (np.array(s, dtype=float) for s in eq.strategies)
        assert max_regret(np.asarray(g.A, float), np.asarray(g.B, float), x, y) <= 1e-9


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRY.items() if e.kind == "tree"))
def test_tree_solvable_at_defaults(name):
    from alliancegames.analysis.tree import backward_induction, strategic_form

    tree = get_model(name)
    cases = backward_induction(at_defaults(tree))
    # the symbolic solution's cases that hold at the defaults are the SPE of the substituted tree
    symbolic = backward_induction(tree).at({p.name: p.default for p in tree.parameters})
    assert sorted(c.label for c in cases) == sorted(c.label for c in symbolic)
    assert len(cases) >= 1
    if len(tree.players) == 2:  # the strategic form also has a Nash equilibrium
        sol = solve(at_defaults(strategic_form(tree)))
        assert len(sol) >= 1


def test_results_solvable_at_defaults():
    """The numeric solutions equal the closed forms the models state (interior equilibrium; mixed equilibrium)."""
    bs = get_model("burden_sharing")
    eq = bs.solve([3.0, 2.0], 0.5)
    assert eq.contributors == (0, 1)  # both incomes above the common private consumption: interior
    sub = {bs.alpha: sp.Rational(1, 2), bs.incomes[0]: 3, bs.incomes[1]: 2}
    closed = [float(bs.interior[q].subs(sub)) for q in bs.contributions]
    assert eq.contributions == pytest.approx(closed, abs=1e-9)
    bp = get_model("buck_passing")
    at = bp.at()
    sub = {getattr(bp, k): sp.nsimplify(v) for k, v in bp.defaults.items()}
    assert at["p_balance"] == pytest.approx(float(bp.p_balance.subs(sub)), abs=1e-12)
    assert at["p_nobody"] == pytest.approx(float(bp.p_nobody.subs(sub)), abs=1e-12)
    assert 0 < at["p_balance"] < 1


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRY.items() if e.kind == "signalling"))
def test_signalling_regimes_agree_with_the_direct_pbe_check(name):
    """The protocol's regime of a signalling game (symbolic PBE) has exactly the pure PBE that the
    independent forward check ``pbe_at`` finds, at the defaults and at the ends of a coding range;
    the vectorised classifier names the same regime as the exact one."""
    m = library_model(name)
    spec = m.ranges.specs[1]
    lo, hi = m.ranges.plausible[spec.name]
    for point in (m.point(), m.point({spec.name: lo}), m.point({spec.name: hi})):
        pure = {e.profile for e in m.equilibria(point) if e.kind != "hybrid"}
        assert pure == pbe_at(m.model, point)
        assert m.regimes(point)[0] == m.regime(point)
    assert m.regimes({spec.name: [lo, hi]}).tolist() == [m.regime({spec.name: v}) for v in (lo, hi)]


def test_bayesian_regime_is_the_set_of_bayesian_nash_equilibria():
    """A Bayesian game's regime lists the equilibria of its strategic form (plans per type), each with
    zero regret in the numeric game at the point; exact and vectorised classifiers agree."""
    m = library_model("alliance_reliability")
    sol = m.equilibria()
    g = evaluate(at_defaults(m.model.strategic_form()))
    assert len(sol) >= 1
    for eq in sol:
        assert max_regret(g.A, g.B, np.array(eq.strategies[0], float), np.array(eq.strategies[1], float)) < 1e-12
    assert sorted(m.regime().split(" + ")) == sorted(sol.labels)
    assert m.regimes(m.point())[0] == m.regime()


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
