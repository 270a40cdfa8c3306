"""Subgame-perfect equilibria of two-player ``.efg`` games in behaviour strategies, mixed included.

Method
------
A *proper subgame* starts at a node whose subtree contains every member of
every information set it touches.  Working from the deepest subgames up, each
subgame is *reduced*: its own proper subgames are replaced by terminal nodes
paying the values of the equilibria already chosen there, and every extreme
equilibrium of the reduced game is found exactly through the sequence form
(:func:`~alliancegames.solvers.sequence_form.extreme_plans`).  For a
perfect-information decision that is each best action (ties give several);
for a simultaneous-move subgame it is every extreme equilibrium of its normal
form, pure or mixed; reduced games with richer information sets are solved the
same way.  One subgame-perfect equilibrium results per selection of one
equilibrium in every subgame reached by the folding, so the list is every
combination of extreme subgame equilibria, up to ``limit`` per subgame.

Behaviour at an information set that a player's own earlier move excludes
*within the smallest subgame containing it* is reported as ``None`` (any
behaviour there gives the same play in every subgame).  Every result is checked
before it is returned: exact regret 0 in every proper subgame and in the game.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import product

from alliancegames.core.efg import EfgError, EfgGame, EfgNode, infoset_names
from alliancegames.solvers.sequence_form import (
    BehaviourEquilibrium,
    BehaviourSolution,
    behaviour_from_plan,
    extreme_plans,
    plan_from_behaviour,
    regrets,
    sequence_form,
)

__all__ = ["subgame_perfect_equilibria", "subgame_roots", "is_subgame_perfect"]

Behaviour = dict[tuple[int, int], tuple[Fraction, ...] | None]  # (player 1-based, infoset) -> probs


def _infoset_counts(node: EfgNode, out: dict[tuple[int, int], int]) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "p":
            key = (n.player, n.infoset)
            out[key] = out.get(key, 0) + 1
        stack.extend(n.children)


def subgame_roots(game: EfgGame) -> list[EfgNode]:
    """The roots of the subgames (the game's root first, then pre-order), by identity.

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               't "" 1 "" { 1, 0 } p "" 2 1 "" { "l" "r" } 0 '
    ...               't "" 2 "" { 0, 1 } t "" 3 "" { 2, 2 }')
    >>> [n.kind for n in subgame_roots(g)]
    ['p', 'p']
    """
    total: dict[tuple[int, int], int] = {}
    _infoset_counts(game.root, total)
    roots = []
    # post-order counts per node, computed once
    counts: dict[int, dict[tuple[int, int], int]] = {}

    def visit(n: EfgNode) -> dict[tuple[int, int], int]:
        c: dict[tuple[int, int], int] = {}
        if n.kind == "p":
            c[(n.player, n.infoset)] = 1
        for ch in n.children:
            for k, v in visit(ch).items():
                c[k] = c.get(k, 0) + v
        counts[id(n)] = c
        return c

    visit(game.root)
    stack = [game.root]
    while stack:
        n = stack.pop()
        if n.kind != "t" and all(total[k] == v for k, v in counts[id(n)].items()):
            roots.append(n)
        stack.extend(reversed(n.children))
    return roots


def _subgame(game: EfgGame, root: EfgNode, title: str) -> EfgGame:
    return EfgGame(title, game.players, root, game.comment)


def _replace(node: EfgNode, values: dict[int, tuple[Fraction, Fraction]]) -> EfgNode:
    """A copy of ``node``'s subtree with the nodes in ``values`` (by id) made terminal."""
    if id(node) in values:
        return EfgNode("t", payoffs=values[id(node)], outcome_label="subgame value")
    if node.kind == "t":
        return node
    kids = tuple(_replace(c, values) for c in node.children)
    return EfgNode(
        node.kind, kids, node.player, node.infoset, node.infoset_label, node.actions,
        node.probabilities, node.outcome, node.outcome_label, node.payoffs, node.label,
    )  # fmt: skip


def subgame_perfect_equilibria(
    game: EfgGame, *, limit: int = 100, max_bases: int = 20_000
) -> BehaviourSolution:
    """Every subgame-perfect equilibrium obtained by folding back extreme subgame equilibria.

    Parameters
    ----------
    game : EfgGame
        A two-player game with perfect recall.
    limit : int
        At most this many equilibria are kept per subgame (and returned); the
        result's ``complete`` is ``False`` if the bound cut any list short.
    max_bases : int
        Bound on the vertex enumeration of each reduced subgame.

    Examples
    --------
    An entry game whose entry leads to a battle of the sexes, with an outside
    option worth 3/2 to the Entrant: three subgame-perfect equilibria, one per
    equilibrium of the subgame, one of them mixed.

    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "g" { "E" "I" } p "" 1 1 "enter?" { "out" "in" } 0 '
    ...   't "" 1 "" { 3/2, 3 } p "" 1 2 "E picks" { "a" "b" } 0 p "" 2 1 "I picks" { "a" "b" } 0 '
    ...   't "" 2 "" { 2, 1 } t "" 3 "" { 0, 0 } p "" 2 1 "I picks" { "a" "b" } 0 '
    ...   't "" 3 "" { 0, 0 } t "" 4 "" { 1, 2 }')
    >>> for e in subgame_perfect_equilibria(g):
    ...     print(e.player_text(0), "|", e.player_text(1))
    enter?: out; E picks: b | I picks: b
    enter?: out; E picks: a 2/3, b 1/3 | I picks: a 1/3, b 2/3
    enter?: in; E picks: a | I picks: a
    """
    if not isinstance(game, EfgGame):
        raise EfgError(f"subgame_perfect_equilibria needs an EfgGame, got {type(game).__name__}")
    if len(game.players) != 2:
        raise EfgError(f"a two-player game is needed; {game.title!r} has {len(game.players)} players")
    if limit < 1:
        raise EfgError(f"limit must be a positive integer, got {limit!r}")
    sequence_form(game)  # perfect recall, two players: one clear error before any work
    roots = subgame_roots(game)
    root_ids = {id(n) for n in roots}
    complete = True
    # solutions per subgame root: list of (value pair, behaviour)
    solved: dict[int, list[tuple[tuple[Fraction, Fraction], Behaviour]]] = {}

    def children_roots(n: EfgNode) -> list[EfgNode]:
        out, stack = [], list(n.children)
        while stack:
            m = stack.pop()
            if id(m) in root_ids:
                out.append(m)
            else:
                stack.extend(m.children)
        return out

    for n in reversed(roots):  # deepest first (pre-order reversed)
        subs = children_roots(n)
        results: list[tuple[tuple[Fraction, Fraction], Behaviour]] = []
        for combo in product(*[solved[id(m)] for m in subs]):
            values = {id(m): val for m, (val, _) in zip(subs, combo)}
            reduced = _subgame(game, _replace(n, values), f"{game.title} (subgame)")
            sf = sequence_form(reduced)
            for x, y in extreme_plans(sf, max_bases=max_bases):
                beh: Behaviour = {}
                for _, b in combo:
                    beh.update(b)
                for k, plan in enumerate((x, y)):
                    for info, probs in zip(sf.infosets[k], behaviour_from_plan(sf, k, plan)):
                        beh[(k + 1, info[0])] = probs
                results.append((sf.payoffs(x, y), beh))
                if len(results) >= limit:
                    break
            if len(results) >= limit:
                complete = False
                break
        solved[id(n)] = results
    eqs = tuple(_result(game, beh, roots) for _, beh in solved[id(game.root)])
    return BehaviourSolution(game, eqs, "subgame perfect (sequence form per subgame)", complete)


def _behaviour_lists(game: EfgGame, beh: Behaviour) -> tuple[tuple[tuple[Fraction, ...] | None, ...], ...]:
    sf = sequence_form(game)
    return tuple(tuple(beh.get((k + 1, info[0])) for info in sf.infosets[k]) for k in range(2))


def is_subgame_perfect(game: EfgGame, eq: BehaviourEquilibrium) -> bool:
    """Exact check: regret 0 in the game and in every proper subgame (behaviour read by information set).

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> from alliancegames.solvers.sequence_form import sequence_form_equilibria
    >>> g = parse_efg('EFG 2 R "entry" { "Entrant" "Incumbent" } '
    ...               'p "" 1 1 "E" { "Out" "In" } 0 t "" 1 "" { 0, 2 } '
    ...               'p "" 2 1 "I" { "Fight" "Accommodate" } 0 '
    ...               't "" 2 "" { -1, -1 } t "" 3 "" { 1, 1 }')
    >>> [is_subgame_perfect(g, e) for e in sequence_form_equilibria(g)]  # Fight is an empty threat
    [True, False, False]
    """
    names = [{v: num for num, v in infoset_names(game, k + 1).items()} for k in range(2)]
    beh: Behaviour = {}
    for k in range(2):
        for h, b in zip(eq.infosets[k], eq.behaviour[k]):
            beh[(k + 1, names[k][h])] = b
    for r in subgame_roots(game):
        sub = _subgame(game, r, "subgame")
        sf = sequence_form(sub)
        try:
            plans = [plan_from_behaviour(sf, k, _behaviour_lists(sub, beh)[k]) for k in range(2)]
        except EfgError:
            return False
        if regrets(sf, *plans) != (0, 0):
            return False
    return True


def _result(game: EfgGame, beh: Behaviour, roots: Sequence[EfgNode]) -> BehaviourEquilibrium:
    sf = sequence_form(game)
    lists = _behaviour_lists(game, beh)
    plans = (plan_from_behaviour(sf, 0, lists[0]), plan_from_behaviour(sf, 1, lists[1]))
    eq = BehaviourEquilibrium(
        players=(game.players[0], game.players[1]),
        infosets=tuple(tuple(i[1] for i in sf.infosets[k]) for k in range(2)),  # type: ignore[arg-type]
        actions=tuple(tuple(i[2] for i in sf.infosets[k]) for k in range(2)),  # type: ignore[arg-type]
        behaviour=lists,  # type: ignore[arg-type]
        payoffs=sf.payoffs(*plans),
        plans=plans,
        max_regret=max(regrets(sf, *plans)),
    )
    if not is_subgame_perfect(game, eq):  # pragma: no cover - folding back gives subgame perfection
        raise EfgError("internal error: a folded-back profile is not subgame perfect")
    return eq
