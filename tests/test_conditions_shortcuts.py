"""The conditions kernel's shortcuts give exactly what the sympy calls they replace give.

The kernel reads polynomials into sympy's polynomial rings, writes down the
factorisation of irreducible polynomials, reads linear coefficients off the
terms and runs Fourier-Motzkin in integers (all for speed).  Each shortcut must
return the very object sympy's own route returns (same factors, same order,
same coefficients), so that conditions print the same whatever path was taken;
these properties pin that down on random polynomials, also against future
sympy releases (which could change a convention the shortcut copies).
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from _budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancegames.analysis import conditions as C

A, B, X10, X2 = sp.symbols("a b x10 x2", real=True)
P = sp.Symbol("p", positive=True)
SYMBOLS = (A, B, X10, X2, P)

coefficients = st.fractions(min_value=-6, max_value=6, max_denominator=3)


@st.composite
def linear(draw):
    """A random linear polynomial (possibly constant) in a few of the symbols."""
    syms = draw(st.lists(st.sampled_from(SYMBOLS), min_size=1, max_size=3, unique=True))
    terms = [sp.Rational(draw(coefficients)) * s for s in syms]
    return sp.Add(*terms, sp.Rational(draw(coefficients)))


@st.composite
def polynomial(draw):
    """A random polynomial built as products and sums of linear ones (not expanded)."""
    e = draw(linear())
    for _ in range(draw(st.integers(0, 2))):
        other = draw(linear())
        e = e * other if draw(st.booleans()) else e * other + draw(linear())
    return e


def _poly_route(part: sp.Expr) -> tuple:
    """What the kernel computed before its shortcuts: Poly(...).factor_list()."""
    poly = sp.Poly(part, *sorted(part.free_symbols, key=sp.default_sort_key))
    c, factors = poly.factor_list()
    return ((poly.domain.to_sympy(c), 1),) + tuple((f.as_expr(), k) for f, k in factors)


@settings(max_examples=examples(25, 300), deadline=None)
@given(polynomial())
def test_factors_of_a_polynomial_are_sympys(part):
    if not part.free_symbols or isinstance(part, (sp.Mul, sp.Pow, sp.Symbol)):
        return  # products are factored factor by factor (a separate rule)
    C.clear_caches()
    assert sp.srepr(C._factors(part)) == sp.srepr(_poly_route(part))


@settings(max_examples=examples(25, 300), deadline=None)
@given(polynomial())
def test_written_down_factorisations_are_sympys(part):
    gens = tuple(sorted(part.free_symbols, key=sp.default_sort_key))
    if not gens:
        return
    element = C._in_ring(part, gens)
    C.clear_caches()
    assert C._factor_list(element) == element.factor_list()


@settings(max_examples=examples(25, 300), deadline=None)
@given(polynomial(), polynomial())
def test_factored_ratio_is_sympys_factor(num, den):
    num, den = sp.expand(num), sp.expand(den)
    if den == 0:
        return
    assert sp.srepr(C._factor_ratio(num, den)) == sp.srepr(sp.factor(sp.cancel(num / den)))


@settings(max_examples=examples(25, 300), deadline=None)
@given(polynomial(), st.sampled_from(SYMBOLS))
def test_linear_coefficients_are_polys(part, s):
    f = sp.expand(part)
    C.clear_caches()
    try:
        poly = sp.Poly(f, s)
        expected = tuple(poly.all_coeffs()) if poly.degree() == 1 else None
    except sp.PolynomialError:
        expected = None
    got = C._linear_in(f, s)
    assert (got is None and expected is None) or sp.srepr(got) == sp.srepr(expected)


@settings(max_examples=examples(25, 300), deadline=None)
@given(polynomial())
def test_linear_form_is_the_expansions(part):
    C.clear_caches()
    expected = None
    e = sp.expand(part)
    coeffs: dict = {}
    const = Fraction(0)
    for t in sp.Add.make_args(e):
        c, rest = t.as_coeff_Mul()
        if rest == 1:
            const += Fraction(int(c.p), int(c.q))
        elif isinstance(rest, sp.Symbol):
            coeffs[rest] = coeffs.get(rest, Fraction(0)) + Fraction(int(c.p), int(c.q))
        else:
            break
    else:
        expected = ({s: v for s, v in coeffs.items() if v}, const)
    assert C._linear_form_cached(part) == expected


def _feasible_in_fractions(cons):
    """Fourier-Motzkin in rationals, the kernel's original formulation."""
    syms = sorted({s for c, _, _ in cons for s in c}, key=lambda s: s.name)
    rows = [(tuple(c.get(s, Fraction(0)) for s in syms), k, op) for c, k, op in cons]
    while True:
        eq = next((r for r in rows if r[2] == "=" and any(r[0])), None)
        if eq is None:
            break
        j = next(i for i, a in enumerate(eq[0]) if a != 0)
        rows = [
            (tuple(a - r[0][j] / eq[0][j] * b for a, b in zip(r[0], eq[0])), r[1] - r[0][j] / eq[0][j] * eq[1], r[2])
            for r in rows
            if r is not eq
        ]
    for j in range(len(syms)):
        pos = [r for r in rows if r[0][j] > 0]
        neg = [r for r in rows if r[0][j] < 0]
        rest = [r for r in rows if r[0][j] == 0]
        for lo in pos:
            for up in neg:
                a, b = -up[0][j], lo[0][j]
                op = ">" if ">" in (lo[2], up[2]) else ">="
                rest.append((tuple(a * x + b * y for x, y in zip(lo[0], up[0])), a * lo[1] + b * up[1], op))
        rows = rest
    return all(
        any(v) or (op == ">" and k > 0) or (op == ">=" and k >= 0) or (op == "=" and k == 0) for v, k, op in rows
    )


constraint = st.tuples(
    st.dictionaries(st.sampled_from((A, B, X10)), coefficients.filter(bool), min_size=1, max_size=3),
    coefficients,
    st.sampled_from((">", ">=", "=")),
)


@settings(max_examples=examples(40, 400), deadline=None)
@given(st.lists(constraint, min_size=1, max_size=6))
def test_integer_fourier_motzkin_decides_as_rational_elimination(cons):
    assert C._feasible(cons) == _feasible_in_fractions(cons)
