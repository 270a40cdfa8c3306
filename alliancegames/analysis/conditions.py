"""The conditions kernel: sign decisions and readable relations between parameters.

A *condition* is a sympy Boolean: a conjunction of relations (``<``, ``<=``,
``=``, ``!=``) between expressions in the parameters.  Conditions are
simplified under a *context*: the sympy assumptions of the parameter symbols
(their domains), the domain constraints that symbols cannot carry (``p <= 1``
for probabilities, :meth:`~alliancegames.core.model.Parameter.constraints`), and any
extra relations the caller passes as ``assumptions=[...]`` (for instance the
ordering ``u_win > u_sq > u_war`` written as ``[u_win > u_sq, u_sq > u_war]``).
Relations linear in the parameters are decided exactly (Fourier-Motzkin
elimination over the rationals); other factors by their symbols' assumptions,
by relations of the context that state them, and by bounds on one parameter;
relations that cannot be decided are kept.
A relation is put in a readable normal form: denominators and factors of known
sign are cleared, and, where the relation is linear in one parameter with a
coefficient of known sign, it is solved for that parameter (probabilities
first), e.g. ``p < (u_win - u_sq)/(u_win - u_war)``.

Used by :mod:`alliancegames.analysis.regions`, :mod:`alliancegames.analysis.statics`,
:mod:`alliancegames.analysis.tree` and the problem sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from alliancegames.core.latex import conditions as latex_conditions  # the one writer, re-exported here
from alliancegames.core.model import ModelError, Parameter

__all__ = [
    "atoms",
    "context_of",
    "decide",
    "latex_conditions",
    "normalize",
    "preference",
    "rebind",
    "signs",
    "simplify_conditions",
]

_RELS = (sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan, sp.Equality, sp.Unequality)


# ----------------------------------------------------------------- assumptions
def rebind(expr: Any, symbols: Mapping[str, sp.Symbol]) -> Any:
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
        a = rebind(a, symbols)
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


def signs(e: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
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
    possible = signs(e, ctx)
    if possible <= ok:
        return True
    if not (possible & ok):
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
        signs(den, ctx) == {-1} or (num.could_extract_minus_sign() and den.could_extract_minus_sign())
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
    ds = signs(den, ctx)
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
            asg = signs(a, ctx)
            if asg == {1}:
                return rel_type(s, _tidy(-b / a, ctx))
            if asg == {-1}:
                return _flip(rel_type)(s, _tidy(-b / a, ctx))
    if len(kept) > 1 or (len(kept) == 1 and kept[0].is_Pow):
        return rel_type(core, 0)
    return _split(rel_type, sp.expand(core))


def atoms(cond: Any) -> list[sp.Basic]:
    """The relations of a condition: the arguments of a conjunction, one relation as a list, none for true.

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> atoms(sp.And(x > 0, x < 1)), atoms(sp.true)
    ([x > 0, x < 1], [])
    """
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
        for a in atoms(r):
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



def preference(
    parameters: Sequence[Parameter], prefer: Sequence[str] = (), error: type[ModelError] = ModelError
) -> tuple[sp.Symbol, ...]:
    """Symbols to solve conditions for first: ``prefer``, then probabilities, then the rest.

    Shared by :func:`~alliancegames.analysis.regions.equilibrium_regions` and :func:`alliancegames.analysis.tree.backward_induction`
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



