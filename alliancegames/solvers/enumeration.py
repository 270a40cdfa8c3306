"""Every Nash equilibrium of a bimatrix game, exactly.

Method
------
The default method, ``"vertex"``, is exact labelled vertex enumeration
(Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of Nash equilibria
for two-player games", *Economic Theory* 42).  Payoffs are converted to exact
rationals (floats by their decimal text), shifted to be positive and scaled to
integers.  With ``A' > 0`` and ``B' > 0`` the best-response polytopes are

* ``P = {x >= 0 : B'^T x <= 1}`` with labels ``i`` where ``x_i = 0`` and
  ``m + j`` where ``(B'^T x)_j = 1``;
* ``Q = {y >= 0 : A' y <= 1}`` with labels ``i`` where ``(A' y)_i = 1`` and
  ``m + j`` where ``y_j = 0``.

Every vertex is found by solving, in integer (fraction-free) arithmetic, each
square system ``C[J, T] z_T = 1`` for a support ``T`` and an equally large set
``J`` of tight best-response constraints.  A pair of non-zero vertices whose
labels cover all ``m + n`` labels is an extreme Nash equilibrium; normalising
gives the mixed strategies.  Because arithmetic is exact, degenerate games
(tied payoffs, vertices on more than ``m`` facets) are handled without
tolerances: the result is the set of extreme equilibria that Gambit's
``enummixed`` or ``lrsnash`` returns, with no duplicates.

``method="nashpy"`` runs nashpy's support enumeration and then rationalises and
verifies each profile exactly.  It is kept for comparison: nashpy misses
equilibria of degenerate games and, through a zero-tolerance sign test, some
equilibria of generic games.
"""

from __future__ import annotations

import html
import os
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from itertools import combinations
from math import comb, lcm
from pathlib import Path
from typing import Any

import numpy as np

from alliancegames.core.bimatrix import Bimatrix, GameError, index_of, to_fraction
from alliancegames.core.exact import ResourceError, as_sympy, compare, profile_order, sign, simplify_number
from alliancegames.core.latex import escape
from alliancegames.core.numeric import evaluate
from alliancegames.core.radical import Radical, from_sympy, quotient_to_sympy
from alliancegames.core.results import ResultCollection
from alliancegames.solvers.verify import max_regret

__all__ = ["Equilibrium", "Solution", "algebraic_equilibria", "solve", "extreme_equilibria"]

Number = Any  # float or Fraction

#: Largest number of actions of one player that :func:`solve` accepts; larger
#: games are refused with :class:`~alliancegames.core.exact.ResourceError`.
MAX_ACTIONS = 500


# --------------------------------------------------------------------------- kernels
def _solve_integer_system_scaled(M: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``M z = 1`` for a square integer matrix as ``z = X / D`` with integers, ``D > 0``.

    Fraction-free Gaussian elimination (Bareiss): every intermediate is a minor
    of ``M``, the last pivot is ``±det M``, and the back substitution divides
    exactly (``X = D z`` are Cramer numerators).  ``None`` if ``M`` is singular.
    """
    s = len(M)
    a = [row[:] + [1] for row in M]
    prev = 1
    for k in range(s):
        piv = next((r for r in range(k, s) if a[r][k] != 0), None)
        if piv is None:
            return None
        if piv != k:
            a[k], a[piv] = a[piv], a[k]
        akk = a[k][k]
        ak = a[k]
        for i in range(k + 1, s):
            ai = a[i]
            aik = ai[k]
            for j in range(k + 1, s + 1):
                ai[j] = (ai[j] * akk - aik * ak[j]) // prev
            ai[k] = 0
        prev = akk
    D = a[s - 1][s - 1]
    X = [0] * s
    for i in range(s - 1, -1, -1):
        acc = a[i][s] * D - sum(a[i][j] * X[j] for j in range(i + 1, s))
        X[i] = acc // a[i][i]  # exact
    if D < 0:
        D, X = -D, [-v for v in X]
    return X, D


def _solve_integer_system(M: list[list[int]]) -> list[Fraction] | None:
    """Solve ``M z = 1`` exactly for a square integer matrix (Bareiss); ``None`` if singular."""
    sol = _solve_integer_system_scaled(M)
    if sol is None:
        return None
    X, D = sol
    return [Fraction(v, D) for v in X]


# Float pre-filter of the (T, J) systems in _vertices.  A system whose condition
# number is below _COND_MAX is certainly non-singular (float singular values are
# within a few ulps of the exact ones), and its float solution has relative error
# far below _FILTER_TOL (about cond * s * eps < 1e-8), so a system rejected with
# margin _FILTER_TOL is rejected exactly as well.  Everything else --
# candidates and ill-conditioned or singular systems -- goes to the exact path.
_COND_MAX = 1e6
_FILTER_TOL = 1e-6
_FILTER_BLOCK = 1 << 20  # floats per block of the feasibility screen


def _exact_vertex(
    C: list[list[int]], T: tuple[int, ...], J: tuple[int, ...], d: int, Cn: np.ndarray | None = None
) -> tuple[tuple[Fraction, ...], int, int] | None:
    """The vertex solving ``C[J, T] z_T = 1, z_rest = 0`` exactly, if it is feasible.

    Returns ``(z, bitmask of zero coordinates, bitmask of tight constraints)``.
    ``Cn`` is ``C`` as an int64 array (when its entries fit): the feasibility
    test of all ``k`` rows then runs in exact int64 arithmetic when no product
    can overflow, and in Python integers otherwise.
    """
    sol = _solve_integer_system_scaled([[C[j][t] for t in T] for j in J])
    if sol is None:
        return None
    X, D = sol
    if any(v < 0 for v in X):
        return None
    tight = 0
    if Cn is not None and int(Cn[:, list(T)].max()) * sum(X) < 2**62 and D < 2**62:
        vals = Cn[:, list(T)] @ np.array(X, dtype=np.int64)  # exact: no overflow possible
        if (vals > D).any():
            return None
        for j in np.flatnonzero(vals == D).tolist():
            tight |= 1 << j
    else:
        for j, row in enumerate(C):
            val = sum(row[t] * x for t, x in zip(T, X))
            if val > D:
                return None
            if val == D:
                tight |= 1 << j
    z = [Fraction(0)] * d
    zero = (1 << d) - 1
    for t, x in zip(T, X):
        if x:
            z[t] = Fraction(x, D)
            zero &= ~(1 << t)
    return tuple(z), zero, tight


def _float_candidates(Cf: np.ndarray, Ts: np.ndarray, Js: np.ndarray) -> np.ndarray:
    """Boolean ``(len(Ts), len(Js))``: which systems may give a vertex (see ``_COND_MAX``)."""
    k, d = Cf.shape
    s = Ts.shape[1]
    mats = Cf[Js[None, :, :, None], Ts[:, None, None, :]]  # (nT, nJ, s, s)
    sv = np.linalg.svd(mats, compute_uv=False)
    well = sv[..., -1] * _COND_MAX > sv[..., 0]
    keep = ~well
    if not well.any():
        return keep
    idx = np.nonzero(well)
    zt = np.linalg.solve(mats[idx], np.ones(idx[0].shape + (s, 1)))[..., 0]  # (N, s)
    zmax = np.abs(zt).max(axis=1)
    nonneg = zt.min(axis=1) >= -_FILTER_TOL * zmax
    feasible = np.empty(len(zt), dtype=bool)
    Cabs = np.abs(Cf)
    block = max(1, _FILTER_BLOCK // max(k, 1))  # bounded memory: (block, k) at a time
    for a in range(0, len(zt), block):
        T_blk = Ts[idx[0][a : a + block]]  # (b, s)
        z_blk = zt[a : a + block]
        # (C z)_j = sum_t C[j, T_t] z_t, only over the s support columns (no dense (N, d) matrix)
        lhs = np.einsum("btk,bt->bk", Cf.T[T_blk], z_blk)
        slack = _FILTER_TOL * np.einsum("btk,bt->bk", Cabs.T[T_blk], np.abs(z_blk)) + _FILTER_TOL
        feasible[a : a + block] = np.all(lhs <= 1 + slack, axis=1)
    keep[idx] = nonneg & feasible
    return keep


def _vertices(C: list[list[int]], d: int) -> dict[tuple[Fraction, ...], tuple[int, int]]:
    """Non-zero vertices of ``{z in R^d : z >= 0, C z <= 1}`` (``C`` positive integer, k x d).

    Returns ``vertex -> (bitmask of zero coordinates, bitmask of tight constraints)``.
    Every square system ``C[J, T] z_T = 1`` is screened in floating point
    (:func:`_float_candidates`); only candidates and ill-conditioned systems are
    solved in exact integer arithmetic, so the answer is exact.
    """
    k = len(C)
    cmax = max(max(row) for row in C)
    Cf = np.array([[c / cmax for c in row] for row in C], dtype=float)  # correctly rounded
    Cn = np.array(C, dtype=np.int64) if cmax < 2**62 else None
    found: dict[tuple[Fraction, ...], tuple[int, int]] = {}
    supp_masks: list[int] = []  # support bitmask of each found vertex
    tight_masks: list[int] = []
    full_d = (1 << d) - 1
    for s in range(1, min(d, k) + 1):
        Ts = list(combinations(range(d), s))
        Js = list(combinations(range(k), s))
        keep = _float_candidates(Cf, np.array(Ts), np.array(Js))
        tm = [sum(1 << t for t in T) for T in Ts]
        jm = [sum(1 << j for j in J) for J in Js]
        if supp_masks:
            keep &= ~_covered(tm, jm, supp_masks, tight_masks)
        level: list[tuple[int, int]] = []
        by_supp: dict[int, list[int]] = {}
        for a, b in zip(*np.nonzero(keep)):
            if _known(tm[a], jm[b], s, level, by_supp):
                continue  # (T, J) can only give a vertex found already
            v = _exact_vertex(C, Ts[a], Js[b], d, Cn)
            if v is not None and v[0] not in found:
                found[v[0]] = (v[1], v[2])
                level.append((full_d & ~v[1], v[2]))
                by_supp.setdefault(full_d & ~v[1], []).append(v[2])
        for sp, tt in level:
            supp_masks.append(sp)
            tight_masks.append(tt)
    return found


def _known(t: int, j: int, s: int, level: list[tuple[int, int]], by_supp: dict[int, list[int]]) -> bool:
    """Whether a vertex found at this level has support inside ``t`` and tight set containing ``j``.

    Scans the level's vertices, or (when cheaper) the ``2**s`` subsets of ``t``,
    so the check is not quadratic in the number of vertices of games like m x 1.
    """
    if (1 << s) < len(level):
        sub = t
        while sub:
            for tt in by_supp.get(sub, ()):
                if j & ~tt == 0:
                    return True
            sub = (sub - 1) & t
        return False
    return any(sp & ~t == 0 and j & ~tt == 0 for sp, tt in level)


def _covered(tm: list[int], jm: list[int], supp: list[int], tight: list[int]) -> np.ndarray:
    """``(len(tm), len(jm))``: systems ``(T, J)`` whose solution, if any, is a known vertex.

    A vertex ``z`` with support inside ``T`` and tight constraints including
    ``J`` solves ``C[J, T] z_T = 1``; a non-singular system has no other
    solution and a singular one gives no vertex, so the system can be skipped.
    """
    dt = np.int64 if max(tm + jm + supp + tight).bit_length() < 63 else object
    T = np.array(tm, dtype=dt)[None, :]
    J = np.array(jm, dtype=dt)[None, :]
    S = np.array(supp, dtype=dt)[:, None]
    G = np.array(tight, dtype=dt)[:, None]
    j_ok = ((J & ~G) == 0).astype(np.float32)  # (V, nJ); 0/1 counts stay exact in float32 (V < 2**24)
    out = np.empty((len(tm), len(jm)), dtype=bool)
    # blocks of systems keep the (V, block) intermediate bounded (tall games have millions of T's)
    block = max(1, _FILTER_BLOCK // max(len(supp), 1))
    for a in range(0, len(tm), block):
        t_ok = ((S & ~T[:, a : a + block]) == 0).astype(np.float32)  # (V, block)
        out[a : a + block] = (t_ok.T @ j_ok) > 0
    return out


def _positive_integer(M: np.ndarray) -> list[list[int]]:
    """Shift a Fraction matrix to entries >= 1 and scale to integers (equilibria unchanged)."""
    lo = min(M.flat)
    shifted = [[v - lo + 1 for v in row] for row in M.tolist()]
    den = lcm(*(v.denominator for row in shifted for v in row))
    return [[int(v * den) for v in row] for row in shifted]


def extreme_equilibria(A: Any, B: Any) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """All extreme Nash equilibria of ``(A, B)`` as exact fraction tuples.

    The low-level kernel behind :func:`solve` (no labels, no payoffs).

    Examples
    --------
    >>> extreme_equilibria([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
    """
    g = Bimatrix.from_arrays(A, B).exact()
    m, n = g.shape
    Ai = _positive_integer(g.A)
    Bi = _positive_integer(g.B)
    BT = [[Bi[i][j] for i in range(m)] for j in range(n)]
    P = _vertices(BT, m)  # x: zero bits i, tight bits j -> labels i, m+j
    Q = _vertices(Ai, n)  # y: zero bits j, tight bits i -> labels m+j, i
    full = (1 << (m + n)) - 1
    px = [(x, zero | (tight << m)) for x, (zero, tight) in P.items()]
    qy = [(y, tight | (zero << m)) for y, (zero, tight) in Q.items()]
    out = []
    for x, lx in px:
        for y, ly in qy:
            if lx | ly == full:
                sx, sy = sum(x), sum(y)
                out.append((tuple(v / sx if v else v for v in x), tuple(v / sy if v else v for v in y)))
    return out


def _nashpy_candidates(A: np.ndarray, B: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    import nashpy as nash  # nashpy loads scipy: kept out of `import alliancegames` (import time)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield from nash.Game(A, B).support_enumeration()


def _rationalise(v: np.ndarray, max_den: int = 10**6) -> tuple[Fraction, ...]:
    fr = [Fraction(float(p)).limit_denominator(max_den) for p in v]
    fr = [max(Fraction(0), p) for p in fr]
    s = sum(fr)
    return tuple(p / s for p in fr)


# --------------------------------------------------------------------------- irrational payoffs
#: Largest number of square systems the irrational-payoff kernel will solve
#: (each in exact sympy arithmetic); beyond it :func:`solve` refuses.
MAX_ALGEBRAIC_SYSTEMS = 2_000


def _algebraic_systems(d: int, k: int) -> int:

    return sum(comb(d, s) * comb(k, s) for s in range(1, min(d, k) + 1))


def _rsign(v: Any) -> int:
    """Exact sign of a :class:`~alliancegames.core.radical.Radical` or a rational."""
    return v.sign() if isinstance(v, Radical) else (v > 0) - (v < 0)


def _identity(v: Any) -> Any:
    return v


def _labelled_vertex(
    C: list[list[Any]], d: int, T: tuple[int, ...], z_T: Sequence[Any], rhs: Any, sign_of: Any, is_zero: Any
) -> tuple[tuple[Any, ...], int, int] | None:
    """The point with coordinates ``z_T`` on ``T`` as ``(z, zero bits, tight bits)``, or ``None``.

    ``None`` when a constraint ``C_j . z <= rhs`` fails or ``z`` is 0; ``sign_of`` decides the sign of
    ``C_j . z - rhs`` exactly and ``is_zero`` whether a coordinate vanishes (the exact and the
    radical-field kernels pass their own).
    """
    tight = 0
    for j, row in enumerate(C):
        sg = sign_of(sum((row[t] * v for t, v in zip(T, z_T)), 0) - rhs)
        if sg > 0:
            return None
        if sg == 0:
            tight |= 1 << j
    z: list[Any] = [0] * d
    zero = (1 << d) - 1
    for t, v in zip(T, z_T):
        if not is_zero(v):
            z[t] = v
            zero &= ~(1 << t)
    if zero == (1 << d) - 1:
        return None
    return tuple(z), zero, tight


def _vertices_exact(
    C: list[list[Any]], d: int, sgn: Any = sign, simp: Any = simplify_number
) -> list[tuple[tuple[Any, ...], int, int]]:
    """:func:`_vertices` for exact real numbers of any kind, with signs decided by ``sgn``.

    Plain Gauss-Jordan elimination in exact arithmetic (elements of a radical
    field, or sympy numbers simplified by ``simp``), every pivot, non-negativity
    and feasibility test an exact sign decision.
    """
    k = len(C)
    found: list[tuple[tuple[Any, ...], int, int]] = []
    for s in range(1, min(d, k) + 1):
        for T in combinations(range(d), s):
            for J in combinations(range(k), s):
                z_T = _solve_exact([[C[j][t] for t in T] for j in J], sgn, simp)
                if z_T is None or any(sgn(v) < 0 for v in z_T):
                    continue
                v = _labelled_vertex(C, d, T, z_T, 1, lambda x: sgn(simp(x)), lambda x: sgn(x) == 0)
                if v is None:
                    continue
                z, zero, tight = v
                if any(all(sgn(simp(a - b)) == 0 for a, b in zip(z, w)) for w, _, _ in found):
                    continue
                found.append((z, zero, tight))
    return found


def _solve_exact(M: list[list[Any]], sgn: Any, simp: Any = simplify_number) -> list[Any] | None:
    """Solve ``M z = 1`` exactly; ``None`` if ``M`` is singular."""
    s = len(M)
    a = [list(row) + [1] for row in M]
    for c in range(s):
        piv = next((r for r in range(c, s) if sgn(a[r][c]) != 0), None)
        if piv is None:
            return None
        a[c], a[piv] = a[piv], a[c]
        p = a[c][c]
        a[c] = [simp(v / p) for v in a[c]]
        for r in range(s):
            if r != c and sgn(a[r][c]) != 0:
                f = a[r][c]
                a[r] = [simp(v - f * w) for v, w in zip(a[r], a[c])]
    return [a[r][s] for r in range(s)]


def algebraic_equilibria(A: Any, B: Any) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """All extreme Nash equilibria of a game with exact irrational payoffs (sympy numbers).

    The labelled vertex enumeration of :func:`extreme_equilibria`, run in exact
    arithmetic.  Payoffs that are radicals of rationals (``13*sqrt(6)/12``,
    ``2**(2/3)``: what the library's models give at rational parameter values)
    are computed in their number field (:mod:`alliancegames.core.radical`):
    ties are decided by the field representation, signs by rigorous intervals.
    Other real numbers (``pi``, ``log(2)``) go through sympy arithmetic with signs
    decided by :func:`alliancegames.core.exact.sign`; a sign that cannot be
    decided raises :class:`~alliancegames.core.exact.ExactnessError`.  Games
    needing more than ``MAX_ALGEBRAIC_SYSTEMS`` systems raise
    :class:`~alliancegames.core.exact.ResourceError`.

    Examples
    --------
    >>> import sympy as sp
    >>> r2 = sp.sqrt(2)
    >>> len(algebraic_equilibria([[r2, 0], [0, 1]], [[r2, 0], [0, 1]]))  # two pure, one mixed
    3
    """
    Ao = np.asarray(A, dtype=object).tolist()
    Bo = np.asarray(B, dtype=object).tolist()
    m, n = len(Ao), len(Ao[0])
    if _algebraic_systems(m, n) + _algebraic_systems(n, m) > MAX_ALGEBRAIC_SYSTEMS:
        raise ResourceError(
            f"a {m}x{n} game with irrational payoffs is too large for exact enumeration "
            f"(limit {MAX_ALGEBRAIC_SYSTEMS} systems); use rational parameter values"
        )
    radical = _radical_game(Ao, Bo)
    if radical is not None:
        return [
            (tuple(_ratio_out(v, sx) for v in x), tuple(_ratio_out(v, sy) for v in y))
            for x, sx, y, sy in _radical_equilibria(*radical)
        ]
    Ae = [[as_sympy(v) for v in row] for row in Ao]
    Be = [[as_sympy(v) for v in row] for row in Bo]
    return _enumerate(Ae, Be, sign, simplify_number, lambda v: _exact_out(simplify_number(v)))


def _radical_game(A: list[list[Any]], B: list[list[Any]]) -> tuple[list[list[Radical]], list[list[Radical]]] | None:
    """The payoffs as elements of their radical number field, or ``None`` if one is not a radical."""
    Ar = [[from_sympy(v) for v in row] for row in A]
    Br = [[from_sympy(v) for v in row] for row in B]
    if any(v is None for row in Ar + Br for v in row):
        return None
    return Ar, Br  # type: ignore[return-value]


def _det(M: list[list[Any]]) -> Any:
    """Determinant by expansion over column subsets (ring operations only: no inverses)."""
    s = len(M)
    dp: dict[int, Any] = {0: 1}
    for r in range(s):
        new: dict[int, Any] = {}
        for mask, v in dp.items():
            for c in range(s):
                if mask >> c & 1 or not M[r][c]:
                    continue
                term = v * M[r][c]
                if bin(mask >> (c + 1)).count("1") & 1:  # earlier rows in later columns: inversions
                    term = -term
                key = mask | 1 << c
                new[key] = new[key] + term if key in new else term
        dp = new
    return dp.get((1 << s) - 1, 0)


def _radical_vertices(C: list[list[Radical]], d: int) -> list[tuple[tuple[Any, ...], Any, int, int]]:
    """:func:`_vertices` in a radical field, without inverses: vertices as ``(N, D)`` with ``z = N / D``.

    Each square system ``C[J, T] z_T = 1`` is solved by Cramer's rule
    (``D = det``, ``N_t`` the determinant with column ``t`` replaced by ones),
    normalised to ``D > 0``; every test is then the exact sign of a
    polynomial in the payoffs (:meth:`Radical.sign`).
    """
    k = len(C)
    found: list[tuple[tuple[Any, ...], Any, int, int]] = []
    for s in range(1, min(d, k) + 1):
        for T in combinations(range(d), s):
            for J in combinations(range(k), s):
                M = [[C[j][t] for t in T] for j in J]
                D = _det(M)
                sd = _rsign(D)
                if sd == 0:
                    continue
                N = [_det([row[:i] + [1] + row[i + 1 :] for row in M]) for i in range(s)]
                if sd < 0:
                    D, N = -D, [-v for v in N]
                if any(_rsign(v) < 0 for v in N):
                    continue
                v = _labelled_vertex(C, d, T, N, D, _rsign, lambda x: not x)
                if v is None:
                    continue
                z, zero, tight = v
                if any(all(not (a * D2 - b * D) for a, b in zip(z, w)) for w, D2, _, _ in found):
                    continue
                found.append((z, D, zero, tight))
    return found


def _radical_equilibria(Ar: list[list[Radical]], Br: list[list[Radical]]) -> list[tuple[tuple[Any, ...], Any, tuple[Any, ...], Any]]:
    """Extreme equilibria of a radical game as ``(x, sx, y, sy)``: strategies ``x / sx`` and ``y / sy``.

    Sorted like rational results (support size, then probabilities
    descending) and each checked to have exact zero regret.
    """
    m, n = len(Ar), len(Ar[0])

    def positive(M: list[list[Radical]]) -> list[list[Radical]]:
        flat = [v for row in M for v in row]
        lo = flat[0]
        for v in flat[1:]:
            if _rsign(v - lo) < 0:
                lo = v
        return [[v - lo + 1 for v in row] for row in M]

    Ap, Bp = positive(Ar), positive(Br)
    P = _radical_vertices([[Bp[i][j] for i in range(m)] for j in range(n)], m)
    Q = _radical_vertices(Ap, n)
    full = (1 << (m + n)) - 1
    eqs = []
    for x, _, zero, tight in P:
        for y, _, zy, ty in Q:
            if (zero | (tight << m)) | (ty | (zy << m)) == full:
                eqs.append((x, sum(x, 0), y, sum(y, 0)))

    def order(p: tuple, q: tuple) -> int:
        sp_ = sum(1 for v in (*p[0], *p[2]) if v)
        sq = sum(1 for v in (*q[0], *q[2]) if v)
        if sp_ != sq:
            return -1 if sp_ < sq else 1
        for a, b in zip([(v, p[1]) for v in p[0]] + [(v, p[3]) for v in p[2]], [(v, q[1]) for v in q[0]] + [(v, q[3]) for v in q[2]]):
            c = _rsign(a[0] * b[1] - b[0] * a[1])  # a/sa - b/sb, both sums positive
            if c:
                return -c
        return 0

    eqs.sort(key=cmp_to_key(order))
    for x, sx, y, sy in eqs:  # exact regret 0: no pure strategy beats the profile
        Ay = [sum((Ar[i][j] * y[j] for j in range(n)), 0) for i in range(m)]
        xB = [sum((x[i] * Br[i][j] for i in range(m)), 0) for j in range(n)]
        ur = sum((x[i] * Ay[i] for i in range(m)), 0)
        uc = sum((xB[j] * y[j] for j in range(n)), 0)
        if any(_rsign(v * sx - ur) > 0 for v in Ay) or any(_rsign(v * sy - uc) > 0 for v in xB):
            raise ArithmeticError(f"profile {(x, y)} has positive exact regret")  # cannot happen
    return eqs


def _ratio_out(v: Any, s: Any) -> Any:
    """``v / s`` (radicals or rationals, ``s > 0``) as an exact output number."""
    if not v:
        return Fraction(0)
    if not (v - s):
        return Fraction(1)
    return _exact_out(quotient_to_sympy(Radical._of(v), Radical._of(s)))


def _enumerate(Ae: list[list[Any]], Be: list[list[Any]], sgn: Any, simp: Any, out: Any) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    m, n = len(Ae), len(Ae[0])

    def positive(M: list[list[Any]]) -> list[list[Any]]:
        flat = [v for row in M for v in row]
        lo = flat[0]
        for v in flat[1:]:
            if sgn(simp(v - lo)) < 0:
                lo = v
        return [[simp(v - lo + 1) for v in row] for row in M]

    Ap, Bp = positive(Ae), positive(Be)
    BT = [[Bp[i][j] for i in range(m)] for j in range(n)]
    P = _vertices_exact(BT, m, sgn, simp)
    Q = _vertices_exact(Ap, n, sgn, simp)
    full = (1 << (m + n)) - 1
    eqs = []
    for x, zero, tight in P:
        lx = zero | (tight << m)
        for y, zy, ty in Q:
            ly = ty | (zy << m)
            if lx | ly == full:
                sx, sy = simp(sum(x)), simp(sum(y))
                eqs.append((tuple(out(v / sx) for v in x), tuple(out(v / sy) for v in y)))
    return eqs


def _exact_out(v: Any) -> Any:
    """A Fraction when a sympy number is rational, the sympy number otherwise."""
    if getattr(v, "is_Rational", False):
        return Fraction(int(v.p), int(v.q))
    return v


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Equilibrium:
    """One Nash equilibrium: mixed strategies, expected payoffs and diagnostics.

    ``strategies[k][a]`` is the probability that player ``k`` plays action ``a``
    (floats, or ``Fraction`` when solved with ``exact=True``).
    """

    strategies: tuple[tuple[Number, ...], tuple[Number, ...]]
    payoffs: tuple[Number, Number]
    actions: tuple[tuple[str, ...], tuple[str, ...]]
    players: tuple[str, str]
    max_regret: float

    @property
    def support_indices(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return tuple(tuple(i for i, p in enumerate(s) if p > 0) for s in self.strategies)  # type: ignore[return-value]

    @property
    def supports(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Action labels played with positive probability, per player."""
        return tuple(tuple(self.actions[k][i] for i in idx) for k, idx in enumerate(self.support_indices))  # type: ignore[return-value]

    @property
    def is_pure(self) -> bool:
        return all(len(s) == 1 for s in self.support_indices)

    @property
    def label(self) -> str:
        """``"Firm/Weak"`` for a pure profile, ``"mixed (Firm,Weak / Firm,Weak)"`` otherwise."""
        if self.is_pure:
            return "/".join(s[0] for s in self.supports)
        return "mixed (" + " / ".join(",".join(s) for s in self.supports) + ")"

    def strategy(self, player: int | str) -> dict[str, Number]:
        """``{action label: probability}`` for one player (index or name)."""
        k = index_of(player, self.players, "player")
        return dict(zip(self.actions[k], self.strategies[k]))

    def to_dict(self, exact_strings: bool = False) -> dict[str, Any]:
        """JSON-ready dict; with ``exact_strings`` fractions become ``"p/q"`` strings."""
        conv = (lambda v: str(Fraction(v)) if isinstance(v, (Fraction, int)) else str(v)) if exact_strings else float
        return {
            "strategies": [[conv(p) for p in s] for s in self.strategies],
            "payoffs": [conv(u) for u in self.payoffs],
            "actions": [list(a) for a in self.actions],
            "label": self.label,
        }

    def __str__(self) -> str:
        parts = []
        for k in range(2):
            parts.append(
                ", ".join(f"{a}: {_fmt(p)}" for a, p in zip(self.actions[k], self.strategies[k]) if p != 0)
            )
        return f"{self.label}: ({parts[0]}) ; ({parts[1]}) payoffs ({_fmt(self.payoffs[0])}, {_fmt(self.payoffs[1])})"


def _fmt(v: Number) -> str:
    if isinstance(v, Fraction):
        return str(v)
    return f"{float(v):.6g}"


@dataclass(frozen=True)
class Solution(ResultCollection[Equilibrium]):
    """All equilibria of a game, with provenance (method, exactness, tolerance)."""

    _items = "equilibria"  # the sequence of its items (ResultCollection)

    equilibria: tuple[Equilibrium, ...]
    game: Bimatrix
    method: str
    exact: bool
    tol: float

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if e.is_pure)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.equilibria)

    def to_records(self) -> list[dict[str, Any]]:
        rows = []
        for k, e in enumerate(self.equilibria):
            row: dict[str, Any] = {"equilibrium": k, "label": e.label}
            for p in range(2):
                for a, v in zip(e.actions[p], e.strategies[p]):
                    row[f"{e.players[p]}: {a}"] = v
            row[f"payoff {e.players[0]}"] = e.payoffs[0]
            row[f"payoff {e.players[1]}"] = e.payoffs[1]
            row["max regret"] = e.max_regret
            rows.append(row)
        return rows

    def to_frame(self):
        """A pandas DataFrame, one row per equilibrium."""
        import pandas as pd  # import time: pandas loads only for a table

        return pd.DataFrame(self.to_records())

    def to_json(self, exact_strings: bool | None = None) -> dict[str, Any]:
        """``{"equilibria": [{"strategies": [[...], [...]], "payoffs": [...]}, ...]}``."""
        es = self.exact if exact_strings is None else exact_strings
        return {"equilibria": [e.to_dict(es) for e in self.equilibria]}

    def to_latex(self) -> str:
        """A ``tabular`` of the equilibria for a paper."""
        g = self.game
        esc = escape
        head = "Equilibrium & " + esc(g.players[0]) + " & " + esc(g.players[1]) + " & Payoffs \\\\"
        lines = [r"\begin{tabular}{llll}", r"\hline", head, r"\hline"]
        for e in self.equilibria:
            s = [
                ", ".join(f"{esc(a)}: ${_tex(p)}$" for a, p in zip(e.actions[k], e.strategies[k]) if p != 0)
                for k in range(2)
            ]
            lines.append(
                f"{esc(e.label)} & {s[0]} & {s[1]} & $({_tex(e.payoffs[0])}, {_tex(e.payoffs[1])})$ \\\\"
            )
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        title = (
            f"<p>{len(self)} equilibri{'um' if len(self) == 1 else 'a'} of {e(self.game.name or 'the game')}"
            f" (method {e(self.method)}{', exact' if self.exact else ''})</p>"
        )
        return title + self.to_frame().to_html(index=False)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.equilibria) or "no equilibria"


def _tex(v: Number) -> str:
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"\\frac{{{v.numerator}}}{{{v.denominator}}}"
    return f"{float(v):.4g}"


# --------------------------------------------------------------------------- entry point
def _as_game(game: Any, B: Any, params: dict | None) -> Bimatrix:
    if isinstance(game, (str, os.PathLike)):
        if B is not None:
            raise GameError("solve(path) reads both players' payoffs from the file; do not pass B")
        if not Path(game).is_file():
            raise GameError(
                f"solve() takes a game, a model or the path of a .nfg/.yaml/.json game file; "
                f"{str(game)!r} is not a file (to read one explicitly: alliancegames.files.read_game)"
            )
        from alliancegames.core.files import read_game  # lazy: file reading needs sympy; solvers do not

        return _as_game(read_game(game), None, params)
    if isinstance(game, Bimatrix):
        return game
    if hasattr(game, "payoffs") and hasattr(game, "parameters"):  # a symbolic model

        return evaluate(game, params or {})
    return Bimatrix.from_arrays(game, B)


def solve(
    game: Any,
    B: Any = None,
    *,
    params: dict | None = None,
    exact: bool = False,
    method: str = "vertex",
    tol: float = 1e-9,
) -> Solution:
    """Every extreme Nash equilibrium of a two-player game.

    Parameters
    ----------
    game : Bimatrix, NormalFormModel or array
        The game; with an array, ``B`` is the column player's matrix
        (omitted: zero-sum).  A symbolic model is evaluated at ``params``
        (defaults fill the rest).
    exact : bool
        Return exact probabilities and payoffs (``Fraction``; sympy numbers where
        payoffs are irrational) instead of floats.  The equilibria are computed
        exactly either way, under the package's exactness policy
        (:mod:`alliancegames.core.exact`): a float payoff or parameter value
        means the decimal it prints as, the model's payoffs are evaluated
        exactly, and irrational payoffs are compared exactly (algebraic numbers
        by their minimal polynomials); where a tie cannot be decided the call
        raises :class:`~alliancegames.core.exact.ExactnessError` instead of
        guessing.
    method : {"vertex", "nashpy"}
        Exact labelled vertex enumeration (default), or nashpy's support
        enumeration followed by exact verification (may miss equilibria of
        degenerate games; for comparison only).
    tol : float
        Tolerance recorded with the result and used to check the regret of
        every returned profile (relative to the payoff scale).

    Returns
    -------
    Solution

    Examples
    --------
    >>> sol = solve([[3, 0], [5, 1]], [[3, 5], [0, 1]])   # prisoner's dilemma
    >>> sol.labels
    ('r2/c2',)
    >>> solve([[1, -1], [-1, 1]], exact=True)[0].strategies
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    """
    g = _as_game(game, B, params)
    if max(g.shape) > MAX_ACTIONS:
        raise ResourceError(
            f"a {g.shape[0]}x{g.shape[1]} game: exact enumeration is limited to {MAX_ACTIONS} actions per "
            "player (its output alone can grow with the square of the number of actions)"
        )
    ex = g.exact()
    rational = ex.is_rational
    radical = None if rational or method != "vertex" else _radical_game(ex.A.tolist(), ex.B.tolist())
    payoffs_of: dict[int, tuple[Any, Any]] = {}
    if method == "vertex" and radical is not None:  # irrational radical payoffs: exact in their number field
        profiles = []
        Ar, Br = radical
        for x, sx, y, sy in _radical_equilibria(Ar, Br):  # sorted, regret checked
            ua = sum((x[i] * Ar[i][j] * y[j] for i in range(len(x)) for j in range(len(y)) if x[i] and y[j]), 0)
            ub = sum((x[i] * Br[i][j] * y[j] for i in range(len(x)) for j in range(len(y)) if x[i] and y[j]), 0)
            payoffs_of[len(profiles)] = tuple(_ratio_out(u, sx * sy) for u in (ua, ub))  # type: ignore[assignment]
            profiles.append((tuple(_ratio_out(v, sx) for v in x), tuple(_ratio_out(v, sy) for v in y)))
    elif method == "vertex":
        profiles = extreme_equilibria(ex.A, ex.B) if rational else algebraic_equilibria(ex.A, ex.B)
    elif method == "nashpy":
        if not rational:
            raise GameError("method='nashpy' needs rational payoffs; use the default method for irrational ones")
        profiles = []
        Af, Bf = ex.floats()
        for x, y in _nashpy_candidates(Af, Bf):
            fx, fy = _rationalise(x), _rationalise(y)
            if max_regret(ex.A, ex.B, np.array(fx, dtype=object), np.array(fy, dtype=object)) == 0:
                if (fx, fy) not in profiles:
                    profiles.append((fx, fy))
    else:
        raise ValueError(f"unknown method {method!r}; use 'vertex' or 'nashpy'")
    if rational:
        profiles.sort(key=lambda p: (sum(v > 0 for v in p[0]) + sum(v > 0 for v in p[1]), [-v for v in p[0]], [-v for v in p[1]]))
        checker = _RegretCheck(ex)
    elif radical is None:
        profiles.sort(key=cmp_to_key(profile_order))
    floats = None if exact else (g.floats() if rational else ex.floats())
    eqs = []
    for k, (x, y) in enumerate(profiles):
        if rational:
            u = _support_payoffs(ex, x, y)
            checker.check(x, y)  # exact regret 0 (linear in the game size per equilibrium)
        elif radical is not None:
            u = payoffs_of[k]
        else:
            xa, ya = np.array(x, dtype=object), np.array(y, dtype=object)
            u = tuple(_exact_out(simplify_number(v)) for v in (xa @ ex.A @ ya, xa @ ex.B @ ya))
            _check_exact_nash(ex, xa, ya)
        if exact:
            strategies, payoffs = (tuple(x), tuple(y)), u
            regret = 0.0
        else:
            strategies = (tuple(float(v) for v in x), tuple(float(v) for v in y))
            payoffs = _float_payoffs(u)
            Af, Bf = floats
            regret = max_regret(Af, Bf, np.array(strategies[0]), np.array(strategies[1]))
            scale = max(1.0, float(np.max(np.abs(Af))), float(np.max(np.abs(Bf))))
            if regret > tol * scale:  # cannot happen for exact vertices; guards the float conversion
                raise ArithmeticError(f"equilibrium {strategies} has regret {regret:g} above tolerance")
        eqs.append(Equilibrium(strategies, payoffs, g.actions, g.players, regret))
    return Solution(tuple(eqs), g, method, exact, tol)


def _support_payoffs(ex: Bimatrix, x: Sequence[Fraction], y: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """Expected payoffs, summing only over the supports (exact)."""
    sx = [i for i, v in enumerate(x) if v]
    sy = [j for j, v in enumerate(y) if v]
    A, B = ex.A, ex.B
    ua = sum((x[i] * y[j] * A[i, j] for i in sx for j in sy), Fraction(0))
    ub = sum((x[i] * y[j] * B[i, j] for i in sx for j in sy), Fraction(0))
    return Fraction(ua), Fraction(ub)


class _RegretCheck:
    """Exact zero-regret test of rational profiles on the shifted integer payoffs.

    Best responses are unchanged by the positive affine map to integers, so the
    test runs on integers: int64 matrix products when no overflow is possible,
    Python integers otherwise.  Cost per profile: one ``m x |supp y|`` and one
    ``|supp x| x n`` product, never quadratic in the number of equilibria.
    """

    def __init__(self, ex: Bimatrix) -> None:
        self.A = _positive_integer(ex.A)
        self.BT = [list(col) for col in zip(*_positive_integer(ex.B))]
        self.An = _int64(self.A)
        self.BTn = _int64(self.BT)

    def check(self, x: Sequence[Fraction], y: Sequence[Fraction]) -> None:
        if not (_best_reply(self.A, self.An, x, y) and _best_reply(self.BT, self.BTn, y, x)):
            raise ArithmeticError(f"profile {(tuple(x), tuple(y))} has positive exact regret")  # cannot happen


def _int64(M: list[list[int]]) -> np.ndarray | None:
    big = max(max(abs(v) for v in row) for row in M)
    return np.array(M, dtype=np.int64) if big < 2**62 else None


def _best_reply(M: list[list[int]], Mn: np.ndarray | None, x: Sequence[Fraction], y: Sequence[Fraction]) -> bool:
    """Whether ``x`` is a best reply to ``y`` in the integer game ``M`` (``x`` indexes rows)."""
    sy = [j for j, v in enumerate(y) if v]
    dy = lcm(*(y[j].denominator for j in sy))
    Y = [int(y[j] * dy) for j in sy]
    if Mn is not None and int(Mn[:, sy].max()) * sum(Y) < 2**62:
        R = (Mn[:, sy] @ np.array(Y, dtype=np.int64)).tolist()
    else:
        R = [sum(row[j] * w for j, w in zip(sy, Y)) for row in M]
    got = sum((x[i] * R[i] for i, v in enumerate(x) if v), Fraction(0))
    return max(R) <= got


def _float_payoffs(u: tuple[Any, Any]) -> tuple[float, float]:
    try:
        out = (float(u[0]), float(u[1]))
    except OverflowError:
        out = (float("inf"), 0.0)
    if not all(np.isfinite(out)):
        raise GameError(
            "an equilibrium payoff exceeds the float range (about 1.8e308); use exact=True or rescale the payoffs"
        )
    return out


def _check_exact_nash(ex: Bimatrix, x: np.ndarray, y: np.ndarray) -> None:
    """Exact regret test for irrational payoffs: no pure strategy does better (signs decided exactly)."""
    row = ex.A @ y
    col = x @ ex.B
    ur, uc = x @ row, col @ y
    if any(compare(v, ur) > 0 for v in row) or any(compare(v, uc) > 0 for v in col):
        raise ArithmeticError(f"profile {(tuple(x), tuple(y))} has positive exact regret")  # cannot happen


def solve_many(games: Sequence[Any], **kw: Any) -> list[Solution]:
    """:func:`solve` for each game in a sequence."""
    return [solve(g, **kw) for g in games]


# Keep GameError and to_fraction importable from here for convenience.
__all__ += ["GameError", "to_fraction", "solve_many"]
