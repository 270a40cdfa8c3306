# %% [markdown]
# # Dynamics and repetition: the shadow of the future and how allies learn
#
# Snyder's *primary* alliance game is a prisoner's dilemma (Snyder 1984; the cardinal payoffs are
# **our coding**, see `alliancegames.models.primary_alliance`), and alliance members meet again and
# again. Part 1 asks how much weight on the future (the discount factor $\delta$) mutual restraint
# needs: the thresholds for grim trigger, limited punishment and tit-for-tat are **derived
# symbolically** by `alliancegames.analysis.repeated`, with their comparative statics, and mapped over
# two parameters. Part 2 asks which of the two equilibria of Snyder's *secondary* alliance game
# (both firm, or both weak) allies reach by learning and selection, and how that depends on the costs
# of abandonment and entrapment: two-population replicator dynamics (checked against nashpy's
# integrator), fictitious play and the Moran process, all run through nashpy and seeded.
#
# The notebook asserts its headline numbers: the thresholds at the defaults, their signs of change,
# the agreement of the batched and nashpy integrators, and the direction in which entrapment and
# abandonment costs move the basin of mutual firmness.

# %%
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

from alliancegames import (
    fictitious_play,
    finite_repetition,
    grim_trigger,
    limited_punishment,
    moran,
    plot,
    pure_equilibria,
    replicator,
    replicator_paths,
    replicator_sweep,
    solve,
    threshold_grid,
    tit_for_tat,
    uniform_starts,
)
from alliancegames.models import primary_alliance, snyder_alliance

SEED = 2026

# %% [markdown]
# ## 1. The shadow of the future in the primary alliance game
#
# "Abstain" is cooperation, "Ally" defection. Grim trigger: abstain until anyone allies, then ally
# forever. With temptation $T = g - k$, reward $R = 0$ and punishment $P = -k$ the textbook
# condition $\delta \ge (T-R)/(T-P)$ becomes:

# %%
model = primary_alliance()
coop, defect = ("Abstain", "Abstain"), ("Ally", "Ally")
grim = grim_trigger(model, coop, defect)
print(grim)
for s in grim.statics():
    print(" ", s.sentence)
assert grim.threshold_at() == Fraction(2, 3)
assert {s.parameter.name: s.sign for s in grim.statics()} == {
    "g_advantage": "positive",
    "k_cost": "negative",
    "l_isolation": "zero",
}

# %% [markdown]
# A larger gain from allying against an isolated rival ($g$) makes restraint harder; a costlier
# alliance ($k$) makes it easier; the loss from isolation ($l$) does not enter grim trigger's
# threshold (it only has to keep mutual alliance a stage equilibrium). Shorter punishments need more
# patience, and tit-for-tat is a Nash equilibrium of the repeated game above its threshold but
# subgame perfect only on a knife edge:

# %%
lp = {k: limited_punishment(model, coop, defect, periods=k) for k in (1, 2, 3, 5)}
tft = tit_for_tat(model, coop, defect)
for k, r in lp.items():
    print(f"limited punishment, {k} period(s): delta* = {float(r.threshold_at()):.4f}")
print("tit-for-tat, Nash threshold:", tft.threshold_at(), "; subgame perfect iff", tft.conditions)
assert lp[1].threshold_at() == 2  # one period of punishment cannot deter at the defaults
assert float(lp[3].threshold_at()) > float(lp[5].threshold_at()) > float(grim.threshold_at())
assert not any(tft.holds_at(Fraction(d, 100)) for d in range(1, 100))  # never subgame perfect at the defaults

# %% [markdown]
# The threshold mapped over the temptation $g$ and the cost of alliance $k$ (a 100 x 100 grid,
# evaluated from the symbolic expression):

# %%
gs, ks = np.linspace(1.5, 4, 100), np.linspace(0.2, 1, 100)
grid = threshold_grid(grim, {"g_advantage": gs, "k_cost": ks})
fig, ax = plt.subplots(figsize=(6, 4))
im = ax.pcolormesh(ks, gs, grid, shading="nearest", cmap="viridis")
cs = ax.contour(ks, gs, grid, levels=[0.5, 0.7, 0.8, 0.9], colors="w", linewidths=0.8)
ax.clabel(cs, fontsize=8)
ax.plot([1], [3], "r*", ms=10, label="defaults")
ax.set_xlabel("k_cost (cost of an alliance)")
ax.set_ylabel("g_advantage (gain from allying alone)")
ax.legend(frameon=False, fontsize=8)
fig.colorbar(im, ax=ax, label="grim-trigger threshold delta*")
plt.show()
assert np.allclose(grid, (gs[:, None] - ks[None, :]) / gs[:, None])
share_easy = float(np.mean(grid <= 0.8))
print(f"share of the plausible (g, k) box where delta* <= 0.8: {share_easy:.1%}")
assert 0.4 < share_easy < 0.6

# %% [markdown]
# Finite repetition removes the shadow of the future: in the twice-repeated game (built by nashpy's
# repeated-game construction, 32 strategies per state) every pure Nash equilibrium allies in both
# periods, whatever the discount factor would have been.

# %%
rep = finite_repetition(model, 2)
payoffs = {(float(rep.A[i, j]), float(rep.B[i, j])) for i, j in pure_equilibria(rep)}
print(rep.shape, payoffs)
assert payoffs == {(-2.0, -2.0)}

# %% [markdown]
# ## 2. Which equilibrium do allies learn? Snyder's alliance game
#
# At the defaults the secondary alliance game is an assurance game: both firm and both weak are
# equilibria, with a mixed tipping point. Two populations of allies adjust by replicator dynamics;
# the phase portrait shows the field, some trajectories and the equilibria the exact solver finds.

# %%
snyder = snyder_alliance()
sol = solve(snyder)
print(sol)
starts = uniform_starts(snyder.shape, 12, random_state=SEED)
paths = replicator_paths(snyder, starts, t_max=15, steps=300)
A, B = sol.game.A.astype(float), sol.game.B.astype(float)
ax = plot.phase_portrait(A, B, paths=paths, equilibria=sol, actions=("Firm", "Firm"))
ax.set_title("Replicator dynamics, Snyder's alliance game (defaults)")
plt.show()

# %%
basins = replicator(snyder, n=2000, random_state=SEED)
check = replicator(snyder, basins.starts[:20], method="nashpy")
print(basins)
assert np.allclose(basins.ends[:20], check.ends, atol=1e-5) and basins.outcomes[:20] == check.outcomes
shares = basins.shares()
assert set(shares) == {"Firm/Firm", "Weak/Weak"}
assert 0.4 < shares["Firm/Firm"] < 0.6  # near-even split at the defaults

# %% [markdown]
# Fictitious play from random initial beliefs, and the Moran process in one finite population of
# allies (fitness = payoff shifted to a minimum of 1: our choice, recorded in the result). nashpy's
# simulated fixation frequencies are compared with the exact birth-death-chain probabilities:

# %%
fp = fictitious_play(snyder, runs=60, iterations=300, random_state=SEED)
mo = moran(snyder, {"Firm": 10, "Weak": 10}, repetitions=200, random_state=SEED)
print(fp)
print(mo, "; exact:", {k: round(v, 4) for k, v in mo.exact.items()})
assert set(fp.counts()) <= {"Firm/Firm", "Weak/Weak"}
assert mo.exact["Weak"] > mo.exact["Firm"]  # from an even split, weak commitment fixes more often
se = np.sqrt(mo.exact["Weak"] * (1 - mo.exact["Weak"]) / 200)
assert abs(mo.fixation["Weak"] - mo.exact["Weak"]) < 4 * se  # nashpy's simulation agrees with the chain

# %% [markdown]
# ### How abandonment and entrapment costs move the basin of mutual firmness
#
# The share of random starting points from which replicator dynamics reaches both-firm, over the
# cost of abandonment and the cost of entrapment (the same 200 seeded starts at every point; points
# outside the assurance region have a single equilibrium and a share of 0 or 1).

# %%
a_vals = np.linspace(0.5, 6, 8)
e_vals = np.linspace(0.5, 6, 8)
df = replicator_sweep(
    snyder, {"c_abandon": a_vals, "c_entrap": e_vals}, n=200, steps=600, t_max=30, random_state=SEED
)
firm = (
    df[df.outcome == "Firm/Firm"]
    .pivot_table(index="c_entrap", columns="c_abandon", values="share")
    .reindex(index=e_vals, columns=a_vals)
    .fillna(0.0)
)
fig, ax = plt.subplots(figsize=(6, 4))
im = ax.pcolormesh(a_vals, e_vals, firm.to_numpy(), shading="nearest", cmap="Blues", vmin=0, vmax=1)
ax.set_xlabel("c_abandon")
ax.set_ylabel("c_entrap")
fig.colorbar(im, ax=ax, label="share of starts reaching Firm/Firm")
ax.set_title("Basin of mutual firmness (replicator dynamics)")
plt.show()
F = firm.to_numpy()
assert np.all(np.diff(F, axis=0) <= 1e-12)  # more entrapment risk: never a larger basin of firmness
assert np.all(np.diff(F, axis=1) >= -1e-12)  # more abandonment risk: never a smaller one
assert F[0, -1] == 1.0 and F[-1, 0] == 0.0
print(firm.round(2))

# %% [markdown]
# **Reading.** Repetition can sustain mutual restraint in the primary game when allies weigh the
# future enough (at our coding, $\delta \ge 2/3$ under grim trigger), but not in a known, finite
# horizon; how states learn decides which coordination equilibrium of the secondary game they reach,
# and fears of entrapment shrink the basin of mutual firmness while fears of abandonment enlarge it.
# All payoffs are our coding of Snyder's qualitative argument; the directions, not the numbers, are
# the robust result.
