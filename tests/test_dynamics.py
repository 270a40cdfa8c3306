"""Learning and evolutionary dynamics: agreement with nashpy's integrators, seeding, outcomes."""

import numpy as np
import pytest

from alliancegames.core.bimatrix import Bimatrix, GameError
from alliancegames.core.model import ModelError
from alliancegames.models import primary_alliance, snyder_alliance
from alliancegames.solvers.enumeration import solve
from alliancegames.studies.dynamics import (
    NOT_CONVERGED,
    fictitious_play,
    finite_repetition,
    imitation,
    moran,
    pure_equilibria,
    replicator,
    replicator_field,
    replicator_paths,
    replicator_sweep,
    stochastic_fictitious_play,
    uniform_starts,
)

GAMES = {
    "snyder assurance": (snyder_alliance(), {}),
    "snyder chicken": (snyder_alliance(), {"v_protect": 1, "c_abandon": 6, "c_entrap": 4}),
    "primary (PD)": (primary_alliance(), {}),
    "matching pennies-like": (Bimatrix.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), {}),
    "3x3 rock-paper-scissors": (
        Bimatrix.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]),
        {},
    ),
}


@pytest.mark.parametrize("name", list(GAMES))
def test_batched_replicator_agrees_with_nashpys_integrator(name):
    game, values = GAMES[name]
    starts = uniform_starts((2, 2) if name != "3x3 rock-paper-scissors" else (3, 3), 6, random_state=11)
    ours = replicator(game, starts, values=values, t_max=10.0, steps=1000)
    theirs = replicator(game, starts, values=values, t_max=10.0, steps=1000, method="nashpy")
    assert theirs.engine.startswith("nashpy")
    np.testing.assert_allclose(ours.ends, theirs.ends, atol=1e-5)
    assert ours.outcomes == theirs.outcomes


def test_replicator_stays_on_the_simplex_with_negative_payoffs():
    r = replicator(snyder_alliance(), n=300, random_state=2)
    assert np.all(r.ends >= 0)
    np.testing.assert_allclose(r.ends[:, :2].sum(1), 1)
    np.testing.assert_allclose(r.ends[:, 2:].sum(1), 1)
    assert (
        NOT_CONVERGED not in r.counts()
    )  # in an assurance game every interior start reaches a pure equilibrium


def test_replicator_outcomes_are_equilibria_the_solver_finds():
    game, values = GAMES["snyder chicken"]
    r = replicator(game, values=values, n=200, random_state=5)
    labels = set(solve(game, params=values).labels)
    assert set(r.counts()) <= labels | {NOT_CONVERGED}
    # two populations in chicken: the asymmetric pure equilibria attract, the mixed one is a saddle
    assert set(r.counts()) == {"Firm/Weak", "Weak/Firm"}


def test_dominant_action_wins_from_every_start():
    r = replicator(primary_alliance(), n=100, random_state=0)
    assert r.counts() == {"Ally/Ally": 100}


def test_runs_are_reproducible_and_leave_numpys_global_state_alone():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    a = fictitious_play(snyder_alliance(), runs=10, iterations=100, random_state=7)
    b = fictitious_play(snyder_alliance(), runs=10, iterations=100, random_state=7)
    assert np.array_equal(np.random.get_state()[1], before)
    assert a.outcomes == b.outcomes and np.array_equal(a.ends, b.ends)
    r1 = replicator(snyder_alliance(), n=20, random_state=np.random.default_rng(4))
    r2 = replicator(snyder_alliance(), n=20, random_state=4)
    assert np.array_equal(r1.starts, r2.starts)


def test_fictitious_play_beliefs_select_the_equilibrium_they_favour():
    fp = fictitious_play(snyder_alliance(), runs=30, iterations=300, random_state=1)
    assert set(fp.counts()) <= {"Firm/Firm", "Weak/Weak"}
    sol = solve(snyder_alliance())
    mixed = next(e for e in sol if not e.is_pure)
    sigma = mixed.strategies[0][0]  # tipping point: believe the partner is firm with probability > sigma
    for start, out in zip(fp.starts, fp.outcomes):
        if (
            abs(start[2] - sigma) > 0.15
            and abs(start[0] - sigma) > 0.15
            and (start[0] > sigma) == (start[2] > sigma)
        ):
            assert out == ("Firm/Firm" if start[2] > sigma else "Weak/Weak")


def test_stochastic_fictitious_play_and_imitation_run_seeded():
    sfp = stochastic_fictitious_play(primary_alliance(), runs=5, iterations=200, random_state=3)
    assert sfp.counts() == {"Ally/Ally": 5}
    assert sfp.settings["scale"] == 2.0
    im = imitation(primary_alliance(), runs=5, random_state=3)
    assert im.counts() == {"Ally/Ally": 5}
    assert (
        imitation(snyder_alliance(), runs=5, random_state=3).outcomes
        == imitation(snyder_alliance(), runs=5, random_state=3).outcomes
    )


def test_moran_fixation_of_a_dominant_action():
    r = moran(primary_alliance(), {"Ally": 5, "Abstain": 5}, repetitions=60, random_state=0)
    assert sum(r.fixation.values()) == pytest.approx(1.0)
    assert r.fixation["Ally"] > 0.5  # a dominant action fixes more often than neutral drift would (1/2)
    assert r.settings["baseline"] == 1.0
    assert r.exact["Ally"] > 0.5
    se = np.sqrt(r.exact["Ally"] * (1 - r.exact["Ally"]) / 60)
    assert abs(r.fixation["Ally"] - r.exact["Ally"]) < 4 * se  # nashpy's simulation vs the exact chain
    two = moran(primary_alliance(), {"Ally": 1, "Abstain": 1}, repetitions=10, random_state=0)
    # N = 2: fitnesses are A[Ally, Abstain] and A[Abstain, Ally] shifted by 1 - min = 3: 5 and 1
    assert two.exact["Ally"] == pytest.approx(5 / 6)


def test_finite_repetition_of_the_prisoners_dilemma_never_cooperates():
    # finitely repeated PD: every Nash equilibrium plays (Ally, Ally) in both periods
    g = finite_repetition(primary_alliance(), 2)
    eqs = pure_equilibria(g)
    assert eqs
    assert {(g.A[i, j], g.B[i, j]) for i, j in eqs} == {(-2.0, -2.0)}  # twice P = -k_cost
    # with two stage equilibria (assurance) repetition allows more: both periods firm, or weak
    h = finite_repetition(snyder_alliance(), 2)
    pay = {(h.A[i, j], h.B[i, j]) for i, j in pure_equilibria(h)}
    assert (2.0, 2.0) in pay and (-2.0, -2.0) in pay


def test_replicator_sweep_shifts_basins_with_entrapment_costs():
    df = replicator_sweep(snyder_alliance(), {"c_entrap": [2.5, 3.5, 4.5, 5.5]}, n=120, random_state=0)
    firm = (
        df[df.outcome == "Firm/Firm"].set_index("c_entrap").share.reindex([2.5, 3.5, 4.5, 5.5], fill_value=0)
    )
    assert list(firm) == sorted(firm, reverse=True) and firm.iloc[0] > firm.iloc[-1]
    assert df.groupby("c_entrap").share.sum().round(12).eq(1).all()
    assert df.attrs["random_state"] == 0 and df.attrs["engine"] == "batched numpy RK4"


def test_paths_and_field():
    s = uniform_starts((2, 2), 3, random_state=0)
    p = replicator_paths(snyder_alliance(), s, steps=50)
    assert p.shape == (3, 51, 4)
    A = np.array([[2.0, 0.0], [0.0, 1.0]])
    assert np.allclose(replicator_field(A, A.T, [1, 0, 1, 0]), 0)  # a pure profile is a rest point


def test_bad_input_is_refused_with_one_clear_error():
    with pytest.raises(ModelError, match="random_state"):
        replicator(snyder_alliance(), n=5)
    with pytest.raises(ModelError, match="probability vectors"):
        replicator(snyder_alliance(), [[0.5, 0.6, 0.5, 0.5]])
    with pytest.raises(ModelError, match="entries"):
        replicator(snyder_alliance(), [[0.5, 0.5, 1.0]])
    with pytest.raises(ModelError, match="unknown method"):
        replicator(snyder_alliance(), n=5, random_state=0, method="euler")
    with pytest.raises(GameError, match="symmetric"):
        moran(Bimatrix.from_arrays([[1, 0], [0, 1]], [[0, 1], [1, 0]]), {"r1": 2})
    with pytest.raises(ModelError, match="too large"):
        finite_repetition(primary_alliance(), 3)
    with pytest.raises(ModelError, match="NormalFormModel"):
        replicator("snyder_alliance", n=5, random_state=0)
