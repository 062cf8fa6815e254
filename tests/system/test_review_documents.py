"""Documents on a review, each page checked with axe (WCAG 2.2 AA): the business unit
uploads the terms of reference and a new version; the commissioned reviewer uploads a
draft to their own review."""

import pytest
from playwright.sync_api import expect

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.reviews.models import CaseDocument
from safeguarding.reviews.tests.factories import (
    NotificationFactory,
    RapidReviewFactory,
    ReviewFactory,
)


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")


def test_documents_are_uploaded_versioned_and_listed(browse, essex, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    reviewer = user_with_role(Role.REVIEWER, partnership=essex)
    review = ReviewFactory(partnership=essex, status="in_progress", reviewer=reviewer)
    pdf = tmp_path / "terms-of-reference.pdf"
    pdf.write_bytes(b"%PDF-1.7\n% fictional\n")
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(bu)
    browse.goto(f"/reviews/{review.pk}/")
    browse.page.get_by_role("link", name="Documents of this review").click()
    browse.check()
    browse.page.get_by_label("Terms of reference").check()
    browse.page.get_by_label("Title").fill("Terms of reference")
    browse.page.get_by_label("File", exact=True).set_input_files(str(pdf))
    browse.page.get_by_role("button", name="Upload").click()
    browse.check()
    assert "Download version 1" in browse.page.locator("table").inner_text()
    browse.page.get_by_role("link", name="Terms of reference", exact=True).click()
    browse.check()
    browse.page.get_by_label("File", exact=True).set_input_files(str(pdf))
    browse.page.get_by_label("Note (optional)").fill("Agreed at the panel")
    browse.page.get_by_role("button", name="Upload version 2").click()
    browse.check()
    assert "Agreed at the panel" in browse.page.locator("table").inner_text()

    # A wrong file is refused with the reason, on an accessible error page.
    fake = tmp_path / "draft.pdf"
    fake.write_bytes(b"MZ not a pdf")
    browse.page.get_by_label("File", exact=True).set_input_files(str(fake))
    browse.page.get_by_role("button", name="Upload version 3").click()
    expect(browse.page.locator(".govuk-error-summary")).to_contain_text(
        "“draft.pdf” is not a real PDF file"
    )
    browse.check()

    notification = NotificationFactory(partnership=essex)
    rapid = RapidReviewFactory(notification=notification)
    browse.goto(f"/reviews/documents/rapid-review/{rapid.pk}/")
    browse.goto(f"/reviews/documents/notification/{notification.pk}/")
    browse.sign_out()

    browse.sign_in(reviewer)
    browse.goto(f"/reviews/documents/review/{review.pk}/")
    browse.page.get_by_label("Title").fill("Draft 1")
    browse.page.get_by_label("File", exact=True).set_input_files(str(pdf))
    browse.page.get_by_role("button", name="Upload").click()
    browse.check()
    assert CaseDocument.objects.filter(review=review, kind="draft").count() == 1
