"""Pages for meetings: scheduling, agenda, papers, attendance, minutes and decisions."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import object_loader, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.governance.forms.meetings import (
    AgendaItemForm,
    AttendanceForm,
    DecisionFilterForm,
    DecisionForm,
    DecisionWithdrawForm,
    MeetingFilterForm,
    MeetingForm,
    MinuteForm,
    MinutesApproveForm,
    PaperForm,
    PaperVersionForm,
)
from safeguarding.governance.selectors import actions as action_selectors
from safeguarding.governance.selectors import meetings as selectors
from safeguarding.governance.services import meetings as services
from safeguarding.governance.views.bodies import _body

PAGE_SIZE = 50


_meeting = object_loader(selectors.meeting_get, "meeting")


_agenda_item = object_loader(selectors.agenda_item_get, "agenda_item")


_paper = object_loader(selectors.paper_get, "paper")


def _back_to(meeting) -> HttpResponse:
    return redirect("governance:meeting-detail", pk=meeting.pk)


# Lists and the meeting page ------------------------------------------------------------------


@require_permission("governance.view_bodies")
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    bodies = selectors.body_list(user=request.user, include_inactive=True)
    form = MeetingFilterForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.MeetingFilter(body=data.get("body"), when=data.get("when") or "")
    meetings = selectors.meeting_list(user=request.user, filters=filters)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "governance/meetings/list.html", {"form": form, "page": page})


@require_permission("governance.manage_meeting", fn=_body)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=request.user, body=body, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"The meeting on {meeting} has been scheduled.")
            return _back_to(meeting)
    return render(
        request, "governance/meetings/form.html", {"form": form, "body": body, "meeting": None}
    )


@require_permission("governance.view_meeting", fn=_meeting)
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    user = request.user
    insider = user.has_perm("governance.view_confidential", meeting)
    return render(
        request,
        "governance/meetings/detail.html",
        {
            "meeting": meeting,
            "record": selectors.meeting_record(
                user=user, meeting=meeting, can_see_confidential=insider
            ),
            "actions": action_selectors.actions_of_meeting(user=user, meeting=meeting),
            "insider": insider,
            "can_manage": user.has_perm("governance.manage_meeting", meeting),
            "can_approve_minutes": user.has_perm("governance.approve_minutes", meeting),
            "can_add_action": user.has_perm("governance.add_action", meeting),
            "can_draft_message": user.has_perm("governance.add_key_message"),
        },
    )


@require_permission("governance.manage_meeting", fn=_meeting)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MeetingForm(request.POST or None, editing=True, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=meeting, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "The meeting has been updated.")
            return _back_to(meeting)
    return render(
        request,
        "governance/meetings/form.html",
        {"form": form, "body": meeting.body, "meeting": meeting},
    )


# Agenda ------------------------------------------------------------------------------------


def _priorities(meeting):
    return selectors.priorities_for(partnerships=meeting.body.partnerships.all())


@require_permission("governance.manage_meeting", fn=_meeting)
@require_http_methods(["GET", "POST"])
def agenda_item_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AgendaItemForm(request.POST or None, priorities=_priorities(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_add(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{item.title}” has been added to the agenda.")
            return _back_to(meeting)
    return render(
        request,
        "governance/meetings/agenda_item_form.html",
        {"form": form, "meeting": meeting, "item": None},
    )


@require_permission("governance.manage_meeting", fn=_agenda_item)
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item(request, pk)
    meeting = item.meeting
    form = AgendaItemForm(
        request.POST or None,
        priorities=_priorities(meeting),
        initial={
            "title": item.title,
            "presenter": item.presenter,
            "summary": item.summary,
            "is_confidential": item.is_confidential,
            "priority": item.priority_id,
            "themes": list(item.themes.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        try:
            services.agenda_item_update(actor=request.user, item=item, themes=themes, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{data['title']}” has been updated.")
            return _back_to(meeting)
    return render(
        request,
        "governance/meetings/agenda_item_form.html",
        {"form": form, "meeting": meeting, "item": item},
    )


# Papers ------------------------------------------------------------------------------------


@require_permission("governance.manage_meeting", fn=_meeting)
@require_http_methods(["GET", "POST"])
def paper_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = PaperForm(
        request.POST or None, request.FILES or None, agenda_items=meeting.agenda_items.all()
    )
    if request.method == "GET" and request.GET.get("item", "").isdigit():
        form.initial["agenda_item"] = int(request.GET["item"])
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_upload(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{paper.title}” has been uploaded.")
            return _back_to(meeting)
    return render(
        request, "governance/meetings/paper_form.html", {"form": form, "meeting": meeting}
    )


@require_permission("governance.manage_meeting", fn=_paper)
@require_http_methods(["GET", "POST"])
def paper_version_new(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(request, pk)
    form = PaperVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.paper_add_version(
                actor=request.user, paper=paper, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(
                request, f"Version {version.number} of “{paper.title}” has been uploaded."
            )
            return _back_to(paper.meeting)
    return render(
        request,
        "governance/meetings/paper_version_form.html",
        {"form": form, "paper": paper, "meeting": paper.meeting},
    )


def _paper_version(request, pk: int, **_):
    version = selectors.paper_version_for_download(user=request.user, pk=pk)
    if version is None:
        raise Http404("No such paper")
    return version


@require_permission("governance.view_meeting", fn=_paper_version)
@require_GET
def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    version = _paper_version(request, pk)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )


# Attendance --------------------------------------------------------------------------------


@require_permission("governance.manage_meeting", fn=_meeting)
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    record = selectors.meeting_record(user=request.user, meeting=meeting, can_see_confidential=True)
    form = AttendanceForm(
        request.POST or None, members=record.members, attendance=record.attendance
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(actor=request.user, meeting=meeting, entries=form.entries())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "Attendance has been recorded.")
            return _back_to(meeting)
    return render(
        request,
        "governance/meetings/attendance_form.html",
        {"form": form, "meeting": meeting, "quorum": record.quorum},
    )


# Minutes -----------------------------------------------------------------------------------


@require_permission("governance.manage_meeting", fn=_agenda_item)
@require_http_methods(["GET", "POST"])
def minute_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _agenda_item(request, pk)
    existing = getattr(item, "minute", None) if hasattr(item, "minute") else None
    form = MinuteForm(request.POST or None, initial={"text": existing.text if existing else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.minute_save(
                actor=request.user, agenda_item=item, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"The minute of “{item.title}” has been saved as a draft.")
            return _back_to(item.meeting)
    return render(
        request,
        "governance/meetings/minute_form.html",
        {"form": form, "item": item, "meeting": item.meeting, "minute": existing},
    )


@require_permission("governance.approve_minutes", fn=_meeting)
@require_http_methods(["GET", "POST"])
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MinutesApproveForm(
        request.POST or None, meetings=selectors.later_meetings_of_body(meeting=meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.minutes_approve(
                actor=request.user, meeting=meeting, at_meeting=form.cleaned_data["at_meeting"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"{count} minute{'s' if count != 1 else ''} approved.")
            return _back_to(meeting)
    return render(
        request, "governance/meetings/minutes_approve.html", {"form": form, "meeting": meeting}
    )


# Decisions ---------------------------------------------------------------------------------


@require_permission("governance.manage_meeting", fn=_meeting)
@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = DecisionForm(
        request.POST or None,
        agenda_items=meeting.agenda_items.all(),
        priorities=_priorities(meeting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "The decision has been recorded.")
            return _back_to(meeting)
    return render(
        request, "governance/meetings/decision_form.html", {"form": form, "meeting": meeting}
    )


_decision = object_loader(selectors.decision_get, "decision")


@require_permission("governance.change_decision", fn=_decision)
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    meeting = decision.meeting
    if decision.is_withdrawn:
        flash.error(request, "This decision has been withdrawn, so it cannot be corrected.")
        return redirect("governance:decision-list")
    form = DecisionForm(
        request.POST or None,
        agenda_items=meeting.agenda_items.all(),
        priorities=_priorities(meeting),
        initial={
            "title": decision.title,
            "detail": decision.detail,
            "agenda_item": decision.agenda_item_id,
            "priority": decision.priority_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_correct(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "The decision has been corrected.")
            return _back_to(meeting)
    return render(
        request,
        "governance/decisions/form.html",
        {"form": form, "meeting": meeting, "decision": decision},
    )


@require_permission("governance.change_decision", fn=_decision)
@require_http_methods(["GET", "POST"])
def decision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    form = DecisionWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_withdraw(
                actor=request.user, decision=decision, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{decision.title}” has been withdrawn.")
            return _back_to(decision.meeting)
    return render(
        request,
        "governance/decisions/withdraw.html",
        {"form": form, "meeting": decision.meeting, "decision": decision},
    )


@require_permission("governance.view_decisions")
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    bodies = selectors.body_list(user=request.user, include_inactive=True)
    form = DecisionFilterForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DecisionFilter(body=data.get("body"), query=(data.get("q") or "").strip())
    decisions = selectors.decision_list(user=request.user, filters=filters)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    managed = set(partnerships_where(request.user, [Role.BUSINESS_UNIT]))
    for decision in page.object_list:
        partnership_ids = {p.pk for p in decision.meeting.body.partnerships.all()}
        decision.can_change = bool(managed & partnership_ids)
    return render(request, "governance/decisions/list.html", {"form": form, "page": page})
