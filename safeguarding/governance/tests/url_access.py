"""URL keyword arguments for the core URL-access sweep (safeguarding/core/tests/
test_url_access.py): each function makes a governance record in the sweep's partnership."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from safeguarding.governance.services.meetings import paper_upload
from safeguarding.governance.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    BusinessPlanFactory,
    KeyMessageFactory,
    MeetingFactory,
    MembershipFactory,
    PriorityFactory,
)

PDF = b"%PDF-1.4\n%%EOF"


def _body(partnership):
    return BodyFactory(partnerships=[partnership])


def _held_meeting(partnership):
    return MeetingFactory(
        body=_body(partnership), starts_at=timezone.now() - datetime.timedelta(days=7)
    )


def published_message(partnership, user):
    return {"pk": KeyMessageFactory(partnership=partnership).pk}


def draft_message(partnership, user):
    return {"pk": KeyMessageFactory(partnership=partnership, status="draft").pk}


def draft_message_approve(partnership, user):
    return {**draft_message(partnership, user), "name": "approve"}


def body(partnership, user):
    return {"pk": _body(partnership).pk}


def body_with_terms(partnership, user):
    found = _body(partnership)
    found.terms_of_reference_document.save("terms.pdf", ContentFile(PDF))
    return {"pk": found.pk}


def body_calendar(partnership, user):
    found = _body(partnership)
    return {"pk": found.pk, "token": found.calendar_token}


def membership(partnership, user):
    return {"pk": MembershipFactory(body=_body(partnership)).pk}


def meeting(partnership, user):
    return {"pk": _held_meeting(partnership).pk}


def agenda_item(partnership, user):
    return {"pk": AgendaItemFactory(meeting=_held_meeting(partnership)).pk}


def decision(partnership, user):
    from safeguarding.governance.services.meetings import decision_record

    found = decision_record(job="test", meeting=_held_meeting(partnership), title="Decided")
    return {"pk": found.pk}


def paper(partnership, user):
    found = paper_upload(
        job="test",
        meeting=_held_meeting(partnership),
        title="Paper",
        file=ContentFile(PDF, name="paper.pdf"),
    )
    return {"pk": found.pk}


def paper_version(partnership, user):
    from safeguarding.governance.models import Paper

    return {"pk": Paper.objects.get(pk=paper(partnership, user)["pk"]).versions.get().pk}


def own_action(partnership, user):
    """An action the signed-in person owns: every role may open its own actions."""
    return {"pk": ActionFactory(meeting=_held_meeting(partnership), owner=user).pk}


def action(partnership, user):
    return {"pk": ActionFactory(meeting=_held_meeting(partnership)).pk}


def plan(partnership, user):
    return {"pk": BusinessPlanFactory(partnership=partnership).pk}


def priority(partnership, user):
    return {"pk": PriorityFactory(plan=BusinessPlanFactory(partnership=partnership)).pk}


def theme(partnership, user):
    from safeguarding.planning.models import Theme

    return {"pk": Theme.objects.get(slug="neglect").pk}


def _import_batch(partnership):
    from safeguarding.governance.importing import read_text_messages
    from safeguarding.governance.services.import_batches import file_hash, import_batch_create

    text = "Board meeting – 12 March 2024\n\nOnline harm – Young people need support.\n"
    result = import_batch_create(
        partnership=partnership,
        reading=read_text_messages(text),
        source_name="sweep.txt",
        source_hash=file_hash(f"{partnership.pk}{text}".encode()),
        job="url sweep",
    )
    return result.batch


def import_batch(partnership, user):
    return {"pk": _import_batch(partnership).pk}


def import_item(partnership, user):
    return {"pk": _import_batch(partnership).items.get().pk}


def import_item_drop(partnership, user):
    return {**import_item(partnership, user), "action": "drop"}
