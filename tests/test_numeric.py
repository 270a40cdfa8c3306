"""Unit tests for numeric.py: the compiled bridge, broadcasting, errors, exact evaluation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import alliancegames.core.numeric as numeric
from alliancegames.core.bimatrix import Bimatrix
from alliancegames.core.model import ModelError, normal_form, parameter
from alliancegames.core.numeric import compile_model, evaluate, resolve_values

C = parameter("c", "cost of entrapment", "positive", 2)
P = parameter("p", "probability of war", "probability", Fraction(1, 2))
R = parameter("r", "reputation shift", "real")
c, p, r = C.symbol, P.symbol, R.symbol

# 2x3: non-square, with rational functions, powers, roots, exp and constants.
GAME = normal_form(
    "bridge",
    ("Ally", "Patron"),
    (("Firm", "Weak"), ("Help", "Hedge", "Quit")),
    [C, P, R],
    [
        [(1 / (c - 1), p * r), (c * p - r**2, 0), (1, sp.Rational(1, 3))],
        [(sp.sqrt(c) + r, p**2), (sp.exp(-c * p), c / (1 + p)), (2, 3 * r - c)],
    ],
)


def reference(point: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs by sympy substitution, one point at a time (independent of lambdify)."""
    sub = {GAME.parameter(k).symbol: v for k, v in point.items()}
    return tuple(np.array(M.subs(sub).evalf(30).tolist(), dtype=float) for M in GAME.payoffs)


def test_broadcast_equals_pointwise_sympy() -> None:
    rng = np.random.default_rng(1)
    cs = rng.uniform(1.5, 5, 11)
    ps = rng.uniform(0, 1, 11)
    rs = rng.normal(0, 2, 11)
    f = compile_model(GAME)
    A, B = f(c=cs, p=ps, r=rs)
    assert A.shape == B.shape == (11, 2, 3)
    for k in range(11):
        Ar, Br = reference({"c": cs[k], "p": ps[k], "r": rs[k]})
        np.testing.assert_allclose(A[k], Ar, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(B[k], Br, rtol=1e-12, atol=1e-12)


def test_grid_broadcasting_and_scalars() -> None:
    f = compile_model(GAME)
    cs = np.array([2.0, 3.0, 4.0])[:, None]
    ps = np.array([0.0, 0.25, 0.5, 1.0])
    A, B = f(c=cs, p=ps, r=0.5)
    assert A.shape == (3, 4, 2, 3)
    for i in range(3):
        for j in range(4):
            Ar, Br = reference({"c": cs[i, 0], "p": ps[j], "r": 0.5})
            np.testing.assert_allclose(A[i, j], Ar, rtol=1e-12)
            np.testing.assert_allclose(B[i, j], Br, rtol=1e-12)
    # constant entries broadcast too
    assert np.all(A[..., 0, 2] == 1) and np.all(B[..., 0, 2] == pytest.approx(1 / 3))
    A0, _ = f(r=1.0)  # defaults c = 2, p = 1/2
    assert A0.shape == (2, 3) and A0[0, 0] == 1.0 and A0[0, 1] == 0.0


def test_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    f = compile_model(GAME)

    def boom(*args, **kw):
        raise AssertionError("lambdify called again")

    monkeypatch.setattr(numeric.sp, "lambdify", boom)
    for v in (2.0, 3.0, np.linspace(2, 3, 5)):
        f(c=v, r=0.0)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"q": 1, "r": 0},
            r"unknown parameter \['q'\] for model 'bridge'; its parameters are \['c', 'p', 'r'\]",
        ),
        ({}, r"missing value for parameter\(s\) \['r'\] of model 'bridge' \(no default\)"),
        ({"r": 0, "p": 1.2}, r"parameter 'p' \(probability\) must lie in \[0, 1\]; got 1.2"),
        (
            {"r": 0, "p": np.array([0.5, 1.2])},
            r"parameter 'p' \(probability\) must lie in \[0, 1\]; got 1.2$",
        ),
        ({"r": 0, "p": -0.1}, r"must lie in \[0, 1\]"),
        ({"r": 0, "c": 0}, r"parameter 'c' \(positive\) must be positive; got 0"),
        ({"r": float("nan")}, r"parameter 'r' must be a finite real number .*; got nan"),
        ({"r": np.array([0.0, np.inf])}, "must be finite; got inf"),
        ({"r": "1"}, "needs a number, got '1'"),
        ({"r": True}, "needs a number, got True"),
        # 1/(c - 1) at c = 1: the cell and the point are named
        ({"r": 0, "c": 1}, r"NaN or infinite at \(Firm, Help\) for \{'c': 1.0, 'p': 0.5, 'r': 0.0\}"),
        ({"r": 0, "c": np.array([2.0, 1.0])}, r"NaN or infinite at \(Firm, Help\) for \{'c': 1.0"),
    ],
)
def test_errors_name_the_problem(values, message) -> None:
    f = compile_model(GAME)
    with pytest.raises(ModelError, match=message):
        f(values)
    if not any(isinstance(v, np.ndarray) for v in values.values()):
        exact_message = message.split(";")[0].split(" at ")[0]
        if exact_message == "NaN or infinite":  # exact evaluation names the cell the same way
            exact_message = r"at \(Firm, Help\) is infinite or undefined"
        with pytest.raises(ModelError, match=exact_message):
            evaluate(GAME, values)


def test_resolve_values_fills_defaults() -> None:
    assert resolve_values(GAME, {"r": -1}) == {"c": 2, "p": Fraction(1, 2), "r": -1}


def test_exact_evaluation_with_fractions() -> None:
    # No roots or exponentials: rational values give exact fractions.
    g = normal_form(
        "rational",
        GAME.players,
        GAME.actions,
        [C, P],
        [
            [(1 / (c - 1), p), (c * p - 1, 0), (1, sp.Rational(1, 3))],
            [(c**2, p**2), (c * p, c / (1 + p)), (2, 3 - c)],
        ],
    )
    pt = {"c": Fraction(3, 2), "p": Fraction(1, 3)}
    game = evaluate(g, pt)
    assert isinstance(game, Bimatrix) and game.is_exact
    assert game.actions == (("Firm", "Weak"), ("Help", "Hedge", "Quit"))
    sub = {c: sp.Rational(3, 2), p: sp.Rational(1, 3)}
    for M, got in zip(g.payoffs, (game.A, game.B)):
        for i in range(2):
            for j in range(3):
                e = M[i, j].subs(sub)
                assert got[i, j] == Fraction(int(e.p), int(e.q))
                assert isinstance(got[i, j], Fraction)
    assert game.A[0, 0] == 2  # 1 / (3/2 - 1)
    assert game.B[1, 1] == Fraction(9, 8)  # (3/2) / (4/3)
    # the exactness policy: a float means its decimal text, so 1.5 and 0.5 give the same exact game
    assert (evaluate(g, c=1.5, p=0.5).A == evaluate(g, c=Fraction(3, 2), p=Fraction(1, 2)).A).all()
    # irrational payoffs stay exact sympy numbers (sqrt(2), exp(-1)), not rounded floats
    irr = evaluate(GAME, c=2, p=Fraction(1, 2), r=0)
    assert irr.is_exact and not irr.is_rational


def test_game_from_compiled() -> None:
    f = compile_model(GAME)
    g = f.game(r=0.0)
    assert g.players == ("Ally", "Patron") and g.shape == (2, 3)
    np.testing.assert_allclose(g.A, reference({"c": 2, "p": 0.5, "r": 0.0})[0])
    with pytest.raises(ModelError, match="scalar parameter values"):
        f.game(r=np.array([0.0, 1.0]))
