# %% [markdown]
# # alliancegames tutorial: abandonment, entrapment and equilibrium
#
# Two allies each choose how firmly to commit to their alliance. A **firm** commitment
# deters and reassures, but risks **entrapment** in the ally's quarrels; a **weak** one keeps
# autonomy but risks **abandonment** when trouble comes (Snyder 1984, "The Security Dilemma in
# Alliance Politics", *World Politics* 36(4)).
#
# This notebook walks through the toolkit's spine: **define** a symbolic game → **look** at it →
# **compile** it to numbers → **solve** for every equilibrium → **read** the result.
#
# The cardinal payoffs below are *our coding* of Snyder's qualitative argument, chosen for
# teaching; the model library (`alliancegames.models`) holds the calibrated literature models.

# %%
from fractions import Fraction

import numpy as np
import sympy as sp

import alliancegames as ag

# %% [markdown]
# ## 1. Define the model
# Parameters carry a meaning, a domain (which sets sympy's assumptions) and a default.

# %%
v = ag.parameter("v", "value of the alliance's protection", "positive", 4)
e = ag.parameter("e", "cost of entrapment in the ally's war", "positive", 2)
a = ag.parameter("a", "cost of abandonment by the ally", "positive", 3)
s = ag.parameter("s", "value of the autonomy a weak commitment keeps", "positive", 1)
p = ag.parameter("p", "probability that a conflict arises", "probability", Fraction(1, 2))
V, E, A, S, P = (x.symbol for x in (v, e, a, s, p))

game = ag.normal_form(
    "Tutorial alliance game",
    ("Ally 1", "Ally 2"),
    (("Firm", "Weak"), ("Firm", "Weak")),
    [v, e, a, s, p],
    {
        ("Firm", "Firm"): (V - P * E, V - P * E),
        ("Firm", "Weak"): (-P * A, S),
        ("Weak", "Firm"): (S, -P * A),
        ("Weak", "Weak"): (S, S),
    },
    description="Both firm: protection net of entrapment risk; firm against weak: abandoned.",
)

# %% [markdown]
# ## 2. Look at it
# In Jupyter the model displays its payoff table and its parameters.

# %%
game

# %%
print(game)

# %% [markdown]
# ## 3. Compile to numbers
# `compile_model` calls `sympy.lambdify` once; the compiled model evaluates one point or whole
# arrays of points at once.

# %%
f = ag.compile_model(game)
A_, B_ = f(p=np.linspace(0, 1, 5))
print(A_.shape)
print(A_[:, 0, 0])  # Ally 1's payoff at (Firm, Firm) as the probability of conflict rises
assert A_.shape == (5, 2, 2)
assert np.allclose(A_[:, 0, 0], 4 - 2 * np.linspace(0, 1, 5))

# %% [markdown]
# ## 4. Solve: every equilibrium, exactly
# At the defaults (v=4, e=2, a=3, s=1, p=1/2) the game is an assurance game (a stag hunt).

# %%
sol = ag.solve(game, exact=True)
sol

# %%
print(sol)
assert sol.labels == ("Firm/Firm", "Weak/Weak", "mixed (Firm,Weak / Firm,Weak)")
mixed = sol[2]
# Indifference: q (v - p e) + (1 - q)(-p a) = s  =>  q = (s + p a) / (v - p e + p a) = 5/9
assert mixed.strategy("Ally 1")["Firm"] == Fraction(5, 9)
assert all(eq.max_regret == 0 for eq in sol)

# %% [markdown]
# ## 5. Read the result
# * **Firm/Firm** — mutual commitment holds while the protection net of entrapment risk,
#   `v - p e`, is worth more than autonomy `s`.
# * **Weak/Weak** — always an equilibrium here: committing alone only exposes a state to abandonment.
# * **Mixed** — each ally commits with probability 5/9; this is the knife-edge between the two.
#
# When does mutual firm commitment survive? Raise the probability of conflict:

# %%
for pv in [Fraction(0), Fraction(1, 2), Fraction(3, 2) / 2, Fraction(1)]:
    labels = ag.solve(game, params={"p": pv}).labels
    print(f"p = {pv}: {labels}")
assert "Firm/Firm" in ag.solve(game, params={"p": Fraction(1, 2)}).labels
# v - p e >= s  <=>  p <= (v - s)/e = 3/2 > 1: firm commitment survives every p at these values.
assert "Firm/Firm" in ag.solve(game, params={"p": 1}).labels
# ...but not if entrapment is costly enough: v - p e < s  <=>  e > (v - s)/p = 6 at p = 1/2
assert "Firm/Firm" not in ag.solve(game, params={"e": 7}).labels

# %% [markdown]
# ## 6. Take it to a paper
# `to_latex()` gives tables for a paper.

# %%
print(game.to_latex())
print(sol.to_latex())
assert r"\begin{tabular}" in sol.to_latex()
