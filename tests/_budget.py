"""How much work the randomized and heavy tests do: a sample in the quick run, all of it under ``--runslow``.

The quick suite (the README's test command) must finish in minutes on two cores; CI adds
``--runslow`` and runs every property test at its full number of examples. ``conftest.py`` sets
:data:`FULL` before any test module is imported, so module-level ``@settings`` can use it::

    from _budget import examples

    @settings(max_examples=examples(15, 60), deadline=None)
    def test_property(...): ...
"""

from __future__ import annotations

FULL = False  # set from --runslow by conftest.pytest_configure (in every xdist worker too)


def examples(quick: int, full: int) -> int:
    """The number of examples (or cases) to run: ``quick`` normally, ``full`` under ``--runslow``."""
    if not 0 < quick <= full:
        raise ValueError(f"need 0 < quick <= full, got quick={quick}, full={full}")
    return full if FULL else quick
