"""Behaviour-strategy equilibria of two-player extensive-form games via the sequence form, exactly.

Method
------
The sequence form (Koller, Megiddo & von Stengel 1996, "Efficient computation
of equilibria for extensive two-person games", *Games and Economic Behavior*
14) replaces pure strategies by *sequences*: a player's sequence is the list of
her own (information set, action) pairs on the path to a node, the empty
sequence included.  A *realisation plan* ``x`` gives each sequence the
probability that the player's own moves follow it; with perfect recall the
plans are the vectors ``x >= 0`` with ``E x = e`` (``x[empty] = 1`` and, per
information set ``h``, the plan of the sequence leading to ``h`` equals the sum
over its actions).  Player 2's plans are ``y >= 0`` with ``F y = f``.  The
payoff matrices ``A`` and ``B`` have one entry per pair of sequences, the sum
over the leaves reached by that pair of the leaf's payoff times the chance
probability of reaching it (chance moves multiply in), so that ``x^T A y`` is
player 1's expected payoff.  The tables have size ``|S1| x |S2|``, linear in
the tree, not exponential like the strategic form.

:func:`sequence_form_equilibrium` finds **one** equilibrium by Lemke's
algorithm on the sequence-form linear complementarity problem

* ``x >= 0``, ``E x = e``, ``E^T p - A y >= 0`` and ``x`` complementary to it,
* ``y >= 0``, ``F y = f``, ``F^T q - B^T x >= 0`` and ``y`` complementary to it,

with the free duals ``p``, ``q`` split into non-negative parts, payoffs shifted
to be negative (this changes no equilibrium and guarantees that Lemke's
algorithm ends in a solution, KMvS Theorem 4.1), covering vector of ones and
lexicographic pivoting, in exact rational arithmetic.  It is the computation
behind Gambit's ``lcp`` solver on a tree; the equilibrium found may differ from
Gambit's when the path differs.

Every result is checked before it is returned: each player's best-response
value against the other's plan is computed by backward induction over her
information sets (:func:`best_response_value`), and the regret must be exactly
zero.  Realisation plans become behaviour strategies per information set
(:func:`behaviour_from_plan`): ``x[s a] / x[s]`` where the information set is
reached by the player's own plan, ``None`` (unreached; any behaviour there
gives the same plan) otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from alliancegames.core.efg import EfgError, EfgGame, EfgNode, infoset_names
from alliancegames.core.results import ResultCollection

__all__ = [
    "BehaviourEquilibrium",
    "BehaviourSolution",
    "SequenceForm",
    "behaviour_from_plan",
    "best_response_value",
    "equilibrium_from_plans",
    "extreme_plans",
    "plan_from_behaviour",
    "regrets",
    "sequence_form",
    "sequence_form_equilibria",
    "sequence_form_equilibrium",
]

Matrix = list[list[Fraction]]


# --------------------------------------------------------------------------- the sequence form
@dataclass(frozen=True)
class SequenceForm:
    """The sequence form of a two-player game with perfect recall (exact).

    ``sequences[k]`` lists player ``k``'s sequences (index 0 is the empty
    sequence; sequence ``s`` is a tuple of ``(information set number, action)``
    pairs).  ``infosets[k]`` is ``(number, name, actions, parent sequence,
    first sequence)`` per information set: its actions' sequences are
    ``first, first + 1, ...``.  ``E`` / ``F`` are the constraint matrices (row
    0 for the empty sequence, then one row per information set), ``A`` / ``B``
    the payoff matrices (rows: player 1's sequences, columns: player 2's).

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               'p "" 2 1 "" { "l" "r" } 0 t "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 } '
    ...               't "" 3 "" { 2, 2 }')
    >>> sf = sequence_form(g)
    >>> sf.sizes
    (3, 3)
    >>> sf.A[2][0], sf.A[1][1]
    (Fraction(2, 1), Fraction(1, 1))
    """

    game: EfgGame
    sequences: tuple[tuple[tuple[tuple[int, str], ...], ...], tuple[tuple[tuple[int, str], ...], ...]]
    infosets: tuple[tuple[tuple[int, str, tuple[str, ...], int, int], ...], ...]
    E: Matrix
    F: Matrix
    A: Matrix
    B: Matrix

    @property
    def sizes(self) -> tuple[int, int]:
        """Number of sequences per player."""
        return len(self.sequences[0]), len(self.sequences[1])

    def payoffs(self, x: Sequence[Fraction], y: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
        """Expected payoffs ``(x^T A y, x^T B y)`` of a pair of realisation plans."""
        Ay = _matvec(self.A, y)
        By = _matvec(self.B, y)
        return sum((a * b for a, b in zip(x, Ay)), Fraction(0)), sum(
            (a * b for a, b in zip(x, By)), Fraction(0)
        )


def _matvec(M: Matrix, v: Sequence[Fraction]) -> list[Fraction]:
    nz = [(j, vj) for j, vj in enumerate(v) if vj]
    return [sum((row[j] * vj for j, vj in nz), Fraction(0)) for row in M]


def sequence_form(game: EfgGame) -> SequenceForm:
    """The sequence form of a two-player ``.efg`` game with perfect recall.

    Raises
    ------
    EfgError
        If the game does not have two players, or a player forgets what she
        knew or did (an information set reached by two different sequences of
        her own: no perfect recall).

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } c "" 1 "" { "H" 1/2 "T" 1/2 } 0 '
    ...               'p "" 1 1 "" { "x" } 0 t "" 1 "" { 2, 0 } '
    ...               'p "" 1 1 0 t "" 2 "" { 4, 0 }')
    >>> sequence_form(g).A  # chance multiplies in: 1/2 * 2 + 1/2 * 4
    [[Fraction(0, 1)], [Fraction(3, 1)]]
    """
    if not isinstance(game, EfgGame):
        raise EfgError(f"sequence_form needs an EfgGame, got {type(game).__name__}")
    if len(game.players) != 2:
        raise EfgError(
            f"the sequence form needs a two-player game; {game.title!r} has {len(game.players)} players"
        )
    seqs: list[list[tuple[tuple[int, str], ...]]] = [[()], [()]]
    isets: list[dict[int, list[Any]]] = [{}, {}]  # number -> [name, actions, parent, first]
    names = [infoset_names(game, 1), infoset_names(game, 2)]
    leaves: list[tuple[int, int, Fraction, tuple[Fraction, ...]]] = []

    def visit(node: EfgNode, s: list[int], prob: Fraction, acc: tuple[Fraction, Fraction]) -> None:
        if node.payoffs is not None:
            acc = (acc[0] + node.payoffs[0], acc[1] + node.payoffs[1])
        if node.kind == "t":
            if prob:
                leaves.append((s[0], s[1], prob, acc))
            return
        if node.kind == "c":
            for child, q in zip(node.children, node.probabilities):
                visit(child, s, prob * q, acc)
            return
        k = node.player - 1
        info = isets[k].get(node.infoset)
        if info is None:
            first = len(seqs[k])
            base = seqs[k][s[k]]
            seqs[k].extend(base + ((node.infoset, a),) for a in node.actions)
            info = isets[k][node.infoset] = [names[k][node.infoset], node.actions, s[k], first]
        elif info[2] != s[k]:
            raise EfgError(
                f"player {game.players[k]!r} does not have perfect recall: information set "
                f"{names[k][node.infoset]!r} is reached after different moves of her own"
            )
        for i, child in enumerate(node.children):
            t = list(s)
            t[k] = info[3] + i
            visit(child, t, prob, acc)

    visit(game.root, [0, 0], Fraction(1), (Fraction(0), Fraction(0)))
    n1, n2 = len(seqs[0]), len(seqs[1])
    A = [[Fraction(0)] * n2 for _ in range(n1)]
    B = [[Fraction(0)] * n2 for _ in range(n1)]
    for i, j, prob, pay in leaves:
        A[i][j] += prob * pay[0]
        B[i][j] += prob * pay[1]
    info_t = tuple(
        tuple(
            (num, v[0], tuple(v[1]), v[2], v[3])
            for num, v in sorted(isets[k].items(), key=lambda kv: kv[1][3])
        )
        for k in range(2)
    )
    E, F = (_constraints(info_t[k], len(seqs[k])) for k in range(2))
    return SequenceForm(game, (tuple(seqs[0]), tuple(seqs[1])), info_t, E, F, A, B)


def _constraints(infos: Sequence[tuple[int, str, tuple[str, ...], int, int]], n: int) -> Matrix:
    rows = [[Fraction(0)] * n for _ in range(len(infos) + 1)]
    rows[0][0] = Fraction(1)
    for r, (_, _, acts, parent, first) in enumerate(infos, 1):
        rows[r][parent] = Fraction(-1)
        for i in range(len(acts)):
            rows[r][first + i] = Fraction(1)
    return rows


# ----------------------------------------------------------------- plans, behaviour, best responses
def behaviour_from_plan(
    sf: SequenceForm, player: int, plan: Sequence[Fraction]
) -> tuple[tuple[Fraction, ...] | None, ...]:
    """Behaviour strategy of ``player`` (0 or 1) per information set, from a realisation plan.

    ``None`` for an information set her own plan does not reach.

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               'p "" 1 2 "" { "l" "r" } 0 t "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 } '
    ...               't "" 3 "" { 2, 2 }')
    >>> sf = sequence_form(g)
    >>> sf.sequences[0]
    ((), ((1, 'L'),), ((1, 'R'),), ((1, 'L'), (2, 'l')), ((1, 'L'), (2, 'r')))
    >>> behaviour_from_plan(sf, 0, [1, 1, 0, Fraction(1, 4), Fraction(3, 4)])
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 4), Fraction(3, 4)))
    """
    out: list[tuple[Fraction, ...] | None] = []
    for _, _, acts, parent, first in sf.infosets[player]:
        reach = Fraction(plan[parent])
        if reach == 0:
            out.append(None)
        else:
            out.append(tuple(Fraction(plan[first + i]) / reach for i in range(len(acts))))
    return tuple(out)


def plan_from_behaviour(
    sf: SequenceForm, player: int, behaviour: Sequence[Sequence[Fraction] | None]
) -> tuple[Fraction, ...]:
    """The realisation plan of a behaviour strategy (``None`` information sets must be unreached).

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               't "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 }')
    >>> plan_from_behaviour(sequence_form(g), 0, [(Fraction(1, 3), Fraction(2, 3))])
    (Fraction(1, 1), Fraction(1, 3), Fraction(2, 3))
    """
    infos = sf.infosets[player]
    if len(behaviour) != len(infos):
        raise EfgError(f"{len(behaviour)} information sets given, the player has {len(infos)}")
    plan = [Fraction(0)] * len(sf.sequences[player])
    plan[0] = Fraction(1)
    for (_, name, acts, parent, first), beh in zip(infos, behaviour):  # parents come first
        if beh is None:
            if plan[parent]:
                raise EfgError(f"information set {name!r} is reached but has no behaviour")
            continue
        if len(beh) != len(acts):
            raise EfgError(f"information set {name!r}: {len(beh)} probabilities for {len(acts)} actions")
        for i, b in enumerate(beh):
            plan[first + i] = plan[parent] * Fraction(b)
    return tuple(plan)


def best_response_value(sf: SequenceForm, player: int, opponent_plan: Sequence[Fraction]) -> Fraction:
    """The best payoff ``player`` (0 or 1) can get against the other's realisation plan (exact).

    Backward induction over her information sets: the value of a sequence is
    its own payoff term plus, for each information set it leads to, the best
    action's value.

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "g" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 '
    ...               'p "" 2 1 "" { "l" "r" } 0 t "" 1 "" { 1, 0 } t "" 2 "" { 0, 1 } '
    ...               't "" 3 "" { 2, 2 }')
    >>> best_response_value(sequence_form(g), 0, [1, 0, 1])
    Fraction(2, 1)
    """
    if player == 0:
        direct = _matvec(sf.A, opponent_plan)
    else:
        direct = _matvec(_transpose(sf.B), opponent_plan)
    value = list(direct)
    for _, _, acts, parent, first in reversed(sf.infosets[player]):  # children before parents
        value[parent] += max(value[first + i] for i in range(len(acts)))
    return value[0]


def _transpose(M: Matrix) -> Matrix:
    return [list(c) for c in zip(*M)] if M and M[0] else [[] for _ in range(len(M[0]) if M else 0)]


def regrets(sf: SequenceForm, x: Sequence[Fraction], y: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """Exact regret of each player in the realisation-plan pair ``(x, y)``.

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "entry" { "Entrant" "Incumbent" } '
    ...               'p "" 1 1 "E" { "Out" "In" } 0 t "" 1 "" { 0, 2 } '
    ...               'p "" 2 1 "I" { "Fight" "Accommodate" } 0 '
    ...               't "" 2 "" { -1, -1 } t "" 3 "" { 1, 1 }')
    >>> sf = sequence_form(g)
    >>> regrets(sf, [1, 0, 1], [1, 1, 0])  # In against Fight: both would deviate
    (Fraction(1, 1), Fraction(2, 1))
    """
    u1, u2 = sf.payoffs(x, y)
    return best_response_value(sf, 0, y) - u1, best_response_value(sf, 1, x) - u2


# --------------------------------------------------------------------------- Lemke
def _shifted(sf: SequenceForm) -> tuple[Matrix, Matrix]:
    """``A``, ``B`` with every leaf payoff lowered by one constant so that all entries are < 0.

    A constant ``c`` added to every leaf adds ``c`` to every pair of plans' payoff (the
    chance-weighted leaf indicators ``W`` satisfy ``x^T W y = 1``), so equilibria do not change.
    """
    W = _reach_weights(sf)
    n1, n2 = sf.sizes
    top = Fraction(0)  # the largest chance-weighted average payoff of any entry
    for i in range(n1):
        for j in range(n2):
            if W[i][j]:
                top = max(top, sf.A[i][j] / W[i][j], sf.B[i][j] / W[i][j])
    c = top + 1
    A = [[sf.A[i][j] - c * W[i][j] for j in range(n2)] for i in range(n1)]
    B = [[sf.B[i][j] - c * W[i][j] for j in range(n2)] for i in range(n1)]
    return A, B


def _reach_weights(sf: SequenceForm) -> Matrix:
    """``W[i][j]``: chance probability of the leaves reached by sequences ``(i, j)``."""
    n1, n2 = sf.sizes
    W = [[Fraction(0)] * n2 for _ in range(n1)]
    first = [{num: f for num, _, _, _, f in sf.infosets[k]} for k in range(2)]

    def visit(node: EfgNode, s: list[int], prob: Fraction) -> None:
        if node.kind == "t":
            W[s[0]][s[1]] += prob
        elif node.kind == "c":
            for child, qv in zip(node.children, node.probabilities):
                if qv:
                    visit(child, s, prob * qv)
        else:
            k = node.player - 1
            for i, child in enumerate(node.children):
                t = list(s)
                t[k] = first[k][node.infoset] + i
                visit(child, t, prob)

    visit(sf.game.root, [0, 0], Fraction(1))
    return W


def _start_actions(infos: Sequence[tuple[int, str, tuple[str, ...], int, int]]) -> dict[int, int]:
    """Per information set (by position), the sequence of its action with the fewest later sets.

    With these actions tight, the initial duals make every best-response row feasible.
    """
    after: dict[int, list[int]] = {}  # sequence -> positions of the sets it leads to
    for pos, (_, _, _, parent, _) in enumerate(infos):
        after.setdefault(parent, []).append(pos)
    size: dict[int, int] = {}
    chosen: dict[int, int] = {}
    for pos in range(len(infos) - 1, -1, -1):  # later sets have larger positions
        _, _, acts, _, first = infos[pos]
        counts = [sum(size[h] for h in after.get(first + i, ())) for i in range(len(acts))]
        best = min(range(len(acts)), key=counts.__getitem__)
        chosen[pos] = first + best
        size[pos] = 1 + counts[best]
    return chosen


def _lemke_sequence_form(
    sf: SequenceForm, A: Matrix, B: Matrix
) -> tuple[list[Fraction], list[Fraction], list[int], list[int]]:
    """One equilibrium ``(x, y)`` by Lemke's algorithm on the sequence-form LCP (exact).

    Also returns the final basis split into a basis of player 1's polyhedron
    (variables ``x``, ``q``, ``s``) and of player 2's (``y``, ``p``, ``t``), numbered as in
    :func:`_polyhedra`.

    Unknowns ``x, y >= 0`` (plans), ``p, q`` free (duals), ``z0 >= 0`` (artificial):

    * ``w_x = E^T p - A y + z0 >= 0``, complementary to ``x``;
    * ``w_y = F^T q - B^T x + z0 >= 0``, complementary to ``y``;
    * ``E x + e z0 = e`` and ``F y + f z0 = f``;

    with ``A, B < 0`` on the leaves.  At ``z0 = 1`` the plans are 0; the start
    basis has ``z0``, one action per information set (at level 0), all duals,
    and the missing label is player 1's empty sequence.  The ratio test is
    lexicographic relative to the start basis, so degenerate games do not cycle.
    """
    n1, n2 = sf.sizes
    m1, m2 = len(sf.E), len(sf.F)
    # column layout
    WX, WY, AP, AQ = 0, n1, n1 + n2, n1 + n2 + m1
    X = n1 + n2 + m1 + m2
    Y, P, Q = X + n1, X + n1 + n2, X + n1 + n2 + m1
    Z0 = Q + m2
    RHS = Z0 + 1
    ncol = RHS + 1
    rows: list[list[Fraction]] = []
    zero = Fraction(0)
    for i in range(n1):  # w_x + A y - E^T p - z0 = 0
        r = [zero] * ncol
        r[WX + i] = Fraction(1)
        for j in range(n2):
            r[Y + j] = A[i][j]
        for k in range(m1):
            r[P + k] = -sf.E[k][i]
        r[Z0] = Fraction(-1)
        rows.append(r)
    for j in range(n2):  # w_y + B^T x - F^T q - z0 = 0
        r = [zero] * ncol
        r[WY + j] = Fraction(1)
        for i in range(n1):
            r[X + i] = B[i][j]
        for k in range(m2):
            r[Q + k] = -sf.F[k][j]
        r[Z0] = Fraction(-1)
        rows.append(r)
    for k in range(m1):  # a + E x + e z0 = e
        r = [zero] * ncol
        r[AP + k] = Fraction(1)
        for i in range(n1):
            r[X + i] = sf.E[k][i]
        r[Z0] = Fraction(1 if k == 0 else 0)
        r[RHS] = Fraction(1 if k == 0 else 0)
        rows.append(r)
    for k in range(m2):
        r = [zero] * ncol
        r[AQ + k] = Fraction(1)
        for j in range(n2):
            r[Y + j] = sf.F[k][j]
        r[Z0] = Fraction(1 if k == 0 else 0)
        r[RHS] = Fraction(1 if k == 0 else 0)
        rows.append(r)
    T = rows
    nrow = len(T)
    basis = list(range(nrow))  # w_x, w_y, a_P, a_Q

    def pivot(r: int, c: int) -> None:
        pr = T[r]
        pv = pr[c]
        if pv != 1:
            T[r] = pr = [v / pv for v in pr]
        nz = [j for j, v in enumerate(pr) if v]
        for i in range(nrow):
            if i != r:
                f = T[i][c]
                if f:
                    Ti = T[i]
                    for j in nz:
                        Ti[j] -= f * pr[j]
        basis[r] = c

    # phase 0: the start basis (degenerate pivots at level 0, then the duals)
    pivot(AP, Z0)
    start1 = _start_actions(sf.infosets[0])
    start2 = _start_actions(sf.infosets[1])
    for pos in range(m1 - 1):
        pivot(AP + 1 + pos, X + start1[pos])
    pivot(AQ, Y)
    for pos in range(m2 - 1):
        pivot(AQ + 1 + pos, Y + start2[pos])
    tight1 = [0] + [start1[pos] for pos in range(m1 - 1)]
    tight2 = [0] + [start2[pos] for pos in range(m2 - 1)]
    for free, count, tight, wrow in ((P, m1, tight1, WX), (Q, m2, tight2, WY)):
        todo = list(range(count))
        for s in tight:
            r = wrow + s
            c = next((free + k for k in todo if T[r][free + k] != 0), None)
            if c is None:  # pragma: no cover - the tight rows of E^T are a triangular basis
                raise EfgError("internal error: singular start basis of the sequence-form LCP")
            todo.remove(c - free)
            pivot(r, c)
    free_rows = {r for r, b in enumerate(basis) if P <= b < Z0}
    if any(T[r][RHS] < 0 for r in range(nrow) if r not in free_rows):  # pragma: no cover
        raise EfgError("internal error: infeasible start basis of the sequence-form LCP")
    lex_cols = list(basis)  # lexicographic order relative to the start basis
    entering = X  # the complement of w_x[empty], which left for a dual
    for _ in range(100 * nrow * nrow):
        cand = [r for r in range(nrow) if r not in free_rows and T[r][entering] > 0]
        if not cand:
            raise EfgError("Lemke's algorithm ended on a ray; no equilibrium found (please report the game)")
        best = cand[0]
        for r in cand[1:]:
            if _lex_less(T[r], T[best], entering, lex_cols, RHS):
                best = r
        leaving = basis[best]
        pivot(best, entering)
        if leaving == Z0:
            break
        if WX <= leaving < WX + n1:
            entering = X + leaving - WX
        elif WY <= leaving < WY + n2:
            entering = Y + leaving - WY
        elif X <= leaving < X + n1:
            entering = WX + leaving - X
        elif Y <= leaving < Y + n2:
            entering = WY + leaving - Y
        else:  # pragma: no cover - artificials never re-enter, duals never leave
            raise EfgError("internal error: an artificial left the basis")
    else:  # pragma: no cover - lexicographic pivoting does not cycle
        raise EfgError("Lemke's algorithm did not terminate")
    x = [Fraction(0)] * n1
    y = [Fraction(0)] * n2
    for r, b in enumerate(basis):
        if X <= b < X + n1:
            x[b - X] = T[r][RHS]
        elif Y <= b < Y + n2:
            y[b - Y] = T[r][RHS]
    basis1, basis2 = [], []
    for b in basis:
        if X <= b < X + n1:
            basis1.append(b - X)
        elif Q <= b < Q + m2:
            basis1.append(n1 + b - Q)
        elif WY <= b < WY + n2:
            basis1.append(n1 + m2 + b - WY)
        elif Y <= b < Y + n2:
            basis2.append(b - Y)
        elif P <= b < P + m1:
            basis2.append(n2 + b - P)
        elif WX <= b < WX + n1:
            basis2.append(n2 + m1 + b - WX)
    return x, y, basis1, basis2


def _lex_less(a: list[Fraction], b: list[Fraction], c: int, cols: Sequence[int], rhs: int) -> bool:
    """Is row ``a`` lexicographically smaller than ``b`` in the ratio test on column ``c``?"""
    ka, kb = a[c], b[c]
    u, v = a[rhs] * kb, b[rhs] * ka
    if u != v:
        return u < v
    for j in cols:
        u, v = a[j] * kb, b[j] * ka
        if u != v:
            return u < v
    return False  # pragma: no cover - rows of a non-singular basis inverse differ


# --------------------------------------------------------------------------- results
def _fmt(v: Fraction | None) -> str:
    return "-" if v is None else str(v)


@dataclass(frozen=True)
class BehaviourEquilibrium:
    """One equilibrium in behaviour strategies, exact.

    ``behaviour[k][h]`` holds player ``k``'s probabilities of the actions
    ``actions[k][h]`` at information set ``infosets[k][h]``, or ``None`` where
    her own strategy never reaches it (any behaviour there is equivalent).
    ``plans`` are the realisation plans, ``max_regret`` the exact regret (0).
    """

    players: tuple[str, str]
    infosets: tuple[tuple[str, ...], tuple[str, ...]]
    actions: tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]
    behaviour: tuple[tuple[tuple[Fraction, ...] | None, ...], tuple[tuple[Fraction, ...] | None, ...]]
    payoffs: tuple[Fraction, Fraction]
    plans: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]
    max_regret: Fraction

    @property
    def is_pure(self) -> bool:
        """Every reached information set plays one action for sure."""
        return all(b is None or max(b) == 1 for beh in self.behaviour for b in beh)

    def strategy(self, player: int | str) -> dict[str, dict[str, Fraction] | None]:
        """``{information set: {action: probability}}`` for one player (index or name)."""
        k = player if isinstance(player, int) else self.players.index(player)
        return {
            h: (None if b is None else dict(zip(acts, b)))
            for h, acts, b in zip(self.infosets[k], self.actions[k], self.behaviour[k])
        }

    def to_dict(self, exact_strings: bool = False) -> dict[str, Any]:
        """JSON-ready: per player a list over information sets (``null`` where unreached)."""
        conv = (lambda v: str(Fraction(v))) if exact_strings else float
        return {
            "strategies": [
                [None if b is None else [conv(p) for p in b] for b in beh] for beh in self.behaviour
            ],
            "payoffs": [conv(u) for u in self.payoffs],
            "actions": [[list(a) for a in acts] for acts in self.actions],
            "infosets": [list(h) for h in self.infosets],
            "label": self.label,
        }

    @property
    def label(self) -> str:
        """``"I1:a / I2:b"`` for a pure profile (unreached sets left out), ``"behaviour"`` otherwise."""
        if not self.is_pure:
            return "behaviour"
        parts = []
        for k in range(2):
            chosen = [
                f"{h}:{acts[b.index(1)]}"
                for h, acts, b in zip(self.infosets[k], self.actions[k], self.behaviour[k])
                if b is not None
            ]
            parts.append(",".join(chosen) or "-")
        return " / ".join(parts)

    def player_text(self, k: int) -> str:
        """``"I1: a 1/2, b 1/2; I2: c"`` (one action when pure, ``unreached`` when not reached)."""
        out = []
        for h, acts, b in zip(self.infosets[k], self.actions[k], self.behaviour[k]):
            if b is None:
                out.append(f"{h}: unreached")
            elif max(b) == 1:
                out.append(f"{h}: {acts[b.index(1)]}")
            else:
                out.append(f"{h}: " + ", ".join(f"{a} {p}" for a, p in zip(acts, b) if p))
        return "; ".join(out) or "(no move)"

    def __repr__(self) -> str:
        return (
            f"BehaviourEquilibrium({self.players[0]}: {self.player_text(0)} | "
            f"{self.players[1]}: {self.player_text(1)} | payoffs ({self.payoffs[0]}, {self.payoffs[1]}))"
        )


@dataclass(frozen=True)
class BehaviourSolution(ResultCollection[BehaviourEquilibrium]):
    """Equilibria of an extensive-form game in behaviour strategies, with the method used."""

    _items = "equilibria"  # the sequence of its items (ResultCollection)

    game: EfgGame
    equilibria: tuple[BehaviourEquilibrium, ...]
    method: str
    complete: bool = True  # False when a bound cut the list short

    def to_json(self, exact_strings: bool = True) -> dict[str, Any]:
        """``{"equilibria": [...], "method": ...}`` with :meth:`BehaviourEquilibrium.to_dict` entries."""
        return {
            "equilibria": [e.to_dict(exact_strings) for e in self.equilibria],
            "method": self.method,
            "complete": self.complete,
        }

    def __repr__(self) -> str:
        n = len(self.equilibria)
        head = f"BehaviourSolution({self.game.title!r}, {n} equilibri{'um' if n == 1 else 'a'}, method={self.method!r}"
        head += ")" if self.complete else ", cut short by the bound)"
        return "\n".join([head] + [f"  {e!r}" for e in self.equilibria])


def equilibrium_from_plans(
    sf: SequenceForm, x: Sequence[Fraction], y: Sequence[Fraction]
) -> BehaviourEquilibrium:
    """Check ``(x, y)`` exactly (regret 0, else :class:`~alliancegames.core.efg.EfgError`) and read it as behaviour strategies.

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "entry" { "Entrant" "Incumbent" } '
    ...               'p "" 1 1 "E" { "Out" "In" } 0 t "" 1 "" { 0, 2 } '
    ...               'p "" 2 1 "I" { "Fight" "Accommodate" } 0 '
    ...               't "" 2 "" { -1, -1 } t "" 3 "" { 1, 1 }')
    >>> sf = sequence_form(g)
    >>> equilibrium_from_plans(sf, [1, 1, 0], [1, 1, 0]).strategy("Entrant")
    {'E': {'Out': Fraction(1, 1), 'In': Fraction(0, 1)}}
    """
    x, y = tuple(Fraction(v) for v in x), tuple(Fraction(v) for v in y)
    for k, (plan, C) in enumerate(((x, sf.E), (y, sf.F))):
        if any(v < 0 for v in plan) or any(
            sum((c * p for c, p in zip(row, plan)), Fraction(0)) != (1 if r == 0 else 0)
            for r, row in enumerate(C)
        ):
            raise EfgError(f"not a realisation plan of player {sf.game.players[k]!r}")
    r1, r2 = regrets(sf, x, y)
    if r1 or r2:
        raise EfgError(f"not an equilibrium: regrets {r1}, {r2}")
    return BehaviourEquilibrium(
        players=(sf.game.players[0], sf.game.players[1]),
        infosets=tuple(tuple(i[1] for i in sf.infosets[k]) for k in range(2)),  # type: ignore[arg-type]
        actions=tuple(tuple(i[2] for i in sf.infosets[k]) for k in range(2)),  # type: ignore[arg-type]
        behaviour=(behaviour_from_plan(sf, 0, x), behaviour_from_plan(sf, 1, y)),
        payoffs=sf.payoffs(x, y),
        plans=(x, y),
        max_regret=max(r1, r2),
    )


def sequence_form_equilibrium(game: EfgGame) -> BehaviourSolution:
    """One Nash equilibrium in behaviour strategies (Lemke on the sequence form, exact).

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "entry" { "Entrant" "Incumbent" } '
    ...               'p "" 1 1 "E" { "Out" "In" } 0 t "" 1 "" { 0, 2 } '
    ...               'p "" 2 1 "I" { "Fight" "Accommodate" } 0 '
    ...               't "" 2 "" { -1, -1 } t "" 3 "" { 1, 1 }')
    >>> sequence_form_equilibrium(g)[0].max_regret
    Fraction(0, 1)
    """
    sf = sequence_form(game)
    A, B = _shifted(sf)
    x, y, _, _ = _lemke_sequence_form(sf, A, B)
    eq = equilibrium_from_plans(sf, x, y)
    return BehaviourSolution(game, (eq,), "lemke")


# ----------------------------------------------------------------- enumeration of extreme equilibria
def _polyhedra(
    sf: SequenceForm, A: Matrix, B: Matrix
) -> tuple[tuple[Matrix, list[int]], tuple[Matrix, list[int]]]:
    """The two best-response polyhedra as equality systems ``[coefficients | rhs]`` and free columns.

    Player 1's: variables ``x`` (n1), ``q`` (m2, free), ``s`` (n2) with ``E x = e`` and
    ``s - F^T q + B^T x = 0``; player 2's: ``y`` (n2), ``p`` (m1, free), ``t`` (n1) with
    ``F y = f`` and ``t - E^T p + A y = 0``.  All but the free variables are non-negative.
    """
    n1, n2 = sf.sizes
    m1, m2 = len(sf.E), len(sf.F)
    one, zero = Fraction(1), Fraction(0)

    def build(na: int, mb: int, nb: int, C: Matrix, D: Matrix, pay: Matrix) -> Matrix:
        # variables: own plan (na), free duals (mb), slacks (nb); rows: C plan = c, then
        # slack_j - (D^T dual)_j + (pay^T plan)_j = 0
        rows = []
        for r in range(len(C)):
            row = [zero] * (na + mb + nb + 1)
            for i in range(na):
                row[i] = C[r][i]
            row[-1] = one if r == 0 else zero
            rows.append(row)
        for j in range(nb):
            row = [zero] * (na + mb + nb + 1)
            for i in range(na):
                row[i] = pay[i][j]
            for r in range(mb):
                row[na + r] = -D[r][j]
            row[na + mb + j] = one
            rows.append(row)
        return rows

    P1 = build(n1, m2, n2, sf.E, sf.F, B)
    P2 = build(n2, m1, n1, sf.F, sf.E, _transpose(A))
    return (P1, list(range(n1, n1 + m2))), (P2, list(range(n2, n2 + m1)))


def _pivoted(T: Matrix, r: int, c: int) -> Matrix:
    pr = T[r]
    pv = pr[c]
    pr = [v / pv for v in pr] if pv != 1 else list(pr)
    nz = [j for j, v in enumerate(pr) if v]
    out = []
    for i, row in enumerate(T):
        if i == r:
            out.append(pr)
            continue
        f = row[c]
        if f:
            row = list(row)
            for j in nz:
                row[j] -= f * pr[j]
        out.append(row)
    return out


def _vertices(
    rows: Matrix, free: Sequence[int], start: Sequence[int], limit: int
) -> set[tuple[Fraction, ...]]:
    """Every vertex of ``{v : rows v = rhs, v >= 0 except the free columns}``, exact.

    The right-hand side is perturbed lexicographically relative to the feasible
    basis ``start`` (``rhs + B0 (eps, eps^2, ...)``), which makes the polyhedron
    simple: each perturbed vertex has one basis, neighbours are one
    lexicographic ratio test away, and the vertex graph is connected, so a
    search from ``start`` visits every perturbed vertex.  Every vertex of the
    original polyhedron is the limit (``eps -> 0``) of at least one of them.
    Free variables stay basic.  Raises :class:`EfgError` past ``limit`` bases.
    """
    T = [list(r) for r in rows]
    nvar = len(T[0]) - 1
    basis: list[int] = [-1] * len(T)
    for c in start:
        r = next((i for i in range(len(T)) if basis[i] < 0 and T[i][c] != 0), None)
        if r is None:  # pragma: no cover - Lemke's final basis is non-singular
            raise EfgError("internal error: singular start basis")
        T = _pivoted(T, r, c)
        basis[r] = c
    lex = list(basis)  # B0's columns, in the order of their rows: the perturbation's directions
    freeset = set(free)
    found: set[tuple[Fraction, ...]] = set()

    def record_and_moves() -> list[tuple[int, int]]:
        v = [Fraction(0)] * nvar
        for r, b in enumerate(basis):
            v[b] = T[r][-1]
        found.add(tuple(v))
        inb = set(basis)
        rows_ok = [r for r, b in enumerate(basis) if b not in freeset]
        moves = []
        for c in range(nvar):
            if c in inb:
                continue
            pos = [r for r in rows_ok if T[r][c] > 0]
            if not pos:
                continue  # an unbounded edge
            best = pos[0]
            for r in pos[1:]:
                if _lex_less(T[r], T[best], c, lex, -1):
                    best = r
            moves.append((best, c))
        return moves

    # depth first with one tableau: step to a new basis by a pivot, step back by the inverse pivot
    seen = {frozenset(basis)}
    stack = [iter(record_and_moves())]
    path: list[tuple[int, int]] = []  # (row, column that left) per step down
    while stack:
        move = next(stack[-1], None)
        if move is None:
            stack.pop()
            if path:
                r, old = path.pop()
                T = _pivoted(T, r, old)
                basis[r] = old
            continue
        r, c = move
        nb = list(basis)
        nb[r] = c
        key = frozenset(nb)
        if key in seen:
            continue
        seen.add(key)
        if len(seen) > limit:
            raise EfgError(
                f"more than {limit} vertices of a best-response polyhedron: too large to enumerate; "
                "use sequence_form_equilibrium (one equilibrium)"
            )
        path.append((r, basis[r]))
        T = _pivoted(T, r, c)
        basis[r] = c
        stack.append(iter(record_and_moves()))
    return found


def sequence_form_equilibria(game: EfgGame, *, max_bases: int = 20_000) -> BehaviourSolution:
    """Every extreme equilibrium of the sequence form, in behaviour strategies (exact).

    The equilibria of a two-player game in realisation plans are the pairs
    ``(x, y)`` whose best-response polyhedra points are complementary; their
    extreme points are complementary pairs of *vertices* of player 1's
    polyhedron ``{(x, q) : E x = e, x >= 0, F^T q >= B^T x}`` and player 2's
    ``{(y, p) : F y = f, y >= 0, E^T p >= A y}`` (the sequence-form analogue of
    the normal form's vertex enumeration).  Both vertex sets are found by a
    search over the lexicographically perturbed (simple) polyhedra from the
    basis Lemke's algorithm ends at, in exact arithmetic, so degenerate games
    are handled.  Exponential in the worst case (``max_bases`` bounds the
    vertices visited); each result is checked by exact regret.

    The set returned is the extreme equilibria of the sequence form (distinct
    realisation-plan pairs), so it contains every equilibrium that Lemke's
    algorithm (ours or Gambit's ``lcp``) can end at.

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "entry" { "Entrant" "Incumbent" } '
    ...               'p "" 1 1 "E" { "Out" "In" } 0 t "" 1 "" { 0, 2 } '
    ...               'p "" 2 1 "I" { "Fight" "Accommodate" } 0 '
    ...               't "" 2 "" { -1, -1 } t "" 3 "" { 1, 1 }')
    >>> for e in sequence_form_equilibria(g):
    ...     print(e.player_text(0), "|", e.player_text(1))
    E: In | I: Accommodate
    E: Out | I: Fight 1/2, Accommodate 1/2
    E: Out | I: Fight
    """
    sf = sequence_form(game)
    eqs = [equilibrium_from_plans(sf, x, y) for x, y in extreme_plans(sf, max_bases=max_bases)]
    return BehaviourSolution(game, tuple(eqs), "sequence-form vertex enumeration")


def extreme_plans(sf: SequenceForm, *, max_bases: int = 20_000) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """The realisation-plan pairs of :func:`sequence_form_equilibria`, sorted (not yet checked).

    Examples
    --------
    >>> from alliancegames.core.efg import parse_efg
    >>> g = parse_efg('EFG 2 R "entry" { "Entrant" "Incumbent" } '
    ...               'p "" 1 1 "E" { "Out" "In" } 0 t "" 1 "" { 0, 2 } '
    ...               'p "" 2 1 "I" { "Fight" "Accommodate" } 0 '
    ...               't "" 2 "" { -1, -1 } t "" 3 "" { 1, 1 }')
    >>> sf = sequence_form(g)
    >>> len(extreme_plans(sf))
    3
    """
    A, B = _shifted(sf)
    _, _, start1, start2 = _lemke_sequence_form(sf, A, B)
    (P1, free1), (P2, free2) = _polyhedra(sf, A, B)
    n1, n2 = sf.sizes
    m1, m2 = len(sf.E), len(sf.F)
    V1 = _vertices(P1, free1, start1, max_bases)
    V2 = _vertices(P2, free2, start2, max_bases)
    full = (1 << (n1 + n2)) - 1
    side1: dict[int, set[tuple[Fraction, ...]]] = {}
    for v in V1:  # labels: i where x_i = 0, n1 + j where s_j = 0
        mask = sum(1 << i for i in range(n1) if v[i] == 0)
        mask |= sum(1 << (n1 + j) for j in range(n2) if v[n1 + m2 + j] == 0)
        side1.setdefault(mask, set()).add(tuple(v[:n1]))
    side2: dict[int, set[tuple[Fraction, ...]]] = {}
    for v in V2:  # labels: i where t_i = 0, n1 + j where y_j = 0
        mask = sum(1 << i for i in range(n1) if v[n2 + m1 + i] == 0)
        mask |= sum(1 << (n1 + j) for j in range(n2) if v[j] == 0)
        side2.setdefault(mask, set()).add(tuple(v[:n2]))
    pairs = set()
    for k1, xs in side1.items():
        for k2, ys in side2.items():
            if k1 | k2 == full:
                pairs.update((x, y) for x in xs for y in ys)
    return sorted(pairs)
