r"""The shadow of the future: when repetition sustains alliance cooperation.

A two-player stage game (a :class:`~alliancegames.core.model.NormalFormModel`)
is played in every period :math:`t = 0, 1, 2, \dots`; each player maximises the
normalised discounted sum :math:`(1-\delta)\sum_t \delta^t u_i(a^t)` with a
common discount factor :math:`\delta \in (0, 1)` (the "shadow of the future").
This module derives, symbolically, the discount factors at which a
*cooperative* profile :math:`c = (c_1, c_2)` is sustained in a subgame-perfect
equilibrium by three classic strategies, using the one-shot deviation
principle.  Write, for player :math:`i`, :math:`R_i = u_i(c)`,
:math:`T_i(a) = u_i(a, c_{-i})` (deviating to :math:`a` while the partner
cooperates) and :math:`P_i = u_i(p)` for a punishment profile :math:`p`.

Grim trigger (:func:`grim_trigger`)
    Cooperate until anyone deviates, then play :math:`p` forever.  Subgame
    perfect iff :math:`p` is a Nash equilibrium of the stage game and, for
    each player and deviation, :math:`R_i \ge (1-\delta) T_i(a) + \delta P_i`,
    i.e. :math:`\delta \ge (T_i - R_i)/(T_i - P_i)`; in a prisoner's dilemma
    the familiar :math:`\delta \ge (T-R)/(T-P)`.
Limited punishment (:func:`limited_punishment`)
    After a deviation play :math:`p` for ``periods`` = :math:`k` periods, then
    return to cooperation (deviations during the punishment phase do not
    change it).  Subgame perfect iff :math:`p` is a stage Nash equilibrium and
    :math:`(R_i - P_i)(\delta + \dots + \delta^k) \ge T_i(a) - R_i`; for
    :math:`k = 1`, :math:`\delta \ge (T-R)/(R-P)`; as :math:`k \to \infty` the
    grim-trigger condition.
Tit-for-tat (:func:`tit_for_tat`, 2x2 stage games)
    Cooperate first, then copy the partner's last action.  A Nash equilibrium
    of the repeated game iff :math:`\delta \ge (T-R)/(T-P)` and
    :math:`\delta \ge (T-R)/(R-S)` (deviating to always-defect or to
    alternation does not pay), but subgame perfect only on a knife edge:
    the one-shot deviation conditions after a defection require
    :math:`\delta = (T-R)/(R-S) = (P-S)/(T-P)`.  The result carries both.

Conditions come in the readable form of :mod:`alliancegames.analysis.regions`
(:func:`~alliancegames.analysis.conditions.simplify_conditions`, solved for
``delta`` first) and the threshold's comparative statics come from
:func:`~alliancegames.analysis.statics.comparative_statics`.
:func:`play_repeated` plays strategies against each other numerically (the
tests check every threshold against simulated one-shot deviations).

References
----------
The one-shot deviation principle and grim trigger [@fudenberg_tirole1991]; limited
punishment and tit-for-tat in the repeated prisoner's dilemma [@osborne2004]; the
primary alliance game as a prisoner's dilemma [@snyder1984].  The textbook entries
are recalled, not re-read: the tests re-derive every threshold by simulation.
The whole set of pure-strategy subgame-perfect payoffs at a given discount factor is
computed by QuantEcon's implementation of the Abreu-Sannikov algorithm
[@abreu_sannikov2014]; a slow test and ``benchmarks/bench_dynamics.py`` compare it
with the grim-trigger threshold.

Examples
--------
>>> from alliancegames.models import primary_alliance
>>> g = grim_trigger(primary_alliance(), cooperate=("Abstain", "Abstain"), punish=("Ally", "Ally"))
>>> g.threshold
(g_advantage - k_cost)/g_advantage
>>> g.threshold_at(), g.holds_at(0.7), g.holds_at(0.6)
(Fraction(2, 3), True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.analysis.regions import (
    Static,
    comparative_statics,
    context_of,
    decide,
    simplify_conditions,
)
from alliancegames.core.model import ModelError, NormalFormModel, Parameter, exact_number, parameter
from alliancegames.core.points import exact_point

__all__ = [
    "RepeatedConditions",
    "discount_parameter",
    "grim_trigger",
    "limited_punishment",
    "play_repeated",
    "threshold_grid",
    "tit_for_tat",
    "grim_strategy",
    "tit_for_tat_strategy",
    "limited_punishment_strategy",
    "deviate_once",
]

DELTA_NAME = "delta"


def discount_parameter() -> Parameter:
    """The discount factor ``delta`` (a probability-domain parameter, with ``0 < delta < 1`` assumed).

    Examples
    --------
    >>> discount_parameter().name
    'delta'
    """
    return parameter(
        DELTA_NAME, "discount factor: the weight of the next period (shadow of the future)", "probability"
    )


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True)
class RepeatedConditions:
    """Where a repeated-game strategy profile sustains cooperation.

    Attributes
    ----------
    strategy : str
        ``"grim trigger"``, ``"limited punishment"`` or ``"tit-for-tat"``.
    model : NormalFormModel
        The stage game.
    cooperate, punish : tuple of str
        The cooperative profile and the punishment profile (for tit-for-tat,
        the "defect" actions).
    delta : Parameter
        The discount factor.
    conditions : sympy Boolean
        Subgame perfection, simplified (in ``delta`` and the parameters).
    stage_conditions : sympy Boolean
        The part of ``conditions`` free of ``delta`` (e.g. the punishment
        profile is a stage Nash equilibrium).
    thresholds : tuple of sympy expressions
        Lower bounds on ``delta`` in closed form, one per binding incentive
        (deduplicated: a symmetric game gives one); ``delta`` must be at least
        each.  For tit-for-tat, the bounds of its *Nash* conditions.
    upper : tuple of sympy expressions
        Upper bounds on ``delta`` (tit-for-tat's subgame-perfection conditions).
    nash_conditions : sympy Boolean or None
        Tit-for-tat only: the (weaker) Nash-equilibrium conditions.
    assumptions : tuple
        The context the conditions were simplified under.
    periods : int or None
        Length of the punishment phase (limited punishment).
    ratio : sympy expression or None
        Limited punishment: :math:`x = (T-R)/(R-P)`; the threshold solves
        :math:`\\delta + \\dots + \\delta^k = x` and rises with :math:`x`.
    """

    strategy: str
    model: NormalFormModel
    cooperate: tuple[str, str]
    punish: tuple[str, str]
    delta: Parameter
    conditions: sp.Basic
    stage_conditions: sp.Basic
    thresholds: tuple[sp.Expr, ...]
    upper: tuple[sp.Expr, ...] = ()
    nash_conditions: sp.Basic | None = None
    assumptions: tuple[sp.Basic, ...] = field(default=(), repr=False)
    periods: int | None = None
    ratio: sp.Expr | None = None

    @property
    def threshold(self) -> sp.Expr:
        """The smallest discount factor that sustains cooperation (``Max`` of its ``thresholds``)."""
        if not self.thresholds:
            raise ModelError(f"{self.strategy}: no closed-form threshold (see .conditions)")
        return self.thresholds[0] if len(self.thresholds) == 1 else sp.Max(*self.thresholds)

    def _values(self, values: Mapping[str, Any]) -> dict[sp.Symbol, sp.Expr]:
        return exact_point(self.model.parameters, values, f"model {self.model.name!r}")

    def threshold_at(self, values: Mapping[str, Any] | None = None, /, **kw: Any) -> Fraction | float:
        """The threshold at a parameter point (defaults fill the rest); exact when it is rational.

        For limited punishment with ``periods > 2`` it is the root in
        :math:`(0, \\infty)` of :math:`\\delta + \\dots + \\delta^k = x`, computed
        numerically (``inf`` when cooperation beats punishment by nothing).
        """
        sub = self._values({**(values or {}), **kw})
        if not self.thresholds and self.ratio is not None:
            x = float(self.ratio.xreplace(sub))
            return _power_sum_root(x, self.periods or 1)
        v = sp.nsimplify(self.threshold.xreplace(sub))
        if v.is_Rational:
            return Fraction(int(v.p), int(v.q))
        return float(v)

    def holds_at(self, delta: Any, values: Mapping[str, Any] | None = None, /, **kw: Any) -> bool:
        """Whether the strategy profile is subgame perfect at ``delta`` and the parameter point."""
        d = exact_number(delta)
        if not (0 < d < 1):
            raise ModelError(f"delta must lie strictly between 0 and 1; got {delta!r}")
        sub = self._values({**(values or {}), **kw})
        sub[self.delta.symbol] = d
        v = self.conditions.xreplace(sub)
        if v not in (sp.true, sp.false):
            v = sp.simplify(v)
        if v not in (sp.true, sp.false):
            raise ModelError(f"cannot decide {self.conditions} at this point")
        return bool(v)

    def statics(self, parameters: Iterable[str] | None = None) -> tuple[Static, ...]:
        """Comparative statics of each threshold in each parameter (signs under the assumptions).

        For limited punishment with ``periods > 2`` the statics are those of
        the ratio :math:`x`, which moves the threshold in the same direction.
        """
        exprs = self.thresholds or ((self.ratio,) if self.ratio is not None else ())
        names = list(parameters) if parameters is not None else list(self.model.parameter_names)
        extra = [a for a in _atoms(self.stage_conditions)]
        out = []
        for k, e in enumerate(exprs):
            qname = "delta*" if len(exprs) == 1 else f"delta*_{k + 1}"
            if not self.thresholds:
                qname = "x (threshold rises with x)"
            for nm in names:
                if sp.Symbol(nm) not in {sp.Symbol(s.name) for s in e.free_symbols}:
                    out.append(Static(e, qname, self.model.parameter(nm).symbol, sp.Integer(0), "zero", ()))
                    continue
                out.append(
                    comparative_statics(
                        e,
                        nm,
                        parameters=self.model.parameters,
                        assumptions=[*self._extra_assumptions(), *extra],
                        name=qname,
                    )
                )
        return tuple(out)

    def _extra_assumptions(self) -> list[sp.Basic]:
        model_syms = {p.symbol for p in self.model.parameters}
        own = set(context_of(self.model.parameters))
        return [a for a in self.assumptions if a not in own and a.free_symbols <= model_syms]

    def __str__(self) -> str:
        c = "/".join(self.cooperate)
        head = f"{self.strategy} sustaining {c} in {self.model.name}"
        if self.periods is not None:
            head += f" (punishment for {self.periods} period{'s' if self.periods > 1 else ''})"
        lines = [head, f"  subgame perfect iff: {self.conditions}"]
        if self.thresholds:
            lines.append(f"  threshold: delta >= {self.threshold}")
        if self.nash_conditions is not None:
            lines.append(f"  Nash equilibrium iff: {self.nash_conditions}")
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        body = sp.latex(self.conditions)
        if self.thresholds:
            body += r"\quad(\delta \ge " + sp.latex(self.threshold) + ")"
        return f"$\\text{{{self.strategy}}}: {body}$"


def _atoms(cond: Any) -> list[sp.Basic]:
    if cond is sp.true or cond is True or cond is None:
        return []
    if isinstance(cond, sp.And):
        return list(cond.args)
    return [cond]


def _power_sum_root(x: float, k: int) -> float:
    """The positive root of delta + ... + delta**k = x (0 if x <= 0)."""
    if not np.isfinite(x):
        return float("inf")
    if x <= 0:
        return 0.0
    roots = np.roots([1.0] * k + [-x])
    real = [r.real for r in roots if abs(r.imag) < 1e-12 and r.real > 0]
    return float(min(real))


# ----------------------------------------------------------------------------- set-up
def _profile(model: NormalFormModel, profile: Sequence[str], what: str) -> tuple[int, int]:
    if isinstance(profile, str) or len(profile) != 2:
        raise ModelError(
            f"{what} must be a pair of action labels, one per player, e.g. ('Abstain', 'Abstain')"
        )
    idx = []
    for k, a in enumerate(profile):
        if a not in model.actions[k]:
            raise ModelError(
                f"{what}: player {k} ({model.players[k]}) has no action {a!r}; actions are {model.actions[k]}"
            )
        idx.append(model.actions[k].index(a))
    return idx[0], idx[1]


def _u(model: NormalFormModel, k: int, mine: int, other: int) -> sp.Expr:
    """Player ``k``'s payoff when it plays ``mine`` and the partner ``other`` (action indices)."""
    return model.payoffs[0][mine, other] if k == 0 else model.payoffs[1][other, mine]


def _setup(
    model: NormalFormModel, assumptions: Iterable[Any]
) -> tuple[Parameter, tuple[sp.Basic, ...], tuple[sp.Symbol, ...]]:
    if not isinstance(model, NormalFormModel):
        raise ModelError(f"a repeated game needs a NormalFormModel stage game; got {type(model).__name__}")
    if DELTA_NAME in model.parameter_names:
        raise ModelError(f"the stage game already has a parameter called {DELTA_NAME!r}")
    d = discount_parameter()
    ds = d.symbol
    ctx = context_of([*model.parameters, d], [*assumptions, ds > 0, ds < 1])
    return d, ctx, (ds,)


def _stage_nash(model: NormalFormModel, p: tuple[int, int]) -> list[sp.Basic]:
    rels = []
    for k in range(2):
        own, other = p[k], p[1 - k]
        P = _u(model, k, own, other)
        for a in range(len(model.actions[k])):
            if a != own:
                rels.append(sp.GreaterThan(P - _u(model, k, a, other), 0))
    return rels


def _split_conditions(cond: sp.Basic, ds: sp.Symbol) -> sp.Basic:
    stage = [a for a in _atoms(cond) if ds not in a.free_symbols]
    return sp.And(*stage) if stage else sp.true


def _dedupe(exprs: Iterable[sp.Expr]) -> tuple[sp.Expr, ...]:
    out: list[sp.Expr] = []
    for e in exprs:
        e = sp.factor(sp.cancel(e))
        if not any(sp.simplify(e - o) == 0 for o in out):
            out.append(e)
    return tuple(out)


def _deviations(
    model: NormalFormModel, c: tuple[int, int], p: tuple[int, int]
) -> Iterator[tuple[sp.Expr, sp.Expr, sp.Expr]]:
    """``(R, P, T)`` of each player's one-shot deviation from the cooperative profile ``c``.

    Reward (both cooperate), punishment (the profile ``p``) and temptation
    (the deviation against a cooperating partner), for every player and every
    action other than its cooperative one.
    """
    for k in range(2):
        R = _u(model, k, c[k], c[1 - k])
        P = _u(model, k, p[k], p[1 - k])
        for a in range(len(model.actions[k])):
            if a != c[k]:
                yield R, P, _u(model, k, a, c[1 - k])


def _may_be_positive(x: sp.Expr, ctx: Sequence[sp.Basic]) -> bool:
    """Whether ``x`` is not identically zero and can be positive under ``ctx`` (a bound's denominator)."""
    gap = sp.simplify(x)
    return gap != 0 and decide(sp.StrictGreaterThan(gap, 0), ctx) is not False


def _result(
    strategy: str,
    model: NormalFormModel,
    cooperate: Sequence[str],
    other: Sequence[str],
    d: Parameter,
    cond: sp.Basic,
    thresholds: tuple[sp.Expr, ...],
    ctx: tuple[sp.Basic, ...],
    **extra: Any,
) -> RepeatedConditions:
    return RepeatedConditions(
        strategy,
        model,
        tuple(cooperate),
        tuple(other),
        d,
        cond,
        _split_conditions(cond, d.symbol),
        thresholds,
        assumptions=ctx,
        **extra,
    )


# ----------------------------------------------------------------------------- grim trigger
def grim_trigger(
    model: NormalFormModel,
    cooperate: Sequence[str],
    punish: Sequence[str],
    *,
    assumptions: Iterable[Any] = (),
) -> RepeatedConditions:
    r"""Discount factors at which grim trigger sustains ``cooperate`` (subgame perfect).

    Parameters
    ----------
    model : NormalFormModel
        The stage game.
    cooperate : pair of str
        The cooperative profile, e.g. ``("Abstain", "Abstain")``.
    punish : pair of str
        The profile played forever after a deviation; it must be a Nash
        equilibrium of the stage game (this requirement is part of the
        returned conditions).
    assumptions : iterable of sympy relations
        Extra relations between parameters.

    Returns
    -------
    RepeatedConditions

    Raises
    ------
    ModelError
        For unknown action labels or a stage game with a ``delta`` parameter.

    Examples
    --------
    Snyder's primary alliance game (a prisoner's dilemma; "Abstain" cooperates):

    >>> from alliancegames.models import primary_alliance
    >>> g = grim_trigger(primary_alliance(), ("Abstain", "Abstain"), ("Ally", "Ally"))
    >>> g.conditions          # (Ally, Ally) must be a stage equilibrium: k_cost <= l_isolation
    (k_cost <= l_isolation) & (delta >= (g_advantage - k_cost)/g_advantage)
    >>> g.threshold_at(), g.holds_at(0.7), g.holds_at(0.6)
    (Fraction(2, 3), True, False)
    >>> [s.sentence for s in g.statics()]  # doctest: +NORMALIZE_WHITESPACE
    ['raising g_advantage raises delta*', 'raising k_cost lowers delta*', 'raising l_isolation does not change delta*']
    """
    d, ctx, prefer = _setup(model, assumptions)
    ds = d.symbol
    c = _profile(model, cooperate, "cooperate")
    p = _profile(model, punish, "punish")
    rels = _stage_nash(model, p)
    lower = []
    for R, P, T in _deviations(model, c, p):
        rels.append(sp.GreaterThan(R - (1 - ds) * T - ds * P, 0))
        if _may_be_positive(T - P, ctx):
            lower.append((T - R) / (T - P))  # a lower bound where T > P (the usual case)
    cond = simplify_conditions(rels, ctx, prefer)
    thresholds = _dedupe(lower) if cond is not sp.false else ()
    return _result("grim trigger", model, cooperate, punish, d, cond, thresholds, ctx)


# ----------------------------------------------------------------------------- limited punishment
def limited_punishment(
    model: NormalFormModel,
    cooperate: Sequence[str],
    punish: Sequence[str],
    periods: int = 1,
    *,
    assumptions: Iterable[Any] = (),
) -> RepeatedConditions:
    r"""Discount factors at which ``periods`` periods of punishment sustain ``cooperate``.

    After any deviation from the cooperative path, both play ``punish`` (a
    stage Nash equilibrium) for ``periods`` periods and then cooperate again;
    deviations during the punishment phase do not change it.  By the one-shot
    deviation principle the profile is subgame perfect iff ``punish`` is a
    stage Nash equilibrium and, for each player and deviation,
    :math:`(R_i - P_i)(\delta + \dots + \delta^k) \ge T_i - R_i`.

    Closed-form thresholds are given for ``periods`` 1 and 2; for longer
    punishments (the ``ratio`` field of :class:`RepeatedConditions`) :math:`x = (T-R)/(R-P)`
    determines the threshold (``threshold_at`` solves for it numerically).

    Examples
    --------
    >>> from alliancegames.models import primary_alliance
    >>> lp = limited_punishment(primary_alliance(), ("Abstain", "Abstain"), ("Ally", "Ally"), periods=1)
    >>> lp.threshold, lp.threshold_at()
    ((g_advantage - k_cost)/k_cost, Fraction(2, 1))
    >>> lp.holds_at(0.99)         # one period of punishment cannot deter at the defaults
    False
    >>> round(float(limited_punishment(primary_alliance(), ("Abstain", "Abstain"), ("Ally", "Ally"),
    ...       periods=3).threshold_at(k_cost=1, g_advantage=2)), 4)
    0.5437
    """
    if not isinstance(periods, (int, np.integer)) or isinstance(periods, bool) or periods < 1:
        raise ModelError(f"periods must be a positive integer; got {periods!r}")
    periods = int(periods)
    d, ctx, prefer = _setup(model, assumptions)
    ds = d.symbol
    c = _profile(model, cooperate, "cooperate")
    p = _profile(model, punish, "punish")
    rels = _stage_nash(model, p)
    raw = []  # long punishments: polynomial conditions of high degree are kept as written
    ratios = []
    power_sum = (
        sum(ds**t for t in range(1, periods + 1)) if periods <= 2 else (ds - ds ** (periods + 1)) / (1 - ds)
    )
    for R, P, T in _deviations(model, c, p):
        rel = sp.GreaterThan((R - P) * power_sum, T - R)
        (rels if periods <= 2 else raw).append(rel)
        if _may_be_positive(R - P, ctx):
            ratios.append((T - R) / (R - P))
    cond = simplify_conditions(rels, ctx, prefer)
    if raw and cond is not sp.false:
        cond = sp.And(cond, *dict.fromkeys(raw))
    thresholds: tuple[sp.Expr, ...] = ()
    ratio = None
    if ratios and cond is not sp.false:
        xs = _dedupe(ratios)
        ratio = xs[0] if len(xs) == 1 else sp.Max(*xs)
        if periods == 1:
            thresholds = xs
        elif periods == 2:
            thresholds = _dedupe((sp.sqrt(1 + 4 * x) - 1) / 2 for x in xs)
    return _result(
        "limited punishment", model, cooperate, punish, d, cond, thresholds, ctx, periods=periods, ratio=ratio
    )


# ----------------------------------------------------------------------------- tit-for-tat
def tit_for_tat(
    model: NormalFormModel,
    cooperate: Sequence[str],
    defect: Sequence[str],
    *,
    assumptions: Iterable[Any] = (),
) -> RepeatedConditions:
    r"""Tit-for-tat in a 2x2 stage game: its Nash and subgame-perfection conditions.

    Each player starts with its ``cooperate`` action and then copies the
    partner's last action (``defect`` names the other action).  With, for
    each player, :math:`R = u(C, C)`, :math:`S = u(C, D)`, :math:`T = u(D, C)`
    and :math:`P = u(D, D)` (own action first), the one-shot deviation
    conditions in the four states (last profile CC, DD, DC, CD) are, after
    clearing the positive factor :math:`1 - \delta^2`,

    * CC: :math:`R - T + \delta (R - S) \ge 0`;
    * DD: :math:`P - S + \delta (P - T) \ge 0`;
    * I defected last: :math:`S - P + \delta (T - P) \ge 0`;
    * the partner defected last: :math:`T - R + \delta (S - R) \ge 0`.

    In a prisoner's dilemma they hold together only on the knife edge
    :math:`\delta = (T-R)/(R-S) = (P-S)/(T-P)`, so the ``conditions`` of :class:`RepeatedConditions`
    is generically false while its ``nash_conditions``
    (:math:`\delta \ge (T-R)/(T-P)` and :math:`\delta \ge (T-R)/(R-S)`) is not.

    Examples
    --------
    >>> from alliancegames.models import primary_alliance
    >>> t = tit_for_tat(primary_alliance(), ("Abstain", "Abstain"), ("Ally", "Ally"))
    >>> t.threshold_at()                  # Nash threshold at the defaults: max(2/3, 1)
    Fraction(1, 1)
    >>> t.holds_at(Fraction(1, 2), g_advantage=2, k_cost=1, l_isolation=2)   # knife edge
    True
    >>> t.holds_at(Fraction(3, 5), g_advantage=2, k_cost=1, l_isolation=2)
    False
    """
    d, ctx, prefer = _setup(model, assumptions)
    ds = d.symbol
    if model.shape != (2, 2):
        raise ModelError(
            f"tit-for-tat needs a 2x2 stage game; {model.name!r} is {model.shape[0]}x{model.shape[1]}"
        )
    c = _profile(model, cooperate, "cooperate")
    dd = _profile(model, defect, "defect")
    if c[0] == dd[0] or c[1] == dd[1]:
        raise ModelError("cooperate and defect must differ for each player")
    spe, nash, lower, upper = [], [], [], []
    for k in range(2):
        C, D = c[k], dd[k]
        Co, Do = c[1 - k], dd[1 - k]
        R, S = _u(model, k, C, Co), _u(model, k, C, Do)
        T, P = _u(model, k, D, Co), _u(model, k, D, Do)
        spe += [
            sp.GreaterThan(R - T + ds * (R - S), 0),
            sp.GreaterThan(P - S + ds * (P - T), 0),
            sp.GreaterThan(S - P + ds * (T - P), 0),
            sp.GreaterThan(T - R + ds * (S - R), 0),
        ]
        # Nash: no gain from always-defect, nor from alternating D, C, D, C...
        nash += [sp.GreaterThan(R - (1 - ds) * T - ds * P, 0), sp.GreaterThan(R - T + ds * (R - S), 0)]
        lower += [(T - R) / (T - P), (T - R) / (R - S)]
        upper += [(T - R) / (R - S), (P - S) / (T - P)]
    cond = simplify_conditions(spe, ctx, prefer)
    ncond = simplify_conditions(nash, ctx, prefer)
    return _result(
        "tit-for-tat",
        model,
        cooperate,
        defect,
        d,
        cond,
        _dedupe(lower),
        ctx,
        upper=_dedupe(upper),
        nash_conditions=ncond,
    )


# ----------------------------------------------------------------------------- numeric grid
def threshold_grid(result: RepeatedConditions, grid: Mapping[str, Any], **fixed: Any) -> np.ndarray:
    """The threshold on a grid of parameter values (vectorised; defaults fill the rest).

    ``grid`` maps parameter names to 1-d arrays; the output has one axis per
    grid entry, in order (``indexing="ij"``).

    Examples
    --------
    >>> from alliancegames.models import primary_alliance
    >>> g = grim_trigger(primary_alliance(), ("Abstain", "Abstain"), ("Ally", "Ally"))
    >>> threshold_grid(g, {"g_advantage": [2, 3, 4], "k_cost": [1, 0.5]}).round(3).tolist()
    [[0.5, 0.75], [0.667, 0.833], [0.75, 0.875]]
    """
    model = result.model
    names = list(grid)
    for nm in [*names, *fixed]:
        model.parameter(nm)
    axes = [np.asarray(grid[n], dtype=float) for n in names]
    mesh = np.meshgrid(*axes, indexing="ij")
    vals: dict[str, Any] = {**model.defaults(), **fixed}
    vals.update(dict(zip(names, mesh)))
    missing = [p.name for p in model.parameters if p.name not in vals]
    if missing:
        raise ModelError(f"no value for parameters {missing}")
    syms = [p.symbol for p in model.parameters]
    args = [np.asarray(vals[p.name], dtype=float) for p in model.parameters]
    shape = mesh[0].shape if mesh else ()
    if result.thresholds:
        out = None
        for e in result.thresholds:
            f = sp.lambdify(syms, e, modules="numpy", cse=True)
            with np.errstate(all="ignore"):
                v = np.broadcast_to(np.asarray(f(*args), dtype=float), shape)
            out = v if out is None else np.maximum(out, v)
        return np.array(out)
    if result.ratio is None:
        raise ModelError(f"{result.strategy}: no threshold to evaluate")
    f = sp.lambdify(syms, result.ratio, modules="numpy", cse=True)
    with np.errstate(all="ignore"):
        x = np.broadcast_to(np.asarray(f(*args), dtype=float), shape)
    return np.vectorize(lambda v: _power_sum_root(v, result.periods or 1))(x)


# ----------------------------------------------------------------------------- simulation
#: A repeated-game strategy: (history of profiles so far, own player index) -> action index.
Strategy = Callable[[Sequence[tuple[int, int]], int], int]


def grim_strategy(cooperate: tuple[int, int], punish: tuple[int, int]) -> Strategy:
    """Grim trigger as a strategy for :func:`play_repeated` (action indices)."""

    def play(history: Sequence[tuple[int, int]], k: int) -> int:
        return punish[k] if any(h != cooperate for h in history) else cooperate[k]

    return play


def limited_punishment_strategy(
    cooperate: tuple[int, int], punish: tuple[int, int], periods: int
) -> Strategy:
    """``periods`` periods of ``punish`` after each deviation from the cooperative phase, then cooperation."""

    def play(history: Sequence[tuple[int, int]], k: int) -> int:
        t, punishing = 0, 0
        for h in history:  # replay the phase machine
            if punishing:
                punishing -= 1
            elif h != cooperate:
                punishing = periods
            t += 1
        return punish[k] if punishing else cooperate[k]

    return play


def tit_for_tat_strategy(cooperate: tuple[int, int], defect: tuple[int, int]) -> Strategy:
    """Cooperate first, then copy the partner's last action."""

    def play(history: Sequence[tuple[int, int]], k: int) -> int:
        if not history:
            return cooperate[k]
        other = history[-1][1 - k]
        return cooperate[k] if other == cooperate[1 - k] else defect[k]

    return play


def deviate_once(strategy: Strategy, at: int, action: int) -> Strategy:
    """``strategy`` except that action ``action`` is played in period ``at``."""

    def play(history: Sequence[tuple[int, int]], k: int) -> int:
        return action if len(history) == at else strategy(history, k)

    return play


def play_repeated(
    A: Any,
    B: Any,
    row: Strategy,
    col: Strategy,
    delta: float,
    periods: int = 2000,
    *,
    history: Sequence[tuple[int, int]] = (),
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Play two strategies for ``periods`` periods; normalised discounted payoffs from ``history`` on.

    Returns ``((u_row, u_col), path)`` with :math:`u_i = (1-\\delta)\\sum_t \\delta^t u_i(a^t)`
    over the periods played after ``history`` (truncation error at most
    :math:`\\delta^{periods}` times the payoff range).

    Examples
    --------
    >>> A = np.array([[0, -2], [2, -1]]); B = A.T        # C=0, D=1
    >>> grim = grim_strategy((0, 0), (1, 1))
    >>> u, path = play_repeated(A, B, grim, grim, 0.9, 50)
    >>> path[:3], round(float(u[0]), 6)
    ([(0, 0), (0, 0), (0, 0)], 0.0)
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if not (0 <= delta < 1):
        raise ModelError(f"delta must lie in [0, 1); got {delta!r}")
    hist = list(history)
    total = np.zeros(2)
    w = 1.0
    path = []
    for _ in range(periods):
        a = (row(hist, 0), col(hist, 1))
        total += w * np.array([A[a], B[a]])
        w *= delta
        hist.append(a)
        path.append(a)
    return (1 - delta) * total, path
