"""Issue 12: symbolic results a reader can trust at a glance.

The examples of the issue, with the exact text a reader sees: no impossible piece, conditions in
solved form (bounds on one parameter, chains, known-sign factors cleared, product conditions split
into named cases), comparative statics that never crash (symbolic exponents, integer parameters,
signs per region).
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from alliancegames.analysis.conditions import latex_conditions, signs, solve_conditions
from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.statics import comparative_statics
from alliancegames.core.model import normal_form, parameter
from alliancegames.core.numeric import evaluate
from alliancegames.models import ALLIANCE_REGIMES, buck_passing, get_model
from alliancegames.solvers.enumeration import solve


def ally_protege():
    """The issue's 2x2: an ally Supports or Abstains, its protégé Escalates or Restrains.

    Our coding: escalation risks a war of cost ``c`` with probability ``q``; the protégé gains
    ``2g`` from escalating with support; the ally gains ``r`` (reputation) from supporting a
    quiet protégé and loses ``L`` when it abstains while the protégé restrains.
    """
    c, g, r, L = (parameter(n, "", "positive") for n in ("c", "g", "r", "L"))
    q = parameter("q", "probability that escalation leads to war", "probability")
    C, G, R, LL, Q = (x.symbol for x in (c, g, r, L, q))
    return normal_form(
        "ally and protege",
        ("Ally", "Protege"),
        (("Support", "Abstain"), ("Escalate", "Restrain")),
        [c, g, r, L, q],
        [[(R - C * Q, 2 * G - C * Q), (R, 0)], [(0, -C * Q), (-LL, 0)]],
    )


def test_ally_protege_has_no_impossible_piece_and_a_chain():
    reg = equilibrium_regions(ally_protege())
    text = {p.label: p.condition_text for p in reg.pieces}
    # (q <= 0) & (q >= r/c) is empty when r, c > 0: the piece is dropped, with the reason
    assert "Abstain/Escalate" not in text
    assert ("Abstain/Escalate [K=[0], L=[1]]", "q <= 0 cannot hold together with q >= r/c") in reg.dropped
    assert text["mixed (Support,Abstain / Escalate,Restrain)"] == "r/c < q < 2*g/c"
    assert text["Support/Restrain"] == "q >= 2*g/c"
    assert text["Support/Escalate"] == "q <= r/c and q <= 2*g/c"
    assert reg.undecided == ()


def test_ally_protege_agrees_with_the_solver_at_points_and_ties():
    model = ally_protege()
    reg = equilibrium_regions(model)
    base = {"c": 4, "g": 1, "r": 1, "L": 2}
    for q in (Fraction(0), Fraction(1, 8), Fraction(1, 4), Fraction(3, 8), Fraction(1, 2), Fraction(3, 4), 1):
        pt = {**base, "q": q}
        got = reg.at(pt)
        want = solve(evaluate(model, pt), exact=True)
        assert [prof for _, prof in got] == [e.strategies for e in want], q


def test_ally_protege_lists_as_limits_only_what_can_hold():
    model = ally_protege()
    reg = equilibrium_regions(model)
    full = equilibrium_regions(model, limits=False)  # every boundary candidate simplified and listed
    # the limits are exactly the boundary pieces the full simplification keeps
    assert sorted(lim.label for lim in reg.limits) == sorted(p.label for p in full.boundary)
    # Abstain against a mixture would need (c*q - r)*(L + c*q) > 0 at q = 0, i.e. -r*L > 0
    (why,) = [w for d, w in reg.dropped if d.startswith("mixed (Abstain / Escalate,Restrain)")]
    assert "cannot hold where q = 0" in why


def test_snyder_alliance_prints_in_solved_form_with_named_cases():
    reg = equilibrium_regions(get_model("snyder_alliance"), regimes=ALLIANCE_REGIMES)
    text = {p.label: p.condition_text for p in reg.pieces}
    assert text == {
        "Firm/Firm": "p_conflict <= v_protect/c_entrap",
        "Firm/Weak": "c_abandon >= c_entrap and p_conflict >= v_protect/c_entrap",
        "Weak/Firm": "c_abandon >= c_entrap and p_conflict >= v_protect/c_entrap",
        # p(a - e) <= 0 with p >= 0: a <= e, or p = 0
        "Weak/Weak": "c_abandon <= c_entrap or p_conflict = 0",
        # (a - e)(pa - v)p > 0 and (pa - v)(pe - v) > 0: the chicken and assurance cases
        "mixed (Firm,Weak / Firm,Weak)": "chicken (one firm, one weak): c_abandon > c_entrap and "
        "p_conflict > v_protect/c_entrap; or assurance (both firm or both weak): "
        "0 < p_conflict < v_protect/c_entrap and c_abandon < c_entrap",
    }
    (mixed,) = reg.by_label("mixed (Firm,Weak / Firm,Weak)")
    assert mixed.case_names == ("chicken (one firm, one weak)", "assurance (both firm or both weak)")


def test_snyder_alliance_agrees_with_the_solver():
    model = get_model("snyder_alliance")
    reg = equilibrium_regions(model)
    for v, a, e, p in [
        (3, 2, 4, Fraction(1, 2)),
        (1, 5, 2, Fraction(3, 4)),
        (3, 4, 4, Fraction(1, 2)),
        (2, 3, 4, 0),
    ]:
        pt = {"v_protect": v, "c_abandon": a, "c_entrap": e, "p_conflict": p}
        want = solve(evaluate(model, pt), exact=True)
        assert [prof for _, prof in reg.at(pt)] == [x.strategies for x in want], pt


def test_product_conditions_split_into_cases():
    p = sp.Symbol("p", nonnegative=True)
    a, e = sp.symbols("a e", positive=True)
    assert solve_conditions([p * (a - e) <= 0]).cases == (a <= e, sp.Eq(p, 0))
    assert solve_conditions([p * (a - e) > 0]).cases == (sp.And(p > 0, a > e),)
    x, y = sp.symbols("x y", real=True)
    assert solve_conditions([(x - y) * (x + y) > 0]).cases == (sp.And(x > y, x > -y), sp.And(x < y, x < -y))
    assert solve_conditions([x**2 * (x - 1) > 0, x < 1]).cases == ()  # impossible


# --------------------------------------------------------------- comparative statics
def test_buck_passing_statics_return_signs():
    bp = buck_passing()
    K, U = bp.k_balance, bp.u_threat
    nobody = comparative_statics(bp.p_nobody, "n_states", assumptions=[K < U], name="P(nobody balances)")
    assert nobody.sign == "positive" and nobody.difference
    assert nobody.sentence == "raising n_states by one raises P(nobody balances)"
    assert comparative_statics(bp.p_balance, "n_states", assumptions=[K < U]).sign == "negative"
    assert comparative_statics(bp.p_balance, "k_balance", assumptions=[K < U]).sign == "negative"
    assert comparative_statics(bp.p_nobody, "k_balance", assumptions=[K < U]).sign == "positive"
    assert comparative_statics(bp.p_nobody, "u_threat", assumptions=[K < U]).sign == "negative"


def test_symbolic_exponents_never_crash():
    # the volunteer's dilemma: nobody volunteers with probability (c/v)**(n/(n-1))
    c, v = sp.symbols("c v", positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    nobody = (c / v) ** (n / (n - 1))
    assert comparative_statics(nobody, n, assumptions=[c < v]).sign == "positive"
    assert comparative_statics(nobody, c, assumptions=[c < v]).sign == "positive"
    # Cobb-Douglas: x**alpha * y**(1 - alpha) rises with alpha iff x > y
    x, y = sp.symbols("x y", positive=True)
    alpha = sp.Symbol("alpha", positive=True)
    st = comparative_statics(x**alpha * y ** (1 - alpha), alpha)
    assert st.sign == "undetermined"
    assert {(sp.srepr(cond), sg) for _, cond, sg in st.regions} == {
        (sp.srepr(x > y), "positive"),
        (sp.srepr(x < y), "negative"),
    }
    assert comparative_statics(x**alpha * y ** (1 - alpha), alpha, assumptions=[x > y]).sign == "positive"
    # nothing sympy can differentiate makes it raise
    for expr in (sp.exp(x) * sp.sin(y), sp.log(x - y), x**y - y**x, sp.Abs(x - y), sp.Max(x, y) ** alpha):
        st = comparative_statics(expr, x)
        assert st.sign in {"positive", "negative", "zero", "nonnegative", "nonpositive", "undetermined"}


def test_snyder_mixed_statics_are_signed_inside_each_region():
    reg = equilibrium_regions(get_model("snyder_alliance"), regimes=ALLIANCE_REGIMES)
    (mixed,) = reg.by_label("mixed (Firm,Weak / Firm,Weak)")
    st = comparative_statics(mixed, "c_entrap", of=(0, "Firm"))
    assert st.sign == "by region"
    assert [(name, sign) for name, _, sign in st.regions] == [
        ("chicken (one firm, one weak)", "negative"),
        ("assurance (both firm or both weak)", "positive"),
    ]
    assert st.sentence == (
        "the effect of raising c_entrap on P(Firm) differs across regions: "
        "negative where chicken (one firm, one weak); positive where assurance (both firm or both weak)"
    )


def test_known_sign_factors_are_cleared_and_signs_are_sound():
    p = sp.Symbol("p", positive=True)
    a, e, v = sp.symbols("a e v", positive=True)
    assert solve_conditions([p * (a - e) <= 0]).cases == (a <= e,)
    # a*p - v > 0 follows from p > v/e and a > e (one step of elimination with expression coefficients)
    assert signs(a * p - v, [p > v / e, a > e]) == {1}
    assert signs(a * p - v, [p > v / e]) == {-1, 0, 1}


def test_to_latex_breaks_long_conjunctions_over_aligned_lines():
    q, r, g, c, L = sp.symbols("q r g c L", positive=True)
    cond = sp.And(q > r / c, q < 2 * g / c, L > r, g > L, c > 2)
    tex = latex_conditions(cond)
    assert tex.startswith(r"\begin{aligned}") and tex.count(r"\\") == 1  # 4 items (one chain), 2 a line
    assert r"\frac{r}{c} < q < \frac{2 g}{c}" in tex
    reg = equilibrium_regions(get_model("snyder_alliance"), regimes=ALLIANCE_REGIMES)
    table = reg.to_latex()
    assert r"\text{chicken (one firm, one weak): }" in table and r"\begin{aligned}" in table
