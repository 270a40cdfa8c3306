"""Seeded teaching problem sets with verified answer keys.

:func:`generate` draws a set of exercises from a seed; every answer is computed
by the toolkit (the exact solver, the symbolic regions, backward induction) and
*verified* before it is accepted: an equilibrium must have regret exactly zero,
a condition must hold at the drawn point exactly when the solver finds the
outcome there, a sign must agree with an exact finite difference, a threshold
must separate the two regimes it claims to separate.  Draws that give
degenerate games (ties), several candidate answers where one is asked for, or
ugly numbers (denominators above 12) are redrawn.

Kinds of problem
----------------
``"pure"``
    Find every pure-strategy Nash equilibrium of a numeric game.
``"mixed"``
    Find the (unique) completely mixed equilibrium of a 2x2 game, exactly.
``"conditions"``
    State the conditions on the parameters under which an outcome is an
    equilibrium, and say whether they hold at a drawn point.
``"statics"``
    Sign a comparative static: how an equilibrium probability or payoff moves
    when one parameter rises.
``"tree"``
    Solve a small sequential (deterrence) game by backward induction.
``"regime"``
    Read a regime map (a table of equilibrium regimes over a grid of two
    parameters) and find where the regime boundary lies, exactly.
``"discount"``
    Derive the discount factor above which grim trigger sustains mutual
    restraint in a repeated prisoner's dilemma (Snyder's primary alliance
    game); verified against :mod:`alliancegames.analysis.repeated` and against
    simulated one-shot deviations just below and above the answer.

Randomness comes only from ``numpy.random.default_rng(seed)``: the same seed
gives the same set (and byte-identical files from :func:`write`).

The generic games are alliance-flavoured 2x2 games written for teaching; their
cardinal payoffs are **our coding** of the qualitative stories they tell
(stated in each story), not estimates.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache, lru_cache
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

from alliancegames.analysis.conditions import rebind
from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.repeated import deviate_once, grim_strategy, grim_trigger, play_repeated
from alliancegames.analysis.tree import backward_induction, decision, game_tree, terminal
from alliancegames.core.bimatrix import Bimatrix
from alliancegames.core.exact import to_fraction
from alliancegames.core.files import parse_expression
from alliancegames.core.latex import escape
from alliancegames.core.model import NormalFormModel, normal_form, parameter
from alliancegames.core.numeric import evaluate
from alliancegames.core.points import decided
from alliancegames.models import REGISTRY, library_model
from alliancegames.publishing.tasks import Task
from alliancegames.publishing.typeset import typeset
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import regrets

__all__ = [
    "KINDS",
    "ConditionAnswer",
    "Problem",
    "ProblemSet",
    "Provenance",
    "TreeAnswer",
    "Verdict",
    "check_answer",
    "cli_problems",
    "generate",
    "write",
]

KINDS: tuple[str, ...] = ("pure", "mixed", "conditions", "statics", "tree", "regime", "discount")
MAX_DENOMINATOR = 12
MAX_ATTEMPTS = 400

R = Fraction


# =========================================================================== results
@dataclass(frozen=True)
class Provenance:
    """Where a problem comes from: the model, the drawn values, the source."""

    model: str
    values: tuple[tuple[str, Fraction], ...] = ()
    source: str = ""
    note: str = ""

    @property
    def as_dict(self) -> dict[str, Fraction]:
        return dict(self.values)


@dataclass(frozen=True)
class Problem:
    """One exercise with its verified answer.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    number : int
        Position in the set, from 1.
    statement, statement_latex : str
        The question in Markdown (math in ``$...$``) and in LaTeX.
    answer : object
        The structured answer: a ``frozenset`` of pure profiles ``(row, col)``
        (``"pure"``); a pair of ``Fraction`` probabilities (``"mixed"``); a
        :class:`ConditionAnswer` (``"conditions"``); a sign -1, 0 or 1
        (``"statics"``); a :class:`TreeAnswer` (``"tree"``); a ``Fraction``
        threshold (``"regime"``).
    answer_text, answer_latex : str
        The worked answer in Markdown and in LaTeX.
    provenance : Provenance
        Model name, drawn parameter values and source.
    data : tuple
        Extra ``(key, value)`` pairs the checker needs (e.g. the symbols of a
        condition); not shown to students.
    """

    kind: str
    number: int
    statement: str
    statement_latex: str
    answer: Any
    answer_text: str
    answer_latex: str
    provenance: Provenance
    data: tuple[tuple[str, Any], ...] = field(default=(), repr=False)

    def datum(self, key: str, default: Any = None) -> Any:
        return dict(self.data).get(key, default)


@dataclass(frozen=True)
class ProblemSet:
    """A seeded set of problems.  ``problems[k].number == k + 1``."""

    seed: int
    problems: tuple[Problem, ...]

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self):
        return iter(self.problems)

    def __getitem__(self, k: int) -> Problem:
        return self.problems[k]

    def to_markdown(self, answers: bool = False) -> str:
        """The problems (or the answer key) as one Markdown document."""
        title = "Answer key" if answers else "Problem set"
        out = [f"# Alliance games: {title.lower()} (seed {self.seed})", ""]
        if not answers:
            out += [
                "Give exact answers (fractions, not decimals) unless told otherwise. "
                "Row player's payoff first in every cell.",
                "",
            ]
        for p in self.problems:
            out.append(f"## Problem {p.number} ({_KIND_TITLES[p.kind]})")
            out.append("")
            out.append(p.answer_text if answers else p.statement)
            out.append("")
            if answers:
                out.append(f"*Provenance:* {_provenance_md(p.provenance)}")
                out.append("")
        return "\n".join(out).rstrip() + "\n"

    def to_latex(self, answers: bool = False) -> str:
        """The problems (or the answer key) as a standalone LaTeX article."""
        title = "Answer key" if answers else "Problem set"
        out = [
            r"\documentclass[11pt]{article}",
            r"\usepackage[T1]{fontenc}",
            r"\usepackage[utf8]{inputenc}",
            r"\usepackage{amsmath,amssymb}",
            r"\usepackage[margin=2.5cm]{geometry}",
            r"\begin{document}",
            r"\section*{Alliance games: " + title.lower() + f" (seed {self.seed})" + "}",
        ]
        if not answers:
            out.append(
                "Give exact answers (fractions, not decimals) unless told otherwise. "
                "Row player's payoff first in every cell."
            )
        for p in self.problems:
            out.append("")
            out.append(r"\subsection*{Problem " + f"{p.number} ({_KIND_TITLES[p.kind]})" + "}")
            out.append(p.answer_latex if answers else p.statement_latex)
            if answers:
                out.append("")
                out.append(r"\emph{Provenance:} " + _provenance_tex(p.provenance))
        out.append(r"\end{document}")
        return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Verdict:
    """The checker's judgement of a student's answer."""

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct


@dataclass(frozen=True)
class ConditionAnswer:
    """Answer to a ``"conditions"`` problem.

    ``condition`` is a sympy Boolean in the model's parameters; ``at_point``
    says whether it holds at the drawn point.
    """

    condition: Any
    at_point: bool


@dataclass(frozen=True)
class TreeAnswer:
    """Answer to a ``"tree"`` problem: the equilibrium path and strategies.

    ``path`` is the sequence of actions taken on the equilibrium path;
    ``strategy`` maps each decision node's name to the action chosen there.
    """

    path: tuple[str, ...]
    strategy: tuple[tuple[str, str], ...]
    payoffs: tuple[Fraction, ...]


_KIND_TITLES = {
    "pure": "pure equilibria",
    "mixed": "mixed equilibrium",
    "conditions": "equilibrium conditions",
    "statics": "comparative statics",
    "tree": "backward induction",
    "regime": "regime map",
    "discount": "shadow of the future",
}


# =========================================================================== text blocks
# A statement is a list of blocks rendered both to Markdown and to LaTeX.
# Text blocks may contain inline math $...$ (valid LaTeX) and **bold**.
@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Items:
    items: tuple[str, ...]


_ASCII = {"\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''"}


def _tex_text(s: str) -> str:
    """Escape LaTeX specials outside ``$...$``; ``**x**`` to ``\\textbf{x}``, ```x``` to ``\\texttt{x}``."""
    parts = re.split(r"(\$[^$]*\$)", s)
    out = []
    for k, part in enumerate(parts):
        if k % 2 == 1:
            out.append(part)
            continue
        part = escape(part)
        part = re.sub(r"`([^`]*)`", r"\\texttt{\1}", part)  # inline code, not a stray backtick
        part = re.sub(r"\*\*(.+?)\*\*", r"\\textbf{\1}", part)
        part = re.sub(r"\*(.+?)\*", r"\\emph{\1}", part)
        part = part.replace("\u00e9", r"\'e")
        part = "".join(_ASCII.get(ch, ch) for ch in part)
        part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode("ascii")
        out.append(part)
    return "".join(out)


def _md(blocks: Sequence[Any]) -> str:
    out = []
    for b in blocks:
        if isinstance(b, _Text):
            out.append(b.text)
        elif isinstance(b, _Items):
            out.append("\n".join(f"- {it}" for it in b.items))
        else:
            out.append("| " + " | ".join(b.header) + " |")
            out[-1] += "\n|" + "---|" * len(b.header)
            out[-1] += "".join("\n| " + " | ".join(r) + " |" for r in b.rows)
    return "\n\n".join(out)


def _tex(blocks: Sequence[Any]) -> str:
    out = []
    for b in blocks:
        if isinstance(b, _Text):
            out.append(_tex_text(b.text))
        elif isinstance(b, _Items):
            out.append(
                "\\begin{itemize}\n"
                + "\n".join(r"\item " + _tex_text(it) for it in b.items)
                + "\n\\end{itemize}"
            )
        else:
            cols = "l|" + "c" * (len(b.header) - 1)
            lines = [
                r"\begin{center}",
                r"\begin{tabular}{" + cols + "}",
                " & ".join(_tex_text(h) for h in b.header) + r" \\ \hline",
            ]
            lines += [" & ".join(_tex_text(c) for c in r) + r" \\" for r in b.rows]
            lines += [r"\end{tabular}", r"\end{center}"]
            out.append("\n".join(lines))
    return "\n\n".join(out)


def _frac(v: Any) -> str:
    """An exact number as inline LaTeX (without dollars): ``3``, ``-\\frac{1}{2}``."""
    f = Fraction(v)
    if f.denominator == 1:
        return str(f.numerator)
    sign = "-" if f < 0 else ""
    return f"{sign}\\frac{{{abs(f.numerator)}}}{{{f.denominator}}}"


def _num(v: Any) -> str:
    return "$" + _frac(v) + "$"


def _plain(v: Any) -> str:
    f = Fraction(v)
    return str(f)


def _sym(name: str) -> str:
    """LaTeX for a parameter name (``c_abandon`` → ``c_{\\text{abandon}}``)."""
    return sp.latex(sp.Symbol(name))


def _values_text(values: Mapping[str, Any]) -> str:
    return ", ".join(f"${_sym(k)} = {_frac(v)}$" for k, v in values.items())


def _provenance_md(p: Provenance) -> str:
    s = f"model `{p.model}`"
    if p.values:
        s += " at " + ", ".join(f"{k} = {_plain(v)}" for k, v in p.values)
    if p.source:
        s += f"; source: {p.source}"
    if p.note:
        s += f"; {p.note}"
    return s


def _provenance_tex(p: Provenance) -> str:
    s = r"model \texttt{" + _tex_text(p.model) + "}"
    if p.values:
        s += " at " + ", ".join(f"${_sym(k)} = {_frac(v)}$" for k, v in p.values)
    if p.source:
        s += "; source: " + _tex_text(p.source)
    if p.note:
        s += "; " + _tex_text(p.note)
    return s


def _game_table(g: Bimatrix) -> _Table:
    head = (f"{g.players[0]} \\ {g.players[1]}",) + tuple(f"**{a}**" for a in g.actions[1])
    rows = tuple(
        (f"**{g.actions[0][i]}**",)
        + tuple(f"${_frac(g.A[i, j])},\\ {_frac(g.B[i, j])}$" for j in range(g.shape[1]))
        for i in range(g.shape[0])
    )
    return _Table(head, rows)


def _game_intro(t: _Template, model: NormalFormModel) -> list:
    """The opening blocks of a problem on a library game: its story, payoff table and parameters."""
    return [_Text(t.story + " The payoffs (row player first) are:"), _model_table(model), _param_items(model)]


def _model_table(model: NormalFormModel) -> _Table:
    A, B = model.payoffs
    head = (f"{model.players[0]} \\ {model.players[1]}",) + tuple(f"**{a}**" for a in model.actions[1])
    rows = tuple(
        (f"**{model.actions[0][i]}**",)
        + tuple(f"${sp.latex(A[i, j])},\\ {sp.latex(B[i, j])}$" for j in range(model.shape[1]))
        for i in range(model.shape[0])
    )
    return _Table(head, rows)


def _param_items(model: NormalFormModel) -> _Items:
    return _Items(tuple(f"${_sym(p.name)}$ ({p.domain}): {p.meaning}" for p in model.parameters))


# =========================================================================== games to draw from
@dataclass(frozen=True)
class _Template:
    """A parameterised teaching game and how to draw its parameters."""

    key: str
    story: str
    build: Callable[[], NormalFormModel]
    # (name, candidate values) pairs; values are drawn uniformly from the candidates
    draws: tuple[tuple[str, tuple[Fraction, ...]], ...]
    assumptions: Callable[[NormalFormModel], tuple[Any, ...]] = lambda m: ()
    source: str = "teaching game, our coding"


def _ints(lo: int, hi: int, step: int = 1) -> tuple[Fraction, ...]:
    return tuple(Fraction(v) for v in range(lo, hi + 1, step))


def _positive_game(
    name: str,
    players: tuple[str, str],
    actions: tuple[tuple[str, str], tuple[str, str]],
    meanings: dict[str, str],
    payoffs: Callable[..., dict[tuple[str, str], tuple[Any, Any]]],
    description: str,
) -> NormalFormModel:
    """A teaching game whose parameters (``{name: meaning}``) are all positive.

    ``payoffs`` receives the parameters' symbols, in the order of ``meanings``.
    """
    params = [parameter(n, meaning, "positive") for n, meaning in meanings.items()]
    table = payoffs(*(p.symbol for p in params))
    return normal_form(name, players, actions, params, table, description=description)


@cache
def _assurance() -> NormalFormModel:
    return _positive_game(
        "alliance assurance",
        ("Ally 1", "Ally 2"),
        (("Firm", "Weak"), ("Firm", "Weak")),
        {
            "v": "value of a cohesive alliance when both stand firm",
            "s": "security from hedging (standing weak)",
            "a_1": "loss to ally 1 when it stands firm alone (abandoned)",
            "a_2": "loss to ally 2 when it stands firm alone (abandoned)",
        },
        lambda v, s, a1, a2: {
            ("Firm", "Firm"): (v, v),
            ("Firm", "Weak"): (-a1, s),
            ("Weak", "Firm"): (s, -a2),
            ("Weak", "Weak"): (s, s),
        },
        "Stag-hunt coding of alliance cohesion: firmness pays only if the partner is firm too.",
    )


@cache
def _burden() -> NormalFormModel:
    return _positive_game(
        "burden sharing (chicken)",
        ("Ally 1", "Ally 2"),
        (("Contribute", "Free-ride"), ("Contribute", "Free-ride")),
        {
            "v": "value of collective defence (provided if at least one ally contributes)",
            "c_1": "cost to ally 1 of providing defence alone (halved if shared)",
            "c_2": "cost to ally 2 of providing defence alone (halved if shared)",
        },
        lambda v, c1, c2: {
            ("Contribute", "Contribute"): (v - c1 / 2, v - c2 / 2),
            ("Contribute", "Free-ride"): (v - c1, v),
            ("Free-ride", "Contribute"): (v, v - c2),
            ("Free-ride", "Free-ride"): (0, 0),
        },
        "Chicken coding of burden sharing: each ally prefers the other to pay.",
    )


@cache
def _entrapment() -> NormalFormModel:
    return _positive_game(
        "patron and protégé (entrapment)",
        ("Patron", "Protege"),
        (("Support", "Restrain"), ("Provoke", "Hold")),
        {
            "w": "patron's cost of being drawn into war",
            "l": "patron's loss when it restrains a provoking protégé (alliance damaged)",
            "r": "patron's reputational gain from supporting a quiet protégé",
            "g": "protégé's gain from provoking with the patron's support",
            "d": "protégé's loss from provoking alone",
        },
        lambda w, l_, r, g, d: {
            ("Support", "Provoke"): (-w, g),
            ("Support", "Hold"): (r, 0),
            ("Restrain", "Provoke"): (-l_, -d),
            ("Restrain", "Hold"): (0, 0),
        },
        "Entrapment: unconditional support emboldens the protégé; restraint risks the alliance.",
    )


@cache
def _deterrence_nf() -> NormalFormModel:
    return _positive_game(
        "extended deterrence (normal form)",
        ("Defender", "Challenger"),
        (("Commit", "Hedge"), ("Attack", "Refrain")),
        {
            "k": "defender's cost of fighting for its protégé",
            "h": "defender's loss when the protégé is overrun",
            "b": "defender's peacetime cost of a commitment (troops, tripwires)",
            "c": "challenger's cost of attacking a committed defender",
            "t": "challenger's gain from attacking an uncommitted protégé",
        },
        lambda k, h, b, c, t: {
            ("Commit", "Attack"): (-k, -c),
            ("Commit", "Refrain"): (-b, 0),
            ("Hedge", "Attack"): (-h, t),
            ("Hedge", "Refrain"): (0, 0),
        },
        "Extended deterrence: commitment deters but is costly in peacetime.",
    )


def _gt(model: NormalFormModel, a: str, b: str) -> Any:
    s = model.symbols
    return s[a] > s[b]


_TEMPLATES: tuple[_Template, ...] = (
    _Template(
        "assurance",
        "Two allies each choose to stand **Firm** behind the alliance or to stay **Weak** (hedge). "
        "Firmness pays only if the partner is firm too; standing firm alone means being abandoned.",
        _assurance,
        (("v", _ints(2, 8)), ("s", _ints(1, 6)), ("a_1", _ints(1, 6)), ("a_2", _ints(1, 6))),
    ),
    _Template(
        "burden",
        "Collective defence is provided if at least one ally pays for it; "
        "if both **Contribute** they split the cost, and each would rather **Free-ride**.",
        _burden,
        (("v", _ints(2, 9)), ("c_1", _ints(2, 12, 2)), ("c_2", _ints(2, 12, 2))),
    ),
    _Template(
        "entrapment",
        "A patron chooses to **Support** or **Restrain** its protégé, which chooses to **Provoke** "
        "a rival or **Hold** back. Support emboldens the protégé (entrapment); restraint strains the alliance.",
        _entrapment,
        (("w", _ints(1, 8)), ("l", _ints(1, 8)), ("r", _ints(1, 6)), ("g", _ints(1, 6)), ("d", _ints(1, 6))),
    ),
    _Template(
        "deterrence",
        "A defender decides whether to **Commit** to a protégé (a costly tripwire) or **Hedge**; "
        "a challenger decides whether to **Attack** the protégé or **Refrain**.",
        _deterrence_nf,
        (("k", _ints(1, 8)), ("h", _ints(1, 8)), ("b", _ints(1, 6)), ("c", _ints(1, 6)), ("t", _ints(1, 6))),
    ),
)

_SCENARIOS: tuple[tuple[tuple[str, str], tuple[str, ...], tuple[str, ...]], ...] = (
    (("Ally 1", "Ally 2"), ("Firm", "Hedge", "Weak"), ("Firm", "Hedge", "Weak")),
    (("Patron", "Protege"), ("Support", "Warn", "Restrain"), ("Provoke", "Probe", "Hold")),
    (("Defender", "Challenger"), ("Commit", "Signal", "Hedge"), ("Attack", "Probe", "Refrain")),
    (("Ally 1", "Ally 2"), ("Contribute", "Match", "Free-ride"), ("Contribute", "Match", "Free-ride")),
)


@lru_cache(maxsize=1)
def _library_templates() -> tuple[_Template, ...]:
    """Templates from the model library's normal-form entries that carry a coding.

    Parameters are drawn from simple values inside each coding's plausible range.
    """
    out = []
    for name in sorted(REGISTRY):
        entry = REGISTRY[name]
        lib = library_model(name)
        model = lib.normal_form
        if model is None or lib.ranges is None:
            continue
        ranges = lib.ranges.plausible
        draws = []
        for p in model.parameters:
            if p.name not in ranges:
                break
            vals = _nice_values(*ranges[p.name], p.domain)
            if len(vals) < 2:
                break
            draws.append((p.name, vals))
        else:
            out.append(
                _Template(
                    "library:" + name,
                    entry.description + " (Model `" + name + "` from the model library; payoffs are "
                    "its coding of the source.)",
                    lambda model=model: model,
                    tuple(draws),
                    source=entry.citation,
                )
            )
    return tuple(out)


def _exact(v: Any) -> Fraction:
    return to_fraction(v)  # the package's exactness policy (a float is its decimal text)


def _nice_values(lo: Any, hi: Any, domain: str) -> tuple[Fraction, ...]:
    """Simple values in ``[lo, hi]``: integers where possible, else halves; simple probabilities."""
    lo, hi = _exact(lo), _exact(hi)
    if domain == "probability":
        cands = sorted({Fraction(a, b) for b in (2, 3, 4, 5) for a in range(1, b)})
    else:
        cands = [Fraction(k, 2) for k in range(-40, 41)]
    vals = tuple(c for c in cands if lo <= c <= hi)
    ints = tuple(c for c in vals if c.denominator == 1)
    return ints if len(ints) >= 3 else vals


# =========================================================================== drawing helpers
def _choice(rng: np.random.Generator, seq: Sequence[Any]) -> Any:
    return seq[int(rng.integers(len(seq)))]


def _draw_values(rng: np.random.Generator, t: _Template) -> dict[str, Fraction]:
    return {name: _choice(rng, vals) for name, vals in t.draws}


def _game_at(model: NormalFormModel, values: Mapping[str, Fraction]) -> Bimatrix:
    return evaluate(model, dict(values))


def _generic(g: Bimatrix) -> bool:
    """No player is ever indifferent between two pure actions against a pure action."""
    m, n = g.shape
    for j in range(n):
        col = [g.A[i, j] for i in range(m)]
        if len(set(col)) < m:
            return False
    for i in range(m):
        row = [g.B[i, j] for j in range(n)]
        if len(set(row)) < n:
            return False
    return True


def _nice(*fs: Fraction) -> bool:
    return all(Fraction(f).denominator <= MAX_DENOMINATOR for f in fs)


def _pure_profiles(g: Bimatrix) -> frozenset[tuple[str, str]]:
    """Pure equilibria by direct enumeration of best responses (independent of solve())."""
    out = set()
    m, n = g.shape
    for i, j in product(range(m), range(n)):
        if all(g.A[i, j] >= g.A[k, j] for k in range(m)) and all(g.B[i, j] >= g.B[i, jj] for jj in range(n)):
            out.add((g.actions[0][i], g.actions[1][j]))
    return frozenset(out)


def _unit(k: int, n: int) -> np.ndarray:
    v = np.array([Fraction(0)] * n, dtype=object)
    v[k] = Fraction(1)
    return v


def _profile_md(p: tuple[str, str]) -> str:
    return f"({p[0]}, {p[1]})"


# =========================================================================== problem kinds
def _random_game(rng: np.random.Generator) -> tuple[Bimatrix, Provenance, str]:
    players, rows, cols = _choice(rng, _SCENARIOS)
    m, n = _choice(rng, ((2, 2), (2, 2), (2, 3), (3, 2), (3, 3)))
    A = [[Fraction(int(rng.integers(0, 7))) for _ in range(n)] for _ in range(m)]
    B = [[Fraction(int(rng.integers(0, 7))) for _ in range(n)] for _ in range(m)]
    acts = (rows[:m] if m == 3 else (rows[0], rows[2]), cols[:n] if n == 3 else (cols[0], cols[2]))
    g = Bimatrix.from_arrays(A, B, players=players, actions=acts, name="random alliance game")
    values = tuple(
        (f"{'A' if k == 0 else 'B'}[{i},{j}]", M[i][j])
        for k, M in enumerate((A, B))
        for i in range(m)
        for j in range(n)
    )
    prov = Provenance("random alliance game", (), "drawn payoffs (integers 0..6), our coding", "")
    del values
    story = (
        f"{players[0]} (rows) and {players[1]} (columns) choose simultaneously. "
        "The payoffs are ordinal scores (higher is better), drawn for this exercise."
    )
    return g, prov, story


def _draw_template_game(
    rng: np.random.Generator, templates: Sequence[_Template]
) -> tuple[_Template, NormalFormModel, dict[str, Fraction], Bimatrix]:
    t = _choice(rng, templates)
    model = t.build()
    values = _draw_values(rng, t)
    return t, model, values, _game_at(model, values)


def _make_pure(rng: np.random.Generator, number: int, templates: Sequence[_Template]) -> Problem | None:
    if rng.random() < 0.5:
        g, prov, story = _random_game(rng)
    else:
        t, model, values, g = _draw_template_game(rng, templates)
        prov = Provenance(model.name, tuple(values.items()), t.source)
        story = t.story
    if not _generic(g) or not _nice(*g.A.flat, *g.B.flat):
        return None
    sol = solve(g, exact=True)
    answer = frozenset((e.supports[0][0], e.supports[1][0]) for e in sol.pure)
    # verification: regret exactly zero for each, and agreement with direct enumeration
    for r, c in answer:
        x = _unit(g.actions[0].index(r), g.shape[0])
        y = _unit(g.actions[1].index(c), g.shape[1])
        if regrets(g.A, g.B, x, y) != (0, 0):
            raise ArithmeticError(f"pure equilibrium {(r, c)} has non-zero regret")
    if answer != _pure_profiles(g):
        raise ArithmeticError("solve() and best-response enumeration disagree on pure equilibria")
    blocks = [
        _Text(story),
        _game_table(g),
        _Text("Find **all** pure-strategy Nash equilibria (or say that there are none)."),
    ]
    ordered = sorted(answer, key=lambda p: (g.actions[0].index(p[0]), g.actions[1].index(p[1])))
    if ordered:
        ans = "Pure equilibria: " + "; ".join(_profile_md(p) for p in ordered) + "."
    else:
        ans = "There is no pure-strategy equilibrium."
    expl = _Text(
        "Check every cell: a cell is an equilibrium when the row payoff is the largest in its column "
        "and the column payoff is the largest in its row. "
        f"The game has {len(sol)} equilibri{'um' if len(sol) == 1 else 'a'} in all (exact solver)."
    )
    return _problem(
        "pure", number, blocks, [_Text(ans), expl], answer, prov, (("actions", g.actions), ("game", g))
    )


def _mixed_2x2(g: Bimatrix) -> tuple[Fraction, Fraction] | None:
    sol = solve(g, exact=True)
    full = [e for e in sol if all(len(idx) == 2 for idx in e.support_indices)]
    if len(full) != 1:
        return None
    e = full[0]
    x, y = np.array(e.strategies[0], dtype=object), np.array(e.strategies[1], dtype=object)
    if regrets(g.A, g.B, x, y) != (0, 0):
        raise ArithmeticError("mixed equilibrium has non-zero regret")
    return (Fraction(e.strategies[0][0]), Fraction(e.strategies[1][0]))


def _make_mixed(rng: np.random.Generator, number: int, templates: Sequence[_Template]) -> Problem | None:
    if rng.random() < 0.3:
        g, prov, story = _random_game(rng)
        if g.shape != (2, 2):
            return None
    else:
        t, model, values, g = _draw_template_game(rng, [t for t in templates if t.build().shape == (2, 2)])
        prov = Provenance(model.name, tuple(values.items()), t.source)
        story = t.story
    if not _generic(g):
        return None
    pq = _mixed_2x2(g)
    if pq is None or not _nice(*pq) or not _nice(*g.A.flat, *g.B.flat):
        return None
    p, q = pq
    # independent check: the indifference conditions hold exactly
    A, B = g.A, g.B
    if q * A[0, 0] + (1 - q) * A[0, 1] != q * A[1, 0] + (1 - q) * A[1, 1]:
        raise ArithmeticError("row player is not indifferent")
    if p * B[0, 0] + (1 - p) * B[1, 0] != p * B[0, 1] + (1 - p) * B[1, 1]:
        raise ArithmeticError("column player is not indifferent")
    r0, c0 = g.actions[0][0], g.actions[1][0]
    P0, P1 = g.players
    blocks = [
        _Text(story),
        _game_table(g),
        _Text(
            f"The game has exactly one equilibrium in which both players mix. "
            f"Find $p$, the probability that {P0} plays {r0}, and $q$, the probability that "
            f"{P1} plays {c0}, in that equilibrium. Give exact fractions."
        ),
    ]
    u = (
        p * q * A[0, 0] + p * (1 - q) * A[0, 1] + (1 - p) * q * A[1, 0] + (1 - p) * (1 - q) * A[1, 1],
        p * q * B[0, 0] + p * (1 - q) * B[0, 1] + (1 - p) * q * B[1, 0] + (1 - p) * (1 - q) * B[1, 1],
    )
    ans = [
        _Text(f"$p = {_frac(p)}$, $q = {_frac(q)}$."),
        _Text(
            f"$q$ makes {P0} indifferent between {r0} and {g.actions[0][1]}: "
            f"${_lin('q', A[0, 0], A[0, 1])} = {_lin('q', A[1, 0], A[1, 1])}$ gives $q = {_frac(q)}$. "
            f"$p$ makes {P1} indifferent between {c0} and {g.actions[1][1]}: "
            f"${_lin('p', B[0, 0], B[1, 0])} = {_lin('p', B[0, 1], B[1, 1])}$ gives $p = {_frac(p)}$. "
            f"Expected payoffs: $({_frac(u[0])}, {_frac(u[1])})$. Regret at this profile: exactly 0."
        ),
    ]
    return _problem("mixed", number, blocks, ans, (p, q), prov, (("actions", g.actions), ("game", g)))


def _lin(x: str, a: Any, b: Any) -> str:
    """``x a + (1 - x) b`` written out in LaTeX, e.g. ``3q + (-1)(1 - q)``."""

    def term(c: Any, var: str) -> str:
        c = Fraction(c)
        if c == 0:
            return ""
        if c == 1:
            return var
        if c == -1:
            return "-" + var
        coef = _frac(c)
        return coef + var if c > 0 else "(" + coef + ")" + var

    parts = [t for t in (term(a, x), term(b, f"(1 - {x})")) if t]
    if not parts:
        return "0"
    return " + ".join(parts).replace("+ -", "- ")


# ----------------------------------------------------------------- conditions (regions)
def _pure_condition(model: NormalFormModel, i: int, j: int) -> Any:
    """Conditions for the pure profile (i, j) to be an equilibrium.

    Taken from :func:`alliancegames.analysis.regions.equilibrium_regions`: the generic
    piece of that profile (``false`` if there is none).
    """
    label = f"{model.actions[0][i]}/{model.actions[1][j]}"
    pieces = [p for p in equilibrium_regions(model).generic if p.label == label]
    if not pieces:
        return sp.false
    if len(pieces) > 1:
        return sp.Or(*(p.conditions for p in pieces))
    return pieces[0].conditions


def _holds(cond: Any, values: Mapping[str, Fraction], model: NormalFormModel) -> bool:
    sub = {model.symbols[k]: sp.Rational(v.numerator, v.denominator) for k, v in values.items()}
    return decided(cond, sub, ArithmeticError)


def _make_conditions(rng: np.random.Generator, number: int, templates: Sequence[_Template]) -> Problem | None:
    t, model, values, g = _draw_template_game(rng, templates)
    if not _generic(g) or not _nice(*g.A.flat, *g.B.flat):
        return None
    m, n = model.shape
    profiles = [(i, j) for i in range(m) for j in range(n)]
    i, j = _choice(rng, profiles)
    cond = _pure_condition(model, i, j)
    if cond in (sp.true, sp.false):
        return None
    holds = _holds(cond, values, model)
    outcome = (model.actions[0][i], model.actions[1][j])
    found = outcome in {(e.supports[0][0], e.supports[1][0]) for e in solve(g, exact=True).pure}
    if found != holds:
        raise ArithmeticError(f"condition {cond} says {holds} but the solver says {found} at {values}")
    prov = Provenance(model.name, tuple(values.items()), t.source)
    blocks = [
        _Text(t.story + " The payoffs (row player first) are:"),
        _model_table(model),
        _Text("Parameters:"),
        _param_items(model),
        _Text(
            f"(a) State the conditions on the parameters under which {_profile_md(outcome)} is a Nash "
            f"equilibrium. (b) Is it an equilibrium when {_values_text(values)}?"
        ),
    ]
    ans = [
        _Text(f"(a) ${sp.latex(cond)}$. (b) {'Yes' if holds else 'No'}."),
        _Text(
            f"Neither player may gain by deviating alone from {_profile_md(outcome)}. "
            f"At the given values the exact solver {'finds' if found else 'does not find'} "
            f"{_profile_md(outcome)} among the equilibria, as the condition predicts."
        ),
    ]
    symbols = tuple(model.symbols.items())
    return _problem(
        "conditions",
        number,
        blocks,
        ans,
        ConditionAnswer(cond, holds),
        prov,
        (("symbols", symbols), ("model", model), ("outcome", outcome)),
    )


# ----------------------------------------------------------------- comparative statics
def _mixed_formulas(model: NormalFormModel) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """Symbolic completely mixed equilibrium of a 2x2 model: (p, q, u_row, u_col)."""
    A, B = model.payoffs
    p = sp.cancel((B[1, 1] - B[1, 0]) / (B[0, 0] - B[0, 1] - B[1, 0] + B[1, 1]))
    q = sp.cancel((A[1, 1] - A[0, 1]) / (A[0, 0] - A[0, 1] - A[1, 0] + A[1, 1]))
    u_row = sp.cancel(q * A[0, 0] + (1 - q) * A[0, 1])
    u_col = sp.cancel(p * B[0, 0] + (1 - p) * B[1, 0])
    return p, q, u_row, u_col


def _statics_sign(expr: sp.Expr, sym: sp.Symbol, sub: Mapping[sp.Symbol, Any]) -> tuple[int, sp.Expr]:
    d = sp.simplify(sp.diff(expr, sym))
    val = d.xreplace(dict(sub))
    return (int(sp.sign(val)), d)


def _make_statics(rng: np.random.Generator, number: int, templates: Sequence[_Template]) -> Problem | None:
    t, model, values, g = _draw_template_game(rng, [t for t in templates if t.build().shape == (2, 2)])
    if not _generic(g) or not _nice(*g.A.flat, *g.B.flat):
        return None
    pq = _mixed_2x2(g)
    if pq is None:
        return None
    p, q, u_row, u_col = _mixed_formulas(model)
    which = int(rng.integers(4))
    expr = (p, q, u_row, u_col)[which]
    P0, P1 = model.players
    what = (
        f"the probability that {P0} plays {model.actions[0][0]}",
        f"the probability that {P1} plays {model.actions[1][0]}",
        f"{P0}'s expected payoff",
        f"{P1}'s expected payoff",
    )[which]
    name = _choice(rng, [pp.name for pp in model.parameters])
    sym = model.symbols[name]
    sub = {model.symbols[k]: sp.Rational(v.numerator, v.denominator) for k, v in values.items()}
    if sp.Rational(pq[which].numerator, pq[which].denominator) != expr.xreplace(sub) if which < 2 else False:
        raise ArithmeticError("symbolic mixed equilibrium disagrees with the solver")
    sign, deriv = _statics_sign(expr, sym, sub)
    # verification: exact finite difference with the solver (the derivative's sign must persist)
    h = Fraction(1, 1000)
    bumped = dict(values)
    bumped[name] = values[name] + h
    g2 = _game_at(model, bumped)
    pq2 = _mixed_2x2(g2)
    if pq2 is None:
        return None
    base_val = _quantity(g, pq, which)
    new_val = _quantity(g2, pq2, which)
    fd = (new_val > base_val) - (new_val < base_val)
    if fd != sign:
        return None  # sign changes within h of the point: not a clean exercise
    words = {1: "increases", -1: "decreases", 0: "does not change"}[sign]
    prov = Provenance(model.name, tuple(values.items()), t.source)
    blocks = [
        *_game_intro(t, model),
        _Text(
            f"At {_values_text(values)} the game has one equilibrium in which both players mix. "
            f"In that equilibrium, does {what} increase, decrease or stay the same when "
            f"${_sym(name)}$ rises slightly (all else equal)?"
        ),
    ]
    ans = [
        _Text(f"It **{words}** (sign ${'+' if sign > 0 else '-' if sign < 0 else '0'}$)."),
        _Text(
            f"In the mixed equilibrium the quantity is ${sp.latex(expr)}$; its derivative with respect to "
            f"${_sym(name)}$ is ${sp.latex(deriv)}$, which at the given values equals "
            f"${sp.latex(deriv.xreplace(sub))}$. Check: raising ${_sym(name)}$ by $\\frac{{1}}{{1000}}$ moves "
            f"the exactly solved quantity from ${_frac(base_val)}$ to ${_frac(new_val)}$."
        ),
    ]
    return _problem(
        "statics",
        number,
        blocks,
        ans,
        sign,
        prov,
        (("parameter", name), ("quantity", which), ("model", model)),
    )


def _quantity(g: Bimatrix, pq: tuple[Fraction, Fraction], which: int) -> Fraction:
    p, q = pq
    if which == 0:
        return p
    if which == 1:
        return q
    x = np.array([p, 1 - p], dtype=object)
    y = np.array([q, 1 - q], dtype=object)
    return Fraction(x @ (g.A if which == 2 else g.B) @ y)


# ----------------------------------------------------------------- regime map
def _regime_label(g: Bimatrix) -> str:
    sol = solve(g, exact=True)
    return " + ".join(e.label for e in sol)


def _make_regime(rng: np.random.Generator, number: int, templates: Sequence[_Template]) -> Problem | None:
    cands = [t for t in templates if t.build().shape == (2, 2) and len(t.draws) >= 2]
    t, model, values, _ = _draw_template_game(rng, cands)
    names = [n for n, _ in t.draws]
    ix, iy = sorted(rng.choice(len(names), size=2, replace=False).tolist())
    xname, yname = names[ix], names[iy]
    xs = dict(t.draws)[xname]
    ys = dict(t.draws)[yname]
    if len(xs) < 5 or len(ys) < 3:
        return None
    xstart = int(rng.integers(0, len(xs) - 4))
    xgrid = xs[xstart : xstart + 5]
    ystart = int(rng.integers(0, len(ys) - 2))
    ygrid = ys[ystart : ystart + 3]
    table: list[list[str]] = []
    for yv in ygrid:
        row = []
        for xv in xgrid:
            vals = {**values, xname: xv, yname: yv}
            g = _game_at(model, vals)
            if not _generic(g):
                return None
            row.append(_regime_label(g))
        table.append(row)
    regimes = sorted({c for r in table for c in r}, key=lambda s: (len(s), s))
    if not 2 <= len(regimes) <= 3:
        return None
    # a row with exactly one change
    rows_one = [k for k, r in enumerate(table) if sum(r[a] != r[a + 1] for a in range(4)) == 1]
    if not rows_one:
        return None
    k = _choice(rng, rows_one)
    a = next(a for a in range(4) if table[k][a] != table[k][a + 1])
    x0, x1, yv = xgrid[a], xgrid[a + 1], ygrid[k]
    fixed = {nm: v for nm, v in values.items() if nm not in (xname, yname)}
    threshold = _threshold(model, xname, {**fixed, yname: yv}, x0, x1)
    if threshold is None or not _nice(threshold):
        return None
    # verification: the regime just left / right of the threshold is the one on the map
    eps = min(threshold - x0, x1 - threshold) / 2
    left = _regime_label(_game_at(model, {**fixed, yname: yv, xname: threshold - eps}))
    right = _regime_label(_game_at(model, {**fixed, yname: yv, xname: threshold + eps}))
    if left != table[k][a] or right != table[k][a + 1]:
        return None
    codes = {r: chr(ord("A") + c) for c, r in enumerate(regimes)}
    header = (f"${_sym(yname)}$ \\ ${_sym(xname)}$",) + tuple(_num(x) for x in xgrid)
    rows = tuple((_num(yv_),) + tuple(codes[c] for c in r) for yv_, r in zip(ygrid, table))
    prov = Provenance(model.name, tuple(fixed.items()), t.source, f"grid over {xname} and {yname}")
    legend = _Items(tuple(f"**{codes[r]}**: {r}" for r in regimes))
    blocks = [
        *_game_intro(t, model),
        _Text(
            f"Holding {_values_text(fixed)}, the regime map below shows which equilibria exist "
            f"(exact solver) for each ${_sym(xname)}$ (columns) and ${_sym(yname)}$ (rows). Regimes:"
        ),
        legend,
        _Table(header, rows),
        _Text(
            f"In the row ${_sym(yname)} = {_frac(yv)}$ the regime changes between "
            f"${_sym(xname)} = {_frac(x0)}$ and ${_sym(xname)} = {_frac(x1)}$. "
            f"At exactly which value of ${_sym(xname)}$ does it change? Give an exact number."
        ),
    ]
    ans = [
        _Text(f"${_sym(xname)} = {_frac(threshold)}$."),
        _Text(
            f"The boundary is where a player becomes indifferent between two actions. Just below it "
            f"(${_sym(xname)} = {_frac(threshold - eps)}$) the regime is {codes[left]}; just above it "
            f"(${_sym(xname)} = {_frac(threshold + eps)}$) it is {codes[right]} (exact solver)."
        ),
    ]
    return _problem(
        "regime", number, blocks, ans, threshold, prov, (("x", xname), ("y", yname), ("model", model))
    )


def _threshold(
    model: NormalFormModel, xname: str, fixed: Mapping[str, Fraction], x0: Fraction, x1: Fraction
) -> Fraction | None:
    """The unique indifference point in ``(x0, x1)``; ``None`` if there is not exactly one."""
    A, B = model.payoffs
    m, n = model.shape
    x = model.symbols[xname]
    sub = {model.symbols[k]: sp.Rational(v.numerator, v.denominator) for k, v in fixed.items()}
    diffs = [A[i, j] - A[k, j] for j in range(n) for i in range(m) for k in range(i + 1, m)]
    diffs += [B[i, j] - B[i, jj] for i in range(m) for j in range(n) for jj in range(j + 1, n)]
    roots = set()
    for d in diffs:
        e = sp.expand(d.xreplace(sub))
        if not e.has(x) or sp.degree(e, x) != 1:
            continue
        r = sp.solve(sp.Eq(e, 0), x)
        for v in r:
            if v.is_Rational:
                f = Fraction(int(v.p), int(v.q))
                if x0 < f < x1:
                    roots.add(f)
    return roots.pop() if len(roots) == 1 else None


# ----------------------------------------------------------------- trees
# Perfect-information trees: (players, story, nested spec).  A spec is either
# ("T", outcome key) for a terminal or (player index, [(action, spec), ...]).
# Terminal payoffs are drawn per draw; ``prefs`` lists, per player, an outcome
# that this player must rank first (keeps the stories plausible: our coding).
_TREE_SHAPES: tuple[tuple[str, tuple[str, ...], str, Any, tuple[tuple[int, str], ...]], ...] = (
    (
        "deterrence tree",
        ("Challenger", "Defender"),
        "A challenger decides whether to keep the **Status quo** or **Challenge** a defender. "
        "The defender may **Concede** or **Resist**; if it resists, the challenger chooses to "
        "**Back down** or **Fight**.",
        (
            0,
            [
                ("Status quo", ("T", "status quo")),
                (
                    "Challenge",
                    (
                        1,
                        [
                            ("Concede", ("T", "concession")),
                            ("Resist", (0, [("Back down", ("T", "climb-down")), ("Fight", ("T", "war"))])),
                        ],
                    ),
                ),
            ],
        ),
        ((0, "concession"), (1, "status quo")),
    ),
    (
        "entrapment tree",
        ("Protege", "Patron", "Rival"),
        "A protégé decides whether to **Hold** or **Provoke** a rival. If it provokes, its patron "
        "chooses to **Abandon** it or **Support** it; if the patron supports, the rival chooses to "
        "**Back down** or **Fight**.",
        (
            0,
            [
                ("Hold", ("T", "quiet")),
                (
                    "Provoke",
                    (
                        1,
                        [
                            ("Abandon", ("T", "abandonment")),
                            (
                                "Support",
                                (2, [("Back down", ("T", "rival retreats")), ("Fight", ("T", "war"))]),
                            ),
                        ],
                    ),
                ),
            ],
        ),
        ((0, "rival retreats"), (1, "quiet"), (2, "abandonment")),
    ),
)


def _tree_outcomes(spec: Any, path: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...]]]:
    if spec[0] == "T":
        return [(spec[1], path)]
    out = []
    for action, child in spec[1]:
        out += _tree_outcomes(child, path + (action,))
    return out


def _tree_nodes(
    spec: Any, players: Sequence[str], path: tuple[str, ...] = ()
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Decision nodes in tree order: (key as in alliancegames.analysis.tree, player, actions)."""
    if spec[0] == "T":
        return []
    out = [("/".join(path) if path else "root", players[spec[0]], tuple(a for a, _ in spec[1]))]
    for action, child in spec[1]:
        out += _tree_nodes(child, players, path + (action,))
    return out


def _make_tree(rng: np.random.Generator, number: int, templates: Sequence[_Template]) -> Problem | None:
    name, players, story, spec, prefs = _choice(rng, _TREE_SHAPES)
    outcomes = _tree_outcomes(spec)
    keys = [k for k, _ in outcomes]
    pay: dict[str, list[Fraction]] = {k: [] for k in keys}
    for i in range(len(players)):
        vals = sorted(int(v) for v in rng.choice(10, size=len(keys), replace=False))[::-1]
        top = [k for p, k in prefs if p == i]
        rest = [k for k in keys if k not in top]
        order = top + [rest[int(j)] for j in rng.permutation(len(rest))]
        for k, v in zip(order, vals):
            pay[k].append(Fraction(v - 4))
    payoffs = {k: tuple(v) for k, v in pay.items()}

    def build(sp_: Any) -> Any:
        if sp_[0] == "T":
            return terminal(payoffs[sp_[1]], label=sp_[1])
        return decision(players[sp_[0]], {a: build(c) for a, c in sp_[1]})

    tree = game_tree(name, players, [], build(spec), source="teaching game, our coding")
    bi = backward_induction(tree, ties="strict")
    cases = bi.at({})
    if len(cases) != 1:
        return None
    case = cases[0]
    strategy = tuple((k, a) for _, k, a in case.choices)
    path = case.outcome[0][0]
    u = tuple(Fraction(int(v.p), int(v.q)) for v in case.payoffs)
    nodes = _tree_nodes(spec, players)
    node_names = {key: f"node {k + 1}" for k, (key, _, _) in enumerate(nodes)}
    node_items = _Items(
        tuple(
            f"{node_names[key]}: {pl} chooses {' or '.join(acts)}"
            + ("" if key == "root" else f" (after {' → '.join(key.split('/'))})")
            for key, pl, acts in nodes
        )
    )
    header = ("Path", "Outcome") + players
    rows = tuple((" → ".join(p), k) + tuple(_num(v) for v in payoffs[k]) for k, p in outcomes)
    values = tuple(
        (f"u{i + 1}_{k.replace(' ', '_').replace('-', '_')}", payoffs[k][i])
        for k in keys
        for i in range(len(players))
    )
    prov = Provenance(
        name, values, "teaching game, our coding", "payoffs drawn as distinct integers per player"
    )
    blocks = [
        _Text(story + " Decision nodes:"),
        node_items,
        _Text("Payoffs at the outcomes (higher is better):"),
        _Table(header, rows),
        _Text(
            "Solve the game by backward induction: what does each player choose at each of its nodes in "
            "the subgame-perfect equilibrium, and what is the equilibrium path?"
        ),
    ]
    ans = [
        _Text(
            "Equilibrium path: **"
            + " → ".join(path)
            + "**, payoffs $("
            + ", ".join(_frac(v) for v in u)
            + ")$."
        ),
        _Items(
            tuple(f"{node_names[k]} ({dict((kk, pl) for kk, pl, _ in nodes)[k]}): {a}" for k, a in strategy)
        ),
        _Text(
            "Work from the last node back: each player picks the action with the higher continuation payoff "
            "(no ties in this game, so the equilibrium is unique; checked by alliancegames.analysis.tree.backward_induction)."
        ),
    ]
    answer = TreeAnswer(tuple(path), strategy, tuple(u))
    return _problem(
        "tree",
        number,
        blocks,
        ans,
        answer,
        prov,
        (("nodes", tuple((node_names[k], k) for k, _, _ in nodes)), ("tree", tree)),
    )


# =========================================================================== assembly
def _problem(kind, number, blocks, ans_blocks, answer, prov, data=()) -> Problem:
    return Problem(
        kind=kind,
        number=number,
        statement=_md(blocks),
        statement_latex=_tex(blocks),
        answer=answer,
        answer_text=_md(ans_blocks),
        answer_latex=_tex(ans_blocks),
        provenance=prov,
        data=tuple(data),
    )


# ----------------------------------------------------------------- repeated game
def _make_discount(rng: np.random.Generator, number: int, templates: Sequence[_Template]) -> Problem | None:
    cands = [t for t in templates if t.key == "library:primary_alliance"]
    if not cands:
        return None
    t, model, values, g = _draw_template_game(rng, cands)
    coop, defect = ("Abstain", "Abstain"), ("Ally", "Ally")
    c, d = model.actions[0].index("Abstain"), model.actions[0].index("Ally")
    Rw, T, P, S = (Fraction(g.A[c, c]), Fraction(g.A[d, c]), Fraction(g.A[d, d]), Fraction(g.A[c, d]))
    if not (T > Rw > P > S):
        return None
    thr = (T - Rw) / (T - P)
    if not (0 < thr < 1) or not _nice(thr, T, Rw, P, S):
        return None
    # verification 1: the symbolic derivation of analysis.repeated
    if grim_trigger(model, coop, defect).threshold_at(dict(values)) != thr:
        raise ArithmeticError("grim-trigger threshold disagrees with (T - R)/(T - P)")
    # verification 2: simulated one-shot deviation just below and just above the threshold
    A, B = g.A.astype(float), g.B.astype(float)
    strat = grim_strategy((c, c), (d, d))
    for delta, profitable in ((float(thr) - 0.02, True), (float(thr) + 0.02, False)):
        if not 0 < delta < 0.97:
            return None
        base, _ = play_repeated(A, B, strat, strat, delta, 400)
        dev, _ = play_repeated(A, B, deviate_once(strat, 0, d), strat, delta, 400)
        if (dev[0] > base[0] + 1e-9) != profitable:
            raise ArithmeticError("simulated deviation disagrees with the grim-trigger threshold")
    prov = Provenance(model.name, tuple(values.items()), t.source)
    blocks = [
        *_game_intro(t, model),
        _Text(
            f"At {_values_text(values)} the two states play this game every year, forever, and weigh next "
            "year's payoff by a discount factor $\\delta$ ($0 < \\delta < 1$). Each uses grim trigger: "
            "abstain as long as nobody has allied, and ally forever once anyone has. What is the smallest "
            "$\\delta$ for which mutual abstention is a subgame-perfect equilibrium? Give an exact fraction."
        ),
    ]
    ans = [
        _Text(f"$\\delta^* = {_frac(thr)}$."),
        _Text(
            f"Abstaining forever is worth $R = {_frac(Rw)}$ per year; allying once gives the temptation "
            f"$T = {_frac(T)}$ and then the punishment $P = {_frac(P)}$ forever. Restraint pays iff "
            f"$R \\ge (1-\\delta) T + \\delta P$, i.e. $\\delta \\ge (T-R)/(T-P) = {_frac(thr)}$; "
            "after a deviation, allying forever is a stage equilibrium, so the punishment is credible. "
            "Check: in simulated play a one-shot deviation gains at "
            f"$\\delta = {_frac(thr)} - 0.02$ and loses at ${_frac(thr)} + 0.02$."
        ),
    ]
    return _problem("discount", number, blocks, ans, thr, prov, (("model", model),))


_MAKERS: dict[str, Callable[..., Problem | None]] = {
    "pure": _make_pure,
    "mixed": _make_mixed,
    "conditions": _make_conditions,
    "statics": _make_statics,
    "tree": _make_tree,
    "regime": _make_regime,
    "discount": _make_discount,
}


def available_kinds() -> tuple[str, ...]:
    """The kinds of problem :func:`generate` can draw (all of :data:`KINDS`)."""
    return KINDS


def generate(seed: int, count: int, kinds: Iterable[str] | None = None) -> ProblemSet:
    """A problem set of ``count`` problems drawn from ``seed``.

    Parameters
    ----------
    seed : int
        Seed for ``numpy.random.default_rng``; the same seed gives the same set.
    count : int
        Number of problems (at least 1).
    kinds : iterable of str, optional
        Problem kinds to cycle through, in order (default: every available
        kind, see :data:`KINDS`).

    Raises
    ------
    ValueError
        For a negative seed, a count below 1, or an unknown or unavailable kind.

    Examples
    --------
    >>> ps = generate(7, 2, kinds=["pure", "mixed"])
    >>> [p.kind for p in ps]
    ['pure', 'mixed']
    >>> check_answer(ps[1], ps[1].answer).correct
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 1:
        raise ValueError(f"count must be a positive integer, got {count!r}")
    avail = available_kinds()
    if kinds is None:
        kinds = avail
    else:
        kinds = tuple(kinds)
        if not kinds:
            raise ValueError("kinds is empty")
        for k in kinds:
            if k not in KINDS:
                raise ValueError(f"unknown problem kind {k!r}; choose from {list(KINDS)}")
            if k not in avail:
                raise ValueError(f"problem kind {k!r} is not available in this installation")
    templates = _TEMPLATES + _library_templates()
    rng = np.random.default_rng(int(seed))
    problems = []
    for number in range(1, int(count) + 1):
        kind = kinds[(number - 1) % len(kinds)]
        for _ in range(MAX_ATTEMPTS):
            p = _MAKERS[kind](rng, number, templates)
            if p is not None:
                problems.append(p)
                break
        else:  # pragma: no cover - the templates make this practically impossible
            raise RuntimeError(f"could not draw a clean {kind!r} problem in {MAX_ATTEMPTS} attempts")
    return ProblemSet(int(seed), tuple(problems))


FILES = ("problems.md", "answers.md", "problems.tex", "answers.tex")


def write(problem_set: ProblemSet, out_dir: str | Path) -> list[Path]:
    """Write ``problems.md``, ``answers.md``, ``problems.tex`` and ``answers.tex``.

    Output is deterministic (no dates, no machine details); returns the paths.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> [p.name for p in write(generate(1, 1, kinds=["pure"]), d)]
    ['problems.md', 'answers.md', 'problems.tex', 'answers.tex']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = (
        problem_set.to_markdown(False),
        problem_set.to_markdown(True),
        problem_set.to_latex(False),
        problem_set.to_latex(True),
    )
    paths = []
    for name, text in zip(FILES, texts):
        path = out / name
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


REPRODUCE_SEED, REPRODUCE_COUNT = 2024, 8


def build_typeset(
    out_dir: str | Path, seed: int = REPRODUCE_SEED, count: int = REPRODUCE_COUNT
) -> list[Path]:
    """Write the set's Markdown and LaTeX and typeset ``problem-set.pdf`` and ``answer-key.pdf``.

    Typesetting needs the ``paper`` extra (pandoc and typst, see
    :mod:`alliancegames.publishing.typeset`).
    """
    out = Path(out_dir)
    ps = generate(seed, count)
    files = write(ps, out)
    files += typeset(
        ps.to_markdown(False), out, "problem-set", formats=("pdf",), citations=False, numbered=False
    )
    files += typeset(
        ps.to_markdown(True), out, "answer-key", formats=("pdf",), citations=False, numbered=False
    )
    return files


def _run_problem_set(out: Path) -> list[Path]:
    return build_typeset(Path(out) / "problems")


def tasks() -> list[Task]:
    """The problem set's unit of the reproduce run: a student handout and an answer key (PDF)."""
    return [
        Task(
            "problems:problem-set",
            "problems",
            _run_problem_set,
            f"problem set (seed {REPRODUCE_SEED}, {REPRODUCE_COUNT} problems) and answer key, typeset",
        )
    ]


def cli_problems(seed: int, count: int, out: str | Path) -> int:
    """Command-line entry: generate a set and write it; returns the exit status.

    Examples
    --------
    >>> import tempfile
    >>> cli_problems(3, 2, tempfile.mkdtemp())  # doctest: +ELLIPSIS
    wrote 2 problems (seed 3) to ...
    0
    """
    try:
        ps = generate(seed, count)
        paths = write(ps, out)
    except (ValueError, OSError) as exc:
        print(f"alliancegames problems: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(ps)} problems (seed {seed}) to {Path(out)}: " + ", ".join(p.name for p in paths))
    return 0


# =========================================================================== checking answers
_NEG = {"negative", "-", "decreasing", "decreases", "decrease", "down", "falls", "-1", "−"}
_POS = {"positive", "+", "increasing", "increases", "increase", "up", "rises", "1", "+1"}
_ZERO = {
    "zero",
    "0",
    "none",
    "unchanged",
    "constant",
    "no change",
    "stays the same",
    "same",
    "does not change",
    "no effect",
}


def _to_fraction(v: Any) -> tuple[Fraction, int | None]:
    """An exact number from user input; also the number of decimals typed (None if exact).

    Numbers follow the package's exactness policy (:func:`alliancegames.core.exact.to_fraction`);
    strings are a student's typed answer (``1/2``, ``0.5``).
    """
    if not isinstance(v, str):
        f = to_fraction(v)
        if isinstance(v, float) or (isinstance(v, sp.Float) and v._prec <= 53):
            return f, _decimals(repr(float(v)))
        return f, None
    if isinstance(v, str):
        s = v.strip().replace(" ", "").replace("\u2212", "-")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)(/\d+)?", s) or len(s) > 40:
            raise ValueError(f"{v!r} is not a number (write e.g. 1/2 or 0.5)")
        if "/" in s:
            num, den = s.split("/")
            if "." in num or int(den) == 0:
                raise ValueError(f"{v!r} is not a fraction of integers")
            return Fraction(int(num), int(den)), None
        return Fraction(s), _decimals(s)
    raise ValueError(f"{v!r} is not a number")


def _decimals(s: str) -> int | None:
    if "e" in s.lower():
        return None
    return len(s.split(".")[1]) if "." in s else None


def _same_number(given: Any, truth: Fraction) -> tuple[bool, str]:
    f, decimals = _to_fraction(given)
    if f == truth:
        return True, ""
    if decimals is not None and decimals >= 2 and truth.denominator not in (1, 2, 4, 5, 8, 10):
        # a rounded decimal for a repeating fraction: accept if it rounds the truth correctly
        if abs(f - truth) <= Fraction(1, 2 * 10**decimals):
            return True, f" (rounded; exactly {truth})"
    return False, ""


def _norm_label(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().strip("()[]").strip()).lower()


def _parse_profile(v: Any, actions: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[str, str]:
    if isinstance(v, str):
        s = v.strip().strip("()[]")
        parts = re.split(r"\s*[/,;]\s*|\s+vs\.?\s+|\s*-\s+", s)
        parts = [p for p in parts if p]
        if len(parts) != 2:
            raise ValueError(f"cannot read the profile {v!r}; write it as 'Row action/Column action'")
    elif isinstance(v, (tuple, list)) and len(v) == 2:
        parts = list(v)
    else:
        raise ValueError(f"cannot read the profile {v!r}")
    out = []
    for k, part in enumerate(parts):
        if not isinstance(part, str):
            raise ValueError(f"action {part!r} must be a label string")
        lookup = {_norm_label(a): a for a in actions[k]}
        key = _norm_label(part)
        if key not in lookup:
            raise ValueError(f"{part!r} is not an action of player {k + 1}; actions: {list(actions[k])}")
        out.append(lookup[key])
    return (out[0], out[1])


def _check_pure(problem: Problem, answer: Any) -> Verdict:
    actions = problem.datum("actions")
    truth = problem.answer
    if answer is None or (
        isinstance(answer, str) and answer.strip().lower() in {"none", "no", "", "[]", "{}"}
    ):
        given: set[tuple[str, str]] = set()
    elif isinstance(answer, str):
        chunks = [c for c in re.split(r"\s*;\s*|\s*\)\s*,\s*\(|\s+and\s+", answer.strip()) if c.strip()]
        given = {_parse_profile(c, actions) for c in chunks}
    elif (
        isinstance(answer, tuple)
        and len(answer) == 2
        and all(isinstance(a, str) for a in answer)
        and (answer[0] in actions[0] and answer[1] in actions[1])
    ):
        given = {_parse_profile(answer, actions)}
    else:
        given = {_parse_profile(a, actions) for a in answer}
    if given == set(truth):
        return Verdict(True, f"correct: {len(truth)} pure equilibri{'um' if len(truth) == 1 else 'a'}")
    missing = set(truth) - given
    extra = given - set(truth)
    msg = []
    if extra:
        msg.append(f"{len(extra)} of your profiles {'is' if len(extra) == 1 else 'are'} not an equilibrium")
    if missing:
        msg.append(f"{len(missing)} equilibri{'um is' if len(missing) == 1 else 'a are'} missing")
    return Verdict(False, "not quite: " + "; ".join(msg))


def _check_mixed(problem: Problem, answer: Any) -> Verdict:
    p, q = problem.answer
    if isinstance(answer, Mapping):
        if not {"p", "q"} <= set(answer):
            raise ValueError("give a mapping with keys 'p' and 'q'")
        gp, gq = answer["p"], answer["q"]
    elif isinstance(answer, str):
        parts = [s for s in re.split(r"[,;\s]+", answer.strip().strip("()")) if s]
        parts = [s.split("=")[-1] for s in parts if s.split("=")[-1]]
        if len(parts) != 2:
            raise ValueError(f"cannot read {answer!r}; write 'p, q' e.g. '1/2, 2/3'")
        gp, gq = parts
    elif isinstance(answer, (tuple, list)) and len(answer) == 2:
        gp, gq = answer
        if isinstance(gp, (tuple, list)):  # full strategies ((p, 1-p), (q, 1-q))
            gp = gp[0]
        if isinstance(gq, (tuple, list)):
            gq = gq[0]
    else:
        raise ValueError("give (p, q), {'p': ..., 'q': ...} or a string 'p, q'")
    okp, notep = _same_number(gp, p)
    okq, noteq = _same_number(gq, q)
    if okp and okq:
        return Verdict(True, "correct" + (notep or noteq))
    wrong = [name for name, ok in (("p", okp), ("q", okq)) if not ok]
    return Verdict(
        False,
        f"not quite: {' and '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong "
        "(hint: each player's mix makes the *other* player indifferent)",
    )


def _parse_condition(text: str, symbols: Mapping[str, sp.Symbol]) -> Any:
    """A conjunction of comparisons from text, parsed safely (no eval)."""
    parts = re.split(r"\s+and\s+|\s*&\s*|\s*,\s*", text.strip())
    rels = []
    for part in parts:
        pieces = re.split(r"(<=|>=|==|<|>|=)", part)
        if len(pieces) < 3 or len(pieces) % 2 == 0:
            raise ValueError(f"cannot read the comparison {part!r}")
        exprs = [parse_expression(pieces[k], symbols) for k in range(0, len(pieces), 2)]
        for k in range(len(exprs) - 1):
            op = pieces[2 * k + 1]
            a, b = exprs[k], exprs[k + 1]
            rel = {"<": sp.Lt, ">": sp.Gt, "<=": sp.Le, ">=": sp.Ge, "=": sp.Eq, "==": sp.Eq}[op](a, b)
            rels.append(rel)
    return sp.And(*rels)


def _sample_points(symbols: Mapping[str, sp.Symbol], model: NormalFormModel, k: int = 300) -> list[dict]:
    rng = np.random.default_rng(20240601)
    pts = []
    for _ in range(k):
        pt = {}
        for p in model.parameters:
            if p.domain == "probability":
                v = Fraction(int(rng.integers(1, 997)), 997)
            elif p.domain in ("positive", "nonnegative"):
                v = Fraction(int(rng.integers(1, 12 * 997)), 997)
            else:
                v = Fraction(int(rng.integers(-12 * 997, 12 * 997)), 997)
            pt[p.symbol] = sp.Rational(v.numerator, v.denominator)
        pts.append(pt)
    return pts


def _truth(cond: Any, pt: Mapping) -> bool:
    return decided(cond, pt, ValueError)


def _check_conditions(problem: Problem, answer: Any) -> Verdict:
    truth: ConditionAnswer = problem.answer
    model: NormalFormModel = problem.datum("model")
    symbols = dict(problem.datum("symbols"))
    part_b = None
    cond = None
    if isinstance(answer, ConditionAnswer):
        cond, part_b = answer.condition, answer.at_point
    elif isinstance(answer, (bool, np.bool_)):
        part_b = bool(answer)
    elif isinstance(answer, str) and answer.strip().lower() in {"yes", "no", "true", "false"}:
        part_b = answer.strip().lower() in {"yes", "true"}
    elif isinstance(answer, tuple) and len(answer) == 2:
        cond, b = answer
        part_b = bool(b) if isinstance(b, (bool, np.bool_)) else str(b).strip().lower() in {"yes", "true"}
    else:
        cond = answer
    msgs = []
    ok = True
    if cond is not None:
        if isinstance(cond, str):
            cond = _parse_condition(cond, symbols)
        if not isinstance(cond, (sp.Basic, bool)):
            raise ValueError(f"give the condition as a sympy relation or text such as 'v >= s'; got {cond!r}")
        if isinstance(cond, sp.Basic):
            cond = rebind(cond, symbols)
        pts = _sample_points(symbols, model)
        bad = sum(_truth(cond, pt) != _truth(truth.condition, pt) for pt in pts)
        if bad:
            ok = False
            msgs.append(
                f"(a) wrong: your condition disagrees with the answer at {bad} of {len(pts)} test points"
            )
        else:
            msgs.append(f"(a) correct (agrees at {len(pts)} test points off the boundary)")
    if part_b is not None:
        if part_b == truth.at_point:
            msgs.append("(b) correct")
        else:
            ok = False
            msgs.append("(b) wrong")
    return Verdict(ok, "; ".join(msgs))


def _check_sign(problem: Problem, answer: Any) -> Verdict:
    if isinstance(answer, bool):
        raise ValueError("give a sign such as 'negative', '-', -1 or 'increasing'")
    if isinstance(answer, (int, np.integer)) or isinstance(answer, (float, Fraction)):
        s = (answer > 0) - (answer < 0)
    elif isinstance(answer, str):
        a = answer.strip().lower()
        if a in _NEG:
            s = -1
        elif a in _POS:
            s = 1
        elif a in _ZERO:
            s = 0
        else:
            raise ValueError(
                f"cannot read the sign {answer!r}; use e.g. 'negative', '-', 'increasing', 'zero'"
            )
    else:
        raise ValueError(f"cannot read the sign {answer!r}")
    if s == problem.answer:
        return Verdict(True, "correct")
    return Verdict(False, "wrong sign")


def _check_number(problem: Problem, answer: Any) -> Verdict:
    ok, note = _same_number(answer, problem.answer)
    return Verdict(ok, ("correct" + note) if ok else "wrong value")


def check_answer(problem: Problem, answer: Any) -> Verdict:
    """Whether ``answer`` is a correct answer to ``problem``, accepting equivalent forms.

    Notes
    -----
    Accepted forms:

    * pure equilibria: an iterable of profiles, each a label string
      ``"Firm/Weak"`` (or ``"Firm, Weak"``) or a tuple ``("Firm", "Weak")``, in
      any order; a single profile; ``"none"`` or ``[]`` for no equilibrium.
      Labels are matched case-insensitively.
    * mixed equilibrium: ``(p, q)``, ``{"p": p, "q": q}`` or ``"p, q"``, each
      number as ``Fraction(1, 2)``, ``"1/2"``, ``0.5`` or ``"0.5"`` (a rounded
      decimal with at least two places is accepted for a repeating fraction).
    * conditions: a sympy relation/Boolean or text like ``"v >= s and a_1 > 0"``
      (parsed safely, never evaluated) for part (a), compared with the answer
      at many test points; ``True``/``"yes"``/``"no"`` for part (b); or a pair
      ``(condition, yes_no)``.
    * comparative statics: ``"negative"``, ``"-"``, ``"decreasing"``, ``-1``
      (and the positive and zero counterparts).
    * regime threshold and discount threshold: a number in any of the forms above.
    * tree: the equilibrium path as a sequence of action labels or one string
      ``"Challenge, Resist"``.

    Unreadable answers give a :class:`Verdict` with ``correct=False`` and a
    message saying what could not be read.

    Examples
    --------
    >>> ps = generate(7, 2, kinds=["pure", "mixed"])
    >>> p, q = ps[1].answer
    >>> check_answer(ps[1], (str(p), float(q))).correct
    True
    >>> check_answer(ps[1], (p + 1, q)).correct
    False
    """
    checker = {
        "pure": _check_pure,
        "mixed": _check_mixed,
        "conditions": _check_conditions,
        "statics": _check_sign,
        "regime": _check_number,
        "discount": _check_number,
        "tree": _check_tree,
    }[problem.kind]
    try:
        return checker(problem, answer)
    except (ValueError, TypeError) as exc:
        return Verdict(False, f"could not read the answer: {exc}")


def _check_tree(problem: Problem, answer: Any) -> Verdict:
    truth: TreeAnswer = problem.answer
    if isinstance(answer, TreeAnswer):
        answer = answer.path
    if isinstance(answer, Mapping):
        names = {_norm_label(n): k for n, k in problem.datum("nodes")}
        want = dict(truth.strategy)
        given = {}
        for node, action in answer.items():
            key = names.get(_norm_label(str(node)), node)
            if isinstance(node, int):
                key = names.get(f"node {node}", node)
            if key not in want:
                raise ValueError(f"unknown node {node!r}; nodes are {[n for n, _ in problem.datum('nodes')]}")
            given[key] = _norm_label(str(action))
        wrong = [k for k in want if given.get(k) != _norm_label(want[k])]
        if not wrong:
            return Verdict(True, "correct subgame-perfect strategies")
        return Verdict(False, f"not quite: {len(wrong)} of {len(want)} node choices are wrong or missing")
    if isinstance(answer, str):
        given_path = tuple(s for s in re.split(r"\s*(?:->|→|[,;/>])\s*", answer.strip()) if s)
    else:
        given_path = tuple(answer)
    norm = tuple(_norm_label(str(a)) for a in given_path)
    if norm == tuple(_norm_label(a) for a in truth.path):
        return Verdict(True, "correct equilibrium path")
    return Verdict(False, "not the subgame-perfect path (work backwards from the last node)")
