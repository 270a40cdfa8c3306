"""Perfect Bayesian equilibria of signalling games, with symbolic conditions.

Conventions
-----------
The game is a :class:`~alliancegames.core.bayesian.SignallingGame` with two
sender types ``t0, t1 = game.types`` (the analysis is written for two types).
A *belief* after message ``m`` is ``mu[m]``, the probability the receiver
gives to the **first** type ``t0``.  A profile is a pure sender plan (one
message per type) and a pure receiver plan (one action per message).  It is a
perfect Bayesian equilibrium (PBE) when

1. after every message sent with positive probability the belief follows
   from the prior by Bayes' rule and the receiver's action is a best response
   to it (every type is assumed to have positive prior probability: the
   relations ``prior > 0`` are added to the assumptions);
2. after every message nobody sends (off the path) *some* belief
   ``mu in [0, 1]`` makes the receiver's action a best response — the set of
   such beliefs is reported, and whether one exists is part of the conditions;
3. every type's message is a best response to the receiver's plan.

Pooling equilibria (both types send one message), separating ones (they
send different messages) and semi-separating (*hybrid*) ones are enumerated.
In a hybrid equilibrium one type (the *mixer*) sends a shared message ``m1``
with probability ``sigma`` and a second message ``m2`` otherwise, the other
type sends ``m1``; the receiver plays a pure action after every message except
``m1``, where it may mix between two actions (``a`` with probability ``rho``).
The hybrids listed are the *isolated* ones: the receiver's indifference at
``m1`` fixes the belief there and so, by Bayes' rule, ``sigma``, and the
mixer's indifference between ``m1`` and ``m2`` fixes ``rho``; both are
reported as expressions in the parameters.  (Hybrids in which the receiver
plays a pure action after ``m1`` need an equality between the mixer's payoffs
and then form a continuum in ``sigma``; they are not listed.)  The conditions on the parameters are
conjunctions of relations in the solved, readable form of
:mod:`alliancegames.analysis.regions` (:func:`~alliancegames.analysis.conditions.simplify_conditions`);
because "some supporting belief exists" is a disjunction (the belief may sit
at ``mu = 1``, at ``mu = 0`` or where two receiver actions tie), the
conditions of one equilibrium are a list of alternative conjunctions
(the ``cases`` field of :class:`PBE`), any of which suffices.

Refinement: the Intuitive Criterion (Cho and Kreps 1987 [@cho_kreps1987]), for two types: an
equilibrium fails it at an unused message ``m`` when one type could never gain
by sending ``m`` whatever the receiver's best response to any belief
(equilibrium dominance), the other type could, and that other type gains from
``m`` against every best response to the belief concentrated on it.
The ``intuitive`` field of :class:`PBE` is the condition on the parameters under which the
equilibrium survives.

Not covered (said, not hidden): more than two types; receiver mixing other
than at the shared message of a hybrid; hybrids that are not isolated (above);
mixing off the path.  The independent exact checks :func:`pbe_at` (pure
profiles) and :func:`hybrid_at` (hybrids) enumerate the same class numerically
(Bayes' rule forwards from the strategies, sequential rationality, an interval
of supporting beliefs), and the tests compare them with the symbolic pieces at
random points and on boundaries.

References
----------
Cho and Kreps (1987), "Signaling Games and Stable Equilibria" [@cho_kreps1987]
(recalled, not checked; full entry in ``alliancegames/data/references.bib``).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from alliancegames.analysis.conditions import context_of, preference, signs, simplify_conditions
from alliancegames.core.bayesian import SignallingGame
from alliancegames.core.model import ModelError, Parameter, exact_number
from alliancegames.core.results import ResultCollection

__all__ = [
    "PBE",
    "PBEResult",
    "belief_symbol",
    "hybrid_at",
    "intuitive_at",
    "pbe_at",
    "pbe_names",
    "perfect_bayesian_equilibria",
]


def belief_symbol(message: str) -> sp.Symbol:
    """The symbol ``mu[message]``: the receiver's probability of the first type after ``message``.

    Examples
    --------
    >>> belief_symbol("Ally")
    mu[Ally]
    """
    return sp.Symbol(f"mu[{message}]", nonnegative=True)


def _truth(cond: Any, sub: Mapping[sp.Symbol, sp.Expr]) -> bool:
    v = cond.xreplace(sub) if isinstance(cond, sp.Basic) else cond
    if v in (True, sp.true):
        return True
    if v in (False, sp.false):
        return False
    v = sp.simplify(v)
    if v in (True, sp.true):
        return True
    if v in (False, sp.false):
        return False
    raise ModelError(f"condition {cond} could not be decided at the point (is every parameter given?)")


def _values(parameters: Sequence[Parameter], values: Mapping[str, Any]) -> dict[sp.Symbol, sp.Expr]:
    names = {p.name for p in parameters}
    unknown = sorted(set(values) - names)
    if unknown:
        raise ModelError(f"unknown parameters {unknown}; the game's parameters are {sorted(names)}")
    out = {}
    for p in parameters:
        v = values.get(p.name, p.default)
        if v is None:
            raise ModelError(f"no value for parameter {p.name!r}")
        if not p.contains(v):
            raise ModelError(f"value {v!r} for {p.name!r} is outside its domain {p.domain!r}")
        out[p.symbol] = exact_number(v)
    return out


@dataclass(frozen=True)
class PBE:
    """One perfect Bayesian equilibrium candidate and where it is one.

    Attributes
    ----------
    kind : {"pooling", "separating", "hybrid"}
    sender : tuple of (type, message)
        In a hybrid, the mixer's entry is ``(type, (m1, m2))``: it sends the
        shared message ``m1`` with probability ``sigma`` (see ``mixing``).
    receiver : tuple of (message, action)
        In a hybrid, the entry of the shared message is ``(m1, (a, b))``: the
        receiver plays ``a`` with probability ``rho``.
    beliefs : tuple of (message, expression)
        On-path beliefs ``mu[m]`` (probability of the first type) by Bayes' rule.
    off_path : tuple of (message, condition)
        For each unused message, the condition on ``mu[m]`` (see
        :func:`belief_symbol`) under which the receiver's action there is a
        best response: the supporting off-path beliefs.
    cases : tuple of sympy Booleans
        Alternative conjunctions of relations on the parameters; the profile is
        a PBE exactly where at least one holds.
    intuitive : sympy Boolean
        Where the equilibrium survives the Intuitive Criterion (``True`` when
        no message is unused).
    payoffs : tuple
        ``((type, sender payoff), ...)`` and the receiver's ex-ante payoff last
        as ``(receiver name, payoff)``.
    mixing : tuple of (name, expression)
        ``(("sigma", ...), ("rho", ...))`` in a hybrid, empty otherwise.
    """

    kind: str
    sender: tuple[tuple[str, str], ...]
    receiver: tuple[tuple[str, str], ...]
    beliefs: tuple[tuple[str, sp.Expr], ...]
    off_path: tuple[tuple[str, sp.Basic], ...]
    cases: tuple[sp.Basic, ...]
    intuitive: sp.Basic
    payoffs: tuple[tuple[str, sp.Expr], ...]
    parameters: tuple[Parameter, ...] = ()
    mixing: tuple[tuple[str, sp.Expr], ...] = ()

    @property
    def conditions(self) -> sp.Basic:
        """Where the profile is a PBE: the disjunction of its ``cases``."""
        return sp.Or(*self.cases)

    @property
    def profile(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``(messages per type, actions per message)``: the key used by :func:`pbe_at` and :func:`hybrid_at`.

        In a hybrid the mixer's entry is the pair ``(m1, m2)`` and the shared
        message's entry the pair ``(a, b)`` (first ones with probabilities
        ``sigma`` and ``rho``).
        """
        return tuple(m for _, m in self.sender), tuple(a for _, a in self.receiver)

    @property
    def label(self) -> str:
        """E.g. ``"separating: resolute:Ally, irresolute:Stay | Ally:Wait, Stay:Attack"``.

        A mixed choice is written ``m1/m2`` (the first one with probability ``sigma`` or ``rho``).
        """
        s = ", ".join(f"{t}:{_slash(m)}" for t, m in self.sender)
        r = ", ".join(f"{m}:{_slash(a)}" for m, a in self.receiver)
        return f"{self.kind}: {s} | {r}"

    def behaviour(self) -> tuple[dict[str, dict[str, sp.Expr]], dict[str, dict[str, sp.Expr]]]:
        """The strategies as probabilities: ``({type: {message: prob}}, {message: {action: prob}})``."""
        mix = dict(self.mixing)

        def probs(choice: Any, q: str) -> dict[str, sp.Expr]:
            if isinstance(choice, tuple):
                return {choice[0]: mix[q], choice[1]: _ratio(1 - mix[q])}
            return {choice: sp.S.One}

        return (
            {t: probs(m, "sigma") for t, m in self.sender},
            {m: probs(a, "rho") for m, a in self.receiver},
        )

    def mixing_at(self, values: Mapping[str, Any] | None = None) -> dict[str, Fraction]:
        """``sigma`` and ``rho`` at a point, exactly (empty for a pure equilibrium)."""
        sub = _values(self.parameters, values or {})
        return {k: _frac(sp.cancel(v.xreplace(sub))) for k, v in self.mixing}

    @property
    def short(self) -> str:
        """A short name for regime maps: ``"pooling on Stay (Challenge)"``, ``"separating (Ally/Stay)"``."""
        if self.kind == "pooling":
            m = self.sender[0][1]
            return f"pooling on {m} ({dict(self.receiver)[m]})"
        if self.kind == "hybrid":
            ((t, (m1, m2)),) = [(t, m) for t, m in self.sender if isinstance(m, tuple)]
            return f"hybrid ({t} mixes {m1}/{m2})"
        return "separating (" + "/".join(m for _, m in self.sender) + ")"

    def holds_at(self, values: Mapping[str, Any] | None = None) -> bool:
        """Whether the profile is a PBE at a point (exact; defaults fill missing values)."""
        sub = _values(self.parameters, values or {})
        return any(_truth(c, sub) for c in self.cases)

    def survives_intuitive_at(self, values: Mapping[str, Any] | None = None) -> bool:
        """Whether the equilibrium passes the Intuitive Criterion at a point."""
        return _truth(self.intuitive, _values(self.parameters, values or {}))

    def __str__(self) -> str:
        lines = [self.label]
        if self.beliefs:
            lines.append("  beliefs on path: " + ", ".join(f"mu[{m}] = {b}" for m, b in self.beliefs))
        if self.mixing:
            lines.append("  mixing: " + ", ".join(f"{k} = {v}" for k, v in self.mixing))
        for m, c in self.off_path:
            lines.append(f"  off path, {m}: supported by beliefs {c}")
        lines.append("  a PBE where " + " OR ".join(f"({c})" for c in self.cases))
        if self.off_path:
            lines.append(f"  Intuitive Criterion survives where: {self.intuitive}")
        lines.append("  payoffs: " + ", ".join(f"{k}: {v}" for k, v in self.payoffs))
        return "\n".join(lines)


@dataclass(frozen=True)
class PBEResult(ResultCollection[PBE]):
    """The pure PBE of a signalling game, each with its conditions (from :func:`perfect_bayesian_equilibria`)."""

    _items = "equilibria"  # the sequence of its items (ResultCollection)

    game: SignallingGame
    equilibria: tuple[PBE, ...]
    dropped: tuple[tuple[str, str], ...]
    assumptions: tuple[sp.Basic, ...]

    def of_kind(self, kind: str) -> tuple[PBE, ...]:
        """The pooling, the separating or the hybrid equilibria."""
        return tuple(e for e in self.equilibria if e.kind == kind)

    def at(self, values: Mapping[str, Any] | None = None, *, intuitive: bool = False) -> list[PBE]:
        """The equilibria at a point (only those passing the Intuitive Criterion with ``intuitive``)."""
        sub = _values(self.game.parameters, values or {})
        for a in self.assumptions:
            if not _truth(a, sub):
                raise ModelError(f"the point violates the assumption {a}")
        out = [e for e in self.equilibria if any(_truth(c, sub) for c in e.cases)]
        if intuitive:
            out = [e for e in out if _truth(e.intuitive, sub)]
        return out

    def regime_table(self, grid: Mapping[str, Any], *, intuitive: bool = True):
        """Regimes over a grid, vectorised (floating point; for maps — use :meth:`at` for exact answers).

        Parameters
        ----------
        grid : mapping
            Parameter name -> number or array; arrays are broadcast against
            each other (e.g. from :func:`numpy.meshgrid`), missing parameters
            take their defaults.
        intuitive : bool
            Keep only equilibria that survive the Intuitive Criterion.

        Returns
        -------
        pandas.DataFrame
            One row per point: the parameters, ``regime`` (the sorted
            :attr:`PBE.short` names joined by ``" + "``, ``"none"`` if empty)
            and one boolean column per equilibrium label.

        Examples
        --------
        >>> from alliancegames.models import get_model
        >>> res = perfect_bayesian_equilibria(get_model("costly_alliance"))
        >>> res.regime_table({"p": 0.2, "c": 1.5})["regime"].tolist()
        ['separating (Ally/Stay unaligned)']
        """
        import numpy as np  # (with pandas below, for the regime table only)
        import pandas as pd  # import time: only the vectorised regime table needs pandas

        params = self.game.parameters
        names = [q.name for q in params]
        unknown = sorted(set(grid) - set(names))
        if unknown:
            raise ModelError(f"unknown parameters {unknown}; the game's parameters are {names}")
        vals = []
        for q in params:
            v = grid.get(q.name, q.default)
            if v is None:
                raise ModelError(f"no value for parameter {q.name!r}")
            vals.append(np.asarray(v, dtype=float))
        vals = np.broadcast_arrays(*vals)
        flat = [v.ravel() for v in vals]
        syms = [q.symbol for q in params]
        out = {nm: f for nm, f in zip(names, flat)}
        n = flat[0].size if flat else 1
        present = []
        for e in self.equilibria:
            cond = sp.And(e.conditions, e.intuitive) if intuitive else e.conditions
            f = sp.lambdify(syms, cond, "numpy")
            hold = np.broadcast_to(np.asarray(f(*flat), dtype=bool), (n,))
            out[e.label] = hold
            present.append((e.short, hold))
        regime = []
        for i in range(n):
            names_i = sorted({s for s, h in present if h[i]})
            regime.append(" + ".join(names_i) if names_i else "none")
        out["regime"] = np.array(regime, dtype=object)
        return pd.DataFrame(out)

    def __str__(self) -> str:
        head = f"perfect Bayesian equilibria of {self.game.name}: {len(self.equilibria)} (pure and hybrid; two types)"
        body = "\n".join(str(e) for e in self.equilibria)
        return (
            head
            + "\n"
            + body
            + (f"\n dropped (never an equilibrium): {len(self.dropped)}" if self.dropped else "")
        )

    def _repr_html_(self) -> str:
        e = html.escape
        rows = []
        for q in self.equilibria:
            conds = " <b>or</b> ".join(f"${sp.latex(c)}$" for c in q.cases)
            off = "; ".join(f"{e(m)}: ${sp.latex(c)}$" for m, c in q.off_path) or "—"
            rows.append(
                f"<tr><td>{e(q.label)}</td><td>{conds}</td><td>{off}</td>"
                f"<td>{'always' if q.intuitive is sp.true else '$' + sp.latex(q.intuitive) + '$'}</td></tr>"
            )
        head = (
            "<tr><th>equilibrium</th><th>conditions</th><th>off-path beliefs</th>"
            "<th>survives the Intuitive Criterion where</th></tr>"
        )
        return f"<p>PBE of <b>{e(self.game.name)}</b></p><table>{head}{''.join(rows)}</table>"


# ---------------------------------------------------------------------- pieces
def _ratio(e: sp.Expr) -> sp.Expr:
    """A rational expression factored, each factor written with more positive terms than negative (``1 - p``)."""

    def upright(f: sp.Expr) -> tuple[int, sp.Expr]:
        terms = sp.Add.make_args(f)
        neg = sum(t.could_extract_minus_sign() for t in terms)
        if len(terms) > 1 and (2 * neg > len(terms) or (2 * neg == len(terms) and f.as_coeff_Add()[0] < 0)):
            return -1, sp.expand(-f)
        return 1, f

    def side(x: sp.Expr) -> tuple[int, sp.Expr]:
        c, fs = sp.factor_list(x)
        sign, out = (1 if c >= 0 else -1), sp.Abs(c)
        for f, k in fs:
            s1, f1 = upright(f)
            sign *= s1**k
            out *= f1**k
        return sign, out

    n, d = sp.fraction(sp.cancel(sp.together(e)))
    (sn, n), (sd, d) = side(n), side(d)
    return sn * sd * n / d


def _slash(choice: Any) -> str:
    return "/".join(choice) if isinstance(choice, tuple) else choice


def _witnesses(uR: Any, types: Sequence[str], m: str, a: str, actions: Sequence[str]) -> list[list[sp.Basic]]:
    """Alternative relation lists, one of which holds iff some belief in [0, 1] makes ``a`` a best response.

    The beliefs supporting ``a`` form a closed interval of ``mu``; if it is
    non-empty its upper end is ``mu = 1`` or a belief where ``a`` ties with
    another action, so these witnesses suffice (``mu = 0`` is added for readability).
    """
    t0, t1 = types
    others = [b for b in actions if b != a]
    d = {b: (uR(t0, m, a) - uR(t0, m, b), uR(t1, m, a) - uR(t1, m, b)) for b in others}
    out = [
        [sp.GreaterThan(d[b][0], 0) for b in others],  # mu = 1: a best against t0
        [sp.GreaterThan(d[b][1], 0) for b in others],  # mu = 0: a best against t1
    ]
    for b in others:
        d0, d1 = d[b]
        D = sp.expand(d0 - d1)  # tie at mu* = -d1 / D, i.e. mu* d0 + (1 - mu*) d1 = 0
        if D == 0:
            continue
        rels = [sp.Unequality(D, 0), sp.GreaterThan(-d1 * D, 0), sp.GreaterThan(d0 * D, 0)]
        for c in others:
            if c == b:
                continue
            e0, e1 = d[c]
            # mu* e0 + (1 - mu*) e1 >= 0, times D^2 > 0
            rels.append(sp.GreaterThan(sp.expand((-d1 * e0 + d0 * e1) * D), 0))
        out.append(rels)
    return out


def _best_against(uR: Any, t: str, m: str, a: str, actions: Sequence[str]) -> sp.Basic:
    return sp.And(*[sp.GreaterThan(uR(t, m, a) - uR(t, m, b), 0) for b in actions if b != a])


def perfect_bayesian_equilibria(
    game: SignallingGame,
    *,
    assumptions: Iterable[Any] = (),
    prefer: Sequence[str] = (),
    hybrids: bool = True,
) -> PBEResult:
    """Every pure (pooling or separating) and isolated hybrid PBE of a two-type signalling game, with conditions.

    Parameters
    ----------
    game : SignallingGame
        Exactly two sender types; any numbers of messages and receiver actions.
    assumptions : iterable of sympy relations
        Extra relations between parameters (e.g. ``[c < v]``); the relations
        ``prior(t) > 0`` are always added.
    prefer : sequence of str
        Parameter names to solve relations for first (then probabilities).
    hybrids : bool
        Also list the semi-separating equilibria (see the module notes).

    Returns
    -------
    PBEResult

    Raises
    ------
    ModelError
        For a game with other than two types, or bad assumptions.

    Examples
    --------
    A resolute ally (probability ``p``) may sign an alliance at peacetime cost
    ``c``; the rival attacks an ally it believes irresolute.

    >>> from alliancegames.core.bayesian import signalling_game
    >>> from alliancegames.core.model import parameter
    >>> p = parameter("p", "prior: resolute", "probability")
    >>> c = parameter("c", "cost of signing", "positive")
    >>> def pay(t, m, a):
    ...     cost = -c.symbol if m == "Sign" else 0
    ...     if a == "Wait":
    ...         return cost, 0
    ...     return cost + (-2 if t == "resolute" else -1), (-1 if t == "resolute" else 1)
    >>> g = signalling_game("sign", ("Ally", "Rival"), ("resolute", "irresolute"), [p, c],
    ...                     {"resolute": "p", "irresolute": 1 - p.symbol}, ("Sign", "Stay"),
    ...                     ("Attack", "Wait"), pay)
    >>> res = perfect_bayesian_equilibria(g)
    >>> sep = [e for e in res.of_kind("separating") if e.sender[0][1] == "Sign"][0]
    >>> sep.cases
    ((c >= 1) & (c <= 2),)
    """
    if not isinstance(game, SignallingGame):
        raise ModelError(f"perfect_bayesian_equilibria needs a SignallingGame, got {type(game).__name__}")
    if len(game.types) != 2:
        raise ModelError(
            f"the PBE analysis is written for two sender types; {game.name!r} has {len(game.types)}"
        )
    t0, t1 = game.types
    prior = dict(game.prior)
    extra = [
        sp.StrictGreaterThan(prior[t], 0) for t in game.types if not (prior[t].is_number and prior[t] > 0)
    ]
    ctx = context_of(game.parameters, [*assumptions, *extra])
    order = preference(game.parameters, prefer)
    pay = dict(game.payoffs)

    def uS(t: str, m: str, a: str) -> sp.Expr:
        return pay[(t, m, a)][0]

    def uR(t: str, m: str, a: str) -> sp.Expr:
        return pay[(t, m, a)][1]

    M, A = game.messages, game.actions
    found: list[PBE] = []
    dropped: list[tuple[str, str]] = []
    for splan in itertools.product(M, repeat=2):
        sender = dict(zip(game.types, splan))
        on = [m for m in M if m in splan]
        off = [m for m in M if m not in splan]
        kind = "pooling" if splan[0] == splan[1] else "separating"
        for rplan in itertools.product(A, repeat=len(M)):
            receiver = dict(zip(M, rplan))
            desc = f"{kind}: {splan} | {rplan}"
            base: list[sp.Basic] = []
            for m in on:
                senders = [t for t in game.types if sender[t] == m]
                a = receiver[m]
                for b in A:
                    if b != a:
                        gain = sum(prior[t] * (uR(t, m, a) - uR(t, m, b)) for t in senders)
                        base.append(sp.GreaterThan(sp.expand(gain), 0))
            for t in game.types:
                here = uS(t, sender[t], receiver[sender[t]])
                for m in M:
                    if m != sender[t]:
                        base.append(sp.GreaterThan(sp.expand(here - uS(t, m, receiver[m])), 0))
            core = simplify_conditions(base, ctx, order)
            if core is sp.false:
                dropped.append(
                    (desc, "receiver or sender would deviate wherever the beliefs follow Bayes' rule")
                )
                continue
            cases = _cases(core, [_witnesses(uR, game.types, m, receiver[m], A) for m in off], ctx, order)
            if not cases:
                dropped.append((desc, "no off-path belief supports the receiver's action"))
                continue
            beliefs = []
            for m in on:
                senders = [t for t in game.types if sender[t] == m]
                beliefs.append(
                    (
                        m,
                        sp.factor(sp.cancel(prior[t0] / sum(prior[t] for t in senders)))
                        if t0 in senders
                        else sp.S.Zero,
                    )
                )
            off_beliefs = [(m, _off_path_support(uR, game.types, m, receiver[m], A, ctx, order)) for m in off]
            eq_pay = {t: uS(t, sender[t], receiver[sender[t]]) for t in game.types}
            intuitive = _intuitive(game, off, eq_pay, uS, uR, ctx)
            recv = sp.expand(sum(prior[t] * uR(t, sender[t], receiver[sender[t]]) for t in game.types))
            found.append(
                PBE(
                    kind,
                    tuple(sender.items()),
                    tuple(receiver.items()),
                    tuple(beliefs),
                    tuple(off_beliefs),
                    tuple(cases),
                    intuitive,
                    (*((t, sp.factor(eq_pay[t])) for t in game.types), (game.players[1], sp.factor(recv))),
                    game.parameters,
                )
            )
    if hybrids:
        found.extend(_hybrids(game, uS, uR, ctx, order, dropped))
    return PBEResult(game, tuple(found), tuple(dropped), ctx)


def _off_path_support(
    uR: Any,
    types: Sequence[str],
    m: str,
    a: str,
    actions: Sequence[str],
    ctx: tuple[sp.Basic, ...],
    order: Sequence[sp.Symbol],
) -> sp.Basic:
    """The beliefs ``mu[m]`` that make ``a`` a best response after ``m``, as a solved condition."""
    t0, t1 = types
    mu = belief_symbol(m)
    rels = [
        sp.GreaterThan(
            sp.expand(mu * (uR(t0, m, a) - uR(t0, m, b)) + (1 - mu) * (uR(t1, m, a) - uR(t1, m, b))), 0
        )
        for b in actions
        if b != a
    ]
    return simplify_conditions(rels, (*ctx, mu <= 1), (mu, *order))


def _hybrids(
    game: SignallingGame,
    uS: Any,
    uR: Any,
    ctx: tuple[sp.Basic, ...],
    order: Sequence[sp.Symbol],
    dropped: list[tuple[str, str]],
) -> list[PBE]:
    """The semi-separating PBE of a two-type game (see :func:`perfect_bayesian_equilibria`).

    The *mixer* ``x`` sends the shared message ``m1`` with probability
    ``sigma`` and ``m2`` otherwise; the other type ``y`` sends ``m1``; the
    receiver plays ``a`` with probability ``rho`` and ``b`` otherwise after
    ``m1``, a pure action after every other message.  Write
    ``d_t = uR(t, m1, a) - uR(t, m1, b)`` and ``D = d_t0 - d_t1``.  The
    receiver mixes only at the belief ``mu* = -d_t1 / D`` (it needs ``D != 0``),
    Bayes' rule at ``m1`` then gives ``sigma``; the mixer's indifference
    between ``m1`` and ``m2`` gives ``rho`` (it needs ``x``'s payoffs from
    ``a`` and ``b`` after ``m1`` to differ).  A relation with a denominator
    is multiplied by the denominator's sign where the context decides it, by
    its square otherwise.
    """
    t0, t1 = game.types
    prior = dict(game.prior)
    M, A = game.messages, game.actions
    out: list[PBE] = []

    def clear(num: sp.Expr, den: sp.Expr) -> sp.Expr:
        """An expression with the sign of ``num / den``: ``num`` times the sign of ``den`` if the context
        decides it (the relation stays linear), else ``num * den``.  ``den`` is ``D`` or ``E``, whose
        relation ``!= 0`` is among the conditions, so a sign known up to zero counts as known."""
        sg = signs(den, ctx) - {0} if den.free_symbols else frozenset({1 if den > 0 else -1})
        return sp.expand(num * next(iter(sg)) if sg in ({1}, {-1}) else num * den)

    for x, y in ((t0, t1), (t1, t0)):
        for m1, m2 in itertools.permutations(M, 2):
            rest = [m for m in M if m not in (m1, m2)]
            for a, b in itertools.combinations(A, 2):
                d0 = sp.expand(uR(t0, m1, a) - uR(t0, m1, b))
                d1 = sp.expand(uR(t1, m1, a) - uR(t1, m1, b))
                D = sp.expand(d0 - d1)
                Ea, Eb = uS(x, m1, a), uS(x, m1, b)
                E = sp.expand(Ea - Eb)
                if D == 0 or E == 0:
                    continue  # the receiver's or the mixer's indifference pins nothing: not isolated
                base0: list[sp.Basic] = [
                    sp.Unequality(D, 0),
                    sp.Unequality(E, 0),
                    sp.StrictGreaterThan(clear(-d1, D), 0),  # mu* > 0
                    sp.StrictGreaterThan(clear(d0, D), 0),  # mu* < 1
                    # sigma < 1: mu* < prior(t0) when t0 mixes, mu* > prior(t0) when t1 mixes
                    sp.StrictGreaterThan(clear((prior[t0] * D + d1) * (1 if x == t0 else -1), D), 0),
                ]
                for c in A:
                    if c not in (a, b):  # a (and b) best against c at mu*, times D^2
                        e0 = uR(t0, m1, a) - uR(t0, m1, c)
                        e1 = uR(t1, m1, a) - uR(t1, m1, c)
                        base0.append(sp.GreaterThan(clear(-d1 * e0 + d0 * e1, D), 0))
                if simplify_conditions(base0, ctx, order) is sp.false:  # screen before the receiver's plans
                    dropped.append(
                        (
                            f"hybrid: {x} mixes {m1}/{m2}, {y} sends {m1} | {m1}: {a}/{b}",
                            "no belief or sigma fits",
                        )
                    )
                    continue
                for a2 in A:
                    U2 = uS(x, m2, a2)
                    N = sp.expand(U2 - Eb)
                    for plan in itertools.product(A, repeat=len(rest)):
                        r = {**dict(zip(rest, plan)), m2: a2}
                        sender = {x: (m1, m2), y: m1}
                        receiver = {m: ((a, b) if m == m1 else r[m]) for m in M}
                        desc = f"hybrid: {x} mixes {m1}/{m2}, {y} sends {m1} | {m1}: {a}/{b}, " + ", ".join(
                            f"{m}: {r[m]}" for m in M if m != m1
                        )
                        rels = list(base0)
                        rels += [
                            sp.StrictGreaterThan(clear(N, E), 0),  # rho > 0
                            sp.StrictGreaterThan(clear(E - N, E), 0),
                        ]  # rho < 1
                        rels += [
                            sp.GreaterThan(sp.expand(uR(x, m2, a2) - uR(x, m2, c)), 0) for c in A if c != a2
                        ]
                        rels += [sp.GreaterThan(sp.expand(U2 - uS(x, m, r[m])), 0) for m in rest]
                        Ya, Yb = uS(y, m1, a), uS(y, m1, b)
                        for m in M:
                            if m != m1:  # y's payoff (E Yb + N (Ya - Yb)) / E beats m's, times E^2
                                rels.append(
                                    sp.GreaterThan(clear(E * Yb + N * (Ya - Yb) - E * uS(y, m, r[m]), E), 0)
                                )
                        core = simplify_conditions(rels, ctx, order)
                        if core is sp.false:
                            dropped.append(
                                (desc, "no parameters make both indifferences and Bayes' rule hold")
                            )
                            continue
                        cases = _cases(
                            core, [_witnesses(uR, game.types, m, r[m], A) for m in rest], ctx, order
                        )
                        if not cases:
                            dropped.append((desc, "no off-path belief supports the receiver's action"))
                            continue
                        rho = _ratio(N / E)
                        px, py = prior[x], prior[y]
                        # Bayes at m1: mu* = -d1/D and 1 - mu* = d0/D
                        sigma = (-d1 * py) / (px * d0) if x == t0 else (d0 * py) / (px * -d1)
                        sigma = _ratio(sigma)
                        mu_star = _ratio(-d1 / D)
                        Uy = sp.factor(sp.cancel(rho * Ya + (1 - rho) * Yb))
                        eq_pay = {x: U2, y: Uy}

                        rec = {t: rho * uR(t, m1, a) + (1 - rho) * uR(t, m1, b) for t in game.types}
                        recv = px * (sigma * rec[x] + (1 - sigma) * uR(x, m2, a2)) + py * rec[y]
                        out.append(
                            PBE(
                                "hybrid",
                                tuple((t, sender[t]) for t in game.types),
                                tuple((m, receiver[m]) for m in M),
                                ((m1, mu_star), (m2, sp.S.One if x == t0 else sp.S.Zero)),
                                tuple(
                                    (m, _off_path_support(uR, game.types, m, r[m], A, ctx, order))
                                    for m in rest
                                ),
                                tuple(cases),
                                _intuitive(game, rest, eq_pay, uS, uR, ctx),
                                (
                                    *((t, sp.factor(sp.cancel(eq_pay[t]))) for t in game.types),
                                    (game.players[1], _ratio(recv)),
                                ),
                                game.parameters,
                                (("sigma", sigma), ("rho", rho)),
                            )
                        )
    return out


def _cases(
    core: sp.Basic,
    options: Sequence[list[list[sp.Basic]]],
    ctx: tuple[sp.Basic, ...],
    order: Sequence[sp.Symbol],
) -> list[sp.Basic]:
    """The alternative conjunctions ``core & (some witness per off-path message)``, simplified.

    ``options`` holds, per unused message, the witness relation lists of
    :func:`_witnesses`.  Each message is screened alone first: witnesses
    contradicting ``core`` are dropped, and a message with a witness that
    ``core`` already implies constrains nothing (its other witnesses only
    narrow cases that are kept anyway).  Only the remaining combinations are
    simplified together.
    """
    per: list[list[list[sp.Basic]]] = []
    for opts in options:
        alive: list[list[sp.Basic]] = []
        for w in opts:
            c = simplify_conditions([core, *w], ctx, order)
            if c is sp.false:
                continue
            if c == core:
                alive = [[]]
                break
            alive.append(w)
        if not alive:
            return []
        per.append(alive)
    cases: list[sp.Basic] = []
    for combo in itertools.product(*per):
        rels = [q for w in combo for q in w]
        cond = simplify_conditions([core, *rels], ctx, order) if rels else core
        if cond is not sp.false and cond not in cases:
            cases.append(cond)
    return _drop_subsumed(cases, ctx) if cases else []


def _drop_subsumed(cases: list[sp.Basic], ctx: tuple[sp.Basic, ...]) -> list[sp.Basic]:
    """Drop a case whose relations include all relations of another case (it adds nothing)."""
    atoms = [set(c.args) if isinstance(c, sp.And) else ({c} if c is not sp.true else set()) for c in cases]
    keep = []
    for i, c in enumerate(cases):
        if any(j != i and atoms[j] < atoms[i] for j in range(len(cases))):
            continue
        keep.append(c)
    return keep


def _intuitive(
    game: SignallingGame,
    off: Sequence[str],
    eq_pay: Mapping[str, sp.Expr],
    uS: Any,
    uR: Any,
    ctx: tuple[sp.Basic, ...],
) -> sp.Basic:
    """Condition under which the equilibrium survives the Intuitive Criterion (two types)."""
    if not off:
        return sp.true
    A = game.actions
    t0, t1 = game.types
    fails = []
    for m in off:
        reach = {a: sp.Or(*[sp.And(*w) for w in _witnesses(uR, game.types, m, a, A)]) for a in A}

        def dominated(t: str, m: str = m, reach: dict = reach) -> sp.Basic:
            return sp.And(
                *[
                    sp.Or(sp.Not(reach[a]), sp.StrictGreaterThan(sp.expand(eq_pay[t] - uS(t, m, a)), 0))
                    for a in A
                ]
            )

        def gains(t: str, m: str = m) -> sp.Basic:
            return sp.And(
                *[
                    sp.Or(
                        sp.Not(_best_against(uR, t, m, a, A)),
                        sp.StrictGreaterThan(sp.expand(uS(t, m, a) - eq_pay[t]), 0),
                    )
                    for a in A
                ]
            )

        for t, other in ((t0, t1), (t1, t0)):
            fails.append(sp.And(dominated(t), sp.Not(dominated(other)), gains(other)))
    tidy = []
    for f in fails:  # simplify each way to fail that is a conjunction of relations; drop impossible ones
        rels = f.args if isinstance(f, sp.And) else (f,)
        if all(isinstance(q, sp.core.relational.Relational) for q in rels):
            f = simplify_conditions(rels, ctx)
        if f is not sp.false:
            tidy.append(f)
    return sp.Not(sp.Or(*tidy))  # e.g. "not (1 < c < 2)"


# ------------------------------------------------------------ the numeric check
def _frac(e: sp.Expr) -> Fraction:
    e = sp.nsimplify(e) if not e.is_Rational else e
    if not e.is_Rational:
        raise ModelError(f"payoff {e} is not rational at the point")
    return Fraction(int(e.p), int(e.q))


def _support_interval(d: Sequence[tuple[Fraction, Fraction]]) -> tuple[Fraction, Fraction] | None:
    """``{mu in [0, 1]: mu d0 + (1 - mu) d1 >= 0 for every (d0, d1)}`` as ``(lo, hi)``, or None if empty."""
    lo, hi = Fraction(0), Fraction(1)
    for d0, d1 in d:
        slope = d0 - d1  # mu * slope + d1 >= 0
        if slope > 0:
            lo = max(lo, -d1 / slope)
        elif slope < 0:
            hi = min(hi, -d1 / slope)
        elif d1 < 0:
            return None
    return (lo, hi) if lo <= hi else None


def _numeric_tables(game: SignallingGame, values: Mapping[str, Any]):
    sub = _values(game.parameters, values)
    prior = {t: _frac(sp.sympify(pr).xreplace(sub)) for t, pr in game.prior}
    if any(v <= 0 for v in prior.values()):
        raise ModelError("every type needs a positive prior probability at the point")
    pay = {k: (_frac(u0.xreplace(sub)), _frac(u1.xreplace(sub))) for k, (u0, u1) in game.payoffs}
    return prior, pay


def pbe_at(
    game: SignallingGame, values: Mapping[str, Any] | None = None
) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The pure PBE at a numeric point, found directly (exact fractions), as profiles.

    An independent check of :func:`perfect_bayesian_equilibria`: beliefs by
    Bayes' rule on the path, receiver best responses, the interval of
    off-path beliefs computed directly, sender best responses.  Profiles are
    ``(messages per type, actions per message)`` (see :attr:`PBE.profile`).

    Examples
    --------
    >>> from alliancegames.core.bayesian import signalling_game
    >>> g = signalling_game("g", ("S", "R"), ("a", "b"), [], {"a": sp.Rational(1, 2), "b": sp.Rational(1, 2)},
    ...                     ("m",), ("x", "y"), lambda t, m, a: (0, int(a == "x")))
    >>> pbe_at(g)
    {(('m', 'm'), ('x',))}
    """
    prior, pay = _numeric_tables(game, values or {})
    T, M, A = game.types, game.messages, game.actions
    out = set()
    for splan in itertools.product(M, repeat=len(T)):
        for rplan in itertools.product(A, repeat=len(M)):
            r = dict(zip(M, rplan))
            ok = True
            for m in M:
                senders = [t for t, s in zip(T, splan) if s == m]
                a = r[m]
                if senders:
                    total = sum(prior[t] for t in senders)
                    belief = {t: prior[t] / total for t in senders}
                    value = {b: sum(belief[t] * pay[(t, m, b)][1] for t in senders) for b in A}
                    ok = value[a] == max(value.values())
                else:
                    ok = (
                        _support_interval(
                            [
                                (
                                    pay[(T[0], m, a)][1] - pay[(T[0], m, b)][1],
                                    pay[(T[1], m, a)][1] - pay[(T[1], m, b)][1],
                                )
                                for b in A
                            ]
                        )
                        is not None
                    )
                if not ok:
                    break
            if ok:
                for t, s in zip(T, splan):
                    if pay[(t, s, r[s])][0] < max(pay[(t, m, r[m])][0] for m in M):
                        ok = False
                        break
            if ok:
                out.add((tuple(splan), tuple(rplan)))
    return out


def intuitive_at(
    game: SignallingGame,
    profile: tuple[tuple[str, ...], tuple[str, ...]],
    values: Mapping[str, Any] | None = None,
) -> bool:
    """Whether a PBE profile passes the Intuitive Criterion at a point (exact, computed directly).

    ``profile`` is written as in :attr:`PBE.profile`; for a hybrid the
    equilibrium payoffs are those of :func:`hybrid_at` at the point.

    Examples
    --------
    >>> from alliancegames.core.bayesian import signalling_game
    >>> g = signalling_game("g", ("S", "R"), ("a", "b"), [], {"a": sp.Rational(1, 2), "b": sp.Rational(1, 2)},
    ...                     ("m",), ("x", "y"), lambda t, m, a: (0, int(a == "x")))
    >>> intuitive_at(g, (("m", "m"), ("x",)))
    True
    """
    prior, pay = _numeric_tables(game, values or {})
    T, M, A = game.types, game.messages, game.actions
    splan, rplan = profile
    if any(isinstance(v, tuple) for v in (*splan, *rplan)):
        found = hybrid_at(game, values)
        if profile not in found:
            raise ModelError(f"{profile} is not a hybrid PBE at the point")
        rho = found[profile][1]
        mix = {
            m: ({a[0]: rho, a[1]: 1 - rho} if isinstance(a, tuple) else {a: Fraction(1)})
            for m, a in zip(M, rplan)
        }
        first = {t: (s[0] if isinstance(s, tuple) else s) for t, s in zip(T, splan)}
        eq = {t: sum(q * pay[(t, first[t], c)][0] for c, q in mix[first[t]].items()) for t in T}
        used = {m for s in splan for m in (s if isinstance(s, tuple) else (s,))}
    else:
        r = dict(zip(M, rplan))
        eq = {t: pay[(t, s, r[s])][0] for t, s in zip(T, splan)}
        used = set(splan)
    for m in M:
        if m in used:
            continue
        reach = [
            a
            for a in A
            if _support_interval(
                [
                    (pay[(T[0], m, a)][1] - pay[(T[0], m, b)][1], pay[(T[1], m, a)][1] - pay[(T[1], m, b)][1])
                    for b in A
                ]
            )
            is not None
        ]
        J = [t for t in T if not all(eq[t] > pay[(t, m, a)][0] for a in reach)]
        if not J or len(J) == len(T):
            continue
        (t,) = J
        best = max(pay[(t, m, a)][1] for a in A)
        br = [a for a in A if pay[(t, m, a)][1] == best]
        if all(pay[(t, m, a)][0] > eq[t] for a in br):
            return False
    return True


def _behaviour_is_pbe(
    prior: Mapping[str, Fraction],
    pay: Mapping[tuple[str, str, str], tuple[Fraction, Fraction]],
    game: SignallingGame,
    s: Mapping[str, Mapping[str, Fraction]],
    r: Mapping[str, Mapping[str, Fraction]],
) -> bool:
    """Check a behaviour profile directly: sender best responses, Bayes' rule forwards, receiver best responses.

    ``s[type][message]`` and ``r[message][action]`` are probabilities; off
    the path the receiver's action must be pure and some belief must support it.
    """
    T, M, A = game.types, game.messages, game.actions
    for t in T:
        value = {m: sum(q * pay[(t, m, c)][0] for c, q in r[m].items()) for m in M}
        best = max(value.values())
        if any(q > 0 and value[m] != best for m, q in s[t].items()):
            return False
    for m in M:
        mass = {t: prior[t] * s[t].get(m, Fraction(0)) for t in T}
        total = sum(mass.values())
        if total > 0:
            ev = {c: sum(mass[t] / total * pay[(t, m, c)][1] for t in T) for c in A}
            best = max(ev.values())
            if any(q > 0 and ev[c] != best for c, q in r[m].items()):
                return False
        else:
            used = [c for c, q in r[m].items() if q > 0]
            if len(used) != 1:
                return False
            (a,) = used
            d = [
                (pay[(T[0], m, a)][1] - pay[(T[0], m, b)][1], pay[(T[1], m, a)][1] - pay[(T[1], m, b)][1])
                for b in A
            ]
            if _support_interval(d) is None:
                return False
    return True


def hybrid_at(
    game: SignallingGame, values: Mapping[str, Any] | None = None
) -> dict[tuple[tuple[Any, ...], tuple[Any, ...]], tuple[Fraction, Fraction]]:
    """The isolated hybrid PBE at a numeric point, found directly: ``{profile: (sigma, rho)}``.

    The independent check of the hybrids of :func:`perfect_bayesian_equilibria`.
    For each candidate (mixer, shared and second message, the receiver's two
    actions after the shared message, its pure actions elsewhere) the belief
    at which the receiver is indifferent is computed from the numeric payoffs,
    ``sigma`` and ``rho`` from it, and then the whole behaviour profile is
    checked forwards: Bayes' rule from the
    strategies, best responses of both players, an off-path belief interval.
    Profiles are written as in :attr:`PBE.profile`.

    Examples
    --------
    Beer–quiche with a tough type of prior 1/4: the weak type drinks beer with
    probability 1/3 and the receiver duels a beer drinker with probability 1/2.

    >>> from alliancegames.core.bayesian import signalling_game
    >>> def pay(t, m, a):
    ...     likes = "beer" if t == "tough" else "quiche"
    ...     return int(m == likes) + 2 * int(a == "not"), int((a == "duel") == (t == "weak"))
    >>> g = signalling_game("bq", ("S", "R"), ("tough", "weak"), [],
    ...                     {"tough": sp.Rational(1, 4), "weak": sp.Rational(3, 4)},
    ...                     ("beer", "quiche"), ("duel", "not"), pay)
    >>> hybrid_at(g)
    {(('beer', ('beer', 'quiche')), (('duel', 'not'), 'duel')): (Fraction(1, 3), Fraction(1, 2))}
    """
    prior, pay = _numeric_tables(game, values or {})
    T, M, A = game.types, game.messages, game.actions
    out: dict[tuple[tuple[Any, ...], tuple[Any, ...]], tuple[Fraction, Fraction]] = {}
    for x, y in ((T[0], T[1]), (T[1], T[0])):
        for m1, m2 in itertools.permutations(M, 2):
            rest = [m for m in M if m not in (m1, m2)]
            for a, b in itertools.combinations(A, 2):

                def gap(mu: Fraction, m1: str = m1, a: str = a, b: str = b) -> Fraction:
                    """The receiver's gain from a over b after m1 at belief mu."""
                    return mu * (pay[(T[0], m1, a)][1] - pay[(T[0], m1, b)][1]) + (1 - mu) * (
                        pay[(T[1], m1, a)][1] - pay[(T[1], m1, b)][1]
                    )

                g0, g1 = gap(Fraction(0)), gap(Fraction(1))
                if g0 == g1:
                    continue
                mu = g0 / (g0 - g1)  # gap is linear in mu and vanishes here
                if not 0 < mu < 1:
                    continue
                # mass of T[0] over total mass at m1 equals mu
                if x == T[0]:
                    sigma = mu * prior[y] / ((1 - mu) * prior[x])
                else:
                    sigma = (1 - mu) * prior[y] / (mu * prior[x])
                if not 0 < sigma < 1:
                    continue
                spread = pay[(x, m1, a)][0] - pay[(x, m1, b)][0]
                if spread == 0:
                    continue
                for a2 in A:
                    rho = (pay[(x, m2, a2)][0] - pay[(x, m1, b)][0]) / spread
                    if not 0 < rho < 1:
                        continue
                    for plan in itertools.product(A, repeat=len(rest)):
                        s = {x: {m1: sigma, m2: 1 - sigma}, y: {m1: Fraction(1)}}
                        r = {m: {c: Fraction(1)} for m, c in zip(rest, plan)}
                        r[m2] = {a2: Fraction(1)}
                        r[m1] = {a: rho, b: 1 - rho}
                        if _behaviour_is_pbe(prior, pay, game, s, r):
                            splan = tuple((m1, m2) if t == x else m1 for t in T)
                            rplan = tuple((a, b) if m == m1 else next(iter(r[m])) for m in M)
                            out[(splan, rplan)] = (sigma, rho)
    return out


def pbe_names(game: SignallingGame) -> frozenset[str]:
    """Every name :attr:`PBE.short` can give an equilibrium of ``game`` (solving nothing).

    The admissible labels of a case coded in a signalling game: pooling on each
    message with each response, each separating pair of messages and each
    semi-separating mix, named by :attr:`PBE.short` itself.

    Examples
    --------
    >>> from alliancegames.models import get_model
    >>> sorted(pbe_names(get_model("costly_alliance")))[:2]
    ['hybrid (irresolute mixes Ally/Stay unaligned)', 'hybrid (irresolute mixes Stay unaligned/Ally)']
    >>> "separating (Ally/Stay unaligned)" in pbe_names(get_model("costly_alliance"))
    True
    """
    if len(game.types) != 2:
        raise ModelError(f"the analysis is written for two sender types; {game.name!r} has {len(game.types)}")
    t0, t1 = game.types
    M, A = game.messages, game.actions

    def name(kind: str, sender: tuple, receiver: tuple) -> str:
        return PBE(kind, sender, receiver, (), (), (), sp.true, ()).short

    out = set()
    for m in M:
        for a in A:
            out.add(name("pooling", ((t0, m), (t1, m)), tuple((x, a) for x in M)))
    for m0, m1 in itertools.permutations(M, 2):
        out.add(name("separating", ((t0, m0), (t1, m1)), ()))
        out.add(name("hybrid", ((t0, (m0, m1)), (t1, m0)), ()))
        out.add(name("hybrid", ((t0, m0), (t1, (m0, m1))), ()))
    return frozenset(out)
