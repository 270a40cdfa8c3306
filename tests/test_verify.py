"""Unit tests for verify.py: regrets, best responses and the Nash test."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from alliancegames.solvers.verify import best_responses, is_nash, max_regret, regrets

# Prisoner's dilemma: D strictly dominates C for both players.
PD_A = np.array([[3, 0], [5, 1]])
PD_B = PD_A.T


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        # (C, C): each gains 5 - 3 = 2 by defecting.
        ([1, 0], [1, 0], (2, 2)),
        # (D, D): the equilibrium.
        ([0, 1], [0, 1], (0, 0)),
        # (C, D): row gets 0 and could get 1; column already best-responds.
        ([1, 0], [0, 1], (1, 0)),
    ],
)
def test_regrets_prisoners_dilemma(x, y, expected) -> None:
    assert regrets(PD_A, PD_B, x, y) == expected
    assert max_regret(PD_A, PD_B, x, y) == max(expected)


def test_exact_fractions_stay_exact() -> None:
    A = np.array([[Fraction(1), Fraction(-1)], [Fraction(-1), Fraction(1)]], dtype=object)
    h = np.array([Fraction(1, 2)] * 2, dtype=object)
    r = regrets(A, -A, h, h)
    assert r == (0, 0) and all(isinstance(v, Fraction) for v in r)
    x = np.array([Fraction(2, 3), Fraction(1, 3)], dtype=object)
    # Row gets (2/3 - 1/3) * (1/2 - 1/2) = 0 against y = h; column's best is 1/3, gets 0.
    assert regrets(A, -A, x, h) == (0, Fraction(1, 3))


def test_best_responses_with_tolerance() -> None:
    A = np.array([[1.0, 0.0], [1.0 - 1e-12, 0.0], [0.0, 1.0]])
    B = np.zeros((3, 2))
    assert best_responses(A, B, [1, 0, 0], [1, 0]) == ((0,), (0, 1))
    assert best_responses(A, B, [1, 0, 0], [1, 0], tol=1e-9) == ((0, 1), (0, 1))


def test_is_nash() -> None:
    assert is_nash(PD_A, PD_B, [0, 1], [0, 1])
    assert not is_nash(PD_A, PD_B, [1, 0], [1, 0])
    assert not is_nash(PD_A, PD_B, [0, 1.5], [0, 1])  # not a probability vector
    assert not is_nash(PD_A, PD_B, [-0.5, 1.5], [0, 1])
    # tolerance is relative to the payoff scale
    big = PD_A * 10**9
    assert is_nash(big, big.T, [1e-10, 1 - 1e-10], [0, 1], tol=1e-9)


def test_shape_errors() -> None:
    with pytest.raises(ValueError, match="same shape"):
        regrets(PD_A, PD_A[:1], [1, 0], [1, 0])
    with pytest.raises(ValueError, match="do not fit"):
        max_regret(PD_A, PD_B, [1, 0, 0], [1, 0])
