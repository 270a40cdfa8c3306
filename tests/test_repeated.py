"""Repeated-game conditions: symbolic thresholds checked against simulated one-shot deviations."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from alliancegames.analysis.repeated import (
    deviate_once,
    grim_strategy,
    grim_trigger,
    limited_punishment,
    limited_punishment_strategy,
    play_repeated,
    threshold_grid,
    tit_for_tat,
    tit_for_tat_strategy,
)
from alliancegames.core.model import ModelError, normal_form
from alliancegames.core.numeric import evaluate
from alliancegames.models import burden_sharing_matrix, primary_alliance, snyder_alliance

COOP, DEFECT = ("Abstain", "Abstain"), ("Ally", "Ally")
C, D = (1, 1), (0, 0)  # action indices in primary_alliance: ("Ally", "Abstain")

# primary alliance points (g_advantage, k_cost, l_isolation) across the plausible ranges
POINTS = [
    (3, 1, 2),
    (2, 1, 2),
    (4, Fraction(1, 2), 3),
    (Fraction(3, 2), Fraction(1, 5), Fraction(6, 5)),
    (4, 1, 4),
]
PERIODS = 250


def _arrays(values):
    g = evaluate(primary_alliance(), values)
    return g.A.astype(float), g.B.astype(float)


def _gain(A, B, strategy, delta, history, player):
    """Gain to ``player`` of a one-shot deviation after ``history`` (others follow ``strategy``)."""
    base, _ = play_repeated(A, B, strategy, strategy, delta, PERIODS, history=history)
    at = len(history)
    best = -np.inf
    for action in range(A.shape[player]):
        dev = deviate_once(strategy, at, action)
        row, col = (dev, strategy) if player == 0 else (strategy, dev)
        u, _ = play_repeated(A, B, row, col, delta, PERIODS, history=history)
        best = max(best, u[player] - base[player])
    return best


def _values(point):
    g, k, l_ = point
    return {"g_advantage": g, "k_cost": k, "l_isolation": l_}


@pytest.mark.parametrize("point", POINTS)
def test_grim_trigger_threshold_matches_simulated_deviations(point):
    values = _values(point)
    res = grim_trigger(primary_alliance(), COOP, DEFECT)
    g, k, _ = point
    assert res.threshold_at(values) == Fraction(g - k) / g  # (T - R)/(T - P) with T=g-k, R=0, P=-k
    A, B = _arrays(values)
    strat = grim_strategy(C, D)
    thr = float(res.threshold_at(values))
    histories = [(), ((0, 1),), ((1, 1), (1, 0), (0, 0))]  # cooperative phase, after deviations
    for delta in (thr - 0.03, thr + 0.03):
        if not 0 < delta < 0.9:
            continue
        worst = max(_gain(A, B, strat, delta, h, p) for h in histories for p in (0, 1))
        assert res.holds_at(Fraction(delta).limit_denominator(1000), values) == (worst <= 1e-9)
        assert (worst <= 1e-9) == (delta > thr)


@pytest.mark.parametrize("periods", [1, 2, 3])
@pytest.mark.parametrize("point", [(2, 1, 2), (Fraction(3, 2), 1, 2), (3, 2, 3)])
def test_limited_punishment_threshold_matches_simulation(periods, point):
    values = _values(point)
    res = limited_punishment(primary_alliance(), COOP, DEFECT, periods=periods)
    thr = float(res.threshold_at(values))
    g, k, _ = point
    x = (g - k) / k  # (T-R)/(R-P)
    assert sum(thr**t for t in range(1, periods + 1)) == pytest.approx(float(x))
    A, B = _arrays(values)
    strat = limited_punishment_strategy(C, D, periods)
    histories = [(), ((1, 1), (0, 1)), ((1, 0),)]  # cooperative phase; inside punishment phases
    for delta in (thr - 0.04, thr + 0.04):
        if not 0 < delta < 0.9:
            continue
        worst = max(_gain(A, B, strat, delta, h, p) for h in histories for p in (0, 1))
        assert (worst <= 1e-9) == (delta > thr)
        assert res.holds_at(Fraction(delta).limit_denominator(1000), values) == (delta > thr)


def test_limited_punishment_tends_to_grim_trigger():
    grim = grim_trigger(primary_alliance(), COOP, DEFECT).threshold_at()
    thr = [
        limited_punishment(primary_alliance(), COOP, DEFECT, periods=k).threshold_at() for k in (3, 10, 60)
    ]
    assert thr[0] > thr[1] > thr[2] > float(grim)
    assert thr[2] == pytest.approx(float(grim), abs=1e-6)


def test_tit_for_tat_nash_and_knife_edge_subgame_perfection():
    res = tit_for_tat(primary_alliance(), COOP, DEFECT)
    # knife edge g = l: delta = (T-R)/(R-S) = (g-k)/l = (P-S)/(T-P) = (l-k)/g
    edge = {"g_advantage": 2, "k_cost": 1, "l_isolation": 2}
    A, B = _arrays(edge)
    strat = tit_for_tat_strategy(C, D)
    states = [(), ((0, 0),), ((0, 1),), ((1, 0),)]  # last profile CC, DD, DC, CD
    for delta, spe in ((0.5, True), (0.6, False), (0.4, False)):
        worst = max(_gain(A, B, strat, delta, h, p) for h in states for p in (0, 1))
        assert (worst <= 1e-9) == spe
        assert res.holds_at(Fraction(delta).limit_denominator(100), edge) == spe
    # off the edge tit-for-tat is never subgame perfect but is a Nash equilibrium for delta >= threshold
    values = {"g_advantage": 3, "k_cost": 1, "l_isolation": 4}
    A, B = _arrays(values)
    thr = float(res.threshold_at(values))
    assert thr == pytest.approx(max(2 / 3, 1 / 2))
    for delta in (thr + 0.05, 0.9):
        assert not res.holds_at(Fraction(delta).limit_denominator(100), values)
        base, _ = play_repeated(A, B, strat, strat, delta, PERIODS)
        always_d, _ = play_repeated(A, B, lambda h, k: 0, strat, delta, PERIODS)
        alternate, _ = play_repeated(A, B, lambda h, k: int(len(h) % 2 == 1), strat, delta, PERIODS)
        assert base[0] >= max(always_d[0], alternate[0]) - 1e-9
    below, _ = play_repeated(A, B, lambda h, k: 0, strat, thr - 0.05, PERIODS)
    base, _ = play_repeated(A, B, strat, strat, thr - 0.05, PERIODS)
    assert below[0] > base[0]


def test_statics_of_the_grim_threshold():
    st = {s.parameter.name: s.sign for s in grim_trigger(primary_alliance(), COOP, DEFECT).statics()}
    assert st == {"g_advantage": "positive", "k_cost": "negative", "l_isolation": "zero"}
    st = {s.parameter.name: s.sign for s in limited_punishment(primary_alliance(), COOP, DEFECT, 4).statics()}
    assert st == {"g_advantage": "positive", "k_cost": "negative", "l_isolation": "zero"}


def test_threshold_grid_agrees_with_pointwise_thresholds():
    res = grim_trigger(primary_alliance(), COOP, DEFECT)
    gs, ks = np.linspace(1.5, 4, 7), np.linspace(0.2, 1, 5)
    grid = threshold_grid(res, {"g_advantage": gs, "k_cost": ks})
    assert grid.shape == (7, 5)
    for i, j in [(0, 0), (3, 2), (6, 4)]:
        assert grid[i, j] == pytest.approx(float(res.threshold_at(g_advantage=gs[i], k_cost=ks[j])))
    lp = limited_punishment(primary_alliance(), COOP, DEFECT, 3)
    grid = threshold_grid(lp, {"g_advantage": gs[:2]}, k_cost=1)
    assert grid[1] == pytest.approx(lp.threshold_at(g_advantage=gs[1], k_cost=1))


def test_nash_reversion_cannot_stop_the_small_member_free_riding():
    # (High, Low) is the stage equilibrium: reverting to it is no threat to the small member
    res = grim_trigger(burden_sharing_matrix(), ("High", "High"), ("High", "Low"))
    assert not any(res.holds_at(d) for d in (Fraction(1, 2), Fraction(9, 10), Fraction(99, 100)))


def test_snyder_alliance_cooperation_is_already_a_stage_equilibrium():
    # in the assurance region Firm/Firm is a stage equilibrium: any delta sustains it (Weak/Weak punishes)
    res = grim_trigger(snyder_alliance(), ("Firm", "Firm"), ("Weak", "Weak"))
    assert res.holds_at(Fraction(1, 100)) and res.holds_at(Fraction(99, 100))
    assert float(res.threshold_at()) <= 0


def test_bad_input_is_refused_with_one_clear_error():
    m = primary_alliance()
    with pytest.raises(ModelError, match="no action 'Defect'"):
        grim_trigger(m, ("Defect", "Ally"), DEFECT)
    with pytest.raises(ModelError, match="pair of action labels"):
        grim_trigger(m, "Abstain", DEFECT)
    with pytest.raises(ModelError, match="positive integer"):
        limited_punishment(m, COOP, DEFECT, periods=0)
    with pytest.raises(ModelError, match="strictly between 0 and 1"):
        grim_trigger(m, COOP, DEFECT).holds_at(1)
    rps = normal_form(
        "rps",
        ("A", "B"),
        (("R", "P", "S"),) * 2,
        (),
        [[(0, 0), (-1, 1), (1, -1)], [(1, -1), (0, 0), (-1, 1)], [(-1, 1), (1, -1), (0, 0)]],
    )
    with pytest.raises(ModelError, match="2x2"):
        tit_for_tat(rps, ("R", "R"), ("P", "P"))
    with pytest.raises(ModelError, match="already has a parameter"):
        from alliancegames.core.model import parameter

        d = parameter("delta", "", "probability", sp.Rational(1, 2))
        grim_trigger(
            normal_form("g", ("A", "B"), (("x", "y"),) * 2, [d], [[("delta", 0), (0, 0)], [(0, 0), (0, 0)]]),
            ("x", "x"),
            ("y", "y"),
        )


@pytest.mark.slow
@pytest.mark.parametrize("point", [(3, 1, 2), (2, 1, 2), (4, Fraction(1, 2), 3)])
def test_grim_threshold_agrees_with_quantecons_abreu_sannikov_set(point):
    """Where grim trigger and QuantEcon's AS set overlap: the worst SPE payoff is the stage equilibrium's
    (Nash reversion is the harshest credible punishment), so stationary mutual abstention is enforceable
    from the AS set exactly when delta is above our threshold."""
    import quantecon.game_theory as qe  # the slow extra (--runslow checks it is installed)
    from scipy.spatial import QhullError

    values = _values(point)
    A, B = _arrays(values)
    R, T, P = A[1, 1], A[0, 1], A[0, 0]
    thr = float(grim_trigger(primary_alliance(), COOP, DEFECT).threshold_at(values))
    nfg = qe.NormalFormGame([[(A[i, j], B[i, j]) for j in range(2)] for i in range(2)])
    for delta in (thr - 0.05, thr + 0.05):
        try:
            hull = qe.RepeatedGame(nfg, delta).equilibrium_payoffs(method="AS")
            pts = hull.points[hull.vertices]
        except QhullError:  # QuantEcon cannot hull a single point: only (P, P) is left
            pts = np.array([[P, P]])
        worst = pts.min(axis=0)
        assert worst == pytest.approx([P, P], abs=1e-6)
        enforceable = R >= (1 - delta) * T + delta * worst[0] - 1e-9
        assert enforceable == (delta > thr)
