"""Informative scores: did the case's coding tell us more than the model's generic coding?

An agreement verdict (:func:`alliancegames.cases.scorecard.agreement`) says
whether the observed outcome is part of the regime the case's codings make
most probable.  It does not say whether the verdict *could have failed*: a
model in which the observed outcome is an equilibrium almost everywhere agrees
with history whatever the case's codings.  This module scores each case (one
score per period where a record has periods) against a stated **baseline**.

The baseline
------------
:data:`BASELINE`: every parameter the case codes as a *judgement* (``kind:
coding``) and every parameter it leaves uncoded is drawn uniformly over the
model's generic plausible range (:data:`alliancegames.models.CODINGS`); the
case's *sourced values* (``kind: data``) stay fixed.  So the baseline asks:
what does the model say about this case if we know its sourced figures but
none of our case-specific judgements?

The score
---------
With ``p_case`` = P(observed) over the case's codings and ``p_base`` =
P(observed) under the baseline (both Monte Carlo, ``n`` draws, the observed
outcome counted wherever it is part of a regime), the **skill** is the log
score gain ``log(p_case / p_base)`` in nats: positive when the case's codings
made the observed outcome more likely than the generic coding did.  Its 95%
interval combines the ends of the two probabilities' intervals (conservative).

Set-asides
----------
* ``"outside the model"``: the observed outcome is never produced, neither
  under the baseline nor under the case's codings nor over the union of the
  two boxes (:data:`REACH_DRAWS` draws): the model cannot produce it, so a
  miss says nothing about the coding.
* ``"uninformative"``: ``p_base`` > :data:`UNINFORMATIVE_THRESHOLD`: the
  model makes the observed outcome (part of) an equilibrium in most of its
  generic coding space, so agreement was nearly guaranteed.
* otherwise ``"informative"``: the agreement verdict counts as a hit or a miss.

Totals (:func:`totals`) count informative cases only and say how many were set
aside and why.

Examples
--------
>>> s = score("quasi_alliance_us_japan_korea", "p1972_1974", n=300)
>>> s.status, s.p_baseline
('uninformative', 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alliancegames.cases.records import CaseRecord, load_case, load_cases
from alliancegames.cases.scorecard import (
    _seed,
    _split,
    case_tornado,
    outcome_probabilities,
    predict,
    regime_outcomes,
    sample_codings,
)
from alliancegames.models import REGISTRY
from alliancegames.studies.uncertainty import Uniform, mean_interval, proportion_interval, sample_points

__all__ = [
    "BASELINE",
    "CaseScore",
    "REACH_DRAWS",
    "STATUSES",
    "UNINFORMATIVE_THRESHOLD",
    "baseline_ranges",
    "observed_share",
    "SCORE_COLUMNS",
    "score",
    "scorecard_markdown",
    "scorecard_table",
    "scores",
    "totals",
    "uncoded_dependencies",
]

#: Above this baseline probability of the observed outcome a case is set aside as uninformative.
UNINFORMATIVE_THRESHOLD = 0.8
#: Draws over the union of the model's and the case's ranges used to call an outcome "outside the model".
REACH_DRAWS = 4000
#: Change in P(observed) above which an uncoded parameter counts as one the verdict depends on.
DEPENDENCY_TOLERANCE = 0.02
BASELINE = (
    "the model's generic coding: every judgement and every uncoded parameter uniform over the "
    "model's plausible range (alliancegames.models.CODINGS); sourced figures fixed"
)
STATUSES = ("informative", "uninformative", "outside the model")


# ============================================================================ baseline
def _generic(model: str) -> dict[str, tuple[float, float]]:
    coding = REGISTRY[model].coding
    if coding is None:
        return {}
    return {s.name: (float(s.plausible[0]), float(s.plausible[1])) for s in coding.specs}


def _defaults(model: str) -> dict[str, float]:
    coding = REGISTRY[model].coding
    return {} if coding is None else {s.name: float(s.default) for s in coding.specs}


def baseline_ranges(case: CaseRecord | str, period: str | None = None) -> dict[str, tuple[float, float]]:
    """Parameter -> ``(lo, hi)`` of the baseline (a zero-width range is a fixed value).

    Examples
    --------
    >>> baseline_ranges("buck_passing_1930s")
    {'n_states': (3.0, 3.0), 'k_balance': (0.5, 3.0), 'u_threat': (4.0, 10.0)}
    """
    rec = load_case(case) if isinstance(case, str) else case
    out = dict(_generic(rec.model))
    for c in rec._codings(period):
        if c.sourced_value:
            out[c.name] = (c.value, c.value)
        elif c.name not in out:  # a model without generic ranges: keep the case's own
            out[c.name] = c.range
    return out


def _draw_box(box: Mapping[str, tuple[float, float]], n: int, seed: Any) -> dict[str, np.ndarray]:
    dists = {k: Uniform(lo, hi) for k, (lo, hi) in box.items() if lo < hi}
    pts = sample_points(dists, n, seed) if dists else {}
    for k, (lo, hi) in box.items():
        if not lo < hi:
            pts[k] = np.full(n, float(lo))
    return pts


def observed_share(model: str, values: Mapping[str, Any], observed: str) -> np.ndarray:
    """Per point: 1 where ``observed`` is part of the regime (buck-passing: its probability), else 0.

    Examples
    --------
    >>> observed_share("chain_gang", {"theta_offence": [0.1, 0.9], "v_ally": 4, "c_chain": 2},
    ...                "Unconditional/Unconditional").tolist()
    [0.0, 1.0]
    """
    table = outcome_probabilities(model, values)
    part = [c for c in table.columns if observed in regime_outcomes(str(c))]
    return table[part].sum(axis=1).to_numpy(dtype=float) if part else np.zeros(len(table))


def _probability(x: np.ndarray) -> tuple[float, float, float]:
    if np.all((x == 0) | (x == 1)):
        return float(x.mean()), *proportion_interval(int(x.sum()), len(x))
    return mean_interval(x)


# ============================================================================ dependencies
def uncoded_dependencies(
    case: CaseRecord | str, period: str | None = None, *, n: int = 200, steps: int = 9, seed: Any = 0
) -> dict[str, float]:
    """Parameters the case leaves at the model's default on which P(observed) depends.

    Each uncoded parameter with a generic range of positive width is moved
    over ``steps`` values of that range while the case's codings are drawn
    ``n`` times (the same draws at every step); the swing of P(observed) is
    returned for every parameter whose swing exceeds
    ``DEPENDENCY_TOLERANCE``.  An empty dict means the verdict rests on
    the case's own codings only.

    Examples
    --------
    >>> uncoded_dependencies("july_1914")
    {}
    """
    rec = load_case(case) if isinstance(case, str) else case
    observed = rec.outcome_for(period).label
    coded = {c.name for c in rec._codings(period)}
    free = {k: r for k, r in _generic(rec.model).items() if k not in coded and r[0] < r[1]}
    if not free:
        return {}
    draws = sample_codings(rec, period, n=n, seed=seed)
    base = {**{k: np.full(n, v) for k, v in _defaults(rec.model).items() if k not in coded}, **draws}
    blocks, owner = [], []
    for name, (lo, hi) in sorted(free.items()):
        for val in np.linspace(lo, hi, steps):
            blocks.append({**base, name: np.full(n, float(val))})
            owner.append(name)
    pts = {k: np.concatenate([b[k] for b in blocks]) for k in base}
    share = observed_share(rec.model, pts, observed).reshape(len(blocks), n).mean(axis=1)
    out = {}
    for name in sorted(free):
        vals = share[[i for i, o in enumerate(owner) if o == name]]
        swing = float(vals.max() - vals.min())
        if swing > DEPENDENCY_TOLERANCE:
            out[name] = swing
    return out


# ============================================================================ the score
@dataclass(frozen=True)
class CaseScore:
    """The informative score of one case (or period).

    Attributes
    ----------
    case, period, model, observed : str
    predicted : str
        The model's most probable regime over the case's codings.
    agreement : str
        ``"yes"``, ``"partial"`` or ``"no"`` (:func:`~alliancegames.cases.scorecard.agreement`).
    p_case, p_baseline : float
        P(observed) over the case's codings and under :data:`BASELINE`, each
        with a 95% interval (``case_interval``, ``baseline_interval``).
    skill : float
        ``log(p_case / p_baseline)`` in nats (``-inf`` if ``p_case`` is 0,
        ``nan`` if both are 0); ``skill_interval`` its conservative 95% interval.
    status : str
        ``"informative"``, ``"uninformative"`` or ``"outside the model"``.
    reason : str
        Why a case is set aside (empty when informative).
    expected : str
        The regime the case's literature expects (the record's ``expected``).
    turns_on : str
        The coding whose range moves the verdict most (one at a time, others
        at the point coding); ``""`` if no single coding moves it.
    turns_on_flips : bool
        Whether moving that coding over its range changes whether the
        observed outcome is part of the regime at the point.
    uncoded : tuple of str
        Uncoded parameters the verdict depends on (:func:`uncoded_dependencies`).
    departures : tuple of str
        Codings that leave the model's plausible ranges or orderings (with a stated reason).
    n, seed : int
    """

    case: str
    period: str
    model: str
    observed: str
    predicted: str
    agreement: str
    p_case: float
    case_interval: tuple[float, float]
    p_baseline: float
    baseline_interval: tuple[float, float]
    skill: float
    skill_interval: tuple[float, float]
    status: str
    reason: str
    expected: str
    turns_on: str
    turns_on_flips: bool
    uncoded: tuple[str, ...]
    departures: tuple[str, ...]
    n: int
    seed: int

    @property
    def counts(self) -> bool:
        """Whether the case counts in the totals (it is informative)."""
        return self.status == "informative"

    @property
    def literature(self) -> str:
        """How the model's verdict relates to the literature's expectation.

        ``"restates"`` if the expected outcome is part of the predicted regime,
        ``"differs"`` otherwise.
        """
        return "restates" if self.expected in regime_outcomes(self.predicted) else "differs"


def _log_ratio(a: float, b: float) -> float:
    if a == 0 and b == 0:
        return float("nan")
    if a == 0:
        return float("-inf")
    if b == 0:
        return float("inf")
    return math.log(a / b)


def score(
    case: CaseRecord | str,
    period: str | None = None,
    *,
    n: int = 2000,
    seed: Any = 0,
    threshold: float = UNINFORMATIVE_THRESHOLD,
) -> CaseScore:
    """Informative score of one case (or one period of it); the rules are in the module docstring.

    Examples
    --------
    >>> s = score("july_1914", n=500)
    >>> s.status, s.turns_on != "", s.uncoded
    ('informative', True, ())
    """
    rec = load_case(case) if isinstance(case, str) else case
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must lie in (0, 1); got {threshold!r}")
    pred = predict(rec, period, n=n, seed=seed)
    observed = pred.observed
    lo_c, hi_c = _observed_interval(pred)
    # baseline
    box = baseline_ranges(rec, period)
    pts = _draw_box(box, n, _seed(seed, rec.id + ":baseline", period))
    p_b, lo_b, hi_b = _probability(observed_share(rec.model, pts, observed))
    # reach: the union of the model's and the case's boxes
    reach = dict(box)
    for c in rec._codings(period):
        lo, hi = reach.get(c.name, c.range)
        reach[c.name] = (min(lo, c.lo), max(hi, c.hi))
    if p_b == 0 and pred.p_observed == 0:
        rpts = _draw_box(reach, REACH_DRAWS, _seed(seed, rec.id + ":reach", period))
        reached = bool(observed_share(rec.model, rpts, observed).max() > 0)
    else:
        reached = True
    if not reached:
        status = "outside the model"
        reason = (
            f"{observed!r} is never the equilibrium outcome: not in {n} draws over the case's codings, "
            f"{n} over the model's generic ranges, nor {REACH_DRAWS} over their union"
        )
    elif p_b > threshold:
        status = "uninformative"
        reason = (
            f"P(observed) = {p_b:.2f} under the baseline (above {threshold:g}): the model "
            "produces the observed outcome across most of its generic coding space"
        )
    else:
        status, reason = "informative", ""
    # tornado at the point coding: which coding the verdict turns on
    tor = case_tornado(rec, period, outcome=observed, steps=21)
    turns_on, flips = "", False
    if len(tor) and tor["swing"].iloc[0] > 0:
        turns_on = str(tor["parameter"].iloc[0])
        flips = bool(tor["outcome_min"].iloc[0] < tor["outcome_max"].iloc[0])
    elif len(tor):
        mc = case_tornado(rec, period, outcome=observed, steps=9, n=200, seed=seed)
        if mc["swing"].iloc[0] > 0:
            turns_on = str(mc["parameter"].iloc[0])
    expected = rec.expected_for(period)
    return CaseScore(
        case=rec.id,
        period=period or "",
        model=rec.model,
        observed=observed,
        predicted=pred.predicted,
        agreement=pred.agreement,
        p_case=pred.p_observed,
        case_interval=(lo_c, hi_c),
        p_baseline=p_b,
        baseline_interval=(lo_b, hi_b),
        skill=_log_ratio(pred.p_observed, p_b),
        skill_interval=(_log_ratio(lo_c, hi_b), _log_ratio(hi_c, lo_b)),
        status=status,
        reason=reason,
        expected=expected.label if expected else "",
        turns_on=turns_on,
        turns_on_flips=flips,
        uncoded=tuple(uncoded_dependencies(rec, period, seed=seed)),
        departures=tuple(sorted(rec.departures(period))),
        n=pred.n,
        seed=pred.seed,
    )


def _observed_interval(pred: Any) -> tuple[float, float]:
    """95% interval of P(observed) from the case's Monte Carlo draws."""
    rec = load_case(pred.case)
    pts = sample_codings(rec, pred.period or None, n=pred.n, seed=pred.seed)
    dists, _ = _split(rec, pred.period or None)
    if not dists:  # nothing uncertain: the point value is exact
        return pred.p_observed, pred.p_observed
    _, lo, hi = _probability(observed_share(rec.model, pts, pred.observed))
    return min(lo, pred.p_observed), max(hi, pred.p_observed)


def scores(n: int = 2000, seed: Any = 0) -> list[CaseScore]:
    """:func:`score` for every case, one per period where a record has periods, in case-id order."""
    return [score(rec, period, n=n, seed=seed) for rec in load_cases() for period in rec.units()]


def totals(rows: list[CaseScore] | pd.DataFrame) -> dict[str, Any]:
    """Agreement counts over informative cases only, and the set-asides with their reasons.

    Examples
    --------
    >>> t = totals(pd.DataFrame({"status": ["informative", "uninformative"],
    ...                          "agreement": ["yes", "yes"], "case": ["a", "b"], "period": ["", ""]}))
    >>> t["counted"], t["yes"], t["set aside"]
    (1, 1, {'uninformative': ['b']})
    """
    if isinstance(rows, pd.DataFrame):
        recs = rows.to_dict("records")
    else:
        recs = [{"status": r.status, "agreement": r.agreement, "case": r.case, "period": r.period} for r in rows]
    counted = [r for r in recs if r["status"] == "informative"]
    out: dict[str, Any] = {"counted": len(counted)}
    for a in ("yes", "partial", "no"):
        out[a] = sum(r["agreement"] == a for r in counted)
    aside: dict[str, list[str]] = {}
    for r in recs:
        if r["status"] != "informative":
            name = r["case"] + (f" {r['period']}" if r["period"] else "")
            aside.setdefault(r["status"], []).append(name)
    out["set aside"] = aside
    return out


# ============================================================================ tables
SCORE_COLUMNS = (
    "case",
    "period",
    "model",
    "literature expects",
    "predicted regime",
    "probability",
    "observed",
    "agreement",
    "P(observed)",
    "P(observed) baseline",
    "skill",
    "skill 95% CI",
    "status",
    "reason",
    "model vs literature",
    "turns on",
    "uncoded dependencies",
    "departures",
)


def scorecard_table(n: int = 2000, seed: Any = 0, cases: Sequence[str] | None = None) -> pd.DataFrame:
    """The full scorecard: agreement, informative score, set-asides and the literature's expectation.

    One row per case (per period where a record has periods), columns
    :data:`SCORE_COLUMNS`.  ``departures`` joins, for each coding that leaves
    the model's plausible ranges or orderings, its name and stated reason.
    ``cases`` (case ids) restricts the table to those records; each row is the
    same as in the full table (draws are seeded per case and period).

    Examples
    --------
    >>> t = scorecard_table(n=200)
    >>> set(t["status"]) <= set(STATUSES), t.attrs["baseline"] == BASELINE
    (True, True)
    """
    records = load_cases() if cases is None else [load_case(c) for c in cases]
    rows = []
    for rec in records:
        for period in rec.units():
            s = score(rec, period, n=n, seed=seed)
            pred = predict(rec, period, n=n, seed=seed)
            rows.append(
                {
                    "case": s.case,
                    "period": s.period,
                    "model": s.model,
                    "literature expects": s.expected,
                    "predicted regime": s.predicted,
                    "probability": pred.probability,
                    "observed": s.observed,
                    "agreement": s.agreement,
                    "P(observed)": s.p_case,
                    "P(observed) baseline": s.p_baseline,
                    "skill": s.skill,
                    "skill 95% CI": s.skill_interval,
                    "status": s.status,
                    "reason": s.reason,
                    "model vs literature": s.literature,
                    "turns on": s.turns_on,
                    "uncoded dependencies": ", ".join(s.uncoded),
                    "departures": "; ".join(f"{k}: {v}" for k, v in rec.departures(period).items()),
                }
            )
    df = pd.DataFrame(rows, columns=list(SCORE_COLUMNS))
    df.attrs.update(
        {"n": n, "seed": seed, "baseline": BASELINE, "uninformative_threshold": UNINFORMATIVE_THRESHOLD}
    )
    return df


def _nats(x: float) -> str:
    if not math.isnan(x) and abs(x) < 0.005:
        return "0.00"
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "+∞" if x > 0 else "−∞"
    return f"{x:+.2f}".replace("-", "−")


#: Relative column widths of the compact (printed-page) scorecard; Pandoc reads them from the dashes.
_COMPACT_WIDTHS = (2.0, 1.4, 2.0, 1.4, 1.5, 1.6, 1.5, 1.8, 1.3)
_SOFT = "\u00ad"  # a soft hyphen: a long word in a narrow printed column may break there


def _breakable(name: str) -> str:
    """An identifier that may wrap after its underscores on a printed page (zero-width spaces)."""
    return name.replace("_", "_\u200b")


def scorecard_markdown(
    df: pd.DataFrame | None = None, n: int = 2000, seed: Any = 0, *, compact: bool = False, notes: bool = True
) -> str:
    """The scorecard as Markdown (the README's and the paper's table), with its rules and totals.

    ``compact=True`` lays the table out for a printed page: case and period in
    one column, identifiers that may wrap after underscores, shorter headers
    and relative column widths (the README keeps the wide layout).
    ``notes=False`` leaves out the rules, totals and footnote below the table.

    Examples
    --------
    >>> md = scorecard_markdown(scorecard_table(n=200))
    >>> "Totals (informative cases only" in md and "outside the model" in md
    True
    >>> scorecard_markdown(scorecard_table(n=200, cases=["july_1914"]), compact=True, notes=False).count("\\n")
    3
    """
    if df is None:
        df = scorecard_table(n=n, seed=seed)
    if compact:
        header = [
            "case (period)",
            "literature expects",
            "most probable regime (P)",
            "observed",
            f"agree{_SOFT}ment",
            f"P(ob{_SOFT}served): case / baseline",
            "skill, nats [95% CI]",
            "status",
            "turns on",
        ]
        rule = "|" + "".join("-" * round(10 * w) + "|" for w in _COMPACT_WIDTHS)
    else:
        header = [
            "case",
            "period",
            "literature expects",
            "model's most probable regime (P)",
            "observed",
            "agreement",
            "P(observed): case / baseline",
            "skill, nats [95% CI]",
            "status",
            "turns on",
        ]
        rule = "|" + "---|" * len(header)
    lines = ["| " + " | ".join(header) + " |", rule]
    for _, r in df.iterrows():
        lo, hi = r["skill 95% CI"]
        status = r["status"] + (" ¹" if r["departures"] else "")
        if compact:
            status = status.replace("informative", f"in{_SOFT}for{_SOFT}ma{_SOFT}tive")
            where = [_breakable(r["case"]) + (f" ({_breakable(r['period'])})" if r["period"] else "")]
            turns = _breakable(r["turns on"]) if r["turns on"] else "–"
        else:
            where = [r["case"], r["period"] or "–"]
            turns = f"`{r['turns on']}`" if r["turns on"] else "–"
        cells = [
            *where,
            r["literature expects"],
            f"{r['predicted regime']} ({r['probability']:.2f})",
            r["observed"],
            r["agreement"] if r["status"] == "informative" else f"({r['agreement']})",
            f"{r['P(observed)']:.2f} / {r['P(observed) baseline']:.2f}",
            f"{_nats(r['skill'])} [{_nats(lo)}, {_nats(hi)}]",
            status,
            turns,
        ]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    if not notes:
        return "\n".join(lines) + "\n"
    t = totals(df)
    aside = "; ".join(f"{k}: {len(v)} ({', '.join(v)})" for k, v in t["set aside"].items()) or "none"
    departures = sorted({r["case"] for _, r in df.iterrows() if r["departures"]})
    uncoded = sorted({r["case"] for _, r in df.iterrows() if r["uncoded dependencies"]})
    n_, seed_ = df.attrs.get("n", n), df.attrs.get("seed", seed)
    text = "\n".join(lines) + "\n\n"
    text += (
        f"Monte Carlo over each record's coding ranges ({n_} draws, seed {seed_}). *Agreement*: *yes* if "
        "the observed outcome belongs to the most probable regime; *partial* if the regimes containing it "
        "have probability above 0.2; otherwise *no* (in parentheses when the case is set aside). "
        f"*Baseline*: {BASELINE}. *Skill*: log(P(observed | case) / P(observed | baseline)). "
        f"*Uninformative*: P(observed | baseline) > {UNINFORMATIVE_THRESHOLD:g}. *Outside the model*: the "
        "observed outcome is never produced, under the case's codings, the baseline or their union. "
        "*Turns on*: the coding whose range moves the verdict most (tornado). "
        "*Literature expects*: the regime the case's literature expects, stated in the record before any "
        "Monte Carlo.\n\n"
        f"**Totals (informative cases only, {t['counted']} of {len(df)}):** yes {t['yes']}, partial "
        f"{t['partial']}, no {t['no']}. Set aside: {aside}.\n\n"
        f"¹ Codings that leave the model's plausible ranges or orderings, each with its stated reason in the "
        f"record (`departure`): {', '.join(departures) or 'none'}. "
        f"Uncoded parameters the verdict depends on: {', '.join(uncoded) or 'none'}.\n"
    )
    return text
