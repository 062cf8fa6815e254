"""The resource library: public list and filters, usage counted without personal data, the
usage report and the list page's query count."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.library.models import Resource, ResourceKind, ResourceStatus, ResourceUsage
from safeguarding.library.selectors.resources import usage_report
from safeguarding.library.services.resources import resource_create, resource_usage_count
from safeguarding.library.tests.factories import ResourceFactory
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def test_public_list_shows_published_and_under_review_but_not_drafts(client, partnership):
    ResourceFactory(partnership=partnership, title="Neglect toolkit")
    ResourceFactory(
        partnership=partnership, title="Old leaflet", status=ResourceStatus.UNDER_REVIEW
    )
    ResourceFactory(partnership=partnership, title="Secret draft", status=ResourceStatus.DRAFT)
    page = client.get(reverse("library:resource-list")).content.decode()
    assert "Neglect toolkit" in page
    assert "Old leaflet" in page and "Under review" in page
    assert "Secret draft" not in page


def test_business_unit_sees_own_drafts_but_not_another_partnerships(signed_in, partnership):
    other = PartnershipFactory(slug="elsewhere", name="Elsewhere Partnership")
    own_draft = ResourceFactory(partnership=partnership, status=ResourceStatus.DRAFT)
    their_draft = ResourceFactory(partnership=other, status=ResourceStatus.DRAFT)
    client = signed_in(Role.BUSINESS_UNIT)
    assert client.get(reverse("library:resource", args=[own_draft.pk])).status_code == 200
    assert client.get(reverse("library:resource", args=[their_draft.pk])).status_code == 404


def test_filters_by_kind_theme_and_audience(client, partnership):
    theme = Theme.objects.create(name="Safer sleep test theme", slug="safer-sleep-test")
    podcast = ResourceFactory(
        partnership=partnership,
        title="Sleep podcast",
        kind=ResourceKind.PODCAST,
        audiences=["parents"],
    )
    podcast.themes.set([theme])
    ResourceFactory(partnership=partnership, title="Police guide", audiences=["police"])
    url = reverse("library:resource-list")
    assert "Sleep podcast" in client.get(url, {"kind": "podcast"}).content.decode()
    assert "Police guide" not in client.get(url, {"kind": "podcast"}).content.decode()
    by_theme = client.get(url, {"theme": theme.slug}).content.decode()
    assert "Sleep podcast" in by_theme and "Police guide" not in by_theme
    by_audience = client.get(url, {"audience": "police"}).content.decode()
    assert "Police guide" in by_audience and "Sleep podcast" not in by_audience


def test_views_downloads_and_plays_are_counted_per_day_without_cookies(client, partnership):
    guide = ResourceFactory(partnership=partnership, kind=ResourceKind.GUIDANCE)
    podcast = ResourceFactory(
        partnership=partnership, kind=ResourceKind.PODCAST, link="https://podcasts.example/1"
    )
    client.get(reverse("library:resource", args=[guide.pk]))
    response = client.get(reverse("library:resource", args=[guide.pk]))
    assert "Set-Cookie" not in response.headers and not response.cookies
    opened = client.get(reverse("library:resource-open", args=[guide.pk]))
    assert opened.status_code == 302 and opened["Location"] == guide.link
    client.get(reverse("library:resource-open", args=[podcast.pk]))
    rows = {r.resource_id: r for r in ResourceUsage.objects.all()}
    assert (rows[guide.pk].views, rows[guide.pk].downloads, rows[guide.pk].plays) == (2, 1, 0)
    assert (rows[podcast.pk].views, rows[podcast.pk].plays) == (0, 1)
    assert ResourceUsage.objects.filter(resource=guide).count() == 1
    # Only counts: the usage table has no column that could hold who visited.
    assert {f.name for f in ResourceUsage._meta.concrete_fields} == {
        "id",
        "resource",
        "day",
        "views",
        "downloads",
        "plays",
    }


def test_open_goes_only_to_the_resources_own_link(client, partnership):
    resource = ResourceFactory(partnership=partnership, link="https://resources.example/own")
    response = client.get(
        reverse("library:resource-open", args=[resource.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == "https://resources.example/own"


def test_download_serves_the_checked_file(client, partnership, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("briefing.txt", b"Seven minute briefing: neglect.\n")
    resource = resource_create(
        job="test",
        partnership=partnership,
        data={"title": "Neglect briefing", "kind": ResourceKind.BRIEFING, "status": "published"},
        upload=upload,
    )
    response = client.get(reverse("library:resource-open", args=[resource.pk]))
    assert b"".join(response.streaming_content).startswith(b"Seven minute briefing")
    assert ResourceUsage.objects.get(resource=resource).downloads == 1


def test_an_upload_that_is_not_what_it_claims_is_refused_and_nothing_written(partnership):
    fake_pdf = SimpleUploadedFile("guide.pdf", b"MZ\x90\x00 this is a Windows program")
    with pytest.raises(ValidationError):
        resource_create(
            job="test",
            partnership=partnership,
            data={"title": "Fake", "kind": ResourceKind.GUIDANCE, "status": "published"},
            upload=fake_pdf,
        )
    assert not Resource.objects.filter(title="Fake").exists()


def test_usage_counts_add_up_in_one_row_per_day(partnership):
    resource = ResourceFactory(partnership=partnership)
    day = datetime.date(2024, 6, 1)
    for _ in range(5):
        resource_usage_count(resource_id=resource.pk, counter="views", day=day)
    resource_usage_count(resource_id=resource.pk, counter="downloads", day=day)
    row = ResourceUsage.objects.get(resource=resource, day=day)
    assert (row.views, row.downloads) == (5, 1)
    with pytest.raises(ValueError):
        resource_usage_count(resource_id=resource.pk, counter="likes", day=day)


def test_usage_report_for_a_period_with_most_used_by_theme_and_audience(partnership):
    theme = Theme.objects.create(name="Online safety test", slug="online-safety-test")
    podcast = ResourceFactory(
        partnership=partnership, title="Podcast", kind=ResourceKind.PODCAST, audiences=["parents"]
    )
    podcast.themes.set([theme])
    guide = ResourceFactory(partnership=partnership, title="Guide", audiences=["practitioners"])
    other = ResourceFactory(partnership=PartnershipFactory(), title="Not ours")
    in_period = datetime.date(2024, 5, 10)
    ResourceUsage.objects.create(resource=podcast, day=in_period, views=700, plays=590)
    ResourceUsage.objects.create(resource=guide, day=in_period, views=440, downloads=12)
    ResourceUsage.objects.create(resource=guide, day=datetime.date(2023, 1, 1), views=999)
    ResourceUsage.objects.create(resource=other, day=in_period, views=5000)
    report = usage_report(
        partnerships=[partnership.pk],
        start=datetime.date(2024, 4, 1),
        end=datetime.date(2024, 6, 30),
    )
    assert report.totals.views == 1140
    assert report.totals.plays == 590
    assert [r.title for r, _ in report.most_used] == ["Podcast", "Guide"]
    assert {(row.label, row.views) for row in report.by_theme} == {("Online safety test", 700)}
    assert {(row.label, row.views) for row in report.by_audience} == {
        ("Parents and carers", 700),
        ("Practitioners", 440),
    }


def test_usage_report_page_is_for_the_business_unit_and_logged(signed_in, partnership):
    resource = ResourceFactory(partnership=partnership, title="Counted guide")
    ResourceUsage.objects.create(resource=resource, day=datetime.date(2024, 5, 1), views=1140)
    client = signed_in(Role.BUSINESS_UNIT)
    page = client.get(reverse("library:usage"), {"start": "2024-04-01", "end": "2025-03-31"})
    assert "1,140" in page.content.decode()
    assert AuditEvent.objects.filter(event="library.usage.view").exists()
    bad = client.get(reverse("library:usage"), {"start": "2024-04-01", "end": "2023-03-31"})
    assert "The end date must be on or after the start date" in bad.content.decode()


def test_resource_list_query_count_does_not_grow(client, partnership, count_queries):
    theme = Theme.objects.create(name="Neglect test", slug="neglect-test")
    for _ in range(3):
        ResourceFactory(partnership=partnership).themes.set([theme])
    url = reverse("library:resource-list")
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for _ in range(20):
        ResourceFactory(partnership=partnership).themes.set([theme])
    assert count_queries(lambda: client.get(url)) == few


def test_the_resource_page_is_never_served_from_the_public_cache(client, partnership, settings):
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    resource = ResourceFactory(partnership=partnership)
    for _ in range(3):
        client.get(reverse("library:resource", args=[resource.pk]))
        client.get(reverse("library:resource-list"))
    cache.clear()
    assert ResourceUsage.objects.get(resource=resource).views == 3
