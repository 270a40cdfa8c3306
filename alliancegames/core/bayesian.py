"""Games of incomplete information: Bayesian games and signalling games.

Conventions
-----------
A :class:`BayesianGame` has two players; player ``k`` has a finite set of
*types* ``types[k]`` and of actions ``actions[k]``.  Nature draws a type
profile ``(t0, t1)`` with probability ``prior[(t0, t1)]`` (a sympy expression
in the parameters; the probabilities sum to one identically); each player
learns its own type and chooses an action.  ``payoffs[(t0, t1)][(a0, a1)]``
is the pair ``(u0, u1)``.  A player with a single type has complete
information about itself.

A *type-contingent* (pure) strategy of player ``k`` assigns an action to each
of its types.  The game's :meth:`BayesianGame.strategic_form` is the ordinary
two-player :class:`~alliancegames.core.model.NormalFormModel` whose actions are
the type-contingent strategies and whose payoffs are the *ex-ante* expected
payoffs ``sum_t prior(t) u_k(t, s0(t0), s1(t1))``.  Its Nash equilibria are
the Bayesian Nash equilibria (Harsanyi's construction; where every type has
positive probability — a type of prior probability zero may play anything).
So the exact solver, the symbolic regions and the sweeps apply unchanged;
:func:`per_type` reads a mixed strategy of the strategic form back as a
behaviour strategy per type ("the resolute ally fights, the irresolute one
abandons").

A :class:`SignallingGame` has a *sender* with types ``types`` drawn from a
``prior`` (one expression per type), who sends one of ``messages``; the
*receiver* sees the message, not the type, and chooses one of ``actions``.
``payoffs[(type, message, action)]`` is ``(u_sender, u_receiver)``.  Its
perfect Bayesian equilibria, with conditions on the parameters, are computed
by :mod:`alliancegames.analysis.signalling`; its strategic form (sender
strategies: a message per type; receiver strategies: an action per message)
gives the Bayesian Nash equilibria with the ordinary solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy as sp

from alliancegames.core.efg import EfgNode, efg_game
from alliancegames.core.model import ModelError, NormalFormModel, Parameter, expression_binder, substitution

if TYPE_CHECKING:
    from alliancegames.core.efg import EfgGame

__all__ = [
    "BayesianGame",
    "SignallingGame",
    "bayesian_game",
    "per_type",
    "signalling_game",
    "strategy_label",
]

SEP = ";"  # between the parts of a type-contingent strategy label


def _labels(values: Sequence[Any], what: str) -> tuple[str, ...]:
    out = tuple(values)
    if not out:
        raise ModelError(f"{what}: at least one label is needed")
    for v in out:
        if not isinstance(v, str) or not v.strip():
            raise ModelError(f"{what}: labels must be non-empty strings, got {v!r}")
        if SEP in v or ":" in v:
            raise ModelError(f"{what}: label {v!r} may not contain ':' or {SEP!r}")
    dup = sorted({v for v in out if out.count(v) > 1})
    if dup:
        raise ModelError(f"{what}: duplicate labels {dup}")
    return out


def _check_prior(prior: Mapping[Any, sp.Expr], where: str) -> None:
    total = sp.simplify(sum(prior.values()) - 1)
    if total != 0:
        raise ModelError(f"{where}: prior probabilities sum to {sp.simplify(total + 1)}, not 1")
    for key, e in prior.items():
        if e.is_negative or (e.is_number and (e < 0 or e > 1)):
            raise ModelError(f"{where}: prior probability of {key!r} is {e}, outside [0, 1]")


def strategy_label(types: Sequence[str], plan: Sequence[str]) -> str:
    """The label of a type-contingent strategy: ``"type:action;type:action"`` (one type: the action).

    Examples
    --------
    >>> strategy_label(("resolute", "irresolute"), ("Fight", "Abandon"))
    'resolute:Fight;irresolute:Abandon'
    >>> strategy_label(("only",), ("Attack",))
    'Attack'
    """
    if len(types) == 1:
        return plan[0]
    return SEP.join(f"{t}:{a}" for t, a in zip(types, plan))


# ===================================================================== Bayesian games
@dataclass(frozen=True)
class BayesianGame:
    """A two-player Bayesian game with symbolic prior and payoffs (build with :func:`bayesian_game`).

    Examples
    --------
    >>> g = bayesian_game("g", ("Ally", "Rival"), (("strong", "weak"), ("one",)),
    ...                   (("Fight", "Quit"), ("Attack", "Wait")), [],
    ...                   {("strong", "one"): sp.Rational(1, 3), ("weak", "one"): sp.Rational(2, 3)},
    ...                   lambda t, a: (1 if a[0] == "Fight" and t[0] == "strong" else 0, 0))
    >>> g.strategic_form().actions[0]
    ('strong:Fight;weak:Fight', 'strong:Fight;weak:Quit', 'strong:Quit;weak:Fight', 'strong:Quit;weak:Quit')
    """

    name: str
    players: tuple[str, str]
    types: tuple[tuple[str, ...], tuple[str, ...]]
    actions: tuple[tuple[str, ...], tuple[str, ...]]
    parameters: tuple[Parameter, ...]
    prior: tuple[tuple[tuple[str, str], sp.Expr], ...]
    payoffs: tuple[tuple[tuple[str, str, str, str], tuple[sp.Expr, sp.Expr]], ...]
    description: str = ""
    source: str = ""

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    def prior_of(self, type_profile: tuple[str, str]) -> sp.Expr:
        """Prior probability of a type profile."""
        return dict(self.prior)[tuple(type_profile)]

    def marginal(self, player: int | str, type_: str) -> sp.Expr:
        """Prior probability that ``player`` has type ``type_``."""
        k = self.players.index(player) if isinstance(player, str) else player
        return sp.simplify(sum(pr for t, pr in self.prior if t[k] == type_))

    def payoff(
        self, type_profile: tuple[str, str], action_profile: tuple[str, str]
    ) -> tuple[sp.Expr, sp.Expr]:
        """``(u0, u1)`` at a type profile and an action profile."""
        return dict(self.payoffs)[(*type_profile, *action_profile)]

    def plans(self, player: int) -> list[tuple[str, ...]]:
        """Type-contingent pure strategies of a player: one action per type, in type order."""
        return list(itertools.product(self.actions[player], repeat=len(self.types[player])))

    def strategic_form(self, *, name: str | None = None) -> NormalFormModel:
        """The ex-ante strategic form: type-contingent strategies, expected payoffs.

        Its Nash equilibria (:func:`alliancegames.solvers.enumeration.solve`,
        :func:`alliancegames.analysis.regions.equilibrium_regions`) are the
        Bayesian Nash equilibria; read them per type with :func:`per_type`.
        """
        plans = (self.plans(0), self.plans(1))
        pay = dict(self.payoffs)
        prior = [(t, pr) for t, pr in self.prior if pr != 0]
        A = [[sp.S.Zero] * len(plans[1]) for _ in plans[0]]
        B = [[sp.S.Zero] * len(plans[1]) for _ in plans[0]]
        idx = (
            {t: i for i, t in enumerate(self.types[0])},
            {t: i for i, t in enumerate(self.types[1])},
        )
        for i, p0 in enumerate(plans[0]):
            for j, p1 in enumerate(plans[1]):
                u0 = u1 = sp.S.Zero
                for (t0, t1), pr in prior:
                    a0, a1 = p0[idx[0][t0]], p1[idx[1][t1]]
                    v0, v1 = pay[(t0, t1, a0, a1)]
                    u0 += pr * v0
                    u1 += pr * v1
                A[i][j], B[i][j] = sp.expand(u0), sp.expand(u1)
        labels = tuple(tuple(strategy_label(self.types[k], p) for p in plans[k]) for k in range(2))
        return NormalFormModel(
            name or f"{self.name} (strategic form)",
            self.players,
            labels,  # type: ignore[arg-type]
            self.parameters,
            (sp.ImmutableMatrix(A), sp.ImmutableMatrix(B)),
            self.description,
            self.source,
        )

    def substitute(self, values: Mapping[str, Any] | None = None, /, **kw: Any) -> BayesianGame:
        """Fix some parameters (exactly, as :meth:`~alliancegames.core.model.NormalFormModel.substitute`)."""
        values = {**(values or {}), **kw}
        sub = substitution(self.parameters, values, f"game {self.name!r}")
        return BayesianGame(
            self.name,
            self.players,
            self.types,
            self.actions,
            tuple(p for p in self.parameters if p.name not in values),
            tuple((t, sp.simplify(pr.xreplace(sub))) for t, pr in self.prior),
            tuple((k, (u0.xreplace(sub), u1.xreplace(sub))) for k, (u0, u1) in self.payoffs),
            self.description,
            self.source,
        )

    def __str__(self) -> str:
        lines = [f"{self.name}: Bayesian game, {self.players[0]} vs {self.players[1]}"]
        for k in range(2):
            lines.append(f"  {self.players[k]}: types {list(self.types[k])}, actions {list(self.actions[k])}")
        lines.append("  prior: " + ", ".join(f"{'/'.join(t)}: {pr}" for t, pr in self.prior))
        return "\n".join(lines)


def bayesian_game(
    name: str,
    players: Sequence[str],
    types: Sequence[Sequence[str]],
    actions: Sequence[Sequence[str]],
    parameters: Iterable[Parameter] = (),
    prior: Any = None,
    payoffs: Any = None,
    *,
    description: str = "",
    source: str = "",
) -> BayesianGame:
    """Build and validate a :class:`BayesianGame`.

    Parameters
    ----------
    name : str
    players : pair of str
    types : pair of sequences of str
        Each player's type labels (one label: complete information).
    actions : pair of sequences of str
        Each player's action labels (the same for all its types).
    parameters : iterable of Parameter
    prior : mapping
        Either ``{(t0, t1): probability}`` over type profiles, or, for
        independent types, ``{player: {type: probability}}`` (a player with
        one type may be left out).  Probabilities are numbers, sympy
        expressions or declared parameter names; they must sum to 1
        identically (``p`` and ``1 - p``).
    payoffs : callable or mapping
        ``payoffs(type_profile, action_profile) -> (u0, u1)`` or a mapping
        ``{(t0, t1, a0, a1): (u0, u1)}`` covering every combination.

    Raises
    ------
    ModelError
        Duplicate or empty labels, a prior that does not sum to one or names
        an unknown type, missing payoffs, undeclared symbols, strings that are
        not parameter names.

    Examples
    --------
    An ally is resolute with probability ``r``; only the resolute one fights.

    >>> from alliancegames.core.model import parameter
    >>> r = parameter("r", "probability the ally is resolute", "probability", 0.5)
    >>> g = bayesian_game("reliability", ("Ally", "Rival"), (("resolute", "irresolute"), ("rival",)),
    ...     (("Fight", "Abandon"), ("Attack", "Wait")), [r], {"Ally": {"resolute": "r", "irresolute": 1 - r.symbol}},
    ...     lambda t, a: ((2 if t[0] == "resolute" else -1) if a[0] == "Fight" else 0,
    ...                   (-1 if a[0] == "Fight" else 1) if a[1] == "Attack" else 0))
    >>> g.marginal("Ally", "irresolute")
    1 - r
    """
    players = tuple(players)
    if (
        len(players) != 2
        or not all(isinstance(p, str) and p.strip() for p in players)
        or players[0] == players[1]
    ):
        raise ModelError(f"a Bayesian game has two distinct, named players; got {players!r}")
    if len(types) != 2 or len(actions) != 2:
        raise ModelError("types and actions must give one sequence of labels per player")
    tys = tuple(_labels(types[k], f"types of {players[k]!r}") for k in range(2))
    acts = tuple(_labels(actions[k], f"actions of {players[k]!r}") for k in range(2))
    params = tuple(parameters)
    conv = expression_binder(params)
    profiles = list(itertools.product(tys[0], tys[1]))
    if prior is None:
        if len(profiles) != 1:
            raise ModelError("a prior is required when a player has more than one type")
        prior = {profiles[0]: 1}
    if not isinstance(prior, Mapping):
        raise ModelError(f"prior must be a mapping, got {type(prior).__name__}")
    pri: dict[tuple[str, str], sp.Expr] = {}
    if prior and all(isinstance(k, str) for k in prior):  # independent types, per player
        marg: list[dict[str, sp.Expr]] = []
        for k in range(2):
            given = prior.get(players[k])
            if given is None:
                if len(tys[k]) != 1:
                    raise ModelError(f"prior: no distribution over the types of {players[k]!r}")
                given = {tys[k][0]: 1}
            if not isinstance(given, Mapping) or set(given) != set(tys[k]):
                raise ModelError(
                    f"prior of {players[k]!r} must give a probability for each of {list(tys[k])}"
                )
            m = {t: conv(given[t], f"prior of {players[k]!r}, type {t!r}") for t in tys[k]}
            _check_prior(m, f"prior of {players[k]!r}")
            marg.append(m)
        unknown = set(prior) - set(players)
        if unknown:
            raise ModelError(f"prior names unknown players {sorted(unknown)}")
        pri = {(t0, t1): sp.expand(marg[0][t0] * marg[1][t1]) for t0, t1 in profiles}
    else:
        for key in prior:
            if not isinstance(key, tuple) or key not in profiles:
                raise ModelError(f"prior key {key!r} is not a type profile; profiles are {profiles}")
        pri = {t: conv(prior.get(t, 0), f"prior of {t!r}") for t in profiles}
        _check_prior(pri, "prior")
    table: dict[tuple[str, str, str, str], tuple[sp.Expr, sp.Expr]] = {}
    if payoffs is None:
        raise ModelError("payoffs are required")
    for t0, t1 in profiles:
        for a0, a1 in itertools.product(acts[0], acts[1]):
            where = f"payoff at types ({t0!r}, {t1!r}), actions ({a0!r}, {a1!r})"
            if callable(payoffs):
                cell = payoffs((t0, t1), (a0, a1))
            elif isinstance(payoffs, Mapping):
                if (t0, t1, a0, a1) not in payoffs:
                    raise ModelError(f"{where} is missing")
                cell = payoffs[(t0, t1, a0, a1)]
            else:
                raise ModelError("payoffs must be a callable or a mapping")
            if not isinstance(cell, (tuple, list)) or len(cell) != 2:
                raise ModelError(f"{where} must be a pair (u0, u1), got {cell!r}")
            table[(t0, t1, a0, a1)] = (conv(cell[0], where), conv(cell[1], where))
    return BayesianGame(
        str(name),
        players,  # type: ignore[arg-type]
        tys,  # type: ignore[arg-type]
        acts,  # type: ignore[arg-type]
        params,
        tuple(pri.items()),
        tuple(table.items()),
        description,
        source,
    )


def per_type(
    game: BayesianGame | SignallingGame, player: int | str, strategy: Sequence[Any]
) -> dict[str, dict[str, Any]]:
    """A mixed strategy over type-contingent strategies, read back per type.

    Parameters
    ----------
    game : BayesianGame or SignallingGame
    player : int or str
        Index or name of the player.  For a signalling game the sender's
        "types" are its types and the receiver's are the messages it observes.
    strategy : sequence
        One probability per action of ``game.strategic_form()`` for this
        player (fractions, floats or sympy expressions, e.g.
        ``Equilibrium.strategies[k]`` or ``Piece.strategies[k]``).

    Returns
    -------
    dict
        ``{type: {action: probability}}`` — the behaviour strategy of each
        type (marginal probability of each action), zero entries omitted.

    Examples
    --------
    >>> from fractions import Fraction
    >>> g = bayesian_game("g", ("A", "B"), (("hi", "lo"), ("b",)), (("F", "Q"), ("x",)), [],
    ...                   {("hi", "b"): Fraction(1, 2), ("lo", "b"): Fraction(1, 2)}, lambda t, a: (0, 0))
    >>> per_type(g, "A", [0, 1, 0, 0])   # strategies FF, FQ, QF, QQ
    {'hi': {'F': 1}, 'lo': {'Q': 1}}
    """
    k = game.players.index(player) if isinstance(player, str) else player
    if k not in (0, 1):
        raise ModelError(f"player must be 0, 1 or a player name; got {player!r}")
    types, acts = _contingencies(game, k)
    plans = list(itertools.product(acts, repeat=len(types)))
    if len(strategy) != len(plans):
        raise ModelError(
            f"strategy has {len(strategy)} entries; {game.players[k]!r} has {len(plans)} strategies"
        )
    out: dict[str, dict[str, Any]] = {}
    for i, t in enumerate(types):
        dist: dict[str, Any] = {}
        for plan, prob in zip(plans, strategy):
            if prob == 0:
                continue
            dist[plan[i]] = dist.get(plan[i], 0) + prob
        out[t] = {a: (sp.factor(v) if isinstance(v, sp.Basic) else v) for a, v in dist.items() if v != 0}
    return out


def _contingencies(game: Any, k: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if isinstance(game, SignallingGame):
        return (game.types, game.messages) if k == 0 else (game.messages, game.actions)
    return game.types[k], game.actions[k]


# =================================================================== signalling games
@dataclass(frozen=True)
class SignallingGame:
    """A sender-receiver game with symbolic prior and payoffs (build with :func:`signalling_game`).

    Examples
    --------
    >>> from alliancegames.core.model import parameter
    >>> p = parameter("p", "probability the ally is resolute", "probability", 0.5)
    >>> g = signalling_game("ally", ("Ally", "Rival"), ("resolute", "irresolute"), [p],
    ...     {"resolute": "p", "irresolute": 1 - p.symbol}, ("Sign", "Stay"), ("Attack", "Wait"),
    ...     lambda t, m, a: (0, 0))
    >>> g.strategic_form().shape
    (4, 4)
    """

    name: str
    players: tuple[str, str]
    types: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    prior: tuple[tuple[str, sp.Expr], ...]
    messages: tuple[str, ...]
    actions: tuple[str, ...]
    payoffs: tuple[tuple[tuple[str, str, str], tuple[sp.Expr, sp.Expr]], ...]
    description: str = ""
    source: str = ""

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    def prior_of(self, type_: str) -> sp.Expr:
        return dict(self.prior)[type_]

    def payoff(self, type_: str, message: str, action: str) -> tuple[sp.Expr, sp.Expr]:
        """``(u_sender, u_receiver)``."""
        return dict(self.payoffs)[(type_, message, action)]

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters if p.default is not None}

    def strategic_form(self, *, name: str | None = None) -> NormalFormModel:
        """Sender strategies (a message per type) against receiver strategies (an action per message).

        Ex-ante expected payoffs; Nash equilibria are the Bayesian Nash
        equilibria (every perfect Bayesian equilibrium is one, not conversely).
        Labels: ``"type:message;..."`` and ``"message:action;..."``.
        """
        pay = dict(self.payoffs)
        splans = list(itertools.product(self.messages, repeat=len(self.types)))
        rplans = list(itertools.product(self.actions, repeat=len(self.messages)))
        midx = {m: i for i, m in enumerate(self.messages)}
        A = [[sp.S.Zero] * len(rplans) for _ in splans]
        B = [[sp.S.Zero] * len(rplans) for _ in splans]
        for i, sp_ in enumerate(splans):
            for j, rp in enumerate(rplans):
                u0 = u1 = sp.S.Zero
                for (t, pr), m in zip(self.prior, sp_):
                    v0, v1 = pay[(t, m, rp[midx[m]])]
                    u0 += pr * v0
                    u1 += pr * v1
                A[i][j], B[i][j] = sp.expand(u0), sp.expand(u1)
        labels = (
            tuple(strategy_label(self.types, p) for p in splans),
            tuple(strategy_label(self.messages, p) for p in rplans),
        )
        return NormalFormModel(
            name or f"{self.name} (strategic form)",
            self.players,
            labels,
            self.parameters,
            (sp.ImmutableMatrix(A), sp.ImmutableMatrix(B)),
            self.description,
            self.source,
        )

    def to_efg(self, values: Mapping[str, Any] | None = None) -> EfgGame:
        """The game tree at a parameter point, for Gambit's ``.efg`` format (defaults fill the rest).

        Nature draws the type (chance information set 1); the sender has one
        information set per type (numbered in type order), the receiver one
        per message (in message order) containing the node of every type.
        Write it with :func:`alliancegames.core.efg.write_efg`.

        Examples
        --------
        >>> from alliancegames.core.efg import to_efg
        >>> g = signalling_game("g", ("S", "R"), ("hi", "lo"), [], {"hi": sp.Rational(1, 4),
        ...     "lo": sp.Rational(3, 4)}, ("m",), ("a",), lambda t, m, a: (1, 0))
        >>> print(to_efg(g.to_efg()).splitlines()[3])
        c "" 1 "" { "hi" 1/4 "lo" 3/4 } 0
        """


        given = dict(values or {})
        unknown = sorted(set(given) - set(self.parameter_names))
        if unknown:
            raise ModelError(f"game {self.name!r} has no parameter(s) {unknown}")
        full = {p.name: given.get(p.name, p.default) for p in self.parameters}
        missing = [k for k, v in full.items() if v is None]
        if missing:
            raise ModelError(f"no value or default for {missing}")
        game = self.substitute(full) if full else self

        def frac(e: sp.Expr) -> Fraction:
            e = sp.nsimplify(e)
            if not e.is_Rational:
                raise ModelError(f"{e} is not a rational number")
            return Fraction(int(e.p), int(e.q))

        pay = dict(game.payoffs)
        types = []
        for i, t in enumerate(game.types):
            moves = []
            for j, m in enumerate(game.messages):
                leaves = tuple(
                    EfgNode("t", payoffs=tuple(frac(u) for u in pay[(t, m, a)])) for a in game.actions
                )
                moves.append(
                    EfgNode("p", leaves, player=2, infoset=j + 1, infoset_label=m, actions=game.actions)
                )
            types.append(
                EfgNode("p", tuple(moves), player=1, infoset=i + 1, infoset_label=t, actions=game.messages)
            )
        probs = tuple(frac(pr) for _, pr in game.prior)
        root = EfgNode("c", tuple(types), infoset=1, actions=game.types, probabilities=probs)
        return efg_game(self.name, self.players, root, comment=self.description)

    def substitute(self, values: Mapping[str, Any] | None = None, /, **kw: Any) -> SignallingGame:
        """Fix some parameters exactly."""
        values = {**(values or {}), **kw}
        sub = substitution(self.parameters, values, f"game {self.name!r}")
        return SignallingGame(
            self.name,
            self.players,
            self.types,
            tuple(p for p in self.parameters if p.name not in values),
            tuple((t, sp.simplify(pr.xreplace(sub))) for t, pr in self.prior),
            self.messages,
            self.actions,
            tuple((k, (u0.xreplace(sub), u1.xreplace(sub))) for k, (u0, u1) in self.payoffs),
            self.description,
            self.source,
        )

    def __str__(self) -> str:
        lines = [
            f"{self.name}: signalling game, sender {self.players[0]!r}, receiver {self.players[1]!r}",
            "  prior: " + ", ".join(f"{t}: {pr}" for t, pr in self.prior),
            f"  messages: {list(self.messages)}; receiver actions: {list(self.actions)}",
        ]
        for t in self.types:
            for m in self.messages:
                cells = ", ".join(
                    f"{a}: ({u0}, {u1})" for a in self.actions for u0, u1 in [self.payoff(t, m, a)]
                )
                lines.append(f"  {t}, {m}: {cells}")
        return "\n".join(lines)


def signalling_game(
    name: str,
    players: Sequence[str],
    types: Sequence[str],
    parameters: Iterable[Parameter] = (),
    prior: Mapping[str, Any] | None = None,
    messages: Sequence[str] = (),
    actions: Sequence[str] = (),
    payoffs: Any = None,
    *,
    description: str = "",
    source: str = "",
) -> SignallingGame:
    """Build and validate a :class:`SignallingGame`.

    Parameters
    ----------
    players : pair of str
        Sender, receiver.
    types : sequence of str
        The sender's types.
    prior : mapping
        ``{type: probability}`` (numbers, sympy expressions or parameter
        names) summing to 1 identically.
    messages, actions : sequences of str
        The sender's messages; the receiver's actions (after every message).
    payoffs : callable or mapping
        ``payoffs(type, message, action) -> (u_sender, u_receiver)`` or
        ``{(type, message, action): (u_sender, u_receiver)}``.

    Raises
    ------
    ModelError
        As :func:`bayesian_game`.

    Examples
    --------
    >>> g = signalling_game("beer-quiche", ("S", "R"), ("tough", "weak"), [],
    ...     {"tough": sp.Rational(9, 10), "weak": sp.Rational(1, 10)}, ("beer", "quiche"), ("duel", "not"),
    ...     lambda t, m, a: ((m == ("beer" if t == "tough" else "quiche")) + 2 * (a == "not"),
    ...                      int((a == "duel") == (t == "weak"))))
    >>> g.payoff("weak", "quiche", "not")
    (3, 0)
    """
    players = tuple(players)
    if (
        len(players) != 2
        or not all(isinstance(p, str) and p.strip() for p in players)
        or players[0] == players[1]
    ):
        raise ModelError(
            f"a signalling game has a sender and a receiver with distinct names; got {players!r}"
        )
    tys = _labels(types, "sender types")
    msgs = _labels(messages, "messages")
    acts = _labels(actions, "receiver actions")
    params = tuple(parameters)
    conv = expression_binder(params)
    if not isinstance(prior, Mapping) or set(prior) != set(tys):
        raise ModelError(f"prior must be a mapping giving a probability for each type {list(tys)}")
    pri = {t: conv(prior[t], f"prior of type {t!r}") for t in tys}
    _check_prior(pri, "prior")
    if payoffs is None:
        raise ModelError("payoffs are required")
    table = {}
    for t, m, a in itertools.product(tys, msgs, acts):
        where = f"payoff at ({t!r}, {m!r}, {a!r})"
        if callable(payoffs):
            cell = payoffs(t, m, a)
        elif isinstance(payoffs, Mapping):
            if (t, m, a) not in payoffs:
                raise ModelError(f"{where} is missing")
            cell = payoffs[(t, m, a)]
        else:
            raise ModelError("payoffs must be a callable or a mapping")
        if not isinstance(cell, (tuple, list)) or len(cell) != 2:
            raise ModelError(f"{where} must be a pair (u_sender, u_receiver), got {cell!r}")
        table[(t, m, a)] = (conv(cell[0], where), conv(cell[1], where))
    return SignallingGame(
        str(name),
        players,
        tys,
        params,
        tuple(pri.items()),
        msgs,
        acts,
        tuple(table.items()),
        description,
        source,  # type: ignore[arg-type]
    )
