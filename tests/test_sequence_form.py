"""Sequence form and behaviour-strategy equilibria, against hand-solved games and pygambit 17.

Oracle (test-only): Gambit's ``lcp`` on the same ``.efg`` file, which runs Lemke's algorithm on the
sequence form in rational arithmetic and returns *one* equilibrium in behaviour strategies.  Two
Lemke runs may end at different equilibria, so the comparisons are, in Gambit's sense (an
equilibrium that Lemke's algorithm reaches is a complementary basic solution of the sequence-form
LCP, i.e. an extreme equilibrium of the sequence form):

* our Lemke equilibrium has exact regret 0, checked twice: over the tree's sequences, and
  independently in the non-reduced strategic form through Kuhn's mixed strategy;
* Gambit's equilibrium has regret 0 under our checker;
* our enumeration of the extreme equilibria of the sequence form (complementary pairs of vertices
  of the two best-response polyhedra, i.e. the basic solutions of the LCP where Lemke-type
  algorithms stop) contains both Lemke equilibria (ours and Gambit's), and contains the
  realisation plans of every pure equilibrium of the non-reduced strategic form (found cell by
  cell as mutual best responses): a pure plan is a vertex of the plan polytope and
  the duals can be taken at a vertex of the face of their fibre where the plan's sequences are
  best responses.  (Mixed extreme equilibria of the strategic form need not map to vertices, and
  our vertices need not be images of strategic-form extreme points; both were observed.)
"""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import product

import _gambit
import pytest

from alliancegames.core.efg import EfgError, EfgNode, bimatrix, efg_game, parse_efg, write_efg
from alliancegames.solvers.sequence_form import (
    BehaviourEquilibrium,
    behaviour_from_plan,
    best_response_value,
    plan_from_behaviour,
    regrets,
    sequence_form,
    sequence_form_equilibria,
    sequence_form_equilibrium,
)
from alliancegames.solvers.verify import regrets as nf_regrets


def random_game(seed: int, max_depth: int = 4):
    """A random two-player tree with perfect recall: chance moves, both players moving (possibly
    several times on a path), information sets that hide the other's moves and chance at random."""
    rng = random.Random(seed)
    observes = {1: rng.random() < 0.5, 2: rng.random() < 0.5}
    keys: dict[int, dict[tuple, int]] = {1: {}, 2: {}}
    sizes: dict[tuple, int] = {}

    def pay():
        return tuple(Fraction(rng.randint(-5, 5), rng.choice([1, 1, 2])) for _ in range(2))

    def node(depth: int, history: tuple, own: dict[int, tuple]) -> EfgNode:
        if depth >= max_depth or (depth >= 2 and rng.random() < 0.3):
            return EfgNode("t", payoffs=pay())
        kind = rng.choice(["c", "p", "p", "p"] if depth < max_depth - 1 else ["p"])
        if kind == "c":
            k = rng.choice([2, 3])
            w = [rng.randint(1, 3) for _ in range(k)]
            acts = tuple(f"n{depth}{i}" for i in range(k))
            kids = tuple(node(depth + 1, history + (("c", a),), own) for a in acts)
            probs = tuple(Fraction(v, sum(w)) for v in w)
            return EfgNode("c", kids, infoset=1, actions=acts, probabilities=probs)  # renumbered below
        player = rng.choice([1, 2])
        seen = tuple(h for h in history if h[0] != player) if observes[player] and rng.random() < 0.7 else ()
        key = (player, own[player], seen)
        if key not in sizes:
            sizes[key] = rng.choice([2, 2, 3])
            keys[player][key] = len(keys[player]) + 1
        acts = tuple(f"{'ab'[player - 1]}{keys[player][key]}{i}" for i in range(sizes[key]))
        kids = []
        for a in acts:
            own2 = dict(own)
            own2[player] = own[player] + (a,)
            kids.append(node(depth + 1, history + ((player, a),), own2))
        return EfgNode("p", tuple(kids), player=player, infoset=keys[player][key],
                       infoset_label=f"P{player}.{keys[player][key]}", actions=acts)  # fmt: skip

    root = node(0, (), {1: (), 2: ()})
    if root.kind == "t":
        root = EfgNode("p", (root, EfgNode("t", payoffs=pay())), player=1, infoset=1, actions=("x", "y"))
    return efg_game(f"random {seed}", ("Ally", "Rival"), _renumber_chance(root))


def _renumber_chance(root: EfgNode) -> EfgNode:
    """Chance nodes: one information set each (numbered in pre-order)."""
    counter = [0]

    def go(n: EfgNode) -> EfgNode:
        if n.kind == "t":
            return n
        if n.kind == "c":
            counter[0] += 1
            num = counter[0]
            kids = tuple(go(c) for c in n.children)
            return EfgNode("c", kids, infoset=num, actions=n.actions, probabilities=n.probabilities)
        return EfgNode("p", tuple(go(c) for c in n.children), player=n.player, infoset=n.infoset,
                       infoset_label=n.infoset_label, actions=n.actions)  # fmt: skip

    return go(root)


def mixed_from_behaviour(g, eq: BehaviourEquilibrium):
    """Kuhn: the mixed strategy of each player in the non-reduced strategic form (Gambit's order)."""
    out = []
    for k in range(2):
        isets = g.infoset_actions(k + 1)
        sf = sequence_form(g)
        pos = {num: p for p, (num, *_rest) in enumerate(sf.infosets[k])}
        probs = []
        for plan in product(*[range(len(acts)) for _, _, acts in isets]) if isets else [()]:
            v = Fraction(1)
            for (num, _, acts), a in zip(isets, plan):
                b = eq.behaviour[k][pos[num]]
                v *= Fraction(1, len(acts)) if b is None else b[a]
            probs.append(v)
        out.append(probs)
    return out


ENTRY = (
    'EFG 2 R "entry" { "Entrant" "Incumbent" } ""\n'
    'p "" 1 1 "E" { "Out" "In" } 0\n'
    't "" 1 "" { 0, 2 }\n'
    'p "" 2 1 "I" { "Fight" "Accommodate" } 0\n'
    't "" 2 "" { -1, -1 }\n'
    't "" 3 "" { 1, 1 }\n'
)

# a coin only the Ally sees; the Rival sees neither the coin nor the Ally's move
COIN = (
    'EFG 2 R "coin" { "Ally" "Rival" } ""\n'
    'c "" 1 "" { "H" 1/3 "T" 2/3 } 0\n'
    'p "" 1 1 "sawH" { "h" "t" } 0\n'
    'p "" 2 1 "guess" { "h" "t" } 0\n'
    't "" 1 "" { 1, -1 }\n'
    't "" 2 "" { -1, 1 }\n'
    'p "" 2 1 "guess" { "h" "t" } 0\n'
    't "" 3 "" { -1, 1 }\n'
    't "" 4 "" { 1, -1 }\n'
    'p "" 1 2 "sawT" { "h" "t" } 0\n'
    'p "" 2 1 "guess" { "h" "t" } 0\n'
    't "" 5 "" { 2, -2 }\n'
    't "" 6 "" { -1, 1 }\n'
    'p "" 2 1 "guess" { "h" "t" } 0\n'
    't "" 7 "" { -1, 1 }\n'
    't "" 8 "" { 1, -1 }\n'
)


def test_sequence_form_of_a_game_with_chance_and_information_sets():
    g = parse_efg(COIN)
    sf = sequence_form(g)
    assert sf.sizes == (5, 3)
    assert [i[1] for i in sf.infosets[0]] == ["sawH", "sawT"]
    # Ally's sequence (sawH, h) against Rival's (guess, h): leaf probability 1/3, payoff 1
    sH = sf.sequences[0].index(((1, "h"),))
    gh = sf.sequences[1].index(((1, "h"),))
    assert sf.A[sH][gh] == Fraction(1, 3) and sf.B[sH][gh] == Fraction(-1, 3)
    # plans: E x = e
    assert sf.E == [[1, 0, 0, 0, 0], [-1, 1, 1, 0, 0], [-1, 0, 0, 1, 1]]
    x = plan_from_behaviour(sf, 0, [(Fraction(1, 2), Fraction(1, 2)), (1, 0)])
    assert behaviour_from_plan(sf, 0, x) == ((Fraction(1, 2), Fraction(1, 2)), (1, 0))


def test_entry_game_equilibrium_and_readable_result():
    sol = sequence_form_equilibrium(parse_efg(ENTRY))
    (eq,) = sol.equilibria
    assert eq.max_regret == 0
    # the game's equilibria: In/Accommodate, or Out with Fight at probability >= 1/2
    ent, inc = eq.strategy("Entrant")["E"], eq.strategy("Incumbent")["I"]
    assert (ent, inc) == ({"Out": 0, "In": 1}, {"Fight": 0, "Accommodate": 1}) or (
        ent == {"Out": 1, "In": 0} and inc["Fight"] >= Fraction(1, 2)
    )
    r = repr(eq)
    assert r.startswith("BehaviourEquilibrium(Entrant: E: ") and "payoffs (" in r
    d = eq.to_dict(exact_strings=True)
    assert d["infosets"] == [["E"], ["I"]] and d["actions"] == [[["Out", "In"]], [["Fight", "Accommodate"]]]
    assert len(d["strategies"]) == 2 and d["payoffs"] == [str(p) for p in eq.payoffs]


def test_coin_game_unique_mixed_equilibrium_by_hand():
    """Zero-sum.  By hand: the Rival guesses h with q = 2/5, which makes the Ally indifferent after
    T (3q - 1 = 1 - 2q) and strict for t after H; the Ally plays t after H and h with 3/5 after T,
    which makes the Rival indifferent; value 1/5.  The equilibrium is unique."""
    g = parse_efg(COIN)
    (eq,) = sequence_form_equilibrium(g).equilibria
    assert eq.max_regret == 0
    assert eq.behaviour == (((0, 1), (Fraction(3, 5), Fraction(2, 5))), ((Fraction(2, 5), Fraction(3, 5)),))
    assert eq.payoffs == (Fraction(1, 5), Fraction(-1, 5))
    # check against the exact strategic form independently
    bm = bimatrix(g)
    x, y = mixed_from_behaviour(g, eq)
    r1, r2 = nf_regrets(
        [[Fraction(v) for v in r] for r in bm.A], [[Fraction(v) for v in r] for r in bm.B], x, y
    )
    assert r1 == 0 and r2 == 0


def test_regret_detects_a_non_equilibrium():
    g = parse_efg(ENTRY)
    sf = sequence_form(g)
    x = plan_from_behaviour(sf, 0, [(0, 1)])  # In
    y = plan_from_behaviour(sf, 1, [(1, 0)])  # Fight
    assert regrets(sf, x, y) == (Fraction(1), Fraction(2))
    assert best_response_value(sf, 0, y) == 0


def test_bad_input_one_clear_error():
    three = parse_efg('EFG 2 R "g" { "A" "B" "C" } p "" 1 1 "" { "x" } 0 t "" 1 "" { 1, 2, 3 }')
    with pytest.raises(EfgError, match="two-player"):
        sequence_form(three)
    forgetful = parse_efg(
        'EFG 2 R "f" { "A" "B" } p "" 1 1 "" { "x" "y" } 0 p "" 1 2 "" { "u" "v" } 0 t "" 1 "" { 1, 0 } '
        't "" 2 "" { 0, 1 } p "" 1 2 "" { "u" "v" } 0 t "" 3 "" { 2, 0 } t "" 4 "" { 0, 2 }'
    )
    with pytest.raises(EfgError, match="perfect recall"):
        sequence_form(forgetful)
    with pytest.raises(EfgError, match="EfgGame"):
        sequence_form("not a game")  # type: ignore[arg-type]


def _compare_with_gambit(seed: int, tmp_path, game=None) -> bool:
    g = game if game is not None else random_game(seed)
    sf = sequence_form(g)
    (eq,) = sequence_form_equilibrium(g).equilibria
    assert regrets(sf, *eq.plans) == (0, 0), seed
    # independent check in the non-reduced strategic form (Kuhn)
    profiles = 1
    for k in (1, 2):
        for _, _, acts in g.infoset_actions(k):
            profiles *= len(acts)
    if profiles <= 1024:
        bm = bimatrix(g)
        x, y = mixed_from_behaviour(g, eq)
        A = [[Fraction(v) for v in r] for r in bm.A]
        B = [[Fraction(v) for v in r] for r in bm.B]
        assert nf_regrets(A, B, x, y) == (0, 0), seed
    # Gambit's lcp on the same file
    f = tmp_path / f"g{seed}.efg"
    write_efg(g, f)
    theirs = _gambit.lcp_behaviour(f)
    plans = []
    for k in range(2):
        assert [tuple(d) for d in theirs[k]] == [i[2] for i in sf.infosets[k]], seed  # same sets, same order
        plans.append(plan_from_behaviour(sf, k, [tuple(d.values()) for d in theirs[k]]))
    assert regrets(sf, *plans) == (0, 0), seed
    same = tuple(plans) == eq.plans
    if same:
        assert sf.payoffs(*plans) == eq.payoffs
    return same


def plan_of_mixed(g, sf, k, mix):
    """The realisation plan of a mixed strategy of the non-reduced strategic form (Gambit's order)."""
    isets = g.infoset_actions(k + 1)
    plans = list(product(*[acts for _, _, acts in isets])) if isets else [()]
    x = [Fraction(0)] * len(sf.sequences[k])
    for pl, mu in zip(plans, mix):
        if mu:
            choice = dict(zip([num for num, _, _ in isets], pl))
            for i, seq in enumerate(sf.sequences[k]):
                if all(choice[h] == a for h, a in seq):
                    x[i] += Fraction(mu)
    return tuple(x)


pure_count = [0]  # pure equilibria compared (the check is live)


def _enumeration_against_gambit(seed: int, tmp_path, game) -> int:
    sf = sequence_form(game)
    sol = sequence_form_equilibria(game)
    ours = {e.plans for e in sol}
    assert len(ours) == len(sol) >= 1
    assert all(e.max_regret == 0 and regrets(sf, *e.plans) == (0, 0) for e in sol)
    assert sequence_form_equilibrium(game)[0].plans in ours, seed
    f = tmp_path / f"e{seed}.efg"
    write_efg(game, f)
    theirs = _gambit.lcp_behaviour(f)
    gplans = tuple(plan_from_behaviour(sf, k, [tuple(d.values()) for d in theirs[k]]) for k in range(2))
    assert gplans in ours, seed
    profiles = 1
    for k in (1, 2):
        for _, _, acts in game.infoset_actions(k):
            profiles *= len(acts)
    if profiles <= 4096:  # pure equilibria of the strategic form: mutual best responses, cell by cell
        bm = bimatrix(game)
        A = [[Fraction(v) for v in r] for r in bm.A]
        B = [[Fraction(v) for v in r] for r in bm.B]
        m, n = len(A), len(A[0])
        colmax = [max(A[i][j] for i in range(m)) for j in range(n)]
        rowmax = [max(B[i]) for i in range(m)]
        pure = set()
        for i in range(m):
            for j in range(n):
                if A[i][j] == colmax[j] and B[i][j] == rowmax[i]:
                    x = [Fraction(int(a == i)) for a in range(m)]
                    y = [Fraction(int(b == j)) for b in range(n)]
                    pure.add((plan_of_mixed(game, sf, 0, x), plan_of_mixed(game, sf, 1, y)))
        assert pure <= ours, seed
        pure_count[0] += len(pure)
    return len(ours)


def test_enumeration_quick_against_gambit_and_the_strategic_form(tmp_path):
    from test_efg import random_tree

    before = pure_count[0]
    counts = [_enumeration_against_gambit(seed, tmp_path, random_tree(seed)) for seed in range(20)]
    assert max(counts) > 1  # some games have several extreme equilibria
    assert pure_count[0] > before


@pytest.mark.slow
def test_enumeration_300_trees_against_gambit_and_the_strategic_form(tmp_path):
    from test_efg import random_tree

    for seed in range(300):
        _enumeration_against_gambit(seed, tmp_path, random_tree(seed))
    too_large = 0
    for seed in range(100):  # deeper trees: both players move twice, chance anywhere
        try:
            _enumeration_against_gambit(1000 + seed, tmp_path, random_game(seed, max_depth=3))
        except EfgError as exc:
            assert "too large to enumerate" in str(exc)
            too_large += 1
    assert too_large <= 5


def test_enumeration_size_limit_is_one_clear_error():
    with pytest.raises(EfgError, match="too large to enumerate"):
        sequence_form_equilibria(random_game(3), max_bases=50)


def test_quick_random_trees_against_gambit_lcp(tmp_path):
    for seed in range(20):
        _compare_with_gambit(seed, tmp_path)


@pytest.mark.slow
def test_300_random_trees_against_gambit_lcp(tmp_path):
    for seed in range(300):
        _compare_with_gambit(seed, tmp_path)


@pytest.mark.slow
def test_300_chance_first_trees_of_test_efg_against_gambit_lcp(tmp_path):
    from test_efg import random_tree

    for seed in range(300):
        _compare_with_gambit(seed, tmp_path, random_tree(seed))


def test_cli_prints_behaviour_strategies_per_information_set(tmp_path, capsys):
    import json

    from alliancegames.publishing.cli import main

    f = tmp_path / "coin.efg"
    f.write_text(COIN)
    assert main(["solve", str(f), "--exact", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    (e,) = json.loads(out)["equilibria"]
    assert e["infosets"] == [["sawH", "sawT"], ["guess"]]
    assert e["actions"][0] == [["h", "t"], ["h", "t"]]
    # same shape per player as the normal-form output: strategies[player] -> probabilities
    g = parse_efg(COIN)
    sf = sequence_form(g)
    beh = [
        [None if b is None else tuple(Fraction(v) for v in b) for b in e["strategies"][k]] for k in range(2)
    ]
    plans = [plan_from_behaviour(sf, k, beh[k]) for k in range(2)]
    assert regrets(sf, *plans) == (0, 0)
    assert [Fraction(v) for v in e["payoffs"]] == list(sf.payoffs(*plans))
    assert main(["solve", str(f)]) == 0
    text = capsys.readouterr().out
    assert "Ally at sawH:" in text and "Rival at guess:" in text and "behaviour strategies" in text
    assert main(["solve", str(f), "--param", "a=1"]) == 2
    assert "without parameters" in capsys.readouterr().err


def test_cli_falls_back_to_lemke_when_enumeration_is_too_large(tmp_path, capsys):
    import json

    from alliancegames.publishing.cli import main

    g = random_game(3)  # 16 x 20 sequences: more than 2 000 vertices
    f = tmp_path / "big.efg"
    write_efg(g, f)
    assert main(["solve", str(f), "--exact", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "lemke" and len(out["equilibria"]) == 1
    sf = sequence_form(g)
    e = out["equilibria"][0]
    beh = [
        [None if b is None else tuple(Fraction(v) for v in b) for b in e["strategies"][k]] for k in range(2)
    ]
    assert regrets(sf, *[plan_from_behaviour(sf, k, beh[k]) for k in range(2)]) == (0, 0)
