"""Mixed subgame-perfect equilibria by folding back exact subgame equilibria.

Oracles: Gambit's subgame roots (pygambit 17, test-only) for the subgame structure; our exact
normal-form solver (equal to Gambit's ``enummixed``, tests/test_efg.py) for simultaneous-move
subgames; exact regret in every subgame and in the strategic form for every result.
"""

from __future__ import annotations

import random
from fractions import Fraction

import _gambit
import pytest
from test_sequence_form import mixed_from_behaviour, random_game

from alliancegames.core.efg import EfgError, EfgNode, bimatrix, efg_game, parse_efg, write_efg
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.sequence_form import sequence_form_equilibria
from alliancegames.solvers.subgame_perfect import (
    is_subgame_perfect,
    subgame_perfect_equilibria,
    subgame_roots,
)
from alliancegames.solvers.verify import regrets as nf_regrets

# Entry into a battle of the sexes; the Entrant's outside option is worth 3/2 to her.
BOS_ENTRY = (
    'EFG 2 R "bos entry" { "E" "I" } ""\n'
    'p "" 1 1 "enter?" { "out" "in" } 0\n'
    't "" 1 "" { 3/2, 3 }\n'
    'p "" 1 2 "E picks" { "a" "b" } 0\n'
    'p "" 2 1 "I picks" { "a" "b" } 0\n'
    't "" 2 "" { 2, 1 }\n'
    't "" 3 "" { 0, 0 }\n'
    'p "" 2 1 "I picks" { "a" "b" } 0\n'
    't "" 3 "" { 0, 0 }\n'
    't "" 4 "" { 1, 2 }\n'
)


def test_battle_of_the_sexes_entry_by_hand():
    """By hand: the subgame has (a,a) worth (2,1), (b,b) worth (1,2) and the mixed equilibrium
    (E: a 2/3; I: a 1/3) worth (2/3, 2/3).  Against the outside option 3/2 the Entrant enters only
    after (a,a): three subgame-perfect equilibria, one mixed -- pure backward induction misses it."""
    g = parse_efg(BOS_ENTRY)
    sol = subgame_perfect_equilibria(g)
    assert sol.complete and len(sol) == 3
    got = {(e.behaviour, e.payoffs) for e in sol}
    third, two3 = Fraction(1, 3), Fraction(2, 3)
    assert got == {
        ((((0, 1), (1, 0)), ((1, 0),)), (2, 1)),
        ((((1, 0), (0, 1)), ((0, 1),)), (Fraction(3, 2), 3)),
        ((((1, 0), (two3, third)), ((third, two3),)), (Fraction(3, 2), 3)),
    }
    assert all(is_subgame_perfect(g, e) for e in sol)
    # Nash equilibria that are not subgame perfect exist (out, then an unplayed threat)
    nash = sequence_form_equilibria(g)
    assert len(nash) > 3 and sum(is_subgame_perfect(g, e) for e in nash) < len(nash)
    text = repr(sol)
    assert text.startswith("BehaviourSolution('bos entry', 3 equilibria, method='subgame perfect")


def _paths(g):
    ids = {id(n) for n in subgame_roots(g)}
    out = []

    def go(n, p):
        if id(n) in ids:
            out.append(p)
        for a, c in zip(n.actions, n.children):
            go(c, p + (a,))

    go(g.root, ())
    return sorted(out)


def _check(seed: int, tmp_path, g) -> int:
    f = tmp_path / f"s{seed}.efg"
    write_efg(g, f)
    assert _paths(g) == _gambit.subgame_root_paths(f), seed
    sol = subgame_perfect_equilibria(g)
    assert len(sol) >= 1, seed
    profiles = 1
    for k in (1, 2):
        for _, _, acts in g.infoset_actions(k):
            profiles *= len(acts)
    bm = bimatrix(g) if profiles <= 1024 else None
    for e in sol:
        assert is_subgame_perfect(g, e), seed
        if bm is not None:  # independently: Nash in the strategic form (Kuhn)
            x, y = mixed_from_behaviour(g, e)
            A = [[Fraction(v) for v in r] for r in bm.A]
            B = [[Fraction(v) for v in r] for r in bm.B]
            assert nf_regrets(A, B, x, y) == (0, 0), seed
    return len(sol)


def test_quick_random_trees(tmp_path):
    counts = [_check(seed, tmp_path, random_game(seed, max_depth=3)) for seed in range(20)]
    assert max(counts) > 1


@pytest.mark.slow
def test_300_random_trees(tmp_path):
    for seed in range(300):
        _check(seed, tmp_path, random_game(seed, max_depth=3))


def simultaneous_subgames(seed: int):
    """The Ally picks one of two crises; each is a random simultaneous-move game (sizes 2-3)."""
    rng = random.Random(seed)
    crises = []
    for c in range(2):
        m, n = rng.choice([2, 3]), rng.choice([2, 3])
        rows = []
        for _ in range(m):
            kids = tuple(
                EfgNode("t", payoffs=(Fraction(rng.randint(-4, 4)), Fraction(rng.randint(-4, 4))))
                for _ in range(n)
            )
            rows.append(EfgNode("p", kids, player=2, infoset=c + 1, infoset_label=f"R{c}",
                                actions=tuple(f"r{c}{j}" for j in range(n))))  # fmt: skip
        crises.append(EfgNode("p", tuple(rows), player=1, infoset=c + 2, infoset_label=f"A{c}",
                              actions=tuple(f"a{c}{i}" for i in range(m))))  # fmt: skip
    root = EfgNode("p", tuple(crises), player=1, infoset=1, infoset_label="crisis", actions=("c0", "c1"))
    return efg_game(f"two crises {seed}", ("Ally", "Rival"), root)


@pytest.mark.parametrize("seed", range(12))
def test_simultaneous_subgames_match_the_normal_form_solver(seed):
    g = simultaneous_subgames(seed)
    sol = subgame_perfect_equilibria(g)
    assert sol.complete
    for c in range(2):
        sub = g.root.children[c]
        sg = efg_game("crisis", g.players, sub)
        expected = {e.strategies for e in solve(bimatrix(sg), exact=True)}
        k1 = list(sol[0].infosets[0]).index(f"A{c}")
        k2 = list(sol[0].infosets[1]).index(f"R{c}")
        seen = {(e.behaviour[0][k1], e.behaviour[1][k2]) for e in sol}
        assert seen == expected, (seed, c)
    n0 = len(solve(bimatrix(efg_game("c", g.players, g.root.children[0])), exact=True))
    n1 = len(solve(bimatrix(efg_game("c", g.players, g.root.children[1])), exact=True))
    assert len(sol) >= n0 * n1


def test_limit_cuts_short_and_says_so():
    g = parse_efg(BOS_ENTRY)
    sol = subgame_perfect_equilibria(g, limit=1)
    assert len(sol) == 1 and not sol.complete
    assert "cut short" in repr(sol) and sol.to_json()["complete"] is False


def test_bad_input():
    with pytest.raises(EfgError, match="EfgGame"):
        subgame_perfect_equilibria("x")  # type: ignore[arg-type]
    three = parse_efg('EFG 2 R "g" { "A" "B" "C" } p "" 1 1 "" { "x" } 0 t "" 1 "" { 1, 2, 3 }')
    with pytest.raises(EfgError, match="two-player"):
        subgame_perfect_equilibria(three)
    with pytest.raises(EfgError, match="limit"):
        subgame_perfect_equilibria(parse_efg(BOS_ENTRY), limit=0)


def test_cli_subgame_perfect(tmp_path, capsys):
    import json

    from alliancegames.publishing.cli import main

    f = tmp_path / "bos.efg"
    f.write_text(BOS_ENTRY)
    assert main(["solve", str(f), "--subgame-perfect", "--exact", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["complete"] is True and len(out["equilibria"]) == 3
    assert ["1/3", "2/3"] in [e["strategies"][1][0] for e in out["equilibria"]]
    assert main(["solve", str(f), "--subgame-perfect"]) == 0
    text = capsys.readouterr().out
    assert "3 equilibria in behaviour strategies (subgame perfect" in text and "E at E picks:" in text
    # without the flag: every extreme Nash equilibrium of the sequence form (more than the SPE)
    assert main(["solve", str(f), "--exact", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "sequence-form vertex enumeration" and len(out["equilibria"]) > 3
