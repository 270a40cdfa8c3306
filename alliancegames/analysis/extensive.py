"""Sequential games as models: trees with symbolic payoffs, chance moves and information sets.

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
joined by ``"/"`` (``"root"`` for the root); see :func:`infoset_key`.

This module holds the model and its conversions: :func:`strategic_form` (a
two-player tree as a :class:`~alliancegames.core.model.NormalFormModel` of
reduced strategies), :meth:`GameTree.layout` (where each node is drawn) and
:meth:`GameTree.to_latex` (a TikZ picture).  Solving is in
:mod:`alliancegames.analysis.tree` (backward induction), drawing with
matplotlib in :func:`alliancegames.studies.plot.draw_tree`.  The model sits in
the analysis layer, not in core, because :func:`game_tree` checks chance
probabilities with the sign kernel of :mod:`alliancegames.analysis.conditions`.

Examples
--------
>>> t = game_tree("entry", ("E", "I"), [], decision("E", {
...     "Out": terminal((0, 2)),
...     "In": decision("I", {"Fight": terminal((-1, -1)), "Accommodate": terminal((1, 1))})}))
>>> strategic_form(t).actions
(('Out', 'In'), ('Fight', 'Accommodate'))
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

import sympy as sp

from alliancegames.analysis.conditions import context_of, decide
from alliancegames.core.latex import escape
from alliancegames.core.model import (
    ModelError,
    NormalFormModel,
    Parameter,
    expression_binder,
    find_parameter,
    normal_form,
    substitution,
)

__all__ = [
    "Chance",
    "Decision",
    "GameTree",
    "LayoutNode",
    "Node",
    "Terminal",
    "TreeError",
    "TreeLayout",
    "branches",
    "chance",
    "decision",
    "game_tree",
    "infoset_key",
    "relevant_infosets",
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
def infoset_key(node: Decision, history: tuple[str, ...]) -> str:
    """The key of a decision node in strategies: its information set's name, else its history.

    Examples
    --------
    >>> d = decision("A", {"L": terminal((1,))})
    >>> infoset_key(d, ()), infoset_key(d, ("x", "y"))
    ('root', 'x/y')
    """
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
                k = infoset_key(n, h)
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
        sub = substitution(self.parameters, values, f"tree {self.name!r}", TreeError)

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
        return _tikz(self.layout(), scale)

    def layout(self) -> TreeLayout:
        """Where each node is drawn; what :meth:`to_latex` and ``plot.draw_tree`` render.

        Examples
        --------
        >>> t = game_tree("t", ("A",), [], decision("A", {"L": terminal((1,)), "R": terminal((0,))}))
        >>> lay = t.layout()
        >>> lay.position[()], [e[2] for e in lay.edges]
        ((0.5, -0.0), ['L', 'R'])
        """
        return _layout(self)


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
    bind = expression_binder(params, TreeError)

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
            return Terminal(tuple(bind(v, where) for v in raw), None, n.label)
        if isinstance(n, Decision):
            if n.player not in players:
                raise TreeError(f"{where}: unknown player {n.player!r}; players are {players}")
            k = infoset_key(n, h)
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
                bind(v, f"{where} probability of {o!r}") for o, v in zip(n.outcomes, n.probabilities)
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


def branches(n: Decision | Chance) -> tuple[str, ...]:
    """The labels on the edges below a node: a decision's actions, a chance node's outcomes.

    Examples
    --------
    >>> branches(decision("A", {"L": terminal((1,)), "R": terminal((0,))}))
    ('L', 'R')
    """
    return n.actions if isinstance(n, Decision) else n.outcomes


# -------------------------------------------------------------- strategic form
def _reduced_strategies(tree: GameTree, player: str) -> list[tuple[tuple[str, str], ...]]:
    """Reduced pure strategies of ``player``: ``((infoset key, action), ...)`` over relevant infosets."""
    info = {k: v for k, v in tree.infosets().items() if v[0] == player}
    keys = list(info)
    seen: list[tuple[tuple[str, str], ...]] = []
    for combo in itertools.product(*(info[k][1] for k in keys)):
        full = dict(zip(keys, combo))
        relevant = relevant_infosets(tree, player, full)
        red = tuple((k, full[k]) for k in keys if k in relevant)
        if red not in seen:
            seen.append(red)
    return seen


def relevant_infosets(tree: GameTree, player: str, plan: Mapping[str, str]) -> set[str]:
    """Keys of ``player``'s information sets not ruled out by the player's own choices in ``plan``.

    Examples
    --------
    >>> t = game_tree("t", ("A",), [], decision("A", {
    ...     "Stop": terminal((0,)), "Go": decision("A", {"L": terminal((1,)), "R": terminal((2,))})}))
    >>> sorted(relevant_infosets(t, "A", {"root": "Stop", "Go": "L"}))
    ['root']
    """
    relevant: set[str] = set()

    def walk(n: Node, h: tuple[str, ...]) -> None:
        if isinstance(n, Terminal):
            return
        if isinstance(n, Decision) and n.player == player:
            k = infoset_key(n, h)
            relevant.add(k)
            a = plan[k]
            walk(n.children[n.actions.index(a)], h + (a,))
            return
        for lab, c in zip(branches(n), n.children):
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
            a = plan[infoset_key(n, h)]
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


# ---------------------------------------------------------------------- layout
class LayoutNode(NamedTuple):
    """A node as a renderer sees it: where it is, what kind, who moves, what it pays."""

    history: tuple[str, ...]
    kind: str  # "decision", "chance" or "terminal"
    player: str | None
    payoffs: tuple[Any, ...]


@dataclass(frozen=True)
class TreeLayout:
    """A tree placed on the plane, as handed to a renderer.

    Attributes
    ----------
    name : str
        The tree's name (a title).
    position : dict
        History -> ``(x, y)``: leaves one unit apart on x, parents centred over
        their children, depth on -y; in post-order (children before parents).
    nodes : tuple of LayoutNode
        Depth first, in action order.
    edges : tuple of (parent history, child history, label, probability)
        ``probability`` is ``None`` for a player's action.
    infosets : tuple of tuple of history
        Decision nodes grouped by information set, in tree order.
    """

    name: str
    position: dict[tuple[str, ...], tuple[float, float]]
    nodes: tuple[LayoutNode, ...]
    edges: tuple[tuple[tuple[str, ...], tuple[str, ...], str, Any], ...]
    infosets: tuple[tuple[tuple[str, ...], ...], ...]


def _layout(tree: GameTree) -> TreeLayout:
    pos: dict[tuple[str, ...], tuple[float, float]] = {}
    counter = [0]

    def go(n: Node, h: tuple[str, ...], depth: int) -> float:
        if isinstance(n, Terminal):
            x = float(counter[0])
            counter[0] += 1
        else:
            xs = [go(c, h + (lab,), depth + 1) for lab, c in zip(branches(n), n.children)]
            x = sum(xs) / len(xs)
        pos[h] = (x, -float(depth))
        return x

    go(tree.root, (), 0)
    nodes: list[LayoutNode] = []
    edges: list[tuple[tuple[str, ...], tuple[str, ...], str, Any]] = []
    groups: dict[str, list[tuple[str, ...]]] = {}
    for h, n in tree.nodes():
        if isinstance(n, Terminal):
            nodes.append(LayoutNode(h, "terminal", None, n.payoffs))
            continue
        if isinstance(n, Decision):
            nodes.append(LayoutNode(h, "decision", n.player, ()))
            groups.setdefault(infoset_key(n, h), []).append(h)
            edges.extend((h, h + (a,), a, None) for a in n.actions)
        else:
            nodes.append(LayoutNode(h, "chance", None, ()))
            edges.extend((h, h + (o,), o, pr) for o, pr in zip(n.outcomes, n.probabilities))
    return TreeLayout(tree.name, pos, tuple(nodes), tuple(edges), tuple(tuple(g) for g in groups.values()))


def _tikz(lay: TreeLayout, scale: float) -> str:
    pos = lay.position
    ids = {h: f"n{i}" for i, h in enumerate(pos)}
    lines = [rf"\begin{{tikzpicture}}[scale={scale:g}, every node/.style={{font=\small}}]"]
    esc = escape
    for node in lay.nodes:
        x, y = pos[node.history]
        x, y = 1.6 * x, 1.5 * y
        nid = ids[node.history]
        if node.kind == "terminal":
            pay = ", ".join(sp.latex(e) for e in node.payoffs)
            lines.append(
                rf"\node[circle, fill, inner sep=1pt, label=below:{{$({pay})$}}] ({nid}) at ({x:g},{y:g}) {{}};"
            )
        elif node.kind == "decision":
            lines.append(
                rf"\node[circle, fill, inner sep=1.8pt, label=above:{{{esc(node.player)}}}] ({nid}) at ({x:g},{y:g}) {{}};"
            )
        else:
            lines.append(
                rf"\node[circle, draw, inner sep=1.8pt, label=above:{{\emph{{Chance}}}}] ({nid}) at ({x:g},{y:g}) {{}};"
            )
    for parent, child, lab, prob in lay.edges:
        text = esc(lab) + (f" (${sp.latex(prob)}$)" if prob is not None and lab != str(prob) else "")
        lines.append(
            rf"\draw ({ids[parent]}) -- node[midway, fill=white, inner sep=1pt] {{{text}}} ({ids[child]});"
        )
    for hs in lay.infosets:
        for a, b in zip(hs, hs[1:]):
            lines.append(rf"\draw[dashed] ({ids[a]}) -- ({ids[b]});")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)
