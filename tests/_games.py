"""Test games shared by the test modules (and ``benchmarks/bench_sweep.py``).

Import with ``from _games import GAME, MIXED``: pytest puts ``tests/`` on
``sys.path`` because it holds ``conftest.py`` and no ``__init__.py``.
"""

from __future__ import annotations

import random

import sympy as sp

from alliancegames import normal_form, parameter
from alliancegames.core.model import NormalFormModel


def alliance_game() -> NormalFormModel:
    """A 2x2 abandonment/entrapment game (our coding, for tests only).

    Each ally stands Firm or stays Weak.  With ``x = p v / 2`` (half the
    expected value of protection): Firm/Firm gives ``2x - c_E`` (full
    protection, entrapment cost), standing firm alone gives ``x - c_A``
    (abandoned), staying weak against a firm partner gives ``x`` and
    Weak/Weak gives 0.  Hence Firm/Firm is an equilibrium iff ``x >= c_E``
    and Weak/Weak iff ``x <= c_A``; between them lies a stag hunt
    (``c_E < c_A``) or a game of chicken (``c_A < c_E``), each with one mixed
    equilibrium in which Firm has probability ``(c_A - x) / (c_A - c_E)``.

    Examples
    --------
    >>> alliance_game().actions
    (('Firm', 'Weak'), ('Firm', 'Weak'))
    """
    v, cE, cA, p = sp.symbols("v c_E c_A p")
    x = p * v / 2
    ff, fw, wf = p * v - cE, x - cA, x
    return normal_form(
        "abandonment/entrapment (test coding)",
        ("Ally 1", "Ally 2"),
        (("Firm", "Weak"), ("Firm", "Weak")),
        [
            parameter("v", "value of protection", "positive", 2),
            parameter("c_E", "cost of entrapment", "positive", 0.25),
            parameter("c_A", "cost of abandonment", "positive", 0.5),
            parameter("p", "probability of conflict", "probability", 0.5),
        ],
        [[(ff, ff), (fw, wf)], [(wf, fw), (0, 0)]],
    )


GAME = alliance_game()
#: Label of the mixed equilibrium of :data:`GAME` in regime names.
MIXED = "mixed (Firm,Weak / Firm,Weak)"


def random_linear_game(draw, params, shapes=((2, 2), (2, 3), (3, 2))) -> NormalFormModel:
    """A random game whose payoffs are small integers plus -1/0/1 times each of the first 2 or 3
    ``params`` (``draw`` is a hypothesis draw function; for the regions property tests)."""
    from hypothesis import strategies as st

    m, n = draw(st.sampled_from(list(shapes)))
    k = draw(st.sampled_from([2, 3]))
    params = list(params)[:k]
    syms = [p.symbol for p in params]

    def entry():
        return draw(st.integers(-2, 2)) + sum(draw(st.integers(-1, 1)) * s for s in syms)

    table = [[(entry(), entry()) for _ in range(n)] for _ in range(m)]
    return normal_form(
        "random",
        ("R", "C"),
        (tuple(f"r{i}" for i in range(m)), tuple(f"c{j}" for j in range(n))),
        params,
        table,
    )


def point_on_ties(ties, symbols, values):
    """A rational point where every polynomial in ``ties`` vanishes, or None.

    Each tie is solved for a parameter it is linear in (the others keep their
    ``values``, a dict of rationals for every symbol), the solution is
    substituted into the remaining ties, and so on; a last tie linear in no
    parameter is solved for a rational root.  Exact: the point lies on the
    tie set, so tests can check the regions at ties without round-off.
    """
    ties = [sp.numer(sp.together(t)) for t in ties]
    ties = [t for t in ties if sp.expand(t) != 0]
    symbols = list(symbols)
    if not ties:
        return {s: values[s] for s in symbols}
    t = ties[0]
    for s in symbols:
        if s not in t.free_symbols or sp.Poly(t, s).degree() != 1:
            continue
        a, b = sp.Poly(t, s).all_coeffs()
        sol = -b / a
        others = [o for o in symbols if o != s]
        got = point_on_ties([u.xreplace({s: sol}) for u in ties[1:]], others, values)
        if got is None or a.xreplace(got) == 0:
            continue
        return {**got, s: sol.xreplace(got)}
    if len(ties) == 1:
        for s in symbols:
            if s not in t.free_symbols:
                continue
            fixed = {o: values[o] for o in symbols if o != s}
            roots = sp.Poly(t.xreplace(fixed), s).ground_roots()
            if roots:
                return {**fixed, s: min(roots)}
    return None


def random_3x3(seed: int = 7) -> NormalFormModel:
    """The 3x3 benchmark game of the regions (issue 12): entries are integers in -3..3 plus -1/0/1
    times each of three real parameters ``a, b, c``, drawn with ``random.Random(seed)``."""
    rng = random.Random(seed)
    params = [parameter("a"), parameter("b"), parameter("c")]
    syms = [p.symbol for p in params]

    def entry():
        return rng.randint(-3, 3) + sum(rng.randint(-1, 1) * s for s in syms)

    table = [[(entry(), entry()) for _ in range(3)] for _ in range(3)]
    return normal_form("random 3x3", ("R", "C"), (("r0", "r1", "r2"), ("c0", "c1", "c2")), params, table)
