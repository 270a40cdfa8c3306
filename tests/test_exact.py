"""The exactness policy (alliancegames.core.exact) held at every door.

A Python float means the decimal it prints as; ints of any size stay exact;
mixed inputs are converted element by element; irrational payoffs are compared
exactly; everything else is refused with one ``InputError`` message.  The
reproducers of issue 17 are the first tests here.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

import alliancegames as ag
from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.core.bimatrix import Bimatrix, GameError
from alliancegames.core.exact import (
    ExactnessError,
    InputError,
    compare,
    sign,
    to_exact,
    to_fraction,
)
from alliancegames.core.model import ModelError, Parameter, normal_form, parameter
from alliancegames.core.numeric import evaluate
from alliancegames.models import get_model
from alliancegames.solvers.enumeration import solve

BURDEN_TIE = dict(income_large=F(13, 2), income_small=F(13, 4), alpha=F(1, 2), share_high=F(1, 3), share_low=0)


# --------------------------------------------------------------------------- the converter
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1, F(1, 10)),
        (3.9, F(39, 10)),
        (0.3333333333333333, F(3333333333333333, 10**16)),
        (1e-400 if False else 1e-300, F(1, 10**300)),
        (2**53 + 1, F(2**53 + 1)),
        (10**1000, F(10**1000)),
        (np.int64(-7), F(-7)),
        (np.float64(0.1), F(1, 10)),
        (np.float32(0.1), F(1, 10)),
        (np.array(2.5), F(5, 2)),
        (Decimal("0.125"), F(1, 8)),
        (sp.Rational(2, 3), F(2, 3)),
        (sp.Float(0.3), F(3, 10)),
        (F(-1, 3), F(-1, 3)),
    ],
)
def test_to_fraction_policy(value, expected) -> None:
    assert to_fraction(value) == expected


BAD = [True, np.bool_(False), "1", b"1", None, 1j, np.complex128(1), float("nan"), float("inf"),
       np.float32("inf"), Decimal("NaN"), sp.oo, sp.nan, sp.I, [1], object()]


@pytest.mark.parametrize("value", BAD, ids=[type(v).__name__ + str(i) for i, v in enumerate(BAD)])
def test_refusals_share_one_message(value) -> None:
    with pytest.raises(InputError, match=r"^value must be a finite real number \(int, float, Fraction"):
        to_fraction(value)
    with pytest.raises(InputError, match=r"^value must be a finite real number"):
        to_exact(value)


def test_irrational_kept_by_to_exact_refused_by_to_fraction() -> None:
    assert to_exact(sp.sqrt(2)) == sp.sqrt(2)
    with pytest.raises(InputError, match="irrational"):
        to_fraction(sp.sqrt(2))


def test_every_refusal_is_an_input_error() -> None:
    from alliancegames.core.files import ExpressionError, ModelFileError, NfgError
    from alliancegames.publishing.cli import CliError

    for cls in (ModelError, GameError, ExpressionError, ModelFileError, NfgError, CliError, ExactnessError):
        assert issubclass(cls, InputError), cls
    assert ag.InputError is InputError


def test_huge_integer_messages_do_not_print_the_integer() -> None:
    with pytest.raises(InputError) as exc:
        to_fraction(2 ** (400_000))
    assert len(str(exc.value)) < 200


# --------------------------------------------------------------------------- exact signs
def test_sign_decides_algebraic_ties_and_near_ties() -> None:
    assert sign(sp.sqrt(2) - sp.Rational(14142135623730951, 10**16)) == -1  # -5.1e-17, not 0
    assert sign((sp.sqrt(2) + sp.sqrt(3)) ** 2 - 5 - 2 * sp.sqrt(6)) == 0  # a zero sympy does not fold
    assert compare(13 * sp.sqrt(6) / 12, sp.sqrt(F(13, 2) * F(13, 4) * F(2, 3)) * 1) in (-1, 0, 1)
    assert sign(sp.pi - sp.Rational(314159, 100000)) == 1


def test_sign_refuses_what_it_cannot_decide() -> None:
    # log(6) - log(2) - log(3) is 0 but neither algebraic nor simplified by a cheap rule here:
    # either it is proved zero or the call refuses; it never reports a sign.
    e = sp.log(6, evaluate=False) - sp.log(2) - sp.log(3)
    try:
        assert sign(e) == 0
    except ExactnessError:
        pass


# --------------------------------------------------------------------------- issue 17 reproducers
def test_snyder_short_decimals_agree_with_regions() -> None:
    m = get_model("snyder_alliance")
    pt = {"v_protect": 3.9, "c_abandon": 4.3, "c_entrap": 19.5, "p_conflict": 0.2}
    expected = [lab for lab, _ in equilibrium_regions(m).at(pt)]
    assert expected == ["Firm/Firm", "Weak/Weak"]
    assert list(solve(m, params=pt, exact=True).labels) == expected
    exact_pt = {k: F(str(v)) for k, v in pt.items()}
    assert solve(m, params=exact_pt, exact=True).labels == solve(m, params=pt, exact=True).labels


def test_irrational_tie_in_burden_sharing_is_kept() -> None:
    m = get_model("burden_sharing_matrix")
    g = evaluate(m, BURDEN_TIE)
    assert not g.is_rational
    sol = solve(m, params=BURDEN_TIE, exact=True)
    assert sol.labels == ("High/High", "High/Low")
    # the column player's payoffs are exactly equal: 13*sqrt(6)/12 twice
    assert sol[0].payoffs[1] == sol[1].payoffs[1] == 13 * sp.sqrt(6) / 12
    assert solve(m, params=BURDEN_TIE).labels == sol.labels  # float output, same exact computation


@pytest.mark.slow  # the burden-sharing regions take seconds to build
def test_irrational_tie_in_burden_sharing_agrees_with_regions() -> None:
    m = get_model("burden_sharing_matrix")
    sol = solve(m, params=BURDEN_TIE, exact=True)
    reg = equilibrium_regions(m).at(BURDEN_TIE)
    assert [lab for lab, _ in reg] == list(sol.labels)
    for e, (_, (x, y)) in zip(sol, reg):
        for got, want in zip((*e.strategies[0], *e.strategies[1]), (*x, *y)):
            assert compare(got, want) == 0


def test_model_file_payoff_below_double_precision_is_not_zero() -> None:
    from alliancegames.core.files import parse_expression

    tiny = parse_expression("sqrt(2) - 1.4142135623730951", {})
    g = normal_form("tiny", ("R", "C"), (("a", "b"), ("x",)), [], [[(tiny, 0)], [(0, 0)]])
    # row player: a pays sqrt(2) - 1.41421356237309510 < 0 = b, so only b/x is an equilibrium
    assert solve(g, exact=True).labels == ("b/x",)


def test_one_float_does_not_round_its_neighbours() -> None:
    sol = solve([[F(1, 3)], [0.3333333333333333]], [[0], [0]], exact=True)
    assert sol.labels == ("r1/c1",)
    big = Bimatrix.from_arrays([[2**53 + 1, 0.5], [2**53, 0.5]], [[0, 1], [0, 1]])
    assert big.A[0, 0] - big.A[1, 0] == 1
    assert solve(big, exact=True).labels == solve([[2**53 + 1, F(1, 2)], [2**53, F(1, 2)]], [[0, 1], [0, 1]], exact=True).labels


@pytest.mark.parametrize("payoff", [10**400, 2**1030, int("9" * 4000), F(10**500, 3)])
def test_payoffs_beyond_float_range_solve_exactly(payoff) -> None:
    sol = solve([[payoff, 0], [0, 1]], [[1, 0], [0, 1]], exact=True)
    assert sol.labels[:2] == ("r1/c1", "r2/c2")
    with pytest.raises(GameError, match="float range"):
        solve([[payoff, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameError):
        solve([[1e308 * 10, 0]], [[0, 0]])


@pytest.mark.parametrize(
    "array",
    [np.array([[1 + 1j, 0]]), np.array([["1", "0"]]), np.array([[True, False]]), [[1j, 0]], [["1", 0]], [[True, 0]]],
)
def test_non_real_arrays_and_lists_share_the_message(array) -> None:
    with pytest.raises(GameError, match=r"payoff A\[0, 0\] must be a finite real number"):
        Bimatrix.from_arrays(array, [[0, 0]])


def test_domains_are_checked_exactly() -> None:
    p = Parameter("p", "", "probability")
    assert not p.contains(Decimal("1.00000000000000000001"))
    assert not p.contains(F(10**20 + 1, 10**20))
    assert p.contains(1.0) and p.contains(0)
    c = Parameter("c", "", "nonnegative")
    assert not c.contains(Decimal("-1e-400"))
    assert not c.contains(F(-1, 10**400))
    assert not Parameter("r").contains(float("nan"))


def test_model_float_payoffs_mean_their_decimals() -> None:
    g = normal_form("g", ("R", "C"), (("a",), ("x",)), [parameter("v")], [[(0.1, sp.Float(0.2) * sp.Symbol("v"))]])
    assert g.payoffs[0][0, 0] == sp.Rational(1, 10)
    assert g.payoffs[1][0, 0] == sp.Rational(1, 5) * g.symbols["v"]


# --------------------------------------------------------------------------- radical number field
_ROOTS = (sp.sqrt(2), sp.sqrt(3), sp.cbrt(5), sp.Integer(7) ** sp.Rational(2, 5), sp.sqrt(6), sp.cbrt(12))


@pytest.mark.parametrize("seed", range(8))
def test_radical_field_arithmetic_matches_high_precision_values(seed) -> None:
    """Sums of products of roots: value, sign and inverse agree with 50-digit evaluation."""
    from alliancegames.core.radical import field_degree, from_sympy

    rng = np.random.default_rng(seed)
    e = sum(int(rng.integers(-3, 4)) * _ROOTS[rng.integers(6)] * _ROOTS[rng.integers(6)] for _ in range(3))
    e += int(rng.integers(-2, 3))
    r = from_sympy(e)
    assert r is not None
    v = sp.N(e, 50)
    assert r.sign() == (0 if abs(v) < sp.Float(10) ** -40 else (1 if v > 0 else -1))
    if r.sign() and field_degree([r]) <= 64:  # inverses in small fields (large ones are kept as quotients)
        assert r * r.inverse() == 1
        assert abs(sp.N(r.inverse().to_sympy() - 1 / e, 50)) < sp.Float(10) ** -40


def test_radical_ties_are_exact_zero() -> None:
    from alliancegames.core.radical import from_sympy

    # sympy forms of the same number differ; the field representation does not
    a = from_sympy(sp.sqrt(sp.Rational(13, 2)) * sp.sqrt(sp.Rational(13, 3)) / 2)
    assert a == from_sympy(13 * sp.sqrt(6) / 12) and (a - from_sympy(13 * sp.sqrt(6) / 12)).sign() == 0
    assert from_sympy(sp.cbrt(2) ** 3) == 2
    assert (from_sympy(sp.sqrt(2)) - F(14142135623730951, 10**16)).sign() == -1
    assert from_sympy(sp.pi) is None and from_sympy(sp.sqrt(1 + sp.sqrt(2))) is None


def test_burden_sharing_at_defaults_is_fast_and_exact() -> None:
    import time

    m = get_model("burden_sharing_matrix")
    t = time.process_time()
    sol = solve(m, exact=True)
    assert time.process_time() - t < 5  # was minutes with sympy expressions and minimal polynomials
    assert sol.labels == ("High/Low",)
    g = evaluate(m)
    assert not g.is_rational
    assert sol[0].payoffs == (g.A[0, 1], g.B[0, 1])


def test_parameter_exponent_with_huge_terms_is_refused_in_one_line() -> None:
    from alliancegames.core.exact import ResourceError
    from alliancegames.studies.sweeps import _exact_game

    m = get_model("burden_sharing_matrix")
    with pytest.raises(ResourceError, match="exponent"):
        evaluate(m, alpha=0.3684210526315789)
    assert _exact_game(m, {"alpha": np.array([0.3684210526315789])}, {}, 0) is None  # sweeps: float payoffs
    assert solve(m, params={"alpha": 0.37}, exact=True).labels  # 37/100: a root of degree 100, exact
