"""Versioned documents on reviews, rapid reviews and notifications: as confidential as the
record, checked by content, every upload and download in the audit log."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reviews.models import CaseDocument
from safeguarding.reviews.tests.factories import (
    NotificationFactory,
    RapidReviewFactory,
    ReviewFactory,
)

PDF = b"%PDF-1.7\n% fictional report\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.REVIEWER)


@pytest.fixture
def review(partnership, reviewer):
    return ReviewFactory(partnership=partnership, status="in_progress", reviewer=reviewer)


def _upload(
    client,
    url,
    *,
    kind="terms_of_reference",
    title="Terms of reference",
    name="tor.pdf",
    data=PDF,
    **extra,
):
    return client.post(
        url,
        {"kind": kind, "title": title, "file": SimpleUploadedFile(name, data), "note": "", **extra},
    )


def test_the_business_unit_keeps_versions_and_every_download_is_logged(signed_in, review, agency):
    bu = signed_in(Role.BUSINESS_UNIT)
    url = f"/reviews/documents/review/{review.pk}/"
    response = _upload(bu, url)
    assert response.status_code == 302
    document = CaseDocument.objects.get(review=review)
    assert (document.kind, document.created_by) == ("terms_of_reference", bu.user)

    response = bu.post(
        f"/reviews/documents/{document.pk}/",
        {"file": SimpleUploadedFile("tor-v2.docx", _docx()), "note": "Panel's comments added"},
    )
    assert response.status_code == 302
    page = bu.get(f"/reviews/documents/{document.pk}/").text
    assert "tor-v2.docx" in page and "Panel&#x27;s comments added" in page and "tor.pdf" in page

    download = bu.get(f"/reviews/documents/{document.pk}/versions/1/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="tor.pdf"' in download["Content-Disposition"]

    events = AuditEvent.objects.filter(target_id=str(document.pk)).values_list("event", flat=True)
    assert list(events).count("reviews.case_document.uploaded") == 2
    assert "reviews.case_document.downloaded" in events

    # A chronology from an agency.
    _upload(bu, url, kind="chronology", title="Police chronology", agency=agency.pk)
    assert "Testshire Police" in bu.get(url).text


def test_a_renamed_program_is_refused_with_the_reason_and_nothing_is_kept(signed_in, review):
    bu = signed_in(Role.BUSINESS_UNIT)
    response = _upload(
        bu, f"/reviews/documents/review/{review.pk}/", name="tor.pdf", data=b"MZ\x90\x00"
    )
    assert response.status_code == 400
    assert "tor.pdf” is not a real PDF file" in response.text
    assert not CaseDocument.objects.exists()


def test_the_reviewer_uploads_drafts_to_their_own_review_only(
    client, review, reviewer, partnership
):
    client.force_login(reviewer)
    url = f"/reviews/documents/review/{review.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "As the review's author you can upload drafts" in page.text
    assert (
        _upload(
            client, url, kind="draft", title="Draft 1", name="d1.docx", data=_docx()
        ).status_code
        == 302
    )
    refused = _upload(client, url, kind="final_report", title="Final")
    assert refused.status_code == 400
    assert CaseDocument.objects.filter(review=review).count() == 1

    # Another review's documents, and the notification's, are not theirs to see.
    other = ReviewFactory(partnership=partnership, status="in_progress")
    assert client.get(f"/reviews/documents/review/{other.pk}/").status_code in (403, 404)
    notification = NotificationFactory(partnership=partnership)
    assert client.get(f"/reviews/documents/notification/{notification.pk}/").status_code in (
        403,
        404,
    )


def test_documents_of_another_partnership_are_not_found(signed_in, make_user):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    elsewhere = ReviewFactory(partnership=PartnershipFactory(), status="in_progress")
    document = CaseDocument.objects.create(review=elsewhere, kind="draft", title="Secret draft")
    bu = signed_in(Role.BUSINESS_UNIT)
    assert bu.get(f"/reviews/documents/{document.pk}/").status_code == 404
    assert bu.get(f"/reviews/documents/{document.pk}/versions/1/").status_code == 404


def test_rapid_reviews_and_notifications_keep_documents_for_staff(signed_in, partnership):
    notification = NotificationFactory(partnership=partnership)
    rapid = RapidReviewFactory(notification=notification)
    bu = signed_in(Role.BUSINESS_UNIT)
    assert (
        _upload(
            bu,
            f"/reviews/documents/rapid-review/{rapid.pk}/",
            kind="chronology",
            title="Health chronology",
        ).status_code
        == 302
    )
    assert (
        _upload(
            bu,
            f"/reviews/documents/notification/{notification.pk}/",
            kind="other",
            title="Panel letter",
        ).status_code
        == 302
    )
    chair = signed_in(Role.CHAIR)
    assert "Health chronology" in chair.get(f"/reviews/documents/rapid-review/{rapid.pk}/").text
    page = chair.get(f"/reviews/documents/notification/{notification.pk}/").text
    assert "Panel letter" in page and "Upload a document" not in page
