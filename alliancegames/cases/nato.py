"""NATO defence expenditure, 2014 and 2024, and the Olson–Zeckhauser rank test.

Data
----
NATO Public Diplomacy Division, *Defence Expenditure of NATO Countries
(2014–2024)*, press release of 17 June 2024: Table 3 (defence expenditure as a
share of real GDP, %), Table 5 (real GDP) and Table 2 (defence expenditure),
both in billion US dollars at 2015 prices and exchange rates.  Figures for 2024
are NATO estimates.  The table ships as package data
(``alliancegames/cases/data/dataset_nato_expenditure.yaml``) with its source,
membership notes and caveats.

Membership: 28 members in 2014; Montenegro joined in June 2017, North
Macedonia in March 2020, Finland in April 2023 and Sweden in March 2024.
Iceland has no armed forces and no defence figures.  From 2023 Luxembourg's
share is measured against gross national income rather than GDP.

The test
--------
Olson & Zeckhauser (1966) [@olson_zeckhauser1966]
predict that larger members bear a disproportionate share of the burden of a
collective good: the defence share of GDP should rise with economic size.  The
test is Spearman's rank correlation between the defence share of GDP and real
GDP, for the 2014 members in 2014 and for all members in 2024 (Iceland, with no
figures, is excluded from both).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

__all__ = [
    "NATO_DATA_FILE",
    "RankCorrelation",
    "BurdenSharingTest",
    "nato_expenditure",
    "nato_expenditure_metadata",
    "olson_zeckhauser_test",
    "rank_correlation",
    "us_share",
]

NATO_DATA_FILE = "dataset_nato_expenditure.yaml"
_COLUMNS = (
    "country",
    "share_2014",
    "share_2024",
    "real_gdp_2014",
    "real_gdp_2024",
    "expenditure_2014",
    "expenditure_2024",
    "joined",
)


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    text = resources.files("alliancegames.cases").joinpath("data", NATO_DATA_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise ValueError(f"{NATO_DATA_FILE}: expected a mapping with a 'rows' list")
    for k, row in enumerate(data["rows"]):
        if not isinstance(row, dict) or set(row) != set(_COLUMNS):
            raise ValueError(f"{NATO_DATA_FILE}: row {k} must have exactly the columns {list(_COLUMNS)}")
    return data


def nato_expenditure_metadata() -> dict[str, Any]:
    """Source, column definitions and notes of the NATO expenditure table.

    Examples
    --------
    >>> meta = nato_expenditure_metadata()
    >>> meta["source"]["date"]
    '2024-06-17'
    """
    data = _raw()
    return {k: v for k, v in data.items() if k != "rows"}


def nato_expenditure() -> pd.DataFrame:
    """NATO defence expenditure for 2014 and 2024 (estimates), one row per member.

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``share_2014``, ``share_2024`` (defence
        expenditure, % of real GDP), ``real_gdp_2014``, ``real_gdp_2024``,
        ``expenditure_2014``, ``expenditure_2024`` (billion US dollars, 2015
        prices and exchange rates), ``joined`` (accession month for members
        who joined after 2014, else missing), ``member_2014`` (bool) and
        ``has_forces`` (False for Iceland, which has no defence figures).
        Source and notes: :func:`nato_expenditure_metadata`; the frame's
        ``attrs["source"]`` holds the citation.

    Examples
    --------
    >>> df = nato_expenditure()
    >>> int(df["member_2014"].sum()), len(df)
    (28, 32)
    >>> float(df.set_index("country").loc["Poland", "share_2024"])
    4.12
    """
    data = _raw()
    df = pd.DataFrame(data["rows"], columns=list(_COLUMNS))
    num = [c for c in _COLUMNS if c not in ("country", "joined")]
    df[num] = df[num].astype(float)
    df["member_2014"] = df["joined"].isna()
    df["has_forces"] = df["share_2014"].notna() | df["share_2024"].notna()
    src = data["source"]
    df.attrs["source"] = (
        f"{src['author']}, {src['title']}, {src['kind']} of {src['date']}; 2024 figures are estimates"
    )
    return df


def rank_correlation(x: Any, y: Any) -> tuple[float, float]:
    """Spearman's rank correlation and its two-sided p-value (``scipy.stats.spearmanr``).

    Examples
    --------
    >>> rho, p = rank_correlation([1, 2, 3, 4], [10, 20, 30, 25])
    >>> round(rho, 6), round(p, 6)
    (0.8, 0.2)
    """
    from scipy.stats import spearmanr  # import time: scipy.stats only for this test

    res = spearmanr(x, y)
    return float(res.statistic), float(res.pvalue)


@dataclass(frozen=True)
class RankCorrelation:
    """Spearman correlation between defence share of GDP and real GDP in one year."""

    year: int
    members: tuple[str, ...]
    rho: float
    pvalue: float
    description: str

    @property
    def n(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class BurdenSharingTest:
    """Result of :func:`olson_zeckhauser_test`, with its provenance.

    ``y2014`` uses the 2014 members in 2014; ``y2024`` all members in 2024;
    ``y2024_same_members`` the 2014 members in 2024 (same sample as 2014).
    Iceland is excluded throughout.  ``source`` cites the data.
    """

    y2014: RankCorrelation
    y2024: RankCorrelation
    y2024_same_members: RankCorrelation
    source: str
    method: str = "scipy.stats.spearmanr (two-sided p-value)"

    def to_frame(self) -> pd.DataFrame:
        """One row per correlation: year, sample, n, rho, p-value."""
        rows = [
            {"year": r.year, "sample": r.description, "n": r.n, "rho": r.rho, "pvalue": r.pvalue}
            for r in (self.y2014, self.y2024, self.y2024_same_members)
        ]
        return pd.DataFrame(rows)


def _correlate(df: pd.DataFrame, year: int, mask: pd.Series, description: str) -> RankCorrelation:
    sub = df[mask & df[f"share_{year}"].notna()]
    rho, p = rank_correlation(sub[f"share_{year}"], sub[f"real_gdp_{year}"])
    return RankCorrelation(year, tuple(sub["country"]), rho, p, description)


def olson_zeckhauser_test() -> BurdenSharingTest:
    """Do larger NATO members spend a larger share of GDP on defence?

    Spearman's rank correlation between defence expenditure as a share of real
    GDP and real GDP (Olson & Zeckhauser 1966 predict a positive correlation),
    for the 28 members of 2014 in 2014 and all 32 members in 2024 (Iceland, with
    no defence figures, is excluded: 27 and 31 observations).

    Examples
    --------
    >>> t = olson_zeckhauser_test()
    >>> (t.y2014.n, t.y2024.n, t.y2024_same_members.n)
    (27, 31, 27)
    >>> t.y2014.rho > t.y2024.rho
    True
    """
    df = nato_expenditure()
    forces = df["has_forces"]
    return BurdenSharingTest(
        y2014=_correlate(df, 2014, df["member_2014"] & forces, "2014 members, 2014"),
        y2024=_correlate(df, 2024, forces, "all members, 2024 (estimates)"),
        y2024_same_members=_correlate(df, 2024, df["member_2014"] & forces, "2014 members, 2024 (estimates)"),
        source=df.attrs["source"],
    )


def us_share(year: int, measure: str = "expenditure") -> float:
    """The United States' share (%) of the members' defence expenditure (or real GDP) in ``year``.

    2014 is taken over the members of 2014 (27 with defence figures: Iceland
    has none), 2024 (NATO estimates) over all members (31 with figures); both
    sums are in billion US dollars at 2015 prices and exchange rates (Table 2
    for expenditure, Table 5 for real GDP).

    Parameters
    ----------
    year : {2014, 2024}
    measure : {"expenditure", "real_gdp"}

    Raises
    ------
    ValueError
        For another year or measure.

    Examples
    --------
    >>> round(us_share(2014), 1), round(us_share(2024), 1)
    (72.5, 63.7)
    >>> us_share(2014, "real_gdp") < us_share(2014)
    True
    """
    if year not in (2014, 2024) or isinstance(year, bool):
        raise ValueError(f"year must be 2014 or 2024; got {year!r}")
    if measure not in ("expenditure", "real_gdp"):
        raise ValueError(f"measure must be 'expenditure' or 'real_gdp'; got {measure!r}")
    df = nato_expenditure()
    members = df[df["has_forces"] & (df["member_2014"] if year == 2014 else True)]
    col = f"{measure}_{year}"
    us = float(members.loc[members["country"] == "United States", col].iloc[0])
    return 100.0 * us / float(members[col].sum())
