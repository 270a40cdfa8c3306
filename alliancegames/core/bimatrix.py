"""The numeric two-player game that solvers work on.

``A[i, j]`` and ``B[i, j]`` are the row and column players' payoffs when the row
player plays action ``i`` and the column player action ``j``.  Arrays are
read-only; ``dtype=object`` arrays hold exact ``Fraction`` payoffs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.core.exact import InputError, to_exact
from alliancegames.core.exact import to_fraction as _to_fraction

__all__ = ["Bimatrix", "GameError", "exact_payoff", "to_fraction"]


class GameError(InputError):
    """A numeric game is malformed (shape, non-numeric or non-finite payoffs, labels)."""


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
    """An exact rational for a payoff, by the package's exactness policy (raises :class:`GameError`).

    The one conversion is :func:`alliancegames.core.exact.to_fraction`: ints and
    fractions as they are, floats by their decimal text (``0.1`` is ``1/10``).

    Examples
    --------
    >>> to_fraction(0.1), to_fraction(3), to_fraction(Fraction(1, 3))
    (Fraction(1, 10), Fraction(3, 1), Fraction(1, 3))
    """
    return _to_fraction(v, "payoff", GameError)


def exact_payoff(v: Any, what: str = "payoff") -> Fraction | sp.Expr:
    """A payoff as an exact number: a ``Fraction``, or a real sympy number if it is irrational.

    Examples
    --------
    >>> exact_payoff(0.25), exact_payoff(sp.sqrt(2))
    (Fraction(1, 4), sqrt(2))
    """
    if isinstance(v, Fraction):
        return v
    e = to_exact(v, what, GameError)
    return Fraction(int(e.p), int(e.q)) if e.is_Rational else e


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

    @property
    def is_rational(self) -> bool:
        """Whether every payoff is rational (floats count: they mean their decimal text)."""
        if not self.is_exact:
            return True
        return all(not isinstance(v, sp.Basic) or v.is_Rational for v in (*self.A.flat, *self.B.flat))

    def exact(self) -> Bimatrix:
        """The same game with exact payoffs: ``Fraction`` (floats by their decimal text), or
        real sympy numbers where payoffs are irrational."""
        conv = np.vectorize(exact_payoff, otypes=[object])
        return Bimatrix(_ro(conv(self.A)), _ro(conv(self.B)), self.players, self.actions, self.name)

    def floats(self) -> tuple[np.ndarray, np.ndarray]:
        """``(A, B)`` as float arrays; :class:`GameError` if a payoff is beyond the float range."""
        out = []
        for M in (self.A, self.B):
            if M.dtype != object:
                out.append(M)
                continue
            try:
                with np.errstate(over="raise"):
                    F = np.array([float(v) for v in M.flat], dtype=float).reshape(M.shape)
            except (OverflowError, FloatingPointError):
                F = None
            if F is None or not np.all(np.isfinite(F)):
                raise GameError(
                    "a payoff's magnitude exceeds the float range (about 1.8e308); "
                    "use the exact results (exact=True) or rescale the payoffs"
                )
            out.append(F)
        return out[0], out[1]


def _ro(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _matrix(M: Any, what: str) -> np.ndarray:
    """Validate a payoff table: float arrays stay float, everything else is exact element by element.

    A numpy float64 array is kept as floats (each float means its decimal text
    when solved exactly); integer arrays, lists and object arrays are converted
    entry by entry to ``Fraction`` (or a real sympy number), so one float in a
    list never turns its neighbours into floats.  Boolean, complex, string and
    other arrays are refused with the same message as the same lists.
    """
    if isinstance(M, np.ndarray) and M.dtype != object:
        if M.dtype.kind == "f" and M.dtype.itemsize == 8:
            arr = np.array(M, dtype=float)
        elif M.ndim == 2:  # ints exactly; float32 etc. at their precision; others refused entry-wise
            arr = _exact_table(list(M.flat), M.shape, what)
        else:
            raise GameError(f"payoff matrix {what} must be a non-empty 2-D table, got shape {M.shape}")
    else:
        rows = M.tolist() if hasattr(M, "tolist") else M
        if not isinstance(rows, (list, tuple)) or not all(isinstance(r, (list, tuple, np.ndarray)) for r in rows):
            raise GameError(f"payoff matrix {what} must be a non-empty 2-D table (a list of rows)")
        rows = [r.tolist() if isinstance(r, np.ndarray) else list(r) for r in rows]
        if rows and len({len(r) for r in rows}) > 1:
            raise GameError(f"payoff matrix {what} is ragged: row lengths {[len(r) for r in rows]}")
        shape = (len(rows), len(rows[0]) if rows else 0)
        flat = [v for r in rows for v in r]
        if flat and all(type(v) is float for v in flat):
            arr = np.array(flat, dtype=float).reshape(shape)
        else:
            arr = _exact_table(flat, shape, what)
    if arr.ndim != 2 or 0 in arr.shape:
        raise GameError(f"payoff matrix {what} must be a non-empty 2-D table, got shape {arr.shape}")
    if arr.dtype != object and not np.all(np.isfinite(arr)):
        raise GameError(f"payoff matrix {what} has NaN or infinite entries")
    return _ro(arr)


def _exact_table(flat: list, shape: tuple, what: str) -> np.ndarray:
    if len(shape) != 2:
        raise GameError(f"payoff matrix {what} must be a non-empty 2-D table, got shape {shape}")
    n = shape[1]
    out = np.empty(len(flat), dtype=object)
    for k, v in enumerate(flat):
        if isinstance(v, (list, tuple, np.ndarray)):
            raise GameError(f"payoff matrix {what} must be a 2-D table of numbers; entry [{k // max(n, 1)}, {k % max(n, 1)}] is a sequence")
        out[k] = exact_payoff(v, f"payoff {what}[{k // n}, {k % n}]")
    return out.reshape(shape)
