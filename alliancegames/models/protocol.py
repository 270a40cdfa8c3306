"""The model protocol: every library entry answers the same questions in the same way.

A library entry is a normal-form model, a game tree or a closed-form result
(buck-passing, burden sharing).  Whatever it is, :func:`alliancegames.models.library_model` wraps it
in a :class:`LibraryModel`, which answers

* its **parameters** (:class:`~alliancegames.core.model.Parameter`, each with a
  domain and a default) and its **coding ranges** (``CodingRanges``, the
  plausible range of each parameter, where the source is coded);
* its **equilibria** at a point (:meth:`LibraryModel.equilibria`) and the
  **regime** there, exactly (:meth:`LibraryModel.regime`);
* a vectorised **regime classifier** over arrays of points
  (:meth:`LibraryModel.regimes`), and the probability of each regime at each
  point (:meth:`LibraryModel.probabilities`; one-hot unless the equilibrium
  outcome is itself random, as in buck-passing's mixed equilibrium).

Sweeps, Monte Carlo, tornado, the case scorecard and problem sets use this
interface; this module is the only place that asks what kind of object a
library entry is.

Regime names
------------
* normal form: the set of Nash equilibria, e.g.
  ``"Firm/Firm + Weak/Weak + mixed (Firm,Weak / Firm,Weak)"``
  (:func:`alliancegames.studies.sweeps.regime_table`);
* tree: the terminal outcomes reached on the subgame-perfect path, in tree
  order, joined by ``" | "`` where nature splits the path
  (:func:`alliancegames.analysis.tree.spe_regimes`);
* buck-passing: ``"nobody balances"`` or ``"somebody balances"`` (the more
  probable outcome of the mixed equilibrium);
* burden sharing: ``"contributors: 1, 2"``;
* Bayesian game: as a normal form, over its strategic form (plans per type);
* signalling game: its perfect Bayesian equilibria, e.g.
  ``"pooling on Stay unaligned (Challenge) + separating (Ally/Stay unaligned)"``.

Examples
--------
>>> from alliancegames.models import library_model
>>> m = library_model("alliance_bargaining")
>>> m.regimes({"c_hegemon": [2, 9]}).tolist()
['reduced contribution', 'member leaves']
>>> library_model("primary_alliance").regime({})
'Ally/Ally'
>>> library_model("buck_passing").probabilities({"n_states": 2, "k_balance": [1, 2], "u_threat": 4}).round(3).values.tolist()
[[0.062, 0.938], [0.25, 0.75]]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from alliancegames.analysis.signalling import pbe_names, perfect_bayesian_equilibria
from alliancegames.analysis.tree import backward_induction, spe_regime, spe_regimes
from alliancegames.core.model import NormalFormModel, Parameter, parameter
from alliancegames.core.numeric import compile_expressions
from alliancegames.core.points import point_columns, with_defaults
from alliancegames.solvers.enumeration import solve
from alliancegames.studies.sweeps import regime_table, sweep

from ._common import CodingRanges, at_defaults
from .burden import solve_burden_sharing

__all__ = ["NOBODY", "SOMEBODY", "LibraryModel", "as_library_model", "point_columns"]

NOBODY, SOMEBODY = "nobody balances", "somebody balances"


def _one_hot(regimes: np.ndarray) -> pd.DataFrame:
    return pd.get_dummies(pd.Series(regimes, dtype=object)).astype(float)


@dataclass(frozen=True)
class LibraryModel:
    """A library entry seen through the model protocol (build one with :func:`~alliancegames.models.library_model`).

    Attributes
    ----------
    name : str
        Registry name.
    model : object
        The underlying symbolic object (normal form, game tree or closed-form result).
    ranges : CodingRanges or None
        The coding ranges of the entry (``None`` where the source is not coded).
    """

    name: str
    model: Any
    ranges: CodingRanges | None = None
    #: True where the equilibrium outcome is random (a mixed equilibrium's outcome probabilities).
    random_outcome = False

    # ----------------------------------------------------------------- description
    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The parameters, each with its domain and default."""
        return tuple(self.model.parameters)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    @property
    def players(self) -> tuple[str, ...]:
        return tuple(getattr(self.model, "players", ()))

    @property
    def outcome_labels(self) -> frozenset[str] | None:
        """Outcomes a case may record (``None`` if the model does not name them)."""
        return None

    @property
    def normal_form(self) -> NormalFormModel | None:
        """The model as a symbolic two-player normal form, where it is one (else ``None``)."""
        return None

    def point(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """``values`` with defaults filled in (:class:`~alliancegames.core.model.ModelError` for unknown or missing names)."""
        return with_defaults(self.parameters, dict(values or {}), repr(self.name))

    # ----------------------------------------------------------------- answers
    def equilibria(self, values: Mapping[str, Any] | None = None) -> Any:
        """The solved model at one point (the type depends on the model: a solution, SPE cases, a result)."""
        raise NotImplementedError

    def regime(self, values: Mapping[str, Any] | None = None) -> str:
        """The regime at one point, computed exactly where the model allows."""
        return str(self.regimes(self.point(values))[0])

    def regimes(self, values: Mapping[str, Any]) -> np.ndarray:
        """The regime at each of many points (``values``: name -> scalar or 1-D array)."""
        raise NotImplementedError

    def probabilities(self, values: Mapping[str, Any]) -> pd.DataFrame:
        """Probability of each regime at each point: one row per point, one column per regime."""
        return _one_hot(self.regimes(values))

    def quantities(self, values: Mapping[str, Any]) -> dict[str, np.ndarray]:
        """Other numbers the equilibrium gives at each point (e.g. buck-passing's ``p_nobody``)."""
        return {}


class _NormalForm(LibraryModel):
    @property
    def normal_form(self) -> NormalFormModel:
        return self.model

    @property
    def _game(self) -> NormalFormModel:
        """The normal form that is solved."""
        return self.model

    @property
    def outcome_labels(self) -> frozenset[str]:
        a = self._game.actions
        return frozenset(f"{r}/{c}" for r in a[0] for c in a[1])

    def equilibria(self, values=None):
        return solve(at_defaults(self._game, **dict(values or {})))

    def regimes(self, values):
        cols, _ = point_columns(values)
        table = regime_table(sweep(self._game, points=cols, progress=False))
        return table["regime"].astype(str).to_numpy(dtype=object)


class _Bayesian(_NormalForm):
    """A Bayesian game answers through its strategic form (plans per type): Bayesian Nash equilibria.

    Its ``normal_form`` stays ``None``: the model is not itself a normal form
    (problem sets, which draw normal forms, leave it out).
    """

    @property
    def normal_form(self) -> None:
        return None

    @cached_property
    def _game(self) -> NormalFormModel:
        return self.model.strategic_form()


class _Signalling(LibraryModel):
    """A signalling game's regime: its perfect Bayesian equilibria (pure and hybrid).

    Named as :meth:`alliancegames.analysis.signalling.PBEResult.regime_table` names
    them (the sorted :attr:`~alliancegames.analysis.signalling.PBE.short` names joined by
    ``" + "``, ``"none"`` where there is none); no Intuitive Criterion filter, as a
    normal form's regime lists every Nash equilibrium.
    """

    @cached_property
    def _solved(self) -> Any:
        return perfect_bayesian_equilibria(self.model)

    @property
    def outcome_labels(self) -> frozenset[str]:
        """Every name an equilibrium can take (:func:`~alliancegames.analysis.signalling.pbe_names`; solves nothing)."""
        return pbe_names(self.model)

    def equilibria(self, values=None):
        return self._solved.at(self.point(values))

    def regime(self, values=None):
        return " + ".join(sorted({e.short for e in self.equilibria(values)})) or "none"

    def regimes(self, values):
        table = self._solved.regime_table(self.point(values), intuitive=False)
        return table["regime"].astype(str).to_numpy(dtype=object)


class _Tree(LibraryModel):
    @property
    def outcome_labels(self) -> frozenset[str]:
        return frozenset(self.model.outcome_labels())

    def equilibria(self, values=None):
        return backward_induction(at_defaults(self.model, **dict(values or {})))

    def regime(self, values=None):
        return spe_regime(self.model, self.point(values))

    def regimes(self, values):
        full = self.point(values)
        return spe_regimes(self.model, {k: float(v) if np.ndim(v) == 0 else v for k, v in full.items()})


class _BuckPassing(LibraryModel):
    random_outcome = True

    @property
    def parameters(self):
        return tuple(parameter(s.name, s.meaning, s.domain, s.default) for s in self.ranges.specs)

    def equilibria(self, values=None):
        return self.model.at(**dict(values or {}))

    def _p_nobody(self, values):
        bp = self.model
        full = {**bp.defaults, **values}
        cols, _ = point_columns({k: full[k] for k in ("n_states", "k_balance", "u_threat")})
        N, K, U = cols["n_states"], cols["k_balance"], cols["u_threat"]
        if np.any(N < 2) or np.any(N != np.round(N)):
            raise ValueError("n_states must be an integer >= 2")
        if np.any(K <= 0) or np.any(K >= U):
            raise ValueError("buck-passing needs 0 < k_balance < u_threat at every point")
        return _p_nobody_function(bp.n_states, bp.k_balance, bp.u_threat, bp.p_nobody)(N, K, U)

    def regimes(self, values):
        p = self._p_nobody(values)
        return np.where(p > 0.5, NOBODY, SOMEBODY).astype(object)

    def probabilities(self, values):
        p = self._p_nobody(values)
        return pd.DataFrame({NOBODY: p, SOMEBODY: 1 - p})

    def quantities(self, values):
        return {"p_nobody": self._p_nobody(values)}


@lru_cache(maxsize=4)
def _p_nobody_function(n_states: Any, k_balance: Any, u_threat: Any, p_nobody: Any) -> Any:
    f = compile_expressions((n_states, k_balance, u_threat), [p_nobody])
    return lambda N, K, U: f(N, K, U)[0]


_INCOME = re.compile(r"I_\d+")


class _BurdenSharing(LibraryModel):
    @property
    def parameters(self):
        g = self.model
        return (
            parameter("alpha", "weight of the public good", "probability"),
            *(parameter(str(s), "income", "positive") for s in g.incomes),
        )

    def point(self, values=None):
        return dict(values or {})

    def equilibria(self, values=None):
        v = dict(values or {})
        inc = sorted((k for k in v if _INCOME.fullmatch(k)), key=lambda k: int(k[2:]))
        return solve_burden_sharing([v[k] for k in inc], v["alpha"])

    def regimes(self, values):
        inc = sorted((k for k in values if _INCOME.fullmatch(k)), key=lambda k: int(k[2:]))
        if "alpha" not in values or len(inc) < 1:
            raise ValueError("burden_sharing needs 'alpha' and incomes 'I_1', 'I_2', ...")
        cols, n = point_columns({k: values[k] for k in ["alpha", *inc]})
        out = []
        for i in range(n):
            eq = solve_burden_sharing([cols[k][i] for k in inc], cols["alpha"][i])
            out.append("contributors: " + ", ".join(str(k + 1) for k in eq.contributors))
        return np.array(out, dtype=object)


# the one place that maps a registry kind to its protocol implementation
_PROTOCOLS: dict[str, type[LibraryModel]] = {
    "normal_form": _NormalForm,
    "tree": _Tree,
    "buck_passing": _BuckPassing,
    "burden_sharing": _BurdenSharing,
    "bayesian": _Bayesian,
    "signalling": _Signalling,
}


def as_library_model(entry: Any, **overrides: Any) -> LibraryModel:
    """A registry entry (:class:`~alliancegames.models.ModelEntry`) behind the model protocol.

    ``overrides`` are new parameter defaults.  Use
    :func:`alliancegames.models.library_model` to look an entry up by name.

    Incomplete-information entries answer too: a Bayesian game through its
    strategic form (Bayesian Nash equilibria), a signalling game by its
    perfect Bayesian equilibria (:func:`~alliancegames.analysis.signalling.perfect_bayesian_equilibria`).

    Examples
    --------
    >>> from alliancegames.models import model_entry
    >>> m = as_library_model(model_entry("snyder_alliance"))
    >>> m.parameter_names[:2], m.ranges.plausible["c_entrap"][1]
    (('v_protect', 'c_abandon'), 6)
    """
    kind = entry.kind if entry.kind != "result" else entry.name
    cls = _PROTOCOLS[kind]
    return cls(entry.name, entry.build(**overrides), entry.coding)
