"""The national learning library: review summaries from elsewhere, imported all or nothing."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.search.models import ExternalReview
from safeguarding.search.selectors.search import search

SUMMARIES = Path(__file__).parent / "fixtures" / "summaries"
EXPECTED = json.loads((SUMMARIES / "expected.json").read_text())


def run(capsys, *args):
    call_command("import-review-summary", *args)
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_every_style_of_summary_imports_with_its_items_counted(partnership, capsys):
    files = [str(SUMMARIES / name) for name in EXPECTED]
    result = run(capsys, *files, "--partnership", partnership.slug, "--json")
    assert result["errors"] == []
    for review in result["reviews"]:
        expected = EXPECTED[Path(review["file"]).name]
        assert review["type"] == expected["type"], review["file"]
        assert review["adult"] == expected["adult"], review["file"]
        assert review["year"] == expected["year"], review["file"]
        assert len(review["learning"]) == expected["learning"], review["file"]
        assert len(review["recommendations"]) == expected["recommendations"], review["file"]
    assert ExternalReview.objects.count() == len(EXPECTED)
    assert AuditEvent.objects.filter(event="search.external_review.import").count() == len(EXPECTED)
    adult = ExternalReview.objects.get(review_type="sar")
    assert adult.is_adult


@pytest.mark.django_db
def test_reimporting_changes_nothing_and_dry_run_writes_nothing(partnership, capsys):
    path = str(SUMMARIES / "01-child-a-safer-sleep.md")
    dry = run(capsys, path, "--partnership", partnership.slug, "--json", "--dry-run")
    assert dry["reviews"][0]["status"] == "would be imported"
    assert (dry["created"], dry["updated"], dry["skipped"], dry["errors"]) == (1, 0, 0, [])
    assert not ExternalReview.objects.exists()
    first = run(capsys, path, "--partnership", partnership.slug, "--json")
    assert (first["created"], first["updated"], first["skipped"]) == (1, 0, 0)
    events = AuditEvent.objects.count()
    again = run(capsys, path, "--partnership", partnership.slug, "--json")
    assert again["reviews"][0]["status"] == "unchanged"
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 1)
    assert ExternalReview.objects.count() == 1 and AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_file_that_is_not_a_review_is_refused_with_the_reason(partnership, capsys):
    result = run(
        capsys,
        str(SUMMARIES / "10-not-a-review.txt"),
        str(SUMMARIES / "02-child-b-bruising.txt"),
        "--partnership",
        partnership.slug,
        "--json",
    )
    assert len(result["reviews"]) == 1 and result["created"] == 1
    # Each error names the file and the reason, as every importer's --json does.
    assert result["errors"][0]["file"].endswith("10-not-a-review.txt")
    assert "does not look like a review summary" in result["errors"][0]["reason"]
    assert ExternalReview.objects.count() == 1


@pytest.mark.django_db
def test_imported_reviews_are_private_until_published(partnership, capsys, client, make_user):
    path = str(SUMMARIES / "02-child-b-bruising.txt")
    run(capsys, path, "--partnership", partnership.slug, "--json")
    review = ExternalReview.objects.get()
    assert not search(user=None, text="bruising protocol").results
    url = reverse("search:external-review", args=[review.pk])
    assert client.get(url).status_code == 404
    bu = make_user(Role.BUSINESS_UNIT)
    found = search(user=bu, text="bruising protocol").results
    assert found and found[0].external
    review.is_published = True
    review.save()
    public = search(user=None, text="bruising protocol").results
    assert public[0].title == "Child B: bruising in a non-mobile baby" and public[0].external
    response = client.get(url)
    assert response.status_code == 200
    assert "From elsewhere" in response.content.decode()


@pytest.mark.django_db
def test_publish_makes_entries_public_at_once(partnership, capsys, client):
    path = str(SUMMARIES / "08-child-f-online.md")
    run(capsys, path, "--partnership", partnership.slug, "--json", "--publish")
    assert search(user=None, text="sextortion").results[0].external


@pytest.mark.django_db
def test_another_partnerships_business_unit_cannot_open_an_unchecked_entry(
    partnership, capsys, client
):
    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role

    run(capsys, str(SUMMARIES / "07-scr-e.txt"), "--partnership", partnership.slug, "--json")
    review = ExternalReview.objects.get()
    other = user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory(slug="other"))
    client.force_login(other)
    assert client.get(reverse("search:external-review", args=[review.pk])).status_code == 404
    assert not search(user=other, text="household").results
