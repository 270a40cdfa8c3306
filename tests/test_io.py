"""Tests of alliancegames.core.files: safe expressions, Gambit .nfg files, model files."""

from __future__ import annotations

import io as _io
import json
import os
from fractions import Fraction
from pathlib import Path

import _gambit
import numpy as np
import pytest
import sympy as sp
from _budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancegames import Bimatrix, evaluate, normal_form, parameter
from alliancegames.core.files import (
    ExpressionError,
    ModelFileError,
    NfgError,
    dump_model,
    dumps_model,
    load_model,
    loads_model,
    parse_expression,
    parse_number,
    read_game,
    read_nfg,
    write_nfg,
)

DATA = Path(__file__).parent / "data"
x, y = sp.symbols("x y", real=True)
c = sp.Symbol("c", positive=True)
SYMS = {"x": x, "y": y, "c": c}


# =========================================================================== parse_expression
@pytest.mark.parametrize(
    "text, expected",
    [
        ("1", sp.Integer(1)),
        ("0.1", sp.Rational(1, 10)),  # exact from the decimal text, not the binary float
        ("1e-3", sp.Rational(1, 1000)),
        ("2.5e2", sp.Integer(250)),
        ("3/2", sp.Rational(3, 2)),
        ("x - c/2", x - c / 2),
        ("-(x + 1)**2", -((x + 1) ** 2)),
        ("+x * -y", -x * y),
        ("x**-1", 1 / x),
        ("2**10", sp.Integer(1024)),
        ("exp(x) + log(c)", sp.exp(x) + sp.log(c)),
        ("sqrt(c)", sp.sqrt(c)),
        ("max(x, y, 0)", sp.Max(x, y, 0)),
        ("Min(x, 1)", sp.Min(x, 1)),
        ("abs(x) + Abs(y)", sp.Abs(x) + sp.Abs(y)),
        ("E + pi", sp.E + sp.pi),
        ("  ((x))  ", x),
        ("1_000", sp.Integer(1000)),
    ],
)
def test_parse_expression_accepts_arithmetic(text, expected):
    assert sp.simplify(parse_expression(text, SYMS) - expected) == 0


def test_parse_expression_uses_the_declared_symbols():
    e = parse_expression("c", SYMS)
    assert e is c and e.is_positive


UNSAFE = [
    ("__import__('os').system('touch pwned')", "attribute access"),
    ("__import__('os')", "dunder"),
    ("().__class__.__bases__", "attribute access"),
    ("().__class__", "attribute access"),
    ("x.__dict__", "attribute access"),
    ("lambda: 1", "lambda"),
    ("open('f')", "call of 'open'"),
    ("eval('1')", "call of 'eval'"),
    ("exec('import os')", "call of 'exec'"),
    ("getattr(x, 'y')", "call of 'getattr'"),
    ("'touch pwned'", "strings"),
    ("x[0]", "subscripts"),
    ("[i for i in (1, 2)]", "comprehensions"),
    ("(i for i in (1,))", "comprehensions"),
    ("{1: 2}", "dicts"),
    ("exp(x=1)", "keyword arguments"),
    ("exp(*[1])", "starred"),
    ("z + 1", "unknown name 'z'"),
    ("_x", "unknown name"),
    ("__builtins__", "dunder"),
    ("x if y else 1", "conditional"),
    ("x < y", "comparisons"),
    ("x and y", "and/or"),
    ("x ^ 2", "use ** for powers"),
    ("x // 2", "//"),
    ("x % 2", "%"),
    ("True", "constant True"),
    ("1j", "constant 1j"),
    ("(x := 1)", "assignment"),
    ("f'{x}'", "f-strings"),
    ("9**9**9", "exponent"),
    ("10**1000000", "exponent"),
    ("(10**100)**999", "too large"),
    ("1e999999", "exponent"),
    ("1/0", "division by zero"),
    ("log(0)", "infinite or undefined"),
    ("max(1/0, 1)", "undefined"),
    ("sqrt(-1)", "not real"),
    ("exp", "without arguments"),
    ("exp(x, y)", "exactly 1"),
    ("max()", "at least 1"),
    ("x +", "invalid syntax"),
    ("import os", "invalid syntax"),
    ("x; y", "invalid syntax"),
    ("", "empty"),
    ("x" + "+x" * 1000, "limit is 2000"),
    ("-" * 500 + "x", "nesting deeper"),
    ("(" * 300 + "x" + ")" * 300, "nested"),
]


@pytest.mark.parametrize("text, fragment", UNSAFE)
def test_parse_expression_refuses(text, fragment, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExpressionError) as info:
        parse_expression(text, SYMS)
    assert fragment in str(info.value)
    assert len(str(info.value)) < 300  # one readable line, not the whole input
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []  # nothing was executed: no file created


def test_parse_expression_refuses_non_strings():
    with pytest.raises(ExpressionError):
        parse_expression(3, SYMS)  # type: ignore[arg-type]


@settings(max_examples=examples(15, 60), deadline=None)
@given(st.text(max_size=40))
def test_parse_expression_only_ever_raises_expression_error(text):
    """Arbitrary text either parses to a sympy expression or raises ExpressionError."""
    try:
        e = parse_expression(text, SYMS)
    except ExpressionError:
        return
    assert isinstance(e, sp.Expr)
    assert e.free_symbols <= set(SYMS.values())


_atoms = st.sampled_from([x, y, c, sp.Integer(2), sp.Rational(-3, 7), sp.Integer(5)])


@st.composite
def _expressions(draw, depth=3):
    if depth == 0:
        return draw(_atoms)
    kind = draw(st.sampled_from(["atom", "add", "mul", "pow", "func", "max"]))
    a = draw(_expressions(depth=depth - 1))
    b = draw(_expressions(depth=depth - 1))
    if kind == "add":
        return a + b
    if kind == "mul":
        return a * b
    if kind == "pow":
        return a ** draw(st.integers(-3, 3))
    if kind == "func":
        return draw(st.sampled_from([sp.exp, sp.Abs]))(a)
    if kind == "max":
        return sp.Max(a, b)
    return a


@settings(max_examples=examples(15, 60), deadline=None)
@given(_expressions())
def test_sstr_round_trips_through_parse_expression(expr):
    if expr.has(sp.zoo, sp.nan, sp.oo):
        return
    back = parse_expression(sp.sstr(expr), SYMS)
    assert sp.simplify(back - expr) == 0


@pytest.mark.parametrize(
    "text, value",
    [
        ("3", Fraction(3)),
        ("-0.25", Fraction(-1, 4)),
        (".5", Fraction(1, 2)),
        ("1e-3", Fraction(1, 1000)),
        ("3/2", Fraction(3, 2)),
        ("-4/6", Fraction(-2, 3)),
        (" 7 ", Fraction(7)),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["nan", "inf", "1/0", "x", "1+1", "", "1e999", "0x10", "1/2/3", "--1"])
def test_parse_number_refuses(text):
    with pytest.raises(ValueError):
        parse_number(text)


# =========================================================================== .nfg
def test_read_payoff_format_orders_profiles_first_player_fastest():
    g = read_nfg(DATA / "pd_payoff.nfg")
    # file lists (C,C)=3,3 (D,C)=5,0 (C,D)=0,5 (D,D)=1,1 with Ally 1's strategy varying fastest
    assert g.A.tolist() == [[3, 0], [5, 1]]
    assert g.B.tolist() == [[3, 5], [0, 1]]
    assert g.players == ("Ally 1", "Ally 2")
    assert g.actions == (("1", "2"), ("1", "2"))
    assert g.name.startswith("Alliance security dilemma")
    assert g.is_exact


def test_read_outcome_format_with_null_outcome_and_rationals():
    g = read_nfg(DATA / "outcome_format.nfg")
    assert g.actions == (("Support", "Restrain", "Abandon"), ("Firm", "Soft"))
    # indices 1 2 0 | 3 2 1 by column, rows fastest; outcome 0 is the null outcome
    assert g.A.tolist() == [[Fraction(3, 2), -1], [1, 1], [0, Fraction(3, 2)]]
    assert g.B.tolist() == [[2, 3], [Fraction(1, 4), Fraction(1, 4)], [0, 2]]
    assert all(isinstance(v, Fraction) for v in g.A.flat)


def test_read_nfg_accepts_text_and_path_objects(tmp_path):
    text = (DATA / "pd_payoff.nfg").read_text()
    p = tmp_path / "g.nfg"
    p.write_text(text)
    a, b, c_ = read_nfg(text), read_nfg(str(p)), read_nfg(p)
    assert a.A.tolist() == b.A.tolist() == c_.A.tolist()


def test_read_nfg_labels_are_normalised_like_gambit():
    g = read_nfg('NFG 1 R "" { "" "" } { { "" "a" "a" } { "b" } } "" 1 2 3 4 5 6')
    assert g.players == ("_1", "_2")
    assert g.actions == (("_1", "a_1", "a_2"), ("b",))


def test_read_nfg_escaped_quotes_and_commas():
    g = read_nfg('NFG 1 D "say \\"hi\\"" { "A" "B" } { { "x" } { "y" } } { { "o" 1, 2 } } 1')
    assert g.name == 'say "hi"'
    assert g.A.tolist() == [[1]] and g.B.tolist() == [[2]]


NFG_BAD = [
    ('NFGX 1 R "t" { "A" "B" } ', "not an .nfg file"),
    ('NFG 2 R "t" { "A" "B" } { 1 1 } 1 1', "version"),
    ('NFG 1 X "t" { "A" "B" } { 1 1 } 1 1', "data type"),
    ('NFG 1 R "t" { "A" "B" "C" } { 1 1 1 } 1 1 1', "two-player games only; this file has 3"),
    ('NFG 1 R "t" { "A" } { 2 } 1 1', "has 1 players"),
    ('NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3', "expected 8 payoffs"),
    ('NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3 4 5 6 7 8 9', "unexpected '9'"),
    ('NFG 1 R "t" { "A" "B" } { 1 1 } 1 x', "cannot read|expected payoff|found 'x'"),
    ('NFG 1 R "t" { "A" "B" } { 1 1 } 1 1/0', "zero denominator"),
    ('NFG 1 R "t" { "A" "B" } { 0 1 } ', "bad number of strategies"),
    ('NFG 1 R "t" { "A" "B" } { 99999999 99999999 } 1 1', "bad number of strategies"),
    ('NFG 1 R "t" { "A" "B" } { 1000 1000 } 1 1', "expected 2000000 payoffs"),
    ('NFG 1 R "t" { "A" "B" } { { "x" } { "y" } } { { "o" 1, 2 } } 2', "not between 0 and 1"),
    ('NFG 1 R "t" { "A" "B" } { { "x" } { "y" } } { { "o" 1, 2, 3 } } 1', "two payoffs"),
    ('NFG 1 R "t" { "A" "B" } { { "x" } { "y" } } { { "o" 1, 2 } }', "expected 1 outcome indices"),
    ('NFG 1 R "t" { "A" "B" } { { } { "y" } } 1 1', "has no strategies"),
    ('NFG 1 R "unterminated { "A" "B" } { 1 1 } 1 1', "expected|cannot read"),
    ("NFG", "expected version"),
]


@pytest.mark.parametrize("text, fragment", NFG_BAD)
def test_read_nfg_refuses_malformed(text, fragment):
    import re

    with pytest.raises(NfgError) as info:
        read_nfg(text)
    assert re.search(fragment, str(info.value)), str(info.value)
    assert str(info.value).startswith("<string>")


def test_read_nfg_error_names_file_and_line(tmp_path):
    p = tmp_path / "bad.nfg"
    p.write_text('NFG 1 R "t" { "A" "B" }\n{ 1 1 }\n\n1 oops\n')
    with pytest.raises(NfgError, match=r"bad\.nfg: line 4"):
        read_nfg(p)


def test_read_nfg_refuses_an_efg_file(tmp_path):
    p = tmp_path / "tree.nfg"
    p.write_text('EFG 2 R "t" { "A" "B" }\n""\n')
    with pytest.raises(NfgError, match="line 1: not an .nfg file"):
        read_nfg(p)


def test_read_nfg_missing_file_is_oserror(tmp_path):
    with pytest.raises(OSError):
        read_nfg(tmp_path / "nope.nfg")


def test_read_nfg_non_utf8(tmp_path):
    p = tmp_path / "bin.nfg"
    p.write_bytes(b'NFG 1 R "\xff\xfe" { "A" "B" } { 1 1 } 1 1')
    with pytest.raises(NfgError, match="UTF-8"):
        read_nfg(p)


def _game(A, B, actions=None, players=("Row", "Column"), name="g"):
    return Bimatrix.from_arrays(A, B, actions=actions, players=players, name=name)


GAMES = [
    _game([[3, 0], [5, 1]], [[3, 5], [0, 1]], (("C", "D"), ("C", "D")), ("Ally 1", "Ally 2"), "PD"),
    _game(
        [[Fraction(3, 2), 0, -7], [5, 1, Fraction(1, 3)]],
        [[0, 2, 1], [Fraction(-1, 9), 4, 4]],
        (("Up", "Down"), ("L", "M", "R")),
        ("P", "Q"),
        "rational 2x3",
    ),
    _game([[0.25, 1.5], [-2.0, 1e-3]], [[1.0, 0.0], [3.5, 2.0]], None, ("A", "B"), "floats"),
    _game([[1], [2], [3]], [[3], [2], [1]], (("a", "b", "c"), ("only",)), ("x", "y"), "3x1"),
]


@pytest.mark.parametrize("game", GAMES, ids=lambda g: g.name)
def test_write_read_round_trip(game, tmp_path):
    p = tmp_path / "g.nfg"
    text = write_nfg(game, p, title="t: " + game.name)
    assert p.read_text() == text
    back = read_nfg(p)
    ex = game.exact()
    assert back.A.tolist() == ex.A.tolist() and back.B.tolist() == ex.B.tolist()
    assert back.actions == game.actions and back.players == game.players
    assert back.name == "t: " + game.name


def test_write_nfg_refuses_models():
    m = normal_form("g", ("A", "B"), (("x",), ("y",)), payoffs=[[(1, 2)]])
    with pytest.raises(TypeError, match="evaluate"):
        write_nfg(m)  # type: ignore[arg-type]


@settings(max_examples=examples(10, 40), deadline=None)
@given(
    st.integers(1, 4),
    st.integers(1, 4),
    st.lists(st.fractions(min_value=-100, max_value=100, max_denominator=50), min_size=32, max_size=32),
)
def test_write_read_round_trip_random(m, n, vals):
    A = np.array(vals[: m * n], dtype=object).reshape(m, n)
    B = np.array(vals[16 : 16 + m * n], dtype=object).reshape(m, n)
    g = Bimatrix.from_arrays(A, B)
    back = read_nfg(write_nfg(g))
    assert back.A.tolist() == g.exact().A.tolist() and back.B.tolist() == g.exact().B.tolist()


# -- pygambit as a test-only oracle (through tests/_gambit.py) ------------------------------


@pytest.mark.parametrize("game", GAMES, ids=lambda g: g.name)
def test_pygambit_reads_what_we_write(game):
    G = _gambit.gbt.read_nfg(_io.StringIO(write_nfg(game)))
    A, B = _gambit.payoff_arrays(G)
    assert A == game.exact().A.tolist() and B == game.exact().B.tolist()
    assert _gambit.labels(G) == (list(game.players), [list(a) for a in game.actions])
    assert G.title == game.name


@pytest.mark.parametrize("game", GAMES, ids=lambda g: g.name)
def test_we_read_what_pygambit_writes(game):
    """pygambit writes the outcome format; we read it back to the same game."""
    ex = game.exact()
    G = _gambit.game_from_arrays(ex.A.tolist(), ex.B.tolist(), title=game.name)
    _gambit.relabel(G, game.players, game.actions)
    text = G.to_nfg()
    assert "{ {" in text  # outcome format
    back = read_nfg(text)
    assert back.A.tolist() == ex.A.tolist() and back.B.tolist() == ex.B.tolist()
    assert back.actions == game.actions and back.players == game.players and back.name == game.name


@pytest.mark.parametrize("path", sorted(DATA.glob("*.nfg")), ids=lambda p: p.name)
def test_data_files_read_the_same_in_pygambit(path):
    G = _gambit.gbt.read_nfg(str(path))
    ours = read_nfg(path)
    A, B = _gambit.payoff_arrays(G)
    assert A == ours.A.tolist() and B == ours.B.tolist()
    assert _gambit.labels(G) == (list(ours.players), [list(a) for a in ours.actions])


@settings(max_examples=examples(10, 30), deadline=None)
@given(
    st.integers(1, 4),
    st.integers(1, 4),
    st.lists(st.integers(-20, 20), min_size=32, max_size=32),
    st.lists(st.integers(0, 3), min_size=16, max_size=16),
)
def test_outcome_format_random_against_pygambit(m, n, pays, idx):
    """Random outcome-format files (with null outcomes and shared outcomes) read as pygambit reads them."""
    outcomes = " ".join(f'{{ "o{k}" {pays[2 * k]}, {pays[2 * k + 1]} }}' for k in range(3))
    strat = (
        "{ { "
        + " ".join(f'"r{i}"' for i in range(m))
        + " } { "
        + " ".join(f'"c{j}"' for j in range(n))
        + " } }"
    )
    text = f'NFG 1 R "rand" {{ "A" "B" }} {strat} "" {{ {outcomes} }} ' + " ".join(map(str, idx[: m * n]))
    ours = read_nfg(text)
    A, B = _gambit.payoff_arrays(_gambit.gbt.read_nfg(_io.StringIO(text)))
    assert ours.A.tolist() == A and ours.B.tolist() == B


# =========================================================================== model files
def _entrapment():
    return load_model(DATA / "entrapment.yaml")


def test_load_model_yaml_and_json_agree():
    m = _entrapment()
    assert m == load_model(DATA / "entrapment.json")
    assert m.players == ("Client", "Patron")
    assert m.actions == (("Firm", "Soft"), ("Support", "Abandon"))
    v, c_, p = (m.symbols[k] for k in ("v", "c", "p"))
    assert m.payoff("Firm", "Support") == (v - p * c_, 1 - p * c_)
    assert m.parameter("p").domain == "probability"
    assert m.defaults() == {"v": 4, "c": 6, "p": Fraction(1, 2)}  # 0.5 read exactly
    assert "Our coding" in m.source


def test_loaded_model_evaluates_exactly():
    g = evaluate(_entrapment(), p=Fraction(1, 5))
    # v - p*c = 4 - 6/5 = 14/5 ; 1 - p*c = -1/5
    assert g.A.tolist() == [[Fraction(14, 5), -1], [1, 0]]
    assert g.B.tolist() == [[Fraction(-1, 5), 0], [1, 0]]


@pytest.mark.parametrize("fmt, suffix", [("yaml", ".yaml"), ("json", ".json"), ("yaml", ".yml")])
def test_dump_load_round_trip(fmt, suffix, tmp_path):
    v = sp.Symbol("v", positive=True)  # c is the module-level positive symbol
    q = sp.Symbol("q", nonnegative=True)
    m = normal_form(
        'Round trip: "quotes" & ünïcode',
        ("Ally A", "Ally B"),
        (("Firm", "Weak", "Exit"), ("Support", "Abandon")),
        [
            parameter("v", "value", "positive", Fraction(1, 3)),
            parameter("c", "cost", "positive", 2.5),
            parameter("q", "prob", "probability", 1),
        ],
        [
            [(v - c / 2, sp.Max(v, c)), (sp.sqrt(v) * q, -sp.Rational(7, 3))],
            [(sp.exp(-c) + sp.log(v), q**2 - 1), (0, sp.Abs(v - c))],
            [(v ** sp.Rational(1, 3), 1 - q), (sp.E * v, sp.Min(v, 1, c))],
        ],
        description="multi\nline",
        source="Test, 2024",
    )
    path = tmp_path / f"m{suffix}"
    text = dump_model(m, path)
    assert path.read_text() == text
    back = load_model(path)
    assert back == m
    assert back.defaults() == {"v": Fraction(1, 3), "c": Fraction(5, 2), "q": 1}
    assert loads_model(dumps_model(m, fmt), fmt) == m


def test_dump_model_refuses_unwritable_expressions(tmp_path):
    v = sp.Symbol("v", real=True)
    m = normal_form(
        "g", ("A", "B"), (("x",), ("y",)), [parameter("v")], [[(sp.Piecewise((v, v > 0), (0, True)), 0)]]
    )
    with pytest.raises(ModelFileError, match="cannot be written"):
        dump_model(m, tmp_path / "g.yaml")


BASE = {
    "name": "g",
    "players": ["A", "B"],
    "actions": {"A": ["x", "y"], "B": ["z"]},
    "parameters": [{"name": "c", "meaning": "cost", "domain": "positive", "default": 1}],
    "payoffs": [
        {"row": "x", "col": "z", "payoffs": ["c", 0]},
        {"row": "y", "col": "z", "payoffs": [1, "2*c"]},
    ],
}


def _with(path, value):
    d = json.loads(json.dumps(BASE))
    *head, last = path
    node = d
    for k in head:
        node = node[k]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return d


MODEL_BAD = [
    (_with(["payoffs"], KeyError), "missing key(s) ['payoffs']"),
    (_with(["name"], KeyError), "missing key(s) ['name']"),
    (_with(["colour"], "red"), "unknown key(s) ['colour']"),
    (_with(["players"], ["A"]), "list of two player names"),
    (_with(["actions", "B"], KeyError), "no entry for player 'B'"),
    (_with(["actions", "C"], ["w"]), "unknown player(s) ['C']"),
    (_with(["actions", "A"], []), "non-empty list"),
    (_with(["actions", "A"], ["x", "x"]), "duplicate action labels"),
    (_with(["actions", "A"], [True, False]), "quote labels such as Yes/No"),
    (_with(["players"], ["A", "A"]), "duplicate player name"),
    (_with(["payoffs", 0, "row"], "w"), "unknown action label 'w'"),
    (_with(["payoffs", 0, "col"], "w"), "unknown action label 'w'"),
    (_with(["payoffs", 0, "payoffs"], [1, 2, 3]), "list of 2 values"),
    (_with(["payoffs", 0, "payoffs"], [1]), "list of 2 values"),
    (_with(["payoffs", 0, "payoffs"], 5), "list of 2 values"),
    (_with(["payoffs", 1], {"row": "x", "col": "z", "payoffs": [1, 1]}), "given twice"),
    (_with(["payoffs"], [BASE["payoffs"][0]]), "payoffs missing for profile(s) [('y', 'z')]"),
    (_with(["payoffs", 0, "extra"], 1), "unknown ['extra']"),
    (_with(["payoffs", 0, "payoffs", 0], "__import__('os').system('touch pwned')"), "attribute access"),
    (_with(["payoffs", 0, "payoffs", 0], "lambda: 1"), "lambda"),
    (_with(["payoffs", 0, "payoffs", 0], "d + 1"), "unknown name 'd'"),
    (_with(["payoffs", 0, "payoffs", 0], True), "must be a finite real number"),
    (_with(["payoffs", 0, "payoffs", 0], None), "must be a finite real number"),
    (_with(["payoffs", 0, "payoffs", 0], [1]), "must be a finite real number"),
    (_with(["parameters", 0, "domain"], "complex"), "bad domain 'complex'"),
    (_with(["parameters", 0, "default"], -1), "outside its domain"),
    (_with(["parameters", 0, "default"], "lots"), "not a number"),
    (_with(["parameters", 0, "name"], "__class__"), "identifier not starting with '_'"),
    (_with(["parameters", 0, "unit"], "kg"), "unknown key(s) ['unit']"),
    (_with(["parameters", 0], "c"), "must be a mapping"),
    (_with(["parameters"], {"c": 1}), "'parameters' must be a list"),
    (_with(["name"], 3), "'name' must be a string"),
    ([1, 2], "top level must be a mapping"),
]


@pytest.mark.parametrize("data, fragment", MODEL_BAD)
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_model_file_errors(data, fragment, fmt, tmp_path, monkeypatch):
    import yaml

    monkeypatch.chdir(tmp_path)
    path = tmp_path / f"bad.{fmt}"
    path.write_text(json.dumps(data) if fmt == "json" else yaml.safe_dump(data))
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    msg = str(info.value)
    assert msg.startswith(str(path) + ": ")
    assert fragment in msg, msg
    assert list(tmp_path.iterdir()) == [path]  # nothing executed


@pytest.mark.parametrize(
    "text, fmt, fragment",
    [
        ("name: [unclosed", "yaml", "invalid YAML"),
        ("{", "json", "invalid JSON"),
        ("!!python/object/apply:os.system ['touch pwned']", "yaml", "invalid YAML"),
        ("a: !!python/name:os.system", "yaml", "invalid YAML"),
        ("", "yaml", "top level must be a mapping"),
        ("name: g", "toml", "unknown model file format"),
    ],
)
def test_loads_model_refuses_bad_text(text, fmt, fragment, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelFileError, match=fragment):
        loads_model(text, fmt)
    assert not (tmp_path / "pwned").exists()


def test_load_model_bad_suffix_and_missing(tmp_path):
    with pytest.raises(ModelFileError, match="unknown model file type"):
        load_model(tmp_path / "m.txt")
    with pytest.raises(OSError):
        load_model(tmp_path / "missing.yaml")


def test_read_game_dispatches_on_suffix(tmp_path):
    assert isinstance(read_game(DATA / "pd_payoff.nfg"), Bimatrix)
    assert read_game(DATA / "entrapment.yaml").name == "Entrapment test model"
    with pytest.raises(FileNotFoundError):
        read_game(tmp_path / "none.nfg")
    (tmp_path / "g.csv").write_text("1,2")
    with pytest.raises(ModelFileError, match="unknown game file type"):
        read_game(tmp_path / "g.csv")
    with pytest.raises(IsADirectoryError):
        read_game(tmp_path)


def test_no_pwned_file_anywhere():
    """The unsafe-expression tests ran in temporary directories; nothing leaked into the repo."""
    assert not Path("pwned").exists()
    assert not (Path(__file__).parent / "pwned").exists()
    assert not os.path.exists(os.path.join(os.path.dirname(__file__), "..", "pwned"))
