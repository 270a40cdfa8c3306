"""Where in parameter space each equilibrium exists: symbolic regions.

This module is the symbolic side of the toolkit (see the GUIDE's flow chart):
it works on :class:`~alliancegames.core.model.NormalFormModel` objects with sympy and
never calls the numeric solver (tests compare the two).

Conditions
----------
A *condition* is a sympy Boolean: a conjunction of relations (``<``, ``<=``,
``=``, ``!=``) between expressions in the parameters.  Conditions are
simplified under a *context*: the sympy assumptions of the parameter symbols
(their domains), the domain constraints that symbols cannot carry (``p <= 1``
for probabilities, :meth:`~alliancegames.core.model.Parameter.constraints`), and any
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

import html
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.core.model import ModelError, NormalFormModel, Parameter, exact_number

__all__ = [
    "Boundary",
    "Cell",
    "Partition1D",
    "Partition2D",
    "Piece",
    "Regions",
    "Static",
    "comparative_statics",
    "partition",
    "context_of",
    "decide",
    "equilibrium_regions",
    "normalize",
    "simplify_conditions",
]

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
    >>> from alliancegames.core.model import parameter
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


def _linear_form(e: Any) -> tuple[dict[sp.Symbol, Fraction], Fraction] | None:
    """``e`` as ``(coefficients, constant)`` if it is linear with rational coefficients, else None."""
    e = sp.expand(sp.sympify(e))
    coeffs: dict[sp.Symbol, Fraction] = {}
    const = Fraction(0)
    for t in sp.Add.make_args(e):
        c, rest = t.as_coeff_Mul()
        if not c.is_Rational:
            return None
        if rest == 1:
            const += Fraction(int(c.p), int(c.q))
        elif isinstance(rest, sp.Symbol):
            coeffs[rest] = coeffs.get(rest, Fraction(0)) + Fraction(int(c.p), int(c.q))
        else:
            return None
    return {s: v for s, v in coeffs.items() if v != 0}, const


def _linear_constraints(ctx: tuple[sp.Basic, ...]) -> list[tuple[dict, Fraction, str]]:
    """The linear relations of the context as ``(coeffs, const, op)`` with ``coeffs.x + const op 0``."""
    out = []
    for r in ctx:
        if not isinstance(r, _RELS) or isinstance(r, sp.Unequality):
            continue  # != is not a conjunction of linear constraints: ignoring it is sound
        if isinstance(r, (sp.StrictLessThan, sp.LessThan)):
            lf = _linear_form(r.rhs - r.lhs)
        else:
            lf = _linear_form(r.lhs - r.rhs)
        if lf is None:
            continue
        op = {
            sp.StrictGreaterThan: ">",
            sp.StrictLessThan: ">",
            sp.GreaterThan: ">=",
            sp.LessThan: ">=",
            sp.Equality: "=",
        }[type(r)]
        out.append((lf[0], lf[1], op))
    return out


def _domain_constraints(symbols: Iterable[sp.Symbol]) -> list[tuple[dict, Fraction, str]]:
    out = []
    for s in symbols:
        if s.is_positive:
            out.append(({s: Fraction(1)}, Fraction(0), ">"))
        elif s.is_nonnegative:
            out.append(({s: Fraction(1)}, Fraction(0), ">="))
        elif s.is_negative:
            out.append(({s: Fraction(-1)}, Fraction(0), ">"))
        elif s.is_nonpositive:
            out.append(({s: Fraction(-1)}, Fraction(0), ">="))
    return out


_FM_LIMIT = 4000


def _feasible(cons: list[tuple[dict, Fraction, str]]) -> bool | None:
    """Exact feasibility of linear constraints over the reals (Fourier-Motzkin elimination).

    Each constraint ``(coeffs, const, op)`` reads ``sum coeffs[s]*s + const op 0``
    with ``op`` in ``">"``, ``">="``, ``"="``.  Returns None if elimination
    grows beyond a size limit (undecided).
    """
    syms = sorted({s for c, _, _ in cons for s in c}, key=lambda s: s.name)
    idx = {s: i for i, s in enumerate(syms)}
    rows = []
    for c, k, op in cons:
        v = [Fraction(0)] * len(syms)
        for s, a in c.items():
            v[idx[s]] = a
        rows.append((tuple(v), k, op))
    # eliminate equalities by substitution
    while True:
        eq = next((r for r in rows if r[2] == "=" and any(r[0])), None)
        if eq is None:
            break
        j = next(i for i, a in enumerate(eq[0]) if a != 0)
        new = []
        for r in rows:
            if r is eq:
                continue
            f = r[0][j] / eq[0][j]
            if f:
                r = (tuple(a - f * b for a, b in zip(r[0], eq[0])), r[1] - f * eq[1], r[2])
            new.append(r)
        rows = new
    for j in range(len(syms)):
        pos = [r for r in rows if r[0][j] > 0]
        neg = [r for r in rows if r[0][j] < 0]
        rest = [r for r in rows if r[0][j] == 0]
        seen = set()
        for lo in pos:
            for up in neg:
                a, b = -up[0][j], lo[0][j]
                v = tuple(a * x + b * y for x, y in zip(lo[0], up[0]))
                k = a * lo[1] + b * up[1]
                op = ">" if ">" in (lo[2], up[2]) else ">="
                scale = max((abs(x) for x in v), default=Fraction(0)) or Fraction(1)
                key = (tuple(x / scale for x in v), k / scale, op)
                if key not in seen:
                    seen.add(key)
                    rest.append(key)
        rows = rest
        if len(rows) > _FM_LIMIT:
            return None
    for v, k, op in rows:
        if any(v):
            continue
        if (op == ">" and not k > 0) or (op == ">=" and not k >= 0) or (op == "=" and k != 0):
            return False
    return True


@lru_cache(maxsize=50000)
def _linear_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int] | None:
    """Possible signs of a linear ``f`` under the linear part of the context (exact)."""
    lf = _linear_form(f)
    if lf is None:
        return None
    base = _linear_constraints(ctx)
    syms = set(lf[0]) | {s for c, _, _ in base for s in c}
    base = base + _domain_constraints(syms)
    possible = set()
    neg = ({s: -a for s, a in lf[0].items()}, -lf[1])
    for sign, cons in ((1, (lf[0], lf[1], ">")), (-1, (neg[0], neg[1], ">")), (0, (lf[0], lf[1], "="))):
        ok = _feasible(base + [cons])
        if ok is None or ok:
            possible.add(sign)
    return frozenset(possible)


_RELATION_SIGNS = {
    sp.StrictGreaterThan: {1},
    sp.GreaterThan: {0, 1},
    sp.StrictLessThan: {-1},
    sp.LessThan: {-1, 0},
    sp.Equality: {0},
}


def _stated_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> set[int]:
    """Signs a (possibly nonlinear) factor may take, given relations of the context that state it.

    A relation ``lhs > rhs`` whose ``lhs - rhs`` equals ``f`` (or ``-f``) after expansion fixes
    the sign of ``f``; this decides factors such as ``c_abandon*p - v`` under ``p*c_abandon > v``,
    which the linear procedure cannot.
    """
    possible = {-1, 0, 1}
    fe = sp.expand(f)
    for r in ctx:
        signs = _RELATION_SIGNS.get(type(r))
        if signs is None:
            continue
        g = sp.expand(r.lhs - r.rhs)
        if g == fe:
            possible &= signs
        elif g == -fe:
            possible &= {-v for v in signs}
    return possible


@lru_cache(maxsize=20000)
def _factor_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
    """Possible signs (-1, 0, 1) of an expression under the context.

    Linear expressions are decided exactly against the linear relations of
    the context and the symbols' domains; others use the symbols'
    assumptions only.
    """
    if f.is_number:
        if f.is_zero:
            return frozenset({0})
        if f.is_positive:
            return frozenset({1})
        if f.is_negative:
            return frozenset({-1})
    lin = _linear_signs(f, ctx)
    if lin is not None:
        return lin
    if f.is_positive:
        return frozenset({1})
    if f.is_negative:
        return frozenset({-1})
    if f.is_zero:
        return frozenset({0})
    possible = {-1, 0, 1} & _stated_signs(f, ctx)
    if f.is_nonnegative:
        possible.discard(-1)
    elif f.is_nonpositive:
        possible.discard(1)
    if f.is_nonzero:
        possible.discard(0)
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
    return None


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
    return _normalize(rel, tuple(ctx), tuple(prefer))


@lru_cache(maxsize=50000)
def _normalize(rel: Any, ctx: tuple[sp.Basic, ...], prefer: tuple[sp.Symbol, ...]) -> sp.Basic:
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
            try:
                poly = sp.Poly(sp.expand(core), s)
            except sp.PolynomialError:  # e.g. (I - q)**(1 - alpha): not a polynomial in s
                continue
            if poly.degree() != 1:
                continue
            a, b = poly.all_coeffs()
            asg = _signs(a, ctx)
            if asg == {1}:
                return rel_type(s, _tidy(-b / a, ctx))
            if asg == {-1}:
                return _flip(rel_type)(s, _tidy(-b / a, ctx))
    if len(kept) > 1 or (len(kept) == 1 and kept[0].is_Pow):
        return rel_type(core, 0)
    return _split(rel_type, sp.expand(core))


def _atoms(cond: Any) -> list[sp.Basic]:
    if cond is sp.true or cond is True:
        return []
    if isinstance(cond, sp.And):
        return list(cond.args)
    return [cond]


def simplify_conditions(
    relations: Iterable[Any],
    ctx: Sequence[sp.Basic] = (),
    prefer: Sequence[sp.Symbol] = (),
    *,
    thorough: bool = True,
) -> sp.Basic:
    """A conjunction of relations, simplified under ``ctx`` (redundant ones dropped).

    Each relation is put in normal form (:func:`normalize`); with
    ``thorough`` (default) equalities solved for a parameter are substituted
    into the other relations and relations implied by the others (as far as
    sympy's linear arithmetic can tell) are dropped.  Returns
    ``sympy.false`` when the relations are found unable to hold together.

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
    if not thorough:
        return sp.And(*rels) if rels else sp.true
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


# =========================================================== normal-form regions
def _preference(
    parameters: Sequence[Parameter], prefer: Sequence[str] = (), error: type[ModelError] = ModelError
) -> tuple[sp.Symbol, ...]:
    """Symbols to solve conditions for first: ``prefer``, then probabilities, then the rest.

    Shared by :func:`equilibrium_regions` and :func:`alliancegames.analysis.tree.backward_induction`
    (which passes its own ``error`` class).
    """
    by_name = {p.name: p.symbol for p in parameters}
    for nm in prefer:
        if nm not in by_name:
            raise error(f"prefer names unknown parameter {nm!r}; parameters are {sorted(by_name)}")
    first = [by_name[nm] for nm in prefer]
    probs = [p.symbol for p in parameters if p.domain == "probability" and p.symbol not in first]
    rest = [p.symbol for p in parameters if p.symbol not in first and p.symbol not in probs]
    return tuple(first + probs + rest)


def _label(support: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    """The label convention of :attr:`alliancegames.solvers.enumeration.Equilibrium.label`."""
    if all(len(s) == 1 for s in support):
        return "/".join(s[0] for s in support)
    return "mixed (" + " / ".join(",".join(s) for s in support) + ")"


def _exact_values(parameters: Sequence[Parameter], values: Mapping[str, Any]) -> dict[sp.Symbol, sp.Expr]:
    out = {}
    for p in parameters:
        if p.name not in values:
            raise ModelError(f"no value for parameter {p.name!r}")
        v = values[p.name]
        if not p.contains(v):
            raise ModelError(f"value {v!r} for {p.name!r} is outside its domain {p.domain!r}")
        out[p.symbol] = exact_number(v)
    return out


def _truth(cond: sp.Basic, sub: Mapping[sp.Symbol, sp.Expr]) -> bool:
    v = cond.xreplace(dict(sub))
    if v is sp.true or v is sp.false:
        return bool(v)
    v = sp.simplify(v)
    if v is sp.true or v is sp.false:
        return bool(v)
    raise ModelError(f"cannot decide {cond} at {dict(sub)} (free symbols left: {v.free_symbols})")


def _to_fraction(e: sp.Expr) -> Fraction:
    e = sp.nsimplify(e) if not e.is_Rational else e
    if not e.is_Rational:
        raise ModelError(f"value {e} is not rational")
    return Fraction(int(e.p), int(e.q))


@dataclass(frozen=True)
class Piece:
    """One candidate equilibrium of a symbolic game and where it is an equilibrium.

    Attributes
    ----------
    strategies : pair of tuples of sympy expressions
        Mixed strategies of the row and column player (one entry per action).
    payoffs : pair of sympy expressions
        Expected payoffs (row, column).
    conditions : sympy Boolean
        Conjunction of relations on the parameters, simplified under the
        assumptions, under which the profile is a Nash equilibrium with exactly
        this support (probabilities on the support strictly positive).
    support : pair of tuples of str
        Action labels played with positive probability.
    label : str
        ``"Firm/Weak"`` or ``"mixed (Firm,Weak / Firm,Weak)"``, as
        :attr:`alliancegames.solvers.enumeration.Equilibrium.label`.
    generic : bool
        True for the pieces of equal-size supports whose indifference
        equations are the support's own (these hold on full-dimensional
        regions of generic games).  Other pieces (``boundary pieces``)
        describe extreme equilibria that arise on lower-dimensional sets
        (ties), e.g. a pure strategy against a mixture at a point where a
        player is indifferent.
    basis : tuple
        ``(I, K, J, L)``: supports ``I``, ``J`` and the best-response sets
        ``K`` (columns) and ``L`` (rows) whose equalities fix the strategies.
    """

    strategies: tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]
    payoffs: tuple[sp.Expr, sp.Expr]
    conditions: sp.Basic
    support: tuple[tuple[str, ...], tuple[str, ...]]
    label: str
    generic: bool
    basis: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]
    parameters: tuple[Parameter, ...] = ()
    actions: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    def holds_at(self, values: Mapping[str, Any]) -> bool:
        """Whether the conditions hold at a point (exact: floats are read by their decimal text).

        Examples
        --------
        >>> from alliancegames.core.model import normal_form, parameter
        >>> g = normal_form("g", ("R", "C"), (("a", "b"), ("a", "b")), [parameter("t")],
        ...                 [[("t", 1), (0, 0)], [(0, 0), (1, 1)]])
        >>> piece = [p for p in equilibrium_regions(g).pieces if p.label == "a/a"][0]
        >>> piece.conditions, piece.holds_at({"t": 0}), piece.holds_at({"t": -1})
        (t >= 0, True, False)
        """
        return _truth(self.conditions, _exact_values(self.parameters, values))

    def evaluate(self, values: Mapping[str, Any]) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """The strategies at a point, as exact fractions."""
        sub = _exact_values(self.parameters, values)
        return tuple(tuple(_to_fraction(sp.cancel(e.xreplace(sub))) for e in s) for s in self.strategies)  # type: ignore[return-value]

    def __str__(self) -> str:
        s = [", ".join(f"{e}" for e in st) for st in self.strategies]
        return f"{self.label}: x=({s[0]}), y=({s[1]}) if {self.conditions}; payoffs ({self.payoffs[0]}, {self.payoffs[1]})"


@dataclass(frozen=True)
class Regions:
    """Every candidate equilibrium of a symbolic two-player game with its conditions.

    ``pieces`` are the generic pieces first, then boundary pieces (see
    :attr:`Piece.generic`).  At any parameter point, the distinct profiles of
    the pieces that hold are exactly the extreme equilibria that
    :func:`alliancegames.solvers.enumeration.solve` returns there (see :meth:`at`).
    ``dropped`` lists ``(description, reason)`` of candidates that cannot
    be equilibria under the assumptions.
    """

    model: NormalFormModel
    pieces: tuple[Piece, ...]
    dropped: tuple[tuple[str, str], ...]
    assumptions: tuple[sp.Basic, ...]

    def __len__(self) -> int:
        return len(self.pieces)

    def __iter__(self) -> Iterator[Piece]:
        return iter(self.pieces)

    def __getitem__(self, i: int) -> Piece:
        return self.pieces[i]

    @property
    def generic(self) -> tuple[Piece, ...]:
        """The generic pieces (full-dimensional regions of generic games)."""
        return tuple(p for p in self.pieces if p.generic)

    @property
    def boundary(self) -> tuple[Piece, ...]:
        """Pieces that describe extreme equilibria arising at ties."""
        return tuple(p for p in self.pieces if not p.generic)

    def by_label(self, label: str) -> tuple[Piece, ...]:
        """Pieces with a given label (e.g. ``"Firm/Firm"``)."""
        return tuple(p for p in self.pieces if p.label == label)

    def at(
        self, values: Mapping[str, Any] | None = None
    ) -> list[tuple[str, tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]]:
        """The equilibria at a point: ``[(label, (x, y)), ...]`` with exact fractions.

        Distinct profiles of the pieces whose conditions hold, ordered as
        :func:`~alliancegames.solvers.enumeration.solve` orders its equilibria (support
        size, then probabilities).  Missing values are filled by defaults.

        Examples
        --------
        >>> from alliancegames.core.model import normal_form, parameter
        >>> g = normal_form("g", ("R", "C"), (("a", "b"), ("a", "b")), [parameter("t", default=2)],
        ...                 [[("t", 1), (0, 0)], [(0, 0), (1, 1)]])
        >>> [lab for lab, _ in equilibrium_regions(g).at()]
        ['a/a', 'b/b', 'mixed (a,b / a,b)']
        """
        from alliancegames.core.numeric import resolve_values

        vals = resolve_values(self.model, values or {})
        sub = _exact_values(self.model.parameters, vals)
        for a in self.assumptions:
            if not _truth(a, sub):
                raise ModelError(f"the point {vals} violates the assumption {a}")
        found: dict[tuple, str] = {}
        for piece in self.pieces:
            if not _truth(piece.conditions, sub):
                continue
            prof = tuple(tuple(_to_fraction(sp.cancel(e.xreplace(sub))) for e in s) for s in piece.strategies)
            if prof not in found:
                found[prof] = piece.label
        order = sorted(
            found,
            key=lambda p: (
                sum(v > 0 for v in p[0]) + sum(v > 0 for v in p[1]),
                [-v for v in p[0]],
                [-v for v in p[1]],
            ),
        )
        return [(found[p], p) for p in order]

    # ----------------------------------------------------------- display
    def __str__(self) -> str:
        lines = [
            f"equilibrium regions of {self.model.name}: {len(self.generic)} generic + {len(self.boundary)} boundary pieces"
        ]
        lines += ["  " + str(p) for p in self.generic]
        if self.boundary:
            lines.append(" boundary pieces:")
            lines += ["  " + str(p) for p in self.boundary]
        if self.dropped:
            lines.append(f" dropped: {len(self.dropped)}")
        return "\n".join(lines)

    def to_latex(self, *, boundary: bool = False) -> str:
        """A ``tabular``: equilibrium | conditions | payoffs (generic pieces; ``boundary`` adds the rest)."""
        m = self.model
        esc = lambda s: str(s).replace("_", r"\_").replace("&", r"\&")  # noqa: E731
        lines = [r"\begin{tabular}{lll}", r"\hline", r"Equilibrium & Conditions & Payoffs \\", r"\hline"]
        for p in self.generic + (self.boundary if boundary else ()):
            strat = "; ".join(
                ", ".join(
                    f"{esc(a)}: ${sp.latex(e)}$" for a, e in zip(m.actions[k], p.strategies[k]) if e != 0
                )
                for k in range(2)
            )
            lines.append(
                f"{esc(p.label)} ({strat}) & ${_latex_cond(p.conditions)}$ & "
                f"$({sp.latex(p.payoffs[0])},\\ {sp.latex(p.payoffs[1])})$ \\\\"
            )
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        m = self.model
        rows = []
        for p in self.generic:
            strat = "; ".join(
                ", ".join(f"{e(a)}: ${sp.latex(x)}$" for a, x in zip(m.actions[k], p.strategies[k]) if x != 0)
                for k in range(2)
            )
            rows.append(
                f"<tr><td>{e(p.label)}</td><td>{strat}</td><td>${_latex_cond(p.conditions)}$</td>"
                f"<td>${sp.latex(p.payoffs[0])},\\ {sp.latex(p.payoffs[1])}$</td></tr>"
            )
        head = "<tr><th>equilibrium</th><th>strategies</th><th>conditions</th><th>payoffs</th></tr>"
        foot = (
            f"<p>{len(self.boundary)} boundary pieces (extreme equilibria at ties) and "
            f"{len(self.dropped)} dropped candidates not shown.</p>"
        )
        return f"<p>Equilibrium regions of <b>{e(m.name)}</b></p><table>{head}{''.join(rows)}</table>{foot}"


def _latex_cond(c: sp.Basic) -> str:
    if c is sp.true:
        return r"\text{always}"
    return r" \;\wedge\; ".join(sp.latex(a) for a in (c.args if isinstance(c, sp.And) else [c]))


def _bases(M: sp.Matrix, rows: int, cols: int) -> dict:
    """Vertex bases of one player's best-response polyhedron.

    ``M`` is the *opponent-facing* payoff matrix oriented so that
    ``M[s, t]`` is the payoff to the opponent's action ``t`` when this
    player plays ``s`` (``B`` for the row player, ``A.T`` for the column
    player).  For every support ``S`` and equally large tight set ``T``
    the system ``M[S, t] . z = u`` (``t`` in ``T``), ``sum z = 1`` is
    solved by Cramer's rule: returns ``(S, T) -> (D, N_z, N_u)`` with
    ``z = N_z / D`` and value ``u = N_u / D``; identically singular systems
    are skipped.
    """
    out = {}
    for size in range(1, min(rows, cols) + 1):
        for S in itertools.combinations(range(rows), size):
            for T in itertools.combinations(range(cols), size):
                sys_rows = [[M[s, t] for s in S] + [-1] for t in T] + [[1] * size + [0]]
                Msys = sp.Matrix(sys_rows)
                D = sp.expand(Msys.det(method="berkowitz"))
                if D == 0:
                    continue
                adj = Msys.adjugate()
                N = [sp.expand(adj[r, size]) for r in range(size + 1)]  # times rhs e_last
                out[(S, T)] = (D, tuple(N[:size]), N[size])
    return out


def equilibrium_regions(
    model: NormalFormModel,
    *,
    assumptions: Iterable[Any] = (),
    simplify: bool = True,
    prefer: Sequence[str] = (),
) -> Regions:
    """Every equilibrium of a symbolic two-player game as pieces with conditions.

    Method
    ------
    Extreme equilibria are pairs of vertices of the two best-response
    polyhedra (the method of :mod:`alliancegames.solvers.enumeration`, done symbolically).
    A vertex of the row player's polyhedron is fixed by a support ``I`` and
    an equally large set ``K`` of columns that are best responses:
    ``x_I`` and the column player's value ``w`` solve
    ``(x^T B)_k = w`` for ``k`` in ``K`` and ``sum x = 1`` (likewise ``y``,
    ``v`` from a support ``J`` and rows ``L``).  The pair is an equilibrium
    where ``x_I > 0``, ``y_J > 0``, every column in ``J`` is a best response
    to ``x`` and every row in ``I`` a best response to ``y``.  Conditions
    are written without denominators (a ratio ``N/D > 0`` becomes
    ``N*D > 0``), so they are defined everywhere, then simplified under the
    assumptions.  Pieces with ``K = J`` and ``L = I`` are the *generic*
    pieces; the others are needed only where payoffs tie.

    Parameters
    ----------
    model : NormalFormModel
    assumptions : iterable of sympy relations
        Extra relations between parameters (e.g. ``[b > c]``), on top of the
        parameters' domains.
    simplify : bool
        Simplify conditions thoroughly (generic pieces) under the
        assumptions; boundary pieces are always simplified lightly (each
        relation on its own), and candidates found infeasible are dropped.
    prefer : sequence of str
        Parameter names to solve relations for first.

    Returns
    -------
    Regions

    Examples
    --------
    Chicken with a cost of crashing ``c`` (swerve: 0; straight against swerve: 1):

    >>> from alliancegames.core.model import normal_form, parameter
    >>> c = parameter("c", "cost of a crash", "positive")
    >>> g = normal_form("chicken", ("A", "B"), (("Swerve", "Straight"),) * 2, [c],
    ...     [[(0, 0), (-1, 1)], [(1, -1), (-c.symbol, -c.symbol)]])
    >>> reg = equilibrium_regions(g)
    >>> [(p.label, p.conditions) for p in reg.generic]  # doctest: +NORMALIZE_WHITESPACE
    [('Swerve/Straight', c >= 1), ('Straight/Swerve', c >= 1), ('Straight/Straight', c <= 1),
     ('mixed (Swerve,Straight / Swerve,Straight)', c > 1)]
    >>> reg = equilibrium_regions(g, assumptions=[c.symbol > 1])   # a crash is the worst outcome
    >>> [(p.label, p.conditions) for p in reg.generic]  # doctest: +NORMALIZE_WHITESPACE
    [('Swerve/Straight', True), ('Straight/Swerve', True),
     ('mixed (Swerve,Straight / Swerve,Straight)', True)]
    >>> reg.by_label("mixed (Swerve,Straight / Swerve,Straight)")[0].strategies[0]
    ((c - 1)/c, 1/c)
    """
    if not isinstance(model, NormalFormModel):
        raise ModelError(f"equilibrium_regions needs a NormalFormModel, got {type(model).__name__}")
    ctx = context_of(model.parameters, assumptions)
    order = _preference(model.parameters, prefer)
    A, B = (sp.Matrix(M) for M in model.payoffs)
    m, n = model.shape
    xb = _bases(B, m, n)  # x over rows, tight columns
    yb = _bases(A.T, n, m)  # y over columns, tight rows
    pieces: list[Piece] = []
    dropped: list[tuple[str, str]] = []

    def part(basis, J, M, size_other):
        """Relations for one player's vertex: positivity and the opponent's best responses."""
        (S, T), (D, N, Nu) = basis
        rels = []
        if len(S) > 1:
            rels += [sp.StrictGreaterThan(Nz * D, 0) for Nz in N]
        for t in range(size_other):
            if t in T:
                continue
            slack = sp.expand(sum(M[s, t] * Nz for s, Nz in zip(S, N)) - Nu)
            rels.append(sp.Eq(slack, 0) if t in J else sp.LessThan(slack * D, 0))
        return rels

    def profile(val, S, size):
        D, N, Nu = val
        z = [sp.S.Zero] * size
        for s, Nz in zip(S, N):
            z[s] = sp.factor(sp.cancel(Nz / D))
        return tuple(z), sp.factor(sp.cancel(Nu / D))

    xprof = {k: profile(v, k[0], m) for k, v in xb.items()}
    yprof = {k: profile(v, k[0], n) for k, v in yb.items()}
    for xkey, xval in xb.items():
        I, K = xkey  # noqa: E741 - the support notation of the method
        for ykey, yval in yb.items():
            J, L = ykey
            # A pure strategy's vertex can always be fixed by a best response
            # inside the opponent's support (the 1x1 system is never
            # singular): other choices repeat the same profile on a subset
            # of the same conditions.
            if (len(I) == 1 and K != J[:1]) or (len(J) == 1 and L != I[:1]):
                continue
            generic = K == J and L == I
            rels = part((xkey, xval), J, B, n) + part((ykey, yval), I, A.T, m)
            support = (tuple(model.actions[0][i] for i in I), tuple(model.actions[1][j] for j in J))
            label = _label(support)
            desc = f"{label} [K={list(K)}, L={list(L)}]"
            if simplify:
                cond = simplify_conditions(rels, ctx, order, thorough=generic)
            else:
                cond = sp.And(*rels)
                cond = cond if cond is not sp.false else sp.false
            if cond is sp.false:
                dropped.append((desc, "conditions cannot hold under the parameters' domains and assumptions"))
                continue
            x, w = xprof[xkey]
            y, v = yprof[ykey]
            pieces.append(
                Piece(
                    (x, y),
                    (v, w),
                    cond,
                    support,
                    label,
                    generic,
                    (I, K, J, L),
                    model.parameters,
                    model.actions,
                )
            )
    pieces.sort(key=lambda p: (not p.generic, len(p.basis[0]) + len(p.basis[2])))
    return Regions(model, tuple(pieces), tuple(dropped), ctx)


# ============================================================ comparative statics
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
        A piece of :func:`equilibrium_regions` (then ``of`` picks the
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
        extra = list(_atoms(target.conditions))
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
        signs = _signs(d, ctx)
        sign = {
            frozenset({1}): "positive",
            frozenset({-1}): "negative",
            frozenset({0}): "zero",
            frozenset({0, 1}): "nonnegative",
            frozenset({0, -1}): "nonpositive",
        }.get(signs, "undetermined")
    return Static(expr, name or qname, sym, d, sign, ctx)


# ================================================================== partitions
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

    @property
    def points(self) -> np.ndarray:
        if not self.polylines:
            return np.empty((0, 2))
        return max(self.polylines, key=len)


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
    for piece in regions.pieces:
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
        :func:`equilibrium_regions`.
    free : dict
        ``{name: (lo, hi)}`` for one or two parameters.
    fixed : dict
        Values of all other parameters (defaults fill the rest).
    assumptions : iterable of sympy relations
        Passed to :func:`equilibrium_regions` for a model.
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
    out = dom
    for a in _atoms(cond):
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
    import contourpy

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
        for a in _atoms(cond):
            e = sp.factor(a.lhs - a.rhs)
            num, _ = sp.fraction(sp.together(e))
            _, factors = sp.factor_list(num) if num.free_symbols else (num, [])
            for f, _k in factors:
                key = sp.expand(f)
                key = -key if key.could_extract_minus_sign() else key
                curves.setdefault(key, [])
                if piece.label not in curves[key]:
                    curves[key].append(piece.label)
    boundaries = []
    for e, labels in curves.items():
        f = sp.lambdify(syms, e, modules="numpy")
        with np.errstate(all="ignore"):
            Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape)
        lines = contourpy.contour_generator(X, Y, Z).lines(0.0)
        polys = tuple(np.asarray(line, dtype=float) for line in lines if len(line) >= 2)
        boundaries.append(Boundary(e, tuple(labels), polys))
    return Partition2D(tuple(syms), ((x0, x1), (y0, y1)), tuple(pieces), tuple(boundaries))
