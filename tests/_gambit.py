"""The one place the tests talk to pygambit (test-only, GPL), written for its 17.x API.

pygambit 17 identifies players and strategies by their labels and ships manylinux wheels for
CPython 3.11 (16.x had to be compiled from source, ~8 minutes on 2 cores). Everything the tests ask
of Gambit goes through these functions, so an API change touches one file.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pygambit as gbt  # a hard test dependency (the test extra): the oracle must not be skipped


def game_from_arrays(A: Any, B: Any, title: str | None = None) -> Any:
    """A pygambit strategic game with exact (Fraction) payoff tables ``A`` (row) and ``B`` (column)."""
    A = [[Fraction(v) for v in row] for row in A]
    B = [[Fraction(v) for v in row] for row in B]
    if title is None:
        return gbt.StrategicGame.from_arrays(A, B)
    return gbt.StrategicGame.from_arrays(A, B, title=title)


def relabel(G: Any, players: tuple[str, ...], actions: tuple[tuple[str, ...], ...]) -> None:
    """Give the players and strategies of ``G`` our labels (in place)."""
    old = list(G.players)
    for label, labels in zip(old, actions):
        G.relabel_strategies(label, dict(zip(G.get_strategies(label), labels)))
    G.relabel_players(dict(zip(old, players)))


def labels(G: Any) -> tuple[list[str], list[list[str]]]:
    """Player labels and, per player, strategy labels."""
    players = list(G.players)
    return players, [list(G.get_strategies(p)) for p in players]


def payoff_arrays(G: Any) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    """Exact payoff tables of a two-player game; a profile without an outcome pays 0."""
    A, B = G.to_arrays(dtype=Fraction)
    return np.asarray(A).tolist(), np.asarray(B).tolist()


def enummixed(A: Any, B: Any) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Extreme equilibria from Gambit's ``enummixed`` in rational arithmetic, as Fraction vectors."""
    G = game_from_arrays(A, B)
    result = gbt.nash.enummixed_solve(G, rational=True)
    players, strategies = labels(G)
    return [
        tuple(tuple(Fraction(str(prof[p][s])) for s in strats) for p, strats in zip(players, strategies))
        for prof in result.equilibria
    ]


def lcp_behaviour(path: str) -> list[list[dict[str, Fraction]]]:
    """Gambit's ``lcp`` on an extensive game (sequence form, rational): one equilibrium.

    Per player, per information set (Gambit's order: first encounter in a pre-order traversal of
    the tree), ``{action label: probability}``.
    """
    G = gbt.read_efg(str(path))
    prof = gbt.nash.lcp_solve(G, rational=True).equilibrium
    return [
        [{a: Fraction(str(v)) for a, v in probs} for _, probs in prof[player]]
        for player in G.players
    ]


def subgame_root_paths(path: str) -> list[tuple[str, ...]]:
    """Gambit's subgame roots of an extensive game, each as the action labels on its path."""
    G = gbt.read_efg(str(path))
    return sorted(tuple(t.action for t in h) for h in G.get_subgame_roots())
