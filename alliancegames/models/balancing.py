r"""Chain gangs and passed bucks: balancing under multipolarity.

Source
------
Christensen and Snyder (1990) [@christensen_snyder1990]; the volunteer's dilemma:
Diekmann (1985) [@diekmann1985].  Full entries: ``alliancegames/data/references.bib``.

What is the source's and what is ours
-------------------------------------
Christensen & Snyder's argument (not itself a formal model): under
multipolarity, a perceived *offensive* advantage makes states tie themselves
unconditionally to reckless allies whose survival seems indispensable
(chain-ganging, 1914); a perceived *defensive* advantage lets them pass the
buck of balancing to others and wait (buck-passing, the 1930s).
Ours: buck-passing as Diekmann's volunteer's dilemma (each state balances at
cost K; the threat, worth U to each, is contained if at least one balances);
chain-ganging as a dominant unconditional commitment; and one game in which a
parameter for the offence-defence balance moves the equilibrium between them.

Derivation (volunteer's dilemma)
--------------------------------
A state that balances gets :math:`U - K`; one that passes gets :math:`U` if at
least one of the other :math:`N - 1` balances and 0 otherwise.  In the
symmetric mixed equilibrium each balances with probability :math:`p`, and a
state is indifferent when :math:`U - K = U\,(1 - (1-p)^{N-1})`, i.e.

.. math::  p^* = 1 - (K/U)^{1/(N-1)}, \qquad
           \Pr(\text{nobody balances}) = (1-p^*)^N = (K/U)^{N/(N-1)}.

For :math:`0 < K < U` the second rises with :math:`N` toward :math:`K/U`
(the exponent :math:`N/(N-1)` falls toward 1): more great powers, more
buck-passing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from alliancegames.core.model import ModelError, NormalFormModel, normal_form
from alliancegames.core.references import cite

from ._common import CodingRanges, Preference, Spec, build_parameters, mirrored, symbols, symmetric_table

__all__ = [
    "BuckPassing",
    "buck_passing",
    "chain_gang",
    "offence_defence",
    "CHRISTENSEN_SNYDER_1990",
    "CHAIN_GANG_CODING",
    "OFFENCE_DEFENCE_CODING",
    "BUCK_PASSING_SPECS",
]

CHRISTENSEN_SNYDER_1990 = cite("christensen_snyder1990")
DIEKMANN_1985 = cite("diekmann1985")
R = sp.Rational

BUCK_PASSING_SPECS = (
    Spec("n_states", "number of great powers threatened", "positive", 3, (2, 8)),
    Spec("k_balance", "cost to a state of balancing (arming, fighting first)", "positive", 1, (R(1, 2), 3)),
    Spec("u_threat", "value to each state of containing the threat", "positive", 4, (4, 10)),
)


@dataclass(frozen=True)
class BuckPassing:
    r"""The N-state volunteer's dilemma of buck-passing, in closed form.

    Attributes
    ----------
    n_states, k_balance, u_threat : sympy.Symbol
        :math:`N`, :math:`K`, :math:`U`.
    p_balance : sympy.Expr
        Symmetric mixed-equilibrium probability of balancing, :math:`1 - (K/U)^{1/(N-1)}`.
    p_nobody : sympy.Expr
        Probability that nobody balances, :math:`(K/U)^{N/(N-1)}`.
    payoff : sympy.Expr
        Each state's equilibrium payoff, :math:`U - K`.
    defaults : dict
        Default values of the three parameters.
    """

    n_states: sp.Symbol
    k_balance: sp.Symbol
    u_threat: sp.Symbol
    p_balance: sp.Expr
    p_nobody: sp.Expr
    payoff: sp.Expr
    defaults: dict
    source: str = CHRISTENSEN_SNYDER_1990 + " " + DIEKMANN_1985

    def payoff_pass(self, p: Any) -> sp.Expr:
        """Expected payoff of passing when each other state balances with probability ``p``."""
        return self.u_threat * (1 - (1 - p) ** (self.n_states - 1))

    def payoff_balance(self) -> sp.Expr:
        """Payoff of balancing: :math:`U - K`."""
        return self.u_threat - self.k_balance

    def at(self, **values: Any) -> dict[str, float]:
        """Numbers at a point (defaults fill the rest): ``p_balance``, ``p_nobody``, ``payoff``.

        Raises
        ------
        ModelError
            Unless ``n_states`` is an integer >= 2 and ``0 < k_balance < u_threat``.
        """
        unknown = sorted(set(values) - set(self.defaults))
        if unknown:
            raise ModelError(f"buck_passing has no parameter(s) {unknown}; it has {sorted(self.defaults)}")
        v = {**self.defaults, **values}
        n, k, u = v["n_states"], v["k_balance"], v["u_threat"]
        if isinstance(n, bool) or int(n) != n or n < 2:
            raise ModelError(f"n_states must be an integer >= 2; got {n!r}")
        if not (0 < float(k) < float(u)):
            raise ModelError(f"need 0 < k_balance < u_threat; got k_balance={k!r}, u_threat={u!r}")
        sub = {self.n_states: int(n), self.k_balance: sp.nsimplify(k), self.u_threat: sp.nsimplify(u)}
        return {
            "p_balance": float(self.p_balance.subs(sub)),
            "p_nobody": float(self.p_nobody.subs(sub)),
            "payoff": float(self.payoff.subs(sub)),
        }

    def two_state_model(self, **defaults: Any) -> NormalFormModel:
        """The N = 2 case as a normal-form model (Balance/Pass), for the solvers and regions."""
        params = build_parameters(BUCK_PASSING_SPECS[1:], defaults, "buck_passing (two states)")
        s = symbols(params)
        k, u = s["k_balance"], s["u_threat"]
        table = [[(u - k, u - k), (u - k, u)], [(u, u - k), (0, 0)]]
        return normal_form(
            "buck_passing_2",
            ("State 1", "State 2"),
            (("Balance", "Pass"), ("Balance", "Pass")),
            params,
            table,
            description="Two-state volunteer's dilemma of balancing.",
            source=CHRISTENSEN_SNYDER_1990,
        )


def buck_passing(**defaults: Any) -> BuckPassing:
    r"""Buck-passing as an N-state volunteer's dilemma (after Christensen & Snyder; Diekmann).

    The argument formalised: when defence is thought to dominate, every great
    power would rather another pay the cost of balancing a rising threat, and
    the more powers there are, the likelier it is that nobody balances.

    Result (derived in the module docstring, verified by the tests):
    :math:`p^* = 1 - (K/U)^{1/(N-1)}` and
    :math:`\Pr(\text{nobody}) = (K/U)^{N/(N-1)}`, rising in :math:`N`.

    Parameters
    ----------
    **defaults
        New defaults for ``n_states`` (3, plausible 2-8), ``k_balance`` (1, 1/2-3),
        ``u_threat`` (4, 4-10).

    References
    ----------
    Christensen and Snyder (1990) [@christensen_snyder1990]; Diekmann (1985) [@diekmann1985].

    Examples
    --------
    >>> bp = buck_passing()
    >>> round(bp.at(n_states=2, k_balance=1, u_threat=4)["p_balance"], 6)
    0.75
    >>> round(bp.at(n_states=3)["p_nobody"], 6)   # (1/4)^(3/2)
    0.125
    """
    unknown = sorted(set(defaults) - {s.name for s in BUCK_PASSING_SPECS})
    if unknown:
        raise ModelError(f"buck_passing has no parameter(s) {unknown}")
    N = sp.Symbol("n_states", integer=True, positive=True)
    K = sp.Symbol("k_balance", positive=True)
    U = sp.Symbol("u_threat", positive=True)
    p = 1 - (K / U) ** (1 / (N - 1))
    nobody = (K / U) ** (N / (N - 1))
    d = {s.name: s.default for s in BUCK_PASSING_SPECS}
    d.update(defaults)
    bp = BuckPassing(N, K, U, p, nobody, U - K, d)
    bp.at()  # validate the defaults
    return bp


# ----------------------------------------------------------------------------- chain gang
CHAIN_GANG_CODING = CodingRanges(
    specs=(
        Spec(
            "theta_offence",
            "perceived offensive advantage: probability that an unsupported ally is defeated quickly",
            "probability",
            R(3, 4),
            (R(1, 20), R(19, 20)),
        ),
        Spec(
            "v_ally",
            "value to each state of its ally's survival (to the balance of power)",
            "positive",
            4,
            (1, 8),
        ),
        Spec(
            "c_chain",
            "expected cost of being chained to the ally's reckless policy (war it provokes)",
            "positive",
            2,
            (R(1, 2), 6),
        ),
    ),
    preferences=mirrored(
        [
            Preference(
                0,
                ("Unconditional", "Unconditional"),
                ("Unconditional", "Conditional"),
                "the partner's support protects me",
            ),
            Preference(
                0,
                ("Conditional", "Unconditional"),
                ("Conditional", "Conditional"),
                "the partner's support protects me",
            ),
        ]
    ),
    notes="Free comparison (result): unconditional vs conditional commitment, theta_offence*v_ally vs c_chain.",
)


def chain_gang(**defaults: Any) -> NormalFormModel:
    r"""Chain-ganging: unconditional commitment under a perceived offensive advantage.

    The argument formalised (Christensen & Snyder 1990): if offence is thought
    to dominate, an ally left to fight alone is defeated before help can
    arrive, and its loss would wreck the balance; so each state ties itself
    unconditionally to its ally, accepting to be chained to the ally's
    recklessness (1914).

    Our coding, with :math:`\theta` = ``theta_offence``, :math:`v` =
    ``v_ally``, :math:`c` = ``c_chain``: a state that commits unconditionally
    pays :math:`c`; one that keeps its support conditional risks losing its ally
    (:math:`-\theta v`); a partner that keeps its support conditional exposes
    the state itself to quick defeat (:math:`-\theta v`).  Result:
    Unconditional is dominant iff :math:`\theta > c/v` (the chain gang,
    unique equilibrium (Unconditional, Unconditional)); Conditional is
    dominant iff :math:`\theta < c/v`.

    Parameters
    ----------
    **defaults
        New defaults for ``theta_offence`` (3/4, plausible 1/20-19/20),
        ``v_ally`` (4, 1-8), ``c_chain`` (2, 1/2-6).

    References
    ----------
    Christensen and Snyder (1990) [@christensen_snyder1990].  The payoffs are our coding.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(chain_gang()).labels
    ('Unconditional/Unconditional',)
    """
    params = build_parameters(CHAIN_GANG_CODING.specs, defaults, "chain_gang")
    s = symbols(params)
    th, v, c = s["theta_offence"], s["v_ally"], s["c_chain"]
    acts = ("Unconditional", "Conditional")

    def u(mine: str, other: str) -> sp.Expr:
        return -c * int(mine == acts[0]) - th * v * int(mine == acts[1]) - th * v * int(other == acts[1])

    table = symmetric_table(acts, u)
    return normal_form(
        "chain_gang",
        ("Ally 1", "Ally 2"),
        (acts, acts),
        params,
        table,
        description="Chain-ganging: under offensive advantage each ally commits unconditionally.",
        source=CHRISTENSEN_SNYDER_1990,
    )


# ----------------------------------------------------------------------------- offence-defence
OFFENCE_DEFENCE_CODING = CodingRanges(
    specs=(
        Spec(
            "theta_offence",
            "offence-defence balance: 0 = defence dominant, 1 = offence dominant",
            "probability",
            R(1, 10),
            (R(1, 20), R(19, 20)),
        ),
        Spec(
            "k_balance",
            "cost to a state of balancing (committing forces at once)",
            "positive",
            1,
            (R(1, 2), 3),
        ),
        Spec("u_threat", "value to each state of containing the threat", "positive", 4, (4, 10)),
    ),
    preferences=mirrored(
        [
            Preference(0, ("Balance", "Balance"), ("Balance", "Pass"), "a partner that balances helps"),
            Preference(0, ("Pass", "Balance"), ("Pass", "Pass"), "a partner that balances helps"),
            Preference(
                0, ("Pass", "Balance"), ("Balance", "Pass"), "free-riding beats carrying the load alone"
            ),
        ]
    ),
    notes="Free comparison (result): balancing against a balancing partner, theta_offence*u_threat vs "
    "k_balance.  Requires k_balance < u_threat (true across the plausible ranges).",
)


def offence_defence(**defaults: Any) -> NormalFormModel:
    r"""One game in which the offence-defence balance moves alliances from buck-passing to chain-ganging.

    The argument formalised (Christensen & Snyder 1990): the same multipolar
    structure yields buck-passing when defence is thought to dominate and
    chain-ganging when offence is.

    Our coding, with :math:`\theta` = ``theta_offence``, :math:`K` =
    ``k_balance``, :math:`U` = ``u_threat`` (two states, Balance or Pass):

    ============  =======================  ======================
    mine/other    Balance                  Pass
    ============  =======================  ======================
    Balance       :math:`U - K`            :math:`(1-\theta)U - K`
    Pass          :math:`(1-\theta)U`      :math:`-\theta U`
    ============  =======================  ======================

    A lone balancer holds the threat only with probability :math:`1-\theta`;
    if nobody balances, offence lets the aggressor defeat them one by one
    (:math:`-\theta U`).  At :math:`\theta = 0` this is the two-state
    volunteer's dilemma of :func:`buck_passing`.  Result (for :math:`K < U`):
    Balance is dominant iff :math:`\theta > K/U` (chain-ganging: both commit at
    once); for :math:`\theta < K/U` the game is chicken (buck-passing: one
    balances, the other passes, or both mix, balancing with probability
    :math:`(U-K)/((1-\theta)U)`, which equals the volunteer's :math:`1 - K/U`
    at :math:`\theta = 0`).

    Parameters
    ----------
    **defaults
        New defaults for ``theta_offence`` (1/10, plausible 1/20-19/20),
        ``k_balance`` (1, 1/2-3), ``u_threat`` (4, 4-10).

    References
    ----------
    Christensen and Snyder (1990) [@christensen_snyder1990].  The payoffs are our coding.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(offence_defence(theta_offence=0.9)).labels
    ('Balance/Balance',)
    >>> len(solve(offence_defence(theta_offence=0.1)))
    3
    """
    params = build_parameters(OFFENCE_DEFENCE_CODING.specs, defaults, "offence_defence")
    s = symbols(params)
    th, k, u = s["theta_offence"], s["k_balance"], s["u_threat"]
    pay = {
        ("Balance", "Balance"): u - k,
        ("Balance", "Pass"): (1 - th) * u - k,
        ("Pass", "Balance"): (1 - th) * u,
        ("Pass", "Pass"): -th * u,
    }
    acts = ("Balance", "Pass")
    table = symmetric_table(acts, lambda mine, other: pay[(mine, other)])
    return normal_form(
        "offence_defence",
        ("State 1", "State 2"),
        (acts, acts),
        params,
        table,
        description="Offence-defence balance: buck-passing when defence dominates, chain-ganging when offence does.",
        source=CHRISTENSEN_SNYDER_1990,
    )
