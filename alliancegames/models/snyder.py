"""Snyder's alliance security dilemma: the secondary alliance game, the adversary game,
their composite, and the primary (formation) game.

Source
------
Snyder (1984) [@snyder1984]; the full entry is in ``alliancegames/data/references.bib``.

What is Snyder's and what is ours
---------------------------------
Snyder's argument is qualitative: after an alliance forms, each ally chooses
how firmly to support the other, torn between the fear of *abandonment* (the
ally defects, realigns or fails to help) and the fear of *entrapment* (being
dragged into a conflict over the ally's interests).  A strong commitment
lowers the risk of abandonment but raises the risk of entrapment; a weak one
does the reverse.  The alliance game interacts with the *adversary game*
(firmness or conciliation toward the opponent): firmness reassures the ally but
raises entrapment and spiral risks; conciliation restrains the ally but feeds
its fear of abandonment.  The formation of alliances (the *primary* game) is a
prisoner's dilemma.  Snyder gives tables of goods and bads, not cardinal
payoffs.  **Every payoff matrix below is our coding** of that argument.  Each
factory states the ordinal comparisons the coding must respect (checked by the
tests over the plausible range of every parameter) and leaves the comparisons
that decide the equilibrium free, so that they become *results*: conditions on
the parameters.

Conventions: players are symmetric; the row player is index 0.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from alliancegames.core.model import NormalFormModel, normal_form
from alliancegames.core.references import cite

from ._common import CodingRanges, Preference, Spec, build_parameters, mirrored, symbols, symmetric_table

__all__ = [
    "ALLIANCE_REGIMES",
    "snyder_alliance",
    "snyder_adversary",
    "alliance_adversary",
    "primary_alliance",
    "SNYDER_ALLIANCE_CODING",
    "SNYDER_ADVERSARY_CODING",
    "ALLIANCE_ADVERSARY_CODING",
    "PRIMARY_ALLIANCE_CODING",
    "SNYDER_1984",
]

SNYDER_1984 = cite("snyder1984")

R = sp.Rational


def _symmetric(name: str, players, labels, params, u, description: str) -> NormalFormModel:
    """A symmetric 2x2 model from the row player's payoff function ``u[(mine, other)]``."""
    table = symmetric_table(labels, lambda mine, other: u[(mine, other)])
    return normal_form(
        name, players, (labels, labels), params, table, description=description, source=SNYDER_1984
    )


# ----------------------------------------------------------------------------- secondary game
SNYDER_ALLIANCE_CODING = CodingRanges(
    specs=(
        Spec(
            "v_protect",
            "value to each ally of the protection a cohesive (mutually firm) alliance gives",
            "positive",
            3,
            (1, 6),
        ),
        Spec(
            "c_abandon",
            "cost to an ally of being abandoned (the partner realigns or fails to help)",
            "positive",
            2,
            (R(1, 2), 6),
        ),
        Spec(
            "c_entrap",
            "cost to an ally of being dragged into a conflict over the partner's interests",
            "positive",
            4,
            (R(1, 2), 6),
        ),
        Spec(
            "p_conflict",
            "probability that a conflict arises in which commitments are tested",
            "probability",
            R(1, 2),
            (R(1, 10), R(9, 10)),
        ),
    ),
    preferences=mirrored(
        [
            Preference(
                0,
                ("Firm", "Firm"),
                ("Firm", "Weak"),
                "a firm partner is worth having: protection v_protect > 0",
            ),
            Preference(
                0, ("Weak", "Firm"), ("Weak", "Weak"), "being abandoned hurts: 0 > -p_conflict*c_abandon"
            ),
            Preference(
                0,
                ("Weak", "Firm"),
                ("Firm", "Weak"),
                "holding back while the partner is firm beats standing firm alone: 0 > -p_conflict*c_entrap",
            ),
        ]
    ),
    notes="Free comparisons (results): Firm vs Weak against a firm partner (v_protect vs "
    "p_conflict*c_entrap) and against a weak partner (c_abandon vs c_entrap).",
)


def snyder_alliance(**defaults: Any) -> NormalFormModel:
    r"""Snyder's secondary alliance dilemma: Firm or Weak commitment to an ally.

    The argument formalised: a firm commitment reassures the partner (it will
    not realign, so the risk of abandonment falls) but emboldens it (the risk of
    entrapment rises); a weak commitment keeps one's options open but, if the
    partner is also weak, invites mutual defection.  Both fears trade off
    against the protection that a cohesive alliance gives.

    Our coding (Snyder 1984 gives no numbers), for one ally against its partner,
    with :math:`v` = ``v_protect``, :math:`a` = ``c_abandon``, :math:`e` =
    ``c_entrap``, :math:`p` = ``p_conflict``:

    ============  =================  ==============
    mine/partner  Firm               Weak
    ============  =================  ==============
    Firm          :math:`v - p e`    :math:`- p e`
    Weak          :math:`0`          :math:`- p a`
    ============  =================  ==============

    * protection :math:`v` needs both commitments to be firm;
    * a firm commitment exposes its giver to entrapment with probability :math:`p`;
    * abandonment strikes only when neither ally is tied down (both weak): a
      partner reassured by my firmness, or itself firmly committed, does not realign.

    Ordinal comparisons the coding respects (checked by tests over the plausible
    ranges): FF > FW, WF > WW, WF > FW for each player.  The comparisons that
    decide the game are left free.  With :math:`D_F = v - p e` (gain from Firm
    against a firm partner) and :math:`D_W = p(a - e)` (against a weak one):

    * both firm is the unique equilibrium iff :math:`v > p e` and :math:`a > e`;
    * both weak is the unique equilibrium iff :math:`v < p e` and :math:`a < e`;
    * coordination (both firm, both weak and a mixed equilibrium) iff
      :math:`v > p e > p a`; the mixed tipping point is
      :math:`\sigma_F = p(e - a)/(v - p a)`;
    * a "chicken" game (one firm, one weak, and a mixed equilibrium) iff
      :math:`v < p e < p a`, with :math:`\sigma_F = p(a - e)/(p a - v)`, which
      falls as the cost of entrapment rises.

    Raising ``c_entrap`` lowers both :math:`D_F` and :math:`D_W`: the both-firm
    region shrinks and play moves toward weak commitment.

    Parameters
    ----------
    **defaults
        New defaults for ``v_protect`` (3, plausible 1-6), ``c_abandon`` (2, 1/2-6),
        ``c_entrap`` (4, 1/2-6), ``p_conflict`` (1/2, 1/10-9/10).

    Returns
    -------
    NormalFormModel

    References
    ----------
    Snyder (1984) [@snyder1984].  The payoffs are our coding.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(snyder_alliance()).labels      # defaults: coordination
    ('Firm/Firm', 'Weak/Weak', 'mixed (Firm,Weak / Firm,Weak)')
    >>> solve(snyder_alliance(v_protect=2, c_entrap=6), exact=True).labels
    ('Weak/Weak',)
    """
    params = build_parameters(SNYDER_ALLIANCE_CODING.specs, defaults, "snyder_alliance")
    s = symbols(params)
    v, a, e, p = s["v_protect"], s["c_abandon"], s["c_entrap"], s["p_conflict"]
    u = {
        ("Firm", "Firm"): v - p * e,
        ("Firm", "Weak"): -p * e,
        ("Weak", "Firm"): sp.Integer(0),
        ("Weak", "Weak"): -p * a,
    }
    return _symmetric(
        "snyder_alliance",
        ("Ally 1", "Ally 2"),
        ("Firm", "Weak"),
        params,
        u,
        "Secondary alliance dilemma: firm commitment risks entrapment, weak commitment risks abandonment.",
    )


# ----------------------------------------------------------------------------- adversary game
SNYDER_ADVERSARY_CODING = CodingRanges(
    specs=(
        Spec("v_stake", "value of the disputed stake to each adversary", "positive", 4, (1, 10)),
        Spec(
            "c_spiral",
            "expected cost of mutual firmness (spiral of hostility, risk of war)",
            "positive",
            6,
            (R(1, 2), 20),
        ),
    ),
    preferences=mirrored(
        [
            Preference(
                0,
                ("Firm", "Conciliate"),
                ("Conciliate", "Conciliate"),
                "prevailing beats splitting the stake",
            ),
            Preference(
                0, ("Conciliate", "Conciliate"), ("Conciliate", "Firm"), "a compromise beats being exploited"
            ),
        ]
    ),
    notes="Free comparison (result): mutual firmness vs being exploited, v_stake/2 vs c_spiral: "
    "chicken if c_spiral > v_stake/2, a spiral (prisoner's dilemma) if c_spiral < v_stake/2.",
)


def snyder_adversary(**defaults: Any) -> NormalFormModel:
    r"""Snyder's adversary game: Firm or Conciliate toward the opponent.

    The argument formalised: firmness wins concessions from a conciliatory
    opponent but, against a firm one, starts a spiral of hostility;
    conciliation splits the stake with a conciliatory opponent but is exploited
    by a firm one.

    Our coding, with :math:`v` = ``v_stake`` and :math:`c` = ``c_spiral``:
    FF :math:`= v/2 - c`, FC :math:`= v`, CF :math:`= 0`, CC :math:`= v/2`.
    Respected ordering: FC > CC > CF.  Result: for :math:`c > v/2` the game is
    chicken, with pure equilibria (Firm, Conciliate), (Conciliate, Firm) and a
    mixed one in which each is firm with probability :math:`v/(2c)`; for
    :math:`c < v/2` firmness is dominant and mutual firmness (the spiral) is the
    unique equilibrium.

    Parameters
    ----------
    **defaults
        New defaults for ``v_stake`` (4, plausible 1-10) and ``c_spiral`` (6, 1/2-20).

    References
    ----------
    Snyder (1984) [@snyder1984].  The payoffs are our coding.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> len(solve(snyder_adversary()))
    3
    """
    params = build_parameters(SNYDER_ADVERSARY_CODING.specs, defaults, "snyder_adversary")
    s = symbols(params)
    v, c = s["v_stake"], s["c_spiral"]
    u = {
        ("Firm", "Firm"): v / 2 - c,
        ("Firm", "Conciliate"): v,
        ("Conciliate", "Firm"): sp.Integer(0),
        ("Conciliate", "Conciliate"): v / 2,
    }
    return _symmetric(
        "snyder_adversary",
        ("State A", "State B"),
        ("Firm", "Conciliate"),
        params,
        u,
        "Adversary game: firmness risks a spiral, conciliation risks exploitation.",
    )


# ----------------------------------------------------------------------------- composite
ALLIANCE_ADVERSARY_CODING = CodingRanges(
    specs=(
        Spec("v_stake", "value of the disputed stake to each adversary", "positive", 4, (4, 8)),
        Spec(
            "c_spiral",
            "expected cost of mutual firmness (spiral of hostility, risk of war)",
            "positive",
            6,
            (4, 12),
        ),
        Spec(
            "c_abandon",
            "cost to a state if its ally, alarmed by conciliation, realigns",
            "nonnegative",
            3,
            (R(1, 2), 4),
        ),
        Spec(
            "c_entrap",
            "cost to a state of being dragged into its emboldened ally's conflict",
            "nonnegative",
            4,
            (R(1, 2), 4),
        ),
        Spec(
            "p_conflict",
            "probability that an ally emboldened by firmness drags its patron into conflict",
            "probability",
            R(1, 2),
            (R(1, 10), R(9, 10)),
        ),
        Spec(
            "p_realign",
            "probability that an ally alarmed by conciliation realigns or defects",
            "probability",
            R(1, 2),
            (R(1, 10), R(9, 10)),
        ),
    ),
    preferences=mirrored(
        [
            Preference(
                0,
                ("Firm", "Conciliate"),
                ("Conciliate", "Firm"),
                "prevailing beats being exploited (v_stake > p_conflict*c_entrap in the range)",
            ),
            Preference(
                0, ("Conciliate", "Conciliate"), ("Conciliate", "Firm"), "a compromise beats being exploited"
            ),
            Preference(
                0,
                ("Conciliate", "Conciliate"),
                ("Firm", "Firm"),
                "mutual conciliation beats the spiral (c_spiral + p_conflict*c_entrap > p_realign*c_abandon)",
            ),
        ]
    ),
    notes="Free comparison (result): firmness against a conciliator, v_stake/2 + p_realign*c_abandon "
    "vs p_conflict*c_entrap.",
)


def alliance_adversary(**defaults: Any) -> NormalFormModel:
    r"""Snyder's composite alliance-adversary game.

    The argument formalised: two adversaries, each with an ally, play the
    adversary game; each one's stance also moves its own alliance game.
    Firmness toward the adversary reassures the ally but emboldens it (risk of
    entrapment); conciliation restrains the ally but feeds its fear of
    abandonment (risk that it realigns).

    Our coding: the adversary-game payoffs of :func:`snyder_adversary` plus, for
    a firm state, :math:`-p_c e` (``p_conflict * c_entrap``) and, for a
    conciliatory one, :math:`-p_r a` (``p_realign * c_abandon``).  With
    :math:`a = e = 0` it is the adversary game.  Result: mutual firmness is the
    unique equilibrium iff :math:`c < v/2 + p_r a - p_c e`; otherwise (with
    :math:`v/2 + p_r a > p_c e`) the game is chicken and each state is firm
    with probability :math:`\sigma_F = (v/2 + p_r a - p_c e)/c`, which rises
    with the fear of abandonment and falls with the fear of entrapment: the
    alliance game constrains the adversary game (Snyder's interaction).

    Parameters
    ----------
    **defaults
        New defaults for ``v_stake`` (4, plausible 4-8), ``c_spiral`` (6, 4-12),
        ``c_abandon`` (3, 1/2-4), ``c_entrap`` (4, 1/2-4), ``p_conflict``
        (1/2, 1/10-9/10), ``p_realign`` (1/2, 1/10-9/10).

    References
    ----------
    Snyder (1984) [@snyder1984].  The payoffs are our coding.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> [e.strategies[0][0] for e in solve(alliance_adversary(), exact=True) if not e.is_pure]
    [Fraction(1, 4)]
    """
    params = build_parameters(ALLIANCE_ADVERSARY_CODING.specs, defaults, "alliance_adversary")
    s = symbols(params)
    v, c = s["v_stake"], s["c_spiral"]
    ent = s["p_conflict"] * s["c_entrap"]
    ab = s["p_realign"] * s["c_abandon"]
    u = {
        ("Firm", "Firm"): v / 2 - c - ent,
        ("Firm", "Conciliate"): v - ent,
        ("Conciliate", "Firm"): -ab,
        ("Conciliate", "Conciliate"): v / 2 - ab,
    }
    return _symmetric(
        "alliance_adversary",
        ("Bloc A", "Bloc B"),
        ("Firm", "Conciliate"),
        params,
        u,
        "Composite game: firmness toward the adversary reassures the ally but risks entrapment; "
        "conciliation risks abandonment.",
    )


# ----------------------------------------------------------------------------- primary game
PRIMARY_ALLIANCE_CODING = CodingRanges(
    specs=(
        Spec(
            "g_advantage",
            "gain from allying with a third state while the other stays alone",
            "positive",
            3,
            (R(3, 2), 4),
        ),
        Spec(
            "k_cost",
            "cost of an alliance (commitments, lost autonomy, rival blocs' tension)",
            "positive",
            1,
            (R(1, 5), 1),
        ),
        Spec("l_isolation", "loss from being isolated against an alliance", "positive", 2, (R(6, 5), 4)),
    ),
    preferences=mirrored(
        [
            Preference(0, ("Ally", "Abstain"), ("Abstain", "Abstain"), "temptation > reward"),
            Preference(0, ("Abstain", "Abstain"), ("Ally", "Ally"), "reward > punishment"),
            Preference(0, ("Ally", "Ally"), ("Abstain", "Ally"), "punishment > sucker"),
        ]
    ),
    notes="The full prisoner's dilemma ordering T > R > P > S (Snyder's characterisation) is imposed.",
)


def primary_alliance(**defaults: Any) -> NormalFormModel:
    r"""Snyder's primary alliance dilemma: whether to ally at all (a prisoner's dilemma).

    The argument formalised: in a multipolar system each state is better off
    allying whatever the others do (an alliance against an isolated state is
    best, isolation against an alliance worst), yet when all ally the result is
    rival blocs, no more secure than before and burdened with the costs of
    alliance: the security dilemma carried into alliance politics.  Here
    "Abstain" is cooperation (C) and "Ally" is defection (D).

    Our coding: Abstain/Abstain :math:`0`; Ally/Abstain :math:`g - k`;
    Abstain/Ally :math:`-l`; Ally/Ally :math:`-k` (``g_advantage``, ``k_cost``,
    ``l_isolation``), a prisoner's dilemma whenever :math:`g > k` and
    :math:`l > k`, which holds across the plausible ranges.  Result: unique
    equilibrium (Ally, Ally), Pareto-dominated by (Abstain, Abstain).

    Snyder's description of the primary game as a prisoner's dilemma is taken
    from the project's literature notes (tagged *recall* there: confirm against
    Snyder 1984, pp. 461-465, before quoting it).

    Parameters
    ----------
    **defaults
        New defaults for ``g_advantage`` (3, plausible 3/2-4), ``k_cost`` (1, 1/5-1),
        ``l_isolation`` (2, 6/5-4).

    References
    ----------
    Snyder (1984) [@snyder1984].  The payoffs are our coding.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(primary_alliance()).labels
    ('Ally/Ally',)
    """
    params = build_parameters(PRIMARY_ALLIANCE_CODING.specs, defaults, "primary_alliance")
    s = symbols(params)
    g, k, l_ = s["g_advantage"], s["k_cost"], s["l_isolation"]
    u = {
        ("Ally", "Ally"): -k,
        ("Ally", "Abstain"): g - k,
        ("Abstain", "Ally"): -l_,
        ("Abstain", "Abstain"): sp.Integer(0),
    }
    return _symmetric(
        "primary_alliance",
        ("State 1", "State 2"),
        ("Ally", "Abstain"),
        params,
        u,
        "Primary alliance dilemma: allying is dominant, mutual alliance (rival blocs) is Pareto-dominated.",
    )


#: Readable names for the regimes of :func:`snyder_alliance`, keyed by the set of equilibrium
#: labels at a point (pass as ``labels=`` to :func:`alliancegames.studies.sweeps.sweep` or ``monte_carlo``).
ALLIANCE_REGIMES: dict[tuple[str, ...], str] = {
    ("Firm/Firm",): "both firm",
    ("Weak/Weak",): "both weak",
    ("Firm/Firm", "Weak/Weak", "mixed (Firm,Weak / Firm,Weak)"): "assurance (both firm or both weak)",
    ("Firm/Weak", "Weak/Firm", "mixed (Firm,Weak / Firm,Weak)"): "chicken (one firm, one weak)",
}
