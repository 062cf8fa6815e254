"""Dashboard panels kept per person for a short time (core/dashboard.py, core/data_version.py,
ADR 0038): a repeated view is served from what was kept, a change made anywhere shows on the
next view, a role change shows at once, one person's panels never reach another, and panels
that log a confidential read still log it on every view."""

import datetime
import re
import sys

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.template.loader import get_template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import task

from safeguarding.accounts.models import AgencyMembership, RoleAssignment, User
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, UserFactory
from safeguarding.core import dashboard, data_version
from safeguarding.core.models import AuditEvent, Heartbeat
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.core.tests.test_dashboard_queries import ROLES, add_rows
from safeguarding.governance.models import Action
from safeguarding.governance.services import actions as action_services
from safeguarding.governance.tests.factories import ActionFactory, BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"
TRACKER = "/tracker/"
MY_ACTIONS = "governance-my-actions"
# The panels that name confidential records and log every view, kept or not (reviews/panels.py).
AUDITED = {
    "review-clocks",
    "recommendations-awaiting-update",
    "agency-summaries",
    "referrals-awaiting-decision",
    "reviews-commissioned",
}


@pytest.fixture(autouse=True)
def panel_cache_on(settings):
    # The cache outlives each test's rolled-back database (and SQLite gives the next test's
    # people the same numbers), so it starts and ends empty.
    settings.DASHBOARD_PANEL_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def ours() -> list:
    """The data version's callbacks waiting for this test's transaction to commit."""
    return [entry for entry in connection.run_on_commit if getattr(entry[1], "data_version", False)]


def panel(page, key: str) -> str:
    """One panel's HTML on the page ("" when it is not shown)."""
    found = re.search(
        rf'<section class="app-dashboard-panel"[^>]*data-panel="{key}".*?</section>',
        page.content.decode(),
        re.S,
    )
    return found.group(0) if found else ""


def panels(page) -> list[str]:
    return re.findall(
        r'<section class="app-dashboard-panel".*?</section>', page.content.decode(), re.S
    )


def upcoming_meeting(partnership, body_name: str):
    body = BodyFactory(name=body_name, partnerships=[partnership])
    return MeetingFactory(body=body, starts_at=timezone.now() + datetime.timedelta(days=14))


@task()
def retitle_actions(*, owner_id: int, title: str) -> None:
    """A worker task that writes without signals, as bulk work does."""
    Action.objects.filter(owner_id=owner_id).update(title=title)


@pytest.mark.parametrize("role", ROLES)
def test_a_repeated_view_shows_the_same_panels_with_far_fewer_queries(
    client, make_user, partnership, role
):
    agency = AgencyFactory(name="Testshire Police", partnerships=[partnership])
    person = make_user(role, agency=agency)
    add_rows(person, partnership, agency, 4)
    client.force_login(person)

    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(DASHBOARD)

    assert first.status_code == second.status_code == 200
    assert panels(second) == panels(first) and panels(first)
    assert len(second_queries) <= len(first_queries) * 0.7, (
        len(first_queries),
        len(second_queries),
    )


def test_with_the_cache_the_first_view_still_makes_no_more_queries_for_more_rows(
    client, make_user, partnership
):
    agency = AgencyFactory(partnerships=[partnership])
    person = make_user(Role.BUSINESS_UNIT, agency=agency)
    add_rows(person, partnership, agency, 2)
    client.force_login(person)
    with CaptureQueriesContext(connection) as with_two:
        client.get(DASHBOARD)
    cache.clear()
    add_rows(person, partnership, agency, 6)
    with CaptureQueriesContext(connection) as with_eight:
        client.get(DASHBOARD)
    assert len(with_eight) <= len(with_two)


def test_a_change_made_through_a_page_shows_on_the_next_view(client, make_user, partnership):
    owner = make_user(Role.AGENCY_LEAD)
    action = ActionFactory(
        owner=owner, title="Refresh the neglect toolkit", due_on=datetime.date(2030, 1, 1)
    )
    client.force_login(owner)
    assert "Refresh the neglect toolkit" in panel(client.get(DASHBOARD), MY_ACTIONS)

    response = client.post(
        f"/governance/actions/{action.pk}/", {"text": "Launched", "status": "done"}
    )

    assert response.status_code == 302
    assert "Refresh the neglect toolkit" not in panel(client.get(DASHBOARD), MY_ACTIONS)


def test_a_change_committed_by_a_service_shows_on_the_next_view(
    client, make_user, django_capture_on_commit_callbacks
):
    owner = make_user(Role.AGENCY_LEAD)
    action = ActionFactory(
        owner=owner, title="Audit the front door", due_on=datetime.date(2030, 1, 1)
    )
    client.force_login(owner)
    assert "Audit the front door" in panel(client.get(DASHBOARD), MY_ACTIONS)

    with django_capture_on_commit_callbacks(execute=True):
        action_services.action_add_update(actor=owner, action=action, text="Done", status="done")

    assert "Audit the front door" not in panel(client.get(DASHBOARD), MY_ACTIONS)


def test_a_bulk_change_made_by_a_worker_task_shows_on_the_next_view(client, make_user):
    owner = make_user(Role.AGENCY_LEAD)
    ActionFactory(owner=owner, title="Write the thresholds guide", due_on=datetime.date(2030, 1, 1))
    client.force_login(owner)
    assert "Write the thresholds guide" in client.get(DASHBOARD).content.decode()

    retitle_actions.enqueue(owner_id=owner.pk, title="Publish the thresholds guide")

    page = client.get(DASHBOARD).content.decode()
    assert "Publish the thresholds guide" in page
    assert "Write the thresholds guide" not in page


def test_a_scheduled_job_and_a_command_move_the_data_version_on(monkeypatch):
    before = data_version.current()
    run_due_jobs(only="sessions.clear-expired")
    after_job = data_version.current()
    assert after_job > before

    from safeguarding import manage

    monkeypatch.setattr(
        sys, "argv", ["safeguarding", "working-days", "between", "2024-01-01", "2024-01-31"]
    )
    manage.main()
    assert data_version.current() > after_job


def test_a_role_change_shows_at_once(client, make_user, partnership):
    person = make_user(Role.BUSINESS_UNIT)
    upcoming_meeting(partnership, "Testshire Executive")
    elsewhere = PartnershipFactory(name="Otherborough Safeguarding Partnership")
    upcoming_meeting(elsewhere, "Otherborough Executive")
    client.force_login(person)
    page = client.get(DASHBOARD).content.decode()
    assert "Testshire Executive" in page and "Otherborough Executive" not in page

    # Nothing here commits or sends a request: only the person's fingerprint changes.
    RoleAssignment.objects.create(user=person, partnership=elsewhere, role=Role.BUSINESS_UNIT)
    assert "Otherborough Executive" in client.get(DASHBOARD).content.decode()

    RoleAssignment.objects.filter(user=person, partnership=elsewhere).delete()
    assert "Otherborough Executive" not in client.get(DASHBOARD).content.decode()


def test_a_role_given_brings_its_panels_at_once(client, make_user, partnership):
    person = make_user(Role.PRACTITIONER)
    agency = AgencyFactory(partnerships=[partnership])
    add_rows(person, partnership, agency, 2)
    client.force_login(person)

    def shown() -> set[str]:
        return set(re.findall(r'data-panel="([^"]+)"', client.get(DASHBOARD).content.decode()))

    before = shown()
    RoleAssignment.objects.create(user=person, partnership=partnership, role=Role.BUSINESS_UNIT)
    after = shown()

    assert "recommendations-awaiting-update" in after - before


def test_the_navigation_is_kept_for_the_person_and_a_role_given_or_taken_shows_at_once(
    client, make_user, partnership
):
    person = make_user(Role.PRACTITIONER)
    client.force_login(person)

    def menu() -> list[str]:
        page = client.get("/accounts/").content.decode()
        return re.findall(r'href="([^"]+)"', page.split('id="navigation"')[1].split("</ul>")[0])

    with CaptureQueriesContext(connection) as first_view:
        before = menu()
    with CaptureQueriesContext(connection) as repeated_view:
        again = menu()
    # Read before the next request, which empties the query log.
    assert len(repeated_view.captured_queries) < len(first_view.captured_queries)
    assert again == before and "/accounts/" in before

    role = RoleAssignment.objects.create(
        user=person, partnership=partnership, role=Role.BUSINESS_UNIT
    )
    as_business_unit = menu()
    role.delete()

    assert {"/reviews/", "/assurance/"} <= set(as_business_unit) - set(before)
    assert menu() == before


def test_one_persons_panels_are_never_shown_to_another(client, make_user, partnership):
    upcoming_meeting(partnership, "Testshire Executive")
    elsewhere = PartnershipFactory()
    upcoming_meeting(elsewhere, "Otherborough Executive")
    here = make_user(Role.BUSINESS_UNIT)
    there = make_user(Role.BUSINESS_UNIT, partnership=elsewhere)
    ActionFactory(owner=here, title="Action of the first person", due_on=datetime.date(2030, 1, 1))

    client.force_login(here)
    mine = client.get(DASHBOARD).content.decode()
    client.force_login(there)
    theirs = client.get(DASHBOARD).content.decode()

    assert "Testshire Executive" in mine and "Action of the first person" in mine
    assert "Testshire Executive" not in theirs and "Action of the first person" not in theirs
    assert "Otherborough Executive" in theirs


def test_a_new_account_given_a_deleted_accounts_number_never_sees_its_panels(
    client, make_user, partnership
):
    alpha = AgencyFactory(name="Alpha Youth Project", partnerships=[partnership])
    beta = AgencyFactory(name="Beta Youth Project", partnerships=[partnership])
    first = make_user(Role.PRACTITIONER)
    AgencyMembership.objects.create(user=first, agency=alpha)
    client.force_login(first)
    assert "Alpha Youth Project" in client.get(DASHBOARD).content.decode()
    number, joined = first.pk, first.date_joined
    client.logout()
    first.delete()  # in the test's transaction: nothing commits, the data version stays

    # The same number, the same role in the same partnership: only the account is new.
    second = UserFactory(pk=number, date_joined=joined + datetime.timedelta(days=1))
    RoleAssignment.objects.create(user=second, partnership=partnership, role=Role.PRACTITIONER)
    AgencyMembership.objects.create(user=second, agency=beta)
    client.force_login(User.objects.get(pk=number))
    page = client.get(DASHBOARD).content.decode()

    assert "Beta Youth Project" in page
    assert "Alpha Youth Project" not in page


def test_panels_that_log_a_confidential_read_log_it_on_every_view(client, make_user, partnership):
    agency = AgencyFactory(partnerships=[partnership])
    person = make_user(Role.BUSINESS_UNIT, agency=agency)
    add_rows(person, partnership, agency, 2)
    client.force_login(person)
    event = "reviews.recommendations.panel_viewed"

    with CaptureQueriesContext(connection) as first_view:
        first = client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as repeated:
        again = client.get(DASHBOARD)

    # The repeated view shows the kept panel without reading the recommendations again (read
    # before the next request: the test client's next request empties the query log)...
    kept = panel(again, "recommendations-awaiting-update")
    assert kept and kept == panel(first, "recommendations-awaiting-update")
    assert any("reviews_recommendation" in q["sql"] for q in first_view.captured_queries)
    assert not any("reviews_recommendation" in q["sql"] for q in repeated.captured_queries)
    client.get(DASHBOARD)
    # ...and still logs who saw which records, each time.
    logged = list(AuditEvent.objects.filter(event=event, actor=person).order_by("pk"))
    assert len(logged) == 3
    assert logged[0].after["ids"]
    assert all(e.after["ids"] == logged[0].after["ids"] for e in logged)
    assert all(e.after["path"] == DASHBOARD for e in logged)


def test_the_trackers_items_are_kept_for_the_person_and_a_change_shows_on_the_next_view(
    client, make_user, partnership
):
    agency = AgencyFactory(partnerships=[partnership])
    person = make_user(Role.BUSINESS_UNIT, agency=agency)
    add_rows(person, partnership, agency, 3)
    action = ActionFactory(
        owner=person, title="Refresh the neglect toolkit", due_on=datetime.date(2030, 1, 1)
    )
    client.force_login(person)

    def titles(response) -> list[str]:
        return [item.title for item in response.context["page"].object_list]

    with CaptureQueriesContext(connection) as first_view:
        first = client.get(TRACKER)
    with CaptureQueriesContext(connection) as repeated_view:
        again = client.get(TRACKER)

    # The repeated view shows the same items, in the same order, without reading them again.
    assert "Refresh the neglect toolkit" in titles(first)
    assert titles(again) == titles(first)
    assert any("governance_action" in q["sql"] for q in first_view.captured_queries)
    assert len(repeated_view.captured_queries) < len(first_view.captured_queries)
    assert not any("governance_action" in q["sql"] for q in repeated_view.captured_queries)
    # The confidential recommendations the page shows are logged on every view.
    logged = AuditEvent.objects.filter(event="reviews.recommendations.tracker_viewed")
    assert logged.count() == 2 and logged.first().after["ids"]

    response = client.post(
        f"/governance/actions/{action.pk}/", {"text": "Launched", "status": "done"}
    )

    assert response.status_code == 302
    assert "Refresh the neglect toolkit" not in titles(client.get(TRACKER))


@pytest.mark.parametrize("role", list(Role))
def test_no_panel_context_writes_an_audit_event(make_user, partnership, role):
    """A panel's context says what it read; the dashboard logs it (so a kept panel logs too)."""
    agency = AgencyFactory(partnerships=[partnership])
    person = make_user(role, agency=agency)
    add_rows(person, partnership, agency, 2)
    request = RequestFactory().get(DASHBOARD)
    request.user = person
    request.partnership = partnership
    before = AuditEvent.objects.count()

    for panel in dashboard.registered():
        if panel.shown_to(person):
            panel.context(request)
            assert AuditEvent.objects.count() == before, panel.key


def test_every_panel_is_kept_and_those_naming_confidential_records_log_their_reads():
    panels = dashboard.registered()
    assert all(panel.cacheable for panel in panels)
    assert {panel.key for panel in panels if panel.log_read} == AUDITED


@pytest.mark.parametrize(
    "panel", [p for p in dashboard.registered() if p.cacheable], ids=lambda p: p.key
)
def test_a_kept_panel_uses_nothing_of_the_request(panel):
    """Its HTML is served again on other requests: no CSRF token, path, messages or nonce."""
    source = get_template(panel.template).template.source
    for word in ("csrf", "request", "messages", "nonce"):
        assert word not in source, f"{panel.template} uses {word}"


def test_the_version_moves_once_per_transaction_and_not_for_a_rolled_back_one():
    assert ours() == []  # nothing written yet in this test's transaction
    try:
        with transaction.atomic():
            PartnershipFactory()
            assert len(ours()) == 1
            raise RuntimeError("undone")
    except RuntimeError:
        pass
    assert ours() == []  # rolled back: nothing changed, nothing to move on

    Heartbeat.objects.create(name="worker", beat_at=timezone.now())
    assert ours() == []  # a model nothing kept shows

    renamed = PartnershipFactory()
    before = len(ours())
    with transaction.atomic():
        for n in range(5):
            renamed.name = f"Renamed Partnership {n}"
            renamed.save()
    assert len(ours()) == before + 1  # once, however many writes


def test_a_request_that_sends_a_form_moves_the_version_on_but_signing_in_and_out_does_not(
    client, make_user, password
):
    owner = make_user(Role.AGENCY_LEAD)
    action = ActionFactory(owner=owner, due_on=datetime.date(2030, 1, 1))
    before = data_version.current()
    signed_in = client.post("/accounts/sign-in/", {"username": owner.email, "password": password})
    assert signed_in.status_code == 302
    client.get(DASHBOARD)
    assert data_version.current() == before

    client.post(f"/governance/actions/{action.pk}/", {"text": "Started", "status": "in_progress"})
    after_form = data_version.current()
    assert after_form > before

    client.post("/accounts/sign-out/")
    assert data_version.current() == after_form


def test_saving_only_a_last_sign_in_time_is_no_change(make_user):
    person = make_user(Role.PRACTITIONER)
    waiting = len(ours())
    with transaction.atomic():
        person.last_login = timezone.now()
        person.save(update_fields=["last_login"])
    assert len(ours()) == waiting
    with transaction.atomic():
        person.full_name = "Renamed Person"
        person.save(update_fields=["full_name"])
    assert len(ours()) == waiting + 1
