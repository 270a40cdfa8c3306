# %% [markdown]
# # The 1930s: buck-passing against Germany
#
# **Question.** Facing a rising Germany, France, Britain and the Soviet Union each hoped another
# would bear the cost of balancing; no effective coalition formed before war came in 1939
# (Christensen & Snyder 1990, *International Organization* 44(2); Mearsheimer 2001, *The Tragedy of
# Great Power Politics*; Taylor 1961, *The Origins of the Second World War*; facts and sources in the
# case record `buck_passing_1930s`).
#
# **Model.** `buck_passing`: Diekmann's volunteer's dilemma (1985, *Journal of Conflict Resolution*
# 29(4)) with `N` states. Each balances at cost `K`; containing the threat is worth `U` to each and
# happens if at least one balances. In the symmetric mixed equilibrium each balances with
# probability `p* = 1 − (K/U)^(1/(N−1))`, and **nobody balances with probability
# `(K/U)^(N/(N−1))`**. The equilibrium outcome is itself random, so the model predicts a
# *probability* of the observed failure, not a certainty: the Monte Carlo below averages that
# probability over the codings.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from alliancegames import plot
from alliancegames.cases import case_grid, case_tornado, coding_table, load_case, predict, sample_codings
from alliancegames.models import get_model

pd.set_option("display.max_colwidth", 120)
SEED, N = 0, 2000
rec = load_case("buck_passing_1930s")
bp = get_model(rec.model)
print(rec.name, "| members:", ", ".join(rec.members))
print("p* =", bp.p_balance, "   P(nobody) =", bp.p_nobody)

# %% [markdown]
# ## The coded parameters
# `n_states` is a count (kind `data`); the cost of balancing and the value of containment are
# judgements.

# %%
coding_table(rec)

# %%
for f in rec.facts:
    print(f"- {f.date or ''} {f.text} [{', '.join(f.sources)}]")

# %% [markdown]
# ## The equilibrium at the point coding
# `K/U` = 2/5, `N` = 3: each state balances with probability `1 − (2/5)^(1/2)` ≈ 0.368, and nobody
# balances with probability `(2/5)^(3/2)` ≈ 0.253.

# %%
v = rec.values()
at = bp.at(**v)
print(at)
assert abs(at["p_nobody"] - 0.4**1.5) < 1e-12 and abs(at["p_balance"] - (1 - 0.4**0.5)) < 1e-12

# %% [markdown]
# ## Map: probability that nobody balances, over the cost of balancing and the value of containment
# `N` = 3. The white contour is the point coding's probability; the star marks the case. (The
# equilibrium is unique, so instead of a regime map we draw the outcome probability; the dashed
# line is where nobody balancing becomes more likely than not, `K/U = 0.5^(2/3)` ≈ 0.63.)

# %%
g = case_grid(rec, "k_balance", "u_threat", steps=80)
P = g.pivot(index="u_threat", columns="k_balance", values="p_nobody")
fig, ax = plt.subplots(figsize=(6.5, 4.2))
mesh = ax.pcolormesh(P.columns, P.index, P.values, shading="auto", cmap="viridis", vmin=0, vmax=0.7)
ax.contour(P.columns, P.index, P.values, levels=[at["p_nobody"]], colors="white", linewidths=1.2)
ax.contour(P.columns, P.index, P.values, levels=[0.5], colors="white", linewidths=1.2, linestyles="--")
ax.plot(v["k_balance"], v["u_threat"], marker="*", ms=14, color="white", mec="black", ls="none")
ax.annotate("1930s", (v["k_balance"], v["u_threat"]), xytext=(6, 6), textcoords="offset points")
fig.colorbar(mesh, ax=ax, label="P(nobody balances), N = 3")
ax.set_xlabel("k_balance")
ax.set_ylabel("u_threat")
plt.show()
assert np.allclose(g["p_nobody"], (g["k_balance"] / g["u_threat"]) ** 1.5)
corner = (g["p_nobody"] > 0.5).mean()
print(f"share of the plausible ranges where nobody balancing is more likely than not: {corner:.3f}")
assert np.array_equal(g["p_nobody"] > 0.5, g["k_balance"] / g["u_threat"] > 0.5 ** (2 / 3))
assert corner < 0.05

# %% [markdown]
# ## More great powers, more buck-passing
# The model's comparative static: for fixed `K/U`, `P(nobody)` rises with `N` toward `K/U`.

# %%
ns = np.arange(2, 9)
curve = [bp.at(n_states=int(n), k_balance=v["k_balance"], u_threat=v["u_threat"])["p_nobody"] for n in ns]
print(pd.Series(curve, index=ns, name="P(nobody), K/U = 0.4").round(3).to_string())
assert all(np.diff(curve) > 0) and curve[-1] < 0.4

# %% [markdown]
# ## Monte Carlo over the codings
# `k_balance` uniform on [0.5, 3] and `u_threat` on [4, 10], 2000 draws, seed 0. Each draw contributes
# its equilibrium probability that nobody balances; the interval is mean ± 1.96 standard errors.

# %%
pred = predict(rec, n=N, seed=SEED)
plot.regime_probabilities(pred.to_frame())
plt.show()
d = sample_codings(rec, n=N, seed=SEED)
closed = np.mean((d["k_balance"] / d["u_threat"]) ** 1.5)
print(f"P(nobody balances) = {pred['nobody balances']:.4f}, interval {tuple(round(x, 3) for x in pred.interval)}; "
      f"closed form on the same draws: {closed:.4f}; agreement: {pred.agreement}")
assert abs(pred["nobody balances"] - closed) < 1e-12
assert 0.13 < pred["nobody balances"] < 0.18
assert pred.predicted == "somebody balances" and pred.agreement == "no"

# %% [markdown]
# ## Tornado

# %%
tor = case_tornado(rec, n=500, steps=11, seed=SEED)
plot.tornado_plot(tor).set_xlabel("P(nobody balances)")
plt.show()
tor[["parameter", "low", "high", "outcome_low", "outcome_high", "swing"]]

# %%
assert tor["parameter"].iloc[0] == "k_balance" and tor["outcome_high"].iloc[0] > tor["outcome_low"].iloc[0]

# %% [markdown]
# ## Comparison with the observed outcome
# Observed: `nobody balances` — none of the three balanced Germany effectively before 1939. The model
# gives that outcome a probability of about 0.25 at the point coding and about 0.15 averaged over the
# codings: below the scorecard's 20% threshold for a "partial" agreement. **Agreement: no.**
#
# ## What the model explains, what it does not, how fragile the conclusion is
# * **Explains** why buck-passing is *possible* in equilibrium and becomes likelier with more great
#   powers and with a higher cost of balancing relative to the stake — the mechanism Christensen and
#   Snyder describe.
# * **Does not predict the failure.** With three states the volunteer's dilemma makes *somebody*
#   balance most of the time; to make "nobody balances" likely one needs the cost of balancing close
#   to the value of containment (`K/U` above about 0.63 for P > 0.5 with `N` = 3), which only a small
#   corner of the coded ranges allows (high cost, low stake). A single observed failure is not strong evidence against a probabilistic model, but the
#   model gives it no special support either.
# * **Fragile:** the result is driven by the cost of balancing, a judgement; the record's ranges
#   are wide, and the symmetric game treats France, Britain and the Soviet Union as identical, which
#   they were not (distance from Germany, military posture, ideology; the record's caveats). The
#   Nazi–Soviet pact and the eventual Anglo-French guarantee to Poland (1939) are outside a one-shot
#   game.
