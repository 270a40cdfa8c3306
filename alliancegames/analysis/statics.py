"""Comparative statics of equilibrium quantities: derivatives and their signs.

Signs are decided by the kernel of :mod:`alliancegames.analysis.conditions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from alliancegames.analysis.conditions import atoms, context_of, signs
from alliancegames.analysis.regions import Piece
from alliancegames.core.model import ModelError, Parameter

__all__ = ["Static", "comparative_statics"]


_SENTENCE = {
    "positive": "raising {p} raises {q}",
    "negative": "raising {p} lowers {q}",
    "zero": "raising {p} does not change {q}",
    "nonnegative": "raising {p} raises {q} or leaves it unchanged",
    "nonpositive": "raising {p} lowers {q} or leaves it unchanged",
    "undetermined": "the effect of raising {p} on {q} depends on the other parameters",
}


@dataclass(frozen=True)
class Static:
    """The derivative of an equilibrium quantity with respect to a parameter, and its sign.

    ``sign`` is ``"positive"``, ``"negative"``, ``"zero"``, ``"nonnegative"``,
    ``"nonpositive"`` (weak signs, when the derivative may vanish) or
    ``"undetermined"`` (sympy cannot decide under the assumptions).
    """

    quantity: sp.Expr
    name: str
    parameter: sp.Symbol
    derivative: sp.Expr
    sign: str
    assumptions: tuple[sp.Basic, ...] = ()

    @property
    def sentence(self) -> str:
        """E.g. ``"raising c_E lowers P(Firm)"``."""
        return _SENTENCE[self.sign].format(p=self.parameter, q=self.name)

    def __str__(self) -> str:
        return f"d {self.name} / d {self.parameter} = {self.derivative} ({self.sign}): {self.sentence}"

    def _repr_latex_(self) -> str:
        return (
            rf"$\frac{{\partial}}{{\partial {sp.latex(self.parameter)}}}\,\mathrm{{{self.name}}} = "
            rf"{sp.latex(self.derivative)}$ ({self.sign})"
        )


def _quantity(piece: Piece, of: Any, model_actions) -> tuple[sp.Expr, str]:
    if not (isinstance(of, tuple) and len(of) == 2):
        raise ModelError(
            'of must be ("payoff", player) or (player, action), e.g. ("Ally 1", "Firm") or ("payoff", 0)'
        )
    kind, what = of
    if kind == "payoff":
        k = what if isinstance(what, int) else None
        if k is None:
            raise ModelError("give the payoff's player as 0 (row) or 1 (column)")
        return piece.payoffs[k], f"payoff {k}"
    k = kind if isinstance(kind, int) else None
    if k is None:
        raise ModelError("give the player as 0 (row) or 1 (column)")
    if what not in model_actions[k]:
        raise ModelError(f"player {k} has no action {what!r}; actions are {model_actions[k]}")
    return piece.strategies[k][model_actions[k].index(what)], f"P({what})"


def comparative_statics(
    target: Piece | sp.Expr,
    parameter: str | sp.Symbol,
    *,
    of: tuple[Any, Any] | None = None,
    assumptions: Iterable[Any] = (),
    parameters: Sequence[Parameter] = (),
    name: str | None = None,
) -> Static:
    """Derivative of an equilibrium quantity and its sign under the assumptions.

    Parameters
    ----------
    target : Piece or sympy expression
        A piece of :func:`~alliancegames.analysis.regions.equilibrium_regions` (then ``of`` picks the
        quantity and the piece's conditions join the assumptions) or any
        expression in the parameters.
    parameter : str or Symbol
        The parameter to vary.
    of : tuple, optional
        For a piece: ``(player index, action label)`` for a probability or
        ``("payoff", player index)``.
    assumptions : iterable of sympy relations
        Extra relations between parameters.
    parameters : sequence of Parameter
        Their domain constraints join the assumptions (taken from the piece
        when ``target`` is a piece).
    name : str, optional
        Name of the quantity in the sentence.

    Examples
    --------
    Stag hunt with stag payoff ``s`` and hare payoff ``h`` (``s > h > 0``):
    the mixed equilibrium plays Stag with probability ``h/s``.

    >>> from alliancegames.analysis.regions import equilibrium_regions
    >>> from alliancegames.core.model import normal_form, parameter
    >>> s, h = parameter("s", "value of the stag", "positive"), parameter("h", "value of a hare", "positive")
    >>> g = normal_form("stag hunt", ("A", "B"), (("Stag", "Hare"),) * 2, [s, h],
    ...     [[("s", "s"), (0, "h")], [("h", 0), ("h", "h")]])
    >>> reg = equilibrium_regions(g, assumptions=[s.symbol > h.symbol])
    >>> mixed = reg.by_label("mixed (Stag,Hare / Stag,Hare)")[0]
    >>> st = comparative_statics(mixed, "s", of=(0, "Stag"))
    >>> st.derivative, st.sign, st.sentence
    (-h/s**2, 'negative', 'raising s lowers P(Stag)')
    """
    if isinstance(target, Piece):
        if of is None:
            raise ModelError('comparative_statics of a piece needs of=(player, action) or ("payoff", player)')
        params = tuple(target.parameters)
        expr, qname = _quantity(target, of, target.actions)
        extra = list(atoms(target.conditions))
    else:
        expr = sp.sympify(target, strict=True)
        params = tuple(parameters)
        qname = str(expr)
        extra = []
    syms = {p.name: p.symbol for p in params}
    syms.update({s.name: s for s in expr.free_symbols if s.name not in syms})
    if isinstance(parameter, sp.Symbol):
        parameter = parameter.name
    if parameter not in syms:
        raise ModelError(f"unknown parameter {parameter!r}; the quantity depends on {sorted(syms)}")
    sym = syms[parameter]
    ctx = context_of(params, list(assumptions)) + tuple(extra)
    d = sp.factor(sp.cancel(sp.diff(expr, sym)))
    if d == 0:
        sign = "zero"
    else:
        possible = signs(d, ctx)
        sign = {
            frozenset({1}): "positive",
            frozenset({-1}): "negative",
            frozenset({0}): "zero",
            frozenset({0, 1}): "nonnegative",
            frozenset({0, -1}): "nonpositive",
        }.get(possible, "undetermined")
    return Static(expr, name or qname, sym, d, sign, ctx)


