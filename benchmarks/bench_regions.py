"""Timings of the symbolic analysis (issue 12 targets: regions of the 3x3 three-parameter game < 1 s,
2x2 < 0.1 s; five-move tree < 5 s), against the previous version of the regions module in the same run.

Run: ``python benchmarks/bench_regions.py``.  Each symbolic job is timed
with cold caches (ours and sympy's), as CPU time of this process (the
machine may be shared: wall time would measure the neighbours), the least of
``REPEAT`` cold calls; the anchor
is nashpy's support enumeration on one numeric instance of the same game,
so the ratio says how many numeric solves one symbolic analysis costs.
The previous version is ``alliancegames/analysis/regions.py`` at commit
1fee5c7 (before the conditions kernel was split out and extended), loaded
from git; it is timed on the same games and its piece counts are printed
next to the current ones: boundary pieces listed now, limits of listed pieces
at ties (``Regions.limits``, not listed) and the count with every boundary
piece listed (``limits=False``).
"""

from __future__ import annotations

import subprocess
import sys
import time
import types
import warnings
from pathlib import Path

import sympy as sp

from alliancegames.analysis import conditions as R
from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.tree import backward_induction, decision, game_tree, strategic_form, terminal
from alliancegames.core.model import normal_form, parameter
from alliancegames.core.numeric import evaluate

# The 3x3 benchmark game is defined once, in tests/_games.py (its piece counts are also tested there)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _games import random_3x3  # noqa: E402

PREVIOUS = "1fee5c7"


def _previous_regions():
    """The regions module as it was at commit ``PREVIOUS`` (None if git or the commit is missing)."""
    root = Path(__file__).resolve().parents[1]
    try:
        src = subprocess.run(
            ["git", "show", f"{PREVIOUS}:alliancegames/analysis/regions.py"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    mod = types.ModuleType("previous_regions")
    sys.modules["previous_regions"] = mod
    exec(compile(src, "previous_regions.py", "exec"), mod.__dict__)  # our own file from git, not user input
    return mod


def _clear_caches(old=None) -> None:
    R.clear_caches()
    if old is not None:
        for f in (old._normalize, old._factor_signs, old._linear_signs):
            f.cache_clear()


REPEAT = 3


def _time(fn, old=None, repeat: int = REPEAT) -> float:
    """CPU time of a first (cold) call, the least of ``repeat`` cold calls: before each, our caches
    are cleared and sympy's cache is emptied, as for a user's first call.  The least is the
    call least disturbed by the neighbours of a shared machine (as ``timeit`` advises)."""
    best = float("inf")
    for _ in range(repeat):
        _clear_caches(old)
        sp.core.cache.clear_cache()
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def _nashpy(model, values) -> float:
    import nashpy as nash

    g = evaluate(model, values)
    A, B = g.A.astype(float), g.B.astype(float)
    t = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(20):
            list(nash.Game(A, B).support_enumeration())
    return (time.process_time() - t) / 20


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
    old = _previous_regions()
    rows = []
    m2 = chicken_2x2()
    m3 = random_3x3()
    for name, model, target, point in (
        ("regions 2x2 (chicken, 2 params)", m2, 0.1, {"c": 2, "v": 1}),
        ("regions 3x3 (random, 3 params)", m3, 1.0, {"a": 1, "b": 0, "c": -1}),
    ):
        t_new = _time(lambda model=model: equilibrium_regions(model))
        t_old = _time(lambda model=model: old.equilibrium_regions(model), old) if old else float("nan")
        rows.append((name, t_new, target, _nashpy(model, point), t_old))
    tree = escalation_tree()
    tt = _time(lambda: backward_induction(tree))
    rows.append(("backward induction, 5-move tree", tt, 5.0, float("nan"), float("nan")))
    ts = _time(lambda: strategic_form(tree))
    rows.append(("strategic form, 5-move tree", ts, 5.0, float("nan"), float("nan")))
    print(f"CPU seconds; previous version = regions.py at {PREVIOUS}")
    print(
        f"{'job':36s} {'now':>8s} {'target':>7s} {'previous':>9s} {'now/prev':>9s} "
        f"{'nashpy 1 pt':>12s} {'ratio':>7s}"
    )
    for name, t, target, anchor, t_old in rows:
        ratio = t / anchor if anchor == anchor else float("nan")
        flag = "ok" if t < target else "SLOW"
        print(
            f"{name:36s} {t:8.3f} {target:7.1f} {t_old:9.3f} {t / t_old:9.2f} {anchor:12.6f} {ratio:7.0f}  {flag}"
        )
    reg = equilibrium_regions(m3)
    every = equilibrium_regions(m3, limits=False)  # every boundary candidate listed (issue 12's "before")
    print(
        f"\n3x3 now: {len(reg.generic)} generic + {len(reg.boundary)} boundary pieces "
        f"(target: at most a few dozen boundary pieces), {len(reg.limits)} limits of listed pieces at ties "
        f"(not listed), {len(reg.dropped)} dropped, {len(reg.undecided)} kept undecided"
    )
    print(
        f"3x3 with every boundary piece listed (limits=False): {len(every.generic)} generic + "
        f"{len(every.boundary)} boundary pieces ({len(every.boundary) + every.merged} before merging), "
        f"{len(every.dropped)} dropped"
    )
    if old:
        prev = old.equilibrium_regions(m3)
        print(
            f"3x3 previous: {len(prev.generic)} generic + {len(prev.boundary)} boundary pieces, "
            f"{len(prev.dropped)} dropped"
        )
    print(f"tree: {len(backward_induction(tree))} SPE cases")


if __name__ == "__main__":
    main()
