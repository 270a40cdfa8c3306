"""alliancegames: the game theory of military alliances, computed.

The flow::

    model (sympy) --compile--> numeric game (numpy) --solve--> equilibria (frozen results)

>>> import alliancegames as ag
>>> pd = ag.normal_form("PD", ("A", "B"), (("C", "D"), ("C", "D")),
...                     payoffs=[[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
>>> ag.solve(pd).labels
('D/D',)
"""

from .batch import BatchResult, solve_batch
from .bimatrix import Bimatrix, GameError
from .model import ModelError, NormalFormModel, Parameter, normal_form, parameter
from .numeric import CompiledModel, compile_model, evaluate
from .regions import comparative_statics, equilibrium_regions, partition
from .solve import Equilibrium, Solution, solve
from .sweep import regime_table, sweep
from .tree import backward_induction, chance, decision, game_tree, strategic_form, terminal
from .uncertainty import Beta, Codings, Triangular, Uniform, monte_carlo, tornado
from .verify import best_responses, is_nash, max_regret, regrets

__version__ = "0.1.0"

__all__ = [
    "backward_induction",
    "chance",
    "comparative_statics",
    "decision",
    "equilibrium_regions",
    "game_tree",
    "partition",
    "strategic_form",
    "terminal",
    "BatchResult",
    "Beta",
    "Codings",
    "Triangular",
    "Uniform",
    "monte_carlo",
    "regime_table",
    "solve_batch",
    "sweep",
    "tornado",
    "Bimatrix",
    "CompiledModel",
    "Equilibrium",
    "GameError",
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
]
