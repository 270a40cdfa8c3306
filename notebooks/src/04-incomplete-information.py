# %% [markdown]
# # Incomplete information: reliability, costly alliances and credible signals
#
# Abandonment is a problem of *not knowing*: an ally's commitment is worth what its partner and its
# adversary believe about its resolve. This notebook goes from a **Bayesian game** (a challenger unsure
# whether an alliance is reliable; after Smith 1995 [@smith1995]) to a **signalling game** (an
# alliance as a costly signal of resolve; after Morrow 1994 [@morrow1994_credibility]) and to
# Fearon's two kinds of signal (tying hands versus sinking costs; Fearon 1997 [@fearon1997]). The
# refinement is Cho and Kreps's Intuitive Criterion [@cho_kreps1987]; full entries in
# `alliancegames/data/references.bib`.
#
# All payoffs are **our coding** of the sources' arguments (see `alliancegames.models.signalling`);
# every result below is *derived* by the toolkit — the Bayesian Nash equilibria by the ordinary exact
# solver on the type-contingent strategic form, the perfect Bayesian equilibria (PBE) with their
# conditions by `alliancegames.analysis.signalling` — and the notebook asserts it, checking the
# symbolic conditions against an independent exact check at many points.

# %%
import random
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import sympy as sp

from alliancegames import (
    equilibrium_regions,
    hybrid_at,
    intuitive_at,
    pbe_at,
    per_type,
    perfect_bayesian_equilibria,
    plot,
    solve,
)
from alliancegames.models import CODINGS, get_model

# %% [markdown]
# ## 1. A Bayesian game: unreliable alliances invite attack
#
# The ally is *reliable* with prior probability `r`. The challenger does not know which ally it faces.
# The type-contingent strategic form is an ordinary two-player game: each ally strategy says what each
# type does if attacked.

# %%
smith = get_model("alliance_reliability")
nf = smith.strategic_form()
print(nf)

# %%
S = {p.name: p.symbol for p in smith.parameters}
regions = equilibrium_regions(nf)
for piece in regions.generic:
    print(f"{piece.label:55s} {piece.conditions}")
attack = regions.by_label("reliable:Honour;unreliable:Abandon/Attack")[0]
threshold = [
    rel for rel in attack.conditions.args if isinstance(rel, sp.LessThan) and rel.lhs == S["r"]
][0].rhs
assert sp.simplify(threshold - S["g"] / (S["g"] + S["w"])) == 0
print("\nthe challenger attacks the credible alliance iff r <=", threshold)

# %% [markdown]
# Read back per type: at a low prior of reliability the challenger attacks, the reliable ally honours
# the alliance and the unreliable one abandons it; at a high prior it does not attack.

# %%
for r in (Fraction(1, 5), Fraction(4, 5)):
    sol = solve(nf, params={"r": r}, exact=True)
    credible = [
        e for e in sol
        if per_type(smith, "Ally", e.strategies[0]) == {"reliable": {"Honour": 1}, "unreliable": {"Abandon": 1}}
    ]  # fmt: skip
    rival = {tuple(per_type(smith, "Challenger", e.strategies[1])["challenger"]) for e in credible}
    print(f"r = {r}: challenger {rival}")
    defaults = {s.name: Fraction(str(s.default)) for s in CODINGS["alliance_reliability"].specs}
    expect = ("Attack",) if r < defaults["g"] / (defaults["g"] + defaults["w"]) else ("Not attack",)
    assert rival == {expect}

# %% [markdown]
# ## 2. A signalling game: the alliance as a costly signal
#
# Now the ally can *do* something about the challenger's doubt: form an alliance first, at a peacetime
# cost `c`; an alliance also adds `k` to a challenger's cost of war. A resolute ally (prior `p`) loses
# `f` if challenged (it fights), an irresolute one `v` (it abandons). The PBE, each with its on-path
# beliefs (Bayes' rule), the off-path beliefs that support it, its conditions and where it survives
# the Intuitive Criterion:

# %%
morrow = get_model("costly_alliance")
res = perfect_bayesian_equilibria(morrow)
print(res)

# %%
M = {p.name: p.symbol for p in morrow.parameters}
sep = [e for e in res.of_kind("separating") if dict(e.sender)["resolute"] == "Ally"]
assert len(sep) == 1 and sep[0].cases == (sp.And(M["c"] >= M["v"], M["c"] <= M["f"]),)
print("the alliance separates the types exactly where", sep[0].cases[0])

# %% [markdown]
# Besides the pure (pooling and separating) equilibria the list has two *semi-separating* (hybrid)
# ones: one type mixes between allying and staying unaligned, the challenger mixes after the message
# both types send, and the mixing probabilities `sigma` (of the mixing type) and `rho` (of the
# challenger) are expressions in the parameters.
#
# **The symbolic pieces against an independent check.** At 200 points of the coded ranges (half of them
# on a coarse grid, where ties and boundaries occur), the PBE set read from the conditions must equal
# the set found directly (Bayes' rule on the path, the interval of supporting off-path beliefs,
# sequential rationality; for hybrids, the mixing probabilities found from the receiver's and the mixing
# type's indifference and the whole profile checked forwards), and the Intuitive Criterion must agree
# with its direct computation.

# %%
rng = random.Random(2026)
specs = CODINGS["costly_alliance"].specs
agree = 0
for i in range(200):
    if i % 2:
        pt = {s.name: Fraction(str(s.plausible[0])) + (Fraction(str(s.plausible[1])) - Fraction(str(s.plausible[0])))
              * Fraction(rng.randint(0, 4), 4) for s in specs}  # fmt: skip
    else:
        pt = {s.name: Fraction(str(s.plausible[0])) + (Fraction(str(s.plausible[1])) - Fraction(str(s.plausible[0])))
              * Fraction(rng.randint(0, 1000), 1000) for s in specs}  # fmt: skip
    pt["p"] = min(max(pt["p"], Fraction(1, 100)), Fraction(99, 100))
    found = res.at(pt)
    hybrids = hybrid_at(morrow, pt)
    assert {e.profile for e in found} == pbe_at(morrow, pt) | set(hybrids), pt
    assert all(e.mixing_at(pt) == dict(zip(("sigma", "rho"), hybrids[e.profile])) for e in found if e.mixing)
    assert all(e.survives_intuitive_at(pt) == intuitive_at(morrow, e.profile, pt) for e in found)
    agree += 1
print(f"symbolic and direct PBE sets agree at {agree} points")

# %% [markdown]
# ## 3. The regime map over (prior, signal cost), with the Intuitive Criterion
#
# Colour the plane of the prior `p` and the alliance's cost `c` by the equilibria that survive the
# Intuitive Criterion (other parameters at their coded defaults). The lines are the derived
# thresholds: `c = v` and `c = f` (the separating band), `p = g/(g + w)` (a challenger deterred by the
# prior alone) and `p = g/(g + w + k)` (deterred by an alliance that pools).

# %%
d = {s.name: float(s.default) for s in specs}
P, C = np.meshgrid(np.linspace(0.005, 0.995, 100), np.linspace(0.03, 3.97, 80))  # no grid line on a boundary
table = res.regime_table({"p": P, "c": C})
fig, ax = plt.subplots(figsize=(7.5, 4.5))
bounds = [
    np.array([[0.01, d["v"]], [0.99, d["v"]]]),
    np.array([[0.01, d["f"]], [0.99, d["f"]]]),
    np.array([[d["g"] / (d["g"] + d["w"]), 0.05], [d["g"] / (d["g"] + d["w"]), 4.0]]),
    np.array([[d["g"] / (d["g"] + d["w"] + d["k"]), 0.05], [d["g"] / (d["g"] + d["w"] + d["k"]), 4.0]]),
]
plot.regime_map(table, "p", "c", ax=ax, boundaries=bounds)
ax.set_title("Costly alliance signal: PBE surviving the Intuitive Criterion")
plt.show()
print(table["regime"].value_counts())

# %%
# the map's claims, checked exactly at points off the boundary lines
inside = {"p": Fraction(1, 5), "c": Fraction(3, 2)}  # low prior, v < c < f
assert [e.short for e in res.at(inside, intuitive=True)] == ["separating (Ally/Stay unaligned)"]
row = table[((table.p - 0.2).abs() < 0.006) & ((table.c - 1.5).abs() < 0.03)]
assert len(row) > 0 and set(row.regime) == {"separating (Ally/Stay unaligned)"}
high = {"p": Fraction(9, 10), "c": 3}
assert "separating (Ally/Stay unaligned)" not in {e.short for e in res.at(high, intuitive=True)}
# the vectorised (floating-point) map agrees with the exact classification at 100 sampled cells off
# the boundary lines; on a line both neighbours' equilibria coexist, e.g. at p = g/(g + w):
lines_p = (d["g"] / (d["g"] + d["w"]), d["g"] / (d["g"] + d["w"] + d["k"]))
lines_c = (d["v"], d["f"])
off_lines = [
    i for i in range(len(table))
    if min(abs(table.p[i] - x) for x in lines_p) > 1e-6 and min(abs(table.c[i] - y) for y in lines_c) > 1e-6
]  # fmt: skip
for i in random.Random(1).sample(off_lines, 100):
    pt = {"p": Fraction(repr(float(table.p[i]))), "c": Fraction(repr(float(table.c[i])))}
    exact = sorted({e.short for e in res.at(pt, intuitive=True)})
    assert (" + ".join(exact) or "none") == table.regime[i], (pt, exact, table.regime[i])
on_line = {e.short for e in res.at({"p": Fraction(2, 5), "c": Fraction(1, 2)}, intuitive=True)}
assert {"pooling on Stay unaligned (Challenge)", "pooling on Stay unaligned (Not challenge)"} <= on_line

# %% [markdown]
# ## 4. The Intuitive Criterion at work
#
# At a low prior (`p = 1/5`) and a cost between the two types' stakes (`c = 3/2`), two PBE exist: the
# separating one, and a pooling one in which nobody allies and the challenger challenges, held up by
# the belief that an alliance would come from the irresolute type. That belief is not intuitive: the
# irresolute ally could never gain by paying `c` (its best outcome from allying, `-c`, is worse than its
# equilibrium payoff `-v`), while the resolute one would gain if believed. The criterion removes the
# pooling equilibrium.

# %%
both = res.at(inside)
for e in both:
    print(f"{e.short:45s} survives the Intuitive Criterion: {e.survives_intuitive_at(inside)}")
assert {e.short for e in both} == {"separating (Ally/Stay unaligned)", "pooling on Stay unaligned (Challenge)"}
pool = [e for e in both if e.kind == "pooling"][0]
print("supporting off-path belief:", pool.off_path)
print("survives where:", pool.intuitive)
assert pool.intuitive == sp.Not(sp.And(M["c"] > M["v"], M["c"] < M["f"]))

# %% [markdown]
# ## 5. Tying hands versus sinking costs (after Fearon 1997)
#
# A sunk cost `k` (mobilisation) separates the types where it costs more than the irresolute
# defender's value of deterring and less than the resolute one's; a tied-hands signal (an audience
# cost, binding in our coding) commits every signaller to fight. In no *pure* equilibrium of either game
# is a bluff called: no type signals, is challenged, and backs down. The semi-separating equilibria
# qualify this for sunk costs: where the sunk cost is below the irresolute defender's value of the stake
# (`k < v_L`) and the prior of resolve is low, the irresolute type sinks the cost with positive
# probability, the challenger challenges a signaller with probability `(v_L - k)/v_L`, and the
# irresolute signaller then backs down — a bluff, called with positive probability. Where the signal
# is costly enough to separate (`k >= v_L`) there is no bluffing. Fearon's further result — that tying
# hands carries a greater ex-ante risk of war — is **not** reproduced by this binary coding (see the
# model's docstring): here the binding commitment simply deters. It is reproduced once the challenger
# may be *determined* (it challenges whatever the signal, with probability `q`; our coding):
# `alliancegames.models.fearon`, where tied hands make both types commit and every determined
# challenge meets a fight (war risk `q`), while a sunk cost separates (war risk `p q`).

# %%
sink, tie = get_model("sinking_costs"), get_model("hands_tying")
rs, rt = perfect_bayesian_equilibria(sink), perfect_bayesian_equilibria(tie)
F = {p.name: p.symbol for p in sink.parameters}
sep_sink = [e for e in rs.of_kind("separating") if dict(e.sender)["resolute"] == "Signal"]
assert [e.cases for e in sep_sink] == [(sp.And(F["k"] >= F["v_L"], F["k"] <= F["w_D"]),)]
print("sunk costs separate where", sep_sink[0].cases[0])
print(rt)


def called_bluffs(game, eq, pt):
    """Types that signal with positive probability, are challenged with positive probability, and back down."""
    s, r = eq.behaviour()
    sub = {q.symbol: pt[q.name] for q in game.parameters}
    tied = game is tie

    def pos(x):
        return sp.sympify(x).xreplace(sub) > 0

    return [t for t in game.types if pos(s[t].get("Signal", 0)) and pos(r["Signal"].get("Challenge", 0))
            and not (t == "resolute" or tied)]  # fmt: skip


bluff = [e for e in rs.of_kind("hybrid") if dict(e.sender)["irresolute"] == ("Signal", "No signal")]
assert len(bluff) == 1
print("the sunk-cost bluff:", bluff[0])
assert sp.simplify(dict(bluff[0].mixing)["rho"] - (F["v_L"] - F["k"]) / F["v_L"]) == 0
assert (F["k"] < F["v_L"]) in bluff[0].cases[0].args
cheap = {"p": Fraction(1, 10), "k": Fraction(1, 2), "v_H": 4, "v_L": 1, "w_D": 2, "g": 1, "w": 1}
assert called_bluffs(sink, bluff[0], cheap) == ["irresolute"] and bluff[0].holds_at(cheap)

n = 0
for name, game, r in (("sinking_costs", sink, rs), ("hands_tying", tie, rt)):
    for s_ in range(60):
        rr = random.Random(s_)
        pt = {s.name: Fraction(str(s.plausible[0])) + (Fraction(str(s.plausible[1])) - Fraction(str(s.plausible[0])))
              * Fraction(rr.randint(0, 10), 10) for s in CODINGS[name].specs}  # fmt: skip
        eqs = r.at(pt)
        assert {e.profile for e in eqs} == pbe_at(game, pt) | set(hybrid_at(game, pt))
        if name == "hands_tying" or pt["k"] >= pt["v_L"]:
            assert all(called_bluffs(game, e, pt) == [] for e in eqs)
            n += len(eqs)
print(f"no called bluff in {n} equilibria at the sampled points (sunk costs: where k >= v_L)")
