"""Calendar files: an .ics per meeting, and a private subscription feed per body."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from safeguarding.core.access import public, require_permission
from safeguarding.governance import calendars
from safeguarding.governance.selectors import meetings as selectors
from safeguarding.governance.views.meetings import _meeting

ICS = "text/calendar; charset=utf-8"


@require_permission("governance.view_meeting", fn=_meeting)
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    insider = request.user.has_perm("governance.view_confidential", meeting)
    response = HttpResponse(calendars.meeting_ics(meeting, include_link=insider), content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@public
@require_GET
def body_calendar(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Calendar apps cannot sign in, so the feed is protected by the body's secret token,
    shown only to its members, the business unit and chairs."""
    body = selectors.body_by_calendar_token(pk=pk, token=token)
    if body is None:
        raise Http404("No such calendar")
    ics = calendars.body_ics(body, selectors.body_calendar_meetings(body=body))
    response = HttpResponse(ics, content_type=ICS)
    response["Content-Disposition"] = f'inline; filename="{body.short_name or "meetings"}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
