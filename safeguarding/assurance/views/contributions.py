"""Starting the agencies' contributions to a yearly report: the yearly report's page links here
naming the report (``?report=<id>``). Whose report it is — its partnership and, for a joint
report, the others — and its period come from the report itself through
``core.reporting.report_scope`` (ADR 0041), never from the address; without a report the page
starts one partnership's contributions, prefilled from the query string (ADR 0032)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from safeguarding.assurance.contribution_forms import ContributionCampaignForm
from safeguarding.assurance.selectors import choices
from safeguarding.assurance.services import contributions as services
from safeguarding.core import reporting
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.periods import financial_year_label, financial_year_of


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _prefill(query) -> dict:
    start, end = _date(query.get("period_start")), _date(query.get("period_end"))
    data: dict = {}
    if start and end:
        data["period_start"], data["period_end"] = start, end
        if financial_year_of(start) == financial_year_of(end):
            label = financial_year_label(financial_year_of(start))
        else:
            label = f"{start:%-d %B %Y} to {end:%-d %B %Y}"
        data["title"] = f"Agency contributions to the yearly report {label}"
    report_title = (query.get("report_title") or "").strip()[:150]
    if report_title:
        data["title"] = f"Agency contributions to “{report_title}”"
    return data


def _report_scope(request: HttpRequest) -> reporting.ReportScope | None:
    """The report the page acts for, as its record says, when the address names one the
    person manages; 404 for any other (unknown, another partnership's, not theirs to manage)."""
    wanted = request.POST.get("report") or request.GET.get("report")
    if not wanted:
        return None
    try:
        report_id = int(wanted)
    except ValueError:
        raise Http404("No such report") from None
    scope = reporting.report_scope(user=request.user, report_id=report_id)
    if scope is None:
        raise Http404("No such report")
    return scope


def _report_prefill(scope: reporting.ReportScope) -> dict:
    return {
        "period_start": scope.start,
        "period_end": scope.end,
        "title": f"Agency contributions to “{scope.title[:150]}”",
    }


@require_permission("assurance.add_campaign")
@require_http_methods(["GET", "POST"])
def contribution_new(request: HttpRequest) -> HttpResponse:
    scope = _report_scope(request)
    if scope is not None:
        # A report's contributions: its own partnership and joint partnerships, whatever the
        # address says (a ``partnership`` or ``joint`` in it is ignored).
        partnership = choices.partnership_by_id(pk=scope.partnership_id)
        joint = choices.partnerships_by_ids(ids=scope.joint_partnership_ids, exclude=partnership)
        prefill = _report_prefill(scope)
    else:
        managed = choices.managed_partnerships(user=request.user)
        wanted = request.POST.get("partnership") or request.GET.get("partnership", "")
        partnership = next((p for p in managed if p.slug == wanted), None)
        if partnership is None and len(managed) == 1:
            partnership = managed[0]
        if partnership is None:
            return render(
                request,
                "assurance/contributions/choose_partnership.html",
                {"partnerships": managed, "query": request.GET.urlencode()},
            )
        # Only a report names other partnerships: none are taken from the address.
        joint = []
        prefill = _prefill(request.GET)
    form = ContributionCampaignForm(
        request.POST or None,
        agencies=services.contribution_agencies(partnership=partnership, joint_partnerships=joint),
        today=timezone.localdate(),
        initial_data=prefill,
        report=scope,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.contribution_campaign_start(
                actor=request.user,
                partnership=partnership,
                title=data["title"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                agencies=list(data["agencies"]),
                description=data["description"],
                joint_partnerships=joint,
                report=scope,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"“{campaign.title}” has been sent to {campaign.returns.count()} agencies.",
            )
            return redirect("assurance:campaign-detail", pk=campaign.pk)
    return render(
        request,
        "assurance/contributions/new.html",
        {"form": form, "partnership": partnership, "joint": joint, "scope": scope},
    )
