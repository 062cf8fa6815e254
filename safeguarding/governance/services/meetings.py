"""Writes for meetings: scheduling, agenda items, papers, attendance, minutes, decisions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update
from safeguarding.core.uploads import FileRules, uploaded_file_check
from safeguarding.governance import workflow
from safeguarding.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    Decision,
    Meeting,
    Minute,
    MinuteStatus,
    Paper,
    PaperVersion,
)
from safeguarding.governance.models.bodies import active_on
from safeguarding.planning.models import Priority, Theme

MEETING_FIELDS = [
    "body",
    "starts_at",
    "ends_at",
    "location",
    "online_link",
    "notes",
    "is_cancelled",
]
AGENDA_FIELDS = [
    "meeting",
    "position",
    "title",
    "presenter",
    "summary",
    "is_confidential",
    "priority",
]

# Papers: what may be uploaded, and how big.
PAPER_MAX_BYTES = 20 * 1024 * 1024
PAPER_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
}


def _day(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y}"


def _check_priority(priority: Priority | None, body: Body) -> None:
    if (
        priority is not None
        and priority.plan.partnership_id not in body.partnership_ids_for_rules()
    ):
        raise ValidationError(
            {"priority": "That priority is not in a business plan of this body's partnerships."}
        )


# Meetings ------------------------------------------------------------------------------------


def _check_meeting(meeting: Meeting) -> None:
    errors: dict[str, str] = {}
    if meeting.starts_at is None:
        errors["starts_at"] = "Enter the date and time the meeting starts."
    elif meeting.ends_at is not None and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = "The meeting must end after it starts."
    if not meeting.location.strip() and not meeting.online_link.strip():
        errors["location"] = "Enter where the meeting is, or a link to join it online."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_schedule(
    *,
    actor=None,
    job: str | None = None,
    body: Body,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    location: str = "",
    online_link: str = "",
    notes: str = "",
) -> Meeting:
    if not body.is_active:
        raise ValidationError(f"{body.name} is no longer active; reactivate it first.")
    meeting = Meeting(
        body=body,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location or "",
        online_link=online_link or "",
        notes=notes or "",
    )
    _check_meeting(meeting)
    meeting.save()
    audit_record(
        actor=actor,
        job=job,
        event="governance.meeting.scheduled",
        target=meeting,
        after=snapshot(meeting, MEETING_FIELDS),
    )
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **fields: Any) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for name in fields:
        if name not in MEETING_FIELDS or name == "body":
            raise ValidationError(f"{name} cannot be changed here.")
    meeting, _ = model_update(
        meeting,
        fields=MEETING_FIELDS,
        data={
            name: value if value is not None or name == "ends_at" else ""
            for name, value in fields.items()
        },
        validate=_check_meeting,
        full_clean=False,
        actor=actor,
        event="governance.meeting.updated",
    )
    return meeting


# Agenda --------------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_add(
    *,
    actor=None,
    job: str | None = None,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    summary: str = "",
    is_confidential: bool = False,
    priority: Priority | None = None,
    themes: Iterable[Theme] = (),
) -> AgendaItem:
    if not (title or "").strip():
        raise ValidationError({"title": "Enter the title of the agenda item."})
    _check_priority(priority, meeting.body)
    position = (meeting.agenda_items.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title.strip(),
        presenter=presenter or "",
        summary=summary or "",
        is_confidential=is_confidential,
        priority=priority,
    )
    item.themes.set(list(themes))
    audit_record(
        actor=actor,
        job=job,
        event="governance.agenda_item.added",
        target=item,
        after=snapshot(item, AGENDA_FIELDS),
    )
    return item


@transaction.atomic
def agenda_item_update(
    *, actor, item: AgendaItem, themes: Iterable[Theme] | None = None, **fields: Any
) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("meeting__body").get(pk=item.pk)
    for name in fields:
        if name not in AGENDA_FIELDS or name == "meeting":
            raise ValidationError(f"{name} cannot be changed here.")

    def _rules(item: AgendaItem) -> None:
        if not (item.title or "").strip():
            raise ValidationError({"title": "Enter the title of the agenda item."})
        _check_priority(item.priority, item.meeting.body)

    data = dict(fields) if themes is None else {**fields, "themes": list(themes)}
    item, _ = model_update(
        item,
        fields=[*AGENDA_FIELDS, "themes"],
        data=data,
        validate=_rules,
        full_clean=False,
        actor=actor,
        event="governance.agenda_item.updated",
    )
    if item.is_confidential:
        item.papers.update(is_confidential=True)
    return item


# Papers --------------------------------------------------------------------------------------


def paper_check_file(upload) -> tuple[str, str]:
    """(extension, content type) of an acceptable upload, or a ValidationError saying why not."""
    if upload is None:
        raise ValidationError({"file": "Choose a file to upload."})
    rules = FileRules(extensions=frozenset(PAPER_TYPES), max_bytes=PAPER_MAX_BYTES)
    try:
        checked = uploaded_file_check(upload, rules=rules)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    return checked.extension, PAPER_TYPES[checked.extension]


def _add_version(*, actor, paper: Paper, upload, number: int) -> PaperVersion:
    _, content_type = paper_check_file(upload)
    version = PaperVersion(
        paper=paper,
        number=number,
        original_name=upload.name[:255],
        size=upload.size,
        content_type=content_type,
        uploaded_by=actor,
    )
    version.file.save(upload.name, upload, save=False)
    version.save()
    return version


@transaction.atomic
def paper_upload(
    *,
    actor=None,
    job: str | None = None,
    meeting: Meeting,
    title: str,
    file,
    agenda_item: AgendaItem | None = None,
    is_confidential: bool = False,
) -> Paper:
    if not (title or "").strip():
        raise ValidationError({"title": "Enter the title of the paper."})
    paper_check_file(file)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "That agenda item is not on this meeting's agenda."})
    confidential = is_confidential or bool(agenda_item and agenda_item.is_confidential)
    paper = Paper.objects.create(
        meeting=meeting, agenda_item=agenda_item, title=title.strip(), is_confidential=confidential
    )
    version = _add_version(actor=actor, paper=paper, upload=file, number=1)
    audit_record(
        actor=actor,
        job=job,
        event="governance.paper.uploaded",
        target=paper,
        after={
            "title": paper.title,
            "meeting": str(meeting),
            "confidential": confidential,
            "version": 1,
            "file": version.original_name,
            "size": version.size,
        },
    )
    return paper


@transaction.atomic
def paper_add_version(*, actor=None, job: str | None = None, paper: Paper, file) -> PaperVersion:
    """Upload a new version; earlier versions are kept and stay downloadable."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    number = (paper.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = _add_version(actor=actor, paper=paper, upload=file, number=number)
    audit_record(
        actor=actor,
        job=job,
        event="governance.paper.version_added",
        target=paper,
        after={"version": number, "file": version.original_name, "size": version.size},
    )
    return version


# Attendance ----------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *, actor=None, job: str | None = None, meeting: Meeting, entries: dict[int, tuple[str, str]]
) -> list[Attendance]:
    """Record attendance: {membership id: (status, represented by)}. Present and absent can
    only be recorded once the meeting has started; apologies may come in beforehand."""
    if meeting.is_cancelled:
        raise ValidationError("This meeting was cancelled, so nobody attended it.")
    members = {
        m.pk: m
        for m in meeting.body.memberships.filter(active_on(meeting.date)).select_related(
            "person", "agency"
        )
    }
    started = meeting.starts_at <= timezone.now()
    errors = []
    for membership_id, (status, _) in entries.items():
        if membership_id not in members:
            errors.append("Attendance can only be recorded for members of the body on the day.")
        elif status not in AttendanceStatus.values and status != "":
            errors.append(f"“{status}” is not an attendance status.")
        elif status in {AttendanceStatus.PRESENT, AttendanceStatus.ABSENT} and not started:
            errors.append(
                f"The meeting has not happened yet (it is on {_day(meeting.starts_at)}), so "
                "only apologies can be recorded."
            )
    if errors:
        raise ValidationError(sorted(set(errors)))
    before = {
        a.membership.label: a.status
        for a in meeting.attendance.select_related("membership__person", "membership__agency")
    }
    saved = []
    for membership_id, (status, represented_by) in entries.items():
        if not status:
            meeting.attendance.filter(membership_id=membership_id).delete()
            continue
        record, _ = Attendance.objects.update_or_create(
            meeting=meeting,
            membership_id=membership_id,
            defaults={"status": status, "represented_by": (represented_by or "")[:200]},
        )
        saved.append(record)
    audit_record(
        actor=actor,
        job=job,
        event="governance.meeting.attendance_recorded",
        target=meeting,
        before=before,
        after={members[a.membership_id].label: a.status for a in saved},
    )
    return saved


# Minutes -------------------------------------------------------------------------------------


@transaction.atomic
def minute_save(
    *, actor=None, job: str | None = None, agenda_item: AgendaItem, text: str
) -> Minute:
    """Write or change the draft minute of an agenda item, once the meeting has happened."""
    meeting = agenda_item.meeting
    if not meeting.has_been_held:
        when = _day(meeting.starts_at)
        raise ValidationError(
            f"Minutes cannot be written for a meeting that has not happened yet (it is on {when})."
            if not meeting.is_cancelled
            else "This meeting was cancelled."
        )
    if not (text or "").strip():
        raise ValidationError({"text": "Enter the minute."})
    minute = Minute.objects.select_for_update().filter(agenda_item=agenda_item).first()
    if minute is None:
        minute = Minute.objects.create(agenda_item=agenda_item, text=text.strip(), written_by=actor)
        event, before = "governance.minute.drafted", None
    else:
        workflow.MINUTES.check(minute.status, "edit")
        before = {"text": minute.text}
        minute.text = text.strip()
        minute.save(update_fields=["text", "updated_at"])
        event = "governance.minute.changed"
    audit_record(
        actor=actor,
        job=job,
        event=event,
        target=minute,
        before=before,
        after={"text": minute.text, "status": minute.status},
    )
    return minute


@transaction.atomic
def minutes_approve(
    *, actor=None, job: str | None = None, meeting: Meeting, at_meeting: Meeting
) -> int:
    """Approve every draft minute of ``meeting`` at a later meeting of the same body that has
    taken place. Returns how many minutes were approved."""
    if at_meeting.body_id != meeting.body_id:
        raise ValidationError(
            {"at_meeting": "Minutes are approved at a later meeting of the same body."}
        )
    if at_meeting.starts_at <= meeting.starts_at:
        raise ValidationError(
            {
                "at_meeting": "Minutes are approved at a later meeting, not at this one or "
                "an earlier one."
            }
        )
    if not at_meeting.has_been_held:
        raise ValidationError(
            {
                "at_meeting": f"The meeting on {_day(at_meeting.starts_at)} has not happened "
                "yet; approve the minutes once it has."
            }
        )
    drafts = list(
        Minute.objects.select_for_update().filter(
            agenda_item__meeting=meeting, status=MinuteStatus.DRAFT
        )
    )
    if not drafts:
        raise ValidationError("There are no draft minutes of this meeting to approve.")
    now = timezone.now()
    for minute in drafts:
        workflow.MINUTES.apply(minute, "approve")
        minute.approved_at_meeting = at_meeting
        minute.approved_by = actor
        minute.approved_at = now
        minute.save()
    audit_record(
        actor=actor,
        job=job,
        event="governance.minutes.approved",
        target=meeting,
        after={"minutes": len(drafts), "approved_at_meeting": str(at_meeting)},
    )
    return len(drafts)


# Decisions -----------------------------------------------------------------------------------

DECISION_FIELDS = ["meeting", "agenda_item", "title", "detail", "priority"]


def _check_decision(decision: Decision) -> None:
    if not (decision.title or "").strip():
        raise ValidationError({"title": "Enter what was decided."})
    if decision.agenda_item is not None and decision.agenda_item.meeting_id != decision.meeting_id:
        raise ValidationError({"agenda_item": "That agenda item is not on this meeting's agenda."})
    _check_priority(decision.priority, decision.meeting.body)


@transaction.atomic
def decision_record(
    *,
    actor=None,
    job: str | None = None,
    meeting: Meeting,
    title: str,
    detail: str = "",
    agenda_item: AgendaItem | None = None,
    priority: Priority | None = None,
) -> Decision:
    if not meeting.has_been_held:
        raise ValidationError(
            f"Decisions are recorded once the meeting has happened (it is on "
            f"{_day(meeting.starts_at)})."
        )
    decision = Decision(
        meeting=meeting,
        agenda_item=agenda_item,
        title=(title or "").strip(),
        detail=detail or "",
        priority=priority,
        recorded_by=actor,
    )
    _check_decision(decision)
    decision.save()
    audit_record(
        actor=actor,
        job=job,
        event="governance.decision.recorded",
        target=decision,
        after=snapshot(decision, DECISION_FIELDS),
    )
    return decision


@transaction.atomic
def decision_correct(
    *,
    actor=None,
    job: str | None = None,
    decision: Decision,
    title: str,
    detail: str = "",
    agenda_item: AgendaItem | None = None,
    priority: Priority | None = None,
) -> Decision:
    """Correct how a decision was recorded (its wording, agenda item or priority). The
    register keeps the corrected text; the audit log keeps what it said before."""
    decision = (
        Decision.objects.select_for_update().select_related("meeting__body").get(pk=decision.pk)
    )
    if decision.is_withdrawn:
        raise ValidationError(
            "This decision has been withdrawn, so it cannot be corrected. Record a new "
            "decision instead."
        )
    before = snapshot(decision, DECISION_FIELDS)
    decision.title = (title or "").strip()
    decision.detail = detail or ""
    decision.agenda_item = agenda_item
    decision.priority = priority
    _check_decision(decision)
    after = snapshot(decision, DECISION_FIELDS)
    if after == before:
        raise ValidationError("Nothing has changed. Change the decision, or go back.")
    decision.save()
    audit_record(
        actor=actor,
        job=job,
        event="governance.decision.corrected",
        target=decision,
        before=before,
        after=after,
    )
    return decision


@transaction.atomic
def decision_withdraw(
    *, actor=None, job: str | None = None, decision: Decision, reason: str
) -> Decision:
    """Withdraw a decision: it stays in the register, marked withdrawn, with the reason."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.is_withdrawn:
        raise ValidationError(
            f"This decision was already withdrawn on {_day(decision.withdrawn_at)}."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the decision is being withdrawn."})
    decision.withdrawn_at = timezone.now()
    decision.withdrawn_by = actor
    decision.withdrawal_reason = reason
    decision.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    audit_record(
        actor=actor,
        job=job,
        event="governance.decision.withdrawn",
        target=decision,
        before={"withdrawn": False},
        after={"withdrawn": True, "reason": reason},
    )
    return decision
