"""Benchmark: exact solving of irrational payoffs (radical number field) against nashpy on floats.

Run from the repository root::

    python benchmarks/bench_irrational.py [--repeat 3]

The burden-sharing game (Cobb-Douglas utilities) has irrational payoffs at
rational parameter values: square roots at ``alpha = 1/2``, cube roots at
``1/3``, hundredth roots at ``37/100``.  For each point it times
``solve(model, params=point)`` (exact evaluation and exact vertex enumeration in
the payoffs' number field, float output) and nashpy's ``support_enumeration`` on
the same game's float payoffs, prints the ratio (solve / nashpy; nashpy does no
model evaluation and no exact arithmetic), and whether nashpy found every
equilibrium ``solve`` found.  At the issue's tie point (the column player's two
payoffs are both exactly 13*sqrt(6)/12) nashpy sees two floats that differ in
the last bit.  This is a report, not a test.
"""

from __future__ import annotations

import argparse
import time
import warnings
from fractions import Fraction as F

import numpy as np

from alliancegames.core.numeric import evaluate
from alliancegames.models import get_model
from alliancegames.solvers.enumeration import solve

try:
    import nashpy as nash
except ImportError:  # pragma: no cover
    nash = None

POINTS = {
    "defaults": {},
    "tie (issue 17)": dict(income_large=F(13, 2), income_small=F(13, 4), alpha=F(1, 2), share_high=F(1, 3), share_low=F(0)),
    "alpha=1/2": dict(income_large=F(7, 4), income_small=F(33, 4), alpha=F(1, 2), share_high=F(3, 10), share_low=F(1, 10)),
    "alpha=1/3": dict(income_large=F(13, 2), income_small=F(13, 4), alpha=F(1, 3), share_high=F(1, 3), share_low=F(1, 20)),
    "alpha=37/100": dict(income_large=F(13, 2), income_small=F(13, 4), alpha=F(37, 100), share_high=F(1, 3), share_low=F(1, 20)),
}


def best(fn, repeat: int) -> tuple[object, float]:
    out, times = None, []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    model = get_model("burden_sharing_matrix")
    print(f"{'point':<16} {'solve s':>8} {'nashpy s':>9} {'ratio':>7}  equilibria (solve)  nashpy found all")
    for name, point in POINTS.items():
        sol, t_solve = best(lambda point=point: solve(model, params=point), args.repeat)
        A, B = evaluate(model, point).floats()
        if nash is None:
            print(f"{name:<16} {t_solve:8.3f} {'-':>9} {'-':>7}  {len(sol)}")
            continue

        def run_nashpy(A=A, B=B):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return list(nash.Game(A, B).support_enumeration())

        found, t_nash = best(run_nashpy, args.repeat)
        all_found = all(
            any(np.allclose(e.strategies[0], x, atol=1e-6) and np.allclose(e.strategies[1], y, atol=1e-6) for x, y in found)
            for e in sol
        )
        print(f"{name:<16} {t_solve:8.3f} {t_nash:9.4f} {t_solve / t_nash:7.0f}  {', '.join(sol.labels):<19} {all_found}")


if __name__ == "__main__":
    main()
