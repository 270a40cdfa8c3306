"""The library of alliance models: each a function returning a symbolic model, tree or result.

Look models up by name with :func:`get_model` and list them with
:func:`list_models`.  Every model cites its source in its docstring and says
which parts are the source's and which are our coding of a qualitative
argument; :data:`CODINGS` gives, per model, the parameters' plausible ranges
and the ordinal comparisons that the coding respects.

Kinds
-----
``normal_form``
    :class:`~alliancegames.core.model.NormalFormModel`: solve with
    :func:`alliancegames.solvers.enumeration.solve`, regions with :mod:`alliancegames.analysis.regions`.
``tree``
    :class:`~alliancegames.analysis.tree.GameTree`: :func:`~alliancegames.analysis.tree.backward_induction`
    or :func:`~alliancegames.analysis.tree.strategic_form`.
``signalling``
    :class:`~alliancegames.core.bayesian.SignallingGame`: perfect Bayesian equilibria with
    :func:`~alliancegames.analysis.signalling.perfect_bayesian_equilibria`; Bayesian Nash
    equilibria via ``.strategic_form()``.
``bayesian``
    :class:`~alliancegames.core.bayesian.BayesianGame`: solve ``.strategic_form()`` and read
    the equilibria per type with :func:`~alliancegames.core.bayesian.per_type`.
``result``
    A frozen object with closed forms and a numeric solver (burden sharing,
    buck-passing).

Examples
--------
>>> from alliancegames.models import get_model, list_models
>>> "snyder_alliance" in set(list_models()["name"])
True
>>> get_model("snyder_alliance", c_entrap=5).parameter("c_entrap").default
5
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from alliancegames.core.model import ModelError
from alliancegames.core.references import cite

from . import balancing, bargaining, burden, deterrence, fearon, quasi, signalling, snyder, straddle
from ._common import CodingRanges, Preference, Spec, at_defaults
from .balancing import BuckPassing, buck_passing, chain_gang, offence_defence
from .bargaining import alliance_bargaining, arm_or_ally
from .burden import (
    BurdenSharing,
    BurdenSharingEquilibrium,
    burden_sharing,
    burden_sharing_matrix,
    solve_burden_sharing,
)
from .deterrence import (
    CommitmentTradeoff,
    commitment_tradeoff,
    extended_deterrence,
    probabilistic_commitment,
)
from .deterrence import (
    deterrence as deterrence_model,
)
from .fearon import hands_tying_determined, sinking_costs_determined
from .protocol import LibraryModel, as_library_model
from .quasi import quasi_alliance
from .signalling import alliance_reliability, costly_alliance, hands_tying, sinking_costs
from .snyder import ALLIANCE_REGIMES, alliance_adversary, primary_alliance, snyder_adversary, snyder_alliance
from .straddle import straddle_breakaway, straddle_crisis

__all__ = [
    "ALLIANCE_REGIMES",
    "CODINGS",
    "BuckPassing",
    "BurdenSharing",
    "BurdenSharingEquilibrium",
    "CodingRanges",
    "CommitmentTradeoff",
    "LibraryModel",
    "ModelEntry",
    "Preference",
    "REGISTRY",
    "Spec",
    "alliance_adversary",
    "at_defaults",
    "alliance_bargaining",
    "alliance_reliability",
    "arm_or_ally",
    "buck_passing",
    "burden_sharing",
    "burden_sharing_matrix",
    "chain_gang",
    "commitment_tradeoff",
    "costly_alliance",
    "deterrence_model",
    "extended_deterrence",
    "get_model",
    "hands_tying",
    "hands_tying_determined",
    "library_model",
    "list_models",
    "model_entry",
    "offence_defence",
    "primary_alliance",
    "probabilistic_commitment",
    "quasi_alliance",
    "snyder_adversary",
    "sinking_costs",
    "sinking_costs_determined",
    "snyder_alliance",
    "solve_burden_sharing",
    "straddle_breakaway",
    "straddle_crisis",
]


@dataclass(frozen=True)
class ModelEntry:
    """A registered model: its name, kind, factory, one-line description and sources.

    ``references`` are keys of the package bibliography
    (:func:`alliancegames.core.references.bibliography`); :attr:`citation` formats them.
    """

    name: str
    kind: str
    factory: Callable[..., Any]
    description: str
    references: tuple[str, ...]
    coding: CodingRanges | None = None

    @property
    def citation(self) -> str:
        """The sources as one line of text, formatted from the bibliography."""
        return cite(*self.references)

    def build(self, **overrides: Any) -> Any:
        """Call the factory (``overrides`` are new parameter defaults; for burden sharing, ``n``)."""
        return self.factory(**overrides)


def _entries() -> dict[str, ModelEntry]:
    S, B, D = snyder, balancing, deterrence
    rows = [
        ModelEntry(
            "snyder_alliance",
            "normal_form",
            snyder_alliance,
            "Secondary alliance dilemma: Firm or Weak commitment, abandonment versus entrapment.",
            ("snyder1984",),
            S.SNYDER_ALLIANCE_CODING,
        ),
        ModelEntry(
            "snyder_adversary",
            "normal_form",
            snyder_adversary,
            "Adversary game: Firm or Conciliate toward the opponent (chicken or spiral).",
            ("snyder1984",),
            S.SNYDER_ADVERSARY_CODING,
        ),
        ModelEntry(
            "alliance_adversary",
            "normal_form",
            alliance_adversary,
            "Composite game: firmness toward the adversary reassures the ally but risks entrapment.",
            ("snyder1984",),
            S.ALLIANCE_ADVERSARY_CODING,
        ),
        ModelEntry(
            "primary_alliance",
            "normal_form",
            primary_alliance,
            "Primary alliance dilemma: Ally or Abstain, a prisoner's dilemma.",
            ("snyder1984",),
            S.PRIMARY_ALLIANCE_CODING,
        ),
        ModelEntry(
            "burden_sharing",
            "result",
            burden_sharing,
            "Olson-Zeckhauser public-good game: n members, Cobb-Douglas utility, corners included.",
            ("olson_zeckhauser1966",),
            None,
        ),
        ModelEntry(
            "burden_sharing_matrix",
            "normal_form",
            burden_sharing_matrix,
            "Two-member burden sharing discretised to High/Low contributions (teaching).",
            ("olson_zeckhauser1966",),
            burden.BURDEN_SHARING_MATRIX_CODING,
        ),
        ModelEntry(
            "buck_passing",
            "result",
            buck_passing,
            "Buck-passing as an N-state volunteer's dilemma: mixed equilibrium, P(nobody balances).",
            ("christensen_snyder1990", "diekmann1985"),
            CodingRanges(B.BUCK_PASSING_SPECS),
        ),
        ModelEntry(
            "chain_gang",
            "normal_form",
            chain_gang,
            "Chain-ganging: unconditional commitment under a perceived offensive advantage.",
            ("christensen_snyder1990",),
            B.CHAIN_GANG_CODING,
        ),
        ModelEntry(
            "offence_defence",
            "normal_form",
            offence_defence,
            "Offence-defence balance moves two states from buck-passing to chain-ganging.",
            ("christensen_snyder1990",),
            B.OFFENCE_DEFENCE_CODING,
        ),
        ModelEntry(
            "deterrence",
            "tree",
            deterrence_model,
            "Calculus of deterrence: challenge iff p < (u_win - u_sq)/(u_win - u_war).",
            ("russett1963", "morrow1994"),
            D.DETERRENCE_CODING,
        ),
        ModelEntry(
            "extended_deterrence",
            "tree",
            extended_deterrence,
            "Challenger-Defender-Protégé crisis with probabilistic support and realignment.",
            ("zagare_kilgour2003",),
            D.EXTENDED_DETERRENCE_CODING,
        ),
        ModelEntry(
            "probabilistic_commitment",
            "tree",
            probabilistic_commitment,
            "Probability of joining trades deterrence of the adversary against the protégé's moral hazard.",
            ("benson2012",),
            D.PROBABILISTIC_COMMITMENT_CODING,
        ),
        ModelEntry(
            "quasi_alliance",
            "normal_form",
            quasi_alliance,
            "Two clients of one patron: symmetric fear of abandonment brings cooperation.",
            ("cha1999", "cha2000"),
            quasi.QUASI_ALLIANCE_CODING,
        ),
        ModelEntry(
            "alliance_bargaining",
            "tree",
            alliance_bargaining,
            "A member's threat to cut its contribution or exit; the hegemon accepts, coerces or intervenes.",
            ("morrow1991", "hirschman1970"),
            bargaining.ALLIANCE_BARGAINING_CODING,
        ),
        ModelEntry(
            "arm_or_ally",
            "normal_form",
            arm_or_ally,
            "Build one's own capability or rely on an ally that supports with probability q.",
            ("morrow1993",),
            bargaining.ARM_OR_ALLY_CODING,
        ),
        ModelEntry(
            "costly_alliance",
            "signalling",
            costly_alliance,
            "An alliance's peacetime cost signals resolve; it separates resolute from irresolute allies.",
            ("morrow1994_credibility",),
            signalling.COSTLY_ALLIANCE_CODING,
        ),
        ModelEntry(
            "sinking_costs",
            "signalling",
            sinking_costs,
            "A sunk-cost signal of resolve (mobilisation): separates the types where it costs enough.",
            ("fearon1997",),
            signalling.SINKING_COSTS_CODING,
        ),
        ModelEntry(
            "hands_tying",
            "signalling",
            hands_tying,
            "A hands-tying signal (audience cost): commits the signaller to fight, so nobody bluffs.",
            ("fearon1997",),
            signalling.HANDS_TYING_CODING,
        ),
        ModelEntry(
            "alliance_reliability",
            "bayesian",
            alliance_reliability,
            "Unreliable alliances invite attack: the challenger attacks iff reliability is unlikely enough.",
            ("smith1995",),
            signalling.RELIABILITY_CODING,
        ),
        ModelEntry(
            "sinking_costs_determined",
            "signalling",
            sinking_costs_determined,
            "Sunk-cost signal against a challenger who may be determined: separates, low ex-ante war risk.",
            ("fearon1997",),
            fearon.SINKING_COSTS_DETERMINED_CODING,
        ),
        ModelEntry(
            "hands_tying_determined",
            "signalling",
            hands_tying_determined,
            "Tied hands against a challenger who may be determined: both types commit, higher war risk.",
            ("fearon1997",),
            fearon.HANDS_TYING_DETERMINED_CODING,
        ),
        ModelEntry(
            "straddle_crisis",
            "signalling",
            straddle_crisis,
            "A defender of uncertain resolve commits, straddles or refuses: the straddle restrains the protégé "
            "but can invite a challenge that a clear commitment would deter.",
            ("zagare_kilgour2000", "zagare_kilgour2003", "zagare_kilgour2006", "crawford2003"),
            straddle.STRADDLE_CODING,
        ),
        ModelEntry(
            "straddle_breakaway",
            "signalling",
            straddle_breakaway,
            "The straddle crisis with the protégé's threat to break away: clear commitment pays only when "
            "that threat outweighs the restraint cost.",
            ("zagare_kilgour2000", "zagare_kilgour2003"),
            straddle.STRADDLE_BREAKAWAY_CODING,
        ),
    ]
    return {e.name: e for e in rows}


REGISTRY: dict[str, ModelEntry] = _entries()
CODINGS: dict[str, CodingRanges] = {k: e.coding for k, e in REGISTRY.items() if e.coding is not None}


def model_entry(name: str) -> ModelEntry:
    """The registry entry called ``name`` (:class:`~alliancegames.core.model.ModelError` listing the names if unknown)."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ModelError(f"unknown model {name!r}; available: {sorted(REGISTRY)}") from None


def get_model(name: str, **overrides: Any) -> Any:
    """Build the model called ``name``; ``overrides`` replace parameter defaults.

    Raises
    ------
    ModelError
        If the name is unknown or an override names no parameter of the model.

    Examples
    --------
    >>> from alliancegames.solvers.enumeration import solve
    >>> solve(get_model("primary_alliance")).labels
    ('Ally/Ally',)
    """
    if not isinstance(name, str):
        raise ModelError(f"model name must be a string, got {name!r}")
    return model_entry(name).build(**overrides)


def library_model(name: str, **overrides: Any) -> LibraryModel:
    """The model called ``name`` behind the model protocol (:mod:`alliancegames.models.protocol`).

    ``overrides`` replace parameter defaults.  Every entry -- normal form, tree
    or closed-form result -- then answers the same questions: parameters and
    coding ranges, equilibria and regime at a point, regimes over arrays of points.

    Raises
    ------
    ModelError
        If the name is unknown or an override names no parameter of the model.

    Examples
    --------
    >>> m = library_model("alliance_bargaining")
    >>> m.regimes({"c_hegemon": [2, 9]}).tolist()
    ['reduced contribution', 'member leaves']
    >>> library_model("primary_alliance").regime()
    'Ally/Ally'
    """
    if not isinstance(name, str):
        raise ModelError(f"model name must be a string, got {name!r}")
    return as_library_model(model_entry(name), **overrides)


def list_models():
    """A :class:`pandas.DataFrame` of the registered models: name, kind, description, citation.

    Examples
    --------
    >>> list(list_models().columns)
    ['name', 'kind', 'description', 'citation']
    """
    return pd.DataFrame(
        [(e.name, e.kind, e.description, e.citation) for e in REGISTRY.values()],
        columns=["name", "kind", "description", "citation"],
    )
