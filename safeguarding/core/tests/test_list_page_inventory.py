"""Every list and dashboard page has a test showing that its query count does not grow with
the data (issue 20: national scale).

`LIST_PAGES` maps each such page's URL name to that test. Pages whose view paginates and every
list of the REST API are found by reading the URL configuration, so a new one fails here until
it has a query-count test and is listed; pages that list without paginating (the dashboard, the
tracker, the approvals page, the figures pages) are named by hand. Each entry is checked: the
URL name exists, the test exists, counts queries and asks for that page."""

import ast
import inspect
import pathlib
import re

from django.urls import URLPattern, URLResolver, get_resolver

import safeguarding

ROOT = pathlib.Path(safeguarding.__file__).parent

LIST_PAGES = {
    "accounts:agency-list": (
        "accounts/tests/test_agencies_and_tokens.py",
        "test_agency_list_query_count_does_not_grow",
    ),
    "accounts:partnership-list": (
        "core/tests/test_list_page_queries.py",
        "test_the_partnership_list_query_count_does_not_grow",
    ),
    "accounts:people-list": (
        "accounts/tests/test_people.py",
        "test_people_list_query_count_does_not_grow",
    ),
    "api:action-list": (
        "governance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:agency-list": (
        "api/tests/test_api.py",
        "test_list_query_count_does_not_grow_with_rows",
    ),
    "api:audit-campaign-list": (
        "assurance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:audit-return-list": (
        "assurance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:audit-template-list": (
        "assurance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:body-list": (
        "governance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:bulletin-list": (
        "comms/tests/test_api_query_counts.py",
        "test_the_bulletins_list_makes_the_same_queries_for_few_or_many",
    ),
    "api:campaign-list": (
        "library/tests/test_api.py",
        "test_list_queries_do_not_grow_with_rows",
    ),
    "api:child-death-list": (
        "childdeaths/tests/test_api_query_counts.py",
        "test_the_child_deaths_list_makes_the_same_queries_for_few_or_many",
    ),
    "api:finance-summary-list": (
        "performance/tests/test_api_query_counts.py",
        "test_the_finance_summaries_make_the_same_queries_for_few_or_many_years",
    ),
    "api:indicator-list": (
        "performance/tests/test_api_query_counts.py",
        "test_the_indicators_list_makes_the_same_queries_for_few_or_many",
    ),
    "api:indicator-value-list": (
        "performance/tests/test_api.py",
        "test_values_list_is_paginated_with_a_constant_number_of_queries",
    ),
    "api:key-message-list": (
        "governance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:meeting-list": (
        "governance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:notification-list": (
        "reviews/tests/test_query_counts.py",
        "test_api_lists_do_not_make_more_queries_for_more_rows",
    ),
    "api:partnership-list": (
        "api/tests/test_api_query_counts.py",
        "test_the_partnerships_list_makes_the_same_queries_for_few_or_many",
    ),
    "api:priority-list": (
        "governance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:procedure-list": (
        "library/tests/test_api.py",
        "test_list_queries_do_not_grow_with_rows",
    ),
    "api:rapid-review-list": (
        "reviews/tests/test_query_counts.py",
        "test_api_lists_do_not_make_more_queries_for_more_rows",
    ),
    "api:recommendation-list": (
        "reviews/tests/test_query_counts.py",
        "test_api_lists_do_not_make_more_queries_for_more_rows",
    ),
    "api:referral-list": (
        "reviews/tests/test_query_counts.py",
        "test_api_lists_do_not_make_more_queries_for_more_rows",
    ),
    "api:resource-list": (
        "library/tests/test_api.py",
        "test_list_queries_do_not_grow_with_rows",
    ),
    "api:review-list": (
        "reviews/tests/test_query_counts.py",
        "test_api_lists_do_not_make_more_queries_for_more_rows",
    ),
    "api:search": (
        "search/tests/test_api_query_counts.py",
        "test_the_search_api_makes_the_same_queries_for_few_or_many_results",
    ),
    "api:survey-list": (
        "assurance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:theme-list": (
        "governance/tests/test_api_query_counts.py",
        "test_api_lists_make_the_same_queries_for_few_or_many_rows",
    ),
    "api:training-booking-list": (
        "training/tests/test_api.py",
        "test_api_lists_cost_the_same_queries_for_3_or_30_rows",
    ),
    "api:training-course-list": (
        "training/tests/test_api.py",
        "test_api_lists_cost_the_same_queries_for_3_or_30_rows",
    ),
    "api:training-session-list": (
        "training/tests/test_api.py",
        "test_api_lists_cost_the_same_queries_for_3_or_30_rows",
    ),
    "api:yearly-report-list": (
        "reports/tests/test_api_query_counts.py",
        "test_the_yearly_reports_list_makes_the_same_queries_for_few_or_many",
    ),
    "api:you-said-we-did-list": (
        "library/tests/test_api.py",
        "test_list_queries_do_not_grow_with_rows",
    ),
    "assurance:action-list": (
        "assurance/tests/test_moderation_and_actions.py",
        "test_the_partnership_sees_all_open_actions_and_a_lead_only_their_own",
    ),
    "assurance:campaign-detail": (
        "assurance/tests/test_campaigns.py",
        "test_campaign_list_and_detail_query_counts_do_not_grow",
    ),
    "assurance:campaign-list": (
        "assurance/tests/test_campaigns.py",
        "test_campaign_list_and_detail_query_counts_do_not_grow",
    ),
    "assurance:campaign-non-returners": (
        "assurance/tests/test_campaigns.py",
        "test_the_non_returners_page_query_count_does_not_grow",
    ),
    "assurance:campaign-results": (
        "assurance/tests/test_results.py",
        "test_the_results_page_query_count_does_not_grow_with_returns",
    ),
    "assurance:case-audit-list": (
        "assurance/tests/test_case_audits.py",
        "test_case_audits_are_seen_by_partnership_staff_only",
    ),
    "assurance:index": (
        "assurance/tests/test_index_queries.py",
        "test_the_assurance_home_query_count_does_not_grow",
    ),
    "assurance:my-returns": (
        "assurance/tests/test_returns.py",
        "test_the_my_returns_page_query_count_does_not_grow",
    ),
    "assurance:survey-list": (
        "assurance/tests/test_surveys.py",
        "test_the_survey_list_query_count_does_not_grow",
    ),
    "assurance:template-list": (
        "assurance/tests/test_templates.py",
        "test_the_template_list_query_count_does_not_grow_with_templates",
    ),
    "childdeaths:figures": (
        "childdeaths/tests/test_lists_and_figures.py",
        "test_the_figures_make_the_same_queries_for_one_year_of_deaths_as_for_ten",
    ),
    "childdeaths:list": (
        "childdeaths/tests/test_lists_and_figures.py",
        "test_the_query_count_does_not_grow_with_the_deaths",
    ),
    "childdeaths:public-figures": (
        "childdeaths/tests/test_list_queries.py",
        "test_the_public_figures_query_count_does_not_grow",
    ),
    "childdeaths:reports": (
        "childdeaths/tests/test_list_queries.py",
        "test_an_agency_leads_report_requests_query_count_does_not_grow",
    ),
    "comms:bulletin-archive": (
        "comms/tests/test_bulletins.py",
        "test_archive_query_count_does_not_grow",
    ),
    "comms:bulletin-list": (
        "comms/tests/test_stuck_deliveries.py",
        "test_the_edition_list_flags_stuck_editions_in_a_constant_number_of_queries",
    ),
    "comms:bulletin-send": (
        "comms/tests/test_broader_theme_followers.py",
        "test_every_level_above_counts_and_the_query_count_does_not_grow",
    ),
    "comms:bulletin-stats": (
        "comms/tests/test_reporting_and_search.py",
        "test_the_period_view_query_count_does_not_grow",
    ),
    "comms:subscriber-list": (
        "comms/tests/test_subscriber_list_queries.py",
        "test_the_subscriber_list_query_count_does_not_grow",
    ),
    "core:approvals": (
        "core/tests/test_list_page_queries.py",
        "test_the_approvals_page_query_count_does_not_grow",
    ),
    "core:audit-log": (
        "core/tests/test_audit_log.py",
        "test_audit_log_query_count_does_not_grow",
    ),
    "core:dashboard": (
        "core/tests/test_dashboard_queries.py",
        "test_first_pages_do_not_make_more_queries_for_more_rows",
    ),
    "core:tracker": (
        "core/tests/test_dashboard_queries.py",
        "test_first_pages_do_not_make_more_queries_for_more_rows",
    ),
    "governance:action-list": (
        "governance/tests/test_actions.py",
        "test_action_list_query_count_does_not_grow",
    ),
    "governance:action-overdue": (
        "governance/tests/test_list_queries.py",
        "test_the_overdue_actions_query_count_does_not_grow",
    ),
    "governance:body-detail": (
        "governance/tests/test_list_queries.py",
        "test_a_bodys_page_query_count_does_not_grow",
    ),
    "governance:body-list": (
        "governance/tests/test_meetings.py",
        "test_body_list_query_count_does_not_grow",
    ),
    "governance:business-plan-list": (
        "governance/tests/test_list_queries.py",
        "test_the_business_plan_list_query_count_does_not_grow",
    ),
    "governance:decision-list": (
        "governance/tests/test_meetings.py",
        "test_decisions_register_query_count_does_not_grow",
    ),
    "governance:hub": (
        "governance/tests/test_list_queries.py",
        "test_the_hub_query_count_does_not_grow",
    ),
    "governance:import-batch-list": (
        "governance/tests/test_import_batches.py",
        "test_batch_list_query_count_does_not_grow",
    ),
    "governance:key-message-archive": (
        "governance/tests/test_key_messages.py",
        "test_archive_is_paginated_and_its_query_count_does_not_grow",
    ),
    "governance:key-message-feed": (
        "governance/tests/test_list_queries.py",
        "test_the_key_messages_feed_query_count_does_not_grow",
    ),
    "governance:key-message-list": (
        "governance/tests/test_key_messages.py",
        "test_staff_list_query_count_does_not_grow",
    ),
    "governance:meeting-detail": (
        "governance/tests/test_meetings.py",
        "test_meeting_page_query_count_does_not_grow",
    ),
    "governance:meeting-list": (
        "governance/tests/test_meetings.py",
        "test_meeting_list_query_count_does_not_grow",
    ),
    "governance:theme-list": (
        "governance/tests/test_plans_calendars_api.py",
        "test_theme_list_query_count_does_not_grow",
    ),
    "home": (
        "core/tests/test_list_page_queries.py",
        "test_the_home_page_query_count_does_not_grow",
    ),
    "library:campaign-calendar": (
        "library/tests/test_list_queries.py",
        "test_the_campaign_calendar_query_count_does_not_grow",
    ),
    "library:procedure-list": (
        "library/tests/test_procedures.py",
        "test_procedure_list_query_count_does_not_grow",
    ),
    "library:resource-list": (
        "library/tests/test_resources.py",
        "test_resource_list_query_count_does_not_grow",
    ),
    "library:usage": (
        "library/tests/test_list_queries.py",
        "test_the_usage_report_query_count_does_not_grow",
    ),
    "library:you-said-we-did": (
        "library/tests/test_list_queries.py",
        "test_you_said_we_did_query_count_does_not_grow",
    ),
    "performance:finance": (
        "performance/tests/test_finance.py",
        "test_finance_summary_query_count_does_not_grow_with_years",
    ),
    "performance:import": (
        "performance/tests/test_import_pages.py",
        "test_recent_imports_are_listed_with_a_query_count_that_does_not_grow",
    ),
    "performance:indicator-list": (
        "performance/tests/test_indicator_pages.py",
        "test_list_query_count_does_not_grow_with_rows",
    ),
    "performance:key-data": (
        "performance/tests/test_indicator_pages.py",
        "test_key_data_query_count_does_not_grow_with_indicators_and_years",
    ),
    "performance:mapping-list": (
        "performance/tests/test_import_pages.py",
        "test_mappings_are_listed_with_a_query_count_that_does_not_grow",
    ),
    "performance:return-list": (
        "performance/tests/test_returns.py",
        "test_return_list_query_count_does_not_grow",
    ),
    "reports:arrangements-manage": (
        "reports/tests/test_arrangements_queries.py",
        "test_the_arrangements_list_query_count_does_not_grow",
    ),
    "reports:arrangements-public": (
        "reports/tests/test_arrangements_queries.py",
        "test_the_public_arrangements_query_count_does_not_grow",
    ),
    "reports:inspection-list": (
        "reports/tests/test_pages.py",
        "test_staff_lists_make_the_same_queries_with_more_rows",
    ),
    "reports:public-detail": (
        "reports/tests/test_pages.py",
        "test_the_public_page_is_served_from_the_snapshot_in_constant_queries",
    ),
    "reports:public-list": (
        "reports/tests/test_pages.py",
        "test_staff_lists_make_the_same_queries_with_more_rows",
    ),
    "reports:report-detail": (
        "reports/tests/test_comment_threads.py",
        "test_the_comments_cost_the_same_queries_however_many_there_are",
    ),
    "reports:report-list": (
        "reports/tests/test_pages.py",
        "test_staff_lists_make_the_same_queries_with_more_rows",
    ),
    "reviews:figures": (
        "reviews/tests/test_list_queries.py",
        "test_the_figures_query_count_does_not_grow",
    ),
    "reviews:home": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:library": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:notification-detail": (
        "reviews/tests/test_list_queries.py",
        "test_a_notifications_page_query_count_does_not_grow",
    ),
    "reviews:notification-list": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:rapid-review-list": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:recommendation-groups": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:recommendation-list": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:referral-list": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:review-detail": (
        "reviews/tests/test_list_queries.py",
        "test_a_reviews_page_query_count_does_not_grow",
    ),
    "reviews:review-list": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "reviews:summary-list": (
        "reviews/tests/test_query_counts.py",
        "test_list_pages_do_not_make_more_queries_for_more_rows",
    ),
    "search:search": (
        "search/tests/test_search.py",
        "test_the_search_page_query_count_does_not_grow_with_results",
    ),
    "search:theme": (
        "search/tests/test_themes.py",
        "test_the_theme_page_query_count_does_not_grow",
    ),
    "search:theme-list": (
        "search/tests/test_list_queries.py",
        "test_the_theme_list_query_count_does_not_grow",
    ),
    "search:theme-suggestions": (
        "search/tests/test_bulk_suggestions.py",
        "test_the_page_query_count_does_not_grow_with_records",
    ),
    "training:agency-training": (
        "training/tests/test_booking_pages.py",
        "test_the_agency_page_costs_the_same_queries_for_3_or_30_bookings",
    ),
    "training:catalogue": (
        "training/tests/test_catalogue.py",
        "test_the_catalogue_costs_the_same_queries_for_3_or_30_courses",
    ),
    "training:charges": (
        "training/tests/test_attendance.py",
        "test_the_charges_page_costs_the_same_queries_for_3_or_30_organisations",
    ),
    "training:course": (
        "training/tests/test_manage.py",
        "test_course_pages_cost_the_same_queries_for_3_or_30_sessions",
    ),
    "training:course-evaluation": (
        "training/tests/test_evaluation.py",
        "test_results_cost_the_same_queries_for_3_or_30_evaluations",
    ),
    "training:course-manage": (
        "training/tests/test_manage.py",
        "test_course_pages_cost_the_same_queries_for_3_or_30_sessions",
    ),
    "training:manage": (
        "training/tests/test_manage.py",
        "test_the_course_list_costs_the_same_queries_for_3_or_30_courses",
    ),
    "training:member-groups": (
        "training/tests/test_member_groups.py",
        "test_the_list_costs_the_same_queries_for_3_or_30_groups",
    ),
    "training:my-training": (
        "training/tests/test_booking_pages.py",
        "test_my_training_costs_the_same_queries_for_3_or_30_bookings",
    ),
    "training:reports": (
        "training/tests/test_reports.py",
        "test_the_report_costs_the_same_queries_for_3_or_30_sessions",
    ),
    "training:session-manage": (
        "training/tests/test_manage.py",
        "test_the_session_page_costs_the_same_queries_for_3_or_30_bookings",
    ),
}

COUNTING = (
    "count_queries",
    "django_assert_num_queries",
    "django_assert_max_num_queries",
    "CaptureQueriesContext",
    "flat_queries",
)


def _routes(patterns=None, namespace="", prefix="/"):
    """(URL name, view function, the path up to its first parameter) for every named route."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, inner, prefix + _plain(pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            path = re.split(r"[<(\\]", prefix + _plain(pattern))[0]
            yield f"{namespace}{pattern.name}", pattern.callback, path


def _plain(pattern) -> str:
    """A route's text without a regular expression's anchors (the API router writes them)."""
    return str(pattern.pattern).replace("^", "").replace("$", "")


def _source(view) -> str:
    view = getattr(view, "view_class", None) or getattr(view, "cls", None) or view
    view = inspect.unwrap(view)
    try:
        return inspect.getsource(view)
    except (OSError, TypeError):
        return ""


def _paginated_or_api_list(name: str, view) -> bool:
    if name.startswith("admin:"):
        return False
    if name.startswith("api:"):
        return name.endswith("-list")
    return "Paginator(" in _source(view)


def test_every_paginated_page_and_api_list_has_a_query_count_test():
    found = {name for name, view, _path in _routes() if _paginated_or_api_list(name, view)}
    missing = sorted(found - LIST_PAGES.keys())
    assert not missing, (
        "These list pages have no query-count test in LIST_PAGES: "
        + ", ".join(missing)
        + ". Write a test that shows the page makes the same number of queries with many rows "
        "as with few, and add it here."
    )


def test_every_entry_names_a_page_and_a_test_that_counts_its_queries():
    paths = {name: path for name, _view, path in _routes()}
    for name, (file, function) in LIST_PAGES.items():
        node = f"{file}::{function}"
        assert name in paths, f"{name}: no such URL name"
        module = (ROOT / file).read_text()
        tests = {
            item.name: ast.get_source_segment(module, item)
            for item in ast.walk(ast.parse(module))
            if isinstance(item, ast.FunctionDef)
        }
        assert function in tests, f"{name}: {node} does not exist"
        assert any(word in tests[function] for word in COUNTING) or (
            "_queries(" in tests[function]
        ), f"{name}: {node} does not count queries"
        # By its URL name (reverse) or by its path (up to the record's number, if it has one).
        asked_for = f'"{name}"' in module or f'"{paths[name]}' in module
        assert asked_for, f"{name}: {node} never asks for that page"
