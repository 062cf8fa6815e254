"""Results pages: per standard, by type and locality, change since the previous cycle, with
charts and the same numbers in tables; CSV and Excel exports; the anonymised schools report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from safeguarding.assurance.presenters import results_rows, stacked_bars
from safeguarding.assurance.selectors.campaigns import return_rate
from safeguarding.assurance.selectors.results import (
    SMALL_GROUP,
    campaign_results,
    extra_field_rows,
)
from safeguarding.assurance.views.common import campaign_of
from safeguarding.core import dashboard, exports
from safeguarding.core.access import require_permission


def _charts(results) -> dict:
    standard_tallies = []
    for result in results.standards:
        tally = result.tally
        tally.label = f"{result.question.reference} {result.question.text}"
        standard_tallies.append(tally)
    return {
        "standard_tallies": standard_tallies,
        "section_tallies": [tally for _, tally in results.sections],
        "standards_chart": stacked_bars(
            [(f"{r.question.reference} {r.question.text}", r.tally) for r in results.standards]
        ),
        "sections_chart": stacked_bars(results.sections),
        "type_chart": stacked_bars([(t.label, t) for t in results.by_type]),
        "locality_chart": stacked_bars([(t.label, t) for t in results.by_locality]),
        "phase_chart": stacked_bars([(t.label, t) for t in results.by_phase]),
    }


@require_permission("assurance.view_results", fn=campaign_of)
@require_GET
def campaign_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    # Every standard's tallies, charts and tables: kept for the person under the data version
    # like the dashboard's panels (ADR 0038), so a change shows on the next view.
    body = dashboard.kept_for_person(
        f"campaign-results:{campaign.pk}", request.user, lambda: _results_html(campaign)
    )
    return render(
        request,
        "assurance/results/campaign.html",
        {"campaign": campaign, "body": mark_safe(body)},  # noqa: S308 - our own template
    )


def _results_html(campaign) -> str:
    results = campaign_results(campaign=campaign)
    return str(
        render_to_string(
            "assurance/results/_campaign_body.html",
            {
                "campaign": campaign,
                "results": results,
                "extra_rows": extra_field_rows(campaign=campaign),
                **_charts(results),
            },
        )
    )


@require_permission("assurance.view_results", fn=campaign_of)
@require_GET
def campaign_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    return exports.csv_response(
        f"{slugify(campaign.title)}-results.csv",
        None,
        results_rows(campaign_results(campaign=campaign)),
    )


@require_permission("assurance.view_results", fn=campaign_of)
@require_GET
def campaign_results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    campaign = campaign_of(request, pk)
    results = campaign_results(campaign=campaign)
    rate = return_rate(campaign=campaign)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Results"
    for row in results_rows(results):
        exports.xlsx_append(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["C"].width = 70
    returns = workbook.create_sheet("Return rate")
    exports.xlsx_append(
        returns, ["Breakdown", "Group", "Invited", "Returned", "Exempt", "Return rate %"]
    )
    exports.xlsx_append(
        returns,
        [
            "All",
            "All organisations",
            rate.total.invited,
            rate.total.returned,
            rate.total.exempt,
            rate.total.rate,
        ],
    )
    for name, rows in rate.breakdowns.items():
        for row in rows:
            exports.xlsx_append(
                returns, [name, row.label, row.invited, row.returned, row.exempt, row.rate]
            )
    for cell in returns[1]:
        cell.font = Font(bold=True)
    extra_rows = extra_field_rows(campaign=campaign)
    if extra_rows:
        extras = workbook.create_sheet("Extra fields")
        for row in extra_rows:
            exports.xlsx_append(extras, row)
        for cell in extras[1]:
            cell.font = Font(bold=True)
    return exports.xlsx_response(workbook, f"{slugify(campaign.title)}-results.xlsx")


@require_permission("assurance.view_results", fn=campaign_of)
@require_GET
def schools_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymised report for education colleagues: no school is named, and groups with
    fewer than three returns are not shown."""
    campaign = campaign_of(request, pk)
    results = campaign_results(campaign=campaign, schools_only=True)
    rate = return_rate(campaign=campaign)
    phase_rates = [r for r in rate.breakdowns["phase"] if r.invited >= SMALL_GROUP]
    return render(
        request,
        "assurance/results/schools_report.html",
        {
            "campaign": campaign,
            "results": results,
            "rate": rate,
            "phase_rates": phase_rates,
            "small_group": SMALL_GROUP,
            **_charts(results),
        },
    )
