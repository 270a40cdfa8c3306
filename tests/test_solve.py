"""Unit tests for solve(): result objects, inputs, methods and displays."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from alliancegames.core.bimatrix import Bimatrix, GameError
from alliancegames.core.model import normal_form, parameter
from alliancegames.solvers.enumeration import Equilibrium, Solution, extreme_equilibria, solve, solve_many

HALF = Fraction(1, 2)

# Battle of the sexes; the mixed equilibrium is derived from the indifference
# conditions: column indifferent when 1*x = 2*(1-x) -> x = 2/3; row
# indifferent when 2*y = 1*(1-y) -> y = 1/3.  Payoffs (2/3, 2/3).
BOS = Bimatrix.from_arrays(
    [[2, 0], [0, 1]],
    [[1, 0], [0, 2]],
    players=("Ally", "Patron"),
    actions=(("Firm", "Weak"), ("Firm", "Weak")),
    name="battle of the sexes",
)


@pytest.fixture(scope="module")
def bos() -> Solution:
    return solve(BOS, exact=True)


def test_result_objects_are_frozen(bos: Solution) -> None:
    with pytest.raises(AttributeError):
        bos.method = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        bos[0].strategies = ((1,), (1,))  # type: ignore[misc]
    assert isinstance(bos[0], Equilibrium)


def test_battle_of_the_sexes(bos: Solution) -> None:
    assert len(bos) == 3 and bos.exact and bos.method == "vertex"
    assert bos.labels == ("Firm/Firm", "Weak/Weak", "mixed (Firm,Weak / Firm,Weak)")
    assert [e.is_pure for e in bos] == [True, True, False]
    assert len(bos.pure) == 2
    mixed = bos[2]
    assert mixed.strategies == ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    assert mixed.payoffs == (Fraction(2, 3), Fraction(2, 3))
    assert mixed.supports == (("Firm", "Weak"), ("Firm", "Weak"))
    assert mixed.strategy("Patron") == {"Firm": Fraction(1, 3), "Weak": Fraction(2, 3)}
    assert mixed.strategy(0) == {"Firm": Fraction(2, 3), "Weak": Fraction(1, 3)}
    assert bos[0].payoffs == (2, 1) and bos[1].payoffs == (1, 2)
    assert all(e.max_regret == 0 for e in bos)
    assert [e.players for e in bos] == [("Ally", "Patron")] * 3


def test_float_payoffs_and_regret() -> None:
    sol = solve(BOS)
    assert not sol.exact
    assert sol[2].strategies == ((2 / 3, 1 / 3), (1 / 3, 2 / 3))
    assert all(isinstance(u, float) for e in sol for u in e.payoffs)


def test_zero_sum_default_and_exact_fractions() -> None:
    sol = solve([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], exact=True)  # rock-paper-scissors
    assert [e.strategies for e in sol] == [((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)]
    assert sol[0].payoffs == (0, 0)


def test_float_payoffs_are_read_as_decimals() -> None:
    # 0.1 and 0.3 are read as 1/10 and 3/10, so the mixture is exactly 1/2.
    sol = solve([[0.1, 0.3], [0.3, 0.1]], [[0.3, 0.1], [0.1, 0.3]], exact=True)
    assert {e.strategies for e in sol} == {((HALF, HALF), (HALF, HALF))}


def test_non_square_and_single_action() -> None:
    # Row has one action; column picks its maxima: columns 2 and 3 tie at 5.
    sol = solve([[1, 2, 3]], [[0, 5, 5]], exact=True)
    assert {e.strategies for e in sol} == {((1,), (0, 1, 0)), ((1,), (0, 0, 1))}
    assert solve([[7]], [[7]]).labels == ("r1/c1",)


def test_all_zero_game_has_every_pure_profile() -> None:
    sol = solve(np.zeros((2, 3)), np.zeros((2, 3)), exact=True)
    assert len(sol) == 6 and all(e.is_pure for e in sol)


def test_symbolic_model_with_params() -> None:
    # Row: Firm pays v against Firm, 0 otherwise; Weak pays 1.  Column likewise.
    g = normal_form(
        "coordination",
        ("A", "B"),
        (("Firm", "Weak"), ("Firm", "Weak")),
        [parameter("v", "value of cooperation", "positive", 3)],
        [[("v", "v"), (0, 1)], [(1, 0), (1, 1)]],
    )
    sol = solve(g, exact=True)  # default v = 3: mixed Firm prob 1/3 (3p = 1)
    assert {e.strategies for e in sol} == {
        ((1, 0), (1, 0)),
        ((0, 1), (0, 1)),
        ((Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 3), Fraction(2, 3))),
    }
    assert solve(g, params={"v": Fraction(1, 2)}).labels == ("Weak/Weak",)
    assert sol.game.actions == (("Firm", "Weak"), ("Firm", "Weak"))


def test_methods_and_errors() -> None:
    A, B = np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]])
    assert solve(A, B, method="nashpy", exact=True).labels == solve(A, B, exact=True).labels
    with pytest.raises(ValueError, match="unknown method"):
        solve(A, B, method="lemke")
    with pytest.raises(GameError, match="shape"):
        solve([[1, 2]], [[1, 2, 3]])
    with pytest.raises(GameError, match="NaN or infinite"):
        solve([[1.0, float("nan")]], [[0.0, 0.0]])
    with pytest.raises(GameError, match="ragged"):
        solve([[1, 2], [3]], [[1, 2], [3, 4]])


def test_serialisation_and_displays(bos: Solution) -> None:
    js = bos.to_json()
    assert json.loads(json.dumps(js)) == js
    assert js["equilibria"][2]["strategies"] == [["2/3", "1/3"], ["1/3", "2/3"]]
    assert solve(BOS).to_json()["equilibria"][0]["strategies"] == [[1.0, 0.0], [1.0, 0.0]]
    frame = bos.to_frame()
    assert list(frame["label"]) == list(bos.labels)
    assert frame.loc[2, "Ally: Firm"] == Fraction(2, 3)
    tex = bos.to_latex()
    assert tex.startswith(r"\begin{tabular}") and r"\frac{2}{3}" in tex and "Patron" in tex
    html = bos._repr_html_()
    assert "3 equilibria of battle of the sexes" in html and "<table" in html
    text = str(bos)
    assert "Firm/Firm" in text and "2/3" in text
    assert str(solve([[1]], [[1]])) == "r1/c1: (r1: 1) ; (c1: 1) payoffs (1, 1)"


def test_extreme_equilibria_kernel_and_solve_many() -> None:
    assert extreme_equilibria([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]) == [((HALF, HALF), (HALF, HALF))]
    sols = solve_many([BOS, Bimatrix.from_arrays([[1]], [[1]])])
    assert [len(s) for s in sols] == [3, 1]


def test_large_payoffs_1e9() -> None:
    # Matching pennies scaled by 1e9 and shifted: still (1/2, 1/2) exactly.
    A = np.array([[1, -1], [-1, 1]]) * 10**9 + 10**9
    sol = solve(A, -A, exact=True)
    assert [e.strategies for e in sol] == [((HALF, HALF), (HALF, HALF))]
    assert sol[0].payoffs == (10**9, -(10**9))
