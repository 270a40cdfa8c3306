"""Tests for alliancegames.cases: the NATO expenditure data and the case records."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from alliancegames.cases import (
    CaseError,
    CaseRecord,
    Distribution,
    case_ids,
    list_cases,
    load_case,
    load_cases,
    nato_expenditure,
    nato_expenditure_metadata,
    olson_zeckhauser_test,
    validate_record,
)
from alliancegames.cases import records as rec_mod

try:  # the model library is written in parallel; model checks need it
    import alliancegames.models  # noqa: F401

    HAVE_MODELS = True
except ImportError:  # pragma: no cover
    HAVE_MODELS = False

needs_models = pytest.mark.skipif(not HAVE_MODELS, reason="alliancegames.models not available yet")

EXPECTED_CASES = {
    "nato_cold_war",
    "nato_burden_sharing",
    "warsaw_pact",
    "vietnam_alliances",
    "asean",
    "middle_east_pacts",
    "july_1914",
    "buck_passing_1930s",
    "quasi_alliance_us_japan_korea",
    "taiwan_strategic_ambiguity",
    "taiwan_strait_straddle",
}

# ============================================================================ NATO data
LATER_MEMBERS = {"Montenegro", "North Macedonia", "Finland", "Sweden"}


def test_nato_table_membership():
    df = nato_expenditure()
    assert len(df) == 32 and df["country"].is_unique
    assert set(df.loc[~df["member_2014"], "country"]) == LATER_MEMBERS
    assert int(df["member_2014"].sum()) == 28
    assert list(df.loc[~df["has_forces"], "country"]) == ["Iceland"]
    ice = df.set_index("country").loc["Iceland"]
    assert math.isnan(ice["share_2014"]) and math.isnan(ice["expenditure_2024"])
    t = olson_zeckhauser_test()
    assert set(t.y2014.members) == set(df["country"]) - LATER_MEMBERS - {"Iceland"}
    assert len(t.y2014.members) == 27
    assert set(t.y2024.members) == set(df["country"]) - {"Iceland"}
    assert set(t.y2024_same_members.members) == set(t.y2014.members)


# Spot checks typed from the table in issue 6 (data-entry check).
@pytest.mark.parametrize(
    "country, column, value",
    [
        ("United States", "share_2014", 3.71),
        ("United States", "real_gdp_2024", 22334.4),
        ("United States", "expenditure_2024", 754.68),
        ("Poland", "share_2024", 4.12),
        ("Germany", "expenditure_2014", 39.27),
        ("Luxembourg", "real_gdp_2024", 48.4),
        ("Türkiye", "real_gdp_2024", 1290.2),
        ("Slovak Republic", "share_2014", 0.98),
        ("Iceland", "real_gdp_2014", 16.8),
        ("Montenegro", "expenditure_2014", 0.06),
    ],
)
def test_nato_table_spot_checks(country, column, value):
    df = nato_expenditure().set_index("country")
    assert df.loc[country, column] == pytest.approx(value, abs=1e-12)


def test_nato_table_internal_consistency():
    # Expenditure / real GDP reproduces the published share to within the
    # rounding of the three published figures (Luxembourg's 2024 "GDP" is its
    # GNI, the denominator NATO uses, so it passes too).
    df = nato_expenditure().set_index("country").drop("Iceland")
    for year in (2014, 2024):
        gdp, share = df[f"real_gdp_{year}"], df[f"share_{year}"]
        ratio = 100 * df[f"expenditure_{year}"] / gdp
        tol = 0.005 + 100 * 0.005 / gdp + share * 0.05 / gdp + 1e-9
        bad = (ratio - share).abs() > tol
        assert not bad.any(), ratio[bad]


def test_nato_metadata_carries_source_and_notes():
    meta = nato_expenditure_metadata()
    src = meta["source"]
    assert src["date"] == "2024-06-17" and "2014-2024" in src["title"]
    assert set(src["tables"]) == {"share", "real_gdp", "expenditure"}
    notes = " ".join(meta["notes"])
    for word in ("28 members", "Montenegro", "Iceland", "Luxembourg", "gross national income"):
        assert word in notes
    assert "NATO" in nato_expenditure().attrs["source"]


def _average_ranks(x):
    """Ranks 1..n, ties sharing their average rank (written out by hand)."""
    x = list(x)
    order = sorted(range(len(x)), key=lambda i: x[i])
    ranks = [0.0] * len(x)
    k = 0
    while k < len(order):
        j = k
        while j + 1 < len(order) and x[order[j + 1]] == x[order[k]]:
            j += 1
        for i in order[k : j + 1]:
            ranks[i] = (k + j) / 2 + 1
        k = j + 1
    return ranks


def _spearman(x, y):
    rx, ry = _average_ranks(x), _average_ranks(y)
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    return sxy / math.sqrt(sxx * syy)


def test_average_ranks_helper():
    assert _average_ranks([10, 30, 20, 20]) == [1.0, 4.0, 2.5, 2.5]
    assert _spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_olson_zeckhauser_rank_correlation_independent():
    from scipy.stats import t as student_t

    df = nato_expenditure()
    res = olson_zeckhauser_test()
    for r, year, mask in [
        (res.y2014, 2014, df["member_2014"] & df["has_forces"]),
        (res.y2024, 2024, df["has_forces"]),
        (res.y2024_same_members, 2024, df["member_2014"] & df["has_forces"]),
    ]:
        sub = df[mask]
        rho = _spearman(sub[f"share_{year}"], sub[f"real_gdp_{year}"])
        assert r.rho == pytest.approx(rho, abs=1e-12)
        n = len(sub)
        assert r.n == n
        tstat = rho * math.sqrt((n - 2) / (1 - rho**2))
        assert r.pvalue == pytest.approx(2 * student_t.sf(abs(tstat), n - 2), rel=1e-9)
    # what the data say: a weak positive, non-significant association in 2014
    # that vanishes by 2024
    assert 0 < res.y2014.rho < 0.5 and res.y2014.pvalue > 0.05
    assert abs(res.y2024.rho) < 0.1 and res.y2024.pvalue > 0.5
    frame = res.to_frame()
    assert list(frame["n"]) == [27, 31, 27]


# ============================================================================ case records
def test_all_eleven_cases_present():
    assert set(case_ids()) == EXPECTED_CASES


@needs_models
@pytest.mark.parametrize("case_id", sorted(EXPECTED_CASES))
def test_every_record_loads_and_validates(case_id):
    rec = load_case(case_id)
    assert isinstance(rec, CaseRecord) and rec.id == case_id
    ids = {s.id for s in rec.sources}
    assert rec.facts and all(set(f.sources) <= ids for f in rec.facts)
    assert set(rec.outcome.sources) <= ids
    for c in rec.codings + tuple(c for p in rec.periods for c in p.codings):
        assert c.lo <= c.value <= c.hi and set(c.sources) <= ids and c.justification
        if c.kind == "coding":
            assert c.lo < c.hi  # judgements carry an honest range
    from alliancegames.models import REGISTRY

    assert rec.model in REGISTRY
    assert rec.caveats


@needs_models
def test_list_cases_one_row_per_case():
    df = list_cases()
    assert len(df) == len(EXPECTED_CASES) and set(df["id"]) == EXPECTED_CASES
    assert {"id", "name", "model", "observed", "first_year", "last_year"} <= set(df.columns)
    assert (df["n_facts"] > 0).all() and (df["first_year"] <= df["last_year"]).all()
    assert len(load_cases()) == len(EXPECTED_CASES)


def test_records_validate_without_models():
    # the structural checks alone (no import of the model library)
    for case_id in case_ids():
        assert load_case(case_id, check_model=False).id == case_id


def test_nato_burden_sharing_record_matches_the_data():
    # the record's "data" codings are computed from the NATO table: check them against it
    rec = load_case("nato_burden_sharing", check_model=False)
    df = nato_expenditure()
    us = df.set_index("country").loc["United States"]
    for period, year, mask in [
        ("y2014", 2014, df["member_2014"] & df["has_forces"]),
        ("y2024", 2024, df["has_forces"]),
    ]:
        rest = df[mask & (df["country"] != "United States")]
        v = rec.values(period)
        assert v["income_large"] == pytest.approx(us[f"real_gdp_{year}"])
        assert v["share_high"] == pytest.approx(us[f"share_{year}"] / 100)
        assert v["income_small"] == pytest.approx(rest[f"real_gdp_{year}"].sum(), abs=0.05)
        share = rest[f"expenditure_{year}"].sum() / rest[f"real_gdp_{year}"].sum()
        assert v["share_low"] == pytest.approx(share, abs=5e-6)
        assert all(rec.coding(k, period).kind == "data" for k in ("income_large", "income_small"))


@needs_models
@pytest.mark.parametrize(
    "case_id, period",
    [
        ("vietnam_alliances", None),
        ("asean", None),
        ("middle_east_pacts", None),
        ("july_1914", None),
        ("nato_burden_sharing", "y2014"),
        ("nato_burden_sharing", "y2024"),
        ("quasi_alliance_us_japan_korea", "p1969_1971"),
        ("quasi_alliance_us_japan_korea", "p1972_1974"),
        ("quasi_alliance_us_japan_korea", "p1975_1979"),
        ("quasi_alliance_us_japan_korea", "p1980s"),
    ],
)
def test_observed_outcome_is_an_equilibrium_at_the_point_coding(case_id, period):
    # A check of the codings' internal consistency, not of the model: the
    # observed profile must be among the equilibria at the point coding.
    from alliancegames.models import get_model
    from alliancegames.solvers.enumeration import solve

    rec = load_case(case_id)
    observed = rec.period(period).outcome.label if period else rec.outcome.label
    labels = solve(get_model(rec.model), params=rec.values(period)).labels
    assert observed in labels


# ---------------------------------------------------------------- bad records
def _base() -> dict:
    """A small valid record (structure only; model checks use snyder_alliance)."""
    return {
        "id": "toy",
        "name": "Toy case",
        "years": [1900, 1910],
        "members": ["A", "B"],
        "model": "snyder_alliance",
        "summary": "A toy.",
        "codings": {
            "c_entrap": {
                "value": 2,
                "range": [1, 4],
                "kind": "coding",
                "justification": "Because.",
                "informed_by": "s1",
            },
            "p_conflict": {
                "value": 0.5,
                "distribution": {"type": "triangular", "lo": 0.2, "mode": 0.5, "hi": 0.9},
                "kind": "coding",
                "justification": "Because.",
                "informed_by": "s1",
            },
        },
        "sources": [{"id": "s1", "author": "X", "year": 2000, "title": "T", "publisher": "P"}],
        "facts": [{"text": "A and B allied.", "source": "s1", "date": "1900-01-02"}],
        "outcome": {"label": "Firm/Firm", "description": "Both firm.", "source": "s1"},
        "expected": {"label": "Firm/Firm", "reason": "X says so.", "source": "s1"},
        "caveats": ["None."],
    }


def _set(d, path, value):
    *head, last = path
    for k in head:
        d = d[k]
    if value is _DELETE:
        del d[last]
    else:
        d[last] = value


_DELETE = object()

STRUCTURAL_MUTATIONS = [
    # (path, new value, words the message must contain)
    (("name",), _DELETE, ["record", "missing", "name"]),
    (("colour",), "red", ["unknown field", "colour"]),
    (("years",), [1910, 1900], ["years", "after"]),
    (("years",), "1900", ["years"]),
    (("members",), [], ["members", "non-empty"]),
    (("id",), "Bad Id", ["id", "lower-case"]),
    (("facts", 0, "source"), _DELETE, ["facts[0]", "no source"]),
    (("facts", 0, "source"), "nobody", ["facts[0].source", "'nobody'", "not among"]),
    (("facts", 0, "date"), "July 1914", ["facts[0].date", "YYYY"]),
    (("outcome", "source"), "ghost", ["outcome.source", "'ghost'"]),
    (("outcome", "label"), "", ["outcome.label", "non-empty"]),
    (("sources", 0, "publisher"), _DELETE, ["sources[0]", "publisher or a journal"]),
    (("sources", 0, "year"), "2000", ["sources[0].year", "year"]),
    (("codings", "c_entrap", "value"), 5, ["codings.c_entrap.value", "outside its range"]),
    (("codings", "c_entrap", "value"), "high", ["codings.c_entrap.value", "number"]),
    (("codings", "c_entrap", "range"), [4, 1], ["codings.c_entrap.range", "above"]),
    (("codings", "c_entrap", "range"), [2, 2], ["codings.c_entrap.range", "positive width"]),
    (("codings", "c_entrap", "range"), _DELETE, ["codings.c_entrap", "range"]),
    (("codings", "c_entrap", "kind"), "guess", ["codings.c_entrap.kind", "'guess'"]),
    (("codings", "c_entrap", "justification"), _DELETE, ["codings.c_entrap", "justification"]),
    (("codings", "c_entrap", "informed_by"), "nowhere", ["codings.c_entrap.informed_by", "'nowhere'"]),
    (("codings", "c_entrap", "source"), "s1", ["codings.c_entrap.source", "'informed_by'", "judgement"]),
    (("expected",), _DELETE, ["expected", "literature expects"]),
    (("expected", "source"), _DELETE, ["expected", "source"]),
    (("outcome", "actors"), {"Ally 1": {"action": "Firm", "evidence": "e"}}, ["outcome.actors.Ally 1", "source"]),
    (("codings", "p_conflict", "distribution", "type"), "normal", ["distribution.type", "'normal'"]),
    (("codings", "p_conflict", "distribution", "mode"), 0.95, ["distribution.mode", "outside"]),
    (("codings", "p_conflict", "value"), 0.1, ["codings.p_conflict.value", "outside its range"]),
    (("caveats",), "none", ["caveats", "list"]),
]


@pytest.mark.parametrize("path, value, words", STRUCTURAL_MUTATIONS)
def test_bad_records_raise_case_error(path, value, words):
    data = _base()
    validate_record(copy.deepcopy(data), file="toy.yaml", check_model=False)  # the base is valid
    _set(data, path, value)
    before = copy.deepcopy(data)
    with pytest.raises(CaseError) as err:
        validate_record(data, file="toy.yaml", check_model=False)
    msg = str(err.value)
    assert msg.startswith("toy.yaml: ")
    for w in words:
        assert w in msg, msg
    assert data == before  # bad input is left unchanged


MODEL_MUTATIONS = [
    (("model",), "no_such_model", ["model", "unknown model 'no_such_model'", "snyder_alliance"]),
    (
        ("codings", "c_entrapment"),
        {"value": 1, "range": [0, 2], "kind": "coding", "justification": "j", "informed_by": "s1"},
        ["codings.c_entrapment", "no parameter"],
    ),
    # the model's plausible range (c_entrap: 1/2 to 6) and orderings, unless a departure says why
    (("codings", "c_entrap", "range"), [1, 7], ["codings.c_entrap", "plausible range [0.5, 6]", "departure"]),
    (("codings", "c_entrap", "departure"), "Because.", ["departure", "c_entrap", "sit inside"]),
    (("expected", "label"), "Firm/Strong", ["expected.label", "'Firm/Strong'"]),
    (("roles",), {"Ally 1": "A", "Ally 2": "B"}, ["outcome.actors", "missing ['Ally 1', 'Ally 2']"]),
    (
        ("outcome", "actors"),
        {"Ally 1": {"action": "Weak", "evidence": "e", "source": "s1"}},
        ["outcome.actors.Ally 1.action", "'Weak'", "'Firm/Firm'"],
    ),
    (
        ("outcome", "actors"),
        {"Ally 3": {"action": "Firm", "evidence": "e", "source": "s1"}},
        ["outcome.actors", "'Ally 3'", "not a player"],
    ),
    (("codings", "c_entrap", "range"), [-1, 4], ["codings.c_entrap", "domain 'positive'"]),
    (
        ("codings", "p_conflict", "distribution"),
        {"type": "uniform", "lo": 0.2, "hi": 1.5},
        ["codings.p_conflict", "domain 'probability'"],
    ),
    (("outcome", "label"), "Firm/Strong", ["outcome.label", "'Firm/Strong'", "Weak/Weak"]),
]


@needs_models
def test_a_stated_departure_admits_a_coding_outside_the_model():
    data = _base()
    data["codings"]["c_entrap"].update({"range": [1, 7], "departure": "This case's entrapment cost is extreme."})
    rec = validate_record(data, file="toy.yaml")
    assert rec.departures() == {"c_entrap": "This case's entrapment cost is extreme."}


@needs_models
def test_tree_orderings_are_checked():
    """nato_cold_war leaves the model's ordering u_war > u_back and must say so."""
    import yaml

    text = rec_mod._data_dir().joinpath("nato_cold_war.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert validate_record(copy.deepcopy(data), file="n.yaml").departures().keys() >= {"u_war", "u_back"}
    del data["codings"]["u_back"]["departure"]
    with pytest.raises(CaseError, match=r"codings.u_back: .*ordering u_war > u_back"):
        validate_record(data, file="n.yaml")
    data = yaml.safe_load(text)
    # inside the model: war above a climb-down, both in range -> no departure needed (and none allowed)
    data["codings"]["u_war"].update({"value": -1, "range": [-1.5, -0.5]})
    data["codings"]["u_back"].update({"value": -3, "range": [-4, -2]})
    with pytest.raises(CaseError, match=r"state a departure but sit inside"):
        validate_record(copy.deepcopy(data), file="n.yaml")
    for k in ("u_war", "u_back"):
        del data["codings"][k]["departure"]
    assert validate_record(data, file="n.yaml").departures() == {}


@needs_models
@pytest.mark.parametrize("path, value, words", MODEL_MUTATIONS)
def test_records_inconsistent_with_their_model_raise(path, value, words):
    data = _base()
    assert validate_record(copy.deepcopy(data), file="toy.yaml").model == "snyder_alliance"
    _set(data, path, value)
    with pytest.raises(CaseError) as err:
        validate_record(data, file="toy.yaml")
    for w in words:
        assert w in str(err.value), str(err.value)


def test_yaml_errors_and_unknown_cases():
    with pytest.raises(CaseError, match="bad.yaml: not valid YAML"):
        rec_mod.parse_yaml("a: [1, 2", "bad.yaml")
    with pytest.raises(CaseError, match="no case 'atlantis'"):
        load_case("atlantis")
    with pytest.raises(CaseError, match="not a case id"):
        load_case("../etc/passwd")
    with pytest.raises(CaseError, match="no case"):
        load_case("dataset_nato_expenditure")
    # safe_load only: python-specific tags are rejected
    with pytest.raises(CaseError):
        rec_mod.parse_yaml("!!python/object/apply:os.system ['true']", "evil.yaml")


@pytest.mark.parametrize(
    "dist, lo, hi",
    [
        (Distribution("uniform", 1.0, 3.0), 1.0, 3.0),
        (Distribution("triangular", 0.0, 4.0, mode=1.0), 0.0, 4.0),
        (Distribution("beta", 2.0, 6.0, a=2.0, b=5.0), 2.0, 6.0),
        (Distribution("codings", 1.0, 3.0, values=(1.0, 2.0, 3.0), weights=(1.0, 0.0, 3.0)), 1.0, 3.0),
    ],
)
def test_distribution_samples_stay_in_support_and_match_mean(dist, lo, hi):
    x = dist.sample(7, 20000)
    assert x.min() >= lo and x.max() <= hi
    assert abs(x.mean() - dist.mean) < 0.03 * (hi - lo)
    assert np.array_equal(dist.sample(1, 5), dist.sample(1, 5))  # seeded


def test_period_values_override_case_codings():
    rec = load_case("quasi_alliance_us_japan_korea", check_model=False)
    assert [p.id for p in rec.periods] == ["p1969_1971", "p1972_1974", "p1975_1979", "p1980s"]
    v = rec.values("p1972_1974")
    assert v["h_animosity"] == rec.coding("h_animosity").value  # inherited
    assert v["kappa_patron"] == rec.coding("kappa_patron", "p1972_1974").value
    with pytest.raises(KeyError):
        rec.period("p1990s")
