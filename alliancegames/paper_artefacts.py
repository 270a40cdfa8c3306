"""Builders of the working paper's figures and tables (registered with :func:`alliancegames.paper.artefact`).

Every builder fixes its seeds and writes deterministic files (see :mod:`alliancegames.reproduce`).
"""

from __future__ import annotations
