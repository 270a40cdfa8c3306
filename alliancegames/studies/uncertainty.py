"""Uncertain parameters: Monte Carlo regime probabilities and one-at-a-time sensitivity.

Parameters whose values are only known roughly — typically cardinal codings of
qualitative sources — are given as distributions.  :func:`monte_carlo` samples
them (independently, with a seed: same seed, same answer), solves every sampled
game and reports how often each regime occurs, with a 95% confidence interval.
:func:`tornado` moves one parameter at a time across its plausible range and
reports how much an outcome swings.

Both take a :class:`~alliancegames.core.model.NormalFormModel` (solved point by
point with :func:`alliancegames.studies.sweeps.sweep`) or any model of the
model protocol (:class:`alliancegames.models.protocol.LibraryModel`: game trees,
closed-form results), which they ask only for its ``name``, ``parameters`` and
``probabilities(values)`` -- the probability of each regime at each point.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alliancegames.core.model import NormalFormModel, find_parameter
from alliancegames.studies.sweeps import regime_table, sweep

__all__ = [
    "Uniform",
    "Triangular",
    "Beta",
    "Discrete",
    "RegimeProbabilities",
    "monte_carlo",
    "tornado",
    "TORNADO_COLUMNS",
    "proportion_interval",
    "mean_interval",
    "probability_table",
    "sample_points",
]


def _finite(*values: float) -> None:
    for v in values:
        if not isinstance(v, (int, float, np.integer, np.floating)) or not math.isfinite(v):
            raise ValueError(f"distribution parameters must be finite numbers; got {v!r}")


@dataclass(frozen=True)
class Uniform:
    """Uniform on ``[lo, hi]``.

    Examples
    --------
    >>> Uniform(0, 2).sample(np.random.default_rng(0), 3).round(3).tolist()
    [1.274, 0.54, 0.082]
    """

    lo: float
    hi: float

    def __post_init__(self) -> None:
        _finite(self.lo, self.hi)
        if not self.lo < self.hi:
            raise ValueError(f"Uniform needs lo < hi; got lo={self.lo!r}, hi={self.hi!r}")

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.uniform(self.lo, self.hi, size)


@dataclass(frozen=True)
class Triangular:
    """Triangular on ``[lo, hi]`` with the given mode.

    Examples
    --------
    >>> x = Triangular(0, 1, 4).sample(np.random.default_rng(0), 10000)
    >>> bool(abs(x.mean() - 5 / 3) < 0.05)
    True
    """

    lo: float
    mode: float
    hi: float

    def __post_init__(self) -> None:
        _finite(self.lo, self.mode, self.hi)
        if not (self.lo <= self.mode <= self.hi and self.lo < self.hi):
            raise ValueError(
                f"Triangular needs lo <= mode <= hi and lo < hi; got {self.lo}, {self.mode}, {self.hi}"
            )

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.triangular(self.lo, self.mode, self.hi, size)


@dataclass(frozen=True)
class Beta:
    """Beta(a, b) rescaled to ``[lo, hi]``.

    Examples
    --------
    >>> x = Beta(2, 6, lo=0, hi=0.8).sample(np.random.default_rng(0), 10000)
    >>> bool(abs(x.mean() - 0.2) < 0.01) and bool(x.max() <= 0.8)
    True
    """

    a: float
    b: float
    lo: float = 0.0
    hi: float = 1.0

    def __post_init__(self) -> None:
        _finite(self.a, self.b, self.lo, self.hi)
        if self.a <= 0 or self.b <= 0:
            raise ValueError(f"Beta needs a > 0 and b > 0; got a={self.a!r}, b={self.b!r}")
        if not self.lo < self.hi:
            raise ValueError(f"Beta needs lo < hi; got lo={self.lo!r}, hi={self.hi!r}")

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return self.lo + (self.hi - self.lo) * rng.beta(self.a, self.b, size)


@dataclass(frozen=True)
class Discrete:
    """A discrete distribution: alternative codings (values) of a parameter, with weights.

    Weights need not sum to one (they are normalised); omitted, all codings
    are equally likely.

    Examples
    --------
    >>> c = Discrete((0.2, 0.5, 0.8), (1, 2, 1))
    >>> sorted(set(c.sample(np.random.default_rng(0), 50).tolist()))
    [0.2, 0.5, 0.8]
    """

    values: tuple[float, ...]
    weights: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))
        if not self.values:
            raise ValueError("Discrete needs at least one value")
        _finite(*self.values)
        if self.weights is not None:
            object.__setattr__(self, "weights", tuple(self.weights))
            if len(self.weights) != len(self.values):
                raise ValueError(f"{len(self.weights)} weights for {len(self.values)} codings")
            _finite(*self.weights)
            if any(w < 0 for w in self.weights) or sum(self.weights) <= 0:
                raise ValueError(f"weights must be non-negative with a positive sum; got {self.weights}")

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        p = None
        if self.weights is not None:
            w = np.asarray(self.weights, dtype=float)
            p = w / w.sum()
        return rng.choice(np.asarray(self.values, dtype=float), size=size, p=p)


Distribution = Uniform | Triangular | Beta | Discrete

#: Former name of :class:`Discrete` (a case's codings are :class:`alliancegames.cases.CaseCoding`).
Codings = Discrete

Z95 = 1.959963984540054  # standard normal 97.5% quantile


def proportion_interval(
    k: int, n: int, method: str = "wilson", confidence: float = 0.95
) -> tuple[float, float]:
    """Confidence interval for a binomial proportion ``k / n``.

    ``"wilson"`` is the Wilson score interval; ``"clopper-pearson"`` the exact
    (conservative) interval from beta quantiles.

    Examples
    --------
    >>> [round(v, 4) for v in proportion_interval(8, 10)]
    [0.4902, 0.9433]
    >>> proportion_interval(2000, 2000)[1], proportion_interval(0, 2000)[0]
    (1.0, 0.0)
    """
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0; got k={k}, n={n}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie in (0, 1); got {confidence}")
    if method == "wilson":
        from scipy.stats import norm  # import time: scipy.stats only for an interval

        z = Z95 if confidence == 0.95 else float(norm.ppf(0.5 + confidence / 2))
        p = k / n
        den = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / den
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
        # The score interval's ends at k = 0 and k = n are exactly 0 and 1; round-off must not
        # leave the estimate outside its own interval.
        lo = 0.0 if k == 0 else max(0.0, min(p, centre - half))
        hi = 1.0 if k == n else min(1.0, max(p, centre + half))
        return lo, hi
    if method == "clopper-pearson":
        from scipy.stats import beta  # import time: scipy.stats only for an interval

        a = 1 - confidence
        lo = 0.0 if k == 0 else float(beta.ppf(a / 2, k, n - k + 1))
        hi = 1.0 if k == n else float(beta.ppf(1 - a / 2, k + 1, n - k))
        return lo, hi
    raise ValueError(f"unknown method {method!r}; use 'wilson' or 'clopper-pearson'")


@dataclass(frozen=True)
class RegimeProbabilities:
    """How often each regime occurred in a Monte Carlo sample.

    Regimes are sorted by decreasing probability (then by name).
    """

    regimes: tuple[str, ...]
    counts: tuple[int | float, ...]
    n: int
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    method: str
    confidence: float
    seed: Any
    exact_points: int

    @property
    def probabilities(self) -> tuple[float, ...]:
        return tuple(c / self.n for c in self.counts)

    def __repr__(self) -> str:
        top = ", ".join(f"{r!r}: {p:.3f}" for r, p in list(zip(self.regimes, self.probabilities))[:3])
        more = f", … {len(self.regimes) - 3} more" if len(self.regimes) > 3 else ""
        return f"RegimeProbabilities(n={self.n}, seed={self.seed!r}, {{{top}{more}}})"

    def __getitem__(self, regime: str) -> float:
        """Estimated probability of a regime (0 if it never occurred)."""
        return dict(zip(self.regimes, self.probabilities)).get(regime, 0.0)

    def to_frame(self) -> pd.DataFrame:
        """``regime, count, probability, lower, upper``."""
        return pd.DataFrame(
            {
                "regime": list(self.regimes),
                "count": list(self.counts),
                "probability": list(self.probabilities),
                "lower": list(self.lower),
                "upper": list(self.upper),
            }
        )

    def _repr_html_(self) -> str:
        return (
            f"<p>Regime probabilities from {self.n} draws (seed {self.seed!r}), "
            f"{int(self.confidence * 100)}% {self.method} intervals</p>"
            + self.to_frame().to_html(index=False)
        )


def _parameter(model: Any, name: str) -> Any:
    """The parameter ``name`` of a normal form or a protocol model (ModelError naming it if unknown)."""
    return find_parameter(model.parameters, name, f"model {model.name!r}")


def _check_dists(model: Any, dists: Mapping[str, Any]) -> None:
    if not dists:
        raise ValueError("give at least one uncertain parameter")
    for name, d in dists.items():
        _parameter(model, name)
        if not hasattr(d, "sample"):
            raise TypeError(f"distribution for {name!r} must have a .sample(rng, size) method; got {d!r}")


def sample_points(dists: Mapping[str, Any], n: int, seed: Any) -> dict[str, np.ndarray]:
    """Draw ``n`` independent points; parameters are sampled in sorted name order.

    Examples
    --------
    >>> pts = sample_points({"b": Uniform(0, 1), "a": Discrete((1, 2))}, 4, seed=1)
    >>> sorted(pts), len(pts["a"])
    (['a', 'b'], 4)
    """
    rng = np.random.default_rng(seed)
    return {name: np.asarray(dists[name].sample(rng, n), dtype=float) for name in sorted(dists)}


def monte_carlo(
    model: Any,
    dists: Mapping[str, Any],
    fixed: Mapping[str, Any] | None = None,
    *,
    n: int = 10_000,
    seed: Any = 0,
    executor: Any = None,
    labels: Any = None,
    method: str = "wilson",
    confidence: float = 0.95,
    progress: bool | None = False,
) -> RegimeProbabilities:
    """Probability of each regime when some parameters are uncertain.

    Parameters
    ----------
    model : NormalFormModel or protocol model
        A normal form is solved at every draw (``exact_points`` counts the
        draws solved in exact arithmetic); a protocol model answers
        ``probabilities`` for all draws at once (``exact_points`` is 0).  Where
        its outcome is itself random (buck-passing's mixed equilibrium) a
        regime's ``count`` is the sum of its per-draw probabilities and its
        interval is :func:`mean_interval`'s.
    dists : dict of name -> distribution
        :class:`Uniform`, :class:`Triangular`, :class:`Beta`, :class:`Discrete`
        or any object with ``.sample(rng, size)``.  Independent draws.
    fixed : dict, optional
        Values of other parameters (defaults fill the rest).
    n : int
        Number of draws.
    seed : int or numpy SeedSequence
        Same seed, same answer.
    executor, labels, progress
        As in :func:`~alliancegames.studies.sweeps.sweep`.
    method : {"wilson", "clopper-pearson"}
        Confidence interval for each probability.

    Examples
    --------
    >>> from alliancegames import normal_form, parameter
    >>> g = normal_form("stag hunt", ("A", "B"), (("Firm", "Weak"), ("Firm", "Weak")),
    ...                 [parameter("v", "", "real")], [[("v", "v"), (0, 1)], [(1, 0), (1, 1)]])
    >>> r = monte_carlo(g, {"v": Uniform(0, 2)}, n=2000, seed=1)
    >>> r.regimes
    ('Weak/Weak', 'Firm/Firm + Weak/Weak + mixed (Firm,Weak / Firm,Weak)')
    >>> r.lower[0] < 0.5 < r.upper[0]
    True
    >>> from alliancegames.models import library_model
    >>> monte_carlo(library_model("alliance_bargaining"), {"c_hegemon": Uniform(1, 10)}, n=500).regimes
    ('member leaves', 'reduced contribution')
    """
    _check_dists(model, dists)
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer; got {n!r}")
    pts = sample_points(dists, int(n), seed)
    if not isinstance(model, NormalFormModel):
        return _protocol_monte_carlo(model, pts, fixed, int(n), seed, method, confidence)
    df = sweep(model, points=pts, fixed=fixed, executor=executor, labels=labels, progress=progress)
    table = regime_table(df)
    counts = table["regime"].astype(str).value_counts()
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    bounds = [proportion_interval(int(c), int(n), method, confidence) for _, c in items]
    return RegimeProbabilities(
        tuple(r for r, _ in items),
        tuple(int(c) for _, c in items),
        int(n),
        tuple(b[0] for b in bounds),
        tuple(b[1] for b in bounds),
        method,
        confidence,
        seed,
        int(table["exact"].sum()),
    )


def _protocol_monte_carlo(
    model: Any,
    pts: dict[str, np.ndarray],
    fixed: Mapping[str, Any] | None,
    n: int,
    seed: Any,
    method: str,
    confidence: float,
) -> RegimeProbabilities:
    """Monte Carlo through the model protocol: one ``probabilities`` call for every draw."""
    for k, v in (fixed or {}).items():
        pts[k] = np.full(n, float(v))
    table = model.probabilities(dict(sorted(pts.items())))
    rows = probability_table(table, method, confidence)
    sums = {str(c): float(table[c].to_numpy(dtype=float).sum()) for c in table.columns}
    counts = tuple(int(sums[r]) if sums[r].is_integer() else sums[r] for r, _, _, _ in rows)
    return RegimeProbabilities(
        tuple(r for r, _, _, _ in rows),
        counts,
        n,
        tuple(lo for _, _, lo, _ in rows),
        tuple(hi for _, _, _, hi in rows),
        method,
        confidence,
        seed,
        0,
    )


def tornado(
    model: Any,
    ranges: Mapping[str, tuple[float, float]],
    base: Mapping[str, Any] | None = None,
    *,
    outcome: str | Callable[[pd.DataFrame], float],
    steps: int = 21,
    labels: Any = None,
    draws: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One-at-a-time sensitivity: which parameter's plausible range moves the outcome most.

    Each parameter in ``ranges`` is moved over ``steps`` evenly spaced values
    of its range while the others stay at ``base`` (defaults fill the rest).

    Parameters
    ----------
    model : NormalFormModel or protocol model
        See :func:`monte_carlo`.
    outcome : str or callable
        A regime name: the outcome is its probability (for a normal form, 1
        where that regime holds, else 0).  Or, for a normal form, a function
        of the sweep rows of one point (a DataFrame with one row per
        equilibrium) returning a number, e.g. the probability that ``Ally 1``
        stands firm in the first equilibrium; for a protocol model, a
        function of the whole ``probabilities`` table (one row per draw of
        every point) returning one number per row, averaged over each point's
        draws (vectorised: it is called once).
    steps : int
        Values per range (>= 2; the ends are always included).
    draws : dict of name -> array, optional
        Protocol models only: equally long columns of draws of other
        parameters.  Every point is then a block of these draws (the same at
        every step, the moved parameter pinned), the outcome is averaged over
        the block, and a point's regime is the regime most probable over the block.

    Returns
    -------
    pandas.DataFrame
        ``parameter, low, high, outcome_low, outcome_high, outcome_base,
        outcome_min, outcome_max, swing, regimes`` sorted by decreasing
        ``swing`` (``outcome_max - outcome_min`` over the range), then name;
        ``regimes`` lists the regimes met from ``low`` to ``high`` in order.

    Examples
    --------
    >>> from alliancegames import normal_form, parameter
    >>> g = normal_form("stag hunt", ("A", "B"), (("Firm", "Weak"), ("Firm", "Weak")),
    ...                 [parameter("v", "", "real"), parameter("w", "", "real")],
    ...                 [[("v", "v"), (0, "w")], [("w", 0), (1, 1)]])
    >>> t = tornado(g, {"v": (0.2, 2), "w": (0.1, 0.7)}, {"v": 0.8, "w": 0.5}, outcome="Weak/Weak")
    >>> t[["parameter", "swing"]].values.tolist()
    [['v', 1.0], ['w', 0.0]]
    >>> from alliancegames.models import library_model
    >>> t = tornado(library_model("alliance_bargaining"), {"c_hegemon": (1, 10)}, outcome="member leaves")
    >>> t[["parameter", "swing", "regimes"]].values.tolist()
    [['c_hegemon', 1.0, 'reduced contribution → member leaves']]
    """
    if steps < 2:
        raise ValueError(f"steps must be at least 2; got {steps!r}")
    protocol = not isinstance(model, NormalFormModel)
    if draws is not None and not protocol:
        raise ValueError("draws are for protocol models; sweep a normal form's draws with monte_carlo")
    base = dict(base or {})
    for name, rng_ in ranges.items():
        _parameter(model, name)
        if len(rng_) != 2 or not rng_[0] < rng_[1]:
            raise ValueError(f"range for {name!r} must be (low, high) with low < high; got {rng_!r}")
    base_pt = {k: float(v) for k, v in base.items()}
    for name in ranges:
        if name not in base_pt and name not in (draws or {}):
            default = _parameter(model, name).default
            if default is None:
                raise ValueError(f"give a base value for {name!r} (it has no default)")
            base_pt[name] = float(default)
    grid = [(name, float(v)) for name, (lo, hi) in ranges.items() for v in np.linspace(lo, hi, steps)]
    owner = [""] + [name for name, _ in grid]
    if protocol:
        values, regimes = _protocol_tornado(model, base_pt, grid, outcome, draws)
    else:
        rows: list[dict[str, float]] = [base_pt] + [{**base_pt, name: val} for name, val in grid]
        df = sweep(model, points=rows, labels=labels, progress=False)
        regimes = regime_table(df)["regime"].astype(str).tolist()
        if isinstance(outcome, str):
            values = [1.0 if r == outcome else 0.0 for r in regimes]
        elif callable(outcome):
            values = [float(outcome(g)) for _, g in df.groupby("point", sort=True)]
        else:
            raise TypeError("outcome must be a regime name or a callable")
    base_value = values[0]
    out = []
    for name, (lo, hi) in ranges.items():
        idx = [k for k, o in enumerate(owner) if o == name]
        vals = [values[k] for k in idx]
        seen: list[str] = []
        for k in idx:
            if not seen or seen[-1] != regimes[k]:
                seen.append(regimes[k])
        out.append(
            {
                "parameter": name,
                "low": float(lo),
                "high": float(hi),
                "outcome_low": vals[0],
                "outcome_high": vals[-1],
                "outcome_base": base_value,
                "outcome_min": min(vals),
                "outcome_max": max(vals),
                "swing": max(vals) - min(vals),
                "regimes": " → ".join(seen),
            }
        )
    res = pd.DataFrame(out, columns=list(TORNADO_COLUMNS))
    order = sorted(range(len(out)), key=lambda i: (-out[i]["swing"], out[i]["parameter"]))
    return res.iloc[order].reset_index(drop=True)


#: The columns :func:`tornado` returns.
TORNADO_COLUMNS = (
    "parameter",
    "low",
    "high",
    "outcome_low",
    "outcome_high",
    "outcome_base",
    "outcome_min",
    "outcome_max",
    "swing",
    "regimes",
)


def _protocol_tornado(
    model: Any,
    base_pt: Mapping[str, float],
    grid: list[tuple[str, float]],
    outcome: str | Callable[[pd.DataFrame], float],
    draws: Mapping[str, Any] | None,
) -> tuple[list[float], list[str]]:
    """Outcome and most probable regime of every block (the base, then each step of ``grid``)."""
    if draws is not None:
        cols = {k: np.asarray(v, dtype=float).ravel() for k, v in draws.items()}
        m = len(next(iter(cols.values()))) if cols else 1
    else:
        cols, m = {}, 1
    first = {**{k: np.full(m, v) for k, v in base_pt.items()}, **cols}
    blocks = [first] + [{**first, name: np.full(m, val)} for name, val in grid]
    pts = {k: np.concatenate([b[k] for b in blocks]) for k in first}
    table = model.probabilities(pts)
    n_blocks = len(blocks)
    if isinstance(outcome, str):
        hit = table[outcome].to_numpy(dtype=float) if outcome in table.columns else np.zeros(len(table))
    elif callable(outcome):
        hit = np.asarray(outcome(table), dtype=float)
        if hit.shape != (len(table),):
            raise ValueError(
                f"outcome must give one number per row of the table ({len(table)}); got {hit.shape}"
            )
    else:
        raise TypeError("outcome must be a regime name or a callable")
    values = hit.reshape(n_blocks, m).mean(axis=1).tolist()
    block_probs = table.to_numpy(dtype=float).reshape(n_blocks, m, -1).mean(axis=1)
    top = np.asarray(table.columns.astype(str))[np.argmax(block_probs, axis=1)]
    return [float(v) for v in values], [str(r) for r in top]


def mean_interval(values: Any, confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean of per-draw probabilities in [0, 1] with a normal-approximation interval.

    For Monte Carlo estimates whose draws are probabilities rather than
    0/1 events (e.g. the chance that nobody balances in a mixed equilibrium):
    mean ± z standard errors, clipped to [0, 1].  Draws that are all 0 or 1
    are counts: use :func:`proportion_interval`.

    Examples
    --------
    >>> m, lo, hi = mean_interval([0.2, 0.4, 0.6])
    >>> round(m, 6), bool(lo < m < hi)
    (0.4, True)
    """
    x = np.asarray(values, dtype=float).ravel()
    if x.size == 0 or not np.all(np.isfinite(x)):
        raise ValueError("need at least one finite value")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie in (0, 1); got {confidence}")
    from scipy.stats import norm  # import time: scipy.stats only for an interval

    z = Z95 if confidence == 0.95 else float(norm.ppf(0.5 + confidence / 2))
    m = float(x.mean())
    half = z * float(x.std(ddof=1)) / math.sqrt(x.size) if x.size > 1 else 0.0
    return m, max(0.0, m - half), min(1.0, m + half)


def probability_table(
    table: pd.DataFrame, method: str = "wilson", confidence: float = 0.95
) -> list[tuple[str, float, float, float]]:
    """``(column, probability, lower, upper)`` for a table of per-draw outcome probabilities.

    One row per draw, one column per outcome (regime).  A column of 0/1
    values is a count (:func:`proportion_interval` with ``method``); any
    other column is averaged (:func:`mean_interval`).  Outcomes that never
    occur are left out; the rest are sorted by decreasing probability, then
    name, and each probability lies inside its interval.

    Examples
    --------
    >>> t = pd.DataFrame({"a": [1, 1, 0, 1], "b": [0, 0, 1, 0]})
    >>> [(r, p) for r, p, _, _ in probability_table(t)]
    [('a', 0.75), ('b', 0.25)]
    """
    n = len(table)
    if n == 0:
        raise ValueError("the table has no draws")
    out = []
    for col in table.columns:
        x = table[col].to_numpy(dtype=float)
        if np.all((x == 0) | (x == 1)):
            p = float(x.mean())
            lo, hi = proportion_interval(int(x.sum()), n, method, confidence)
        else:
            p, lo, hi = mean_interval(x, confidence)
        if p > 0:
            out.append((str(col), p, min(lo, p), max(hi, p)))
    return sorted(out, key=lambda r: (-r[1], r[0]))
