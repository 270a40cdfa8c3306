"""Exact numbers: the one number → ``Fraction`` conversion, exact signs, the input-error type.

The exactness policy
--------------------
Every door of the package (model evaluation, :func:`~alliancegames.solvers.enumeration.solve`,
sweeps' exact fallback, :meth:`~alliancegames.analysis.regions.Regions.at`, the command
line, model and ``.nfg`` files) reads numbers with :func:`to_fraction` /
:func:`to_exact`, which implement one rule:

* a Python ``float`` means the decimal it prints as, its shortest ``repr``:
  ``0.1`` is ``1/10`` and ``3.9`` is ``39/10`` (what the user typed), not the
  binary value of the float;
* ``int`` of any size, ``Fraction``, ``Decimal`` and sympy rationals are exact
  as they are; numpy integers are ints and numpy floats mean the decimal they
  print as at their own precision (``numpy.float32(0.1)`` is ``1/10``);
* a sympy ``Float`` of at most double precision is read like a Python float;
  a longer one by its exact binary value;
* sympy *real number expressions* that are not rational (``sqrt(2)``,
  ``13*sqrt(6)/12``, ``pi``) are kept symbolic by :func:`to_exact`;
  :func:`to_fraction` refuses them;
* ``bool``, ``str``, ``None``, complex numbers, NaN and infinities are refused,
  all with the same message (:class:`InputError`).

Mixed inputs (a list holding ``Fraction``, ``int`` and ``float``) are
converted element by element: one float never turns its neighbours into floats.

:func:`sign` decides the sign of a real number expression exactly: rationals by
arithmetic, algebraic numbers by their minimal polynomial (zero or not) and
then by interval evaluation at increasing precision; when a non-algebraic
difference cannot be proved zero or non-zero it raises :class:`ExactnessError`
rather than guess.

Errors
------
:class:`InputError` is the one documented exception type for bad input: every
refusal in the package (``ModelError``, ``GameError``, the file and expression
errors, ``CliError``) is a subclass, so ``except alliancegames.InputError``
catches them all and the command line reports them as one line with exit
status 2.  :class:`ExactnessError` (an exact answer cannot be decided) and
:class:`ResourceError` (the input would need unbounded time or memory) are
subclasses.
"""

from __future__ import annotations

import math
import numbers
import reprlib
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.core.radical import as_quotient, quotient_to_sympy

__all__ = [
    "ExactnessError",
    "InputError",
    "ResourceError",
    "as_sympy",
    "compare",
    "describe",
    "is_rational_number",
    "profile_order",
    "sign",
    "simplify_number",
    "to_exact",
    "to_fraction",
]


class InputError(ValueError):
    """Bad input: a value, game, model, file or command line the package refuses.

    The message is one line naming what was wrong.  All refusals of the package
    derive from this class.

    Examples
    --------
    >>> from alliancegames.core.model import ModelError
    >>> issubclass(ModelError, InputError)
    True
    """


class ExactnessError(InputError):
    """An exact answer cannot be decided (e.g. whether a transcendental difference is zero)."""


class ResourceError(InputError):
    """The input would need more time or memory than the package allows (sizes, digits, depth)."""


#: Largest integer (in bits) accepted anywhere a number enters; about 100,000
#: decimal digits.  Larger numbers are refused with :class:`ResourceError`.
MAX_BITS = 332_000

_REPR = reprlib.Repr()
_REPR.maxlevel = 2
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4


def describe(v: Any, with_type: bool = True) -> str:
    """A short, safe description of any value for an error message (never huge, never raises).

    Examples
    --------
    >>> describe("abc"), describe(2**20000)
    ("'abc' (str)", 'an integer of 20001 bits (int)')
    """
    try:
        if isinstance(v, int) and not isinstance(v, bool) and v.bit_length() > 200:
            return f"an integer of {v.bit_length()} bits ({type(v).__name__})"
        if isinstance(v, sp.Basic):
            text = str(v)
            text = text if len(text) <= 60 else text[:57] + "..."
        else:
            text = _REPR.repr(v)
    except Exception:  # noqa: BLE001 - describing must never fail
        text = f"<{type(v).__name__}>"
    return f"{text} ({type(v).__name__})" if with_type else text


_EXPECTED = "a finite real number (int, float, Fraction, Decimal, numpy or sympy number)"


def _refuse(v: Any, what: str, error: type[InputError], why: str = "") -> InputError:
    return error(f"{what} must be {_EXPECTED}; got {describe(v)}" + (f": {why}" if why else ""))


def _check_bits(fr: Fraction, v: Any, what: str) -> Fraction:
    if fr.numerator.bit_length() > MAX_BITS or fr.denominator.bit_length() > MAX_BITS:
        raise ResourceError(f"{what} {describe(v)} has more than {MAX_BITS} bits (about 100,000 digits)")
    return fr


def to_fraction(v: Any, what: str = "value", error: type[InputError] = InputError) -> Fraction:
    """The exact rational a user number means (see the module's policy).

    Parameters
    ----------
    v : number
        int, float, Fraction, Decimal, numpy scalar or sympy rational.
    what : str
        How to name the value in an error message (``"payoff A[0, 1]"``).
    error : subclass of InputError
        Exception class to raise (callers pass their own, e.g. ``ModelError``).

    Examples
    --------
    >>> to_fraction(0.1), to_fraction(3), to_fraction(Fraction(1, 3))
    (Fraction(1, 10), Fraction(3, 1), Fraction(1, 3))
    >>> to_fraction(2**53 + 1) - to_fraction(2**53)
    Fraction(1, 1)
    >>> to_fraction(True)
    Traceback (most recent call last):
    ...
    alliancegames.core.exact.InputError: value must be a finite real number (int, float, Fraction, Decimal, numpy or sympy number); got True (bool)
    """
    if isinstance(v, np.ndarray) and v.ndim == 0:
        v = v[()]
    if isinstance(v, (bool, np.bool_)):
        raise _refuse(v, what, error)
    if isinstance(v, Fraction):
        return _check_bits(v, v, what)
    if isinstance(v, (int, np.integer)):
        return _check_bits(Fraction(int(v)), v, what)
    if isinstance(v, float):  # includes numpy.float64
        if not math.isfinite(v):
            raise _refuse(v, what, error)
        return Fraction(float.__repr__(v))
    if isinstance(v, np.floating):  # float16/32, longdouble: the decimal at their precision
        if not np.isfinite(v):
            raise _refuse(v, what, error)
        return _check_bits(Fraction(str(v)), v, what)
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise _refuse(v, what, error)
        if abs(v.adjusted()) > 100_000:
            raise ResourceError(f"{what} {describe(v)} has an exponent beyond 100,000")
        return _check_bits(Fraction(v), v, what)
    if isinstance(v, sp.Basic):
        if v.is_Rational:
            return _check_bits(Fraction(int(v.p), int(v.q)), v, what)
        if isinstance(v, sp.Float):
            if not v.is_finite:
                raise _refuse(v, what, error)
            if v._prec <= 53:
                return Fraction(repr(float(v)))
            return _check_bits(Fraction(*(int(t) for t in sp.Rational(v).as_numer_denom())), v, what)
        if v.is_number and v.is_extended_real and v.is_finite:
            raise _refuse(v, what, error, "it is irrational (exact rational required here)")
        raise _refuse(v, what, error)
    if isinstance(v, numbers.Rational):  # gmpy2.mpq and other registered rationals
        return _check_bits(Fraction(int(v.numerator), int(v.denominator)), v, what)
    raise _refuse(v, what, error)


def to_exact(v: Any, what: str = "value", error: type[InputError] = InputError) -> sp.Expr:
    """An exact sympy number: a ``Rational`` by :func:`to_fraction`, or a real sympy number kept as is.

    Examples
    --------
    >>> to_exact(0.1), to_exact(sp.sqrt(2))
    (1/10, sqrt(2))
    >>> to_exact(sp.I)
    Traceback (most recent call last):
    ...
    alliancegames.core.exact.InputError: value must be a finite real number (int, float, Fraction, Decimal, numpy or sympy number); got I (ImaginaryUnit)
    """
    if isinstance(v, sp.Basic) and not v.is_Rational and not isinstance(v, sp.Float):
        if not isinstance(v, sp.Expr) or not v.is_number or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise _refuse(v, what, error)
        if v.is_extended_real is not True:
            if v.is_extended_real is None and _is_real_numerically(v):
                return v
            raise _refuse(v, what, error)
        if v.is_finite is False:
            raise _refuse(v, what, error)
        return v
    fr = to_fraction(v, what, error)
    return sp.Rational(fr.numerator, fr.denominator)


def _is_real_numerically(v: sp.Expr) -> bool:
    try:
        z = v.evalf(30)
    except Exception:  # noqa: BLE001
        return False
    re, im = z.as_real_imag()
    return im == 0 and re.is_Float


def is_rational_number(v: Any) -> bool:
    """Whether an exact value (Fraction or sympy number) is rational.

    Examples
    --------
    >>> is_rational_number(Fraction(1, 3)), is_rational_number(sp.sqrt(2))
    (True, False)
    """
    return isinstance(v, Fraction) or (isinstance(v, sp.Basic) and bool(v.is_Rational))


def as_exact_number(e: sp.Expr) -> Fraction | sp.Expr:
    """``Fraction`` for a rational sympy number, the (simplified) sympy number otherwise."""
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    return e


def simplify_number(e: Any) -> Any:
    """A compact exact form of a number: rationals unchanged, radicals with rational denominators.

    Examples
    --------
    >>> simplify_number(1 / sp.sqrt(2))
    sqrt(2)/2
    """
    if isinstance(e, Fraction) or getattr(e, "is_Rational", False) or isinstance(e, int):
        return e
    q = as_quotient(e)
    if q is not None:  # radicals of rationals: canonical form from their number field
        return quotient_to_sympy(*q)
    return sp.radsimp(sp.expand(e))


def as_sympy(v: Any) -> Any:
    """A ``Fraction`` or int as a sympy ``Rational``; sympy numbers unchanged."""
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, int):
        return sp.Integer(v)
    return v


def compare(a: Any, b: Any) -> int:
    """``-1``, ``0`` or ``1`` as ``a <``, ``==``, ``> b``, decided exactly (see :func:`sign`).

    Examples
    --------
    >>> compare(sp.sqrt(2), Fraction(141, 100)), compare(Fraction(1, 2), 1 / sp.sqrt(4))
    (1, 0)
    """
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return (a > b) - (a < b)
    qa, qb = as_quotient(as_sympy(a)), as_quotient(as_sympy(b))
    if qa is not None and qb is not None:  # a/b - c/d has the sign of (ad - cb) * bd
        (na, da), (nb, db) = qa, qb
        return (na * db - nb * da).sign() * da.sign() * db.sign()
    return sign(simplify_number(as_sympy(a) - as_sympy(b)))


def profile_order(p: Any, q: Any) -> int:
    """The order of equilibria used everywhere: support size, then probabilities descending.

    A ``cmp`` function for ``functools.cmp_to_key`` on ``(x, y)`` pairs of exact
    strategies (``Fraction`` or sympy numbers), compared exactly.

    Examples
    --------
    >>> from functools import cmp_to_key
    >>> sorted([((0, 1), (1, 0)), ((1, 0), (1, 0))], key=cmp_to_key(profile_order))
    [((1, 0), (1, 0)), ((0, 1), (1, 0))]
    """
    sp_ = sum(v != 0 for v in p[0]) + sum(v != 0 for v in p[1])
    sq = sum(v != 0 for v in q[0]) + sum(v != 0 for v in q[1])
    if sp_ != sq:
        return -1 if sp_ < sq else 1
    for a, b in zip((*p[0], *p[1]), (*q[0], *q[1])):
        c = compare(a, b)
        if c:
            return -c
    return 0


_X = sp.Dummy("x")


def sign(e: Any) -> int:
    """The exact sign (-1, 0 or 1) of a real number: rational, algebraic or, when decidable, other.

    Zero is proved, never guessed: a rational by arithmetic, a sum of radicals of
    rationals in its number field (:mod:`alliancegames.core.radical`), another
    algebraic number by its minimal polynomial (zero iff the polynomial is ``x``), anything else
    by sympy simplifying it to ``0``.  A non-zero value's sign is read from
    evaluation at a precision where the error bound excludes zero.

    Raises
    ------
    ExactnessError
        The value is not algebraic, is numerically indistinguishable from zero
        at 1,000 digits and cannot be simplified to zero.

    Examples
    --------
    >>> sign(sp.sqrt(2) - sp.Rational(14142135623730951, 10**16))
    -1
    >>> sign(13 * sp.sqrt(6) / 12 - sp.sqrt(sp.Rational(13, 2)) * sp.sqrt(sp.Rational(13, 3)) / 2)
    0
    """
    if isinstance(e, Fraction):
        return (e > 0) - (e < 0)
    if isinstance(e, (int, np.integer)):
        return (e > 0) - (e < 0)
    e = sp.sympify(e) if not isinstance(e, sp.Basic) else e
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    q = as_quotient(e)
    if q is not None:  # a quotient of radicals of rationals: exact in their number field
        return q[0].sign() * q[1].sign()
    if e.is_zero:
        return 0
    # Cheap: a clear numeric answer at modest precision (sympy's evalf bounds its error).
    for prec in (30, 120):
        s = _numeric_sign(e, prec)
        if s is not None:
            return s
    # Small: is it exactly zero?
    try:
        mp = sp.minimal_polynomial(e, _X, polys=True)
        algebraic = True
    except (sp.polys.polyerrors.NotAlgebraic, NotImplementedError, ValueError, TypeError):
        algebraic = False
    if algebraic:
        if mp.degree() == 1 and mp.TC() == 0:
            return 0
    else:
        try:
            simp = sp.simplify(e)
        except Exception:  # noqa: BLE001
            simp = e
        if simp == 0:
            return 0
    for prec in (400, 1000):
        s = _numeric_sign(e, prec)
        if s is not None:
            return s
    if algebraic:  # non-zero by its minimal polynomial, yet tiny beyond 1,000 digits
        s = _numeric_sign(e, 5000)
        if s is not None:
            return s
    raise ExactnessError(
        f"cannot decide exactly whether {describe(e)} is zero (it agrees with 0 to 1,000 digits and "
        "is not algebraic); use rational parameter values or exact=False"
    )


def _numeric_sign(e: sp.Expr, digits: int) -> int | None:
    """The sign of ``e`` if evaluation to ``digits`` digits proves it, else ``None``."""
    try:
        v = e.evalf(digits, strict=True)
    except Exception:  # noqa: BLE001 - PrecisionExhausted and friends: undecided here
        return None
    if not v.is_Float:
        re, im = v.as_real_imag()
        if im != 0 or not re.is_Float:
            return None
        v = re
    if v == 0:
        return None
    # strict evalf guarantees ``digits`` correct digits relative to |v|; a zero cannot
    # produce a non-zero value with that many correct digits.
    return 1 if v > 0 else -1
