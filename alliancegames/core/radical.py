"""Exact arithmetic with real radicals of rationals: the number field behind irrational payoffs.

The library's non-polynomial models (e.g. burden sharing's ``(I - q)**(1 - a) * Q**a``)
evaluate, at rational parameter values, to sums of rational multiples of
products of real roots of primes, ``3*sqrt(7)/5``, ``13*sqrt(6)/12``,
``2**(2/3)*3**(1/3)``.  A :class:`Radical` holds such a number as
``{monomial: Fraction}``, a monomial being a product ``p1**e1 * p2**e2 * ...`` of
distinct primes with rational exponents ``0 < e < 1``.

Why this is exact
-----------------
By Besicovitch's theorem (A. S. Besicovitch 1940, "On the linear independence of
fractional powers of integers", *J. London Math. Soc.* 15; recalled, not
re-checked here) the positive real roots ``p1**(k1/b1) * ... * pr**(kr/br)``
(distinct primes, ``0 <= kj < bj``) are linearly independent over the rationals,
and ``Q(p1**(1/b1), ..., pr**(1/br))`` has degree ``b1 * ... * br``.  So a number
is zero exactly when all its coefficients are zero: equality is decided by the
representation, never numerically.  The sign of a non-zero number is read from
a rigorous interval (integer roots at increasing precision), which excludes 0
after finitely many refinements because the number is not 0.

Every field operation is closed: sums and products merge monomials (``p**(e1+e2)``
with ``e1 + e2 >= 1`` gives a factor ``p``), and an inverse solves the ``b x b``
multiplication system over the subfield without ``p`` (``x**b - p`` is
irreducible over it, by the degree statement above).

:func:`from_sympy` converts a sympy real number built from rationals by ``+``,
``*``, integer powers and rational powers of positive rationals; anything else
(``pi``, ``log(2)``, nested radicals, huge radicands that cannot be factored
quickly) gives ``None`` and callers use their general (slower) method.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from math import lcm
from typing import Any

import sympy as sp
from sympy.ntheory import factorint

__all__ = ["Radical", "as_quotient", "field_degree", "from_sympy", "quotient_to_sympy"]

Monomial = tuple[tuple[int, Fraction], ...]  # ((prime, exponent in (0, 1)), ...), primes increasing

#: Largest numerator and denominator of an exponent handled exactly: integer powers
#: ``(1 + sqrt(2))**n`` expanded by :func:`from_sympy`, and rational exponents of
#: parameters (``q**alpha``) that :func:`alliancegames.core.numeric.evaluate`
#: accepts (sympy itself would raise a prime to the numerator's power).
MAX_POWER = 1000
#: Largest field degree in which an inverse is computed (a dense element of
#: degree ``D`` has ``D`` terms; beyond this, quotients are kept as ``num / den``).
MAX_INVERSE_DEGREE = 64
#: Radicands are factored by trial division up to this bound; the cofactor left
#: must be below 2**64 (factored exactly there) or the number is not converted.
_TRIAL = 2**16


def _mono_mul(a: Monomial, b: Monomial) -> tuple[Monomial, int]:
    """Product of two monomials: the reduced monomial and the integer factor it sheds."""
    if not a:
        return b, 1
    if not b:
        return a, 1
    out: dict[int, Fraction] = dict(a)
    factor = 1
    for p, e in b:
        f = out.get(p, 0) + e
        if f >= 1:
            f -= 1
            factor *= p
        if f:
            out[p] = f
        else:
            out.pop(p, None)
    return tuple(sorted(out.items())), factor


class Radical:
    """An exact real number ``sum(c * monomial)`` (see the module docstring).

    Supports ``+ - * /`` with ``int``, ``Fraction`` and other ``Radical`` values,
    exact ``==`` and ordering; :meth:`sign` is exact.

    Examples
    --------
    >>> r = from_sympy(sp.sqrt(2))
    >>> (r * r) == 2, (1 / (1 + r)).to_sympy()
    (True, -1 + sqrt(2))
    >>> (from_sympy(13 * sp.sqrt(6) / 12) - from_sympy(sp.sqrt(sp.Rational(169, 24)))).sign()
    0
    """

    __slots__ = ("terms",)

    def __init__(self, terms: dict[Monomial, Fraction] | None = None) -> None:
        self.terms: dict[Monomial, Fraction] = terms or {}

    # ------------------------------------------------------------------ construction
    @staticmethod
    def rational(q: Any) -> Radical:
        q = Fraction(q)
        return Radical({(): q} if q else {})

    @staticmethod
    def root(p: int, e: Fraction) -> Radical:
        """``p**e`` for a prime ``p`` and ``0 < e < 1``."""
        return Radical({((p, e),): Fraction(1)})

    # ------------------------------------------------------------------ arithmetic
    @staticmethod
    def _of(v: Any) -> Radical:
        if isinstance(v, Radical):
            return v
        if isinstance(v, (int, Fraction)):
            return Radical.rational(v)
        return NotImplemented  # type: ignore[return-value]

    def __add__(self, other: Any) -> Radical:
        o = Radical._of(other)
        if o is NotImplemented:
            return NotImplemented
        out = dict(self.terms)
        for k, c in o.terms.items():
            v = out.get(k, 0) + c
            if v:
                out[k] = v
            else:
                out.pop(k, None)
        return Radical(out)

    __radd__ = __add__

    def __neg__(self) -> Radical:
        return Radical({k: -c for k, c in self.terms.items()})

    def __sub__(self, other: Any) -> Radical:
        o = Radical._of(other)
        if o is NotImplemented:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other: Any) -> Radical:
        return (-self) + other

    def __mul__(self, other: Any) -> Radical:
        if isinstance(other, (int, Fraction)):
            return Radical({k: c * other for k, c in self.terms.items()} if other else {})
        if not isinstance(other, Radical):
            return NotImplemented
        out: dict[Monomial, Fraction] = {}
        for k1, c1 in self.terms.items():
            for k2, c2 in other.terms.items():
                k, f = _mono_mul(k1, k2)
                v = out.get(k, 0) + c1 * c2 * f
                if v:
                    out[k] = v
                else:
                    out.pop(k, None)
        return Radical(out)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Radical:
        if isinstance(other, (int, Fraction)):
            return self * (1 / Fraction(other))
        if not isinstance(other, Radical):
            return NotImplemented
        return self * other.inverse()

    def __rtruediv__(self, other: Any) -> Radical:
        return Radical._of(other) * self.inverse()

    def __pow__(self, n: int) -> Radical:
        if not isinstance(n, int):
            return NotImplemented
        base = self if n >= 0 else self.inverse()
        out, n = Radical.rational(1), abs(n)
        while n:
            if n & 1:
                out = out * base
            n >>= 1
            if n:
                base = base * base
        return out

    def inverse(self) -> Radical:
        """``1 / self`` exactly (``ZeroDivisionError`` for 0)."""
        if not self.terms:
            raise ZeroDivisionError("Radical division by zero")
        primes = {p for k in self.terms for p, _ in k}
        if not primes:
            return Radical.rational(1 / self.terms[()])
        if len(self.terms) == 1:  # a single monomial c * prod p**e: invert each root
            (k, c), = self.terms.items()
            out = Radical.rational(1 / c)
            for p, e in k:
                out = out * Radical({((p, 1 - e),): Fraction(1, p)})
            return out
        p = max(primes)
        b = lcm(*(e.denominator for k in self.terms for q, e in k if q == p))
        # self = sum_i c_i t**i with t = p**(1/b) and c_i free of p
        c = [Radical() for _ in range(b)]
        for k, v in self.terms.items():
            rest = tuple((q, e) for q, e in k if q != p)
            i = next((int(e * b) for q, e in k if q == p), 0)
            c[i] = c[i] + Radical({rest: v})
        if b == 2:  # (u + v t)**-1 = (u - v t) / (u**2 - p v**2)
            u, v = c
            t = Radical.root(p, Fraction(1, 2))
            return (u - v * t) * (u * u - v * v * p).inverse()
        # columns: self * t**k; solve M x = e_0 over the subfield by Gauss-Jordan
        M = [[(c[r - k] if r >= k else c[r - k + b] * p) for k in range(b)] + [Radical.rational(int(r == 0))] for r in range(b)]
        for col in range(b):
            piv = next(r for r in range(col, b) if M[r][col])
            M[col], M[piv] = M[piv], M[col]
            inv = M[col][col].inverse()
            M[col] = [v * inv for v in M[col]]
            for r in range(b):
                if r != col and M[r][col]:
                    f = M[r][col]
                    M[r] = [v - f * w for v, w in zip(M[r], M[col])]
        out = Radical()
        for r in range(b):
            out = out + M[r][b] * (Radical.root(p, Fraction(r, b)) if r else Radical.rational(1))
        return out

    # ------------------------------------------------------------------ comparison
    def __bool__(self) -> bool:
        return bool(self.terms)

    def __eq__(self, other: object) -> bool:
        o = Radical._of(other)
        if o is NotImplemented:
            return NotImplemented
        return not (self - o).terms

    def __hash__(self) -> int:
        return hash(frozenset(self.terms.items()))

    def __lt__(self, other: Any) -> bool:
        return (self - other).sign() < 0

    def __le__(self, other: Any) -> bool:
        return (self - other).sign() <= 0

    def __gt__(self, other: Any) -> bool:
        return (self - other).sign() > 0

    def __ge__(self, other: Any) -> bool:
        return (self - other).sign() >= 0

    def is_rational(self) -> bool:
        return all(not k for k in self.terms)

    def sign(self) -> int:
        """The exact sign: 0 by the representation, otherwise from a rigorous interval."""
        if not self.terms:
            return 0
        if self.is_rational():
            return 1 if self.terms[()] > 0 else -1
        prec = 64
        while True:
            lo, hi = self._interval(prec)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            prec *= 4  # non-zero, so the interval shrinks away from 0 eventually

    def _interval(self, prec: int) -> tuple[Fraction, Fraction]:
        """Rigorous bounds ``lo <= self <= hi`` from roots to ``prec`` bits."""
        width = max(len(k) for k in self.terms)
        lo = hi = Fraction(0)
        for k, c in self.terms.items():
            a = b = 1 << (prec * (width - len(k)))
            for p, e in k:
                r = _root_floor(p, e.numerator, e.denominator, prec)
                a *= r
                b *= r + 1
            if c > 0:
                lo += c * a
                hi += c * b
            else:
                lo += c * b
                hi += c * a
        scale = 1 << (prec * width)
        return lo / scale, hi / scale

    def __float__(self) -> float:
        lo, hi = self._interval(64)
        return float((lo + hi) / 2)

    def __repr__(self) -> str:
        return f"Radical({self.to_sympy()})"

    # ------------------------------------------------------------------ sympy
    def to_sympy(self) -> sp.Expr:
        """The number as a sympy expression (sympy's canonical radical form)."""
        out = []
        for k, c in self.terms.items():
            term = sp.Rational(c.numerator, c.denominator)
            for p, e in k:
                term = term * sp.Pow(sp.Integer(p), sp.Rational(e.numerator, e.denominator))
            out.append(term)
        return sp.Add(*out) if out else sp.Integer(0)


@lru_cache(maxsize=4096)
def _root_floor(p: int, k: int, b: int, prec: int) -> int:
    """``floor(p**(k/b) * 2**prec)``, exactly."""
    return sp.integer_nthroot(p**k << (b * prec), b)[0]


@lru_cache(maxsize=1)
def _small_primes() -> tuple[int, ...]:
    return tuple(sp.primerange(2, _TRIAL))


@lru_cache(maxsize=4096)
def _factor(n: int) -> dict[int, int] | None:
    """Prime factorisation of ``n > 0`` if it is quick and certain, else ``None``.

    Trial division by the primes below ``2**16``; what is left must be 1 or below
    ``2**64`` (factored there by sympy, whose primality test is deterministic
    in that range).
    """
    if n.bit_length() > 20_000:
        return None
    out: dict[int, int] = {}
    for p in _small_primes():
        if n < p * p:
            break
        while n % p == 0:
            n //= p
            out[p] = out.get(p, 0) + 1
    if n > 1:
        if n >= 2**64:
            return None
        for q, k in factorint(n).items():
            out[q] = out.get(q, 0) + k
    return out


def _radical_power(q: sp.Rational, x: sp.Rational) -> Radical | None:
    """``q**x`` for a positive rational ``q`` and a rational ``x``."""
    x = Fraction(int(x.p), int(x.q))
    if abs(x.numerator) > MAX_POWER or x.denominator > MAX_POWER:
        return None
    out = Radical.rational(1)
    for n, sgn in ((int(q.p), 1), (int(q.q), -1)):
        if n == 1:
            continue
        f = _factor(n)
        if f is None:
            return None
        for p, m in f.items():
            e = sgn * m * x
            whole = e.numerator // e.denominator
            frac = e - whole
            out = out * Fraction(p) ** whole
            if frac:
                out = out * Radical.root(p, frac)
    return out


def from_sympy(e: Any) -> Radical | None:
    """A sympy real number as a :class:`Radical`, or ``None`` if it is not a radical of rationals.

    Examples
    --------
    >>> from_sympy(sp.sqrt(798) / 20).to_sympy()
    sqrt(798)/20
    >>> from_sympy(sp.pi) is None
    True
    """
    if isinstance(e, Radical):
        return e
    if isinstance(e, (int, Fraction)):
        return Radical.rational(e)
    if not isinstance(e, sp.Basic):
        return None
    if e.is_Rational:
        return Radical.rational(Fraction(int(e.p), int(e.q)))
    if e.is_Add or e.is_Mul:
        parts = [from_sympy(a) for a in e.args]
        if any(v is None for v in parts):
            return None
        out = parts[0]
        for v in parts[1:]:
            out = out + v if e.is_Add else out * v
        return out
    if e.is_Pow:
        base, x = e.args
        if x.is_Integer:
            if abs(int(x)) > MAX_POWER:
                return None
            b = from_sympy(base)
            if b is None or (x < 0 and (not b or (len(b.terms) > 1 and field_degree([b]) > MAX_INVERSE_DEGREE))):
                return None
            return b ** int(x)
        if base.is_Rational and base > 0 and x.is_Rational:
            return _radical_power(base, x)
    return None


def field_degree(values: Any) -> int:
    """Degree of the field the :class:`Radical` values generate (product over primes of root orders).

    Examples
    --------
    >>> field_degree([from_sympy(sp.sqrt(6)), from_sympy(sp.cbrt(2))])
    12
    """
    orders: dict[int, int] = {}
    for v in values:
        for k in v.terms:
            for p, e in k:
                orders[p] = lcm(orders.get(p, 1), e.denominator)
    out = 1
    for b in orders.values():
        out *= b
    return out


def as_quotient(e: Any) -> tuple[Radical, Radical] | None:
    """``(num, den)`` radicals with ``e == num / den`` and ``den != 0``, or ``None``.

    Examples
    --------
    >>> n, d = as_quotient(sp.sqrt(2) / (1 + sp.sqrt(2)))   # a cheap inverse: computed
    >>> n.to_sympy(), d.to_sympy()
    (2 - sqrt(2), 1)
    """
    r = from_sympy(e)
    if r is not None:
        return r, Radical.rational(1)
    if not isinstance(e, sp.Expr):
        return None
    num, den = e.as_numer_denom()
    rn, rd = from_sympy(num), from_sympy(den)
    if rn is None or rd is None or not rd:
        return None
    return rn, rd


def quotient_to_sympy(num: Radical, den: Radical) -> sp.Expr:
    """``num / den`` as sympy: in canonical radical form when the inverse is cheap, else as a quotient.

    Examples
    --------
    >>> quotient_to_sympy(from_sympy(sp.sqrt(2)), 1 + from_sympy(sp.sqrt(2)))
    2 - sqrt(2)
    """
    den = Radical._of(den)
    if len(den.terms) == 1 or field_degree([den]) <= MAX_INVERSE_DEGREE:
        return (num * den.inverse()).to_sympy()
    return num.to_sympy() / den.to_sympy()
