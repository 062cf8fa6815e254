"""Bodies, memberships and meetings: agenda with confidential items, papers with versions,
attendance and quorum, minutes approved at a later meeting, decisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, UserFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Minute,
    Paper,
    PaperVersion,
)
from safeguarding.governance.services import bodies as body_services
from safeguarding.governance.services import meetings as services
from safeguarding.governance.tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
DOCX = b"PK\x03\x04" + b"\x00" * 100


def pdf(name="paper.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def body(partnership):
    return BodyFactory(name="Essex Executive", partnerships=[partnership], quorum_minimum=2)


@pytest.fixture
def held(body):
    return MeetingFactory(body=body, starts_at=timezone.now() - datetime.timedelta(days=14))


@pytest.fixture
def upcoming(body):
    return MeetingFactory(body=body, starts_at=timezone.now() + datetime.timedelta(days=14))


# Bodies and memberships ----------------------------------------------------------------------


def test_business_unit_sets_up_a_body_and_adds_members(client, partnership, make_user):
    officer = make_user(Role.BUSINESS_UNIT)
    client.force_login(officer)
    response = client.post(
        "/governance/bodies/new/",
        {
            "name": "Stay Safe Group North",
            "type": "locality",
            "partnerships": [partnership.pk],
            "quorum_minimum": "3",
            "quorum_needs_statutory_partners": "on",
            "meeting_frequency": "quarterly",
            "is_active": "on",
            "terms_of_reference": "Joint chairs from the three statutory partners.",
        },
    )
    body = Body.objects.get(name="Stay Safe Group North")
    assert response["Location"] == f"/governance/bodies/{body.pk}/"
    police = AgencyFactory(name="Essex Police", partnerships=[partnership])
    chair = UserFactory(full_name="Pat Inspector")
    make_user(Role.AGENCY_LEAD, email="x@example.org")
    from safeguarding.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=chair, partnership=partnership, role=Role.AGENCY_LEAD)
    response = client.post(
        f"/governance/bodies/{body.pk}/members/new/",
        {"person": chair.pk, "agency": police.pk, "role": "chair", "starts_on": "2024-04-01"},
    )
    assert response.status_code == 302
    page = client.get(f"/governance/bodies/{body.pk}/").content.decode()
    assert "Pat Inspector" in page and "Essex Police" in page and "Chair" in page
    assert "3 voting members present and each statutory partner represented" in page
    assert AuditEvent.objects.filter(event="governance.membership.added").count() == 1


def test_membership_needs_a_person_or_agency_and_sensible_dates(body):
    with pytest.raises(ValidationError) as error:
        body_services.membership_add(
            actor=None,
            job="test",
            body=body,
            role="member",
            starts_on=datetime.date(2024, 4, 1),
            ends_on=datetime.date(2024, 3, 1),
        )
    assert error.value.message_dict == {
        "person": ["Choose a person, an agency, or both."],
        "ends_on": ["The membership must end on or after the day it starts."],
    }
    outsider = AgencyFactory(partnerships=[PartnershipFactory()])
    with pytest.raises(ValidationError, match="is not an agency of the partnerships"):
        body_services.membership_add(
            job="test", body=body, role="member", agency=outsider, starts_on=datetime.date.today()
        )
    assert not body.memberships.exists()


def test_body_list_query_count_does_not_grow(
    client, partnership, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(Role.PRACTITIONER))
    for _ in range(3):
        MembershipFactory(body=BodyFactory(partnerships=[partnership]))
    with django_assert_max_num_queries(25) as few:
        client.get("/governance/bodies/")
    for _ in range(30):
        MembershipFactory(body=BodyFactory(partnerships=[partnership]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/governance/bodies/")
    assert response.content.decode().count("/governance/bodies/") > 30


# Meetings ------------------------------------------------------------------------------------


def test_scheduling_a_meeting_through_the_page(client, body, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        f"/governance/bodies/{body.pk}/meetings/new/",
        {"date": "2030-03-12", "start_time": "10:00", "end_time": "12:00", "location": ""},
    )
    assert "Enter where the meeting is, or a link to join it online" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(
        f"/governance/bodies/{body.pk}/meetings/new/",
        {"date": "2030-03-12", "start_time": "10:00", "end_time": "09:00", "location": "Hall"},
    )
    assert "The meeting must end after it starts" in response.content.decode()
    client.post(
        f"/governance/bodies/{body.pk}/meetings/new/",
        {"date": "2030-03-12", "start_time": "10:00", "end_time": "12:00", "location": "Hall"},
    )
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).hour == 10


def test_confidential_items_are_seen_only_by_members_business_unit_and_chairs(
    client, body, held, partnership, make_user
):
    AgendaItemFactory(meeting=held, title="Neglect strategy")
    AgendaItemFactory(meeting=held, title="Child Q rapid review", is_confidential=True)
    member = make_user(Role.PRACTITIONER)
    MembershipFactory(body=body, person=member)
    viewers = {
        "member": member,
        "business unit": make_user(Role.BUSINESS_UNIT),
        "chair": make_user(Role.CHAIR),
    }
    for who, user in viewers.items():
        client.force_login(user)
        page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
        assert "Child Q rapid review" in page, who
    for role in (Role.PRACTITIONER, Role.AGENCY_LEAD, Role.SAFEGUARDING_PARTNER):
        client.force_login(make_user(role))
        page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
        assert "Neglect strategy" in page
        assert "Child Q rapid review" not in page
        assert "1 confidential item is shown only to members" in page
    client.force_login(make_user(Role.CHAIR, partnership=PartnershipFactory()))
    assert client.get(f"/governance/meetings/{held.pk}/").status_code == 404


def test_meeting_page_query_count_does_not_grow(
    client, body, held, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(Role.BUSINESS_UNIT))

    def add(n):
        for _ in range(n):
            item = AgendaItemFactory(meeting=held)
            services.paper_upload(job="t", meeting=held, agenda_item=item, title="P", file=pdf())
            Minute.objects.create(agenda_item=item, text="Noted.")
            MembershipFactory(body=body)

    add(2)
    with django_assert_max_num_queries(40) as few:
        client.get(f"/governance/meetings/{held.pk}/")
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/governance/meetings/{held.pk}/").status_code == 200


def test_meeting_list_query_count_does_not_grow(
    client, body, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(Role.PRACTITIONER))
    for _ in range(3):
        MeetingFactory(body=body)
    with django_assert_max_num_queries(25) as few:
        client.get("/governance/meetings/")
    for _ in range(30):
        MeetingFactory(body=BodyFactory(partnerships=list(body.partnerships.all())))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/governance/meetings/").status_code == 200


# Papers --------------------------------------------------------------------------------------


def test_papers_keep_old_versions(client, held, make_user):
    officer = make_user(Role.BUSINESS_UNIT)
    item = AgendaItemFactory(meeting=held, title="Budget")
    client.force_login(officer)
    response = client.post(
        f"/governance/meetings/{held.pk}/papers/new/",
        {"title": "Budget report", "agenda_item": item.pk, "file": pdf("budget-v1.pdf")},
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    client.post(
        f"/governance/papers/{paper.pk}/versions/new/", {"file": pdf("budget-v2.pdf", PDF + b"2")}
    )
    versions = list(paper.versions.order_by("number"))
    assert [(v.number, v.original_name) for v in versions] == [
        (1, "budget-v1.pdf"),
        (2, "budget-v2.pdf"),
    ]
    first = client.get(f"/governance/paper-versions/{versions[0].pk}/download/")
    assert b"".join(first.streaming_content) == PDF
    page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
    assert "version 2, budget-v2.pdf" in page and "Version 1: budget-v1.pdf" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "The file must be one of these types"),
        ("fake.pdf", b"<html>not a pdf</html>", "“fake.pdf” is not a real PDF file"),
        ("fake.docx", b"plain text", "“fake.docx” is not a real DOCX file"),
        ("empty.pdf", b"", "The file is empty"),
    ],
)
def test_disallowed_papers_are_refused_and_nothing_is_written(
    client, held, make_user, name, content, message
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        f"/governance/meetings/{held.pk}/papers/new/",
        {"title": "Paper", "file": SimpleUploadedFile(name, content)},
    )
    assert message in response.content.decode()
    assert not Paper.objects.exists() and not PaperVersion.objects.exists()


def test_too_large_papers_are_refused(held, settings):
    services.PAPER_MAX_BYTES = 100
    try:
        with pytest.raises(ValidationError, match="smaller than"):
            services.paper_upload(job="t", meeting=held, title="Big", file=pdf(content=PDF * 5))
    finally:
        services.PAPER_MAX_BYTES = 20 * 1024 * 1024
    assert not Paper.objects.exists()


def test_confidential_papers_are_hidden_and_their_download_is_logged(client, held, make_user):
    item = AgendaItemFactory(meeting=held, is_confidential=True)
    paper = services.paper_upload(
        job="t", meeting=held, agenda_item=item, title="Secret", file=pdf()
    )
    assert paper.is_confidential
    version = paper.versions.get()
    client.force_login(make_user(Role.PRACTITIONER))
    assert client.get(f"/governance/paper-versions/{version.pk}/download/").status_code == 404
    chair = make_user(Role.CHAIR)
    client.force_login(chair)
    assert client.get(f"/governance/paper-versions/{version.pk}/download/").status_code == 200
    assert AuditEvent.objects.filter(
        event="governance.paper.confidential_downloaded", actor=chair, target_id=str(paper.pk)
    ).exists()


# Attendance and quorum -----------------------------------------------------------------------


def test_attendance_shows_quorum(client, body, held, partnership, make_user):
    police = AgencyFactory(
        name="Essex Police", partnerships=[partnership], is_statutory_partner=True
    )
    council = AgencyFactory(
        name="Essex County Council", partnerships=[partnership], is_statutory_partner=True
    )
    body.quorum_needs_statutory_partners = True
    body.save()
    a = MembershipFactory(body=body, agency=police, role="chair")
    b = MembershipFactory(body=body, agency=council)
    adviser = MembershipFactory(body=body, role="adviser")
    client.force_login(make_user(Role.BUSINESS_UNIT))
    client.post(
        f"/governance/meetings/{held.pk}/attendance/",
        {
            f"status_{a.pk}": "present",
            f"status_{b.pk}": "apologies",
            f"status_{adviser.pk}": "present",
        },
    )
    page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
    assert "Not quorate" in page and "Not represented: Essex County Council" in page
    client.post(
        f"/governance/meetings/{held.pk}/attendance/",
        {
            f"status_{a.pk}": "present",
            f"status_{b.pk}": "present",
            f"deputy_{b.pk}": "Sam Deputy",
            f"status_{adviser.pk}": "present",
        },
    )
    page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
    assert "Quorate</strong> 2 voting members present" in page
    assert "represented by Sam Deputy" in page


def test_present_cannot_be_recorded_before_the_meeting(upcoming, body):
    member = MembershipFactory(body=body)
    with pytest.raises(ValidationError, match="has not happened yet"):
        services.attendance_record(job="t", meeting=upcoming, entries={member.pk: ("present", "")})
    assert not Attendance.objects.exists()
    services.attendance_record(job="t", meeting=upcoming, entries={member.pk: ("apologies", "")})
    assert Attendance.objects.get().status == "apologies"


# Minutes -------------------------------------------------------------------------------------


def test_minutes_for_a_meeting_not_yet_held_are_refused(client, upcoming, make_user):
    item = AgendaItemFactory(meeting=upcoming)
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(f"/governance/agenda-items/{item.pk}/minute/", {"text": "Noted."})
    assert "Minutes cannot be written for a meeting that has not happened yet" in (
        response.content.decode()
    )
    assert not Minute.objects.exists()


def test_minutes_are_approved_at_a_later_meeting_of_the_same_body(body, held, upcoming, make_user):
    item = AgendaItemFactory(meeting=held)
    services.minute_save(job="t", agenda_item=item, text="The Board noted the report.")
    chair = make_user(Role.CHAIR)
    with pytest.raises(ValidationError, match="has not happened yet"):
        services.minutes_approve(actor=chair, meeting=held, at_meeting=upcoming)
    earlier = MeetingFactory(body=body, starts_at=held.starts_at - datetime.timedelta(days=60))
    with pytest.raises(ValidationError, match="later meeting"):
        services.minutes_approve(actor=chair, meeting=held, at_meeting=earlier)
    other_body = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="same body"):
        services.minutes_approve(actor=chair, meeting=held, at_meeting=other_body)
    assert Minute.objects.get().status == "draft"

    later = MeetingFactory(body=body, starts_at=timezone.now() - datetime.timedelta(days=1))
    assert services.minutes_approve(actor=chair, meeting=held, at_meeting=later) == 1
    minute = Minute.objects.get()
    assert (minute.status, minute.approved_at_meeting, minute.approved_by) == (
        "approved",
        later,
        chair,
    )
    with pytest.raises(ValidationError, match="Approved minutes cannot be changed"):
        services.minute_save(job="t", agenda_item=item, text="Rewritten")
    with pytest.raises(ValidationError, match="no draft minutes"):
        services.minutes_approve(actor=chair, meeting=held, at_meeting=later)


def test_minutes_approval_through_the_page(client, body, held, make_user):
    item = AgendaItemFactory(meeting=held)
    services.minute_save(job="t", agenda_item=item, text="Agreed.")
    later = MeetingFactory(body=body, starts_at=timezone.now() - datetime.timedelta(hours=2))
    client.force_login(make_user(Role.CHAIR))
    response = client.post(
        f"/governance/meetings/{held.pk}/minutes/approve/", {"at_meeting": later.pk}
    )
    assert response.status_code == 302
    page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
    assert "Approved</strong> at the meeting on" in page


# Decisions -----------------------------------------------------------------------------------


def test_decisions_register(client, held, upcoming, make_user):
    services.decision_record(job="t", meeting=held, title="Adopt the neglect strategy")
    with pytest.raises(ValidationError, match="once the meeting has happened"):
        services.decision_record(job="t", meeting=upcoming, title="Too early")
    client.force_login(make_user(Role.PRACTITIONER))
    page = client.get("/governance/decisions/").content.decode()
    assert "Adopt the neglect strategy" in page and "Too early" not in page
    assert Decision.objects.count() == 1


def test_decisions_register_query_count_does_not_grow(
    client, body, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(Role.BUSINESS_UNIT))

    def add(n):
        for _ in range(n):
            meeting = MeetingFactory(body=body)
            services.decision_record(job="t", meeting=meeting, title="Decided")

    add(3)
    with django_assert_max_num_queries(25) as few:
        client.get("/governance/decisions/")
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/governance/decisions/").status_code == 200


def test_agenda_items_are_numbered_in_order(held):
    first = services.agenda_item_add(job="t", meeting=held, title="Welcome")
    second = services.agenda_item_add(job="t", meeting=held, title="Budget")
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError):
        services.agenda_item_add(job="t", meeting=held, title=" ")
    assert AgendaItem.objects.count() == 2


# Correcting and withdrawing decisions --------------------------------------------------------


def test_business_unit_corrects_a_decision_and_the_audit_keeps_before_and_after(
    client, held, make_user
):
    decision = services.decision_record(job="t", meeting=held, title="Adopt the neglect stratgy")
    officer = make_user(Role.BUSINESS_UNIT)
    client.force_login(officer)
    page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
    assert f"/governance/decisions/{decision.pk}/edit/" in page
    form = client.get(f"/governance/decisions/{decision.pk}/edit/").content.decode()
    assert "Adopt the neglect stratgy" in form
    response = client.post(
        f"/governance/decisions/{decision.pk}/edit/",
        {"title": "Adopt the neglect strategy", "detail": "From April."},
    )
    assert response["Location"] == f"/governance/meetings/{held.pk}/"
    decision.refresh_from_db()
    assert (decision.title, decision.detail) == ("Adopt the neglect strategy", "From April.")
    event = AuditEvent.objects.get(event="governance.decision.corrected")
    assert event.actor == officer
    assert event.before["title"] == "Adopt the neglect stratgy"
    assert event.after["title"] == "Adopt the neglect strategy"
    register = client.get("/governance/decisions/").content.decode()
    assert "Adopt the neglect strategy" in register and "stratgy" not in register


def test_a_correction_with_no_title_is_refused_and_nothing_changes(client, held, make_user):
    decision = services.decision_record(job="t", meeting=held, title="Adopt the strategy")
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(f"/governance/decisions/{decision.pk}/edit/", {"title": " "})
    assert response.status_code == 200
    assert "Enter what was decided" in response.content.decode()
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.decision_correct(job="t", decision=decision, title="Adopt the strategy")
    decision.refresh_from_db()
    assert decision.title == "Adopt the strategy"
    assert not AuditEvent.objects.filter(event="governance.decision.corrected").exists()


def test_only_the_business_unit_corrects_or_withdraws_decisions(client, held, make_user):
    decision = services.decision_record(job="t", meeting=held, title="Adopt the strategy")
    client.force_login(make_user(Role.CHAIR))
    assert client.get(f"/governance/decisions/{decision.pk}/edit/").status_code == 403
    response = client.post(f"/governance/decisions/{decision.pk}/withdraw/", {"reason": "No"})
    assert response.status_code == 403
    assert "/edit/" not in client.get("/governance/decisions/").content.decode()
    decision.refresh_from_db()
    assert not decision.is_withdrawn
    # The business unit of another partnership cannot reach it either.
    outsider = make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    client.force_login(outsider)
    assert client.get(f"/governance/decisions/{decision.pk}/edit/").status_code == 404


def test_a_withdrawn_decision_stays_in_the_register_marked_withdrawn(client, held, make_user):
    decision = services.decision_record(job="t", meeting=held, title="Adopt the strategy")
    officer = make_user(Role.BUSINESS_UNIT)
    client.force_login(officer)
    response = client.post(f"/governance/decisions/{decision.pk}/withdraw/", {"reason": ""})
    assert "Enter why the decision is being withdrawn" in response.content.decode()
    decision.refresh_from_db()
    assert not decision.is_withdrawn
    response = client.post(
        f"/governance/decisions/{decision.pk}/withdraw/",
        {"reason": "Superseded by the Executive's decision in June."},
    )
    assert response["Location"] == f"/governance/meetings/{held.pk}/"
    decision.refresh_from_db()
    assert decision.is_withdrawn and decision.withdrawn_by == officer
    event = AuditEvent.objects.get(event="governance.decision.withdrawn")
    assert event.after == {
        "withdrawn": True,
        "reason": "Superseded by the Executive's decision in June.",
    }
    client.force_login(make_user(Role.PRACTITIONER))
    register = client.get("/governance/decisions/").content.decode()
    assert "Adopt the strategy" in register and "Withdrawn</strong>" in register
    assert "Superseded by the Executive&#x27;s decision in June." in register
    meeting_page = client.get(f"/governance/meetings/{held.pk}/").content.decode()
    assert "Withdrawn</strong>" in meeting_page
    assert Decision.objects.count() == 1
    # Withdrawn decisions are neither withdrawn again nor corrected.
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.decision_withdraw(job="t", decision=decision, reason="Again")
    with pytest.raises(ValidationError, match="has been withdrawn"):
        services.decision_correct(job="t", decision=decision, title="Something else")
    client.force_login(officer)
    response = client.get(f"/governance/decisions/{decision.pk}/edit/")
    assert response["Location"] == "/governance/decisions/"
    assert AuditEvent.objects.filter(event="governance.decision.withdrawn").count() == 1


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


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("budget.docx", "macros", "“budget.docx” contains macros"),
        ("budget.pdf", b"%PDF-1.4\n<< /S /Launch /F (cmd.exe) >>", "starts a program"),
        ("budget.pdf", b"MZ\x90\x00" + b"\x00" * 64, "“budget.pdf” is not a real PDF file"),
    ],
)
def test_papers_with_active_content_or_a_false_name_are_refused(
    client, held, make_user, name, content, message
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    data = _with_macros() if content == "macros" else content
    response = client.post(
        f"/governance/meetings/{held.pk}/papers/new/",
        {"title": "Paper", "file": SimpleUploadedFile(name, data)},
    )
    assert message in response.content.decode()
    assert not Paper.objects.exists()


def test_terms_of_reference_with_macros_are_refused(client, partnership, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        "/governance/bodies/new/",
        {
            "name": "Stay Safe Group South",
            "type": "locality",
            "partnerships": [partnership.pk],
            "quorum_minimum": "3",
            "meeting_frequency": "quarterly",
            "is_active": "on",
            "terms_of_reference_document": SimpleUploadedFile("terms.docx", _with_macros()),
        },
    )
    assert "“terms.docx” contains macros" in response.content.decode()
    assert not Body.objects.filter(name="Stay Safe Group South").exists()
