"""The numeric two-player game that solvers work on.

``A[i, j]`` and ``B[i, j]`` are the row and column players' payoffs when the row
player plays action ``i`` and the column player action ``j``.  Arrays are
read-only; ``dtype=object`` arrays hold exact ``Fraction`` payoffs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Rational
from typing import Any

import numpy as np

__all__ = ["Bimatrix", "GameError", "to_fraction"]


class GameError(ValueError):
    """A numeric game is malformed (shape, non-finite payoffs, labels)."""


def index_of(name: str | int, options: Sequence[str], what: str, of: str = "") -> int:
    """The position of ``name`` among ``options`` (an index passes through after a range check).

    A name that is not there raises :class:`GameError` naming the valid ones.

    >>> index_of("Weak", ("Firm", "Weak"), "action")
    1
    >>> index_of("weak", ("Firm", "Weak"), "action", of="Ally 1")
    Traceback (most recent call last):
    ...
    alliancegames.core.bimatrix.GameError: unknown action 'weak' of Ally 1; valid: 'Firm', 'Weak'
    """
    if isinstance(name, str):
        try:
            return list(options).index(name)
        except ValueError:
            valid = ", ".join(repr(o) for o in options)
            owner = f" of {of}" if of else ""
            raise GameError(f"unknown {what} {name!r}{owner}; valid: {valid}") from None
    k = int(name)
    if not -len(options) <= k < len(options):
        raise GameError(f"{what} index {k} is out of range: there are {len(options)} {what}s")
    return k


def to_fraction(v: Any) -> Fraction:
    """An exact rational for a payoff: ints and fractions as they are, floats by their decimal text.

    ``0.1`` becomes ``1/10`` (what a user who typed 0.1 means), not the binary
    value of the float.

    Examples
    --------
    >>> to_fraction(0.1), to_fraction(3), to_fraction(Fraction(1, 3))
    (Fraction(1, 10), Fraction(3, 1), Fraction(1, 3))
    """
    if isinstance(v, (bool, np.bool_)):
        raise GameError(f"payoff {v!r} is a boolean, not a number")
    if isinstance(v, Fraction):
        return v
    if isinstance(v, (int, np.integer)):
        return Fraction(int(v))
    if isinstance(v, Rational):  # sympy Rational registers as numbers.Rational? be safe below
        return Fraction(int(v.numerator), int(v.denominator))
    p = getattr(v, "p", None)
    q = getattr(v, "q", None)
    if isinstance(p, int) and isinstance(q, int) and getattr(v, "is_Rational", False):
        return Fraction(p, q)
    try:
        f = float(v)
    except (TypeError, ValueError) as exc:
        raise GameError(f"payoff {v!r} is not a number") from exc
    if f != f or f in (float("inf"), float("-inf")):
        raise GameError(f"payoff {v!r} is not finite")
    return Fraction(repr(f))


def _labels(labels, n: int, prefix: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(f"{prefix}{k + 1}" for k in range(n))
    labels = tuple(str(a) for a in labels)
    if len(labels) != n:
        raise GameError(f"{len(labels)} labels given for {n} actions")
    if len(set(labels)) != n:
        raise GameError(f"duplicate action labels {labels}")
    return labels


@dataclass(frozen=True)
class Bimatrix:
    """A numeric two-player game with labelled actions.

    Examples
    --------
    >>> g = Bimatrix.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    >>> g.shape
    (2, 2)
    """

    A: np.ndarray
    B: np.ndarray
    players: tuple[str, str] = ("Row", "Column")
    actions: tuple[tuple[str, ...], tuple[str, ...]] = field(default=((), ()))
    name: str = ""

    @classmethod
    def from_arrays(
        cls,
        A: Any,
        B: Any | None = None,
        *,
        players: Sequence[str] = ("Row", "Column"),
        actions: Sequence[Sequence[str]] | None = None,
        name: str = "",
    ) -> Bimatrix:
        """Validate and wrap payoff arrays (``B = -A`` when ``B`` is omitted: zero-sum)."""
        A = _matrix(A, "A")
        B = -A if B is None else _matrix(B, "B")
        if A.shape != B.shape:
            raise GameError(f"payoff matrices differ in shape: {A.shape} and {B.shape}")
        m, n = A.shape
        acts = (None, None) if actions is None else tuple(actions)
        if len(acts) != 2:
            raise GameError("actions must give one sequence of labels per player")
        players = tuple(str(p) for p in players)
        if len(players) != 2:
            raise GameError("a bimatrix game has exactly two players")
        return cls(A, B, players, (_labels(acts[0], m, "r"), _labels(acts[1], n, "c")), name)

    def __post_init__(self) -> None:
        if not self.actions[0] and not self.actions[1]:
            m, n = np.shape(self.A)
            object.__setattr__(self, "actions", (_labels(None, m, "r"), _labels(None, n, "c")))

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self.A.shape)  # type: ignore[return-value]

    @property
    def is_exact(self) -> bool:
        return self.A.dtype == object

    def exact(self) -> Bimatrix:
        """The same game with ``Fraction`` payoffs."""
        conv = np.vectorize(to_fraction, otypes=[object])
        return Bimatrix(_ro(conv(self.A)), _ro(conv(self.B)), self.players, self.actions, self.name)


def _ro(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _matrix(M: Any, what: str) -> np.ndarray:
    if isinstance(M, np.ndarray) and M.dtype != object:
        arr = np.array(M, dtype=float)
    else:
        rows = M.tolist() if hasattr(M, "tolist") else M
        if (
            isinstance(rows, (list, tuple))
            and rows
            and all(isinstance(r, (list, tuple, np.ndarray)) for r in rows)
            and len({len(r) for r in rows}) > 1
        ):
            raise GameError(f"payoff matrix {what} is ragged: row lengths {[len(r) for r in rows]}")
        try:
            arr = np.array(rows, dtype=object)
        except ValueError as exc:
            raise GameError(f"payoff matrix {what} is ragged") from exc
        if arr.ndim == 2 and all(
            isinstance(v, (int, np.integer, Fraction)) or getattr(v, "is_Rational", False) for v in arr.flat
        ):
            arr = np.vectorize(to_fraction, otypes=[object])(arr) if arr.size else arr
        elif arr.ndim == 2:
            try:
                arr = arr.astype(float)
            except (TypeError, ValueError) as exc:
                raise GameError(f"payoff matrix {what} has non-numeric entries") from exc
    if arr.ndim != 2 or 0 in arr.shape:
        raise GameError(f"payoff matrix {what} must be a non-empty 2-D table, got shape {arr.shape}")
    if arr.dtype != object and not np.all(np.isfinite(arr)):
        raise GameError(f"payoff matrix {what} has NaN or infinite entries")
    return _ro(arr)
