"""Timings of the symbolic analysis (issue 3 targets: 2x2 < 1 s, 3x3 < 10 s, five-move tree < 5 s).

Run: ``python benchmarks/bench_regions.py``.  Each symbolic job is timed
once with cold caches (ours and sympy's); the anchor
is nashpy's support enumeration on one numeric instance of the same game,
so the ratio says how many numeric solves one symbolic analysis costs.
"""

from __future__ import annotations

import random
import time
import warnings

import sympy as sp

from alliancegames.analysis import conditions as R
from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.tree import backward_induction, decision, game_tree, strategic_form, terminal
from alliancegames.core.model import normal_form, parameter
from alliancegames.core.numeric import evaluate


def _clear_caches() -> None:
    for f in (R._normalize, R._factor_signs, R._linear_signs):
        f.cache_clear()


def _time(fn, repeat: int = 3) -> float:
    """Time of the first (cold) run: our caches are cleared and sympy's own cache is cold
    for these expressions, as for a user's first call."""
    _clear_caches()
    sp.core.cache.clear_cache()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _nashpy(model, values) -> float:
    import nashpy as nash

    g = evaluate(model, values)
    A, B = g.A.astype(float), g.B.astype(float)
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(20):
            list(nash.Game(A, B).support_enumeration())
    return (time.perf_counter() - t) / 20


def chicken_2x2():
    c = parameter("c", "cost of a crash", "positive")
    v = parameter("v", "value of the prize", "positive")
    return normal_form(
        "chicken",
        ("A", "B"),
        (("Swerve", "Straight"),) * 2,
        [c, v],
        [[(0, 0), (-1, "v")], [("v", -1), (-c.symbol, -c.symbol)]],
    )


def random_3x3(seed: int = 7):
    rng = random.Random(seed)
    params = [parameter("a"), parameter("b"), parameter("c")]
    syms = [p.symbol for p in params]

    def entry():
        return rng.randint(-3, 3) + sum(rng.randint(-1, 1) * s for s in syms)

    table = [[(entry(), entry()) for _ in range(3)] for _ in range(3)]
    return normal_form("random 3x3", ("R", "C"), (("r0", "r1", "r2"), ("c0", "c1", "c2")), params, table)


def escalation_tree():
    """Five alternating moves (stop or escalate), payoffs linear in three parameters."""
    w, k, s = (
        parameter("w", "value of winning", "positive"),
        parameter("k", "cost per round", "positive"),
        parameter("s", "status quo", "real"),
    )
    W, K, S = w.symbol, k.symbol, s.symbol
    node = terminal((W / 2 - 5 * K, W / 2 - 5 * K))
    for depth in range(5, 0, -1):
        mover = "A" if depth % 2 else "B"
        stop = (S - depth * K, W - depth * K) if mover == "A" else (W - depth * K, S - depth * K)
        node = decision(mover, {"Stop": terminal(stop), "Escalate": node})
    return game_tree("escalation ladder", ("A", "B"), [w, k, s], node)


def main() -> None:
    rows = []
    m2 = chicken_2x2()
    t2 = _time(lambda: equilibrium_regions(m2))
    rows.append(("regions 2x2 (chicken, 2 params)", t2, 1.0, _nashpy(m2, {"c": 2, "v": 1})))
    m3 = random_3x3()
    t3 = _time(lambda: equilibrium_regions(m3))
    rows.append(("regions 3x3 (random, 3 params)", t3, 10.0, _nashpy(m3, {"a": 1, "b": 0, "c": -1})))
    tree = escalation_tree()
    tt = _time(lambda: backward_induction(tree))
    rows.append(("backward induction, 5-move tree", tt, 5.0, float("nan")))
    ts = _time(lambda: strategic_form(tree))
    rows.append(("strategic form, 5-move tree", ts, 5.0, float("nan")))
    print(f"{'job':40s} {'seconds':>9s} {'target':>7s} {'nashpy 1 point':>15s} {'ratio':>9s}")
    for name, t, target, anchor in rows:
        ratio = t / anchor if anchor == anchor else float("nan")
        flag = "ok" if t < target else "SLOW"
        print(f"{name:40s} {t:9.4f} {target:7.1f} {anchor:15.6f} {ratio:9.0f}  {flag}")
    reg = equilibrium_regions(m3)
    print(
        f"\n3x3: {len(reg.generic)} generic + {len(reg.boundary)} boundary pieces, {len(reg.dropped)} dropped"
    )
    print(f"tree: {len(backward_induction(tree))} SPE cases")


if __name__ == "__main__":
    main()
