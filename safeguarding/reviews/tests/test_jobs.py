"""The clock-warning job: the business unit hears once when a clock is near, once when breached."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.reviews import tasks
from safeguarding.reviews.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_clock_warnings_are_sent_once_each(
    make_user, partnership, time_machine, django_capture_on_commit_callbacks
):
    make_user(Role.BUSINESS_UNIT, email="unit@test.example")
    # Aware Wednesday 3 May 2023: notify by Thursday 11 May (the coronation is not counted).
    NotificationFactory(
        partnership=partnership,
        child_pseudonym="Child W",
        became_aware_on=date(2023, 5, 3),
        notified_on=None,
    )
    time_machine.move_to(datetime(2023, 5, 4, 9, tzinfo=ZoneInfo("Europe/London")), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.CLOCK_WARNINGS)
    assert mail.outbox == []  # 4 working days left: not yet
    time_machine.move_to(datetime(2023, 5, 9, 9, tzinfo=ZoneInfo("Europe/London")), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.CLOCK_WARNINGS)
        run_due_jobs(only=tasks.CLOCK_WARNINGS)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["unit@test.example"]
    assert mail.outbox[0].subject.startswith("Statutory clock due soon")
    assert "11 May 2023" in mail.outbox[0].body
    time_machine.move_to(datetime(2023, 5, 12, 9, tzinfo=ZoneInfo("Europe/London")), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.CLOCK_WARNINGS)
        run_due_jobs(only=tasks.CLOCK_WARNINGS)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("Statutory clock breached")
    assert AuditEvent.objects.filter(event="reviews.clock.breached").count() == 1
