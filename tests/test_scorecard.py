"""Tests for alliancegames.cases.scorecard: agreement rule, determinism, one row per case/period,
probabilities, and the Monte Carlo counts against closed-form regime conditions on the same draws."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from alliancegames.cases import load_case, load_cases
from alliancegames.cases.records import validate_record
from alliancegames.cases.scorecard import (
    PARTIAL_THRESHOLD,
    agreement,
    case_grid,
    case_tornado,
    coding_table,
    observed_probability,
    outcome_probabilities,
    predict,
    predictions,
    regime_outcomes,
    sample_codings,
    scorecard,
    tree_regimes,
)

N = 400


@pytest.fixture(scope="module")
def card() -> pd.DataFrame:
    return scorecard(n=N, seed=3)


# ---------------------------------------------------------------- agreement rule
MIX = "mixed (Firm,Weak / Firm,Weak)"


@pytest.mark.parametrize(
    "observed, probs, expected",
    [
        # the observed outcome is the most probable regime
        ("Weak/Weak", {"Weak/Weak": 0.6, "Firm/Firm": 0.4}, "yes"),
        # ... or one equilibrium of it
        ("Firm/Firm", {f"Firm/Firm + Weak/Weak + {MIX}": 0.55, "Weak/Weak": 0.45}, "yes"),
        # a terminal on a path split by chance
        ("war", {"protégé concedes | war": 0.7, "status quo": 0.3}, "yes"),
        # not the top regime, but an equilibrium in more than 20% of draws (0.15 + 0.1)
        (
            "Firm/Weak",
            {"Weak/Weak": 0.75, f"Firm/Weak + Weak/Firm + {MIX}": 0.15, "Firm/Weak": 0.1},
            "partial",
        ),
        # exactly at the threshold is not enough (strictly greater)
        ("Firm/Weak", {"Weak/Weak": 0.8, "Firm/Weak": 0.2}, "no"),
        ("intervention", {"reduced contribution": 1.0}, "no"),
        # a name that merely contains the observed label is not a match
        ("war", {"warfare": 1.0}, "no"),
        # ties in probability: the first by name is the most probable
        ("B", {"B": 0.5, "A": 0.5}, "partial"),
        ("A", [("B", 0.5), ("A", 0.5)], "yes"),
    ],
)
def test_agreement_rule(observed, probs, expected):
    assert agreement(observed, probs) == expected


def test_agreement_threshold_and_errors():
    probs = {"Weak/Weak": 0.9, "Firm/Weak": 0.1}
    assert PARTIAL_THRESHOLD == 0.2
    assert agreement("Firm/Weak", probs, threshold=0.05) == "partial"
    assert agreement("Firm/Weak", probs) == "no"
    with pytest.raises(ValueError, match="threshold"):
        agreement("x", probs, threshold=1.5)
    with pytest.raises(ValueError, match="no regimes"):
        agreement("x", {})
    with pytest.raises(ValueError, match="probability"):
        agreement("x", {"x": 1.5})


def test_regime_outcomes_and_observed_probability():
    assert regime_outcomes(f"Firm/Firm + {MIX}") == ("Firm/Firm", MIX)
    assert regime_outcomes("status quo") == ("status quo",)
    probs = {"A + B": 0.25, "B": 0.5, "A | C": 0.25}
    assert observed_probability("A", probs) == 0.5
    assert observed_probability("B", probs) == 0.75
    assert observed_probability("D", probs) == 0.0


# ---------------------------------------------------------------- the table
def test_one_row_per_case_or_period(card):
    expected = [(r.id, p.id) for r in load_cases() for p in r.periods] + [
        (r.id, "") for r in load_cases() if not r.periods
    ]
    assert sorted(zip(card["case"], card["period"])) == sorted(expected)
    assert list(card.columns) == [
        "case",
        "period",
        "model",
        "predicted regime",
        "probability",
        "95% CI",
        "observed",
        "agreement",
    ]
    assert set(card["agreement"]) <= {"yes", "partial", "no"}
    for r, (lo, hi) in zip(card.itertuples(), card["95% CI"]):
        assert 0 <= lo <= r.probability <= hi <= 1
        rec = load_case(r.case)
        assert r.model == rec.model
        assert r.observed == (rec.period(r.period).outcome.label if r.period else rec.outcome.label)


def test_scorecard_is_deterministic_for_a_seed(card):
    again = scorecard(n=N, seed=3)
    pd.testing.assert_frame_equal(card, again)
    other = scorecard(n=N, seed=4)
    assert not np.allclose(card["probability"], other["probability"])


def test_probabilities_sum_to_one_and_agreement_follows_the_rule():
    for p in predictions(n=N, seed=0):
        total = sum(q for _, q, _, _ in p.probabilities)
        assert total == pytest.approx(1.0, abs=1e-12), (p.case, p.period)
        assert p.predicted == p.probabilities[0][0] and p.probability == p.probabilities[0][1]
        assert all(lo <= q <= hi for _, q, lo, hi in p.probabilities)
        assert p.agreement == agreement(p.observed, [(r, q) for r, q, _, _ in p.probabilities])
        assert p.n_outcomes == len(regime_outcomes(p.predicted))
        assert p.to_frame()["probability"].sum() == pytest.approx(1.0)


# ---------------------------------------------------------------- counts vs closed forms, same draws
def test_chain_gang_probability_matches_the_dominance_condition():
    # chain_gang docstring: Unconditional is dominant iff theta_offence * v_ally > c_chain.
    d = sample_codings("july_1914", n=1000, seed=5)
    expected = np.mean(d["theta_offence"] * d["v_ally"] > d["c_chain"])
    p = predict("july_1914", n=1000, seed=5)
    assert p["Unconditional/Unconditional"] == pytest.approx(expected, abs=1e-12)
    assert p["Conditional/Conditional"] == pytest.approx(1 - expected, abs=1e-12)


def test_snyder_regimes_match_the_closed_form_conditions():
    # snyder_alliance docstring: both weak unique iff v < p e and a < e; both firm iff v > p e and a > e.
    d = sample_codings("asean", n=1000, seed=2)
    v, a, e, pc = d["v_protect"], d["c_abandon"], d["c_entrap"], d["p_conflict"]
    p = predict("asean", n=1000, seed=2)
    assert p["Weak/Weak"] == pytest.approx(np.mean((v < pc * e) & (a < e)), abs=1e-12)
    assert p["Firm/Firm"] == pytest.approx(np.mean((v > pc * e) & (a > e)), abs=1e-12)


def test_buck_passing_averages_the_volunteer_dilemma_formula():
    d = sample_codings("buck_passing_1930s", n=1000, seed=1)
    n, k, u = d["n_states"], d["k_balance"], d["u_threat"]
    expected = np.mean((k / u) ** (n / (n - 1)))  # Diekmann: P(nobody) = (K/U)^(N/(N-1))
    p = predict("buck_passing_1930s", n=1000, seed=1)
    assert p["nobody balances"] == pytest.approx(expected, rel=1e-12)
    assert np.all(n == 3)
    lo, hi = next((lo, hi) for r, _, lo, hi in p.probabilities if r == "nobody balances")
    assert lo < expected < hi


def test_warsaw_pact_matches_backward_induction_by_hand():
    # alliance_bargaining docstring: the hegemon intervenes iff b_h + k + l > c_h and coerces a cut
    # iff s k > c_h; the member compares contribute (b_m - k), cut and exit.
    from alliancegames.models import get_model

    rec = load_case("warsaw_pact")
    d = sample_codings(rec, "dissolution_1991", n=1000, seed=0)
    v = {p.name: float(p.default) for p in get_model("alliance_bargaining").parameters}
    cols = {k: d.get(k, np.full(1000, val)) for k, val in v.items()}
    bm, k, s, o = cols["b_member"], cols["k_member"], cols["s_cut"], cols["o_member"]
    cm, bh, ch, l_ = cols["c_member"], cols["b_hegemon"], cols["c_hegemon"], cols["l_exit"]
    coerced = bm - k - cm
    cut = np.where(s * k > ch, coerced, bm - (1 - s) * k)
    leave = np.where(bh + k + l_ > ch, coerced, o)
    leaves = (leave > cut) & (leave > bm - k)
    p = predict(rec, "dissolution_1991", n=1000, seed=0)
    assert p["member leaves"] == pytest.approx(np.mean(leaves), abs=1e-12)


# ---------------------------------------------------------------- trees: vectorised vs exact
@pytest.mark.parametrize("model", ["alliance_bargaining", "extended_deterrence"])
def test_tree_regimes_agree_with_exact_backward_induction(model):
    from alliancegames.models import CODINGS, get_model, library_model

    rng = np.random.default_rng(11)
    tree = get_model(model)
    plaus = CODINGS[model].plausible
    pts = []
    for _ in range(60):
        pt = {}
        for p in tree.parameters:
            lo, hi = (float(x) for x in plaus[p.name])
            # rationals on a coarse grid: exact backward induction, occasional ties excluded below
            pt[p.name] = round(float(rng.uniform(lo, hi)), 3) if lo < hi else lo
        pts.append(pt)
    cols = {k: np.array([pt[k] for pt in pts]) for k in pts[0]}
    fast = tree_regimes(model, cols)
    for i, pt in enumerate(pts):
        exact = library_model(model).regime({k: Fraction(str(v)) for k, v in pt.items()})
        if " + " in exact:  # a tie: several SPE; the vectorised one must be among them
            assert fast[i] in exact.split(" + ")
        else:
            assert fast[i] == exact, pt


def test_tree_regimes_errors():
    with pytest.raises(ValueError, match="no parameter"):
        tree_regimes("alliance_bargaining", {"nonsense": 1})
    with pytest.raises(ValueError, match="different lengths"):
        tree_regimes("alliance_bargaining", {"c_hegemon": [1, 2], "l_exit": [1, 2, 3]})


# ---------------------------------------------------------------- burden sharing (numeric solver)
def _burden_record() -> dict:
    return {
        "id": "toy_burden",
        "name": "Toy burden sharing",
        "years": [2000, 2001],
        "members": ["Large", "Small"],
        "model": "burden_sharing",
        "summary": "A constructed example.",
        "codings": {
            "I_1": {"value": 3, "kind": "data", "justification": "Constructed.", "source": "s"},
            "I_2": {"value": 1, "kind": "data", "justification": "Constructed.", "source": "s"},
            "alpha": {
                "value": 0.5,
                "range": [0.3, 0.7],
                "kind": "coding",
                "justification": "Constructed.",
                "informed_by": "s",
            },
        },
        "sources": [{"id": "s", "author": "X", "year": 2000, "title": "T", "publisher": "P"}],
        "facts": [{"text": "Constructed.", "source": "s"}],
        "outcome": {"label": "contributors: 1", "description": "Only the large member pays.", "source": "s"},
        "expected": {"label": "contributors: 1", "reason": "Olson and Zeckhauser.", "source": "s"},
        "caveats": [],
    }


def test_burden_sharing_uses_the_numeric_solver():
    rec = validate_record(_burden_record(), file="toy.yaml")
    p = predict(rec, n=2000, seed=0)
    # member 2 free-rides iff I_2 <= (1 - alpha) I_1, i.e. alpha <= 2/3: probability (2/3 - 0.3)/0.4
    assert p.predicted == "contributors: 1"
    lo, hi = p.interval
    assert lo < (2 / 3 - 0.3) / 0.4 < hi
    assert p.agreement == "yes" and p.point_regime == "contributors: 1"


# ---------------------------------------------------------------- helpers and errors
def test_predict_errors():
    with pytest.raises(ValueError, match="has periods"):
        predict("warsaw_pact")
    with pytest.raises(ValueError, match="seed"):
        predict("july_1914", seed=-1)
    with pytest.raises(ValueError, match="n must be"):
        predict("july_1914", n=0)


def test_point_regime_at_the_record_point():
    # independent check: the chain gang at the point coding (0.8 * 5 > 2) is the chain gang
    assert predict("july_1914", n=50).point_regime == "Unconditional/Unconditional"
    # Hungary 1956: exit is met by intervention (4 + 1 + 3 > 2), a cut is accepted (0.5 < 2), so the member cuts
    assert predict("warsaw_pact", "hungary_1956", n=50).point_regime == "reduced contribution"


def test_coding_table_and_case_grid():
    t = coding_table("nato_cold_war")
    assert list(t["parameter"]) == ["pi_support", "u_win", "u_war", "u_back", "u_realign", "v_concede", "v_realign"]
    assert (t["sources"].str.len() > 0).all() and (t["justification"].str.len() > 0).all()
    assert (t["low"] <= t["value"]).all() and (t["value"] <= t["high"]).all()
    g = case_grid("nato_cold_war", "pi_support", "u_war", steps=7)
    assert len(g) == 49 and set(g.columns) == {"pi_support", "u_war", "regime"}
    b = case_grid("buck_passing_1930s", "k_balance", "u_threat", steps=4)
    assert np.allclose(b["p_nobody"], (b["k_balance"] / b["u_threat"]) ** 1.5)


def test_case_tornado_conditional_monte_carlo():
    t = case_tornado("nato_cold_war", n=300, steps=5, seed=0)
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    assert (t["outcome_min"] <= t["outcome_base"] + 1e-12).all()
    # the base is the unconditional Monte Carlo probability on the same draws
    p = outcome_probabilities("extended_deterrence", sample_codings("nato_cold_war", n=300, seed=0))
    assert t["outcome_base"].iloc[0] == pytest.approx(p["status quo"].mean())
