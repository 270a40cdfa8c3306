"""Regret, best responses and the Nash test, shared by solvers, tests and notebooks.

Conventions: ``A`` and ``B`` are the row and column players' ``m x n`` payoff
matrices; ``x`` (length ``m``) and ``y`` (length ``n``) are mixed strategies.
Every function works on floats and, unchanged, on exact ``Fraction`` arrays
(``dtype=object``).
"""

from __future__ import annotations

import numpy as np

__all__ = ["best_responses", "regrets", "max_regret", "is_nash"]


def _as_arrays(A, B, x, y):
    A = np.asarray(A)
    B = np.asarray(B)
    x = np.asarray(x)
    y = np.asarray(y)
    if A.ndim != 2 or A.shape != B.shape:
        raise ValueError(f"A and B must be matrices of the same shape, got {A.shape} and {B.shape}")
    if x.shape != (A.shape[0],) or y.shape != (A.shape[1],):
        raise ValueError(
            f"strategies of lengths {x.shape} and {y.shape} do not fit a {A.shape} game"
        )
    return A, B, x, y


def regrets(A, B, x, y) -> tuple[object, object]:
    """Each player's regret: best pure-response payoff minus the payoff received.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1, -1], [-1, 1]]); B = -A
    >>> regrets(A, B, [0.5, 0.5], [0.5, 0.5])
    (0.0, 0.0)
    >>> regrets(A, B, [1, 0], [1, 0])
    (0, 2)
    """
    A, B, x, y = _as_arrays(A, B, x, y)
    row = A @ y
    col = x @ B
    return (_scalar(row.max() - x @ row), _scalar(col.max() - col @ y))


def _scalar(v):
    return v.item() if isinstance(v, np.generic) else v


def max_regret(A, B, x, y) -> float:
    """The larger of the two players' regrets (0 at an exact Nash equilibrium)."""
    r1, r2 = regrets(A, B, x, y)
    return float(max(r1, r2))


def best_responses(A, B, x, y, tol: float = 0.0) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Indices of each player's pure best responses to the other's strategy (within ``tol``)."""
    A, B, x, y = _as_arrays(A, B, x, y)
    row = A @ y
    col = x @ B
    return (
        tuple(int(i) for i in np.flatnonzero(row >= row.max() - tol)),
        tuple(int(j) for j in np.flatnonzero(col >= col.max() - tol)),
    )


def is_nash(A, B, x, y, tol: float = 1e-9) -> bool:
    """Whether ``(x, y)`` are probability vectors with regret at most ``tol``.

    The tolerance is relative to the payoff scale ``max(1, max |payoff|)``.

    Examples
    --------
    >>> is_nash([[3, 0], [5, 1]], [[3, 5], [0, 1]], [0, 1], [0, 1])
    True
    """
    A, B, x, y = _as_arrays(A, B, x, y)
    scale = max(1.0, float(np.max(np.abs(A.astype(float)))), float(np.max(np.abs(B.astype(float)))))
    for s in (x, y):
        sf = s.astype(float)
        if np.any(sf < -tol) or abs(sf.sum() - 1) > tol:
            return False
    return max_regret(A, B, x, y) <= tol * scale
