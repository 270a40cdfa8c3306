"""Monte Carlo regime probabilities and tornado sensitivity."""

from __future__ import annotations

import numpy as np
import pytest
from _games import GAME, MIXED
from scipy.stats import binomtest

from alliancegames import ModelError
from alliancegames.studies.uncertainty import (
    Beta,
    Discrete,
    Triangular,
    Uniform,
    monte_carlo,
    proportion_interval,
    sample_points,
    tornado,
)


def test_monte_carlo_probabilities_match_the_analytic_answer() -> None:
    # p ~ U(0, 1), v = 2 so x = p; c_E = 0.25 < c_A = 0.5:
    # Weak/Weak only for p < 0.25, all three for 0.25 < p < 0.5, Firm/Firm only for p > 0.5.
    r = monte_carlo(GAME, {"p": Uniform(0, 1)}, {"c_E": 0.25, "c_A": 0.5}, n=4000, seed=3)
    truth = {"Firm/Firm": 0.5, "Weak/Weak": 0.25, f"Firm/Firm + Weak/Weak + {MIXED}": 0.25}
    assert set(r.regimes) == set(truth)
    for k, name in enumerate(r.regimes):
        assert r.lower[k] <= truth[name] <= r.upper[k]
        assert r[name] == pytest.approx(truth[name], abs=0.03)
    assert sum(r.counts) == r.n == 4000
    assert r.regimes[0] == "Firm/Firm"  # sorted by probability
    frame = r.to_frame()
    assert list(frame.columns) == ["regime", "count", "probability", "lower", "upper"]
    assert r["no such regime"] == 0.0


def test_same_seed_same_answer_other_seed_differs() -> None:
    dists = {"p": Beta(2, 2), "c_E": Triangular(0.1, 0.3, 0.9), "c_A": Discrete((0.3, 0.6), (1, 3))}
    a = monte_carlo(GAME, dists, n=500, seed=42)
    b = monte_carlo(GAME, dists, n=500, seed=42)
    c = monte_carlo(GAME, dists, n=500, seed=43)
    assert a == b
    assert a.counts != c.counts


def test_codings_weights_are_respected() -> None:
    x = Discrete((0.3, 0.6), (1, 3)).sample(np.random.default_rng(0), 20000)
    assert set(np.unique(x)) == {0.3, 0.6}
    assert (x == 0.6).mean() == pytest.approx(0.75, abs=0.01)


@pytest.mark.parametrize(
    "dist, mean, lo, hi",
    [
        (Uniform(1, 3), 2.0, 1, 3),
        (Triangular(0, 0, 3), 1.0, 0, 3),
        (Beta(2, 3, lo=1, hi=2), 1.4, 1, 2),
        (Discrete((1, 2, 6)), 3.0, 1, 6),
    ],
)
def test_distribution_means_and_supports(dist, mean, lo, hi) -> None:
    x = dist.sample(np.random.default_rng(1), 40000)
    assert x.mean() == pytest.approx(mean, abs=0.03)
    assert x.min() >= lo and x.max() <= hi


def test_sampling_order_does_not_depend_on_dict_order() -> None:
    d1 = {"p": Uniform(0, 1), "c_E": Uniform(0, 1)}
    d2 = {"c_E": Uniform(0, 1), "p": Uniform(0, 1)}
    a, b = sample_points(d1, 10, 5), sample_points(d2, 10, 5)
    np.testing.assert_array_equal(a["p"], b["p"])


@pytest.mark.parametrize("k, n", [(0, 10), (3, 10), (10, 10), (57, 400), (1, 1000)])
@pytest.mark.parametrize("method, scipy_name", [("wilson", "wilson"), ("clopper-pearson", "exact")])
def test_intervals_match_scipy(k: int, n: int, method: str, scipy_name: str) -> None:
    ci = binomtest(k, n).proportion_ci(0.95, method=scipy_name)
    lo, hi = proportion_interval(k, n, method)
    assert lo == pytest.approx(ci.low, abs=1e-9) and hi == pytest.approx(ci.high, abs=1e-9)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Uniform(1, 1), "lo < hi"),
        (lambda: Triangular(0, 2, 1), "mode"),
        (lambda: Beta(0, 1), "a > 0"),
        (lambda: Discrete(()), "at least one"),
        (lambda: Discrete((1, 2), (1,)), "1 weights for 2"),
        (lambda: Discrete((1, 2), (-1, 1)), "non-negative"),
        (lambda: Uniform(0, float("nan")), "finite"),
        (lambda: proportion_interval(3, 2), "k <= n"),
        (lambda: proportion_interval(1, 2, "bayes"), "unknown method"),
    ],
)
def test_bad_distributions_are_rejected(make, message) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_monte_carlo_input_errors() -> None:
    with pytest.raises(ModelError, match="no parameter 'q'"):
        monte_carlo(GAME, {"q": Uniform(0, 1)}, n=10)
    with pytest.raises(ValueError, match="positive integer"):
        monte_carlo(GAME, {"p": Uniform(0, 1)}, n=0)
    with pytest.raises(ModelError, match="must lie in"):  # samples outside the domain of p
        monte_carlo(GAME, {"p": Uniform(0, 2)}, n=50)


def test_tornado_ranks_parameters_by_swing() -> None:
    base = {"v": 2, "p": 0.4, "c_E": 0.25, "c_A": 0.5}  # x = 0.4: stag hunt regime
    ranges = {"p": (0.1, 0.9), "c_E": (0.2, 0.3), "c_A": (0.45, 0.55)}
    t = tornado(GAME, ranges, base, outcome=f"Firm/Firm + Weak/Weak + {MIXED}")
    # only p leaves the stag-hunt band [c_E, c_A] = [0.25, 0.5] within its range
    assert t["parameter"].tolist()[0] == "p"
    assert t.set_index("parameter")["swing"].to_dict() == {"p": 1.0, "c_A": 0.0, "c_E": 0.0}
    row = t.iloc[0]
    assert row["regimes"].split(" → ")[0] == "Weak/Weak" and row["regimes"].split(" → ")[-1] == "Firm/Firm"
    assert row["outcome_base"] == 1.0


def test_tornado_with_callable_outcome() -> None:
    # probability that Ally 1 stands firm in the mixed equilibrium: (c_A - x) / (c_A - c_E), x = p
    def firm(rows):
        mixed = rows[rows["label"] == MIXED]
        return float(mixed["p:Ally 1:Firm"].iloc[0]) if len(mixed) else np.nan

    base = {"v": 2, "p": 0.4, "c_E": 0.25, "c_A": 0.5}
    t = tornado(GAME, {"p": (0.3, 0.45), "c_E": (0.2, 0.3)}, base, outcome=firm, steps=5).set_index(
        "parameter"
    )
    assert t.loc["p", "outcome_low"] == pytest.approx((0.5 - 0.3) / 0.25)
    assert t.loc["p", "outcome_high"] == pytest.approx((0.5 - 0.45) / 0.25)
    assert t.loc["c_E", "outcome_low"] == pytest.approx((0.5 - 0.4) / 0.3)
    assert t.loc["p", "outcome_base"] == pytest.approx(0.1 / 0.25)
    assert t.index[0] == "p"  # swing 0.6 > 0.133


def test_tornado_errors() -> None:
    with pytest.raises(ValueError, match="low < high"):
        tornado(GAME, {"p": (0.5, 0.1)}, {}, outcome="x")
    with pytest.raises(ValueError, match="steps"):
        tornado(GAME, {"p": (0.1, 0.5)}, {}, outcome="x", steps=1)
