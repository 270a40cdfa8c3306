r"""Intra-alliance bargaining (exit threats, burden-sharing disputes) and the arm-or-ally choice.

Sources
-------
* Exit and voice in asymmetric alliances: Morrow (1991) [@morrow1991] (the
  security-autonomy trade-off); Hirschman (1970) [@hirschman1970].  The Warsaw Pact reading (a hegemon that
  may intervene when a member tries to leave: Hungary 1956, Czechoslovakia
  1968) is the historical anchor of the coercion branch.
* Arm or ally: the trade-off between internal balancing (arms) and external
  balancing (allies), e.g. Morrow (1993) [@morrow1993].

Full entries: ``alliancegames/data/references.bib``.

Both trees' payoffs are **our coding** of these arguments.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from alliancegames.analysis.extensive import decision, game_tree, terminal
from alliancegames.core.model import NormalFormModel, normal_form
from alliancegames.core.references import cite

from ._common import CodingRanges, Preference, Spec, build_parameters, symbols

__all__ = [
    "alliance_bargaining",
    "arm_or_ally",
    "ALLIANCE_BARGAINING_CODING",
    "ARM_OR_ALLY_CODING",
    "MORROW_1991",
    "MORROW_1993",
]

R = sp.Rational
MORROW_1991 = cite("morrow1991", "hirschman1970")
MORROW_1993 = cite("morrow1993")

ALLIANCE_BARGAINING_CODING = CodingRanges(
    specs=(
        Spec("b_member", "member's value of the alliance's protection", "positive", 2, (1, 4)),
        Spec("k_member", "member's full contribution to the common defence", "positive", 1, (R(1, 2), 2)),
        Spec(
            "s_cut",
            "share of its contribution a member saves by cutting",
            "probability",
            R(1, 2),
            (R(1, 4), R(3, 4)),
        ),
        Spec("o_member", "member's value of leaving (independence, neutrality)", "real", 3, (-1, 5)),
        Spec("c_member", "member's cost of being coerced or invaded", "positive", 2, (1, 5)),
        Spec("b_hegemon", "hegemon's value of keeping the member in the alliance", "positive", 3, (1, 5)),
        Spec("c_hegemon", "hegemon's cost of coercion or intervention", "positive", 2, (R(1, 2), 8)),
        Spec(
            "l_exit",
            "hegemon's further loss if a member leaves (credibility, contagion)",
            "nonnegative",
            2,
            (0, 4),
        ),
    ),
    notes="Ordering: coerced or invaded is the member's worst outcome among staying outcomes; "
    "whether the hegemon's threat is credible (b_hegemon + k_member + l_exit > c_hegemon) and whether "
    "the member values the alliance above its outside option are results.",
)


def alliance_bargaining(**defaults: Any):
    r"""An intra-alliance dispute: a member's threat to cut its contribution or leave.

    The argument formalised: a member can bargain over its burden by
    threatening to cut its contribution (voice) or to leave (exit); the
    alliance survives if the member values it above its outside option, or if
    the hegemon's threat to coerce or intervene is credible (the Warsaw Pact
    reading: Hungary 1956, Czechoslovakia 1968).

    Tree (our coding).  The Member chooses Contribute, Cut or Exit.  After a
    cut the Hegemon Accepts or Coerces; after an exit it Lets go or Intervenes.
    Payoffs (member, hegemon), with :math:`b_m, k, s, o, c_m, b_h, c_h, l`
    the parameters in order:

    * Contribute: :math:`(b_m - k,\ b_h + k)`;
    * Cut, Accept: :math:`(b_m - (1-s)k,\ b_h + (1-s)k)`;
    * Cut, Coerce; Exit, Intervene: :math:`(b_m - k - c_m,\ b_h + k - c_h)`
      (the member is forced back to full contribution at a cost);
    * Exit, Let go: :math:`(o,\ -l)`.

    Results (backward induction): the hegemon intervenes against exit iff
    :math:`b_h + k + l > c_h` and coerces a cut iff :math:`s k > c_h`.  With a
    credible intervention the member never exits (the alliance survives by
    coercion); without it, the member exits iff :math:`o` exceeds both
    :math:`b_m - k` and its payoff from a cut.

    Parameters
    ----------
    **defaults
        New defaults for ``b_member`` (2), ``k_member`` (1), ``s_cut`` (1/2),
        ``o_member`` (3), ``c_member`` (2), ``b_hegemon`` (3), ``c_hegemon`` (2),
        ``l_exit`` (2).  The defaults are a Warsaw Pact reading: exit would pay
        but the hegemon's intervention is credible, so the member stays and
        cuts its contribution, which the hegemon accepts.

    Returns
    -------
    GameTree

    References
    ----------
    Morrow (1991) [@morrow1991]; Hirschman (1970) [@hirschman1970].  Payoffs: our coding.

    Examples
    --------
    >>> from alliancegames.analysis.tree import backward_induction
    >>> from alliancegames.models import at_defaults
    >>> [c.path for c in backward_induction(at_defaults(alliance_bargaining()))]
    [('Cut', 'Accept')]
    """
    params = build_parameters(ALLIANCE_BARGAINING_CODING.specs, defaults, "alliance_bargaining")
    s = symbols(params)
    bm, k, sc, o = s["b_member"], s["k_member"], s["s_cut"], s["o_member"]
    cm, bh, ch, l_ = s["c_member"], s["b_hegemon"], s["c_hegemon"], s["l_exit"]
    coerced = (bm - k - cm, bh + k - ch)
    root = decision(
        "Member",
        {
            "Contribute": terminal((bm - k, bh + k), label="full contribution"),
            "Cut": decision(
                "Hegemon",
                {
                    "Accept": terminal((bm - (1 - sc) * k, bh + (1 - sc) * k), label="reduced contribution"),
                    "Coerce": terminal(coerced, label="member coerced"),
                },
            ),
            "Exit": decision(
                "Hegemon",
                {
                    "Let go": terminal((o, -l_), label="member leaves"),
                    "Intervene": terminal(coerced, label="intervention"),
                },
            ),
        },
    )
    return game_tree(
        "alliance_bargaining",
        ("Member", "Hegemon"),
        params,
        root,
        description="Intra-alliance bargaining: cut, exit, and the hegemon's response.",
        source=MORROW_1991,
    )


ARM_OR_ALLY_CODING = CodingRanges(
    specs=(
        Spec(
            "q_support",
            "probability that the ally comes to the state's defence",
            "probability",
            R(1, 2),
            (0, 1),
        ),
        Spec(
            "p_arm",
            "probability that the state, having armed, defeats an attack alone",
            "probability",
            R(3, 4),
            (R(1, 2), R(9, 10)),
        ),
        Spec(
            "v_security",
            "value of the state's security (what an attack puts at stake)",
            "positive",
            4,
            (2, 10),
        ),
        Spec("k_arm", "cost of building one's own capability", "positive", R(1, 2), (R(1, 4), 2)),
        Spec("c_war", "state's cost of fighting", "positive", 1, (R(1, 4), 2)),
        Spec("g_gain", "adversary's gain from defeating the state", "positive", 4, (2, 10)),
        Spec("c_attack", "adversary's cost of attacking", "positive", R(3, 2), (R(1, 2), 2)),
    ),
    preferences=(
        Preference(0, ("Arm", "Refrain"), ("Arm", "Attack"), "peace beats war for the state"),
        Preference(0, ("Rely", "Refrain"), ("Rely", "Attack"), "peace beats war for the state"),
        Preference(0, ("Rely", "Refrain"), ("Arm", "Refrain"), "arming costs something"),
    ),
    notes="Ordering as listed; whether the adversary attacks each posture and whether arming pays "
    "under attack are results.  A supported state's defence succeeds for sure; an unarmed state "
    "alone loses for sure.",
)


def arm_or_ally(**defaults: Any) -> NormalFormModel:
    r"""Arm or ally: build one's own capability or rely on an ally that supports with probability q.

    The argument formalised: allies are cheaper than arms but less reliable
    (historically about half to three-quarters of commitments were honoured,
    depending on the period and the data set; see the project's literature
    notes), so a state that relies on an ally invites attack when the ally's
    reliability is low: keep independent capabilities.

    Our coding.  State (rows: Arm, Rely) against Adversary (columns: Attack,
    Refrain), with :math:`q, p, v, k, c, g, c_A` the parameters in order:

    ======  ====================================  ================
    state   Attack                                Refrain
    ======  ====================================  ================
    Arm     :math:`(pv - c - k,\ (1-p)g - c_A)`   :math:`(v - k,\ 0)`
    Rely    :math:`(qv - c,\ (1-q)g - c_A)`       :math:`(v,\ 0)`
    ======  ====================================  ================

    Results: the adversary attacks a reliant state iff :math:`q < 1 - c_A/g`
    and an armed one iff :math:`p < 1 - c_A/g`.  When an armed state deters
    but a reliant one does not, there is no pure equilibrium: the state arms
    with probability that makes the adversary indifferent; the lower the
    ally's reliability :math:`q`, the more the state arms.  With :math:`q`
    high enough that reliance deters, (Rely, Refrain) is the equilibrium.

    Parameters
    ----------
    **defaults
        New defaults for ``q_support`` (1/2), ``p_arm`` (3/4), ``v_security`` (4),
        ``k_arm`` (1/2), ``c_war`` (1), ``g_gain`` (4), ``c_attack`` (3/2).  At the defaults
        an armed state deters and a reliant one does not: the state mixes.

    References
    ----------
    Morrow (1993) [@morrow1993].  Payoffs: our coding.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(arm_or_ally(q_support=R(9, 10))).labels
    ('Rely/Refrain',)
    """
    params = build_parameters(ARM_OR_ALLY_CODING.specs, defaults, "arm_or_ally")
    s = symbols(params)
    q, p, v, k = s["q_support"], s["p_arm"], s["v_security"], s["k_arm"]
    c, g, cA = s["c_war"], s["g_gain"], s["c_attack"]
    table = [
        [(p * v - c - k, (1 - p) * g - cA), (v - k, sp.Integer(0))],
        [(q * v - c, (1 - q) * g - cA), (v, sp.Integer(0))],
    ]
    return normal_form(
        "arm_or_ally",
        ("State", "Adversary"),
        (("Arm", "Rely"), ("Attack", "Refrain")),
        params,
        table,
        description="Internal versus external balancing under an ally's uncertain support.",
        source=MORROW_1993,
    )
