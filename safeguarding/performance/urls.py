from django.urls import path

from safeguarding.performance.views import finance, imports, indicators, returns

app_name = "performance"

urlpatterns = [
    path("performance/", indicators.indicator_list, name="indicator-list"),
    path("performance/key-data/", indicators.key_data, name="key-data"),
    path("performance/import/", imports.import_figures, name="import"),
    path("performance/import/<int:pk>/", imports.import_progress, name="import-progress"),
    path("performance/mappings/", imports.mapping_list, name="mapping-list"),
    path("performance/mappings/<int:pk>/change/", imports.mapping_change, name="mapping-change"),
    path("performance/mappings/<int:pk>/remove/", imports.mapping_remove, name="mapping-remove"),
    path("performance/indicators/new/", indicators.indicator_new, name="indicator-new"),
    path("performance/indicators/<int:pk>/", indicators.indicator_detail, name="indicator-detail"),
    path("performance/indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator-edit"),
    path("performance/indicators/<int:pk>/figures/new/", indicators.value_new, name="value-new"),
    path(
        "performance/indicators/<int:pk>/narrative/",
        indicators.narrative_edit,
        name="narrative-edit",
    ),
    path("performance/returns/", returns.return_list, name="return-list"),
    path("performance/returns/new/", returns.return_new, name="return-new"),
    path("performance/returns/<int:pk>/", returns.return_detail, name="return-detail"),
    path("performance/returns/<int:pk>/review/", returns.return_review, name="return-review"),
    path("performance/finance/", finance.finance_summary, name="finance"),
    path("performance/finance/export/", finance.finance_export, name="finance-export"),
    path("performance/finance/new/", finance.finance_year_new, name="finance-year-new"),
    path("performance/finance/<int:year>/", finance.finance_year, name="finance-year"),
    path(
        "performance/finance/<int:year>/contributions/new/",
        finance.contribution_new,
        name="contribution-new",
    ),
    path(
        "performance/finance/<int:year>/budget/new/",
        finance.budget_line_new,
        name="budget-line-new",
    ),
    path(
        "performance/finance/<int:year>/spend/new/",
        finance.expenditure_new,
        name="expenditure-new",
    ),
    path(
        "performance/finance/<int:year>/contributions/<int:pk>/change/",
        finance.contribution_change,
        name="contribution-change",
    ),
    path(
        "performance/finance/<int:year>/contributions/<int:pk>/remove/",
        finance.contribution_remove,
        name="contribution-remove",
    ),
    path(
        "performance/finance/<int:year>/budget/<int:pk>/change/",
        finance.budget_line_change,
        name="budget-line-change",
    ),
    path(
        "performance/finance/<int:year>/budget/<int:pk>/remove/",
        finance.budget_line_remove,
        name="budget-line-remove",
    ),
    path(
        "performance/finance/<int:year>/spend/<int:pk>/change/",
        finance.expenditure_change,
        name="expenditure-change",
    ),
    path(
        "performance/finance/<int:year>/spend/<int:pk>/remove/",
        finance.expenditure_remove,
        name="expenditure-remove",
    ),
]
