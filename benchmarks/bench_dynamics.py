"""Benchmark: the shadow of the future and replicator dynamics, against nashpy and QuantEcon in one run.

Run from the repository root::

    python benchmarks/bench_dynamics.py
    python benchmarks/bench_dynamics.py --no-quantecon     # skip the Abreu-Sannikov comparison

Cases
-----
1. The grim-trigger discount threshold of Snyder's primary alliance game on a
   100 x 100 grid of (g_advantage, k_cost): symbolic derivation once, then
   :func:`~alliancegames.analysis.repeated.threshold_grid` (target: under 1 s;
   the derivation is timed separately).
2. Two-population replicator dynamics of Snyder's alliance game (assurance
   region) from 10^4 seeded starting points: the batched numpy RK4 of
   :func:`~alliancegames.studies.dynamics.replicator` on all of them against
   nashpy's ``asymmetric_replicator_dynamics`` (scipy ``odeint``) one start at a
   time on a 200-start subsample (per-start times compared; the subsample's end
   states are compared with the batched ones).
3. QuantEcon's ``RepeatedGame.equilibrium_payoffs(method="AS")`` (Abreu-Sannikov)
   for the primary alliance game at discount factors around the grim-trigger
   threshold: mutual abstention (0, 0) is a subgame-perfect payoff iff
   delta >= (g - k)/g; the benchmark prints whether the two agree.

Timings are the best of a few repeats (wall clock) on a shared machine: ratios
matter more than absolute times.  QuantEcon is a bench/test dependency.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from alliancegames.analysis.repeated import grim_trigger, threshold_grid
from alliancegames.core.numeric import evaluate
from alliancegames.models import primary_alliance, snyder_alliance
from alliancegames.studies.dynamics import replicator, uniform_starts


def best(f, repeat=3):
    times = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def threshold_case() -> None:
    t0 = time.perf_counter()
    g = grim_trigger(primary_alliance(), ("Abstain", "Abstain"), ("Ally", "Ally"))
    derive = time.perf_counter() - t0
    gs, ks = np.linspace(1.5, 4, 100), np.linspace(0.2, 1, 100)
    t, grid = best(lambda: threshold_grid(g, {"g_advantage": gs, "k_cost": ks}))
    exact = (gs[:, None] - ks[None, :]) / gs[:, None]
    print("1. grim-trigger threshold, 100 x 100 grid")
    print(f"   symbolic derivation (once): {derive:.3f} s; grid evaluation: {t * 1e3:.2f} ms (target < 1 s)")
    print(f"   max |grid - (g-k)/g| = {np.max(np.abs(grid - exact)):.2e}")


def replicator_case(n: int = 10_000, sub: int = 200) -> None:
    model = snyder_alliance()
    starts = uniform_starts(model.shape, n, random_state=0)
    t_batch, res = best(lambda: replicator(model, starts, t_max=10.0, steps=1000), repeat=2)
    t_np, ref = best(
        lambda: replicator(model, starts[:sub], t_max=10.0, steps=1000, method="nashpy"), repeat=1
    )
    per_batch, per_np = t_batch / n, t_np / sub
    diff = np.max(np.abs(res.ends[:sub] - ref.ends))
    print(f"2. replicator dynamics, Snyder's alliance game, {n} starts (t = 10, 1000 RK4 steps)")
    print(f"   batched numpy: {t_batch:.2f} s ({per_batch * 1e6:.1f} us/start)")
    print(f"   nashpy odeint, one at a time ({sub}-start subsample): {per_np * 1e3:.2f} ms/start")
    print(
        f"   speed-up per start: {per_np / per_batch:.0f}x; max |end difference| on the subsample: {diff:.1e}"
    )
    print(f"   outcomes: {res.counts()}; identical labels on subsample: {res.outcomes[:sub] == ref.outcomes}")


def quantecon_case() -> None:
    """Where the Abreu-Sannikov set and the grim-trigger threshold overlap.

    AS computes all pure-strategy SPE payoffs *with public randomisation*.  The
    overlap with grim trigger: the worst SPE payoff of each player, min W_i.  If it
    equals the stage-equilibrium payoff P, Nash reversion is the harshest credible
    punishment, and stationary mutual abstention (R every period) is an SPE iff
    R >= (1 - delta) T + delta min W_i -- our threshold.  AS also contains (0, 0)
    below the threshold, as a lottery over asymmetric equilibria: that is outside
    the overlap (a non-stationary, randomised path) and is printed as such.
    """
    try:
        from quantecon.game_theory import NormalFormGame, RepeatedGame
    except ImportError:
        print("3. QuantEcon not installed: skipped")
        return
    from scipy.spatial import QhullError

    g = evaluate(primary_alliance(), {})
    A, B = g.A.astype(float), g.B.astype(float)
    R, T, P = A[1, 1], A[0, 1], A[0, 0]
    thr = float(grim_trigger(primary_alliance(), ("Abstain", "Abstain"), ("Ally", "Ally")).threshold_at())
    nfg = NormalFormGame([[(A[i, j], B[i, j]) for j in range(2)] for i in range(2)])
    print(f"3. QuantEcon Abreu-Sannikov vs the grim-trigger threshold {thr:.4f} (primary alliance, defaults)")
    for delta in (0.2, thr - 0.1, thr - 0.02, thr + 0.02, thr + 0.1):
        t = time.perf_counter()
        try:
            hull = RepeatedGame(nfg, delta).equilibrium_payoffs(method="AS")
            pts = hull.points[hull.vertices]
        except QhullError:  # QuantEcon fails when the set is a single point
            pts = np.array([[P, P]])
        took = time.perf_counter() - t
        worst = pts.min(axis=0)
        stationary = bool(R >= (1 - delta) * T + delta * worst[0] - 1e-9)
        print(
            f"   delta = {delta:.3f}: worst SPE payoffs {worst.round(4).tolist()} (P = {P:g}); "
            f"stationary cooperation enforceable per AS: {stationary}, per threshold: {delta >= thr}, "
            f"agree: {stationary == (delta >= thr)}; AS vertices {pts.round(3).tolist()} ({took:.2f} s)"
        )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-quantecon", action="store_true")
    args = ap.parse_args()
    threshold_case()
    replicator_case()
    if not args.no_quantecon:
        quantecon_case()
