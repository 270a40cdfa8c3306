"""Tests for alliancegames.publishing.problems: seed stability, independently re-verified keys, checker forms."""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import product

import _budget
import numpy as np
import pytest
import sympy as sp
from _budget import examples

from alliancegames.core.numeric import evaluate
from alliancegames.publishing.problems import (
    FILES,
    KINDS,
    ConditionAnswer,
    TreeAnswer,
    available_kinds,
    check_answer,
    cli_problems,
    generate,
    write,
)
from alliancegames.solvers.enumeration import solve
from alliancegames.solvers.verify import regrets

SEEDS = (0, 1, 2)[: examples(1, 3)]  # the quick run checks one seed's set; --runslow three
COUNT = 12  # two problems of each kind


@pytest.fixture(scope="module")
def sets():
    return {s: generate(s, COUNT) for s in SEEDS}


def _all_problems(sets):
    return [p for ps in sets.values() for p in ps]


def _of_kind(sets, kind):
    """The generated problems of one kind (at least one must exist)."""
    probs = [p for p in _all_problems(sets) if p.kind == kind]
    assert probs, kind
    return probs


def _unit(k, n):
    v = [Fraction(0)] * n
    v[k] = Fraction(1)
    return np.array(v, dtype=object)


def _pure_eq(g, i, j):
    """Independent pure-equilibrium test by regret (exact)."""
    m, n = g.shape
    return regrets(g.A, g.B, _unit(i, m), _unit(j, n)) == (0, 0)


# ----------------------------------------------------------------------------- seeds
def _seed_test_size():
    """Quick run: one problem of each kind but the regime map (~10 s of exact solves per problem;
    the ``sets`` fixture still generates it); --runslow: the full set of every kind."""
    if _budget.FULL:
        return COUNT, None
    kinds = [k for k in KINDS if k != "regime"]
    return len(kinds), kinds


def test_same_seed_identical_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    count, kinds = _seed_test_size()
    write(generate(5, count, kinds=kinds), a)
    write(generate(5, count, kinds=kinds), b)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_different_seeds_differ(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    count, kinds = _seed_test_size()
    write(generate(5, count, kinds=kinds), a)
    write(generate(6, count, kinds=kinds), b)
    for name in FILES:
        assert (a / name).read_bytes() != (b / name).read_bytes(), name


def test_kinds_cycle_and_all_available(sets):
    assert set(available_kinds()) == set(KINDS)
    ps = sets[0]
    assert [p.kind for p in ps] == [KINDS[k % len(KINDS)] for k in range(COUNT)]
    assert [p.number for p in ps] == list(range(1, COUNT + 1))


@pytest.mark.parametrize("bad", [dict(seed=-1, count=2), dict(seed=1, count=0), dict(seed=1.5, count=2)])
def test_bad_arguments(bad):
    with pytest.raises(ValueError):
        generate(**bad)


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown problem kind"):
        generate(1, 1, kinds=["poker"])


# ----------------------------------------------------------------------------- re-verification
def test_pure_answers_reverified(sets):
    probs = _of_kind(sets, "pure")
    for p in probs:
        g = p.datum("game")
        m, n = g.shape
        truth = {
            (g.actions[0][i], g.actions[1][j]) for i, j in product(range(m), range(n)) if _pure_eq(g, i, j)
        }
        assert set(p.answer) == truth
        assert truth == {tuple(s[0] for s in e.supports) for e in solve(g, exact=True).pure}
        # generic: nobody indifferent between two pure actions against a pure action
        for j in range(n):
            assert len({g.A[i, j] for i in range(m)}) == m
        for i in range(m):
            assert len({g.B[i, j] for j in range(n)}) == n


def test_mixed_answers_reverified(sets):
    probs = _of_kind(sets, "mixed")
    for p in probs:
        g = p.datum("game")
        pr, q = p.answer
        assert isinstance(pr, Fraction) and isinstance(q, Fraction)
        assert 0 < pr < 1 and 0 < q < 1
        assert pr.denominator <= 12 and q.denominator <= 12
        x = np.array([pr, 1 - pr], dtype=object)
        y = np.array([q, 1 - q], dtype=object)
        assert regrets(g.A, g.B, x, y) == (0, 0)
        full = [e for e in solve(g, exact=True) if not e.is_pure and all(len(s) == 2 for s in e.supports)]
        assert len(full) == 1


def _sample(model, rng, k):
    for _ in range(k):
        # denominators 997: off every boundary of the small-integer conditions (weak vs strict)
        yield {
            par.name: Fraction(int(rng.integers(1, 996 if par.domain == "probability" else 12 * 997)), 997)
            for par in model.parameters
        }


def test_condition_answers_reverified(sets):
    probs = _of_kind(sets, "conditions")
    rng = np.random.default_rng(0)
    for p in probs:
        model = p.datum("model")
        outcome = p.datum("outcome")
        i, j = model.actions[0].index(outcome[0]), model.actions[1].index(outcome[1])
        ans: ConditionAnswer = p.answer
        drawn = p.provenance.as_dict
        assert ans.at_point == _pure_eq(evaluate(model, drawn), i, j)
        # the condition agrees with the regret test at random points
        for values in _sample(model, rng, 25):
            g = evaluate(model, values)
            cond = ans.condition.xreplace(
                {model.symbols[k]: sp.Rational(v.numerator, v.denominator) for k, v in values.items()}
            )
            assert bool(cond) == _pure_eq(g, i, j), (p.number, ans.condition, values)


def _mixed_quantity(g, which):
    full = [e for e in solve(g, exact=True) if all(len(s) == 2 for s in e.supports)]
    assert len(full) == 1
    e = full[0]
    return (e.strategies[0][0], e.strategies[1][0], e.payoffs[0], e.payoffs[1])[which]


def test_statics_answers_reverified(sets):
    probs = _of_kind(sets, "statics")
    for p in probs:
        model = p.datum("model")
        name, which = p.datum("parameter"), p.datum("quantity")
        values = p.provenance.as_dict
        h = Fraction(1, 10**4)
        lo = _mixed_quantity(evaluate(model, {**values, name: values[name] - h}), which)
        hi = _mixed_quantity(evaluate(model, {**values, name: values[name] + h}), which)
        assert p.answer in (-1, 0, 1)
        assert (hi > lo) - (hi < lo) == p.answer


def test_regime_answers_reverified(sets):
    probs = _of_kind(sets, "regime")
    for p in probs:
        model = p.datum("model")
        x, y = p.datum("x"), p.datum("y")
        t = p.answer
        assert isinstance(t, Fraction) and t.denominator <= 12
        m = re.search(r"In the row \$(.+?) = (.+?)\$", p.statement)
        assert m
        yv = p.provenance.as_dict
        # the y value used in the question
        ylatex = m.group(2)
        yval = _from_latex(ylatex)
        base = {**yv, y: yval}
        labels = [
            tuple(e.label for e in solve(evaluate(model, {**base, x: v}), exact=True))
            for v in (t - Fraction(1, 100), t + Fraction(1, 100))
        ]
        assert labels[0] != labels[1]
        # at the threshold some player is indifferent (a tie in the payoff table)
        g = evaluate(model, {**base, x: t})
        ties = any(g.A[0, j] == g.A[1, j] for j in range(2)) or any(g.B[i, 0] == g.B[i, 1] for i in range(2))
        assert ties


def _from_latex(s):
    m = re.fullmatch(r"(-?)\\frac\{(\d+)\}\{(\d+)\}", s)
    if m:
        return Fraction(int(m.group(2)), int(m.group(3))) * (-1 if m.group(1) else 1)
    return Fraction(int(s))


def _own_bi(node, players):
    """Independent backward induction on an alliancegames.analysis.tree node (numbers only)."""
    from alliancegames.analysis.tree import Terminal

    if isinstance(node, Terminal):
        return tuple(Fraction(int(v.p), int(v.q)) for v in node.payoffs), ()
    k = players.index(node.player)
    best = None
    for a, c in zip(node.actions, node.children):
        u, path = _own_bi(c, players)
        if best is None or u[k] > best[0][k]:
            best = (u, (a,) + path)
        elif u[k] == best[0][k]:
            raise AssertionError("tie in a generated tree")
    return best


def test_tree_answers_reverified(sets):
    probs = _of_kind(sets, "tree")
    for p in probs:
        tree = p.datum("tree")
        u, path = _own_bi(tree.root, tree.players)
        ans: TreeAnswer = p.answer
        assert ans.path == path
        assert ans.payoffs == u


# ----------------------------------------------------------------------------- checker
def test_every_stored_answer_is_accepted(sets):
    for p in _all_problems(sets):
        v = check_answer(p, p.answer)
        assert v.correct, (p.kind, p.number, v.message)


def _first(sets, kind):
    return _of_kind(sets, kind)[0]


def test_check_mixed_equivalent_forms(sets):
    p = _first(sets, "mixed")
    pr, q = p.answer
    forms = [
        (pr, q),
        (str(pr), str(q)),
        {"p": pr, "q": q},
        f"{pr}, {q}",
        ((pr, 1 - pr), (q, 1 - q)),
        (sp.Rational(pr.numerator, pr.denominator), float(round(float(q), 4))),
    ]
    for f in forms:
        assert check_answer(p, f).correct, f
    assert not check_answer(p, (pr + Fraction(1, 13), q)).correct
    assert not check_answer(p, (pr, q + Fraction(1, 13))).correct
    bad = check_answer(p, "p is a half")
    assert not bad.correct and "could not read" in bad.message


@pytest.mark.parametrize(
    "given,truth,ok",
    [
        ("0.5", Fraction(1, 2), True),
        ("1/2", Fraction(1, 2), True),
        (0.5, Fraction(1, 2), True),
        (Fraction(1, 2), Fraction(1, 2), True),
        ("0.33", Fraction(1, 3), True),
        ("0.3", Fraction(1, 3), False),
        ("0.34", Fraction(1, 3), False),
        (0.25, Fraction(1, 3), False),
        ("3", Fraction(3), True),
        ("-7/2", Fraction(-7, 2), True),
    ],
)
def test_number_forms(given, truth, ok):
    from alliancegames.publishing.problems import _same_number

    assert _same_number(given, truth)[0] is ok


def test_check_pure_forms(sets):
    p = _first(sets, "pure")
    truth = sorted(p.answer)
    as_strings = [f"{r}/{c}" for r, c in truth]
    assert check_answer(p, as_strings).correct
    assert check_answer(p, list(reversed(truth))).correct
    assert check_answer(p, [s.upper() for s in as_strings]).correct
    assert check_answer(p, "; ".join(as_strings) if as_strings else "none").correct
    g = p.datum("game")
    others = [(a, b) for a in g.actions[0] for b in g.actions[1] if (a, b) not in p.answer]
    assert not check_answer(p, truth + others[:1]).correct
    if truth:
        assert not check_answer(p, truth[1:]).correct


@pytest.mark.parametrize(
    "text,sign",
    [
        ("negative", -1),
        ("-", -1),
        ("decreasing", -1),
        (-1, -1),
        ("positive", 1),
        ("+", 1),
        ("increasing", 1),
        (1, 1),
        ("zero", 0),
        ("unchanged", 0),
        (0, 0),
    ],
)
def test_check_sign_forms(sets, text, sign):
    for p in _of_kind(sets, "statics"):
        assert check_answer(p, text).correct is (p.answer == sign)


def test_check_conditions(sets):
    p = _first(sets, "conditions")
    ans: ConditionAnswer = p.answer
    assert check_answer(p, ans.condition).correct
    assert check_answer(p, ans.at_point).correct
    assert not check_answer(p, not ans.at_point).correct
    assert check_answer(p, (ans.condition, "yes" if ans.at_point else "no")).correct
    assert not check_answer(p, sp.Not(ans.condition)).correct
    # text form, parsed safely
    text = " and ".join(
        f"{sp.sstr(a.lhs)} {a.rel_op} {sp.sstr(a.rhs)}"
        for a in (ans.condition.args if isinstance(ans.condition, sp.And) else [ans.condition])
    )
    assert check_answer(p, text).correct, text
    assert not check_answer(p, "__import__('os') > 1").correct


def test_check_tree_forms(sets):
    p = _first(sets, "tree")
    ans: TreeAnswer = p.answer
    assert check_answer(p, ans.path).correct
    assert check_answer(p, " -> ".join(ans.path)).correct
    assert check_answer(p, {f"node {k + 1}": a for k, (_, a) in enumerate(ans.strategy)}).correct
    wrong = dict(ans.strategy)
    k0 = next(iter(wrong))
    tree_root_actions = p.datum("tree").root.actions
    wrong[k0] = next(a for a in tree_root_actions if a != wrong[k0])
    assert not check_answer(p, wrong).correct


def test_check_regime(sets):
    p = _first(sets, "regime")
    t = p.answer
    assert check_answer(p, str(t)).correct
    assert check_answer(p, t).correct
    assert not check_answer(p, t + 1).correct


# ----------------------------------------------------------------------------- files and cli
def test_cli_writes_four_files(tmp_path, capsys):
    assert cli_problems(4, 6, tmp_path / "out") == 0
    names = sorted(x.name for x in (tmp_path / "out").iterdir())
    assert names == sorted(FILES)
    assert "wrote 6 problems" in capsys.readouterr().out
    md = (tmp_path / "out" / "problems.md").read_text()
    key = (tmp_path / "out" / "answers.md").read_text()
    assert md.count("## Problem") == 6 and key.count("## Problem") == 6
    assert "Provenance" not in md and "Provenance" in key


def test_cli_error_status(tmp_path, capsys):
    assert cli_problems(4, 0, tmp_path) == 2
    assert "count" in capsys.readouterr().err


def _strip_math(tex):
    return re.sub(r"\$[^$]*\$", "", tex)


def test_latex_is_well_formed(sets):
    for ps in sets.values():
        for answers in (False, True):
            tex = ps.to_latex(answers)
            assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
            assert tex.count("{") == tex.count("}")
            assert tex.count("$") % 2 == 0
            for env in ("itemize", "tabular", "center", "document"):
                assert tex.count(rf"\begin{{{env}}}") == tex.count(rf"\end{{{env}}}")
            text = _strip_math(tex)
            assert not re.search(r"(?<!\\)_", text), "unescaped underscore outside math"
            assert "→" not in tex and all(ord(ch) < 128 for ch in text), "non-ASCII text outside math"


def test_discount_problems_have_the_grim_trigger_threshold():
    ps = generate(11, 3, kinds=["discount"])
    for p in ps:
        assert p.kind == "discount"
        v = p.provenance.as_dict
        g, k = v["g_advantage"], v["k_cost"]
        assert p.answer == (g - k) / g  # (T - R)/(T - P) with T = g - k, R = 0, P = -k, derived by hand
        assert check_answer(p, str(p.answer)).correct and check_answer(p, p.answer).correct
        assert not check_answer(p, p.answer + Fraction(1, 10)).correct
        assert "grim trigger" in p.statement and r"\delta" in p.statement_latex
