"""Where in parameter space each equilibrium exists: symbolic regions.

This module is the symbolic side of the toolkit (see the GUIDE's flow chart):
it works on :class:`~alliancegames.model.NormalFormModel` objects with sympy and
never calls the numeric solver (tests compare the two).

Conditions
----------
A *condition* is a sympy Boolean: a conjunction of relations (``<``, ``<=``,
``=``, ``!=``) between expressions in the parameters.  Conditions are
simplified under a *context*: the sympy assumptions of the parameter symbols
(their domains), the domain constraints that symbols cannot carry (``p <= 1``
for probabilities, :meth:`~alliancegames.model.Parameter.constraints`), and any
extra relations the caller passes as ``assumptions=[...]`` (for instance the
ordering ``u_win > u_sq > u_war`` written as ``[u_win > u_sq, u_sq > u_war]``).
Relations are decided with sympy's ``ask`` (whose linear real arithmetic
handles orderings between parameters); relations ``ask`` cannot decide are kept.
A relation is put in a readable normal form: denominators and factors of known
sign are cleared, and, where the relation is linear in one parameter with a
coefficient of known sign, it is solved for that parameter (probabilities
first), e.g. ``p < (u_win - u_sq)/(u_win - u_war)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import sympy as sp

from .model import ModelError, Parameter

__all__ = ["simplify_conditions", "decide", "context_of"]

_RELS = (sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan, sp.Equality, sp.Unequality)


# ----------------------------------------------------------------- assumptions
def _rebind(expr: Any, symbols: Mapping[str, sp.Symbol]) -> Any:
    """Replace symbols by the declared parameter symbols of the same name."""
    expr = sp.sympify(expr, strict=True) if not isinstance(expr, sp.Basic) else expr
    sub = {s: symbols[s.name] for s in expr.free_symbols if s.name in symbols and s != symbols[s.name]}
    return expr.xreplace(sub) if sub else expr


def context_of(parameters: Iterable[Parameter], assumptions: Iterable[Any] = ()) -> tuple[sp.Basic, ...]:
    """The relations conditions are simplified under.

    Parameters
    ----------
    parameters : iterable of Parameter
        Their domain constraints (``p <= 1`` for a probability) are included;
        the sign assumptions live on the symbols themselves.
    assumptions : iterable of sympy relations
        Extra relations between parameters, e.g. ``[u_win > u_sq]``.  Symbols
        are matched to parameters by name.

    Raises
    ------
    ModelError
        If an assumption is not a sympy relation (strings are refused: they
        would have to be parsed) or is false/contradictory on its own.

    Examples
    --------
    >>> from alliancegames.model import parameter
    >>> p = parameter("p", "probability of resistance", "probability")
    >>> w, s = parameter("u_win"), parameter("u_sq")
    >>> context_of([p, w, s], [w.symbol > s.symbol])
    (p <= 1, u_win > u_sq)
    """
    params = list(parameters)
    symbols = {p.name: p.symbol for p in params}
    out: list[sp.Basic] = [c for p in params for c in p.constraints()]
    for a in assumptions:
        if isinstance(a, str):
            raise ModelError(f"assumption {a!r} is a string; pass a sympy relation such as x > y")
        if a is sp.true or a is True:
            continue
        if not isinstance(a, sp.Basic) or not (isinstance(a, _RELS) or isinstance(a, sp.And)):
            raise ModelError(f"assumption {a!r} is not a sympy relation (x > y, Eq(x, y), ...)")
        a = _rebind(a, symbols)
        if a is sp.false:
            raise ModelError("an assumption is false under the parameters' domains")
        out.extend(a.args if isinstance(a, sp.And) else [a])
    return tuple(out)


def _is_linear(e: Any) -> bool:
    """Whether ``e`` is a polynomial of total degree <= 1 in its symbols (rational coefficients)."""
    e = sp.sympify(e)
    syms = e.free_symbols
    if not syms:
        return bool(e.is_Rational)
    try:
        poly = sp.Poly(e, *syms)
    except sp.PolynomialError:
        return False
    return poly.total_degree() <= 1 and all(c.is_Rational for c in poly.coeffs())


def _linear_relation(r: Any) -> bool:
    return isinstance(r, _RELS) and _is_linear(r.lhs - r.rhs)


def _ask(prop: Any, ctx: tuple[sp.Basic, ...]) -> bool | None:
    """Decide a linear proposition under the linear part of the context (sympy's LRA solver).

    Non-linear propositions are not asked (``None``): sympy's general ``ask``
    can take seconds on them and rarely decides.
    """
    if isinstance(prop, _RELS):
        if not _linear_relation(prop):
            return None
    elif not all(_is_linear(a) for a in prop.arguments):
        return None
    lin = tuple(r for r in ctx if _linear_relation(r))
    return _ask_cached(prop, lin)


@lru_cache(maxsize=20000)
def _ask_cached(prop: Any, ctx: tuple[sp.Basic, ...]) -> bool | None:
    from sympy.assumptions.lra_satask import lra_satask

    try:
        return lra_satask(prop, sp.And(*ctx) if ctx else True)
    except Exception:  # noqa: BLE001 - unhandled input or inconsistent assumptions: undecided
        return None


@lru_cache(maxsize=20000)
def _factor_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
    """Possible signs (-1, 0, 1) of an expression under the context."""
    if f.is_number:
        if f.is_zero:
            return frozenset({0})
        if f.is_positive:
            return frozenset({1})
        if f.is_negative:
            return frozenset({-1})
    if f.is_positive:
        return frozenset({1})
    if f.is_negative:
        return frozenset({-1})
    if f.is_zero:
        return frozenset({0})
    possible = {-1, 0, 1}
    if f.is_nonnegative:
        possible.discard(-1)
    elif f.is_nonpositive:
        possible.discard(1)
    if f.is_nonzero:
        possible.discard(0)
    if len(possible) > 1 and ctx:
        for q, drop in (
            (sp.Q.positive, {-1, 0}),
            (sp.Q.negative, {1, 0}),
            (sp.Q.nonnegative, {-1}),
            (sp.Q.nonpositive, {1}),
            (sp.Q.nonzero, {0}),
        ):
            if len(possible) == 1:
                break
            if not (drop & possible):
                continue
            if _ask(q(f), ctx) is True:
                possible -= drop
    return frozenset(possible)


def _signs(e: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
    """Possible signs of ``e``, combining the signs of its factors."""
    e = sp.factor_terms(sp.together(e))
    num, den = sp.fraction(e)
    result = frozenset({1})
    for part, power_sign in ((num, 1), (den, 1)):
        c, factors = sp.factor_list(part) if part.free_symbols else (part, [])
        s = _factor_signs(sp.sympify(c), ctx)
        result = _mul_signs(result, s)
        for f, k in factors:
            fs = _factor_signs(f, ctx)
            if k % 2 == 0:
                fs = frozenset(abs(v) for v in fs)
            result = _mul_signs(result, fs)
        del power_sign
    return result


def _mul_signs(a: frozenset[int], b: frozenset[int]) -> frozenset[int]:
    return frozenset(x * y for x in a for y in b)


_OK = {
    sp.StrictGreaterThan: {1},
    sp.GreaterThan: {0, 1},
    sp.StrictLessThan: {-1},
    sp.LessThan: {-1, 0},
    sp.Equality: {0},
    sp.Unequality: {-1, 1},
}


def decide(rel: Any, ctx: Sequence[sp.Basic] = ()) -> bool | None:
    """Whether a relation is always true (True), never true (False) or either (None).

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y", real=True)
    >>> decide(x**2 + 1 > 0), decide(x > y, [x < y]), decide(x > y)
    (True, False, None)
    """
    ctx = tuple(ctx)
    if rel is sp.true or rel is True:
        return True
    if rel is sp.false or rel is False:
        return False
    e = rel.lhs - rel.rhs
    ok = _OK[type(rel)]
    signs = _signs(e, ctx)
    if signs <= ok:
        return True
    if not (signs & ok):
        return False
    return _ask(rel, ctx)


# --------------------------------------------------------------- normal form
def _flip(rel_type: type) -> type:
    return {
        sp.StrictGreaterThan: sp.StrictLessThan,
        sp.GreaterThan: sp.LessThan,
        sp.StrictLessThan: sp.StrictGreaterThan,
        sp.LessThan: sp.GreaterThan,
        sp.Equality: sp.Equality,
        sp.Unequality: sp.Unequality,
    }[rel_type]


def _tidy(e: sp.Expr, ctx: tuple[sp.Basic, ...] = ()) -> sp.Expr:
    """Factor a ratio; write it with a denominator of known positive sign if possible."""
    e = sp.factor(sp.cancel(e))
    num, den = sp.fraction(e)
    if den.free_symbols and (
        _signs(den, ctx) == {-1} or (num.could_extract_minus_sign() and den.could_extract_minus_sign())
    ):
        e = sp.Mul(sp.expand(-num), sp.Pow(sp.expand(-den), -1), evaluate=False)
    return e


def _split(rel_type: type, e: sp.Expr) -> sp.Basic:
    """``e rel 0`` written as ``positive terms rel negative terms``."""
    e = sp.expand(e)
    terms = sp.Add.make_args(e)
    pos = [t for t in terms if not t.could_extract_minus_sign()]
    neg = [-t for t in terms if t.could_extract_minus_sign()]
    lhs, rhs = sp.Add(*pos), sp.Add(*neg)
    if not pos:
        lhs, rhs, rel_type = rhs, sp.S.Zero, _flip(rel_type)
    return rel_type(lhs, rhs)


def normalize(rel: Any, ctx: Sequence[sp.Basic] = (), prefer: Sequence[sp.Symbol] = ()) -> sp.Basic:
    """A relation in readable normal form, or ``sympy.true``/``sympy.false``.

    Examples
    --------
    >>> import sympy as sp
    >>> p = sp.Symbol("p", nonnegative=True)
    >>> w, s, r = sp.symbols("u_win u_sq u_war", real=True)
    >>> normalize(p * r + (1 - p) * w > s, [w > s, s > r], prefer=[p])
    p < (-u_sq + u_win)/(-u_war + u_win)
    """
    ctx = tuple(ctx)
    verdict = decide(rel, ctx)
    if verdict is not None:
        return sp.true if verdict else sp.false
    rel_type = type(rel)
    e = sp.together(rel.lhs - rel.rhs)
    num, den = sp.fraction(e)
    ds = _signs(den, ctx)
    if ds == {1}:
        pass
    elif ds == {-1}:
        num, rel_type = -num, _flip(rel_type)
    elif rel_type in (sp.Equality, sp.Unequality) and 0 not in ds:
        pass
    else:
        return rel_type(sp.factor(e), 0)
    # drop constant/known-sign factors
    if num.free_symbols:
        c, factors = sp.factor_list(num)
    else:
        c, factors = num, []
    kept = []
    sign = 1 if c > 0 else -1
    for f, k in factors:
        fs = _factor_signs(f, ctx)
        if fs == {1} or (fs == {-1}):
            if fs == {-1} and k % 2 == 1:
                sign = -sign
            continue
        kept.append(f**k)
    if sign < 0:
        rel_type = _flip(rel_type)
    core = sp.Mul(*kept)
    if len(kept) == 1 and not kept[0].is_Pow:
        candidates = list(prefer) + sorted(core.free_symbols - set(prefer), key=lambda s: s.name)
        for s in candidates:
            if s not in core.free_symbols:
                continue
            poly = sp.Poly(sp.expand(core), s)
            if poly.degree() != 1:
                continue
            a, b = poly.all_coeffs()
            asg = _signs(a, ctx)
            if asg == {1}:
                return rel_type(s, _tidy(-b / a, ctx))
            if asg == {-1}:
                return _flip(rel_type)(s, _tidy(-b / a, ctx))
    return _split(rel_type, sp.expand(core))


def _atoms(cond: Any) -> list[sp.Basic]:
    if cond is sp.true or cond is True:
        return []
    if isinstance(cond, sp.And):
        return list(cond.args)
    return [cond]


def simplify_conditions(
    relations: Iterable[Any], ctx: Sequence[sp.Basic] = (), prefer: Sequence[sp.Symbol] = ()
) -> sp.Basic:
    """A conjunction of relations, simplified under ``ctx`` (redundant ones dropped).

    Returns ``sympy.false`` when the relations cannot hold together.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y", positive=True)
    >>> simplify_conditions([x > y, x > 0, 2 * x > 2 * y])
    x > y
    >>> simplify_conditions([x > y, y > x])
    False
    """
    ctx = tuple(ctx)
    rels: list[sp.Basic] = []
    for r in relations:
        for a in _atoms(r):
            n = normalize(a, ctx, prefer)
            if n is sp.false:
                return sp.false
            if n is sp.true:
                continue
            if n not in rels:
                rels.append(n)
    # merge x >= a and x <= a into x = a
    merged: list[sp.Basic] = []
    for r in rels:
        if isinstance(r, sp.GreaterThan) and sp.LessThan(r.lhs, r.rhs) in rels:
            eq = sp.Eq(r.lhs, r.rhs)
            if eq not in merged:
                merged.append(eq)
            continue
        if isinstance(r, sp.LessThan) and sp.GreaterThan(r.lhs, r.rhs) in rels:
            continue
        merged.append(r)
    rels = merged
    # substitute equalities solved for a symbol into the other relations
    changed = True
    rounds = 0
    while changed and rounds < 20:
        rounds += 1
        changed = False
        for r in rels:
            if (
                isinstance(r, sp.Equality)
                and isinstance(r.lhs, sp.Symbol)
                and r.lhs not in r.rhs.free_symbols
            ):
                others = []
                for o in rels:
                    if o is r:
                        continue
                    if r.lhs in o.free_symbols:
                        n = normalize(o.xreplace({r.lhs: r.rhs}), ctx, prefer)
                        changed = True
                    else:
                        n = o
                    if n is sp.false:
                        return sp.false
                    if n is not sp.true and n not in others:
                        others.append(n)
                if changed:
                    rels = [r] + others
                    break
    # drop relations implied by the others; detect contradictions
    kept = list(rels)
    for r in list(kept):
        others = tuple(o for o in kept if o is not r)
        verdict = decide(r, ctx + others) if len(kept) > 1 else None
        if verdict is True:
            kept.remove(r)
        elif verdict is False:
            return sp.false
    return sp.And(*kept) if kept else sp.true
