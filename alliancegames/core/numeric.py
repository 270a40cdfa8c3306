"""The one bridge from symbolic models to numbers.

:func:`compile_model` turns a :class:`~alliancegames.core.model.NormalFormModel` into
a :class:`CompiledModel`: ``sympy.lambdify(..., cse=True)`` is called once, and
the compiled function evaluates every payoff for one parameter point or for
whole numpy arrays of points (broadcast together).  The result has shape
``batch_shape + (m, n)`` for each player.

:func:`evaluate` gives the numeric :class:`~alliancegames.core.bimatrix.Bimatrix` at
one point; when every value is an int or a fraction it substitutes exactly, so
points on region boundaries stay exactly on them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.core.bimatrix import Bimatrix
from alliancegames.core.exact import ResourceError, describe, to_exact
from alliancegames.core.model import ModelError, NormalFormModel
from alliancegames.core.radical import MAX_POWER

__all__ = ["CompiledModel", "compile_expressions", "compile_model", "evaluate", "resolve_values"]


def resolve_values(model: NormalFormModel, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Check parameter names and domains, fill defaults.

    Raises :class:`~alliancegames.core.model.ModelError` naming unknown or missing
    parameters and out-of-domain values (arrays are checked element-wise).

    Examples
    --------
    >>> from alliancegames.core.model import normal_form, parameter
    >>> g = normal_form("g", ("A", "B"), (("x",), ("y",)),
    ...                 [parameter("p", "a probability", "probability", 0.5)], [[("p", 0)]])
    >>> resolve_values(g, {})
    {'p': 0.5}
    >>> resolve_values(g, {"p": 1.2})
    Traceback (most recent call last):
    ...
    alliancegames.core.model.ModelError: parameter 'p' (probability) must lie in [0, 1]; got 1.2
    """
    values = dict(values or {})
    names = model.parameter_names
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ModelError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {unknown} for model {model.name!r}; "
            f"its parameters are {list(names)}"
        )
    out: dict[str, Any] = {}
    missing = []
    for p in model.parameters:
        if p.name in values:
            v = values[p.name]
        elif p.default is not None:
            v = p.default
        else:
            missing.append(p.name)
            continue
        _check_domain(p, v)
        out[p.name] = v
    if missing:
        raise ModelError(f"missing value{'s' if len(missing) > 1 else ''} for parameter(s) {missing} of model {model.name!r} (no default)")
    return out


_BOUNDS = {"positive": "> 0", "nonnegative": ">= 0", "probability": "in [0, 1]"}


def _check_domain(p, v: Any) -> None:
    if isinstance(v, (bool, np.bool_)) or isinstance(v, str):
        raise ModelError(f"parameter {p.name!r} needs a number, got {v!r}")
    if not isinstance(v, np.ndarray) and not isinstance(v, (list, tuple)):
        # one value: read exactly (0.1 is 1/10) and check the domain exactly
        x = to_exact(v, f"parameter {p.name!r}", ModelError)
        ok = p.contains(x)
        bad = str(v) if isinstance(v, (int, Fraction, sp.Basic)) and not _huge(v) else describe(v).rsplit(" (", 1)[0]
    else:
        try:
            arr = np.asarray(v, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ModelError(f"parameter {p.name!r} needs numbers, got {v!r}") from exc
        finite = np.isfinite(arr)
        if p.domain == "positive":
            good = finite & (arr > 0)
        elif p.domain == "nonnegative":
            good = finite & (arr >= 0)
        elif p.domain == "probability":
            good = finite & (arr >= 0) & (arr <= 1)
        else:
            good = finite
        ok = bool(np.all(good))
        bad = float(arr[~good].flat[0]) if not ok else None
        if bad is not None and arr.ndim == 0:
            bad = float(arr)
    if not ok:
        rule = {"positive": "be positive", "nonnegative": "be non-negative",
                "probability": "lie in [0, 1]", "real": "be finite"}[p.domain]
        raise ModelError(f"parameter {p.name!r} ({p.domain}) must {rule}; got {bad}")


#: Payoffs whose magnitude has a decimal exponent beyond this are refused.
MAX_DECIMAL_EXPONENT = 100_000


def _huge(v: Any) -> bool:
    return isinstance(v, int) and v.bit_length() > 200


@dataclass(frozen=True)
class CompiledModel:
    """A model compiled to a vectorised numpy function.

    Call it with parameter values (scalars or arrays that broadcast together)
    to get ``(A, B)`` of shape ``batch_shape + (m, n)``.

    Examples
    --------
    >>> from alliancegames.core.model import normal_form, parameter
    >>> g = normal_form("g", ("A", "B"), (("x", "y"), ("x", "y")),
    ...                 [parameter("c", "cost", "positive", 1)],
    ...                 [[("c", 0), (1, 1)], [(0, 0), ("2*c" if False else 2, 1)]])
    >>> f = compile_model(g)
    >>> A, B = f(c=np.array([1.0, 2.0, 3.0]))
    >>> A.shape, A[:, 0, 0].tolist()
    ((3, 2, 2), [1.0, 2.0, 3.0])
    """

    model: NormalFormModel
    names: tuple[str, ...]
    _func: Callable = field(repr=False)

    def __call__(self, values: Mapping[str, Any] | None = None, /, **kw: Any) -> tuple[np.ndarray, np.ndarray]:
        vals = resolve_values(self.model, {**(values or {}), **kw})
        args = [np.asarray(vals[n], dtype=float) for n in self.names]
        shape = np.broadcast_shapes(*(a.shape for a in args)) if args else ()
        with np.errstate(all="ignore"):
            flat = self._func(*args)
        m, n = self.model.shape
        out = np.empty(shape + (2, m * n), dtype=float)
        for k, v in enumerate(flat):
            out[..., k // (m * n), k % (m * n)] = v
        out = out.reshape(shape + (2, m, n))
        A, B = out[..., 0, :, :], out[..., 1, :, :]
        if not (np.all(np.isfinite(A)) and np.all(np.isfinite(B))):
            bad = np.argwhere(~(np.isfinite(A) & np.isfinite(B)))[0]
            point = {nm: float(np.broadcast_to(a, shape)[tuple(bad[:-2])]) for nm, a in zip(self.names, args)}
            raise ModelError(
                f"payoffs of model {self.model.name!r} are NaN or infinite at "
                f"({self.model.actions[0][bad[-2]]}, {self.model.actions[1][bad[-1]]}) for {point}"
            )
        return A, B

    def game(self, values: Mapping[str, Any] | None = None, /, **kw: Any) -> Bimatrix:
        """The numeric game at one (scalar) parameter point."""
        A, B = self(values, **kw)
        if A.ndim != 2:
            raise ModelError("game() takes scalar parameter values; call the compiled model for arrays")
        return Bimatrix.from_arrays(A, B, players=self.model.players, actions=self.model.actions, name=self.model.name)


def compile_model(model: NormalFormModel) -> CompiledModel:
    """Compile a symbolic model once (``lambdify`` with common-subexpression elimination)."""
    syms = [p.symbol for p in model.parameters]
    exprs = list(model.payoffs[0]) + list(model.payoffs[1])
    func = sp.lambdify(syms, exprs, modules="numpy", cse=True)
    return CompiledModel(model, model.parameter_names, func)


def evaluate(model: NormalFormModel, values: Mapping[str, Any] | None = None, /, **kw: Any) -> Bimatrix:
    """The game at one point, evaluated exactly: ``Fraction`` payoffs, sympy numbers where irrational.

    Values are read by the exactness policy (:mod:`alliancegames.core.exact`: a
    float means the decimal it prints as) and substituted into the sympy
    payoffs exactly, so points on region boundaries stay exactly on them and
    irrational payoffs (``13*sqrt(6)/12``) keep their exact ties.  Use
    :func:`compile_model` for fast float evaluation of many points.

    Examples
    --------
    >>> from alliancegames.core.model import normal_form, parameter
    >>> g = normal_form("g", ("A", "B"), (("x",), ("y",)), [parameter("p", "", "probability")], [[("p", "p")]])
    >>> evaluate(g, p=Fraction(1, 3)).A[0, 0], evaluate(g, p=0.1).A[0, 0]
    (Fraction(1, 3), Fraction(1, 10))
    """
    vals = resolve_values(model, {**(values or {}), **kw})
    sub = {}
    for k, v in vals.items():
        if isinstance(v, np.ndarray) and v.ndim > 0:
            raise ModelError("evaluate() takes one value per parameter; use compile_model for arrays")
        sub[model.parameter(k).symbol] = to_exact(v, f"parameter {k!r}", ModelError)
    _check_exponents(model, sub)
    mats = []
    for who, M in zip(model.players, model.payoffs):
        rows = []
        for i in range(M.rows):
            row = []
            for j in range(M.cols):
                where = f"payoff of {who!r} at ({model.actions[0][i]}, {model.actions[1][j]})"
                e = M[i, j].xreplace(sub)
                if e.is_Rational:
                    row.append(Fraction(int(e.p), int(e.q)))
                    continue
                if e.free_symbols:
                    raise ModelError(f"{where} still depends on {sorted(map(str, e.free_symbols))}")
                row.append(exact_value(e, where))
            rows.append(row)
        mats.append(rows)
    return Bimatrix.from_arrays(mats[0], mats[1], players=model.players, actions=model.actions, name=model.name)


def _check_exponents(model: NormalFormModel, sub: Mapping[sp.Symbol, sp.Expr]) -> None:
    """Refuse points where a parameter-dependent exponent is a rational with huge terms.

    ``q**alpha`` at ``alpha = 0.3684210526315789`` (a ``linspace`` value) is
    ``q**(3684210526315789/10**16)``: an exact root of degree ``10**16`` that sympy
    cannot even construct (it raises primes to the numerator's power).
    """
    for M in model.payoffs:
        for atom in M.atoms(sp.Pow):
            if not atom.exp.free_symbols:
                continue
            x = atom.exp.xreplace(sub)
            if x.is_Rational and (abs(x.p) > MAX_POWER or x.q > MAX_POWER):
                raise ResourceError(
                    f"the exponent of {describe(atom, False)} is {describe(x, False)} at this point; exact "
                    f"evaluation takes exponents with numerator and denominator up to {MAX_POWER} "
                    "(use a value with fewer decimals, e.g. 0.37)"
                )


def exact_value(e: sp.Expr, where: str) -> sp.Expr:
    """A constant payoff expression as an exact real number, or :class:`ModelError` (NaN, complex...)."""
    if e.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise ModelError(f"{where} is infinite or undefined at this point: {describe(e)}")
    e = to_exact(e, where, ModelError)
    try:  # bounded magnitude: exact signs need finite numeric evaluation
        v = e.evalf(15)
        ok = v.is_Float and (v == 0 or abs(sp.log(abs(v), 10)) < MAX_DECIMAL_EXPONENT)
    except (OverflowError, ValueError, TypeError, ArithmeticError):
        ok = False
    if not ok:
        raise ResourceError(f"{where} cannot be evaluated within range (|exponent| < 10^5): {describe(e)}")
    return e


def compile_expressions(symbols: Sequence[sp.Symbol], exprs: Sequence[Any]) -> Callable[..., list[np.ndarray]]:
    """Compile expressions once to a function of arrays; each result is broadcast to the inputs' shape.

    The bridge for everything that is not a normal-form payoff table (tree
    payoffs and chance probabilities, closed forms): ``lambdify`` with
    common-subexpression elimination, called with one array (or scalar) per
    symbol.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> f = compile_expressions([x, y], [x * y, sp.Integer(2)])
    >>> [a.tolist() for a in f(np.array([1.0, 2.0]), 3.0)]
    [[3.0, 6.0], [2.0, 2.0]]
    """
    func = sp.lambdify(list(symbols), list(exprs), modules="numpy", cse=True)

    def evaluate_all(*args: Any) -> list[np.ndarray]:
        arrays = [np.asarray(a, dtype=float) for a in args]
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        with np.errstate(all="ignore"):
            out = func(*arrays)
        return [np.broadcast_to(np.asarray(v, dtype=float), shape) for v in out]

    return evaluate_all
