"""Tests for the game-tree model (analysis.extensive), its solver (analysis.tree) and its drawing."""

from __future__ import annotations

import itertools
from fractions import Fraction

import matplotlib
import pytest
import sympy as sp
from _budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancegames.analysis.extensive import relevant_infosets
from alliancegames.analysis.tree import (
    TreeError,
    backward_induction,
    chance,
    decision,
    game_tree,
    strategic_form,
    terminal,
)
from alliancegames.core.model import parameter
from alliancegames.core.numeric import evaluate
from alliancegames.solvers.enumeration import solve
from alliancegames.studies.plot import draw_tree

matplotlib.use("Agg")


# ------------------------------------------------------------------ fixtures
def deterrence_tree():
    """Calculus of deterrence: a challenger facing a defender who resists with probability p.

    Expected value of challenging: p*u_war + (1-p)*u_win; status quo: u_sq.
    By hand: challenge iff p*u_war + (1-p)*u_win > u_sq iff
    p*(u_win - u_war) < u_win - u_sq iff p < (u_win - u_sq)/(u_win - u_war)
    (dividing by u_win - u_war > 0).
    """
    p = parameter("p", "probability that the defender resists", "probability")
    w, s, r = parameter("u_win"), parameter("u_sq"), parameter("u_war")
    root = decision(
        "Challenger",
        {
            "Status quo": terminal(("u_sq",)),
            "Challenge": chance(
                [("Resist", "p", terminal(("u_war",))), ("Yield", 1 - p.symbol, terminal(("u_win",)))]
            ),
        },
    )
    tree = game_tree("deterrence", ("Challenger",), [p, w, s, r], root)
    return tree, (p.symbol, w.symbol, s.symbol, r.symbol)


def entry_tree():
    """Entry deterrence (Selten's chain store stage game) with a fighting cost c > 0.

    By hand: the incumbent fights iff 1 - c >= 0 iff c <= 1; the entrant then
    enters iff the incumbent accommodates (1 > 0 vs -1 < 0).
    """
    c = parameter("c", "incumbent's cost of fighting", "positive")
    root = decision(
        "E",
        {
            "Out": terminal({"E": 0, "I": 2}),
            "In": decision(
                "I",
                {"Fight": terminal({"E": -1, "I": 1 - c.symbol}), "Accommodate": terminal({"E": 1, "I": 0})},
            ),
        },
    )
    return game_tree("entry", ("E", "I"), [c], root), c.symbol


# ------------------------------------------------------------ the deterrence test
def test_calculus_of_deterrence_comes_out_of_the_tree():
    tree, (p, w, s, r) = deterrence_tree()
    res = backward_induction(tree, assumptions=[w > s, s > r], ties="strict")
    by_action = {c.choices[0][2]: c for c in res}
    assert set(by_action) == {"Challenge", "Status quo"}
    cond = by_action["Challenge"].conditions
    assert isinstance(cond, sp.StrictLessThan) and cond.lhs == p
    assert sp.simplify(cond.rhs - (w - s) / (w - r)) == 0
    cond_sq = by_action["Status quo"].conditions
    assert isinstance(cond_sq, sp.StrictGreaterThan) and cond_sq.lhs == p
    assert sp.simplify(cond_sq.rhs - (w - s) / (w - r)) == 0
    # expected payoff of challenging
    assert sp.expand(by_action["Challenge"].payoffs[0] - (p * r + (1 - p) * w)) == 0
    assert dict(by_action["Challenge"].outcome) == {("Challenge", "Resist"): p, ("Challenge", "Yield"): 1 - p}


def test_deterrence_ties_all_gives_weak_conditions_and_both_cases_at_the_threshold():
    tree, (p, w, s, r) = deterrence_tree()
    res = backward_induction(tree, assumptions=[w > s, s > r])
    cond = {c.choices[0][2]: c.conditions for c in res}["Challenge"]
    assert isinstance(cond, sp.LessThan) and cond.lhs == p
    point = {"u_win": 3, "u_sq": 1, "u_war": -1}
    threshold = Fraction(3 - 1, 3 + 1)
    assert {c.choices[0][2] for c in res.at({**point, "p": threshold})} == {"Challenge", "Status quo"}
    assert [c.choices[0][2] for c in res.at({**point, "p": Fraction(1, 3)})] == ["Challenge"]
    assert [c.choices[0][2] for c in res.at({**point, "p": Fraction(2, 3)})] == ["Status quo"]


def test_deterrence_without_ordering_assumptions_keeps_an_unsolved_condition():
    tree, (p, w, s, r) = deterrence_tree()
    res = backward_induction(tree, ties="strict")
    # without the ordering the sign of u_win - u_war is unknown: no division
    challenge = [c for c in res if c.choices[0][2] == "Challenge"][0]
    assert challenge.holds_at({"p": Fraction(1, 4), "u_win": 3, "u_sq": 1, "u_war": -1})
    assert not challenge.holds_at({"p": Fraction(3, 4), "u_win": 3, "u_sq": 1, "u_war": -1})


# ----------------------------------------------------------------- entry game
def test_entry_game_spe_cases():
    tree, c = entry_tree()
    res = backward_induction(tree, ties="strict")
    got = {(case.label, str(case.conditions)) for case in res}
    assert got == {("Out", "c < 1"), ("In → Accommodate", "c > 1")}
    case = [x for x in res if x.label == "Out"][0]
    assert case.strategy("I") == {"In": "Fight"}
    assert case.strategy("E") == {"root": "Out"}
    assert case.payoffs == (0, 2)


def test_strategic_form_of_entry_game_contains_the_spe():
    tree, c = entry_tree()
    sf = strategic_form(tree)
    assert sf.actions == (("Out", "In"), ("Fight", "Accommodate"))
    assert sf.payoff("Out", "Fight") == (0, 2)
    assert sf.payoff("In", "Fight") == (-1, 1 - c)
    for cv in (Fraction(1, 2), 2, 3):
        sol = solve(evaluate(sf, c=cv), exact=True)
        spe = backward_induction(tree, ties="strict").at({"c": cv})
        assert len(spe) == 1
        row = sf.actions[0].index(spe[0].strategy("E")["root"])
        col = sf.actions[1].index(spe[0].strategy("I")["In"])
        pure = {(e.strategies[0].index(1), e.strategies[1].index(1)) for e in sol.pure}
        assert (row, col) in pure


def test_reduced_strategic_form_merges_unreachable_choices():
    # A moves, then B, then A again: A has 4 plans but 3 reduced strategies
    root = decision(
        "A",
        {
            "Stop": terminal((1, 0)),
            "Go": decision(
                "B",
                {
                    "Stop": terminal((0, 2)),
                    "Go": decision("A", {"Stop": terminal((3, 1)), "Go": terminal((2, 4))}),
                },
            ),
        },
    )
    tree = game_tree("centipede", ("A", "B"), [], root)
    sf = strategic_form(tree)
    assert sf.actions == (("Stop", "Go.Stop", "Go.Go"), ("Stop", "Go"))
    A, B = sf.payoffs
    assert list(A) == [1, 1, 0, 3, 0, 2]
    assert list(B) == [0, 0, 2, 1, 2, 4]
    # backward induction: A stops at the last node (3 > 2), B stops (2 > 1), A stops (1 > 0)
    (case,) = backward_induction(tree).cases
    assert case.label == "Stop"
    assert case.strategy("A") == {"root": "Stop", "Go/Go": "Stop"}


def test_chance_expectations_in_strategic_form():
    q = parameter("q", "probability the ally honours its commitment", "probability")
    root = decision(
        "Ally",
        {
            "Commit": chance({q.symbol: terminal((2, 3)), 1 - q.symbol: terminal((-1, 0))}),
            "Abstain": terminal((0, 1)),
        },
    )
    tree = game_tree("honour", ("Ally", "Target"), [q], root)
    sf = strategic_form(tree)
    qs = q.symbol
    assert sp.expand(sf.payoff("Commit", 0)[0] - (2 * qs - (1 - qs))) == 0
    assert sf.actions[1] == ("(no move)",)


def test_information_sets_give_simultaneous_game():
    # matching pennies as a tree: B does not observe A's move
    root = decision(
        "A",
        {
            "H": decision("B", {"h": terminal((1, -1)), "t": terminal((-1, 1))}, infoset="B1"),
            "T": decision("B", {"h": terminal((-1, 1)), "t": terminal((1, -1))}, infoset="B1"),
        },
    )
    tree = game_tree("pennies", ("A", "B"), [], root)
    assert not tree.is_perfect_information
    sf = strategic_form(tree)
    assert sf.shape == (2, 2)
    sol = solve(evaluate(sf), exact=True)
    assert [e.strategies for e in sol] == [
        ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    ]
    with pytest.raises(TreeError, match="perfect information"):
        backward_induction(tree)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: game_tree("t", ("A",), [], decision("Z", {"x": terminal((1,))})), "unknown player"),
        (
            lambda: game_tree("t", ("A",), [], decision("A", {"x": terminal((1, 2))})),
            "2 payoffs for 1 players",
        ),
        (
            lambda: game_tree("t", ("A",), [], decision("A", {"x": terminal(("k",))})),
            "not a declared parameter",
        ),
        (lambda: game_tree("t", ("A",), [], decision("A", {"x": terminal((sp.Symbol("k"),))})), "undeclared"),
        (
            lambda: game_tree(
                "t",
                ("A",),
                [],
                chance([("a", sp.Rational(1, 3), terminal((1,))), ("b", sp.Rational(1, 3), terminal((0,)))]),
            ),
            "sum to",
        ),
        (
            lambda: game_tree(
                "t",
                ("A", "B"),
                [],
                decision(
                    "A",
                    {
                        "x": decision("B", {"u": terminal((0, 0))}, infoset="I"),
                        "y": decision("A", {"u": terminal((0, 0))}, infoset="I"),
                    },
                ),
            ),
            "mixes players",
        ),
        (lambda: chance([("a", 1)]), "triples"),
        (lambda: decision("A", {}), "non-empty"),
        (lambda: terminal("ab"), "dict or a sequence"),
    ],
)
def test_malformed_trees_raise_clear_errors(build, message):
    with pytest.raises(TreeError, match=message):
        build()


def test_drawing_and_latex():
    tree, _ = deterrence_tree()
    ax = draw_tree(tree)
    texts = [t.get_text() for t in ax.texts]
    assert "Challenger" in texts and "Chance" in texts and "(u_war)" in texts
    tex = tree.to_latex()
    assert tex.startswith(r"\begin{tikzpicture}") and tex.endswith(r"\end{tikzpicture}")
    assert tex.count(r"\node") == 5 and tex.count(r"\draw") == 4
    res = backward_induction(
        tree, assumptions=[sp.Symbol("u_win") > sp.Symbol("u_sq"), sp.Symbol("u_sq") > sp.Symbol("u_war")]
    )
    assert r"\begin{tabular}" in res.to_latex()
    assert "<table>" in res._repr_html_()


def test_substitute_fixes_parameters():
    tree, (p, w, s, r) = deterrence_tree()
    small = tree.substitute(u_win=3, u_sq=1, u_war=-1)
    assert [q.name for q in small.parameters] == ["p"]
    res = backward_induction(small, ties="strict")
    cond = {c.choices[0][2]: c.conditions for c in res}["Challenge"]
    assert cond == (p < sp.Rational(1, 2))


# ------------------------------------------------- property: SPE are Nash in the strategic form
def _random_tree(draw_int, depth, players, counter):
    if depth == 0:
        return terminal(tuple(draw_int() for _ in players))
    counter[0] += 1
    player = players[counter[0] % 2]
    return decision(player, {a: _random_tree(draw_int, depth - 1, players, counter) for a in ("L", "R")})


@settings(deadline=None, max_examples=examples(8, 25))
@given(st.lists(st.integers(-3, 3), min_size=16, max_size=16))
def test_spe_of_random_trees_are_nash_equilibria_of_the_strategic_form(payoffs):
    it = iter(payoffs * 2)
    tree = game_tree("random", ("A", "B"), [], _random_tree(lambda: next(it), 3, ("A", "B"), [0]))
    res = backward_induction(tree)
    assert len(res) >= 1
    sf = strategic_form(tree)
    g = evaluate(sf)
    A, B = g.A, g.B
    for case in res:
        # the reduced strategy of each player that agrees with the case's choices
        idx = []
        for k, player in enumerate(("A", "B")):
            plan = case.strategy(player)
            matches = [
                i
                for i, lab in enumerate(sf.actions[k])
                if lab == "(no move)"
                or lab.split(".") == [plan[key] for key in _relevant_keys(tree, player, plan)]
            ]
            assert len(matches) == 1
            idx.append(matches[0])
        i, j = idx
        assert all(A[i, j] >= A[r, j] for r in range(A.shape[0]))
        assert all(B[i, j] >= B[i, c] for c in range(B.shape[1]))
    # pure SPE payoffs are attained, and with ties="all" the cases are distinct profiles
    assert len({c.choices for c in res}) == len(res)


def _relevant_keys(tree, player, plan):
    order = list(tree.infosets())
    return sorted(relevant_infosets(tree, player, plan), key=order.index)


def test_count_of_spe_with_ties_matches_brute_force():
    # a tree where the second mover is indifferent: two pure SPE
    root = decision(
        "A", {"L": decision("B", {"l": terminal((1, 0)), "r": terminal((-1, 0))}), "R": terminal((0, 0))}
    )
    tree = game_tree("tie", ("A", "B"), [], root)
    res = backward_induction(tree)
    assert sorted((c.strategy("A")["root"], c.strategy("B")["L"]) for c in res) == [("L", "l"), ("R", "r")]
    assert len(backward_induction(tree, ties="strict")) == 0
    # brute force over all pure profiles
    spe = []
    for a, b in itertools.product("LR", "lr"):
        ub = {"l": 0, "r": 0}
        if ub[b] < max(ub.values()):
            continue
        ua = {"L": 1 if b == "l" else -1, "R": 0}
        if ua[a] == max(ua.values()):
            spe.append((a, b))
    assert sorted(spe) == [("L", "l"), ("R", "r")]
