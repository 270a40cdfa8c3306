"""Figures: regime maps, strategies along a parameter, reaction curves, uncertainty.

Every function takes data and an optional matplotlib ``Axes`` and returns the
``Axes``; nothing touches global state.  A regime (or equilibrium label) gets
the same colour in every figure: :func:`regime_colors` picks it from a fixed
colour-blind-safe palette by a stable hash of the name, moving to the next free
colour only when two names in one figure collide; pass ``palette`` to choose.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sympy as sp
from cycler import cycler

from alliancegames.studies.dynamics import replicator_field  # the one allowed exception to the plot contract

__all__ = [
    "PAPER_RC",
    "OKABE_ITO",
    "paper_style",
    "parameter_label",
    "save_figure",
    "text_outside_canvas",
    "overlapping_labels",
    "place_labels",
    "regime_colors",
    "regime_map",
    "strategy_plot",
    "reaction_curves",
    "regime_probabilities",
    "tornado_plot",
    "phase_portrait",
    "simplex_plot",
    "draw_tree",
]

# Okabe & Ito's colour-blind-safe palette (black moved last), then seaborn's "colorblind" extras
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
_PALETTE = OKABE_ITO[:7] + ("#949494", "#ca9161", "#fbafe4", "#0173b2", "#de8f05", "#029e73")

#: The toolkit's figure style (used with :func:`paper_style`): one font family and size ladder,
#: no top/right spines, vector-friendly fonts (TrueType in PDF), 300 dpi raster output.
PAPER_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.labelsize": 8,
    "axes.titlesize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
    "lines.linewidth": 1.4,
    "lines.markersize": 4,
    "pdf.fonttype": 42,
    "svg.hashsalt": "alliancegames",
    "savefig.dpi": 300,
    "figure.dpi": 100,
}


def paper_style():
    """A context manager applying :data:`PAPER_RC` (matplotlib's ``rc_context``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with paper_style():
    ...     fig, ax = plt.subplots()
    ...     size = plt.rcParams["font.size"]
    >>> size
    8.0
    """
    import matplotlib  # import time: matplotlib loads only when a figure is styled or drawn

    return matplotlib.rc_context(PAPER_RC)


def parameter_label(parameter: Any, short: str | None = None, symbol: str | None = None) -> str:
    """An axis label from a parameter's meaning and symbol: ``"cost of entrapment, $c_{entrap}$"``.

    ``parameter`` is a model :class:`~alliancegames.core.model.Parameter` (or anything with
    ``name`` and ``meaning``); ``short`` replaces a long meaning, ``symbol`` the LaTeX symbol
    (default: SymPy's rendering of the name).

    Examples
    --------
    >>> from alliancegames.core.model import parameter
    >>> parameter_label(parameter("c_entrap", "cost to an ally of being entrapped", "positive"),
    ...                 short="cost of entrapment")
    'cost of entrapment, $c_{entrap}$'
    """
    meaning = short or str(getattr(parameter, "meaning", "") or getattr(parameter, "name", parameter))
    sym = symbol if symbol is not None else sp.latex(sp.Symbol(str(getattr(parameter, "name", parameter))))
    return f"{meaning}, ${sym}$"


def save_figure(fig, stem: Any) -> list[Any]:
    """Save ``fig`` as ``stem.pdf`` (vector) and ``stem.png`` (300 dpi), without volatile metadata.

    Returns the two paths.  Same figure, same bytes (no dates, no software versions).
    """
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, pdf = stem.with_suffix(".png"), stem.with_suffix(".pdf")
    fig.savefig(png, dpi=300, metadata={"Software": None})
    fig.savefig(pdf, metadata={"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None})
    return [pdf, png]


def _texts(fig) -> list[Any]:
    """The texts a reader sees: visible, non-empty, and (for tick labels) at a tick inside the view."""
    from matplotlib.text import Text  # import time: matplotlib only when a figure is drawn

    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            span = (hi - lo) or 1.0
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not lo - 1e-9 * span <= tick.get_loc() <= hi + 1e-9 * span:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def text_outside_canvas(fig, tol: float = 0.5) -> list[str]:
    """Texts of ``fig`` (labels, ticks, legends, notes) that do not lie wholly inside the canvas.

    Draws the figure first.  ``tol`` is in pixels.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 2), layout="constrained")
    >>> _ = fig.text(0.9, 0.5, "a note that runs off the right edge")
    >>> text_outside_canvas(fig)
    ['a note that runs off the right edge']
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    W, H = fig.bbox.width, fig.bbox.height
    out = []
    for t in _texts(fig):
        bb = t.get_window_extent(renderer)
        if bb.x0 < -tol or bb.y0 < -tol or bb.x1 > W + tol or bb.y1 > H + tol:
            out.append(t.get_text())
    return out


def overlapping_labels(ax) -> list[tuple[str, str]]:
    """Pairs of annotation labels (``ax.annotate``) on ``ax`` whose boxes overlap.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.annotate("France", (1, 1)); _ = ax.annotate("Germany", (1, 1))
    >>> overlapping_labels(ax)
    [('France', 'Germany')]
    """
    from matplotlib.text import Annotation  # import time: matplotlib only when a figure is drawn

    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    anns = [a for a in ax.texts if isinstance(a, Annotation) and a.get_visible()]
    boxes = [(a.get_text(), a.get_window_extent(renderer)) for a in anns]
    return [(n1, n2) for i, (n1, b1) in enumerate(boxes) for n2, b2 in boxes[i + 1 :] if b1.overlaps(b2)]


_OFFSETS = ((4, 3), (4, -9), (-4, 3), (-4, -9), (4, 10), (-4, 10), (4, -16), (-4, -16), (10, -3), (-10, -3))


def place_labels(ax, points: Sequence[tuple[float, float]], labels: Sequence[str], **kw: Any) -> list[Any]:
    """Annotate points so that no two labels overlap and every label stays inside the axes.

    Greedy: each label tries offsets around its point (right-above first) and takes the first
    whose box overlaps no placed label and lies inside the axes; failing that, the least bad.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2))
    >>> _ = ax.plot([1, 1.01], [1, 1.01], "o"); _ = ax.set_xlim(0, 2); _ = ax.set_ylim(0, 2)
    >>> anns = place_labels(ax, [(1, 1), (1.01, 1.01)], ["France", "Germany"])
    >>> overlapping_labels(ax)
    []
    """
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    placed: list[Any] = []
    boxes: list[Any] = []
    kw = {"fontsize": 7, **kw}
    for (x, y), text in zip(points, labels):
        best, best_bad = None, None
        for dx, dy in _OFFSETS:
            ha = "left" if dx >= 0 else "right"
            a = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, **kw)
            bb = a.get_window_extent(renderer)
            bad = sum(bb.overlaps(b) for b in boxes) * 10 + (
                bb.x0 < inside.x0 or bb.x1 > inside.x1 or bb.y0 < inside.y0 or bb.y1 > inside.y1
            )
            if best_bad is None or bad < best_bad:
                if best is not None:
                    best.remove()
                best, best_bad = a, bad
            else:
                a.remove()
            if bad == 0:
                break
        placed.append(best)
        boxes.append(best.get_window_extent(renderer))
    return placed


def regime_colors(names: Iterable[str], palette: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A colour for each name, stable across figures.

    Examples
    --------
    >>> c = regime_colors(["Firm/Firm", "Weak/Weak"])
    >>> c["Firm/Firm"] == regime_colors(["Firm/Firm"])["Firm/Firm"], len(set(c.values()))
    (True, 2)
    """
    palette = dict(palette or {})
    out: dict[str, Any] = {}
    used = {str(v) for v in palette.values()}
    for name in sorted(set(names)):
        if name in palette:
            out[name] = palette[name]
            continue
        k = zlib.crc32(name.encode()) % len(_PALETTE)
        for step in range(len(_PALETTE)):
            colour = _PALETTE[(k + step) % len(_PALETTE)]
            if colour not in used:
                break
        used.add(colour)
        out[name] = colour
    return out


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt  # import time: pyplot only when a figure is made

        _, ax = plt.subplots(figsize=(6.5, 4))
    return ax


def _edges(v: np.ndarray) -> np.ndarray:
    if len(v) == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    mid = (v[1:] + v[:-1]) / 2
    return np.concatenate([[2 * v[0] - mid[0]], mid, [2 * v[-1] - mid[-1]]])


def regime_map(
    df: pd.DataFrame,
    x: str,
    y: str,
    ax=None,
    *,
    boundaries: Sequence[Any] | None = None,
    case_point: Mapping[str, Any] | None = None,
    legend: bool = True,
    palette: Mapping[str, Any] | None = None,
    column: str = "regime",
):
    """Colour the ``(x, y)`` parameter plane by regime.

    Parameters
    ----------
    df : DataFrame
        A :func:`~alliancegames.studies.sweeps.sweep` result (or its
        :func:`~alliancegames.studies.sweeps.regime_table`) over a grid in ``x`` and
        ``y``; other swept parameters must take a single value.
    boundaries : sequence, optional
        Curves to overlay: objects with a ``.points`` array of shape (k, 2)
        (and optionally ``.label``), or (k, 2) arrays of ``(x, y)`` points.
    case_point : dict, optional
        ``{"x": ..., "y": ..., "label": ...}``: a named case's calibrated point.
    legend : bool
        Add a legend of the regimes present.
    palette : dict, optional
        Regime -> colour overrides.
    column : str
        The column to colour by (``"regime"`` or ``"equilibrium_set"``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from alliancegames import normal_form, parameter
    >>> from alliancegames.studies.sweeps import sweep
    >>> g = normal_form("g", ("A", "B"), (("F", "W"), ("F", "W")),
    ...                 [parameter("v", "", "real"), parameter("w", "", "real")],
    ...                 [[("v", "v"), (0, "w")], [("w", 0), (1, 1)]])
    >>> df = sweep(g, {"v": np.linspace(-1, 2, 7), "w": np.linspace(-1, 2, 7)})
    >>> ax = regime_map(df, "v", "w", boundaries=[np.array([[-1, -1], [2, 2]])])
    >>> legend = {t.get_text() for t in ax.get_legend().get_texts()}
    >>> {"W/W", "F/F + W/W + mixed (F,W / F,W)"} <= legend
    True
    """
    from matplotlib.colors import ListedColormap  # import time: matplotlib only when a figure is drawn
    from matplotlib.patches import Patch  # import time: matplotlib loads only when a figure is drawn

    for c in (x, y, column):
        if c not in df.columns:
            raise ValueError(f"column {c!r} is not in the data; columns are {list(df.columns)}")
    table = df[df["eq"] == 0] if "eq" in df.columns else df
    others = [p for p in df.attrs.get("parameters", []) if p not in (x, y) and p in table.columns]
    multi = [p for p in others if table[p].nunique() > 1]
    if multi:
        raise ValueError(f"parameters {multi} also vary; select one value of each before drawing the map")
    xs = np.unique(table[x].to_numpy(dtype=float))
    ys = np.unique(table[y].to_numpy(dtype=float))
    names = sorted(table[column].astype(str).unique())
    colours = regime_colors(names, palette)
    code = {nm: i for i, nm in enumerate(names)}
    Z = np.full((len(ys), len(xs)), np.nan)
    xi = np.searchsorted(xs, table[x].to_numpy(dtype=float))
    yi = np.searchsorted(ys, table[y].to_numpy(dtype=float))
    Z[yi, xi] = [code[r] for r in table[column].astype(str)]
    ax = _axes(ax)
    cmap = ListedColormap([colours[nm] for nm in names])
    ax.pcolormesh(
        _edges(xs), _edges(ys), np.ma.masked_invalid(Z), cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5
    )
    for k, b in enumerate(boundaries or []):
        pts = np.asarray(getattr(b, "points", b), dtype=float)
        if pts.ndim != 2 or pts.shape[1] != 2:
            raise ValueError(f"boundary {k} must be a (k, 2) array of points; got shape {pts.shape}")
        ax.plot(pts[:, 0], pts[:, 1], color="black", lw=1.2, label=getattr(b, "label", None) or "_boundary")
    if case_point is not None:
        ax.plot(case_point["x"], case_point["y"], marker="*", ms=14, color="white", mec="black", ls="none")
        if case_point.get("label"):
            ax.annotate(
                str(case_point["label"]),
                (case_point["x"], case_point["y"]),
                xytext=(6, 6),
                textcoords="offset points",
                fontsize=9,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.8},
            )
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_xlim(_edges(xs)[0], _edges(xs)[-1])
    ax.set_ylim(_edges(ys)[0], _edges(ys)[-1])
    if legend:
        handles = [Patch(facecolor=colours[nm], label=nm) for nm in names]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return ax


def strategy_plot(
    df: pd.DataFrame,
    x: str,
    column: str,
    ax=None,
    *,
    hue: str = "label",
    palette: Mapping[str, Any] | None = None,
):
    """An equilibrium quantity (a ``p:`` or ``u:`` column) against one parameter.

    One line per equilibrium label (points sorted by ``x``); where several
    equilibria coexist several lines are drawn.

    Examples
    --------
    >>> df = pd.DataFrame({"c": [0, 1, 1], "label": ["a", "a", "b"], "u:A": [1.0, 2.0, 0.5]})
    >>> len(strategy_plot(df, "c", "u:A").lines)
    2
    """
    for c in (x, column, hue):
        if c not in df.columns:
            raise ValueError(f"column {c!r} is not in the data")
    ax = _axes(ax)
    names = sorted(df[hue].astype(str).unique())
    colours = regime_colors(names, palette)
    for nm in names:
        part = df[df[hue].astype(str) == nm].sort_values(x)
        ax.plot(part[x], part[column], marker="o", ms=2.5, lw=1.2, color=colours[nm], label=nm)
    ax.set_xlabel(x)
    ax.set_ylabel(column)
    ax.legend(fontsize=8, frameon=False)
    return ax


def reaction_curves(
    r1: Callable[[np.ndarray], np.ndarray] | Any,
    r2: Callable[[np.ndarray], np.ndarray] | Any,
    grid: Any = None,
    ax=None,
    *,
    names: tuple[str, str] = ("Member 1", "Member 2"),
    equilibria: Any = None,
):
    """Reaction curves of two alliance members (burden sharing).

    ``r1`` gives member 1's own contribution as a function of member 2's,
    and ``r2`` member 2's as a function of member 1's: callables evaluated on
    ``grid``, or arrays of values on ``grid``.  Member 1's contribution is on
    the horizontal axis.  ``equilibria`` ((k, 2) points) are marked.

    Examples
    --------
    >>> g = np.linspace(0, 1, 11)
    >>> ax = reaction_curves(lambda o: 0.5 - o / 2, lambda o: 0.5 - o / 2, g, equilibria=[[1 / 3, 1 / 3]])
    >>> len(ax.lines)
    3
    """
    ax = _axes(ax)
    g = None if grid is None else np.asarray(grid, dtype=float)
    curves = []
    for r in (r1, r2):
        if callable(r):
            if g is None:
                raise ValueError("give a grid to evaluate reaction functions on")
            vals = np.asarray(r(g), dtype=float) * np.ones_like(g)
        else:
            vals = np.asarray(r, dtype=float)
            if g is None or vals.shape != g.shape:
                raise ValueError("reaction values must be given on the grid (same shape)")
        curves.append(vals)
    ax.plot(curves[0], g, lw=1.8, label=f"{names[0]}'s reaction")
    ax.plot(g, curves[1], lw=1.8, ls="--", label=f"{names[1]}'s reaction")
    if equilibria is not None:
        e = np.atleast_2d(np.asarray(equilibria, dtype=float))
        ax.plot(e[:, 0], e[:, 1], "ko", ms=6, label="equilibrium")
    ax.set_xlabel(f"{names[0]}'s contribution")
    ax.set_ylabel(f"{names[1]}'s contribution")
    ax.legend(fontsize=8, frameon=False)
    return ax


def regime_probabilities(result: Any, ax=None, *, palette: Mapping[str, Any] | None = None):
    """Horizontal bars of Monte Carlo regime probabilities with their intervals.

    Examples
    --------
    >>> t = pd.DataFrame({"regime": ["a", "b"], "probability": [0.7, 0.3], "lower": [0.6, 0.2], "upper": [0.8, 0.4]})
    >>> len(regime_probabilities(t).patches)
    2
    """
    frame = result.to_frame() if hasattr(result, "to_frame") else pd.DataFrame(result)
    for c in ("regime", "probability", "lower", "upper"):
        if c not in frame.columns:
            raise ValueError(f"need a column {c!r} (a monte_carlo result or its to_frame())")
    ax = _axes(ax)
    colours = regime_colors(frame["regime"], palette)
    pos = np.arange(len(frame))[::-1]
    p = frame["probability"].to_numpy(dtype=float)
    err = np.vstack([p - frame["lower"].to_numpy(dtype=float), frame["upper"].to_numpy(dtype=float) - p])
    ax.barh(pos, p, color=[colours[r] for r in frame["regime"]], xerr=err, capsize=3)
    ax.set_yticks(pos, frame["regime"].tolist(), fontsize=8)
    ax.set_xlim(0, 1)
    n = getattr(result, "n", None)
    ax.set_xlabel("probability" + (f" ({n} draws, 95% intervals)" if n else ""))
    return ax


def tornado_plot(df: pd.DataFrame, ax=None, *, colors: tuple[str, str] = ("#0173b2", "#de8f05")):
    """Tornado chart of a :func:`~alliancegames.studies.uncertainty.tornado` table.

    For each parameter (largest swing on top) a bar runs from the base outcome
    to the outcome at the low end of the range and another to the high end.

    Examples
    --------
    >>> t = pd.DataFrame({"parameter": ["p"], "low": [0.0], "high": [1.0], "outcome_low": [0.2],
    ...                   "outcome_high": [0.9], "outcome_base": [0.5]})
    >>> [round(float(b.get_width()), 2) for b in tornado_plot(t).patches]
    [-0.3, 0.4]
    """
    need = {"parameter", "low", "high", "outcome_low", "outcome_high", "outcome_base"}
    if need - set(df.columns):
        raise ValueError(f"need columns {sorted(need - set(df.columns))} (a tornado() table)")
    ax = _axes(ax)
    base = float(df["outcome_base"].iloc[0])
    pos = np.arange(len(df))[::-1]
    lo = df["outcome_low"].to_numpy(dtype=float) - base
    hi = df["outcome_high"].to_numpy(dtype=float) - base
    ax.barh(pos + 0.2, lo, height=0.4, left=base, color=colors[0], label="low end of range")
    ax.barh(pos - 0.2, hi, height=0.4, left=base, color=colors[1], label="high end of range")
    ax.axvline(base, color="black", lw=0.8)
    ticks = [f"{r.parameter} [{r.low:g}, {r.high:g}]" for r in df.itertuples()]
    ax.set_yticks(pos, ticks, fontsize=8)
    ax.set_xlabel("outcome")
    ax.legend(fontsize=8, frameon=False)
    return ax


# ----------------------------------------------------------------------------- dynamics
def phase_portrait(
    A: Any,
    B: Any,
    ax=None,
    *,
    paths: Any = None,
    equilibria: Any = None,
    actions: tuple[str, str] = ("", ""),
    density: int = 15,
):
    """Replicator dynamics of a 2x2 game in the unit square, with trajectories and equilibria.

    The horizontal axis is the probability that the row player plays its
    first action, the vertical axis the column player's.  Arrows show the
    two-population replicator field of ``(A, B)`` (normalised length);
    ``paths`` are trajectories ``(runs, steps, 4)`` as returned by
    :func:`alliancegames.studies.dynamics.replicator_paths`; ``equilibria``
    are ``(k, 2)`` points or a :class:`~alliancegames.solvers.enumeration.Solution`.

    Examples
    --------
    >>> A = np.array([[2.0, 0.0], [0.0, 1.0]])
    >>> ax = phase_portrait(A, A.T, equilibria=[[1, 1], [0, 0], [1 / 3, 1 / 3]])
    >>> len(ax.collections) >= 2
    True
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.shape != (2, 2) or B.shape != (2, 2):
        raise ValueError("a phase portrait needs a 2x2 game")
    ax = _axes(ax)
    g = np.linspace(0.03, 0.97, density)
    X, Y = np.meshgrid(g, g)
    state = np.stack([X, 1 - X, Y, 1 - Y], axis=-1)
    F = replicator_field(A, B, state)
    U, V = F[..., 0], F[..., 2]
    norm = np.hypot(U, V)
    with np.errstate(all="ignore"):
        ax.quiver(X, Y, np.where(norm > 0, U / norm, 0), np.where(norm > 0, V / norm, 0), norm,
                  cmap="Greys", angles="xy", scale=density * 1.6, width=0.004, alpha=0.7)  # fmt: skip
    if paths is not None:
        for p in np.asarray(paths, dtype=float):
            ax.plot(p[:, 0], p[:, 2], lw=1.0, color="#0173b2", alpha=0.8)
            ax.plot(p[0, 0], p[0, 2], "o", ms=2.5, color="#0173b2")
    if equilibria is not None:
        if hasattr(equilibria, "equilibria"):
            pts = [(float(e.strategies[0][0]), float(e.strategies[1][0])) for e in equilibria]
        else:
            pts = [tuple(map(float, p)) for p in np.atleast_2d(np.asarray(equilibria, dtype=float))]
        pts = np.array(pts)
        ax.scatter(
            pts[:, 0], pts[:, 1], s=60, c="#d55e00", edgecolors="k", zorder=5, label="Nash equilibrium"
        )
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel(f"P(row plays {actions[0]})" if actions[0] else "P(row plays its first action)")
    ax.set_ylabel(f"P(column plays {actions[1]})" if actions[1] else "P(column plays its first action)")
    return ax


def _ternary(p: np.ndarray) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return np.stack([p[..., 1] + p[..., 2] / 2, p[..., 2] * np.sqrt(3) / 2], axis=-1)


def simplex_plot(
    paths: Any,
    ax=None,
    *,
    labels: tuple[str, str, str] = ("1", "2", "3"),
    points: Any = None,
):
    """Trajectories of a 3-action mixed strategy drawn in the probability simplex (a triangle).

    ``paths`` is ``(runs, steps, 3)`` (one player's probabilities, e.g. the
    first three columns of :func:`~alliancegames.studies.dynamics.replicator_paths`
    for a 3x3 game); ``points`` ``(k, 3)`` are marked (equilibria).

    Examples
    --------
    >>> t = np.linspace(0, 1, 5)[:, None]
    >>> path = np.hstack([1 - t, t / 2, t / 2])[None]
    >>> len(simplex_plot(path, labels=("R", "P", "S")).lines)
    2
    """
    ax = _axes(ax)
    tri = _ternary(np.eye(3))
    ax.fill(tri[:, 0], tri[:, 1], facecolor="none", edgecolor="k", lw=1)
    for k, (x, y) in enumerate(tri):
        ax.annotate(labels[k], (x, y), textcoords="offset points", xytext=(0, -12 if y == 0 else 5),
                    ha="center", fontsize=9)  # fmt: skip
    for p in np.asarray(paths, dtype=float):
        q = _ternary(p)
        ax.plot(q[:, 0], q[:, 1], lw=1.0, color="#0173b2")
        ax.plot(q[:1, 0], q[:1, 1], "o", ms=2.5, color="#0173b2")
    if points is not None:
        q = _ternary(np.atleast_2d(np.asarray(points, dtype=float)))
        ax.scatter(q[:, 0], q[:, 1], s=50, c="#d55e00", edgecolors="k", zorder=5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def draw_tree(tree: Any, ax: Any = None, *, fontsize: float = 9) -> Any:
    """Draw a game tree with matplotlib and return the Axes.

    Decision nodes are filled dots labelled with the player, chance nodes
    open dots, information sets are joined by dashed lines, and terminals
    show their payoff vectors.  The tree is drawn from its
    :meth:`~alliancegames.analysis.extensive.GameTree.layout`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from alliancegames import decision, game_tree, terminal
    >>> t = game_tree("t", ("A",), [], decision("A", {"L": terminal((1,)), "R": terminal((0,))}))
    >>> ax = draw_tree(t)
    >>> len(ax.texts) >= 4
    True
    """
    lay = tree.layout()
    if ax is None:
        import matplotlib.pyplot as plt  # import time: pyplot only when a figure is made

        _, ax = plt.subplots(figsize=(max(4, 1.4 * sum(n.kind == "terminal" for n in lay.nodes)), 4))
    pos = lay.position
    below: dict[tuple[str, ...], list[tuple[tuple[str, ...], str, Any]]] = {}
    for parent, child, lab, prob in lay.edges:
        below.setdefault(parent, []).append((child, lab, prob))
    for node in lay.nodes:
        x, y = pos[node.history]
        if node.kind == "terminal":
            ax.text(
                x,
                y - 0.12,
                "(" + ", ".join(str(e) for e in node.payoffs) + ")",
                ha="center",
                va="top",
                fontsize=fontsize,
            )
            ax.plot([x], [y], marker="o", ms=3, color="black")
            continue
        for child, lab, prob in below[node.history]:
            cx, cy = pos[child]
            ax.plot([x, cx], [y, cy], color="black", lw=1)
            ax.text(
                (x + cx) / 2,
                (y + cy) / 2,
                lab if prob is None or lab == str(prob) else f"{lab} ({prob})",
                ha="center",
                va="center",
                fontsize=fontsize - 1,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"),
            )
        if node.kind == "decision":
            ax.plot([x], [y], marker="o", ms=7, color="black")
            ax.text(x, y + 0.1, node.player, ha="center", va="bottom", fontsize=fontsize, fontweight="bold")
        else:
            ax.plot([x], [y], marker="o", ms=7, mfc="white", color="black")
            ax.text(x, y + 0.1, "Chance", ha="center", va="bottom", fontsize=fontsize, style="italic")
    for hs in lay.infosets:
        if len(hs) > 1:
            pts = sorted(pos[h] for h in hs)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], ls="--", color="gray", lw=1)
    ax.set_title(lay.name)
    ax.set_axis_off()
    ax.margins(0.15)
    return ax
