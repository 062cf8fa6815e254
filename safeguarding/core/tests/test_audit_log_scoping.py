"""Each audit event belongs to the partnership(s) of the record it is about, and only that
partnership's business unit and chairs read it; system-wide events are for superusers."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from safeguarding.accounts.services import agency_create, agency_update
from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.audit import audit_record
from safeguarding.core.models import AuditEvent, AuditEventPartnership
from safeguarding.core.roles import Role
from safeguarding.reviews.tests.factories import NotificationFactory


@pytest.fixture
def two(partnership):
    """Testshire (the default partnership) and Otherton, each with a business unit, and an
    event about each, one about an agency both share, and one system-wide."""
    other = PartnershipFactory(slug="otherton", name="Otherton Safeguarding Partnership")
    ours = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, email="bu@ours.example")
    theirs = user_with_role(Role.BUSINESS_UNIT, partnership=other, email="bu@theirs.example")
    secret = NotificationFactory(partnership=other, child_pseudonym="Child Zebedee")
    with transaction.atomic():
        audit_record(
            actor=theirs,
            event="reviews.notification.updated",
            target=secret,
            after={"nature": "Otherton's confidential detail"},
        )
        audit_record(job="maintenance", event="core.audit_log.archived")
    agency_create(
        actor=ours,
        partnerships=[partnership],
        name="Testshire Only",
        type="voluntary",
        sector="voluntary",
    )
    shared = agency_create(
        actor=theirs,
        partnerships=[partnership, other],
        name="Shared Agency",
        type="voluntary",
        sector="voluntary",
    )
    agency_update(actor=theirs, agency=shared, name="Shared Agency Renamed")
    return {"ours": ours, "theirs": theirs, "other": other, "secret": secret}


def _csv(client) -> str:
    return b"".join(client.get("/audit-log/export.csv").streaming_content).decode()


def test_an_event_records_the_partnerships_of_its_record(two, partnership):
    secret_event = AuditEvent.objects.get(event="reviews.notification.updated")
    assert list(secret_event.partnerships.all()) == [two["other"]]
    shared = AuditEvent.objects.get(event="accounts.agency.updated")
    assert set(shared.partnerships.all()) == {partnership, two["other"]}
    assert not AuditEvent.objects.get(event="core.audit_log.archived").partnerships.exists()


def test_another_partnerships_business_unit_sees_none_of_its_events(client, two):
    client.force_login(two["ours"])
    page = client.get("/audit-log/").content.decode()
    export = _csv(client)
    for text in (page, export):
        assert "Testshire Only" in text
        assert "Shared Agency Renamed" in text, "an agency of both partnerships is ours too"
        assert "reviews.notification.updated" not in text and "Zebedee" not in text
        assert "confidential detail" not in text
        assert "core.audit_log.archived" not in text
    # Filtering by the hidden event's own values finds nothing either.
    secret = AuditEvent.objects.get(event="reviews.notification.updated")
    page = client.get("/audit-log/", {"target_id": secret.target_id}).content.decode()
    assert "Zebedee" not in page
    assert "reviews.notification.updated" not in client.get("/audit-log/").content.decode()


def test_a_chair_reads_only_their_partnerships_events(client, two, partnership):
    chair = user_with_role(Role.CHAIR, partnership=partnership)
    client.force_login(chair)
    page = client.get("/audit-log/").content.decode()
    assert "Testshire Only" in page and "Zebedee" not in page


def test_the_owning_partnership_reads_its_own_confidential_events(client, two):
    client.force_login(two["theirs"])
    page = client.get("/audit-log/").content.decode()
    assert "Zebedee" in page and "Testshire Only" not in page
    assert "core.audit_log.archived" not in page


def test_only_a_superuser_reads_system_wide_events(client, two):
    superuser = get_user_model().objects.create_superuser(
        email="root@test.example", password="irrelevant-Passw0rd"
    )
    client.force_login(superuser)
    page = client.get("/audit-log/").content.decode()
    assert "core.audit_log.archived" in page and "Zebedee" in page and "Testshire Only" in page
    assert "core.audit_log.archived" in _csv(client)


def test_the_dashboard_activity_panel_is_scoped_too(client, two):
    from safeguarding.core.selectors import recent_activity

    def sentences(user) -> str:
        return " ".join(item["sentence"] for item in recent_activity(user=user))

    assert "Zebedee" in sentences(two["theirs"])
    ours = sentences(two["ours"])
    assert "Testshire Only" in ours
    assert "Zebedee" not in ours
    client.force_login(two["ours"])
    assert "Zebedee" not in client.get("/dashboard/").content.decode()


def test_an_event_about_a_list_page_belongs_to_the_viewers_partnerships(two):
    with transaction.atomic():
        event = audit_record(actor=two["theirs"], event="reviews.notifications.list_viewed")
    assert list(event.partnerships.all()) == [two["other"]]


def test_existing_events_are_given_their_partnerships_by_the_data_migration(two, partnership):
    secret = two["secret"]
    old = AuditEvent.objects.create(
        actor_label="someone",
        event="reviews.notification.viewed",
        target_type="reviews.notification",
        target_id=str(secret.pk),
        target_label="old",
    )
    gone = AuditEvent.objects.create(
        actor_label="someone",
        event="reviews.notification.viewed",
        target_type="reviews.notification",
        target_id="999999",
    )
    migration = importlib.import_module(
        "safeguarding.core.migrations.0005_backfill_audit_event_partnerships"
    )
    migration.backfill(apps, None)
    assert list(old.partnerships.all()) == [two["other"]]
    assert not gone.partnerships.exists(), "a record that no longer exists: system-wide"
    # Running it again adds nothing twice.
    count = AuditEventPartnership.objects.count()
    migration.backfill(apps, None)
    assert AuditEventPartnership.objects.count() == count


def test_an_event_about_the_signed_in_person_belongs_to_their_partnerships(
    signed_in, partnership, password
):
    client = signed_in(Role.PRACTITIONER)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "A brand new passw0rd here",
            "new_password2": "A brand new passw0rd here",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(event="accounts.password.changed")
    assert list(event.partnerships.all()) == [partnership]
