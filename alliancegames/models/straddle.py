r"""A tripartite crisis with an uncertain defender and a straddle (after Zagare and Kilgour).

Sources
-------
* Zagare and Kilgour, the Tripartite Crisis Game (*Perfect Deterrence*, 2000
  [@zagare_kilgour2000]; *International Studies Quarterly* 2003
  [@zagare_kilgour2003]) [checked, from the project's literature notes]: a
  Challenger, a Defender and a Protégé under incomplete information.
  Unequivocal commitments work only when the protégé's threat to break away is
  credible; otherwise a *straddle* (ambiguous, probabilistic support) is
  optimal, and a straddle fails against a challenger who doubts the defender.
* Zagare and Kilgour (2006) [@zagare_kilgour2006] [recalled, not checked]: the
  deterrence-versus-restraint dilemma and British policy in July 1914.
  "Straddle" is Crawford's term [@crawford2003] (the attribution is recalled).

Full entries: ``alliancegames/data/references.bib``.

What is the sources' and what is ours
-------------------------------------
The exact specification of Zagare and Kilgour's game (its tree, preference
assumptions and thresholds) was **not read** here.  :func:`straddle_crisis` is
the *smallest* model that carries the argument as the literature notes state
it, and **every payoff is our coding** (plausible ranges in
``STRADDLE_CODING``).  Two simplifications keep it a two-player signalling game
that :func:`~alliancegames.analysis.signalling.perfect_bayesian_equilibria`
solves exactly:

* the protégé's response to the defender's signal is folded into the payoffs:
  a clearly committed protégé is emboldened (the defender bears a *restraint
  cost* ``e``, the risk of being dragged into a war the protégé provokes); a
  straddle keeps it cautious; a refused protégé breaks away (the defender
  loses its value of the alignment); in the variant :func:`straddle_breakaway`
  an untested straddle also costs the defender ``b`` as the protégé hedges or
  drifts away (its threat to break away);
* the defender's response to a challenge is folded into its type, as in
  :mod:`alliancegames.models.signalling`: the resolute type fights, the
  irresolute one does not unless it has committed (a clear commitment is
  binding — our coding, like Fearon's tied hands).

The challenger is a single known type; Zagare and Kilgour's *determined*
challenger, whom nothing deters, is not modelled.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from alliancegames.core.bayesian import SignallingGame, signalling_game
from alliancegames.core.references import cite

from ._common import CodingRanges, Spec, build_parameters, symbols
from .signalling import _G, _PRIOR, _W, _challenger

__all__ = [
    "STRADDLE_BREAKAWAY_CODING",
    "STRADDLE_CODING",
    "ZAGARE_KILGOUR",
    "straddle_breakaway",
    "straddle_crisis",
]

R = sp.Rational
ZAGARE_KILGOUR = cite("zagare_kilgour2000", "zagare_kilgour2003", "zagare_kilgour2006", "crawford2003")

STRADDLE_CODING = CodingRanges(
    (
        _PRIOR,
        Spec("v_H", "resolute defender's value of the protégé's alignment", "positive", 4, (3, 6)),
        Spec("v_L", "irresolute defender's value of the protégé's alignment", "positive", 1, (R(1, 4), 1)),
        Spec("w_D", "defender's cost of war", "positive", 2, (R(3, 2), R(5, 2))),
        Spec(
            "e",
            "restraint cost of a clear commitment (an emboldened protégé may drag the defender in)",
            "positive",
            3,
            (R(1, 4), 4),
        ),
        _G,
        _W,
    ),  # fmt: skip
    notes="Our coding: v_H > w_D > v_L (only the resolute type fights unless committed); the restraint cost "
    "e spans both sides of w_D and v_L, so all three regimes (commit, separate, straddle) occur in the ranges.",
)
_B = Spec(
    "b",
    "defender's loss when a straddled protégé, never tested by a challenge, hedges or drifts away",
    "nonnegative",
    R(1, 2),
    (0, 2),
)
STRADDLE_BREAKAWAY_CODING = CodingRanges(
    (*STRADDLE_CODING.specs, _B),
    notes=STRADDLE_CODING.notes + " The breakaway loss b spans both sides of e, and of v_L.",
)


def straddle_crisis(**overrides: Any) -> SignallingGame:
    r"""A defender of uncertain resolve commits, straddles or refuses; a challenger then challenges or not.

    The defender is resolute with prior ``p`` (it values the protégé's
    alignment at ``v_H``) or irresolute (``v_L``); war costs it ``w_D``, with
    ``v_H > w_D > v_L`` in the coding.  Its messages:

    ``Commit``
        A clear, binding commitment: if challenged, both types fight; the
        emboldened protégé costs the defender ``e`` whatever happens.
    ``Straddle``
        Ambiguous support: if challenged, only the resolute type fights; the
        protégé stays cautious (no restraint cost).
    ``Refuse``
        No support: the protégé breaks away or concedes; the defender gets 0.

    The challenger gains ``g`` from a challenge nobody resists and loses ``w`` in
    a war; not challenging gives 0.  All payoffs are our coding.

    Derived results (tests): where the challenger doubts the defender
    (``p < g/(g + w)``) and a clear commitment's restraint cost exceeds the
    resolute type's cost of war (``e > w_D``), both types straddle and the
    challenger challenges — a war with the resolute defender with probability
    ``p`` — although a clear commitment would have deterred the challenge at
    every belief.  Where ``v_L < e < w_D`` the resolute type commits and the
    irresolute one straddles (and is challenged); where ``e < v_L`` both
    commit; where ``p > g/(g + w)`` the straddle deters.  The protégé's threat
    to break away is in :func:`straddle_breakaway`.

    References
    ----------
    Zagare and Kilgour (2000, 2003, 2006) [@zagare_kilgour2000] [@zagare_kilgour2003]
    [@zagare_kilgour2006]; Crawford (2003) [@crawford2003].

    Examples
    --------
    >>> g = straddle_crisis()
    >>> g.payoff("irresolute", "Straddle", "Challenge")
    (0, g)
    >>> g.payoff("irresolute", "Commit", "Challenge")
    (-e + v_L - w_D, -w)
    """
    return _crisis(build_parameters(STRADDLE_CODING.specs, overrides, "straddle_crisis"), breakaway=False)


def straddle_breakaway(**overrides: Any) -> SignallingGame:
    """:func:`straddle_crisis` with the protégé's threat to break away: an untested straddle costs ``b``.

    After a straddle that nobody challenges, the protégé, unsure of support,
    hedges or drifts away at a cost ``b`` to the defender (our coding; ``b = 0``
    is :func:`straddle_crisis`).

    Derived result (tests): where the challenger is confident enough to be
    deterred by the straddle itself (``p >= g/(g + w)``) both types straddle
    exactly when the restraint cost outweighs the breakaway loss (``e >= b``,
    and ``v_L >= b``); when ``b > e`` (and ``e <= v_L``) both commit — an
    unequivocal commitment pays only when the protégé's threat to break away
    is credible.

    References
    ----------
    Zagare and Kilgour (2000, 2003) [@zagare_kilgour2000] [@zagare_kilgour2003].

    Examples
    --------
    >>> straddle_breakaway().payoff("resolute", "Straddle", "Not challenge")
    (-b + v_H, 0)
    """
    return _crisis(
        build_parameters(STRADDLE_BREAKAWAY_CODING.specs, overrides, "straddle_breakaway"), breakaway=True
    )


def _crisis(params: Any, *, breakaway: bool) -> SignallingGame:
    s = symbols(params)
    p, vH, vL, wD, e, g, w = (s[n] for n in ("p", "v_H", "v_L", "w_D", "e", "g", "w"))
    b = s["b"] if breakaway else 0

    def pay(t: str, m: str, a: str) -> tuple[sp.Expr, sp.Expr]:
        value = vH if t == "resolute" else vL
        if m == "Refuse":  # the protégé breaks away (or concedes to a challenge)
            return sp.S.Zero, (g if a == "Challenge" else sp.S.Zero)
        restraint = e if m == "Commit" else 0
        if a == "Not challenge":
            return value - restraint - (b if m == "Straddle" else 0), sp.S.Zero
        fights = t == "resolute" or m == "Commit"
        return (value - wD if fights else sp.S.Zero) - restraint, _challenger(fights, g, w)

    return signalling_game(
        "Tripartite crisis with a straddle"
        + (" and a breakaway threat" if breakaway else "")
        + " (after Zagare and Kilgour)",
        ("Defender", "Challenger"),
        ("resolute", "irresolute"),
        params,
        {"resolute": p, "irresolute": 1 - p},
        ("Commit", "Straddle", "Refuse"),
        ("Challenge", "Not challenge"),
        pay,
        description="Commit deters but emboldens the protégé (cost e); a straddle restrains it but may invite a "
        "challenge.",
        source=ZAGARE_KILGOUR,
    )
