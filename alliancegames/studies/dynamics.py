r"""Learning and evolution of alliance behaviour: where play goes, through nashpy.

Conventions (one place)
-----------------------
A two-player game has payoff matrices :math:`A` (row player) and :math:`B`
(column player), both :math:`m \times n`; row strategies :math:`x \in \Delta_m`,
column strategies :math:`y \in \Delta_n`.  A *state* is the concatenation
``(x, y)`` of length :math:`m + n`.

Two-population (asymmetric) replicator dynamics, one population per ally:

.. math::

    \dot x_i = x_i\,((A y)_i - x^\top A y), \qquad
    \dot y_j = y_j\,((x^\top B)_j - x^\top B y).

:func:`replicator` integrates it for many starting points at once with a
fixed-step fourth-order Runge-Kutta scheme on numpy arrays (``method="batched"``,
also batched over games for sweeps) or one start at a time with nashpy's
``asymmetric_replicator_dynamics`` (``method="nashpy"``, scipy's ``odeint``);
the tests check that the two agree.  :func:`fictitious_play`,
:func:`stochastic_fictitious_play` and :func:`imitation` call nashpy's
learning rules; :func:`moran` calls nashpy's Moran process (one population:
symmetric games).  nashpy draws from numpy's global random state: every
function here takes ``random_state`` (an int or a ``numpy.random.Generator``),
seeds the global state from it for the call and restores it afterwards, so
runs are reproducible and leave no trace.

Every run returns a frozen :class:`DynamicsResult` carrying the method and
its parameters; the end of each run is matched to the nearest equilibrium
found by the exact solver (:func:`~alliancegames.solvers.enumeration.solve`),
or labelled ``"not converged"``.

Examples
--------
>>> from alliancegames.models import snyder_alliance
>>> r = replicator(snyder_alliance(), n=200, random_state=1)
>>> sorted(r.counts())          # both pure equilibria are reached, from different starts
['Firm/Firm', 'Weak/Weak']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alliancegames.core.bimatrix import Bimatrix, GameError
from alliancegames.core.model import ModelError, NormalFormModel
from alliancegames.core.numeric import compile_model, resolve_values
from alliancegames.solvers.enumeration import Solution, solve

__all__ = [
    "DynamicsResult",
    "MoranResult",
    "finite_repetition",
    "fictitious_play",
    "imitation",
    "moran",
    "pure_equilibria",
    "replicator",
    "replicator_field",
    "replicator_paths",
    "replicator_sweep",
    "stochastic_fictitious_play",
    "uniform_starts",
]

NOT_CONVERGED = "not converged"


# ----------------------------------------------------------------------------- inputs
def _game(game: Any, values: Mapping[str, Any] | None = None) -> Bimatrix:
    if isinstance(game, Bimatrix):
        return game
    if isinstance(game, NormalFormModel):
        vals = resolve_values(game, values or {})
        return compile_model(game).game(vals)
    if isinstance(game, tuple) and len(game) == 2:
        return Bimatrix.from_arrays(game[0], game[1])
    raise ModelError(
        f"dynamics need a NormalFormModel, a Bimatrix or a pair (A, B) of arrays; got {type(game).__name__}"
    )


def _rng(random_state: Any) -> np.random.Generator:
    if isinstance(random_state, np.random.Generator):
        return random_state
    if (
        random_state is None
        or isinstance(random_state, (int, np.integer))
        and not isinstance(random_state, bool)
    ):
        if random_state is None:
            raise ModelError("pass random_state (an int or a numpy Generator): runs must be reproducible")
        return np.random.default_rng(int(random_state))
    raise ModelError(f"random_state must be an int or a numpy Generator; got {random_state!r}")


@contextlib.contextmanager
def _global_seed(rng: np.random.Generator) -> Iterator[None]:
    """Seed numpy's global state (which nashpy uses) from ``rng``; restore it afterwards."""
    saved = np.random.get_state()
    np.random.seed(int(rng.integers(2**32 - 1)))
    try:
        yield
    finally:
        np.random.set_state(saved)


def uniform_starts(shape: tuple[int, int], n: int, random_state: Any) -> np.ndarray:
    """``n`` states ``(x, y)`` drawn uniformly from the product of the two simplices.

    Examples
    --------
    >>> s = uniform_starts((2, 3), 4, random_state=0)
    >>> s.shape, np.allclose(s[:, :2].sum(1), 1), np.allclose(s[:, 2:].sum(1), 1)
    ((4, 5), True, True)
    """
    rng = _rng(random_state)
    m, k = shape
    return np.hstack([rng.dirichlet(np.ones(m), size=n), rng.dirichlet(np.ones(k), size=n)])


def _check_starts(starts: Any, shape: tuple[int, int]) -> np.ndarray:
    s = np.atleast_2d(np.asarray(starts, dtype=float))
    m, k = shape
    if s.shape[-1] != m + k:
        raise ModelError(
            f"a state has {m} + {k} = {m + k} entries (row then column strategy); got {s.shape[-1]}"
        )
    if np.any(s < 0) or not (np.allclose(s[:, :m].sum(1), 1) and np.allclose(s[:, m:].sum(1), 1)):
        raise ModelError(
            "starting states must be probability vectors (non-negative, each player's summing to 1)"
        )
    return s


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True)
class DynamicsResult:
    """Where a learning or evolutionary dynamic took play, from many starting points.

    Attributes
    ----------
    method : str
        E.g. ``"replicator"``, ``"fictitious play"``.
    engine : str
        ``"batched numpy RK4"`` or the nashpy function that ran.
    settings : dict
        The method's parameters (time horizon, steps, iterations, noise,
        ``random_state``, ...).
    game : Bimatrix
        The game played.
    values : dict
        The model's parameter point (empty for a bare game).
    starts, ends : ndarray, shape (runs, m + n)
        Initial and final states ``(x, y)``.
    outcomes : tuple of str
        For each run, the label of the equilibrium its end is within ``tol``
        of (max-norm), or ``"not converged"``.
    equilibria : Solution
        All equilibria of the game (exact solver).
    tol : float
        The matching tolerance.
    """

    method: str
    engine: str
    settings: Mapping[str, Any]
    game: Bimatrix
    values: Mapping[str, Any]
    starts: np.ndarray = field(repr=False)
    ends: np.ndarray = field(repr=False)
    outcomes: tuple[str, ...] = field(repr=False)
    equilibria: Solution = field(repr=False)
    tol: float = 1e-2

    def counts(self) -> dict[str, int]:
        """``{outcome label: number of runs}``, most frequent first."""
        labels, n = np.unique(np.asarray(self.outcomes, dtype=object).astype(str), return_counts=True)
        order = np.argsort(-n, kind="stable")
        return {str(labels[i]): int(n[i]) for i in order}

    def shares(self) -> dict[str, float]:
        """``{outcome label: share of runs}``."""
        total = len(self.outcomes)
        return {k: v / total for k, v in self.counts().items()}

    def to_frame(self):
        """One row per run: starting and final probabilities of each action, and the outcome."""
        import pandas as pd  # import time: pandas only for a table

        g = self.game
        cols = [f"{g.players[0]}: {a}" for a in g.actions[0]] + [f"{g.players[1]}: {a}" for a in g.actions[1]]
        df = pd.concat(
            [
                pd.DataFrame(self.starts, columns=[f"start {c}" for c in cols]),
                pd.DataFrame(self.ends, columns=[f"end {c}" for c in cols]),
            ],
            axis=1,
        )
        df["outcome"] = list(self.outcomes)
        return df

    def __str__(self) -> str:
        parts = ", ".join(f"{k}: {v:.1%}" for k, v in self.shares().items())
        return f"{self.method} ({self.engine}) on {self.game.name or 'the game'}, {len(self.outcomes)} runs: {parts}"


def _classify(ends: np.ndarray, sol: Solution, tol: float) -> tuple[str, ...]:
    if not len(sol):
        return (NOT_CONVERGED,) * len(ends)
    eq = np.array(
        [
            np.concatenate([np.asarray(e.strategies[0], float), np.asarray(e.strategies[1], float)])
            for e in sol
        ]
    )
    dist = np.max(np.abs(ends[:, None, :] - eq[None, :, :]), axis=2)
    best = np.argmin(dist, axis=1)
    ok = dist[np.arange(len(ends)), best] <= tol
    labels = sol.labels
    return tuple(labels[b] if o else NOT_CONVERGED for b, o in zip(best, ok))


def _result(method, engine, settings, g, values, starts, ends, tol) -> DynamicsResult:
    sol = solve(g)
    return DynamicsResult(
        method,
        engine,
        dict(settings),
        g,
        dict(values or {}),
        starts,
        ends,
        _classify(ends, sol, tol),
        sol,
        tol,
    )


# ----------------------------------------------------------------------------- replicator
def replicator_field(A: Any, B: Any, state: Any) -> np.ndarray:
    """The two-population replicator vector field at states ``(..., m + n)``; games may be batched.

    ``A`` and ``B`` have shape ``(m, n)`` or ``(..., m, n)`` broadcasting with
    the states' leading axes.

    Examples
    --------
    >>> A = np.array([[2.0, 0.0], [0.0, 1.0]])
    >>> replicator_field(A, A.T, [0.5, 0.5, 0.5, 0.5]).round(3).tolist()
    [0.125, -0.125, 0.125, -0.125]
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    s = np.asarray(state, dtype=float)
    m = A.shape[-2]
    x, y = s[..., :m], s[..., m:]
    f1 = np.einsum("...ij,...j->...i", A, y)
    f2 = np.einsum("...i,...ij->...j", x, B)
    dx = x * (f1 - np.sum(x * f1, axis=-1, keepdims=True))
    dy = y * (f2 - np.sum(y * f2, axis=-1, keepdims=True))
    return np.concatenate([dx, dy], axis=-1)


def _positive(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shift each player's payoffs so the smallest is 1 (per game).

    Adding a constant to a player's payoffs leaves the replicator dynamics on
    the simplex unchanged, but off it the sum of a player's probabilities
    drifts at rate ``-(x'Ay)(sum - 1)``: with negative average payoffs round-off
    grows exponentially (nashpy's integrator then leaves the simplex).
    """
    a = A.min(axis=(-2, -1), keepdims=True)
    b = B.min(axis=(-2, -1), keepdims=True)
    return A - a + 1, B - b + 1


def _renormalise(s: np.ndarray, m: int) -> np.ndarray:
    s = np.clip(s, 0.0, None)
    x, y = s[..., :m], s[..., m:]
    return np.concatenate([x / x.sum(-1, keepdims=True), y / y.sum(-1, keepdims=True)], axis=-1)


def _rk4(A: np.ndarray, B: np.ndarray, s: np.ndarray, t_max: float, steps: int, keep: bool):
    h = t_max / steps
    A, B = _positive(A, B)
    m = A.shape[-2]
    path = [s] if keep else None
    for _ in range(steps):
        k1 = replicator_field(A, B, s)
        k2 = replicator_field(A, B, s + h / 2 * k1)
        k3 = replicator_field(A, B, s + h / 2 * k2)
        k4 = replicator_field(A, B, s + h * k3)
        s = _renormalise(s + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), m)
        if keep:
            path.append(s)
    return s, (np.stack(path, axis=-2) if keep else None)


def replicator(
    game: Any,
    starts: Any = None,
    *,
    values: Mapping[str, Any] | None = None,
    n: int = 500,
    random_state: Any = None,
    t_max: float = 50.0,
    steps: int = 2000,
    method: str = "batched",
    tol: float = 1e-2,
) -> DynamicsResult:
    """Two-population replicator dynamics from many starting points.

    Parameters
    ----------
    game : NormalFormModel, Bimatrix or (A, B)
        A library model is evaluated at ``values`` (defaults fill the rest).
    starts : array (runs, m + n), optional
        Starting states; by default ``n`` drawn uniformly (:func:`uniform_starts`).
    random_state : int or numpy Generator
        Required when ``starts`` is not given.
    t_max, steps : float, int
        Integration horizon and number of RK4 steps (the nashpy engine
        returns the solution at the same time points).
    method : {"batched", "nashpy"}
        numpy RK4 on all starts at once, or nashpy's
        ``asymmetric_replicator_dynamics`` one start at a time.  Both
        integrate the game with each player's payoffs shifted to a minimum
        of 1 (the same dynamics on the simplex, numerically stable off it);
        the batched engine also projects back onto the simplex after each step.
    tol : float
        Max-norm distance within which an end state counts as reaching an equilibrium.

    Examples
    --------
    >>> from alliancegames.models import primary_alliance
    >>> replicator(primary_alliance(), n=50, random_state=0).counts()   # a dominant action wins
    {'Ally/Ally': 50}
    """
    g = _game(game, values)
    if starts is None:
        starts = uniform_starts(g.shape, n, random_state)
    s0 = _check_starts(starts, g.shape)
    A, B = g.A.astype(float), g.B.astype(float)
    settings = {"t_max": t_max, "steps": steps, "random_state": random_state, "tol": tol}
    if method == "batched":
        ends, _ = _rk4(A, B, s0, t_max, steps, keep=False)
        engine = "batched numpy RK4"
    elif method == "nashpy":
        import nashpy as nash  # import time: nashpy loads scipy

        m = A.shape[0]
        times = np.linspace(0, t_max, steps + 1)
        ends = np.empty_like(s0)
        Ap, Bp = _positive(A, B)
        for i, s in enumerate(s0):
            xs, ys = nash.Game(Ap, Bp).asymmetric_replicator_dynamics(x0=s[:m], y0=s[m:], timepoints=times)
            ends[i] = np.concatenate([xs[-1], ys[-1]])
        engine = "nashpy asymmetric_replicator_dynamics (odeint)"
    else:
        raise ModelError(f"unknown method {method!r}; use 'batched' or 'nashpy'")
    return _result("replicator", engine, settings, g, values or {}, s0, ends, tol)


def replicator_paths(
    game: Any, starts: Any, *, values=None, t_max: float = 20.0, steps: int = 400
) -> np.ndarray:
    """Trajectories ``(runs, steps + 1, m + n)`` of the replicator dynamics (for phase portraits)."""
    g = _game(game, values)
    s0 = _check_starts(starts, g.shape)
    _, path = _rk4(g.A.astype(float), g.B.astype(float), s0, t_max, steps, keep=True)
    return path


def replicator_sweep(
    model: NormalFormModel,
    grid: Mapping[str, Any],
    *,
    n: int = 200,
    random_state: Any = None,
    t_max: float = 50.0,
    steps: int = 1000,
    tol: float = 1e-2,
    **fixed: Any,
):
    """Basins of attraction along a parameter grid: share of starts reaching each equilibrium.

    The same ``n`` starting points (seeded) are used at every grid point, and all
    points and starts are integrated together (games batched on a leading
    axis).  End states are matched to the equilibria found by the exact solver
    at each point.  Returns a tidy DataFrame: one row per grid point and
    outcome, with columns for the grid parameters, ``outcome``, ``share`` and
    ``runs``; ``df.attrs`` holds the method's settings.

    Examples
    --------
    >>> from alliancegames.models import snyder_alliance
    >>> df = replicator_sweep(snyder_alliance(), {"c_entrap": [3.0, 5.0]}, n=100, random_state=0)
    >>> firm = df[df.outcome == "Firm/Firm"].set_index("c_entrap").share
    >>> bool(firm[3.0] > firm[5.0])     # entrapment fears shrink the basin of mutual firmness
    True
    """
    import pandas as pd  # import time: pandas only for a table

    from alliancegames.studies.sweeps import grid_points  # import time: sweeps loads pandas

    pts = grid_points(grid)
    names = list(pts)
    npts = len(next(iter(pts.values()))) if pts else 1
    f = compile_model(model)
    vals = resolve_values(model, {**fixed, **{k: v for k, v in pts.items()}})
    A, B = f(vals)
    A = np.broadcast_to(A, (npts, *model.shape))
    B = np.broadcast_to(B, (npts, *model.shape))
    s0 = uniform_starts(model.shape, n, random_state)
    ends, _ = _rk4(
        A[:, None], B[:, None], np.broadcast_to(s0, (npts, n, s0.shape[1])), t_max, steps, keep=False
    )
    rows = []
    for i in range(npts):
        g = Bimatrix.from_arrays(A[i], B[i], players=model.players, actions=model.actions, name=model.name)
        outcomes = _classify(ends[i], solve(g), tol)
        labels, counts = np.unique(np.asarray(outcomes, dtype=object).astype(str), return_counts=True)
        for lab, c in zip(labels, counts):
            rows.append(
                {**{k: pts[k][i] for k in names}, "outcome": str(lab), "share": c / n, "runs": int(c)}
            )
    df = pd.DataFrame(rows)
    df.attrs.update(
        {
            "method": "replicator",
            "engine": "batched numpy RK4",
            "n": n,
            "random_state": random_state,
            "t_max": t_max,
            "steps": steps,
            "tol": tol,
            "fixed": dict(fixed),
        }
    )
    return df


# ----------------------------------------------------------------------------- learning (nashpy)
def _random_counts(g: Bimatrix, rng: np.random.Generator, prior: int) -> list[np.ndarray]:
    """Initial play counts: ``prior`` imaginary past plays, drawn at random (the starting beliefs)."""
    m, k = g.shape
    return [rng.multinomial(prior, np.ones(m) / m), rng.multinomial(prior, np.ones(k) / k)]


def _freq(counts: Sequence[np.ndarray]) -> np.ndarray:
    return np.concatenate([c / c.sum() for c in counts])


def fictitious_play(
    game: Any,
    *,
    values: Mapping[str, Any] | None = None,
    runs: int = 50,
    iterations: int = 500,
    prior: int = 5,
    random_state: Any = None,
    tol: float = 5e-2,
) -> DynamicsResult:
    """nashpy's fictitious play from ``runs`` random initial beliefs; ends are empirical frequencies.

    Each run starts from ``prior`` imaginary past plays per player drawn
    uniformly (the starting beliefs, recorded in ``starts``); nashpy breaks
    ties at random (seeded here).

    Examples
    --------
    >>> from alliancegames.models import snyder_alliance
    >>> fp = fictitious_play(snyder_alliance(), runs=20, random_state=3)
    >>> set(fp.counts()) <= {"Firm/Firm", "Weak/Weak"}
    True
    """
    import nashpy as nash  # import time: nashpy loads scipy

    g = _game(game, values)
    rng = _rng(random_state)
    A, B = g.A.astype(float), g.B.astype(float)
    starts, ends = [], []
    with _global_seed(rng):
        for _ in range(runs):
            counts = _random_counts(g, rng, prior)
            starts.append(_freq(counts))
            *_, last = nash.Game(A, B).fictitious_play(iterations=iterations, play_counts=counts)
            ends.append(_freq(last))
    settings = {
        "runs": runs,
        "iterations": iterations,
        "prior": prior,
        "random_state": random_state,
        "tol": tol,
    }
    return _result(
        "fictitious play",
        "nashpy Game.fictitious_play",
        settings,
        g,
        values,
        np.array(starts),
        np.array(ends),
        tol,
    )


def stochastic_fictitious_play(
    game: Any,
    *,
    values: Mapping[str, Any] | None = None,
    runs: int = 50,
    iterations: int = 500,
    etha: float = 0.1,
    epsilon_bar: float = 0.01,
    prior: int = 5,
    random_state: Any = None,
    tol: float = 5e-2,
) -> DynamicsResult:
    """nashpy's stochastic fictitious play (logit responses with noise ``etha``, perturbation ``epsilon_bar``).

    Ends are the empirical frequencies of play.  Payoffs are rescaled to a
    maximum absolute value of 1 first (nashpy's logit overflows on large
    payoffs); rescaling changes no equilibrium but does change the effective
    noise, recorded in ``settings["scale"]``.
    """
    import nashpy as nash  # import time: nashpy loads scipy

    g = _game(game, values)
    rng = _rng(random_state)
    A, B = g.A.astype(float), g.B.astype(float)
    scale = max(1e-12, float(np.max(np.abs(A))), float(np.max(np.abs(B))))
    starts, ends = [], []
    with _global_seed(rng):
        for _ in range(runs):
            counts = _random_counts(g, rng, prior)
            starts.append(_freq(counts))
            *_, (last, _) = nash.Game(A / scale, B / scale).stochastic_fictitious_play(
                iterations=iterations, etha=etha, epsilon_bar=epsilon_bar, play_counts=counts
            )
            ends.append(_freq(last))
    settings = {
        "runs": runs,
        "iterations": iterations,
        "etha": etha,
        "epsilon_bar": epsilon_bar,
        "prior": prior,
        "scale": scale,
        "random_state": random_state,
        "tol": tol,
    }
    return _result(
        "stochastic fictitious play",
        "nashpy Game.stochastic_fictitious_play",
        settings,
        g,
        values,
        np.array(starts),
        np.array(ends),
        tol,
    )


def imitation(
    game: Any,
    *,
    values: Mapping[str, Any] | None = None,
    runs: int = 20,
    population_size: int = 100,
    iterations: int = 20,
    random_state: Any = None,
    tol: float = 1e-9,
) -> DynamicsResult:
    """nashpy's imitation dynamics: each population copies its most successful member.

    nashpy draws the initial mixed strategies itself (Dirichlet) and returns
    the final population average rounded to 0/1 at threshold 1/2; ``starts``
    is therefore empty (shape ``(runs, 0)``).  Needs a square game (nashpy's
    implementation assumes it).  nashpy scores a column individual ``y``
    against ``x`` as ``y @ M @ x`` with the matrix it is given, so it is given
    ``B`` transposed (the column player's payoff is ``x @ B @ y``; passing
    ``B`` itself would score the column player on the wrong cells).
    """
    import nashpy as nash  # import time: nashpy loads scipy

    g = _game(game, values)
    if g.shape[0] != g.shape[1]:
        raise GameError(f"nashpy's imitation dynamics needs a square game; got {g.shape}")
    rng = _rng(random_state)
    A, B = g.A.astype(float), g.B.astype(float)
    ends = []
    with _global_seed(rng):
        for _ in range(runs):
            seed = int(rng.integers(1, 2**31 - 1))  # nashpy ignores a seed of 0
            (x, y) = next(
                nash.Game(A, B.T).imitation_dynamics(
                    population_size=population_size, iterations=iterations, random_seed=seed
                )
            )
            ends.append(np.concatenate([x, y]))
    settings = {
        "runs": runs,
        "population_size": population_size,
        "iterations": iterations,
        "random_state": random_state,
    }
    return _result(
        "imitation",
        "nashpy Game.imitation_dynamics",
        settings,
        g,
        values,
        np.zeros((runs, 0)),
        np.array(ends),
        tol,
    )


# ----------------------------------------------------------------------------- Moran process
@dataclass(frozen=True)
class MoranResult:
    r"""Fixation probabilities of a Moran process in one population (symmetric game).

    ``fixation[a]`` is the share of ``repetitions`` runs in which everyone
    ended playing action ``a``; ``initial`` counts the initial population per
    action; ``exact`` holds the exact fixation probabilities of the same
    process (two actions only, else empty), from the birth-death chain
    formula [@nowak2006] (chapter 6; recalled): with :math:`\gamma_j` the ratio of
    the two types' fitnesses when :math:`j` individuals play the first action,
    :math:`\rho(i) = (1 + \sum_{k<i} \prod_{j \le k} \gamma_j) /
    (1 + \sum_{k<N} \prod_{j \le k} \gamma_j)`.
    """

    game: Bimatrix
    initial: Mapping[str, int]
    fixation: Mapping[str, float]
    settings: Mapping[str, Any]
    exact: Mapping[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        init = ", ".join(f"{k}: {v}" for k, v in self.initial.items())
        fix = ", ".join(f"{k}: {v:.1%}" for k, v in self.fixation.items())
        return f"Moran process on {self.game.name or 'the game'} from ({init}): fixation {fix}"


def moran(
    game: Any,
    initial: Mapping[str, int],
    *,
    values: Mapping[str, Any] | None = None,
    repetitions: int = 200,
    baseline: float = 1.0,
    random_state: Any = None,
) -> MoranResult:
    """nashpy's Moran process: probability that each action takes over a finite population.

    The game must be symmetric (``B = A^T`` with the same action labels):
    individuals are matched in one population with the row player's payoffs.
    nashpy's Moran process uses payoffs as fitness and needs them
    non-negative: fitness is ``baseline + payoff - min(payoff)`` (our choice;
    the level sets the intensity of selection and is recorded in ``settings``).

    Examples
    --------
    >>> from alliancegames.models import primary_alliance
    >>> r = moran(primary_alliance(), {"Ally": 1, "Abstain": 9}, repetitions=50, random_state=0)
    >>> r.fixation["Ally"] > 0.5     # one allying state usually takes over a population of abstainers
    True
    """
    import nashpy as nash  # import time: nashpy loads scipy

    g = _game(game, values)
    A, B = g.A.astype(float), g.B.astype(float)
    if A.shape[0] != A.shape[1] or not np.allclose(A, B.T) or g.actions[0] != g.actions[1]:
        raise GameError("the Moran process needs a symmetric game (B = A transposed, same actions)")
    unknown = set(initial) - set(g.actions[0])
    if unknown:
        raise GameError(f"unknown actions {sorted(unknown)}; actions are {g.actions[0]}")
    counts = {a: int(initial.get(a, 0)) for a in g.actions[0]}
    if sum(counts.values()) < 2 or any(v < 0 for v in counts.values()):
        raise GameError("the initial population needs at least two individuals (non-negative counts)")
    pop = np.array([i for i, a in enumerate(g.actions[0]) for _ in range(counts[a])])
    rng = _rng(random_state)
    with _global_seed(rng):
        F = A - A.min() + baseline
        probs = nash.Game(F, F.T).fixation_probabilities(initial_population=pop, repetitions=repetitions)
    fixation = {a: 0.0 for a in g.actions[0]}
    for state, p in probs.items():
        fixation[g.actions[0][int(state[0])]] += p
    exact: dict[str, float] = {}
    if len(g.actions[0]) == 2:
        rho = _moran_exact(F, counts[g.actions[0][0]], len(pop))
        exact = {g.actions[0][0]: rho, g.actions[0][1]: 1.0 - rho}
    settings = {
        "repetitions": repetitions,
        "baseline": baseline,
        "random_state": random_state,
        "engine": "nashpy fixation_probabilities",
    }
    return MoranResult(g, counts, fixation, settings, exact)


def _moran_exact(F: np.ndarray, i0: int, N: int) -> float:
    """Fixation probability of the first action from ``i0`` of ``N`` (fitness = sum of payoffs against all others)."""
    if i0 in (0, N):
        return float(i0 == N)
    gammas = []
    for i in range(1, N):
        f = F[0, 0] * (i - 1) + F[0, 1] * (N - i)
        g = F[1, 0] * i + F[1, 1] * (N - i - 1)
        gammas.append(g / f)
    prods = np.cumprod(gammas)
    return float((1 + prods[: i0 - 1].sum()) / (1 + prods.sum()))


# ----------------------------------------------------------------------------- finite repetition
def finite_repetition(game: Any, horizon: int = 2, *, values: Mapping[str, Any] | None = None) -> Bimatrix:
    """The ``horizon``-fold repeated game (undiscounted sums) built by nashpy's ``obtain_repeated_game``.

    Strategies map every history to an action, so the game grows as
    :math:`|A_1|^{(1 + (mn) + \\dots + (mn)^{T-1})}`: 32 x 32 for a 2x2 game
    repeated twice.  Horizons beyond that size are refused.

    Examples
    --------
    >>> from alliancegames.models import primary_alliance
    >>> finite_repetition(primary_alliance(), 2).shape
    (32, 32)
    """
    import nashpy as nash  # import time: nashpy loads scipy
    from nashpy.repeated_games import obtain_repeated_game  # (same: loads scipy)

    g = _game(game, values)
    m, k = g.shape
    states = sum((m * k) ** t for t in range(horizon))
    size = max(m, k) ** states
    if not isinstance(horizon, int) or horizon < 1:
        raise ModelError(f"horizon must be a positive integer; got {horizon!r}")
    if size > 4096:
        raise ModelError(
            f"the {horizon}-fold repetition has {size} strategies per player; too large to build"
        )
    rep = obtain_repeated_game(nash.Game(g.A.astype(float), g.B.astype(float)), repetitions=horizon)
    A, B = rep.payoff_matrices
    return Bimatrix.from_arrays(A, B, players=g.players, name=f"{g.name} x{horizon}")


def pure_equilibria(game: Bimatrix, tol: float = 1e-9) -> list[tuple[int, int]]:
    """All pure Nash equilibria ``(row, col)`` of a (possibly large) game, by best-response tables.

    Examples
    --------
    >>> pure_equilibria(Bimatrix.from_arrays([[2, 0], [0, 1]], [[2, 0], [0, 1]]))
    [(0, 0), (1, 1)]
    """
    A, B = game.A.astype(float), game.B.astype(float)
    ok = (A >= A.max(axis=0, keepdims=True) - tol) & (B >= B.max(axis=1, keepdims=True) - tol)
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(ok))]
