"""The governance demo: the bodies the yearly report describes, a year of meetings and a mix
of actions, built through the services (so audited), quickly, and only once."""

import datetime

import pytest
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import AuditEvent
from safeguarding.demo import (
    assurance,
    childdeaths,
    comms,
    governance,
    library,
    performance,
    reports,
    reviews,
    search,
    stories,
    surveys,
    training,
)
from safeguarding.demo.loader import DemoResult, load_demo
from safeguarding.demo.tests.once import loaded_once
from safeguarding.governance.models import (
    Action,
    ActionUpdate,
    Body,
    Decision,
    KeyMessage,
    Meeting,
    Minute,
)

pytestmark = pytest.mark.django_db

FY_START = timezone.make_aware(datetime.datetime(2025, 4, 1))
FY_END = timezone.make_aware(datetime.datetime(2026, 4, 1))


OTHER_CAPABILITIES = (
    reviews,
    assurance,
    training,
    performance,
    library,
    reports,
    childdeaths,
    comms,
    surveys,
    stories,
    search,
)


@pytest.fixture(scope="module")
def _governance_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo accounts and agencies, without the other capabilities' demo records, loaded
    once for this module's tests (each runs in its own savepoint)."""
    with pytest.MonkeyPatch.context() as patch:
        for other in OTHER_CAPABILITIES:
            patch.setattr(other, "load", lambda **kwargs: None)
        yield from loaded_once(
            django_db_blocker,
            tmp_path_factory.mktemp("governance-demo"),
            lambda: load_demo(password="demo password for tests"),
        )


@pytest.fixture
def essex(_governance_demo, db):
    return Partnership.objects.get(slug="essex")


def _held_in_2025_26(body):
    return body.meetings.filter(starts_at__gte=FY_START, starts_at__lt=FY_END).count()


def test_demo_has_the_partnership_structure_with_a_year_of_meetings(essex):
    bodies = {b.name: b for b in Body.objects.all()}
    executive = bodies["Essex Safeguarding Children Board Executive"]
    assert (executive.type, executive.meeting_frequency) == ("executive", "quarterly")
    partners = bodies["Statutory Partners' Group"]
    assert (partners.type, partners.meeting_frequency) == ("statutory_partners", "bi_monthly")
    assert _held_in_2025_26(executive) == 4 and _held_in_2025_26(partners) == 6
    sub_committees = [b for b in bodies.values() if b.type == "sub_committee"]
    assert {b.name for b in sub_committees} == {
        "Child Exploitation and Missing Sub-Committee",
        "Learning and Development Sub-Committee",
    }
    for locality in ("North", "South", "Mid", "West"):
        group = bodies[f"Stay Safe Group {locality}"]
        chairs = group.memberships.filter(role="chair").select_related("agency")
        assert sorted(c.agency.name for c in chairs) == ["Essex County Council", "Essex Police"]
        assert group.memberships.get(role="vice_chair").agency.type == "icb"
    for body in bodies.values():
        assert _held_in_2025_26(body) >= 3, body
        assert body.meetings.upcoming().count() == 1, body
        held = body.meetings.held().order_by("starts_at")
        first = held.first()
        assert first.agenda_items.exists() and first.attendance.exists()
        assert Minute.objects.filter(agenda_item__meeting=first, status="approved").exists()
        # The last meeting's minutes wait for the next meeting to approve them.
        assert not Minute.objects.filter(
            agenda_item__meeting=held.last(), status="approved"
        ).exists()
    assert Decision.objects.count() >= 10
    withdrawn = Decision.objects.get(withdrawn_at__isnull=False)
    assert withdrawn.withdrawal_reason
    assert AuditEvent.objects.filter(event="governance.decision.corrected").count() == 1
    assert KeyMessage.objects.filter(status="published").count() >= 10


def test_demo_actions_are_in_mixed_states(essex):
    actions = Action.objects.all()
    assert 14 <= actions.count() <= 18
    statuses = set(actions.values_list("status", flat=True))
    assert statuses == {"open", "in_progress", "done", "cancelled"}
    overdue = Action.objects.overdue().count()
    assert 3 <= overdue < actions.count() // 2
    assert actions.filter(due_on__gt=timezone.localdate()).count() >= 3
    with_timelines = ActionUpdate.objects.values("action").distinct().count()
    assert with_timelines >= 8
    assert ActionUpdate.objects.filter(action__status="done").values("action").count() >= 5


def test_demo_writes_audit_events_and_loads_only_once(essex):
    assert AuditEvent.objects.filter(
        actor_label="system: demo", event="governance.meeting.scheduled"
    ).count() == (Meeting.objects.count())
    assert AuditEvent.objects.filter(
        actor_label="system: demo", event="governance.action.raised"
    ).count() == (Action.objects.count())
    counts = (
        Body.objects.count(),
        Meeting.objects.count(),
        Action.objects.count(),
        Decision.objects.count(),
        KeyMessage.objects.count(),
    )
    result = DemoResult(password="x")
    governance.load(essex=essex, result=result)
    assert not any(result.created.values()), result.created
    assert counts == (
        Body.objects.count(),
        Meeting.objects.count(),
        Action.objects.count(),
        Decision.objects.count(),
        KeyMessage.objects.count(),
    )


def test_the_demo_loads_the_practice_theme_vocabulary(essex):
    # A database whose themes were cleared (as browser tests' flushes do) gets them back.
    from safeguarding.planning.models import Theme
    from safeguarding.planning.vocabulary import vocabulary

    Theme.objects.all().delete()
    result = DemoResult(password="x")
    governance.load(essex=essex, result=result)
    assert result.created["practice themes"] == len(vocabulary())
    assert Theme.objects.get(slug="sudi_safer_sleep").national_themes == ["babies"]
