"""Shared pytest configuration: ``--runslow`` turns on tests marked ``slow``."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Property tests draw the same examples on every machine and every run (CI included), so a green run
# is reproducible; set HYPOTHESIS_PROFILE=explore to draw fresh random examples while developing.
settings.register_profile("reproducible", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow",
        action="store_true",
        default=False,
        help="also run tests marked slow (large oracle runs, all notebooks)",
    )


# what --runslow needs beyond the test extra: the `slow` extra of setup.cfg
SLOW_EXTRA = ("dask.distributed", "sphinx", "myst_nb", "numpydoc", "furo", "sphinxcontrib.bibtex", "pybtex", "quantecon")


def pytest_configure(config: pytest.Config) -> None:
    import importlib.util

    import _budget

    _budget.FULL = bool(config.getoption("--runslow"))
    if _budget.FULL:
        missing = [m for m in SLOW_EXTRA if importlib.util.find_spec(m.split(".")[0]) is None]
        if missing:
            raise pytest.UsageError(
                f"--runslow needs the slow extra ({', '.join(missing)} missing): pip install -e '.[test,slow]'"
            )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)
