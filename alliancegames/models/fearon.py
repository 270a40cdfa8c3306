r"""Tying hands versus sinking costs with a challenger who may be determined (after Fearon 1997).

Source
------
Fearon (1997), "Signaling Foreign Policy Interests: Tying Hands versus Sinking
Costs" [@fearon1997] [abstract checked]: leaders never bluff with either kind
of signal; they do better on average by tying hands, *although tying hands
creates a greater ex-ante risk of war than sinking costs*.

What is the source's and what is ours
-------------------------------------
Fearon's model was not read in full here; his types are continuous.  The
binary models :func:`~alliancegames.models.signalling.sinking_costs` and
:func:`~alliancegames.models.signalling.hands_tying` have a challenger who
knows its own costs, so a binding commitment simply deters and the war-risk
ranking comes out the other way round.  The smallest change that lets the
ranking appear, and the one made here, is the challenger's side of Fearon's
uncertainty: with probability ``q`` (our coding, with a plausible range) the
challenger is *determined* — it challenges whatever the signal, as a
challenger with a low cost of war would — and otherwise it is the strategic
challenger of the binary models.  The defender signals before it knows which
challenger it faces.  The determined challenger's move is folded into the
defender's expected payoffs, so the strategic challenger remains the receiver
of a two-type signalling game.  At ``q = 0`` the binary models are recovered.
All payoffs are our coding.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy as sp

from alliancegames.core.bayesian import SignallingGame, signalling_game
from alliancegames.core.model import ModelError

from ._common import CodingRanges, Spec, build_parameters, symbols
from .signalling import FEARON_1997, HANDS_TYING_CODING, SINKING_COSTS_CODING, hands_tying, sinking_costs

__all__ = [
    "HANDS_TYING_DETERMINED_CODING",
    "SINKING_COSTS_DETERMINED_CODING",
    "ex_ante_war_risk",
    "hands_tying_determined",
    "sinking_costs_determined",
]

R = sp.Rational
_Q = Spec(
    "q",
    "probability that the challenger is determined (challenges whatever the signal)",
    "probability",
    R(1, 4),
    (R(1, 20), R(1, 2)),
)
SINKING_COSTS_DETERMINED_CODING = CodingRanges(
    (*SINKING_COSTS_CODING.specs, _Q),
    notes=SINKING_COSTS_CODING.notes + " The determined challenger's probability q is our coding.",
)
HANDS_TYING_DETERMINED_CODING = CodingRanges(
    (*HANDS_TYING_CODING.specs, _Q),
    notes=HANDS_TYING_CODING.notes + " The determined challenger's probability q is our coding.",
)


def _determined(base: SignallingGame, overrides: Mapping[str, Any], name: str) -> SignallingGame:
    (q,) = build_parameters((_Q,), {k: v for k, v in overrides.items() if k == "q"}, name)
    Q = q.symbol
    pay = dict(base.payoffs)
    table = {
        (t, m, a): (
            sp.expand((1 - Q) * pay[(t, m, a)][0] + Q * pay[(t, m, "Challenge")][0]),
            pay[(t, m, a)][1],
        )
        for (t, m, a) in pay
    }
    return signalling_game(
        base.name.replace("(after Fearon 1997)", "with a determined challenger (after Fearon 1997)"),
        base.players,
        base.types,
        (*base.parameters, q),
        dict(base.prior),
        base.messages,
        base.actions,
        table,
        description=base.description + " With probability q the challenger challenges whatever the signal.",
        source=FEARON_1997,
    )


def sinking_costs_determined(**overrides: Any) -> SignallingGame:
    """:func:`~alliancegames.models.signalling.sinking_costs` with a determined challenger (probability ``q``).

    The receiver is the strategic challenger; the defender's payoffs are
    expectations over the challenger's kind: ``(1 - q) u(t, m, a) + q u(t, m, Challenge)``.

    References
    ----------
    Fearon (1997) [@fearon1997].

    Examples
    --------
    >>> g = sinking_costs_determined()
    >>> g.payoff("resolute", "Signal", "Not challenge")
    (-k - q*w_D + v_H, 0)
    """
    base = sinking_costs(**{k: v for k, v in overrides.items() if k != "q"})
    return _determined(base, overrides, "sinking_costs_determined")


def hands_tying_determined(**overrides: Any) -> SignallingGame:
    """:func:`~alliancegames.models.signalling.hands_tying` with a determined challenger (probability ``q``).

    References
    ----------
    Fearon (1997) [@fearon1997].

    Examples
    --------
    >>> g = hands_tying_determined()
    >>> g.payoff("irresolute", "Signal", "Not challenge")
    (-q*w_D + v_L, 0)
    """
    base = hands_tying(**{k: v for k, v in overrides.items() if k != "q"})
    return _determined(base, overrides, "hands_tying_determined")


def ex_ante_war_risk(game: SignallingGame, equilibrium: Any, values: Mapping[str, Any]) -> Fraction:
    """The probability of war on the path of a PBE of the two games above, exactly.

    War: the defender is challenged — by the determined challenger (probability
    ``q``) or by the strategic one (its strategy after the message) — and
    fights: the resolute type always, the irresolute one only with its hands tied.

    Examples
    --------
    >>> from alliancegames.analysis.signalling import perfect_bayesian_equilibria
    >>> g = hands_tying_determined()
    >>> pt = {"p": R(1, 5), "q": R(1, 4)}
    >>> [ex_ante_war_risk(g, e, pt) for e in perfect_bayesian_equilibria(g).at(pt, intuitive=True)]
    [Fraction(1, 4)]
    """
    if not game.name.startswith(("Sinking costs with a determined", "Tying hands with a determined")):
        raise ModelError(
            f"ex_ante_war_risk is defined for the determined-challenger Fearon games, not {game.name!r}"
        )
    tied = game.name.startswith("Tying")
    defaults = {p.name: p.default for p in game.parameters}
    unknown = sorted(set(values) - set(defaults))
    if unknown:
        raise ModelError(f"unknown parameters {unknown}")
    sub = {p.symbol: sp.nsimplify(values.get(p.name, defaults[p.name])) for p in game.parameters}

    def num(x: Any) -> Fraction:
        v = sp.nsimplify(sp.sympify(x).xreplace(sub))
        return Fraction(int(v.p), int(v.q))

    q = num(symbols(game.parameters)["q"])
    s, r = equilibrium.behaviour()
    risk = Fraction(0)
    for t, pr in game.prior:
        for m, share in s[t].items():
            if t == "resolute" or (tied and m == "Signal"):
                challenged = q + (1 - q) * num(r[m].get("Challenge", 0))
                risk += num(pr) * num(share) * challenged
    return risk
