"""Solving sequential games: backward induction, symbolic and at many points.

The tree model (nodes, :func:`game_tree`, :func:`strategic_form`) is in
:mod:`alliancegames.analysis.extensive`; its names are re-exported here, so
``from alliancegames.analysis.tree import game_tree, backward_induction`` works.

* :func:`backward_induction` (perfect-information trees) returns every
  pure-strategy subgame-perfect equilibrium as a *case*: the choices at every
  decision node, the expected payoffs, the outcome (terminal histories with
  their probabilities) and the conditions on the parameters under which it is
  subgame perfect.  With ``ties="all"`` (default) each decision compares
  continuation values with weak inequalities, so at a tie every optimal action
  has its case and, at any parameter point, the cases that hold are exactly the
  pure-strategy SPE there.  With ``ties="strict"`` the comparisons are strict:
  the cases cover every point where no player is indifferent.
* :func:`spe_regime` (one point, exactly) and :func:`spe_regimes` (arrays of
  points, vectorised) name the subgame-perfect outcome.
* Trees with information sets of several nodes: analyse
  :func:`~alliancegames.analysis.extensive.strategic_form`.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.analysis.conditions import context_of, preference, simplify_conditions
from alliancegames.analysis.extensive import (
    Chance,
    Decision,
    GameTree,
    Node,
    Terminal,
    TreeError,
    branches,
    chance,
    decision,
    game_tree,
    infoset_key,
    strategic_form,
    terminal,
)
from alliancegames.core.latex import conditions as _latex_cond
from alliancegames.core.latex import escape
from alliancegames.core.model import exact_number
from alliancegames.core.numeric import compile_expressions
from alliancegames.core.points import decided, point_columns, with_defaults
from alliancegames.core.results import ResultCollection

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
    "game_tree",
    "spe_regime",
    "spe_regimes",
    "strategic_form",
    "terminal",
]


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
    return decided(cond, sub, TreeError)


@dataclass(frozen=True)
class BackwardInduction(ResultCollection[SPECase]):
    """All pure-strategy SPE cases of a perfect-information tree (a sequence of :class:`SPECase`).

    ``dropped`` counts candidate profiles whose conditions cannot hold under
    the assumptions.
    """

    _items = "cases"
    tree: GameTree
    cases: tuple[SPECase, ...]
    assumptions: tuple[sp.Basic, ...]
    ties: str
    dropped: int = 0

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
        subs = [go(c, h + (lab,)) for lab, c in zip(branches(n), n.children)]
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
        key = infoset_key(n, h)
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
        kids = [build(c, h + (lab,)) for lab, c in zip(branches(node), node.children)]
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
    full = with_defaults(tree.parameters, values, f"tree {tree.name!r}", TreeError)
    cols, n = point_columns(full, TreeError)
    solve = _solver(tree)
    _, dist = solve([cols[k] for k in names], n)
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
