r"""Alliances under incomplete information: costly signals, tying hands, unreliable commitments.

Sources
-------
* Morrow (1994), "Alliances, Credibility, and Peacetime Costs"
  [@morrow1994_credibility] [abstract checked]: one state threatens another, a
  third shares the second's interest; an alliance raises the allies' joint
  ability to fight and imposes peacetime costs, and works as a signal of
  intentions.
* Fearon (1997), "Signaling Foreign Policy Interests: Tying Hands versus
  Sinking Costs" [@fearon1997] [abstract checked]: ex-post audience costs
  (tying hands) and ex-ante costs (sinking costs); in equilibrium leaders never
  bluff with either.
* Smith (1995), "Alliance Formation and War" [@smith1995]: reliability, war and
  formation are endogenous; unreliable alliances invite attack.

Full entries: ``alliancegames/data/references.bib``.

What is the sources' and what is ours
-------------------------------------
None of the three specifications was read in full here.  Each function below
is the *smallest* model that carries the source's argument, and **every payoff
is our coding** (parameters with plausible ranges in the ``*_CODING``
constants); the results the tests check are *derived* from the models by
:func:`alliancegames.analysis.signalling.perfect_bayesian_equilibria` and
:func:`alliancegames.analysis.regions.equilibrium_regions`, not typed in.
In all three the defender's response to a challenge is folded into its type
(the resolute/reliable type fights, the other one does not): that response is
sequentially rational under the coded orderings, and it keeps the games
sender-receiver games.

What these small models do *not* reproduce is said where it matters:
Fearon's comparison of the ex-ante risk of war needs his continuous types and
an uncertain challenger; with two defender types and a fully informed
challenger the tied-hands signal deters outright (see :func:`hands_tying`).
:mod:`alliancegames.models.fearon` adds a challenger who may be determined,
which reproduces the ranking.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from alliancegames.core.bayesian import BayesianGame, SignallingGame, bayesian_game, signalling_game
from alliancegames.core.references import cite

from ._common import CodingRanges, Spec, build_parameters, symbols

__all__ = [
    "COSTLY_ALLIANCE_CODING",
    "FEARON_1997",
    "HANDS_TYING_CODING",
    "MORROW_1994",
    "RELIABILITY_CODING",
    "SINKING_COSTS_CODING",
    "SMITH_1995",
    "alliance_reliability",
    "costly_alliance",
    "hands_tying",
    "sinking_costs",
]

R = sp.Rational
MORROW_1994 = cite("morrow1994_credibility")
FEARON_1997 = cite("fearon1997")
SMITH_1995 = cite("smith1995")

_PRIOR = Spec(
    "p", "prior probability that the defender is resolute", "probability", R(1, 3), (R(1, 10), R(9, 10))
)
_G = Spec("g", "challenger's gain from an unopposed challenge", "positive", 2, (1, 4))
_W = Spec("w", "challenger's cost of a war against the defender alone", "positive", 3, (1, 6))

COSTLY_ALLIANCE_CODING = CodingRanges(
    (
        _PRIOR,
        Spec("c", "peacetime cost of the alliance to the ally", "positive", R(3, 2), (R(1, 2), 4)),
        Spec("f", "resolute ally's loss when challenged (it fights)", "positive", 2, (1, 4)),
        Spec("v", "irresolute ally's loss when challenged (it abandons)", "positive", 1, (R(1, 4), 1)),
        _G,
        _W,
        Spec(
            "k",
            "extra cost to the challenger of fighting an alliance (joint fighting ability)",
            "positive",
            1,
            (R(1, 2), 3),
        ),
    ),  # fmt: skip
    notes="Our coding of Morrow's argument: f > v (the resolute ally loses more by being challenged, so "
    "it pays more to deter); ranges keep v <= 1 <= f.",
)
SINKING_COSTS_CODING = CodingRanges(
    (
        _PRIOR,
        Spec(
            "k",
            "sunk cost of the signal (mobilisation), paid whatever happens",
            "positive",
            R(3, 2),
            (R(1, 2), 4),
        ),
        Spec("v_H", "resolute defender's value for the stake", "positive", 4, (3, 6)),
        Spec("v_L", "irresolute defender's value for the stake", "positive", 1, (R(1, 4), 1)),
        Spec("w_D", "defender's cost of war", "positive", 2, (R(3, 2), R(5, 2))),
        _G,
        _W,
    ),  # fmt: skip
    notes="Our coding: v_H > w_D > v_L, so the resolute type fights when challenged and the other backs down.",
)
HANDS_TYING_CODING = CodingRanges(
    (
        _PRIOR,
        Spec("a", "audience cost of backing down after the signal", "positive", 2, (R(3, 2), 4)),
        Spec("v_H", "resolute defender's value for the stake", "positive", 4, (3, 6)),
        Spec("v_L", "irresolute defender's value for the stake", "positive", 1, (R(1, 4), 1)),
        Spec("w_D", "defender's cost of war", "positive", 2, (R(3, 2), R(5, 2))),
        _G,
        _W,
    ),  # fmt: skip
    notes="Our coding: v_H > w_D > v_L and a binding audience cost a > w_D - v_L (true across the ranges), "
    "so after the signal both types fight if challenged.",
)
RELIABILITY_CODING = CodingRanges(
    (
        Spec(
            "r",
            "prior probability that the alliance is reliable",
            "probability",
            R(1, 2),
            (R(1, 10), R(9, 10)),
        ),
        Spec(
            "b",
            "reliable ally's net value of honouring (fighting) rather than abandoning",
            "positive",
            1,
            (R(1, 2), 3),
        ),
        Spec("d", "unreliable ally's net cost of honouring", "positive", 1, (R(1, 2), 3)),
        _G,
        _W,
    ),  # fmt: skip
    notes="Our coding of Smith's argument: the challenger attacks iff the alliance is likely enough unreliable.",
)


def _challenger(fights: bool, g: sp.Expr, war: sp.Expr) -> sp.Expr:
    return -war if fights else g


def costly_alliance(**overrides: Any) -> SignallingGame:
    """An alliance as a costly signal of resolve, after Morrow (1994).

    A third state (the sender) shares a protégé's interest in resisting a
    challenger; it is *resolute* (fights if the protégé is challenged) with
    prior probability ``p``, else *irresolute* (abandons).  It may form an
    alliance first (message ``Ally``), at peacetime cost ``c``; an alliance
    also raises the allies' joint ability to fight, which costs a challenger
    ``k`` more in a war.  The challenger sees the alliance, not the resolve,
    and challenges or not.  Payoffs are our coding: the resolute ally loses
    ``f`` when challenged (the war), the irresolute one ``v`` (the protégé
    falls); the challenger gains ``g`` against an ally who abandons and
    loses ``w`` (``w + k`` against an alliance) in a war.

    Derived results (tests): the alliance separates the types exactly where
    ``v <= c <= f`` — its peacetime cost is worth paying to deter only for the
    resolute ally; where the prior is low the pooling equilibrium in which no
    one allies and the challenger challenges fails the Intuitive Criterion
    exactly when ``v < c < f``; pooling on the alliance deters from a lower
    prior (``p >= g/(g + w + k)``) than pooling without it (``p >= g/(g + w)``).

    References
    ----------
    Morrow (1994) [@morrow1994_credibility].

    Examples
    --------
    >>> from alliancegames.analysis.signalling import perfect_bayesian_equilibria
    >>> res = perfect_bayesian_equilibria(costly_alliance())
    >>> [e.cases for e in res.of_kind("separating") if dict(e.sender)["resolute"] == "Ally"]
    [((c >= v) & (c <= f),)]
    """
    params = build_parameters(COSTLY_ALLIANCE_CODING.specs, overrides, "costly_alliance")
    s = symbols(params)
    p, c, f, v, g, w, k = (s[n] for n in ("p", "c", "f", "v", "g", "w", "k"))

    def pay(t: str, m: str, a: str) -> tuple[sp.Expr, sp.Expr]:
        cost = c if m == "Ally" else 0
        if a == "Not challenge":
            return -cost, sp.S.Zero
        resolute = t == "resolute"
        loss = f if resolute else v
        return -cost - loss, _challenger(resolute, g, w + (k if m == "Ally" else 0))

    return signalling_game(
        "Costly alliance signal (after Morrow 1994)",
        ("Third state", "Challenger"),
        ("resolute", "irresolute"),
        params,
        {"resolute": p, "irresolute": 1 - p},
        ("Ally", "Stay unaligned"),
        ("Challenge", "Not challenge"),
        pay,
        description="An alliance with peacetime cost c signals resolve and adds k to a challenger's war cost.",
        source=MORROW_1994,
    )


def _defender_game(name: str, instrument: str, params, source: str) -> SignallingGame:
    s = symbols(params)
    p, vH, vL, wD, g, w = (s[n] for n in ("p", "v_H", "v_L", "w_D", "g", "w"))

    def pay(t: str, m: str, a: str) -> tuple[sp.Expr, sp.Expr]:
        value = vH if t == "resolute" else vL
        signal = m == "Signal"
        sunk = s["k"] if instrument == "sink" and signal else 0
        if a == "Not challenge":
            return value - sunk, sp.S.Zero
        # challenged: the resolute type fights; the irresolute one backs down, unless its hands are tied
        fights = t == "resolute" or (instrument == "tie" and signal)
        u = (value - wD if fights else sp.S.Zero) - sunk
        return u, _challenger(fights, g, w)

    return signalling_game(
        name,
        ("Defender", "Challenger"),
        ("resolute", "irresolute"),
        params,
        {"resolute": p, "irresolute": 1 - p},
        ("Signal", "No signal"),
        ("Challenge", "Not challenge"),
        pay,
        description=f"Fearon's {'sunk-cost' if instrument == 'sink' else 'hands-tying'} signal, binary coding.",
        source=source,
    )


def sinking_costs(**overrides: Any) -> SignallingGame:
    """A sunk-cost signal of resolve (e.g. mobilisation), after Fearon (1997).

    The defender values the stake at ``v_H`` (resolute, probability ``p``) or
    ``v_L``; war costs it ``w_D`` with ``v_H > w_D > v_L``, so only the
    resolute type fights when challenged.  It may pay ``k`` up front
    (message ``Signal``) whatever follows.  The challenger gains ``g`` if the
    defender backs down and loses ``w`` in a war.  Payoffs are our coding.

    Derived results (tests): the signal separates the types exactly where
    ``v_L <= k <= w_D`` (it must cost more than the irresolute type's value of
    deterring, less than the resolute type's); in that equilibrium the type
    that signals fights if challenged — no bluffing.  The exception in this
    coding is a semi-separating equilibrium with a cheap signal (``k < v_L``)
    and a low prior (``p < g/(g + w)``): the irresolute type sinks the cost with
    probability ``p w / (g (1 - p))``, is challenged with probability
    ``(v_L - k)/v_L`` and then backs down — a bluff called with positive
    probability.

    References
    ----------
    Fearon (1997) [@fearon1997].

    Examples
    --------
    >>> from alliancegames.analysis.signalling import perfect_bayesian_equilibria
    >>> res = perfect_bayesian_equilibria(sinking_costs())
    >>> [e.cases for e in res.of_kind("separating") if dict(e.sender)["resolute"] == "Signal"]
    [((k >= v_L) & (k <= w_D),)]
    """
    params = build_parameters(SINKING_COSTS_CODING.specs, overrides, "sinking_costs")
    return _defender_game("Sinking costs (after Fearon 1997)", "sink", params, FEARON_1997)


def hands_tying(**overrides: Any) -> SignallingGame:
    """A hands-tying signal (a public commitment with audience cost ``a``), after Fearon (1997).

    As :func:`sinking_costs`, but the signal costs nothing up front: a defender
    who signals and then backs down pays the audience cost ``a``.  Our coding
    takes the audience cost to be binding, ``a > w_D - v_L``: after the signal
    even the irresolute type prefers to fight (``v_L - w_D > -a``), so the
    signal changes behaviour rather than revealing it.  (The audience cost
    therefore never appears in the payoffs: nobody backs down after signalling.)

    Derived results (tests): no bluffing — every type that signals fights if
    challenged; the challenger never challenges after the signal, and no
    equilibrium has a challenge (hence a war) on its path.  Fearon's comparison
    of the *ex-ante risk of war* (greater under tied hands than under sunk
    costs) is **not** reproduced by this binary coding: with a challenger who
    knows its own costs a binding commitment simply deters, while under sunk
    costs the pooling equilibrium without a signal (``p <= g/(g + w)``) has the
    resolute type fight a challenge.  With a challenger who may be determined
    (:func:`alliancegames.models.fearon.hands_tying_determined`) the ranking
    is reproduced.

    References
    ----------
    Fearon (1997) [@fearon1997].

    Examples
    --------
    >>> g = hands_tying()
    >>> g.payoff("irresolute", "Signal", "Challenge")
    (v_L - w_D, -w)
    """
    params = build_parameters(HANDS_TYING_CODING.specs, overrides, "hands_tying")
    return _defender_game("Tying hands (after Fearon 1997)", "tie", params, FEARON_1997)


def alliance_reliability(**overrides: Any) -> BayesianGame:
    """Unreliable alliances invite attack, after Smith (1995): a Bayesian game.

    An ally is *reliable* with prior probability ``r``: honouring the alliance
    (``Honour``) is worth ``b`` more to it than abandoning; to an unreliable
    ally honouring costs ``d``.  A challenger, unsure of the type, attacks the
    protected state or not; it gains ``g`` if the ally abandons and loses ``w``
    if the ally honours.  Payoffs are our coding; the ally's plan matters only
    when attacked.

    Solve the type-contingent strategic form (``.strategic_form()``) with the
    ordinary solver and read equilibria per type with
    :func:`alliancegames.core.bayesian.per_type`.  Derived result (tests):
    in every equilibrium in which each type's plan is its best response when
    attacked (reliable honours, unreliable abandons), the challenger attacks
    exactly where ``r <= g/(g + w)`` — the less reliable the alliance is
    believed to be, the more it invites attack.

    References
    ----------
    Smith (1995) [@smith1995].

    Examples
    --------
    >>> alliance_reliability().strategic_form().shape
    (4, 2)
    """
    params = build_parameters(RELIABILITY_CODING.specs, overrides, "alliance_reliability")
    s = symbols(params)
    r, b, d, g, w = (s[n] for n in ("r", "b", "d", "g", "w"))

    def pay(t: tuple[str, str], a: tuple[str, str]) -> tuple[sp.Expr, sp.Expr]:
        ally, challenger = a
        if challenger == "Not attack":
            return sp.S.Zero, sp.S.Zero
        if ally == "Honour":
            return (b if t[0] == "reliable" else -d), -w
        return sp.S.Zero, g

    return bayesian_game(
        "Alliance reliability (after Smith 1995)",
        ("Ally", "Challenger"),
        (("reliable", "unreliable"), ("challenger",)),
        (("Honour", "Abandon"), ("Attack", "Not attack")),
        params,
        {"Ally": {"reliable": r, "unreliable": 1 - r}},
        pay,
        description="The challenger attacks an alliance it believes unreliable enough.",
        source=SMITH_1995,
    )
