"""How often comparative statics stay "undetermined" on the library's models, and why
(issue 12, deliverable 4c).

Run: ``python benchmarks/report_statics.py``.  For every normal-form model of the
library (its registry defaults), the symbolic regions are built and, for every
generic mixed piece, the statics of each player's probability of their first
action are taken in every parameter, inside the piece's own region (its
conditions become assumptions).  Each "undetermined" static is then sampled:
float points of the piece's region are drawn (rejection sampling over the
parameters' domains) and the derivative's sign is evaluated there.  An
undetermined static whose sampled signs differ is *undetermined by nature* (the
sign changes inside the region); one whose sampled signs agree is a *proof
failure* of the sign kernel (or a sign change the sampling missed).  Nothing is
decided by these floats: they only classify what the kernel left undecided.
"""

from __future__ import annotations

import random
import warnings
from collections import Counter

import numpy as np
import sympy as sp

from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.statics import comparative_statics
from alliancegames.core.model import NormalFormModel
from alliancegames.models import get_model, list_models

DRAWS = 4000  # rejection-sampling draws per undetermined static


def _draw(p, rng: random.Random) -> float:
    if p.domain == "probability":
        return rng.uniform(0.001, 0.999)
    if p.domain in ("positive", "nonnegative"):
        return rng.uniform(0.01, 20.0)
    return rng.uniform(-20.0, 20.0)


def _sampled_signs(static, cond, parameters, rng: random.Random) -> set[int]:
    """Signs of the derivative at float points of ``cond`` (rejection sampling)."""
    syms = [p.symbol for p in parameters]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inside = sp.lambdify(syms, cond, "math") if cond is not sp.true else (lambda *a: True)
        deriv = sp.lambdify(syms, static.derivative, "math")
        out: set[int] = set()
        for _ in range(DRAWS):
            x = [_draw(p, rng) for p in parameters]
            try:
                if not inside(*x):
                    continue
                d = float(deriv(*x))
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                continue
            if np.isfinite(d) and abs(d) > 1e-9:
                out.add(1 if d > 0 else -1)
    return out


def main() -> None:
    rng = random.Random(0)
    counts: Counter[str] = Counter()
    rows = []
    for name in list_models()["name"]:
        model = get_model(name)
        if not isinstance(model, NormalFormModel):
            continue
        reg = equilibrium_regions(model)
        for piece in reg.generic:
            if all(len(s) == 1 for s in piece.support):
                continue
            for player in (0, 1):
                action = model.actions[player][0]
                for p in model.parameters:
                    st = comparative_statics(piece, p.name, of=(player, action))
                    kind = st.sign
                    if st.sign == "undetermined":
                        cases = [c for _, c, sg in st.regions if sg == "undetermined"] or [piece.conditions]
                        signs = set().union(*(_sampled_signs(st, c, model.parameters, rng) for c in cases))
                        kind = (
                            "undetermined: sign changes" if signs == {-1, 1} else "undetermined: proof failed"
                        )
                        rows.append(
                            (
                                name,
                                piece.label,
                                f"{model.players[player]}: P({action})",
                                p.name,
                                kind,
                                sorted(signs),
                            )
                        )
                    counts[
                        kind
                        if kind.startswith("undetermined")
                        else "decided"
                        if kind != "by region"
                        else kind
                    ] += 1
    total = sum(counts.values())
    print(f"statics of mixed pieces on the library's normal-form models: {total}")
    for k in ("decided", "by region", "undetermined: sign changes", "undetermined: proof failed"):
        print(f"  {k:30s} {counts[k]:4d}")
    for r in rows:
        print("  ", *r)


if __name__ == "__main__":
    main()
