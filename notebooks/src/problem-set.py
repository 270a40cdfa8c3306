# %% [markdown]
# # Problem set: equilibria of alliance games
#
# This notebook poses a problem set drawn from a seed. The answers are computed and verified by
# the toolkit (exact solver, symbolic conditions, backward induction) but are **not shown** here:
# write your answer in the cell under each problem and run `check(k, your_answer)`.
#
# Change `SEED` to get a fresh set with different numbers (your teacher may give you one).
# The teacher's answer key for the same seed is written by
# `alliancegames problems --seed SEED --count K --out DIR` (`answers.md`, `answers.tex`).
#
# The payoffs are *our coding* of qualitative alliance stories (abandonment, entrapment, burden
# sharing, deterrence), chosen for teaching; they are not estimates.

# %%
from fractions import Fraction

from IPython.display import Markdown, display

from alliancegames import problems

SEED = 2024
COUNT = 6
problem_set = problems.generate(SEED, COUNT)


def show(k):
    """Display problem k (numbered from 1) without its answer."""
    p = problem_set[k - 1]
    display(Markdown(f"### Problem {p.number}\n\n{p.statement}"))


def check(k, answer):
    """Tell whether `answer` is right for problem k; prints a verdict, never the solution."""
    if answer is None:
        print(f"Problem {k}: write your answer in place of None, then run the cell again.")
        return None
    verdict = problems.check_answer(problem_set[k - 1], answer)
    print(("RIGHT: " if verdict.correct else "NOT YET: ") + verdict.message)
    return verdict.correct


print(f"{len(problem_set)} problems, kinds: {[p.kind for p in problem_set]}")

# %% [markdown]
# ## How to give answers
#
# | kind | examples of accepted answers |
# |---|---|
# | pure equilibria | `["Firm/Weak", "Weak/Firm"]`, `[("Firm", "Weak")]`, `"none"` (any order, any case) |
# | mixed equilibrium | `("1/2", "2/3")`, `(0.5, Fraction(2, 3))`, `{"p": "1/2", "q": 0.6667}` |
# | conditions | `"v >= s"`, `"c_1 <= v"` (several joined by `and`), or `True`/`"no"` for part (b) |
# | comparative statics | `"negative"`, `"-"`, `"decreasing"`, `-1`, `"positive"`, `"zero"` |
# | backward induction | the path `"Challenge -> Concede"` or choices `{"node 1": "Challenge", ...}` |
# | regime map | a number: `"9/2"`, `4.5` |
#
# Decimals are accepted when they are exact (`0.5`) or correctly rounded to at least two places
# (`0.33` for 1/3), but fractions are better.

# %%
show(1)

# %%
check(1, None)  # replace None with your answer

# %%
show(2)

# %%
check(2, None)  # replace None with your answer

# %%
show(3)

# %%
check(3, None)  # replace None with your answer: a condition such as "v >= s", or "yes"/"no" for (b)

# %%
show(4)

# %%
check(4, None)  # replace None with your answer

# %%
show(5)

# %%
check(5, None)  # replace None with your answer

# %%
show(6)

# %%
check(6, None)  # replace None with your answer

# %% [markdown]
# ## A worked example of the checker
#
# The mixed equilibrium of matching-pennies-style games is the classic case where equivalent
# forms matter: `0.5`, `"1/2"` and `Fraction(1, 2)` are the same answer. Below, a small set of
# one mixed-equilibrium problem (seed 7) is checked with the right answer given in two forms,
# and with a wrong one. The answer itself is used but never printed.

# %%
example = problems.generate(7, 1, kinds=["mixed"])[0]
p_true, q_true = example.answer
as_fractions = problems.check_answer(example, (p_true, q_true))
as_text = problems.check_answer(example, f"{p_true}, {q_true}")
wrong = problems.check_answer(example, (p_true + Fraction(1, 7), q_true))
print("fractions:", as_fractions.message, "| text:", as_text.message, "| wrong:", wrong.message)
assert as_fractions.correct and as_text.correct
assert not wrong.correct

# %% [markdown]
# ## Teacher's self-check
#
# Every problem of this set accepts its own stored answer, and a set drawn again from the same
# seed is identical (nothing is printed about the answers).

# %%
assert all(problems.check_answer(p, p.answer).correct for p in problem_set)
assert [p.statement for p in problems.generate(SEED, COUNT)] == [p.statement for p in problem_set]
assert [p.statement for p in problems.generate(SEED + 1, COUNT)] != [p.statement for p in problem_set]
print("self-check passed")
