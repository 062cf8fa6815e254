"""Reads for bodies, meetings, agenda, papers, attendance, minutes and decisions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from safeguarding.accounts.models import Agency, User
from safeguarding.core.audit import audit_read
from safeguarding.governance.models import (
    VOTING_ROLES,
    AgendaItem,
    AttendanceStatus,
    Body,
    Decision,
    Meeting,
    Membership,
    Minute,
    Paper,
    PaperVersion,
)
from safeguarding.governance.models.bodies import active_on
from safeguarding.governance.models.meetings import insider_q
from safeguarding.planning.models import Priority

# Bodies ------------------------------------------------------------------------------------


def body_list(*, user, include_inactive: bool = False) -> QuerySet[Body]:
    bodies = Body.objects.visible_to(user)
    if not include_inactive:
        bodies = bodies.filter(is_active=True)
    current = (
        Membership.objects.filter(active_on(timezone.localdate()), body=OuterRef("pk"))
        .values("body")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        bodies.prefetch_related("partnerships")
        .select_related("reports_to")
        .annotate(member_count=Coalesce(Subquery(current), 0))
        .order_by("name")
    )


def body_get(*, user, pk: int) -> Body | None:
    return (
        Body.objects.visible_to(user)
        .prefetch_related("partnerships")
        .select_related("reports_to")
        .filter(pk=pk)
        .first()
    )


def body_memberships(*, body: Body, current_only: bool = False) -> QuerySet[Membership]:
    memberships = body.memberships.select_related("person", "agency")
    if current_only:
        memberships = memberships.current()
    return memberships.order_by("ends_on", "role", "person__full_name", "agency__name")


def membership_get(*, user, pk: int) -> Membership | None:
    return (
        Membership.objects.filter(body__in=Body.objects.visible_to(user))
        .select_related("body", "person", "agency")
        .filter(pk=pk)
        .first()
    )


def body_meetings(*, body: Body) -> QuerySet[Meeting]:
    return body.meetings.order_by("-starts_at")


def body_by_calendar_token(*, pk: int, token: str) -> Body | None:
    if not token:
        return None
    return Body.objects.filter(pk=pk, calendar_token=token).first()


def body_choices_for(*, partnerships) -> QuerySet[Body]:
    return Body.objects.filter(partnerships__in=partnerships).distinct().order_by("name")


def people_for(*, partnerships) -> QuerySet[User]:
    """People who hold a role in the partnerships: possible members and action owners."""
    return (
        User.objects.filter(role_assignments__partnership__in=partnerships, is_active=True)
        .distinct()
        .order_by("full_name")
    )


def agencies_for(*, partnerships) -> QuerySet[Agency]:
    return Agency.objects.filter(partnerships__in=partnerships).distinct().order_by("name")


# Meetings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFilter:
    body: int | None = None
    when: str = ""  # "upcoming", "past" or ""


def meeting_list(*, user, filters: MeetingFilter | None = None) -> QuerySet[Meeting]:
    filters = filters or MeetingFilter()
    meetings = Meeting.objects.visible_to(user).select_related("body")
    if filters.body:
        meetings = meetings.filter(body_id=filters.body)
    now = timezone.now()
    if filters.when == "upcoming":
        return meetings.filter(starts_at__gte=now).order_by("starts_at")
    if filters.when == "past":
        meetings = meetings.filter(starts_at__lt=now)
    return meetings.order_by("-starts_at")


def meeting_get(*, user, pk: int) -> Meeting | None:
    return Meeting.objects.visible_to(user).select_related("body").filter(pk=pk).first()


def next_meetings(*, user, limit: int = 5) -> list[Meeting]:
    return list(
        Meeting.objects.visible_to(user)
        .upcoming()
        .select_related("body")
        .order_by("starts_at")[:limit]
    )


def later_meetings_of_body(*, meeting: Meeting) -> QuerySet[Meeting]:
    """Meetings of the same body after this one that have taken place (to approve minutes)."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
        .held()
        .order_by("starts_at")
    )


@dataclass
class MeetingRecord:
    """Everything on a meeting's page that the user may see."""

    agenda: list[AgendaItem]
    papers_without_item: list[Paper]
    hidden_items: int
    decisions: list[Decision]
    attendance: dict[int, object]
    members: list[Membership]
    quorum: Quorum


@dataclass
class Quorum:
    recorded: bool
    present_voting: int
    required: int
    needs_statutory_partners: bool
    missing_partners: list[str] = field(default_factory=list)

    @property
    def is_quorate(self) -> bool:
        return (
            self.recorded
            and self.present_voting >= self.required
            and not (self.needs_statutory_partners and self.missing_partners)
        )


def meeting_quorum(*, meeting: Meeting, members: list[Membership], attendance: dict) -> Quorum:
    present = [
        m
        for m in members
        if m.role in VOTING_ROLES
        and getattr(attendance.get(m.pk), "status", None) == AttendanceStatus.PRESENT
    ]
    missing: list[str] = []
    if meeting.body.quorum_needs_statutory_partners:
        statutory = Agency.objects.filter(
            partnerships__in=meeting.body.partnership_ids_for_rules(), is_statutory_partner=True
        ).distinct()
        present_agencies = {m.agency_id for m in present if m.agency_id}
        missing = [a.name for a in statutory.order_by("name") if a.pk not in present_agencies]
    return Quorum(
        recorded=bool(attendance),
        present_voting=len(present),
        required=meeting.body.quorum_minimum,
        needs_statutory_partners=meeting.body.quorum_needs_statutory_partners,
        missing_partners=missing,
    )


def meeting_record(*, user, meeting: Meeting, can_see_confidential: bool) -> MeetingRecord:
    versions = Prefetch("versions", queryset=PaperVersion.objects.order_by("-number"))
    papers = Paper.objects.visible_to(user).prefetch_related(versions)
    all_items = meeting.agenda_items.all()
    visible_items = all_items if can_see_confidential else all_items.filter(is_confidential=False)
    agenda = list(
        visible_items.select_related(
            "priority", "minute__approved_by", "minute__approved_at_meeting__body"
        )
        .prefetch_related("themes", Prefetch("papers", queryset=papers.order_by("title")))
        .order_by("position", "pk")
    )
    for item in agenda:
        try:
            item.visible_minute = item.minute
        except Minute.DoesNotExist:
            item.visible_minute = None
    members = list(
        meeting.body.memberships.filter(active_on(meeting.date)).select_related("person", "agency")
    )
    attendance = {a.membership_id: a for a in meeting.attendance.select_related("membership")}
    decisions = (
        Decision.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("agenda_item", "priority")
    )
    if not can_see_confidential:
        decisions = decisions.filter(
            Q(agenda_item__isnull=True) | Q(agenda_item__is_confidential=False)
        )
    return MeetingRecord(
        agenda=agenda,
        papers_without_item=list(papers.filter(meeting=meeting, agenda_item__isnull=True)),
        hidden_items=0 if can_see_confidential else all_items.filter(is_confidential=True).count(),
        decisions=list(decisions.order_by("pk")),
        attendance=attendance,
        members=members,
        quorum=meeting_quorum(meeting=meeting, members=members, attendance=attendance),
    )


def agenda_item_get(*, user, pk: int) -> AgendaItem | None:
    return (
        AgendaItem.objects.visible_to(user)
        .select_related("meeting__body", "priority")
        .filter(pk=pk)
        .first()
    )


def paper_get(*, user, pk: int) -> Paper | None:
    return Paper.objects.visible_to(user).select_related("meeting__body").filter(pk=pk).first()


def paper_version_for_download(*, user, pk: int) -> PaperVersion | None:
    """A paper version the user may read; reading a confidential paper is logged."""
    version = (
        PaperVersion.objects.filter(paper__in=Paper.objects.visible_to(user))
        .select_related("paper__meeting__body")
        .filter(pk=pk)
        .first()
    )
    if version is not None and version.paper.is_confidential:
        audit_read(
            actor=user, target=version.paper, event="governance.paper.confidential_downloaded"
        )
    return version


def priorities_for(*, partnerships) -> QuerySet[Priority]:
    return Priority.objects.filter(plan__partnership__in=partnerships).select_related("plan")


# Decisions register ------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionFilter:
    body: int | None = None
    query: str = ""


def decision_list(*, user, filters: DecisionFilter | None = None) -> QuerySet[Decision]:
    filters = filters or DecisionFilter()
    decisions = (
        Decision.objects.visible_to(user)
        .select_related("meeting__body", "agenda_item", "priority")
        .prefetch_related("meeting__body__partnerships")
    )
    if filters.body:
        decisions = decisions.filter(meeting__body_id=filters.body)
    if filters.query:
        decisions = decisions.filter(
            Q(title__icontains=filters.query) | Q(detail__icontains=filters.query)
        )
    return decisions.order_by("-meeting__starts_at", "pk")


def decision_get(*, user, pk: int) -> Decision | None:
    return (
        Decision.objects.visible_to(user)
        .select_related("meeting__body", "agenda_item", "priority")
        .filter(pk=pk)
        .first()
    )


def body_calendar_meetings(*, body: Body) -> QuerySet[Meeting]:
    """A body's meetings from a year ago onwards, for its calendar feed."""
    since = timezone.now() - datetime.timedelta(days=365)
    return body.meetings.filter(starts_at__gte=since).select_related("body").order_by("starts_at")


def insider_body_ids(*, user) -> set[int]:
    """Bodies whose confidential items the user may see (members, business unit, chairs)."""
    return set(Body.objects.filter(insider_q(user, "pk")).values_list("pk", flat=True))


def meeting_api_list(*, user, body: int | None = None, when: str = "") -> QuerySet[Meeting]:
    return meeting_list(user=user, filters=MeetingFilter(body=body, when=when)).prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "pk"))
    )
