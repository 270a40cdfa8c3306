"""Benchmark: batched sweeps against looping nashpy and QuantEcon, measured in one run.

Run from the repository root::

    python benchmarks/bench_sweep.py            # the cases of issue 5
    python benchmarks/bench_sweep.py --big      # also a 10^7-point sweep (peak memory)

Cases
-----
1. A 2x2 abandonment/entrapment model (our test coding) on a 1000 x 1000 grid:
   the whole ``sweep`` (evaluation, solving, DataFrame) against nashpy's
   ``support_enumeration`` looped over a random subsample of 2,000 grid points
   (per-point times compared).
2. 10^4 random 3x3 games (standard normal payoffs, seed 0): ``solve_batch``
   against the nashpy loop (2,000-game subsample, per game) and against
   QuantEcon's numba ``support_enumeration`` looped over all 10^4 games
   (compiled beforehand; ``NormalFormGame`` objects built outside the timing),
   with the equilibria compared for identity.

Timings are the best of a few repeats (wall clock); the machine is shared, so
ratios matter more than absolute times.  QuantEcon is a benchmark-only
dependency (skipped when missing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from alliancegames.solvers.batch import solve_batch
from alliancegames.studies.sweeps import sweep

# The 2x2 test game is defined once, in tests/_games.py (also imported by the
# subprocess of ``case_big`` through ``from bench_sweep import alliance_game``).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _games import alliance_game  # noqa: E402


def best_of(f, repeats=3):
    best, out = float("inf"), None
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def nashpy_loop(A, B):
    import nashpy

    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for a, b in zip(A, B):
            out.append(list(nashpy.Game(a, b).support_enumeration()))
    return out


def canon(eqs, nd=8):
    return sorted(tuple(np.round(np.concatenate([x, y]), nd).tolist()) for x, y in eqs)


def case_2x2(n_nashpy: int = 2000) -> None:
    model = alliance_game()
    grid = {"p": np.linspace(0, 1, 1000), "c_E": np.linspace(0.01, 1, 1000)}
    sweep(model, {"p": [0.5], "c_E": [0.5]})  # compile once (cached), warm up
    t_sweep, df = best_of(lambda: sweep(model, grid, progress=False))
    n = 1000 * 1000
    from alliancegames.core.numeric import compile_model

    A, B = compile_model(model)(p=df["p"].to_numpy(), c_E=df["c_E"].to_numpy())
    first = df["eq"].to_numpy() == 0
    A, B = A[first], B[first]
    t_batch, r = best_of(lambda: solve_batch(A, B))
    rng = np.random.default_rng(0)
    idx = rng.choice(n, n_nashpy, replace=False)
    t_np, np_eqs = best_of(lambda: nashpy_loop(A[idx], B[idx]), repeats=1)
    agree = sum(
        canon(np_eqs[k]) == canon((x, y) for x, y, _ in r.equilibria(g))
        for k, g in enumerate(idx)
        if not r.exact[g]  # nashpy is not reliable on degenerate points
    )
    per_np = t_np / n_nashpy
    print("== 2x2 model, 1000 x 1000 grid ==")
    print(
        f"sweep (evaluate + solve + DataFrame, {len(df):,} rows): {t_sweep:.3f} s   ({t_sweep / n * 1e6:.2f} us/point)"
    )
    print(
        f"solve_batch only: {t_batch:.3f} s   ({t_batch / n * 1e6:.3f} us/point); exact-path points: {int(r.exact.sum())}"
    )
    print(
        f"nashpy support_enumeration loop on {n_nashpy} points: {t_np:.3f} s   ({per_np * 1e6:.1f} us/point)"
    )
    print(
        f"ratio per point, nashpy / sweep: {per_np / (t_sweep / n):,.0f}x   (nashpy / solve_batch: {per_np / (t_batch / n):,.0f}x)"
    )
    print(
        f"identical equilibria on the {agree} non-degenerate subsample points: {agree}/{int((~r.exact[idx]).sum())}"
    )


def case_3x3(N: int = 10_000, n_nashpy: int = 2000) -> None:
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(N, 3, 3)), rng.normal(size=(N, 3, 3))
    solve_batch(A[:10], B[:10])
    t_batch, r = best_of(lambda: solve_batch(A, B))
    t_np, np_eqs = best_of(lambda: nashpy_loop(A[:n_nashpy], B[:n_nashpy]), repeats=1)
    same_np = sum(canon(np_eqs[g]) == canon((x, y) for x, y, _ in r.equilibria(g)) for g in range(n_nashpy))
    print(f"\n== {N:,} random 3x3 games ==")
    print(
        f"solve_batch: {t_batch:.4f} s   ({t_batch / N * 1e6:.2f} us/game); exact-path games: {int(r.exact.sum())}"
    )
    print(f"nashpy loop on {n_nashpy} games: {t_np:.3f} s   ({t_np / n_nashpy * 1e6:.0f} us/game)")
    print(
        f"ratio per game, nashpy / solve_batch: {(t_np / n_nashpy) / (t_batch / N):,.0f}x; identical equilibria: {same_np}/{n_nashpy}"
    )
    try:
        from quantecon.game_theory import NormalFormGame, Player, support_enumeration
    except ImportError:
        print("QuantEcon not installed: comparison skipped (pip install quantecon)")
        return
    games = [NormalFormGame((Player(a), Player(b.T))) for a, b in zip(A, B)]
    support_enumeration(games[0])  # numba compilation, excluded
    t_qe, qe_eqs = best_of(lambda: [support_enumeration(g) for g in games])
    same_qe = sum(canon(qe_eqs[g]) == canon((x, y) for x, y, _ in r.equilibria(g)) for g in range(N))
    print(
        f"QuantEcon support_enumeration (numba) loop on {N:,} games: {t_qe:.4f} s   ({t_qe / N * 1e6:.2f} us/game)"
    )
    print(f"ratio, QuantEcon / solve_batch: {t_qe / t_batch:.1f}x; identical equilibria: {same_qe}/{N}")


def case_big(n: int = 10**7) -> None:
    code = (
        "import resource, time, numpy as np, sys; sys.path.insert(0, 'benchmarks');"
        "from bench_sweep import alliance_game; from alliancegames.studies.sweeps import sweep;"
        f"side = int(round({n} ** 0.5)); t = time.perf_counter();"
        "df = sweep(alliance_game(), {'p': np.linspace(0, 1, side), 'c_E': np.linspace(0.01, 1, side)}, progress=False);"
        "dt = time.perf_counter() - t;"
        "print(f'{side*side:,} points, {len(df):,} rows in {dt:.1f} s; DataFrame {df.memory_usage(deep=True).sum() / 2**30:.2f} GiB; '"
        "      f'peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB')"
    )
    print("\n== memory: 10^7-point sweep (separate process) ==")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=os.getcwd())
    print(out.stdout.strip() or out.stderr.strip()[-2000:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big", action="store_true", help="also run the 10^7-point memory check")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs\n")
    case_2x2()
    case_3x3()
    if args.big:
        case_big()


if __name__ == "__main__":
    main()
