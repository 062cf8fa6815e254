"""Draft minutes wait for approval at a later meeting of the same body: once that meeting has
been held, the business unit and chairs are told by email, once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.governance.jobs import MINUTES_JOB
from safeguarding.governance.services.meetings import minute_save
from safeguarding.governance.tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            results = run_due_jobs(only=MINUTES_JOB)
        assert results and results[0][2] is None, results

    return run


def test_the_business_unit_and_chair_are_told_once_when_minutes_can_be_approved(
    partnership, run_jobs
):
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=partnership)
    chair = user_with_role(Role.CHAIR, partnership=partnership)
    user_with_role(Role.PRACTITIONER, partnership=partnership)
    elsewhere = user_with_role(Role.CHAIR, partnership=PartnershipFactory())
    body = BodyFactory(partnerships=[partnership], name="Executive")
    now = timezone.now()
    held = MeetingFactory(body=body, starts_at=now - datetime.timedelta(days=40))
    minute_save(job="test", agenda_item=AgendaItemFactory(meeting=held), text="Agreed.")
    upcoming = MeetingFactory(body=body, starts_at=now + datetime.timedelta(days=5))

    run_jobs()  # no later meeting held yet: nothing to approve
    assert mail.outbox == []

    upcoming.starts_at = now - datetime.timedelta(hours=1)
    upcoming.save()
    run_jobs()
    run_jobs()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Minutes waiting for approval: Executive"
    assert sorted(message.to) == sorted([bu.email, chair.email])
    assert elsewhere.email not in message.to
    assert f"/governance/meetings/{held.pk}/" in message.body
    assert AuditEvent.objects.filter(event="governance.minutes.approval_requested").count() == 1
