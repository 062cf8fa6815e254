"""What the governance app makes searchable (registered in ``capabilities.py``, ADR 0026)."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.searching import Document, Kind
from safeguarding.governance.models import Action, KeyMessage
from safeguarding.governance.models.key_messages import KeyMessageStatus


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


def action_documents(records):
    for action in records:
        yield Document(
            object_id=action.pk,
            title=action.title,
            body=action.description,
            url=reverse("governance:action-detail", args=[action.pk]),
            date=action.due_on,
            theme_ids=tuple(t.pk for t in action.themes.all()),
            partnership_id=None,
            detail=action.get_status_display(),
        )


KEY_MESSAGES = Kind(
    key="governance.keymessage",
    label="Key message",
    plural="Key messages",
    model=KeyMessage,
    records=lambda: KeyMessage.objects.prefetch_related("themes"),
    documents=key_message_documents,
    visible=lambda user: KeyMessage.objects.visible_to(user),
    chain_order=70,
)

ACTIONS = Kind(
    key="governance.action",
    label="Action",
    plural="Actions",
    model=Action,
    records=lambda: Action.objects.prefetch_related("themes"),
    documents=action_documents,
    visible=lambda user: Action.objects.visible_to(user),
    chain_order=35,
)
