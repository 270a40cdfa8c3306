r"""Quasi-alliance (after Cha): two states with a common patron.

Source
------
Cha (1999) [@cha1999]; Cha (2000) [@cha2000].  Full entries:
``alliancegames/data/references.bib``.

What is Cha's and what is ours
------------------------------
Cha's argument (qualitative): two states that are not allied with each other
but share an ally (Japan and South Korea, with the United States) normally
show friction; when both fear abandonment by the patron, they cooperate; when
their fears are asymmetric (one fears abandonment, the other entrapment), they
show friction.  The patron's weaker commitment raises both states' fear of
abandonment.  **The payoffs are our coding.**
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from alliancegames.core.model import NormalFormModel, normal_form
from alliancegames.core.references import cite

from ._common import CodingRanges, Preference, Spec, build_parameters, mirrored, symbols

__all__ = ["quasi_alliance", "QUASI_ALLIANCE_CODING", "CHA_1999"]

R = sp.Rational
CHA_1999 = cite("cha1999", "cha2000")

QUASI_ALLIANCE_CODING = CodingRanges(
    specs=(
        Spec(
            "kappa_patron",
            "patron's commitment to both states (0 = none, 1 = full)",
            "probability",
            R(1, 2),
            (0, 1),
        ),
        Spec("fa_1", "state 1's sensitivity to abandonment by the patron", "nonnegative", 4, (0, 8)),
        Spec("fa_2", "state 2's sensitivity to abandonment by the patron", "nonnegative", 4, (0, 8)),
        Spec("fe_1", "state 1's sensitivity to entrapment through cooperation", "nonnegative", 1, (0, 8)),
        Spec("fe_2", "state 2's sensitivity to entrapment through cooperation", "nonnegative", 1, (0, 8)),
        Spec("h_animosity", "domestic and historical payoff from friction", "positive", 1, (R(1, 2), 3)),
    ),
    preferences=mirrored(
        [
            Preference(
                0,
                ("Friction", "Cooperate"),
                ("Cooperate", "Friction"),
                "a rebuffed overture is worse than rebuffing",
            ),
        ]
    ),
    notes="Free comparison (result): mutual cooperation vs friction for each state, "
    "fa_i*(1 - kappa) - fe_i*kappa vs h_animosity.",
)


def quasi_alliance(**defaults: Any) -> NormalFormModel:
    r"""Cha's quasi-alliance: Cooperate or Friction between two clients of one patron.

    Our coding.  State :math:`i`'s fear of abandonment is
    :math:`A_i = f^a_i (1-\kappa)` and its fear of entrapment
    :math:`E_i = f^e_i \kappa` (``fa_i``, ``fe_i``, ``kappa_patron``).
    Cooperation insures against abandonment only if reciprocated (:math:`A_i`)
    and exposes the cooperator to entrapment (:math:`-E_i`); friction yields
    the domestic and historical payoff :math:`h` (``h_animosity``):

    ==========  ========================  ==============
    mine/other  Cooperate                 Friction
    ==========  ========================  ==============
    Cooperate   :math:`A_i - E_i`         :math:`-E_i`
    Friction    :math:`h`                 :math:`h`
    ==========  ========================  ==============

    Results: (Friction, Friction) is always an equilibrium (Cha's "normal
    state"); (Cooperate, Cooperate) is an equilibrium, and then Pareto-better,
    iff both :math:`A_i - E_i \ge h` (a *symmetric* fear of abandonment);
    if the fears are asymmetric (one state's :math:`A - E < h`), friction is
    the unique equilibrium.  Weakening the patron's commitment (lower
    :math:`\kappa`) raises :math:`A_i - E_i`, moving both toward cooperation.

    Parameters
    ----------
    **defaults
        New defaults for ``kappa_patron`` (1/2), ``fa_1``, ``fa_2`` (4, plausible 0-8),
        ``fe_1``, ``fe_2`` (1, 0-8), ``h_animosity`` (1, 1/2-3).

    References
    ----------
    Cha (1999) [@cha1999]; Cha (2000) [@cha2000].

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(quasi_alliance()).labels[:2]
    ('Cooperate/Cooperate', 'Friction/Friction')
    >>> solve(quasi_alliance(fa_2=0, fe_2=6)).labels
    ('Friction/Friction',)
    """
    params = build_parameters(QUASI_ALLIANCE_CODING.specs, defaults, "quasi_alliance")
    s = symbols(params)
    k, h = s["kappa_patron"], s["h_animosity"]
    A = [s["fa_1"] * (1 - k), s["fa_2"] * (1 - k)]
    E = [s["fe_1"] * k, s["fe_2"] * k]

    def u(i: int, mine: str, other: str) -> sp.Expr:
        if mine == "Friction":
            return h
        return A[i] - E[i] if other == "Cooperate" else -E[i]

    acts = ("Cooperate", "Friction")
    table = [[(u(0, r, c), u(1, c, r)) for c in acts] for r in acts]
    return normal_form(
        "quasi_alliance",
        ("State 1", "State 2"),
        (acts, acts),
        params,
        table,
        description="Quasi-alliance: symmetric fear of abandonment by the patron brings cooperation.",
        source=CHA_1999,
    )
