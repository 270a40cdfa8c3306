"""Sequential games: trees with symbolic payoffs, chance moves and information sets.

Building a tree
---------------
A tree is built bottom-up from three node factories and wrapped, with its
players and parameters, by :func:`game_tree`:

* ``terminal(payoffs)`` -- an outcome.  ``payoffs`` is a dict
  ``{player name: expression}`` or a tuple in the order of the tree's players.
  Expressions are numbers, sympy expressions or declared parameter names.
* ``decision(player, {action: child, ...}, infoset=None)`` -- a move by a
  player.  Nodes that share an ``infoset`` name form one information set (same
  player, same action labels); a node without one is its own information set.
* ``chance([(outcome, probability, child), ...])`` or
  ``chance({probability: child, ...})`` -- a move by nature.  Probabilities are
  expressions in the parameters (``p`` and ``1 - p``) that must sum to 1.

Nodes are addressed by their *history*: the tuple of action/outcome labels on
the way from the root (``()`` is the root).  The *key* of a decision node --
used in strategies -- is its ``infoset`` name if given, else its history
joined by ``"/"`` (``"root"`` for the root).

Analysis
--------
* :func:`backward_induction` (perfect-information trees) returns every
  pure-strategy subgame-perfect equilibrium as a *case*: the choices at every
  decision node, the expected payoffs, the outcome (terminal histories with
  their probabilities) and the conditions on the parameters under which it is
  subgame perfect.  With ``ties="all"`` (default) each decision compares
  continuation values with weak inequalities, so at a tie every optimal action
  has its case and, at any parameter point, the cases that hold are exactly the
  pure-strategy SPE there.  With ``ties="strict"`` the comparisons are strict:
  the cases cover every point where no player is indifferent.
* :func:`strategic_form` converts a two-player tree (any information
  structure) to a :class:`~alliancegames.core.model.NormalFormModel` of *reduced*
  strategies (choices at nodes that the player's own earlier choices rule out
  are dropped), with payoffs in expectation over chance.
* :func:`draw_tree` draws with matplotlib; :meth:`GameTree.to_latex` gives a
  TikZ picture.

Examples
--------
The calculus of deterrence (see :func:`backward_induction`):

>>> from alliancegames.core.model import parameter
>>> import sympy as sp
>>> p = parameter("p", "probability that the defender resists", "probability")
>>> w, s, r = parameter("u_win"), parameter("u_sq"), parameter("u_war")
>>> t = game_tree("deterrence", ("Challenger",), [p, w, s, r],
...     decision("Challenger", {
...         "Status quo": terminal(("u_sq",)),
...         "Challenge": chance([("Resist", "p", terminal(("u_war",))),
...                              ("Yield", 1 - p.symbol, terminal(("u_win",)))])}))
>>> spe = backward_induction(t, assumptions=[w.symbol > s.symbol, s.symbol > r.symbol], ties="strict")
>>> [(c.choices[0][2], c.conditions) for c in spe]
[('Status quo', p > (-u_sq + u_win)/(-u_war + u_win)), ('Challenge', p < (-u_sq + u_win)/(-u_war + u_win))]
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.analysis.conditions import context_of, decide, preference, simplify_conditions
from alliancegames.core.latex import conditions as _latex_cond
from alliancegames.core.latex import escape
from alliancegames.core.model import (
    ModelError,
    NormalFormModel,
    Parameter,
    exact_number,
    find_parameter,
    normal_form,
)
from alliancegames.core.numeric import compile_expressions

__all__ = [
    "BackwardInduction",
    "Chance",
    "Decision",
    "GameTree",
    "SPECase",
    "Terminal",
    "TreeError",
    "backward_induction",
    "chance",
    "decision",
    "draw_tree",
    "game_tree",
    "spe_regime",
    "spe_regimes",
    "strategic_form",
    "terminal",
]


class TreeError(ModelError):
    """A game tree is malformed or unsuitable for the requested analysis."""


# ------------------------------------------------------------------------ nodes
@dataclass(frozen=True)
class Terminal:
    """An outcome.  ``payoffs`` is aligned with the tree's players once inside a :class:`GameTree`."""

    payoffs: tuple[Any, ...]
    keys: tuple[str, ...] | None = None
    label: str = ""


@dataclass(frozen=True)
class Decision:
    """A move by ``player`` choosing among ``actions`` (children in the same order)."""

    player: str
    actions: tuple[str, ...]
    children: tuple[Node, ...]
    infoset: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Chance:
    """A move by nature: ``outcomes[k]`` happens with ``probabilities[k]`` and leads to ``children[k]``."""

    outcomes: tuple[str, ...]
    probabilities: tuple[Any, ...]
    children: tuple[Node, ...]
    label: str = ""


Node = Terminal | Decision | Chance


def terminal(payoffs: Mapping[str, Any] | Sequence[Any], label: str = "") -> Terminal:
    """An outcome node.

    Parameters
    ----------
    payoffs : dict or sequence
        ``{player: payoff}`` (every player of the tree) or a sequence in the
        order of the tree's players.
    label : str
        Optional name of the outcome (shown when drawing).

    Examples
    --------
    >>> terminal({"A": 1, "B": 0}).keys
    ('A', 'B')
    """
    if isinstance(payoffs, Mapping):
        return Terminal(tuple(payoffs.values()), tuple(payoffs.keys()), label)
    if isinstance(payoffs, (str, bytes)) or not isinstance(payoffs, Sequence):
        raise TreeError(f"terminal payoffs must be a dict or a sequence, got {payoffs!r}")
    return Terminal(tuple(payoffs), None, label)


def decision(
    player: str, actions: Mapping[str, Node], *, infoset: str | None = None, label: str = ""
) -> Decision:
    """A decision node of ``player`` with ``{action label: child}``.

    Examples
    --------
    >>> d = decision("A", {"L": terminal((1,)), "R": terminal((0,))})
    >>> d.actions
    ('L', 'R')
    """
    if not isinstance(actions, Mapping) or not actions:
        raise TreeError(f"decision of {player!r} needs a non-empty dict {{action: child}}, got {actions!r}")
    for a, c in actions.items():
        if not isinstance(a, str) or not a.strip():
            raise TreeError(f"decision of {player!r}: action labels must be non-empty strings, got {a!r}")
        if not isinstance(c, (Terminal, Decision, Chance)):
            raise TreeError(f"decision of {player!r}: child of {a!r} is not a node: {c!r}")
    if infoset is not None and (not isinstance(infoset, str) or not infoset.strip()):
        raise TreeError(f"infoset must be a non-empty string, got {infoset!r}")
    return Decision(str(player), tuple(actions), tuple(actions.values()), infoset, label)


def chance(outcomes: Mapping[Any, Node] | Sequence[tuple[str, Any, Node]], *, label: str = "") -> Chance:
    """A chance node.

    Parameters
    ----------
    outcomes : dict or list of triples
        ``{probability: child}`` (labels are the probabilities' text) or
        ``[(label, probability, child), ...]``.

    Examples
    --------
    >>> import sympy as sp
    >>> p = sp.Symbol("p")
    >>> chance({p: terminal((1,)), 1 - p: terminal((0,))}).outcomes
    ('p', '1 - p')
    """
    if isinstance(outcomes, Mapping):
        triples = [(str(k), k, c) for k, c in outcomes.items()]
    else:
        triples = list(outcomes)
    if not triples:
        raise TreeError("a chance node needs at least one outcome")
    labels, probs, children = [], [], []
    for t in triples:
        if not isinstance(t, tuple) or len(t) != 3:
            raise TreeError(f"chance outcomes must be (label, probability, child) triples, got {t!r}")
        lab, pr, ch = t
        if not isinstance(lab, str) or not lab.strip():
            raise TreeError(f"chance outcome label must be a non-empty string, got {lab!r}")
        if not isinstance(ch, (Terminal, Decision, Chance)):
            raise TreeError(f"chance outcome {lab!r}: child is not a node: {ch!r}")
        labels.append(lab)
        probs.append(pr)
        children.append(ch)
    if len(set(labels)) != len(labels):
        raise TreeError(f"duplicate chance outcome labels {labels}")
    return Chance(tuple(labels), tuple(probs), tuple(children), label)


# ------------------------------------------------------------------------ tree
def _key(node: Decision, history: tuple[str, ...]) -> str:
    if node.infoset is not None:
        return node.infoset
    return "/".join(history) if history else "root"


@dataclass(frozen=True)
class GameTree:
    """An immutable, validated extensive-form game with symbolic payoffs.

    Build it with :func:`game_tree`.  ``root`` holds normalised nodes:
    terminal payoffs are sympy expressions in the order of ``players`` and
    chance probabilities are sympy expressions.
    """

    name: str
    players: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    root: Node
    description: str = ""
    source: str = ""

    # ---------------------------------------------------------------- access
    @property
    def symbols(self) -> dict[str, sp.Symbol]:
        return {p.name: p.symbol for p in self.parameters}

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``; :class:`TreeError` if there is none."""
        return find_parameter(self.parameters, name, f"tree {self.name!r}", TreeError)

    def nodes(self) -> Iterator[tuple[tuple[str, ...], Node]]:
        """All ``(history, node)`` pairs, depth first, in action order."""
        stack: list[tuple[tuple[str, ...], Node]] = [((), self.root)]
        while stack:
            h, n = stack.pop()
            yield h, n
            if isinstance(n, Decision):
                stack.extend(reversed([(h + (a,), c) for a, c in zip(n.actions, n.children)]))
            elif isinstance(n, Chance):
                stack.extend(reversed([(h + (o,), c) for o, c in zip(n.outcomes, n.children)]))

    def outcome_labels(self) -> tuple[str, ...]:
        """Labels of the labelled terminals, in tree order (the outcomes a case may record)."""
        return tuple(n.label for _, n in self.nodes() if isinstance(n, Terminal) and n.label)

    def infosets(self) -> dict[str, tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]]:
        """``key -> (player, actions, histories of its nodes)`` in tree order."""
        out: dict[str, tuple[str, tuple[str, ...], list]] = {}
        for h, n in self.nodes():
            if isinstance(n, Decision):
                k = _key(n, h)
                if k not in out:
                    out[k] = (n.player, n.actions, [])
                out[k][2].append(h)
        return {k: (pl, acts, tuple(hs)) for k, (pl, acts, hs) in out.items()}

    @property
    def is_perfect_information(self) -> bool:
        return all(len(v[2]) == 1 for v in self.infosets().values())

    def substitute(self, values: Mapping[str, Any] | None = None, /, **kw: Any) -> GameTree:
        """Fix some parameters (exact numbers), returning a smaller tree."""
        values = {**(values or {}), **kw}
        sub = {}
        for name, v in values.items():
            p = self.parameter(name)
            if not p.contains(v):
                raise TreeError(f"value {v!r} for {name!r} is outside its domain {p.domain!r}")
            sub[p.symbol] = exact_number(v)

        def go(n: Node) -> Node:
            if isinstance(n, Terminal):
                return replace(n, payoffs=tuple(sp.sympify(e).xreplace(sub) for e in n.payoffs))
            if isinstance(n, Chance):
                return replace(
                    n,
                    probabilities=tuple(sp.sympify(e).xreplace(sub) for e in n.probabilities),
                    children=tuple(go(c) for c in n.children),
                )
            return replace(n, children=tuple(go(c) for c in n.children))

        params = tuple(p for p in self.parameters if p.name not in values)
        return GameTree(self.name, self.players, params, go(self.root), self.description, self.source)

    # --------------------------------------------------------------- display
    def __str__(self) -> str:
        lines = [f"{self.name}: players {', '.join(self.players)}"]

        def go(n: Node, depth: int, edge: str) -> None:
            pad = "  " * depth + (f"{edge} -> " if edge else "")
            if isinstance(n, Terminal):
                lines.append(
                    pad
                    + "("
                    + ", ".join(str(e) for e in n.payoffs)
                    + ")"
                    + (f" [{n.label}]" if n.label else "")
                )
            elif isinstance(n, Decision):
                lines.append(pad + n.player + (f" [{n.infoset}]" if n.infoset else ""))
                for a, c in zip(n.actions, n.children):
                    go(c, depth + 1, a)
            else:
                lines.append(pad + "chance")
                for o, pr, c in zip(n.outcomes, n.probabilities, n.children):
                    go(c, depth + 1, f"{o} ({pr})")

        go(self.root, 0, "")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(str(self)) + "</pre>"

    def to_latex(self, *, scale: float = 1.0) -> str:
        """A standalone TikZ picture of the tree (needs ``\\usepackage{tikz}``).

        Decision nodes are filled circles labelled with the player, chance
        nodes open circles; nodes of one information set are joined by a dashed
        line; edges carry action labels and chance probabilities.
        """
        return _tikz(self, scale)

    def draw(self, ax: Any = None, **kw: Any) -> Any:
        """Draw with matplotlib; see :func:`draw_tree`."""
        return draw_tree(self, ax=ax, **kw)


def game_tree(
    name: str,
    players: Sequence[str],
    parameters: Iterable[Parameter],
    root: Node,
    *,
    description: str = "",
    source: str = "",
) -> GameTree:
    """Build and validate a :class:`GameTree`.

    Parameters
    ----------
    name : str
    players : sequence of str
        Player names (chance is not a player).  Terminal payoff tuples follow
        this order.
    parameters : iterable of Parameter
        Declared parameters; expressions may use symbols of the same name made
        elsewhere (they are rebound to the declared symbols).
    root : node
        Built with :func:`decision`, :func:`chance` and :func:`terminal`.

    Raises
    ------
    TreeError
        Unknown players, wrong payoff lengths, undeclared symbols,
        inconsistent information sets, probabilities that do not sum to 1 or
        are negative for every parameter value.

    Examples
    --------
    >>> t = game_tree("entry", ("E", "I"), [], decision("E", {
    ...     "Out": terminal((0, 2)),
    ...     "In": decision("I", {"Fight": terminal((-1, -1)), "Accommodate": terminal((1, 1))})}))
    >>> t.is_perfect_information, len(t.infosets())
    (True, 2)
    """
    players = tuple(str(p) for p in players)
    if not players or len(set(players)) != len(players):
        raise TreeError(f"players must be distinct non-empty names, got {players}")
    params = tuple(parameters)
    for p in params:
        if not isinstance(p, Parameter):
            raise TreeError(f"parameters must be Parameter objects, got {p!r}")
    by_name = {p.name: p.symbol for p in params}
    if len(by_name) != len(params):
        raise TreeError("duplicate parameter names")
    declared = set(by_name.values())

    def expr(v: Any, where: str) -> sp.Expr:
        if isinstance(v, str):
            if v in by_name:
                return by_name[v]
            raise TreeError(
                f"{where}: the string {v!r} is not a declared parameter; build expressions with sympy"
            )
        if isinstance(v, Fraction):
            return sp.Rational(v.numerator, v.denominator)
        try:
            e = sp.sympify(v, strict=True)
        except (sp.SympifyError, TypeError) as exc:
            raise TreeError(f"{where}: {v!r} is not a number or sympy expression") from exc
        if not isinstance(e, sp.Expr):
            raise TreeError(f"{where}: {v!r} is not a scalar expression")
        e = e.xreplace({s: by_name[s.name] for s in e.free_symbols if s.name in by_name})
        bad = e.free_symbols - declared
        if bad:
            raise TreeError(
                f"{where}: undeclared symbols {sorted(map(str, bad))}; declared: {sorted(by_name)}"
            )
        return e

    infosets: dict[str, tuple[str, tuple[str, ...]]] = {}
    auto_keys: set[str] = set()

    def go(n: Node, h: tuple[str, ...]) -> Node:
        where = "node " + ("/".join(h) or "root")
        if isinstance(n, Terminal):
            if n.keys is not None:
                unknown = set(n.keys) - set(players)
                missing = [p for p in players if p not in n.keys]
                if unknown or missing:
                    raise TreeError(
                        f"{where}: payoffs name unknown players {sorted(unknown)} / miss {missing}"
                    )
                vals = dict(zip(n.keys, n.payoffs))
                raw = [vals[p] for p in players]
            else:
                if len(n.payoffs) != len(players):
                    raise TreeError(f"{where}: {len(n.payoffs)} payoffs for {len(players)} players {players}")
                raw = list(n.payoffs)
            return Terminal(tuple(expr(v, where) for v in raw), None, n.label)
        if isinstance(n, Decision):
            if n.player not in players:
                raise TreeError(f"{where}: unknown player {n.player!r}; players are {players}")
            k = _key(n, h)
            if n.infoset is None:
                auto_keys.add(k)
            elif k in auto_keys:
                raise TreeError(
                    f"{where}: information set name {k!r} clashes with the history of another node"
                )
            if k in infosets:
                pl, acts = infosets[k]
                if n.infoset is None or pl != n.player or acts != n.actions:
                    raise TreeError(
                        f"{where}: information set {k!r} mixes players or action labels "
                        f"({pl} {acts} vs {n.player} {n.actions})"
                    )
            infosets[k] = (n.player, n.actions)
            return replace(n, children=tuple(go(c, h + (a,)) for a, c in zip(n.actions, n.children)))
        if isinstance(n, Chance):
            probs = tuple(
                expr(v, f"{where} probability of {o!r}") for o, v in zip(n.outcomes, n.probabilities)
            )
            total = sp.simplify(sp.Add(*probs) - 1)
            if total != 0:
                raise TreeError(f"{where}: chance probabilities {list(probs)} sum to {sp.Add(*probs)}, not 1")
            for o, pr in zip(n.outcomes, probs):
                if decide(pr >= 0, context_of(params)) is False:
                    raise TreeError(f"{where}: probability {pr} of {o!r} is negative")
            return Chance(
                n.outcomes, probs, tuple(go(c, h + (o,)) for o, c in zip(n.outcomes, n.children)), n.label
            )
        raise TreeError(f"{where}: not a node: {n!r}")

    root = go(root, ())
    return GameTree(str(name), players, params, root, description, source)


# ------------------------------------------------------------ backward induction
@dataclass(frozen=True)
class SPECase:
    """One pure-strategy subgame-perfect equilibrium and where it holds.

    Attributes
    ----------
    conditions : sympy Boolean
        Conjunction of relations on the parameters (simplified under the
        assumptions) under which this profile is subgame perfect.
    choices : tuple of (player, node key, action)
        The action at every decision node, in tree order.
    payoffs : tuple of sympy expressions
        Expected payoffs, one per player.
    outcome : tuple of (terminal history, probability)
        The terminals reached on the equilibrium path with their probabilities.
    """

    conditions: sp.Basic
    choices: tuple[tuple[str, str, str], ...]
    payoffs: tuple[sp.Expr, ...]
    outcome: tuple[tuple[tuple[str, ...], sp.Expr], ...]
    players: tuple[str, ...]

    def strategy(self, player: str) -> dict[str, str]:
        """``{node key: action}`` of one player."""
        if player not in self.players:
            raise TreeError(f"unknown player {player!r}; players are {self.players}")
        return {k: a for p, k, a in self.choices if p == player}

    @property
    def path(self) -> tuple[str, ...]:
        """Labels along the equilibrium path up to the first chance move (or the end)."""
        hs = [h for h, _ in self.outcome]
        if len(hs) == 1:
            return hs[0]
        common = []
        for labels in zip(*hs):
            if len(set(labels)) > 1:
                break
            common.append(labels[0])
        return tuple(common)

    @property
    def label(self) -> str:
        """The equilibrium path, e.g. ``"Challenge → Resist"``; chance branches in braces."""
        hs = [h for h, _ in self.outcome]
        if len(hs) == 1:
            return " → ".join(hs[0]) or "(root)"
        return " → ".join(self.path) + " → {" + " | ".join(" → ".join(h[len(self.path) :]) for h in hs) + "}"

    def holds_at(self, values: Mapping[str, Any]) -> bool:
        """Whether the conditions hold at a point (exact for rational values)."""
        return _holds(self.conditions, values)

    def __str__(self) -> str:
        ch = "; ".join(f"{p}@{k}: {a}" for p, k, a in self.choices)
        return f"[{self.conditions}] {ch} -> {self.label}, payoffs {self.payoffs}"


def _holds(cond: sp.Basic, values: Mapping[str, Any]) -> bool:
    sub = {}
    for s in cond.free_symbols:
        if s.name not in values:
            raise TreeError(f"no value for parameter {s.name!r}")
        sub[s] = exact_number(values[s.name])
    v = cond.xreplace(sub)
    if v not in (sp.true, sp.false):
        v = sp.simplify(v)
    if v not in (sp.true, sp.false):
        raise TreeError(f"cannot decide {cond} at {values}")
    return bool(v)


@dataclass(frozen=True)
class BackwardInduction:
    """All pure-strategy SPE cases of a perfect-information tree.

    ``dropped`` counts candidate profiles whose conditions cannot hold under
    the assumptions.
    """

    tree: GameTree
    cases: tuple[SPECase, ...]
    assumptions: tuple[sp.Basic, ...]
    ties: str
    dropped: int = 0

    def __len__(self) -> int:
        return len(self.cases)

    def __iter__(self) -> Iterator[SPECase]:
        return iter(self.cases)

    def __getitem__(self, i: int) -> SPECase:
        return self.cases[i]

    def at(self, values: Mapping[str, Any]) -> list[SPECase]:
        """The cases whose conditions hold at a parameter point."""
        return [c for c in self.cases if c.holds_at(values)]

    def __str__(self) -> str:
        return "\n".join(str(c) for c in self.cases)

    def to_latex(self) -> str:
        """A ``tabular``: equilibrium path | conditions | payoffs."""
        lines = [r"\begin{tabular}{lll}", r"\hline", r"SPE path & Conditions & Payoffs \\", r"\hline"]
        for c in self.cases:
            lab = escape(c.label)
            pay = ", ".join(sp.latex(u) for u in c.payoffs)
            lines.append(f"{lab} & ${_latex_cond(c.conditions)}$ & $({pay})$ \\\\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        rows = [
            f"<tr><td>{e(c.label)}</td><td>{e('; '.join(f'{p}: {a}' for p, _, a in c.choices))}</td>"
            f"<td>${_latex_cond(c.conditions)}$</td><td>${', '.join(sp.latex(u) for u in c.payoffs)}$</td></tr>"
            for c in self.cases
        ]
        head = (
            "<tr><th>path</th><th>choices</th><th>conditions</th><th>payoffs ("
            + e(", ".join(self.tree.players))
            + ")</th></tr>"
        )
        return f"<p>Subgame-perfect equilibria of {e(self.tree.name)} (ties: {e(self.ties)})</p><table>{head}{''.join(rows)}</table>"


@dataclass(frozen=True)
class _Partial:
    conds: tuple[sp.Basic, ...]
    choices: tuple[tuple[str, str, str], ...]
    values: tuple[sp.Expr, ...]
    outcome: tuple[tuple[tuple[str, ...], sp.Expr], ...]


def backward_induction(
    tree: GameTree,
    *,
    assumptions: Iterable[Any] = (),
    ties: str = "all",
    prefer: Sequence[str] = (),
) -> BackwardInduction:
    """Subgame-perfect equilibria of a perfect-information tree, with their conditions.

    Parameters
    ----------
    tree : GameTree
        Every information set must be a single node (otherwise use
        :func:`strategic_form`).
    assumptions : iterable of sympy relations
        Extra relations between parameters (orderings of payoffs).
    ties : {"all", "strict"}
        ``"all"``: a player's chosen action must be at least as good as every
        other (weak inequalities), so cases overlap on ties and at any point
        the holding cases are exactly the pure-strategy SPE.  ``"strict"``:
        strictly better (ties excluded).
    prefer : sequence of str
        Parameter names to solve conditions for first (default: probability
        parameters, then the others in declaration order).

    Returns
    -------
    BackwardInduction

    Examples
    --------
    >>> from alliancegames.core.model import parameter
    >>> c = parameter("c", "cost of fighting", "positive")
    >>> t = game_tree("entry", ("E", "I"), [c], decision("E", {
    ...     "Out": terminal((0, 2)),
    ...     "In": decision("I", {"Fight": terminal((-1, 1 - c.symbol)), "Accommodate": terminal((1, 0))})}))
    >>> [(case.label, case.conditions) for case in backward_induction(t, ties="strict")]
    [('Out', c < 1), ('In → Accommodate', c > 1)]
    """
    if ties not in ("all", "strict"):
        raise TreeError(f"ties must be 'all' or 'strict', got {ties!r}")
    if not isinstance(tree, GameTree):
        raise TreeError(f"expected a GameTree, got {type(tree).__name__}")
    multi = {k: v[2] for k, v in tree.infosets().items() if len(v[2]) > 1}
    if multi:
        raise TreeError(
            f"backward induction needs perfect information; information sets {sorted(multi)} have several "
            "nodes -- analyse strategic_form(tree) instead"
        )
    ctx = context_of(tree.parameters, assumptions)
    order = preference(tree.parameters, prefer, TreeError)
    rel = sp.GreaterThan if ties == "all" else sp.StrictGreaterThan
    player_index = {p: i for i, p in enumerate(tree.players)}
    dropped = 0

    def go(n: Node, h: tuple[str, ...]) -> list[_Partial]:
        nonlocal dropped
        if isinstance(n, Terminal):
            return [_Partial((), (), n.payoffs, ((h, sp.S.One),))]
        subs = [go(c, h + (lab,)) for lab, c in zip(_labels(n), n.children)]
        out: list[_Partial] = []
        if isinstance(n, Chance):
            for combo in itertools.product(*subs):
                conds = _union(c.conds for c in combo)
                values = tuple(
                    sp.expand(sum(pr * c.values[k] for pr, c in zip(n.probabilities, combo)))
                    for k in range(len(tree.players))
                )
                outcome = tuple(
                    (th, sp.expand(pr * q))
                    for pr, c in zip(n.probabilities, combo)
                    for th, q in c.outcome
                    if pr * q != 0
                )
                choices = tuple(x for c in combo for x in c.choices)
                if len(combo) > 1:
                    cond = simplify_conditions(conds, ctx, order)
                    if cond is sp.false:
                        dropped += 1
                        continue
                    conds = _atoms(cond)
                out.append(_Partial(conds, choices, values, outcome))
            return out
        k = player_index[n.player]
        key = _key(n, h)
        for combo in itertools.product(*subs):
            base = _union(c.conds for c in combo)
            others = tuple(x for c in combo for x in c.choices)
            for ai, a in enumerate(n.actions):
                va = combo[ai].values[k]
                new = [rel(va, combo[bi].values[k]) for bi in range(len(n.actions)) if bi != ai]
                cond = simplify_conditions(list(base) + new, ctx, order)
                if cond is sp.false:
                    dropped += 1
                    continue
                out.append(
                    _Partial(
                        _atoms(cond), ((n.player, key, a),) + others, combo[ai].values, combo[ai].outcome
                    )
                )
        return out

    partials = go(tree.root, ())
    cases = []
    for pa in partials:
        cond = simplify_conditions(pa.conds, ctx, order)
        if cond is sp.false:
            dropped += 1
            continue
        cases.append(SPECase(cond, _tree_order(tree, pa.choices), pa.values, pa.outcome, tree.players))
    return BackwardInduction(tree, tuple(cases), ctx, ties, dropped)


# ------------------------------------------------ backward induction at many points
def _terminal_names(tree: GameTree) -> dict[tuple[str, ...], str]:
    """History -> name of every terminal (its label, else its path joined by arrows), in tree order."""
    return {h: n.label or " → ".join(h) for h, n in tree.nodes() if isinstance(n, Terminal)}


def spe_regime(tree: GameTree, values: Mapping[str, Any]) -> str:
    """The subgame-perfect outcome(s) at one point, exactly.

    Terminals reached on the equilibrium path are joined by ``" | "`` in tree
    order (nature can split the path); where ties give several subgame-perfect
    equilibria, their outcomes are joined by ``" + "`` (sorted).

    Examples
    --------
    >>> from alliancegames.core.model import parameter
    >>> c = parameter("c", "cost of a fight", "real", 2)
    >>> t = game_tree("entry", ("E", "I"), [c],
    ...     decision("E", {"Stay out": terminal((0, 3), "out"),
    ...                    "Enter": decision("I", {"Fight": terminal((-1, 1 - c.symbol), "fight"),
    ...                                            "Share": terminal((1, 1), "share")})}))
    >>> spe_regime(t, {"c": 2}), spe_regime(t, {"c": 0})
    ('share', 'out + share')
    """
    full = {p.name: values.get(p.name, p.default) for p in tree.parameters}
    bi = backward_induction(tree.substitute(full))
    labels = _terminal_names(tree)
    order = {lab: i for i, lab in reversed(list(enumerate(labels.values())))}  # first occurrence
    out: list[str] = []
    for case in bi:
        reached = {labels[h] for h, _ in case.outcome}
        name = " | ".join(sorted(reached, key=order.__getitem__))
        if name not in out:
            out.append(name)
    return " + ".join(sorted(out))


def _compiled_backward_induction(tree: GameTree) -> Callable[[list[np.ndarray], int], tuple[Any, dict]]:
    """A numpy evaluator of backward induction: columns -> (values, terminal name -> reach probability).

    All payoffs and chance probabilities are compiled at once through
    :func:`alliancegames.core.numeric.compile_expressions`.
    """
    exprs: list[sp.Expr] = []

    def slot(e: Any) -> int:
        exprs.append(sp.sympify(e) if not isinstance(e, sp.Basic) else e)
        return len(exprs) - 1

    index = {p: i for i, p in enumerate(tree.players)}

    def build(node: Node, h: tuple[str, ...]) -> Callable[[list[np.ndarray], int], tuple[Any, dict]]:
        if isinstance(node, Terminal):
            pays = [slot(e) for e in node.payoffs]
            label = node.label or " → ".join(h)
            return lambda ev, n: (np.stack([ev[k] for k in pays]), {label: np.ones(n)})
        kids = [build(c, h + (lab,)) for lab, c in zip(_labels(node), node.children)]
        if isinstance(node, Chance):
            probs = [slot(e) for e in node.probabilities]

            def nature(ev: list[np.ndarray], n: int) -> tuple[Any, dict]:
                V: Any = 0.0
                dist: dict[str, Any] = {}
                for k, kid in zip(probs, kids):
                    w = ev[k]
                    v, d = kid(ev, n)
                    V = V + w * v
                    for lab, q in d.items():
                        dist[lab] = dist.get(lab, 0.0) + w * q
                return V, dist

            return nature
        mover = index[node.player]

        def choose(ev: list[np.ndarray], n: int) -> tuple[Any, dict]:
            subs = [kid(ev, n) for kid in kids]
            own = np.stack([v[mover] for v, _ in subs])
            best = own.max(axis=0)
            pick = np.argmax(own >= best - 1e-9 * (1 + np.abs(best)), axis=0)  # first optimal action
            V = np.choose(pick, [v for v, _ in subs]) if len(subs) > 1 else subs[0][0]
            dist: dict[str, Any] = {}
            for j, (_, d) in enumerate(subs):
                m = pick == j
                for lab, q in d.items():
                    dist[lab] = dist.get(lab, 0.0) + q * m
            return V, dist

        return choose

    solve = build(tree.root, ())
    compiled = compile_expressions([p.symbol for p in tree.parameters], exprs)
    return lambda cols, n: solve(compiled(*cols), n)


def spe_regimes(tree: GameTree, values: Mapping[str, Any]) -> np.ndarray:
    """Subgame-perfect outcome at many parameter points: backward induction, vectorised.

    At each decision node the mover takes the action with the highest
    continuation value; at a tie (within a relative ``1e-9``) the first in the
    tree's order -- ties have probability zero under continuous sampling, and
    :func:`spe_regime` reports every tied equilibrium at one point exactly.

    Parameters
    ----------
    tree : GameTree
    values : dict
        Parameter -> scalar or 1-D array (defaults fill the rest).

    Returns
    -------
    numpy.ndarray of str
        The terminal names reached with positive probability, in tree order
        (depth first), joined by ``" | "``.

    Examples
    --------
    >>> from alliancegames.core.model import parameter
    >>> c = parameter("c", "cost of a fight", "real", 2)
    >>> t = game_tree("entry", ("E", "I"), [c],
    ...     decision("E", {"Stay out": terminal((0, 3), "out"),
    ...                    "Enter": decision("I", {"Fight": terminal((-1, 1 - c.symbol), "fight"),
    ...                                            "Share": terminal((1, 1), "share")})}))
    >>> spe_regimes(t, {"c": [2, -1]}).tolist()
    ['share', 'out']
    """
    names = [p.name for p in tree.parameters]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise TreeError(f"tree {tree.name!r} has no parameter(s) {unknown}; it has {names}")
    full = {p.name: values.get(p.name, p.default) for p in tree.parameters}
    missing = [k for k, v in full.items() if v is None]
    if missing:
        raise TreeError(f"no value or default for {missing}")
    cols = {k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in full.items()}
    n = max((v.size for v in cols.values()), default=1)
    if {v.size for v in cols.values()} - {1, n}:
        raise TreeError(f"parameter columns have different lengths {sorted({v.size for v in cols.values()})}")
    solve = _solver(tree)
    _, dist = solve([np.broadcast_to(cols[k], (n,)) for k in names], n)
    labels = list(dist)
    reached = np.stack([np.broadcast_to(np.asarray(dist[lab]), (n,)) > 1e-12 for lab in labels])
    codes = (reached * (1 << np.arange(len(labels)))[:, None]).sum(axis=0)
    names_of = {c: " | ".join(lab for b, lab in enumerate(labels) if c >> b & 1) for c in np.unique(codes)}
    return np.array([names_of[c] for c in codes], dtype=object)


_SOLVERS: dict[int, tuple[GameTree, Callable]] = {}


def _solver(tree: GameTree) -> Callable:
    """The compiled backward induction of a tree, compiled once per tree object."""
    hit = _SOLVERS.get(id(tree))
    if hit is None or hit[0] is not tree:
        hit = (tree, _compiled_backward_induction(tree))
        _SOLVERS[id(tree)] = hit
    return hit[1]


def _labels(n: Decision | Chance) -> tuple[str, ...]:
    return n.actions if isinstance(n, Decision) else n.outcomes


def _atoms(cond: sp.Basic) -> tuple[sp.Basic, ...]:
    if cond is sp.true:
        return ()
    return tuple(cond.args) if isinstance(cond, sp.And) else (cond,)


def _union(groups: Iterable[Iterable[sp.Basic]]) -> tuple[sp.Basic, ...]:
    out: list[sp.Basic] = []
    for g in groups:
        for r in g:
            if r not in out:
                out.append(r)
    return tuple(out)


def _tree_order(
    tree: GameTree, choices: tuple[tuple[str, str, str], ...]
) -> tuple[tuple[str, str, str], ...]:
    pos = {k: i for i, k in enumerate(tree.infosets())}
    return tuple(sorted(choices, key=lambda c: pos[c[1]]))


# -------------------------------------------------------------- strategic form
def _reduced_strategies(tree: GameTree, player: str) -> list[tuple[tuple[str, str], ...]]:
    """Reduced pure strategies of ``player``: ``((infoset key, action), ...)`` over relevant infosets."""
    info = {k: v for k, v in tree.infosets().items() if v[0] == player}
    keys = list(info)
    seen: list[tuple[tuple[str, str], ...]] = []
    for combo in itertools.product(*(info[k][1] for k in keys)):
        full = dict(zip(keys, combo))
        relevant = _relevant_infosets(tree, player, full)
        red = tuple((k, full[k]) for k in keys if k in relevant)
        if red not in seen:
            seen.append(red)
    return seen


def _relevant_infosets(tree: GameTree, player: str, plan: Mapping[str, str]) -> set[str]:
    """Infosets of ``player`` not ruled out by the player's own choices in ``plan``."""
    relevant: set[str] = set()

    def walk(n: Node, h: tuple[str, ...]) -> None:
        if isinstance(n, Terminal):
            return
        if isinstance(n, Decision) and n.player == player:
            k = _key(n, h)
            relevant.add(k)
            a = plan[k]
            walk(n.children[n.actions.index(a)], h + (a,))
            return
        for lab, c in zip(_labels(n), n.children):
            walk(c, h + (lab,))

    walk(tree.root, ())
    return relevant


def _strategy_label(red: tuple[tuple[str, str], ...], sep: str) -> str:
    return sep.join(a for _, a in red) if red else "(no move)"


def strategic_form(tree: GameTree, *, sep: str = ".", name: str | None = None) -> NormalFormModel:
    """The reduced strategic form of a two-player tree, payoffs in expectation over chance.

    Parameters
    ----------
    tree : GameTree
        Exactly two players; any information structure.
    sep : str
        Joins a strategy's actions (in tree order of its relevant nodes) into
        its label, e.g. ``"Fight.Fight"``.
    name : str, optional
        Name of the model (default: the tree's name + " (strategic form)").

    Returns
    -------
    NormalFormModel
        Row player = ``tree.players[0]``.  Strategies that differ only at
        nodes ruled out by the player's own earlier moves are merged.

    Examples
    --------
    >>> t = game_tree("entry", ("E", "I"), [], decision("E", {
    ...     "Out": terminal((0, 2)),
    ...     "In": decision("I", {"Fight": terminal((-1, -1)), "Accommodate": terminal((1, 1))})}))
    >>> sf = strategic_form(t)
    >>> sf.actions
    (('Out', 'In'), ('Fight', 'Accommodate'))
    >>> sf.payoff("In", "Accommodate")
    (1, 1)
    """
    if len(tree.players) != 2:
        raise TreeError(f"strategic_form needs exactly 2 players, the tree has {len(tree.players)}")
    strategies = [_reduced_strategies(tree, p) for p in tree.players]
    labels = []
    for strats in strategies:
        labs = [_strategy_label(s, sep) for s in strats]
        if len(set(labs)) != len(labs):
            labs = [sep.join(f"{k}:{a}" for k, a in s) or "(no move)" for s in strats]
        labels.append(tuple(labs))

    def value(n: Node, h: tuple[str, ...], plan: dict[str, str]) -> tuple[sp.Expr, ...]:
        if isinstance(n, Terminal):
            return n.payoffs
        if isinstance(n, Decision):
            a = plan[_key(n, h)]
            return value(n.children[n.actions.index(a)], h + (a,), plan)
        parts = [value(c, h + (o,), plan) for o, c in zip(n.outcomes, n.children)]
        return tuple(sum(pr * v[k] for pr, v in zip(n.probabilities, parts)) for k in range(2))

    A, B = [], []
    for s0 in strategies[0]:
        ra, rb = [], []
        for s1 in strategies[1]:
            u = value(tree.root, (), {**dict(s0), **dict(s1)})
            ra.append(sp.expand(u[0]))
            rb.append(sp.expand(u[1]))
        A.append(ra)
        B.append(rb)
    return normal_form(
        name or f"{tree.name} (strategic form)",
        tree.players,
        labels,
        tree.parameters,
        (sp.ImmutableMatrix(A), sp.ImmutableMatrix(B)),
        description=tree.description,
        source=tree.source,
    )


# ---------------------------------------------------------------------- drawing
def _layout(tree: GameTree) -> dict[tuple[str, ...], tuple[float, float]]:
    """Leaves evenly spaced on x; parents centred over children; depth on -y."""
    pos: dict[tuple[str, ...], tuple[float, float]] = {}
    counter = [0]

    def go(n: Node, h: tuple[str, ...], depth: int) -> float:
        if isinstance(n, Terminal):
            x = float(counter[0])
            counter[0] += 1
        else:
            xs = [go(c, h + (lab,), depth + 1) for lab, c in zip(_labels(n), n.children)]
            x = sum(xs) / len(xs)
        pos[h] = (x, -float(depth))
        return x

    go(tree.root, (), 0)
    return pos


def _edge_text(n: Decision | Chance, i: int) -> str:
    if isinstance(n, Decision):
        return n.actions[i]
    return (
        f"{n.outcomes[i]} ({n.probabilities[i]})"
        if n.outcomes[i] != str(n.probabilities[i])
        else str(n.probabilities[i])
    )


def draw_tree(tree: GameTree, ax: Any = None, *, fontsize: float = 9) -> Any:
    """Draw the tree with matplotlib and return the Axes.

    Decision nodes are filled dots labelled with the player, chance nodes
    open dots, information sets are joined by dashed lines, and terminals
    show their payoff vectors.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = game_tree("t", ("A",), [], decision("A", {"L": terminal((1,)), "R": terminal((0,))}))
    >>> ax = draw_tree(t)
    >>> len(ax.texts) >= 4
    True
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(max(4, 1.4 * sum(isinstance(n, Terminal) for _, n in tree.nodes())), 4))
    pos = _layout(tree)
    groups: dict[str, list[tuple[str, ...]]] = {}
    for h, n in tree.nodes():
        x, y = pos[h]
        if isinstance(n, Terminal):
            ax.text(
                x,
                y - 0.12,
                "(" + ", ".join(str(e) for e in n.payoffs) + ")",
                ha="center",
                va="top",
                fontsize=fontsize,
            )
            ax.plot([x], [y], marker="o", ms=3, color="black")
            continue
        for i, lab in enumerate(_labels(n)):
            cx, cy = pos[h + (lab,)]
            ax.plot([x, cx], [y, cy], color="black", lw=1)
            ax.text(
                (x + cx) / 2,
                (y + cy) / 2,
                _edge_text(n, i),
                ha="center",
                va="center",
                fontsize=fontsize - 1,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"),
            )
        if isinstance(n, Decision):
            ax.plot([x], [y], marker="o", ms=7, color="black")
            ax.text(x, y + 0.1, n.player, ha="center", va="bottom", fontsize=fontsize, fontweight="bold")
            groups.setdefault(_key(n, h), []).append(h)
        else:
            ax.plot([x], [y], marker="o", ms=7, mfc="white", color="black")
            ax.text(x, y + 0.1, "Chance", ha="center", va="bottom", fontsize=fontsize, style="italic")
    for hs in groups.values():
        if len(hs) > 1:
            pts = sorted(pos[h] for h in hs)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], ls="--", color="gray", lw=1)
    ax.set_title(tree.name)
    ax.set_axis_off()
    ax.margins(0.15)
    return ax


def _tikz(tree: GameTree, scale: float) -> str:
    pos = _layout(tree)
    ids = {h: f"n{i}" for i, h in enumerate(pos)}
    lines = [rf"\begin{{tikzpicture}}[scale={scale:g}, every node/.style={{font=\small}}]"]
    esc = escape
    for h, n in tree.nodes():
        x, y = pos[h]
        x, y = 1.6 * x, 1.5 * y
        nid = ids[h]
        if isinstance(n, Terminal):
            pay = ", ".join(sp.latex(e) for e in n.payoffs)
            lines.append(
                rf"\node[circle, fill, inner sep=1pt, label=below:{{$({pay})$}}] ({nid}) at ({x:g},{y:g}) {{}};"
            )
        elif isinstance(n, Decision):
            lines.append(
                rf"\node[circle, fill, inner sep=1.8pt, label=above:{{{esc(n.player)}}}] ({nid}) at ({x:g},{y:g}) {{}};"
            )
        else:
            lines.append(
                rf"\node[circle, draw, inner sep=1.8pt, label=above:{{\emph{{Chance}}}}] ({nid}) at ({x:g},{y:g}) {{}};"
            )
    for h, n in tree.nodes():
        if isinstance(n, Terminal):
            continue
        for i, lab in enumerate(_labels(n)):
            text = (
                esc(lab)
                if isinstance(n, Decision)
                else f"{esc(lab)}"
                + (f" (${sp.latex(n.probabilities[i])}$)" if lab != str(n.probabilities[i]) else "")
            )
            lines.append(
                rf"\draw ({ids[h]}) -- node[midway, fill=white, inner sep=1pt] {{{text}}} ({ids[h + (lab,)]});"
            )
    groups: dict[str, list[tuple[str, ...]]] = {}
    for h, n in tree.nodes():
        if isinstance(n, Decision):
            groups.setdefault(_key(n, h), []).append(h)
    for hs in groups.values():
        for a, b in zip(hs, hs[1:]):
            lines.append(rf"\draw[dashed] ({ids[a]}) -- ({ids[b]});")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)
