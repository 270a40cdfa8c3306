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
11
"""

from . import (
    scorecard,  # the module: ``scorecard.scorecard()`` is the table (not shadowed)
    scores,  # the module (its function ``scores.scores()`` would shadow it here)
)
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
    CaseCoding,
    CaseError,
    CaseRecord,
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
from .scorecard import (
    PARTIAL_THRESHOLD,
    Prediction,
    agreement,
    case_grid,
    case_tornado,
    coding_table,
    observed_probability,
    outcome_probabilities,
    predict,
    predictions,
    regime_outcomes,
    sample_codings,
    tree_regimes,
)
from .scores import (
    BASELINE,
    REACH_DRAWS,
    SCORE_COLUMNS,
    STATUSES,
    UNINFORMATIVE_THRESHOLD,
    CaseScore,
    baseline_ranges,
    observed_share,
    score,
    scorecard_markdown,
    scorecard_table,
    totals,
    uncoded_dependencies,
)

__all__ = [
    "BASELINE",
    "CaseScore",
    "REACH_DRAWS",
    "SCORE_COLUMNS",
    "STATUSES",
    "UNINFORMATIVE_THRESHOLD",
    "baseline_ranges",
    "observed_share",
    "score",
    "scorecard_markdown",
    "scorecard_table",
    "scores",
    "totals",
    "uncoded_dependencies",
    "PARTIAL_THRESHOLD",
    "Prediction",
    "agreement",
    "case_grid",
    "case_tornado",
    "coding_table",
    "observed_probability",
    "outcome_probabilities",
    "predict",
    "predictions",
    "regime_outcomes",
    "sample_codings",
    "scorecard",
    "tree_regimes",
    "BurdenSharingTest",
    "CaseError",
    "CaseRecord",
    "CaseCoding",
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
