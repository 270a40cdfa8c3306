"""Benchmark: the cold start of ``import alliancegames`` against ``import nashpy`` and ``import sympy``.

Run from the repository root::

    python benchmarks/bench_import.py [--runs 7]

Each import runs in a fresh interpreter (``python -c "import X"``, the interpreter's own start-up
subtracted by timing ``python -c "pass"`` the same way); the report gives the best of ``--runs``
wall times, the CPU time (user + system, less sensitive to a busy machine) and ratios to nashpy,
the equilibrium library users already know, and to sympy, which defining a model needs. It also
lists which heavy packages the import loaded: pandas, matplotlib and scipy must stay out
(``tests/test_api.py`` checks that part). Target (issue 10): under 0.7 s cold on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

PROBE = """
import json, resource, sys, time
t = time.perf_counter()
{stmt}
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_SELF)
heavy = sorted(m for m in ("pandas", "matplotlib", "scipy", "sympy", "numpy") if m in sys.modules)
print(json.dumps({{"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "heavy": heavy}}))
"""


def measure(stmt: str, runs: int) -> dict:
    walls, cpus, heavy = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(stmt=stmt)], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out)
        walls.append(r["wall"])
        cpus.append(r["cpu"])
        heavy = r["heavy"]
    return {"wall": min(walls), "cpu": min(cpus), "heavy": heavy}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    base = measure("pass", args.runs)
    rows = {name: measure(f"import {name}", args.runs) for name in ("nashpy", "sympy", "alliancegames")}
    print(f"{'import':15s} {'wall s':>8s} {'cpu s':>8s} {'x nashpy':>9s}  heavy packages loaded")
    for name, r in rows.items():
        wall, cpu = r["wall"], r["cpu"] - base["cpu"]
        ratio = wall / rows["nashpy"]["wall"]
        print(f"{name:15s} {wall:8.3f} {cpu:8.3f} {ratio:9.2f}  {', '.join(r['heavy']) or '-'}")
    ag = rows["alliancegames"]["wall"]
    print(f"\nimport alliancegames: {ag:.3f} s (target < 0.7 s): {'met' if ag < 0.7 else 'NOT met'}")


if __name__ == "__main__":
    main()
