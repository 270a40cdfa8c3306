# %% [markdown]
# # Abandonment versus entrapment: the alliance dilemma, derived
#
# An ally that commits **firmly** reassures its partner but risks being dragged into the partner's
# quarrels (**entrapment**); one that commits **weakly** keeps its freedom but risks being left alone
# when trouble comes (**abandonment**). Glenn Snyder called this the *security dilemma in alliance
# politics* (Snyder 1984).
#
# This notebook walks through the models of `alliancegames.models` that formalise the dilemma and its
# relatives, and lets the toolkit **derive** where each equilibrium holds instead of typing the
# conditions in:
#
# | section | model | derived by |
# |---|---|---|
# | 1 | Snyder's alliance game (firm or weak commitment) | `regions.equilibrium_regions` |
# | 2 | Snyder's adversary game and the composite alliance-adversary game | `equilibrium_regions` |
# | 3 | the primary alliance dilemma (a prisoner's dilemma) | `equilibrium_regions` |
# | 4 | Olson-Zeckhauser burden sharing | the model's own symbolic solution |
# | 5 | buck-passing versus chain-ganging | closed forms + `equilibrium_regions` |
# | 6 | extended deterrence with a protégé | `tree.backward_induction` |
# | 7 | probabilistic commitment and moral hazard | `tree.backward_induction` |
#
# Every section **asserts** what it shows: the derived conditions are compared with the conditions
# derived by hand (symbolically, and at thousands of random points), comparative statics are signed,
# and the regions are checked against the numeric solver `solve()` at named points.
#
# **Payoffs are our coding.** Snyder's argument is qualitative; the cardinal payoffs of the library
# models are codings that respect the orderings stated in each model's docstring, over the plausible
# ranges listed in `alliancegames.models.CODINGS`. The *conditions* derived below are results about
# those codings, not estimates.

# %%
import matplotlib.pyplot as plt
import numpy as np
import sympy as sp

from alliancegames import backward_induction, decide, equilibrium_regions, plot, solve
from alliancegames.models import (
    CODINGS,
    buck_passing,
    burden_sharing,
    burden_sharing_matrix,
    commitment_tradeoff,
    get_model,
    list_models,
    solve_burden_sharing,
)

R = sp.Rational
list_models()[["name", "kind", "description"]]

# %% [markdown]
# Three small helpers used by the checks below. `agree` compares two conditions at random points of
# a box of parameter values (the plausible ranges of the coding): two conditions that agree at
# thousands of random points (ties have probability zero) describe the same region. `threshold`
# solves a boundary relation for one parameter, so that a derived boundary can be compared with a
# hand-derived one by `sympy.simplify` whatever form the simplifier chose to print.


# %%
def agree(cond_a, cond_b, box, n=4000, seed=0):
    """Fraction of n random points of the box (name -> (lo, hi)) where two conditions agree."""
    rng = np.random.default_rng(seed)
    names = sorted(box)
    pts = {k: rng.uniform(float(box[k][0]), float(box[k][1]), n) for k in names}
    out = []
    for cond in (cond_a, cond_b):
        syms = sorted(cond.free_symbols, key=lambda s: s.name)
        f = sp.lambdify(syms, cond, "numpy")
        out.append(np.broadcast_to(np.asarray(f(*(pts[s.name] for s in syms)), dtype=bool), (n,)))
    return float(np.mean(out[0] == out[1]))


def threshold(relation, symbol):
    """The value of `symbol` on the boundary of a relation (the unique root of lhs = rhs)."""
    roots = sp.solve(sp.Eq(relation.lhs, relation.rhs), symbol)
    assert len(roots) == 1, roots
    return roots[0]


def atoms(cond):
    """The relations of a conjunction."""
    return list(cond.args) if isinstance(cond, sp.And) else [cond]


def generic(regions, label):
    """The generic piece with a given label (boundary pieces and limits only describe ties)."""
    pieces = [pc for pc in regions.generic if pc.label == label]
    assert len(pieces) == 1, pieces
    return pieces[0]


# %% [markdown]
# ## 1. Snyder's alliance game: firm or weak commitment
#
# Two allies each choose **Firm** or **Weak** commitment. Parameters (our coding of Snyder 1984):
# the value of the protection a mutually firm alliance gives `v_protect` ($v$), the cost of being
# abandoned `c_abandon` ($a$), the cost of entrapment `c_entrap` ($e$) and the probability that a
# conflict arises `p_conflict` ($p$).
#
# | mine / partner | Firm | Weak |
# |---|---|---|
# | **Firm** | $v - pe$ | $-pe$ |
# | **Weak** | $0$ | $-pa$ |

# %%
alliance = get_model("snyder_alliance")
alliance

# %% [markdown]
# `equilibrium_regions` finds every candidate equilibrium (pure and mixed) with its strategies as
# expressions and the exact conditions on the parameters under which it is a Nash equilibrium. The
# *generic* pieces are shown; *boundary* pieces cover the ties on the region boundaries (an equilibrium
# at a tie that is a shown piece's formula there is counted among the *limits*, not listed again).

# %%
regions = equilibrium_regions(alliance)
regions

# %%
S = alliance.symbols
v, a, e, p = S["v_protect"], S["c_abandon"], S["c_entrap"], S["p_conflict"]
ff = generic(regions, "Firm/Firm")
ww = generic(regions, "Weak/Weak")
fw = generic(regions, "Firm/Weak")
mixed = generic(regions, "mixed (Firm,Weak / Firm,Weak)")
for piece in (ff, ww, fw, mixed):
    print(f"{piece.label:32s} if {piece.condition_text}")

# %% [markdown]
# **By hand.** Against a firm partner, Firm beats Weak by $D_F = v - pe$; against a weak partner by
# $D_W = p(a - e)$. So both firm is an equilibrium iff $D_F \ge 0$; both weak iff $D_W \le 0$; one
# firm and one weak iff $D_F \le 0 \le D_W$; and a mixed equilibrium exists iff $D_F$ and $D_W$ have
# strictly opposite signs, with the probability of firmness at the partner's indifference
# $\sigma_F = p(e-a)/(v - pa)$. The derived regions must say the same. The boundary of the both-firm
# region is $p = v/e$:

# %%
hand = {
    "Firm/Firm": v - p * e >= 0,
    "Weak/Weak": p * (a - e) <= 0,
    "Firm/Weak": sp.And(v - p * e <= 0, p * (a - e) >= 0),
    "mixed": (v - p * e) * p * (a - e) < 0,
}
box = CODINGS["snyder_alliance"].plausible
for piece, key in ((ff, "Firm/Firm"), (ww, "Weak/Weak"), (fw, "Firm/Weak"), (mixed, "mixed")):
    share = agree(piece.conditions, hand[key], box)
    print(f"{key:10s} derived = hand-derived at {share:.0%} of 4000 random points")
    assert share == 1.0

assert sp.simplify(threshold(atoms(ff.conditions)[0], p) - v / e) == 0
sigma_F = mixed.strategies[0][0]
assert sp.simplify(sigma_F - p * (e - a) / (v - p * a)) == 0
sigma_F

# %% [markdown]
# Named points, one per regime: the equilibria the regions predict there must be exactly those
# `solve()` finds (exact rational arithmetic, same labels, same probabilities).

# %%
points = {
    "both firm (coordination)": dict(v_protect=3, c_abandon=2, c_entrap=4, p_conflict=R(1, 2)),
    "both firm only": dict(v_protect=4, c_abandon=5, c_entrap=2, p_conflict=R(7, 10)),
    "both weak only": dict(v_protect=2, c_abandon=2, c_entrap=6, p_conflict=R(1, 2)),
    "chicken (one firm)": dict(v_protect=1, c_abandon=6, c_entrap=3, p_conflict=R(1, 2)),
}
for name, pt in points.items():
    predicted = regions.at(pt)
    sol = solve(alliance, params=pt, exact=True)
    print(f"{name:26s} {[lab for lab, _ in predicted]}")
    assert [lab for lab, _ in predicted] == list(sol.labels)
    assert [prof for _, prof in predicted] == [tuple(map(tuple, eq.strategies)) for eq in sol]

# %% [markdown]
# ### Comparative statics: raising the cost of entrapment moves toward weak commitment
#
# * The both-firm region is $p \le v/e$; its boundary $v/e$ **falls** as $e$ rises (sympy decides
#   the sign of $\partial (v/e)/\partial e = -v/e^2$ from the parameters' domains).
# * The both-weak region $a \le e$ **grows** as $e$ rises.
# * Where the game is *chicken* ($v < pe < pa$: each would rather the other stand firm), the mixed
#   probability of firmness **falls** with $e$: $\partial\sigma_F/\partial e = p/(v - pa) < 0$.
# * Where it is *coordination* ($v > pe > pa$), $\sigma_F$ is a tipping point: an ally stands firm
#   only if it believes its partner firm with probability above $\sigma_F$. The derivative is then
#   positive: the tipping point rises, the set of beliefs that sustain firmness shrinks.

# %%
k = sp.Symbol("k", positive=True)  # a positive increment
boundary_FF = threshold(atoms(ff.conditions)[0], p)
d_boundary = sp.diff(boundary_FF, e)
assert d_boundary.is_negative  # -v/e**2 with v, e positive: decided by sympy from the domains
ww_rel = atoms(ww.cases[0][1])[0]  # a <= e (the other case is p = 0): holds for every larger e once it holds
slack = (
    ww_rel.rhs - ww_rel.lhs
    if isinstance(ww_rel, (sp.LessThan, sp.StrictLessThan))
    else ww_rel.lhs - ww_rel.rhs
)
assert sp.diff(slack, e).is_nonnegative  # the slack of the condition grows with e

d_sigma = sp.simplify(sp.diff(sigma_F, e))
assert sp.simplify(d_sigma - p / (v - p * a)) == 0
# chicken: v = p*a - k with k > 0; coordination: v = p*a + k
assert decide(d_sigma.subs(v, p * a - k) < 0, [p > 0]) is True
assert decide(d_sigma.subs(v, p * a + k) > 0, [p > 0]) is True  # coordination: the tipping point rises
d_sigma

# %% [markdown]
# The same statics, read off the numeric solver: in a chicken game the mixed probability of firm
# commitment falls as the cost of entrapment rises.

# %%
chicken = dict(v_protect=1, c_abandon=6, p_conflict=R(1, 2))
es = [R(5, 2), 3, R(7, 2), 4, R(9, 2), 5]
sig_num = []
for ev in es:
    sol = solve(alliance, params={**chicken, "c_entrap": ev}, exact=True)
    m = [eq for eq in sol if not eq.is_pure][0]
    sig_num.append(m.strategies[0][0])
    assert m.strategies[0][0] == sigma_F.subs({**{S[k_]: v_ for k_, v_ in chicken.items()}, e: ev})
assert all(x > y for x, y in zip(sig_num, sig_num[1:]))
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot([float(x) for x in es], [float(s) for s in sig_num], "o-")
ax.set_xlabel("cost of entrapment c_entrap")
ax.set_ylabel("P(Firm) in the mixed equilibrium")
ax.set_title("Chicken region (v=1, a=6, p=1/2)")
plt.show()

# %% [markdown]
# ## 2. The adversary game and the composite alliance-adversary game
#
# Toward the adversary each state is **Firm** or **Conciliates** (our coding of Snyder 1984: stake
# `v_stake`, cost of a spiral of mutual firmness `c_spiral`). By hand: the game is chicken when
# $c > v/2$, with each side firm with probability $v/(2c)$; when $c < v/2$ firmness is dominant
# (a spiral).

# %%
adversary = get_model("snyder_adversary")
adv = equilibrium_regions(adversary)
A = adversary.symbols
vs, cs = A["v_stake"], A["c_spiral"]
adv_mixed = generic(adv, "mixed (Firm,Conciliate / Firm,Conciliate)")
adv_ff = generic(adv, "Firm/Firm")
box_adv = CODINGS["snyder_adversary"].plausible
assert agree(adv_mixed.conditions, cs > vs / 2, box_adv) == 1.0
assert agree(adv_ff.conditions, cs <= vs / 2, box_adv) == 1.0
assert sp.simplify(adv_mixed.strategies[0][0] - vs / (2 * cs)) == 0
adv

# %% [markdown]
# In the **composite** game a firm stance also emboldens one's own ally (entrapment,
# $-p_c e$) and a conciliatory one alarms it (abandonment, $-p_r a$). By hand the mixed probability
# of firmness toward the adversary is $\sigma_F = (v/2 + p_r a - p_c e)/c$: it **rises** with the fear
# of abandonment and **falls** with the fear of entrapment; the alliance game constrains the
# adversary game. With $a = e = 0$ the composite game is the adversary game.

# %%
composite = get_model("alliance_adversary")
comp = equilibrium_regions(composite)
C = composite.symbols
comp_mixed = generic(comp, "mixed (Firm,Conciliate / Firm,Conciliate)")
sig_c = comp_mixed.strategies[0][0]
hand_c = (C["v_stake"] / 2 + C["p_realign"] * C["c_abandon"] - C["p_conflict"] * C["c_entrap"]) / C[
    "c_spiral"
]
assert sp.simplify(sig_c - hand_c) == 0
assert sp.diff(sig_c, C["c_abandon"]).is_nonnegative and not sp.diff(sig_c, C["c_abandon"]).is_zero
assert sp.diff(sig_c, C["c_entrap"]).is_nonpositive and not sp.diff(sig_c, C["c_entrap"]).is_zero
no_alliance = sig_c.subs({C["c_abandon"]: 0, C["c_entrap"]: 0})
assert sp.simplify(no_alliance - adv_mixed.strategies[0][0].subs({vs: C["v_stake"], cs: C["c_spiral"]})) == 0
# the derived region of mutual firmness, against the hand-derived c < v/2 + p_r a - p_c e
comp_ff = generic(comp, "Firm/Firm")
hand_ff = (
    C["c_spiral"] <= C["v_stake"] / 2 + C["p_realign"] * C["c_abandon"] - C["p_conflict"] * C["c_entrap"]
)
assert agree(comp_ff.conditions, hand_ff, CODINGS["alliance_adversary"].plausible) == 1.0
for pt in ({}, {"c_spiral": 2}, {"c_entrap": R(1, 2), "c_spiral": 4}):
    full = {p_.name: p_.default for p_ in composite.parameters} | pt
    assert [lab for lab, _ in comp.at(full)] == list(solve(composite, params=full, exact=True).labels)
print("P(Firm toward the adversary) in the composite game:", sig_c)

# %% [markdown]
# ## 3. The primary alliance dilemma: a prisoner's dilemma
#
# Whether to **Ally** at all (our coding: gain from allying against an isolated state `g_advantage`,
# cost of an alliance `k_cost`, loss from isolation `l_isolation`). Under the prisoner's dilemma
# ordering ($g > k$, $l > k$, imposed as assumptions; that Snyder 1984 characterises the primary game
# as a prisoner's dilemma is recalled from our literature notes and not yet checked against his
# pages 461-465) the regions machinery
# finds a single candidate that holds everywhere: (Ally, Ally), Pareto-dominated by
# (Abstain, Abstain).

# %%
primary = get_model("primary_alliance")
P = primary.symbols
pd_regions = equilibrium_regions(
    primary, assumptions=[P["g_advantage"] > P["k_cost"], P["l_isolation"] > P["k_cost"]]
)
print(pd_regions)
assert [pc.label for pc in pd_regions.generic] == ["Ally/Ally"]
assert pd_regions.generic[0].conditions == sp.true
u_dd = pd_regions.generic[0].payoffs[0]
u_cc = primary.payoffs[0][1, 1]  # Abstain/Abstain
assert decide(u_cc > u_dd, pd_regions.assumptions) is True  # 0 > -k: mutual abstention is better
assert solve(primary).labels == ("Ally/Ally",)

# %% [markdown]
# ## 4. Burden sharing (Olson & Zeckhauser 1966)
#
# Defence is a public good: member $i$ with income $I_i$ contributes $q_i$ and enjoys
# $U_i = (I_i - q_i)^{1-\alpha} Q^\alpha$ with $Q = \sum_j q_j$. The model library solves the game
# symbolically from the reaction functions $q_i = \max(0, \alpha I_i - (1-\alpha) Q_{-i})$,
# including the corners where small members contribute nothing (Olson & Zeckhauser 1966;
# Cobb-Douglas closed forms derived in
# `alliancegames.models.burden`).

# %%
bs = burden_sharing(2)
I1, I2 = bs.incomes
al = bs.alpha
q1, q2 = bs.contributions
print("interior equilibrium:", bs.interior)
print("Q^N / Q* =", bs.ratio_interior)
print("corner (member 2 free-rides) if", bs.regime([0])["conditions"][1])

# by hand: q1 = (I1 - (1 - alpha) I2) / (2 - alpha); Q^N/Q* = 1/(2 - alpha); corner iff I2 <= (1 - alpha) I1
assert sp.simplify(bs.interior[q1] - (I1 - (1 - al) * I2) / (2 - al)) == 0
assert sp.simplify(bs.ratio_interior - 1 / (2 - al)) == 0
assert sp.simplify(threshold(bs.regime([0])["conditions"][1], I2) - (1 - al) * I1) == 0
# the interior solution is a fixed point of the reaction functions
fixed_point = {q1: bs.interior[q1], q2: bs.interior[q2]}
for i, qi in enumerate((q1, q2)):
    foc = al * (bs.incomes[i] - qi) - (1 - al) * (q1 + q2)
    assert sp.simplify(foc.subs(fixed_point)) == 0
# with n members all contributing, Q^N/Q* = 1/(n - (n-1) alpha): more members, worse provision
bs3 = burden_sharing(3)
assert sp.simplify(bs3.ratio_interior - 1 / (3 - 2 * bs3.alpha)) == 0

# %% [markdown]
# Numbers: with incomes 3 and 2 and $\alpha = 1/2$ both contribute and provision is
# $1/(2 - 1/2) = 2/3$ of the optimum; with incomes 3 and 1 the small member contributes nothing
# (since $1 \le (1 - 1/2)\cdot 3$) and the large member spends a larger share of its income:
# the exploitation of the great by the small.

# %%
interior = solve_burden_sharing([3.0, 2.0], 0.5)
corner = solve_burden_sharing([3.0, 1.0], 0.5)
sub = {I1: 3, I2: 2, al: R(1, 2)}
assert np.allclose(interior.contributions, [float(bs.interior[q].subs(sub)) for q in (q1, q2)])
assert np.isclose(interior.ratio, 2 / 3)
assert corner.contributors == (0,) and corner.contributions[1] == 0.0
assert corner.shares[0] > corner.shares[1] and interior.shares[0] > interior.shares[1]
display_frame = corner.to_frame()
display_frame

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for ax, eq in zip(axes, (interior, corner)):
    inc, alpha = eq.incomes, eq.alpha
    grid = np.linspace(0, max(inc), 301)
    plot.reaction_curves(
        lambda o, i=inc[0], al_=alpha: np.maximum(0, al_ * i - (1 - al_) * o),
        lambda o, i=inc[1], al_=alpha: np.maximum(0, al_ * i - (1 - al_) * o),
        grid,
        ax=ax,
        equilibria=[eq.contributions],
    )
    ax.set_title(f"incomes {inc[0]:g} and {inc[1]:g}, alpha = {alpha:g}")
plt.tight_layout()
plt.show()

# %% [markdown]
# The discretised teaching version (each member contributes a High or Low share of income) has, at
# its defaults, the Olson-Zeckhauser signature: the large member carries the alliance.

# %%
assert solve(burden_sharing_matrix()).labels == ("High/Low",)

# %% [markdown]
# ## 5. Chain gangs and passed bucks (Christensen & Snyder 1990)
#
# **Buck-passing** as an $N$-state volunteer's dilemma (Diekmann 1985): balancing costs $K$, the
# threat is worth $U$ to contain, and it is contained if at least one state balances. The library's
# closed forms are $p^* = 1 - (K/U)^{1/(N-1)}$ and $\Pr(\text{nobody balances}) = (K/U)^{N/(N-1)}$.
# We check them against the indifference condition for symbolic $N$, and against the regions of the
# two-state game.

# %%
bp = buck_passing()
N, K, U = bp.n_states, bp.k_balance, bp.u_threat
indiff = bp.payoff_balance() - bp.payoff_pass(bp.p_balance)
assert sp.simplify(sp.powsimp(indiff, force=True)) == 0
assert sp.simplify(sp.powsimp((1 - bp.p_balance) ** N - bp.p_nobody, force=True)) == 0
two = equilibrium_regions(bp.two_state_model())
two_mixed = generic(two, "mixed (Balance,Pass / Balance,Pass)")
assert sp.simplify(two_mixed.strategies[0][0] - bp.p_balance.subs(N, 2)) == 0
# P(nobody) rises with N toward K/U: d/dN of the exponent times log(K/U) < 0
assert sp.limit(bp.p_nobody.subs({K: 1, U: 4}), N, sp.oo) == R(1, 4)
Ns = list(range(2, 9))
table = [bp.at(n_states=n) for n in Ns]
p_star = [t["p_balance"] for t in table]
nobody = [t["p_nobody"] for t in table]
assert all(x < y for x, y in zip(nobody, nobody[1:])) and all(x > y for x, y in zip(p_star, p_star[1:]))
fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.plot(Ns, p_star, "o-", label="p* (each state balances)")
ax.plot(Ns, nobody, "s-", label="P(nobody balances)")
ax.axhline(1 / 4, color="grey", lw=0.8, ls=":", label="limit K/U")
ax.set_xlabel("number of great powers N")
ax.set_title("Buck-passing (K = 1, U = 4)")
ax.legend(frameon=False, fontsize=8)
plt.show()

# %% [markdown]
# **Chain-ganging**: under a perceived offensive advantage $\theta$ an unsupported ally is defeated
# quickly, so each state commits unconditionally when $\theta > c/v$ (our coding). **The
# offence-defence switch**: one game in which the offence-defence balance $\theta$ moves two states
# from buck-passing (chicken, $\theta < K/U$) to chain-ganging (Balance dominant, $\theta > K/U$).
# At $\theta = 0$ it is the two-state volunteer's dilemma.

# %%
chain = get_model("chain_gang")
CG = chain.symbols
cg = equilibrium_regions(chain)
uu = generic(cg, "Unconditional/Unconditional")
assert (
    agree(uu.conditions, CG["theta_offence"] * CG["v_ally"] >= CG["c_chain"], CODINGS["chain_gang"].plausible)
    == 1.0
)

od_model = get_model("offence_defence")
OD = od_model.symbols
th, kb, ut = OD["theta_offence"], OD["k_balance"], OD["u_threat"]
od = equilibrium_regions(od_model, assumptions=[kb < ut])
bb = generic(od, "Balance/Balance")
od_mixed = generic(od, "mixed (Balance,Pass / Balance,Pass)")
print("chain-ganging (Balance/Balance) if", bb.conditions)
print("buck-passing (mixed) if", od_mixed.conditions, "; P(Balance) =", od_mixed.strategies[0][0])
assert sp.simplify(threshold(atoms(bb.conditions)[0], th) - kb / ut) == 0
assert (
    agree(
        od_mixed.conditions,
        th < kb / ut,
        {"theta_offence": (0, 1), "k_balance": (0.5, 3), "u_threat": (4, 10)},
    )
    == 1.0
)
assert sp.simplify(od_mixed.strategies[0][0] - (ut - kb) / ((1 - th) * ut)) == 0
assert sp.simplify(od_mixed.strategies[0][0].subs(th, 0) - bp.p_balance.subs(N, 2).subs({K: kb, U: ut})) == 0
for theta, expected in ((R(1, 10), 3), (R(9, 10), 1)):
    got = solve(od_model, params={"theta_offence": theta}, exact=True)
    assert len(got) == expected == len(od.at({"theta_offence": theta}))
print(solve(od_model, params={"theta_offence": R(9, 10)}).labels)

# %% [markdown]
# ## 6. Extended deterrence with a protégé
#
# A challenger makes a demand on a protégé or not; nature decides whether the defender supports the
# protégé (probability `pi_support`); the protégé concedes, resists or, if unsupported, realigns;
# after resistance the challenger backs down or fights. The tree is in the spirit of Zagare &
# Kilgour's tripartite crisis game (2003, *International Studies Quarterly* 47(4)); its payoffs
# are our coding.

# %%
ext = get_model("extended_deterrence")
fig, ax = plt.subplots(figsize=(14, 5.5))
plot.draw_tree(ext, ax=ax, fontsize=7)
plt.show()

# %% [markdown]
# **Two-player limit.** Keep the challenger's payoffs `u_sq`, `u_win`, `u_war` and `pi_support`
# symbolic, fix the protégé's payoffs at the defaults (so an unsupported protégé concedes and a
# supported one resists) and impose the challenger's ordering $u_{win} > u_{sq} > u_{war} > u_{back}$.
# Backward induction must return the calculus of deterrence (Russett 1963): demand iff
# $\pi < (u_{win} - u_{sq})/(u_{win} - u_{war})$. The two-player deterrence tree gives the same
# threshold in its probability of resistance.

# %%
keep = {"pi_support", "u_sq", "u_win", "u_war"}
fixed = {p_.name: p_.default for p_ in ext.parameters if p_.name not in keep}
limit = ext.substitute(fixed)
X = limit.symbols
order = [X["u_win"] > X["u_sq"], X["u_sq"] > X["u_war"], X["u_war"] > fixed["u_back"]]
spe = backward_induction(limit, assumptions=order, ties="strict")
spe

# %%
deter = {c.path[0]: c for c in spe}
assert set(deter) == {"Demand", "No demand"}
calculus = (X["u_win"] - X["u_sq"]) / (X["u_win"] - X["u_war"])
assert sp.simplify(threshold(deter["Demand"].conditions, X["pi_support"]) - calculus) == 0
assert isinstance(deter["Demand"].conditions, sp.StrictLessThan)

two_player = get_model("deterrence")
D = two_player.symbols
d_spe = backward_induction(
    two_player,
    assumptions=[D["u_win"] > D["u_sq"], D["u_sq"] > D["u_war"], D["d_war"] > D["d_yield"]],
    ties="strict",
)
challenge = [c for c in d_spe if c.path[0] == "Challenge"][0]
d_thr = threshold(atoms(challenge.conditions)[0], D["p_resist"])
assert sp.simplify(d_thr - calculus.subs({X[k_]: D[k_] for k_ in ("u_sq", "u_win", "u_war")})) == 0

# at the defaults (threshold 1/2): a demand at pi = 1/3, none at pi = 2/3
at_default = backward_induction(
    ext.substitute({p_.name: p_.default for p_ in ext.parameters if p_.name != "pi_support"})
)
assert [c.path[0] for c in at_default.at({"pi_support": R(1, 3)})] == ["Demand"]
assert [c.path[0] for c in at_default.at({"pi_support": R(2, 3)})] == ["No demand"]
print("demand iff pi_support <", calculus)

# %% [markdown]
# **The protégé's realignment threat.** If an unsupported protégé prefers to realign rather than
# concede (`v_realign > v_concede`) and realignment costs the challenger (`u_realign < u_sq`), the
# challenger is deterred at every level of support: the case holds unconditionally.

# %%
realign = {
    **{p_.name: p_.default for p_ in ext.parameters if p_.name != "pi_support"},
    "v_realign": R(-1, 2),
    "u_realign": R(-1, 2),
}
rspe = backward_induction(ext.substitute(realign))
assert [(c.path, c.conditions) for c in rspe] == [(("No demand",), sp.true)]
print(rspe)

# %% [markdown]
# ## 7. Probabilistic commitment and moral hazard (after Benson 2012)
#
# The defender joins a war on the protégé's side with probability $\pi$. A higher $\pi$ raises the
# protégé's chance of winning by $\pi\Delta$: it **deters** the adversary (its value of war falls)
# but **emboldens** the protégé (its value of war rises: moral hazard, the defender's entrapment).
# Our illustration of Benson's argument: the adversary attacks or not; if not, the protégé revises
# the status quo by war or accepts it. Backward induction (conditions solved for $\pi$, assuming
# $\Delta > 0$) gives a window of peace $\pi_D \le \pi \le \pi_M$.

# %%
benson = get_model("probabilistic_commitment")
B = benson.symbols
bspe = backward_induction(benson, assumptions=[B["delta_support"] > 0], prefer=["pi_support"], ties="strict")
bspe

# %%
ct = commitment_tradeoff()
peace = [c for c in bspe if c.label == "Not → Accept"][0]
bounds = {type(r).__name__: r.rhs for r in atoms(peace.conditions) if r.lhs == B["pi_support"]}
pi_D, pi_M = bounds["StrictGreaterThan"], bounds["StrictLessThan"]
# by hand: pi_D = (q - p - c_A)/Delta, pi_M = (q - p + c_P)/Delta, window (c_A + c_P)/Delta
assert sp.simplify(pi_D - ct.pi_deter) == 0 and sp.simplify(pi_M - ct.pi_moral_hazard) == 0
assert sp.simplify(pi_M - pi_D - (B["c_adversary"] + B["c_protege"]) / B["delta_support"]) == 0
# the trade-off: a likelier commitment lowers the adversary's value of war and raises the protégé's
assert sp.diff(ct.war_value_adversary, ct.symbols["pi_support"]) == -ct.symbols["delta_support"]
assert sp.diff(ct.war_value_protege, ct.symbols["pi_support"]) == ct.symbols["delta_support"]
print("window of peace:", pi_D, "<= pi <=", pi_M, "; width", ct.window)

# %% [markdown]
# At the defaults ($p = 0.3$, $\Delta = 0.3$, $q = 0.45$, $c_A = c_P = 0.1$) the window is
# $1/6 \le \pi \le 5/6$. Too weak a commitment invites attack, too strong a one invites the protégé
# to start a war: the backward-induction cases (with ties allowed at the boundaries) and the closed
# forms agree along the whole range of $\pi$.

# %%
weak = backward_induction(benson.substitute({n: d for n, d in ct.defaults.items() if n != "pi_support"}))
pis = [R(i, 60) for i in range(61)]
closed = [ct.outcome(pi_support=x) for x in pis]
name = {"Attack": "attack", "Not → Revise": "revise", "Not → Accept": "peace"}
for x, want in zip(pis, closed):
    if x in (R(1, 6), R(5, 6)):
        continue  # boundaries: ties
    got = {name[c.label] for c in weak.at({"pi_support": x})}
    # beyond pi_M the protégé revises, and the adversary is indifferent between attacking and not
    assert want in got and (got == {want} or got == {"attack", "revise"}), (x, got, want)
assert (closed[0], closed[30], closed[60]) == ("attack", "peace", "revise")
fig, ax = plt.subplots(figsize=(6, 2.4))
code = {"attack": 0, "peace": 1, "revise": 2}
ax.step([float(x) for x in pis], [code[c] for c in closed], where="mid")
ax.set_yticks([0, 1, 2], ["adversary attacks", "peace", "protégé revises"])
ax.set_xlabel("probability the defender joins, pi_support")
for b in (ct.pi_deter, ct.pi_moral_hazard):
    ax.axvline(float(b.subs({ct.symbols[n]: d for n, d in ct.defaults.items()})), color="grey", ls=":")
plt.show()

# %% [markdown]
# ## Summary
#
# * **Snyder's alliance game**: both firm iff $p \le v/e$; both weak iff $a \le e$ (for $p > 0$); a
#   mixed equilibrium iff the two gains from firmness have opposite signs. Raising the cost of
#   entrapment shrinks the both-firm region, enlarges the both-weak one, lowers the probability of
#   firmness in chicken games and raises the tipping point in coordination games: it moves the
#   alliance toward weak commitment.
# * **Adversary and composite games**: the fear of abandonment makes states firmer toward the
#   adversary, the fear of entrapment more conciliatory.
# * **Primary dilemma**: (Ally, Ally) is the unique equilibrium and is Pareto-dominated.
# * **Burden sharing**: $Q^N/Q^* = 1/(2-\alpha)$ with two contributors ($1/(n-(n-1)\alpha)$ with
#   $n$); small members free-ride when $I_2 \le (1-\alpha) I_1$.
# * **Buck-passing**: $\Pr(\text{nobody balances}) = (K/U)^{N/(N-1)}$ rises with $N$; the
#   offence-defence balance switches buck-passing to chain-ganging at $\theta = K/U$.
# * **Extended deterrence**: the calculus of deterrence threshold comes out of the protégé tree in
#   the two-player limit; a credible threat to realign deters at any level of support.
# * **Probabilistic commitment**: peace in the window $\pi_D \le \pi \le \pi_M$ of width
#   $(c_A + c_P)/\Delta$.
