# %% [markdown]
# # NATO in the Cold War, 1949–1991: extended deterrence
#
# **Question.** The North Atlantic Treaty (Washington, 4 April 1949) extended American protection
# to Western Europe. Was that commitment credible enough to deter a Soviet challenge? The observed
# outcome: no armed attack on the territory of a NATO member during the Cold War; Article 5 was
# first invoked on 12 September 2001 (sources in the case record: the treaty text; NATO's statement
# of 12 September 2001; Gaddis 2005, *The Cold War: A New History*).
#
# **Model.** `extended_deterrence`, a Challenger–Defender–Protégé tree in the spirit of Zagare &
# Kilgour's Tripartite Crisis Game (2003, *International Studies Quarterly* 47(4)). The Challenger
# (Soviet Union) makes a demand or not; nature decides whether the Defender (United States) supports
# the Protégé (Western Europe) with probability `pi_support`; the Protégé concedes, resists or
# (unsupported) realigns; after resistance the Challenger backs down or fights. The tree and its
# payoffs are **our coding**, not Zagare and Kilgour's model.
#
# Everything below is computed from the case record `nato_cold_war` and the model library; the
# Monte Carlo uses a fixed seed.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from alliancegames import backward_induction, draw_tree, plot
from alliancegames.cases import (
    case_grid,
    case_tornado,
    coding_table,
    load_case,
    predict,
    sample_codings,
)
from alliancegames.models import at_defaults, get_model

pd.set_option("display.max_colwidth", 120)
SEED, N = 0, 2000
rec = load_case("nato_cold_war")
tree = get_model(rec.model)
print(rec.name, "-", rec.model, "-", rec.role_map)

# %%
ax = draw_tree(tree)
ax.figure.set_size_inches(9, 4.5)
ax.set_title("extended_deterrence (payoffs: Challenger, Defender, Protégé; our coding)")
plt.show()

# %% [markdown]
# ## The case's coded parameters
# Seven parameters carry the case; the others take the model's defaults (our coding in
# `alliancegames.models`), and `alliancegames.cases.scores.uncoded_dependencies` checks that none of
# those defaults moves the verdict. Every one of the seven is a **judgement** (kind `coding`) with a
# plausible range, a sentence of justification and the source that informed it (`informed_by`).
#
# Two codings **leave the model** and say why (`departure`): the model's generic challenger, once
# resisted, would rather fight than climb down (`u_war > u_back`, war between −1.5 and −0.5); a war
# between nuclear superpowers is coded far below that and below a climb-down (Cuba 1962 was a
# climb-down the Soviet regime survived). An earlier version of this record coded `u_war = −3`
# without saying so, and its verdict turned on `u_back`, a default it did not code.

# %%
codings = coding_table(rec)
codings

# %%
for s in rec.sources:
    print("-", s.citation)

# %% [markdown]
# ## Equilibrium at the point coding
# Backward induction on the tree with the point codings (exact arithmetic). By hand: a supported
# protégé resists (it prefers war at the defender's side, `v_war_supported` = −1/2, and a climb-down
# by the challenger, `v_prevail` = 1, to conceding, −1); the challenger then backs down, since
# backing down (`u_back` = −1, coded) beats war (`u_war` = −3). An unsupported protégé concedes
# (−1 beats realigning, −3/2, and war alone, −2). So a demand is worth
# `pi·max(u_back, u_war) + (1 − pi)·u_win` = 0.8·(−1) + 0.2·1 = −0.6 < 0 = `u_sq`: no demand, the
# status quo.

# %%
point = rec.values()
print(rec.departures())
assert set(rec.departures()) == {"u_war", "u_back"}
spe = backward_induction(at_defaults(tree, **point))
print([c.label for c in spe])
assert [c.label for c in spe] == ["No demand"]
demand_value = point["pi_support"] * max(point["u_back"], point["u_war"]) + (1 - point["pi_support"]) * point["u_win"]
print("value of a demand at the point coding:", round(demand_value, 6))
assert abs(demand_value + 0.6) < 1e-12

# %% [markdown]
# ## Regime map: the credibility of the commitment against the cost of a climb-down
# The two codings the verdict turns on are the probability of American support (`pi_support`: would
# Washington risk its cities for Europe?) and the challenger's cost of backing down once resisted
# (`u_back`). The other codings stay at their point values; the star marks the case.

# %%
grid = case_grid(rec, "pi_support", "u_back", steps=80, xlim=(0.0, 1.0), ylim=(-2.0, -0.5))
ax = plot.regime_map(
    grid, "pi_support", "u_back", case_point={"x": point["pi_support"], "y": point["u_back"], "label": "NATO"}
)
ax.set_title("SPE outcome of the extended-deterrence tree")
plt.show()
share_sq = (grid["regime"] == "status quo").mean()
print(f"share of the map where the status quo holds: {share_sq:.3f}")

# %% [markdown]
# The boundary is the calculus of deterrence: the challenger demands iff
# `pi·max(u_back, u_war) + (1 − pi)·u_win > 0`. Since the challenger backs down rather than fight a
# supported protégé (`u_back` > `u_war` throughout the coded ranges), status quo holds iff
# `pi > u_win / (u_win − u_back)`: 1/2 at the point coding, from 0.2 to 0.8 over the ranges.

# %%
pi_grid = grid["pi_support"].to_numpy()
ub = grid["u_back"].to_numpy()
by_hand = np.where(pi_grid * np.maximum(ub, point["u_war"]) + (1 - pi_grid) * point["u_win"] > 0, "demand", "status quo")
assert np.array_equal(by_hand == "status quo", grid["regime"].to_numpy() == "status quo")

# %% [markdown]
# ## Monte Carlo over the codings' ranges
# Each coding is drawn uniformly over its plausible range (independently), 2000 draws, seed 0; the
# tree is solved by backward induction at every draw.

# %%
pred = predict(rec, n=N, seed=SEED)
ax = plot.regime_probabilities(pred.to_frame())
ax.set_title("NATO, Cold War: probability of each SPE outcome over the codings")
plt.show()
pred.to_frame()

# %%
draws = sample_codings(rec, n=N, seed=SEED)
# an unsupported protégé concedes unless realigning is better for it (then the challenger gets u_realign)
unsupported = np.where(draws["v_realign"] > draws["v_concede"], draws["u_realign"], draws["u_win"])
closed_form = np.mean(draws["pi_support"] * np.maximum(draws["u_back"], draws["u_war"]) + (1 - draws["pi_support"]) * unsupported < 0)
print(f"P(status quo) = {pred['status quo']:.4f}; closed form on the same draws = {closed_form:.4f}")
assert pred["status quo"] == closed_form
assert 0.76 < pred["status quo"] < 0.86
assert pred.predicted == "status quo" and pred.agreement == "yes"

# %% [markdown]
# ## Which coding matters most (tornado)
# Each coding is pinned in turn at 11 points of its range while the others are drawn (500 draws,
# same draws at every step); the bar shows how far the probability of the status quo moves.

# %%
tor = case_tornado(rec, n=500, steps=11, seed=SEED)
ax = plot.tornado_plot(tor)
ax.set_xlabel("P(status quo)")
plt.show()
tor[["parameter", "low", "high", "outcome_low", "outcome_high", "swing"]]

# %%
assert tor["parameter"].iloc[0] == "pi_support" and tor["parameter"].iloc[1] == "u_back"
assert set(tor.loc[tor["swing"] == 0, "parameter"]) == {"u_war"}  # a resisted challenger climbs down: war is never reached
assert tor.set_index("parameter").loc["v_realign", "swing"] < 0.2
low_pi = tor.set_index("parameter").loc["pi_support", "outcome_low"]
print(f"P(status quo) with pi_support pinned at 0.4: {low_pi:.3f}")
assert 0.15 < low_pi < 0.5

# %% [markdown]
# ## Comparison with the observed outcome
# Observed: no attack on NATO territory (`status quo`). Predicted at the point coding: `status quo`;
# over the codings' ranges the status quo is the most probable outcome in about 80% of draws.
# **Agreement: yes** — but see the scorecard (`19-scorecard`) for how informative that is against
# the model's generic coding ranges.
#
# ## What the model explains, what it does not, how fragile the conclusion is
# * **Explains.** Deterrence holds when the challenger expects the protégé to be supported often
#   enough that a demand is, on average, met by resistance it would rather climb down from than
#   fight through. At the point coding the margin is moderate (a demand is worth −0.6 against 0).
# * **Fragile where it matters.** Almost all of the uncertainty sits in one judgement, the
#   probability of American support, and in the cost of a climb-down: pinned at the low end of its
#   range (0.4) the probability of support leaves the status quo in only a minority of the draws.
#   The realignment codings matter little — an unsupported protégé concedes in all but a few
#   percent of the draws — so the model says little about the "Finlandisation" fear that Snyder
#   (1984) puts at the centre of NATO's alliance politics.
# * **Does not explain.** A non-event is consistent with deterrence and equally with a challenger
#   that never intended to attack (the record's first caveat); the model cannot tell them apart, and
#   the challenger's payoffs are our codings. Crises short of an attack (Berlin, Cuba) and nuclear
#   force levels are not in the record. The Defender is a chance move, not a strategic player, so the
#   credibility problem itself — why the US would keep its promise — is assumed, not derived.
