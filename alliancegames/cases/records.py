"""Historical case records: schema, validation and loading.

A case record is a YAML file in ``alliancegames/cases/data`` (package data,
read through :mod:`importlib.resources`, parsed with :func:`yaml.safe_load`
only).  Its file name is ``<id>.yaml``; files whose name starts with
``dataset_`` hold data tables, not records.

Record layout (keys in *italics* are optional)::

    id: july_1914                     # = file name; a Python identifier
    name: The July crisis of 1914
    years: [1914, 1914]               # first and last year
    members: [Germany, Austria-Hungary, ...]
    model: chain_gang                 # a name in the alliancegames.models registry
    summary: one paragraph
    *roles*: {model player: historical actor}
    codings:                          # one entry per coded model parameter
      c_E:
        value: 2.0                    # the point coding
        range: [0.5, 4.0]             # plausible range (lo, hi) ...
        *distribution*: {type: triangular, lo: 0.5, mode: 2, hi: 4}   # ... or a distribution
        kind: coding                  # coding = our judgement; data = a sourced figure
        justification: one sentence
        informed_by: snyder1984       # kind coding: the source whose argument the judgement reads
        # source: nato2024            # kind data: the source that gives the figure itself
        *departure*: why this coding leaves the model's plausible range or ordering
    sources:                          # keys of the package bibliography (data/references.bib) ...
      - snyder1984
      - {id: mine2020, author: A. N. Other, year: 2020, title: ..., journal: ...,   # ... or, for a
         *volume*: 1, *issue*: 2, *pages*: 3-4}                   # record of your own, a full entry
    facts:
      - {text: ..., source: clark2012, *date*: 1914-07-05, *pages*: ...}
    outcome:
      label: Firm/Firm                # as alliancegames.solvers.enumeration.Equilibrium.label writes it
      description: what happened
      source: clark2012
      *actors*:                       # whose behaviour each part of the label codes, with evidence
        Ally 1: {action: Firm, evidence: what Germany did, source: clark2012}
    expected:                         # the regime the case's literature expects, stated before any
      label: Firm/Firm                # Monte Carlo (required on a record without periods and on
      reason: why, in the literature  # every period of a record with periods)
      source: christensen_snyder1990
    *periods*:                        # sub-cases sharing the model (e.g. Cha's periods)
      - {id: p1969, name: ..., years: [1969, 1971], codings: {...overrides...}, outcome: {...},
         expected: {...}}
    caveats: [..]

A *judgement* (``kind: coding``) names the sources that **informed** it
(``informed_by``): the number is ours, the argument it reads is theirs.  A
*sourced value* (``kind: data``) names the ``source`` that prints the figure.
The two keys are not interchangeable, so a reader of the YAML (and of
:func:`~alliancegames.cases.scorecard.coding_table`) can tell them apart.

Checks against the model (``check_model=True``): every coding's value and
range lie inside the model's plausible range (``alliancegames.models.CODINGS``),
and the model's orderings hold across the case's ranges -- the preferences of a
normal form (evaluated at every corner of the coded box) and the parameter
chains of a tree (``Coding.orderings``).  A coding that must leave them says
why in ``departure``; a ``departure`` on a coding that leaves nothing is an
error too, so the field stays truthful.

Distributions: ``uniform`` (lo, hi), ``triangular`` (lo, mode, hi), ``beta``
(a, b scaled to [lo, hi]) and ``codings`` (values with weights: alternative
codings of the same argument).  Every fact and outcome names a source id that
exists; every coding lies inside its range and inside the model parameter's
domain.  Anything else raises :class:`CaseError` naming the file and field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

from alliancegames.core.numeric import compile_model
from alliancegames.core.references import BibliographyError, plain_text, reference
from alliancegames.models import REGISTRY, library_model
from alliancegames.studies.uncertainty import Beta, Discrete, Triangular, Uniform

__all__ = [
    "ActorBehaviour",
    "CaseError",
    "CaseRecord",
    "CaseCoding",
    "Distribution",
    "Expected",
    "Fact",
    "Outcome",
    "Period",
    "Source",
    "case_ids",
    "list_cases",
    "load_case",
    "load_cases",
    "validate_record",
]

DATA_PACKAGE = "alliancegames.cases"
DATA_DIR = "data"
DATASET_PREFIX = "dataset_"
CODING_KINDS = ("coding", "data")
DISTRIBUTION_TYPES = ("uniform", "triangular", "beta", "codings")


class CaseError(ValueError):
    """A case record is malformed or inconsistent with its model."""


# =========================================================================== dataclasses
@dataclass(frozen=True)
class Source:
    """A bibliographic source; ``id`` is what facts and codings refer to.

    Examples
    --------
    >>> s = Source("snyder1984", "Glenn H. Snyder", 1984,
    ...            "The Security Dilemma in Alliance Politics", journal="World Politics",
    ...            volume="36", issue="4", pages="461-495")
    >>> s.citation
    'Glenn H. Snyder (1984). The Security Dilemma in Alliance Politics. World Politics 36(4), 461-495.'
    """

    id: str
    author: str
    year: int
    title: str
    publisher: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    date: str | None = None
    note: str | None = None

    @property
    def citation(self) -> str:
        """A one-line citation."""
        out = f"{self.author} ({self.year}). {self.title}."
        if self.journal:
            out += f" {self.journal}"
            if self.volume:
                out += f" {self.volume}" + (f"({self.issue})" if self.issue else "")
            out += f", {self.pages}." if self.pages else "."
        else:
            if self.publisher:
                out += f" {self.publisher}"
                out += f", {self.date}" if self.date else ""
                out += "."
            if self.pages:
                out += f" Pp. {self.pages}."
        return out


@dataclass(frozen=True)
class Fact:
    """A dated event, membership or figure, with the source(s) that establish it."""

    text: str
    sources: tuple[str, ...]
    date: str | None = None
    pages: str | None = None


@dataclass(frozen=True)
class Distribution:
    """Uncertainty over a coding.

    ``type`` is ``"uniform"`` on ``[lo, hi]``; ``"triangular"`` with ``mode``;
    ``"beta"`` with shapes ``a``, ``b`` rescaled to ``[lo, hi]``; or
    ``"codings"``: the discrete alternatives ``values`` with ``weights``
    (normalised to sum to one).

    Examples
    --------
    >>> d = Distribution("triangular", lo=0.0, hi=4.0, mode=1.0)
    >>> x = d.sample(0, 1000)
    >>> bool(x.min() >= 0.0 and x.max() <= 4.0), round(d.mean, 6)
    (True, 1.666667)
    >>> Distribution("codings", lo=1, hi=3, values=(1, 3), weights=(0.25, 0.75)).mean
    2.5
    """

    type: str
    lo: float
    hi: float
    mode: float | None = None
    a: float | None = None
    b: float | None = None
    values: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()

    @property
    def support(self) -> tuple[float, float]:
        return (self.lo, self.hi)

    @property
    def mean(self) -> float:
        if self.type == "uniform":
            return (self.lo + self.hi) / 2
        if self.type == "triangular":
            return (self.lo + self.mode + self.hi) / 3  # type: ignore[operator]
        if self.type == "beta":
            return self.lo + (self.hi - self.lo) * self.a / (self.a + self.b)  # type: ignore[operator]
        w = np.asarray(self.weights, float)
        return float(np.dot(self.values, w / w.sum()))

    def as_uncertainty(self) -> Any:
        """The same distribution as the :mod:`alliancegames.studies.uncertainty` object Monte Carlo samples.

        Examples
        --------
        >>> Distribution("beta", lo=0.0, hi=2.0, a=2.0, b=2.0).as_uncertainty()
        Beta(a=2.0, b=2.0, lo=0.0, hi=2.0)
        """
        if self.type == "uniform":
            return Uniform(self.lo, self.hi)
        if self.type == "triangular":
            return Triangular(self.lo, self.mode, self.hi)
        if self.type == "beta":
            return Beta(self.a, self.b, self.lo, self.hi)
        if self.type == "codings":
            return Discrete(tuple(self.values), tuple(self.weights) or None)
        raise ValueError(f"unknown distribution type {self.type!r}")

    def sample(self, rng: Any = None, size: int = 1) -> np.ndarray:
        """``size`` draws (``rng``: a seed or :class:`numpy.random.Generator`), as the uncertainty objects draw."""
        g = np.random.default_rng(rng)
        if self.lo == self.hi:
            return np.full(size, float(self.lo))
        return self.as_uncertainty().sample(g, size)


@dataclass(frozen=True)
class CaseCoding:
    """The coding of one model parameter for a case.

    ``kind`` is ``"coding"`` (our judgement of a qualitative argument) or
    ``"data"`` (a sourced figure).  ``range`` is the plausible range; when a
    :class:`Distribution` is given, its support.

    Examples
    --------
    >>> c = CaseCoding("c_E", 2.0, (1.0, 4.0), "coding", "Entrapment was feared.", ("snyder1984",))
    >>> x = c.sample(1, 100)
    >>> bool(x.min() >= 1.0 and x.max() <= 4.0)
    True
    """

    name: str
    value: float
    range: tuple[float, float]
    kind: str
    justification: str
    sources: tuple[str, ...]
    distribution: Distribution | None = None
    departure: str | None = None

    @property
    def sourced_value(self) -> bool:
        """True for a figure printed by its source (``kind: data``); False for our judgement."""
        return self.kind == "data"

    @property
    def lo(self) -> float:
        return self.range[0]

    @property
    def hi(self) -> float:
        return self.range[1]

    def sample(self, rng: Any = None, size: int = 1) -> np.ndarray:
        """Draws from the distribution, or uniformly over the range when none is given."""
        if self.distribution is not None:
            return self.distribution.sample(rng, size)
        return Distribution("uniform", *self.range).sample(rng, size)



#: Former name of :class:`CaseCoding` (a model's ranges are ``alliancegames.models.CodingRanges``).
Coding = CaseCoding

@dataclass(frozen=True)
class Outcome:
    """The observed outcome in the model's terms.

    ``label`` is written as :attr:`alliancegames.solvers.enumeration.Equilibrium.label`
    writes a pure profile (``"Firm/Weak"``: row action / column action) or, for
    models that are not two-player normal forms, the regime name the model
    uses.  ``description`` says what happened in words.
    """

    label: str
    description: str
    sources: tuple[str, ...]
    actors: tuple[ActorBehaviour, ...] = ()


@dataclass(frozen=True)
class ActorBehaviour:
    """Which player's behaviour part of an outcome codes, and the evidence about that actor."""

    player: str
    action: str
    evidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Expected:
    """The regime a case's historical literature expects, stated before any Monte Carlo.

    ``label`` is written like an outcome label; ``reason`` says why the
    literature expects it; ``sources`` name who expects it.
    """

    label: str
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Period:
    """A sub-case (e.g. one of Cha's periods): codings that override the case's, and an outcome."""

    id: str
    name: str
    years: tuple[int, int]
    codings: tuple[CaseCoding, ...]
    outcome: Outcome
    note: str = ""
    expected: Expected | None = None


@dataclass(frozen=True)
class CaseRecord:
    """A validated historical case: model, codings, sources, facts, observed outcome.

    Examples
    --------
    >>> rec = load_case("july_1914")
    >>> rec.years
    (1914, 1914)
    >>> all(f.sources for f in rec.facts)
    True
    """

    id: str
    name: str
    years: tuple[int, int]
    members: tuple[str, ...]
    model: str
    summary: str
    codings: tuple[CaseCoding, ...]
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    outcome: Outcome
    caveats: tuple[str, ...]
    periods: tuple[Period, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    expected: Expected | None = None
    file: str = field(default="<dict>", compare=False)

    def coding(self, name: str, period: str | None = None) -> CaseCoding:
        """The coding of parameter ``name`` (a period's override if ``period`` is given)."""
        for c in self._codings(period):
            if c.name == name:
                return c
        raise KeyError(f"case {self.id!r} has no coding for {name!r}")

    def _codings(self, period: str | None) -> tuple[CaseCoding, ...]:
        if period is None:
            return self.codings
        p = self.period(period)
        overridden = {c.name for c in p.codings}
        return tuple(c for c in self.codings if c.name not in overridden) + p.codings

    def expected_for(self, period: str | None = None) -> Expected | None:
        """The literature's expected regime for the case (or a period of it)."""
        return self.period(period).expected if period else self.expected

    def outcome_for(self, period: str | None = None) -> Outcome:
        """The observed outcome of the case (or a period of it)."""
        return self.period(period).outcome if period else self.outcome

    def departures(self, period: str | None = None) -> dict[str, str]:
        """``{parameter: reason}`` for codings that leave the model's plausible ranges or orderings."""
        return {c.name: c.departure for c in self._codings(period) if c.departure}

    def units(self) -> list[str | None]:
        """What the scorecard scores: the period ids, or ``[None]`` for a case without periods."""
        return [p.id for p in self.periods] or [None]

    def period(self, id: str) -> Period:
        """The period called ``id``."""
        for p in self.periods:
            if p.id == id:
                return p
        raise KeyError(f"case {self.id!r} has no period {id!r}; it has {[p.id for p in self.periods]}")

    def values(self, period: str | None = None) -> dict[str, float]:
        """Point codings as ``{parameter: value}`` (ready for ``solve(model, params=...)``)."""
        return {c.name: c.value for c in self._codings(period)}

    def ranges(self, period: str | None = None) -> dict[str, tuple[float, float]]:
        """Plausible ranges as ``{parameter: (lo, hi)}``."""
        return {c.name: c.range for c in self._codings(period)}

    def source(self, id: str) -> Source:
        """The source called ``id``."""
        for s in self.sources:
            if s.id == id:
                return s
        raise KeyError(f"case {self.id!r} has no source {id!r}")

    @property
    def role_map(self) -> dict[str, str]:
        """Model player → historical actor."""
        return dict(self.roles)


# =========================================================================== validation
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class _Ctx:
    """Carries the file name so every error names file and field."""

    def __init__(self, file: str) -> None:
        self.file = file

    def error(self, where: str, msg: str) -> CaseError:
        return CaseError(f"{self.file}: {where}: {msg}")


def _mapping(ctx: _Ctx, value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ctx.error(where, f"expected a mapping, got {type(value).__name__}")
    return value


def _keys(
    ctx: _Ctx, d: Mapping[str, Any], where: str, required: Sequence[str], optional: Sequence[str] = ()
) -> None:
    missing = [k for k in required if k not in d or d[k] is None]
    if missing:
        raise ctx.error(where, f"missing required field(s) {missing}")
    unknown = sorted(set(d) - set(required) - set(optional))
    if unknown:
        raise ctx.error(where, f"unknown field(s) {unknown}; allowed: {sorted([*required, *optional])}")


def _text(ctx: _Ctx, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ctx.error(where, f"expected non-empty text, got {value!r}")
    return value.strip()


def _opt_text(ctx: _Ctx, value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return _text(ctx, value, where)


def _number(ctx: _Ctx, value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ctx.error(where, f"expected a number, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ctx.error(where, f"expected a finite number, got {value!r}")
    return x


def _year(ctx: _Ctx, value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 2100:
        raise ctx.error(where, f"expected a year (integer), got {value!r}")
    return value


def _years(ctx: _Ctx, value: Any, where: str) -> tuple[int, int]:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise ctx.error(where, f"expected [first year, last year], got {value!r}")
    a, b = _year(ctx, value[0], where), _year(ctx, value[1], where)
    if a > b:
        raise ctx.error(where, f"first year {a} is after last year {b}")
    return (a, b)


def _date(ctx: _Ctx, value: Any, where: str) -> str | None:
    """ISO date text: YYYY, YYYY-MM or YYYY-MM-DD (YAML dates are accepted too)."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ctx.error(where, f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return text


def _source_refs(ctx: _Ctx, value: Any, where: str, known: set[str]) -> tuple[str, ...]:
    refs = [value] if isinstance(value, str) else value
    if not isinstance(refs, Sequence) or isinstance(refs, str) or not refs:
        raise ctx.error(where, f"expected a source id or a list of source ids, got {value!r}")
    for r in refs:
        if not isinstance(r, str) or r not in known:
            raise ctx.error(where, f"source {r!r} is not among the record's sources {sorted(known)}")
    return tuple(refs)


def _bib_source(ctx: _Ctx, key: str, where: str) -> Source:
    """A source given by its key in the package bibliography (``alliancegames/data/references.bib``)."""
    try:
        ref = reference(key)
    except BibliographyError as e:
        raise ctx.error(where, str(e)) from None
    f = {k: plain_text(v) for k, v in ref.fields.items()}
    where_published = ", ".join(f[k] for k in ("publisher", "address") if f.get(k)) or f.get("howpublished")
    return Source(
        id=ref.key,
        author=ref.names,
        year=ref.year,
        title=ref.title,
        publisher=None if f.get("journal") else where_published,
        journal=f.get("journal"),
        volume=f.get("volume"),
        issue=f.get("number"),
        pages=f.get("pages"),
        date=f.get("date"),
    )


def _parse_source(ctx: _Ctx, d: Any, where: str) -> Source:
    if isinstance(d, str):
        return _bib_source(ctx, d, where)
    d = _mapping(ctx, d, where)
    _keys(
        ctx,
        d,
        where,
        ("id", "author", "year", "title"),
        ("publisher", "journal", "volume", "issue", "pages", "date", "note"),
    )
    sid = _text(ctx, d["id"], f"{where}.id")
    if not _ID.match(sid):
        raise ctx.error(f"{where}.id", f"source id {sid!r} must be lower-case letters, digits, '_'")
    if d.get("publisher") is None and d.get("journal") is None:
        raise ctx.error(where, f"source {sid!r} needs a publisher or a journal")
    return Source(
        id=sid,
        author=_text(ctx, d["author"], f"{where}.author"),
        year=_year(ctx, d["year"], f"{where}.year"),
        title=_text(ctx, d["title"], f"{where}.title"),
        publisher=_opt_text(ctx, d.get("publisher"), f"{where}.publisher"),
        journal=_opt_text(ctx, d.get("journal"), f"{where}.journal"),
        volume=_opt_text(ctx, d.get("volume"), f"{where}.volume"),
        issue=_opt_text(ctx, d.get("issue"), f"{where}.issue"),
        pages=_opt_text(ctx, d.get("pages"), f"{where}.pages"),
        date=_date(ctx, d.get("date"), f"{where}.date"),
        note=_opt_text(ctx, d.get("note"), f"{where}.note"),
    )


def _parse_fact(ctx: _Ctx, d: Any, where: str, known: set[str]) -> Fact:
    d = _mapping(ctx, d, where)
    if "source" not in d or d["source"] is None:
        raise ctx.error(where, f"fact {str(d.get('text', ''))[:60]!r} has no source")
    _keys(ctx, d, where, ("text", "source"), ("date", "pages"))
    return Fact(
        text=_text(ctx, d["text"], f"{where}.text"),
        sources=_source_refs(ctx, d["source"], f"{where}.source", known),
        date=_date(ctx, d.get("date"), f"{where}.date"),
        pages=_opt_text(ctx, d.get("pages"), f"{where}.pages"),
    )


def _parse_distribution(ctx: _Ctx, d: Any, where: str) -> Distribution:
    d = _mapping(ctx, d, where)
    kind = d.get("type")
    if kind not in DISTRIBUTION_TYPES:
        raise ctx.error(
            f"{where}.type", f"unknown distribution {kind!r}; choose one of {list(DISTRIBUTION_TYPES)}"
        )
    if kind == "codings":
        _keys(ctx, d, where, ("type", "values", "weights"))
        vals, wts = d["values"], d["weights"]
        if (
            not isinstance(vals, Sequence)
            or not isinstance(wts, Sequence)
            or len(vals) != len(wts)
            or not vals
        ):
            raise ctx.error(where, "'values' and 'weights' must be non-empty lists of equal length")
        values = tuple(_number(ctx, v, f"{where}.values") for v in vals)
        weights = tuple(_number(ctx, w, f"{where}.weights") for w in wts)
        if any(w < 0 for w in weights) or sum(weights) <= 0:
            raise ctx.error(
                f"{where}.weights", f"weights must be >= 0 with a positive sum, got {list(weights)}"
            )
        return Distribution("codings", min(values), max(values), values=values, weights=weights)
    required = {"uniform": ("lo", "hi"), "triangular": ("lo", "mode", "hi"), "beta": ("a", "b", "lo", "hi")}[
        kind
    ]
    _keys(ctx, d, where, ("type", *required))
    num = {k: _number(ctx, d[k], f"{where}.{k}") for k in required}
    if num["lo"] > num["hi"]:
        raise ctx.error(where, f"lo {num['lo']} is above hi {num['hi']}")
    if kind == "triangular" and not num["lo"] <= num["mode"] <= num["hi"]:
        raise ctx.error(f"{where}.mode", f"mode {num['mode']} is outside [{num['lo']}, {num['hi']}]")
    if kind == "beta" and (num["a"] <= 0 or num["b"] <= 0):
        raise ctx.error(where, f"beta shapes must be positive, got a={num['a']}, b={num['b']}")
    return Distribution(kind, **num)


def _parse_coding(ctx: _Ctx, name: str, d: Any, where: str, known: set[str]) -> CaseCoding:
    d = _mapping(ctx, d, where)
    kind = d.get("kind")
    if kind not in CODING_KINDS:
        raise ctx.error(
            f"{where}.kind", f"expected 'coding' (our judgement) or 'data' (a sourced figure), got {kind!r}"
        )
    ref_key = "source" if kind == "data" else "informed_by"
    wrong = "informed_by" if kind == "data" else "source"
    if wrong in d:
        raise ctx.error(
            f"{where}.{wrong}",
            f"a {'sourced figure (kind: data)' if kind == 'data' else 'judgement (kind: coding)'} names its "
            f"source with {ref_key!r}, not {wrong!r}: 'source' is the figure's source, 'informed_by' the "
            "argument a judgement reads",
        )
    _keys(ctx, d, where, ("value", "kind", "justification", ref_key), ("range", "distribution", "departure"))
    value = _number(ctx, d["value"], f"{where}.value")
    dist = (
        _parse_distribution(ctx, d["distribution"], f"{where}.distribution")
        if d.get("distribution")
        else None
    )
    if d.get("range") is not None:
        r = d["range"]
        if not isinstance(r, Sequence) or isinstance(r, str) or len(r) != 2:
            raise ctx.error(f"{where}.range", f"expected [lo, hi], got {r!r}")
        lo, hi = _number(ctx, r[0], f"{where}.range"), _number(ctx, r[1], f"{where}.range")
        if lo > hi:
            raise ctx.error(f"{where}.range", f"lo {lo} is above hi {hi}")
        if dist is not None and (dist.lo, dist.hi) != (lo, hi):
            raise ctx.error(
                where, f"range {[lo, hi]} differs from the distribution's support {[dist.lo, dist.hi]}"
            )
    elif dist is not None:
        lo, hi = dist.lo, dist.hi
    elif kind == "data":
        lo = hi = value
    else:
        raise ctx.error(where, "a judgement (kind: coding) needs a plausible 'range' or a 'distribution'")
    if kind == "coding" and lo == hi:
        raise ctx.error(f"{where}.range", "a judgement (kind: coding) needs a range of positive width")
    if not lo <= value <= hi:
        raise ctx.error(f"{where}.value", f"value {value} is outside its range [{lo}, {hi}]")
    return CaseCoding(
        name=name,
        value=value,
        range=(lo, hi),
        kind=kind,
        justification=_text(ctx, d["justification"], f"{where}.justification"),
        sources=_source_refs(ctx, d[ref_key], f"{where}.{ref_key}", known),
        distribution=dist,
        departure=_opt_text(ctx, d.get("departure"), f"{where}.departure"),
    )


def _parse_codings(ctx: _Ctx, d: Any, where: str, known: set[str]) -> tuple[CaseCoding, ...]:
    d = _mapping(ctx, d, where)
    out = []
    for name, spec in d.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ctx.error(where, f"parameter name {name!r} is not an identifier")
        out.append(_parse_coding(ctx, name, spec, f"{where}.{name}", known))
    return tuple(out)


def _parse_actors(ctx: _Ctx, d: Any, where: str, known: set[str]) -> tuple[ActorBehaviour, ...]:
    out = []
    for player, spec in _mapping(ctx, d, where).items():
        w = f"{where}.{player}"
        spec = _mapping(ctx, spec, w)
        _keys(ctx, spec, w, ("action", "evidence", "source"))
        out.append(
            ActorBehaviour(
                player=_text(ctx, player, where),
                action=_text(ctx, spec["action"], f"{w}.action"),
                evidence=_text(ctx, spec["evidence"], f"{w}.evidence"),
                sources=_source_refs(ctx, spec["source"], f"{w}.source", known),
            )
        )
    return tuple(out)


def _parse_outcome(ctx: _Ctx, d: Any, where: str, known: set[str]) -> Outcome:
    d = _mapping(ctx, d, where)
    _keys(ctx, d, where, ("label", "description", "source"), ("actors",))
    return Outcome(
        label=_text(ctx, d["label"], f"{where}.label"),
        description=_text(ctx, d["description"], f"{where}.description"),
        sources=_source_refs(ctx, d["source"], f"{where}.source", known),
        actors=_parse_actors(ctx, d["actors"], f"{where}.actors", known) if d.get("actors") else (),
    )


def _parse_expected(ctx: _Ctx, d: Any, where: str, known: set[str]) -> Expected:
    d = _mapping(ctx, d, where)
    _keys(ctx, d, where, ("label", "reason", "source"))
    return Expected(
        label=_text(ctx, d["label"], f"{where}.label"),
        reason=_text(ctx, d["reason"], f"{where}.reason"),
        sources=_source_refs(ctx, d["source"], f"{where}.source", known),
    )


def _parse_period(ctx: _Ctx, d: Any, where: str, known: set[str]) -> Period:
    d = _mapping(ctx, d, where)
    _keys(ctx, d, where, ("id", "name", "years", "codings", "outcome", "expected"), ("note",))
    pid = _text(ctx, d["id"], f"{where}.id")
    if not _ID.match(pid):
        raise ctx.error(f"{where}.id", f"period id {pid!r} must be lower-case letters, digits, '_'")
    return Period(
        id=pid,
        name=_text(ctx, d["name"], f"{where}.name"),
        years=_years(ctx, d["years"], f"{where}.years"),
        codings=_parse_codings(ctx, d["codings"], f"{where}.codings", known),
        outcome=_parse_outcome(ctx, d["outcome"], f"{where}.outcome", known),
        note=(_opt_text(ctx, d.get("note"), f"{where}.note") or ""),
        expected=_parse_expected(ctx, d["expected"], f"{where}.expected", known),
    )


def _list(ctx: _Ctx, value: Any, where: str, nonempty: bool = True) -> list[Any]:
    if not isinstance(value, list) or (nonempty and not value):
        raise ctx.error(where, f"expected a {'non-empty ' if nonempty else ''}list, got {value!r}")
    return value


# ------------------------------------------------------------------ model checks
@dataclass(frozen=True)
class _ModelSpec:
    parameters: dict[str, Any]  # name -> Parameter (with .domain and .contains)
    labels: frozenset[str] | None  # admissible outcome labels, None if not checkable
    players: tuple[str, ...]
    coding: Any = None  # the model's alliancegames.models.CodingRanges (plausible ranges, orderings)
    model: Any = None


def _model_spec(name: str) -> _ModelSpec:
    """Parameters and outcome labels of the registry model ``name``, through the model protocol.

    Raises ``KeyError`` for a name that is not registered.
    """
    if name not in REGISTRY:
        raise KeyError(name)
    m = library_model(name)
    return _ModelSpec({p.name: p for p in m.parameters}, m.outcome_labels, m.players, m.ranges, m.model)


def _model_names() -> list[str]:
    return sorted(REGISTRY)


def _check_against_model(ctx: _Ctx, rec: CaseRecord) -> None:
    try:
        spec = _model_spec(rec.model)
    except CaseError:
        raise
    except (KeyError, ValueError) as exc:
        raise ctx.error("model", f"unknown model {rec.model!r}; registered models: {_model_names()}") from exc
    for where, codings in [("codings", rec.codings)] + [
        (f"periods[{k}].codings", p.codings) for k, p in enumerate(rec.periods)
    ]:
        for c in codings:
            p = spec.parameters.get(c.name)
            if p is None:
                raise ctx.error(
                    f"{where}.{c.name}",
                    f"model {rec.model!r} has no parameter {c.name!r}; it has {sorted(spec.parameters)}",
                )
            for what, x in (("value", c.value), ("range lo", c.lo), ("range hi", c.hi)):
                if not p.contains(x):
                    raise ctx.error(
                        f"{where}.{c.name}",
                        f"{what} {x} is outside the domain {p.domain!r} of parameter {c.name!r}",
                    )
    labelled: list[tuple[str, Any]] = [("outcome", rec.outcome)]
    labelled += [(f"periods[{k}].outcome", p.outcome) for k, p in enumerate(rec.periods)]
    if rec.expected is not None:
        labelled.append(("expected", rec.expected))
    labelled += [(f"periods[{k}].expected", p.expected) for k, p in enumerate(rec.periods) if p.expected]
    if spec.labels is not None:
        for where, out in labelled:
            if out.label not in spec.labels:
                raise ctx.error(
                    f"{where}.label",
                    f"{out.label!r} is not an outcome of model {rec.model!r}; expected one of {sorted(spec.labels)}",
                )
    for where, out in labelled:
        for a in getattr(out, "actors", ()):
            if spec.players and a.player not in spec.players:
                raise ctx.error(
                    f"{where}.actors", f"{a.player!r} is not a player of {rec.model!r}: {list(spec.players)}"
                )
            parts = out.label.split("/")
            if len(parts) == len(spec.players) == 2 and parts[spec.players.index(a.player)] != a.action:
                raise ctx.error(
                    f"{where}.actors.{a.player}.action",
                    f"{a.action!r} is not {a.player!r}'s part of the outcome {out.label!r}",
                )
    if rec.roles and len(spec.players) == 2 and hasattr(spec.model, "payoffs"):
        for period in rec.units():
            out = rec.outcome_for(period)
            named = {a.player for a in out.actors}
            missing = [p for p in spec.players if p not in named]
            if missing:
                where = f"periods[{[p.id for p in rec.periods].index(period)}].outcome" if period else "outcome"
                raise ctx.error(
                    f"{where}.actors",
                    f"name the action and the evidence for each player's part of {out.label!r}; missing {missing}",
                )
    _check_coding_space(ctx, rec, spec)
    if rec.roles and spec.players:
        for player, _ in rec.roles:
            if player not in spec.players:
                raise ctx.error(
                    "roles", f"{player!r} is not a player of {rec.model!r}; players: {list(spec.players)}"
                )


def _plausible(spec: _ModelSpec) -> dict[str, tuple[float, float]]:
    if spec.coding is None:
        return {}
    return {s.name: (float(s.plausible[0]), float(s.plausible[1])) for s in spec.coding.specs}


def _box(rec: CaseRecord, period: str | None, spec: _ModelSpec) -> tuple[dict[str, float], dict[str, tuple]]:
    """(point: every model parameter at the case's value or the model default, box: coded ranges)."""
    point = {}
    if spec.coding is not None:
        point = {s.name: float(s.default) for s in spec.coding.specs}
    point.update(rec.values(period))
    box = {c.name: (c.lo, c.hi) for c in rec._codings(period) if c.lo < c.hi}
    return point, box


def _corners(point: dict[str, float], box: dict[str, tuple], names: Sequence[str]) -> dict[str, np.ndarray]:
    """Columns holding every corner of the box over ``names`` (others at the point)."""
    free = [n for n in names if n in box]
    k = len(free)
    grid = (np.arange(2**k)[:, None] >> np.arange(k)[None, :]) & 1 if k else np.zeros((1, 0), int)
    cols = {n: np.full(len(grid), v) for n, v in point.items()}
    for j, n in enumerate(free):
        lo, hi = box[n]
        cols[n] = np.where(grid[:, j] == 1, hi, lo)
    return cols


def _violations(rec: CaseRecord, period: str | None, spec: _ModelSpec) -> dict[str, list[str]]:
    """Coding name -> what it leaves: the model's plausible range or one of its orderings."""
    out: dict[str, list[str]] = {}
    plaus = _plausible(spec)
    tol = 1e-9
    for c in rec._codings(period):
        if c.name in plaus:
            lo, hi = plaus[c.name]
            if c.lo < lo - tol or c.hi > hi + tol:
                out.setdefault(c.name, []).append(
                    f"range [{c.lo:g}, {c.hi:g}] leaves the model's plausible range [{lo:g}, {hi:g}]"
                )
    if spec.coding is None:
        return out
    point, box = _box(rec, period, spec)
    coded = {c.name for c in rec._codings(period)}
    for chain in getattr(spec.coding, "orderings", ()):
        for a, b in zip(chain, chain[1:]):
            a_lo = box.get(a, (point[a], point[a]))[0]
            b_hi = box.get(b, (point[b], point[b]))[1]
            if not a_lo > b_hi:
                msg = f"the model's ordering {a} > {b} fails in the coded ranges ({a} >= {a_lo:g}, {b} <= {b_hi:g})"
                for name in (a, b):
                    if name in coded:
                        out.setdefault(name, []).append(msg)
                if a not in coded and b not in coded:  # pragma: no cover - the model's own defaults
                    out.setdefault(a, []).append(msg)
    prefs = getattr(spec.coding, "preferences", ())
    model = spec.model
    if prefs and hasattr(model, "payoffs") and hasattr(model, "actions"):
        f = _compiled(spec.model)
        for pref in prefs:
            (i, j) = (model.actions[0].index(pref.better[0]), model.actions[1].index(pref.better[1]))
            (k, m) = (model.actions[0].index(pref.worse[0]), model.actions[1].index(pref.worse[1]))
            exprs = (model.payoffs[pref.player][i, j], model.payoffs[pref.player][k, m])
            names = sorted({str(x) for e in exprs for x in e.free_symbols})
            cols = _corners(point, box, names)
            mats = f(cols)
            M = mats[pref.player]
            bad = ~(M[..., i, j] > M[..., k, m] + 1e-12)
            if np.any(bad):
                msg = (
                    f"the model's ordering {pref.better} > {pref.worse} for player {pref.player + 1} "
                    f"fails in the coded ranges ({pref.reason})"
                )
                involved = [n for n in names if n in coded] or names
                for name in involved:
                    out.setdefault(name, []).append(msg)
    return out


_COMPILED: dict[int, Any] = {}


def _compiled(model: Any) -> Any:
    key = id(model)
    if key not in _COMPILED:
        _COMPILED[key] = (model, compile_model(model))
    return _COMPILED[key][1]


def _check_coding_space(ctx: _Ctx, rec: CaseRecord, spec: _ModelSpec) -> None:
    """Every coding inside the model's plausible ranges and orderings, or a stated departure."""
    used: set[str] = set()
    for period in rec.units():
        where = f"periods[{[p.id for p in rec.periods].index(period)}]" if period else "codings"
        departures = rec.departures(period)
        for name, what in _violations(rec, period, spec).items():
            if name not in departures:
                raise ctx.error(
                    f"{where}.{name}" if period is None else f"{where} ({period}).{name}",
                    f"{'; '.join(what)}; move the coding inside, or state why the case leaves the model "
                    "in a 'departure' field",
                )
            used.add(name)
    stated = {c.name for c in rec.codings if c.departure}
    stated |= {c.name for p in rec.periods for c in p.codings if c.departure}
    idle = sorted(stated - used)
    if idle:
        raise ctx.error(
            "departure",
            f"coding(s) {idle} state a departure but sit inside the model's plausible ranges and orderings",
        )


# ------------------------------------------------------------------ record
_REQUIRED = (
    "id",
    "name",
    "years",
    "members",
    "model",
    "summary",
    "codings",
    "sources",
    "facts",
    "outcome",
    "caveats",
)
_OPTIONAL = ("periods", "roles", "expected")


def validate_record(data: Any, *, file: str = "<dict>", check_model: bool = True) -> CaseRecord:
    """Validate a parsed record (a dict) and return a :class:`CaseRecord`.

    Parameters
    ----------
    data : dict
        The record as parsed from YAML (see the module docstring for its layout).
    file : str
        Name used in error messages.
    check_model : bool
        Also check the model name, parameter names and domains, and outcome
        labels against :mod:`alliancegames.models` (imported on demand).

    Raises
    ------
    CaseError
        Naming the file and the field, for a malformed record, an unknown
        model or parameter, a coding outside its range or domain, a fact
        without a source, or a reference to a source id that does not exist.

    Examples
    --------
    >>> rec = {"id": "toy", "name": "Toy", "years": [1900, 1901], "members": ["A", "B"],
    ...        "model": "snyder_alliance", "summary": "A toy.",
    ...        "codings": {}, "sources": [{"id": "s", "author": "X", "year": 2000,
    ...        "title": "T", "publisher": "P"}], "facts": [{"text": "A and B allied."}],
    ...        "outcome": {"label": "x", "description": "d", "source": "s"}, "caveats": []}
    >>> validate_record(rec, file="toy.yaml", check_model=False)
    Traceback (most recent call last):
    ...
    alliancegames.cases.records.CaseError: toy.yaml: facts[0]: fact 'A and B allied.' has no source
    """
    ctx = _Ctx(file)
    d = _mapping(ctx, data, "record")
    _keys(ctx, d, "record", _REQUIRED, _OPTIONAL)
    rid = _text(ctx, d["id"], "id")
    if not _ID.match(rid):
        raise ctx.error("id", f"case id {rid!r} must be lower-case letters, digits, '_'")
    sources = tuple(
        _parse_source(ctx, s, f"sources[{k}]") for k, s in enumerate(_list(ctx, d["sources"], "sources"))
    )
    ids = [s.id for s in sources]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ctx.error("sources", f"duplicate source id(s) {dup}")
    known = set(ids)
    members = tuple(_text(ctx, m, f"members[{k}]") for k, m in enumerate(_list(ctx, d["members"], "members")))
    facts = tuple(
        _parse_fact(ctx, f, f"facts[{k}]", known) for k, f in enumerate(_list(ctx, d["facts"], "facts"))
    )
    caveats = tuple(
        _text(ctx, c, f"caveats[{k}]") for k, c in enumerate(_list(ctx, d["caveats"], "caveats", False))
    )
    periods = tuple(
        _parse_period(ctx, p, f"periods[{k}]", known)
        for k, p in enumerate(_list(ctx, d.get("periods") or [], "periods", False))
    )
    pids = [p.id for p in periods]
    if len(set(pids)) != len(pids):
        raise ctx.error("periods", f"duplicate period ids in {pids}")
    roles = tuple(
        (_text(ctx, k, "roles"), _text(ctx, v, f"roles.{k}"))
        for k, v in _mapping(ctx, d.get("roles") or {}, "roles").items()
    )
    years = _years(ctx, d["years"], "years")
    for k, p in enumerate(periods):
        if not (years[0] <= p.years[0] and p.years[1] <= years[1]):
            raise ctx.error(
                f"periods[{k}].years", f"{list(p.years)} lies outside the case's years {list(years)}"
            )
    model = _text(ctx, d["model"], "model")
    if d.get("expected") is None and not periods:
        raise ctx.error(
            "expected",
            "missing: state the regime the case's literature expects (label, reason, source) "
            "before any Monte Carlo",
        )
    expected = _parse_expected(ctx, d["expected"], "expected", known) if d.get("expected") else None
    rec = CaseRecord(
        id=rid,
        name=_text(ctx, d["name"], "name"),
        years=years,
        members=members,
        model=model,
        summary=_text(ctx, d["summary"], "summary"),
        codings=_parse_codings(ctx, d["codings"], "codings", known),
        sources=sources,
        facts=facts,
        outcome=_parse_outcome(ctx, d["outcome"], "outcome", known),
        caveats=caveats,
        periods=periods,
        roles=roles,
        expected=expected,
        file=file,
    )
    if check_model:
        _check_against_model(ctx, rec)
    return rec


# =========================================================================== loading
def _data_dir():
    return resources.files(DATA_PACKAGE).joinpath(DATA_DIR)


def case_ids() -> list[str]:
    """Identifiers of the packaged case records, sorted.

    Examples
    --------
    >>> "nato_cold_war" in case_ids()
    True
    """
    return sorted(
        p.name[: -len(".yaml")]
        for p in _data_dir().iterdir()
        if p.name.endswith(".yaml") and not p.name.startswith(DATASET_PREFIX)
    )


def parse_yaml(text: str, file: str) -> Any:
    """``yaml.safe_load`` with errors turned into :class:`CaseError` naming ``file``."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CaseError(f"{file}: not valid YAML: {exc}") from exc


@cache
def _load(case_id: str, check_model: bool) -> CaseRecord:
    if not isinstance(case_id, str) or not _ID.match(case_id):
        raise CaseError(f"{case_id!r} is not a case id")
    path = _data_dir().joinpath(f"{case_id}.yaml")
    if case_id.startswith(DATASET_PREFIX) or not path.is_file():
        raise CaseError(f"no case {case_id!r}; available: {case_ids()}")
    file = f"{case_id}.yaml"
    rec = validate_record(parse_yaml(path.read_text("utf-8"), file), file=file, check_model=check_model)
    if rec.id != case_id:
        raise CaseError(f"{file}: id: record id {rec.id!r} differs from its file name {case_id!r}")
    return rec


def load_case(case_id: str, *, check_model: bool = True) -> CaseRecord:
    """Load and validate the packaged case record ``case_id``.

    Examples
    --------
    >>> load_case("warsaw_pact").model
    'alliance_bargaining'
    """
    return _load(case_id, check_model)


def load_cases(*, check_model: bool = True) -> list[CaseRecord]:
    """All packaged case records, validated, in id order.

    Examples
    --------
    >>> len(load_cases())
    11
    """
    return [_load(i, check_model) for i in case_ids()]


def list_cases(*, check_model: bool = True):
    """The cases as a table: one row per case.

    Columns: ``id``, ``name``, ``first_year``, ``last_year``, ``members``
    (comma-separated), ``model``, ``observed`` (outcome label), ``n_codings``,
    ``n_judgements`` (codings of kind ``coding``), ``n_facts``, ``n_sources``,
    ``n_periods``.

    Examples
    --------
    >>> df = list_cases()
    >>> df["id"].is_unique
    True
    """
    rows = []
    for r in load_cases(check_model=check_model):
        rows.append(
            {
                "id": r.id,
                "name": r.name,
                "first_year": r.years[0],
                "last_year": r.years[1],
                "members": ", ".join(r.members),
                "model": r.model,
                "observed": r.outcome.label,
                "n_codings": len(r.codings),
                "n_judgements": sum(c.kind == "coding" for c in r.codings),
                "n_facts": len(r.facts),
                "n_sources": len(r.sources),
                "n_periods": len(r.periods),
            }
        )
    return pd.DataFrame(rows)
