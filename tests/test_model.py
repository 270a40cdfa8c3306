"""Unit tests for model.py: validation, substitution, rebinding and displays."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from alliancegames.core.model import (
    ModelError,
    NormalFormModel,
    Parameter,
    exact_number,
    normal_form,
    parameter,
)

ACTS = (("Firm", "Weak"), ("Firm", "Weak"))
V = parameter("v", "value of the alliance", "positive", 3)
C = parameter("c", "cost of entrapment", "nonnegative")
P = parameter("p", "probability of war", "probability", Fraction(1, 2))


def game(payoffs=None, actions=ACTS, params=(V, C, P), players=("Ally", "Patron")) -> NormalFormModel:
    v, c, p = V.symbol, C.symbol, P.symbol
    table = payoffs or [[(v - c, v), (-c, p)], [(p * v, 0), (0, 1)]]
    return normal_form("alliance", players, actions, params, table, source="our coding")


def test_valid_model() -> None:
    g = game()
    assert g.shape == (2, 2) and g.parameter_names == ("v", "c", "p")
    assert g.payoff("Firm", "Weak") == (-C.symbol, P.symbol)
    assert g.payoff(1, 0) == (P.symbol * V.symbol, 0)
    assert g.defaults() == {"v": 3, "p": Fraction(1, 2)}
    assert g.assumptions() == [P.symbol <= 1]
    with pytest.raises(AttributeError):
        g.name = "x"  # type: ignore[misc]


x = sp.Symbol("x")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"payoffs": [[(x, 1), (0, 1)], [(1, 0), (1, 1)]]}, r"undeclared symbols \['x'\]"),
        ({"payoffs": [[(1, 1), (0, 1)], [(1, 0)]]}, r"row 1 \('Weak'\) has 1 entries, expected 2"),
        ({"payoffs": [[(1, 1), (0, 1)]]}, "must have 2 rows"),
        ({"payoffs": [[(1, 1), (0, 1)], [(1, 0), (1,)]]}, "must be a pair"),
        (
            {"payoffs": (sp.Matrix([[1, 2]]), sp.Matrix([[1, 2], [3, 4]]))},
            r"shape \(1, 2\), expected \(2, 2\)",
        ),
        ({"payoffs": [[(1, 1), (0, 1)], [(1, 0), (1, "u")]]}, "'u', which is not a declared parameter"),
        ({"payoffs": [[(1, 1), (0, 1)], [(1, 0), (1, "__import__('os')")]]}, "not a declared parameter"),
        ({"payoffs": {("Firm", "Firm"): (1, 1)}}, "payoffs missing for profiles"),
        ({"payoffs": {("Firm", "Strong"): (1, 1)}}, "unknown action"),
        ({"actions": (("Firm", "Firm"), ("Firm", "Weak"))}, r"duplicate action labels \['Firm'\]"),
        ({"actions": (("Firm", ""), ("Firm", "Weak"))}, "empty or non-string action label"),
        ({"actions": (("Firm", "Weak"), ())}, "has no actions"),
        ({"actions": (("Firm", "Weak"),)}, "one sequence of labels per player"),
        ({"players": ("Ally", "Ally")}, "duplicate player name 'Ally'"),
        ({"players": ("Ally", " ")}, "player names must be non-empty"),
        ({"params": (V, parameter("v"))}, r"duplicate parameter names \['v'\]"),
    ],
)
def test_validation_errors_name_the_problem(kwargs, message) -> None:
    base = {"payoffs": [[(1, 1), (0, 1)], [(1, 0), (1, 1)]]}
    with pytest.raises(ModelError, match=message):
        game(**{**base, **kwargs})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("p", "", "prob"), "unknown domain 'prob'"),
        (("p", "", "probability", 1.2), "default 1.2 is outside its domain 'probability'"),
        (("c", "", "positive", 0), "default 0 is outside its domain 'positive'"),
        (("c", "", "nonnegative", float("nan")), "outside its domain"),
        (("2x", "", "real"), "must be a Python identifier"),
        (("_x", "", "real"), "not starting with '_'"),
    ],
)
def test_parameter_errors(args, message) -> None:
    with pytest.raises(ModelError, match=message):
        parameter(*args)


@pytest.mark.parametrize(
    ("domain", "inside", "outside"),
    [
        ("real", [-5, 0, 1e300], [float("inf"), float("nan"), "a"]),
        ("positive", [1e-9, 2], [0, -1]),
        ("nonnegative", [0, 3], [-1e-9]),
        ("probability", [0, 1, Fraction(1, 3)], [1.2, -0.1]),
    ],
)
def test_domains(domain, inside, outside) -> None:
    p = Parameter("q", "", domain)
    assert all(p.contains(v) for v in inside)
    assert not any(p.contains(v) for v in outside)
    assert p.symbol.is_real
    if domain == "positive":
        assert p.symbol.is_positive
    if domain in ("nonnegative", "probability"):
        assert p.symbol.is_nonnegative


def test_substitute_is_partial_evaluation() -> None:
    g = game()
    h = g.substitute(v=2)
    assert h.parameter_names == ("c", "p")
    assert h.payoffs[0][0, 0] == 2 - C.symbol and h.payoffs[0][1, 0] == 2 * P.symbol
    assert g.parameter_names == ("v", "c", "p")  # the original is unchanged
    k = h.substitute({"p": 0.1}, c=Fraction(1, 3))
    assert k.parameters == ()
    assert k.payoffs[0][1, 0] == sp.Rational(1, 5)  # 0.1 read as 1/10, times 2
    assert k.payoffs[1][0, 1] == sp.Rational(1, 10)
    with pytest.raises(ModelError, match="has no parameter 'w'"):
        g.substitute(w=1)
    with pytest.raises(ModelError, match="outside its domain 'probability'"):
        g.substitute(p=1.2)


def test_same_named_symbols_are_rebound() -> None:
    v_plain = sp.Symbol("v")  # no assumptions, unlike the declared V.symbol
    g = normal_form("g", ("A", "B"), ACTS, [V], [[(v_plain, 1), (0, 1)], [(1, 0), (1, v_plain**2)]])
    assert g.payoffs[0][0, 0] is V.symbol or g.payoffs[0][0, 0] == V.symbol
    assert g.payoffs[0][0, 0].is_positive
    assert g.payoffs[1].free_symbols == {V.symbol}
    assert g.substitute(v=2).payoffs[1][1, 1] == 4


def test_matrix_pair_and_mapping_inputs_agree() -> None:
    v = V.symbol
    pairs = normal_form("g", ("A", "B"), ACTS, [V], [[(v, 1), (0, 2)], [(3, 4), (5, 6)]])
    mats = normal_form("g", ("A", "B"), ACTS, [V], (sp.Matrix([[v, 0], [3, 5]]), sp.Matrix([[1, 2], [4, 6]])))
    mapping = normal_form(
        "g",
        ("A", "B"),
        ACTS,
        [V],
        {
            ("Firm", "Firm"): ("v", 1),
            ("Firm", "Weak"): (0, 2),
            ("Weak", "Firm"): (3, 4),
            ("Weak", "Weak"): (5, 6),
        },
    )
    assert pairs.payoffs == mats.payoffs == mapping.payoffs


def test_non_square_and_permuted() -> None:
    g = normal_form("g", ("A", "B"), (("a",), ("x", "y", "z")), [], [[(1, 2), (3, 4), (5, 6)]])
    assert g.shape == (1, 3)
    h = g.with_actions_permuted([0], [2, 0, 1])
    assert h.actions[1] == ("z", "x", "y") and h.payoff("a", "z") == (5, 6)


def test_exact_number() -> None:
    assert exact_number(0.1) == sp.Rational(1, 10)
    assert exact_number(Fraction(2, 3)) == sp.Rational(2, 3)
    assert exact_number(7) == 7
    for bad in (True, float("inf"), "1"):
        with pytest.raises(ModelError):
            exact_number(bad)


def test_displays() -> None:
    g = game()
    text = str(g)
    assert text.splitlines()[0] == "alliance: Ally (rows) vs Patron (columns)"
    assert "-c + v, v" in text and "v (positive): value of the alliance" in text
    tex = g.to_latex()
    assert tex.startswith(r"\begin{table}") and r"\caption{alliance}" in tex
    assert r"\text{Ally} \backslash \text{Patron}" in tex
    assert r"- c + v,\; v" in tex and r"p v,\; 0" in tex
    assert g._repr_latex_().startswith(r"$\begin{array}{l|cc}")
    html = g._repr_html_()
    assert "<b>alliance</b>" in html and "<th>Firm</th>" in html
    assert "<td>value of the alliance</td><td>positive</td><td>3</td>" in html
    assert "<td>probability of war</td><td>probability</td><td>1/2</td>" in html
    assert "our coding" in html
    odd = normal_form("R&D_1", ("A<b>", "B"), (("x%",), ("y#",)), [], [[(1, 2)]])
    assert r"\text{x\%}" in odd.to_latex() and r"\caption{R\&D\_1}" in odd.to_latex()
    assert "A&lt;b&gt;" in odd._repr_html_()
