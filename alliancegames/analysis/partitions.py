"""Equilibria along one parameter or in the plane of two: cells, sets and boundary curves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.analysis.conditions import atoms, boundary_factors
from alliancegames.analysis.regions import Piece, Regions, _truth, equilibrium_regions
from alliancegames.core.model import ModelError, NormalFormModel, exact_number

__all__ = ["Boundary", "Cell", "Partition1D", "Partition2D", "partition"]


@dataclass(frozen=True)
class Cell:
    """A piece of a one-parameter line with a constant set of equilibria.

    ``interval`` is a sympy set (an open Interval between breakpoints or a
    breakpoint as a FiniteSet); ``labels`` are the labels of the distinct
    equilibria there (a label repeats if two equilibria share a support).
    """

    interval: sp.Set
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Partition1D:
    """Equilibria along one free parameter.

    ``sets`` maps each piece label to the sympy set of parameter values where
    a piece of that label is an equilibrium; ``cells`` partition the range
    into breakpoints and open intervals with constant equilibrium sets.
    """

    parameter: sp.Symbol
    box: tuple[Any, Any]
    sets: dict[str, sp.Set]
    cells: tuple[Cell, ...]

    def __str__(self) -> str:
        return "\n".join(f"{c.interval}: {', '.join(c.labels) or 'none'}" for c in self.cells)

    def __repr__(self) -> str:
        lo, hi = self.box
        return (
            f"Partition1D({self.parameter} in [{lo}, {hi}]: {len(self.cells)} cells, {len(self.sets)} labels)"
        )


@dataclass(frozen=True)
class Boundary:
    """A boundary curve in the plane of two free parameters.

    ``expr`` is the expression whose zero set is the boundary (the equality
    version of a condition); ``points`` an ``(k, 2)`` float array of a polyline
    sampled on it inside the box (one array per connected piece of the curve
    in ``polylines``; ``points`` is the longest); ``labels`` the pieces whose
    conditions it bounds.
    """

    expr: sp.Expr
    labels: tuple[str, ...]
    polylines: tuple[np.ndarray, ...]
    curve: sp.Basic | None = None
    separating: tuple[np.ndarray, ...] = ()

    @property
    def points(self) -> np.ndarray:
        if not self.polylines:
            return np.empty((0, 2))
        return max(self.polylines, key=len)

    def __repr__(self) -> str:
        n = sum(len(p) for p in self.polylines)
        return (
            f"Boundary({self.expr} = 0; {len(self.polylines)} polyline(s), {n} points; "
            f"bounds {', '.join(self.labels)})"
        )

    @property
    def label(self) -> str:
        """The curve as text, e.g. ``"p_conflict = 3/c_entrap"``."""
        c = self.curve if self.curve is not None else sp.Eq(self.expr, 0, evaluate=False)
        return f"{c.lhs} = {c.rhs}"

    @property
    def separates(self) -> bool:
        """Whether the set of equilibria differs on the two sides somewhere along the curve."""
        return any(np.isfinite(p).all(axis=1).any() for p in self.separating)

    def separating_points(self) -> np.ndarray:
        """The parts of the curve that separate different sets of equilibria: ``(k, 2)``, NaN gaps."""
        parts = [p for p in self.separating if len(p)]
        if not parts:
            return np.empty((0, 2))
        gap = np.full((1, 2), np.nan)
        return np.vstack([x for p in parts for x in (p, gap)][:-1])


@dataclass(frozen=True)
class Partition2D:
    """Regions in the plane of two free parameters: conditions and boundary curves.

    Attributes
    ----------
    parameters : (x symbol, y symbol)
        The free parameters, in the order of the ``free`` dict (x first).
    box : ((x_lo, x_hi), (y_lo, y_hi))
    pieces : tuple of (label, condition)
        The generic pieces that can hold somewhere, with conditions in ``x, y``.
    boundaries : tuple of Boundary
        Distinct boundary curves (up to a constant factor) with sampled polylines.
    """

    parameters: tuple[sp.Symbol, sp.Symbol]
    box: tuple[tuple[float, float], tuple[float, float]]
    pieces: tuple[tuple[str, sp.Basic], ...]
    boundaries: tuple[Boundary, ...]

    def __repr__(self) -> str:
        (x, y), ((x0, x1), (y0, y1)) = self.parameters, self.box
        return (
            f"Partition2D({x} in [{x0:g}, {x1:g}] x {y} in [{y0:g}, {y1:g}]: "
            f"{len(self.pieces)} pieces, {len(self.boundaries)} boundaries)"
        )

    def __str__(self) -> str:
        lines = [repr(self)]
        lines += [f"  {label}: {cond}" for label, cond in self.pieces]
        lines += [f"  boundary {b.expr} = 0 ({', '.join(b.labels)})" for b in self.boundaries]
        return "\n".join(lines)

    def regime_boundaries(self) -> list[Boundary]:
        """The boundaries that separate regions with different sets of equilibria.

        A factor of a condition (e.g. ``p*a - v`` in a mixed equilibrium's
        conditions) may bound no region; only the parts of curves where the
        generic pieces that hold differ on the two sides are kept (as one
        polyline with NaN gaps, ready for :func:`alliancegames.studies.plot.regime_map`).
        """
        out = []
        for b in self.boundaries:
            if b.separates:
                pts = b.separating_points()
                out.append(Boundary(b.expr, b.labels, (pts,), b.curve, (pts,)))
        return out

    def labels_at(self, x: Any, y: Any) -> tuple[str, ...]:
        """Labels of the generic pieces holding at ``(x, y)`` (exact for rationals)."""
        sub = {self.parameters[0]: exact_number(x), self.parameters[1]: exact_number(y)}
        return tuple(lab for lab, c in self.pieces if _truth(c, sub))


def _restricted(regions: Regions, fixed: Mapping[str, Any]) -> list[tuple[Piece, sp.Basic]]:
    sub = {}
    for name, v in fixed.items():
        p = regions.model.parameter(name)
        if not p.contains(v):
            raise ModelError(f"value {v!r} for {name!r} is outside its domain {p.domain!r}")
        sub[p.symbol] = exact_number(v)
    out = []
    for piece in (*regions.pieces, *regions.limits):  # limits: equilibria at ties, as boundary pieces
        c = piece.conditions.xreplace(sub)
        if c is not sp.false:
            out.append((piece, c))
    return out


def partition(
    model_or_regions: NormalFormModel | Regions,
    free: Mapping[str, tuple[Any, Any]],
    fixed: Mapping[str, Any] | None = None,
    *,
    assumptions: Iterable[Any] = (),
    samples: int = 200,
) -> Partition1D | Partition2D:
    """The regions along one free parameter or in the plane of two.

    Parameters
    ----------
    model_or_regions : NormalFormModel or Regions
        A model is first reduced by ``fixed`` and then analysed with
        :func:`~alliancegames.analysis.regions.equilibrium_regions`.
    free : dict
        ``{name: (lo, hi)}`` for one or two parameters.
    fixed : dict
        Values of all other parameters (defaults fill the rest).
    assumptions : iterable of sympy relations
        Passed to :func:`~alliancegames.analysis.regions.equilibrium_regions` for a model.
    samples : int
        Grid size per axis used to trace boundary curves (2 parameters).

    Returns
    -------
    Partition1D or Partition2D

    Examples
    --------
    >>> from alliancegames.core.model import normal_form, parameter
    >>> c = parameter("c", "cost of a crash", "positive")
    >>> g = normal_form("chicken", ("A", "B"), (("Swerve", "Straight"),) * 2, [c],
    ...     [[(0, 0), (-1, 1)], [(1, -1), (-c.symbol, -c.symbol)]])
    >>> print(partition(g, {"c": (0, 3)}))
    Interval.open(0, 1): Straight/Straight
    {1}: Swerve/Straight, Straight/Swerve, Straight/Straight
    Interval.open(1, 3): Swerve/Straight, Straight/Swerve, mixed (Swerve,Straight / Swerve,Straight)
    """
    free = dict(free)
    if not 1 <= len(free) <= 2:
        raise ModelError(f"partition needs one or two free parameters, got {list(free)}")
    if isinstance(model_or_regions, Regions):
        regions = model_or_regions
        model = regions.model
    elif isinstance(model_or_regions, NormalFormModel):
        model = model_or_regions
        regions = None
    else:
        raise ModelError(f"expected a NormalFormModel or Regions, got {type(model_or_regions).__name__}")
    for nm in free:
        model.parameter(nm)
    fixed = dict(fixed or {})
    overlap = set(fixed) & set(free)
    if overlap:
        raise ModelError(f"parameters {sorted(overlap)} are both free and fixed")
    for p in model.parameters:
        if p.name not in free and p.name not in fixed:
            if p.default is None:
                raise ModelError(f"parameter {p.name!r} is neither free nor fixed and has no default")
            fixed[p.name] = p.default
    if regions is None:
        regions = equilibrium_regions(model.substitute(fixed), assumptions=assumptions)
        fixed_now: dict[str, Any] = {}
    else:
        fixed_now = fixed
    restricted = _restricted(regions, fixed_now)
    syms = [model.parameter(nm).symbol for nm in free]
    if len(free) == 1:
        dom = model.parameter(syms[0].name).interval
        return _partition_1d(regions, restricted, syms[0], free[syms[0].name], fixed_now, dom)
    return _partition_2d(restricted, syms, [free[s.name] for s in syms], samples)


def _solve_set(cond: sp.Basic, t: sp.Symbol, dom: sp.Set) -> sp.Set:
    if isinstance(cond, sp.Or):
        return sp.Union(*(_solve_set(c, t, dom) for c in cond.args))
    out = dom
    for a in atoms(cond):
        if a is sp.true:
            continue
        out = out.intersect(sp.solveset(a, t, domain=dom))
    return out


def _partition_1d(regions, restricted, t, bounds, fixed, domain) -> Partition1D:
    lo, hi = (exact_number(b) for b in bounds)
    dom = sp.Interval(lo, hi).intersect(domain)
    sets: dict[str, sp.Set] = {}
    breaks = {lo, hi}
    for piece, cond in restricted:
        s = _solve_set(cond, t, dom)
        if s is sp.S.EmptySet:
            continue
        sets[piece.label] = sp.Union(sets.get(piece.label, sp.S.EmptySet), s)
        for b in s.boundary:
            if b.is_real and b.is_finite:
                breaks.add(b)
    pts = sorted(breaks, key=lambda v: float(v))
    cells = []
    sub_fixed = {regions.model.parameter(k).symbol: exact_number(v) for k, v in fixed.items()}

    def labels_at(v):
        sub = {**sub_fixed, t: v}
        found = {}
        for piece, cond in restricted:
            if not _truth(cond.xreplace({t: v}), {}):
                continue
            prof = tuple(tuple(sp.nsimplify(sp.cancel(e.xreplace(sub))) for e in s) for s in piece.strategies)
            found.setdefault(prof, piece.label)
        return tuple(found.values())

    for k, b in enumerate(pts):
        if lo < b < hi or (b in (lo, hi) and dom.contains(b)):
            cells.append(Cell(sp.FiniteSet(b), labels_at(b)))
        if k + 1 < len(pts):
            nxt = pts[k + 1]
            mid = sp.nsimplify((b + nxt) / 2) if (b + nxt).is_Rational else sp.Rational(float((b + nxt) / 2))
            cells.append(Cell(sp.Interval.open(b, nxt), labels_at(mid)))
    # endpoints of the box are reported only if they are breakpoints of some set
    cells = [
        c for c in cells if not (isinstance(c.interval, sp.FiniteSet) and list(c.interval)[0] in (lo, hi))
    ]
    return Partition1D(t, (lo, hi), sets, tuple(cells))


def _partition_2d(restricted, syms, bounds, samples) -> Partition2D:
    import contourpy  # noqa: PLC0415 - optional plotting dependency, needed only for 2-D partitions

    (x0, x1), (y0, y1) = ((float(a), float(b)) for a, b in bounds)
    xs = np.linspace(x0, x1, samples)
    ys = np.linspace(y0, y1, samples)
    X, Y = np.meshgrid(xs, ys)
    pieces = []
    curves: dict[sp.Expr, list[str]] = {}
    for piece, cond in restricted:
        if not piece.generic:
            continue
        pieces.append((piece.label, cond))
        for key in boundary_factors(cond):
            curves.setdefault(key, [])
            if piece.label not in curves[key]:
                curves[key].append(piece.label)
    tests = [sp.lambdify(syms, cond, modules="numpy") for _, cond in pieces]

    def label_sets(px: np.ndarray, py: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            cols = [np.broadcast_to(np.asarray(f(px, py), dtype=bool), px.shape) for f in tests]
        return np.stack(cols, axis=-1) if cols else np.zeros(px.shape + (0,), dtype=bool)

    scale = np.array([x1 - x0, y1 - y0], dtype=float)
    boundaries = []
    for e, labels in curves.items():
        f = sp.lambdify(syms, e, modules="numpy")
        with np.errstate(all="ignore"):
            Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape)
        lines = contourpy.contour_generator(X, Y, Z).lines(0.0)
        polys = tuple(np.asarray(line, dtype=float) for line in lines if len(line) >= 2)
        separating = []
        for pts in polys:
            # the sides of the curve: step a millionth of the box along the normal (numeric gradient)
            h = 1e-7 * scale
            with np.errstate(all="ignore"):
                gx = (
                    np.asarray(f(pts[:, 0] + h[0], pts[:, 1]), float)
                    - np.asarray(f(pts[:, 0] - h[0], pts[:, 1]), float)
                ) / (2 * h[0])
                gy = (
                    np.asarray(f(pts[:, 0], pts[:, 1] + h[1]), float)
                    - np.asarray(f(pts[:, 0], pts[:, 1] - h[1]), float)
                ) / (2 * h[1])
            n = np.column_stack(
                [np.broadcast_to(gx, len(pts)) * scale[0], np.broadcast_to(gy, len(pts)) * scale[1]]
            )
            n /= np.linalg.norm(n, axis=1, keepdims=True)
            off = 1e-6 * n * scale
            a, b = pts - off, pts + off
            sep = (label_sets(a[:, 0], a[:, 1]) != label_sets(b[:, 0], b[:, 1])).any(axis=-1)
            marked = pts.copy()
            marked[~sep] = np.nan
            separating.append(marked)
        boundaries.append(Boundary(e, tuple(labels), polys, _curve(e, syms), tuple(separating)))
    return Partition2D(tuple(syms), ((x0, x1), (y0, y1)), tuple(pieces), tuple(boundaries))


def _curve(e: sp.Expr, syms: Sequence[sp.Symbol]) -> sp.Basic:
    """``e = 0`` solved for the second (vertical) parameter, else the first, where it is linear."""
    for s in reversed(list(syms)):
        if s not in e.free_symbols:
            continue
        try:
            poly = sp.Poly(e, s)
        except (sp.PolynomialError, sp.polys.polyerrors.GeneratorsNeeded):
            continue
        if poly.degree() == 1:
            a, b = poly.all_coeffs()
            return sp.Eq(s, sp.factor(-b / a), evaluate=False)
    return sp.Eq(e, 0, evaluate=False)
