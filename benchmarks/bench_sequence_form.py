"""Sequence-form solve of a ~50-node tree against Gambit's ``lcp`` in the same run (issue 14 item 7).

Run: ``python benchmarks/bench_sequence_form.py [--enumerate]``.  The tree: chance (1/3, 2/3) -> the Ally, who
sees chance, picks one of three moves -> the Rival, who sees the Ally's move but not chance, picks
one of two -> the Ally moves again (two actions), knowing everything; 45 nodes, seeded random
integer payoffs.  Timed, best of five: our exact Lemke on the sequence form (one equilibrium, the
computation of Gambit's ``lcp`` on a tree), Gambit's ``lcp_solve(rational=True)`` on the same
``.efg`` file (pygambit is test-only and optional here), and our subgame-perfect folding; with
``--enumerate`` also our enumeration of every extreme equilibrium of the sequence form (once; it
took 327 s on this tree, 60 equilibria, under load 8 on 2 cores: exponential, for small games).
Ratios are ours / Gambit's.
"""

from __future__ import annotations

import random
import tempfile
import time
from fractions import Fraction
from pathlib import Path

from alliancegames.core.efg import EfgNode, efg_game, write_efg
from alliancegames.solvers.sequence_form import (
    sequence_form,
    sequence_form_equilibria,
    sequence_form_equilibrium,
)
from alliancegames.solvers.subgame_perfect import subgame_perfect_equilibria


def tree(seed: int = 1):
    rng = random.Random(seed)
    ally2 = iter(range(3, 100))

    def leaf():
        return EfgNode("t", payoffs=(Fraction(rng.randint(-9, 9)), Fraction(rng.randint(-9, 9))))

    def rival(a: int) -> EfgNode:
        kids = tuple(
            EfgNode("p", (leaf(), leaf()), player=1, infoset=next(ally2), actions=("hold", "fold"))
            for _ in "lr"
        )
        return EfgNode(
            "p", kids, player=2, infoset=a + 1, infoset_label=f"saw {a}", actions=("press", "yield")
        )

    def ally(c: int) -> EfgNode:
        return EfgNode("p", tuple(rival(a) for a in range(3)), player=1, infoset=c + 1,
                       infoset_label=f"type {c}", actions=("a0", "a1", "a2"))  # fmt: skip

    root = EfgNode("c", (ally(0), ally(1)), infoset=1, actions=("weak", "strong"),
                   probabilities=(Fraction(1, 3), Fraction(2, 3)))  # fmt: skip
    return efg_game("bench 45 nodes", ("Ally", "Rival"), root)


def best_of(fn, n: int = 5) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main(enumerate_all: bool = False) -> None:
    g = tree()
    nodes = sum(1 for _ in g.nodes())
    sf = sequence_form(g)
    print(f"tree: {nodes} nodes, sequences {sf.sizes}, information sets "
          f"{len(sf.infosets[0])} + {len(sf.infosets[1])}")  # fmt: skip
    t_lemke, sol = best_of(lambda: sequence_form_equilibrium(g))
    print(f"ours, Lemke on the sequence form (exact):   {t_lemke * 1e3:8.1f} ms  -> {sol[0]!r}")
    t_enum = None
    if enumerate_all:
        t_enum, allsol = best_of(lambda: sequence_form_equilibria(g), n=1)
        print(
            f"ours, every extreme equilibrium (exact):    {t_enum * 1e3:8.1f} ms  -> {len(allsol)} equilibria"
        )
    t_spe, spe = best_of(lambda: subgame_perfect_equilibria(g), n=1)
    print(f"ours, subgame-perfect folding (exact):      {t_spe * 1e3:8.1f} ms  -> {len(spe)} equilibria")
    try:
        import pygambit as gbt
    except ImportError:
        print("pygambit not installed: no Gambit anchor")
        return
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.efg"
        write_efg(g, path)
        G = gbt.read_efg(str(path))
        t_g, _ = best_of(lambda: gbt.nash.lcp_solve(G, rational=True))
    print(f"Gambit lcp_solve(rational=True), same file: {t_g * 1e3:8.1f} ms")
    ratios = f"ratio ours/Gambit: Lemke {t_lemke / t_g:.2f}x, SPE {t_spe / t_g:.1f}x"
    if t_enum is not None:
        ratios += f", enumeration {t_enum / t_g:.0f}x"
    print(ratios)


if __name__ == "__main__":
    import sys

    main("--enumerate" in sys.argv[1:])
