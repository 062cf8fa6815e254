"""Moderation beside the self-assessment, returning a standard for more evidence, and action
plans closed on evidence."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, user_with_role
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import Answer, AuditAction, ReturnStatus
from safeguarding.assurance.services import actions as action_services
from safeguarding.assurance.services import moderation as services
from safeguarding.assurance.services import returns as return_services
from safeguarding.assurance.services.returns import AnswerInput
from safeguarding.assurance.tests.factories import campaign, small_template
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(partnership):
    return AgencyFactory(name="Riverside Youth Project", partnerships=[partnership])


@pytest.fixture
def lead(make_user, agency):
    return make_user(Role.AGENCY_LEAD, agency=agency, full_name="Priya Hartley")


@pytest.fixture
def submitted(partnership, agency, lead):
    """A submitted return: 1.1 self-assessed Fully met, 1.2 Partly met."""
    return _submitted_return(partnership, agency, lead)


def _submitted_return(partnership, agency, lead):
    running = campaign(
        partnership=partnership, version=small_template(), audience=Audience("everyone")
    )
    audit_return = running.returns.get(agency=agency)
    return_services.return_start(actor=lead, audit_return=audit_return)
    version = running.version
    q = {item.key: item for item in version.questions.all()}
    level = {lvl.value: lvl for lvl in q["lead"].scale.levels.all()}
    return_services.return_save_section(
        actor=lead,
        audit_return=audit_return,
        section=q["lead"].section,
        answers={
            q["lead"].pk: AnswerInput(rating=level[3].pk, evidence="Board minutes"),
            q["commission"].pk: AnswerInput(rating=level[2].pk),
        },
    )
    return_services.return_save_section(
        actor=lead,
        audit_return=audit_return,
        section=q["policy"].section,
        answers={q["policy"].pk: AnswerInput(yes_no=True), q["staff"].pk: AnswerInput(number=4)},
    )
    return_services.return_submit(actor=lead, audit_return=audit_return)
    audit_return.refresh_from_db()
    return audit_return


def _answer(audit_return, key):
    return Answer.objects.get(audit_return=audit_return, question__key=key)


def test_a_moderator_scores_beside_the_self_assessment(signed_in, submitted):
    client = signed_in(Role.BUSINESS_UNIT)
    answer = _answer(submitted, "lead")
    page = client.get(reverse("assurance:return-moderate", args=[submitted.pk])).content.decode()
    assert "3 Fully met" in page
    partly = answer.question.scale.levels.get(value=2)
    response = client.post(
        reverse("assurance:answer-moderate", args=[submitted.pk, answer.pk]),
        {"moderated_rating": partly.pk, "comment": "The minutes do not show a named lead."},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.moderated_rating == partly and answer.rating.value == 3
    page = client.get(reverse("assurance:return-copy", args=[submitted.pk])).content.decode()
    assert "2 Partly met" in page and "The minutes do not show a named lead." in page
    # The moderated score is below "Fully met", so it became an action too.
    assert AuditAction.objects.filter(audit_return=submitted, question=answer.question).exists()


def test_a_moderated_score_must_be_on_the_standards_scale(submitted, make_user):
    moderator = make_user(Role.BUSINESS_UNIT)
    answer = _answer(submitted, "lead")
    foreign = small_template().scales.get().levels.first()
    with pytest.raises(ValidationError, match="choose one of the ratings on the standard's scale"):
        services.answer_moderate(actor=moderator, answer=answer, moderated_rating=foreign)
    with pytest.raises(ValidationError, match="Choose a moderated score or write a comment"):
        services.answer_moderate(actor=moderator, answer=answer, moderated_rating=None)
    answer.refresh_from_db()
    assert answer.moderated_rating is None


def test_returning_a_standard_for_more_evidence_reopens_the_return(
    client, submitted, lead, make_user, django_capture_on_commit_callbacks
):
    moderator = make_user(Role.SAFEGUARDING_PARTNER)
    answer = _answer(submitted, "lead")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assurance:answer-request-evidence", args=[submitted.pk, answer.pk]),
            {"request": "Upload the job description of the named lead."},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.RETURNED
    (message,) = mail.outbox
    assert message.to == [lead.email]
    assert "Upload the job description" in message.body

    # The lead cannot resubmit until they have added to that standard.
    with pytest.raises(ValidationError) as refused:
        return_services.return_submit(actor=lead, audit_return=submitted)
    assert "1.1: add the further evidence the moderator asked for" in str(refused.value)
    client.force_login(lead)
    section = answer.question.section
    page = client.get(reverse("assurance:return-section", args=[submitted.pk, section.pk]))
    assert "the moderators asked for more evidence" in page.content.decode()
    return_services.return_save_section(
        actor=lead,
        audit_return=submitted,
        section=section,
        answers={
            answer.question.pk: AnswerInput(
                rating=answer.rating_id,
                evidence="Board minutes and the lead's job description",
                revision=answer.revision,
            )
        },
    )
    return_services.return_submit(actor=lead, audit_return=submitted)
    submitted.refresh_from_db()
    assert submitted.status == ReturnStatus.SUBMITTED
    assert _answer(submitted, "lead").moderation_state == ""


def test_finishing_moderation_records_a_summary(signed_in, submitted):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        reverse("assurance:return-moderation-complete", args=[submitted.pk]),
        {"summary": "A strong return; commissioning needs evidence."},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.moderated_at and submitted.moderation_summary.startswith("A strong")


def test_agency_leads_and_chairs_do_not_moderate(client, submitted, lead, make_user):
    answer = _answer(submitted, "lead")
    url = reverse("assurance:answer-moderate", args=[submitted.pk, answer.pk])
    client.force_login(lead)
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.CHAIR))
    assert client.get(url).status_code == 403


# Actions ---------------------------------------------------------------------------------


def test_an_action_is_updated_and_closed_on_evidence(
    client, submitted, lead, make_user, django_capture_on_commit_callbacks
):
    action = AuditAction.objects.get(audit_return=submitted)
    assert action.question.reference == "1.2" and action.owner == lead
    client.force_login(lead)
    page = client.get(reverse("assurance:action-detail", args=[action.pk])).content.decode()
    assert "Rated “Partly met”" in page
    client.post(
        reverse("assurance:action-update", args=[action.pk]),
        {"kind": "update", "text": "Contract clauses drafted."},
    )
    with pytest.raises(ValidationError, match="No evidence has been submitted"):
        action_services.action_accept_evidence(actor=make_user(Role.BUSINESS_UNIT), action=action)
    client.post(
        reverse("assurance:action-update", args=[action.pk]),
        {"kind": "evidence", "text": "All 12 contracts now include the clauses."},
    )
    action.refresh_from_db()
    assert action.status == "evidence_submitted"
    # The lead cannot close their own action.
    response = client.post(
        reverse("assurance:action-decision", args=[action.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    business_unit = make_user(Role.BUSINESS_UNIT)
    client.force_login(business_unit)
    response = client.post(
        reverse("assurance:action-decision", args=[action.pk]),
        {"decision": "send_back", "comment": ""},
        follow=True,
    )
    assert "Say why the evidence is not enough" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assurance:action-decision", args=[action.pk]),
            {"decision": "accept", "comment": "Seen three contracts."},
        )
    action.refresh_from_db()
    assert action.status == "closed" and action.closed_by == business_unit
    assert [u.kind for u in action.updates.all()] == ["accepted", "evidence", "update"]
    assert mail.outbox[-1].to == [lead.email]
    with pytest.raises(ValidationError, match="This action is closed"):
        action_services.action_add_update(actor=lead, action=action, text="More")


def test_evidence_on_an_action_can_carry_files_checked_and_served_to_those_who_may_see(
    client, partnership, submitted, lead, make_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safeguarding.assurance.models import AuditActionFile

    action = AuditAction.objects.get(audit_return=submitted)
    url = reverse("assurance:action-update", args=[action.pk])
    client.force_login(lead)
    page = client.get(reverse("assurance:action-detail", args=[action.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Files that show it" in page
    # Two forms on the page: each label points at its own box.
    assert page.count('id="id_text"') == 1 and page.count('id="evidence_text"') == 1
    refused = client.post(
        url,
        {
            "kind": "evidence",
            "text": "Contracts updated.",
            "files": SimpleUploadedFile("run-me.exe", b"MZ", content_type="application/x-exe"),
        },
        follow=True,
    ).content.decode()
    assert "“run-me.exe” is not a file type we accept" in refused
    empty = client.post(
        url,
        {
            "kind": "evidence",
            "text": "Contracts updated.",
            "files": SimpleUploadedFile("a.pdf", b""),
        },
        follow=True,
    ).content.decode()
    assert "is empty" in empty or "The submitted file is empty" in empty
    action.refresh_from_db()
    assert action.status == "open" and not action.updates.exists()
    assert not AuditActionFile.objects.exists()

    client.post(
        url,
        {
            "kind": "evidence",
            "text": "All 12 contracts now include the clauses.",
            "files": [
                SimpleUploadedFile("contract-clauses.pdf", b"%PDF-1.4 clauses"),
                SimpleUploadedFile("checklist.csv", b"contract,clause\n1,yes\n"),
            ],
        },
    )
    action.refresh_from_db()
    assert action.status == "evidence_submitted"
    stored = {f.name: f for f in AuditActionFile.objects.all()}
    assert set(stored) == {"contract-clauses.pdf", "checklist.csv"}
    assert stored["checklist.csv"].uploaded_by == lead
    business_unit = make_user(Role.BUSINESS_UNIT)
    client.force_login(business_unit)
    page = client.get(reverse("assurance:action-detail", args=[action.pk])).content.decode()
    download = reverse("assurance:action-file", args=[action.pk, stored["contract-clauses.pdf"].pk])
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 clauses"
    assert "contract-clauses.pdf" in response["Content-Disposition"]
    # Someone from another organisation sees neither the action nor its files.
    other = AgencyFactory(name="Harbour Lights", partnerships=[partnership])
    client.force_login(make_user(Role.AGENCY_LEAD, agency=other))
    assert client.get(download).status_code == 404
    # A file is only served under its own action.
    elsewhere = AuditAction.objects.create(
        partnership=partnership, agency=other, title="Other", due_on=action.due_on
    )
    client.force_login(business_unit)
    wrong = reverse("assurance:action-file", args=[elsewhere.pk, stored["checklist.csv"].pk])
    assert client.get(wrong).status_code == 404


def test_the_partnership_sees_all_open_actions_and_a_lead_only_their_own(
    client, partnership, submitted, lead, make_user, django_assert_max_num_queries
):
    other_agency = AgencyFactory(name="Harbour Lights", partnerships=[partnership])
    for n in range(3):
        AuditAction.objects.create(
            partnership=partnership,
            agency=other_agency,
            title=f"Harbour action {n}",
            due_on="2030-01-01",
        )
    client.force_login(make_user(Role.CHAIR))
    with django_assert_max_num_queries(20) as few:
        page = client.get(reverse("assurance:action-list")).content.decode()
    assert "Harbour action 0" in page and "1.2 Contracts include" in page
    for n in range(3, 30):
        AuditAction.objects.create(
            partnership=partnership,
            agency=other_agency,
            title=f"Harbour action {n}",
            due_on="2030-01-01",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("assurance:action-list")).content.decode()
    assert "Harbour action 29" in page
    client.force_login(lead)
    page = client.get(reverse("assurance:action-list")).content.decode()
    assert "Harbour action" not in page and "1.2 Contracts include" in page
    harbour = AuditAction.objects.filter(agency=other_agency).first()
    assert client.get(reverse("assurance:action-detail", args=[harbour.pk])).status_code == 404


def test_changing_the_owner_needs_someone_from_the_organisation(submitted, lead, partnership):
    action = AuditAction.objects.get(audit_return=submitted)
    outsider = user_with_role(
        Role.AGENCY_LEAD, partnership=partnership, agency=AgencyFactory(partnerships=[partnership])
    )
    with pytest.raises(ValidationError) as refused:
        action_services.action_change(
            actor=lead, action=action, owner=outsider, due_on=action.due_on
        )
    assert "The owner must work for Riverside Youth Project." in str(refused.value)


def test_a_submitted_return_waits_for_the_moderators_who_are_told(
    partnership, agency, lead, make_user, client, django_capture_on_commit_callbacks
):
    moderator = make_user(Role.SAFEGUARDING_PARTNER, email="partner@testshire.example")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        audit_return = _submitted_return(partnership, agency, lead)
    told = [m for m in mail.outbox if m.to == ["partner@testshire.example"]]
    assert len(told) == 1 and "Return to moderate" in told[0].subject
    client.force_login(moderator)
    page = client.get("/dashboard/").content.decode()
    assert "Audit return to moderate" in page
    assert "Riverside Youth Project" in client.get("/approvals/").content.decode()
    services.return_moderation_complete(
        actor=moderator, audit_return=audit_return, summary="Checked against the minutes."
    )
    assert "Audit return to moderate" not in client.get("/dashboard/").content.decode()
