"""Symbolic normal-form games.

Conventions
-----------
A two-player normal-form model has a *row* player (index 0) with actions
``actions[0]`` (length ``m``) and a *column* player (index 1) with actions
``actions[1]`` (length ``n``).  ``payoffs[0]`` is the row player's ``m x n``
payoff matrix ``A`` and ``payoffs[1]`` the column player's ``m x n`` matrix
``B``: at the profile (row ``i``, column ``j``) the players receive
``(A[i, j], B[i, j])``.  Nothing assumes ``m == n``.

Parameters are sympy symbols carrying assumptions taken from their *domain*:

=============== ============================= ====================
domain          sympy assumptions             admissible values
=============== ============================= ====================
``real``        ``real=True``                 any finite real
``positive``    ``positive=True``             ``x > 0``
``nonnegative`` ``nonnegative=True``          ``x >= 0``
``probability`` ``nonnegative=True``          ``0 <= x <= 1``
=============== ============================= ====================

Models are immutable and validated when built; use :func:`normal_form` to
build one and :meth:`NormalFormModel.substitute` for partial evaluation.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from alliancegames.core.bimatrix import GameError, index_of
from alliancegames.core.exact import InputError, sign, to_exact
from alliancegames.core.latex import escape

__all__ = [
    "DOMAINS",
    "ModelError",
    "NormalFormModel",
    "Parameter",
    "normal_form",
    "parameter",
]

DOMAINS: dict[str, dict[str, bool]] = {
    "real": {"real": True},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "probability": {"nonnegative": True},
}


class ModelError(InputError):
    """A model, parameter or parameter value is invalid (an :class:`~alliancegames.core.exact.InputError`)."""


def _check_identifier(name: str, what: str) -> None:
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise ModelError(f"{what} name {name!r} must be a Python identifier not starting with '_'")


@dataclass(frozen=True)
class Parameter:
    """A named model parameter.

    Parameters
    ----------
    name : str
        Identifier used in payoff expressions and when giving values.
    meaning : str
        One line saying what the parameter stands for.
    domain : {"real", "positive", "nonnegative", "probability"}
        Admissible values; also sets the sympy assumptions of ``symbol``.
    default : number, optional
        Value used when none is given.

    Attributes
    ----------
    symbol : sympy.Symbol
        The symbol used in payoff expressions, with the domain's assumptions.

    Examples
    --------
    >>> c = Parameter("c_E", "cost of entrapment", "positive", default=2)
    >>> c.symbol.is_positive
    True
    >>> c.contains(-1)
    False
    """

    name: str
    meaning: str = ""
    domain: str = "real"
    default: Any = None
    symbol: sp.Symbol = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_identifier(self.name, "parameter")
        if self.domain not in DOMAINS:
            raise ModelError(
                f"parameter {self.name!r}: unknown domain {self.domain!r}; choose one of {sorted(DOMAINS)}"
            )
        object.__setattr__(self, "symbol", sp.Symbol(self.name, **DOMAINS[self.domain]))
        if self.default is not None:
            if not self.contains(self.default):
                raise ModelError(
                    f"parameter {self.name!r}: default {self.default!r} is outside its domain {self.domain!r}"
                )

    @property
    def interval(self) -> sp.Interval:
        """The domain as a sympy set."""
        return {
            "real": sp.S.Reals,
            "positive": sp.Interval.open(0, sp.oo),
            "nonnegative": sp.Interval(0, sp.oo),
            "probability": sp.Interval(0, 1),
        }[self.domain]

    def constraints(self) -> list[sp.Basic]:
        """Inequalities the domain imposes beyond the symbol's assumptions."""
        if self.domain == "probability":
            return [self.symbol <= 1]
        return []

    def contains(self, value: Any) -> bool:
        """Whether a single number lies in the parameter's domain, decided exactly.

        The value is read by the package's exactness policy
        (:func:`~alliancegames.core.exact.to_exact`: a float is the decimal it
        prints as), so ``1.00000000000000000001`` given as an exact decimal is
        not a probability and ``-1e-400`` is not non-negative.  Strings,
        booleans, complex numbers, NaN and infinities are never contained.
        """
        try:
            x = to_exact(value)
        except InputError:
            return False
        if self.domain == "real":
            return True
        s = sign(x)
        if self.domain == "positive":
            return s > 0
        if self.domain == "nonnegative":
            return s >= 0
        return s >= 0 and sign(x - 1) <= 0


def find_parameter(
    parameters: Iterable[Parameter], name: str, owner: str, error: type[ModelError] = ModelError
) -> Parameter:
    """The parameter called ``name`` among ``parameters``; ``error`` naming ``owner`` if absent.

    Examples
    --------
    >>> find_parameter([Parameter("p", "", "probability")], "p", "model 'g'").domain
    'probability'
    """
    params = list(parameters)
    for p in params:
        if p.name == name:
            return p
    raise error(f"{owner} has no parameter {name!r}; it has {[p.name for p in params]}")


def substitution(
    parameters: Iterable[Parameter],
    values: Mapping[str, Any],
    owner: str,
    error: type[ModelError] = ModelError,
) -> dict[sp.Symbol, sp.Expr]:
    """``{symbol: exact value}`` for fixing some parameters: every model's ``substitute`` uses it.

    Raises ``error`` (naming ``owner``) for an unknown parameter or a value outside its domain.

    Examples
    --------
    >>> substitution([parameter("p", "", "probability")], {"p": 0.25}, "model 'g'")
    {p: 1/4}
    """
    params = list(parameters)
    sub = {}
    for name, v in values.items():
        p = find_parameter(params, name, owner, error)
        if not p.contains(v):
            raise error(f"value {v!r} for {name!r} is outside its domain {p.domain!r}")
        sub[p.symbol] = exact_number(v)
    return sub


def parameter(name: str, meaning: str = "", domain: str = "real", default: Any = None) -> Parameter:
    """Shorthand for :class:`Parameter`.

    Examples
    --------
    >>> parameter("p", "probability that a conflict arises", "probability", 0.5).domain
    'probability'
    """
    return Parameter(name, meaning, domain, default)


def _to_expr(value: Any, where: str) -> sp.Expr:
    if isinstance(value, str):
        raise ModelError(
            f"payoff at {where} is the string {value!r}; build expressions with sympy or "
            "parse text with alliancegames.core.files.parse_expression (strings are never eval'd)"
        )
    if not isinstance(value, sp.Basic):
        # numbers by the exactness policy: 0.1 -> 1/10, ints of any size exact
        return to_exact(value, f"payoff at {where}", ModelError)
    try:
        expr = sp.sympify(value, strict=True)
    except (sp.SympifyError, TypeError) as exc:
        raise ModelError(f"payoff at {where} is not a number or sympy expression: {value!r}") from exc
    if not isinstance(expr, sp.Expr):
        raise ModelError(f"payoff at {where} is not a scalar expression: {value!r}")
    floats = expr.atoms(sp.Float)
    if floats:  # a float inside an expression means its decimal text, as everywhere
        expr = expr.xreplace({f: to_exact(f, f"payoff at {where}", ModelError) for f in floats})
    return expr


@dataclass(frozen=True)
class NormalFormModel:
    """An immutable, validated two-player normal-form game with symbolic payoffs.

    Build it with :func:`normal_form`.  See the module docstring for the
    conventions (``payoffs[0]`` is the row player's matrix).

    Examples
    --------
    >>> import sympy as sp
    >>> g = normal_form(
    ...     "coordination", ("Ally 1", "Ally 2"), (("Firm", "Weak"), ("Firm", "Weak")),
    ...     [parameter("v", "value of protection", "positive", 3)],
    ...     {("Firm", "Firm"): ("v", "v"), ("Firm", "Weak"): (0, 1),
    ...      ("Weak", "Firm"): (1, 0), ("Weak", "Weak"): (1, 1)})
    >>> g.shape
    (2, 2)
    >>> g.substitute(v=3).payoffs[0]
    Matrix([
    [3, 0],
    [1, 1]])
    """

    name: str
    players: tuple[str, str]
    actions: tuple[tuple[str, ...], tuple[str, ...]]
    parameters: tuple[Parameter, ...]
    payoffs: tuple[sp.ImmutableMatrix, sp.ImmutableMatrix]
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if len(self.players) != 2:
            raise ModelError(f"a normal-form model has exactly 2 players, got {len(self.players)}")
        for p in self.players:
            if not isinstance(p, str) or not p.strip():
                raise ModelError(f"player names must be non-empty strings, got {p!r}")
        if self.players[0] == self.players[1]:
            raise ModelError(f"duplicate player name {self.players[0]!r}")
        if len(self.actions) != 2:
            raise ModelError("actions must give one tuple of labels per player")
        for player, labels in zip(self.players, self.actions):
            if len(labels) == 0:
                raise ModelError(f"player {player!r} has no actions")
            for a in labels:
                if not isinstance(a, str) or not a.strip():
                    raise ModelError(f"player {player!r} has an empty or non-string action label {a!r}")
            dup = {a for a in labels if list(labels).count(a) > 1}
            if dup:
                raise ModelError(f"player {player!r} has duplicate action labels {sorted(dup)}")
        names = [p.name for p in self.parameters]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ModelError(f"duplicate parameter names {sorted(dup)}")
        shape = (len(self.actions[0]), len(self.actions[1]))
        declared = {p.symbol for p in self.parameters}
        for k, M in enumerate(self.payoffs):
            if M.shape != shape:
                raise ModelError(
                    f"payoff matrix of {self.players[k]!r} has shape {M.shape}, expected {shape}"
                )
            undeclared = M.free_symbols - declared
            if undeclared:
                raise ModelError(
                    f"payoffs of {self.players[k]!r} use undeclared symbols "
                    f"{sorted(str(s) for s in undeclared)}; declared parameters: {names}"
                )

    # ------------------------------------------------------------------ access
    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``: numbers of row and column actions."""
        return (len(self.actions[0]), len(self.actions[1]))

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    @property
    def symbols(self) -> dict[str, sp.Symbol]:
        """Parameter name → sympy symbol (with the domain's assumptions)."""
        return {p.name: p.symbol for p in self.parameters}

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``; :class:`ModelError` if there is none."""
        return find_parameter(self.parameters, name, f"model {self.name!r}")

    def defaults(self) -> dict[str, Any]:
        """Default values of the parameters that have one."""
        return {p.name: p.default for p in self.parameters if p.default is not None}

    def assumptions(self) -> list[sp.Basic]:
        """Extra domain constraints (e.g. ``p <= 1`` for probabilities)."""
        return [c for p in self.parameters for c in p.constraints()]

    def payoff(self, row: str | int, col: str | int) -> tuple[sp.Expr, sp.Expr]:
        """The payoff pair at a profile given by labels or indices."""
        i = index_of(row, self.actions[0], "action", of=self.players[0])
        j = index_of(col, self.actions[1], "action", of=self.players[1])
        return (self.payoffs[0][i, j], self.payoffs[1][i, j])

    # ------------------------------------------------------- transformations
    def substitute(self, values: Mapping[str, Any] | None = None, /, **kw: Any) -> NormalFormModel:
        """Partial evaluation: fix some parameters, returning a smaller model.

        Values are kept exact when they are ints, fractions or sympy numbers;
        floats are converted with :func:`sympy.nsimplify` of their decimal text
        (``0.5`` → ``1/2``).
        """
        values = {**(values or {}), **kw}
        sub = substitution(self.parameters, values, f"model {self.name!r}")
        params = tuple(p for p in self.parameters if p.name not in values)
        payoffs = tuple(sp.ImmutableMatrix(M.subs(sub)) for M in self.payoffs)
        return NormalFormModel(
            self.name, self.players, self.actions, params, payoffs, self.description, self.source
        )

    def with_actions_permuted(self, rows: Sequence[int], cols: Sequence[int]) -> NormalFormModel:
        """The same game with actions reordered (useful for invariance checks)."""
        A, B = self.payoffs
        r, c = list(rows), list(cols)
        return NormalFormModel(
            self.name,
            self.players,
            (tuple(self.actions[0][i] for i in r), tuple(self.actions[1][j] for j in c)),
            self.parameters,
            (sp.ImmutableMatrix(A.extract(r, c)), sp.ImmutableMatrix(B.extract(r, c))),
            self.description,
            self.source,
        )

    # --------------------------------------------------------------- display
    def payoff_table(self) -> list[list[str]]:
        """Rows of strings ``"u1, u2"`` for display."""
        A, B = self.payoffs
        m, n = self.shape
        return [[f"{A[i, j]}, {B[i, j]}" for j in range(n)] for i in range(m)]

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex(math_only=True) + "$"

    def to_latex(self, math_only: bool = False) -> str:
        """The payoff table as a LaTeX ``array`` (inside a table unless ``math_only``)."""
        A, B = self.payoffs
        m, n = self.shape
        esc = escape
        head = " & ".join(r"\text{" + esc(a) + "}" for a in self.actions[1])
        rows = [
            r"\text{"
            + esc(self.actions[0][i])
            + "} & "
            + " & ".join(f"{sp.latex(A[i, j])},\\; {sp.latex(B[i, j])}" for j in range(n))
            for i in range(m)
        ]
        arr = (
            r"\begin{array}{l|"
            + "c" * n
            + "}\n"
            + r"\text{"
            + esc(self.players[0])
            + r"} \backslash \text{"
            + esc(self.players[1])
            + "} & "
            + head
            + r" \\ \hline"
            + "\n"
            + " \\\\\n".join(rows)
            + "\n"
            + r"\end{array}"
        )
        if math_only:
            return arr
        caption = esc(self.name)
        return "\\begin{table}[ht]\n\\centering\n$" + arr + "$\n\\caption{" + caption + "}\n\\end{table}"

    def _repr_html_(self) -> str:
        A, B = self.payoffs
        m, n = self.shape
        e = html.escape
        out = [f"<b>{e(self.name)}</b>"]
        if self.description:
            out.append(f"<p>{e(self.description)}</p>")
        out.append("<table><tr><th>" + e(self.players[0]) + " \\ " + e(self.players[1]) + "</th>")
        out += [f"<th>{e(a)}</th>" for a in self.actions[1]]
        out.append("</tr>")
        for i in range(m):
            out.append(f"<tr><th>{e(self.actions[0][i])}</th>")
            out += [f"<td>${sp.latex(A[i, j])},\\ {sp.latex(B[i, j])}$</td>" for j in range(n)]
            out.append("</tr>")
        out.append("</table>")
        if self.parameters:
            out.append("<table><tr><th>parameter</th><th>meaning</th><th>domain</th><th>default</th></tr>")
            for p in self.parameters:
                out.append(
                    f"<tr><td>${sp.latex(p.symbol)}$</td><td>{e(p.meaning)}</td>"
                    f"<td>{e(p.domain)}</td><td>{e(str(p.default))}</td></tr>"
                )
            out.append("</table>")
        if self.source:
            out.append(f"<p><i>Source:</i> {e(self.source)}</p>")
        return "\n".join(out)

    def __str__(self) -> str:
        rows = self.payoff_table()
        width = max(len(s) for r in rows for s in r + list(self.actions[1]))
        lw = max(len(a) for a in self.actions[0])
        head = " " * lw + " | " + " | ".join(a.ljust(width) for a in self.actions[1])
        body = "\n".join(
            a.ljust(lw) + " | " + " | ".join(s.ljust(width) for s in r) for a, r in zip(self.actions[0], rows)
        )
        params = "".join(f"\n  {p.name} ({p.domain}): {p.meaning}" for p in self.parameters)
        return f"{self.name}: {self.players[0]} (rows) vs {self.players[1]} (columns)\n{head}\n{body}" + (
            "\nparameters:" + params if params else ""
        )


def exact_number(v: Any) -> sp.Expr:
    """A user number as an exact sympy number, by the package's exactness policy.

    The one conversion is :func:`alliancegames.core.exact.to_exact` (``0.1`` →
    ``1/10``; ints of any size exact; irrational sympy numbers kept); this name
    raises :class:`ModelError`.

    Examples
    --------
    >>> exact_number(0.1), exact_number(2**70)
    (1/10, 1180591620717411303424)
    """
    return to_exact(v, "parameter value", ModelError)


def _table_from_mapping(payoffs: Mapping, actions) -> list[list[Any]]:
    m, n = len(actions[0]), len(actions[1])
    table: list[list[Any]] = [[None] * n for _ in range(m)]
    for key, value in payoffs.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise ModelError(f"payoff key {key!r} must be a (row action, column action) pair")
        r, c = key
        try:
            i = index_of(r, actions[0], "action", of="the row player") if isinstance(r, str) else int(r)
            j = index_of(c, actions[1], "action", of="the column player") if isinstance(c, str) else int(c)
        except (GameError, ValueError, TypeError) as exc:
            raise ModelError(f"payoff key {key!r}: {exc}") from None
        if not (0 <= i < m and 0 <= j < n):
            raise ModelError(f"payoff key {key!r} is out of range for a {m}x{n} game")
        table[i][j] = value
    missing = [(actions[0][i], actions[1][j]) for i in range(m) for j in range(n) if table[i][j] is None]
    if missing:
        raise ModelError(f"payoffs missing for profiles {missing}")
    return table


def expression_binder(
    parameters: Sequence[Parameter], error: type[ModelError] = ModelError
) -> Callable[[Any, str], sp.Expr]:
    """Check declared parameters; return ``bind(value, where)``, the one way builders read an entry.

    ``bind`` turns a number, a sympy expression or a declared parameter's name
    into a sympy expression over the declared symbols: symbols of a declared
    name made elsewhere are replaced by the declared ones (with their
    assumptions); other strings are refused (never parsed), as are undeclared
    symbols.  Used by :func:`normal_form`, ``bayesian_game``, ``signalling_game``
    and ``game_tree``.

    Raises
    ------
    ModelError
        (or ``error``) A parameter that is not a :class:`Parameter`, duplicate
        names; from ``bind``: a bad entry, with ``where`` in the message.

    Examples
    --------
    >>> import sympy as sp
    >>> bind = expression_binder([parameter("v", "value", "positive")])
    >>> e = bind(sp.Symbol("v") + 1, "(C, D)")
    >>> e, e.free_symbols.pop().is_positive
    (v + 1, True)
    >>> bind("w", "(C, D)")
    Traceback (most recent call last):
    ...
    alliancegames.core.model.ModelError: payoff at (C, D) is the string 'w', which is not a declared parameter (strings are never parsed: build expressions with sympy or parse text with alliancegames.core.files.parse_expression)
    """
    params = tuple(parameters)
    for p in params:
        if not isinstance(p, Parameter):
            raise error(f"parameters must be Parameter objects, got {p!r}")
    names = [p.name for p in params]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise error(f"duplicate parameter names {sorted(dup)}")
    by_name = {p.name: p.symbol for p in params}
    declared = set(by_name.values())

    def bind(value: Any, where: str) -> sp.Expr:
        if isinstance(value, str):
            if value in by_name:
                return by_name[value]
            raise error(
                f"payoff at {where} is the string {value!r}, which is not a declared parameter (strings are "
                "never parsed: build expressions with sympy or parse text with "
                "alliancegames.core.files.parse_expression)"
            )
        try:
            e = _to_expr(value, where)
        except ModelError as exc:
            if error is ModelError:
                raise
            raise error(str(exc)) from None
        rebind = {s: by_name[s.name] for s in e.free_symbols if s.name in by_name and s != by_name[s.name]}
        e = e.xreplace(rebind) if rebind else e
        undeclared = e.free_symbols - declared
        if undeclared:
            raise error(
                f"payoff at {where} uses undeclared symbols {sorted(str(s) for s in undeclared)}; "
                f"declared parameters: {sorted(by_name)}"
            )
        return e

    return bind


def normal_form(
    name: str,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    parameters: Iterable[Parameter] = (),
    payoffs: Any = None,
    *,
    description: str = "",
    source: str = "",
) -> NormalFormModel:
    """Build and validate a :class:`NormalFormModel`.

    Parameters
    ----------
    name : str
        Name of the model.
    players : pair of str
        Row player, column player.
    actions : pair of sequences of str
        Action labels of each player.
    parameters : iterable of Parameter
        Declared parameters.  Payoffs may use symbols of the same *name*
        created elsewhere; they are replaced by the declared symbols.
    payoffs : mapping or table or pair of matrices
        Either ``{(row, col): (u_row, u_col)}``, or an ``m x n`` nested list of
        ``(u_row, u_col)`` pairs, or a pair ``(A, B)`` of ``m x n`` matrices.
        Entries are numbers, sympy expressions, or parameter names (a bare
        string is accepted only if it is exactly a declared parameter name).
    description, source : str
        What the model formalises and where it comes from.

    Raises
    ------
    ModelError
        Ragged or wrong-shaped tables, duplicate or empty labels, undeclared
        symbols.

    Examples
    --------
    >>> pd = normal_form("PD", ("A", "B"), (("C", "D"), ("C", "D")),
    ...                  payoffs=[[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
    >>> pd.payoffs[1][0, 1]
    5
    """
    actions = tuple(tuple(a) for a in actions)
    players = tuple(players)
    if len(actions) != 2:
        raise ModelError("actions must give one sequence of labels per player")
    for player, labels in zip(players, actions):
        if len(labels) == 0:
            raise ModelError(f"player {player!r} has no actions")
    params = tuple(parameters)
    bind = expression_binder(params)
    m, n = len(actions[0]), len(actions[1])
    if payoffs is None:
        raise ModelError("payoffs are required")

    if isinstance(payoffs, Mapping):
        table = _table_from_mapping(payoffs, actions)
        pairs = True
    elif (
        isinstance(payoffs, (tuple, list)) and len(payoffs) == 2 and all(hasattr(M, "shape") for M in payoffs)
    ):
        table, pairs = None, False
    else:
        table, pairs = payoffs, True

    if pairs:
        if not isinstance(table, (list, tuple)) or len(table) != m:
            raise ModelError(f"payoff table must have {m} rows (one per action of {players[0]!r})")
        A = [[None] * n for _ in range(m)]
        B = [[None] * n for _ in range(m)]
        for i, row in enumerate(table):
            if not isinstance(row, (list, tuple)) or len(row) != n:
                raise ModelError(
                    f"payoff table row {i} ({actions[0][i]!r}) has "
                    f"{len(row) if isinstance(row, (list, tuple)) else 'no'} entries, expected {n}"
                )
            for j, cell in enumerate(row):
                where = f"({actions[0][i]!r}, {actions[1][j]!r})"
                if not isinstance(cell, (list, tuple)) or len(cell) != 2:
                    raise ModelError(f"payoff at {where} must be a pair (u_row, u_col), got {cell!r}")
                A[i][j] = bind(cell[0], where)
                B[i][j] = bind(cell[1], where)
        mats = (sp.ImmutableMatrix(A), sp.ImmutableMatrix(B))
    else:
        mats = []
        for k, M in enumerate(payoffs):
            shape = tuple(getattr(M, "shape", ()))
            if shape != (m, n):
                raise ModelError(f"payoff matrix {k} has shape {shape}, expected {(m, n)}")
            mats.append(
                sp.ImmutableMatrix(
                    [
                        [
                            bind(M[i, j] if hasattr(M, "__getitem__") else M[i][j], f"[{k}][{i},{j}]")
                            for j in range(n)
                        ]
                        for i in range(m)
                    ]
                )
            )
        mats = tuple(mats)
    return NormalFormModel(str(name), players, actions, params, mats, description, source)
