"""Completing a return: drafts over several sittings, evidence files, carried-forward answers,
two people editing at once, submission once complete, the read-only copy and its PDF."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, UserFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import (
    Answer,
    AuditAction,
    AuditReturn,
    EvidenceFile,
    ReturnStatus,
)
from safeguarding.assurance.services import returns as services
from safeguarding.assurance.services.returns import AnswerInput
from safeguarding.assurance.tests.factories import campaign, member, small_template
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(partnership):
    return AgencyFactory(name="Riverside Youth Project", partnerships=[partnership])


@pytest.fixture
def version():
    return small_template()


@pytest.fixture
def audit_return(partnership, agency, version) -> AuditReturn:
    running = campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    return running.returns.get(agency=agency)


@pytest.fixture
def lead(make_user, agency):
    return make_user(Role.AGENCY_LEAD, agency=agency, full_name="Priya Hartley")


def _q(audit_return, key):
    return audit_return.campaign.version.questions.get(key=key)


def _level(question, value):
    return question.scale.levels.get(value=value)


def _section_url(audit_return, number):
    section = audit_return.campaign.version.sections.get(number=number)
    return reverse("assurance:return-section", args=[audit_return.pk, section.pk])


def _complete(audit_return, actor, rating=3, commission="na"):
    lead_q, commission_q = _q(audit_return, "lead"), _q(audit_return, "commission")
    first = audit_return.campaign.version.sections.get(number=1)
    second = audit_return.campaign.version.sections.get(number=2)
    answers = {
        lead_q.pk: AnswerInput(rating=_level(lead_q, rating).pk, evidence="Job description"),
        commission_q.pk: AnswerInput(
            not_applicable=True, not_applicable_reason="We commission nothing"
        )
        if commission == "na"
        else AnswerInput(rating=_level(commission_q, commission).pk),
    }
    services.return_save_section(
        actor=actor, audit_return=audit_return, section=first, answers=answers
    )
    services.return_save_section(
        actor=actor,
        audit_return=audit_return,
        section=second,
        answers={
            _q(audit_return, "policy").pk: AnswerInput(yes_no=True),
            _q(audit_return, "staff").pk: AnswerInput(number=12),
        },
    )


# Seeing returns -------------------------------------------------------------------------


def test_an_agency_lead_sees_only_their_own_agencys_returns(
    client, partnership, audit_return, lead, agency
):
    other = AgencyFactory(name="Harbour Lights", partnerships=[partnership])
    other_return = AuditReturn.objects.create(campaign=audit_return.campaign, agency=other)
    client.force_login(lead)
    page = client.get(reverse("assurance:my-returns")).content.decode()
    assert "Riverside Youth Project" in page and "Harbour Lights" not in page
    assert client.get(reverse("assurance:return-detail", args=[audit_return.pk])).status_code == 200
    response = client.get(reverse("assurance:return-detail", args=[other_return.pk]))
    assert response.status_code == 404
    assert list(AuditReturn.objects.visible_to(lead)) == [audit_return]
    assert not AuditReturn.objects.visible_to(UserFactory()).exists()


def test_the_my_returns_page_query_count_does_not_grow(
    client, partnership, agency, version, lead, django_assert_max_num_queries
):
    campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    client.force_login(lead)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("assurance:my-returns"))
    for _ in range(9):
        campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("assurance:my-returns")).content.decode()
    assert page.count("Section 11 audit 2024") == 10


# Drafts and validation --------------------------------------------------------------------


def test_answers_are_saved_as_drafts_over_several_sittings(client, audit_return, lead):
    client.force_login(lead)
    response = client.post(reverse("assurance:return-start", args=[audit_return.pk]))
    assert response.status_code == 302
    audit_return.refresh_from_db()
    assert audit_return.status == ReturnStatus.IN_PROGRESS and audit_return.lead == lead
    lead_q = _q(audit_return, "lead")
    response = client.post(
        _section_url(audit_return, 1),
        {
            f"q{lead_q.pk}": _level(lead_q, 2).pk,
            f"q{lead_q.pk}_evidence": "Draft job description",
            "later": "1",
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get(audit_return=audit_return, question=lead_q)
    assert answer.rating.label == "Partly met" and answer.revision == 1
    page = client.get(_section_url(audit_return, 1)).content.decode()
    assert "Draft job description" in page
    assert "Last saved by Priya Hartley" in page
    detail = client.get(reverse("assurance:return-detail", args=[audit_return.pk])).content.decode()
    assert "In progress" in detail


def test_audit_forms_open_without_an_error_summary(signed_in, client, audit_return, lead):
    """An empty "There is a problem" box is announced as an alert: it must not be there
    until something is wrong."""
    staff = signed_in(Role.BUSINESS_UNIT)
    page = staff.get(reverse("assurance:campaign-new")).content.decode()
    assert "Start a new campaign" in page and "govuk-error-summary" not in page
    refused = staff.post(reverse("assurance:campaign-new"), {"title": ""}).content.decode()
    assert "govuk-error-summary" in refused and "There is a problem" in refused
    client.force_login(lead)
    client.post(reverse("assurance:return-start", args=[audit_return.pk]))
    for section in audit_return.campaign.version.sections.all():
        response = client.get(_section_url(audit_return, section.number))
        assert response.status_code == 200
        assert "govuk-error-summary" not in response.content.decode(), section.title


def test_a_rating_outside_the_scale_is_refused_and_nothing_is_saved(client, audit_return, lead):
    client.force_login(lead)
    lead_q = _q(audit_return, "lead")
    response = client.post(_section_url(audit_return, 1), {f"q{lead_q.pk}": "99999"})
    assert response.status_code == 400
    assert (
        "1.1: choose one of the ratings on the scale (1 Not met, 2 Partly met, 3 Fully met)."
        in (response.content.decode())
    )
    assert not Answer.objects.filter(audit_return=audit_return).exists()
    # The service refuses it too (the API and other callers go through it).
    with pytest.raises(ValidationError, match="choose one of the ratings"):
        services.return_save_section(
            actor=lead,
            audit_return=audit_return,
            section=lead_q.section,
            answers={
                lead_q.pk: AnswerInput(rating=_level(_q(audit_return, "commission"), 3).pk + 1000)
            },
        )


def test_not_applicable_needs_a_reason_and_is_allowed_only_where_the_standard_says(
    client, audit_return, lead
):
    client.force_login(lead)
    lead_q, commission = _q(audit_return, "lead"), _q(audit_return, "commission")
    response = client.post(
        _section_url(audit_return, 1),
        {
            f"q{commission.pk}": "na",
            f"q{commission.pk}_na_reason": "  ",
            f"q{lead_q.pk}": _level(lead_q, 3).pk,
            f"q{lead_q.pk}_evidence": "Board minutes",
        },
    )
    assert response.status_code == 400
    assert "1.2: give the reason it does not apply." in response.content.decode()
    assert not Answer.objects.filter(audit_return=audit_return).exists()
    response = client.post(
        _section_url(audit_return, 1),
        {f"q{commission.pk}": "na", f"q{commission.pk}_na_reason": "We commission nothing"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get(question=commission, audit_return=audit_return)
    assert answer.not_applicable and answer.rating is None
    policy = _q(audit_return, "policy")
    with pytest.raises(ValidationError, match="cannot be marked not applicable"):
        services.return_save_section(
            actor=lead,
            audit_return=audit_return,
            section=policy.section,
            answers={policy.pk: AnswerInput(not_applicable=True, not_applicable_reason="x")},
        )


def test_a_number_that_is_not_a_number_is_refused(client, audit_return, lead):
    client.force_login(lead)
    staff = _q(audit_return, "staff")
    response = client.post(_section_url(audit_return, 2), {f"q{staff.pk}": "twelve"})
    assert response.status_code == 400
    assert "2.2: enter a number, like 12." in response.content.decode()


# Evidence files ----------------------------------------------------------------------------


def test_evidence_files_are_checked_stored_and_served_only_to_those_who_may_see(
    client, partnership, audit_return, lead
):
    client.force_login(lead)
    lead_q = _q(audit_return, "lead")
    files_field = f"q{lead_q.pk}_files"
    response = client.post(
        _section_url(audit_return, 1),
        {files_field: SimpleUploadedFile("virus.exe", b"MZ...", "application/octet-stream")},
    )
    assert response.status_code == 400
    assert "“virus.exe” is not a file type we accept." in response.content.decode()
    big = SimpleUploadedFile("minutes.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "application/pdf")
    response = client.post(_section_url(audit_return, 1), {files_field: big})
    assert "“minutes.pdf” is larger than 10 MB." in response.content.decode()
    assert not EvidenceFile.objects.exists()

    good = SimpleUploadedFile("board-minutes.pdf", b"%PDF-1.4 minutes", "application/pdf")
    response = client.post(_section_url(audit_return, 1), {files_field: good})
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.name == "board-minutes.pdf" and evidence.uploaded_by == lead
    url = reverse("assurance:evidence-download", args=[audit_return.pk, evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
    assert "attachment" in response["Content-Disposition"]

    stranger = AgencyFactory(partnerships=[partnership])
    from safeguarding.accounts.tests.factories import user_with_role

    client.force_login(user_with_role(Role.AGENCY_LEAD, partnership=partnership, agency=stranger))
    assert client.get(url).status_code == 404

    client.force_login(lead)
    response = client.post(
        reverse("assurance:evidence-remove", args=[audit_return.pk, evidence.pk])
    )
    assert response.status_code == 302
    assert not EvidenceFile.objects.exists()


# Two people at once --------------------------------------------------------------------------


def test_a_second_person_editing_the_same_answer_is_warned_and_nothing_is_lost(
    client, audit_return, lead, agency
):
    colleague = member(UserFactory(full_name="Sam Jones"), agency)
    audit_return.contributors.add(colleague)
    lead_q = _q(audit_return, "lead")
    client.force_login(lead)
    services.return_start(actor=lead, audit_return=audit_return)
    page = client.get(_section_url(audit_return, 1))  # the lead opens the page (revision 0)
    assert page.status_code == 200
    form = page.context["form"]
    stale = {
        f"q{lead_q.pk}_revision": form[f"q{lead_q.pk}_revision"].value(),
        f"q{lead_q.pk}_signature": form[f"q{lead_q.pk}_signature"].value(),
    }
    # Meanwhile the colleague saves an answer.
    services.return_save_section(
        actor=colleague,
        audit_return=audit_return,
        section=lead_q.section,
        answers={lead_q.pk: AnswerInput(rating=_level(lead_q, 3).pk, evidence="Sam's evidence")},
    )
    # The lead saves a different answer from the page opened before.
    response = client.post(
        _section_url(audit_return, 1),
        {**stale, f"q{lead_q.pk}": _level(lead_q, 1).pk, f"q{lead_q.pk}_evidence": "Lead's view"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Sam Jones changed this answer" in text
    assert "Their answer is now: “Fully met. Evidence: Sam&#x27;s evidence”" in text
    assert "Lead&#x27;s view" in text  # what the lead typed is still in the form
    answer = Answer.objects.get(audit_return=audit_return, question=lead_q)
    assert answer.evidence == "Sam's evidence" and answer.updated_by == colleague
    # Saving again, now knowingly, replaces it.
    refreshed = response.context["form"]
    response = client.post(
        _section_url(audit_return, 1),
        {
            f"q{lead_q.pk}_revision": refreshed[f"q{lead_q.pk}_revision"].value(),
            f"q{lead_q.pk}_signature": refreshed[f"q{lead_q.pk}_signature"].value(),
            f"q{lead_q.pk}": _level(lead_q, 1).pk,
            f"q{lead_q.pk}_evidence": "Lead's view",
        },
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.evidence == "Lead's view" and answer.revision == 2


def test_saving_a_stale_page_keeps_answers_the_person_did_not_touch(audit_return, lead, agency):
    colleague = member(UserFactory(), agency)
    lead_q = _q(audit_return, "lead")
    services.return_start(actor=lead, audit_return=audit_return)
    blank = services.answer_signature(Answer())
    services.return_save_section(
        actor=colleague,
        audit_return=audit_return,
        section=lead_q.section,
        answers={lead_q.pk: AnswerInput(rating=_level(lead_q, 3).pk, evidence="Colleague")},
    )
    # The lead's page still had the blank answer and posts it back unchanged.
    services.return_save_section(
        actor=lead,
        audit_return=audit_return,
        section=lead_q.section,
        answers={lead_q.pk: AnswerInput(revision=0, loaded_signature=blank)},
    )
    answer = Answer.objects.get(audit_return=audit_return, question=lead_q)
    assert answer.evidence == "Colleague" and answer.rating.value == 3


# Carried forward ---------------------------------------------------------------------------


def test_answers_are_carried_forward_from_the_previous_return_with_changes_highlighted(
    client, partnership, agency, version, lead
):
    previous_campaign = campaign(
        partnership=partnership,
        version=version,
        audience=Audience("everyone"),
        title="Section 11 audit 2022",
    )
    previous = previous_campaign.returns.get(agency=agency)
    services.return_start(actor=lead, audit_return=previous)
    _complete(previous, lead, rating=2)
    services.return_submit(actor=lead, audit_return=previous)

    new_campaign = campaign(
        partnership=partnership,
        version=version,
        audience=Audience("everyone"),
        title="Section 11 audit 2024",
        previous=previous_campaign,
    )
    current = new_campaign.returns.get(agency=agency)
    assert current.previous == previous
    client.force_login(lead)
    client.post(reverse("assurance:return-start", args=[current.pk]))
    lead_q = _q(current, "lead")
    carried = Answer.objects.get(audit_return=current, question=lead_q)
    assert carried.carried_forward and carried.rating.value == 2
    assert carried.previous_summary == "Partly met. Evidence: Job description"
    page = client.get(_section_url(current, 1)).content.decode()
    assert "1.1 last time:" in page and "Carried forward: check it is still right" in page
    assert "Changed since last return" not in page
    form = client.get(_section_url(current, 1)).context["form"]
    client.post(
        _section_url(current, 1),
        {
            f"q{lead_q.pk}_revision": form[f"q{lead_q.pk}_revision"].value(),
            f"q{lead_q.pk}_signature": form[f"q{lead_q.pk}_signature"].value(),
            f"q{lead_q.pk}": _level(lead_q, 3).pk,
            f"q{lead_q.pk}_evidence": "Job description",
        },
    )
    page = client.get(_section_url(current, 1)).content.decode()
    assert "Changed since last return" in page
    copy = client.get(reverse("assurance:return-copy", args=[current.pk])).content.decode()
    assert "Changed since last return" in copy


def test_an_open_action_continues_into_the_next_cycle_instead_of_being_copied(
    signed_in, partnership, agency, version, lead
):
    previous_campaign = campaign(
        partnership=partnership,
        version=version,
        audience=Audience("everyone"),
        title="Section 11 audit 2022",
    )
    previous = previous_campaign.returns.get(agency=agency)
    services.return_start(actor=lead, audit_return=previous)
    _complete(previous, lead, rating=2, commission=1)
    services.return_submit(actor=lead, audit_return=previous)
    first_actions = list(AuditAction.objects.order_by("pk"))
    assert [a.question.reference for a in first_actions] == ["1.1", "1.2"]
    # 1.2 was closed on evidence in the meantime; 1.1 is still open.
    closed = first_actions[1]
    closed.status, closed.closed_on = "closed", timezone.localdate()
    closed.save()

    new_campaign = campaign(
        partnership=partnership,
        version=version,
        audience=Audience("everyone"),
        title="Section 11 audit 2024",
        previous=previous_campaign,
    )
    current = new_campaign.returns.get(agency=agency)
    services.return_start(actor=lead, audit_return=current)
    services.return_submit(actor=lead, audit_return=current)  # the carried-forward answers

    continued = AuditAction.objects.get(pk=first_actions[0].pk)
    assert continued.audit_return == current and continued.question.reference == "1.1"
    assert "Still rated “Partly met” in the Section 11 audit 2024" in continued.description
    # The closed gap, rated below "Fully met" again, is a new action for the new cycle.
    assert AuditAction.objects.count() == 3
    reopened = AuditAction.objects.exclude(pk__in=[a.pk for a in first_actions]).get()
    assert reopened.audit_return == current and reopened.question.reference == "1.2"
    staff = signed_in(Role.BUSINESS_UNIT)
    page = staff.get(reverse("assurance:action-list")).content.decode()
    assert page.count(continued.title) == 1


# Submitting ----------------------------------------------------------------------------------


def test_submitting_lists_what_is_missing_and_writes_nothing(client, audit_return, lead):
    client.force_login(lead)
    services.return_start(actor=lead, audit_return=audit_return)
    lead_q = _q(audit_return, "lead")
    services.return_save_section(
        actor=lead,
        audit_return=audit_return,
        section=lead_q.section,
        answers={lead_q.pk: AnswerInput(rating=_level(lead_q, 3).pk)},
    )
    response = client.post(reverse("assurance:return-check", args=[audit_return.pk]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "The return cannot be submitted yet" in text
    assert "Leadership, 1.1: describe the evidence for the rating" in text
    assert "Leadership, 1.2: choose a rating or “Not applicable”" in text
    assert "About you, 2.1: answer yes or no" in text
    assert "About you, 2.2: enter a number" in text
    assert "2.3" not in text.split("The return cannot be submitted yet")[1].split("</ul>")[0]
    audit_return.refresh_from_db()
    assert audit_return.status == ReturnStatus.IN_PROGRESS and audit_return.submitted_at is None


def test_a_complete_return_is_submitted_then_read_only_with_gaps_as_actions(
    client, audit_return, lead, django_capture_on_commit_callbacks
):
    services.return_start(actor=lead, audit_return=audit_return)
    _complete(audit_return, lead, rating=2, commission=1)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assurance:return-check", args=[audit_return.pk]))
    assert response.status_code == 302
    audit_return.refresh_from_db()
    assert audit_return.status == ReturnStatus.SUBMITTED
    assert audit_return.submitted_by == lead and audit_return.first_submitted_at
    (confirmation,) = mail.outbox
    assert confirmation.to == [lead.email]
    actions = AuditAction.objects.filter(audit_return=audit_return).order_by("title")
    assert [a.question.reference for a in actions] == ["1.1", "1.2"]
    assert all(a.owner == lead for a in actions)
    assert actions[0].due_on >= timezone.localdate() + timedelta(days=90)
    # Read-only afterwards: the section page sends them back, the service refuses.
    response = client.get(_section_url(audit_return, 1))
    assert response.status_code == 302
    with pytest.raises(ValidationError, match="can no longer be changed"):
        _complete(audit_return, lead)
    copy = client.get(reverse("assurance:return-copy", args=[audit_return.pk]))
    assert "2 Partly met" in copy.content.decode()
    pdf = client.get(reverse("assurance:return-pdf", args=[audit_return.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_fully_met_and_not_applicable_standards_create_no_action(audit_return, lead):
    services.return_start(actor=lead, audit_return=audit_return)
    _complete(audit_return, lead, rating=3, commission="na")
    services.return_submit(actor=lead, audit_return=audit_return)
    assert not AuditAction.objects.exists()


# Colleagues ------------------------------------------------------------------------------------


def test_the_lead_adds_a_colleague_who_can_edit_but_not_submit(
    client, audit_return, lead, agency, partnership
):
    colleague = member(UserFactory(email="sam@riverside.test", full_name="Sam Jones"), agency)
    outsider = UserFactory(email="someone@elsewhere.test")
    client.force_login(lead)
    url = reverse("assurance:return-colleagues", args=[audit_return.pk])
    response = client.post(url, {"email": outsider.email})
    assert response.status_code == 400
    assert "Nobody at Riverside Youth Project has an account with that email address" in (
        response.content.decode()
    )
    response = client.post(url, {"email": "SAM@riverside.test"})
    assert response.status_code == 302
    assert list(audit_return.contributors.all()) == [colleague]

    client.force_login(colleague)
    assert client.get(reverse("assurance:my-returns")).status_code == 200
    services.return_start(actor=lead, audit_return=audit_return)
    _complete(audit_return, colleague)
    response = client.post(reverse("assurance:return-check", args=[audit_return.pk]))
    assert response.status_code == 403
    audit_return.refresh_from_db()
    assert audit_return.status == ReturnStatus.IN_PROGRESS


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


def test_evidence_files_are_checked_by_their_contents_and_for_macros(
    client, partnership, audit_return, lead
):
    client.force_login(lead)
    files_field = f"q{_q(audit_return, 'lead').pk}_files"
    disguised = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post(_section_url(audit_return, 1), {files_field: disguised})
    assert response.status_code == 400
    assert "“minutes.pdf” is not a real PDF file" in response.content.decode()
    macros = SimpleUploadedFile("policy.docx", _with_macros())
    response = client.post(_section_url(audit_return, 1), {files_field: macros})
    assert response.status_code == 400
    assert "“policy.docx” contains macros" in response.content.decode()
    assert not EvidenceFile.objects.exists()
