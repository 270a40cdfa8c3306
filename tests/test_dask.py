"""A sweep through a two-worker Dask cluster equals the local sweep."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sympy as sp

from alliancegames import normal_form, parameter
from alliancegames.studies.sweeps import sweep

pytestmark = pytest.mark.slow  # a two-process cluster takes ~15 s to start; Dask is in the slow extra


def stag_hunt():
    """A stag hunt between two allies (our coding): joint firmness is worth ``v``."""
    v, c = sp.symbols("v c")
    return normal_form(
        "stag hunt (test coding)",
        ("Ally 1", "Ally 2"),
        (("Firm", "Weak"), ("Firm", "Weak")),
        [parameter("v", "value of joint firmness", "real"), parameter("c", "cost of firmness alone", "real")],
        [[(v, v), (-c, 0)], [(0, -c), (0, 0)]],
    )


def test_dask_sweep_equals_local() -> None:
    from dask import distributed  # the slow extra (--runslow checks it is installed)

    model = stag_hunt()
    grid = {"v": np.linspace(-1, 2, 31), "c": np.linspace(-1, 1, 21)}  # crosses v = 0 and c = 0 exactly
    local = sweep(model, grid, chunk_size=100)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = sweep(model, grid, chunk_size=100, executor=client)
    pd.testing.assert_frame_equal(remote, local)
    assert local["exact"].any()  # the boundaries were crossed and solved exactly
    assert local["regime"].nunique() >= 3
