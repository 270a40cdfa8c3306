r"""Deterrence, extended deterrence with a protégé, and probabilistic commitment (trees).

Sources
-------
* The calculus of deterrence: Russett (1963) [@russett1963]; Morrow (1994)
  [@morrow1994], ch. 2.
* Extended deterrence with a protégé: Zagare and Kilgour (2003) [@zagare_kilgour2003];
  Zagare and Kilgour (2000) [@zagare_kilgour2000].
* Probabilistic commitment and moral hazard: Benson (2012) [@benson2012].

Full entries: ``alliancegames/data/references.bib``.  No model here represents a
*straddle* (an ambiguous, probabilistic commitment chosen by a strategic
defender, Crawford's pivotal deterrence [@crawford2003]; Zagare and Kilgour's
account of British policy in 1914 [@zagare_kilgour2006]): in
:func:`extended_deterrence` the defender's support is a chance move.  The
straddle chosen by a defender of uncertain resolve is
:func:`alliancegames.models.straddle.straddle_crisis`.

What is the sources' and what is ours
-------------------------------------
The deterrence threshold :math:`p < (u_{win} - u_{sq})/(u_{win} - u_{war})`
is the textbook calculus.  The protégé tree is *in the spirit of* Zagare &
Kilgour's Tripartite Crisis Game, not their model: theirs has incomplete
information and a strategic Defender; here the Defender's support is a chance
move with probability ``pi_support``, and the payoffs are our coding.  The
commitment tree is our illustration of Benson's argument (his model is a
bargaining model with commitment types): a higher probability of joining deters
the adversary but emboldens the protégé.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.analysis.extensive import chance, decision, game_tree, terminal
from alliancegames.core.model import ModelError
from alliancegames.core.numeric import compile_expressions
from alliancegames.core.references import cite

from ._common import CodingRanges, Spec, build_parameters, symbols

__all__ = [
    "deterrence",
    "extended_deterrence",
    "probabilistic_commitment",
    "commitment_tradeoff",
    "CommitmentTradeoff",
    "DETERRENCE_CODING",
    "EXTENDED_DETERRENCE_CODING",
    "PROBABILISTIC_COMMITMENT_CODING",
    "RUSSETT_1963",
    "ZAGARE_KILGOUR_2003",
    "BENSON_2012",
]

R = sp.Rational
RUSSETT_1963 = cite("russett1963", "morrow1994")
ZAGARE_KILGOUR_2003 = cite("zagare_kilgour2003")
BENSON_2012 = cite("benson2012")


# ----------------------------------------------------------------------------- deterrence
DETERRENCE_CODING = CodingRanges(
    specs=(
        Spec(
            "p_resist",
            "probability that the defender is resolute and resists a challenge",
            "probability",
            R(2, 3),
            (0, 1),
        ),
        Spec("u_sq", "challenger's payoff from the status quo", "real", 0, (0, 0)),
        Spec("u_win", "challenger's payoff when the defender yields", "real", 1, (R(1, 2), 2)),
        Spec("u_war", "challenger's payoff from war", "real", -1, (-3, R(-1, 2))),
        Spec("d_war", "resolute defender's payoff from resisting (war)", "real", -1, (-2, R(-1, 2))),
        Spec("d_yield", "defender's payoff from yielding", "real", -3, (-4, R(-5, 2))),
    ),
    notes="Ordering: u_win > u_sq > u_war (challenger); d_war > d_yield (a resolute defender prefers "
    "war to yielding).",
    orderings=(("u_win", "u_sq", "u_war"), ("d_war", "d_yield")),
)


def deterrence(**defaults: Any):
    r"""The two-player calculus of deterrence as a tree.

    The argument formalised: a challenger weighs the status quo against a
    challenge that succeeds if the defender yields and leads to war if it
    resists.  Tree: the Challenger chooses Status quo or Challenge; nature makes
    the Defender resolute with probability ``p_resist``; a resolute Defender
    chooses Resist or Yield, an irresolute one yields.  With
    :math:`u_{win} > u_{sq} > u_{war}` and :math:`d_{war} > d_{yield}`, backward
    induction gives: challenge iff

    .. math:: p < \frac{u_{win} - u_{sq}}{u_{win} - u_{war}}.

    Parameters
    ----------
    **defaults
        New defaults for ``p_resist`` (2/3), ``u_sq`` (0), ``u_win`` (1),
        ``u_war`` (-1), ``d_war`` (-1), ``d_yield`` (-3).

    Returns
    -------
    GameTree

    References
    ----------
    Russett (1963) [@russett1963]; Morrow (1994) [@morrow1994], ch. 2.  Defender payoffs:
    our coding.

    Examples
    --------
    >>> from alliancegames.analysis.tree import backward_induction
    >>> from alliancegames.models import at_defaults
    >>> [c.label for c in backward_induction(at_defaults(deterrence(), p_resist=R(1, 3)))]
    ['Challenge → {Resolute → Resist | Irresolute}']
    """
    params = build_parameters(DETERRENCE_CODING.specs, defaults, "deterrence")
    s = symbols(params)
    p = s["p_resist"]
    root = decision(
        "Challenger",
        {
            "Status quo": terminal((s["u_sq"], 0), label="status quo"),
            "Challenge": chance(
                [
                    (
                        "Resolute",
                        p,
                        decision(
                            "Defender",
                            {
                                "Resist": terminal((s["u_war"], s["d_war"]), label="war"),
                                "Yield": terminal((s["u_win"], s["d_yield"]), label="defender yields"),
                            },
                        ),
                    ),
                    ("Irresolute", 1 - p, terminal((s["u_win"], s["d_yield"]), label="defender yields")),
                ]
            ),
        },
    )
    return game_tree(
        "deterrence",
        ("Challenger", "Defender"),
        params,
        root,
        description="Calculus of deterrence: challenge iff p < (u_win - u_sq)/(u_win - u_war).",
        source=RUSSETT_1963,
    )


# ----------------------------------------------------------------------------- extended deterrence
EXTENDED_DETERRENCE_CODING = CodingRanges(
    specs=(
        Spec(
            "pi_support", "probability that the defender supports its protégé", "probability", R(1, 3), (0, 1)
        ),
        Spec("u_sq", "challenger: status quo (no demand)", "real", 0, (0, 0)),
        Spec("u_win", "challenger: the protégé concedes", "real", 1, (R(1, 2), 2)),
        Spec("u_war", "challenger: war against protégé and defender", "real", -1, (R(-3, 2), R(-1, 2))),
        Spec("u_back", "challenger: backs down after resistance", "real", -2, (-4, -2)),
        Spec("u_war_alone", "challenger: war against the unsupported protégé", "real", R(1, 2), (0, 1)),
        Spec(
            "u_realign",
            "challenger: the unsupported protégé realigns (joins a rival camp)",
            "real",
            R(1, 2),
            (-1, 1),
        ),
        Spec("v_concede", "protégé: concedes to the demand", "real", -1, (R(-3, 2), R(-3, 4))),
        Spec("v_prevail", "protégé: the challenger backs down", "real", 1, (R(1, 2), 2)),
        Spec(
            "v_war_supported",
            "protégé: war with the defender at its side",
            "real",
            R(-1, 2),
            (R(-1, 2), R(-1, 4)),
        ),
        Spec("v_war_alone", "protégé: war alone", "real", -2, (-4, -2)),
        Spec("v_realign", "protégé: realigns when unsupported", "real", R(-3, 2), (-3, 0)),
    ),
    notes="Ordering: u_win > u_sq > u_war > u_back (the challenger prefers war to a climb-down once "
    "resisted); v_prevail > v_war_supported > v_concede > v_war_alone.  Free: u_realign and "
    "v_realign (whether realignment is attractive to the protégé and costly to the challenger).",
    orderings=(("u_win", "u_sq", "u_war", "u_back"), ("v_prevail", "v_war_supported", "v_concede", "v_war_alone")),
)


def extended_deterrence(**defaults: Any):
    r"""Extended deterrence with a protégé: a Challenger-Defender-Protégé tree.

    The argument formalised (in the spirit of Zagare & Kilgour's Tripartite
    Crisis Game): a challenger's demand on a protégé is deterred by the
    prospect of the protégé resisting with its defender's support, and by the
    protégé's threat to realign if left unsupported.

    Tree: the Challenger makes a Demand or not; nature decides whether the
    Defender supports the protégé (probability ``pi_support``); a supported
    protégé Concedes or Resists; an unsupported one Concedes, Resists or
    Realigns; after resistance the Challenger Backs down or Fights.  The
    Defender has no move (its reliability is the chance parameter); its payoffs
    (our coding: 0 status quo, -1 protégé concedes, 1 challenger backs down, -2
    war, -3 protégé realigns) are carried for display.

    Two-player limit: when an unsupported protégé concedes and a supported one
    resists, and the challenger fights a resisting protégé, the protégé's
    resistance happens with probability ``pi_support`` and the challenger
    demands iff :math:`\pi < (u_{win} - u_{sq})/(u_{win} - u_{war})`, the
    calculus of deterrence (the defaults are such a point).  If realignment is
    the unsupported protégé's best reply (``v_realign > v_concede``) and costs
    the challenger (``u_realign < u_sq``), the challenger is deterred at every
    :math:`\pi`: the protégé's realignment threat deters.

    Parameters
    ----------
    **defaults
        New defaults for the parameters listed in
        ``EXTENDED_DETERRENCE_CODING`` (names starting ``u_`` are the
        challenger's payoffs, ``v_`` the protégé's).

    Returns
    -------
    GameTree

    References
    ----------
    Zagare and Kilgour (2003) [@zagare_kilgour2003].  Tree simplified and payoffs coded by us.

    Examples
    --------
    >>> from alliancegames.analysis.tree import backward_induction
    >>> from alliancegames.models import at_defaults
    >>> bi = backward_induction(at_defaults(extended_deterrence(), pi_support=R(2, 3)))
    >>> [c.path for c in bi]
    [('No demand',)]
    """
    params = build_parameters(EXTENDED_DETERRENCE_CODING.specs, defaults, "extended_deterrence")
    s = symbols(params)
    pi = s["pi_support"]

    def t(u, d, v, label):
        return terminal((u, d, v), label=label)

    def resist(war_u, war_v, d_war):
        return decision(
            "Challenger",
            {
                "Back down": t(s["u_back"], 1, s["v_prevail"], "challenger backs down"),
                "Fight": t(war_u, d_war, war_v, "war"),
            },
        )

    supported = decision(
        "Protégé",
        {
            "Concede": t(s["u_win"], -1, s["v_concede"], "protégé concedes"),
            "Resist": resist(s["u_war"], s["v_war_supported"], -2),
        },
    )
    unsupported = decision(
        "Protégé",
        {
            "Concede": t(s["u_win"], -1, s["v_concede"], "protégé concedes"),
            "Resist": resist(s["u_war_alone"], s["v_war_alone"], -1),
            "Realign": t(s["u_realign"], -3, s["v_realign"], "protégé realigns"),
        },
    )
    root = decision(
        "Challenger",
        {
            "No demand": t(s["u_sq"], 0, 0, "status quo"),
            "Demand": chance([("Support", pi, supported), ("No support", 1 - pi, unsupported)]),
        },
    )
    return game_tree(
        "extended_deterrence",
        ("Challenger", "Defender", "Protégé"),
        params,
        root,
        description="Challenger-Defender-Protégé crisis with probabilistic support.",
        source=ZAGARE_KILGOUR_2003,
    )


# ----------------------------------------------------------------------------- Benson
PROBABILISTIC_COMMITMENT_CODING = CodingRanges(
    specs=(
        Spec(
            "pi_support",
            "probability that the defender joins a war on the protégé's side",
            "probability",
            R(1, 2),
            (0, 1),
        ),
        Spec(
            "p_win",
            "probability that the protégé wins a war alone",
            "probability",
            R(3, 10),
            (R(1, 10), R(1, 2)),
        ),
        Spec(
            "delta_support",
            "increase in the protégé's probability of winning if the defender joins",
            "probability",
            R(3, 10),
            (R(1, 10), R(1, 2)),
        ),
        Spec(
            "q_status_quo",
            "protégé's share of the disputed good under the status quo",
            "probability",
            R(9, 20),
            (0, 1),
        ),
        Spec(
            "c_adversary",
            "adversary's cost of war (share of the good)",
            "positive",
            R(1, 10),
            (R(1, 50), R(1, 4)),
        ),
        Spec(
            "c_protege",
            "protégé's cost of war (share of the good)",
            "positive",
            R(1, 10),
            (R(1, 50), R(1, 4)),
        ),
    ),
    notes="Costless-to-state illustration; the window of stable commitment is a result.",
)


def probabilistic_commitment(**defaults: Any):
    r"""Probabilistic commitment and moral hazard (after Benson 2012), as a tree.

    The argument formalised: the likelier the defender is to join, the less an
    adversary gains from attacking the protégé (deterrence) and the more the
    protégé gains from forcing a revision of the status quo (moral hazard,
    the defender's risk of entrapment).

    Our illustration: a good of size 1; the protégé holds ``q_status_quo``.
    In a war the protégé wins with probability :math:`p + \pi\Delta`
    (``p_win``, ``pi_support``, ``delta_support``) and the sides pay
    ``c_protege`` and ``c_adversary``.  The Adversary moves first (Attack or
    Not); if it does not attack, the Protégé chooses Revise (go to war to
    overturn the status quo) or Accept.  Backward induction gives

    * the protégé revises iff :math:`\pi > \pi_M = (q - p + c_P)/\Delta`;
    * otherwise the adversary attacks iff :math:`\pi < \pi_D = (q - p - c_A)/\Delta`;

    so peace needs :math:`\pi_D \le \pi \le \pi_M`, a window of width
    :math:`(c_A + c_P)/\Delta`.  See :func:`commitment_tradeoff` for the closed
    forms, including the moral-hazard term :math:`\pi\Delta` by which a
    negotiated settlement moves toward the protégé.

    Parameters
    ----------
    **defaults
        New defaults for ``pi_support`` (1/2), ``p_win`` (3/10),
        ``delta_support`` (3/10), ``q_status_quo`` (9/20), ``c_adversary``
        (1/10), ``c_protege`` (1/10).

    Returns
    -------
    GameTree

    References
    ----------
    Benson (2012) [@benson2012].  Our simplified illustration of the argument, not
    Benson's model.

    Examples
    --------
    >>> from alliancegames.analysis.tree import backward_induction
    >>> from alliancegames.models import at_defaults
    >>> [c.path for c in backward_induction(at_defaults(probabilistic_commitment()))]
    [('Not', 'Accept')]
    """
    params = build_parameters(PROBABILISTIC_COMMITMENT_CODING.specs, defaults, "probabilistic_commitment")
    s = symbols(params)
    pw = s["p_win"] + s["pi_support"] * s["delta_support"]
    war = (1 - pw - s["c_adversary"], pw - s["c_protege"])
    root = decision(
        "Adversary",
        {
            "Attack": terminal(war, label="war (adversary attacks)"),
            "Not": decision(
                "Protégé",
                {
                    "Revise": terminal(war, label="war (protégé revises)"),
                    "Accept": terminal((1 - s["q_status_quo"], s["q_status_quo"]), label="status quo"),
                },
            ),
        },
    )
    return game_tree(
        "probabilistic_commitment",
        ("Adversary", "Protégé"),
        params,
        root,
        description="Deterrence versus moral hazard under a probabilistic commitment.",
        source=BENSON_2012,
    )


@dataclass(frozen=True)
class CommitmentTradeoff:
    r"""Closed forms of the deterrence / moral-hazard trade-off (see :func:`commitment_tradeoff`).

    Attributes
    ----------
    symbols : dict
        Parameter name → sympy symbol.
    war_value_protege, war_value_adversary : sympy.Expr
        :math:`p + \pi\Delta - c_P` and :math:`1 - p - \pi\Delta - c_A`.
    pi_deter : sympy.Expr
        The adversary is deterred iff :math:`\pi \ge (q - p - c_A)/\Delta`.
    pi_moral_hazard : sympy.Expr
        The protégé is emboldened to revise iff :math:`\pi > (q - p + c_P)/\Delta`.
    window : sympy.Expr
        :math:`\pi_M - \pi_D = (c_A + c_P)/\Delta`.
    moral_hazard_term : sympy.Expr
        :math:`\pi\Delta`: how far the protégé's reservation value (and a
        take-it-or-leave-it settlement offered by the adversary) moves toward it.
    """

    symbols: dict
    war_value_protege: sp.Expr
    war_value_adversary: sp.Expr
    pi_deter: sp.Expr
    pi_moral_hazard: sp.Expr
    window: sp.Expr
    moral_hazard_term: sp.Expr
    defaults: dict

    def outcome(self, **values: Any) -> str:
        """``"attack"``, ``"revise"`` or ``"peace"`` at a point (defaults fill the rest)."""
        v = {**self.defaults, **values}
        sub = {self.symbols[k]: sp.nsimplify(x) for k, x in v.items()}
        pi = sub[self.symbols["pi_support"]]
        if pi > self.pi_moral_hazard.subs(sub):
            return "revise"
        if pi < self.pi_deter.subs(sub):
            return "attack"
        return "peace"

    def outcomes(self, values: Mapping[str, Any]) -> np.ndarray:
        r"""``"attack"``, ``"revise"`` or ``"peace"`` at many points (floating point, vectorised).

        The same rule as :meth:`outcome`: the protégé revises where
        :math:`\pi > \pi_M`, otherwise the adversary attacks where
        :math:`\pi < \pi_D`.  Unlike the tree's vectorised classifier
        (which, where the protégé would revise, names the war after the
        adversary's tied first move), this keeps the two wars apart.

        Parameters
        ----------
        values : mapping
            Parameter name -> scalar or 1-D array (defaults fill the rest).

        Examples
        --------
        >>> commitment_tradeoff().outcomes({"pi_support": [0, 0.5, 1]}).tolist()
        ['attack', 'peace', 'revise']
        """
        names = list(self.symbols)
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ModelError(f"unknown parameters {unknown}; the parameters are {names}")
        cols = np.broadcast_arrays(
            *(np.atleast_1d(np.asarray(values.get(k, self.defaults[k]), dtype=float)) for k in names)
        )
        f = compile_expressions([self.symbols[k] for k in names], [self.pi_deter, self.pi_moral_hazard])
        lo, hi = f(*cols)
        pi = cols[names.index("pi_support")]
        return np.where(pi > hi, "revise", np.where(pi < lo, "attack", "peace")).astype(object)


def commitment_tradeoff(**defaults: Any) -> CommitmentTradeoff:
    r"""Closed forms of the trade-off in :func:`probabilistic_commitment`.

    Examples
    --------
    >>> ct = commitment_tradeoff()
    >>> ct.window
    (c_adversary + c_protege)/delta_support
    >>> [ct.outcome(pi_support=x) for x in (0, R(1, 2), 1)]
    ['attack', 'peace', 'revise']
    """
    params = build_parameters(PROBABILISTIC_COMMITMENT_CODING.specs, defaults, "probabilistic_commitment")
    s = symbols(params)
    pi, p, d, q = s["pi_support"], s["p_win"], s["delta_support"], s["q_status_quo"]
    cA, cP = s["c_adversary"], s["c_protege"]
    if any(pr.default is None for pr in params):
        raise ModelError("commitment_tradeoff needs a default for every parameter")
    pi_d = (q - p - cA) / d
    pi_m = (q - p + cP) / d
    return CommitmentTradeoff(
        symbols=s,
        war_value_protege=p + pi * d - cP,
        war_value_adversary=1 - p - pi * d - cA,
        pi_deter=pi_d,
        pi_moral_hazard=pi_m,
        window=sp.simplify(pi_m - pi_d),
        moral_hazard_term=pi * d,
        defaults={pr.name: pr.default for pr in params},
    )
