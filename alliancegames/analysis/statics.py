"""Comparative statics of equilibrium quantities: derivatives and their signs.

Signs are decided by the kernel of :mod:`alliancegames.analysis.conditions`, which
never raises: a sign is either proved (with the factors that prove it), given per
region where it differs across regions, or reported "undetermined" with the
derivative.  An integer parameter (a number of states ``N``) is varied by one:
the sign is that of ``f(N+1) - f(N)`` over the integers where both are defined.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from alliancegames.analysis.conditions import (
    atoms,
    context_of,
    format_conditions,
    latex_conditions,
    signs,
    solve_conditions,
)
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
    "by region": "the effect of raising {p} on {q} differs across regions",
}
_NAMES = {
    frozenset({1}): "positive",
    frozenset({-1}): "negative",
    frozenset({0}): "zero",
    frozenset({0, 1}): "nonnegative",
    frozenset({0, -1}): "nonpositive",
}
_REL_TEXT = {1: "> 0", -1: "< 0", 0: "= 0"}


@dataclass(frozen=True)
class Static:
    """The derivative of an equilibrium quantity with respect to a parameter, and its sign.

    ``sign`` is ``"positive"``, ``"negative"``, ``"zero"``, ``"nonnegative"``,
    ``"nonpositive"`` (weak signs, when the derivative may vanish),
    ``"by region"`` (decided in each region of ``regions``, with different signs)
    or ``"undetermined"``.  ``reason`` says which factors fix the sign under
    which assumptions; ``regions`` lists ``(name, conditions, sign)`` where the
    sign differs across regions (the cases of a piece, or the sign cases of
    the derivative's factors).  For an integer parameter ``derivative`` is the
    difference ``f(N+1) - f(N)`` (``difference`` is True).
    """

    quantity: sp.Expr
    name: str
    parameter: sp.Symbol
    derivative: sp.Expr
    sign: str
    assumptions: tuple[sp.Basic, ...] = ()
    reason: str = ""
    regions: tuple[tuple[str, sp.Basic, str], ...] = ()
    difference: bool = False

    @property
    def sentence(self) -> str:
        """E.g. ``"raising c_E lowers P(Firm)"``."""
        p = f"{self.parameter} by one" if self.difference else self.parameter
        out = _SENTENCE[self.sign].format(p=p, q=self.name)
        if self.regions and self.sign in ("by region", "undetermined"):
            out += ": " + "; ".join(
                f"{sg} where {name or format_conditions(c)}" for name, c, sg in self.regions
            )
        return out

    def __str__(self) -> str:
        op = "Δ" if self.difference else "d"
        out = f"{op} {self.name} / {op} {self.parameter} = {self.derivative} ({self.sign}): {self.sentence}"
        return out + (f" [{self.reason}]" if self.reason else "")

    def to_latex(self) -> str:
        """The derivative, its sign and, per region, the conditions (aligned lines)."""
        if self.difference:
            head = rf"\Delta_{{{sp.latex(self.parameter)}}}\,\mathrm{{{self.name}}}"
        else:
            head = rf"\frac{{\partial}}{{\partial {sp.latex(self.parameter)}}}\,\mathrm{{{self.name}}}"
        out = rf"${head} = {sp.latex(self.derivative)}$ ({self.sign})"
        if self.regions:
            rows = [rf"\text{{{sg}}} & \text{{if }} {latex_conditions(c)}" for _, c, sg in self.regions]
            out += r" $\begin{aligned}" + r"\\ ".join(rows) + r"\end{aligned}$"
        return out

    def _repr_latex_(self) -> str:
        return self.to_latex()


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
    in_region: bool = True,
) -> Static:
    """Derivative of an equilibrium quantity and its sign under the assumptions.

    Never raises on a quantity sympy can differentiate: the sign is decided
    (``reason`` names the factors and their signs), decided per region
    (``sign == "by region"``, see ``regions``) or ``"undetermined"`` with the
    derivative.

    Parameters
    ----------
    target : Piece or sympy expression
        A piece of :func:`~alliancegames.analysis.regions.equilibrium_regions`
        (then ``of`` picks the quantity and, with ``in_region``, the piece's
        conditions join the assumptions: the statics are taken inside the
        piece's own region, case by case) or any expression in the parameters.
    parameter : str or Symbol
        The parameter to vary.  An integer parameter is varied by one.
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
    in_region : bool
        For a piece: take the statics inside its region (default).

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

    An integer parameter is varied by one:

    >>> import sympy as sp
    >>> n = sp.Symbol("n", integer=True, positive=True)
    >>> comparative_statics(1 - sp.Rational(1, 2) ** n, n).sign
    'positive'
    """
    cases: tuple[tuple[str, sp.Basic], ...] = ()
    if isinstance(target, Piece):
        if of is None:
            raise ModelError('comparative_statics of a piece needs of=(player, action) or ("payoff", player)')
        params = tuple(target.parameters)
        expr, qname = _quantity(target, of, target.actions)
        if in_region:
            cases = target.cases or (("", target.conditions),)
    else:
        if isinstance(target, str):
            raise ModelError("pass a sympy expression, not a string (strings would have to be parsed)")
        try:
            expr = sp.sympify(target, strict=True)
        except (sp.SympifyError, TypeError) as exc:
            raise ModelError(f"cannot take statics of {target!r}: {exc}") from None
        params = tuple(parameters)
        qname = str(expr)
    syms = {p.name: p.symbol for p in params}
    syms.update({s.name: s for s in expr.free_symbols if s.name not in syms})
    if isinstance(parameter, sp.Symbol):
        parameter = parameter.name
    if parameter not in syms:
        raise ModelError(f"unknown parameter {parameter!r}; the quantity depends on {sorted(syms)}")
    sym = syms[parameter]
    ctx = context_of(params, list(assumptions))
    difference = bool(sym.is_integer)
    if difference:
        lb = _defined_from(expr, sym, ctx)
        if lb is not None:
            ctx = ctx + (sp.GreaterThan(sym, lb),)
        d = expr.xreplace({sym: sym + 1}) - expr
    else:
        d = sp.diff(expr, sym)
    d = _tidy_derivative(d)
    qname = name or qname
    if d == 0:
        return Static(expr, qname, sym, d, "zero", ctx, "identically zero", (), difference)
    if len(cases) > 1:
        # the caller's assumptions may rule some cases out: keep the cases that can still hold
        cases = (
            tuple((n, c) for n, c in cases if solve_conditions(atoms(c), ctx, split=False).cases) or cases[:1]
        )
    if len(cases) > 1:
        per = []
        for case_name, case in cases:
            sg, why = _sign(d, ctx + tuple(atoms(case)))
            per.append((case_name, case, sg, why))
        distinct = {sg for _, _, sg, _ in per}
        if len(distinct) == 1:
            sg = distinct.pop()
            why = "; ".join(f"{n or format_conditions(c)}: {w}" for n, c, _, w in per)
            return Static(expr, qname, sym, d, sg, ctx, why, (), difference)
        regions = tuple((n, c, sg) for n, c, sg, _ in per)
        sign = "undetermined" if "undetermined" in distinct else "by region"
        why = "; ".join(f"{n or format_conditions(c)}: {w}" for n, c, _, w in per)
        return Static(expr, qname, sym, d, sign, ctx, why, regions, difference)
    if cases:
        ctx = ctx + tuple(atoms(cases[0][1]))
    sign, why = _sign(d, ctx)
    regions: tuple[tuple[str, sp.Basic, str], ...] = ()
    if sign == "undetermined":
        regions = _sign_regions(d, ctx)
    return Static(expr, qname, sym, d, sign, ctx, why, regions, difference)


def _tidy_derivative(d: sp.Expr) -> sp.Expr:
    if any(not (p.exp.is_Integer) for p in d.atoms(sp.Pow)) or d.has(sp.exp, sp.log):
        # factoring splits (k/u)**a into k**a*u**(-a), which hides the comparison of powers
        return d
    try:
        return sp.factor(sp.cancel(d))
    except Exception:  # noqa: BLE001 - sympy raises many kinds on non-polynomial input; keep d as is
        try:
            return sp.factor_terms(sp.together(d))
        except Exception:  # noqa: BLE001
            return d


def _defined_from(expr: sp.Expr, n: sp.Symbol, ctx: tuple[sp.Basic, ...]) -> int | None:
    """The least integer ``k`` (from the domain's) with ``f(k)`` and ``f(k+1)`` defined (None: no bound)."""
    start = 1 if n.is_positive else (0 if n.is_nonnegative else None)
    if start is None:
        return None
    for k in range(start, start + 10):
        vals = [expr.xreplace({n: sp.Integer(j)}) for j in (k, k + 1)]
        if not any(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in vals):
            return k if k > start else None
    return None


def _sign(d: sp.Expr, ctx: tuple[sp.Basic, ...]) -> tuple[str, str]:
    """The sign of ``d`` under ``ctx`` and the reason (the signs of its factors)."""
    try:
        possible = signs(d, ctx)
    except Exception as exc:  # noqa: BLE001 - the kernel is meant not to raise; if it does, say so
        return "undetermined", f"the sign proof failed ({type(exc).__name__})"
    sign = _NAMES.get(possible, "undetermined")
    try:
        num, den = sp.fraction(sp.factor_terms(sp.together(d)))
        parts = []
        for part in (num, den):
            for f in sp.Mul.make_args(part):
                base = f.as_base_exp()[0] if f.is_Pow and f.exp.is_Integer else f
                if base.is_number:
                    continue
                fs = signs(base, ctx)
                if part is den and len(fs) > 1:
                    fs = fs - {0}  # a denominator is not zero where the quantity is defined
                parts.append(
                    f"{base} {_REL_TEXT[next(iter(fs))]}" if len(fs) == 1 else f"{base}: sign unknown"
                )
        why = ", ".join(parts)
    except Exception:  # noqa: BLE001
        why = ""
    return sign, why


def _sign_regions(d: sp.Expr, ctx: tuple[sp.Basic, ...]) -> tuple[tuple[str, sp.Basic, str], ...]:
    """Where ``d`` is positive and where negative: the sign cases of its undecided factors."""
    try:
        pos = solve_conditions([sp.StrictGreaterThan(d, 0)], ctx).cases
        neg = solve_conditions([sp.StrictLessThan(d, 0)], ctx).cases
    except Exception:  # noqa: BLE001 - regions are extra information; none is better than a crash
        return ()
    if not pos or not neg:
        return ()
    return tuple(("", c, "positive") for c in pos) + tuple(("", c, "negative") for c in neg)
