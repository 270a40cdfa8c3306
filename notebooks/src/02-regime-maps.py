# %% [markdown]
# # Regime maps of the alliance dilemma, with uncertainty
#
# *For which costs of entrapment and probabilities of conflict do allies stand firm?* A regime map
# answers by colouring the parameter plane by the set of equilibria at each point. This notebook
# draws the map of Snyder's alliance game (Snyder 1984; the
# cardinal payoffs are **our coding**, see `alliancegames.models.snyder_alliance`), overlays the
# region boundaries **derived symbolically** by `alliancegames.analysis.regions`, marks a historical case, and
# then asks how sure we can be of the regime when the codings are only known within ranges:
# Monte Carlo regime probabilities with confidence intervals, a tornado of one-at-a-time
# sensitivities, and the equilibrium strategy along one parameter.
#
# The notebook asserts what it shows: the numeric map agrees with the symbolic regions at every grid
# point, the boundaries separate the numeric regimes, named points agree with `solve()`, Monte Carlo
# probabilities sum to one and are reproducible from the seed, and the tornado ranks the parameters
# as the closed form says.

# %%
import time
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import sympy as sp

from alliancegames import (
    Uniform,
    equilibrium_regions,
    format_conditions,
    monte_carlo,
    partition,
    plot,
    regime_table,
    sample_points,
    solve,
    sweep,
    tornado,
)
from alliancegames.cases import load_case
from alliancegames.models import ALLIANCE_REGIMES, CODINGS, get_model

model = get_model("snyder_alliance")
S = model.symbols
v, a, e, p = S["v_protect"], S["c_abandon"], S["c_entrap"], S["p_conflict"]
MIXED = "mixed (Firm,Weak / Firm,Weak)"
NAMES = ALLIANCE_REGIMES  # readable regime names, keyed by the set of equilibrium labels

# %% [markdown]
# ## The case: the junior allies in Vietnam
#
# The case record `vietnam_alliances` codes Snyder's alliance game for Australia, New Zealand and
# South Korea deciding how firmly to back the United States in Vietnam (the codings, their ranges
# and their sources are in the record; they are our codings of qualitative sources such as
# Pemberton 1987). We fix the value of protection and the cost of abandonment at the case's codings
# and map the other two parameters over their plausible ranges.

# %%
case = load_case("vietnam_alliances")
coded = case.values()
ranges = case.ranges()
print(case.name)
print("codings:", coded)
print("ranges: ", ranges)
print("observed outcome:", case.outcome.label)
fixed = {"v_protect": coded["v_protect"], "c_abandon": coded["c_abandon"]}

# %% [markdown]
# ## 1. The numeric regime map: a 300 x 300 grid in one call
#
# `sweep` compiles the model once and solves all 90,000 games in batches; points on a boundary
# (ties) go to the exact solver.

# %%
box = CODINGS["snyder_alliance"].plausible
xs = np.linspace(float(box["c_entrap"][0]), float(box["c_entrap"][1]), 300)
ys = np.linspace(float(box["p_conflict"][0]), float(box["p_conflict"][1]), 300)
t0 = time.perf_counter()
df = sweep(model, {"c_entrap": xs, "p_conflict": ys}, fixed=fixed, labels=NAMES)
elapsed = time.perf_counter() - t0
table = regime_table(df)
print(f"{len(table):,} points, {len(df):,} equilibria")  # time not printed: outputs must be reproducible
table["regime"].value_counts()

# %% [markdown]
# ## 2. The symbolic regions and their boundaries
#
# `equilibrium_regions` gives each equilibrium's exact conditions. With $v$ and $a$ fixed, every
# condition is a relation in $(e, p)$; the *candidate* boundaries are the zero sets of the factors of
# those relations. A candidate is a regime boundary where the set of equilibria that the symbolic
# conditions predict differs on its two sides; `partition(...).regime_boundaries()` keeps exactly
# those parts of the curves. This is done from the symbolic conditions alone; the numeric map is
# then used to check it.

# %%
regions = equilibrium_regions(model, regimes=NAMES)
at_case = {v: sp.nsimplify(fixed["v_protect"]), a: sp.nsimplify(fixed["c_abandon"])}
conds = {pc.label: pc.conditions.xreplace(at_case) for pc in regions.generic}
for label, c in conds.items():
    print(f"{label:32s} {format_conditions(c)}")
tests = {label: sp.lambdify((e, p), c, "numpy") for label, c in conds.items()}


def symbolic_regime(E, P):
    """The regime name predicted by the symbolic conditions at arrays of points."""
    E, P = np.broadcast_arrays(np.asarray(E, float), np.asarray(P, float))
    holds = {lab: np.broadcast_to(f(E, P), E.shape) for lab, f in tests.items()}
    out = np.empty(E.shape, dtype=object)
    for idx in np.ndindex(E.shape):
        labels = tuple(sorted(lab for lab in holds if holds[lab][idx]))
        out[idx] = NAMES.get(labels, " + ".join(labels))
    return out


# the boundaries come from the package (`partition` keeps the factor curves of the conditions
# along which the set of equilibria differs on the two sides)
plane = partition(model, {"c_entrap": box["c_entrap"], "p_conflict": box["p_conflict"]}, fixed, samples=300)
bounds = plane.regime_boundaries()
for b in bounds:
    print("boundary:", b.label)
# by hand (Snyder's alliance game): both firm ends at p = v/e, both weak begins at e = a
assert {str(b.curve) for b in bounds} == {str(sp.Eq(p, at_case[v] / e)), str(sp.Eq(e, at_case[a]))}

# %% [markdown]
# **Check 1: the numeric map equals the symbolic regions at every grid point** (the grid misses the
# boundaries themselves, where ties would add equilibria; `exact` counts the points that needed the
# exact solver).

# %%
E_grid, P_grid = table["c_entrap"].to_numpy(), table["p_conflict"].to_numpy()
predicted = symbolic_regime(E_grid, P_grid)
numeric = table["regime"].astype(str).to_numpy()
assert (predicted == numeric).all(), int((predicted != numeric).sum())
print(
    f"numeric = symbolic at all {len(table):,} grid points; exact-solver points: {int(table['exact'].sum())}"
)
assert set(numeric) == set(NAMES.values())  # all four regimes appear on this plane

# %% [markdown]
# **Check 2: each boundary separates the numeric regimes.** At points along each boundary, solve the
# game just below and just above it (exact rational points, one-thousandth away) and compare with the
# symbolic prediction on each side.

# %%
eps = Fraction(1, 1000)
for b in bounds:
    finite = b.points[~np.isnan(b.points).any(axis=1)]
    for x0, y0 in finite[:: max(1, len(finite) // 6)]:
        x0, y0 = Fraction(x0).limit_denominator(10**6), Fraction(y0).limit_denominator(10**6)
        if b.curve.lhs == p:
            sides = [(x0, y0 - eps), (x0, y0 + eps)]
        else:
            sides = [(x0 - eps, y0), (x0 + eps, y0)]
        found = []
        for xe, yp in sides:
            sol = solve(model, params={**fixed, "c_entrap": xe, "p_conflict": yp}, exact=True)
            name = NAMES[tuple(sorted(sol.labels))]
            assert name == symbolic_regime(float(xe), float(yp)).item()
            found.append(name)
        assert found[0] != found[1], (b.label, x0, y0, found)
print("every boundary separates two different numeric regimes")

# %% [markdown]
# **The map**, with the symbolic boundaries and the case's coded point.

# %%
fig, ax = plt.subplots(figsize=(8, 4.8))
plot.regime_map(
    df,
    "c_entrap",
    "p_conflict",
    ax=ax,
    boundaries=bounds,
    case_point={"x": coded["c_entrap"], "y": coded["p_conflict"], "label": "Vietnam, junior allies"},
)
ax.set_xlabel("cost of entrapment, c_entrap")
ax.set_ylabel("probability of conflict, p_conflict")
ax.set_title(
    f"Snyder's alliance game (v_protect = {fixed['v_protect']:g}, c_abandon = {fixed['c_abandon']:g})"
)
plt.tight_layout()
plt.show()

# %% [markdown]
# **Named points**: the regime on the map equals the equilibria `solve()` finds there, and at the
# case's coded point the map predicts the observed outcome (both firm).

# %%
named = {
    "Vietnam coding": (coded["c_entrap"], coded["p_conflict"]),
    "high entrapment, rare conflict": (5.5, 0.3),
    "high entrapment, likely conflict": (5.5, 0.85),
    "entrapment just below abandonment": (4.8, 0.9),
}
pts = sweep(
    model,
    points=[{"c_entrap": x, "p_conflict": y} for x, y in named.values()],
    fixed=fixed,
    labels=NAMES,
)
at_points = regime_table(pts)["regime"].astype(str).tolist()
for (name, (x, y)), regime in zip(named.items(), at_points):
    sol = solve(model, params={**fixed, "c_entrap": x, "p_conflict": y})
    print(f"{name:36s} ({x:g}, {y:g}): {regime}")
    assert regime == NAMES[tuple(sorted(sol.labels))] == symbolic_regime(x, y).item()
assert at_points[0] == "both firm" and case.outcome.label == "Firm/Firm"
assert at_points[1:] == ["assurance (both firm or both weak)", "both weak", "chicken (one firm, one weak)"]

# %% [markdown]
# ## 3. Uncertainty: how sure is the regime?
#
# The case's codings are only known within ranges. Draw all four parameters uniformly over the
# case's stated ranges (independently, seeded) and count how often each regime occurs, with 95%
# Wilson intervals.

# %%
dists = {name: Uniform(lo, hi) for name, (lo, hi) in ranges.items()}
for name, d in dists.items():
    print(f"{name:11s} ~ Uniform({d.lo:g}, {d.hi:g})")
mc = monte_carlo(model, dists, n=20_000, seed=1964, labels=NAMES)
mc_frame = mc.to_frame()
mc_frame

# %%
assert np.isclose(sum(mc.probabilities), 1.0) and sum(mc.counts) == mc.n
assert all(lo <= pr <= hi for pr, lo, hi in zip(mc.probabilities, mc.lower, mc.upper))
again = monte_carlo(model, dists, n=20_000, seed=1964, labels=NAMES)
assert again.regimes == mc.regimes and again.counts == mc.counts  # same seed, same answer
other = monte_carlo(model, dists, n=20_000, seed=7, labels=NAMES)
assert other.counts != mc.counts  # a different seed gives a different sample ...
for r in mc.regimes:  # ... whose estimates fall inside the first run's intervals, give or take sampling error
    i = mc.regimes.index(r)
    assert abs(other[r] - mc[r]) < 3 * (mc.upper[i] - mc.lower[i]) + 1e-3
# independent check: the symbolic conditions, evaluated on the same seeded draws, give the same counts
draws = sample_points(dists, 20_000, seed=1964)
full = {
    lab: sp.lambdify((v, a, e, p), pc.conditions, "numpy")
    for lab, pc in ((q.label, q) for q in regions.generic)
}
args = (draws["v_protect"], draws["c_abandon"], draws["c_entrap"], draws["p_conflict"])
holds = {lab: np.broadcast_to(f(*args), args[0].shape) for lab, f in full.items()}
keys = [tuple(sorted(lab for lab in holds if holds[lab][i])) for i in range(len(args[0]))]
symbolic_counts = {}
for k in keys:
    symbolic_counts[NAMES.get(k, " + ".join(k))] = symbolic_counts.get(NAMES.get(k, " + ".join(k)), 0) + 1
assert symbolic_counts == dict(zip(mc.regimes, mc.counts))
print(
    f"P(both firm) = {mc['both firm']:.3f}  [{mc.lower[mc.regimes.index('both firm')]:.3f}, "
    f"{mc.upper[mc.regimes.index('both firm')]:.3f}]"
)
assert mc.regimes[0] == "both firm" and mc["both firm"] > 0.5

# %% [markdown]
# For comparison, the model's own plausible ranges (wider, not tied to the case) leave the regime
# far more open.

# %%
wide = {name: Uniform(float(lo), float(hi)) for name, (lo, hi) in box.items()}
mc_wide = monte_carlo(model, wide, n=20_000, seed=1964, labels=NAMES)
assert np.isclose(sum(mc_wide.probabilities), 1.0)
assert mc_wide["both firm"] < mc["both firm"]
fig, axes = plt.subplots(1, 2, figsize=(11, 3.2), sharex=True)
plot.regime_probabilities(mc, ax=axes[0])
axes[0].set_title("Vietnam case ranges")
plot.regime_probabilities(mc_wide, ax=axes[1])
axes[1].set_title("model's plausible ranges")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Tornado: which coding matters most?
#
# Move one parameter at a time over the case's range, the others at their codings, and record the
# allies' payoff in their best equilibrium (here always mutual firmness, worth $v - pe$). By hand the
# swings are $|\partial(v - pe)/\partial x|$ times the width of each range: $4$ for $v$,
# $p \cdot 3.5 = 2.45$ for $e$, $e \cdot 0.5 = 1$ for $p$ and $0$ for $a$. The `regimes` column lists
# the regimes met along each range: the junior allies' firmness survives every one-at-a-time change
# (at the low end of the cost of abandonment, $a = e = 2$, the allies are indifferent against a weak
# partner and both weak joins both firm as an equilibrium).


# %%
def best_payoff(rows):
    return rows["u:Ally 1"].max()


tor = tornado(model, ranges, base=coded, outcome=best_payoff, steps=21, labels=NAMES)
tor[["parameter", "low", "high", "outcome_low", "outcome_high", "swing", "regimes"]]

# %%
pc_, ec_ = coded["p_conflict"], coded["c_entrap"]
by_hand = {
    "v_protect": ranges["v_protect"][1] - ranges["v_protect"][0],
    "c_entrap": pc_ * (ranges["c_entrap"][1] - ranges["c_entrap"][0]),
    "p_conflict": ec_ * (ranges["p_conflict"][1] - ranges["p_conflict"][0]),
    "c_abandon": 0.0,
}
assert np.allclose(tor.set_index("parameter")["swing"].reindex(list(by_hand)), list(by_hand.values()))
assert tor["parameter"].tolist() == ["v_protect", "c_entrap", "p_conflict", "c_abandon"]
assert np.isclose(tor["outcome_base"].iloc[0], coded["v_protect"] - pc_ * ec_)
print("most important parameter:", tor["parameter"].iloc[0])
ax = plot.tornado_plot(tor)
ax.set_xlabel("Ally 1's payoff in its best equilibrium")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5. The equilibrium strategy along the cost of entrapment
#
# At a high probability of conflict ($p = 0.9$) and the case's $v$ and $a$, raising the cost of
# entrapment moves the alliance from both firm, through a chicken game, to both weak. In the chicken
# band $4/0.9 < e < 5$ the mixed equilibrium's probability of firmness
# $\sigma_F = p(a - e)/(pa - v)$ (from the regions) falls from 1 to 0. The grid passes exactly
# through the tie $e = a = 5$, where the sweep hands the game to the exact solver.

# %%
line = sweep(model, {"c_entrap": np.linspace(0.5, 6, 551)}, fixed={**fixed, "p_conflict": 0.9}, labels=NAMES)
mixed_rows = line[line["label"] == MIXED]
sigma = next(pc for pc in regions.generic if pc.label == MIXED).strategies[0][0]
sigma_f = sp.lambdify(e, sigma.xreplace({**at_case, p: sp.Rational(9, 10)}), "numpy")
assert np.allclose(mixed_rows["p:Ally 1:Firm"], sigma_f(mixed_rows["c_entrap"].to_numpy()))
assert (np.diff(mixed_rows["p:Ally 1:Firm"].to_numpy()) < 0).all()
assert mixed_rows["c_entrap"].min() > 4 / 0.9 and mixed_rows["c_entrap"].max() < 5
steps = regime_table(line)
ties = steps[steps["exact"]]  # the grid hits e = a = 5 exactly: a tie, solved by the exact solver
assert ties["c_entrap"].tolist() == [5.0]
print("at the tie e = a:", ties["regime"].iloc[0])
seq = steps.loc[~steps["exact"], "regime"].astype(str).tolist()
order = [r for i, r in enumerate(seq) if i == 0 or r != seq[i - 1]]
assert order == ["both firm", "chicken (one firm, one weak)", "both weak"], order
fig, ax = plt.subplots(figsize=(7, 3.5))
plot.strategy_plot(line, "c_entrap", "p:Ally 1:Firm", ax=ax)
ax.set_ylabel("P(Ally 1 stands firm)")
ax.set_xlabel("cost of entrapment, c_entrap (p_conflict = 0.9)")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Summary
#
# * With the Vietnam codings of $v$ and $a$, the $(e, p)$ plane splits along $p = v/e$ and $e = a$
#   into four regimes; the numeric map of 90,000 games and the symbolic regions agree everywhere.
# * The coded case point lies in the both-firm regime, as observed; over the case's coding ranges
#   both firm is the most likely regime (Monte Carlo, with intervals), and over the model's wider
#   plausible ranges it is much less certain.
# * One at a time, the value of protection moves the allies' payoff most, then the cost of
#   entrapment; the cost of abandonment does not move it at all while both stay firm.
# * Raising the cost of entrapment moves the alliance from firm to weak commitment, through a
#   chicken band in which the probability of firmness falls.
