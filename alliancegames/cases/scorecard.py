"""The scorecard: each case's predicted regime, with its probability, against what happened.

For every case (one row per period where a record has periods) the codings are
sampled over their plausible ranges (or distributions), the case's model is
solved at every draw, and the regimes are counted -- one Monte Carlo,
:func:`alliancegames.studies.uncertainty.monte_carlo`, asking the case's model through
the model protocol (:func:`case_tornado` likewise uses
:func:`alliancegames.studies.uncertainty.tornado`):

* normal-form models: Nash equilibria of every sampled game; a regime is the set of equilibria, e.g.
  ``"Firm/Firm + Weak/Weak + mixed (Firm,Weak / Firm,Weak)"``);
* game trees: subgame-perfect equilibrium by backward induction, vectorised
  over the draws (:func:`tree_regimes`); a regime is the set of terminal
  outcomes reached on the equilibrium path, joined by ``" | "`` where a chance
  move (nature) splits the path, e.g. ``"protégé concedes | war"``;
* buck-passing (a volunteer's dilemma with a unique symmetric mixed
  equilibrium): the equilibrium *outcome* is random, so each draw contributes
  its probability that nobody balances, :math:`(K/U)^{N/(N-1)}`; the
  regimes are ``"nobody balances"`` and ``"somebody balances"``;
* Olson–Zeckhauser burden sharing (``burden_sharing``): the numeric solver
  :func:`~alliancegames.models.solve_burden_sharing`; a regime names the
  contributing members.

Codings of kind ``data`` (zero-width ranges) stay fixed; parameters a record
does not code take the model's defaults
(:func:`alliancegames.cases.scores.uncoded_dependencies` checks that none of
them moves the verdict).  Whether an agreement *could have failed* -- the
informative score against the model's generic coding, and the cases set
aside as uninformative or outside the model -- is :mod:`alliancegames.cases.scores`.  Draws are independent, with a seed
derived from ``seed`` and the case and period ids: same seed, same table.

The agreement rule
------------------
Let ``P(observed)`` be the probability of the regimes of which the observed
outcome is part (an equilibrium of a normal form, a terminal on the
equilibrium path of a tree, or the outcome itself).

* ``"yes"``: the observed outcome is part of the most probable regime;
* ``"partial"``: it is not, but ``P(observed) > PARTIAL_THRESHOLD`` (0.2):
  in more than one draw in five the model makes the observed outcome an
  equilibrium (or, for buck-passing, gives it that probability);
* ``"no"``: otherwise.

"Part of" is generous when the most probable regime has several equilibria
(a coordination game "predicts" both of its pure outcomes): the
:class:`Prediction` records how many outcomes the predicted regime contains
(``n_outcomes``), so that a reader can tell a sharp prediction from a
permissive one.

Examples
--------
>>> p = predict("july_1914", n=500, seed=0)
>>> p.predicted, p.agreement
('Unconditional/Unconditional', 'yes')
>>> agreement("Weak/Weak", {"Firm/Firm": 0.7, "Firm/Firm + Weak/Weak": 0.3})
'partial'
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from alliancegames.models import LibraryModel, library_model
from alliancegames.studies.uncertainty import Uniform, monte_carlo, sample_points, tornado

from .records import CaseCoding, CaseRecord, load_case, load_cases

__all__ = [
    "PARTIAL_THRESHOLD",
    "Prediction",
    "agreement",
    "case_grid",
    "case_tornado",
    "coding_table",
    "outcome_probabilities",
    "predict",
    "predictions",
    "observed_probability",
    "regime_outcomes",
    "sample_codings",
    "scorecard",
    "tree_regimes",
]

#: Minimum probability of the observed outcome's regimes for a ``"partial"`` agreement.
PARTIAL_THRESHOLD = 0.2
_SPLIT = re.compile(r" \+ | \| ")


# ============================================================================ agreement
def regime_outcomes(regime: str) -> tuple[str, ...]:
    """The outcomes a regime name is made of (split at ``" + "`` and ``" | "``).

    Examples
    --------
    >>> regime_outcomes("Firm/Firm + Weak/Weak + mixed (Firm,Weak / Firm,Weak)")
    ('Firm/Firm', 'Weak/Weak', 'mixed (Firm,Weak / Firm,Weak)')
    >>> regime_outcomes("protégé concedes | war")
    ('protégé concedes', 'war')
    """
    return tuple(_SPLIT.split(regime))


def _ordered(probabilities: Mapping[str, float] | Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    items = list(probabilities.items()) if isinstance(probabilities, Mapping) else list(probabilities)
    if not items:
        raise ValueError("no regimes given")
    for r, p in items:
        if not isinstance(r, str) or not 0 <= float(p) <= 1 + 1e-9:
            raise ValueError(f"regime probabilities must be (name, probability in [0, 1]); got {(r, p)!r}")
    return sorted(items, key=lambda rp: (-float(rp[1]), rp[0]))


def observed_probability(
    observed: str, probabilities: Mapping[str, float] | Sequence[tuple[str, float]]
) -> float:
    """Total probability of the regimes of which ``observed`` is part.

    Examples
    --------
    >>> observed_probability("Weak/Weak", {"Weak/Weak": 0.5, "Firm/Firm + Weak/Weak": 0.25, "Firm/Firm": 0.25})
    0.75
    """
    return float(sum(float(p) for r, p in _ordered(probabilities) if observed in regime_outcomes(r)))


def agreement(
    observed: str,
    probabilities: Mapping[str, float] | Sequence[tuple[str, float]],
    threshold: float = PARTIAL_THRESHOLD,
) -> str:
    """``"yes"``, ``"partial"`` or ``"no"`` (the rule is in the module docstring).

    The most probable regime is the first by decreasing probability, then by
    name (the order :class:`~alliancegames.studies.uncertainty.RegimeProbabilities` uses).

    Examples
    --------
    >>> agreement("Firm/Firm", {"Firm/Firm + Weak/Weak": 0.6, "Weak/Weak": 0.4})
    'yes'
    >>> agreement("Firm/Weak", {"Weak/Weak": 0.9, "Firm/Weak + Weak/Firm": 0.1})
    'no'
    """
    if not 0 <= threshold < 1:
        raise ValueError(f"threshold must lie in [0, 1); got {threshold!r}")
    items = _ordered(probabilities)
    if observed in regime_outcomes(items[0][0]):
        return "yes"
    if observed_probability(observed, items) > threshold:
        return "partial"
    return "no"


# ============================================================================ codings
def _distribution(c: CaseCoding) -> Any:
    """The :mod:`alliancegames.studies.uncertainty` distribution of a coding (``None`` if fixed)."""
    if c.distribution is None:
        return Uniform(c.lo, c.hi) if c.lo < c.hi else None
    return c.distribution.as_uncertainty()


def _split(case: CaseRecord, period: str | None) -> tuple[dict[str, Any], dict[str, float]]:
    """(uncertain parameters -> distribution, fixed parameters -> value)."""
    dists, fixed = {}, {}
    for c in case._codings(period):
        d = _distribution(c)
        if d is None:
            fixed[c.name] = c.value
        else:
            dists[c.name] = d
    return dists, fixed


def _describe(c: CaseCoding) -> str:
    d = c.distribution
    if d is None:
        return "fixed" if c.lo == c.hi else f"uniform [{c.lo:g}, {c.hi:g}]"
    if d.type == "triangular":
        return f"triangular ({d.lo:g}, {d.mode:g}, {d.hi:g})"
    if d.type == "beta":
        return f"beta({d.a:g}, {d.b:g}) on [{d.lo:g}, {d.hi:g}]"
    if d.type == "codings":
        return "codings " + ", ".join(f"{v:g}" for v in d.values)
    return f"{d.type} [{d.lo:g}, {d.hi:g}]"


def coding_table(case: CaseRecord | str, period: str | None = None) -> pd.DataFrame:
    """The case's codings: parameter, value, range, kind, distribution, justification, sources.

    ``sources`` gives author and year of each source the coding cites.

    Examples
    --------
    >>> t = coding_table("july_1914")
    >>> t[["parameter", "value", "low", "high", "kind"]].values.tolist()[0]
    ['theta_offence', 0.8, 0.5, 0.95, 'coding']
    """
    rec = load_case(case) if isinstance(case, str) else case
    rows = []
    for c in rec._codings(period):
        rows.append(
            {
                "parameter": c.name,
                "value": c.value,
                "low": c.lo,
                "high": c.hi,
                "kind": c.kind,
                "distribution": _describe(c),
                "justification": c.justification,
                "sources": "; ".join(f"{rec.source(s).author} ({rec.source(s).year})" for s in c.sources),
            }
        )
    return pd.DataFrame(rows)


def _seed(seed: Any, case_id: str, period: str | None) -> np.random.SeedSequence:
    key = zlib.crc32(f"{case_id}:{period or ''}".encode())
    if isinstance(seed, np.random.SeedSequence):
        return np.random.SeedSequence([*np.atleast_1d(seed.entropy).tolist(), key])
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed!r}")
    return np.random.SeedSequence([int(seed), key])


def sample_codings(
    case: CaseRecord | str, period: str | None = None, *, n: int = 2000, seed: Any = 0
) -> dict[str, np.ndarray]:
    """``n`` draws of the case's codings (fixed ones repeated), as columns.

    Uncertain codings are drawn with :func:`alliancegames.studies.uncertainty.sample_points`
    from a seed derived from ``seed`` and the case and period ids (the draws
    :func:`predict` uses).

    Examples
    --------
    >>> pts = sample_codings("july_1914", n=5, seed=1)
    >>> sorted(pts), len(pts["v_ally"])
    (['c_chain', 'theta_offence', 'v_ally'], 5)
    """
    rec = load_case(case) if isinstance(case, str) else case
    n = _check_n(n)
    dists, fixed = _split(rec, period)
    pts = sample_points(dists, n, _seed(seed, rec.id, period)) if dists else {}
    for k, v in fixed.items():
        pts[k] = np.full(n, float(v))
    return dict(sorted(pts.items()))


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer; got {n!r}")
    return int(n)


# ============================================================================ solving many points
@lru_cache(maxsize=32)
def _protocol(name: str) -> LibraryModel:
    """The registry model ``name`` behind the model protocol (built once)."""
    return library_model(name)


def tree_regimes(model: str, values: Mapping[str, Any]) -> np.ndarray:
    """Subgame-perfect outcome of a library game tree at many parameter points.

    Vectorised backward induction (:func:`alliancegames.analysis.tree.spe_regimes`):
    at each decision node the mover takes the action with the highest
    continuation value (at an exact tie, the first in the tree's order -- ties
    have probability zero under continuous sampling; :func:`predict` computes
    the point coding exactly with :func:`alliancegames.analysis.tree.spe_regime`,
    which reports every tied SPE).

    Parameters
    ----------
    model : str
        Registry name of a tree model.
    values : dict
        Parameter -> scalar or 1-D array (defaults fill the rest).

    Returns
    -------
    numpy.ndarray of str
        The terminal labels reached with positive probability, in tree order
        (depth first, by first occurrence), joined by ``" | "``.

    Examples
    --------
    >>> tree_regimes("alliance_bargaining", {"c_hegemon": [2, 9]}).tolist()
    ['reduced contribution', 'member leaves']
    """
    return _protocol(model).regimes(values)


def outcome_probabilities(model: str, values: Mapping[str, Any]) -> pd.DataFrame:
    """Probability of each regime at each point: one row per point, one column per regime.

    The model answers through the model protocol
    (:meth:`alliancegames.models.protocol.LibraryModel.probabilities`): rows are one-hot
    for models with a deterministic regime (normal forms: the equilibrium set;
    trees: the subgame-perfect outcome; burden sharing: the contributing set);
    for buck-passing they hold the mixed equilibrium's outcome probabilities.

    Examples
    --------
    >>> outcome_probabilities("buck_passing", {"n_states": 2, "k_balance": [1, 2], "u_threat": 4}).round(3).values.tolist()
    [[0.062, 0.938], [0.25, 0.75]]
    """
    return _protocol(model).probabilities(values)


# ============================================================================ predictions
@dataclass(frozen=True)
class Prediction:
    """A case's (or period's) predicted regime against the observed outcome.

    Attributes
    ----------
    case, period, model : str
        Case id, period id (``""`` for a case without periods), registry model.
    predicted : str
        The most probable regime over the codings' ranges.
    probability : float
        Its estimated probability; ``interval`` its 95% interval (Wilson for
        counts; mean ± 1.96 standard errors, clipped to [0, 1], for
        buck-passing's averaged outcome probabilities).
    probabilities : tuple of (regime, probability, lower, upper)
        Every regime, most probable first; the probabilities sum to one.
    point_regime : str
        The regime at the point coding (exact for trees and normal forms).
    observed : str
        The observed outcome as the record codes it.
    p_observed : float
        Probability of the regimes of which the observed outcome is part.
    agreement : str
        ``"yes"``, ``"partial"`` or ``"no"`` (see :func:`agreement`).
    n_outcomes : int
        Number of outcomes (equilibria or terminals) in the predicted regime.
    n, seed : int
        Draws and the seed they came from; ``uncertain`` the sampled parameters.
    """

    case: str
    period: str
    model: str
    predicted: str
    probability: float
    interval: tuple[float, float]
    probabilities: tuple[tuple[str, float, float, float], ...]
    point_regime: str
    observed: str
    p_observed: float
    agreement: str
    n_outcomes: int
    n: int
    seed: int
    uncertain: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        """``regime, probability, lower, upper`` (for :func:`alliancegames.studies.plot.regime_probabilities`)."""
        return pd.DataFrame(list(self.probabilities), columns=["regime", "probability", "lower", "upper"])

    def __getitem__(self, regime: str) -> float:
        """Probability of one regime (0 if it never occurred)."""
        return next((p for r, p, _, _ in self.probabilities if r == regime), 0.0)


def predict(case: CaseRecord | str, period: str | None = None, *, n: int = 2000, seed: Any = 0) -> Prediction:
    """Monte Carlo prediction for one case (or one period of it).

    Parameters
    ----------
    case : CaseRecord or str
    period : str, optional
        A period id; required when the record has periods.
    n : int
        Draws of the codings.
    seed : int
        Base seed (combined with the case and period ids).

    Examples
    --------
    >>> p = predict("warsaw_pact", "romania_1968", n=500)
    >>> p.point_regime, p.observed, p.agreement
    ('reduced contribution', 'reduced contribution', 'yes')
    >>> round(sum(q for _, q, _, _ in p.probabilities), 12)
    1.0
    """
    rec = load_case(case) if isinstance(case, str) else case
    if rec.periods and period is None:
        raise ValueError(f"case {rec.id!r} has periods {[p.id for p in rec.periods]}; name one")
    observed = rec.period(period).outcome.label if period else rec.outcome.label
    n = _check_n(n)
    dists, fixed = _split(rec, period)
    mc = monte_carlo(_protocol(rec.model), dists, fixed, n=n, seed=_seed(seed, rec.id, period))
    rows = list(zip(mc.regimes, mc.probabilities, mc.lower, mc.upper))
    probs = [(r, p) for r, p, _, _ in rows]
    top = rows[0]
    return Prediction(
        case=rec.id,
        period=period or "",
        model=rec.model,
        predicted=top[0],
        probability=float(top[1]),
        interval=(float(top[2]), float(top[3])),
        probabilities=tuple((str(r), float(p), float(lo), float(hi)) for r, p, lo, hi in rows),
        point_regime=_protocol(rec.model).regime(rec.values(period)),
        observed=observed,
        p_observed=observed_probability(observed, probs),
        agreement=agreement(observed, probs),
        n_outcomes=len(regime_outcomes(top[0])),
        n=n,
        seed=int(seed),
        uncertain=tuple(sorted(dists)),
    )


def predictions(n: int = 2000, seed: Any = 0) -> list[Prediction]:
    """:func:`predict` for every case, one per period where a record has periods, in case-id order."""
    out = []
    for rec in load_cases():
        for period in [p.id for p in rec.periods] or [None]:
            out.append(predict(rec, period, n=n, seed=seed))
    return out


def scorecard(n: int = 2000, seed: Any = 0) -> pd.DataFrame:
    """One row per case (per period where a record has periods): prediction against history.

    Columns: ``case``, ``period``, ``model``, ``predicted regime``,
    ``probability``, ``95% CI`` (a ``(lower, upper)`` pair), ``observed``,
    ``agreement`` (``"yes"``, ``"partial"``, ``"no"``; the rule is in the
    module docstring).  Deterministic for a seed.

    Examples
    --------
    >>> sc = scorecard(n=200)
    >>> list(sc.columns)
    ['case', 'period', 'model', 'predicted regime', 'probability', '95% CI', 'observed', 'agreement']
    >>> set(sc["agreement"]) <= {"yes", "partial", "no"}
    True
    """
    rows = [
        {
            "case": p.case,
            "period": p.period,
            "model": p.model,
            "predicted regime": p.predicted,
            "probability": p.probability,
            "95% CI": p.interval,
            "observed": p.observed,
            "agreement": p.agreement,
        }
        for p in predictions(n=n, seed=seed)
    ]
    df = pd.DataFrame(rows)
    df.attrs.update({"n": n, "seed": seed, "partial_threshold": PARTIAL_THRESHOLD})
    return df


# ============================================================================ notebook helpers
def case_grid(
    case: CaseRecord | str,
    x: str,
    y: str,
    *,
    period: str | None = None,
    steps: int = 80,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """Regime over a ``steps x steps`` grid of two codings, the others at their point values.

    The axes run over the codings' plausible ranges unless ``xlim``/``ylim``
    are given.  The result has columns ``x``, ``y`` (named after the
    parameters) and ``regime`` (for buck-passing also ``p_nobody``, and the
    regime is the more probable outcome), ready for
    :func:`alliancegames.studies.plot.regime_map`.

    Examples
    --------
    >>> g = case_grid("july_1914", "theta_offence", "c_chain", steps=5)
    >>> len(g), sorted(g["regime"].unique())
    (25, ['Conditional/Conditional', 'Unconditional/Unconditional'])
    """
    rec = load_case(case) if isinstance(case, str) else case
    lims = {}
    for name, lim in ((x, xlim), (y, ylim)):
        lims[name] = lim if lim is not None else rec.coding(name, period).range
        if not lims[name][0] < lims[name][1]:
            raise ValueError(f"{name!r} has no range to sweep; give limits")
    xs = np.linspace(*lims[x], steps)
    ys = np.linspace(*lims[y], steps)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    values: dict[str, Any] = {k: v for k, v in rec.values(period).items() if k not in (x, y)}
    values[x], values[y] = X.ravel(), Y.ravel()
    model = _protocol(rec.model)
    out = pd.DataFrame({x: X.ravel(), y: Y.ravel(), **model.quantities(values)})
    out["regime"] = model.regimes(values)
    out.attrs["parameters"] = [x, y]
    return out


def case_tornado(
    case: CaseRecord | str,
    period: str | None = None,
    *,
    outcome: str | None = None,
    steps: int = 21,
    n: int = 0,
    seed: Any = 0,
) -> pd.DataFrame:
    """Sensitivity of the observed outcome to each uncertain coding, one coding at a time.

    Each uncertain coding moves over ``steps`` evenly spaced values of its
    range.  With ``n = 0`` the other codings stay at their point values and
    the outcome is 1 where ``outcome`` (default: the observed outcome) is part
    of the regime, else 0 (for buck-passing: its probability).  With ``n > 0``
    the other codings are drawn ``n`` times (the same draws at every step) and
    the outcome is the Monte Carlo probability that ``outcome`` is part of the
    regime with the one coding pinned -- a smoother and more telling measure
    when the one-at-a-time outcome never changes.

    Returns
    -------
    pandas.DataFrame
        Columns as :func:`alliancegames.studies.uncertainty.tornado` returns them
        (``parameter, low, high, outcome_low, outcome_high, outcome_base,
        outcome_min, outcome_max, swing, regimes``; ``regimes`` lists the most
        probable regimes met from ``low`` to ``high``), sorted by decreasing
        swing, then name.

    Examples
    --------
    >>> t = case_tornado("july_1914")
    >>> t["parameter"].tolist(), t["swing"].tolist()
    (['c_chain', 'v_ally', 'theta_offence'], [1.0, 1.0, 0.0])
    >>> t = case_tornado("july_1914", n=200, steps=5)
    >>> bool(0 < t["outcome_base"].iloc[0] < 1)
    True
    """
    rec = load_case(case) if isinstance(case, str) else case
    target = outcome or (rec.period(period).outcome.label if period else rec.outcome.label)
    if steps < 2:
        raise ValueError(f"steps must be at least 2; got {steps!r}")
    dists, _ = _split(rec, period)
    ranges = {name: rec.coding(name, period).range for name in sorted(dists)}

    def part_of_regime(table: pd.DataFrame) -> np.ndarray:
        """Per draw: the probability of the regimes of which ``target`` is part."""
        part = [c for c in table.columns if target in regime_outcomes(str(c))]
        return table[part].sum(axis=1).to_numpy() if part else np.zeros(len(table))

    if n:
        draws = sample_codings(rec, period, n=_check_n(n), seed=seed)
        out = tornado(_protocol(rec.model), ranges, outcome=part_of_regime, steps=steps, draws=draws)
    else:
        out = tornado(_protocol(rec.model), ranges, rec.values(period), outcome=part_of_regime, steps=steps)
    out.attrs.update({"outcome": target, "n": n})
    return out


