"""The audit-event catalogue: every code the platform writes is declared once, in its app's
audit_events.py, with one depth (app.entity.verb) and a description; the channel is a field;
an undeclared code fails a test (and only a test or development: production keeps the record)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from django.http import HttpResponse
from django.test import override_settings

from safeguarding.core import audit_catalogue, schedule
from safeguarding.core.audit import audit_channel, audit_record
from safeguarding.core.audit_catalogue import UndeclaredAuditEvent
from safeguarding.core.middleware import AuditChannelMiddleware
from safeguarding.core.models import AuditChannel, AuditEvent
from safeguarding.core.roles import Role

PACKAGE = Path(__file__).resolve().parents[2]
EVENT_KEYWORDS = {"event", "list_event", "read_event", "clock_start_event"}
# Constants and maps of codes (``IMPORT_EVENT``, ``STEP_EVENTS = {step: code}``).
EVENT_MAP_SUFFIXES = ("_EVENT", "_EVENTS")


def test_every_declared_code_has_one_depth_and_belongs_to_the_app_declaring_it():
    labels = {config.label for config in apps.get_app_configs()}
    assert audit_catalogue.catalogue(), "no app declares any audit event"
    for group in audit_catalogue.by_app():
        assert group.app_label in labels
        for event in group.events:
            assert audit_catalogue.CODE.match(event.code), event.code
            assert event.code.startswith(f"{group.app_label}."), (
                f"{event.code} is declared in {group.path} but names another app"
            )
            assert "(API)" not in event.code
            description = event.description.strip()
            assert description and description[0].isupper() and description.endswith("."), (
                f"{event.code}: describe what happened in one sentence"
            )


def _literal_codes() -> dict[str, str]:
    """Every audit code written as a literal in the platform's own (non-test) modules: passed
    as ``event=``, or in a constant or map of codes named ``*_EVENT``/``*_EVENTS``."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            values: list[ast.expr] = []
            if isinstance(node, ast.keyword) and node.arg in EVENT_KEYWORDS:
                values = [node.value]
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name)
                and (target.id in EVENT_KEYWORDS or target.id.endswith(EVENT_MAP_SUFFIXES))
                for target in node.targets
            ):
                values = [node.value]
            for value in values:
                for constant in ast.walk(value):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                        if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", constant.value):
                            found[constant.value] = f"{relative}:{constant.lineno}"
    return found


def test_every_literal_code_in_the_code_is_declared():
    """The static half of the check: codes on paths no test reaches are declared too."""
    literal = _literal_codes()
    assert len(literal) > 150
    undeclared = {
        code: where for code, where in literal.items() if not audit_catalogue.is_declared(code)
    }
    assert undeclared == {}, "\n".join(
        f"{where}: {audit_catalogue.undeclared_message(code)}"
        for code, where in sorted(undeclared.items())
    )


@pytest.mark.django_db(transaction=True)
def test_an_undeclared_code_is_refused_naming_the_file_to_declare_it_in():
    with transaction.atomic(), pytest.raises(UndeclaredAuditEvent) as refused:
        audit_record(job="test", event="reviews.review.teleported")
    message = str(refused.value)
    assert "'reviews.review.teleported' is not declared" in message
    assert "safeguarding/reviews/audit_events.py" in message
    with transaction.atomic(), pytest.raises(UndeclaredAuditEvent, match="app.entity.verb"):
        audit_record(job="test", event="review.published (API)")
    assert not AuditEvent.objects.exists()  # nothing half-written


@pytest.mark.django_db(transaction=True)
def test_without_strict_codes_an_undeclared_code_is_still_recorded():
    """Production: a missed declaration must never lose an audit record."""
    with override_settings(AUDIT_STRICT_CODES=False), transaction.atomic():
        audit_record(job="test", event="reviews.review.teleported")
    assert AuditEvent.objects.get().event == "reviews.review.teleported"


def test_codes_from_before_the_catalogue_read_as_todays_codes():
    current = audit_catalogue.current_code
    assert current("meeting.scheduled") == "governance.meeting.scheduled"
    assert current("review.publish") == "reviews.review.publish"
    assert current("notifications.list_viewed (API)") == "reviews.notifications.list_viewed"
    assert current("admin.user.changed") == "core.admin_record.changed"
    assert current("reviews.clock_breached") == "reviews.clock.breached"
    assert current("training.booking.created") == "training.booking.created"
    assert audit_catalogue.describe("review.publish") == audit_catalogue.describe(
        "reviews.review.publish"
    )
    assert audit_catalogue.describe("review.publish")
    assert audit_catalogue.channel_of_old_code("review.viewed (API)") == "api"
    for new in audit_catalogue.RENAMED.values():
        assert audit_catalogue.is_declared(new), new


# The channel ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("path", "channel"), [("/reviews/", "page"), ("/api/v1/reviews/", "api")])
def test_a_request_records_its_channel(rf, path, channel):
    def view(request):
        with transaction.atomic():
            audit_record(job="test", event="core.audit_log.archived")
        return HttpResponse("ok")

    AuditChannelMiddleware(view)(rf.get(path))
    assert AuditEvent.objects.get().channel == channel
    with transaction.atomic():
        outside = audit_record(job="test", event="core.audit_log.archived")
    assert outside.channel == ""  # the request's channel ended with it


@pytest.mark.django_db(transaction=True)
def test_the_command_line_and_the_schedule_set_their_channel(partnership):
    with audit_channel("command"), transaction.atomic():
        by_command = audit_record(job="test", event="core.audit_log.archived")
    assert AuditEvent.objects.get(pk=by_command.pk).channel == AuditChannel.COMMAND

    @schedule.register("test-channel", "Writes one event")
    def job(run):
        with transaction.atomic():
            audit_record(job="test-channel", event="core.audit_log.archived")

    try:
        schedule.run_due_jobs(only="test-channel")
    finally:
        schedule._JOBS.pop("test-channel")
    assert AuditEvent.objects.latest("pk").channel == AuditChannel.SCHEDULE
    with pytest.raises(ValueError, match="not an audit channel"):
        with audit_channel("carrier pigeon"):
            pass


# The page ------------------------------------------------------------------------------------


def test_the_catalogue_page_lists_every_event_grouped_by_app(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.get("/audit-log/events/")
    assert response.status_code == 200
    page = response.content.decode()
    for group in audit_catalogue.by_app():
        if group.events:
            assert f'id="{group.app_label}"' in page
    for code in audit_catalogue.catalogue():
        assert f"<code>{code}</code>" in page
    assert "Codes from before this list" in page
    assert "Someone" in page


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.AGENCY_LEAD])
def test_the_catalogue_page_is_for_whoever_may_see_the_audit_log(signed_in, role):
    assert signed_in(role).get("/audit-log/events/").status_code == 403


def test_the_audit_log_explains_each_event_old_or_new(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    with transaction.atomic():
        audit_record(job="test", event="accounts.partnership.updated", target=partnership)
    with override_settings(AUDIT_STRICT_CODES=False), transaction.atomic():
        audit_record(job="test", event="partnership.updated", target=partnership)  # old code
    page = client.get("/audit-log/").content.decode()
    description = audit_catalogue.describe("accounts.partnership.updated")
    assert description
    assert page.count(description) == 2
