"""Performance models: indicators, areas, periods, values, narratives, data returns and
finance. Other apps read them through ``safeguarding.performance.selectors``."""

from .finance import (
    BudgetLine,
    Contribution,
    Expenditure,
    FinanceYear,
    SpendCategory,
    StatutoryGroup,
    statutory_group_of,
)
from .indicators import (
    NO_FIGURE_FLAGS,
    SUPPRESSION_SYMBOLS,
    Area,
    AreaKind,
    ColumnMapping,
    Flag,
    Indicator,
    IndicatorNarrative,
    IndicatorValue,
    Origin,
    Period,
    Polarity,
    Rag,
    StatisticalNeighbour,
    Unit,
)
from .returns import OPEN_STATUSES, DataReturn, DataReturnEntry, ReturnStatus

__all__ = [
    "NO_FIGURE_FLAGS",
    "OPEN_STATUSES",
    "SUPPRESSION_SYMBOLS",
    "Area",
    "AreaKind",
    "BudgetLine",
    "ColumnMapping",
    "Contribution",
    "DataReturn",
    "DataReturnEntry",
    "Expenditure",
    "FinanceYear",
    "Flag",
    "Indicator",
    "IndicatorNarrative",
    "IndicatorValue",
    "Origin",
    "Period",
    "Polarity",
    "Rag",
    "ReturnStatus",
    "SpendCategory",
    "StatisticalNeighbour",
    "StatutoryGroup",
    "Unit",
    "statutory_group_of",
]
