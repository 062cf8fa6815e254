"""A multi-agency case audit end to end: plan, sample cases, single-agency audits per case,
panel grades per domain and overall, recommendations as actions, findings."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.models import AuditAction, AuditCase, CaseAudit, ReturnStatus
from safeguarding.assurance.selectors.case_audits import grade_summary
from safeguarding.assurance.services import case_audits as services
from safeguarding.assurance.services import returns as return_services
from safeguarding.assurance.services.returns import AnswerInput
from safeguarding.assurance.tests.factories import library, member
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(partnership):
    return {
        "police": AgencyFactory(
            name="Testshire Police",
            type="police",
            sector="police",
            partnerships=[partnership],
            email="police@test.example",
        ),
        "health": AgencyFactory(
            name="Community Health",
            type="health_provider",
            sector="health",
            partnerships=[partnership],
        ),
        "school": AgencyFactory(
            name="Oak Primary",
            type="school",
            sector="education",
            school_phase="primary",
            school_type="maintained",
            partnerships=[partnership],
        ),
    }


def _complete_tool(audit_return, actor):
    """Answer every required question of the single-agency tool."""
    return_services.return_start(actor=actor, audit_return=audit_return)
    for section in audit_return.campaign.version.sections.order_by("number"):
        answers = {}
        for question in section.questions.select_related("scale"):
            if question.answer_type == "rating":
                good = question.scale.levels.get(label="Good")
                answers[question.pk] = AnswerInput(rating=good.pk, evidence="From the records")
            elif question.answer_type == "number":
                answers[question.pk] = AnswerInput(number=6)
            elif question.answer_type == "text":
                answers[question.pk] = AnswerInput(text="Seen weekly by the school nurse")
        return_services.return_save_section(
            actor=actor, audit_return=audit_return, section=section, answers=answers
        )
    return_services.return_submit(actor=actor, audit_return=audit_return)


def test_a_case_audit_runs_end_to_end(
    signed_in, partnership, agencies, make_user, django_capture_on_commit_callbacks
):
    tool = library("case_audit")
    neglect = Theme.objects.get_or_create(name="Neglect", defaults={"slug": "neglect-test"})[0]
    business_unit = signed_in(Role.BUSINESS_UNIT)
    due = timezone.localdate() + timedelta(days=21)
    response = business_unit.post(
        reverse("assurance:case-audit-new"),
        {
            "partnership": partnership.pk,
            "title": "Neglect: children on plans",
            "version": tool.pk,
            "cohort": "Children on child protection plans for neglect",
            "audits_due_on": due.isoformat(),
            "themes": [neglect.pk],
        },
    )
    assert response.status_code == 302
    audit = CaseAudit.objects.get()
    assert list(audit.themes.all()) == [neglect]

    # A case reference that looks like a name is refused.
    response = business_unit.post(
        reverse("assurance:case-new", args=[audit.pk]),
        {"reference": "Jayden Smith", "agencies": [agencies["police"].pk]},
    )
    assert response.status_code == 200
    assert "Enter a pseudonymised case reference" in response.content.decode()
    assert not AuditCase.objects.exists()
    for reference, involved in [
        ("MACA-24-01", ["police", "health"]),
        ("MACA-24-02", ["health", "school"]),
    ]:
        response = business_unit.post(
            reverse("assurance:case-new", args=[audit.pk]),
            {
                "reference": reference,
                "plan_type": "Child protection plan",
                "agencies": [agencies[a].pk for a in involved],
            },
        )
        assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        business_unit.post(reverse("assurance:case-audit-start", args=[audit.pk]))
    audit.refresh_from_db()
    assert audit.status == "auditing" and audit.campaign.closes_on == due
    assert audit.campaign.returns.count() == 4
    police_mail = next(m for m in mail.outbox if "police@test.example" in m.to)
    assert "MACA-24-01" in police_mail.body and "MACA-24-02" not in police_mail.body

    # Each agency completes its single-agency tool per case, seeing only its own.
    health_lead = make_user(Role.AGENCY_LEAD, agency=agencies["health"])
    client = Client()
    client.force_login(health_lead)
    page = client.get(reverse("assurance:my-returns")).content.decode()
    assert "case MACA-24-01" in page and "case MACA-24-02" in page
    police_return = audit.campaign.returns.get(agency=agencies["police"])
    assert (
        client.get(reverse("assurance:return-detail", args=[police_return.pk])).status_code == 404
    )
    for item in audit.campaign.returns.filter(agency=agencies["health"]):
        _complete_tool(item, health_lead)
    assert audit.campaign.returns.filter(status=ReturnStatus.SUBMITTED).count() == 2
    # Case audit tools do not create standard actions: the panel makes recommendations.
    assert not AuditAction.objects.exists()

    # The panel.
    response = business_unit.post(
        reverse("assurance:case-audit-panel", args=[audit.pk]),
        {"panel_on": (due + timedelta(days=7)).isoformat()},
    )
    audit.refresh_from_db()
    assert audit.status == "panel" and audit.campaign.status == "closed"
    case = audit.cases.get(reference="MACA-24-01")
    domains = list(tool.sections.filter(is_domain=True))
    levels = {lvl.label: lvl for lvl in tool.scales.get().levels.all()}
    url = reverse("assurance:case-detail", args=[audit.pk, case.pk])
    response = business_unit.post(
        url,
        {"panel_discussion": "Good joint working.", f"domain_{domains[0].pk}": levels["Good"].pk},
    )
    assert response.status_code == 400
    assert "Grade every domain. Not graded: Assessment" in response.content.decode()
    data = {f"domain_{d.pk}": levels["Good"].pk for d in domains}
    data[f"domain_{domains[2].pk}"] = levels["Requires improvement"].pk
    data.update(
        overall_grade=levels["Good"].pk,
        panel_discussion="Good joint working.",
        learning="Record the child's words.",
    )
    response = business_unit.post(url, data)
    assert response.status_code == 302
    assert case.domain_grades.count() == 9
    case.refresh_from_db()
    assert case.overall_grade.label == "Good"

    with pytest.raises(ValidationError, match="not graded these cases yet: MACA-24-02"):
        services.case_audit_complete(
            actor=business_unit.user, case_audit=audit, findings="Voice of the child"
        )
    other = audit.cases.get(reference="MACA-24-02")
    services.case_panel_record(
        actor=business_unit.user,
        case=other,
        grades={d.pk: levels["Outstanding"].pk for d in domains},
        overall_grade=levels["Outstanding"].pk,
        panel_discussion="Exemplary.",
    )
    assert grade_summary(case_audit=audit) == [
        ("Outstanding", 1, 50.0),
        ("Good", 1, 50.0),
        ("Requires improvement", 0, 0.0),
        ("Inadequate", 0, 0.0),
    ]

    # A recommendation becomes an action for the agency, owned by a named person.
    owner = member(make_user(Role.PRACTITIONER, full_name="Nurse Lead"), agencies["health"])
    with django_capture_on_commit_callbacks(execute=True):
        response = business_unit.post(
            reverse("assurance:case-audit-recommend", args=[audit.pk]),
            {
                "agency": agencies["health"].pk,
                "title": "Record the voice of the child at every contact.",
                "owner": owner.pk,
                "due_on": (due + timedelta(days=90)).isoformat(),
            },
        )
    assert response.status_code == 302
    action = AuditAction.objects.get(case_audit=audit)
    assert action.owner == owner and action.agency == agencies["health"]
    assert mail.outbox[-1].to == [owner.email]

    response = business_unit.post(
        reverse("assurance:case-audit-complete", args=[audit.pk]),
        {"findings": "Voice of the child was the weakest domain."},
    )
    audit.refresh_from_db()
    assert audit.status == "complete"
    page = business_unit.get(reverse("assurance:case-audit-detail", args=[audit.pk]))
    text = page.content.decode()
    assert "Voice of the child was the weakest domain." in text
    assert "Record the voice of the child at every contact." in text


def test_cases_cannot_be_added_once_agencies_are_auditing(partnership, agencies, make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    audit = services.case_audit_create(
        actor=actor,
        partnership=partnership,
        title="Exploitation",
        version=library("case_audit"),
        cohort="Children at risk of exploitation",
        audits_due_on=timezone.localdate() + timedelta(days=14),
    )
    with pytest.raises(ValidationError, match="Add the sampled cases"):
        services.case_audit_start_audits(actor=actor, case_audit=audit)
    services.case_add(
        actor=actor, case_audit=audit, reference="mace-1", agencies=[agencies["police"]]
    )
    assert audit.cases.get().reference == "MACE-1"
    services.case_audit_start_audits(actor=actor, case_audit=audit)
    with pytest.raises(ValidationError, match="cases cannot be added now"):
        services.case_add(
            actor=actor, case_audit=audit, reference="MACE-2", agencies=[agencies["police"]]
        )


def test_only_a_published_case_audit_tool_can_be_used(partnership, make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    with pytest.raises(ValidationError) as refused:
        services.case_audit_create(
            actor=actor,
            partnership=partnership,
            title="Wrong tool",
            version=library("section_11"),
            cohort="Any",
            audits_due_on=date(2030, 1, 1),
        )
    assert "published multi-agency case audit tool" in str(refused.value)


def test_case_audits_are_seen_by_partnership_staff_only(
    signed_in, partnership, make_user, django_assert_max_num_queries
):
    actor = make_user(Role.BUSINESS_UNIT)
    tool = library("case_audit")
    for n in range(3):
        services.case_audit_create(
            actor=actor,
            partnership=partnership,
            title=f"Audit {n}",
            version=tool,
            cohort="Cohort",
            audits_due_on=date(2030, 1, 1),
        )
    chair = signed_in(Role.CHAIR)
    with django_assert_max_num_queries(20) as few:
        assert chair.get(reverse("assurance:case-audit-list")).status_code == 200
    for n in range(3, 30):
        services.case_audit_create(
            actor=actor,
            partnership=partnership,
            title=f"Audit {n}",
            version=tool,
            cohort="Cohort",
            audits_due_on=date(2030, 1, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = chair.get(reverse("assurance:case-audit-list")).content.decode()
    assert "Audit 29" in page
    lead = Client()
    lead.force_login(make_user(Role.AGENCY_LEAD))
    assert lead.get(reverse("assurance:case-audit-list")).status_code == 403
