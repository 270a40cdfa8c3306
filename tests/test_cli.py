"""Tests of the ``alliancegames`` command line (alliancegames.publishing.cli)."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from alliancegames.publishing.cli import COMMANDS, build_parser, main

DATA = Path(__file__).parent / "data"
PD = str(DATA / "pd_payoff.nfg")
OUTCOME = str(DATA / "outcome_format.nfg")
MODEL = str(DATA / "entrapment.yaml")
MODEL_JSON = str(DATA / "entrapment.json")


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def as_fractions(eq):
    return [[Fraction(p) for p in s] for s in eq["strategies"]], [Fraction(u) for u in eq["payoffs"]]


# --------------------------------------------------------------------------- results
def test_solve_nfg_json_prisoners_dilemma(capsys):
    # Prisoner's dilemma (3,3 / 0,5 / 5,0 / 1,1): defection (strategy 2) strictly dominates,
    # so the unique equilibrium is (2, 2) with payoffs (1, 1).
    rc, out, err = run(capsys, "solve", PD, "--json")
    assert rc == 0 and err == ""
    data = json.loads(out)
    assert [(e["strategies"], e["payoffs"]) for e in data["equilibria"]] == [([[0, 1], [0, 1]], [1, 1])]
    assert all(isinstance(v, float) for v in data["equilibria"][0]["payoffs"])


def test_solve_outcome_format_exact(capsys):
    # By hand: the client strictly prefers Soft unless the patron plays only Restrain (tie).
    # Against Soft the patron plays Abandon: (Abandon, Soft) pays (3/2, 2).  With Restrain the
    # patron stays best-responding while the client's weight y on Firm keeps
    # 5/2 y - 1 <= 1 and 3/2 (1 - y) <= 1, i.e. y in [1/3, 4/5]: extreme points 1/3 and 4/5.
    rc, out, _ = run(capsys, "solve", OUTCOME, "--json", "--exact")
    assert rc == 0
    got = sorted(as_fractions(e) for e in json.loads(out)["equilibria"])
    F = Fraction
    want = sorted(
        [
            ([[0, 0, 1], [0, 1]], [F(3, 2), 2]),
            ([[0, 1, 0], [F(1, 3), F(2, 3)]], [1, F(1, 4)]),
            ([[0, 1, 0], [F(4, 5), F(1, 5)]], [1, F(1, 4)]),
        ]
    )
    assert got == want
    for e in json.loads(out)["equilibria"]:
        assert all(isinstance(p, str) for s in e["strategies"] for p in s)


@pytest.mark.parametrize("path", [MODEL, MODEL_JSON])
def test_solve_model_with_param_exact(capsys, path):
    # p = 1/5, v = 4, c = 6: (Firm, Support) pays (4 - 6/5, 1 - 6/5) = (14/5, -1/5); the best
    # responses cycle, so the only equilibrium is mixed.  Patron indifferent:
    # -x/5 + (1 - x) = 0 -> x = 5/6 on Firm.  Client indifferent: 14/5 y - (1 - y) = y -> y = 5/14.
    rc, out, _ = run(capsys, "solve", path, "--param", "p=1/5", "--exact", "--json")
    assert rc == 0
    eqs = json.loads(out)["equilibria"]
    assert len(eqs) == 1
    assert eqs[0]["strategies"] == [["5/6", "1/6"], ["5/14", "9/14"]]
    assert eqs[0]["payoffs"] == ["5/14", "0"]


def test_param_values_are_exact_decimals(capsys):
    rc, out, _ = run(capsys, "solve", MODEL, "-p", "p=0.2", "--exact", "--json")
    assert rc == 0
    assert json.loads(out)["equilibria"][0]["strategies"][0] == ["5/6", "1/6"]


def test_solve_model_defaults_table_output(capsys):
    # Defaults v=4, c=6, p=1/2: (Firm, Support) = (1, -2).  The client is indifferent against
    # Support (1 vs 1), the patron abandons a firm client.  Equilibria: (Soft, Support) with
    # (1, 1), and Support against Firm w.p. x where -2x + (1 - x) = 0, x = 1/3, payoffs (1, 0).
    rc, out, err = run(capsys, "solve", MODEL, "--exact")
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Entrapment test model: 2 equilibria")
    assert lines[1].split() == ["#", "type", "Client", "Patron", "payoffs"]
    assert lines[3].split() == ["1", "pure", "Soft", "Support", "(1,", "1)"]
    assert lines[4].split() == ["2", "mixed", "Firm:", "1/3,", "Soft:", "2/3", "Support", "(1,", "0)"]


def test_table_output_floats(capsys):
    rc, out, _ = run(capsys, "solve", MODEL, "--param", "p=0.2")
    assert rc == 0
    assert "Firm: 0.833333, Soft: 0.166667" in out and "Support: 0.357143, Abandon: 0.642857" in out


def test_json_without_exact_has_numbers(capsys):
    rc, out, _ = run(capsys, "solve", MODEL, "-p", "p=1/5", "--json")
    (eq,) = json.loads(out)["equilibria"]
    assert eq["strategies"][0] == pytest.approx([5 / 6, 1 / 6])
    assert eq["payoffs"] == pytest.approx([5 / 14, 0])


# --------------------------------------------------------------------------- bad input
def _write(tmp_path, name, text, binary=False):
    p = tmp_path / name
    (p.write_bytes if binary else p.write_text)(text)
    return str(p)


MODEL_TEXT = Path(MODEL).read_text()

BAD = [
    # (argv builder, fragment of the error line)
    (lambda t: ["solve", str(t / "missing.nfg")], "no such file"),
    (lambda t: ["solve", str(t / "missing.yaml")], "no such file"),
    (lambda t: ["solve", str(t)], "is a directory"),
    (lambda t: ["solve", _write(t, "g.txt", "1 2")], "unknown game file type '.txt'"),
    (
        lambda t: ["solve", _write(t, "bad.nfg", 'NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3')],
        "expected 8 payoffs",
    ),
    (
        lambda t: ["solve", _write(t, "three.nfg", 'NFG 1 R "t" { "A" "B" "C" } { 1 1 1 } 1 1 1')],
        "two-player",
    ),
    (lambda t: ["solve", _write(t, "bin.nfg", b"NFG \xff\xfe", binary=True)], "not UTF-8"),
    (lambda t: ["solve", _write(t, "bad.yaml", "name: [unclosed")], "invalid YAML"),
    (lambda t: ["solve", _write(t, "bad.json", "{")], "invalid JSON"),
    (
        lambda t: ["solve", _write(t, "m.yaml", MODEL_TEXT.replace("players:", "playas:"))],
        "unknown key(s) ['playas']",
    ),
    (
        lambda t: [
            "solve",
            _write(
                t, "m.yaml", MODEL_TEXT.replace('"v - p*c"', "\"__import__('os').system('touch pwned')\"")
            ),
        ],
        "attribute access",
    ),
    (lambda t: ["solve", _write(t, "m.yaml", MODEL_TEXT.replace('"v - p*c"', '"lambda: 1"'))], "lambda"),
    (
        lambda t: ["solve", _write(t, "m.yaml", MODEL_TEXT.replace('"v - p*c"', '"v - q"'))],
        "unknown name 'q'",
    ),
    (lambda t: ["solve", _write(t, "m.yaml", MODEL_TEXT.replace("default: 4}", "}"))], "missing value"),
    (lambda t: ["solve", MODEL, "--param", "q=1"], "unknown parameter ['q']"),
    (lambda t: ["solve", MODEL, "--param", "p=abc"], "bad value 'abc'"),
    (lambda t: ["solve", MODEL, "--param", "p=nan"], "bad value 'nan'"),
    (lambda t: ["solve", MODEL, "--param", "p=1/0"], "zero denominator"),
    (lambda t: ["solve", MODEL, "--param", "p=1.2"], "must lie in [0, 1]"),
    (lambda t: ["solve", MODEL, "--param", "c=-1"], "must be positive"),
    (lambda t: ["solve", MODEL, "--param", "p"], "NAME=VALUE"),
    (lambda t: ["solve", MODEL, "--param", "=3"], "NAME=VALUE"),
    (lambda t: ["solve", MODEL, "--param", "p-q=3"], "not a parameter name"),
    (lambda t: ["solve", MODEL, "-p", "p=0.1", "-p", "p=0.2"], "given twice"),
    (lambda t: ["solve", PD, "--param", "p=1"], "without parameters"),
    (lambda t: ["solve"], "required: GAME"),
    (lambda t: ["frobnicate"], "invalid choice"),
    (lambda t: [], "required: COMMAND"),
    (lambda t: ["solve", PD, "--bogus"], "unrecognized arguments"),
]


@pytest.mark.parametrize("argv, fragment", BAD, ids=[f for _, f in BAD])
def test_bad_input_one_line_and_status_2(argv, fragment, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, err = run(capsys, *argv(tmp_path))
    assert rc == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("alliancegames: error: "), err
    assert fragment in err, err
    assert "Traceback" not in err
    assert not (tmp_path / "pwned").exists()


def test_real_bugs_still_raise(monkeypatch, capsys):
    """Only bad-input errors are turned into messages; a bug in the code still surfaces."""
    import alliancegames.publishing.cli as cli

    def boom(*a, **k):
        raise KeyError("bug")

    monkeypatch.setattr(cli, "solve", boom)
    with pytest.raises(KeyError):
        main(["solve", PD])


def test_help_and_version(capsys):
    rc, out, _ = run(capsys, "--help")
    assert rc == 0 and "solve" in out
    rc, out, _ = run(capsys, "--version")
    assert rc == 0 and out.startswith("alliancegames ")


def test_commands_registry_builds_subparsers():
    parser = build_parser()
    args = parser.parse_args(["solve", PD, "-p", "a=1", "-p", "b=2", "--exact"])
    assert args.param == ["a=1", "b=2"] and args.exact and not args.json
    assert [c.name for c in COMMANDS] == ["solve", "reproduce", "problems"]


# --------------------------------------------------------------------------- as a process
def _proc(*argv, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "alliancegames", *argv], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def test_module_entry_point_solves(tmp_path):
    r = _proc("solve", MODEL, "--param", "p=1/5", "--exact", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["equilibria"][0]["payoffs"] == ["5/14", "0"]


def test_module_entry_point_bad_input(tmp_path):
    bad = tmp_path / "evil.yaml"
    bad.write_text(MODEL_TEXT.replace('"v - p*c"', "\"__import__('os').system('touch pwned')\""))
    r = _proc("solve", str(bad), cwd=tmp_path)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("alliancegames: error: ") and r.stderr.count("\n") == 1
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "pwned").exists()


def test_console_script(tmp_path):
    """The ``alliancegames`` console script declared in setup.cfg, when installed next to python."""
    import shutil

    exe = shutil.which("alliancegames", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("package not installed as a console script in this environment")
    r = subprocess.run(
        [exe, "solve", PD, "--json"], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["equilibria"][0]["strategies"] == [[0, 1], [0, 1]]
