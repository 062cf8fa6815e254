"""What the governance app makes searchable (registered in ``capabilities.py``, ADR 0026)."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.searching import Document, Kind
from safeguarding.governance.models import Action, Body, KeyMessage
from safeguarding.governance.models.key_messages import KeyMessageStatus
from safeguarding.governance.models.meetings import AgendaItem, Decision


def key_message_documents(records):
    for message in records:
        published = message.status == KeyMessageStatus.PUBLISHED
        yield Document(
            object_id=message.pk,
            title=message.title,
            body=message.body,
            url=reverse(
                "governance:key-message-detail" if published else "governance:key-message-manage",
                args=[message.pk],
            ),
            date=message.meeting_date,
            theme_ids=tuple(t.pk for t in message.themes.all()),
            partnership_id=message.partnership_id,
            public=published,
            detail=message.meeting_title,
        )


def _partnership_ids(meeting) -> list[int]:
    """A meeting's records are filed under every partnership of its body: the first (by id)
    as the row's partnership, the others of a joint body as its joint partnerships."""
    return sorted(p.pk for p in meeting.body.partnerships.all())


def _first(ids: list[int]) -> int | None:
    return ids[0] if ids else None


def action_documents(records):
    """An action belongs to every partnership of the body whose meeting set it (a joint body
    serves several), so each one's staff find it under their partnership; who may see it is
    ``visible``'s — the action pages' own rule."""
    for action in records:
        ids = _partnership_ids(action.meeting)
        yield Document(
            object_id=action.pk,
            title=action.title,
            body=action.description,
            url=reverse("governance:action-detail", args=[action.pk]),
            date=action.due_on,
            theme_ids=tuple(t.pk for t in action.themes.all()),
            partnership_id=_first(ids),
            joint_partnership_ids=tuple(ids[1:]),
            detail=action.get_status_display(),
        )


def agenda_item_documents(records):
    """Meeting items that carry themes: what a board or group discussed about a theme."""
    for item in records:
        meeting = item.meeting
        ids = _partnership_ids(meeting)
        yield Document(
            object_id=item.pk,
            title=item.title,
            body=item.summary,
            url=reverse("governance:meeting-detail", args=[meeting.pk]),
            date=meeting.date,
            theme_ids=tuple(t.pk for t in item.themes.all()),
            partnership_id=_first(ids),
            joint_partnership_ids=tuple(ids[1:]),
            detail=str(meeting),
        )


def decision_documents(records):
    """Decisions, with the themes of the agenda item they were made on."""
    for decision in records:
        meeting = decision.meeting
        item = decision.agenda_item
        ids = _partnership_ids(meeting)
        yield Document(
            object_id=decision.pk,
            title=decision.title,
            body=decision.detail,
            url=reverse("governance:meeting-detail", args=[meeting.pk]) + "#decisions",
            date=meeting.date,
            theme_ids=tuple(t.pk for t in item.themes.all()) if item is not None else (),
            partnership_id=_first(ids),
            joint_partnership_ids=tuple(ids[1:]),
            detail="Withdrawn" if decision.withdrawn_at else str(meeting),
        )


KEY_MESSAGES = Kind(
    key="governance.keymessage",
    label="Key message",
    plural="Key messages",
    model=KeyMessage,
    records=lambda: KeyMessage.objects.prefetch_related("themes"),
    documents=key_message_documents,
    visible=lambda user: KeyMessage.objects.visible_to(user),
)

ACTIONS = Kind(
    key="governance.action",
    label="Action",
    plural="Actions",
    model=Action,
    records=lambda: Action.objects.select_related("meeting__body").prefetch_related(
        "themes", "meeting__body__partnerships"
    ),
    documents=action_documents,
    visible=lambda user: Action.objects.visible_to(user),
    depends_on_links=((Body.partnerships.through, "meeting__body"),),
)

AGENDA_ITEMS = Kind(
    key="governance.agendaitem",
    label="Meeting item",
    plural="Meeting items",
    model=AgendaItem,
    records=lambda: AgendaItem.objects.select_related("meeting__body").prefetch_related(
        "themes", "meeting__body__partnerships"
    ),
    documents=agenda_item_documents,
    visible=lambda user: AgendaItem.objects.visible_to(user),
    depends_on_links=((Body.partnerships.through, "meeting__body"),),
)

DECISIONS = Kind(
    key="governance.decision",
    label="Decision",
    plural="Decisions",
    model=Decision,
    records=lambda: Decision.objects.select_related(
        "meeting__body", "agenda_item"
    ).prefetch_related("agenda_item__themes", "meeting__body__partnerships"),
    documents=decision_documents,
    visible=lambda user: Decision.objects.visible_to(user),
    depends_on=((AgendaItem, "decisions"),),
    depends_on_links=((Body.partnerships.through, "meeting__body"),),
)
