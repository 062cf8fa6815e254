"""Chasers before and after the closing date, and returns marked late — idempotently."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.jobs import JOB, reminder_stage
from safeguarding.assurance.models import ReturnStatus
from safeguarding.assurance.tests.factories import campaign
from safeguarding.core.models import AuditEvent
from safeguarding.core.schedule import run_due_jobs

pytestmark = pytest.mark.django_db

OPENS = date(2024, 1, 8)
CLOSES = date(2024, 3, 28)  # Thursday before Good Friday and Easter Monday


@pytest.fixture
def running(partnership):
    AgencyFactory(name="Riverside Youth", partnerships=[partnership], email="dsl@riverside.test")
    AgencyFactory(name="Harbour Lights", partnerships=[partnership], email="lead@harbour.test")
    with time_machine.travel("2024-01-08 09:00 +0000", tick=False):
        made = campaign(
            partnership=partnership,
            audience=Audience("everyone"),
            opens_on=OPENS,
            closes_on=CLOSES,
        )
    return made


def _run_on(day: str, capture) -> list:
    mail.outbox.clear()
    with time_machine.travel(f"{day} 07:00 +0000", tick=False), capture(execute=True):
        run_due_jobs(only=JOB)
    return list(mail.outbox)


@pytest.mark.parametrize(
    ("day", "stage"),
    [
        ("2024-03-07", None),  # 15 working days left: no reminder yet
        ("2024-03-08", "before-14"),
        ("2024-03-12", "before-14"),  # still the 14-day reminder (already sent once)
        ("2024-03-19", "before-7"),
        ("2024-03-27", "before-1"),
        ("2024-03-28", "before-1"),
        ("2024-04-02", "after-0"),  # the first working day after Easter
        ("2024-04-08", "after-0"),
        ("2024-04-09", "after-1"),  # five working days later
    ],
)
def test_reminder_stages_count_working_days(running, day, stage):
    assert reminder_stage(running, date.fromisoformat(day)) == stage


def test_reminders_are_sent_once_each_and_never_at_weekends(
    running, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert _run_on("2024-03-07", capture) == []
    sent = _run_on("2024-03-08", capture)
    assert sorted(m.to[0] for m in sent) == ["dsl@riverside.test", "lead@harbour.test"]
    assert sent[0].subject == "Reminder: Section 11 audit 2024 closes on 28 March 2024"
    assert _run_on("2024-03-08", capture) == []  # running again sends nothing twice
    assert _run_on("2024-03-09", capture) == []  # Saturday
    assert _run_on("2024-03-12", capture) == []  # the 14-day reminder was already sent
    assert len(_run_on("2024-03-19", capture)) == 2
    # One organisation submits: it is not chased again.
    submitted = running.returns.get(agency__name="Harbour Lights")
    submitted.status = ReturnStatus.SUBMITTED
    submitted.save()
    sent = _run_on("2024-03-27", capture)
    assert [m.to for m in sent] == [["dsl@riverside.test"]]


def test_after_the_closing_date_returns_are_marked_late_and_chased(
    running, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert _run_on("2024-03-29", capture) == []  # Good Friday: marked late, no email
    assert set(running.returns.values_list("status", flat=True)) == {ReturnStatus.LATE}
    assert AuditEvent.objects.filter(event="assurance.audit_return.marked_late").count() == 2
    sent = _run_on("2024-04-02", capture)
    assert len(sent) == 2 and sent[0].subject == "Overdue: Section 11 audit 2024"
    assert _run_on("2024-04-08", capture) == []
    assert len(_run_on("2024-04-09", capture)) == 2
    assert AuditEvent.objects.filter(event="assurance.audit_return.marked_late").count() == 2


def test_closed_campaigns_are_not_chased(running, django_capture_on_commit_callbacks):
    running.status = "closed"
    running.save()
    assert _run_on("2024-03-08", django_capture_on_commit_callbacks) == []
