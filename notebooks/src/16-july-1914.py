# %% [markdown]
# # July 1914: chain-ganging
#
# **Question.** Why did the alliance blocs go to war together in August 1914? Christensen & Snyder
# (1990, "Chain Gangs and Passed Bucks") argue that a
# perceived offensive advantage made each great power tie itself unconditionally to a reckless ally
# whose quick defeat would wreck the balance: Germany's "blank cheque" to Austria-Hungary (5 July
# 1914), and in the other bloc France's backing of Russia. Facts and sources are in the case record
# `july_1914` (Clark 2012, *The Sleepwalkers*).
#
# **The dyad.** The record codes one dyad, Germany (Ally 1) and Austria-Hungary (Ally 2), and names
# the evidence for each player's part of the outcome (`rec.outcome.actors`): the blank cheque for
# Germany; for Austria-Hungary its declaration of war on Russia on 6 August 1914 (recalled, page not
# checked), a weaker piece of evidence. An earlier version cited France's backing of Russia for the
# second "Unconditional" — evidence about another dyad. The literature (Christensen and Snyder)
# expects `Unconditional/Unconditional`; the scorecard shows the model restating it, with an
# informative score against the model's generic coding.
#
# **Model.** `chain_gang`, our coding of the argument: each ally commits Unconditionally (paying the
# expected cost `c` of being chained to the partner's recklessness) or keeps its support
# Conditional (risking the partner's quick defeat, `−θ v`, where `θ` is the perceived offensive
# advantage and `v` the value of the ally's survival). Unconditional is dominant iff `θ v > c`.
#
# Britain's ambiguous commitment (the "straddle") is the extended-deterrence side of the crisis; the
# record codes only the chain-gang model (its first caveat), so this notebook does not test it.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from alliancegames import plot, solve
from alliancegames.cases import case_grid, case_tornado, coding_table, load_case, predict, sample_codings
from alliancegames.models import get_model

pd.set_option("display.max_colwidth", 120)
SEED, N = 0, 2000
rec = load_case("july_1914")
model = get_model(rec.model)
print(rec.name, "-", rec.role_map)
model

# %% [markdown]
# ## The coded parameters (all judgements)

# %%
coding_table(rec)

# %%
for f in rec.facts:
    print(f"- {f.date or ''} {f.text} [{', '.join(f.sources)}]")

# %% [markdown]
# ## Equilibrium at the point coding
# `θ v` = 0.8 × 5 = 4 > `c` = 2: Unconditional is dominant for both allies.

# %%
v = rec.values()
sol = solve(model, params=v, exact=True)
print(sol)
assert sol.labels == ("Unconditional/Unconditional",)
assert v["theta_offence"] * v["v_ally"] > v["c_chain"]

# %% [markdown]
# ## Regime map: perceived offensive advantage against the cost of being chained
# `v_ally` at its point value (5); the boundary is `θ = c / v`.

# %%
grid = case_grid(rec, "theta_offence", "c_chain", steps=80, xlim=(0.05, 0.95), ylim=(0.5, 5.0))
ax = plot.regime_map(grid, "theta_offence", "c_chain",
                     boundaries=[np.column_stack([np.linspace(0.1, 0.95, 50), 5 * np.linspace(0.1, 0.95, 50)])],
                     case_point={"x": v["theta_offence"], "y": v["c_chain"], "label": "July 1914"})
ax.set_title("chain_gang: θ·v > c ⇒ unconditional commitment")
plt.show()
by_hand = grid["theta_offence"] * v["v_ally"] > grid["c_chain"]
assert ((grid["regime"] == "Unconditional/Unconditional") == by_hand).all()

# %% [markdown]
# ## Monte Carlo over the codings' ranges
# Uniform over each range, 2000 draws, seed 0.

# %%
pred = predict(rec, n=N, seed=SEED)
plot.regime_probabilities(pred.to_frame())
plt.show()
d = sample_codings(rec, n=N, seed=SEED)
closed = np.mean(d["theta_offence"] * d["v_ally"] > d["c_chain"])
print(f"P(chain gang) = {pred.probability:.4f} {tuple(round(x, 3) for x in pred.interval)}; closed form on the same draws: {closed:.4f}")
assert pred.predicted == "Unconditional/Unconditional" and pred["Unconditional/Unconditional"] == closed
assert 0.60 < pred.probability < 0.72 and pred.agreement == "yes"

# %% [markdown]
# ## Tornado

# %%
tor = case_tornado(rec, n=500, steps=11, seed=SEED)
plot.tornado_plot(tor).set_xlabel("P(Unconditional/Unconditional)")
plt.show()
tor[["parameter", "low", "high", "outcome_low", "outcome_high", "swing"]]

# %%
assert tor["parameter"].iloc[0] in ("c_chain", "v_ally")
assert tor.set_index("parameter").loc["theta_offence", "swing"] < tor["swing"].iloc[0]

# %% [markdown]
# ## Comparison with the observed outcome
# Observed: `Unconditional/Unconditional` — the blocs went to war together. Predicted at the point
# coding and as the most probable regime (about two thirds of draws). **Agreement: yes.**
#
# ## What the model explains, what it does not, how fragile the conclusion is
# * **Explains:** given a strong belief in the offensive (θ = 0.8), unconditional commitment is
#   dominant, so no ally could afford to restrain its partner.
# * **Fragile:** over the plausible ranges, one draw in three gives conditional commitment. The
#   tornado shows that the *offence* belief that Christensen and Snyder put at the centre of the
#   argument is not the coding that moves the result most over its range (0.5–0.95, already
#   offence-leaning): the cost of being chained (`c_chain`) and the value of the ally (`v_ally`)
#   move it more. The conclusion is therefore as much about how little the allies thought war with
#   their partner would cost as about the cult of the offensive; whether leaders actually believed
#   in an offensive advantage is itself debated (record caveat).
# * **Does not explain:** the timing and sequence of the crisis, Britain's straddle (not coded), or
#   why Germany chose to issue the blank cheque rather than restrain Vienna — a dominant-strategy
#   game has no room for the bargaining and misperception at the heart of Clark's account. The
#   model is a two-player simultaneous game; Germany and Austria-Hungary were not symmetric.
