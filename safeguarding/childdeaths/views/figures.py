"""The CDOP's figures, and the public aggregate figures with small numbers suppressed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguarding.childdeaths import audit_events, disclosure, selectors, services
from safeguarding.childdeaths.pdf import panel_pack_pdf
from safeguarding.childdeaths.views.common import cdop_permission
from safeguarding.childdeaths.views.deaths import VIEW, _my_partnerships
from safeguarding.core import exports
from safeguarding.core.access import public


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@cdop_permission(VIEW)
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year", ""))
    partnership = _int(request.GET.get("partnership", ""))
    found = selectors.figures(user=request.user, year=year, partnership=partnership)
    services.death_list_view_record(
        actor=request.user,
        event=audit_events.FIGURES_VIEW,
        references=[],
        path=request.get_full_path(),
    )
    return render(
        request,
        "childdeaths/figures.html",
        {
            "figures": found,
            "year": year,
            "partnership": partnership,
            "partnerships": _my_partnerships(request.user),
            "can_export": request.user.has_perm("childdeaths.export_findings"),
        },
    )


@cdop_permission("childdeaths.export_findings")
@require_GET
def findings_export(request: HttpRequest) -> HttpResponse:
    """The panel's findings for the national child mortality dataset, without identifiers:
    the CDOP chair's partnerships (or one of them), a year of panel review if chosen."""
    allowed = {p.pk for p in selectors.export_partnerships(user=request.user)}
    chosen = _int(request.GET.get("partnership", ""))
    if chosen is not None and chosen not in allowed:
        services.refusal_record(
            actor=request.user, event=audit_events.DEATH_REFUSED, path=request.get_full_path()
        )
        raise Http404("You do not chair the panel of that partnership")
    partnership_ids = [chosen] if chosen is not None else sorted(allowed)
    year = _int(request.GET.get("year", ""))
    deaths = selectors.findings_export(partnership_ids=partnership_ids, year=year)
    services.findings_export_record(
        actor=request.user, partnership_ids=partnership_ids, year=year, deaths=deaths
    )
    name = f"child-death-findings-{year or 'all-years'}.csv"
    return exports.csv_response(
        name, selectors.FINDINGS_HEADER, selectors.findings_rows(deaths), byte_order_mark=True
    )


@public
@require_GET
def public_figures(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year", ""))
    return render(
        request,
        "childdeaths/public_figures.html",
        {
            "figures": selectors.public_figures(year=year),
            "year": year,
            "withheld_note": disclosure.WITHHELD_NOTE,
        },
    )


@cdop_permission(VIEW)
@require_GET
def panel_pack(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The confidential pack of one panel meeting: its cases with their agency reports."""
    deaths = selectors.panel_pack(user=request.user, meeting_id=int(meeting_id))
    if not deaths:
        services.refusal_record(
            actor=request.user, event=audit_events.DEATH_REFUSED, path=request.path
        )
        raise Http404("No cases of yours are queued for this meeting")
    services.death_list_view_record(
        actor=request.user,
        event=audit_events.PACK_DOWNLOAD,
        references=[death.reference for death in deaths],
        path=request.path,
    )
    content = panel_pack_pdf(deaths=deaths, meeting_label=deaths[0].panel_meeting_label)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="panel-pack-{int(meeting_id)}.pdf"'
    return response
