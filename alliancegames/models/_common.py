"""Shared pieces of the model library: parameter specifications and codings.

A *coding* records how a qualitative or ordinal source was turned into
cardinal payoffs: for every parameter a default and a plausible range, and the
ordinal comparisons of payoffs that the coding must respect everywhere in that
range.  Tests check the comparisons at the defaults and across the range.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from alliancegames.core.model import ModelError, Parameter, exact_number, parameter
from alliancegames.core.points import with_defaults

__all__ = ["CodingRanges", "Spec", "Preference", "build_parameters"]


@dataclass(frozen=True)
class Spec:
    """One parameter of a library model: name, meaning, domain, default and plausible range."""

    name: str
    meaning: str
    domain: str
    default: Any
    plausible: tuple[Any, Any]


@dataclass(frozen=True)
class Preference:
    """``player`` strictly prefers the profile ``better`` to the profile ``worse``.

    Profiles are ``(row action, column action)`` pairs of a normal-form model.
    """

    player: int
    better: tuple[str, str]
    worse: tuple[str, str]
    reason: str = ""


@dataclass(frozen=True)
class CodingRanges:
    """A model's coding of its source: parameter specs (plausible ranges) and required ordinal comparisons.

    Not to be confused with a historical case's codings
    (:class:`alliancegames.cases.CaseCoding`, values for one case) or with a
    discrete distribution (:class:`alliancegames.studies.uncertainty.Discrete`).
    """

    specs: tuple[Spec, ...]
    preferences: tuple[Preference, ...] = ()
    notes: str = ""
    extra_constraints: tuple[str, ...] = field(default=())
    #: Strict orderings of parameters (trees): each chain ``(a, b, c)`` means ``a > b > c``
    #: everywhere in the plausible ranges; the case records are checked against them.
    orderings: tuple[tuple[str, ...], ...] = ()

    @property
    def plausible(self) -> dict[str, tuple[Any, Any]]:
        """Parameter name → ``(low, high)`` plausible range."""
        return {s.name: s.plausible for s in self.specs}

    @property
    def defaults(self) -> dict[str, Any]:
        return {s.name: s.default for s in self.specs}


#: Former name of :class:`CodingRanges` (kept for code written before the rename).
Coding = CodingRanges


def build_parameters(
    specs: Sequence[Spec], overrides: Mapping[str, Any], model: str
) -> tuple[Parameter, ...]:
    """Parameters of a model, with defaults replaced by ``overrides``.

    Raises
    ------
    ModelError
        If an override names no parameter of the model or lies outside its domain.

    Examples
    --------
    >>> ps = build_parameters([Spec("c", "cost", "positive", 1, (0.5, 2))], {"c": 3}, "m")
    >>> ps[0].default
    3
    """
    names = [s.name for s in specs]
    unknown = sorted(set(overrides) - set(names))
    if unknown:
        raise ModelError(f"model {model!r} has no parameter(s) {unknown}; its parameters are {names}")
    out = []
    for s in specs:
        default = overrides.get(s.name, s.default)
        if default is not None:
            exact_number(default)  # rejects booleans, NaN and non-numbers with a clear message
        out.append(parameter(s.name, s.meaning, s.domain, default))
    return tuple(out)


def mirrored(prefs: Sequence[Preference]) -> tuple[Preference, ...]:
    """Row-player preferences followed by the column player's mirror image of each (symmetric games).

    Examples
    --------
    >>> mirrored([Preference(0, ("Firm", "Weak"), ("Weak", "Weak"))])[1]
    Preference(player=1, better=('Weak', 'Firm'), worse=('Weak', 'Weak'), reason='')
    """
    return (*prefs, *(Preference(1, p.better[::-1], p.worse[::-1], p.reason) for p in prefs))


def symmetric_table(actions: Sequence[str], payoff: Callable[[str, str], Any]) -> list[list[tuple[Any, Any]]]:
    """Payoff table of a symmetric game from the row player's ``payoff(mine, other)``.

    Cell ``[r][c]`` is ``(payoff(r, c), payoff(c, r))``.

    Examples
    --------
    >>> pay = {("C", "C"): 3, ("C", "D"): 0, ("D", "C"): 5, ("D", "D"): 1}
    >>> symmetric_table(("C", "D"), lambda mine, other: pay[(mine, other)])
    [[(3, 3), (0, 5)], [(5, 0), (1, 1)]]
    """
    return [[(payoff(r, c), payoff(c, r)) for c in actions] for r in actions]


def symbols(params: Sequence[Parameter]) -> dict[str, sp.Symbol]:
    """Name → symbol of a parameter tuple."""
    return {p.name: p.symbol for p in params}


def at_defaults(model: Any, **values: Any) -> Any:
    """Substitute every parameter of a model or tree: ``values`` first, defaults for the rest.

    Examples
    --------
    >>> from alliancegames.models import snyder_alliance
    >>> at_defaults(snyder_alliance(), c_entrap=6).parameters
    ()
    """
    return model.substitute(with_defaults(model.parameters, values, repr(model.name)))
