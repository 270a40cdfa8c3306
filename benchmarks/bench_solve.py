"""Benchmark: alliancegames.solvers.enumeration vs nashpy on the same games, checked against Gambit.

Run from the repository root::

    python benchmarks/bench_solve.py [--games 20] [--seed 0]

For each size and game family it times ``solve()`` (exact vertex enumeration,
float output), nashpy's ``support_enumeration`` and ``vertex_enumeration`` on
the same games, prints time ratios (nashpy / solve), and counts equilibria each
method misses relative to Gambit's ``enummixed`` (rational) when pygambit is
installed.  A nashpy profile "finds" a Gambit equilibrium when it matches it to
1e-6.  This is a report, not a test.
"""

from __future__ import annotations

import argparse
import time
import warnings
from fractions import Fraction

import numpy as np

from alliancegames.solvers.enumeration import solve

try:
    import nashpy as nash
except ImportError:  # pragma: no cover
    nash = None
try:
    import pygambit as gbt
except ImportError:  # pragma: no cover
    gbt = None


def exact(M: np.ndarray) -> list[list[Fraction]]:
    return [
        [Fraction(int(v)) if isinstance(v, (int, np.integer)) else Fraction(repr(float(v))) for v in r]
        for r in M.tolist()
    ]


def gambit(A: np.ndarray, B: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]] | None:
    if gbt is None:
        return None
    g = gbt.StrategicGame.from_arrays(exact(A), exact(B))  # pygambit 17: label-based API
    res = gbt.nash.enummixed_solve(g, rational=True)
    players = list(g.players)
    out = {
        tuple(tuple(Fraction(str(prof[p][s])) for s in g.get_strategies(p)) for p in players)
        for prof in res.equilibria
    }
    return [(np.array(x, dtype=float), np.array(y, dtype=float)) for x, y in out]


def timed(fn, *args):
    """``(result, seconds)``; result ``None`` if ``fn`` raised (nashpy can crash on ties)."""
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            out = fn(*args)
        except Exception:  # noqa: BLE001 - a crash is a result here
            out = None
    return out, time.perf_counter() - t


def solve_profiles(A, B):
    return [(np.array(e.strategies[0]), np.array(e.strategies[1])) for e in solve(A, B)]


def support_enumeration(A, B):
    return list(nash.Game(A, B).support_enumeration())


def vertex_enumeration(A, B):
    return list(nash.Game(A, B).vertex_enumeration())


def misses(reference, found) -> int:
    return sum(
        not any(np.allclose(x, fx, atol=1e-6) and np.allclose(y, fy, atol=1e-6) for fx, fy in found)
        for x, y in reference
    )


FAMILIES = {
    "uniform floats": lambda rng, m, n: (rng.random((m, n)), rng.random((m, n))),
    "ties {0,1,2}": lambda rng, m, n: (rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=20, help="games per size and family")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    head = (
        f"{'family':15} {'size':>4} {'solve ms':>9} {'supp ms':>9} {'vert ms':>9} "
        f"{'supp/solve':>10} {'vert/solve':>10} {'#gambit':>7} {'miss solve':>10} {'miss supp':>9} {'miss vert':>9} {'crash':>5}"
    )
    print(head)
    print("-" * len(head))
    for fam, make in FAMILIES.items():
        for size in range(2, 7):
            t_s = t_se = t_ve = 0.0
            n_ref = m_s = m_se = m_ve = crash_se = crash_ve = 0
            for _ in range(args.games):
                A, B = make(rng, size, size)
                ours, dt = timed(solve_profiles, A, B)
                t_s += dt
                se, dt = timed(support_enumeration, A, B)
                t_se += dt
                ve, dt = timed(vertex_enumeration, A, B)
                t_ve += dt
                crash_se += se is None
                crash_ve += ve is None
                se, ve = se or [], ve or []
                ref = gambit(A, B)
                if ref is not None:
                    n_ref += len(ref)
                    m_s += misses(ref, ours)
                    m_se += misses(ref, se)
                    m_ve += misses(ref, ve)
            k = args.games
            print(
                f"{fam:15} {size}x{size} {1e3 * t_s / k:9.2f} {1e3 * t_se / k:9.2f} {1e3 * t_ve / k:9.2f} "
                f"{t_se / t_s:10.2f} {t_ve / t_s:10.2f} {n_ref:7d} {m_s:10d} {m_se:9d} {m_ve:9d} {crash_se + crash_ve:5d}"
            )
    print(
        f"\n{args.games} games per row (seed {args.seed}); times are means per game; "
        "ratios > 1 mean nashpy is slower; misses are Gambit equilibria not found;\n"
        "crash counts nashpy calls that raised (their equilibria count as missed)."
    )


if __name__ == "__main__":
    main()
