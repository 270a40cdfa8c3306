"""Parameter points: a point with defaults filled in, and many points as equally long columns.

Every model answers questions "at a point" (a mapping parameter name ->
value) or "at many points" (name -> scalar or 1-D array).  These two helpers
are the one way to check such a mapping against a model's parameters and to
broadcast its columns; models, trees and the model protocol use them.
:func:`exact_point` turns a point into exact sympy numbers and
:func:`decided` decides a condition there -- the one exact "does it hold here".

Examples
--------
>>> from alliancegames.core.model import parameter
>>> ps = [parameter("a", "", "real", 1), parameter("b", "", "real", 2)]
>>> with_defaults(ps, {"b": 5}, "model 'm'")
{'a': 1, 'b': 5}
>>> cols, n = point_columns({"a": 1, "b": [1, 2, 3]})
>>> n, cols["a"].tolist()
(3, [1.0, 1.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.core.model import ModelError, Parameter, substitution

__all__ = ["decided", "exact_point", "point_columns", "with_defaults"]


def with_defaults(
    parameters: Iterable[Parameter],
    values: Mapping[str, Any],
    owner: str,
    error: type[Exception] = ModelError,
) -> dict[str, Any]:
    """``values`` with every other parameter at its default, in the parameters' order.

    Raises ``error`` (naming ``owner``) for a name that is no parameter, or a
    parameter with neither a value nor a default.

    Examples
    --------
    >>> from alliancegames.core.model import parameter
    >>> with_defaults([parameter("c", "", "real")], {}, "tree 't'")
    Traceback (most recent call last):
    ...
    alliancegames.core.model.ModelError: no value or default for ['c']
    """
    params = list(parameters)
    names = [p.name for p in params]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise error(f"{owner} has no parameter(s) {unknown}; its parameters are {names}")
    full = {p.name: values.get(p.name, p.default) for p in params}
    missing = [k for k, v in full.items() if v is None]
    if missing:
        raise error(f"no value or default for {missing}")
    return full


def point_columns(
    values: Mapping[str, Any], error: type[Exception] = ValueError
) -> tuple[dict[str, np.ndarray], int]:
    """Parameter values as equally long float columns (scalars are repeated), and their length.

    Raises ``error`` when two arrays have different lengths.

    Examples
    --------
    >>> point_columns({"a": [1, 2], "b": [1, 2, 3]})
    Traceback (most recent call last):
    ...
    ValueError: parameter columns have different lengths [2, 3]
    """
    cols = {k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in values.items()}
    sizes = {v.size for v in cols.values()}
    n = max(sizes) if sizes else 1
    if sizes - {1, n}:
        raise error(f"parameter columns have different lengths {sorted(sizes)}")
    return {k: np.broadcast_to(v, (n,)) for k, v in cols.items()}, n


def exact_point(
    parameters: Iterable[Parameter],
    values: Mapping[str, Any],
    owner: str,
    error: type[ModelError] = ModelError,
) -> dict[sp.Symbol, sp.Expr]:
    """``{symbol: exact value}`` of a whole point: defaults filled in, every value checked against its domain.

    Examples
    --------
    >>> from alliancegames.core.model import parameter
    >>> exact_point([parameter("p", "", "probability", 0.5), parameter("c", "", "real", 2)], {"c": 0.1}, "m")
    {p: 1/2, c: 1/10}
    """
    params = list(parameters)
    return substitution(params, with_defaults(params, values, owner, error), owner, error)


def decided(cond: Any, sub: Mapping[sp.Symbol, sp.Expr], error: type[Exception] = ModelError) -> bool:
    """Whether a condition holds at a point given as ``{symbol: exact value}``, decided exactly.

    The condition is evaluated, and simplified only if that leaves it open;
    ``error`` if it is still undecided (a parameter without a value, or a
    relation sympy cannot settle).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> decided(x**2 > 2, {x: sp.Rational(3, 2)}), decided(sp.true, {})
    (True, True)
    """
    v = cond.xreplace(dict(sub)) if isinstance(cond, sp.Basic) else cond
    if v not in (True, False, sp.true, sp.false):
        v = sp.simplify(v)
    if v not in (True, False, sp.true, sp.false):
        raise error(f"cannot decide {cond} at {dict(sub)}")
    return bool(v)
