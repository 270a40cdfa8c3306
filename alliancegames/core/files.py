"""Reading and writing games: safe expressions, Gambit ``.nfg`` files, our model files.

Safe expressions
----------------
:func:`parse_expression` turns a payoff string such as ``"v - c_E/2"`` into a
sympy expression *without executing it*.  ``sympy.sympify`` and
``parse_expr`` call :func:`eval`, so a model file could run arbitrary Python;
here the text is parsed with :func:`ast.parse` and the syntax tree is walked
against a whitelist: numbers (made exact from their decimal text), declared
parameter names, ``E`` and ``pi``, unary ``+``/``-``, binary ``+ - * / **``,
parentheses and calls of ``exp``, ``log``, ``sqrt``, ``Abs``/``abs``,
``Min``/``min`` and ``Max``/``max``.  Anything else (attribute access,
subscripts, lambdas, strings, dunder names, keyword arguments, ...) raises
:class:`ExpressionError` naming the construct.  Long input, deep nesting and
huge powers (``9**9**9``) are refused before they can exhaust memory or time.

Gambit ``.nfg`` files
---------------------
:func:`read_nfg` reads both variants of Gambit's strategic-form format, as
documented in the Gambit manual ("Game representation formats") and
implemented in Gambit's ``src/games/file.cc``::

    NFG 1 R "title" { "Player 1" "Player 2" } { 2 3 }   <- numbers of strategies
    "optional comment"
    1 1  0 2  ...                                        <- payoff body

    NFG 1 R "title" { "Player 1" "Player 2" }
    { { "U" "D" } { "L" "M" "R" } }                      <- strategy labels
    ""
    { { "outcome 1" 1, 2 } { "" 0, 3/2 } ... }           <- outcome list
    1 2 0 ...                                            <- outcome index per profile

In both bodies the profiles are listed with the *first* player's strategy
varying fastest; outcome index ``0`` is the null outcome (all payoffs zero).
Either strategy header goes with either body.  Payoffs are integers, decimals
(``0.25``, ``1e-3``) or rationals (``3/2``) and are read exactly as
:class:`~fractions.Fraction`.  Strategy labels are made distinct and non-empty
the way Gambit does it (``""`` becomes ``"_1"``, a repeated ``"x"`` becomes
``"x_1"``, ``"x_2"``); without labels strategies are called ``"1"``, ``"2"``,
... as in Gambit.  Only two-player games are accepted.

Model files
-----------
A model file (YAML or JSON, same structure) describes a
:class:`~alliancegames.core.model.NormalFormModel`::

    name: Entrapment
    description: ...            # optional
    source: ...                 # optional
    players: [Ally, Patron]
    actions: {Ally: [Firm, Soft], Patron: [Support, Abandon]}
    parameters:                 # optional
      - {name: c, meaning: cost of war, domain: positive, default: 1}
    payoffs:                    # one entry per profile
      - {row: Firm, col: Support, payoffs: ["v - c", 2]}

Payoffs are numbers or expression strings (parsed with
:func:`parse_expression`).  YAML is read with ``yaml.safe_load`` only.
"""

from __future__ import annotations

import ast
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy as sp
import yaml

from alliancegames.core.bimatrix import Bimatrix, GameError, to_fraction
from alliancegames.core.efg import bimatrix as efg_bimatrix
from alliancegames.core.efg import read_efg
from alliancegames.core.exact import InputError, describe
from alliancegames.core.exact import to_fraction as to_exact_fraction
from alliancegames.core.model import DOMAINS, ModelError, NormalFormModel, Parameter, normal_form

__all__ = [
    "ExpressionError",
    "ModelFileError",
    "NfgError",
    "dump_model",
    "dumps_model",
    "load_model",
    "loads_model",
    "parse_expression",
    "parse_number",
    "read_game",
    "read_nfg",
    "write_nfg",
]

MAX_EXPRESSION_LENGTH = 2000
MAX_DEPTH = 64
MAX_EXPONENT = 1000
MAX_POWER_BITS = 10_000
MAX_FILE_BYTES = 5_000_000
MAX_STRATEGIES = 10_000
MAX_DEGREE = 1000  # largest exponent of a symbol (or numeric power) after sympy's folding
MAX_NUMBER_BITS = 20_000  # largest integer (numerator, denominator) after folding
MAX_MINMAX_ARGS = 16  # arguments of one Min/Max after flattening
MAX_OPS = 2000  # size of the built expression (sympy operation count)
MODEL_SUFFIXES = (".yaml", ".yml", ".json")


class ExpressionError(InputError):
    """An expression string is malformed, too large, or uses a construct outside the whitelist."""


class ModelFileError(InputError):
    """A model file is malformed; the message names the file and the problem."""


class NfgError(InputError):
    """A Gambit ``.nfg`` file is malformed or not a two-player game."""


# =========================================================================== numbers
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?")
_RATIO = re.compile(r"[+-]?\d+/\d+")
_MAX_DIGITS = 400


def parse_number(text: str) -> Fraction:
    """An exact rational from number text: ``"3"``, ``"-0.25"``, ``"1e-3"``, ``"3/2"``.

    Raises :class:`ValueError` for anything else (including ``nan``, ``inf``,
    a zero denominator, and more than 400 digits or an exponent above 400).

    Examples
    --------
    >>> parse_number("0.1"), parse_number("-3/4"), parse_number("2e3")
    (Fraction(1, 10), Fraction(-3, 4), Fraction(2000, 1))
    """
    if not isinstance(text, str):
        raise ValueError(f"expected number text, got {text!r}")
    s = text.strip()
    if len(s) > _MAX_DIGITS:
        raise ValueError(f"number {s[:20]}... is longer than {_MAX_DIGITS} characters")
    m = _DECIMAL.fullmatch(s)
    if m:
        if m.group(1) is not None and abs(int(m.group(1))) > _MAX_DIGITS:
            raise ValueError(f"exponent of {s!r} is too large")
        return Fraction(s)
    if _RATIO.fullmatch(s):
        num, den = s.split("/")
        if int(den) == 0:
            raise ValueError(f"zero denominator in {s!r}")
        return Fraction(int(num), int(den))
    raise ValueError(f"{text!r} is not a number (use e.g. 2, -0.5, 1e-3 or 3/2)")


# =========================================================================== expressions
_FUNCTIONS: dict[str, tuple[Callable[..., sp.Expr], int | None]] = {
    # name -> (sympy function, exact number of arguments or None for >= 1)
    "exp": (sp.exp, 1),
    "log": (sp.log, 1),
    "sqrt": (sp.sqrt, 1),
    "Abs": (sp.Abs, 1),
    "abs": (sp.Abs, 1),
    "Min": (sp.Min, None),
    "min": (sp.Min, None),
    "Max": (sp.Max, None),
    "max": (sp.Max, None),
}
_CONSTANTS: dict[str, sp.Expr] = {"E": sp.E, "pi": sp.pi}

_BINOPS: dict[type, Callable[[sp.Expr, sp.Expr], sp.Expr]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}

_DESCRIBE: dict[type, str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscripts",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Set: "sets",
    ast.Dict: "dicts",
    ast.Compare: "comparisons",
    ast.BoolOp: "and/or",
    ast.IfExp: "conditional expressions",
    ast.JoinedStr: "f-strings",
    ast.Starred: "starred arguments",
    ast.NamedExpr: "assignment expressions",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slices",
}

_OP_SYMBOL: dict[type, str] = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.BitXor: "^ (use ** for powers)",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.Invert: "~",
    ast.Not: "not",
}


def parse_expression(text: str, symbols: Mapping[str, sp.Symbol]) -> sp.Expr:
    """Parse a payoff expression safely (whitelist; nothing is executed).

    Parameters
    ----------
    text : str
        An arithmetic expression, e.g. ``"p*v - (1 - p)*c"``.
    symbols : mapping of str to sympy.Symbol
        The declared parameters; any other name is refused.

    Returns
    -------
    sympy.Expr
        Numbers are exact (``0.1`` becomes ``1/10``).

    Raises
    ------
    ExpressionError
        Naming the offending construct: unknown names, dunder names, attribute
        access, subscripts, lambdas, comprehensions, strings, calls other than
        ``exp log sqrt Abs Min Max`` (and ``abs min max``), keyword arguments,
        division by zero, input over 2000 characters, nesting deeper than 64,
        numeric exponents above 1000 or powers with more than 10,000 bits.

    Examples
    --------
    >>> import sympy as sp
    >>> v, c = sp.symbols("v c", positive=True)
    >>> parse_expression("v - 0.5*c", {"v": v, "c": c})
    -c/2 + v
    >>> parse_expression("().__class__", {})
    Traceback (most recent call last):
    ...
    alliancegames.core.files.ExpressionError: refused in '().__class__': attribute access (.__class__)
    """
    if not isinstance(text, str):
        raise ExpressionError(f"expression must be a string, got {type(text).__name__}")
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(
            f"expression is {len(text)} characters long; the limit is {MAX_EXPRESSION_LENGTH}"
        )
    if not text.strip():
        raise ExpressionError("expression is empty")
    if unicodedata.normalize("NFKC", text) != text:
        raise ExpressionError(
            f"expression {_clip(text)} has characters that Unicode normalisation changes "
            "(e.g. fullwidth letters, which Python would read as other names); use plain ones"
        )
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"invalid syntax in {_clip(text)}: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError(f"expression {_clip(text)} is nested too deeply") from None
    builder = _Builder(text.strip(), dict(symbols))
    try:
        expr = builder.build(tree.body, 1)
    except ExpressionError:
        raise
    except RecursionError:
        raise ExpressionError(f"expression {_clip(text)} is nested too deeply") from None
    except (ValueError, TypeError, ArithmeticError) as exc:  # sympy refusing, e.g. Max(zoo, 1)
        raise ExpressionError(f"expression {_clip(text)} is undefined: {exc}") from None
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ExpressionError(f"expression {_clip(text)} is infinite or undefined (division by zero?)")
    if expr.has(sp.I):
        raise ExpressionError(f"expression {_clip(text)} is not real")
    return expr


@dataclass
class _Builder:
    text: str
    symbols: dict[str, sp.Symbol]

    def refuse(self, what: str) -> ExpressionError:
        return ExpressionError(f"refused in {_clip(self.text)}: {what}")

    def build(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise self.refuse(f"nesting deeper than {MAX_DEPTH}")
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.build(node.operand, depth + 1)
            if isinstance(node.op, ast.UAdd):
                return self.build(node.operand, depth + 1)
            raise self.refuse(f"operator {_OP_SYMBOL.get(type(node.op), type(node.op).__name__)}")
        if isinstance(node, ast.BinOp):
            op = type(node.op)
            if op is ast.Pow:
                return self.power(node, depth)
            if op not in _BINOPS:
                raise self.refuse(f"operator {_OP_SYMBOL.get(op, op.__name__)}")
            left, right = self.build(node.left, depth + 1), self.build(node.right, depth + 1)
            if op is ast.Mult:
                _check_product(left, right, self.refuse)
            return self.checked(_BINOPS[op](left, right))
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Attribute):
            raise self.refuse(f"attribute access (.{node.attr})")
        what = _DESCRIBE.get(type(node), f"the construct {type(node).__name__}")
        raise self.refuse(what)

    def constant(self, node: ast.Constant) -> sp.Expr:
        v = node.value
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            kind = "strings" if isinstance(v, (str, bytes)) else f"the constant {v!r}"
            raise self.refuse(kind)
        segment = ast.get_source_segment(self.text, node) or repr(v)
        try:
            fr = parse_number(segment.replace("_", ""))
        except ValueError as exc:
            raise self.refuse(f"number {segment!r}: {exc}") from None
        return sp.Rational(fr.numerator, fr.denominator)

    def name(self, name: str) -> sp.Expr:
        if name.startswith("__") or name.endswith("__"):
            raise self.refuse(f"dunder name {name!r}")
        if name in self.symbols:
            return self.symbols[name]
        if name in _CONSTANTS:
            return _CONSTANTS[name]
        if name in _FUNCTIONS:
            raise self.refuse(f"function {name!r} used without arguments")
        declared = sorted(self.symbols)
        raise self.refuse(f"unknown name {name!r}; declared parameters: {declared}")

    def call(self, node: ast.Call, depth: int) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            if isinstance(node.func, ast.Attribute):
                raise self.refuse(f"attribute access (.{node.func.attr})")
            raise self.refuse("calls of anything but a whitelisted function name")
        fname = node.func.id
        if fname.startswith("__") or fname.endswith("__"):
            raise self.refuse(f"dunder name {fname!r}")
        if fname not in _FUNCTIONS:
            raise self.refuse(f"call of {fname!r}; allowed functions: {sorted(set(_FUNCTIONS))}")
        if node.keywords:
            raise self.refuse(f"keyword arguments in the call of {fname!r}")
        func, nargs = _FUNCTIONS[fname]
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.refuse("starred arguments")
        if (nargs is not None and len(node.args) != nargs) or not node.args:
            want = f"exactly {nargs}" if nargs is not None else "at least 1"
            raise self.refuse(f"{fname}() takes {want} argument(s), got {len(node.args)}")
        if nargs is None and len(node.args) > MAX_MINMAX_ARGS:
            raise self.refuse(f"{fname}() with {len(node.args)} arguments (the limit is {MAX_MINMAX_ARGS})")
        args = [self.build(a, depth + 1) for a in node.args]
        if nargs is None:
            flat = sum(len(a.args) if isinstance(a, (sp.Min, sp.Max)) else 1 for a in args)
            if flat > MAX_MINMAX_ARGS:
                raise self.refuse(f"nested {fname}() with {flat} arguments in all (the limit is {MAX_MINMAX_ARGS})")
        if fname == "exp":
            self.check_exp(args[0])
        return self.checked(func(*args))

    def check_exp(self, arg: sp.Expr) -> None:
        """``exp`` of a huge constant cannot be evaluated (and would overflow mpmath)."""
        if arg.is_number:
            try:
                big = abs(float(arg.evalf(15))) > 10_000
            except (OverflowError, ValueError, TypeError):
                big = True
            if big:
                raise self.refuse(f"exp({_short(arg)}) is beyond the range that can be evaluated (|x| <= 10000)")

    def checked(self, e: sp.Expr) -> sp.Expr:
        """Refuse results that sympy's folding made too large (degree, digits, size)."""
        _check_size(e, self.refuse)
        return e

    def power(self, node: ast.BinOp, depth: int) -> sp.Expr:
        base = self.build(node.left, depth + 1)
        expo = self.build(node.right, depth + 1)
        if expo.is_number:
            if not expo.is_real or abs(float(expo)) > MAX_EXPONENT:
                raise self.refuse(f"exponent {_short(expo)} (the limit is {MAX_EXPONENT} in size)")
            # sympy folds (x**a)**b to x**(a*b) and expands numeric factors: bound the result first
            deg, bits = _degree_and_bits(base)
            if deg * abs(float(expo)) > MAX_DEGREE:
                raise self.refuse(
                    f"the power ({_short(base)})**{_short(expo)} has degree above {MAX_DEGREE} once folded"
                )
            if bits * abs(float(expo)) > MAX_POWER_BITS:
                raise self.refuse(f"the power {_short(base)}**{_short(expo)} is too large")
        else:
            _check_size(expo, self.refuse)
        return self.checked(base**expo)


def _degree_and_bits(e: sp.Expr) -> tuple[float, int]:
    """Largest |exponent| of a power (1 for a bare symbol) and largest integer bit size in ``e``."""
    deg = 1.0 if e.free_symbols else 0.0
    bits = 0
    for a in sp.preorder_traversal(e):
        if isinstance(a, sp.Pow) and a.exp.is_number:
            try:
                deg = max(deg, abs(float(a.exp)))
            except (TypeError, ValueError, OverflowError):
                deg = float("inf")
        elif isinstance(a, sp.Rational):
            bits = max(bits, abs(a.p).bit_length(), abs(a.q).bit_length())
    return deg, bits


def _check_product(a: sp.Expr, b: sp.Expr, refuse: Callable[[str], ExpressionError]) -> None:
    da, ba = _degree_and_bits(a)
    db, bb = _degree_and_bits(b)
    if da + db > MAX_DEGREE:
        raise refuse(f"a product of degree above {MAX_DEGREE}")
    if ba + bb > MAX_NUMBER_BITS:
        raise refuse(f"a product with numbers above {MAX_NUMBER_BITS} bits")


def _check_size(e: sp.Expr, refuse: Callable[[str], ExpressionError]) -> None:
    deg, bits = _degree_and_bits(e)
    if deg > MAX_DEGREE:
        raise refuse(f"degree above {MAX_DEGREE} once sympy folds the powers")
    if bits > MAX_NUMBER_BITS:
        raise refuse(f"numbers above {MAX_NUMBER_BITS} bits once sympy folds them")
    if sp.count_ops(e, visual=False) > MAX_OPS:
        raise refuse(f"more than {MAX_OPS} operations once built")


def _clip(text: str, width: int = 60) -> str:
    """``repr`` of a string, shortened for error messages."""
    return repr(text) if len(text) <= width else repr(text[: width - 3] + "...")


def _short(e: sp.Expr) -> str:
    s = sp.sstr(e)
    return s if len(s) <= 30 else s[:27] + "..."


# =========================================================================== .nfg files
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lbrace>\{) | (?P<rbrace>\}) | (?P<comma>,) |
        "(?P<text>(?:[^"\\]|\\.)*)" |
        (?P<number>[+-]?(?:\d+/\d+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)) |
        (?P<symbol>[^\s{},"]+)
    )""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    line: int


def _tokenize(src: str, where: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos, line = 0, 1
    n = len(src)
    while True:
        m = _TOKEN.match(src, pos)
        if m is None or m.end() == pos:
            rest = src[pos:].strip()
            if rest:
                line += src.count("\n", pos, n - len(src[pos:].lstrip()))
                raise NfgError(f"{where}: line {line}: cannot read {rest[:20]!r}")
            break
        line += src.count("\n", pos, m.start(m.lastgroup))
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "text":
            text = re.sub(r"\\(.)", lambda mm: mm.group(1) if mm.group(1) in '"\\' else mm.group(0), text)
            line_here = line
            line += m.group(kind).count("\n")
            toks.append(_Tok(kind, text, line_here))
        else:
            toks.append(_Tok(kind, text, line))
        pos = m.end()
    return toks


class _Stream:
    def __init__(self, toks: list[_Tok], where: str) -> None:
        self.toks, self.i, self.where = toks, 0, where

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def error(self, msg: str) -> NfgError:
        t = self.peek()
        loc = f"line {t.line}" if t else "end of file"
        return NfgError(f"{self.where}: {loc}: {msg}")

    def next(self, kind: str, what: str) -> _Tok:
        t = self.peek()
        if t is None or t.kind != kind:
            got = "end of file" if t is None else repr(t.text)
            raise self.error(f"expected {what}, found {got}")
        self.i += 1
        return t

    def accept(self, kind: str) -> _Tok | None:
        t = self.peek()
        if t is not None and t.kind == kind:
            self.i += 1
            return t
        return None

    def number(self, what: str) -> Fraction:
        t = self.next("number", what)
        try:
            return parse_number(t.text)
        except ValueError as exc:
            raise NfgError(f"{self.where}: line {t.line}: {exc}") from None


def _normalize_labels(labels: list[str]) -> list[str]:
    """Make labels distinct and non-empty as Gambit does (``""`` -> ``"_1"``, ``x, x`` -> ``x_1, x_2``)."""
    counts: dict[str, int] = {}
    for s in labels:
        counts[s] = counts.get(s, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    out = []
    for s in labels:
        if counts[s] == 1 and s != "":
            out.append(s)
            continue
        while True:
            visited[s] = visited.get(s, 0) + 1
            cand = f"{s}_{visited[s]}"
            if cand not in used:
                break
        used.add(cand)
        out.append(cand)
    return out


def _read_file(path: Path, error: type[ValueError]) -> str:
    """The text of a regular UTF-8 file of bounded size (``OSError`` if it cannot be read).

    Only regular files are read: a FIFO, socket or device (``/dev/zero``, also
    behind a symlink) is refused without reading, and at most
    ``MAX_FILE_BYTES + 1`` bytes are ever read (a file growing after the size
    check is refused too).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{path}: not a regular file (a FIFO, device or socket is refused)")
        if st.st_size > MAX_FILE_BYTES:
            raise error(f"{path}: file is larger than {MAX_FILE_BYTES} bytes")
        chunks, total = [], 0
        while total <= MAX_FILE_BYTES:
            b = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - total))
            if not b:
                break
            chunks.append(b)
            total += len(b)
    finally:
        os.close(fd)
    if total > MAX_FILE_BYTES:
        raise error(f"{path}: file is larger than {MAX_FILE_BYTES} bytes")
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_nfg(path_or_text: str | os.PathLike) -> Bimatrix:
    """Read a two-player Gambit strategic-form game (payoff or outcome format).

    Parameters
    ----------
    path_or_text : str or path-like
        A file path, or the file's text itself (a string starting with ``NFG``).

    Returns
    -------
    Bimatrix
        Exact ``Fraction`` payoffs; players, strategy labels and title from the file.

    Raises
    ------
    NfgError
        Malformed file (with the line number), or not exactly two players.
    OSError
        The file cannot be read.

    Examples
    --------
    >>> g = read_nfg('NFG 1 R "PD" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.A.tolist(), g.actions
    ([[Fraction(3, 1), Fraction(0, 1)], [Fraction(5, 1), Fraction(1, 1)]], (('1', '2'), ('1', '2')))
    """
    if isinstance(path_or_text, str) and path_or_text.lstrip().startswith("NFG"):
        text, where = path_or_text, "<string>"
    else:
        text, where = _read_file(Path(path_or_text), NfgError), str(path_or_text)
    s = _Stream(_tokenize(text, where), where)
    t = s.next("symbol", "'NFG'")
    if t.text != "NFG":
        raise NfgError(f"{where}: line {t.line}: not an .nfg file (expected 'NFG', found {t.text!r})")
    v = s.next("number", "version 1")
    if v.text != "1":
        raise NfgError(f"{where}: line {v.line}: only NFG version 1 is supported, found {v.text!r}")
    t = s.next("symbol", "data type R or D")
    if t.text not in ("R", "D"):
        raise NfgError(f"{where}: line {t.line}: data type must be R or D, found {t.text!r}")
    title = s.next("text", "the game title in double quotes").text
    s.next("lbrace", "'{' before the player names")
    players = []
    while (p := s.accept("text")) is not None:
        players.append(p.text)
    s.next("rbrace", "'}' after the player names")
    if len(players) != 2:
        raise NfgError(
            f"{where}: alliancegames reads two-player games only; this file has {len(players)} players"
        )
    players = _normalize_labels(players)
    # strategies: { n1 n2 } or { { labels } { labels } }
    s.next("lbrace", "'{' before the strategies")
    labels: list[list[str]] = []
    if s.peek() is not None and s.peek().kind == "lbrace":
        for k in range(2):
            s.next("lbrace", f"'{{' before the strategy labels of player {k + 1}")
            row = []
            while (lab := s.accept("text")) is not None:
                row.append(lab.text)
            s.next("rbrace", f"'}}' after the strategy labels of player {k + 1}")
            labels.append(_normalize_labels(row))
    else:
        for k in range(2):
            t = s.next("number", f"the number of strategies of player {k + 1}")
            if not t.text.isdigit() or not 1 <= int(t.text) <= MAX_STRATEGIES:
                raise NfgError(
                    f"{where}: line {t.line}: bad number of strategies {t.text!r} "
                    f"(between 1 and {MAX_STRATEGIES})"
                )
            labels.append([str(j + 1) for j in range(int(t.text))])
    s.next("rbrace", "'}' after the strategies")
    for k, row in enumerate(labels):
        if not row:
            raise NfgError(f"{where}: player {players[k]!r} has no strategies")
    s.accept("text")  # optional comment
    m, n = len(labels[0]), len(labels[1])
    remaining = len(s.toks) - s.i
    if s.peek() is not None and s.peek().kind == "lbrace":
        A, B = _outcome_body(s, m, n)
    else:
        if remaining < 2 * m * n:
            raise s.error(f"expected {2 * m * n} payoffs for a {m}x{n} game, found {remaining} tokens")
        A = [[Fraction(0)] * n for _ in range(m)]
        B = [[Fraction(0)] * n for _ in range(m)]
        for j in range(n):
            for i in range(m):  # first player's strategy varies fastest
                A[i][j] = s.number(f"payoff of player 1 at profile ({i + 1}, {j + 1})")
                s.accept("comma")
                B[i][j] = s.number(f"payoff of player 2 at profile ({i + 1}, {j + 1})")
                s.accept("comma")
    if s.peek() is not None:
        raise s.error(f"unexpected {s.peek().text!r} after the payoffs")
    try:
        return Bimatrix.from_arrays(A, B, players=players, actions=labels, name=title)
    except GameError as exc:
        raise NfgError(f"{where}: {exc}") from None


def _outcome_body(s: _Stream, m: int, n: int) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    s.next("lbrace", "'{' before the outcomes")
    outcomes: list[tuple[Fraction, Fraction]] = []
    while s.accept("lbrace") is not None:
        s.next("text", "an outcome name in double quotes")
        k = len(outcomes) + 1
        u1 = s.number(f"payoff of player 1 in outcome {k}")
        s.accept("comma")
        u2 = s.number(f"payoff of player 2 in outcome {k}")
        s.accept("comma")
        s.next("rbrace", f"'}}' closing outcome {k} (a two-player outcome has two payoffs)")
        outcomes.append((u1, u2))
    s.next("rbrace", "'}' after the outcome list")
    remaining = len(s.toks) - s.i
    if remaining < m * n:
        raise s.error(f"expected {m * n} outcome indices for a {m}x{n} game, found {remaining} tokens")
    A = [[Fraction(0)] * n for _ in range(m)]
    B = [[Fraction(0)] * n for _ in range(m)]
    for j in range(n):
        for i in range(m):
            t = s.next("number", f"outcome index of profile ({i + 1}, {j + 1})")
            if not t.text.isdigit() or int(t.text) > len(outcomes):
                raise NfgError(
                    f"{s.where}: line {t.line}: outcome index {t.text!r} at profile ({i + 1}, {j + 1}) "
                    f"is not between 0 and {len(outcomes)}"
                )
            o = int(t.text)
            if o:
                A[i][j], B[i][j] = outcomes[o - 1]
    return A, B


def _nfg_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _nfg_number(v: Any) -> str:
    if isinstance(v, float):
        return repr(float(v))
    f = to_fraction(v)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def write_nfg(
    game: Bimatrix, path: str | os.PathLike | None = None, title: str | None = None, comment: str = ""
) -> str:
    """Write a game in Gambit's payoff format, with strategy labels.

    Exact payoffs are written as integers or ``p/q``; floats by their shortest
    decimal text (which :func:`read_nfg` reads back exactly as that decimal).

    Parameters
    ----------
    game : Bimatrix
        The game (evaluate a symbolic model first with
        :func:`alliancegames.evaluate`).
    path : path-like, optional
        Also write the text to this file.
    title : str, optional
        The game title (default: ``game.name``).
    comment : str
        Optional comment stored in the file.

    Returns
    -------
    str
        The file text.

    Examples
    --------
    >>> g = Bimatrix.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    >>> print(write_nfg(g, title="PD"))
    NFG 1 R "PD" { "Row" "Column" }
    { { "C" "D" }
      { "C" "D" }
    }
    ""
    <BLANKLINE>
    3 3 5 0 0 5 1 1
    <BLANKLINE>
    """
    if not isinstance(game, Bimatrix):
        raise TypeError(
            f"write_nfg needs a Bimatrix, got {type(game).__name__}; evaluate a symbolic model first"
        )
    m, n = game.shape
    name = game.name if title is None else title
    head = f"NFG 1 R {_nfg_quote(name)} {{ {' '.join(_nfg_quote(p) for p in game.players)} }}\n"
    strat = (
        "{ { " + " ".join(_nfg_quote(a) for a in game.actions[0]) + " }\n"
        "  { " + " ".join(_nfg_quote(a) for a in game.actions[1]) + " }\n}\n"
    )
    body = " ".join(
        f"{_nfg_number(game.A[i, j])} {_nfg_number(game.B[i, j])}" for j in range(n) for i in range(m)
    )
    text = head + strat + _nfg_quote(comment) + "\n\n" + body + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


# =========================================================================== model files
_TOP_KEYS = {"name", "description", "source", "players", "actions", "parameters", "payoffs"}
_REQUIRED = ("name", "players", "actions", "payoffs")
_PARAM_KEYS = {"name", "meaning", "domain", "default"}
_PAYOFF_KEYS = {"row", "col", "payoffs"}


def _number_value(v: Any, what: str, fail: Callable[[str], Exception]) -> Fraction:
    """A number from a model file: number text exactly, other values by the exactness policy."""
    if isinstance(v, str):
        try:
            return parse_number(v)
        except ValueError as exc:
            raise fail(f"{what}: {exc}") from None
    try:
        return to_exact_fraction(v, what)
    except InputError as exc:
        raise fail(str(exc)) from None


def _payoff_value(
    v: Any, symbols: Mapping[str, sp.Symbol], what: str, fail: Callable[[str], Exception]
) -> sp.Expr:
    if isinstance(v, str):
        try:
            return parse_expression(v, symbols)
        except ExpressionError as exc:
            raise fail(f"{what}: {exc}") from None
    fr = _number_value(v, what, fail)
    return sp.Rational(fr.numerator, fr.denominator)


def _brief(v: Any) -> str:
    """A short repr for messages: never huge (aliased or giant structures), never raises."""
    return describe(v, with_type=False)


def _model_from_data(data: Any, where: str) -> NormalFormModel:
    def fail(msg: str) -> ModelFileError:
        return ModelFileError(f"{where}: {msg}")

    if not isinstance(data, Mapping):
        raise fail(
            f"the top level must be a mapping with keys {sorted(_TOP_KEYS)}, got {type(data).__name__}"
        )
    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        raise fail(f"unknown key(s) {unknown}; allowed keys: {sorted(_TOP_KEYS)}")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise fail(f"missing key(s) {missing}")
    for key in ("name", "description", "source"):
        if key in data and not isinstance(data[key], str):
            raise fail(f"{_brief(key)} must be a string, got {_brief(data[key])}")
    players = data["players"]
    if not isinstance(players, list) or len(players) != 2 or not all(isinstance(p, str) for p in players):
        raise fail(f"'players' must be a list of two player names (strings), got {_brief(players)}")
    if players[0] == players[1]:
        raise fail(f"duplicate player name {_brief(players[0])}")
    actions = data["actions"]
    if not isinstance(actions, Mapping):
        raise fail("'actions' must map each player name to a list of action labels")
    extra = sorted(set(map(str, actions)) - set(players))
    if extra:
        raise fail(f"'actions' names unknown player(s) {extra}; players are {players}")
    labels = []
    for p in players:
        if p not in actions:
            raise fail(f"'actions' has no entry for player {_brief(p)}")
        a = actions[p]
        if not isinstance(a, list) or not a or not all(isinstance(x, str) for x in a):
            hint = " (quote labels such as Yes/No/On/Off/1 in YAML)" if isinstance(a, list) and a else ""
            raise fail(f"actions of {_brief(p)} must be a non-empty list of strings, got {_brief(a)}{hint}")
        dup = sorted({x for x in a if a.count(x) > 1})
        if dup:
            raise fail(f"player {_brief(p)} has duplicate action labels {dup}")
        labels.append(tuple(a))
    params = []
    raw_params = data.get("parameters") or []
    if not isinstance(raw_params, list):
        raise fail("'parameters' must be a list of {name, meaning, domain, default} entries")
    for k, rp in enumerate(raw_params):
        if not isinstance(rp, Mapping) or "name" not in rp:
            raise fail(f"parameter {k + 1} must be a mapping with at least a 'name', got {_brief(rp)}")
        bad = sorted(set(map(str, rp)) - _PARAM_KEYS)
        if bad:
            raise fail(f"parameter {_brief(rp['name'])}: unknown key(s) {bad}; allowed: {sorted(_PARAM_KEYS)}")
        domain = rp.get("domain", "real")
        if domain not in DOMAINS:
            raise fail(f"parameter {_brief(rp['name'])}: bad domain {_brief(domain)}; choose one of {sorted(DOMAINS)}")
        meaning = rp.get("meaning", "")
        if not isinstance(meaning, str):
            raise fail(f"parameter {_brief(rp['name'])}: 'meaning' must be a string")
        default = rp.get("default")
        if default is not None:
            default = _number_value(default, f"default of parameter {_brief(rp['name'])}", fail)
            if default.denominator == 1:
                default = int(default)
        try:
            params.append(Parameter(rp["name"], meaning, domain, default))
        except ModelError as exc:
            raise fail(str(exc)) from None
    symbols = {p.name: p.symbol for p in params}
    raw_pay = data["payoffs"]
    if not isinstance(raw_pay, list):
        raise fail("'payoffs' must be a list of {row, col, payoffs} entries")
    table: dict[tuple[str, str], tuple[sp.Expr, sp.Expr]] = {}
    for k, entry in enumerate(raw_pay):
        if not isinstance(entry, Mapping):
            raise fail(f"payoff entry {k + 1} must be a mapping with keys row, col, payoffs; got {_brief(entry)}")
        bad = sorted(set(map(str, entry)) - _PAYOFF_KEYS)
        lack = sorted(_PAYOFF_KEYS - set(map(str, entry)))
        if bad or lack:
            raise fail(
                f"payoff entry {k + 1} must have exactly the keys ['col', 'payoffs', 'row']"
                + (f"; unknown {bad}" if bad else "")
                + (f"; missing {lack}" if lack else "")
            )
        r, c = entry["row"], entry["col"]
        if r not in labels[0]:
            raise fail(
                f"payoff entry {k + 1}: unknown action label {_brief(r)} for {_brief(players[0])} (row); "
                f"actions are {list(labels[0])}"
            )
        if c not in labels[1]:
            raise fail(
                f"payoff entry {k + 1}: unknown action label {_brief(c)} for {_brief(players[1])} (column); "
                f"actions are {list(labels[1])}"
            )
        if (r, c) in table:
            raise fail(f"payoffs for profile ({r}, {c}) are given twice")
        pay = entry["payoffs"]
        if not isinstance(pay, list) or len(pay) != 2:
            got = len(pay) if isinstance(pay, list) else _brief(pay)
            raise fail(f"payoffs at ({r}, {c}) must be a list of 2 values (row, column player), got {got}")
        table[(r, c)] = tuple(
            _payoff_value(v, symbols, f"payoff of {_brief(players[q])} at ({r}, {c})", fail)
            for q, v in enumerate(pay)
        )
    missing_prof = [(r, c) for r in labels[0] for c in labels[1] if (r, c) not in table]
    if missing_prof:
        raise fail(f"payoffs missing for profile(s) {missing_prof}")
    try:
        return normal_form(
            data["name"],
            players,
            labels,
            params,
            table,
            description=data.get("description", "") or "",
            source=data.get("source", "") or "",
        )
    except ModelError as exc:
        raise fail(str(exc)) from None


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[Any, Any]]) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(f"duplicate key {_brief(k)} (a later value would silently replace the first)")
        out[k] = v
    return out


def _json_number(text: str) -> Fraction:
    """JSON numbers exactly, from their text (``0.1`` is 1/10; huge ones refused by parse_number)."""
    return parse_number(text)


def _json_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a number a model file may hold")


_YAML_LOADER: Any = None


def _strict_yaml_loader() -> Any:
    """A ``yaml.SafeLoader`` for model files, without YAML 1.1's surprises.

    * duplicate mapping keys are refused (no silent last-one-wins);
    * anchors and aliases are refused (no alias bombs; model files never need them);
    * only plain decimal numbers are numbers, read exactly (``0.1`` is 1/10):
      sexagesimal ``1:30``, ``0x1F``, ``0o17``, ``1_000``, ``.inf`` and ``.nan``
      stay strings (and are then refused where a number is required);
    * only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay strings).
    """
    global _YAML_LOADER
    if _YAML_LOADER is not None:
        return _YAML_LOADER

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.YAMLError(f"YAML aliases (*{event.anchor}) are not allowed in model files (line {event.start_mark.line + 1})")
            event = self.peek_event()
            if getattr(event, "anchor", None):
                raise yaml.YAMLError(f"YAML anchors (&{event.anchor}) are not allowed in model files (line {event.start_mark.line + 1})")
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for key_node, _ in node.value:
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        raise yaml.YAMLError("YAML merge keys (<<) are not allowed in model files")
                    key = self.construct_object(key_node, deep=True)
                    try:
                        dup = key in seen
                    except TypeError:
                        dup = False
                    if dup:
                        raise _DuplicateKey(
                            f"duplicate key {_brief(key)} on line {key_node.start_mark.line + 1} "
                            "(a later value would silently replace the first)"
                        )
                    try:
                        seen.add(key)
                    except TypeError:
                        pass
            return super().construct_mapping(node, deep)

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML_NUMBER_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
    Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        list("-+0123456789."),
    )

    def number(loader: Any, node: Any) -> Fraction:
        try:
            return parse_number(loader.construct_scalar(node))
        except ValueError as exc:
            raise yaml.YAMLError(f"line {node.start_mark.line + 1}: {exc}") from None

    Loader.add_constructor("tag:yaml.org,2002:int", number)
    Loader.add_constructor("tag:yaml.org,2002:float", number)
    _YAML_LOADER = Loader
    return Loader


_YAML_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")


def loads_model(text: str, format: str = "yaml", name: str = "<string>") -> NormalFormModel:
    """Read a model from YAML or JSON text.

    Parameters
    ----------
    text : str
        The file contents.
    format : {"yaml", "json"}
        The syntax (YAML is read with ``yaml.safe_load``).
    name : str
        What to call the source in error messages.

    Raises
    ------
    ModelFileError
        Naming the source and the problem.

    Examples
    --------
    >>> m = loads_model('''
    ... name: Chicken
    ... players: [A, B]
    ... actions: {A: [Swerve, Stay], B: [Swerve, Stay]}
    ... parameters: [{name: c, meaning: cost of a crash, domain: positive, default: 10}]
    ... payoffs:
    ...   - {row: Swerve, col: Swerve, payoffs: [0, 0]}
    ...   - {row: Swerve, col: Stay, payoffs: [-1, 1]}
    ...   - {row: Stay, col: Swerve, payoffs: [1, -1]}
    ...   - {row: Stay, col: Stay, payoffs: [-c, -c]}
    ... ''')
    >>> m.payoff("Stay", "Stay")
    (-c, -c)
    """
    if format not in ("yaml", "json"):
        raise ModelFileError(f"{name}: unknown model file format {format!r}; use 'yaml' or 'json'")
    if len(text) > MAX_FILE_BYTES:
        raise ModelFileError(f"{name}: text is longer than {MAX_FILE_BYTES} characters")
    if format == "json":
        try:
            data = json.loads(
                text,
                object_pairs_hook=_unique_keys,
                parse_float=_json_number,
                parse_int=_json_number,
                parse_constant=_json_constant,
            )
        except _DuplicateKey as exc:
            raise ModelFileError(f"{name}: invalid JSON: {exc}") from None
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
            raise ModelFileError(f"{name}: invalid JSON: {' '.join(str(exc).split())[:300]}") from None
    else:

        try:
            data = yaml.load(text, Loader=_strict_yaml_loader())  # noqa: S506 - a SafeLoader subclass
        except _DuplicateKey as exc:
            raise ModelFileError(f"{name}: invalid YAML: {exc}") from None
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            msg = " ".join(str(exc).split())[:300]
            raise ModelFileError(f"{name}: invalid YAML: {msg}") from None
    return _model_from_data(data, name)


def load_model(path: str | os.PathLike) -> NormalFormModel:
    """Read a model file (``.yaml``, ``.yml`` or ``.json``).

    Raises :class:`ModelFileError` for malformed files and :class:`OSError`
    when the file cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MODEL_SUFFIXES:
        raise ModelFileError(f"{path}: unknown model file type {suffix!r}; use {', '.join(MODEL_SUFFIXES)}")
    text = _read_file(path, ModelFileError)
    return loads_model(text, "json" if suffix == ".json" else "yaml", str(path))


def _expr_out(e: sp.Expr, symbols: Mapping[str, sp.Symbol], where: str) -> int | str:
    if e.is_Integer:
        return int(e)
    s = sp.sstr(e)
    try:
        back = parse_expression(s, symbols)
    except ExpressionError as exc:
        raise ModelFileError(f"{where}: expression {s!r} cannot be written to a model file: {exc}") from None
    if sp.simplify(back - e) != 0:
        raise ModelFileError(f"{where}: expression {s!r} does not read back as itself")
    return s


def _default_out(v: Any) -> Any:
    if v is None:
        return None
    fr = to_fraction(v)
    if fr.denominator == 1:
        return int(fr)
    try:
        f = float(fr)
    except OverflowError:
        f = None
    if f is not None and to_fraction(f) == fr:  # a float that reads back as this decimal
        return f
    return f"{fr.numerator}/{fr.denominator}"


def _model_to_data(model: NormalFormModel) -> dict[str, Any]:
    symbols = model.symbols
    data: dict[str, Any] = {"name": model.name}
    if model.description:
        data["description"] = model.description
    if model.source:
        data["source"] = model.source
    data["players"] = list(model.players)
    data["actions"] = {p: list(a) for p, a in zip(model.players, model.actions)}
    params = []
    for p in model.parameters:
        d: dict[str, Any] = {"name": p.name, "meaning": p.meaning, "domain": p.domain}
        if p.default is not None:
            d["default"] = _default_out(p.default)
        params.append(d)
    data["parameters"] = params
    pays = []
    for i, r in enumerate(model.actions[0]):
        for j, c in enumerate(model.actions[1]):
            where = f"model {model.name!r}, profile ({r}, {c})"
            pays.append(
                {
                    "row": r,
                    "col": c,
                    "payoffs": [_expr_out(model.payoffs[k][i, j], symbols, where) for k in range(2)],
                }
            )
    data["payoffs"] = pays
    return data


def dumps_model(model: NormalFormModel, format: str = "yaml") -> str:
    """The model file text (YAML or JSON) of a model.

    Every expression is written with :func:`sympy.sstr` and checked to read
    back through :func:`parse_expression` as the same expression.

    Examples
    --------
    >>> from alliancegames.core.model import normal_form, parameter
    >>> g = normal_form("g", ("A", "B"), (("x",), ("y",)), [parameter("c", "cost", "positive", 0.5)],
    ...                 [[(1, "c")]])
    >>> print(dumps_model(g, "json"))  # doctest: +NORMALIZE_WHITESPACE
    {"name": "g", "players": ["A", "B"], "actions": {"A": ["x"], "B": ["y"]},
     "parameters": [{"name": "c", "meaning": "cost", "domain": "positive", "default": 0.5}],
     "payoffs": [{"row": "x", "col": "y", "payoffs": [1, "c"]}]}
    """
    if not isinstance(model, NormalFormModel):
        raise TypeError(f"dumps_model needs a NormalFormModel, got {type(model).__name__}")
    data = _model_to_data(model)
    if format == "json":
        return json.dumps(data, ensure_ascii=False)
    if format == "yaml":

        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
    raise ModelFileError(f"unknown model file format {format!r}; use 'yaml' or 'json'")


def dump_model(model: NormalFormModel, path: str | os.PathLike) -> str:
    """Write a model file; the format follows the suffix (``.json`` or ``.yaml``/``.yml``).

    Returns the text written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MODEL_SUFFIXES:
        raise ModelFileError(f"{path}: unknown model file type {suffix!r}; use {', '.join(MODEL_SUFFIXES)}")
    text = dumps_model(model, "json" if suffix == ".json" else "yaml")
    if suffix == ".json":
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def read_game(path: str | os.PathLike) -> Bimatrix | NormalFormModel:
    """Read a game file by its suffix: ``.nfg`` → :class:`~alliancegames.core.bimatrix.Bimatrix`, model files → model.

    A two-player Gambit ``.efg`` file becomes the :class:`~alliancegames.core.bimatrix.Bimatrix` of its strategic form
    (one pure strategy per plan of actions at the player's information sets;
    :func:`alliancegames.core.efg.bimatrix`).

    Raises :class:`FileNotFoundError` for a missing file, :class:`NfgError` /
    :class:`ModelFileError` for malformed ones.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory, not a game file")
    if suffix == ".nfg":
        return read_nfg(path)
    if suffix == ".efg":  # a Gambit extensive form: its (non-reduced) strategic form, exact

        return efg_bimatrix(read_efg(path))
    if suffix in MODEL_SUFFIXES:
        return load_model(path)
    raise ModelFileError(f"{path}: unknown game file type {suffix!r}; use .nfg, .efg, {', '.join(MODEL_SUFFIXES)}")
