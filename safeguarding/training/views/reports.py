"""Figures for the business unit and the chair: charges, reach, evaluation results."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguarding.core.access import require_permission
from safeguarding.training import selectors
from safeguarding.training.forms import PeriodForm
from safeguarding.training.views.common import csv_response

GROUPS_PER_PAGE = 25


@require_permission("training.view_charges")
@require_GET
def charges(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    date_from, date_to = form.period()
    groups = selectors.charges_by_agency(user=request.user, date_from=date_from, date_to=date_to)
    page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/manage/charges.html",
        {
            "form": form,
            "page": page,
            "date_from": date_from,
            "date_to": date_to,
            "total": sum(g.total for g in groups),
            "charge_count": sum(len(g.charges) for g in groups),
        },
    )


@require_permission("training.view_charges")
@require_GET
def charges_csv(request: HttpRequest) -> HttpResponse:
    date_from, date_to = PeriodForm(request.GET or None).period()
    groups = selectors.charges_by_agency(user=request.user, date_from=date_from, date_to=date_to)
    rows = (
        [
            c.organisation,
            c.full_name,
            c.email,
            c.course,
            c.session_date.isoformat(),
            c.reason,
            c.member_group,
            f"{c.amount:.2f}",
        ]
        for group in groups
        for c in group.charges
    )
    return csv_response(
        f"training-charges-{date_from}-to-{date_to}.csv",
        [
            "Organisation",
            "Name",
            "Email",
            "Course",
            "Session date",
            "Charge",
            "Member rate",
            "Amount (£)",
        ],
        rows,
    )


COMMENTS_PER_PAGE = 20


def _oversight_course(request, pk: int):
    course = selectors.oversight_course_get(user=request.user, pk=pk)
    if course is None:
        raise Http404("No such course")
    return course


def _oversight_session(request, pk: int):
    session = selectors.oversight_session_get(user=request.user, pk=pk)
    if session is None:
        raise Http404("No such session")
    return session


def _evaluation_page(request, *, course, session=None) -> HttpResponse:
    summary = selectors.evaluation_summary(course=course, session=session)
    comments = selectors.evaluation_comments(course=course, session=session)
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/manage/evaluation.html",
        {"course": course, "session": session, "summary": summary, "page": page},
    )


@require_permission("training.view_evaluation_results", fn=_oversight_course)
@require_GET
def course_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    return _evaluation_page(request, course=_oversight_course(request, pk))


@require_permission("training.view_evaluation_results", fn=_oversight_session)
@require_GET
def session_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    session = _oversight_session(request, pk)
    return _evaluation_page(request, course=session.course, session=session)


BREAKDOWN_ROWS_SHOWN = 25


@require_permission("training.view_reports")
@require_GET
def reach(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    date_from, date_to = form.period()
    report = selectors.reach_report(user=request.user, date_from=date_from, date_to=date_to)
    sections = [
        {
            "key": name,
            "label": label,
            "rows": report.breakdowns[name][:BREAKDOWN_ROWS_SHOWN],
            "more": max(len(report.breakdowns[name]) - BREAKDOWN_ROWS_SHOWN, 0),
            "has_opportunities": session_key is not None,
        }
        for name, (label, _, session_key, _) in selectors.BREAKDOWNS.items()
    ]
    return render(
        request,
        "training/manage/reach.html",
        {"form": form, "report": report, "sections": sections},
    )


@require_permission("training.view_reports")
@require_GET
def reach_csv(request: HttpRequest) -> HttpResponse:
    date_from, date_to = PeriodForm(request.GET or None).period()
    report = selectors.reach_report(user=request.user, date_from=date_from, date_to=date_to)

    def line(breakdown: str, row) -> list:
        return [
            breakdown,
            row.group,
            "" if row.opportunities is None else row.opportunities,
            row.places,
            row.attendances,
            row.people,
            row.no_shows,
            "" if row.attendance_rate is None else f"{row.attendance_rate:.1f}",
            "" if row.no_show_rate is None else f"{row.no_show_rate:.1f}",
        ]

    rows = [line("Total", report.total)]
    for name, (label, *_rest) in selectors.BREAKDOWNS.items():
        rows.extend(line(label, row) for row in report.breakdowns[name])
    return csv_response(
        f"training-reach-{date_from}-to-{date_to}.csv",
        [
            "Breakdown",
            "Group",
            "Opportunities",
            "Places booked",
            "Attendances",
            "Unique people",
            "No-shows",
            "Attendance rate (%)",
            "No-show rate (%)",
        ],
        rows,
    )
