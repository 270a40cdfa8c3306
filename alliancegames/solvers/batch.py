"""Every Nash equilibrium of many bimatrix games of one shape, with numpy.

Conventions
-----------
``A[g, i, j]`` and ``B[g, i, j]`` are the row and column players' payoffs in
game ``g`` when the row player plays action ``i`` (of ``m``) and the column
player action ``j`` (of ``n``); both arrays have shape ``(N, m, n)``.  Results
are flat arrays with one entry per equilibrium, grouped by game and, within a
game, in the order :func:`alliancegames.solvers.enumeration.solve` uses (fewest actions in
the supports first, then the row strategy, then the column strategy, both in
decreasing lexicographic order).

Method
------
Payoffs are divided by each player's largest absolute payoff (equilibria do
not change).  For every pair of supports ``(I, J)`` of equal size ``k``:

* the row strategy ``x`` on ``I`` that makes the columns ``J`` indifferent is
  ``x = c / sum(c)``, where ``c`` is the vector of signed maximal minors (the
  generalised cross product) of the ``(k-1) x k`` matrix of payoff
  differences ``B[I, J_t] - B[I, J_0]``; likewise for the column strategy ``y``;
* the pair is an equilibrium when both strategies are positive on their
  supports and no action outside the supports does better.

Every such test is a sign test.  A game is solved here only when every sign
it depends on is clear: all probabilities and best-response slacks that decide
a candidate exceed ``tol`` (or one of them is below ``-tol``, which rejects the
candidate), and every accepted candidate comes from a well-conditioned system.
Any other game — ties within ``tol``, probabilities within ``tol`` of zero,
singular or ill-conditioned systems, i.e. degenerate games and points on or
next to the boundary between equilibrium regimes — is handed to the exact
solver :func:`alliancegames.solvers.enumeration.solve`, so correctness never depends on the
batch path.  Why the clear cases need nothing more: every extreme equilibrium
of a game, degenerate or not, solves the systems of some equal-size support
pair with all its decisive signs ``>= 0``; if none of them is within ``tol`` of
zero the equilibrium is found as a clearly accepted candidate, and a clearly
accepted candidate is a vertex pair of the best-response polytopes, i.e. one
of the extreme equilibria that :func:`~alliancegames.solvers.enumeration.solve` enumerates.

2x2 games use a closed-form kernel: pure equilibria from the signs of the four
payoff differences, the fully mixed one from the indifference formulas; any
difference within ``tol`` of zero sends the game to the exact solver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import combinations
from typing import Any

import numpy as np

__all__ = ["BatchResult", "solve_batch", "support_labels"]

DEFAULT_CHUNK = 2**16


# --------------------------------------------------------------------------- result
@dataclass(frozen=True)
class BatchResult:
    """All equilibria of ``n_games`` games, as flat arrays.

    Attributes
    ----------
    shape : (int, int)
        ``(m, n)``: numbers of row and column actions.
    game : ndarray of int, shape (E,)
        Index of the game each equilibrium belongs to (non-decreasing).
    x, y : ndarray, shapes (E, m) and (E, n)
        Row and column mixed strategies.
    payoffs : ndarray, shape (E, 2)
        Expected payoffs of the row and column players.
    counts : ndarray of int, shape (N,)
        Number of equilibria of each game.
    exact : ndarray of bool, shape (N,)
        Games handed to the exact solver (degenerate or numerically delicate).
    tol : float
        Tolerance used to decide which games are clear.

    Examples
    --------
    >>> r = solve_batch(np.array([[[3, 0], [5, 1]]]), np.array([[[3, 5], [0, 1]]]))
    >>> r.counts.tolist(), r.x.tolist(), r.y.tolist()
    ([1], [[0.0, 1.0]], [[0.0, 1.0]])
    """

    shape: tuple[int, int]
    game: np.ndarray
    x: np.ndarray
    y: np.ndarray
    payoffs: np.ndarray
    counts: np.ndarray
    exact: np.ndarray
    tol: float

    @property
    def n_games(self) -> int:
        return int(self.counts.shape[0])

    def __repr__(self) -> str:
        m, n = self.shape
        return (
            f"BatchResult({self.n_games} games of {m}x{n}, {int(self.counts.sum())} equilibria, "
            f"{int(self.exact.sum())} solved exactly, tol={self.tol:g})"
        )

    @property
    def offsets(self) -> np.ndarray:
        """``offsets[g]:offsets[g+1]`` are the rows of game ``g``."""
        return np.concatenate([[0], np.cumsum(self.counts)]).astype(np.int64)

    def equilibria(self, g: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """``[(x, y, payoffs), ...]`` for game ``g``, in :func:`~alliancegames.solvers.enumeration.solve` order."""
        o = self.offsets
        return [(self.x[e], self.y[e], self.payoffs[e]) for e in range(o[g], o[g + 1])]

    @property
    def support_codes(self) -> np.ndarray:
        """One integer per equilibrium naming its support pair: ``mask_x << n | mask_y``.

        Bit ``i`` of ``mask_x`` is set when ``x[i] > 0`` (likewise ``mask_y``).
        """
        m, n = self.shape
        wx = (self.x > 0).astype(np.int64) @ (1 << np.arange(m, dtype=np.int64))
        wy = (self.y > 0).astype(np.int64) @ (1 << np.arange(n, dtype=np.int64))
        return (wx << n) | wy

    @staticmethod
    def concat(parts: Sequence[BatchResult]) -> BatchResult:
        """Join results of consecutive batches (game indices are shifted)."""
        if not parts:
            raise ValueError("nothing to concatenate")
        shape, tol = parts[0].shape, parts[0].tol
        if any(p.shape != shape for p in parts):
            raise ValueError("cannot concatenate results of games of different shapes")
        starts = np.cumsum([0] + [p.n_games for p in parts[:-1]])
        return BatchResult(
            shape,
            np.concatenate([p.game + s for p, s in zip(parts, starts)]),
            np.concatenate([p.x for p in parts]),
            np.concatenate([p.y for p in parts]),
            np.concatenate([p.payoffs for p in parts]),
            np.concatenate([p.counts for p in parts]),
            np.concatenate([p.exact for p in parts]),
            tol,
        )


def support_labels(codes: np.ndarray, actions: Sequence[Sequence[str]]) -> dict[int, str]:
    """Readable labels for support codes (see :attr:`BatchResult.support_codes`).

    Follows :attr:`alliancegames.solvers.enumeration.Equilibrium.label`: ``"Firm/Weak"`` for a
    pure profile, ``"mixed (Firm,Weak / Firm)"`` otherwise.

    Examples
    --------
    >>> support_labels(np.array([0b1001, 0b1111]), (("F", "W"), ("F", "W")))
    {9: 'W/F', 15: 'mixed (F,W / F,W)'}
    """
    acts0, acts1 = tuple(actions[0]), tuple(actions[1])
    n = len(acts1)
    out: dict[int, str] = {}
    for code in np.unique(np.asarray(codes, dtype=np.int64)).tolist():
        mx, my = code >> n, code & ((1 << n) - 1)
        sx = [a for i, a in enumerate(acts0) if mx >> i & 1]
        sy = [a for j, a in enumerate(acts1) if my >> j & 1]
        if len(sx) == 1 and len(sy) == 1:
            out[code] = f"{sx[0]}/{sy[0]}"
        else:
            out[code] = "mixed (" + ",".join(sx) + " / " + ",".join(sy) + ")"
    return out


# --------------------------------------------------------------------------- entry point
def solve_batch(
    A: Any,
    B: Any,
    *,
    tol: float = 1e-9,
    chunk_size: int = DEFAULT_CHUNK,
    exact_fallback: bool = True,
    exact_game: Callable[[int], Any] | None = None,
) -> BatchResult:
    """Every extreme Nash equilibrium of each game in a batch.

    Parameters
    ----------
    A, B : array_like, shape (N, m, n)
        Row and column players' payoffs of ``N`` games (finite floats).
    tol : float
        Margin, relative to each player's payoff scale, below which a tie,
        probability or best-response slack counts as zero; games with such a
        quantity are solved by :func:`alliancegames.solvers.enumeration.solve`.  Must lie
        in ``[1e-13, 1e-3]``.
    chunk_size : int
        Games processed at once (bounds memory).
    exact_fallback : bool
        If False, delicate games are not solved: they get no equilibria and
        ``exact`` marks them (for diagnostics and benchmarks).
    exact_game : callable, optional
        ``exact_game(g)`` gives the exact game (a ``Bimatrix`` or anything
        :func:`~alliancegames.solvers.enumeration.solve` takes) that game ``g``
        rounds, e.g. a model evaluated exactly at the point; the fallback solves
        it instead of the float payoffs ``A[g], B[g]``, so delicate games (ties,
        boundaries) are decided on the exact payoffs.  It may return ``None``
        where no exact game can be built; the float payoffs (read exactly, as
        the decimals they print as) are then solved.

    Returns
    -------
    BatchResult
        The same equilibria, in the same order, as calling
        :func:`~alliancegames.solvers.enumeration.solve` on every game (to about 1e-12).

    Examples
    --------
    Matching pennies and a coordination game with a tie (solved exactly):

    >>> A = np.array([[[1, -1], [-1, 1]], [[2, 0], [0, 0]]], dtype=float)
    >>> B = np.array([[[-1, 1], [1, -1]], [[2, 0], [0, 0]]], dtype=float)
    >>> r = solve_batch(A, B)
    >>> r.counts.tolist(), r.exact.tolist()
    ([1, 2], [False, True])
    >>> r.x[0].tolist()
    [0.5, 0.5]
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 3 or A.shape != B.shape:
        raise ValueError(f"A and B must both have shape (N, m, n); got {A.shape} and {B.shape}")
    if 0 in A.shape[1:]:
        raise ValueError(f"games must have at least one action per player; got shape {A.shape[1:]}")
    if not (np.all(np.isfinite(A)) and np.all(np.isfinite(B))):
        bad = int(np.argwhere(~(np.isfinite(A) & np.isfinite(B)))[0][0])
        raise ValueError(f"game {bad} has NaN or infinite payoffs")
    if not (1e-13 <= tol <= 1e-3):
        raise ValueError(f"tol must lie in [1e-13, 1e-3]; got {tol!r}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive; got {chunk_size!r}")
    N, m, n = A.shape
    if N == 0:
        return _empty((m, n), tol)
    parts = [
        _solve_chunk(
            A[s : s + chunk_size],
            B[s : s + chunk_size],
            tol,
            exact_fallback,
            None if exact_game is None else partial(_shifted, exact_game, s),
        )
        for s in range(0, N, chunk_size)
    ]
    return parts[0] if len(parts) == 1 else BatchResult.concat(parts)


def _empty(shape: tuple[int, int], tol: float) -> BatchResult:
    m, n = shape
    return BatchResult(
        shape,
        np.zeros(0, np.int64),
        np.zeros((0, m)),
        np.zeros((0, n)),
        np.zeros((0, 2)),
        np.zeros(0, np.int64),
        np.zeros(0, bool),
        tol,
    )


def _games_last(M: np.ndarray) -> np.ndarray:
    """``(N, m, n)`` -> ``(m, n, N)``, each player's payoffs divided by their largest magnitude."""
    T = M.transpose(1, 2, 0).copy()
    s = np.abs(T).max(axis=(0, 1))
    s[s == 0] = 1.0
    T /= s
    return T


def _shifted(exact_game: Callable[[int], Any], start: int, g: int) -> Any:
    return exact_game(start + g)


def _solve_chunk(
    A: np.ndarray, B: np.ndarray, tol: float, exact_fallback: bool, exact_game: Callable[[int], Any] | None = None
) -> BatchResult:
    N, m, n = A.shape
    At, Bt = _games_last(A), _games_last(B)
    if (m, n) == (2, 2):
        game, x, y, flagged = _kernel_2x2(At, Bt, tol)
    else:
        game, x, y, flagged = _kernel_general(At, Bt, tol)
        game, x, y, flagged = _sort_and_check(game, x, y, flagged)
    keep = ~flagged[game]
    game, x, y = game[keep], x[keep], y[keep]
    pay = _payoffs(A, B, game, x, y)
    counts = np.bincount(game, minlength=N).astype(np.int64)
    idx = np.flatnonzero(flagged)
    if idx.size and exact_fallback:
        eg, ex, ey, ep = _exact(A, B, idx, exact_game)
        counts[idx] = np.bincount(eg, minlength=N)[idx]
        game = np.concatenate([game, eg])
        order = np.argsort(game, kind="stable")  # a game is solved wholly by one path
        game = game[order]
        x = np.concatenate([x, ex])[order]
        y = np.concatenate([y, ey])[order]
        pay = np.concatenate([pay, ep])[order]
    return BatchResult((m, n), game.astype(np.int64), x, y, pay, counts, flagged, tol)


def _payoffs(A: np.ndarray, B: np.ndarray, game: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    m, n = A.shape[1:]
    Ag = A.reshape(len(A), m * n)[game]
    Bg = B.reshape(len(B), m * n)[game]
    u = np.zeros((len(game), 2))
    for i in range(m):
        for j in range(n):
            w = x[:, i] * y[:, j]
            u[:, 0] += w * Ag[:, i * n + j]
            u[:, 1] += w * Bg[:, i * n + j]
    return u


def _exact(A: np.ndarray, B: np.ndarray, idx: np.ndarray, exact_game: Callable[[int], Any] | None = None):
    from alliancegames.solvers.enumeration import solve  # the exact per-game solver (no sympy)

    m, n = A.shape[1:]
    g, xs, ys, ps = [], [], [], []
    for i in idx.tolist():
        eg = None if exact_game is None else exact_game(i)
        for e in (solve(A[i], B[i]) if eg is None else solve(eg)).equilibria:
            g.append(i)
            xs.append(e.strategies[0])
            ys.append(e.strategies[1])
            ps.append(e.payoffs)
    return (
        np.array(g, dtype=np.int64),
        np.array(xs, dtype=float).reshape(-1, m),
        np.array(ys, dtype=float).reshape(-1, n),
        np.array(ps, dtype=float).reshape(-1, 2),
    )


# --------------------------------------------------------------------------- 2x2 kernel
def _kernel_2x2(At: np.ndarray, Bt: np.ndarray, tol: float):
    """Closed form: the signs of the four payoff differences decide everything."""
    N = At.shape[-1]
    dA0 = At[0, 0] - At[1, 0]  # row 0 minus row 1 against column 0
    dA1 = At[0, 1] - At[1, 1]
    dB0 = Bt[0, 0] - Bt[0, 1]  # column 0 minus column 1 against row 0
    dB1 = Bt[1, 0] - Bt[1, 1]
    small = np.minimum(np.minimum(np.abs(dA0), np.abs(dA1)), np.minimum(np.abs(dB0), np.abs(dB1)))
    flagged = small <= tol
    ok = ~flagged
    valid = np.empty((N, 5), dtype=bool)  # solve() order: (0,0), (0,1), (1,0), (1,1), mixed
    valid[:, 0] = (dA0 > 0) & (dB0 > 0)
    valid[:, 1] = (dA1 > 0) & (dB0 < 0)
    valid[:, 2] = (dA0 < 0) & (dB1 > 0)
    valid[:, 3] = (dA1 < 0) & (dB1 < 0)
    valid[:, 4] = ((dA0 > 0) != (dA1 > 0)) & ((dB0 > 0) != (dB1 > 0))
    valid &= ok[:, None]
    g, c = np.nonzero(valid)  # game-major, candidate order within a game: already sorted
    x0 = (c <= 1).astype(float)
    y0 = ((c == 0) | (c == 2)).astype(float)
    mix = np.flatnonzero(c == 4)
    gm = g[mix]
    x0[mix] = dB1[gm] / (dB1[gm] - dB0[gm])
    y0[mix] = dA1[gm] / (dA1[gm] - dA0[gm])
    x = np.stack([x0, 1.0 - x0], axis=1)
    y = np.stack([y0, 1.0 - y0], axis=1)
    return g, x, y, flagged


# --------------------------------------------------------------------------- general kernel
# Matrices are nested lists of arrays (one entry per game), so that every small
# axis is a Python loop over contiguous vectors.
def _det(M: list[list[np.ndarray]], like: np.ndarray) -> np.ndarray:
    """Determinant of a small matrix given as nested lists of arrays."""
    k = len(M)
    if k == 0:
        return np.ones_like(like)
    if k == 1:
        return M[0][0]
    if k == 2:
        return M[0][0] * M[1][1] - M[0][1] * M[1][0]
    if k == 3:
        (a, b, c), (d, e, f), (g, h, i) = M
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    stacked = np.moveaxis(np.array(M), (0, 1), (-2, -1))
    return np.linalg.det(stacked)


def _min(arrays: list[np.ndarray]) -> np.ndarray:
    out = arrays[0]
    for a in arrays[1:]:
        out = np.minimum(out, a)
    return out


def _max(arrays: list[np.ndarray]) -> np.ndarray:
    out = arrays[0]
    for a in arrays[1:]:
        out = np.maximum(out, a)
    return out


def _side(D: list[list[np.ndarray]], like: np.ndarray, tol: float, sing: float):
    """Strategy on a support from its ``(k-1) x k`` difference matrix.

    Returns the strategy (list of ``k`` arrays), whether it is clearly valid
    (all probabilities > tol, well-conditioned) and whether it is clearly
    impossible (cofactors of both clear signs, or a difference row of one
    clear sign, which no strategy on the support can make zero).
    """
    k = len(D[0]) if D else 1
    C = [(-1) ** c * _det([row[:c] + row[c + 1 :] for row in D], like) for c in range(k)]
    S = C[0].copy()
    for c in C[1:]:
        S += c
    sgn = np.where(S < 0, -1.0, 1.0)
    valid = (_min([c * sgn for c in C]) > tol) & (np.abs(S) >= sing)
    rejected = (_max(C) > tol) & (_min(C) < -tol)
    for row in D:
        rejected |= (_min(row) > tol) | (_max(row) < -tol)
    Ssafe = np.where(S == 0, 1.0, S)
    return [c / Ssafe for c in C], valid, rejected


@np.errstate(all="ignore")
def _kernel_general(At: np.ndarray, Bt: np.ndarray, tol: float):
    m, n, N = At.shape
    sing = float(np.clip(1e-14 / tol, 1e-12, 1e-2))
    flagged = np.zeros(N, dtype=bool)
    out_g, out_x, out_y = [], [], []
    for k in range(1, min(m, n) + 1):
        Jc = np.array(list(combinations(range(n), k)))  # (PJ, k)
        PJ = len(Jc)
        notJ = np.ones((PJ, n), dtype=bool)
        notJ[np.arange(PJ)[:, None], Jc] = False
        like = np.empty((PJ, N))
        for rows in combinations(range(m), k):
            Bx = [Bt[i][Jc.T] for i in rows]  # Bx[c][t] : (PJ, N) payoff of column J_t against row I_c
            Ay = [At[i][Jc.T] for i in rows]  # Ay[t][c] : (PJ, N) payoff of row I_t against column J_c
            Dx = [[Bx[c][t] - Bx[c][0] for c in range(k)] for t in range(1, k)]
            Dy = [[Ay[t][c] - Ay[0][c] for c in range(k)] for t in range(1, k)]
            x, vx, rx = _side(Dx, like, tol, sing)
            y, vy, ry = _side(Dy, like, tol, sing)
            # best-response slacks of the actions outside the supports
            v = sum(Ay[0][c] * y[c] for c in range(k))
            rs = [v - sum(At[i][Jc[:, c]] * y[c] for c in range(k)) for i in range(m) if i not in rows]
            rs_min = _min(rs) if rs else np.full((PJ, N), np.inf)
            w = sum(Bx[c][0] * x[c] for c in range(k))
            cs = [
                np.where(notJ[:, j, None], w - sum(Bt[i][j] * x[c] for c, i in enumerate(rows)), np.inf)
                for j in range(n)
            ]
            cs_min = _min(cs)
            rejected = rx | ry | (vy & (rs_min < -tol)) | (vx & (cs_min < -tol))
            accepted = vx & vy & (rs_min > tol) & (cs_min > tol)
            flagged |= np.any(~rejected & ~accepted, axis=0)
            p, g = np.nonzero(accepted)
            if g.size:
                X = np.zeros((g.size, m))
                X[:, list(rows)] = np.stack([xc[p, g] for xc in x], axis=1)
                Y = np.zeros((g.size, n))
                Y[np.arange(g.size)[:, None], Jc[p]] = np.stack([yc[p, g] for yc in y], axis=1)
                out_g.append(g)
                out_x.append(X)
                out_y.append(Y)
    if not out_g:
        return np.zeros(0, np.int64), np.zeros((0, m)), np.zeros((0, n)), flagged
    return np.concatenate(out_g), np.concatenate(out_x), np.concatenate(out_y), flagged


def _sort_and_check(game, x, y, flagged):
    """Sort as solve() does; flag games whose order hinges on differences below 1e-9."""
    size = (x > 0).sum(axis=1) + (y > 0).sum(axis=1)
    keys = [-y[:, j] for j in range(y.shape[1] - 1, -1, -1)]
    keys += [-x[:, i] for i in range(x.shape[1] - 1, -1, -1)]
    order = np.lexsort(keys + [size, game])
    game, x, y, size = game[order], x[order], y[order], size[order]
    same = (game[1:] == game[:-1]) & (size[1:] == size[:-1])
    if same.any():
        dx = np.abs(x[1:] - x[:-1]).max(axis=1)
        dy = np.abs(y[1:] - y[:-1]).max(axis=1)
        close = same & (((dx > 0) & (dx <= 1e-9)) | ((dx == 0) & (dy <= 1e-9)))
        flagged = flagged.copy()
        flagged[game[1:][close]] = True
    return game, x, y, flagged
