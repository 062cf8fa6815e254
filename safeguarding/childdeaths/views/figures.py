"""The CDOP's figures, and the public aggregate figures with small numbers suppressed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguarding.childdeaths import audit_events, disclosure, selectors, services
from safeguarding.childdeaths.pdf import panel_pack_pdf
from safeguarding.childdeaths.views.common import cdop_permission
from safeguarding.childdeaths.views.deaths import VIEW, _my_partnerships
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
        },
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
