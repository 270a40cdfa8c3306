"""The ``alliancegames`` command line: a thin layer over the public API.

Usage::

    alliancegames solve GAME [--param NAME=VALUE ...] [--exact] [--json]
                             [--subgame-perfect | --strategic-form]

``GAME`` is a Gambit ``.nfg`` or ``.efg`` file or a model file (``.yaml``,
``.yml``, ``.json``; see :mod:`alliancegames.core.files`).  A two-player
``.efg`` game is solved in behaviour strategies through its sequence form
(:mod:`alliancegames.solvers.sequence_form`), printed per information set:
every extreme equilibrium of the sequence form, or, when that enumeration is
too large (more than 2 000 vertices of a best-response polyhedron), the one
equilibrium Lemke's algorithm finds (the output names the method).  ``--subgame-perfect`` prints the subgame-perfect equilibria
(:mod:`alliancegames.solvers.subgame_perfect`); ``--strategic-form`` every
extreme equilibrium of the strategic form instead.  Bad input prints one line
``alliancegames: error: ...`` on stderr and exits with status 2.

Adding a subcommand: write ``_configure_x(parser)`` and ``_run_x(args) -> int``
and append a :class:`Command` to :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NoReturn

from alliancegames import __version__
from alliancegames.core.bimatrix import Bimatrix
from alliancegames.core.efg import EfgError, read_efg
from alliancegames.core.exact import InputError
from alliancegames.core.files import parse_number, read_game
from alliancegames.solvers.enumeration import Solution, solve
from alliancegames.solvers.sequence_form import (
    BehaviourSolution,
    sequence_form_equilibria,
    sequence_form_equilibrium,
)
from alliancegames.solvers.subgame_perfect import subgame_perfect_equilibria

__all__ = ["COMMANDS", "Command", "CliError", "build_parser", "main"]

PROG = "alliancegames"


class CliError(InputError):
    """Bad command-line input (malformed ``--param``, options that do not apply)."""


#: Errors that mean "bad input": reported as one line, exit status 2.  Every
#: refusal of the package is an :class:`~alliancegames.core.exact.InputError`
#: (model, game, file, expression, exactness and resource errors, ``CliError``);
#: ``OSError`` covers unreadable files and ``MemoryError`` an input too large to
#: hold.  Anything else is a bug and is allowed to raise.
USER_ERRORS: tuple[type[BaseException], ...] = (InputError, OSError, MemoryError)


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, one-line help, argument setup and runner."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr (status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


# --------------------------------------------------------------------------- solve
def _parse_param(text: str) -> tuple[str, Fraction]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise CliError(f"--param needs NAME=VALUE, got {text!r}")
    if not name.isidentifier() or unicodedata.normalize("NFKC", name) != name:
        raise CliError(f"--param {text[:80]!r}: {name[:80]!r} is not a parameter name")
    try:
        return name, parse_number(value)
    except ValueError as exc:
        raise CliError(f"--param {name}: bad value {value[:80]!r}: {exc}") from None


MODEL_FILE_HELP = """\
model files (YAML or JSON, same structure; full how-to: docs/model-files.md):
  name: Entrapment                      # required
  description: ...                      # optional
  source: ...                           # optional; say if payoffs are your coding
  players: [Client, Patron]             # required: row player, column player
  actions: {Client: [Firm, Soft], Patron: [Support, Abandon]}   # required
  parameters:                           # optional
    - {name: p, meaning: probability of war, domain: probability, default: 1/2}
      # domain: real (default) | positive | nonnegative | probability
  payoffs:                              # required: one entry per profile
    - {row: Firm, col: Support, payoffs: ["v - p*c", "1 - p*c"]}
expressions: numbers, parameter names, E, pi, + - * / **, ( ), exp log sqrt Abs Min Max;
the text is parsed against this whitelist, never executed.
Gambit .nfg files (either variant) are read too.

examples:
  alliancegames solve tests/data/entrapment.yaml --param p=1/10 --exact
  alliancegames solve game.nfg --json
"""


def _configure_solve(p: argparse.ArgumentParser) -> None:
    p.epilog = MODEL_FILE_HELP
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument(
        "game", metavar="GAME", help="a Gambit .nfg/.efg file or a model file (.yaml, .yml, .json)"
    )
    p.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="value of a model parameter, exact (0.5 or 1/2); repeatable; defaults fill the rest",
    )
    p.add_argument("--exact", action="store_true", help="exact rational probabilities and payoffs")
    p.add_argument("--json", action="store_true", help="print the equilibria as JSON")
    p.add_argument(
        "--strategic-form",
        action="store_true",
        help="for an .efg game: every extreme equilibrium of its strategic form, not behaviour strategies",
    )
    p.add_argument(
        "--subgame-perfect",
        action="store_true",
        help="for an .efg game: subgame-perfect equilibria (mixed ones included), folding back subgames",
    )


def _fmt(v: Any, exact: bool) -> str:
    if exact:
        return str(Fraction(v))
    return f"{float(v):.6g}"


def _strategy_text(actions: Sequence[str], probs: Sequence[Any], exact: bool) -> str:
    played = [(a, p) for a, p in zip(actions, probs) if p != 0]
    if len(played) == 1:
        return played[0][0]
    return ", ".join(f"{a}: {_fmt(p, exact)}" for a, p in played)


def format_solution(sol: Solution, exact: bool) -> str:
    """A plain-text table of the equilibria of a solution."""
    g = sol.game
    n = len(sol)
    title = g.name or "game"
    head = (
        f"{title}: {n} equilibri{'um' if n == 1 else 'a'} "
        f"({g.players[0]}: {', '.join(g.actions[0])} | {g.players[1]}: {', '.join(g.actions[1])})"
    )
    rows = [["#", "type", g.players[0], g.players[1], "payoffs"]]
    for k, e in enumerate(sol, 1):
        rows.append(
            [
                str(k),
                "pure" if e.is_pure else "mixed",
                _strategy_text(e.actions[0], e.strategies[0], exact),
                _strategy_text(e.actions[1], e.strategies[1], exact),
                f"({_fmt(e.payoffs[0], exact)}, {_fmt(e.payoffs[1], exact)})",
            ]
        )
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return head + "\n" + "\n".join(lines)


def format_behaviour(sol: BehaviourSolution, exact: bool) -> str:
    """Plain text of behaviour-strategy equilibria: per player, per information set."""
    g = sol.game
    n = len(sol)
    lines = [
        f"{g.title or 'game'}: {n} equilibri{'um' if n == 1 else 'a'} in behaviour strategies ({sol.method})"
    ]
    for k, e in enumerate(sol, 1):
        lines.append(f"#{k}  payoffs ({_fmt(e.payoffs[0], exact)}, {_fmt(e.payoffs[1], exact)})")
        for p in range(2):
            for h, acts, b in zip(e.infosets[p], e.actions[p], e.behaviour[p]):
                text = "unreached" if b is None else _strategy_text(acts, b, exact)
                lines.append(f"    {e.players[p]} at {h}: {text}")
    return "\n".join(lines)


def _run_solve(args: argparse.Namespace) -> int:
    if str(args.game).lower().endswith(".efg") and not args.strategic_form:
        if args.param:
            raise CliError(f"{args.game} is an .efg game without parameters; drop --param")
        game = read_efg(args.game)
        if args.subgame_perfect:
            bsol = subgame_perfect_equilibria(game)
        else:
            try:
                bsol = sequence_form_equilibria(game, max_bases=2_000)
            except EfgError as exc:
                if "too large to enumerate" not in str(exc):
                    raise
                bsol = sequence_form_equilibrium(game)
        if args.json:
            print(json.dumps(bsol.to_json(exact_strings=args.exact)))
        else:
            print(format_behaviour(bsol, args.exact))
        return 0
    params: dict[str, Fraction] = {}
    for text in args.param:
        name, value = _parse_param(text)
        if name in params:
            raise CliError(f"--param {name} given twice")
        params[name] = value
    game = read_game(args.game)
    if isinstance(game, Bimatrix):
        if params:
            raise CliError(
                f"{args.game} is an .nfg game without parameters; drop --param {', '.join(params)}"
            )
        sol = solve(game, exact=args.exact)
    else:
        sol = solve(game, params=params, exact=args.exact)
    if args.json:
        print(json.dumps(sol.to_json(exact_strings=args.exact)))
    else:
        print(format_solution(sol, args.exact))
    return 0


def _configure_reproduce(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="reproduced", help="output folder (default: ./reproduced)")
    p.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="rebuild only jobs whose name contains NAME (repeatable), e.g. a case or a figure",
    )
    p.add_argument("--workers", type=int, default=2, help="parallel processes (default 2)")
    p.add_argument("--list", action="store_true", help="list the jobs and exit")
    p.add_argument("--quiet", action="store_true", help="no progress display")


def _run_reproduce(args: argparse.Namespace) -> int:
    # import time: only reproduce loads the notebook runner
    from alliancegames.publishing.reproduce import collect_jobs, run

    if args.list:
        for j in collect_jobs(only=args.only or None):
            print(f"{j.name:45s} {j.description}")
        return 0
    try:
        summary = run(
            args.out, only=args.only or None, workers=args.workers, progress=False if args.quiet else None
        )
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    print(summary.report())
    return 0 if summary.ok else 1


def _configure_problems(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, required=True, help="random seed (same seed, same set)")
    p.add_argument("--count", type=int, default=6, help="number of problems (default 6)")
    p.add_argument("--out", default="problem-set", help="output folder (default: ./problem-set)")


def _run_problems(args: argparse.Namespace) -> int:
    # import time: only the problems command needs the generator
    from alliancegames.publishing.problems import cli_problems

    return cli_problems(args.seed, args.count, args.out)


COMMANDS: list[Command] = [
    Command("solve", "every Nash equilibrium of a game file", _configure_solve, _run_solve),
    Command(
        "reproduce",
        "execute every notebook, build the paper's figures and tables, write a manifest",
        _configure_reproduce,
        _run_reproduce,
    ),
    Command(
        "problems",
        "a seeded teaching problem set with a verified answer key (Markdown and LaTeX)",
        _configure_problems,
        _run_problems,
    ),
]


# --------------------------------------------------------------------------- entry point
def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per entry of :data:`COMMANDS`."""
    parser = _Parser(prog=PROG, description="The game theory of military alliances, computed.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for cmd in COMMANDS:
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        cmd.configure(p)
        p.set_defaults(_run=cmd.run)
    return parser


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror.lower()}"
    if isinstance(exc, MemoryError):
        return "the input needs more memory than is available"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 500 else text[:497] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input).

    Examples
    --------
    >>> main(["solve", "--help"])  # doctest: +ELLIPSIS
    usage: alliancegames solve [-h] ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return args._run(args)
    except USER_ERRORS as exc:
        print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
