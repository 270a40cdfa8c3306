"""Timings of the PBE pieces of signalling games (issue 14 target: 2 types, 2 messages, 2 actions,
four parameters in under 2 s).

Run: ``python benchmarks/bench_signalling.py``.  Each symbolic analysis (pure and hybrid PBE) is
timed three times with cold caches (ours and sympy's) and the fastest run is reported — wall-clock
and the process's CPU time (less sensitive to other processes on a shared machine) — with the load
average at the start.  Anchors in the same run: the independent exact check
(:func:`alliancegames.analysis.signalling.pbe_at` and ``hybrid_at``) at one point, and Gambit's ``enumpure`` on the
same game written as an ``.efg`` file (pure Nash equilibria of the tree, not PBE; pygambit is
test-only and optional here), so the ratios say how many numeric solves one symbolic analysis costs.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import sympy as sp

from alliancegames.analysis import conditions as R
from alliancegames.analysis.signalling import hybrid_at, pbe_at, perfect_bayesian_equilibria
from alliancegames.core.bayesian import signalling_game
from alliancegames.core.efg import write_efg
from alliancegames.core.model import parameter
from alliancegames.models import get_model


def _cold(fn):
    for f in vars(R).values():  # every cache of the conditions kernel, whatever it is called
        if callable(getattr(f, "cache_clear", None)):
            f.cache_clear()
    sp.core.cache.clear_cache()
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t, time.process_time() - c, out


def four_parameter_game():
    """Two types, two messages, two actions; prior p, signal cost c, stakes f and v."""
    p = parameter("p", "prior of the resolute type", "probability", sp.Rational(1, 3))
    c = parameter("c", "signal cost", "positive", 1)
    f = parameter("f", "resolute type's loss when challenged", "positive", 2)
    v = parameter("v", "irresolute type's loss when challenged", "positive", sp.Rational(1, 2))
    P, C, F, V = (q.symbol for q in (p, c, f, v))

    def pay(t, m, a):
        cost = -C if m == "Signal" else 0
        if a == "Wait":
            return cost, 0
        return cost - (F if t == "resolute" else V), (-1 if t == "resolute" else 1)

    return signalling_game("bench", ("S", "R"), ("resolute", "irresolute"), [p, c, f, v],
                           {"resolute": "p", "irresolute": 1 - P}, ("Signal", "None"), ("Attack", "Wait"), pay)  # fmt: skip


def _gambit_enumpure(game) -> float | None:
    try:
        import pygambit as gbt
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.efg"
        write_efg(game.to_efg(), path)
        G = gbt.read_efg(str(path))
        t = time.perf_counter()
        gbt.nash.enumpure_solve(G)
        return time.perf_counter() - t


def main() -> None:
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")
    rows = []
    for name, game in [
        ("4-parameter 2x2x2", four_parameter_game()),
        ("costly_alliance (7 parameters)", get_model("costly_alliance")),
        ("sinking_costs (7 parameters)", get_model("sinking_costs")),
        ("straddle_crisis (3 messages, 7 p.)", get_model("straddle_crisis")),
    ]:
        runs = [_cold(lambda g=game: perfect_bayesian_equilibria(g)) for _ in range(3)]
        sym, cpu, res = min(runs, key=lambda r: r[0])
        t = time.perf_counter()
        pbe_at(game, {}), hybrid_at(game, {})
        num = time.perf_counter() - t
        gam = _gambit_enumpure(game)
        rows.append((name, len(res), sym, cpu, num, gam))
    print(
        f"{'game':34s} {'PBE':>4s} {'symbolic s':>11s} {'cpu s':>6s} {'direct s':>9s} {'ratio':>8s} {'gambit s':>9s}"
    )
    for name, n, sym, cpu, num, gam in rows:
        g = f"{gam:9.4f}" if gam is not None else "      n/a"
        print(f"{name:34s} {n:4d} {sym:11.3f} {cpu:6.3f} {num:9.4f} {sym / num:8.0f} {g}")


if __name__ == "__main__":
    main()
