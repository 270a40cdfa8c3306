"""Tests for alliancegames.cases.scores: informative scores, set-asides, uncoded dependencies."""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest
import yaml

from alliancegames.cases import load_case, load_cases, us_share, validate_record
from alliancegames.cases import records as rec_mod
from alliancegames.cases.scores import (
    STATUSES,
    UNINFORMATIVE_THRESHOLD,
    baseline_ranges,
    observed_share,
    score,
    scorecard_markdown,
    scorecard_table,
    totals,
    uncoded_dependencies,
)
from alliancegames.studies.uncertainty import mean_interval, probability_table

N = 400


def _raw(case_id: str) -> dict:
    return yaml.safe_load(rec_mod._data_dir().joinpath(f"{case_id}.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return scorecard_table(n=N, seed=0)


def test_friction_periods_are_uninformative_because_friction_is_always_an_equilibrium():
    for period in ("p1972_1974", "p1980s"):
        s = score("quasi_alliance_us_japan_korea", period, n=N)
        assert s.p_baseline == 1.0 and s.status == "uninformative" and not s.counts
        assert str(UNINFORMATIVE_THRESHOLD) in s.reason or f"{UNINFORMATIVE_THRESHOLD:g}" in s.reason


def test_warsaw_interventions_lie_outside_the_model():
    for period in ("hungary_1956", "czechoslovakia_1968"):
        s = score("warsaw_pact", period, n=N)
        assert s.status == "outside the model" and s.p_case == 0 and s.p_baseline == 0
        assert math.isnan(s.skill)


def test_an_informative_case_can_miss_and_a_hit_can_be_cheap(table):
    row = table.set_index(["case", "period"])
    assert row.loc[("buck_passing_1930s", ""), "status"] == "informative"
    assert row.loc[("buck_passing_1930s", ""), "agreement"] == "no"
    # Vietnam agrees, but the generic coding already makes Firm/Firm an equilibrium in most draws
    assert row.loc[("vietnam_alliances", ""), "P(observed) baseline"] > UNINFORMATIVE_THRESHOLD
    assert row.loc[("vietnam_alliances", ""), "status"] == "uninformative"


def test_skill_is_the_log_ratio_and_its_interval_contains_it():
    s = score("july_1914", n=N)
    assert s.skill == pytest.approx(math.log(s.p_case / s.p_baseline))
    assert s.skill_interval[0] <= s.skill <= s.skill_interval[1]
    assert s.case_interval[0] <= s.p_case <= s.case_interval[1]
    assert s.baseline_interval[0] <= s.p_baseline <= s.baseline_interval[1]


def test_baseline_replaces_judgements_by_generic_ranges_and_keeps_sourced_figures():
    box = baseline_ranges("july_1914")
    assert box == {"theta_offence": (0.05, 0.95), "v_ally": (1.0, 8.0), "c_chain": (0.5, 6.0)}
    bp = baseline_ranges("buck_passing_1930s")
    assert bp["n_states"] == (3.0, 3.0)  # kind: data stays fixed
    # baseline P(observed) for the chain gang is P(theta v > c) with the generic uniform ranges
    rng = np.random.default_rng(0)
    th, v, c = rng.uniform(0.05, 0.95, 200_000), rng.uniform(1, 8, 200_000), rng.uniform(0.5, 6, 200_000)
    assert abs(score("july_1914", n=2000).p_baseline - np.mean(th * v > c)) < 0.04


def test_totals_count_informative_cases_only(table):
    t = totals(table)
    informative = table[table["status"] == "informative"]
    assert t["counted"] == len(informative)
    assert t["yes"] + t["partial"] + t["no"] == len(informative)
    assert sum(len(v) for v in t["set aside"].values()) == len(table) - len(informative)
    assert set(table["status"]) <= set(STATUSES)
    md = scorecard_markdown(table)
    assert f"informative cases only, {t['counted']} of {len(table)}" in md
    assert f"yes {t['yes']}, partial {t['partial']}, no {t['no']}" in md
    for name in t["set aside"].get("outside the model", []):
        assert name in md


def test_every_unit_states_the_literature_expectation_and_codes_what_its_verdict_depends_on(table):
    for rec in load_cases():
        for period in rec.units():
            assert rec.expected_for(period) is not None, (rec.id, period)
            assert uncoded_dependencies(rec, period) == {}, (rec.id, period)
    assert (table["literature expects"] != "").all()
    assert set(table["model vs literature"]) <= {"restates", "differs"}


def test_uncoded_dependency_is_detected():
    """Drop nato_cold_war's coding of u_back: the verdict then rests on the model default again."""
    data = _raw("nato_cold_war")
    assert uncoded_dependencies(validate_record(copy.deepcopy(data), file="n.yaml")) == {}
    del data["codings"]["u_back"]
    rec = validate_record(data, file="n.yaml", check_model=False)
    assert "u_back" in uncoded_dependencies(rec)


def test_tornado_names_the_coding_the_verdict_turns_on(table):
    row = table.set_index(["case", "period"])
    assert row.loc[("nato_cold_war", ""), "turns on"] == "pi_support"
    assert row.loc[("july_1914", ""), "turns on"] in ("c_chain", "v_ally")
    assert row.loc[("quasi_alliance_us_japan_korea", "p1980s"), "turns on"] == ""


def test_departures_are_shown(table):
    row = table.set_index(["case", "period"])
    dep = row.loc[("nato_cold_war", ""), "departures"]
    assert "u_war:" in dep and "u_back:" in dep
    assert row.loc[("july_1914", ""), "departures"] == ""


def test_observed_share_for_buck_passing_is_a_probability():
    x = observed_share("buck_passing", {"n_states": 3, "k_balance": [1, 2], "u_threat": 4}, "nobody balances")
    assert np.allclose(x, [(1 / 4) ** 1.5, (2 / 4) ** 1.5])


def test_us_share_of_nato_spending():
    assert round(us_share(2014), 1) == 72.5
    assert us_share(2024) < us_share(2014)
    with pytest.raises(ValueError, match="2014 or 2024"):
        us_share(2019)
    with pytest.raises(ValueError, match="measure"):
        us_share(2014, "troops")


def test_probability_table_and_mean_interval():
    t = pd.DataFrame({"a": [1.0, 0.0, 1.0, 1.0], "b": [0.0, 1.0, 0.0, 0.0], "c": [0.0] * 4})
    rows = probability_table(t)
    assert [r[0] for r in rows] == ["a", "b"]  # never-seen outcomes are left out
    for _, p, lo, hi in rows:
        assert lo <= p <= hi
    m, lo, hi = mean_interval([0.1, 0.2, 0.3, 0.4])
    assert m == pytest.approx(0.25) and lo < m < hi
    with pytest.raises(ValueError):
        mean_interval([])
    assert load_case("july_1914").outcome.actors[1].player == "Ally 2"
