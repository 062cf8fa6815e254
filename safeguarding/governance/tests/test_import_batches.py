"""Import batches end to end: a newsletter imported as drafts, reviewed (a title fixed, a
non-message dropped, items merged and split) and published; the public archive shows exactly
those; the same meeting from a second, numbered document changes nothing (the fuller text
wins and never flips); bad input writes nothing; only the partnership's business unit sees
a batch."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.tests.import_jobs import post_and_land
from safeguarding.governance.models import ImportBatch, ImportItem, KeyMessage
from safeguarding.governance.tests.factories import KeyMessageFactory

pytestmark = pytest.mark.django_db

NEWSLETTER = """# Ashcombe Safeguarding Partnership – Newsletter, Winter 2024

## In this issue

Board news, training dates and a new podcast.

## News from the Board

At its meeting on 12 December 2024, the Partnership Board agreed the following:

- Neglect strategy – The refreshed strategy is published, with a toolkit for every agency.
- Exploitation hub – The hub will take referrals from January, seven days a week.
- Thank you to everyone who came to the conference.

Please share these key messages with your teams.

## Training

Places remain on our January course on trauma-informed practice.
"""

NUMBERED = """Partnership Board, 12 December 2024

1. Neglect strategy – The refreshed strategy is published.
2. Exploitation hub – The hub will take referrals from January.
"""


def run(*args) -> tuple[dict, int]:
    out = StringIO()
    try:
        call_command("import-key-messages", *[str(a) for a in args], "--json", stdout=out)
    except SystemExit as stop:
        return json.loads(out.getvalue()), stop.code
    return json.loads(out.getvalue()), 0


def _upload(client, partnership, name, data):
    # The page queues a job; the worker runs it at once here (core.import_jobs).
    return post_and_land(
        client,
        "/governance/key-messages/import/",
        {"partnership": partnership.pk, "file": SimpleUploadedFile(name, data)},
    )


def test_newsletter_import_review_and_publish_shows_exactly_those_messages(
    signed_in, partnership, client
):
    bu = signed_in(Role.BUSINESS_UNIT)
    response = _upload(bu, partnership, "winter.md", NEWSLETTER.encode())
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/imports/{batch.pk}/")
    assert not KeyMessage.objects.exists()  # nothing public before a person publishes
    items = list(batch.items.all())
    assert [i.title for i in items] == [
        "Neglect strategy",
        "Exploitation hub",
        "Thank you to everyone who came to the conference",
    ]
    review = bu.get(response.url)
    page = review.text
    assert "Review winter.md" in page
    assert "Title made from its first words" in page
    assert "a note about reading or sharing the messages" in page  # left out, with the reason
    assert "ot in the board update or key messages section" in page
    assert "Places remain on our January course" in page  # the source text, beside the items

    fix = bu.post(
        f"/governance/key-messages/imports/items/{items[1].pk}/edit/",
        {"title": "Exploitation hub opens", "body": items[1].body},
    )
    assert fix.status_code == 302
    bu.post(f"/governance/key-messages/imports/items/{items[2].pk}/drop/")
    published = bu.post(f"/governance/key-messages/imports/{batch.pk}/publish/", {"scope": "all"})
    assert published.status_code == 302

    archive = Client().get("/key-messages/?partnership=" + partnership.slug).text
    assert "Neglect strategy" in archive and "Exploitation hub opens" in archive
    assert "Thank you to everyone" not in archive
    assert set(KeyMessage.objects.values_list("title", flat=True)) == {
        "Neglect strategy",
        "Exploitation hub opens",
    }
    batch.refresh_from_db()
    assert batch.status == "published"
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {
        "governance.import_batch.create",
        "governance.import_item.update",
        "governance.import_item.drop",
        "governance.import_batch.publish",
        "governance.key_message.import",
    } <= events

    # The same meeting from a second, numbered document changes nothing.
    again = _upload(bu, partnership, "december.txt", NUMBERED.encode())
    second = ImportBatch.objects.exclude(pk=batch.pk).get()
    assert again.url.endswith(f"/imports/{second.pk}/")
    matched = list(second.items.all())
    assert all(i.match is not None for i in matched)
    assert "Matches “Neglect strategy”" in bu.get(again.url).text
    bu.post(f"/governance/key-messages/imports/{second.pk}/publish/", {"scope": "all"})
    assert KeyMessage.objects.count() == 2
    neglect = KeyMessage.objects.get(title="Neglect strategy")
    assert "toolkit for every agency" in neglect.body


def test_fuller_text_wins_in_any_order_and_never_flips(tmp_path):
    PartnershipFactory(slug="ashcombe")
    short = tmp_path / "short.txt"
    short.write_text(NUMBERED)
    full = tmp_path / "full.txt"
    full.write_text(
        "Partnership Board, 12 December 2024\n\n"
        "Neglect strategy – The refreshed strategy is published, with a toolkit for every "
        "agency and a briefing for schools.\n\n"
        "Exploitation hub – The hub will take referrals from January.\n"
    )
    first, _ = run(short, "--partnership", "ashcombe", "--publish")
    assert first["created"] == 2
    second, _ = run(full, "--partnership", "ashcombe", "--publish")
    assert (second["created"], second["updated"], second["skipped"]) == (0, 1, 1)
    body = KeyMessage.objects.get(title="Neglect strategy").body
    assert "briefing for schools" in body
    for path in (short, full, short):
        again, _ = run(path, "--partnership", "ashcombe", "--publish")
        assert again["created"] == again["updated"] == 0
    assert KeyMessage.objects.get(title="Neglect strategy").body == body
    assert KeyMessage.objects.count() == 2


def test_command_drafts_by_default_and_reimport_changes_nothing(tmp_path):
    PartnershipFactory(slug="ashcombe")
    path = tmp_path / "winter.md"
    path.write_text(NEWSLETTER)
    summary, status = run(path, "--partnership", "ashcombe")
    assert status == 0 and not summary["published"]
    assert (summary["created"], summary["updated"], summary["skipped"]) == (3, 0, 0)
    assert summary["left_out"] == 1
    outcomes = {(i["line"], i["outcome"]) for i in summary["items"]}
    assert (15, "left_out") in outcomes  # "Please share these key messages…"
    note = next(i for i in summary["items"] if i["outcome"] == "left_out")
    assert note["reason"].startswith("a note about reading")
    assert not KeyMessage.objects.exists() and ImportItem.objects.count() == 3
    again, status = run(path, "--partnership", "ashcombe")
    assert status == 0 and again["batches"] == [] and again["skipped"] == 3
    assert ImportBatch.objects.count() == 1 and ImportItem.objects.count() == 3


def test_dry_run_writes_no_batch(tmp_path):
    PartnershipFactory(slug="ashcombe")
    path = tmp_path / "winter.md"
    path.write_text(NEWSLETTER)
    summary, _ = run(path, "--partnership", "ashcombe", "--publish", "--dry-run")
    assert summary["created"] == 3 and summary["dry_run"]
    assert not ImportBatch.objects.exists() and not KeyMessage.objects.exists()


def test_bad_input_is_refused_with_what_to_do_and_nothing_is_written(tmp_path):
    PartnershipFactory(slug="ashcombe")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\n   \n")
    sheet = tmp_path / "messages.csv"
    sheet.write_text("title,body\n")
    summary, status = run(empty, blank, sheet, "--partnership", "ashcombe", "--publish")
    assert status == 1
    reasons = [e["reason"] for e in summary["errors"]]
    assert reasons[0] == "the file is empty"
    assert reasons[1] == "there is no text in it"
    assert reasons[2].startswith("files ending .csv are not a format the importer reads")
    assert not ImportBatch.objects.exists() and not KeyMessage.objects.exists()


def test_windows_1252_is_read_with_a_note(tmp_path):
    PartnershipFactory(slug="ashcombe")
    path = tmp_path / "old.txt"
    text = NUMBERED + "\nCafé – Open all day for carers and families.\n"
    path.write_bytes(text.encode("cp1252"))
    summary, status = run(path, "--partnership", "ashcombe")
    assert status == 0 and summary["created"] == 3
    batch = ImportBatch.objects.get()
    assert "Windows-1252" in batch.notes[0]
    assert batch.items.filter(title="Café").exists()


def test_merge_and_split(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    _upload(bu, partnership, "december.txt", NUMBERED.encode())
    batch = ImportBatch.objects.get()
    first, second = batch.items.all()
    bu.post(f"/governance/key-messages/imports/items/{first.pk}/merge/")
    merged = batch.items.get()
    assert "**Exploitation hub**" in merged.body
    response = bu.post(f"/governance/key-messages/imports/items/{merged.pk}/split/", {"at": "2"})
    assert response.status_code == 302
    one, two = batch.items.all()
    assert one.body == "The refreshed strategy is published."
    assert two.title == "Exploitation hub" and two.title_derived
    refused = bu.post(f"/governance/key-messages/imports/items/{one.pk}/split/", {"at": "5"})
    assert batch.items.count() == 2
    assert "Choose where to split" in bu.get(refused.url).text


def test_publish_selected_items_only(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    _upload(bu, partnership, "december.txt", NUMBERED.encode())
    batch = ImportBatch.objects.get()
    first, second = batch.items.all()
    bu.post(
        f"/governance/key-messages/imports/{batch.pk}/publish/",
        {"scope": "selected", "items": [str(second.pk)]},
    )
    assert list(KeyMessage.objects.values_list("title", flat=True)) == ["Exploitation hub"]
    batch.refresh_from_db()
    assert batch.status == "review"  # one still to publish


@pytest.mark.parametrize("role", [Role.CHAIR, Role.PRACTITIONER])
def test_only_the_business_unit_sees_a_batch(signed_in, partnership, role, make_user):
    bu = signed_in(Role.BUSINESS_UNIT)
    _upload(bu, partnership, "december.txt", NUMBERED.encode())
    batch = ImportBatch.objects.get()
    other = signed_in(role)
    assert other.get(f"/governance/key-messages/imports/{batch.pk}/").status_code in {403, 404}


def test_another_partnerships_business_unit_is_refused(signed_in, partnership, client):
    bu = signed_in(Role.BUSINESS_UNIT)
    _upload(bu, partnership, "december.txt", NUMBERED.encode())
    batch = ImportBatch.objects.get()
    item = batch.items.first()
    signed_in(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    assert client.get(f"/governance/key-messages/imports/{batch.pk}/").status_code == 404
    assert client.post(f"/governance/key-messages/imports/items/{item.pk}/drop/").status_code == 404
    assert client.post(f"/governance/key-messages/imports/{batch.pk}/publish/").status_code == 404
    assert "december.txt" not in client.get("/governance/key-messages/imports/").text
    item.refresh_from_db()
    assert item.included and not KeyMessage.objects.exists()


def test_batch_list_query_count_does_not_grow(
    signed_in, partnership, django_assert_max_num_queries
):
    bu = signed_in(Role.BUSINESS_UNIT)
    _upload(bu, partnership, "december.txt", NUMBERED.encode())
    with django_assert_max_num_queries(30) as few:
        assert bu.get("/governance/key-messages/imports/").status_code == 200
    baseline = len(few.captured_queries)  # read now: each request resets the query log
    for n in range(4):
        text = NUMBERED.replace("12 December", f"{n + 1} May")
        _upload(bu, partnership, f"more-{n}.txt", text.encode())
    with django_assert_max_num_queries(baseline):
        assert bu.get("/governance/key-messages/imports/").text.count("more-") == 4


def test_a_draft_on_the_platform_is_left_alone(tmp_path, partnership):
    import datetime

    draft = KeyMessageFactory(
        partnership=partnership,
        meeting_date=datetime.date(2024, 12, 12),
        title="Neglect strategy",
        status="draft",
        body="Our own words",
    )
    path = tmp_path / "december.txt"
    path.write_text(NUMBERED)
    summary, status = run(path, "--partnership", partnership.slug, "--publish")
    assert status == 0 and (summary["created"], summary["skipped"]) == (1, 1)
    draft.refresh_from_db()
    assert draft.body == "Our own words"
