r"""Olson & Zeckhauser's economic theory of alliances: burden sharing as a public good.

Source
------
Olson and Zeckhauser (1966) [@olson_zeckhauser1966].  Full entries:
``alliancegames/data/references.bib``.

What is the source's and what is ours
-------------------------------------
The source's: deterrence is a public good among allies; each member's reaction
curve gives its contribution as a function of the others'; the Nash (Cournot)
equilibrium under-provides the good and the larger members bear a
disproportionate share ("exploitation of the great by the small").
Ours (derived here, checked by the tests against numeric optimisation): the
closed forms under the Cobb-Douglas utility

.. math::  U_i = (I_i - q_i)^{1-\alpha}\, Q^{\alpha}, \qquad Q = \sum_j q_j,

with incomes :math:`I_i > 0`, contributions :math:`0 \le q_i \le I_i` and
:math:`0 < \alpha < 1`.

Derivation
----------
The first-order condition :math:`\alpha (I_i - q_i) = (1-\alpha) Q` gives the
reaction function :math:`q_i = \max(0,\ \alpha I_i - (1-\alpha) Q_{-i})`.
At an equilibrium every contributor keeps the same private consumption
:math:`x = (1-\alpha) Q / \alpha`, so member :math:`i` contributes iff
:math:`I_i > x`.  If the contributors are the set :math:`S` (:math:`s`
members), summing :math:`q_i = I_i - x` over :math:`S` gives

.. math::  Q^N = \frac{\alpha \sum_{i \in S} I_i}{\alpha + s(1-\alpha)}.

The contributing set consists of the richest members; the equilibrium is
unique (Bergstrom, Blume and Varian 1986 [@bergstrom_blume_varian1986]).
Pareto-optimal provision (Samuelson's condition
:math:`\sum_i \mathrm{MRS}_i = 1` with :math:`\mathrm{MRS}_i = \alpha x_i /
((1-\alpha) Q)`) is :math:`Q^* = \alpha \sum_i I_i` at every interior optimum.
With two contributing members, :math:`q_1 = (I_1 - (1-\alpha) I_2)/(2-\alpha)`,
:math:`Q^N/Q^* = 1/(2-\alpha)`, and member 2 contributes nothing iff
:math:`I_2 \le (1-\alpha) I_1`.  A contributor's share of income,
:math:`q_i/I_i = 1 - x/I_i`, rises with its income: the great carry the small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
import sympy as sp

from alliancegames.core.model import ModelError, NormalFormModel, normal_form
from alliancegames.core.references import cite

from ._common import CodingRanges, Preference, Spec, build_parameters, symbols

__all__ = [
    "BurdenSharing",
    "BurdenSharingEquilibrium",
    "burden_sharing",
    "burden_sharing_matrix",
    "solve_burden_sharing",
    "OLSON_ZECKHAUSER_1966",
    "BURDEN_SHARING_MATRIX_CODING",
]

OLSON_ZECKHAUSER_1966 = cite("olson_zeckhauser1966")


@dataclass(frozen=True)
class BurdenSharingEquilibrium:
    """The numeric Nash equilibrium of the burden-sharing game for given incomes.

    Attributes
    ----------
    incomes, contributions : tuple of float
        In the order the incomes were given.
    alpha : float
        Weight of the public good in the Cobb-Douglas utility.
    contributors : tuple of int
        Indices of the members with a positive contribution.
    total, optimum, ratio : float
        Equilibrium provision :math:`Q^N`, Pareto-optimal provision
        :math:`Q^* = \\alpha \\sum I`, and :math:`Q^N / Q^*`.
    shares : tuple of float
        Each member's contribution as a share of its income.
    """

    incomes: tuple[float, ...]
    alpha: float
    contributions: tuple[float, ...]
    contributors: tuple[int, ...]
    total: float
    optimum: float
    ratio: float
    shares: tuple[float, ...]

    def utilities(self) -> tuple[float, ...]:
        """Each member's utility at the equilibrium."""
        return tuple(
            float((i - q) ** (1 - self.alpha) * self.total**self.alpha)
            for i, q in zip(self.incomes, self.contributions)
        )

    def to_frame(self):
        """One row per member: income, contribution, share of income, contributes."""
        return pd.DataFrame(
            {
                "member": range(1, len(self.incomes) + 1),
                "income": self.incomes,
                "contribution": self.contributions,
                "share_of_income": self.shares,
                "contributes": [k in self.contributors for k in range(len(self.incomes))],
            }
        )


def solve_burden_sharing(incomes: Sequence[float], alpha: float) -> BurdenSharingEquilibrium:
    r"""The unique Nash equilibrium of the Olson-Zeckhauser game, corners included.

    Algorithm: sort members by income, richest first; for
    :math:`s = 1, 2, \dots` take the :math:`s` richest as contributors, compute
    :math:`Q_s = \alpha \sum_{k \le s} I_{(k)} / (\alpha + s(1-\alpha))` and
    the common private consumption :math:`x_s = (1-\alpha) Q_s/\alpha`; stop at
    the first :math:`s` for which the next member's income is at most
    :math:`x_s` (it would not contribute).

    Parameters
    ----------
    incomes : sequence of positive floats
    alpha : float in (0, 1)

    Raises
    ------
    ModelError
        For an empty list, non-positive or non-finite incomes, or alpha outside (0, 1).

    Examples
    --------
    >>> eq = solve_burden_sharing([3.0, 1.0], 0.5)
    >>> eq.contributions, eq.contributors     # corner: the small member free-rides
    ((1.5, 0.0), (0,))
    >>> eq = solve_burden_sharing([2.0, 1.5], 0.5)
    >>> round(eq.ratio, 6)   # 1 / (2 - alpha)
    0.666667
    """
    inc = np.asarray(incomes, dtype=float)
    if inc.ndim != 1 or inc.size == 0:
        raise ModelError("incomes must be a non-empty sequence of numbers")
    if not np.all(np.isfinite(inc)) or np.any(inc <= 0):
        raise ModelError(f"incomes must be positive and finite; got {list(incomes)}")
    a = float(alpha)
    if not (0 < a < 1):
        raise ModelError(f"alpha must lie strictly between 0 and 1; got {alpha!r}")
    order = np.argsort(-inc, kind="stable")
    sorted_inc = inc[order]
    n = inc.size
    for s in range(1, n + 1):
        Q = a * sorted_inc[:s].sum() / (a + s * (1 - a))
        x = (1 - a) * Q / a
        if s == n or sorted_inc[s] <= x:
            break
    q = np.zeros(n)
    q[order[:s]] = sorted_inc[:s] - x
    q = np.maximum(q, 0.0)
    total = float(q.sum())
    optimum = a * float(inc.sum())
    return BurdenSharingEquilibrium(
        incomes=tuple(float(v) for v in inc),
        alpha=a,
        contributions=tuple(float(v) for v in q),
        contributors=tuple(sorted(int(k) for k in order[:s] if q[k] > 0)),
        total=total,
        optimum=optimum,
        ratio=total / optimum,
        shares=tuple(float(v) for v in q / inc),
    )


@dataclass(frozen=True)
class BurdenSharing:
    r"""The symbolic Olson-Zeckhauser game with ``n`` members.

    Attributes
    ----------
    n : int
    alpha : sympy.Symbol
        Weight of the public good (positive; :math:`\alpha < 1` is assumed).
    incomes, contributions : tuple of sympy.Symbol
        :math:`I_i` and :math:`q_i`.
    utilities : tuple of sympy.Expr
        :math:`(I_i - q_i)^{1-\alpha} Q^\alpha`.
    reactions : tuple of sympy.Expr
        :math:`\max(0, \alpha I_i - (1-\alpha) Q_{-i})`.
    interior : dict
        :math:`q_i` at the equilibrium where every member contributes, solved
        from the first-order conditions.
    total_interior, optimum, ratio_interior : sympy.Expr
        :math:`Q^N` (all contribute), :math:`Q^* = \alpha \sum I_i`, their ratio.
    shares_interior : tuple of sympy.Expr
        :math:`q_i / I_i` at the interior equilibrium.
    """

    n: int
    alpha: sp.Symbol
    incomes: tuple[sp.Symbol, ...]
    contributions: tuple[sp.Symbol, ...]
    utilities: tuple[sp.Expr, ...]
    reactions: tuple[sp.Expr, ...]
    interior: dict
    total_interior: sp.Expr
    optimum: sp.Expr
    ratio_interior: sp.Expr
    shares_interior: tuple[sp.Expr, ...]
    source: str = OLSON_ZECKHAUSER_1966

    def regime(self, contributors: Sequence[int]) -> dict[str, Any]:
        r"""The equilibrium in which exactly ``contributors`` (0-based indices) contribute.

        Returns a dict with ``contributions`` (expressions), ``total``,
        ``ratio`` (to :math:`Q^*`) and ``conditions`` (the inequalities on
        incomes under which this is the equilibrium: each contributor's income
        exceeds the common private consumption :math:`x`, each other member's
        does not).

        Examples
        --------
        >>> g = burden_sharing(2)
        >>> g.regime([0])["conditions"][1]
        I_2 <= I_1*(1 - alpha)
        """
        S = sorted(set(int(k) for k in contributors))
        if not S or any(k < 0 or k >= self.n for k in S):
            raise ModelError(
                f"contributors must be a non-empty subset of 0..{self.n - 1}; got {contributors!r}"
            )
        a = self.alpha
        total = a * sum(self.incomes[k] for k in S) / (a + len(S) * (1 - a))
        x = sp.simplify((1 - a) * total / a)
        q = tuple(sp.simplify(self.incomes[k] - x) if k in S else sp.Integer(0) for k in range(self.n))
        conds = [
            sp.StrictGreaterThan(self.incomes[k], x) if k in S else sp.LessThan(self.incomes[k], x)
            for k in range(self.n)
        ]
        return {
            "contributions": q,
            "total": sp.simplify(total),
            "ratio": sp.simplify(total / self.optimum),
            "private_consumption": x,
            "conditions": conds,
        }

    def regimes(self) -> dict[tuple[int, ...], dict[str, Any]]:
        """Every candidate contributing set (richest-first sets are the only ones that can occur)."""
        return {S: self.regime(S) for s in range(1, self.n + 1) for S in combinations(range(self.n), s)}

    def solve(self, incomes: Sequence[float], alpha: float) -> BurdenSharingEquilibrium:
        """Numeric equilibrium, corners included (see :func:`solve_burden_sharing`)."""
        if len(incomes) != self.n:
            raise ModelError(f"this game has {self.n} members; got {len(incomes)} incomes")
        return solve_burden_sharing(incomes, alpha)


def burden_sharing(n: int = 2) -> BurdenSharing:
    r"""The Olson-Zeckhauser burden-sharing game with ``n`` members, solved symbolically.

    The argument formalised: alliance defence is a public good, so each member
    contributes only until its own marginal benefit equals its cost, taking the
    others' contributions as given.  Result: under-provision
    (:math:`Q^N/Q^* = 1/(2-\alpha)` with two contributors; smaller with more)
    and exploitation of the great by the small (larger members spend a larger
    share of income; small members may contribute nothing).

    Parameters
    ----------
    n : int, default 2
        Number of members (at least 1).

    Returns
    -------
    BurdenSharing
        Symbolic reaction functions, interior equilibrium, optimum, ratio and
        income shares; :meth:`BurdenSharing.regime` for corner solutions and
        :meth:`BurdenSharing.solve` for numbers.

    References
    ----------
    Olson and Zeckhauser (1966) [@olson_zeckhauser1966].  Cobb-Douglas closed forms
    derived here.

    Examples
    --------
    >>> import sympy as sp
    >>> g = burden_sharing(2)
    >>> I1, I2 = g.incomes; a = g.alpha
    >>> sp.simplify(g.interior[g.contributions[0]] - (I1 - (1 - a) * I2) / (2 - a))
    0
    >>> sp.simplify(g.ratio_interior - 1 / (2 - a))
    0
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ModelError(f"n must be a positive integer; got {n!r}")
    n = int(n)
    a = sp.Symbol("alpha", positive=True)
    I_ = tuple(sp.Symbol(f"I_{k + 1}", positive=True) for k in range(n))
    q = tuple(sp.Symbol(f"q_{k + 1}", nonnegative=True) for k in range(n))
    Q = sum(q)
    utilities = tuple((I_[k] - q[k]) ** (1 - a) * Q**a for k in range(n))
    reactions = tuple(sp.Max(0, a * I_[k] - (1 - a) * (Q - q[k])) for k in range(n))
    # First-order conditions (interior): alpha (I_i - q_i) = (1 - alpha) Q, linear in q.
    focs = [a * (I_[k] - q[k]) - (1 - a) * Q for k in range(n)]
    sol = sp.solve(focs, q, dict=True)[0]
    interior = {k: sp.factor(sp.simplify(v)) for k, v in sol.items()}
    total = sp.factor(sp.simplify(sum(interior.values())))
    optimum = a * sum(I_)
    return BurdenSharing(
        n=n,
        alpha=a,
        incomes=I_,
        contributions=q,
        utilities=utilities,
        reactions=reactions,
        interior=interior,
        total_interior=total,
        optimum=optimum,
        ratio_interior=sp.simplify(total / optimum),
        shares_interior=tuple(sp.simplify(interior[q[k]] / I_[k]) for k in range(n)),
    )


# ----------------------------------------------------------------------------- teaching matrix
R = sp.Rational

BURDEN_SHARING_MATRIX_CODING = CodingRanges(
    specs=(
        Spec("income_large", "income of the large member", "positive", 3, (2, 5)),
        Spec("income_small", "income of the small member", "positive", 1, (R(1, 2), 1)),
        Spec(
            "alpha",
            "weight of the common defence in each member's Cobb-Douglas utility",
            "probability",
            R(1, 2),
            (R(3, 10), R(7, 10)),
        ),
        Spec(
            "share_high",
            "share of income contributed at the High level",
            "probability",
            R(3, 10),
            (R(1, 4), R(2, 5)),
        ),
        Spec(
            "share_low",
            "share of income contributed at the Low level",
            "probability",
            R(1, 20),
            (R(1, 50), R(1, 10)),
        ),
    ),
    preferences=(
        Preference(0, ("High", "High"), ("High", "Low"), "more defence from the partner is good"),
        Preference(1, ("High", "High"), ("Low", "High"), "more defence from the partner is good"),
        Preference(0, ("Low", "High"), ("Low", "Low"), "more defence from the partner is good"),
        Preference(1, ("High", "Low"), ("Low", "Low"), "more defence from the partner is good"),
    ),
    notes="Payoffs are the Cobb-Douglas utilities themselves; the discretisation into two levels "
    "(shares of income) is our teaching device.",
)


def burden_sharing_matrix(**defaults: Any) -> NormalFormModel:
    r"""A discretised two-member burden-sharing game (contribute High or Low) for teaching.

    Each member contributes ``share_high`` or ``share_low`` of its income and
    receives the Olson-Zeckhauser utility
    :math:`(I_i - q_i)^{1-\alpha} Q^{\alpha}`.  The discretisation is our
    teaching device; the utilities are the source's model with Cobb-Douglas
    preferences.  At the defaults (incomes 3 and 1, :math:`\alpha = 1/2`,
    shares 30% and 5%) the unique equilibrium is (High, Low): the large member
    carries the alliance, the small one free-rides.

    Parameters
    ----------
    **defaults
        New defaults for ``income_large`` (3, plausible 2-5), ``income_small``
        (1, 1/2-1), ``alpha`` (1/2, 3/10-7/10), ``share_high`` (3/10, 1/4-2/5),
        ``share_low`` (1/20, 1/50-1/10).

    References
    ----------
    Olson and Zeckhauser (1966) [@olson_zeckhauser1966].

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(burden_sharing_matrix()).labels
    ('High/Low',)
    """
    params = build_parameters(BURDEN_SHARING_MATRIX_CODING.specs, defaults, "burden_sharing_matrix")
    s = symbols(params)
    IL, IS, a = s["income_large"], s["income_small"], s["alpha"]
    level = {"High": s["share_high"], "Low": s["share_low"]}
    table = []
    for r in ("High", "Low"):
        row = []
        for c in ("High", "Low"):
            qL, qS = IL * level[r], IS * level[c]
            Q = qL + qS
            row.append(((IL - qL) ** (1 - a) * Q**a, (IS - qS) ** (1 - a) * Q**a))
        table.append(row)
    return normal_form(
        "burden_sharing_matrix",
        ("Large member", "Small member"),
        (("High", "Low"), ("High", "Low")),
        params,
        table,
        description="Discretised Olson-Zeckhauser burden sharing: contribute a High or Low share of income.",
        source=OLSON_ZECKHAUSER_1966,
    )
