# %% [markdown]
# # Strategic ambiguity over Taiwan, 1979–1996: a flexible commitment
#
# **Question.** Can a deliberately uncertain commitment keep the peace better than a clear one? After
# recognising the People's Republic of China, the United States kept no defence treaty with Taiwan.
# The Taiwan Relations Act (Public Law 96-8, approved 10 April 1979 [@tra1979]) promises defensive
# arms and "grave concern", and it leaves the response to the President and Congress. The argument
# of *strategic ambiguity* is **dual deterrence**: an uncertain American intervention deters the PRC
# from attacking *and* Taiwan from provoking a war by declaring independence (Benson and Niou 2001
# [@benson_niou2001]). The test came in 1995–96. After Lee Teng-hui's Cornell visit (June 1995) the
# PLA fired missiles near Taiwan (July–August 1995 and March 1996), and in March 1996 the United
# States sent the Independence and Nimitz carrier groups (Ross 2000 [@ross2000]; Garver 2016
# [@garver2016]; Kozaryn 1996 [@kozaryn1996]). Every fact, with its source, is in the case record
# `taiwan_strategic_ambiguity`.
#
# **Model.** `probabilistic_commitment`, our illustration of Benson's argument (Benson 2012
# [@benson2012]). The defender joins a war with probability `π` (`pi_support`), which raises the
# protégé's chance of winning from `p` to `p + πΔ`. The adversary (PRC) attacks or not; if not, the
# protégé (Taiwan) accepts the status quo (its share `q`) or revises it by war. War costs `c_A` and
# `c_P`. Backward induction gives a **window of peace** `π_D ≤ π ≤ π_M`, with
# `π_D = (q − p − c_A)/Δ` and `π_M = (q − p + c_P)/Δ`. A commitment too weak invites attack; one too
# firm emboldens the protégé.
#
# **All six parameters are our judgements, with ranges** (the record's `codings`). No source gives
# these numbers. The notebook shows what the verdict turns on, and whether it could have failed.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import sympy as sp

from alliancegames import plot
from alliancegames.cases import case_grid, case_tornado, coding_table, load_case, predict, sample_codings, score
from alliancegames.models import commitment_tradeoff, library_model

pd.set_option("display.max_colwidth", 110)
SEED, N = 0, 2000
rec = load_case("taiwan_strategic_ambiguity")
model = library_model(rec.model)
print(rec.name, "-", rec.role_map)

# %% [markdown]
# ## The record: facts with sources, codings with ranges

# %%
for f in rec.facts:
    print(f"- {f.date or ''} {f.text} [{', '.join(f.sources)}{'; ' + f.pages if f.pages else ''}]")

# %%
coding_table(rec)

# %% [markdown]
# ## The point coding: where is strategic ambiguity?
# The thresholds at the point coding, from the closed forms (`commitment_tradeoff`), and the exact
# subgame-perfect outcome at `π` = 0 (abandonment), the coded 0.5 and 1 (a clear commitment).

# %%
v = rec.values()
ct = commitment_tradeoff(**{k: sp.nsimplify(x) for k, x in v.items()})
sub = {ct.symbols[k]: sp.nsimplify(x) for k, x in v.items()}
pi_D, pi_M = ct.pi_deter.subs(sub), ct.pi_moral_hazard.subs(sub)
print(f"window of peace at the point coding: {pi_D} <= pi <= {pi_M} (width {ct.window.subs(sub)})")
for pi in (0, sp.Rational(1, 2), 1):
    print(f"pi = {pi}: {model.regime({**v, 'pi_support': float(pi)})}")
assert pi_D < sp.nsimplify(v["pi_support"]) < pi_M
assert model.regime(v) == "status quo" == rec.outcome.label
assert model.regime({**v, "pi_support": 0.0}) == "war (adversary attacks)"
assert (pi_D, pi_M) == (sp.Rational(1, 8), 1)

# %% [markdown]
# At the point coding, abandonment (`π` = 0) invites attack and every `π` from 1/8 to 1 keeps the
# peace. A clear commitment makes Taiwan *indifferent* to revising: the point sits exactly on the
# moral-hazard threshold, so the point coding alone cannot show the second half of dual deterrence.
# The ranges can.
#
# ## Three outcomes, not two
# The tree's two wars are reached through the same terminal payoffs. Where Taiwan would revise, the
# PRC is indifferent between attacking and waiting. The vectorised classifier then names the war
# "war (adversary attacks)", while the exact solution lists both (record caveat). The closed-form
# thresholds separate them: the war is Taiwan's if `π > π_M`, the PRC's if `π < π_D`. The two
# classifications must agree on *peace against war* at every draw.

# %%
NAMES = {"attack": "PRC attacks", "peace": "status quo", "revise": "Taiwan revises"}


def three_way(d):
    """The closed-form outcome at each draw (commitment_tradeoff.outcomes), in the case's words."""
    return np.array([NAMES[o] for o in ct.outcomes(d)])


def thresholds(d):
    """pi_D and pi_M at each point, by hand: (q - p - c_A)/Delta and (q - p + c_P)/Delta."""
    q_p = d["q_status_quo"] - d["p_win"]
    return (q_p - d["c_adversary"]) / d["delta_support"], (q_p + d["c_protege"]) / d["delta_support"]


d = sample_codings(rec, n=N, seed=SEED)
tree = model.regimes(d)
closed = three_way(d)
assert ((tree == "status quo") == (closed == "status quo")).all()
shares = pd.Series(closed).value_counts(normalize=True)
print(shares)

# %% [markdown]
# ## Monte Carlo over the codings: could the verdict have failed?
# 2000 uniform draws over the ranges (seed 0). The scorecard's informative score compares P(status
# quo) under the case's codings with its probability under the model's *generic* coding (every
# judgement uniform over the model's plausible range).

# %%
pred = predict(rec, n=N, seed=SEED)
plot.regime_probabilities(pred.to_frame())
plt.show()
s = score(rec, n=N, seed=SEED)
print(f"P(status quo): case {s.p_case:.3f} {tuple(round(x, 3) for x in s.case_interval)}, "
      f"baseline {s.p_baseline:.3f}; skill {s.skill:+.2f} nats; {s.status}; turns on {s.turns_on}")
assert pred.predicted == "status quo" and pred.agreement == "yes"
assert pred["status quo"] == np.mean(closed == "status quo")
assert 0.6 < pred.probability < 0.78 and 0.2 < s.p_baseline < 0.35
assert s.status == "informative" and s.skill > 0.5
# the verdict could fail: war (either side's) in about three draws in ten
assert 0.14 < shares["PRC attacks"] < 0.25 and 0.08 < shares["Taiwan revises"] < 0.18

# %% [markdown]
# The verdict **could have failed**: about three draws in ten end in war (a PRC attack in about one
# in five, Taiwan's revision in about one in eight), so the codings test the argument rather than
# restate it. The baseline makes the status quo the *less* likely
# outcome (about a quarter of generic draws). The agreement therefore comes from the case's codings,
# not from the model alone, so the scorecard counts it (status `informative`).
#
# ## Clarity against ambiguity
# Pin `π` and draw the other five codings over their ranges. How likely is each outcome as the
# commitment goes from abandonment to a clear guarantee?

# %%
pis = np.linspace(0, 1, 41)
rows = []
for pi in pis:
    dd = {**d, "pi_support": np.full(N, pi)}
    c = pd.Series(three_way(dd)).value_counts(normalize=True)
    rows.append({"pi_support": pi, **{k: c.get(k, 0.0) for k in ("PRC attacks", "status quo", "Taiwan revises")}})
curve = pd.DataFrame(rows).set_index("pi_support")
ax = curve.plot(figsize=(6.5, 3.4), style=["-", "-", "--"])
ax.axvspan(*rec.coding("pi_support").range, color="grey", alpha=0.15, label="coded range of π")
ax.set_xlabel("probability the United States joins a war, π")
ax.set_ylabel("share of draws")
ax.legend(loc="center left", fontsize=8)
plt.show()
best = curve["status quo"].idxmax()
print(f"P(status quo) is highest at pi = {best:.3f} ({curve['status quo'].max():.3f}); "
      f"at pi = 0: {curve.loc[0.0, 'status quo']:.3f}; at pi = 1: {curve.loc[1.0, 'status quo']:.3f}")
# deterrence and moral hazard: attack falls and revision rises with the commitment
assert curve["PRC attacks"].is_monotonic_decreasing and curve["Taiwan revises"].is_monotonic_increasing
assert 0.55 < curve.loc[0.0, "PRC attacks"] < 0.75 and 0.45 < curve.loc[1.0, "Taiwan revises"] < 0.65
assert 0.4 < best < 0.7 and curve["status quo"].max() > max(curve.loc[0.0, "status quo"], curve.loc[1.0, "status quo"]) + 0.25

# %% [markdown]
# Over our ranges, **abandonment** (`π` = 0) **invites an attack** in about two draws in three, and
# **a clear guarantee** (`π` = 1) **invites Taiwan's revision** in more than half (moral hazard). The
# peace is likeliest at an intermediate `π`, a little above one half, where it holds in about three
# draws in four. That is the shape of the dual-deterrence
# argument, and it comes from the model at our codings, not from the record. How much better
# ambiguity is than clarity depends on the codings of Taiwan's war costs and its status-quo share
# (tornado below).
#
# ## What the verdict turns on
# One coding at a time over its range; the others drawn 500 times (the same draws at each step).

# %%
tor = case_tornado(rec, n=500, steps=11, seed=SEED)
plot.tornado_plot(tor).set_xlabel("P(status quo)")
plt.show()
tor[["parameter", "low", "high", "outcome_low", "outcome_high", "swing", "regimes"]]

# %%
assert set(tor["parameter"].iloc[:3]) == {"c_adversary", "q_status_quo", "p_win"}
sw = tor.set_index("parameter")["swing"]
assert sw["pi_support"] < 0.75 * sw[["c_adversary", "q_status_quo", "p_win"]].min()
assert s.turns_on in ("q_status_quo", "p_win")  # at the point coding, only these two flip the verdict

# %% [markdown]
# The verdict turns most on the **PRC's cost of war** and on the **balance between Taiwan's
# status-quo share and its chance alone** (`q − p`), more than on the probability of American
# support itself. At the point coding only `q` and `p` flip the verdict over their ranges. Dual deterrence works when
# the status quo roughly reflects what a war would give. Over the coded range of `π` (0.2–0.8)
# ambiguity is *somewhere* in the window; where the window lies is set by `q − p` and the costs.
#
# ## Regime map: Taiwan's chance alone against American support
# The other codings at their point values. The lines are `π = π_D(p)` and `π = π_M(p)`.

# %%
grid = case_grid(rec, "p_win", "pi_support", steps=81, xlim=(0.1, 0.5), ylim=(0.0, 1.0))
ps = np.linspace(0.1, 0.5, 50)
lines = [np.column_stack([ps, (v["q_status_quo"] - ps - v["c_adversary"]) / v["delta_support"]]),
         np.column_stack([ps, (v["q_status_quo"] - ps + v["c_protege"]) / v["delta_support"]])]
lines = [ln[(ln[:, 1] >= 0) & (ln[:, 1] <= 1)] for ln in lines]
ax = plot.regime_map(grid, "p_win", "pi_support", boundaries=lines,
                     case_point={"x": v["p_win"], "y": v["pi_support"], "label": "Taiwan 1979–96"})
plt.show()
at = {k: (grid[k].to_numpy() if k in ("p_win", "pi_support") else v[k]) for k in v}
lo, hi = thresholds(at)
off = (np.abs(grid["pi_support"] - lo) > 1e-9) & (np.abs(grid["pi_support"] - hi) > 1e-9)
assert ((grid["regime"] == "status quo") == (three_way(at) == "status quo"))[off].all()
assert ((three_way(at) == "status quo") == ((grid["pi_support"] >= lo) & (grid["pi_support"] <= hi)))[off].all()

# %% [markdown]
# ## The same crisis as a chosen straddle (a signalling game)
# The tree above makes the American commitment a chance move. The record `taiwan_strait_straddle`
# codes the 1995–96 crisis in `straddle_crisis` (after Zagare and Kilgour; our smallest coding). There
# a defender of uncertain resolve *chooses* to commit clearly, straddle or refuse, and the challenger
# then challenges or not. A clear commitment deters but emboldens the protégé (restraint cost `e`);
# a straddle restrains the protégé but may invite a challenge. The regime is the set of perfect
# Bayesian equilibria, pure and semi-separating. Observed: the United States straddled and
# the PRC did not challenge, `pooling on Straddle (Not challenge)`. All seven parameters are our
# judgements (four at the model's generic ranges, because no source narrows them).

# %%
rec2 = load_case("taiwan_strait_straddle")
model2 = library_model(rec2.model)
v2 = rec2.values()
print("at the point coding:", model2.regime(v2))
pred2 = predict(rec2, n=N, seed=SEED)
s2 = score(rec2, n=N, seed=SEED)
print(pred2.to_frame().head(4).round(3))
print(f"P(observed): case {s2.p_case:.3f}, baseline {s2.p_baseline:.3f}; skill {s2.skill:+.2f} nats; "
      f"{s2.status}; turns on {s2.turns_on}")
assert model2.regime(v2) == rec2.outcome.label == "pooling on Straddle (Not challenge)"
assert pred2.predicted == rec2.outcome.label and pred2.agreement == "yes"
assert s2.status == "informative" and 0.1 < s2.skill < 0.5 and s2.turns_on == "p"

# %% [markdown]
# The pooling straddle is an unchallenged PBE exactly where the challenger's belief in a resolute
# defender is at least `g/(g + w)` (the equilibrium's derived condition; it survives the Intuitive
# Criterion wherever it is a PBE). On the Monte Carlo draws the observed outcome is part of the regime exactly
# where that holds (not necessarily alone: other PBE may coexist):

# %%
d2 = sample_codings(rec2, n=N, seed=SEED)
reg2 = model2.regimes(d2)
unchallenged = np.array(["pooling on Straddle (Not challenge)" in r.split(" + ") for r in reg2])
deterred = d2["p"] >= d2["g"] / (d2["g"] + d2["w"])
print(f"P(unchallenged straddle) = {unchallenged.mean():.3f}; P(p >= g/(g+w)) = {deterred.mean():.3f}")
assert unchallenged.mean() == pred2.p_observed
assert (unchallenged == deterred).all()
grid2 = case_grid(rec2, "p", "w", steps=61, xlim=(0.1, 0.9), ylim=(1.0, 6.0))
ws = np.linspace(1.0, 6.0, 50)
ax = plot.regime_map(grid2, "p", "w", boundaries=[np.column_stack([v2["g"] / (v2["g"] + ws), ws])],
                     case_point={"x": v2["p"], "y": v2["w"], "label": "1996"})
plt.show()

# %% [markdown]
# The straddle coding agrees with the observed outcome too, with a smaller and less certain skill than
# the tree's: its verdict turns on one judgement, the PRC's belief that the United States would fight
# (`p`), against the threshold `g/(g + w)`. Below the threshold the straddle is challenged, which is
# Zagare and Kilgour's point about a straddle facing a challenger who doubts the defender.
#
# ## Comparison with the observed outcome
# Observed: **status quo**. There was no war from 1979 through the 1995–96 crisis. The PLA's
# missile firings went into pre-announced target areas (Garver 2016, pp. 628–629), and Taiwan did
# not declare independence (recalled; consistent with Ross 2000). The model predicts the status quo
# at the point coding and as the most probable regime over the ranges. **Agreement: yes**, and
# informative: the status quo is not the model's generic outcome.
#
# ## What the model explains, what it does not, how fragile the conclusion is
# * **Explains:** why an intermediate, uncertain commitment can keep both the PRC and Taiwan from
#   war, and why abandonment (no Taiwan Relations Act, `π` near 0) would have invited attack at our
#   codings.
# * **Fragile:** in about three draws in ten the coded ranges give a war, started by either side. The verdict turns
#   on Taiwan's status-quo share against its chance alone, which are judgements no source quantifies.
# * **Does not explain:** the crisis itself. Missile firings and carrier deployments are signals,
#   not moves of the tree. In the tree the United States is not a player: `π` is a chance move, not
#   a chosen ambiguity. The straddle coding makes the choice strategic, but it folds Taiwan's
#   response into a cost, so neither model has all three players choosing (Benson and Niou's
#   question of why Washington *chose* ambiguity is answered only in the straddle model's terms). Nor does it say how the 1995 visa decision and the 1996 deployment changed the
#   perceived `π`: 1979–1996 is one unit here.
