"""A unit of work of the reproduce run, as the paper and the problem set declare them.

:mod:`alliancegames.publishing.reproduce` wraps each :class:`Task` into a job; the
modules that declare tasks do not import ``reproduce`` (no import circle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Task"]


@dataclass(frozen=True)
class Task:
    """``run(out_dir) -> files written``; ``kind`` "paper" runs after every other kind.

    Examples
    --------
    >>> Task("table:x", "table", lambda out: []).kind
    'table'
    """

    name: str
    kind: str
    run: Callable[[Path], list[Path]] = field(compare=False)
    description: str = ""
