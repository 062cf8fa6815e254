"""Replies to the partners' comments on a shared draft, their resolution by the business unit,
and the emails each sends: a comment to the business unit, a reply or a resolution to the
comment's author."""

import pytest
from django.core import mail
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reports import services
from safeguarding.reports.models import ReportComment
from safeguarding.reports.tests.conftest import sign_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(make_user):
    return make_user(Role.SAFEGUARDING_PARTNER, full_name="Pat Partner")


@pytest.fixture
def shared(bu, draft):
    return services.report_share(actor=bu, report=draft)


@pytest.fixture
def comment(shared, partner):
    return services.comment_add(
        actor=partner, report=shared, section="training", text="Add the impact survey."
    )


def _detail(report) -> str:
    return reverse("reports:report-detail", args=[report.pk])


def test_a_comment_emails_the_business_unit_with_a_link_to_the_section(
    client, bu, partner, shared, make_user, django_capture_on_commit_callbacks
):
    second = make_user(Role.BUSINESS_UNIT, full_name="Ben Unit")
    make_user(Role.CHAIR)  # the chair is not the business unit: not emailed
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:comment", args=[shared.pk]),
            {"section": "training", "text": "Add the impact survey."},
        )
    assert response.status_code == 302
    comment = ReportComment.objects.get()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert sorted(email.to) == sorted([bu.email, second.email])
    assert "Learning and development" in email.subject
    assert "Pat Partner commented on Learning and development" in email.body
    assert "Add the impact survey." in email.body
    assert f"{_detail(shared)}#section-training" in email.body
    assert f"{_detail(shared)}#comment-{comment.pk}" in email.body


def test_the_business_unit_replies_and_the_commenter_is_emailed(
    client, bu, partner, comment, django_capture_on_commit_callbacks
):
    client.force_login(bu)
    page = client.get(_detail(comment.report)).content.decode()
    assert "Reply to Pat Partner’s comment" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:comment-reply", args=[comment.report_id, comment.pk]),
            {"text": "Added in section 8."},
        )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    reply = comment.replies.get()
    assert reply.author == bu and reply.section == "training"
    assert AuditEvent.objects.filter(event="reports.comment.reply", actor=bu).exists()
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "Bea Unit replied" in mail.outbox[0].subject
    assert "Added in section 8." in mail.outbox[0].body
    assert "#section-training" in mail.outbox[0].body

    client.force_login(partner)
    page = client.get(_detail(comment.report)).content.decode()
    assert "Reply from Bea Unit" in page and "Added in section 8." in page


def test_the_commenter_replies_and_the_business_unit_is_emailed(
    client, bu, partner, comment, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:comment-reply", args=[comment.report_id, comment.pk]),
            {"text": "Also the 3-month follow-up."},
        )
    assert response.status_code == 302
    assert comment.replies.get().author == partner
    assert [m.to for m in mail.outbox] == [[bu.email]]


def test_another_partner_or_the_chair_cannot_reply_to_someone_elses_comment(
    client, make_user, comment
):
    for role in (Role.SAFEGUARDING_PARTNER, Role.CHAIR):
        client.force_login(make_user(role))
        response = client.post(
            reverse("reports:comment-reply", args=[comment.report_id, comment.pk]),
            {"text": "Me too"},
        )
        assert response.status_code == 403
        page = client.get(_detail(comment.report)).content.decode()
        assert "Reply to Pat Partner’s comment" not in page
        assert "Mark as resolved" not in page
    assert not comment.replies.exists()


def test_an_empty_reply_is_refused_with_a_message(client, bu, comment):
    client.force_login(bu)
    response = client.post(
        reverse("reports:comment-reply", args=[comment.report_id, comment.pk]), {"text": " "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter your reply." in page
    assert f'href="#reply-{comment.pk}-text"' in page
    assert not comment.replies.exists()


def test_the_business_unit_resolves_and_reopens_a_comment(
    client, bu, partner, comment, django_capture_on_commit_callbacks
):
    client.force_login(bu)
    services.comment_reply(actor=bu, comment=comment, text="Added in section 8.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:comment-resolve", args=[comment.report_id, comment.pk])
        )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_resolved and comment.resolved_by == bu
    assert comment.resolved_by_name == "Bea Unit"
    assert AuditEvent.objects.filter(event="reports.comment.resolve", actor=bu).exists()
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "was resolved" in mail.outbox[0].subject
    assert f"#comment-{comment.pk}" in mail.outbox[0].body

    # Collapsed but still readable, with who resolved it and when; no reply form.
    page = client.get(_detail(comment.report)).content.decode()
    assert '<details class="govuk-details">' in page
    assert "Resolved: Pat Partner on Learning and development" in page
    assert "by Bea Unit, 1 June 2024" in page
    assert "Add the impact survey." in page and "Added in section 8." in page
    assert "Reply to Pat Partner’s comment" not in page
    # A resolved comment takes no replies until it is reopened.
    client.force_login(partner)
    response = client.post(
        reverse("reports:comment-reply", args=[comment.report_id, comment.pk]),
        {"text": "Not quite"},
        follow=True,
    )
    assert "This comment is resolved" in response.content.decode()
    assert comment.replies.count() == 1

    client.force_login(bu)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:comment-reopen", args=[comment.report_id, comment.pk])
        )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert not comment.is_resolved and comment.resolved_by is None
    event = AuditEvent.objects.get(event="reports.comment.reopen")
    assert event.before["resolved_by"] == "Bea Unit"
    # The author is told the thread is open again.
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "was reopened" in mail.outbox[0].subject
    assert "Bea Unit reopened your comment" in mail.outbox[0].body
    assert f"#comment-{comment.pk}" in mail.outbox[0].body


def test_only_the_business_unit_resolves(client, partner, comment):
    client.force_login(partner)  # even the comment's author
    response = client.post(reverse("reports:comment-resolve", args=[comment.report_id, comment.pk]))
    assert response.status_code == 403
    comment.refresh_from_db()
    assert not comment.is_resolved


def test_replies_and_resolutions_are_refused_outside_the_shared_state(client, bu, comment):
    report = sign_all(comment.report, bu)
    client.force_login(bu)
    for name in ("comment-reply", "comment-resolve"):
        response = client.post(
            reverse(f"reports:{name}", args=[report.pk, comment.pk]),
            {"text": "Late"},
            follow=True,
        )
        assert "this report is signed off" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_resolved and not comment.replies.exists()
    assert not AuditEvent.objects.filter(
        event__in=["reports.comment.reply", "reports.comment.resolve"]
    ).exists()


def test_another_partnerships_business_unit_is_refused(client, comment):
    stranger = user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    client.force_login(stranger)
    for name in ("comment-reply", "comment-resolve", "comment-reopen"):
        response = client.post(
            reverse(f"reports:{name}", args=[comment.report_id, comment.pk]), {"text": "Hi"}
        )
        assert response.status_code == 404
    assert not comment.replies.exists()


def test_a_reply_cannot_be_replied_to_or_resolved(client, bu, comment):
    reply = services.comment_reply(actor=bu, comment=comment, text="Added.")
    client.force_login(bu)
    for name in ("comment-reply", "comment-resolve"):
        response = client.post(reverse(f"reports:{name}", args=[comment.report_id, reply.pk]))
        assert response.status_code == 404


def test_the_comments_cost_the_same_queries_however_many_there_are(client, bu, partner, shared):
    def add(n):
        for i in range(n):
            c = services.comment_add(actor=partner, report=shared, text=f"Comment {i}")
            services.comment_reply(actor=bu, comment=c, text=f"Reply {i}")

    client.force_login(bu)
    add(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(_detail(shared))
    add(5)
    with CaptureQueriesContext(connection) as six:
        client.get(_detail(shared))
    assert len(six) == len(one)


def test_a_business_unit_reply_also_tells_the_rest_of_the_business_unit_of_a_joint_report(
    client, bu, partner, partnership, make_user, django_capture_on_commit_callbacks
):
    from datetime import date

    neighbour = PartnershipFactory(slug="otherford", name="Otherford Partnership")
    elsewhere = PartnershipFactory(slug="elsewhere", name="Elsewhere Partnership")
    colleague = make_user(Role.BUSINESS_UNIT, full_name="Ben Unit")
    theirs = user_with_role(Role.BUSINESS_UNIT, partnership=neighbour, full_name="Ola Unit")
    stranger = user_with_role(Role.BUSINESS_UNIT, partnership=elsewhere)
    left = make_user(Role.BUSINESS_UNIT, full_name="Gone Unit", is_active=False)
    report = services.report_create(
        actor=bu,
        partnership=partnership,
        title="Joint yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        joint_partnerships=[neighbour],
    )
    report = services.report_share(actor=bu, report=report)
    client.force_login(partner)
    client.post(
        reverse("reports:comment", args=[report.pk]),
        {"section": "training", "text": "Add the impact survey."},
    )
    comment = ReportComment.objects.get(report=report)
    mail.outbox.clear()

    client.force_login(bu)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:comment-reply", args=[report.pk, comment.pk]),
            {"text": "Added in section 8."},
        )
    assert response.status_code == 302
    (email,) = mail.outbox
    assert sorted(email.to) == sorted([partner.email, colleague.email, theirs.email])
    assert bu.email not in email.to  # who wrote the reply is not told of it
    assert stranger.email not in email.to and left.email not in email.to
    assert "Bea Unit replied to Pat Partner's comment" in email.body
    assert "Added in section 8." in email.body
    assert f"{_detail(report)}#comment-{comment.pk}" in email.body

    # The author's own reply goes to the whole business unit, and not back to the author.
    mail.outbox.clear()
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reports:comment-reply", args=[report.pk, comment.pk]),
            {"text": "Thank you."},
        )
    (email,) = mail.outbox
    assert sorted(email.to) == sorted([bu.email, colleague.email, theirs.email])
