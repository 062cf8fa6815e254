"""Learning products: the 7-minute briefing as PDF and Word, author briefings, links, and
the public learning library at /learning/."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from safeguarding.planning.models import Theme
from safeguarding.reviews import services
from safeguarding.reviews.models import Briefing
from safeguarding.reviews.tests.factories import RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(partnership, theme):
    review = ReviewFactory(
        partnership=partnership,
        title="Child Q",
        status="published",
        published_on=date(2023, 5, 25),
        publication_url="https://www.example.org/child-q",
        summary="Child Q was seven weeks old.\n\nA bruise was seen by a health visitor.",
        key_learning="Bruising in a non-mobile baby is never minor\nShare with the GP",
    )
    review.themes.set([theme])
    RecommendationFactory(review=review, number=1, text="Relaunch the bruising protocol.")
    return review


def test_the_briefing_starts_from_the_reviews_fields(published):
    boxes = services.briefing_initial(published)
    assert boxes["title"] == "7-minute briefing: Child Q"
    assert boxes["background"].startswith(
        "Local child safeguarding practice review, published on "
        "25 May 2023. Child Q was seven weeks old."
    )
    assert boxes["what_happened"] == "A bruise was seen by a health visitor."
    assert boxes["why_it_matters"] == "The review’s themes: Non-accidental injury."
    assert boxes["practice"] == "Relaunch the bruising protocol."
    assert "https://www.example.org/child-q" in boxes["resources"]


def test_the_business_unit_edits_the_seven_boxes(bu_client, published):
    url = reverse("reviews:briefing-edit", args=[published.pk])
    form = bu_client.get(url).content.decode()
    assert "1. Background" in form and "7. Resources and further reading" in form
    data = {**services.briefing_initial(published), "questions": "What would you do?"}
    assert bu_client.post(url, data).status_code == 302
    briefing = Briefing.objects.get()
    assert briefing.questions == "What would you do?"
    stale = bu_client.post(url, {**data, "version": 0, "questions": "Old"})
    assert "Someone else changed this" in stale.content.decode()
    assert bu_client.post(url, {**data, "version": 1, "questions": "Newer"}).status_code == 302
    assert Briefing.objects.get().questions == "Newer"


def test_a_briefing_with_its_boxes_empty_is_refused(bu, published):
    with pytest.raises(ValidationError, match="needs its boxes filled in"):
        services.briefing_save(actor=bu, review=published, title="Briefing")


def test_the_briefing_downloads_as_pdf_and_word(client, bu, published):
    services.briefing_save(actor=bu, review=published, **services.briefing_initial(published))
    pdf = client.get(reverse("reviews:library-briefing", args=[published.pk, "pdf"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="7-minute-briefing-child-q.pdf"' in pdf["Content-Disposition"]
    word = client.get(reverse("reviews:library-briefing", args=[published.pk, "docx"]))
    assert word.status_code == 200
    document = Document(io.BytesIO(word.content))
    text = [p.text for p in document.paragraphs]
    assert "7-minute briefing: Child Q" in text
    assert "4. Key learning" in text
    assert "Bruising in a non-mobile baby is never minor" in text
    assert (
        client.get(reverse("reviews:library-briefing", args=[published.pk, "odt"])).status_code
        == 404
    )


def test_an_unpublished_reviews_briefing_is_for_staff_only_and_logged(
    client, bu_client, bu, partnership, theme
):
    review = ReviewFactory(partnership=partnership, status="draft", summary="S", key_learning="K")
    review.themes.set([theme])
    services.briefing_save(
        actor=bu, review=review, **{**services.briefing_initial(review), "practice": "Ask"}
    )
    public = client.__class__()
    assert (
        public.get(reverse("reviews:library-briefing", args=[review.pk, "pdf"])).status_code == 404
    )
    response = bu_client.get(reverse("reviews:briefing-download", args=[review.pk, "docx"]))
    assert response.status_code == 200
    from safeguarding.core.models import AuditEvent

    assert AuditEvent.objects.filter(event="reviews.briefing.viewed", actor=bu).exists()


def test_author_briefings_and_links_are_recorded(bu_client, bu, published, partnership):
    url = reverse("reviews:author-briefing-new", args=[published.pk])
    refused = bu_client.post(
        url,
        {
            "title": "Author briefing",
            "held_on": "2023-05-31",
            "attended": "98",
            "slides_requested": "120",
        },
    )
    assert "between 0 and the number who attended" in refused.content.decode()
    bu_client.post(
        url,
        {
            "title": "Author briefing",
            "held_on": "2023-05-31",
            "attended": "98",
            "slides_requested": "45",
        },
    )
    bu_client.post(
        reverse("reviews:learning-link-new", args=[published.pk]),
        {
            "kind": "podcast",
            "title": "The author on Child Q",
            "url": "https://www.example.org/podcast",
        },
    )
    page = bu_client.get(reverse("reviews:review-detail", args=[published.pk])).content.decode()
    assert "98" in page and "45" in page and "The author on Child Q" in page
    unpublished = ReviewFactory(partnership=partnership, status="draft")
    with pytest.raises(ValidationError, match="follow publication"):
        services.author_briefing_add(
            actor=bu, review=unpublished, title="x", held_on=date(2023, 5, 1), attended=1
        )


def test_the_public_library_filters_by_theme_year_and_type(client, partnership, published):
    suicide = Theme.objects.get(name="Suicide and self-harm")
    thematic = ReviewFactory(
        partnership=partnership,
        kind="thematic",
        title="Teenage suicide 2018 to 2022",
        status="learning_embedded",
        published_on=date(2022, 10, 4),
    )
    thematic.themes.set([suicide])
    page = client.get(reverse("reviews:library")).content.decode()
    assert "Child Q" in page and "Teenage suicide 2018 to 2022" in page
    by_theme = client.get(reverse("reviews:library"), {"theme": suicide.slug}).content.decode()
    assert "Teenage suicide" in by_theme and "Child Q" not in by_theme
    by_year = client.get(reverse("reviews:library"), {"year": "2023"}).content.decode()
    assert "Child Q" in by_year and "Teenage suicide" not in by_year
    by_kind = client.get(reverse("reviews:library"), {"kind": "thematic"}).content.decode()
    assert "Teenage suicide" in by_kind and "Child Q" not in by_kind
    detail = client.get(reverse("reviews:library-review", args=[published.pk])).content.decode()
    assert "Bruising in a non-mobile baby is never minor" in detail
