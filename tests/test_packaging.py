"""setup.cfg and environment.yml must list the same dependencies; .ci/run must call the README's test command."""

import configparser
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# conda-forge splits some PyPI packages with extras into several packages
CONDA_SPLIT = {"dask[distributed]": {"dask", "distributed"}}


def _names(reqs):
    out = set()
    for r in reqs:
        r = r.strip()
        if not r or r.startswith("#"):
            continue
        base = re.split(r"[<>=!~ ;]", r, maxsplit=1)[0].lower()
        out |= CONDA_SPLIT.get(base, {base})
    return out


def _setup_cfg_deps():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    install = cfg["options"]["install_requires"].splitlines()
    test = cfg["options.extras_require"]["test"].splitlines()
    slow = cfg["options.extras_require"]["slow"].splitlines()
    return _names(install) | _names(test) | _names(slow)


def _environment_deps():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for entry in env["dependencies"] if isinstance(entry, dict) for d in entry.get("pip", [])]
    return _names(deps + [d for d in pip if not d.startswith("-")]) - {"python", "pip"}


def test_setup_cfg_and_environment_yml_agree():
    assert _setup_cfg_deps() == _environment_deps()


def test_core_packages_of_the_design_card_are_dependencies():
    assert {"nashpy", "numpy", "sympy", "jupyter", "seaborn"} <= _setup_cfg_deps()


def test_gambit_is_test_only():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    assert "pygambit" not in cfg["options"]["install_requires"]
    assert "pygambit" in cfg["options.extras_require"]["test"]


def _readme_commands():
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:bash|sh)?\n(.*?)```", quick, flags=re.S)


def test_readme_quickstart_has_exactly_two_commands_and_ci_runs_the_test_one():
    blocks = [b.strip() for b in _readme_commands()]
    commands = [line for b in blocks for line in b.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2, commands
    main_job, test_cmd = commands
    assert "reproduce" in main_job
    assert "pytest" in test_cmd
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_cmd in ci


def _lower_bounds(reqs):
    out = {}
    for r in reqs:
        r = r.strip()
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)\s*>=\s*([^,;\s]+).*", r)
        if m:
            out[m.group(1).lower()] = m.group(2)
    return out


def test_minimum_constraints_pin_the_stated_lower_bounds():
    """constraints/minimum.txt installs exactly the lower bounds setup.cfg states (see the README)."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    install = _lower_bounds(cfg["options"]["install_requires"].splitlines())
    test = _lower_bounds(
        cfg["options.extras_require"]["test"].splitlines() + cfg["options.extras_require"]["slow"].splitlines()
    )
    pins = {}
    for line in (ROOT / "constraints" / "minimum.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version

    def same(a, b):  # 1.24 == 1.24.0
        a, b = a.split("."), b.split(".")
        n = max(len(a), len(b))
        return a + ["0"] * (n - len(a)) == b + ["0"] * (n - len(b))

    for name, bound in install.items():
        assert name in pins, f"{name} has a lower bound in setup.cfg but no pin in constraints/minimum.txt"
        assert same(pins[name], bound), f"{name}: setup.cfg says >={bound}, constraints pin {pins[name]}"
    for name, bound in test.items():
        name = name.split("[")[0]  # pip constraints cannot carry extras: dask[distributed] pins dask
        if name in pins:
            assert same(pins[name], bound), f"{name}: setup.cfg says >={bound}, constraints pin {pins[name]}"
