"""Parameter sweeps: a grid or a list of points in, a tidy table of equilibria out.

:func:`sweep` evaluates a model at many parameter points (compiling it once),
solves all the games with :func:`alliancegames.solvers.batch.solve_batch` — which hands
degenerate points, such as points exactly on the boundary between two regimes,
to the exact solver — and returns one row per point and equilibrium.

Columns of the result
---------------------
``<parameter>``
    One column per swept parameter (fixed values are in ``df.attrs["fixed"]``).
``point``
    Index of the parameter point (grid points in C order: the last grid
    parameter varies fastest).
``eq``
    Index of the equilibrium at the point, in :func:`~alliancegames.solvers.enumeration.solve` order.
``p:<player>:<action>``
    Probability that the player plays the action, e.g. ``"p:Ally 1:Firm"``.
``u:<player>``
    The player's expected payoff.
``label``
    The equilibrium's label (:attr:`~alliancegames.solvers.enumeration.Equilibrium.label`):
    ``"Firm/Firm"`` or ``"mixed (Firm,Weak / Firm,Weak)"``.
``n_equilibria``
    Number of equilibria at the point.
``equilibrium_set``
    The sorted set of equilibrium labels at the point joined with ``" + "``.
``regime``
    A readable name for the set: ``equilibrium_set`` renamed by ``labels``.
``exact``
    Whether the point was solved by the exact (rational) solver.

Executors
---------
``executor`` may be any :class:`concurrent.futures.Executor` or a
``dask.distributed.Client``: chunks of parameter values (never payoff arrays)
and the symbolic model are sent to the workers, which compile the model once
per process; results are gathered in order and are identical to a local run.
To use an existing Dask cluster::

    from dask.distributed import Client  # optional dependency (dask), and import time
    client = Client("tcp://scheduler-address:8786")
    df = sweep(model, grid, executor=client)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from typing import Any

import numpy as np
import pandas as pd

from alliancegames.core.exact import ResourceError
from alliancegames.core.model import ModelError, NormalFormModel
from alliancegames.core.numeric import CompiledModel, compile_model, evaluate, resolve_values
from alliancegames.solvers.batch import DEFAULT_CHUNK, BatchResult, solve_batch, support_labels

__all__ = ["sweep", "regime_table", "grid_points"]

Labels = Mapping[Any, str] | Callable[[tuple[str, ...]], str] | None


# --------------------------------------------------------------------------- points
def grid_points(grid: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Flatten a grid ``{name: values}`` to equal-length columns (C order).

    Examples
    --------
    >>> {k: v.tolist() for k, v in grid_points({"a": [0, 1], "b": [5, 6, 7]}).items()}
    {'a': [0.0, 0.0, 0.0, 1.0, 1.0, 1.0], 'b': [5.0, 6.0, 7.0, 5.0, 6.0, 7.0]}
    """
    axes = {}
    for name, values in grid.items():
        arr = np.asarray(values, dtype=float)
        if arr.ndim == 0:
            arr = arr.reshape(1)
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(
                f"grid values for {name!r} must be a non-empty 1-D sequence; got shape {arr.shape}"
            )
        axes[name] = arr
    if not axes:
        raise ValueError("the grid is empty: give at least one parameter to sweep")
    mesh = np.meshgrid(*axes.values(), indexing="ij")
    return {name: m.ravel() for name, m in zip(axes, mesh)}


def _point_columns(grid: Mapping[str, Any] | None, points: Any) -> dict[str, np.ndarray]:
    if (grid is None) == (points is None):
        raise ValueError("give either a grid or points (not both)")
    if grid is not None:
        return grid_points(grid)
    if isinstance(points, pd.DataFrame):
        frame = points
    elif isinstance(points, Mapping):
        frame = pd.DataFrame({k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in points.items()})
    else:
        rows = list(points)
        if not rows or not all(isinstance(r, Mapping) for r in rows):
            raise ValueError("points must be a DataFrame, a dict of columns or a non-empty list of dicts")
        keys = set(rows[0])
        bad = next((i for i, r in enumerate(rows) if set(r) != keys), None)
        if bad is not None:
            raise ValueError(f"point {bad} has parameters {sorted(rows[bad])}, point 0 has {sorted(keys)}")
        frame = pd.DataFrame(rows)
    if len(frame) == 0 or frame.shape[1] == 0:
        raise ValueError("points is empty")
    cols = {}
    for name in frame.columns:
        try:
            cols[str(name)] = np.asarray(frame[name], dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"point values for {name!r} must be numbers") from exc
    return cols


# --------------------------------------------------------------------------- workers
@lru_cache(maxsize=16)
def _compiled(model: NormalFormModel) -> CompiledModel:
    """Compile once per process (lambdified functions do not pickle; models do)."""
    return compile_model(model)


def _solve_points(
    model: NormalFormModel, values: dict[str, np.ndarray], fixed: dict[str, Any], tol: float
) -> BatchResult:
    """Evaluate and solve one chunk of points (runs on workers)."""
    A, B = _compiled(model)({**fixed, **values})
    size = len(next(iter(values.values())))
    A = np.broadcast_to(A, (size,) + A.shape[-2:])
    B = np.broadcast_to(B, (size,) + B.shape[-2:])
    exact_game = partial(_exact_game, model, values, fixed)
    return solve_batch(A, B, tol=tol, chunk_size=max(size, 1), exact_game=exact_game)


def _exact_game(model: NormalFormModel, values: dict[str, np.ndarray], fixed: dict[str, Any], i: int) -> Any:
    """The model evaluated exactly at point ``i`` (the exact fallback for delicate points).

    Values are read by the exactness policy (a float is the decimal it prints
    as), and payoffs are evaluated exactly, so a point on a region boundary is
    decided as :meth:`~alliancegames.analysis.regions.Regions.at` decides it.
    ``None`` where exact evaluation is refused as too large (an exponent such
    as ``alpha = 0.3684210526315789`` from a grid: a root of degree ``10**16``);
    the fallback then solves the float payoffs exactly as they are.
    """
    try:
        return evaluate(model, {**fixed, **{k: v[i] for k, v in values.items()}})
    except ResourceError:
        return None


def _submit(executor: Any, *args: Any) -> Any:
    if type(executor).__module__.split(".")[0] == "distributed":  # a dask Client
        return executor.submit(*args, pure=False)
    return executor.submit(*args)


def _show_progress(progress: bool | None, n_chunks: int) -> bool:
    if progress is None:
        return n_chunks > 1 and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    return bool(progress)


# --------------------------------------------------------------------------- sweep
def sweep(
    model: NormalFormModel,
    grid: Mapping[str, Any] | None = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    points: Any = None,
    chunk_size: int = DEFAULT_CHUNK,
    progress: bool | None = None,
    executor: Any = None,
    labels: Labels = None,
    tol: float = 1e-9,
) -> pd.DataFrame:
    """Solve a model at every point of a grid (or of a list of points).

    Parameters
    ----------
    model : NormalFormModel
        The symbolic game.
    grid : dict of name -> 1-D array_like, optional
        Values of the swept parameters; every combination is solved.
    fixed : dict, optional
        Values of other parameters (defaults fill the rest).
    points : DataFrame, dict of columns or list of dicts, optional
        Explicit points instead of a grid.
    chunk_size : int
        Points solved at once (bounds memory; also the unit of work sent to
        an executor).
    progress : bool or None
        Show a tqdm bar; ``None`` shows it only on an interactive terminal
        and when there is more than one chunk.
    executor : concurrent.futures.Executor or dask.distributed.Client, optional
        Solve chunks there; results are gathered in order.
    labels : dict or callable, optional
        Readable regime names: a dict keyed by ``equilibrium_set`` strings
        (``"Firm/Firm + Weak/Weak"``) or by tuples/sets of labels, or a
        callable taking the sorted tuple of labels.  Unmapped sets keep
        their ``equilibrium_set`` string.
    tol : float
        Passed to :func:`~alliancegames.solvers.batch.solve_batch`.

    Returns
    -------
    pandas.DataFrame
        One row per point and equilibrium; the columns are described in the
        module docstring.  ``df.attrs`` holds the model name, the fixed
        values and the swept parameter names.

    Examples
    --------
    >>> from alliancegames import normal_form, parameter
    >>> g = normal_form("stag hunt", ("Ally 1", "Ally 2"), (("Firm", "Weak"), ("Firm", "Weak")),
    ...                 [parameter("v", "value of joint firmness", "positive")],
    ...                 [[("v", "v"), (0, 1)], [(1, 0), (1, 1)]])
    >>> df = sweep(g, {"v": [0.5, 2.0]}, labels={"Weak/Weak": "both weak"})
    >>> df[["v", "eq", "label"]].values.tolist()
    [[0.5, 0, 'Weak/Weak'], [2.0, 0, 'Firm/Firm'], [2.0, 1, 'Weak/Weak'], [2.0, 2, 'mixed (Firm,Weak / Firm,Weak)']]
    >>> regime_table(df)["regime"].tolist()
    ['both weak', 'Firm/Firm + Weak/Weak + mixed (Firm,Weak / Firm,Weak)']
    """
    if not isinstance(model, NormalFormModel):
        raise TypeError(f"sweep needs a NormalFormModel, got {type(model).__name__}")
    cols = _point_columns(grid, points)
    fixed = dict(fixed or {})
    both = sorted(set(cols) & set(fixed))
    if both:
        raise ModelError(f"parameter(s) {both} are both swept and fixed")
    resolved = resolve_values(model, {**fixed, **cols})  # names, domains, missing values
    fixed_all = {k: v for k, v in resolved.items() if k not in cols}
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive; got {chunk_size!r}")
    size = len(next(iter(cols.values())))
    starts = range(0, size, chunk_size)
    chunks = [{k: v[s : s + chunk_size] for k, v in cols.items()} for s in starts]
    bar = None
    if _show_progress(progress, len(chunks)):
        from tqdm.auto import tqdm  # import time: the progress bar only when shown

        bar = tqdm(total=len(chunks), desc=f"sweep {model.name}", unit="chunk")
    try:
        if executor is None:
            parts = _Collector(model.shape, size)
            for c in chunks:
                parts.add(_solve_points(model, c, fixed_all, tol))
                if bar is not None:
                    bar.update()
        else:
            futures = [_submit(executor, _solve_points, model, c, fixed_all, tol) for c in chunks]
            parts = _Collector(model.shape, size)
            for f in futures:
                parts.add(f.result())
                if bar is not None:
                    bar.update()
    finally:
        if bar is not None:
            bar.close()
    df = _frame(model, cols, parts, labels)
    df.attrs.update({"model": model.name, "fixed": fixed_all, "parameters": list(cols), "tol": tol})
    return df


class _Collector:
    """Streams chunk results into preallocated columns (gathered in order).

    Columns are allocated with ``np.empty`` at a generous capacity: pages never
    written are never resident, so memory is what the equilibria need, and each
    chunk's arrays are freed as soon as they are copied.
    """

    def __init__(self, shape: tuple[int, int], n_points: int) -> None:
        self.m, self.n = shape
        self.cap = max(16, 4 * n_points)
        self.E = 0
        self.cols = [np.empty(self.cap) for _ in range(self.m + self.n + 2)]
        self.codes = np.empty(self.cap, dtype=np.int64)
        self.counts: list[np.ndarray] = []
        self.exact: list[np.ndarray] = []

    def add(self, r: BatchResult) -> None:
        e = len(r.game)
        if self.E + e > self.cap:  # rare: many equilibria per point
            self.cap = 2 * (self.E + e)
            self.cols = [np.concatenate([c[: self.E], np.empty(self.cap - self.E)]) for c in self.cols]
            self.codes = np.concatenate([self.codes[: self.E], np.empty(self.cap - self.E, dtype=np.int64)])
        sl = slice(self.E, self.E + e)
        blocks = [r.x[:, a] for a in range(self.m)] + [r.y[:, b] for b in range(self.n)]
        blocks += [r.payoffs[:, 0], r.payoffs[:, 1]]
        for col, block in zip(self.cols, blocks):
            col[sl] = block
        self.codes[sl] = r.support_codes
        self.counts.append(r.counts)
        self.exact.append(r.exact)
        self.E += e


def _frame(
    model: NormalFormModel, cols: dict[str, np.ndarray], parts: _Collector, labels: Labels
) -> pd.DataFrame:
    counts = np.concatenate(parts.counts)
    if np.any(counts == 0):  # cannot happen (Nash's theorem); guard the reduceat below
        raise ArithmeticError(f"no equilibrium found at point {int(np.argmax(counts == 0))}")
    n_points = counts.size
    offsets = np.concatenate([[0], np.cumsum(counts)])
    E = int(offsets[-1])
    codes = parts.codes[:E]
    exact = np.concatenate(parts.exact)
    m = parts.m
    # labels: categories sorted alphabetically, so bit order = sorted order
    present = np.flatnonzero(np.bincount(codes)) if codes.max() < 2**22 else np.unique(codes)
    names = support_labels(present, model.actions)
    order = sorted(names, key=names.get)
    cat_of_code = {c: i for i, c in enumerate(order)}
    cats = [names[c] for c in order]
    lookup = np.zeros(int(max(order)) + 1, dtype=np.int32)
    for c, i in cat_of_code.items():
        lookup[c] = i
    cat = lookup[codes]
    del codes
    parts.codes = np.empty(0, dtype=np.int64)
    # the set of labels at each point
    if len(cats) <= 62:
        bits = np.left_shift(np.int64(1), cat)
        key = np.bitwise_or.reduceat(bits, offsets[:-1])
        del bits
        rid, uniq = pd.factorize(key)
        sets = [tuple(cats[b] for b in range(len(cats)) if int(u) >> b & 1) for u in uniq]
    else:  # many distinct labels: slower, exact
        per_point = [tuple(sorted(set(cat[offsets[i] : offsets[i + 1]].tolist()))) for i in range(n_points)]
        rid, uniq = pd.factorize(pd.Series(per_point, dtype=object))
        sets = [tuple(cats[b] for b in u) for u in uniq]
    raw = [" + ".join(s) for s in sets]
    nice = [_rename(s, r, labels) for s, r in zip(sets, raw)]
    row_rid = np.repeat(rid.astype(np.int32), counts)
    eq_set, regime = _categorical(row_rid, raw), _categorical(row_rid, nice)
    label = pd.Categorical.from_codes(cat, categories=cats)
    del row_rid, cat
    itype = np.int32 if n_points < 2**31 else np.int64
    data: dict[str, Any] = {name: np.repeat(v, counts) for name, v in cols.items()}
    data["point"] = np.repeat(np.arange(n_points, dtype=itype), counts)
    eq = np.arange(E, dtype=np.int64 if E >= 2**31 else np.int32)
    eq -= np.repeat(offsets[:-1].astype(eq.dtype), counts)
    data["eq"] = eq.astype(np.int16)
    del eq
    for k, (player, acts) in enumerate(zip(model.players, model.actions)):
        for a, name in enumerate(acts):
            data[f"p:{player}:{name}"] = parts.cols[a if k == 0 else m + a][:E]
    for k, player in enumerate(model.players):
        data[f"u:{player}"] = parts.cols[-2 + k][:E]
    data["label"] = label
    data["n_equilibria"] = np.repeat(counts, counts).astype(np.int16)
    data["equilibrium_set"] = eq_set
    data["regime"] = regime
    data["exact"] = np.repeat(exact, counts)
    return pd.DataFrame(data, copy=False)


def _categorical(ids: np.ndarray, names: list[str]) -> pd.Categorical:
    cats = sorted(set(names))
    pos = {c: i for i, c in enumerate(cats)}
    remap = np.array([pos[nm] for nm in names], dtype=np.int32)
    return pd.Categorical.from_codes(remap[ids] if len(ids) else ids, categories=cats)


def _rename(labels_set: tuple[str, ...], raw: str, labels: Labels) -> str:
    if labels is None:
        return raw
    if callable(labels):
        out = labels(labels_set)
        if not isinstance(out, str):
            raise TypeError(f"labels callable must return a string; got {out!r} for {labels_set}")
        return out
    if raw in labels:
        return labels[raw]
    for key, name in labels.items():
        if not isinstance(key, str) and frozenset(key) == frozenset(labels_set):
            return name
    return raw


def regime_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per point: parameter values, number of equilibria and regime.

    Examples
    --------
    >>> from alliancegames import normal_form, parameter
    >>> g = normal_form("g", ("A", "B"), (("x", "y"), ("x", "y")), [parameter("c", "", "real")],
    ...                 [[("c", 1), (0, 0)], [(0, 0), (1, 1)]])
    >>> regime_table(sweep(g, {"c": [-1.0, 1.0]}))[["c", "n_equilibria", "regime"]].values.tolist()
    [[-1.0, 1, 'y/y'], [1.0, 3, 'mixed (x,y / x,y) + x/x + y/y']]
    """
    missing = {"point", "eq", "regime", "n_equilibria"} - set(df.columns)
    if missing:
        raise ValueError(f"not a sweep result: columns {sorted(missing)} are missing")
    params = list(df.attrs.get("parameters", []))
    keep = [c for c in params if c in df.columns] + ["point", "n_equilibria", "equilibrium_set", "regime"]
    keep += [c for c in ("exact",) if c in df.columns]
    keep = [c for c in keep if c in df.columns]
    out = df.loc[df["eq"] == 0, keep].reset_index(drop=True)
    out.attrs = dict(df.attrs)
    return out
