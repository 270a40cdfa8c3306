"""Buck-passing (volunteer's dilemma), chain gangs and the offence-defence balance."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from scipy.optimize import brentq

from alliancegames.models import buck_passing, chain_gang, offence_defence
from alliancegames.solvers.enumeration import solve


def _pass_payoff(p, n, k, u):
    """Expected payoff of passing when each of the other n-1 balances with probability p (from the game)."""
    return u * (1 - (1 - p) ** (n - 1))


@pytest.mark.parametrize("n, k, u", [(2, 1, 4), (3, 1, 4), (5, 2, 7), (8, 0.5, 10)])
def test_volunteer_p_star_by_indifference(n, k, u):
    bp = buck_passing()
    # independent root-finding of the indifference condition U - K = payoff of passing
    p_num = brentq(lambda p: _pass_payoff(p, n, k, u) - (u - k), 1e-12, 1 - 1e-12)
    got = bp.at(n_states=n, k_balance=k, u_threat=u)
    assert got["p_balance"] == pytest.approx(p_num, abs=1e-10)
    assert got["p_nobody"] == pytest.approx((1 - p_num) ** n, abs=1e-10)
    assert got["p_balance"] == pytest.approx(1 - (k / u) ** (1 / (n - 1)))


def test_probability_nobody_balances_rises_with_n():
    bp = buck_passing()
    probs = [bp.at(n_states=n)["p_nobody"] for n in range(2, 12)]
    assert all(b > a for a, b in zip(probs, probs[1:]))
    assert probs[-1] < 1 / 4  # limit K/U from below


def test_two_state_model_matches_closed_form():
    bp = buck_passing()
    sol = solve(bp.two_state_model(), exact=True)
    (mixed,) = [e for e in sol if not e.is_pure]
    assert mixed.strategies[0][0] == F(3, 4)  # 1 - K/U with K=1, U=4
    assert sorted(e.label for e in sol if e.is_pure) == ["Balance/Pass", "Pass/Balance"]


def test_buck_passing_rejects_bad_values():
    from alliancegames.core.model import ModelError

    with pytest.raises(ModelError):
        buck_passing().at(k_balance=5)  # K >= U
    with pytest.raises(ModelError):
        buck_passing().at(n_states=1)


@pytest.mark.parametrize("theta", [F(1, 10), F(2, 5), F(3, 5), F(9, 10)])
def test_chain_gang_threshold(theta):
    # threshold theta* = c_chain / v_ally = 2/4
    sol = solve(chain_gang(), params=dict(theta_offence=theta), exact=True)
    want = "Unconditional/Unconditional" if theta > F(1, 2) else "Conditional/Conditional"
    assert sol.labels == (want,)


@pytest.mark.parametrize("k, u", [(1, 4), (2, 5), (F(1, 2), 10)])
def test_offence_defence_moves_from_buck_passing_to_chain_ganging(k, u):
    thr = F(k) / F(u)
    above = solve(
        offence_defence(), params=dict(theta_offence=thr + F(1, 20), k_balance=k, u_threat=u), exact=True
    )
    assert above.labels == ("Balance/Balance",)
    theta = thr / 2
    below = solve(offence_defence(), params=dict(theta_offence=theta, k_balance=k, u_threat=u), exact=True)
    assert sorted(e.label for e in below if e.is_pure) == ["Balance/Pass", "Pass/Balance"]
    (mixed,) = [e for e in below if not e.is_pure]
    assert mixed.strategies[0][0] == (F(u) - F(k)) / ((1 - theta) * F(u))


def test_offence_defence_at_zero_is_the_volunteers_dilemma():
    sol = solve(offence_defence(), params=dict(theta_offence=0), exact=True)
    (mixed,) = [e for e in sol if not e.is_pure]
    assert float(mixed.strategies[0][0]) == pytest.approx(buck_passing().at(n_states=2)["p_balance"])
