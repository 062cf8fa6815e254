"""Subscribing with double opt-in, preferences, one-click unsubscribe, import and export."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from safeguarding.comms import tokens
from safeguarding.comms.models import Subscriber, SubscriberStatus, Suppression
from safeguarding.comms.services.subscribers import (
    subscriber_unsubscribe,
    subscribers_import,
)
from safeguarding.comms.tests.factories import SubscriberFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def _link_in(message, name: str) -> str:
    found = re.search(r"https?://\S+" + re.escape(name) + r"\S+", message.body)
    assert found, message.body
    return found.group(0)


def test_sign_up_sends_a_confirmation_link_and_nothing_else_until_it_is_followed(
    client, partnership, django_capture_on_commit_callbacks
):
    theme = Theme.objects.active().first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("comms:subscribe"),
            {
                "email": " Robin.Hart@School.example ",
                "first_name": "Robin",
                "audiences": ["education", "parents"],
                "themes": [theme.pk],
                "consent": "on",
            },
        )
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    subscriber = Subscriber.objects.get(partnership=partnership)
    assert subscriber.email == "robin.hart@school.example"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.audiences == ["education", "parents"]
    assert list(subscriber.themes.all()) == [theme]
    assert partnership.name in subscriber.consent_wording
    assert len(mail.outbox) == 1
    confirm_url = _link_in(mail.outbox[0], "/subscribe/confirm/")

    response = client.get(confirm_url.replace("http://testserver", ""))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.consent_given_at is not None
    assert AuditEvent.objects.filter(event="comms.subscriber.confirm").count() == 1


def test_sign_up_needs_a_valid_address_and_consent(client, partnership):
    response = client.post(reverse("comms:subscribe"), {"email": "not an address"})
    body = response.content.decode()
    assert "Tick the box to agree to receive the bulletin" in body
    assert "Enter an email address in the correct format" in body
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_a_forged_confirmation_link_is_refused(client, partnership):
    subscriber = SubscriberFactory(partnership=partnership, status=SubscriberStatus.PENDING)
    token = tokens.confirm_token(subscriber)
    response = client.get(reverse("comms:subscribe-confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_preferences_are_changed_through_the_signed_link(client, partnership):
    subscriber = SubscriberFactory(partnership=partnership, audiences=["health"])
    url = reverse("comms:preferences", args=[tokens.preferences_token(subscriber)])
    assert subscriber.email in client.get(url).content.decode()
    response = client.post(url, {"audiences": ["police", "social_care"]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.audiences == ["police", "social_care"]
    assert client.get(url.replace("/preferences/", "/preferences/x")).status_code == 404


def test_saving_preferences_keeps_a_theme_retired_since_the_subscriber_chose_it(
    client, partnership
):
    followed, other = Theme.objects.active().order_by("name")[:2]
    subscriber = SubscriberFactory(partnership=partnership, audiences=["health"])
    subscriber.themes.set([followed])
    Theme.objects.filter(pk=followed.pk).update(is_active=False)
    url = reverse("comms:preferences", args=[tokens.preferences_token(subscriber)])

    page = client.get(url).content.decode()
    assert f"{followed.name} (retired)" in page

    client.post(url, {"audiences": ["health"], "themes": [followed.pk, other.pk]})
    assert set(subscriber.themes.all()) == {followed, other}
    client.post(url, {"audiences": ["health"], "themes": [other.pk]})
    assert set(subscriber.themes.all()) == {other}
    # Once dropped, a retired theme cannot be chosen again.
    response = client.post(url, {"audiences": ["health"], "themes": [followed.pk]})
    assert response.status_code == 200
    assert set(subscriber.themes.all()) == {other}


def test_one_click_unsubscribe_works_without_a_cookie_and_suppresses_the_address(partnership):
    from django.test import Client

    subscriber = SubscriberFactory(partnership=partnership)
    client = Client(enforce_csrf_checks=True)
    url = reverse("comms:unsubscribe", args=[tokens.preferences_token(subscriber)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert Suppression.objects.filter(partnership=partnership, email=subscriber.email).exists()


def test_import_reports_each_bad_row_merges_duplicates_and_never_resubscribes(
    partnership, audience_csv
):
    left = SubscriberFactory(partnership=partnership, email="left.before@charity.example")
    subscriber_unsubscribe(subscriber=left)

    result = subscribers_import(job="test", partnership=partnership, content=audience_csv)

    assert (result.created, result.updated, result.skipped) == (2, 0, 1)
    assert [(e["row"], e["reason"]) for e in result.errors] == [
        (4, "This is not a valid email address."),
        (6, "The email address is missing."),
    ]
    jo = Subscriber.objects.get(partnership=partnership, email="jo.patel@health.example")
    assert jo.tags == ["Health", "Named nurse"]  # the duplicate row merged into the first
    assert jo.status == SubscriberStatus.CONFIRMED
    assert "Imported" in jo.consent_wording
    left.refresh_from_db()
    assert left.status == SubscriberStatus.UNSUBSCRIBED


def test_a_dry_run_saves_nothing(partnership, audience_csv):
    result = subscribers_import(
        job="test", partnership=partnership, content=audience_csv, dry_run=True
    )
    assert result.created == 3
    assert not Subscriber.objects.exists()
    assert not AuditEvent.objects.filter(event="comms.subscriber.import").exists()


def test_a_file_without_the_email_column_is_refused_whole(partnership):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Email Address"):
        subscribers_import(job="test", partnership=partnership, content=b"Name,Mail\nA,b@c.d\n")
    assert not Subscriber.objects.exists()


def test_import_command_prints_json(partnership, tmp_path, audience_csv):
    path = tmp_path / "audience.csv"
    path.write_bytes(audience_csv)
    out = StringIO()
    call_command(
        "import-subscribers", str(path), "--partnership", partnership.slug, "--json", stdout=out
    )
    summary = json.loads(out.getvalue())
    assert (summary["created"], summary["updated"], summary["skipped"]) == (3, 0, 0)
    assert len(summary["errors"]) == 2
    # Importing the same file again changes nothing (and records no import).
    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("import-subscribers", str(path), "--partnership", partnership.slug, stdout=out)
    assert "0 created, 0 updated, 3 skipped, 2 errors" in out.getvalue()
    assert AuditEvent.objects.count() == events
    out = StringIO()
    call_command(
        "import-subscribers", str(path), "--partnership", partnership.slug, "--json", stdout=out
    )
    again = json.loads(out.getvalue())
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 3)
    # Each error names its row and the reason, as every importer's --json does.
    assert [(e["row"], e["reason"]) for e in again["errors"]] == [
        (4, "This is not a valid email address."),
        (6, "The email address is missing."),
    ]
    # A file that adds a tag to a subscriber updates that one only.
    path.write_bytes(audience_csv + b"jo.patel@health.example,Jo,Patel,Governors\n")
    out = StringIO()
    call_command(
        "import-subscribers", str(path), "--partnership", partnership.slug, "--json", stdout=out
    )
    changed = json.loads(out.getvalue())
    assert (changed["created"], changed["updated"], changed["skipped"]) == (0, 1, 2)


def test_a_file_refused_whole_still_prints_the_json_summary(partnership, tmp_path):
    from django.core.management import CommandError

    path = tmp_path / "names.csv"
    path.write_bytes(b"Name,Mail\nA,b@c.example\n")
    out = StringIO()
    with pytest.raises(CommandError, match="Email Address"):
        call_command(
            "import-subscribers", str(path), "--partnership", partnership.slug, "--json", stdout=out
        )
    summary = json.loads(out.getvalue())
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 0, 0)
    assert [(e["row"], "Email Address" in e["reason"]) for e in summary["errors"]] == [(None, True)]
    assert not Subscriber.objects.exists()


def test_business_unit_imports_through_the_page_and_exports_csv(
    signed_in, partnership, audience_csv, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.core.tests.import_jobs import post_and_follow

    client = signed_in(Role.BUSINESS_UNIT)
    job, page = post_and_follow(
        client,
        django_capture_on_commit_callbacks,
        reverse("comms:subscriber-import"),
        {"file": SimpleUploadedFile("audience.csv", audience_csv, content_type="text/csv")},
    )
    body = page.content.decode()
    assert job.status == "done" and job.partnership == partnership
    assert "3 added, 0 updated, 0 skipped, 2 with errors" in body
    assert "This is not a valid email address." in body
    assert not job.file  # the file of addresses is not kept once imported
    assert AuditEvent.objects.filter(event="comms.subscriber.import").exists()
    export = client.get(reverse("comms:subscriber-export"))
    text = export.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Email Address,First Name,Last Name,Status")
    assert "alex.morgan@school.example" in text
    assert AuditEvent.objects.filter(event="comms.subscriber.export").exists()


def test_the_import_job_saves_the_rows_read_in_batches(
    partnership, make_user, audience_csv, monkeypatch
):
    from django.core.files.base import ContentFile

    from safeguarding.core.import_jobs import import_job_create, import_job_execute

    monkeypatch.setattr("safeguarding.comms.services.subscribers.PROGRESS_EVERY", 2)
    job = import_job_create(
        actor=make_user(Role.BUSINESS_UNIT),
        partnership=partnership,
        kind="comms.subscribers",
        upload=ContentFile(audience_csv, name="audience.csv"),
    )
    seen: list[tuple[int, int | None]] = []
    import_job_execute(
        job_id=job.pk, on_progress=lambda j: seen.append((j.rows_done, j.rows_total))
    )
    rows = len(audience_csv.decode().strip().splitlines()) - 1
    assert seen == [(n, rows) for n in range(0, rows, 2)] + [(rows, rows)]
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("done", rows, rows)


def test_the_page_checks_a_file_then_imports_it_on_confirming(
    signed_in, partnership, audience_csv, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.comms.models import Subscriber
    from safeguarding.core.tests.import_jobs import post_and_follow

    client = signed_in(Role.BUSINESS_UNIT)
    upload = SimpleUploadedFile("audience.csv", audience_csv, content_type="text/csv")
    job, page = post_and_follow(
        client,
        django_capture_on_commit_callbacks,
        reverse("comms:subscriber-import"),
        {"file": upload, "dry_run": "on"},
    )
    assert "Checked: nothing was saved" in page.content.decode()
    assert not Subscriber.objects.exists()
    # Rows with errors: the check offers no import of the whole file.
    assert "Import the subscribers" not in page.content.decode()
    assert client.post(reverse("core:import-job-confirm", args=[job.pk])).status_code == 302
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "Email Address,First Name\nsíle@school.example,Síle\n".encode("cp1252"),
            "not a CSV file saved as UTF-8",
        ),
        (
            b"Email,First Name\nsile@school.example,Sile\n",
            "The file has no “Email Address” column",
        ),
    ],
)
def test_a_file_not_utf8_or_without_the_email_column_is_refused_on_the_form_at_once(
    signed_in, django_capture_on_commit_callbacks, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.core.models import ImportJob

    client = signed_in(Role.BUSINESS_UNIT)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("comms:subscriber-import"),
            {"file": SimpleUploadedFile("audience.csv", content, content_type="text/csv")},
        )
    assert page.status_code == 200  # the form again, with its error; no job queued
    text = page.content.decode()
    assert "govuk-error-summary" in text and message in text
    assert not ImportJob.objects.exists()


def test_a_file_not_utf8_past_its_first_bytes_fails_on_the_worker_with_a_clear_message(
    signed_in, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.comms.models import Subscriber
    from safeguarding.comms.services.subscribers import FILE_CHECK_BYTES
    from safeguarding.core.tests.import_jobs import post_and_follow

    client = signed_in(Role.BUSINESS_UNIT)
    rows = "".join(f"person{n}@school.example,Person\n" for n in range(3000))
    content = f"Email Address,First Name\n{rows}".encode() + "síle@school.example,Síle\n".encode(
        "cp1252"
    )
    assert len(content) > FILE_CHECK_BYTES  # the form reads only the start of the file
    job, page = post_and_follow(
        client,
        django_capture_on_commit_callbacks,
        reverse("comms:subscriber-import"),
        {"file": SimpleUploadedFile("audience.csv", content, content_type="text/csv")},
    )
    assert page.status_code == 200 and job.status == "failed"
    assert "The import failed" in page.content.decode()
    assert "not a CSV file saved as UTF-8" in page.content.decode()
    assert not Subscriber.objects.exists()
    assert AuditEvent.objects.filter(event="core.import_job.failed").exists()


def test_the_form_check_does_not_refuse_a_character_cut_by_its_first_bytes():
    from safeguarding.comms.services.subscribers import subscribers_file_check

    head = "Email Address,First Name\nsíle@school.example,Síle\n".encode()
    subscribers_file_check(head[: head.index("í".encode()) + 1])  # half of "í": no error


def test_another_partnership_cannot_follow_the_import(
    signed_in, client, audience_csv, make_user, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.accounts.tests.factories import PartnershipFactory
    from safeguarding.core.tests.import_jobs import post_and_follow

    job, _ = post_and_follow(
        signed_in(Role.BUSINESS_UNIT),
        django_capture_on_commit_callbacks,
        reverse("comms:subscriber-import"),
        {"file": SimpleUploadedFile("audience.csv", audience_csv, content_type="text/csv")},
    )
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    assert client.get(reverse("core:import-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("core:import-job-progress-json", args=[job.pk])).status_code == 404


def test_a_business_unit_elsewhere_never_sees_these_subscribers(client, partnership, make_user):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    SubscriberFactory(partnership=partnership, email="only.here@school.example")
    other = make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    client.force_login(other)
    assert (
        "only.here@school.example"
        not in client.get(reverse("comms:subscriber-list")).content.decode()
    )
    assert (
        "only.here@school.example"
        not in client.get(reverse("comms:subscriber-export")).content.decode()
    )
