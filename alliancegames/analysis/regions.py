"""Where in parameter space each equilibrium exists: symbolic regions.

This module is the symbolic side of the toolkit (see the GUIDE's flow chart):
It works on :class:`~alliancegames.core.model.NormalFormModel` objects with sympy and
never calls the numeric solver (tests compare the two).  Conditions are written
and simplified by the kernel in :mod:`alliancegames.analysis.conditions`; comparative
statics live in :mod:`alliancegames.analysis.statics` and one- and two-parameter
partitions in :mod:`alliancegames.analysis.partitions`.
"""

from __future__ import annotations

import heapq
import html
import itertools
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from typing import Any, NamedTuple

import sympy as sp
from sympy.polys.groebnertools import groebner
from sympy.polys.matrices import DomainMatrix
from sympy.polys.polyerrors import BasePolynomialError
from sympy.polys.polytools import parallel_poly_from_expr

from alliancegames.analysis.conditions import (
    _RELATION_SIGNS,
    _factor_list,
    _factored_ratio,
    _linear_feasible,
    _monomial_signs,
    _mul_signs,
    atoms,
    context_of,
    drop_contained,
    format_conditions,
    is_linear,
    latex_conditions,
    normalize,
    preference,
    solve_conditions,
)
from alliancegames.core.exact import profile_order, simplify_number
from alliancegames.core.exact import sign as exact_sign
from alliancegames.core.latex import escape
from alliancegames.core.model import ModelError, NormalFormModel, Parameter, exact_number
from alliancegames.core.numeric import resolve_values
from alliancegames.core.radical import as_quotient
from alliancegames.core.results import ResultCollection

__all__ = [
    "Limit",
    "Piece",
    "Regions",
    "equilibrium_regions",
]


def _label(support: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    """The label convention of :attr:`alliancegames.solvers.enumeration.Equilibrium.label`."""
    if all(len(s) == 1 for s in support):
        return "/".join(s[0] for s in support)
    return "mixed (" + " / ".join(",".join(s) for s in support) + ")"


def _exact_values(parameters: Sequence[Parameter], values: Mapping[str, Any]) -> dict[sp.Symbol, sp.Expr]:
    out = {}
    for p in parameters:
        if p.name not in values:
            raise ModelError(f"no value for parameter {p.name!r}")
        v = values[p.name]
        if not p.contains(v):
            raise ModelError(f"value {v!r} for {p.name!r} is outside its domain {p.domain!r}")
        out[p.symbol] = exact_number(v)
    return out


_REL_TEST = {
    sp.Eq: lambda s: s == 0,
    sp.Ne: lambda s: s != 0,
    sp.Gt: lambda s: s > 0,
    sp.Ge: lambda s: s >= 0,
    sp.Lt: lambda s: s < 0,
    sp.Le: lambda s: s <= 0,
}


def _truth(cond: sp.Basic, sub: Mapping[sp.Symbol, sp.Expr]) -> bool:
    """Whether a condition holds at an exact point, case by case, each relation by an exact sign.

    A solved relation may divide by a factor whose sign its case fixes strictly
    (``a - b > 0 and x < c/(a - b)``); where that factor vanishes the case is
    false through its sign relation, so a relation that is undefined there
    (a comparison with ``zoo``) makes its case false.  Every relation is decided
    by the exact sign of ``lhs - rhs`` at the point
    (:func:`alliancegames.core.exact.sign`), never by floats.
    """
    if cond is sp.true or cond is sp.false:
        return bool(cond)
    if isinstance(cond, sp.Or):
        return any(_truth(c, sub) for c in cond.args)
    if isinstance(cond, sp.And):
        return all(_truth(c, sub) for c in cond.args)
    sub = dict(sub)
    rels = [cond] if type(cond) in _REL_TEST else list(cond.atoms(sp.core.relational.Relational))
    decided = {}
    for rel in rels:
        test = _REL_TEST.get(type(rel))
        try:
            d = (rel.lhs - rel.rhs).xreplace(sub)
        except TypeError:  # "Invalid comparison of non-real zoo": a vanishing denominator
            return False
        if d.has(sp.zoo, sp.nan):
            return False
        if test is None or d.free_symbols:
            raise ModelError(f"cannot decide {cond} at {sub} (free symbols left: {d.free_symbols})")
        decided[rel] = sp.true if test(_sign_at(d)) else sp.false
    v = cond.xreplace(decided)
    if v is sp.true or v is sp.false:
        return bool(v)
    v = sp.simplify(v.xreplace(sub))
    if v is sp.true or v is sp.false:
        return bool(v)
    raise ModelError(f"cannot decide {cond} at {sub} (free symbols left: {v.free_symbols})")


def _sign_at(d: sp.Expr) -> int:
    """Exact sign of a constant: radicals directly in their number field, other numbers simplified first."""
    if d.is_Rational or as_quotient(d) is not None:
        return exact_sign(d)
    return exact_sign(simplify_number(sp.cancel(d)))


def _exact_value(e: sp.Expr) -> Fraction | sp.Expr:
    """A Fraction for a rational number, the exact sympy number (radicals simplified) otherwise."""
    e = sp.cancel(e) if not e.is_Rational else e
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    if e.free_symbols:
        raise ModelError(f"value {e} still depends on {sorted(map(str, e.free_symbols))}")
    e = simplify_number(e)
    return Fraction(int(e.p), int(e.q)) if e.is_Rational else e


@dataclass(frozen=True)
class Piece:
    """One candidate equilibrium of a symbolic game and where it is an equilibrium.

    Attributes
    ----------
    strategies : pair of tuples of sympy expressions
        Mixed strategies of the row and column player (one entry per action).
    payoffs : pair of sympy expressions
        Expected payoffs (row, column).
    conditions : sympy Boolean
        Conjunction of relations on the parameters, simplified under the
        assumptions, under which the profile is a Nash equilibrium with exactly
        this support (probabilities on the support strictly positive).
    support : pair of tuples of str
        Action labels played with positive probability.
    label : str
        ``"Firm/Weak"`` or ``"mixed (Firm,Weak / Firm,Weak)"``, as
        :attr:`alliancegames.solvers.enumeration.Equilibrium.label`.
    generic : bool
        True for the pieces of equal-size supports whose indifference
        equations are the support's own (these hold on full-dimensional
        regions of generic games).  Other pieces (``boundary pieces``)
        describe extreme equilibria that arise on lower-dimensional sets
        (ties), e.g. a pure strategy against a mixture at a point where a
        player is indifferent; those that are, on their whole tie set, a
        listed piece's formula are :class:`Limit` objects, kept apart in
        ``Regions.limits``.
    basis : tuple
        ``(I, K, J, L)``: supports ``I``, ``J`` and the best-response sets
        ``K`` (columns) and ``L`` (rows) whose equalities fix the strategies.
    """

    strategies: tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]
    payoffs: tuple[sp.Expr, sp.Expr]
    conditions: sp.Basic
    support: tuple[tuple[str, ...], tuple[str, ...]]
    label: str
    generic: bool
    basis: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]
    parameters: tuple[Parameter, ...] = ()
    actions: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    cases: tuple[tuple[str, sp.Basic], ...] = ()

    @property
    def case_names(self) -> tuple[str, ...]:
        """Names of the cases (regimes) of the conditions, ``""`` where unnamed."""
        return tuple(n for n, _ in self.cases)

    def holds_at(self, values: Mapping[str, Any]) -> bool:
        """Whether the conditions hold at a point (exact: floats are read by their decimal text).

        Examples
        --------
        >>> from alliancegames.core.model import normal_form, parameter
        >>> g = normal_form("g", ("R", "C"), (("a", "b"), ("a", "b")), [parameter("t")],
        ...                 [[("t", 1), (0, 0)], [(0, 0), (1, 1)]])
        >>> piece = [p for p in equilibrium_regions(g).pieces if p.label == "a/a"][0]
        >>> piece.conditions, piece.holds_at({"t": 0}), piece.holds_at({"t": -1})
        (t >= 0, True, False)
        """
        return _truth(self.conditions, _exact_values(self.parameters, values))

    def evaluate(self, values: Mapping[str, Any]) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """The strategies at a point, as exact fractions."""
        sub = _exact_values(self.parameters, values)
        return tuple(tuple(_exact_value(e.xreplace(sub)) for e in s) for s in self.strategies)  # type: ignore[return-value]

    @property
    def condition_text(self) -> str:
        """The conditions as a reader writes them (chains, ``and``/``or``, named cases)."""
        if len(self.cases) > 1 and not any(self.case_names):
            return " or ".join(format_conditions(c) for _, c in self.cases)
        if len(self.cases) > 1:
            return "; or ".join(
                f"{name or f'case {k + 1}'}: {format_conditions(c)}" for k, (name, c) in enumerate(self.cases)
            )
        return format_conditions(self.conditions)

    def __str__(self) -> str:
        s = [", ".join(f"{e}" for e in st) for st in self.strategies]
        return (
            f"{self.label}: x=({s[0]}), y=({s[1]}) if {self.condition_text}; "
            f"payoffs ({self.payoffs[0]}, {self.payoffs[1]})"
        )


@dataclass(frozen=True)
class Limit(Piece):
    """A boundary equilibrium that is a listed piece's formula on a tie set.

    At every point of its tie set where its conditions hold, this profile is
    what the strategies of the listed piece ``of`` give there (decided exactly:
    the difference of the two formulas lies in the ideal of the tie
    polynomials), e.g. the limit of a mixed equilibrium at the edge of its
    region, where one probability reaches 0.  It is not listed among the
    pieces, but it is an equilibrium where its own conditions hold, which
    need not be inside ``of``'s region, so :meth:`Regions.at` evaluates them.
    Its conditions are the relations as derived (denominators cleared), not
    simplified and not checked for feasibility: a limit may hold nowhere.

    Attributes
    ----------
    of : str
        Label of the listed piece whose formula this profile is.
    of_basis : tuple
        That piece's ``basis`` (labels can repeat).
    ties : tuple of sympy Equality
        The tie set (``f = 0`` for each tie polynomial ``f``).
    """

    of: str = ""
    of_basis: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]] = ((), (), (), ())
    ties: tuple[sp.Basic, ...] = ()

    def __str__(self) -> str:
        return f"{self.label}: the formula of {self.of} where {format_conditions(sp.And(*self.ties))}"


@dataclass(frozen=True)
class Regions(ResultCollection[Piece]):
    """Every candidate equilibrium of a symbolic two-player game with its conditions.

    ``pieces`` are the generic pieces first, then boundary pieces (see the ``generic``
    field of :class:`Piece`); see :meth:`at` for the equilibria at a point.
    ``dropped`` lists ``(description, reason)`` of candidates (and cases of
    candidates) that cannot be equilibria under the assumptions; ``undecided``
    the kept generic pieces whose conditions are nonlinear and could neither be
    proved impossible nor shown to hold at a sampled point ("kept: could not
    decide"; boundary pieces are kept unless proved impossible);
    ``merged`` how many boundary pieces were merged into others (the same
    profile under equivalent or contained conditions).

    ``limits`` are the further extreme equilibria at ties whose profile is, on
    their whole tie set, the formula of a listed piece (:class:`Limit`): they
    are not listed as boundary pieces, and their conditions are kept as
    derived (neither simplified nor checked for feasibility).  At any point,
    the distinct profiles of the pieces and limits that hold are exactly the
    extreme equilibria that :func:`alliancegames.solvers.enumeration.solve`
    returns there.
    """

    _items = "pieces"  # the sequence of its items (ResultCollection)

    model: NormalFormModel
    pieces: tuple[Piece, ...]
    dropped: tuple[tuple[str, str], ...]
    assumptions: tuple[sp.Basic, ...]
    undecided: tuple[str, ...] = ()
    merged: int = 0
    limits: tuple[Limit, ...] = ()

    def __repr__(self) -> str:
        generic = sum(1 for p in self.pieces if p.generic)
        n = len(self.limits)
        limits = f", {n} limit{'s' * (n != 1)} at ties" if n else ""
        return (
            f"Regions({self.model.name}: {generic} generic pieces, {len(self.pieces) - generic} boundary pieces"
            f"{limits}, {len(self.dropped)} dropped)"
        )

    @property
    def limits_note(self) -> str:
        """One line on the limits (``""`` when there are none)."""
        if not self.limits:
            return ""
        n = len(self.limits)
        what = "equilibrium is a limit" if n == 1 else "equilibria are limits"
        return f"{n} further boundary {what} of listed pieces at ties; see `.limits`"

    @property
    def generic(self) -> tuple[Piece, ...]:
        """The generic pieces (full-dimensional regions of generic games)."""
        return tuple(p for p in self.pieces if p.generic)

    @property
    def boundary(self) -> tuple[Piece, ...]:
        """Pieces that describe extreme equilibria arising at ties."""
        return tuple(p for p in self.pieces if not p.generic)

    def by_label(self, label: str) -> tuple[Piece, ...]:
        """Pieces with a given label (e.g. ``"Firm/Firm"``)."""
        return tuple(p for p in self.pieces if p.label == label)

    def at(
        self, values: Mapping[str, Any] | None = None
    ) -> list[tuple[str, tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]]:
        """The equilibria at a point: ``[(label, (x, y)), ...]``, exact.

        Values are read by the package's exactness policy (a float is the
        decimal it prints as; :mod:`alliancegames.core.exact`) and every
        condition is decided by exact signs.  Probabilities are ``Fraction``,
        or sympy numbers where they are irrational (non-polynomial payoffs).
        Distinct profiles of the pieces and limits whose conditions hold, ordered as
        :func:`~alliancegames.solvers.enumeration.solve` orders its equilibria (support
        size, then probabilities).  Missing values are filled by defaults.

        Examples
        --------
        >>> from alliancegames.core.model import normal_form, parameter
        >>> g = normal_form("g", ("R", "C"), (("a", "b"), ("a", "b")), [parameter("t", default=2)],
        ...                 [[("t", 1), (0, 0)], [(0, 0), (1, 1)]])
        >>> [lab for lab, _ in equilibrium_regions(g).at()]
        ['a/a', 'b/b', 'mixed (a,b / a,b)']
        """

        vals = resolve_values(self.model, values or {})
        sub = _exact_values(self.model.parameters, vals)
        for a in self.assumptions:
            if not _truth(a, sub):
                raise ModelError(f"the point {vals} violates the assumption {a}")
        found: list[tuple[tuple, str]] = []
        for piece in (*self.pieces, *self.limits):
            if not _truth(piece.conditions, sub):
                continue
            prof = tuple(tuple(_exact_value(e.xreplace(sub)) for e in s) for s in piece.strategies)
            if not any(profile_order(prof, q) == 0 for q, _ in found):
                found.append((prof, piece.label))
        labels = {id(q): lab for q, lab in found}
        order = sorted((q for q, _ in found), key=cmp_to_key(profile_order))
        return [(labels[id(p)], p) for p in order]

    # ----------------------------------------------------------- display
    def __str__(self) -> str:
        lines = [
            f"equilibrium regions of {self.model.name}: {len(self.generic)} generic + {len(self.boundary)} boundary pieces"
        ]
        lines += ["  " + str(p) for p in self.generic]
        if self.boundary:
            lines.append(" boundary pieces:")
            lines += ["  " + str(p) for p in self.boundary]
        if self.limits:
            lines.append(" " + self.limits_note)
        if self.dropped:
            lines.append(f" dropped: {len(self.dropped)}")
        return "\n".join(lines)

    def to_latex(self, *, boundary: bool = False) -> str:
        """A ``tabular``: equilibrium | conditions | payoffs (generic pieces; ``boundary`` adds the rest).

        The columns are paragraph columns that together take the text width
        (``p{..\\linewidth}``), so long strategies and conditions wrap instead of
        running off the page; a condition with more than two relations, or
        several cases, is set over aligned lines (``aligned``, from ``amsmath``).
        """
        m = self.model
        esc = escape
        cols = r"@{}p{0.28\linewidth}p{0.40\linewidth}p{0.24\linewidth}@{}"  # LaTeX's own column types
        lines = [
            r"\begin{tabular}{" + cols + "}",
            r"\hline",
            r"Equilibrium & Conditions & Payoffs \\",
            r"\hline",
        ]
        for p in self.generic + (self.boundary if boundary else ()):
            strat = "; ".join(
                ", ".join(
                    f"{esc(a)}: ${sp.latex(e)}$" for a, e in zip(m.actions[k], p.strategies[k]) if e != 0
                )
                for k in range(2)
            )
            lines.append(
                f"{esc(p.label)} ({strat}) & ${latex_conditions(p.conditions, names=p.case_names)}$ & "
                f"$({sp.latex(p.payoffs[0])},\\ {sp.latex(p.payoffs[1])})$ \\\\"
            )
        if boundary and self.limits:
            note = escape(self.limits_note.replace("; see `.limits`", "."))
            lines.append(r"\multicolumn{3}{@{}p{0.96\linewidth}@{}}{" + note + r"} \\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        m = self.model
        rows = []
        for p in self.generic:
            strat = "; ".join(
                ", ".join(f"{e(a)}: ${sp.latex(x)}$" for a, x in zip(m.actions[k], p.strategies[k]) if x != 0)
                for k in range(2)
            )
            rows.append(
                f"<tr><td>{e(p.label)}</td><td>{strat}</td><td>${latex_conditions(p.conditions, names=p.case_names)}$</td>"
                f"<td>${sp.latex(p.payoffs[0])},\\ {sp.latex(p.payoffs[1])}$</td></tr>"
            )
        head = "<tr><th>equilibrium</th><th>strategies</th><th>conditions</th><th>payoffs</th></tr>"
        foot = (
            f"<p>{len(self.boundary)} boundary pieces (extreme equilibria at ties) and "
            f"{len(self.dropped)} dropped candidates not shown."
        )
        if self.limits:
            foot += " " + e(self.limits_note).replace("`.limits`", "<code>.limits</code>") + "."
        foot += "</p>"
        return f"<p>Equilibrium regions of <b>{e(m.name)}</b></p><table>{head}{''.join(rows)}</table>{foot}"


@dataclass(frozen=True)
class _Vertex:
    """One vertex basis solved by Cramer's rule: ``z = N_z / D`` and value ``u = N_u / D``.

    ``ring`` holds ``(R, entries, D, N_z, N_u)``, the same polynomials as
    elements of the ring ``R`` of polynomials in the parameters (``entries``:
    the payoff matrix in ``R``), when every payoff is such a polynomial; the
    slacks and the factored profile are then computed there instead of in
    sympy expressions (the same results, without building and re-reading
    expressions).
    """

    D: sp.Expr
    N: tuple[sp.Expr, ...]
    Nu: sp.Expr
    ring: tuple | None = None

    def slack(self, M: sp.Matrix, S: Sequence[int], t: int) -> sp.Expr:
        """``sum_s M[s, t] * N_s - N_u`` (expanded): column ``t``'s payoff against the vertex, times ``D``."""
        if self.ring is None:
            return sp.expand(sum(M[s, t] * Nz for s, Nz in zip(S, self.N)) - self.Nu)
        R, E, _, N, Nu = self.ring
        return R.to_sympy(sum((E[s, t] * Nz for s, Nz in zip(S, N)), R.zero) - Nu)

    def profile(self, S: Sequence[int], size: int) -> tuple[tuple[sp.Expr, ...], sp.Expr]:
        """The strategy (``size`` entries, zero off the support ``S``) and the value, each ``factor(N/D)``."""
        z = [sp.S.Zero] * size
        if self.ring is None:
            for s, Nz in zip(S, self.N):
                z[s] = sp.factor(Nz / self.D)  # factor cancels common factors itself
            return tuple(z), sp.factor(self.Nu / self.D)
        R, _, D, N, Nu = self.ring
        den = _factor_list(D)
        for s, Nz in zip(S, N):
            z[s] = _factored_ratio(R, _factor_list(Nz) if Nz else None, den)
        return tuple(z), _factored_ratio(R, _factor_list(Nu) if Nu else None, den)


def _payoff_ring(M: sp.Matrix) -> tuple[Any, dict[tuple[int, int], Any]] | None:
    """The entries of ``M`` in the ring of polynomials in their symbols over ZZ or QQ, or None
    (an entry that is not such a polynomial, or no symbols at all)."""
    try:
        _, info = parallel_poly_from_expr(list(M))
    except sp.polys.polyerrors.PolificationFailed:
        return None
    gens, dom = info["gens"], info["domain"]
    if not gens or not all(isinstance(g, sp.Symbol) for g in gens) or not (dom.is_ZZ or dom.is_QQ):
        return None
    R = dom[gens]
    try:
        return R, {(i, j): R.from_sympy(M[i, j]) for i in range(M.rows) for j in range(M.cols)}
    except sp.polys.polyerrors.CoercionFailed:
        return None


def _bases(M: sp.Matrix, rows: int, cols: int) -> dict[tuple[tuple[int, ...], tuple[int, ...]], _Vertex]:
    """Vertex bases of one player's best-response polyhedron.

    ``M`` is the *opponent-facing* payoff matrix oriented so that
    ``M[s, t]`` is the payoff to the opponent's action ``t`` when this
    player plays ``s`` (``B`` for the row player, ``A.T`` for the column
    player).  For every support ``S`` and equally large tight set ``T``
    the system ``M[S, t] . z = u`` (``t`` in ``T``), ``sum z = 1`` is
    solved by Cramer's rule: returns ``(S, T) -> _Vertex(D, N_z, N_u)`` with
    ``z = N_z / D`` and value ``u = N_u / D``; identically singular systems
    are skipped.  Determinants are taken in the polynomial ring of the
    parameters where the payoffs are polynomials (exact, and much cheaper than
    expanding sympy expressions), by Berkowitz's method on expressions otherwise.
    """
    ring = _payoff_ring(M)
    out = {}
    for size in range(1, min(rows, cols) + 1):
        for S in itertools.combinations(range(rows), size):
            for T in itertools.combinations(range(cols), size):
                if ring is not None:
                    R, E = ring
                    sys_rows = [[E[s, t] for s in S] + [-R.one] for t in T] + [[R.one] * size + [R.zero]]
                    rD = DomainMatrix(sys_rows, (size + 1, size + 1), R).det()
                    if not rD:
                        continue
                    # the adjugate's last column (times rhs e_last): cofactors of the last row only
                    rN = []
                    for r in range(size + 1):
                        minor = [row[:r] + row[r + 1 :] for row in sys_rows[:size]]
                        c = DomainMatrix(minor, (size, size), R).det()
                        rN.append(c if (size + r) % 2 == 0 else -c)
                    out[(S, T)] = _Vertex(
                        R.to_sympy(rD),
                        tuple(R.to_sympy(c) for c in rN[:size]),
                        R.to_sympy(rN[size]),
                        (R, E, rD, tuple(rN[:size]), rN[size]),
                    )
                    continue
                sys_rows = [[M[s, t] for s in S] + [-1] for t in T] + [[1] * size + [0]]
                Msys = sp.Matrix(sys_rows)
                D = sp.expand(Msys.det(method="berkowitz"))
                if D == 0:
                    continue
                # the adjugate's last column (times rhs e_last): cofactors of the last row only
                N = [sp.expand(Msys.cofactor(size, r, method="berkowitz")) for r in range(size + 1)]
                out[(S, T)] = _Vertex(D, tuple(N[:size]), N[size])
    return out


def equilibrium_regions(
    model: NormalFormModel,
    *,
    assumptions: Iterable[Any] = (),
    simplify: bool = True,
    prefer: Sequence[str] = (),
    split: bool = True,
    regimes: Mapping[tuple[str, ...], str] | None = None,
    limits: bool = True,
) -> Regions:
    """Every equilibrium of a symbolic two-player game as pieces with conditions.

    Notes
    -----
    Extreme equilibria are pairs of vertices of the two best-response
    polyhedra (the method of :mod:`alliancegames.solvers.enumeration`, done symbolically).
    A vertex of the row player's polyhedron is fixed by a support ``I`` and
    an equally large set ``K`` of columns that are best responses:
    ``x_I`` and the column player's value ``w`` solve
    ``(x^T B)_k = w`` for ``k`` in ``K`` and ``sum x = 1`` (likewise ``y``,
    ``v`` from a support ``J`` and rows ``L``).  The pair is an equilibrium
    where ``x_I > 0``, ``y_J > 0``, every column in ``J`` is a best response
    to ``x`` and every row in ``I`` a best response to ``y``.  Conditions
    are written without denominators (a ratio ``N/D > 0`` becomes
    ``N*D > 0``), so they are defined everywhere, then simplified under the
    assumptions.  Pieces with ``K = J`` and ``L = I`` are the *generic*
    pieces; the others are needed only where payoffs tie.

    Parameters
    ----------
    model : NormalFormModel
    assumptions : iterable of sympy relations
        Extra relations between parameters (e.g. ``[b > c]``), on top of the
        parameters' domains.
    simplify : bool
        Simplify conditions thoroughly (generic pieces) under the
        assumptions; boundary pieces are always simplified lightly (each
        relation on its own), and candidates found infeasible are dropped.
    prefer : sequence of str
        Parameter names to solve relations for first.
    split : bool
        Split a product condition with several sign cases into its cases
        (e.g. ``(a - e)*(p*e - v) > 0`` into ``a > e, p*e > v`` or
        ``a < e, p*e < v``).
    regimes : mapping, optional
        Names of regimes keyed by the sorted labels of the generic equilibria
        that hold there (e.g. :data:`alliancegames.models.ALLIANCE_REGIMES`):
        cases are named by the regime at sampled points of the case.
    limits : bool
        With ``simplify``, keep a boundary candidate that is, on its whole tie
        set, the formula of a listed piece out of the pieces, in
        the ``limits`` of :class:`Regions` (decided exactly, before simplifying it; its
        conditions stay as derived), and drop those with a relation that
        cannot hold on their tie set.  ``False`` lists every boundary piece.

    Returns
    -------
    Regions

    Examples
    --------
    Chicken with a cost of crashing ``c`` (swerve: 0; straight against swerve: 1):

    >>> from alliancegames.core.model import normal_form, parameter
    >>> c = parameter("c", "cost of a crash", "positive")
    >>> g = normal_form("chicken", ("A", "B"), (("Swerve", "Straight"),) * 2, [c],
    ...     [[(0, 0), (-1, 1)], [(1, -1), (-c.symbol, -c.symbol)]])
    >>> reg = equilibrium_regions(g)
    >>> [(p.label, p.conditions) for p in reg.generic]  # doctest: +NORMALIZE_WHITESPACE
    [('Swerve/Straight', c >= 1), ('Straight/Swerve', c >= 1), ('Straight/Straight', c <= 1),
     ('mixed (Swerve,Straight / Swerve,Straight)', c > 1)]
    >>> reg = equilibrium_regions(g, assumptions=[c.symbol > 1])   # a crash is the worst outcome
    >>> [(p.label, p.conditions) for p in reg.generic]  # doctest: +NORMALIZE_WHITESPACE
    [('Swerve/Straight', True), ('Straight/Swerve', True),
     ('mixed (Swerve,Straight / Swerve,Straight)', True)]
    >>> reg.by_label("mixed (Swerve,Straight / Swerve,Straight)")[0].strategies[0]
    ((c - 1)/c, 1/c)
    """
    if not isinstance(model, NormalFormModel):
        raise ModelError(f"equilibrium_regions needs a NormalFormModel, got {type(model).__name__}")
    ctx = context_of(model.parameters, assumptions)
    order = preference(model.parameters, prefer)
    A, B = (sp.Matrix(M) for M in model.payoffs)
    m, n = model.shape
    xb = _bases(B, m, n)  # x over rows, tight columns
    yb = _bases(A.T, n, m)  # y over columns, tight rows
    dropped: list[tuple[str, str]] = []

    def part(basis, J, M, size_other):
        """Relations for one player's vertex: positivity and the opponent's best responses."""
        (S, T), vertex = basis
        D = vertex.D
        ev = not simplify  # simplified relations are decided by the kernel, not by sympy's evaluation
        rels = []
        if len(S) > 1:
            rels += [sp.StrictGreaterThan(Nz * D, 0, evaluate=ev) for Nz in vertex.N]
        for t in range(size_other):
            if t in T:
                continue
            slack = vertex.slack(M, S, t)
            rels.append(sp.Eq(slack, 0, evaluate=ev) if t in J else sp.LessThan(slack * D, 0, evaluate=ev))
        return rels

    xprof = {k: v.profile(k[0], m) for k, v in xb.items()}
    yprof = {k: v.profile(k[0], n) for k, v in yb.items()}
    candidates: list[_Candidate] = []
    for xkey, xval in xb.items():
        I, K = xkey  # noqa: E741 - the support notation of the method
        for ykey, yval in yb.items():
            J, L = ykey
            # A pure strategy's vertex can always be fixed by a best response
            # inside the opponent's support (the 1x1 system is never
            # singular): other choices repeat the same profile on a subset
            # of the same conditions.
            if (len(I) == 1 and K != J[:1]) or (len(J) == 1 and L != I[:1]):
                continue
            generic = K == J and L == I
            rels = part((xkey, xval), J, B, n) + part((ykey, yval), I, A.T, m)
            support = (tuple(model.actions[0][i] for i in I), tuple(model.actions[1][j] for j in J))
            label = _label(support)
            desc = f"{label} [K={list(K)}, L={list(L)}]"
            candidates.append(_Candidate(generic, xkey, ykey, tuple(rels), support, label, desc))
    symbols = tuple(p.symbol for p in model.parameters)
    built: dict[int, Piece] = {}
    formulas = _Formulas(symbols, xb, yb, ctx, order)
    found_limits: list[Limit] = []
    # listed pieces' candidates with the tie polynomials of their kept components, generic first
    listed: list[tuple[_Candidate, tuple[sp.Expr, ...]]] = []
    # generic candidates first, then boundary ones by their number of ties: a boundary candidate
    # that is the formula of a listed piece on its tie set is a limit, found before simplifying it
    for k in sorted(range(len(candidates)), key=lambda k: _codimension(candidates[k])):
        cand = candidates[k]
        x, w = xprof[cand.xkey]
        y, v = yprof[cand.ykey]
        basis = (*cand.xkey, *cand.ykey)
        if simplify:
            whole = (list(cand.rels), tuple(_ties(cand.rels)))
            rest, found, impossible = (
                ([whole], [], []) if cand.generic or not limits else _split_limits(cand, listed, formulas)
            )
            for rels, ties, of in found:
                # one conjunction of the relations as derived, without sympy's canonical-form pass over them
                # (And(..., evaluate=False) still runs it); at() decides each relation exactly
                cond = sp.And._from_args(tuple(dict.fromkeys(rels)), is_commutative=True)
                found_limits.append(
                    Limit(
                        (x, y),
                        (v, w),
                        cond,
                        cand.support,
                        cand.label,
                        False,
                        basis,
                        model.parameters,
                        model.actions,
                        (("", cond),),
                        of.label,
                        (*of.xkey, *of.ykey),
                        tuple(sp.Eq(t, 0, evaluate=False) for t in ties),
                    )
                )
            if not rest:
                if not found:
                    dropped.append((cand.desc, "; ".join(dict.fromkeys(impossible))))
                continue
            # boundary pieces: only products equal to zero are split (cheap; each factor's zero set
            # is a tie set of its own); inequalities stay products (splitting them costs ~5x)
            how = split if cand.generic else split and "equalities"
            solved = [solve_conditions(rels, ctx, order, split=how) for rels, _ in rest]
            cases = tuple(dict.fromkeys(c for sv in solved for c in sv.cases))
            if not cases:
                why = "; ".join(dict.fromkeys(w_ for sv in solved for _, w_ in sv.dropped))
                dropped.append((cand.desc, why or "conditions cannot hold"))
                continue
            listed += [(cand, ties) for _, ties in rest]
        else:
            cases = (sp.And(*cand.rels),)
        built[k] = Piece(
            (x, y),
            (v, w),
            _disjunction(cases),
            cand.support,
            cand.label,
            cand.generic,
            basis,
            model.parameters,
            model.actions,
            tuple(("", c) for c in cases),
        )
    pieces = [built[k] for k in sorted(built)]
    merged = 0
    if simplify:
        before = len(pieces)
        pieces = _merge_boundary(pieces, ctx)
        merged = before - len(pieces)
    rng = random.Random(0)
    undecided = []
    if simplify:
        for pc in pieces:
            # a generic piece with nonlinear conditions is shown to hold somewhere by a sampled point;
            # boundary pieces (ties, lower-dimensional) are kept unless proved impossible
            if pc.generic and not all(is_linear(a) for c in (pc.conditions, *ctx) for a in _all_atoms(c)):
                if _witness(pc.conditions, ctx, model.parameters, rng) is None:
                    undecided.append(f"{pc.label}: {pc.condition_text}")
    if regimes:
        pieces = _name_cases(pieces, ctx, model.parameters, regimes, rng)
    pieces.sort(key=lambda p: (not p.generic, len(p.basis[0]) + len(p.basis[2])))
    return Regions(model, tuple(pieces), tuple(dropped), ctx, tuple(undecided), merged, tuple(found_limits))


class _Candidate(NamedTuple):
    """A pair of vertices (keys of the two players' bases) and the relations under which it is an equilibrium."""

    generic: bool
    xkey: tuple[tuple[int, ...], tuple[int, ...]]
    ykey: tuple[tuple[int, ...], tuple[int, ...]]
    rels: tuple[sp.Basic, ...]
    support: tuple[tuple[str, ...], tuple[str, ...]]
    label: str
    desc: str


def _ties(rels: Iterable[sp.Basic]) -> list[sp.Expr]:
    """The tie polynomials (``f`` of each ``f = 0``) among a candidate's relations."""
    return [r.lhs - r.rhs for r in rels if isinstance(r, sp.Equality)]


def _codimension(cand: _Candidate) -> tuple[bool, int]:
    return (not cand.generic, len(_ties(cand.rels)))


def _components(rels: Sequence[sp.Basic], formulas: _Formulas) -> list[list[sp.Basic]]:
    """The relations once per irreducible component of the tie set: each tie ``f*g = 0`` replaced by
    ``f = 0`` or ``g = 0`` (all combinations); ``[rels]`` when every tie is irreducible."""
    options: list[list[sp.Basic]] = []
    for r in rels:
        factors = formulas.factors(r.lhs - r.rhs) if isinstance(r, sp.Equality) else []
        options.append([sp.Eq(f, 0, evaluate=False) for f in factors] if len(factors) > 1 else [r])
    if all(len(o) == 1 for o in options):
        return [list(rels)]
    return [list(c) for c in itertools.product(*options)]


def _split_limits(
    cand: _Candidate,
    listed: Sequence[tuple[_Candidate, tuple[sp.Expr, ...]]],
    formulas: _Formulas,
) -> tuple[
    list[tuple[list[sp.Basic], tuple[sp.Expr, ...]]],
    list[tuple[list[sp.Basic], tuple[sp.Expr, ...], _Candidate]],
    list[str],
]:
    """Sort a boundary candidate's tie set: ``(relations, ties)`` of the parts that are neither
    impossible nor limits, ``(relations, ties, of)`` of the limits, and why the others cannot hold.

    Each irreducible component of the tie set is sorted on its own (the whole candidate when its
    ties are irreducible); a candidate with no limit and nothing impossible is kept whole.
    """
    whole = (list(cand.rels), tuple(_ties(cand.rels)))
    parts = [(c, tuple(_ties(c))) for c in _components(cand.rels, formulas)]
    rest: list = []
    found: list = []
    impossible: list[str] = []
    for rels, ties in parts:
        basis = formulas.ideal(ties)
        why = None if basis is None else formulas.contradiction(rels, ties, basis)
        of = None if basis is None or why else _limit_of(cand, ties, basis, listed, formulas)
        if of is not None:  # a limit is not simplified: what its domains rule out cheaply is dropped
            why = formulas.excluded(rels, ties)
        if why:
            impossible.append(why)
        elif of is not None:
            found.append((rels, ties, of))
        else:
            rest.append((rels, ties))
    if not found and not impossible:
        rest = [whole]
    return rest, found, impossible


def _quadric_rank(f: Any, ring: Any) -> int:
    """Rank of the symmetric matrix of a quadratic polynomial, homogenised (one more variable).

    A quadratic polynomial is a product of two linear ones (even over the complex numbers)
    only if this rank is at most 2: a rank of 3 or more proves it irreducible, cheaply.
    """
    n = ring.ngens
    half = ring.domain(1) / 2
    Q = [[ring.domain.zero] * (n + 1) for _ in range(n + 1)]
    for monom, c in f.terms():
        idx = [k for k, d in enumerate(monom) for _ in range(d)] + [n, n]
        i, j = idx[0], idx[1]
        if i == j:
            Q[i][i] += c
        else:
            Q[i][j] += c * half
            Q[j][i] += c * half
    return DomainMatrix(Q, (n + 1, n + 1), ring.domain).rank()


def _rem(f: Any, basis: list) -> Any:
    """The remainder of a ring polynomial on division by a Groebner basis (``f`` itself for none).

    The remainder by a Groebner basis does not depend on the order of the reduction steps; in the
    grevlex ring of the tie sets, terms are taken from a heap, largest first, and the divisors'
    leading terms found once (sympy's ``rem`` scans for leading terms at every step).
    """
    if not basis or not f:
        return f
    ring = f.ring
    if getattr(ring.order, "alias", None) != "grevlex":
        return f.rem(basis)
    leads = [(g.LM, g.LC, g) for g in basis]
    div, mul, zero = ring.monomial_div, ring.monomial_mul, ring.domain.zero
    p = dict(f)
    heap = [(-sum(m), m[::-1], m) for m in p]  # the largest monomial in grevlex pops first
    heapq.heapify(heap)
    r = {}
    while heap:
        m = heapq.heappop(heap)[2]
        c = p.pop(m, None)
        if c is None:  # a stale entry: the term cancelled
            continue
        for lm, lc, g in leads:
            q = div(m, lm)
            if q is not None:
                c = c / lc
                for mg, cg in g.iterterms():
                    if mg == lm:
                        continue
                    m1 = mul(mg, q)  # smaller than m: terms already taken never come back
                    if m1 not in p:
                        heapq.heappush(heap, (-sum(m1), m1[::-1], m1))
                    c1 = p.get(m1, zero) - c * cg
                    if c1:
                        p[m1] = c1
                    else:
                        p.pop(m1, None)
                break
        else:
            r[m] = c
    return ring.zero.new(r)


def _substitute(f: Any, i: int, powers: list) -> Any:
    """``f`` with its ``i``-th variable replaced by ``powers[1]`` (``powers[k]`` is its ``k``-th
    power; the list grows as needed)."""
    if not any(m[i] for m in f.itermonoms()):
        return f
    parts = []
    for monom, c in f.iterterms():
        k = monom[i]
        while len(powers) <= k:
            powers.append(powers[-1] * powers[1])
        parts.append((powers[k], monom[:i] + (0,) + monom[i + 1 :], c))
    return _sum_of_terms(f.ring, parts)


def _sum_of_terms(ring: Any, parts: Iterable[tuple[Any, tuple, Any]]) -> Any:
    """``sum(poly * c * x^monom)`` over ``(poly, monom, c)``, collected in one dictionary (adding
    ring polynomials one by one copies the sum each time)."""
    out: dict = {}
    mul, get, zero = ring.monomial_mul, out.get, ring.domain.zero
    for poly, monom, c in parts:
        for m, v in poly.iterterms():
            k = mul(m, monom)
            out[k] = get(k, zero) + v * c
    return ring.zero.new({k: v for k, v in out.items() if v})


class _Ideal:
    """The ideal of a tie set, to decide exactly whether a polynomial vanishes on it (or is a
    constant there).

    A tie of degree one in a variable with a constant coefficient (``c x + g = 0``, ``g`` free
    of ``x``) eliminates that variable: ``x = -g/c`` is substituted into the other ties and into
    every polynomial reduced (a ring homomorphism onto the polynomials in the other variables,
    whose kernel is the ideal).  If one tie remains and it is ``L x + g`` with ``L`` and ``g``
    free of ``x`` and coprime, it is irreducible, and ``f`` is in its ideal iff
    ``F = L^d f(-g/L)`` (``d`` the degree of ``f`` in ``x``) is 0; ``f`` is the constant ``c``
    there iff ``F = c L^d``.  Otherwise the ties that remain get a Groebner basis, and a
    polynomial is in the ideal iff its remainder is 0, congruent to a constant iff the remainder
    is that constant.  ``unit``: the ties have no common zero (not even complex).
    """

    def __init__(self, polys: Sequence[Any]) -> None:
        self.subs: list[tuple[int, list]] = []
        self.unit = False
        self.frac: tuple[int, Any, Any] | None = None  # (x's index, L, -g) of a last tie L x + g
        self.basis: list = []
        self.cache: dict[Any, tuple[Any, int]] = {}
        self.mixed: dict[tuple[int, int], Any] = {}
        left = [q for q in polys if q]
        while left and not any(q.is_ground for q in left):
            pick = next(((j, i) for j, q in enumerate(left) for i in _linear_in(q, unit=True)), None)
            if pick is None:
                break
            j, i = pick
            q = left.pop(j)
            x = q.ring.gens[i]
            c = q.coeff(x)
            phi = (x * c - q).mul_ground(q.ring.domain.one / c)  # x = phi on the tie set
            powers = [q.ring.one, phi]
            self.subs.append((i, powers))
            left = [r for r in (_substitute(r, i, powers) for r in left) if r]
        if any(q.is_ground for q in left):
            self.unit = True
        elif len(left) == 1:
            q = left[0]
            for i in _linear_in(q, unit=False):
                L = q.coeff_wrt(i, 1)
                g = q - L * q.ring.gens[i]
                if L.gcd(g).is_ground:  # then L x + g is irreducible
                    self.frac = (i, L, -g)
                    self.Lpowers = [q.ring.one, L]
                    self.gpowers = [q.ring.one, -g]
                    break
            else:
                self.basis = [q.monic()]  # one polynomial is a Groebner basis by itself
        elif left:
            self.basis = groebner(left, left[0].ring)
            self.unit = any(g.is_ground for g in self.basis)

    def image(self, f: Any) -> tuple[Any, int]:
        """``(F, d)``: ``f`` with the eliminated variables substituted and, for a last tie
        ``L x + g``, ``F = L^d f(-g/L)`` (else ``d = 0``); cached.  ``f`` is in the ideal iff
        the remainder of ``F`` by the Groebner basis (if any) is 0."""
        got = self.cache.get(f)
        if got is None:
            F = f
            for i, powers in self.subs:
                F = _substitute(F, i, powers)
            d = 0
            if self.frac is not None:
                i = self.frac[0]
                d = max((m[i] for m in F.itermonoms()), default=0)
                if d:
                    parts = []
                    for monom, c in F.iterterms():
                        k = monom[i]
                        if (k, d) not in self.mixed:  # (-g)^k L^(d-k), shared by the terms and polynomials
                            self.mixed[k, d] = self._power(self.gpowers, k) * self._power(self.Lpowers, d - k)
                        parts.append((self.mixed[k, d], monom[:i] + (0,) + monom[i + 1 :], c))
                    F = _sum_of_terms(F.ring, parts)
            got = self.cache[f] = (F, d)
        return got

    @staticmethod
    def _power(powers: list, k: int) -> Any:
        while len(powers) <= k:
            powers.append(powers[-1] * powers[1])
        return powers[k]

    def _zero(self, F: Any) -> bool:
        return not _rem(F, self.basis)

    def vanishes(self, f: Any) -> bool:
        """Whether ``f`` is in the ideal (it vanishes on the tie set)."""
        return self._zero(self.image(f)[0])

    def vanishes_cross(self, a: Any, b: Any, c: Any, d: Any) -> bool:
        """Whether ``a b - c d`` is in the ideal (images are multiplied factor by factor)."""
        (Fa, da), (Fb, db), (Fc, dc), (Fd, dd) = (self.image(f) for f in (a, b, c, d))
        left, right = Fa * Fb, Fc * Fd
        if self.frac is not None:  # bring both sides to the same power of L
            e = max(da + db, dc + dd)
            left *= self._power(self.Lpowers, e - da - db)
            right *= self._power(self.Lpowers, e - dc - dd)
        return self._zero(left - right)

    def constant(self, f: Any) -> Any:
        """The constant (a domain element) that ``f`` equals on the tie set, None if it is not one."""
        F, d = self.image(f)
        F = _rem(F, self.basis)
        if not F:
            return F.ring.domain.zero
        if not d:
            return F.LC if F.is_ground else None
        Ld = self._power(self.Lpowers, d)
        c = F.LC / Ld.LC  # LC in the ring's order: F = c L^d has this c
        return c if F == Ld.mul_ground(c) else None


def _linear_in(q: Any, *, unit: bool) -> list[int]:
    """Indices of the variables in which ``q`` has degree one (with a constant coefficient, if ``unit``)."""
    monoms = list(q.itermonoms())
    n = q.ring.ngens
    out = []
    for i in range(n):
        with_x = [m for m in monoms if m[i]]
        if with_x and all(m[i] == 1 for m in with_x):
            if not unit or with_x == [tuple(int(k == i) for k in range(n))]:
                out.append(i)
    return out


class _Formulas:
    """The vertices' numerators and denominators as polynomials over the rationals in the
    parameters (converted once), and exact tests of their vanishing on a tie set."""

    def __init__(
        self,
        symbols: Sequence[sp.Symbol],
        xb: Mapping,
        yb: Mapping,
        ctx: tuple[sp.Basic, ...] = (),
        prefer: Sequence[sp.Symbol] = (),
    ) -> None:
        self.ring = sp.ring(tuple(symbols), sp.QQ, order="grevlex")[0] if symbols else None
        self.bases = (xb, yb)
        self.ctx, self.prefer = ctx, tuple(prefer)  # to state a tie set in solved form
        self.cache: dict[tuple[int, tuple], tuple | None] = {}
        self.polys: dict[sp.Expr, Any] = {}
        # tie sets, factorisations and quadric ranks recur across candidates
        self.ideals: dict[tuple | frozenset, _Ideal | None] = {}  # by ties, and by their monic polynomials
        self.factored: dict[sp.Expr, list[sp.Expr]] = {}

    def vertex(self, side: int, key: tuple) -> tuple | None:
        """``(D, (N_s, ...), whole)`` of one player's vertex (``whole``: the ``N_s`` sum to ``D``, as
        Cramer's rule gives them), None if not polynomial in the parameters."""
        if (side, key) not in self.cache:
            vertex = self.bases[side][key]
            D, N = vertex.D, vertex.N
            try:
                d, n = self.poly(D), tuple(self.poly(z) for z in N)
                self.cache[side, key] = (d, n, sum(n, self.ring.zero) == d)
            except (ValueError, BasePolynomialError, AttributeError):
                self.cache[side, key] = None
        return self.cache[side, key]

    def ideal(self, ties: Sequence[sp.Expr]) -> _Ideal | None:
        """The ideal of the tie polynomials (a polynomial vanishes on the tie set if it reduces
        to 0; ``unit`` if the ties have no common zero, even complex); None if a tie is not a
        polynomial in the parameters.  Cached: the same tie sets recur across candidates."""
        key = tuple(ties)
        if key not in self.ideals:
            got = None
            if self.ring is not None:
                try:
                    polys = [self.poly(t) for t in ties]
                except (ValueError, BasePolynomialError):
                    polys = None
                if polys is not None:  # ties that differ by constant factors have one ideal
                    monic = frozenset(q.monic() for q in polys if q)
                    got = self.ideals.get(monic) or self.ideals.setdefault(monic, _Ideal(polys))
            self.ideals[key] = got
        return self.ideals[key]

    def factors(self, e: sp.Expr) -> list[sp.Expr]:
        """The distinct non-constant irreducible factors of a polynomial tie (``[]`` if not polynomial)."""
        if e not in self.factored:
            self.factored[e] = self._factors(e)
        return self.factored[e]

    def _factors(self, e: sp.Expr) -> list[sp.Expr]:
        try:
            f = self.poly(e)
        except ValueError:
            return []
        degree = max((sum(m) for m in f.monoms()), default=0)
        if degree <= 1 or degree == 2 and _quadric_rank(f, self.ring) >= 3:
            return [e]  # constant, linear, or a quadric that is no product of two linear factors
        return [g.as_expr() for g, _ in f.factor_list()[1] if not g.is_ground]

    def poly(self, e: sp.Expr) -> Any:
        """``e`` in the ring (cached: vertex numerators and denominators recur across candidates);
        raises ValueError if ``e`` is not a polynomial in the parameters."""
        if e not in self.polys:
            try:
                self.polys[e] = self.ring.from_expr(e)
            except (ValueError, BasePolynomialError) as err:
                self.polys[e] = err
        got = self.polys[e]
        if isinstance(got, Exception):
            raise ValueError(str(got))
        return got

    def contradiction(self, rels: Sequence[sp.Basic], ties: Sequence[sp.Expr], basis: _Ideal) -> str | None:
        """Why the relations cannot hold on the tie set, or None: a relation ``f > 0`` (etc.) whose
        ``f`` is a constant of the wrong sign on the set (e.g. ``f`` vanishes there).

        Each factor of ``f`` is reduced on its own (the denominator ``D`` repeats across
        relations): ``f`` is 0 on the set if a factor is, a constant if all factors are;
        otherwise the relation is not decided here (and the candidate is not dropped).
        """

        def where() -> str:
            return format_conditions(sp.And(*(normalize(sp.Eq(t, 0), self.ctx, self.prefer) for t in ties)))

        if basis.unit:  # stated as derived: solved, they would read "False"
            return " and ".join(f"{sp.sstr(t)} = 0" for t in ties) + " cannot hold (no common solution)"
        reduced: dict[sp.Expr, Any] = {}
        for r in rels:
            test = _REL_TEST.get(type(r))
            if test is None or isinstance(r, sp.Equality):
                continue
            value = sp.S.One
            for f in sp.Mul.make_args(r.lhs - r.rhs):
                if f not in reduced:  # the constant ``f`` is on the set; None if it is none
                    try:
                        reduced[f] = basis.constant(self.poly(f))
                    except (ValueError, BasePolynomialError):
                        reduced[f] = None
                q = reduced[f]
                if q is not None and not q:
                    value = sp.S.Zero
                    break
                if q is None or value is None:
                    value = None
                else:
                    value *= self.ring.domain.to_sympy(q)
            if value is not None and not test(_sign_at(value)):
                return f"{format_conditions(r)} cannot hold where {where()}"
        return None

    def excluded(self, rels: Sequence[sp.Basic], ties: Sequence[sp.Expr]) -> str | None:
        """Why the relations cannot hold under the parameters' domains and the assumptions, as far
        as cheap exact tests see (a tie whose terms all have one strict sign under the domains,
        linear relations that contradict), or None."""
        for t in ties:
            if 0 not in _monomial_signs(t):
                return f"{format_conditions(sp.Eq(t, 0, evaluate=False))} cannot hold under the parameters' domains and assumptions"
        if not _linear_feasible(rels, self.ctx):
            linear = format_conditions(sp.And(*(r for r in rels if is_linear(r))))
            return f"{linear} cannot hold together under the parameters' domains and assumptions"
        return self._signed_out(rels, ties)

    def _signed_out(self, rels: Sequence[sp.Basic], ties: Sequence[sp.Expr]) -> str | None:
        """Why a relation cannot hold on the tie set by the signs of its factors' terms, or None.

        Only where every parameter has a sign (positive, nonnegative, a probability...): the ties
        solved for a parameter are substituted, and a relation ``f1*f2*... > 0`` (etc.) whose
        factors' terms fix a product sign it forbids cannot hold (e.g. ``(c*q - r)*(L + c*q) > 0``
        where ``q = 0``, with ``c, r, L > 0``: ``-r*L > 0``).  Cheap, exact, and skipped at once
        when a parameter's sign is free (no term sign could decide anything then).
        """
        symbols = set().union(*(r.free_symbols for r in rels), *(t.free_symbols for t in ties))
        if not all(s.is_nonnegative or s.is_nonpositive for s in symbols):
            return None
        sub: dict[sp.Symbol, sp.Expr] = {}
        for t in ties:
            eq = normalize(sp.Eq(t, 0), self.ctx, self.prefer)
            if (
                isinstance(eq, sp.Equality)
                and isinstance(eq.lhs, sp.Symbol)
                and eq.lhs not in eq.rhs.free_symbols
            ):
                sub[eq.lhs] = eq.rhs
        if not sub:
            return None
        for r in rels:
            allowed = _RELATION_SIGNS.get(type(r))
            if allowed is None or isinstance(r, sp.Equality):
                continue
            sign = frozenset({1})
            for f in sp.Mul.make_args(r.lhs - r.rhs):
                sign = _mul_signs(sign, _monomial_signs(f.xreplace(sub)))
            if not sign & allowed:
                return f"{format_conditions(r)} cannot hold where {format_conditions(sp.And(*(sp.Eq(k, v, evaluate=False) for k, v in sub.items())))}"
        return None

    def inside(self, ties: Sequence[sp.Expr], basis: _Ideal) -> bool:
        """Whether every tie polynomial vanishes on the set of ``basis`` (its set is inside theirs)."""
        try:
            return all(basis.vanishes(self.poly(t)) for t in ties)
        except (ValueError, BasePolynomialError):
            return False

    def same(self, p: _Candidate, q: _Candidate, basis: _Ideal) -> bool:
        """Whether ``q``'s strategies are ``p``'s at every point of the tie set where ``q``'s are defined.

        Strategies are ``N_s / D``: ``q``'s entries outside ``p``'s support vanish on the
        set, the others agree (``N_p D_q - N_q D_p`` vanishes) and ``q``'s denominators
        do not vanish on the whole set.  Where both vertices' ``N_s`` sum to their ``D``, the
        last entry of ``p``'s support is not compared: once the others agree, the sums imply it;
        a vertex that both share is not compared at all.
        """

        vanishes = basis.vanishes

        sides = []
        for side, pk, qk in ((0, p.xkey, q.xkey), (1, p.ykey, q.ykey)):
            if not set(pk[0]) <= set(qk[0]):
                return False
            vp, vq = self.vertex(side, pk), self.vertex(side, qk)
            if vp is None or vq is None:
                return False
            sides.append((pk[0], qk[0], vp, vq))
        for sp_, sq, _, (_, nq, _) in sides:  # cheapest tests first: q's entries that must vanish
            if any(s not in sp_ and not vanishes(z) for s, z in zip(sq, nq)):
                return False
        for sp_, sq, (dp, np_, pw), (dq, nq, qw) in sides:
            implied = sp_[-1] if pw and qw else None
            for s, z in zip(sq, nq) if nq is not np_ else ():  # one vertex: its formula is its own
                if s in sp_ and s != implied and not basis.vanishes_cross(np_[sp_.index(s)], dq, z, dp):
                    return False
            if vanishes(dq):
                return False
        return True


def _limit_of(
    cand: _Candidate,
    ties: Sequence[sp.Expr],
    basis: _Ideal,
    listed: Sequence[tuple[_Candidate, tuple[sp.Expr, ...]]],
    formulas: _Formulas,
) -> _Candidate | None:
    """The listed candidate whose formula is ``cand``'s profile on its tie set (exactly), if any.

    ``basis`` is the ideal of the ``ties``.  Listed generic pieces first, then boundary
    pieces with fewer ties whose tie set contains this one.  Only pieces whose supports contain
    ``cand``'s can match; among each kind, the likely ones are tried first: those with one of
    ``cand``'s two vertices, then those whose supports fit the ties (a row in ``q``'s support is one that
    ``cand``'s column mix makes a best response, likewise columns).
    """
    (I, K), (J, L) = cand.xkey, cand.ykey  # noqa: E741 - the support notation of the method
    rows, cols = set(I) | set(L), set(J) | set(K)
    fits = [e for e in listed if set(I) <= set(e[0].xkey[0]) and set(J) <= set(e[0].ykey[0])]
    order = sorted(
        fits,
        key=lambda e: (
            not e[0].generic,
            e[0].xkey != cand.xkey and e[0].ykey != cand.ykey,
            not (set(e[0].xkey[0]) <= rows and set(e[0].ykey[0]) <= cols),
        ),
    )
    for q, qties in order:
        if not q.generic:
            if len(qties) >= len(ties):
                continue
            if not formulas.inside(qties, basis):  # q's tie set must contain cand's
                continue
        if formulas.same(cand, q, basis):
            return q
    return None


def _disjunction(cases: Sequence[sp.Basic]) -> sp.Basic:
    if not cases:
        return sp.false
    return cases[0] if len(cases) == 1 else sp.Or(*cases, evaluate=False)


def _all_atoms(c: sp.Basic) -> list[sp.Basic]:
    if isinstance(c, sp.Or):
        return [a for case in c.args for a in atoms(case)]
    return atoms(c)


def _equalities(case: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
    return {
        a.lhs: a.rhs
        for a in atoms(case)
        if isinstance(a, sp.Equality) and isinstance(a.lhs, sp.Symbol) and a.lhs not in a.rhs.free_symbols
    }


def _fingerprint(
    exprs: Any,
    eqs: Mapping[sp.Symbol, sp.Expr],
    symbols: Sequence[sp.Symbol],
    seeds: Sequence[int] = (11, 29),
) -> tuple | None:
    """Exact values of expressions at two pseudo-random rational points of the manifold ``eqs``.

    Two rational functions that agree at random points of the manifold agree on it
    (with probability 1 - O(degree / range), Schwartz-Zippel); None if a value is undefined.
    """
    out = []
    for seed in seeds:
        rng = random.Random(seed)
        sub: dict[sp.Symbol, sp.Expr] = {
            s_: sp.Rational(rng.randint(1, 10**6), rng.randint(1, 10**3)) for s_ in symbols if s_ not in eqs
        }
        try:
            for s_, rhs in eqs.items():
                sub[s_] = rhs.xreplace(sub)
            vals = tuple(tuple(e.xreplace(sub) for e in z) for z in exprs)
        except (ZeroDivisionError, TypeError, ValueError):
            return None
        if any(v.has(sp.zoo, sp.nan) or not v.is_number for z in vals for v in z):
            return None
        out.append(vals)
    return tuple(out)


def _merge_boundary(pieces: list[Piece], ctx: tuple[sp.Basic, ...]) -> list[Piece]:
    """Merge boundary pieces that are the same profile on the same tie set.

    Each case of a boundary piece is keyed by its label, its equalities (the tie
    set) and the exact values of its strategies at two random points of that set;
    cases with the same key are the same profile and become one piece whose cases
    are their union (a case contained in another is dropped).  A case whose profile
    is a generic piece's and whose conditions imply that piece's is dropped.
    """
    from alliancegames.analysis.conditions import _implies  # noqa: PLC0415 - private kernel helper

    generic = [p for p in pieces if p.generic]
    symbols = [p.symbol for p in (pieces[0].parameters if pieces else ())]
    groups: dict[tuple, list[tuple[Piece, sp.Basic]]] = {}
    for pc in pieces:
        if pc.generic:
            continue
        for _, case in pc.cases:
            eqs = _equalities(case)
            fp = _fingerprint(pc.strategies, eqs, symbols)
            if fp is None:
                groups[(pc.label, id(pc), id(case))] = [(pc, case)]
                continue
            covered = any(
                g.label == pc.label
                and _fingerprint(g.strategies, eqs, symbols) == fp
                and any(_implies(case, gc, ctx) for _, gc in g.cases)
                for g in generic
            )
            if covered:
                continue
            key = (pc.label, frozenset(a for a in atoms(case) if isinstance(a, sp.Equality)), fp)
            groups.setdefault(key, []).append((pc, case))
    out = list(generic)
    for members in groups.values():
        cases: list[sp.Basic] = []
        for _, case in members:
            if case not in cases:
                cases.append(case)
        cases = drop_contained(cases, ctx)
        first = members[0][0]
        # same tie set and same profile on it: the first member's strategies and payoffs hold on all
        out.append(
            Piece(
                first.strategies,
                first.payoffs,
                _disjunction(cases),
                first.support,
                first.label,
                False,
                first.basis,
                first.parameters,
                first.actions,
                tuple(("", c) for c in cases),
            )
        )
    return out


def _sample(p: Parameter, rng: random.Random) -> Fraction:
    if p.domain == "probability":
        return Fraction(rng.randint(1, 63), 64)
    if p.symbol.is_integer:
        return Fraction(rng.randint(1, 12))
    mag = Fraction(rng.randint(1, 80), rng.choice((1, 2, 4, 8)))
    if p.domain in ("positive",):
        return mag
    if p.domain == "nonnegative":
        return mag - 1 if mag > 1 else mag
    return mag if rng.random() < 0.5 else -mag


def _witness(
    cond: sp.Basic,
    ctx: tuple[sp.Basic, ...],
    parameters: Sequence[Parameter],
    rng: random.Random,
    tries: int = 30,
) -> dict[sp.Symbol, sp.Expr] | None:
    """A rational (or algebraic) point where ``cond`` and the context hold, found by sampling."""
    cases = list(cond.args) if isinstance(cond, sp.Or) else [cond]
    tests: dict[sp.Basic, Any] = {}
    for _ in range(tries):
        for case in cases:
            eqs = _equalities(case)
            sub: dict[sp.Symbol, sp.Expr] = {
                p.symbol: sp.Rational(_sample(p, rng)) for p in parameters if p.symbol not in eqs
            }
            try:
                for s_, rhs in eqs.items():
                    sub[s_] = rhs.xreplace(sub)
                rels = (*atoms(case), *ctx)
                holds = _holds_in_fractions(rels, sub, tests)
                if holds is None:
                    holds = all(a.xreplace(sub) is sp.true for a in rels)
                if not holds or not all(_in_domain(p, sub[p.symbol]) for p in parameters):
                    continue
            except (TypeError, ValueError, ZeroDivisionError):
                continue
            return sub
    return None


_FRACTION_TESTS = {
    sp.StrictGreaterThan: lambda d: d > 0,
    sp.GreaterThan: lambda d: d >= 0,
    sp.StrictLessThan: lambda d: d < 0,
    sp.LessThan: lambda d: d <= 0,
    sp.Equality: lambda d: d == 0,
    sp.Unequality: lambda d: d != 0,
}


def _fraction_function(e: sp.Expr) -> Any:
    """``e`` as a function of ``{symbol: Fraction}`` computing in fractions, or None if ``e`` is not a
    rational function with rational coefficients.  Built from the expression tree (nothing parsed)."""
    if e.is_Rational:
        v = Fraction(int(e.p), int(e.q))
        return lambda sub: v
    if isinstance(e, sp.Symbol):
        return lambda sub: sub[e]
    if isinstance(e, sp.Pow) and e.exp.is_Integer:
        base, k = _fraction_function(e.base), int(e.exp)
        return None if base is None else (lambda sub: base(sub) ** k)
    if isinstance(e, (sp.Add, sp.Mul)):
        parts = [_fraction_function(a) for a in e.args]
        if any(f is None for f in parts):
            return None
        if isinstance(e, sp.Add):
            return lambda sub: sum((f(sub) for f in parts), Fraction(0))
        return lambda sub: math.prod((f(sub) for f in parts), start=Fraction(1))
    return None


def _fraction_test(rel: sp.Basic) -> Any:
    """A relation as a test of ``{symbol: Fraction}`` in exact fractions, or None (see
    :func:`_fraction_function`)."""
    test = _FRACTION_TESTS.get(type(rel))
    if test is None:
        return None
    lhs, rhs = _fraction_function(rel.lhs), _fraction_function(rel.rhs)
    if lhs is None or rhs is None:
        return None
    return lambda sub: test(lhs(sub) - rhs(sub))


def _holds_in_fractions(
    rels: Sequence[sp.Basic], sub: Mapping[sp.Symbol, sp.Expr], tests: dict[sp.Basic, Any]
) -> bool | None:
    """Whether all relations hold at a rational point, computed exactly in Python fractions (what
    sympy decides from the substituted relation, without building sympy numbers), or None where
    that is not possible (a value or relation outside rational functions, a vanishing denominator).
    ``tests`` keeps the relations' tests between calls."""
    if not all(isinstance(v, sp.Rational) for v in sub.values()):
        return None
    frac = {s_: Fraction(int(v.p), int(v.q)) for s_, v in sub.items()}
    for r in rels:
        if r not in tests:
            tests[r] = _fraction_test(r)
    fns = [tests[r] for r in rels]
    if any(t is None for t in fns):
        return None
    try:
        return all(t(frac) for t in fns)
    except (ZeroDivisionError, KeyError):
        return None


def _in_domain(p: Parameter, v: sp.Expr) -> bool:
    if not v.is_real:
        return False
    if p.domain == "probability":
        return bool(v >= 0) and bool(v <= 1)
    if p.domain == "positive":
        return bool(v > 0)
    if p.domain == "nonnegative":
        return bool(v >= 0)
    return True


def _name_cases(
    pieces: list[Piece],
    ctx: tuple[sp.Basic, ...],
    parameters: Sequence[Parameter],
    regimes: Mapping[tuple[str, ...], str],
    rng: random.Random,
) -> list[Piece]:
    """Name each case of a piece with several cases by the regime (the set of generic labels) at
    sampled points of the case, when all sampled points agree."""
    generic = [p for p in pieces if p.generic]
    out = []
    for pc in pieces:
        if len(pc.cases) < 2:
            out.append(pc)
            continue
        named = []
        for name, case in pc.cases:
            found = set()
            for _ in range(3):
                pt = _witness(case, ctx, parameters, rng, tries=40)
                if pt is None:
                    continue
                labels = tuple(sorted({g.label for g in generic if g.conditions.xreplace(pt) is sp.true}))
                found.add(regimes.get(labels, ""))
            named.append((found.pop() if len(found) == 1 else name, case))
        out.append(
            Piece(
                pc.strategies,
                pc.payoffs,
                pc.conditions,
                pc.support,
                pc.label,
                pc.generic,
                pc.basis,
                pc.parameters,
                pc.actions,
                tuple(named),
            )
        )
    return out


# Names that used to live here (before the module was split), kept importable.
_MOVED = {
    "comparative_statics": "alliancegames.analysis.statics",
    "Static": "alliancegames.analysis.statics",
    "partition": "alliancegames.analysis.partitions",
    "Partition1D": "alliancegames.analysis.partitions",
    "Partition2D": "alliancegames.analysis.partitions",
    "Boundary": "alliancegames.analysis.partitions",
    "Cell": "alliancegames.analysis.partitions",
    "decide": "alliancegames.analysis.conditions",
    "normalize": "alliancegames.analysis.conditions",
    "context_of": "alliancegames.analysis.conditions",
    "simplify_conditions": "alliancegames.analysis.conditions",
    "_preference": ("alliancegames.analysis.conditions", "preference"),
    "_rebind": ("alliancegames.analysis.conditions", "rebind"),
}


def __getattr__(name: str) -> Any:
    import importlib  # noqa: PLC0415 - lazy: statics and partitions import this module

    target = _MOVED.get(name)
    if target is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    mod, attr = target if isinstance(target, tuple) else (target, name)
    return getattr(importlib.import_module(mod), attr)
