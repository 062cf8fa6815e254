"""The audit log is append-only: no change or delete through the models, the pages, the back
office, the API or (on PostgreSQL) raw SQL; old events leave only through archive-audit-log,
which writes them to a checksummed file first and logs that it did."""

import datetime
import hashlib
import json

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from safeguarding.config.env import load
from safeguarding.core.audit import audit_record
from safeguarding.core.models import AuditEvent, AuditEventPartnership, AuditLogIsAppendOnly
from safeguarding.core.roles import Role

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger is PostgreSQL's; on SQLite Django's test clean-up empties "
    "tables with DELETE, so only the application's guard applies there",
)


@pytest.fixture
def event(partnership, make_user):
    with transaction.atomic():
        return audit_record(
            actor=make_user(Role.BUSINESS_UNIT),
            event="core.record.viewed",
            target=partnership,
            after={"name": "original"},
        )


def _old_events(partnership, when: str, count: int) -> list[AuditEvent]:
    with time_machine.travel(datetime.datetime.fromisoformat(when), tick=False):
        with transaction.atomic():
            return [
                audit_record(
                    job="old job",
                    event="accounts.partnership.updated",
                    target=partnership,
                    after={"n": n},
                )
                for n in range(count)
            ]


def test_the_models_refuse_to_change_or_delete_an_event(event):
    event.event = "thing.rewritten"
    with pytest.raises(AuditLogIsAppendOnly, match="append-only"):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(event="thing.rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEventPartnership.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEventPartnership.objects.update(partnership=None)
    assert AuditEvent.objects.get(pk=event.pk).event == "core.record.viewed"


def test_deleting_a_person_with_a_history_is_refused_not_silently_unlinked(event):
    with pytest.raises(ProtectedError):
        event.actor.delete()
    assert AuditEvent.objects.get(pk=event.pk).actor == event.actor


@postgres_only
def test_postgresql_refuses_raw_update_and_delete(event):
    for sql in (
        "UPDATE core_auditevent SET event = 'thing.rewritten'",
        "DELETE FROM core_auditevent",
        "UPDATE core_auditeventpartnership SET partnership_id = partnership_id",
        "DELETE FROM core_auditeventpartnership",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).event == "core.record.viewed"
    assert AuditEventPartnership.objects.filter(event=event).exists()


def test_the_pages_only_read(signed_in, event):
    client = signed_in(Role.BUSINESS_UNIT)
    for path in ("/audit-log/", "/audit-log/export.csv"):
        for method in ("post", "put", "patch", "delete"):
            assert getattr(client, method)(path).status_code == 405, (method, path)
    assert AuditEvent.objects.filter(pk=event.pk, event="core.record.viewed").exists()


def test_the_back_office_has_no_audit_log_page(client, event):
    assert AuditEvent not in admin.site._registry
    assert AuditEventPartnership not in admin.site._registry
    superuser = get_user_model().objects.create_superuser(
        email="root@test.example", password="irrelevant-Passw0rd"
    )
    client.force_login(superuser)
    for path in (
        "/admin/core/auditevent/",
        f"/admin/core/auditevent/{event.pk}/change/",
        f"/admin/core/auditevent/{event.pk}/delete/",
    ):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"post": "yes"}).status_code == 404, path
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_retention_is_read_from_the_environment():
    assert load({}).audit_log_retention_days == 2557
    assert load({"AUDIT_LOG_RETENTION_DAYS": "3650"}).audit_log_retention_days == 3650
    with pytest.raises(Exception, match="AUDIT_LOG_RETENTION_DAYS must be at least 365"):
        load({"AUDIT_LOG_RETENTION_DAYS": "30"})


def test_archiving_writes_old_events_to_a_checksummed_file_then_removes_them(
    partnership, event, tmp_path, settings
):
    settings.AUDIT_LOG_RETENTION_DAYS = 365
    old = _old_events(partnership, "2019-03-01T12:00:00+00:00", 3)
    kept = _old_events(partnership, "2019-06-01T12:00:00+00:00", 1)
    output = tmp_path / "audit-2019.jsonl"

    call_command("archive-audit-log", "--before", "2019-04-01", "--output", str(output))

    lines = output.read_text().splitlines()
    archived = [json.loads(line) for line in lines]
    assert [a["id"] for a in archived] == [e.pk for e in old]
    assert archived[0]["event"] == "accounts.partnership.updated" and archived[0]["after"] == {
        "n": 0
    }
    assert archived[0]["partnership_ids"] == [partnership.pk]
    assert archived[0]["occurred_at"].startswith("2019-03-01")
    checksum = (tmp_path / "audit-2019.jsonl.sha256").read_text()
    assert checksum == f"{hashlib.sha256(output.read_bytes()).hexdigest()}  audit-2019.jsonl\n"
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert not AuditEventPartnership.objects.filter(event_id__in=[e.pk for e in old]).exists()
    assert AuditEvent.objects.filter(pk__in=[kept[0].pk, event.pk]).count() == 2
    logged = AuditEvent.objects.get(event="core.audit_log.archived")
    assert logged.after["events"] == 3 and logged.after["sha256"] in checksum
    assert logged.actor_label == "system: archive-audit-log"
    assert not logged.partnerships.exists(), "system-wide: superusers read it"
    # The bypass was for the archiving only: the log is append-only again.
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM core_auditevent")


def test_archiving_refuses_events_inside_the_retention_period(
    partnership, event, tmp_path, settings
):
    settings.AUDIT_LOG_RETENTION_DAYS = 2557
    with pytest.raises(CommandError, match="kept for 2557 days .* must be .* or earlier"):
        call_command(
            "archive-audit-log", "--before", "2099-01-01", "--output", str(tmp_path / "a.jsonl")
        )
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert not (tmp_path / "a.jsonl").exists()


def test_archiving_refuses_an_existing_file_and_a_bad_date(partnership, tmp_path, settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 365
    old = _old_events(partnership, "2019-03-01T12:00:00+00:00", 1)
    existing = tmp_path / "already.jsonl"
    existing.write_text("keep me\n")
    with pytest.raises(CommandError, match="already exists. Choose a new --output file"):
        call_command("archive-audit-log", "--before", "2019-04-01", "--output", str(existing))
    assert existing.read_text() == "keep me\n"
    with pytest.raises(CommandError, match="must be a date like 2019-04-01"):
        call_command("archive-audit-log", "--before", "1/4/2019", "--output", "x.jsonl")
    assert AuditEvent.objects.filter(pk=old[0].pk).exists()
