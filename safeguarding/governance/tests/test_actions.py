"""Actions: raised at a meeting, updated by their owner with a timeline, the overdue view,
who may see them, and the scheduled reminders before and after the due date."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.governance.models import Action, ActionUpdate
from safeguarding.governance.services import actions as services
from safeguarding.governance.tests.factories import (
    ActionFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db
JOB = "governance.action-reminders"


@pytest.fixture
def body(partnership):
    return BodyFactory(name="Essex Executive", partnerships=[partnership])


@pytest.fixture
def meeting(body):
    zone = timezone.get_current_timezone()
    return MeetingFactory(body=body, starts_at=datetime.datetime(2024, 3, 12, 10, 0, tzinfo=zone))


def test_raising_an_action_emails_its_owner(meeting, make_user, django_capture_on_commit_callbacks):
    owner = make_user(Role.AGENCY_LEAD, full_name="Olive Owner")
    with django_capture_on_commit_callbacks(execute=True):
        action = services.action_raise(
            actor=make_user(Role.BUSINESS_UNIT),
            meeting=meeting,
            title="Refresh the neglect toolkit",
            owner=owner,
            due_on=datetime.date(2024, 6, 30),
        )
    assert action.status == "open"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "Refresh the neglect toolkit" in mail.outbox[0].body
    assert "30 June 2024" in mail.outbox[0].body
    assert f"/governance/actions/{action.pk}/" in mail.outbox[0].body


def test_an_action_due_before_its_meeting_is_refused_and_nothing_is_written(
    client, meeting, make_user
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    owner = make_user(Role.AGENCY_LEAD)
    response = client.post(
        f"/governance/meetings/{meeting.pk}/actions/new/",
        {"title": "Too early", "owner": owner.pk, "due_on": "2024-03-11"},
    )
    assert response.status_code == 200
    assert (
        "The action cannot be due before the meeting that raised it (12 March 2024)"
        in response.content.decode()
    )
    assert not Action.objects.exists()
    assert len(mail.outbox) == 0


def test_owner_adds_updates_that_form_a_timeline(client, meeting, make_user):
    owner = make_user(Role.AGENCY_LEAD)
    action = ActionFactory(meeting=meeting, owner=owner, due_on=datetime.date(2030, 1, 1))
    client.force_login(owner)
    response = client.post(
        f"/governance/actions/{action.pk}/", {"text": "Draft shared", "status": "in_progress"}
    )
    assert response.status_code == 302
    client.post(f"/governance/actions/{action.pk}/", {"text": "Launched", "status": "done"})
    action.refresh_from_db()
    assert action.status == "done" and action.completed_on == timezone.localdate()
    page = client.get(f"/governance/actions/{action.pk}/").content.decode()
    assert page.index("Launched") < page.index("Draft shared")
    assert ActionUpdate.objects.filter(action=action).count() == 2
    assert (
        AuditEvent.objects.filter(
            event="governance.action.updated", target_id=str(action.pk)
        ).count()
        == 2
    )


def test_illegal_status_changes_are_refused(meeting):
    action = ActionFactory(meeting=meeting, status="done")
    with pytest.raises(ValidationError, match="cannot become “not started”"):
        services.action_add_update(job="t", action=action, text="Oops", status="open")
    assert not ActionUpdate.objects.exists()


def test_other_people_cannot_update_an_action(client, body, meeting, make_user):
    action = ActionFactory(meeting=meeting)
    member = make_user(Role.PRACTITIONER)
    MembershipFactory(body=body, person=member)
    client.force_login(member)
    page = client.get(f"/governance/actions/{action.pk}/").content.decode()
    assert "Add an update" not in page
    client.post(f"/governance/actions/{action.pk}/", {"text": "Sneaky", "status": "done"})
    action.refresh_from_db()
    assert action.status == "open" and not ActionUpdate.objects.exists()


def test_who_sees_which_actions(client, partnership, body, meeting, make_user):
    agency = AgencyFactory(partnerships=[partnership])
    owner = make_user(Role.PRACTITIONER)
    mine = ActionFactory(meeting=meeting, owner=owner, title="Owned action", owner_agency=agency)
    ActionFactory(meeting=meeting, title="Someone else's action")
    client.force_login(owner)
    page = client.get("/governance/actions/").content.decode()
    assert "Owned action" in page and "Someone else&#x27;s action" not in page

    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    client.force_login(lead)
    page = client.get("/governance/actions/").content.decode()
    assert "Owned action" in page and "Someone else" not in page

    for role in (Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER):
        client.force_login(make_user(role))
        page = client.get("/governance/actions/").content.decode()
        assert "Owned action" in page and "Someone else&#x27;s action" in page

    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    assert "Owned action" not in client.get("/governance/actions/").content.decode()
    assert client.get(f"/governance/actions/{mine.pk}/").status_code == 404
    assert AgencyMembership.objects.filter(user=lead).exists()


def test_overdue_view(client, meeting, make_user):
    ActionFactory(meeting=meeting, title="Late one", due_on=datetime.date(2024, 4, 1))
    ActionFactory(
        meeting=meeting, title="Late but done", due_on=datetime.date(2024, 4, 1), status="done"
    )
    ActionFactory(meeting=meeting, title="Not yet due", due_on=datetime.date(2099, 1, 1))
    client.force_login(make_user(Role.CHAIR))
    page = client.get("/governance/actions/overdue/").content.decode()
    assert "Late one" in page and "Late but done" not in page and "Not yet due" not in page
    assert "Overdue</strong>" in page


def test_overdue_view_is_refused_to_a_person_without_the_overdue_permission(
    client, meeting, make_user
):
    """The overdue view checks governance.view_overdue_actions (partnership staff), not the
    wider governance.view_actions every role holds."""
    ActionFactory(meeting=meeting, title="Late one", due_on=datetime.date(2024, 4, 1))
    client.force_login(make_user(Role.PRACTITIONER))
    assert client.get("/governance/actions/").status_code == 200
    response = client.get("/governance/actions/overdue/")
    assert response.status_code == 403
    assert "Late one" not in response.content.decode()
    assert "/governance/actions/overdue/" not in client.get("/governance/actions/").content.decode()
    client.force_login(make_user(Role.SAFEGUARDING_PARTNER))
    assert "Late one" in client.get("/governance/actions/overdue/").content.decode()


def test_action_list_query_count_does_not_grow(
    client, partnership, meeting, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    agency = AgencyFactory(partnerships=[partnership])
    for _ in range(3):
        ActionFactory(meeting=meeting, owner_agency=agency)
    with django_assert_max_num_queries(25) as few:
        client.get("/governance/actions/")
    for _ in range(30):
        ActionFactory(meeting=MeetingFactory(body=meeting.body), owner_agency=agency)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/governance/actions/").status_code == 200


# Reminders -----------------------------------------------------------------------------------


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            results = run_due_jobs(only=JOB)
        assert results and results[0][2] is None, results

    return run


def test_reminder_before_due_is_sent_once(meeting, make_user, run_jobs):
    owner = make_user(Role.AGENCY_LEAD)
    # Due Friday 14 June 2024; five working days before is Friday 7 June.
    ActionFactory(
        meeting=meeting, owner=owner, title="Audit report", due_on=datetime.date(2024, 6, 14)
    )
    with time_machine.travel(
        datetime.datetime(2024, 6, 3, 9, 0, tzinfo=timezone.get_current_timezone())
    ):
        run_jobs()
    assert mail.outbox == []
    with time_machine.travel(
        datetime.datetime(2024, 6, 7, 9, 0, tzinfo=timezone.get_current_timezone())
    ):
        run_jobs()
        run_jobs()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Action due on 14 June 2024: Audit report"
    assert mail.outbox[0].to == [owner.email]


def test_overdue_reminders_weekly_and_never_twice(meeting, make_user, run_jobs):
    owner = make_user(Role.AGENCY_LEAD)
    action = ActionFactory(
        meeting=meeting, owner=owner, title="Late", due_on=datetime.date(2024, 6, 14)
    )
    zone = timezone.get_current_timezone()
    for day in (15, 16, 20):  # the first week overdue: one reminder
        with time_machine.travel(datetime.datetime(2024, 6, day, 9, 0, tzinfo=zone)):
            run_jobs()
    overdue = [m for m in mail.outbox if m.subject == "Overdue action: Late"]
    assert len(overdue) == 1
    with time_machine.travel(datetime.datetime(2024, 6, 22, 9, 0, tzinfo=zone)):
        run_jobs()
    assert len([m for m in mail.outbox if m.subject == "Overdue action: Late"]) == 2
    services.action_add_update(job="t", action=action, text="Done at last", status="done")
    with time_machine.travel(datetime.datetime(2024, 7, 1, 9, 0, tzinfo=zone)):
        run_jobs()
    assert len([m for m in mail.outbox if m.subject == "Overdue action: Late"]) == 2
    assert AuditEvent.objects.filter(event="governance.action.reminder_overdue").count() == 2


def test_edit_forms_keep_their_dates(client, meeting, make_user):
    action = ActionFactory(meeting=meeting, due_on=datetime.date(2030, 1, 31))
    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get(f"/governance/actions/{action.pk}/edit/").content.decode()
    assert 'type="date" name="due_on" value="2030-01-31"' in page
