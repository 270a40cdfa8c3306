"""The architecture holds: layer contracts, no import circles, a lazy top level, a README that says so."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent

# Import circles that exist on main and are being removed (each entry names its issue); the test
# fails when one disappears, so that the entry is deleted with the fix and cannot come back.
KNOWN_CIRCLES: dict[frozenset[str], str] = {}  # issue 11 removed the reproduce/paper circle


def _lint_imports() -> list[str]:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    return [exe, "--no-cache"]  # run from ROOT: reads the contracts in setup.cfg


def test_import_contracts_are_kept():
    """``lint-imports`` (import-linter) checks the contracts in setup.cfg: layers and forbidden imports."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    r = subprocess.run(_lint_imports(), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "0 broken" in r.stdout


def _layers_contract() -> list[list[str]]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    lines = [ln.strip() for ln in cfg["importlinter:contract:layers"]["layers"].splitlines() if ln.strip()]
    return [re.split(r"\s*[:|]\s*", ln) for ln in lines]


def test_layers_contract_names_every_subpackage():
    """A new subpackage must be placed in a layer (else the contract silently ignores it)."""
    named = {m for layer in _layers_contract() for m in layer}
    packages = {p.parent.name for p in (ROOT / "alliancegames").glob("*/__init__.py")}
    assert packages == named


def test_readme_architecture_states_the_contract_layers():
    """The README's Architecture section lists the layers in the contract's order, lowest first."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| *\*\*([a-z ,]+)\*\* *\|", section, flags=re.M)
    readme = [[m.strip() for m in row.split(",")] for row in rows]
    assert readme == _layers_contract()[::-1]
    for contract in ("solvers-no-sympy", "plots-draw-only"):
        cfg = configparser.ConfigParser()
        cfg.read(ROOT / "setup.cfg")
        assert cfg[f"importlinter:contract:{contract}"]["name"].split(" (")[0] in section


def _cycles(graph: grimp.ImportGraph) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[frozenset[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.find_modules_directly_imported_by(w)))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = set()
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.add(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(frozenset(comp))
    return out


def test_cycle_finder_finds_a_circle():
    g = grimp.ImportGraph()
    for m in ("a", "b", "c"):
        g.add_module(m)
    g.add_import(importer="a", imported="b")
    g.add_import(importer="b", imported="a")
    g.add_import(importer="b", imported="c")
    assert _cycles(g) == [frozenset({"a", "b"})]


def test_no_import_circles():
    sys.path.insert(0, str(ROOT))
    try:
        graph = grimp.build_graph("alliancegames", cache_dir=None)
    finally:
        sys.path.remove(str(ROOT))
    found = set(_cycles(graph))
    assert found - set(KNOWN_CIRCLES) == set(), "new import circle(s)"
    fixed = set(KNOWN_CIRCLES) - found
    assert not fixed, f"circle(s) gone -- delete them from KNOWN_CIRCLES: {[KNOWN_CIRCLES[c] for c in fixed]}"


@pytest.mark.parametrize("heavy", ["pandas", "matplotlib", "scipy", "alliancegames.models", "alliancegames.cases"])
def test_top_level_import_stays_light(heavy):
    """``import alliancegames`` loads neither pandas, matplotlib, scipy nor the library (they are lazy)."""
    code = f"import sys, alliancegames; print({heavy!r} in sys.modules)"
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


# ---------------------------------------------------------------- the public surface
#: Modules a notebook or a documentation page may import from, by their public names: the top level
#: (whose lazy submodules ``plot``, ``files``, ``models``, ``cases`` and ``problems`` are attributes)
#: and the library's two packages.  Everything else (``alliancegames.studies.sweeps``...) is a deep import.
PUBLIC_MODULES = ("alliancegames", "alliancegames.models", "alliancegames.cases")


def _public_names(module: str) -> set[str]:
    import importlib

    mod = importlib.import_module(module)
    names = set(mod.__all__)
    if module == "alliancegames":
        names |= set(mod._LAZY)
    return names


def _notebook_import_violations(source: str) -> list[str]:
    """Deep or private imports, and private attributes of the package, in a notebook source."""
    import ast

    out = []
    aliases = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("alliancegames"):
                    if a.name != "alliancegames":
                        out.append(f"import {a.name}")
                    aliases.add(a.asname or a.name)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("alliancegames"):
            if node.module not in PUBLIC_MODULES:
                out.append(f"from {node.module} import ...")
                continue
            public = _public_names(node.module)
            out += [f"from {node.module} import {a.name}" for a in node.names if a.name not in public]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            if node.attr not in _public_names("alliancegames"):
                out.append(f"{node.value.id}.{node.attr}")
    return out


def test_public_surface_check_catches_deep_and_private_imports():
    src = (
        "import alliancegames as ag\n"
        "from alliancegames.studies.sweeps import sweep\n"
        "from alliancegames.models import _common\n"
        "from alliancegames import solve, _LAZY\n"
        "ag._LAZY\nag.solve\n"
    )
    assert _notebook_import_violations(src) == [
        "from alliancegames.studies.sweeps import ...",
        "from alliancegames.models import _common",
        "from alliancegames import _LAZY",
        "ag._LAZY",
    ]


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks" / "src").glob("*.py")), ids=lambda p: p.stem)
def test_notebooks_import_only_the_public_surface(path):
    assert _notebook_import_violations(path.read_text()) == []
