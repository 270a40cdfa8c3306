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

import itertools
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp
from sympy.core.mul import _keep_coeff
from sympy.polys.polyutils import _sort_gens

from alliancegames.core.latex import condition_cases, relation_items
from alliancegames.core.latex import conditions as latex_conditions  # the one writer, re-exported here
from alliancegames.core.model import ModelError, Parameter

__all__ = [
    "atoms",
    "boundary_factors",
    "context_of",
    "decide",
    "drop_contained",
    "format_conditions",
    "is_linear",
    "latex_conditions",
    "normalize",
    "preference",
    "rebind",
    "signs",
    "simplify_conditions",
    "solve_conditions",
    "Solved",
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
    return _linear_form_cached(sp.sympify(e))


@lru_cache(maxsize=50000)
def _linear_form_cached(e: sp.Expr) -> tuple[dict[sp.Symbol, Fraction], Fraction] | None:
    """``e`` as ``(coefficients, constant)`` if it is linear with rational coefficients, else None."""
    e = sp.sympify(e)
    if _nonlinear_product(e):
        return None
    gens = tuple(sorted(e.free_symbols, key=sp.default_sort_key))
    p = _in_ring(e, gens) if gens else None
    if p is not None:
        # a polynomial: its expansion read in the ring (what expanding the expression gives)
        if any(sum(m) > 1 for m in p.itermonoms()):
            return None
        lin: dict[sp.Symbol, Fraction] = {}
        const = Fraction(0)
        for m, c in p.iterterms():
            v = Fraction(int(c.numerator), int(c.denominator))
            if any(m):
                lin[gens[m.index(1)]] = v
            else:
                const = v
        return lin, const
    e = sp.expand(e)
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


def _nonlinear_product(e: sp.Expr) -> bool:
    """Whether ``e`` is visibly not linear: a product (or power) of two or more non-constant
    polynomial factors, whose degrees add up to at least two (so no need to expand it)."""
    if isinstance(e, sp.Pow):
        return e.exp.is_Integer and e.exp > 1 and bool(e.base.free_symbols) and _is_polynomial(e.base)
    if not isinstance(e, sp.Mul):
        return False
    degree = 0
    for u in e.args:
        if not u.free_symbols:
            continue
        base, k = u.as_base_exp()
        if not (k.is_Integer and k > 0 and _is_polynomial(base)):
            return False
        degree += int(k)
    return degree >= 2


def clear_caches() -> None:
    """Empty the kernel's caches (for timing a first, cold call)."""
    for f in (
        _normalize,
        _factor_signs_at,
        _linear_signs_under,
        _factors,
        _fraction_factors,
        _signs,
        _linear_form_cached,
        _expanded,
        _linear_in,
        _linear_constraint,
        _factor_list,
        _polynomial_ring,
        _is_polynomial,
        _monomial_signs,
        _probe,
        _probe_point,
        _stating,
    ):
        f.cache_clear()


def is_linear(rel: Any) -> bool:
    """Whether a relation is linear in the parameters with rational coefficients.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> is_linear(2 * x - y / 3 > 1), is_linear(x * y > 1)
    (True, False)
    """
    if rel is sp.true or rel is sp.false or not isinstance(rel, _RELS):
        return rel is sp.true or rel is sp.false
    return _linear_form(rel.lhs - rel.rhs) is not None


def _linear_constraints(ctx: tuple[sp.Basic, ...]) -> list[tuple[dict, Fraction, str]]:
    """The linear relations of the context as ``(coeffs, const, op)`` with ``coeffs.x + const op 0``."""
    return [c for c in map(_linear_constraint, ctx) if c is not None]


@lru_cache(maxsize=50000)
def _linear_constraint(r: sp.Basic) -> tuple[dict, Fraction, str] | None:
    """One relation as ``(coeffs, const, op)`` (see :func:`_linear_constraints`), None if it is not
    a linear (in)equality; read once per relation (the same relations recur in many contexts)."""
    if not isinstance(r, _RELS) or isinstance(r, sp.Unequality):
        return None  # != is not a conjunction of linear constraints: ignoring it is sound
    if isinstance(r, (sp.StrictLessThan, sp.LessThan)):
        lf = _linear_form(r.rhs - r.lhs)
    else:
        lf = _linear_form(r.lhs - r.rhs)
    if lf is None:
        return None
    op = {
        sp.StrictGreaterThan: ">",
        sp.StrictLessThan: ">",
        sp.GreaterThan: ">=",
        sp.LessThan: ">=",
        sp.Equality: "=",
    }[type(r)]
    return lf[0], lf[1], op


def _domain_constraints(symbols: Iterable[sp.Symbol]) -> list[tuple[dict, Fraction, str]]:
    out = []
    for s in symbols:
        if s.is_integer and s.is_positive:
            out.append(({s: Fraction(1)}, Fraction(-1), ">="))  # s >= 1
        elif s.is_positive:
            out.append(({s: Fraction(1)}, Fraction(0), ">"))
        elif s.is_nonnegative:
            out.append(({s: Fraction(1)}, Fraction(0), ">="))
        elif s.is_integer and s.is_negative:
            out.append(({s: Fraction(-1)}, Fraction(-1), ">="))  # s <= -1
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
    grows beyond a size limit (undecided).  Rows are kept as integers (each
    constraint times the positive common denominator of its coefficients; every
    combination a positive multiple of the rational one), and rows that are
    positive multiples of each other are kept once.
    """
    syms = sorted({s for c, _, _ in cons for s in c}, key=lambda s: s.name)
    idx = {s: i for i, s in enumerate(syms)}
    rows = []
    for c, k, op in cons:
        den = math.lcm(k.denominator, *(a.denominator for a in c.values()))
        v = [0] * len(syms)
        for s, a in c.items():
            v[idx[s]] = a.numerator * (den // a.denominator)
        rows.append((tuple(v), k.numerator * (den // k.denominator), op))
    # eliminate equalities by substitution
    while True:
        eq = next((r for r in rows if r[2] == "=" and any(r[0])), None)
        if eq is None:
            break
        j = next(i for i, a in enumerate(eq[0]) if a != 0)
        e = eq[0][j]
        m, sg = abs(e), (1 if e > 0 else -1)
        new = []
        for r in rows:
            if r is eq:
                continue
            f = r[0][j]
            if f:  # |e| * (r - f/e * eq): a positive multiple of the substituted row
                r = (tuple(m * a - sg * f * b for a, b in zip(r[0], eq[0])), m * r[1] - sg * f * eq[1], r[2])
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
                g = math.gcd(*v, k) if any(v) else 1
                key = (tuple(x // g for x in v), k // g, op)
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


def _linear_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int] | None:
    """Possible signs of a linear ``f`` under the linear part of the context (exact).

    Only the context's linear relations enter, so the answer is cached under them:
    contexts that differ in nonlinear relations share it."""
    if _linear_form(f) is None:
        return None
    return _linear_signs_under(f, tuple(r for r in ctx if _linear_constraint(r) is not None))


@lru_cache(maxsize=50000)
def _linear_signs_under(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
    """:func:`_linear_signs` for a linear ``f`` and a context of linear relations."""
    lf = _linear_form(f)
    base = _linear_constraints(ctx)
    syms = set(lf[0]) | {s for c, _, _ in base for s in c}
    base = base + _domain_constraints(syms)
    possible = set()
    neg = ({s: -a for s, a in lf[0].items()}, -lf[1])
    proved = set()
    for sign, cons in ((1, (lf[0], lf[1], ">")), (-1, (neg[0], neg[1], ">")), (0, (lf[0], lf[1], "="))):
        if sign == 0 and proved == {1, -1}:
            # points with f > 0 and f < 0 in the (convex) feasible set: f = 0 between them
            possible.add(0)
            continue
        ok = _feasible(base + [cons])
        if ok is None or ok:
            possible.add(sign)
        if ok:
            proved.add(sign)
    return frozenset(possible)


_RELATION_SIGNS = {
    sp.StrictGreaterThan: {1},
    sp.GreaterThan: {0, 1},
    sp.StrictLessThan: {-1},
    sp.LessThan: {-1, 0},
    sp.Equality: {0},
}


@lru_cache(maxsize=50000)
def _expanded(e: sp.Expr) -> sp.Expr:
    return sp.expand(e)


@lru_cache(maxsize=1000)
def _probe_point(name: str) -> sp.Rational:
    """The value of symbols called ``name`` at the probe point (pseudo-random, fixed by the name)."""
    rng = random.Random(name)
    return sp.Rational(rng.randint(10**5, 10**6), rng.randint(10**2, 10**3))


@lru_cache(maxsize=50000)
def _probe(e: sp.Expr) -> sp.Rational | None:
    """``e`` at the probe point, exactly, if that is a rational number (None otherwise)."""
    try:
        v = e.xreplace({s: _probe_point(s.name) for s in e.free_symbols})
    except (ZeroDivisionError, TypeError, ValueError):
        return None
    return v if isinstance(v, sp.Rational) else None


@lru_cache(maxsize=50000)
def _stating(r: sp.Basic) -> tuple[sp.Expr, sp.Rational | None]:
    """``lhs - rhs`` of a relation and its value at the probe point."""
    d = r.lhs - r.rhs
    return d, _probe(d)


def _stated_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> set[int]:
    """Signs a (possibly nonlinear) factor may take, given relations of the context that state it.

    A relation ``lhs > rhs`` whose ``lhs - rhs`` equals ``f`` (or ``-f``) after expansion fixes
    the sign of ``f``; this decides factors such as ``c_abandon*p - v`` under ``p*c_abandon > v``,
    which the linear procedure cannot.  Expanding is the costly part: a relation whose exact
    value at a probe point differs from ``f``'s and ``-f``'s cannot equal either after
    expansion, so it is passed over without expanding (only a proof of difference skips).
    """
    possible = {-1, 0, 1}
    vf = _probe(f)
    fe = None
    for r in ctx:
        signs = _RELATION_SIGNS.get(type(r))
        if signs is None:
            continue
        d, vg = _stating(r)
        if vf is not None and vg is not None and vg != vf and vg != -vf:
            continue
        if fe is None:
            fe = _expanded(f)
        g = _expanded(d)
        if g == fe:
            possible &= signs
        elif g == -fe:
            possible &= {-v for v in signs}
    return possible


# Errors sympy raises on expressions outside its polynomial algebra (symbolic exponents,
# functions): sign reasoning catches them and falls back to weaker rules, never crashes.
_SYMPY_ERRORS = (
    sp.PolynomialError,
    sp.polys.polyerrors.PolificationFailed,
    sp.polys.polyerrors.GeneratorsNeeded,
    sp.polys.polyerrors.CoercionFailed,
    NotImplementedError,
    TypeError,
    ValueError,
    RecursionError,
)
_ALL = frozenset({-1, 0, 1})
_MAX_DEPTH = 3
_depth = [0]


def _add_signs(parts: Iterable[frozenset[int]]) -> frozenset[int]:
    """Possible signs of a sum whose terms have the given possible signs."""
    parts = list(parts)
    if all(p <= {0, 1} for p in parts):
        out = set()
        if all(0 in p for p in parts):
            out.add(0)
        if any(1 in p for p in parts):
            out.add(1)
        return frozenset(out)
    if all(p <= {-1, 0} for p in parts):
        out = set()
        if all(0 in p for p in parts):
            out.add(0)
        if any(-1 in p for p in parts):
            out.add(-1)
        return frozenset(out)
    return _ALL


_BOUND_SIGNS = {
    sp.StrictGreaterThan: frozenset({1}),
    sp.GreaterThan: frozenset({0, 1}),
    sp.StrictLessThan: frozenset({-1}),
    sp.LessThan: frozenset({-1, 0}),
    sp.Equality: frozenset({0}),
}


def _bounds(ctx: tuple[sp.Basic, ...]) -> list[tuple[sp.Symbol, frozenset[int], sp.Expr]]:
    """Relations of the context solved for one symbol, as ``(s, signs of s - X, X)``."""
    out = []
    for r in ctx:
        sg = _BOUND_SIGNS.get(type(r))
        if sg is None:
            continue
        if isinstance(r.lhs, sp.Symbol) and r.lhs not in r.rhs.free_symbols:
            out.append((r.lhs, sg, r.rhs))
        elif isinstance(r.rhs, sp.Symbol) and r.rhs not in r.lhs.free_symbols:
            out.append((r.rhs, frozenset(-v for v in sg), r.lhs))
    return out


@lru_cache(maxsize=50000)
def _linear_in(f: sp.Expr, s: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    """``(a, b)`` with ``f = a*s + b`` and ``a, b`` free of ``s``, or None (``f`` expanded)."""
    terms = _polynomial_terms(f, s)
    if terms is not None:
        # a polynomial with rational coefficients: the coefficients Poly(f, s) would return,
        # read off the terms (Poly's conversion to and from its domain costs far more)
        if max(terms, default=0) != 1:
            return None
        return sp.Add(*terms.get(1, ())), sp.Add(*terms.get(0, ()))
    try:
        poly = sp.Poly(f, s)
    except _SYMPY_ERRORS:
        return None
    if poly.degree() != 1:
        return None
    a, b = poly.all_coeffs()
    return a, b


def _terms(f: sp.Expr) -> list[tuple[sp.Rational, dict[sp.Symbol, int]]] | None:
    """An expanded polynomial with rational coefficients as ``[(coefficient, {symbol: power}), ...]``
    (read off its terms, without sympy's polynomial conversion), or None if ``f`` is not one."""
    out = []
    for t in sp.Add.make_args(f):
        c, rest = t.as_coeff_Mul()
        if not c.is_Rational:
            return None
        mono: dict[sp.Symbol, int] = {}
        for u in sp.Mul.make_args(rest):
            if u is sp.S.One:
                continue
            base, e = u.as_base_exp()
            if not (isinstance(base, sp.Symbol) and e.is_Integer and e > 0):
                return None
            mono[base] = mono.get(base, 0) + int(e)
        out.append((c, mono))
    return out


def _polynomial_terms(f: sp.Expr, s: sp.Symbol) -> dict[int, list[sp.Expr]] | None:
    """The terms of an expanded polynomial with rational coefficients grouped by their degree in
    ``s`` (each term divided by its power of ``s``), or None if ``f`` is not such a polynomial."""
    terms = _terms(f)
    if terms is None:
        return None
    out: dict[int, list[sp.Expr]] = {}
    for c, mono in terms:
        k = mono.pop(s, 0)
        out.setdefault(k, []).append(sp.Mul(c, *(b**e for b, e in mono.items())))
    return out


@lru_cache(maxsize=1000)
def _polynomial_ring(dom: Any, gens: tuple[sp.Symbol, ...]) -> Any:
    """The domain ``dom[gens]`` (built once: sympy builds a new domain object on every ``dom[gens]``)."""
    return dom[gens]


def _ring_elements(exprs: Sequence[sp.Expr]) -> tuple[Any, list[Any]] | None:
    """Expanded polynomials with rational coefficients as elements of one ring ``ZZ[gens]`` or
    ``QQ[gens]`` (generators in sympy's order), or None if one is not such a polynomial."""
    parsed = [_terms(e) for e in exprs]
    if any(t is None for t in parsed):
        return None
    gens = _sort_gens({b for t in parsed for _, mono in t for b in mono})
    if not gens:
        return None
    dom = sp.ZZ if all(c.is_Integer for t in parsed for c, _ in t) else sp.QQ
    R = _polynomial_ring(dom, tuple(gens))
    where = {g: i for i, g in enumerate(gens)}
    out = []
    for t in parsed:
        rep: dict[tuple[int, ...], Any] = {}
        for c, mono in t:
            exps = [0] * len(gens)
            for b, e in mono.items():
                exps[where[b]] = e
            key = tuple(exps)
            rep[key] = rep.get(key, dom.zero) + dom.from_sympy(c)
        out.append(R.ring.from_dict({k: v for k, v in rep.items() if v}))
    return R, out


def _factored_ratio(R: Any, num: tuple | None, den: tuple) -> sp.Expr:
    """``sympy.factor(N/D)`` from the factorisations ``(content, [(factor, power), ...])`` of ``N``
    (None for zero) and ``D`` in a polynomial ring ``R`` over ZZ or QQ.

    A factorisation into a content and primitive factors with positive leading
    coefficients is unique, so this is the expression ``sympy.factor`` builds
    (content times the product of factors to their powers; common factors cancel),
    without reading the polynomials back from expressions.
    """
    if num is None:
        return sp.S.Zero
    powers: dict[Any, int] = {}
    for f, k in num[1]:
        powers[f] = powers.get(f, 0) + k
    for f, k in den[1]:
        powers[f] = powers.get(f, 0) - k
    dom = R.domain
    coeff = dom.to_sympy(num[0]) / dom.to_sympy(den[0])
    return _keep_coeff(coeff, sp.Mul(*[R.to_sympy(f) ** k for f, k in powers.items() if k]))


def _factor_ratio(num: sp.Expr, den: sp.Expr) -> sp.Expr:
    """``sympy.factor(sympy.cancel(num/den))``, in a polynomial ring where both are expanded
    polynomials with rational coefficients (the same expression, cheaper)."""
    ring = _ring_elements([num, den]) if den != 0 else None
    if ring is None:
        return sp.factor(sp.cancel(num / den))
    R, (n, d) = ring
    return _factored_ratio(R, _factor_list(n) if n else None, _factor_list(d))


def _bound_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
    """Signs of ``f = a*s + b`` from bounds ``s > X`` of the context: ``f = a*(s - X) + (a*X + b)``.

    This is one step of Fourier-Motzkin elimination with expression coefficients:
    it decides, e.g., ``a*p - v > 0`` from ``p > v/e`` and ``a > e`` (all positive).
    """
    bounds = _bounds(ctx)
    if not bounds:
        return _ALL
    possible = _ALL
    fe = _expanded(f)
    for s in sorted(fe.free_symbols, key=lambda t: t.name):
        mine = [(sg, X) for t, sg, X in bounds if t == s]
        if not mine:
            continue
        lin = _linear_in(fe, s)
        if lin is None:
            continue
        a, b = lin
        asg = signs(a, ctx)
        if asg not in ({1}, {-1}):
            continue
        for sg, X in mine:
            first = _mul_signs(asg, sg)
            second = signs(a * X + b, ctx)
            possible = possible & _add_signs([first, second])
            if len(possible) <= 1:
                return possible
    return possible


def _log_of(term: sp.Expr, ctx: tuple[sp.Basic, ...]) -> sp.Expr | None:
    """``log(term)`` as a sum ``sum k*log(base)`` if every base is positive, else None."""
    out = sp.S.Zero
    for u in sp.Mul.make_args(term):
        base, k = u.as_base_exp()
        if base.is_number:
            if not base.is_positive:
                return None
            out += k * sp.log(base)
            continue
        if signs(base, ctx) != {1}:
            return None
        out += k * sp.log(base, evaluate=False)
    return out


def _transcendental_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
    """Signs of factors outside polynomial algebra: powers, exp, log, and differences of them.

    ``b**k`` is positive for a positive base; ``log(y)`` has the sign of ``y - 1``;
    ``A - B`` with ``A, B > 0`` has the sign of ``log(A) - log(B)`` (logarithms are
    increasing), which decides e.g. ``x**((N+1)/N) - x**(N/(N-1))`` for ``0 < x < 1``.
    """
    if isinstance(f, sp.exp):
        return frozenset({1})
    if isinstance(f, sp.Pow):
        base, k = f.args
        bs = signs(base, ctx)
        if k.is_integer:
            if k.is_even:
                return frozenset(abs(v) for v in bs) - ({0} if k.is_negative else set())
            return bs
        if bs == {1}:
            return frozenset({1})
        if bs <= {0, 1}:
            return frozenset({0, 1})
        return _ALL
    if isinstance(f, sp.log):
        (y,) = f.args
        if signs(y, ctx) == {1}:
            return signs(y - 1, ctx)
        return _ALL
    if isinstance(f, sp.Mul):
        out = frozenset({1})
        for u in f.args:
            out = _mul_signs(out, signs(u, ctx))
        return out
    if isinstance(f, sp.Add):
        terms = f.args
        parts = [signs(t, ctx) for t in terms]
        total = _add_signs(parts)
        if total != _ALL or len(terms) != 2:
            return total
        (A, B), (sa, sb) = terms, parts
        if sa == {-1} and sb == {1}:
            A, B, sa, sb = B, A, sb, sa
        if sa == {1} and sb == {-1}:
            la, lb = _log_of(A, ctx), _log_of(-B, ctx)
            if la is not None and lb is not None:
                # two logs compare as their arguments: c*log(u) - c*log(w) ~ u - w
                d = sp.factor_terms(la - lb)
                return signs(d, ctx)
        for u, w in ((A, -B), (B, -A)):
            if isinstance(u, sp.log) and isinstance(w, sp.log):  # log(u) - log(w) ~ u - w
                return signs(u.args[0] - w.args[0], ctx)
    return _ALL


@lru_cache(maxsize=50000)
def _is_polynomial(f: sp.Expr) -> bool:
    return all(p.exp.is_Integer and p.exp > 0 for p in f.atoms(sp.Pow)) and not f.atoms(sp.Function)


@lru_cache(maxsize=50000)
def _monomial_signs(f: sp.Expr) -> frozenset[int]:
    """Signs of a polynomial from the signs of its terms (each a coefficient times symbols of known sign)."""
    parts = []
    for t in sp.Add.make_args(sp.expand(f)):
        sg = frozenset({1})
        for u in sp.Mul.make_args(t):
            base, k = u.as_base_exp()
            if base.is_number:
                bs = frozenset({1}) if base.is_positive else frozenset({-1}) if base.is_negative else _ALL
            elif base.is_positive:
                bs = frozenset({1})
            elif base.is_negative:
                bs = frozenset({-1})
            elif base.is_nonnegative:
                bs = frozenset({0, 1})
            elif base.is_nonpositive:
                bs = frozenset({-1, 0})
            else:
                return _ALL
            if k.is_Integer and k % 2 == 0:
                bs = frozenset(abs(v) for v in bs)
            sg = _mul_signs(sg, bs)
        parts.append(sg)
    return _add_signs(parts)


def _factor_signs(f: sp.Expr, ctx: tuple[sp.Basic, ...]) -> frozenset[int]:
    """Possible signs of one factor (cached per depth: bound reasoning runs only at the top)."""
    return _factor_signs_at(f, ctx, _depth[0] == 0)


def _assumed_signs(f: sp.Expr, possible: set[int], ctx: tuple[sp.Basic, ...]) -> set[int]:
    """``possible`` narrowed by sympy's assumptions on ``f`` and by relations of the context stating it."""
    if f.is_positive:
        return {1}
    if f.is_negative:
        return {-1}
    if f.is_zero:
        return {0}
    possible = possible & _stated_signs(f, ctx)
    if f.is_nonnegative:
        possible.discard(-1)
    elif f.is_nonpositive:
        possible.discard(1)
    if f.is_nonzero:
        possible.discard(0)
    return possible


@lru_cache(maxsize=20000)
def _factor_signs_at(f: sp.Expr, ctx: tuple[sp.Basic, ...], top: bool) -> frozenset[int]:
    """Possible signs (-1, 0, 1) of an expression under the context.

    Linear expressions are decided exactly against the linear relations of
    the context and the symbols' domains; other factors by the symbols'
    assumptions, by relations of the context that state them, by bounds on
    one symbol, and by the rules for powers, exponentials and logarithms.
    """
    if f.is_number:
        if f.is_zero:
            return frozenset({0})
        if f.is_positive:
            return frozenset({1})
        if f.is_negative:
            return frozenset({-1})
    lin = _linear_signs(f, ctx)
    if lin is not None and len(lin) <= 1:
        return lin
    possible = set(lin) if lin is not None else set(_ALL)
    polynomial = _is_polynomial(f)
    if polynomial:
        # the signs of the terms decide what sympy's assumption queries would (Add/Mul rules), cheaply
        possible &= _monomial_signs(f)
        possible &= _stated_signs(f, ctx)
    else:
        possible = _assumed_signs(f, possible, ctx)
        if len(possible) <= 1:
            return frozenset(possible)
    if len(possible) > 1 and _depth[0] < _MAX_DEPTH:
        _depth[0] += 1
        try:
            if top:  # bounds only at the top: nested elimination costs more than it decides
                possible &= _bound_signs(f, ctx)
            if len(possible) > 1 and lin is None and not polynomial:
                possible &= _transcendental_signs(f, ctx)
        except _SYMPY_ERRORS:
            pass
        finally:
            _depth[0] -= 1
    return frozenset(possible)


def _in_ring(e: sp.Expr, gens: tuple[sp.Symbol, ...]) -> Any:
    """``e`` as an element of ``ZZ[gens]`` (``QQ[gens]`` if a coefficient is not an integer: the
    domain Poly would choose), computed by ring arithmetic along the expression tree; None if
    ``e`` has parts other than rational numbers, the symbols ``gens``, sums, products and
    powers with nonnegative integer exponents."""
    ring = _polynomial_ring(sp.QQ, gens).ring
    where = dict(zip(gens, ring.gens))

    def value(u: sp.Expr) -> Any:
        if u.is_Rational:
            return ring(sp.QQ.from_sympy(u))
        if isinstance(u, sp.Symbol):
            return where[u]  # KeyError: not a generator
        if isinstance(u, sp.Add):
            out = ring.zero
            for a in u.args:
                out += value(a)
            return out
        if isinstance(u, sp.Mul):
            out = ring.one
            for a in u.args:
                out *= value(a)
            return out
        if isinstance(u, sp.Pow) and u.exp.is_Integer and u.exp >= 0:
            return value(u.base) ** int(u.exp)
        raise KeyError(u)

    try:
        p = value(e)
    except KeyError:
        return None
    if all(c.denominator == 1 for c in p.values()):
        return p.set_ring(_polynomial_ring(sp.ZZ, gens).ring)
    return p


def _linear_coprime(p: Any) -> bool:
    """Whether ``p = A*x + B`` for a variable ``x`` of degree one in ``p``, with ``gcd(A, B)`` constant."""
    ring = p.ring
    degrees = p.degrees()
    for i, d in enumerate(degrees):
        if d != 1:
            continue
        a = {m[:i] + (0,) + m[i + 1 :]: c for m, c in p.iterterms() if m[i]}
        b = {m: c for m, c in p.iterterms() if not m[i]}
        if not b:
            return False  # x divides p
        return ring.from_dict(a).gcd(ring.from_dict(b)).is_ground
    return False


@lru_cache(maxsize=20000)
def _factor_list(p: Any) -> tuple[Any, list[tuple[Any, int]]]:
    """``p.factor_list()`` for a polynomial ring element over ZZ or QQ.

    An irreducible polynomial's factorisation is written down directly: the
    content (sign of the leading coefficient included) and the primitive integer
    polynomial.  Irreducible here: of total degree one, or of degree one in some
    variable ``x`` with ``p = A*x + B`` and ``gcd(A, B)`` constant (a factor of
    degree zero in ``x`` would divide both).  Other polynomials go to the
    multivariate factoriser.
    """
    if not p:
        return p.factor_list()
    if max(sum(m) for m in p.itermonoms()) != 1 and not _linear_coprime(p):
        return p.factor_list()
    dom = p.ring.domain
    if dom.is_QQ:
        den = math.lcm(*(int(c.denominator) for c in p.itercoeffs()))
        cont = math.gcd(*(int(c.numerator) * (den // int(c.denominator)) for c in p.itercoeffs()))
        c = dom(cont, den)
    else:
        c = dom(math.gcd(*(int(v) for v in p.itercoeffs())))
    if dom.is_negative(p.LC):
        c = -c
    return c, [(p.quo_ground(c), 1)]


@lru_cache(maxsize=50000)
def _factors(part: sp.Expr) -> tuple[tuple[sp.Expr, Any], ...]:
    """``part`` as ``((factor, power), ...)`` (a constant factor included), never raising."""
    if not part.free_symbols:
        return ((part, 1),)
    if isinstance(part, sp.Mul) or (isinstance(part, sp.Pow) and part.exp.is_Integer and part.exp > 0):
        # factor a product factor by factor instead of expanding it first
        const = sp.S.One
        powers: dict[sp.Expr, Any] = {}
        for u in sp.Mul.make_args(part):
            base, k = u.as_base_exp() if not u.is_number else (u, sp.S.One)
            if not (k.is_Integer and k > 0) or base is part:
                break
            for f, j in _factors(base):
                if f.is_number:
                    const *= f ** (j * k)
                else:
                    powers[f] = powers.get(f, 0) + j * k
        else:
            return ((const, 1),) + tuple(powers.items())
    try:
        if _is_polynomial(part):
            # a polynomial is factored as one (sp.factor_list would first bring it over a
            # common denominator with together(), the costly part)
            gens = tuple(sorted(part.free_symbols, key=sp.default_sort_key))
            element = _in_ring(part, gens)
            if element is not None:
                # the factorisation Poly(part, *gens).factor_list() computes (same dense
                # representation and algorithm), without expanding ``part`` as an expression
                c, factors = _factor_list(element)
                R = element.ring
                return ((R.domain.to_sympy(c), 1),) + tuple((f.as_expr(), k) for f, k in factors)
            poly = sp.Poly(part, *gens)
            if poly.domain.is_ZZ or poly.domain.is_QQ:
                c, factors = poly.factor_list()
                return ((poly.domain.to_sympy(c), 1),) + tuple((f.as_expr(), k) for f, k in factors)
        c, factors = sp.factor_list(part)
        return ((sp.sympify(c), 1),) + tuple((f, k) for f, k in factors)
    except _SYMPY_ERRORS:
        out = []
        for u in sp.Mul.make_args(part):
            base, k = u.as_base_exp()
            out.append((base, k) if k.is_Integer else (u, 1))
        return tuple(out)


@lru_cache(maxsize=50000)
def _fraction_factors(e: sp.Expr) -> tuple[tuple[sp.Expr, Any, bool], ...]:
    """Factors of numerator and denominator of ``e``: ``((factor, power, in_denominator), ...)``."""
    if not any(p.exp.is_negative or not p.exp.is_Integer for p in e.atoms(sp.Pow)):
        num, den = e, sp.S.One  # a polynomial: no common denominator to find
    else:
        try:
            e = sp.factor_terms(sp.together(e))
        except _SYMPY_ERRORS:
            pass
        num, den = sp.fraction(e)
    return tuple((f, k, False) for f, k in _factors(num)) + tuple((f, k, True) for f, k in _factors(den))


def signs(e: Any, ctx: Sequence[sp.Basic] = ()) -> frozenset[int]:
    """Possible signs (-1, 0, 1) of an expression under a context, from the signs of its factors.

    Sound: a sign is left out only if it is proved impossible (where the expression
    is defined: a denominator is never zero).  Never raises on expressions sympy
    can build; what cannot be reasoned about gets all three signs.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y", positive=True)
    >>> sorted(signs(x / (x + y))), sorted(signs(x - y, [x > y])), sorted(signs(x - y))
    ([1], [1], [-1, 0, 1])
    """
    return _signs(sp.sympify(e), tuple(ctx), _depth[0] == 0)


@lru_cache(maxsize=50000)
def _signs(e: sp.Expr, ctx: tuple[sp.Basic, ...], top: bool = True) -> frozenset[int]:
    del top  # part of the cache key: results found without bound reasoning are weaker
    result = frozenset({1})
    for f, k, is_den in _fraction_factors(e):
        fs = _factor_signs(f, ctx)
        if is_den and fs != {0}:
            fs = fs - {0}
        if int(k) % 2 == 0:  # powers are integers: other exponents stay inside the factor
            fs = frozenset(abs(v) for v in fs)
        result = _mul_signs(result, fs)
        if result == {0} or result == _ALL:
            break
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


def _tidy(num: sp.Expr, den: sp.Expr, ctx: tuple[sp.Basic, ...] = ()) -> sp.Expr:
    """Factor a ratio; write it with a denominator of known positive sign if possible."""
    e = _factor_ratio(num, den)
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
    return rel_type(lhs, rhs, evaluate=False)


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
    diff = rel.lhs - rel.rhs
    terms = sp.Add.make_args(diff)
    if len(terms) == 2:
        # log(u) - log(w) compares as u - w (the logarithm is increasing)
        for u, w in ((terms[0], -terms[1]), (terms[1], -terms[0])):
            if isinstance(u, sp.log) and isinstance(w, sp.log):
                return _normalize(rel_type(u.args[0], w.args[0]), ctx, prefer)
    facs = _fraction_factors(diff)
    ds = frozenset({1})
    for f, k, is_den in facs:
        if is_den:
            fs = _factor_signs(f, ctx) - {0} or frozenset({0})
            ds = _mul_signs(ds, frozenset(abs(v) for v in fs) if int(k) % 2 == 0 else fs)
    sign = 1
    if ds == {1}:
        pass
    elif ds == {-1}:
        sign = -1
    elif rel_type in (sp.Equality, sp.Unequality) and 0 not in ds:
        pass
    else:
        try:
            return rel_type(sp.factor(sp.together(diff)), 0, evaluate=False)
        except _SYMPY_ERRORS:
            return rel_type(diff, 0, evaluate=False)
    # drop constant/known-sign factors
    kept = []
    for f, k, is_den in facs:
        if is_den:
            continue
        if f.is_number:
            if f.is_negative and k % 2 == 1:
                sign = -sign
            continue
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
            lin = _linear_in(sp.expand(core), s)  # None for e.g. (I - q)**(1 - alpha)
            if lin is None:
                continue
            a, b = lin
            asg = signs(a, ctx)
            if asg == {1}:
                return rel_type(s, _tidy(-b, a, ctx), evaluate=False)
            if asg == {-1}:
                return _flip(rel_type)(s, _tidy(-b, a, ctx), evaluate=False)
    if len(kept) > 1 or (len(kept) == 1 and kept[0].is_Pow):
        return rel_type(core, 0, evaluate=False)
    return _split(rel_type, sp.expand(core))


def boundary_factors(cond: Any) -> list[sp.Expr]:
    """The distinct factors (up to sign) of the relations of a condition: candidate boundaries.

    Examples
    --------
    >>> import sympy as sp
    >>> p, e, v = sp.symbols("p e v", positive=True)
    >>> boundary_factors(sp.And(p * (e - 1) > 0, p < v / e))
    [p, e - 1, e*p - v]
    """
    out: list[sp.Expr] = []
    cases = cond.args if isinstance(cond, sp.Or) else [cond]
    for case in cases:
        for a in atoms(case):
            if not isinstance(a, _RELS):
                continue
            for f, _k, den in _fraction_factors(a.lhs - a.rhs):
                if f.is_number or den:  # a denominator's zero set is where the relation is undefined
                    continue
                key = sp.expand(f)
                key = -key if key.could_extract_minus_sign() else key
                if key not in out:
                    out.append(key)
    return out


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


def _cannot(a: sp.Basic) -> str:
    if a is sp.false:
        return "a best-response or positivity condition fails for every parameter value"
    return f"{format_conditions(a)} cannot hold under the parameters' domains and assumptions"


def _substituted(rel: sp.Basic, sub: Mapping[sp.Symbol, sp.Expr]) -> sp.Basic:
    """``rel`` with ``sub`` substituted, left unevaluated (it is normalised next: evaluating the
    relation would only repeat, through sympy's slower assumption queries, the sign decision)."""
    if isinstance(rel, _RELS):
        return type(rel)(rel.lhs.xreplace(sub), rel.rhs.xreplace(sub), evaluate=False)
    return rel.xreplace(sub)


def _simplify(
    relations: Iterable[Any],
    ctx: tuple[sp.Basic, ...],
    prefer: tuple[sp.Symbol, ...],
    thorough: bool = True,
    light: bool = False,
) -> tuple[sp.Basic, str]:
    """:func:`simplify_conditions` with the reason when the result is ``false``; ``light`` decides
    only the linear relations against the others (exact), and keeps the nonlinear ones as they are."""
    rels: list[sp.Basic] = []
    for r in relations:
        for a in atoms(r):
            n = normalize(a, ctx, prefer)
            if n is sp.false:
                return sp.false, _cannot(a)
            if n is sp.true:
                continue
            if n not in rels:
                rels.append(n)
    # merge x >= a and x <= a into x = a
    merged: list[sp.Basic] = []
    for r in rels:
        if isinstance(r, sp.GreaterThan) and sp.LessThan(r.lhs, r.rhs, evaluate=False) in rels:
            eq = sp.Eq(r.lhs, r.rhs, evaluate=False)
            if eq not in merged:
                merged.append(eq)
            continue
        if isinstance(r, sp.LessThan) and sp.GreaterThan(r.lhs, r.rhs, evaluate=False) in rels:
            continue
        merged.append(r)
    rels = merged
    if not thorough:
        return (sp.And(*rels) if rels else sp.true), ""
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
                        n = normalize(_substituted(o, {r.lhs: r.rhs}), ctx, prefer)
                        changed = True
                    else:
                        n = o
                    if n is sp.false:
                        return sp.false, f"{format_conditions(o)} cannot hold where {format_conditions(r)}"
                    if n is not sp.true and n not in others:
                        others.append(n)
                if changed:
                    rels = [r] + others
                    break
    # drop relations implied by the others; detect contradictions (exact for linear relations:
    # each decision is a Fourier-Motzkin feasibility test of the others with the relation's negation)
    kept = list(rels)
    for r in list(kept):
        if light and not is_linear(r):
            continue  # kept as is: deciding it against the others is the costly part
        others = tuple(o for o in kept if o is not r)
        verdict = decide(r, ctx + others) if len(kept) > 1 else None
        if verdict is True:
            kept.remove(r)
        elif verdict is False:
            return (
                sp.false,
                f"{format_conditions(r)} cannot hold together with {format_conditions(sp.And(*others))}",
            )
    return (sp.And(*kept) if kept else sp.true), ""


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
    into the other relations and relations implied by the others are dropped.
    Returns ``sympy.false`` when the relations are found unable to hold
    together (exactly for linear relations).

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y", positive=True)
    >>> simplify_conditions([x > y, x > 0, 2 * x > 2 * y])
    x > y
    >>> simplify_conditions([x > y, y > x])
    False
    """
    return _simplify(relations, tuple(ctx), tuple(prefer), thorough)[0]


def _product_cases(rel: sp.Basic, ctx: tuple[sp.Basic, ...], limit: int = 16) -> list[list[sp.Basic]] | None:
    """The sign cases of a product relation ``f1**k1 * f2**k2 ... rel 0`` (normal form), or None.

    Each case is a list of relations on single factors; the relation holds iff
    one case holds.  ``None`` when ``rel`` is not a product of at least two
    factors of undecided sign.
    """
    if not isinstance(rel, _RELS) or rel.rhs != 0 or not isinstance(rel.lhs, sp.Mul):
        return None
    allowed = set(_OK[type(rel)])
    facs: list[tuple[sp.Expr, frozenset[int]]] = []
    for u in rel.lhs.args:
        base, k = u.as_base_exp()
        if u.is_number:
            if u.is_negative:
                allowed = {-v for v in allowed}
            continue
        if not (k.is_Integer and k > 0):
            return None
        fs = _factor_signs(base, ctx)
        if k % 2 == 0:  # an even power only says whether the base is zero
            facs.append((base, frozenset({0} if 0 in fs else set()) | ({2} if fs - {0} else set())))
        else:
            facs.append((base, fs))
    undecided = [f for f, fs in facs if len(fs) > 1]
    if len(undecided) < 2 and not (undecided and any(2 in fs for _, fs in facs)):
        if len(undecided) < 2:
            return None
    if isinstance(rel, sp.Unequality):
        return [[sp.Ne(f, 0, evaluate=False) for f, fs in facs if 0 in fs]]
    if isinstance(rel, sp.Equality):
        return [[sp.Eq(f, 0, evaluate=False)] for f, fs in facs if 0 in fs]

    def sign_of(v: int) -> int:
        return 1 if v == 2 else v

    cases: list[list[sp.Basic]] = []
    weak = 0 in allowed
    if weak:
        cases += [[sp.Eq(f, 0, evaluate=False)] for f, fs in facs if 0 in fs]
    choices = [sorted(fs - {0}) for _, fs in facs]
    n = 0
    for combo in itertools.product(*choices):
        prod = 1
        for v in combo:
            prod *= sign_of(v)
        if prod not in allowed:
            continue
        n += 1
        if n > limit:
            return None
        case = []
        for (f, fs), v in zip(facs, combo):
            if len(fs - {0}) == 1 and (weak or 0 not in fs):
                continue  # the sign is known (up to zero, which a weak relation allows)
            if v == 2:
                case.append(sp.Ne(f, 0, evaluate=False))
            elif weak:
                case.append(sp.GreaterThan(f, 0, evaluate=False) if v > 0 else sp.LessThan(f, 0, evaluate=False))
            else:
                case.append(
                    sp.StrictGreaterThan(f, 0, evaluate=False) if v > 0 else sp.StrictLessThan(f, 0, evaluate=False)
                )
        cases.append(case)
    return cases


@dataclass(frozen=True)
class Solved:
    """Conditions in solved form: the cases (conjunctions) under which they hold.

    ``cases`` is empty when the conditions cannot hold; ``dropped`` lists the
    cases found impossible with the reason.
    """

    cases: tuple[sp.Basic, ...]
    dropped: tuple[tuple[Any, str], ...]

    @property
    def condition(self) -> sp.Basic:
        """The disjunction of the cases (``sympy.false`` if none)."""
        if not self.cases:
            return sp.false
        return self.cases[0] if len(self.cases) == 1 else sp.Or(*self.cases, evaluate=False)


def _linear_feasible(rels: Sequence[sp.Basic], ctx: tuple[sp.Basic, ...]) -> bool:
    """False only if the linear relations among ``rels``, the context and the domains cannot hold
    together (exact Fourier-Motzkin); nonlinear relations are ignored (sound)."""
    cons = _linear_constraints(tuple(rels))
    if not cons:
        return True
    base = _linear_constraints(ctx) + cons
    syms = {s for c, _, _ in base for s in c}
    return _feasible(base + _domain_constraints(syms)) is not False


def drop_contained(cases: Sequence[sp.Basic], ctx: Sequence[sp.Basic] = ()) -> list[sp.Basic]:
    """The cases (conjunctions) without those contained in another: a case that implies another
    case (as far as :func:`decide` can tell) is dropped; of equal cases the first is kept.

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol("x", real=True)
    >>> drop_contained([sp.And(x > 1, x < 2), x > 0])
    [x > 0]
    """
    ctx = tuple(ctx)
    removed: set[int] = set()
    for i, c in enumerate(cases):
        for j, d in enumerate(cases):
            if j != i and j not in removed and _implies(c, d, ctx):
                removed.add(i)
                break
    return [c for i, c in enumerate(cases) if i not in removed]


def _implies(a: sp.Basic, b: sp.Basic, ctx: tuple[sp.Basic, ...]) -> bool:
    """Whether conjunction ``a`` implies conjunction ``b`` (as far as :func:`decide` can tell)."""
    if b is sp.true:
        return True
    extra = tuple(atoms(a))
    return all(decide(r, ctx + extra) is True for r in atoms(b))


def solve_conditions(
    relations: Iterable[Any],
    ctx: Sequence[sp.Basic] = (),
    prefer: Sequence[sp.Symbol] = (),
    *,
    split: bool | str = True,
    max_cases: int = 4,
) -> Solved:
    """Relations in solved form: bounds on one parameter, products split into their sign cases.

    Each relation is normalised (:func:`normalize`: known-sign factors cleared,
    solved for a parameter where it is linear in one with a coefficient of known
    sign).  A product with several factors of undecided sign is split into the
    cases of its factors' signs (``(x - y)*(x - z) > 0`` holds iff ``x > y`` and
    ``x > z``, or ``x < y`` and ``x < z``); each case is simplified and checked
    (:func:`simplify_conditions`); impossible cases are dropped with the reason
    and cases contained in another case are merged into it.

    Parameters
    ----------
    relations : iterable of sympy relations
    ctx : sequence of sympy relations
        The context (:func:`context_of`).
    prefer : sequence of Symbol
        Symbols to solve for first.
    split : bool or "equalities"
        Split products into cases (otherwise one case, the simplified conjunction);
        ``"equalities"`` splits only products equal to zero (``f*g = 0``: ``f = 0`` or
        ``g = 0``), which is cheap and makes a tie set explicit.
    max_cases : int
        Do not split when the cases would be more than this many.

    Examples
    --------
    >>> import sympy as sp
    >>> p = sp.Symbol("p", nonnegative=True)
    >>> a, e = sp.symbols("a e", positive=True)
    >>> solve_conditions([p * (a - e) <= 0]).cases
    (a <= e, Eq(p, 0))
    >>> solve_conditions([(a - 1) * (e - 1) > 0]).cases
    ((a > 1) & (e > 1), (a < 1) & (e < 1))
    """
    ctx = tuple(ctx)
    prefer = tuple(prefer)
    base: list[sp.Basic] = []
    for r in relations:
        for a in atoms(r):
            n = normalize(a, ctx, prefer)
            if n is sp.false:
                return Solved((), (((a,), _cannot(a)),))
            if n is not sp.true and n not in base:
                base.append(n)
    options: list[list[list[sp.Basic]]] = []
    for r in base:
        pc = (
            _product_cases(r, ctx)
            if split == "equalities" and isinstance(r, sp.Equality) or split is True
            else None
        )
        options.append(pc if pc else [[r]])
    # combine the relations' cases one relation at a time, pruning combinations whose linear
    # relations cannot hold together (exact and cheap), so that a product is split whenever its
    # feasible cases stay few, even if the cases of all products together would be many
    combos: list[list[sp.Basic]] = [[]]
    dropped: list[tuple[Any, str]] = []
    for r, o in zip(base, options):
        if len(o) == 1:
            combos = [c + o[0] for c in combos]
            continue
        grown = [c + part for c in combos for part in o]
        grown = [c for c in grown if _linear_feasible(c, ctx)]
        if not grown:
            others = [x for x in base if x is not r]
            why = f"no sign case of {format_conditions(r)} can hold"
            if others:
                why += f" together with {format_conditions(sp.And(*others))}"
            return Solved((), ((base, why),))
        combos = [c + [r] for c in combos] if len(grown) > max_cases else grown
    cases: list[sp.Basic] = []
    for rels in combos:
        cond, why = _simplify(rels, ctx, prefer, light=split == "equalities")
        if cond is sp.false:
            dropped.append((rels, why))
        elif cond not in cases:
            cases.append(cond)
    cases = drop_contained(cases, ctx)
    # full-dimensional cases first, then by sympy's canonical order (reproducible output)
    order = sorted(
        cases, key=lambda c: (sum(isinstance(a, sp.Equality) for a in atoms(c)), sp.default_sort_key(c))
    )
    return Solved(tuple(order), tuple(dropped))


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


def _item_text(item: tuple[Any, ...]) -> str:
    if item[0] == "chain":
        return f"{item[1]} {item[2]} {item[3]} {item[4]} {item[5]}"
    if item[0] == "rel":
        return f"{item[1]} {item[2]} {item[3]}"
    return str(item[1])


def format_conditions(cond: sp.Basic, names: Sequence[str] = ()) -> str:
    """Conditions as a reader writes them: chains ``lo < x < hi``, ``and`` between relations,
    one ``or`` between cases (each preceded by its name, if given).

    The plain-text twin of :func:`latex_conditions` (both read the relations
    through :func:`alliancegames.core.latex.relation_items`).

    Examples
    --------
    >>> import sympy as sp
    >>> q, r, g, c = sp.symbols("q r g c", positive=True)
    >>> format_conditions(sp.And(q > r / c, q < 2 * g / c, r < g))
    'r < g and r/c < q < 2*g/c'
    """
    if cond is sp.true or cond is True:
        return "always"
    if cond is sp.false or cond is False:
        return "never"
    parts = []
    for k, case in enumerate(condition_cases(cond)):
        text = " and ".join(_item_text(i) for i in relation_items(case)) or "always"
        name = names[k] if k < len(names) and names[k] else ""
        parts.append(f"{name}: {text}" if name else text)
    return " or ".join(parts) if len(parts) == 1 or not names else "; or ".join(parts)
