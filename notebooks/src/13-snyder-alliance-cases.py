# %% [markdown]
# # Snyder's alliance game in three cases: Vietnam-war alliances, ASEAN, the Middle East pacts
#
# **Model.** `snyder_alliance`, our coding of Snyder's secondary alliance dilemma (Glenn H. Snyder
# 1984, "The Security Dilemma in Alliance Politics"). Each ally
# commits Firm or Weak. For one ally, with `v` = protection of a cohesive alliance, `a` = cost of
# abandonment, `e` = cost of entrapment, `p` = probability that a conflict tests the commitments:
#
# | mine / partner | Firm | Weak |
# |---|---|---|
# | Firm | v − p e | − p e |
# | Weak | 0 | − p a |
#
# Results (model docstring): both firm is the unique equilibrium iff `v > p e` and `a > e`; both weak
# iff `v < p e` and `a < e`; coordination (both firm, both weak, mixed) iff `v > p e > p a`; chicken
# (one firm, one weak, mixed) iff `v < p e < p a`.
#
# Three cases use it, each with its own reading of who the two allies are (roles in each record):
#
# * **Vietnam-war alliances** (ANZUS 1951, SEATO 1954): why Australia, New Zealand and South Korea
#   sent combat forces — fear of abandonment by the United States as the price of its protection.
#   Observed: `Firm/Firm`.
# * **ASEAN** (1967–1991): an association that is not a military alliance; consensus and divergent
#   threat perceptions (the response to Vietnam's invasion of Cambodia, 1978–79). Observed:
#   `Weak/Weak` (no mutual-defence commitment).
# * **Middle East pacts** (Baghdad Pact 1955 / CENTO 1959–1979, the Suez crisis of 1956): Britain
#   stood firm, the United States withheld support. Observed: `Firm/Weak`.

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
CASES = ["vietnam_alliances", "asean", "middle_east_pacts"]
recs = {c: load_case(c) for c in CASES}
model = get_model("snyder_alliance")
for r in recs.values():
    print(f"{r.name}\n  roles: {r.role_map}\n  observed: {r.outcome.label} - {r.outcome.description}\n")

# %% [markdown]
# ## The coded parameters
# All four parameters of every case are **judgements** (kind `coding`), with a plausible range, a
# justification and a source.

# %%
for r in recs.values():
    print(r.name)
    display(coding_table(r)[["parameter", "value", "low", "high", "kind", "justification", "sources"]])

# %% [markdown]
# ## Equilibria at the point codings

# %%
point = {}
for c, r in recs.items():
    v = r.values()
    sol = solve(model, params=v, exact=True)
    point[c] = sol.labels
    print(f"{c}: v = {v['v_protect']}, p·e = {v['p_conflict'] * v['c_entrap']:.2f}, a = {v['c_abandon']}, e = {v['c_entrap']}")
    print("   equilibria:", sol.labels)

# %%
# each matches the closed-form classification in the model's docstring
assert point["vietnam_alliances"] == ("Firm/Firm",)  # v = 4 > p e = 1.4 and a = 5 > e = 2
assert point["asean"] == ("Weak/Weak",)  # v = 1.5 < p e = 2 and a = 1 < e = 4
assert set(point["middle_east_pacts"]) == {"Firm/Weak", "Weak/Firm", "mixed (Firm,Weak / Firm,Weak)"}  # v < p e < p a

# %% [markdown]
# ## Regime maps: entrapment against abandonment
# The two most contested codings in all three cases are the costs of entrapment and of abandonment
# — Snyder's dilemma itself. Protection and the probability of conflict stay at each case's point
# value; the star marks the case.

# %%
fig, axes = plt.subplots(1, 3, figsize=(17, 4.3))
for ax, (c, r) in zip(axes, recs.items()):
    v = r.values()
    g = case_grid(r, "c_entrap", "c_abandon", steps=80, xlim=(0.5, 6.0), ylim=(0.5, 6.0))
    plot.regime_map(g, "c_entrap", "c_abandon", ax=ax, legend=(c == CASES[-1]),
                    case_point={"x": v["c_entrap"], "y": v["c_abandon"], "label": c})
    ax.set_title(f"{c}: v = {v['v_protect']}, p = {v['p_conflict']}", fontsize=9)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Monte Carlo over the codings' ranges
# All four codings uniform over their ranges (independent), 2000 draws per case, seed 0.

# %%
preds = {c: predict(r, n=N, seed=SEED) for c, r in recs.items()}
fig, axes = plt.subplots(3, 1, figsize=(8, 7.5))
for ax, (c, p) in zip(axes, preds.items()):
    plot.regime_probabilities(p.to_frame(), ax=ax)
    ax.set_title(f"{c}: observed {p.observed}, agreement {p.agreement}", fontsize=9)
fig.tight_layout()
plt.show()
pd.DataFrame([{"case": c, "predicted": p.predicted, "probability": round(p.probability, 3),
               "95% CI": tuple(round(x, 3) for x in p.interval), "observed": p.observed,
               "P(observed)": round(p.p_observed, 3), "agreement": p.agreement} for c, p in preds.items()])

# %%
# the Monte Carlo counts equal the closed-form conditions evaluated on the same draws
for c in CASES:
    d = sample_codings(recs[c], n=N, seed=SEED)
    v, a, e, pc = d["v_protect"], d["c_abandon"], d["c_entrap"], d["p_conflict"]
    assert preds[c]["Firm/Firm"] == np.mean((v > pc * e) & (a > e))
    assert preds[c]["Weak/Weak"] == np.mean((v < pc * e) & (a < e))
assert preds["vietnam_alliances"].predicted == "Firm/Firm" and 0.80 < preds["vietnam_alliances"].probability < 0.88
assert preds["asean"].predicted == "Weak/Weak" and 0.50 < preds["asean"].probability < 0.62
assert preds["middle_east_pacts"].predicted == "Weak/Weak" and 0.33 < preds["middle_east_pacts"].probability < 0.43
assert [preds[c].agreement for c in CASES] == ["yes", "yes", "no"]
assert 0.17 < preds["middle_east_pacts"].p_observed < 0.23

# %% [markdown]
# The Middle East verdict sits on the boundary of the agreement rule: `Firm/Weak` is an equilibrium
# in about 20% of draws, and the rule calls an agreement "partial" only above 20%. With other seeds
# the label flips; the probability itself does not move much.

# %%
seeds = pd.DataFrame([{"seed": s, "P(Firm/Weak is an equilibrium)": round(p.p_observed, 4), "agreement": p.agreement}
                      for s in range(5) for p in [predict(recs["middle_east_pacts"], n=N, seed=s)]])
print(seeds.to_string(index=False))
assert seeds["P(Firm/Weak is an equilibrium)"].between(0.16, 0.24).all()

# %% [markdown]
# ## Tornado: which coding matters most
# Each coding pinned at 11 points of its range, the others drawn (500 draws); outcome: the
# probability that the observed profile is an equilibrium.

# %%
tors = {c: case_tornado(r, n=500, steps=11, seed=SEED) for c, r in recs.items()}
fig, axes = plt.subplots(1, 3, figsize=(17, 3.2))
for ax, (c, t) in zip(axes, tors.items()):
    plot.tornado_plot(t, ax=ax)
    ax.set_title(f"{c}: P({recs[c].outcome.label} is an equilibrium)", fontsize=9)
fig.tight_layout()
plt.show()
pd.concat({c: t[["parameter", "low", "high", "outcome_low", "outcome_high", "swing"]] for c, t in tors.items()})

# %%
# Firm/Firm is an equilibrium iff v >= p e, whatever the cost of abandonment; Weak/Weak iff a <= e
assert tors["vietnam_alliances"]["parameter"].iloc[0] == "v_protect"
assert tors["vietnam_alliances"].set_index("parameter").loc["c_abandon", "swing"] == 0
assert tors["asean"]["parameter"].iloc[0] == "c_entrap"
assert set(tors["asean"].loc[tors["asean"]["swing"] == 0, "parameter"]) == {"p_conflict", "v_protect"}
assert tors["middle_east_pacts"]["parameter"].iloc[0] == "c_abandon"

# %% [markdown]
# ## Comparison with the observed outcomes
# * **Vietnam:** predicted `Firm/Firm` (about 84% of draws), observed `Firm/Firm` — agreement.
# * **ASEAN:** predicted `Weak/Weak` (about 56%), observed `Weak/Weak` — agreement; in a further
#   40% of draws both-weak is one of the equilibria of a coordination game.
# * **Middle East:** predicted `Weak/Weak` (about 38%), observed `Firm/Weak` — a **miss** at the
#   margin of "partial".
#
# ## What the model explains, what it does not, how fragile the conclusion is
# * **Vietnam.** The junior allies' firm support follows from a high cost of abandonment relative to
#   entrapment (Pemberton's "all the way" argument) — but only for the *uniqueness* of `Firm/Firm`.
#   Whether mutual firmness is an equilibrium at all depends on protection against expected
#   entrapment (`v ≥ p e`), not on the cost of abandonment: the tornado shows `c_abandon` with no
#   swing and `v_protect` with the largest. So the model's support for the abandonment story is
#   weaker than the headline suggests: it says firmness was *the only* stable choice when abandonment
#   was feared more than entrapment, and a stable choice anyway while protection was valued above the
#   expected entrapment. The symmetric game gives the United
#   States the same payoffs as Australia, which it was not; the US side of the "firm/firm" outcome
#   (staying in the war until 1973) is not explained by fear of abandonment by Australia. South
#   Korea's side payments ("More Flags") are outside the model.
# * **ASEAN.** Non-alliance follows when entrapment in a partner's quarrel costs more than
#   abandonment (`a ≤ e`, the only condition for both-weak to be an equilibrium; the tornado's two
#   bars) — divergent threat perceptions. But ASEAN was designed as a non-military association
#   (Bangkok Declaration): the "Weak/Weak" may reflect design, not a dilemma, and the model cannot
#   tell them apart. The agreement is also cheap: the probability that both-weak is *an*
#   equilibrium is above 95%.
# * **Middle East.** The observed Suez outcome — one ally firm, the other weak — needs the "chicken"
#   region (`v < p e < p a`), which covers only about a fifth of the coded ranges; most draws give
#   mutual weakness or mutual firmness. The symmetric two-player game is a poor fit for an asymmetric
#   episode in which the United States was not a full member of the pact and Britain acted without
#   consulting Washington (the record's caveats). We report it as a miss.
