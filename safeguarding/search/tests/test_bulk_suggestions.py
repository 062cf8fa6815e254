"""Tag what exists: untagged records with suggested themes, accepted or rejected by the
business unit in one transaction, rejections remembered; the bulk command."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.reviews.tests.factories import NotificationFactory

URL = reverse("search:theme-suggestions")


@pytest.fixture
def neglect(db):
    return Theme.objects.get(name="Neglect")


@pytest.fixture
def untagged(partnership, other_partnership, nai):
    """Two untagged notifications of the partnership, one tagged, one of another partnership."""
    first = NotificationFactory(
        partnership=partnership, outline="Long-standing neglect of a toddler; home conditions poor."
    )
    second = NotificationFactory(
        partnership=partnership, outline="Neglect and domestic abuse reported by the school nurse."
    )
    tagged = NotificationFactory(partnership=partnership, outline="Neglect of a baby.")
    tagged.themes.add(nai)
    elsewhere = NotificationFactory(
        partnership=other_partnership, outline="Neglect in another partnership's area."
    )
    return {"first": first, "second": second, "tagged": tagged, "elsewhere": elsewhere}


def _value(record, theme) -> str:
    return f"reviews.notification|{record.pk}|{theme.pk}"


@pytest.mark.django_db
def test_the_page_lists_untagged_records_with_suggestions_and_reasons(
    client, make_user, untagged, neglect
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get(URL).content.decode()
    assert f"Notification {untagged['first'].reference}" in page
    assert f"Notification {untagged['second'].reference}" in page
    assert f"Notification {untagged['tagged'].reference}" not in page  # already carries a theme
    assert f"Notification {untagged['elsewhere'].reference}" not in page  # another partnership
    assert _value(untagged["first"], neglect) in page
    assert "Because of: neglect" in page


@pytest.mark.django_db
def test_accepting_one_suggestion_tags_the_record_with_an_audit_event(
    client, make_user, untagged, neglect
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(URL, {"accept": _value(untagged["first"], neglect)})
    assert response.status_code == 302
    assert list(untagged["first"].themes.all()) == [neglect]
    event = AuditEvent.objects.get(event="search.theme_suggestion.accept")
    assert event.after == {"kind": "reviews.notification", "theme": neglect.slug}
    page = client.get(URL).content.decode()
    assert f"Notification {untagged['first'].reference}" not in page  # now tagged
    assert "1 theme added." in page


@pytest.mark.django_db
def test_a_rejected_suggestion_is_not_suggested_again(client, make_user, untagged, neglect):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    client.post(URL, {"reject": _value(untagged["first"], neglect)})
    assert not untagged["first"].themes.exists()
    assert AuditEvent.objects.filter(event="search.theme_suggestion.reject").count() == 1
    page = client.get(URL).content.decode()
    assert f"Notification {untagged['first'].reference}" in page  # still untagged
    assert _value(untagged["first"], neglect) not in page
    assert _value(untagged["second"], neglect) in page
    out = StringIO()
    call_command("suggest-themes-bulk", "--partnership", "testshire", "--json", stdout=out)
    records = {r["id"]: r for r in json.loads(out.getvalue())["records"]}
    assert neglect.slug not in [
        t["slug"] for t in records.get(untagged["first"].pk, {"themes": []})["themes"]
    ]


@pytest.mark.django_db
def test_accept_all_checked_is_all_or_nothing(client, make_user, untagged, neglect, nai):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    retired = Theme.objects.get(name="Domestic abuse")
    retired.is_active = False
    retired.save()
    chosen = [_value(untagged["first"], neglect), _value(untagged["second"], retired)]
    response = client.post(URL, {"chosen": chosen, "accept-checked": "1"})
    assert response.status_code == 400
    assert "is retired" in response.content.decode()
    assert not untagged["first"].themes.exists()  # nothing half-written
    assert not AuditEvent.objects.filter(event="search.theme_suggestion.accept").exists()
    chosen = [_value(untagged["first"], neglect), _value(untagged["second"], neglect)]
    response = client.post(URL, {"chosen": chosen, "accept-checked": "1"})
    assert response.status_code == 302
    assert list(untagged["first"].themes.all()) == [neglect]
    assert list(untagged["second"].themes.all()) == [neglect]
    assert AuditEvent.objects.filter(event="search.theme_suggestion.accept").count() == 2


@pytest.mark.django_db
def test_a_retired_theme_is_not_suggested(client, make_user, untagged, neglect):
    neglect.is_active = False
    neglect.save()
    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get(URL).content.decode()
    assert f"Notification {untagged['first'].reference}" in page
    assert _value(untagged["first"], neglect) not in page


@pytest.mark.django_db
def test_only_the_business_unit_may_tag_and_only_its_own_records(
    client, make_user, untagged, neglect
):
    assert client.get(URL).status_code == 302  # sign in first
    client.force_login(make_user(Role.PRACTITIONER))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"accept": _value(untagged["first"], neglect)}).status_code == 403
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(URL, {"accept": _value(untagged["elsewhere"], neglect)})
    assert response.status_code == 400
    assert "not one your business unit can tag" in response.content.decode()
    assert not untagged["elsewhere"].themes.exists()
    response = client.post(URL, {"accept": "nonsense"})
    assert "not recognised" in response.content.decode()
    response = client.post(URL, {"accept-checked": "1"})
    assert "Choose at least one" in response.content.decode()


@pytest.mark.django_db
def test_the_page_query_count_does_not_grow_with_records(client, make_user, partnership):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    NotificationFactory(partnership=partnership, outline="Neglect of a toddler.")
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for _ in range(12):
        NotificationFactory(partnership=partnership, outline="Neglect and domestic abuse.")
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_command_lists_suggestions_and_checks_its_arguments(untagged, neglect):
    out = StringIO()
    call_command(
        "suggest-themes-bulk",
        "--partnership",
        "testshire",
        "--type",
        "reviews.notification",
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["untagged"] == 2
    found = {r["id"]: r for r in result["records"]}
    assert set(found) == {untagged["first"].pk, untagged["second"].pk}
    first = found[untagged["first"].pk]["themes"]
    assert first[0]["slug"] == neglect.slug and "neglect" in first[0]["because"]
    out = StringIO()
    call_command("suggest-themes-bulk", "--partnership", "testshire", "--limit", "1", stdout=out)
    assert out.getvalue().startswith("2 records without a theme; 1 with suggestions.")
    assert not untagged["first"].themes.exists()  # the command tags nothing
    with pytest.raises(Exception, match="not a type of record"):
        call_command("suggest-themes-bulk", "--partnership", "testshire", "--type", "nonsense")
    with pytest.raises(Exception, match="No partnership"):
        call_command("suggest-themes-bulk", "--partnership", "nowhere")


@pytest.mark.django_db
def test_the_command_text_names_each_record_and_why_each_theme_is_suggested(untagged, neglect):
    out = StringIO()
    call_command(
        "suggest-themes-bulk",
        "--partnership",
        "testshire",
        "--type",
        "reviews.notification",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "2 records without a theme; 2 with suggestions."
    first = untagged["first"]
    prefix = f"reviews.notification {first.pk}: "
    record_line = next(row for row in lines if row.startswith(prefix))
    theme_lines = lines[lines.index(record_line) + 1 :]
    assert theme_lines[0].startswith(f"  {neglect.slug} (")
    assert "): because of " in theme_lines[0] and "neglect" in theme_lines[0]
