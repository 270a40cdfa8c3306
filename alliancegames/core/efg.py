"""Gambit extensive-form files (``.efg``, format version 2): read, write, strategic form.

Conventions
-----------
An :class:`EfgGame` is a tree of :class:`EfgNode` objects, numerically exact
(payoffs and chance probabilities are :class:`fractions.Fraction`).  A node is
a chance move (``kind == "c"``), a personal move (``"p"``, with a ``player``
numbered from 1 and an ``infoset`` number per player) or a terminal node
(``"t"``).  Any node may carry an *outcome*: a payoff vector that is added to
every play passing through it (Gambit's convention); a play's payoff is the sum
of the outcomes on its path.  Information sets are numbered per player (chance
moves: per chance player) and the members of one set share its action labels.

The file format is Gambit's (``EFG 2 R "title" { "player 1" "player 2" }``, an
optional comment string, then one node per line in depth-first order), as
written by ``pygambit.Game.to_efg``; the tests read and write files through
pygambit 17 as the oracle.  Text is tokenised, never evaluated: numbers are
integers, ratios ``a/b`` or decimals (read exactly), strings are quoted with
``\\"`` escapes.

The pure *strategic form* (:func:`strategic_form`) assigns each player one
action per information set (information sets in increasing number, the last
varying fastest — the order of Gambit's own strategy lists) and takes payoffs
in expectation over chance.  It is not reduced, so its equilibria can be
compared with Gambit's strategic-form solvers one to one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from alliancegames.core.bimatrix import Bimatrix
from alliancegames.core.model import ModelError

__all__ = [
    "EfgError",
    "EfgGame",
    "EfgNode",
    "bimatrix",
    "efg_game",
    "infoset_names",
    "parse_efg",
    "read_efg",
    "strategic_form",
    "to_efg",
    "write_efg",
]


class EfgError(ModelError):
    """An ``.efg`` text or tree is malformed (the message names the token or node)."""


@dataclass(frozen=True)
class EfgNode:
    """One node of an extensive-form game (see the module docstring)."""

    kind: str
    children: tuple[EfgNode, ...] = ()
    player: int = 0
    infoset: int = 0
    infoset_label: str = ""
    actions: tuple[str, ...] = ()
    probabilities: tuple[Fraction, ...] = ()
    outcome: int = 0
    outcome_label: str = ""
    payoffs: tuple[Fraction, ...] | None = None
    label: str = ""


@dataclass(frozen=True)
class EfgGame:
    """An extensive-form game read from or written to Gambit's ``.efg`` format.

    Examples
    --------
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               't "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 }')
    >>> g.players, g.root.actions
    (('A', 'B'), ('L', 'R'))
    """

    title: str
    players: tuple[str, ...]
    root: EfgNode
    comment: str = ""
    infosets: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = field(default_factory=dict, compare=False)

    def nodes(self) -> Iterator[EfgNode]:
        """Every node, depth first (the order of the file)."""
        stack = [self.root]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(n.children))

    def infoset_actions(self, player: int) -> list[tuple[int, str, tuple[str, ...]]]:
        """``(number, label, actions)`` of each information set of ``player`` (1-based), by number."""
        seen: dict[int, tuple[str, tuple[str, ...]]] = {}
        for n in self.nodes():
            if n.kind == "p" and n.player == player and n.infoset not in seen:
                seen[n.infoset] = (n.infoset_label, n.actions)
        return [(k, *seen[k]) for k in sorted(seen)]


# ------------------------------------------------------------------------- reading
_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<brace>[{}])|(?P<comma>,)|(?P<word>[^\s{}",]+))', re.S
)
_NUMBER = re.compile(r"[+-]?(?:\d+/\d+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise EfgError(f"unreadable text at character {pos}: {text[pos : pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "str":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        if kind != "comma":
            out.append((kind, value))
    return out


def _number(tok: tuple[str, str], what: str) -> Fraction:
    kind, value = tok
    if kind != "word" or not _NUMBER.fullmatch(value):
        raise EfgError(f"expected a number for {what}, got {value!r}")
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError) as exc:
        raise EfgError(f"invalid number {value!r} for {what}") from exc


class _Reader:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.outcomes: dict[int, tuple[str, tuple[Fraction, ...]]] = {}
        self.infosets: dict[tuple[int, int], tuple[str, tuple[str, ...], tuple[Fraction, ...]]] = {}

    def next(self, what: str) -> tuple[str, str]:
        if self.i >= len(self.toks):
            raise EfgError(f"the file ends where {what} was expected")
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def string(self, what: str) -> str:
        kind, value = self.next(what)
        if kind != "str":
            raise EfgError(f"expected a quoted string for {what}, got {value!r}")
        return value

    def integer(self, what: str) -> int:
        v = _number(self.next(what), what)
        if v.denominator != 1 or v < 0:
            raise EfgError(f"{what} must be a non-negative integer, got {v}")
        return int(v)

    def expect(self, value: str, what: str) -> None:
        tok = self.next(what)
        if tok[1] != value or tok[0] == "str":
            raise EfgError(f"expected {value!r} {what}, got {tok[1]!r}")

    def outcome(self, n_players: int, where: str) -> tuple[int, str, tuple[Fraction, ...] | None]:
        num = self.integer(f"the outcome number of {where}")
        if num == 0:
            return 0, "", None
        nxt = self.peek()
        if nxt is not None and nxt[0] == "str":
            label = self.string("an outcome label")
            self.expect("{", f"opening the payoffs of {where}")
            pays = []
            while (t := self.peek()) is not None and t[1] != "}":
                pays.append(_number(self.next("a payoff"), f"a payoff of {where}"))
            self.expect("}", f"closing the payoffs of {where}")
            if len(pays) != n_players:
                raise EfgError(f"outcome {num} at {where} has {len(pays)} payoffs for {n_players} players")
            if num in self.outcomes and self.outcomes[num][1] != tuple(pays):
                raise EfgError(f"outcome {num} is given two different payoff vectors")
            self.outcomes[num] = (label, tuple(pays))
        elif num not in self.outcomes:
            raise EfgError(f"outcome {num} at {where} is used before its payoffs are given")
        label, pays_t = self.outcomes[num]
        return num, label, pays_t

    def node(self, n_players: int, depth: int) -> EfgNode:
        if depth > 10000:
            raise EfgError("the tree is deeper than 10000 nodes")
        kind_tok = self.next("a node ('c', 'p' or 't')")
        kind = kind_tok[1]
        if kind_tok[0] != "word" or kind not in ("c", "p", "t"):
            raise EfgError(f"expected a node type 'c', 'p' or 't', got {kind!r}")
        label = self.string("a node label")
        where = f"node {label!r}" if label else f"a {kind!r} node (token {self.i})"
        if kind == "t":
            num, olab, pays = self.outcome(n_players, where)
            if pays is None:
                pays = tuple(Fraction(0) for _ in range(n_players))
            return EfgNode("t", outcome=num, outcome_label=olab, payoffs=pays, label=label)
        player = 0
        if kind == "p":
            player = self.integer(f"the player of {where}")
            if not 1 <= player <= n_players:
                raise EfgError(f"{where}: player {player} is not one of 1..{n_players}")
        iset = self.integer(f"the information set of {where}")
        if iset < 1:
            raise EfgError(f"{where}: information sets are numbered from 1")
        key = (player, iset)
        nxt = self.peek()
        iset_label, actions, probs = "", (), ()
        if nxt is not None and nxt[0] == "str":
            iset_label = self.string("an information set label")
            self.expect("{", f"opening the actions of {where}")
            acts, prs = [], []
            while (t := self.peek()) is not None and t[1] != "}":
                acts.append(self.string(f"an action label of {where}"))
                if kind == "c":
                    prs.append(_number(self.next("a probability"), f"a chance probability of {where}"))
            self.expect("}", f"closing the actions of {where}")
            actions, probs = tuple(acts), tuple(prs)
            if not actions:
                raise EfgError(f"{where} has no actions")
            if key in self.infosets and self.infosets[key][1] != actions:
                raise EfgError(f"information set {iset} of player {player} has two different action lists")
            if kind == "c":
                if any(q < 0 for q in probs) or sum(probs) != 1:
                    raise EfgError(f"{where}: chance probabilities {[str(q) for q in probs]} do not sum to 1")
            self.infosets.setdefault(key, (iset_label, actions, probs))
        elif key in self.infosets:
            iset_label, actions, probs = self.infosets[key]
        else:
            raise EfgError(f"{where}: information set {iset} is used before its actions are given")
        num, olab, pays = self.outcome(n_players, where)
        children = tuple(self.node(n_players, depth + 1) for _ in actions)
        return EfgNode(kind, children, player, iset, iset_label, actions, probs, num, olab, pays, label)


def parse_efg(text: str) -> EfgGame:
    """Parse the text of a Gambit ``.efg`` file (format version 2).

    Raises
    ------
    EfgError
        Naming the first problem: a missing or extra token, an unknown player,
        chance probabilities that do not sum to one, an information set with
        two action lists, an outcome used before its payoffs are given.

    Examples
    --------
    >>> g = parse_efg('EFG 2 R "coin" { "A" "B" } "" c "" 1 "" { "H" 1/2 "T" 0.5 } 0 '
    ...               't "" 1 "win" { 1, -1 } t "" 2 "lose" { -1, 1 }')
    >>> g.root.probabilities
    (Fraction(1, 2), Fraction(1, 2))
    """
    if not isinstance(text, str):
        raise EfgError(f"parse_efg needs the text of an .efg file, got {type(text).__name__}")
    r = _Reader(text)
    r.expect("EFG", "at the start of an .efg file")
    r.expect("2", "(format version 2)")
    kind = r.next("the number type 'R' or 'D'")
    if kind[1] not in ("R", "D"):
        raise EfgError(f"expected 'R' or 'D' after 'EFG 2', got {kind[1]!r}")
    title = r.string("the title")
    r.expect("{", "opening the player list")
    players = []
    while (t := r.peek()) is not None and t[1] != "}":
        players.append(r.string("a player name"))
    r.expect("}", "closing the player list")
    if not players:
        raise EfgError("the game has no players")
    comment = ""
    if (t := r.peek()) is not None and t[0] == "str":
        comment = r.string("the comment")
    root = r.node(len(players), 0)
    if r.peek() is not None:
        raise EfgError(f"unexpected text after the last node: {r.peek()[1]!r}")
    infosets = {k: (v[0], v[1]) for k, v in r.infosets.items()}
    return EfgGame(title, tuple(players), root, comment, infosets)


def read_efg(path: str | Path) -> EfgGame:
    """Read a Gambit ``.efg`` file (see :func:`parse_efg`).

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); f = os.path.join(d, "g.efg")
    >>> write_efg(parse_efg('EFG 2 R "g" { "A" } p "" 1 1 "" { "x" } 0 t "" 1 "" { 1 }'), f)
    >>> read_efg(f).players
    ('A',)
    """
    p = Path(path)
    if not p.is_file():
        raise EfgError(f"no such .efg file: {str(path)!r}")
    return parse_efg(p.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------- writing
def _q(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(v: Fraction) -> str:
    v = Fraction(v)
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def to_efg(game: EfgGame) -> str:
    """The ``.efg`` text of a game (exact rationals; outcomes renumbered in order of appearance).

    Examples
    --------
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               't "" 1 "" { 1, 0 } t "" 2 "" { 0, 1/2 }')
    >>> print(to_efg(g))
    EFG 2 R "g" { "A" "B" }
    ""
    <BLANKLINE>
    p "" 1 1 "" { "L" "R" } 0
    t "" 1 "" { 1, 0 }
    t "" 2 "" { 0, 1/2 }
    <BLANKLINE>
    """
    if not isinstance(game, EfgGame):
        raise EfgError(f"to_efg needs an EfgGame, got {type(game).__name__}")
    n = len(game.players)
    lines = [
        f"EFG 2 R {_q(game.title)} {{ " + " ".join(_q(p) for p in game.players) + " }",
        _q(game.comment),
        "",
    ]
    outcome_no: dict[tuple[str, tuple[Fraction, ...]], int] = {}
    seen_isets: dict[tuple[int, int], tuple[str, ...]] = {}

    def outcome(node: EfgNode) -> str:
        if node.payoffs is None:
            return "0"
        if len(node.payoffs) != n:
            raise EfgError(f"node {node.label!r} has {len(node.payoffs)} payoffs for {n} players")
        key = (node.outcome_label, tuple(Fraction(v) for v in node.payoffs))
        if key in outcome_no:
            return str(outcome_no[key])
        outcome_no[key] = len(outcome_no) + 1
        return f"{outcome_no[key]} {_q(node.outcome_label)} {{ " + ", ".join(_num(v) for v in key[1]) + " }"

    stack = [game.root]
    while stack:
        node = stack.pop()
        if node.kind == "t":
            if node.payoffs is None:
                lines.append(f"t {_q(node.label)} 0")
            else:
                lines.append(f"t {_q(node.label)} {outcome(node)}")
            continue
        if node.kind not in ("c", "p"):
            raise EfgError(f"unknown node kind {node.kind!r}")
        if len(node.children) != len(node.actions) or not node.actions:
            raise EfgError(
                f"node {node.label!r}: {len(node.actions)} actions but {len(node.children)} children"
            )
        key = (node.player if node.kind == "p" else 0, node.infoset)
        if key in seen_isets and seen_isets[key] != node.actions:
            raise EfgError(
                f"information set {node.infoset} of player {key[0]} has two different action lists"
            )
        seen_isets[key] = node.actions
        if node.kind == "c":
            if len(node.probabilities) != len(node.actions) or sum(node.probabilities) != 1:
                raise EfgError(
                    f"chance node {node.label!r}: probabilities must match the actions and sum to 1"
                )
            acts = " ".join(f"{_q(a)} {_num(q)}" for a, q in zip(node.actions, node.probabilities))
            head = f"c {_q(node.label)} {node.infoset}"
        else:
            if not 1 <= node.player <= n:
                raise EfgError(f"node {node.label!r}: player {node.player} is not one of 1..{n}")
            acts = " ".join(_q(a) for a in node.actions)
            head = f"p {_q(node.label)} {node.player} {node.infoset}"
        lines.append(f"{head} {_q(node.infoset_label)} {{ {acts} }} {outcome(node)}")
        stack.extend(reversed(node.children))
    return "\n".join(lines) + "\n"


def write_efg(game: EfgGame, path: str | Path) -> None:
    """Write :func:`to_efg` of ``game`` to ``path``."""
    Path(path).write_text(to_efg(game), encoding="utf-8")


# ----------------------------------------------------------------- strategic form
def infoset_names(game: EfgGame, player: int) -> dict[int, str]:
    """Display name of each information set of ``player`` (1-based): its label, or its number
    if the label is empty or shared with another of her sets.

    Examples
    --------
    >>> g = parse_efg('EFG 2 R "g" { "A" } p "" 1 1 "go" { "x" "y" } 0 t "" 0 '
    ...               'p "" 1 2 "" { "u" } 0 t "" 0')
    >>> infoset_names(g, 1)
    {1: 'go', 2: '2'}
    """
    sets = game.infoset_actions(player)
    labels = [lab for _, lab, _ in sets]
    return {num: lab if lab and labels.count(lab) == 1 else str(num) for num, lab, _ in sets}


def strategic_form(game: EfgGame) -> tuple[list[list[str]], dict[tuple[int, ...], tuple[Fraction, ...]]]:
    """Pure strategies of every player and the expected payoffs of every profile (exact).

    Returns
    -------
    labels : list of lists of str
        Per player, one label per pure strategy: ``"infoset:action;..."``
        (the information set's label, or its number if the label is empty
        or repeated), information sets in increasing number, the last varying
        fastest (Gambit's order).
    payoffs : dict
        ``(strategy index per player) -> payoff per player``.

    Examples
    --------
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               'p "" 2 1 "" { "l" "r" } 0 t "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 } '
    ...               't "" 3 "" { 2, 2 }')
    >>> labels, pay = strategic_form(g)
    >>> labels
    [['1:L', '1:R'], ['1:l', '1:r']]
    >>> pay[(1, 0)]
    (Fraction(2, 1), Fraction(2, 1))
    """
    n = len(game.players)
    isets = [game.infoset_actions(k + 1) for k in range(n)]
    labels = []
    for k in range(n):
        names = infoset_names(game, k + 1)
        use = [names[num] for (num, _, _) in isets[k]]
        plans = list(itertools.product(*[acts for _, _, acts in isets[k]])) if isets[k] else [()]
        labels.append([";".join(f"{u}:{a}" for u, a in zip(use, plan)) or "(no move)" for plan in plans])
    plan_lists = [list(itertools.product(*[acts for _, _, acts in isets[k]])) or [()] for k in range(n)]
    index = [{num: i for i, (num, _, _) in enumerate(isets[k])} for k in range(n)]
    out: dict[tuple[int, ...], tuple[Fraction, ...]] = {}
    for prof in itertools.product(*[range(len(pl)) for pl in plan_lists]):
        plans = [plan_lists[k][prof[k]] for k in range(n)]
        total = [Fraction(0)] * n
        stack: list[tuple[EfgNode, Fraction]] = [(game.root, Fraction(1))]
        while stack:
            node, prob = stack.pop()
            if node.payoffs is not None:
                for k in range(n):
                    total[k] += prob * node.payoffs[k]
            if node.kind == "c":
                stack.extend((ch, prob * q) for ch, q in zip(node.children, node.probabilities) if q)
            elif node.kind == "p":
                k = node.player - 1
                a = plans[k][index[k][node.infoset]]
                stack.append((node.children[node.actions.index(a)], prob))
        out[prof] = tuple(total)
    return labels, out


def _check_two(game: EfgGame) -> None:
    if len(game.players) != 2:
        raise EfgError(f"a two-player game is needed; {game.title!r} has {len(game.players)} players")


def bimatrix(game: EfgGame) -> Any:
    """The strategic form of a two-player game as an exact :class:`~alliancegames.core.bimatrix.Bimatrix`.

    Examples
    --------
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               't "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 }')
    >>> bimatrix(g).actions
    (('1:L', '1:R'), ('(no move)',))
    """

    _check_two(game)
    labels, pay = strategic_form(game)
    m, n = len(labels[0]), len(labels[1])
    A = [[pay[(i, j)][0] for j in range(n)] for i in range(m)]
    B = [[pay[(i, j)][1] for j in range(n)] for i in range(m)]
    return Bimatrix.from_arrays(A, B, players=game.players, actions=(tuple(labels[0]), tuple(labels[1])))


def efg_game(title: str, players: Sequence[str], root: EfgNode, comment: str = "") -> EfgGame:
    """An :class:`EfgGame` from a root node, validated (as :func:`to_efg` validates).

    Examples
    --------
    >>> efg_game("g", ("A",), EfgNode("p", (EfgNode("t", payoffs=(Fraction(1),)),), player=1,
    ...          infoset=1, actions=("x",))).players
    ('A',)
    """
    g = EfgGame(str(title), tuple(players), root, comment)
    return parse_efg(to_efg(g))
