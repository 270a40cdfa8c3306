"""alliancegames: the game theory of military alliances, computed.

The flow::

    model (sympy) --compile--> numeric game (numpy) --solve--> equilibria (frozen results)

The package is layered; each layer imports only the layers above it in this list
(``importlinter`` contracts in ``setup.cfg`` check it in CI):

* ``alliancegames.core`` — the symbolic game, the sympy→numpy bridge, numeric games, model files;
* ``alliancegames.solvers`` — exact normal-form equilibria, verification, batched solving;
* ``alliancegames.analysis`` — symbolic conditions, regions, comparative statics, game trees;
* ``alliancegames.studies`` — sweeps, uncertainty, plots;
* ``alliancegames.models`` and ``alliancegames.cases`` — the library of models and historical cases;
* ``alliancegames.publishing`` — the reproduce job, the paper, problem sets, the command line.

Everything a user needs is importable from the top level; heavy parts (pandas, matplotlib, the
library) load on first use, so ``import alliancegames`` stays fast.

>>> import alliancegames as ag
>>> pd = ag.normal_form("PD", ("A", "B"), (("C", "D"), ("C", "D")),
...                     payoffs=[[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
>>> ag.solve(pd).labels
('D/D',)
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

from alliancegames.core.bimatrix import Bimatrix, GameError
from alliancegames.core.exact import ExactnessError, InputError, ResourceError, to_exact, to_fraction
from alliancegames.core.model import ModelError, NormalFormModel, Parameter, normal_form, parameter
from alliancegames.core.numeric import CompiledModel, compile_model, evaluate
from alliancegames.solvers.enumeration import Equilibrium, Solution, solve
from alliancegames.solvers.verify import best_responses, is_nash, max_regret, regrets

__version__ = "0.1.0"

# name -> (module, attribute or None for the module itself), imported on first access
_LAZY: dict[str, tuple[str, str | None]] = {
    "BatchResult": ("alliancegames.solvers.batch", "BatchResult"),
    "BayesianGame": ("alliancegames.core.bayesian", "BayesianGame"),
    "SignallingGame": ("alliancegames.core.bayesian", "SignallingGame"),
    "bayesian_game": ("alliancegames.core.bayesian", "bayesian_game"),
    "per_type": ("alliancegames.core.bayesian", "per_type"),
    "signalling_game": ("alliancegames.core.bayesian", "signalling_game"),
    "solve_batch": ("alliancegames.solvers.batch", "solve_batch"),
    "read_efg": ("alliancegames.core.efg", "read_efg"),
    "sequence_form_equilibrium": ("alliancegames.solvers.sequence_form", "sequence_form_equilibrium"),
    "sequence_form_equilibria": ("alliancegames.solvers.sequence_form", "sequence_form_equilibria"),
    "subgame_perfect_equilibria": ("alliancegames.solvers.subgame_perfect", "subgame_perfect_equilibria"),
    "comparative_statics": ("alliancegames.analysis.statics", "comparative_statics"),
    "equilibrium_regions": ("alliancegames.analysis.regions", "equilibrium_regions"),
    "partition": ("alliancegames.analysis.partitions", "partition"),
    "perfect_bayesian_equilibria": ("alliancegames.analysis.signalling", "perfect_bayesian_equilibria"),
    "pbe_at": ("alliancegames.analysis.signalling", "pbe_at"),
    "hybrid_at": ("alliancegames.analysis.signalling", "hybrid_at"),
    "intuitive_at": ("alliancegames.analysis.signalling", "intuitive_at"),
    "decide": ("alliancegames.analysis.conditions", "decide"),
    "format_conditions": ("alliancegames.analysis.conditions", "format_conditions"),
    "backward_induction": ("alliancegames.analysis.tree", "backward_induction"),
    "draw_tree": ("alliancegames.studies.plot", "draw_tree"),
    "spe_regime": ("alliancegames.analysis.tree", "spe_regime"),
    "spe_regimes": ("alliancegames.analysis.tree", "spe_regimes"),
    "chance": ("alliancegames.analysis.extensive", "chance"),
    "decision": ("alliancegames.analysis.extensive", "decision"),
    "game_tree": ("alliancegames.analysis.extensive", "game_tree"),
    "strategic_form": ("alliancegames.analysis.extensive", "strategic_form"),
    "grim_trigger": ("alliancegames.analysis.repeated", "grim_trigger"),
    "limited_punishment": ("alliancegames.analysis.repeated", "limited_punishment"),
    "tit_for_tat": ("alliancegames.analysis.repeated", "tit_for_tat"),
    "threshold_grid": ("alliancegames.analysis.repeated", "threshold_grid"),
    "play_repeated": ("alliancegames.analysis.repeated", "play_repeated"),
    "terminal": ("alliancegames.analysis.extensive", "terminal"),
    "regime_table": ("alliancegames.studies.sweeps", "regime_table"),
    "sweep": ("alliancegames.studies.sweeps", "sweep"),
    "Beta": ("alliancegames.studies.uncertainty", "Beta"),
    "Discrete": ("alliancegames.studies.uncertainty", "Discrete"),
    "Triangular": ("alliancegames.studies.uncertainty", "Triangular"),
    "Uniform": ("alliancegames.studies.uncertainty", "Uniform"),
    "monte_carlo": ("alliancegames.studies.uncertainty", "monte_carlo"),
    "tornado": ("alliancegames.studies.uncertainty", "tornado"),
    "DynamicsResult": ("alliancegames.studies.dynamics", "DynamicsResult"),
    "replicator": ("alliancegames.studies.dynamics", "replicator"),
    "replicator_sweep": ("alliancegames.studies.dynamics", "replicator_sweep"),
    "fictitious_play": ("alliancegames.studies.dynamics", "fictitious_play"),
    "stochastic_fictitious_play": ("alliancegames.studies.dynamics", "stochastic_fictitious_play"),
    "imitation": ("alliancegames.studies.dynamics", "imitation"),
    "moran": ("alliancegames.studies.dynamics", "moran"),
    "finite_repetition": ("alliancegames.studies.dynamics", "finite_repetition"),
    "pure_equilibria": ("alliancegames.studies.dynamics", "pure_equilibria"),
    "replicator_paths": ("alliancegames.studies.dynamics", "replicator_paths"),
    "uniform_starts": ("alliancegames.studies.dynamics", "uniform_starts"),
    "sample_points": ("alliancegames.studies.uncertainty", "sample_points"),
    # submodules reachable as attributes, e.g. ``ag.plot.regime_map``
    "plot": ("alliancegames.studies.plot", None),
    "repeated": ("alliancegames.analysis.repeated", None),
    "dynamics": ("alliancegames.studies.dynamics", None),
    "files": ("alliancegames.core.files", None),
    "efg": ("alliancegames.core.efg", None),
    "models": ("alliancegames.models", None),
    "cases": ("alliancegames.cases", None),
    "problems": ("alliancegames.publishing.problems", None),
}


# old name -> public name; the old name still works and warns (``io`` shadowed the standard library's)
_DEPRECATED: dict[str, str] = {"io": "files"}


def __getattr__(name: str) -> Any:
    if name in _DEPRECATED:
        new = _DEPRECATED[name]
        warnings.warn(
            f"alliancegames.{name} is deprecated; use alliancegames.{new}", DeprecationWarning, stacklevel=2
        )
        return __getattr__(new)
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'alliancegames' has no attribute {name!r}") from None
    value = importlib.import_module(module)
    if attr is not None:
        value = getattr(value, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Bimatrix",
    "CompiledModel",
    "Equilibrium",
    "GameError",
    "ExactnessError",
    "InputError",
    "ResourceError",
    "to_exact",
    "to_fraction",
    "ModelError",
    "NormalFormModel",
    "Parameter",
    "Solution",
    "best_responses",
    "compile_model",
    "evaluate",
    "is_nash",
    "max_regret",
    "normal_form",
    "parameter",
    "regrets",
    "solve",
    *(name for name, (_, attr) in _LAZY.items() if attr is not None),
]
