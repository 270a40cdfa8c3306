# %% [markdown]
# # The US–Japan–South Korea quasi-alliance, 1969–1988
#
# **Question.** Japan and South Korea were both allied with the United States but not with each
# other. Victor Cha (1999, *Alignment Despite Antagonism*, Stanford University Press; 2000,
# *International Studies Quarterly* 44(2)) argues that they cooperated when *both* feared
# abandonment by their common patron (1969–71 after the Nixon Doctrine; 1975–79 after Saigon and
# Carter's withdrawal plan) and showed friction otherwise (détente 1972–74; the Reagan reassurance
# of the early 1980s). Does the model reproduce Cha's periods?
#
# **Model.** `quasi_alliance`, our coding of Cha's argument. State `i`'s fear of abandonment is
# `A_i = fa_i (1 − κ)` and of entrapment `E_i = fe_i κ`, with `κ` the patron's commitment.
# Cooperation pays `A_i − E_i` if reciprocated and `−E_i` if rebuffed; friction pays the domestic
# and historical payoff `h`. Results (model docstring): `Friction/Friction` is **always** an
# equilibrium; `Cooperate/Cooperate` is one too iff both `A_i − E_i ≥ h`.
#
# The codings are ours, read from Cha's narrative — the same book that reports the outcomes, so
# the test is whether the model reproduces Cha's pattern, not an independent confirmation (record
# caveat).

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

from alliancegames import plot, solve
from alliancegames.cases import case_grid, case_tornado, coding_table, load_case, predict, sample_codings
from alliancegames.models import get_model

pd.set_option("display.max_colwidth", 110)
SEED, N = 0, 2000
rec = load_case("quasi_alliance_us_japan_korea")
model = get_model(rec.model)
PERIODS = [p.id for p in rec.periods]
print(rec.name, "-", rec.role_map)
model

# %% [markdown]
# ## Coded parameters, per period

# %%
for p in rec.periods:
    print(f"{p.name} -> observed {p.outcome.label}")
    display(coding_table(rec, p.id)[["parameter", "value", "low", "high", "kind", "justification", "sources"]])

# %% [markdown]
# ## Equilibria at the point codings

# %%
rows = []
for pid in PERIODS:
    v = {p.name: float(p.default) for p in model.parameters} | rec.values(pid)
    net = [v[f"fa_{i}"] * (1 - v["kappa_patron"]) - v[f"fe_{i}"] * v["kappa_patron"] for i in (1, 2)]
    rows.append({"period": pid, "A1 - E1": net[0], "A2 - E2": net[1], "h": v["h_animosity"],
                 "equilibria": solve(model, params=rec.values(pid), exact=True).labels,
                 "observed": rec.period(pid).outcome.label})
eq = pd.DataFrame(rows)
eq

# %%
for r in eq.itertuples():
    coop = min(r._2, r._3) >= r.h  # Cooperate/Cooperate is an equilibrium iff both A_i - E_i >= h
    assert ("Cooperate/Cooperate" in r.equilibria) == coop and "Friction/Friction" in r.equilibria
    assert r.observed in r.equilibria
assert ["Cooperate/Cooperate" in e for e in eq["equilibria"]] == [True, False, True, False]

# %% [markdown]
# At every period's point coding the observed outcome is an equilibrium, and `Cooperate/Cooperate`
# is available exactly in Cha's two cooperation periods.
#
# ## Regime maps: the patron's commitment against Japan's fear of abandonment
# One map per period (other codings at the period's values); star = the period.

# %%
fig, axes = plt.subplots(2, 2, figsize=(13, 8))
for ax, pid in zip(axes.ravel(), PERIODS):
    v = rec.values(pid)
    g = case_grid(rec, "kappa_patron", "fa_1", period=pid, steps=80, xlim=(0.0, 1.0), ylim=(0.0, 8.0))
    plot.regime_map(g, "kappa_patron", "fa_1", ax=ax, legend=(pid == PERIODS[-1]),
                    case_point={"x": v["kappa_patron"], "y": v["fa_1"], "label": pid})
    ax.set_title(rec.period(pid).name, fontsize=9)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Monte Carlo over each period's codings
# Uniform over the ranges, 2000 draws per period, seed 0.

# %%
preds = {pid: predict(rec, pid, n=N, seed=SEED) for pid in PERIODS}
summary = pd.DataFrame([{"period": pid, "observed": p.observed, "predicted": p.predicted,
                         "probability": round(p.probability, 3), "outcomes in predicted regime": p.n_outcomes,
                         "P(Cooperate/Cooperate is an equilibrium)": round(1 - p["Friction/Friction"], 3),
                         "agreement": p.agreement} for pid, p in preds.items()])
summary

# %%
fig, ax = plt.subplots(figsize=(7, 3))
ax.bar(summary["period"], summary["P(Cooperate/Cooperate is an equilibrium)"],
       color=["#029e73" if o == "Cooperate/Cooperate" else "#949494" for o in summary["observed"]])
ax.set_ylabel("P(cooperation is an equilibrium)")
ax.set_title("green: periods Cha codes as cooperation; grey: friction")
plt.show()

# %%
assert [p.agreement for p in preds.values()] == ["yes"] * 4
coop = summary.set_index("period")["P(Cooperate/Cooperate is an equilibrium)"]
assert coop["p1969_1971"] > 0.55 and coop["p1975_1979"] > 0.62
assert coop["p1972_1974"] < 0.03 and coop["p1980s"] < 0.03
# cross-check one period against the closed-form condition on the same draws
d = sample_codings(rec, "p1969_1971", n=N, seed=SEED)
net = [d[f"fa_{i}"] * (1 - d["kappa_patron"]) - d[f"fe_{i}"] * d["kappa_patron"] for i in (1, 2)]
assert abs(1 - preds["p1969_1971"]["Friction/Friction"] - np.mean(np.minimum(*net) >= d["h_animosity"])) < 1e-12

# %% [markdown]
# ## Tornado: what decides cooperation in 1969–71
# Each coding pinned at 11 points of its range, the others drawn (500 draws); outcome: the
# probability that `Cooperate/Cooperate` is an equilibrium.

# %%
tor = case_tornado(rec, "p1969_1971", n=500, steps=11, seed=SEED)
plot.tornado_plot(tor).set_xlabel("P(Cooperate/Cooperate is an equilibrium)")
plt.show()
tor[["parameter", "low", "high", "outcome_low", "outcome_high", "swing"]]

# %%
assert tor["parameter"].iloc[0] == "h_animosity" and tor["outcome_high"].iloc[0] < 0.35
assert set(tor["parameter"].iloc[1:3]) == {"kappa_patron", "fa_1"}

# %% [markdown]
# ## Comparison with the observed outcomes
# All four periods agree — but read the agreement carefully:
#
# * In the **friction** periods the agreement is automatic — the scorecard sets both aside as
#   **uninformative** (P(observed) = 1 under the model's generic coding): `Friction/Friction` is an equilibrium
#   at *every* parameter value in this model, so the model cannot fail there. The informative
#   number is that cooperation is **not** available (P ≈ 0.01 and 0.003).
# * In the **cooperation** periods the predicted regime holds *both* pure equilibria (and a mixed
#   one): the model says cooperation became *possible*, not that it happened, and it is possible in
#   about 60–70% of the draws.
#
# ## What the model explains, what it does not, how fragile the conclusion is
# * **Explains** the pattern of Cha's periods through one mechanism: a weaker patron commitment
#   (lower `κ`) raises both clients' fear of abandonment; when both fears exceed the historical
#   animosity, cooperation becomes an equilibrium. The contrast between cooperation and friction
#   periods is sharp in the Monte Carlo (about 0.6–0.7 against 0.01).
# * **Does not explain** which equilibrium is played when both exist — the model is silent on why
#   Japan and Korea actually coordinated on cooperation in 1969–71 rather than staying in friction.
# * **Circularity and fragility.** The codings come from the same narrative as the outcomes; the
#   cooperation periods' result turns most on the historical animosity `h` (a case-wide coding
#   in [0.5, 3]: at its top, cooperation is an equilibrium in only about a quarter of the 1969–71
#   draws), then on the patron's commitment and Japan's coded fear of abandonment (tornado), all
#   read from Cha. Troop and loan figures are deliberately left out.
