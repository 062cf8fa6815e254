"""Recommendations: named owners, monthly update requests, the append-only timeline,
graded evidence of impact, and closing only on a graded impact."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.reviews import services, tasks
from safeguarding.reviews.models import (
    ImpactEvidence,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
)
from safeguarding.reviews.tests.factories import RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user, agency):
    return make_user(
        Role.AGENCY_LEAD, agency=agency, full_name="Olu Owner", email="owner@police.example"
    )


@pytest.fixture
def review(partnership):
    return ReviewFactory(partnership=partnership, status="final_agreed", title="Child Q")


def add(bu, review, agency, owner, **extra):
    return services.recommendation_add(
        actor=bu,
        review=review,
        text="Bruising in non-mobile babies is always referred.",
        owner_agency=agency,
        owner_person=owner,
        target_on=date(2024, 3, 31),
        **extra,
    )


def test_a_recommendation_gets_a_named_owner_who_is_told(
    bu, review, agency, owner, theme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recommendation = add(bu, review, agency, owner, themes=[theme])
    assert recommendation.number == 1
    assert recommendation.update_due_on == date(2023, 7, 1)
    assert mail.outbox[0].to == ["owner@police.example"]
    assert "recommendation 1 of the review Child Q" in mail.outbox[0].subject


def test_recommendations_wait_for_a_draft_report(bu, partnership, agency, owner):
    early = ReviewFactory(partnership=partnership, status="in_progress")
    with pytest.raises(ValidationError, match="once the review has a draft report"):
        add(bu, early, agency, owner)


def test_an_owner_without_an_account_here_is_refused(bu, review, agency):
    from safeguarding.accounts.tests.factories import UserFactory

    with pytest.raises(ValidationError, match="has no active account in this partnership"):
        add(bu, review, agency, UserFactory())


def test_updates_form_an_unchangeable_timeline(bu, review, agency, owner):
    recommendation = add(bu, review, agency, owner)
    update = services.recommendation_add_update(
        actor=owner,
        recommendation=recommendation,
        progress="on_track",
        text="Protocol relaunched at the safeguarding leads' forum.",
    )
    recommendation.refresh_from_db()
    assert recommendation.last_update_on == date(2023, 6, 1)
    assert recommendation.update_due_on == date(2023, 7, 1)
    update.text = "Rewritten history"
    with pytest.raises(ValidationError, match="cannot be changed once added"):
        update.save()
    with pytest.raises(ValidationError, match="cannot be deleted"):
        update.delete()
    assert RecommendationUpdate.objects.get().text.startswith("Protocol relaunched")


def test_closing_without_graded_evidence_is_refused(bu, review, agency, owner):
    recommendation = add(bu, review, agency, owner)
    with pytest.raises(ValidationError) as refused:
        services.recommendation_close(actor=bu, recommendation=recommendation, version=1)
    assert "closes only on graded evidence of impact, not on actions completed" in str(
        refused.value
    )
    evidence = services.impact_evidence_submit(
        actor=owner, recommendation=recommendation, description="Staff survey: 80% confident."
    )
    with pytest.raises(ValidationError, match="closes only on graded evidence"):
        services.recommendation_close(actor=bu, recommendation=recommendation, version=1)
    services.impact_evidence_grade(
        actor=bu,
        evidence=evidence,
        grade="insufficient",
        comment="Tell us what changed for children.",
    )
    recommendation.refresh_from_db()
    with pytest.raises(ValidationError, match="graded insufficient"):
        services.recommendation_close(
            actor=bu, recommendation=recommendation, version=recommendation.version
        )
    assert Recommendation.objects.get().status == RecommendationStatus.OPEN


def test_evidence_with_files_graded_strong_closes_the_recommendation(
    bu_client, bu, review, agency, owner
):
    recommendation = add(bu, review, agency, owner)
    client = Client()
    client.force_login(owner)
    response = client.post(
        reverse("reviews:evidence-new", args=[recommendation.pk]),
        {
            "description": "Re-audit of 20 cases: protocol followed in 19.",
            "files": [SimpleUploadedFile("re-audit.pdf", b"%PDF-1.4 audit", "application/pdf")],
        },
    )
    assert response.status_code == 302
    evidence = ImpactEvidence.objects.get()
    stored = evidence.files.get()
    assert stored.name == "re-audit.pdf"
    download = client.get(reverse("reviews:evidence-file", args=[stored.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 audit"
    # The owner cannot grade their own evidence.
    assert (
        client.post(
            reverse("reviews:evidence-grade", args=[evidence.pk]), {"grade": "strong"}
        ).status_code
        == 403
    )

    bu_client.post(
        reverse("reviews:evidence-grade", args=[evidence.pk]),
        {"grade": "strong", "comment": "Clear impact."},
    )
    recommendation.refresh_from_db()
    assert recommendation.impact_grade == "strong"
    response = bu_client.post(
        reverse("reviews:recommendation-close", args=[recommendation.pk]),
        {"version": recommendation.version},
        follow=True,
    )
    assert "Recommendation 1 is closed" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.CLOSED
    assert recommendation.closed_on == date(2023, 6, 1)
    assert AuditEvent.objects.filter(event="reviews.recommendation.closed").count() == 1


def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_kept(client, bu, review, agency, owner):
    recommendation = add(bu, review, agency, owner)
    client.force_login(owner)
    response = client.post(
        reverse("reviews:evidence-new", args=[recommendation.pk]),
        {"description": "Evidence", "files": [SimpleUploadedFile("run.exe", b"MZ")]},
    )
    assert "is not a file type we accept" in response.content.decode()
    assert not ImpactEvidence.objects.exists()


def test_the_closing_page_shows_the_refusal(bu_client, bu, review, agency, owner):
    recommendation = add(bu, review, agency, owner)
    response = bu_client.post(
        reverse("reviews:recommendation-close", args=[recommendation.pk]),
        {"version": 1},
        follow=True,
    )
    assert "closes only on graded evidence of impact" in response.content.decode()


def test_monthly_update_requests_are_sent_once_per_owner_per_month(
    bu, review, agency, owner, time_machine, django_capture_on_commit_callbacks
):
    add(bu, review, agency, owner)
    add(bu, review, agency, owner)
    updated = add(bu, review, agency, owner)
    services.recommendation_add_update(
        actor=owner, recommendation=updated, progress="on_track", text="Done this month"
    )
    mail.outbox.clear()
    # Saturday 1 July 2023 is not a working day: the requests wait for Monday 3 July.
    time_machine.move_to(datetime(2023, 7, 1, 9, tzinfo=ZoneInfo("Europe/London")), tick=False)
    run_due_jobs(only=tasks.UPDATE_REQUESTS)
    assert mail.outbox == []
    time_machine.move_to(datetime(2023, 7, 3, 9, tzinfo=ZoneInfo("Europe/London")), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.UPDATE_REQUESTS)
        run_due_jobs(only=tasks.UPDATE_REQUESTS)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@police.example"]
    assert "Monthly update needed on 3 review recommendations" in mail.outbox[0].subject
    # The next month, only those not yet updated in that month are asked about.
    time_machine.move_to(datetime(2023, 8, 1, 8, tzinfo=ZoneInfo("Europe/London")), tick=False)
    services.recommendation_add_update(
        actor=owner, recommendation=updated, progress="on_track", text="August update, given early"
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only=tasks.UPDATE_REQUESTS)
    assert "on 2 review recommendations" in mail.outbox[1].subject


def test_overdue_updates_and_the_groupings(bu_client, partnership, agency, other_agency, theme):
    review = ReviewFactory(partnership=partnership, status="published", title="Child Q")
    overdue = RecommendationFactory(
        review=review, owner_agency=agency, number=1, update_due_on=date(2023, 5, 1)
    )
    overdue.themes.set([theme])
    RecommendationFactory(
        review=review, owner_agency=other_agency, number=2, update_due_on=date(2023, 6, 20)
    )
    page = bu_client.get(reverse("reviews:recommendation-list") + "?overdue=on").content.decode()
    assert "Child Q, number 1" in page and "Child Q, number 2" not in page
    by_agency = bu_client.get(reverse("reviews:recommendation-groups", args=["agency"]))
    text = by_agency.content.decode()
    assert "Testshire Police" in text and "Testshire Hospital" in text
    by_theme = bu_client.get(reverse("reviews:recommendation-groups", args=["theme"]))
    assert "Non-accidental injury" in by_theme.content.decode()
    assert (
        bu_client.get(reverse("reviews:recommendation-groups", args=["colour"])).status_code == 404
    )
    dashboard = bu_client.get(reverse("core:dashboard")).content.decode()
    assert "Recommendations awaiting their monthly update" in dashboard
    assert "Child Q, number 1" in dashboard


def _with_macros() -> bytes:
    """A real Word file with a macro project inside (what Word saves as .docm)."""
    import io
    import zipfile

    import docx

    plain = io.BytesIO()
    docx.Document().save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\x00" * 32)
    return out.getvalue()


def test_evidence_files_with_macros_or_pdf_scripts_are_refused(client, bu, review, agency, owner):
    recommendation = add(bu, review, agency, owner)
    client.force_login(owner)
    url = reverse("reviews:evidence-new", args=[recommendation.pk])
    for upload, message in [
        (SimpleUploadedFile("audit.docx", _with_macros()), "“audit.docx” contains macros"),
        (
            SimpleUploadedFile("audit.pdf", b"%PDF-1.4\n<< /OpenAction << /S /JavaScript >> >>"),
            "“audit.pdf” contains JavaScript",
        ),
    ]:
        response = client.post(url, {"description": "Evidence", "files": [upload]})
        assert message in response.content.decode()
    assert not ImpactEvidence.objects.exists()
