"""Historical case records and the NATO burden-sharing data.

Records are YAML package data validated against the schema in
:mod:`alliancegames.cases.records`; the NATO expenditure table and the
Olson–Zeckhauser rank test live in :mod:`alliancegames.cases.nato`.

Examples
--------
>>> from alliancegames.cases import list_cases, load_case
>>> load_case("nato_cold_war").years
(1949, 1991)
>>> len(list_cases())
9
"""

from .nato import (
    BurdenSharingTest,
    RankCorrelation,
    nato_expenditure,
    nato_expenditure_metadata,
    olson_zeckhauser_test,
    rank_correlation,
    us_share,
)
from .records import (
    CaseError,
    CaseRecord,
    Coding,
    Distribution,
    Fact,
    Outcome,
    Period,
    Source,
    case_ids,
    list_cases,
    load_case,
    load_cases,
    validate_record,
)

__all__ = [
    "BurdenSharingTest",
    "CaseError",
    "CaseRecord",
    "Coding",
    "Distribution",
    "Fact",
    "Outcome",
    "Period",
    "RankCorrelation",
    "Source",
    "case_ids",
    "list_cases",
    "load_case",
    "load_cases",
    "nato_expenditure",
    "nato_expenditure_metadata",
    "olson_zeckhauser_test",
    "rank_correlation",
    "us_share",
    "validate_record",
]
