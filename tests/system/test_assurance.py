"""Journeys through assurance: the business unit's templates, campaigns, results, moderation,
actions and case audits; an agency lead completing a return. Every page checked with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership
from safeguarding.accounts.tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    user_with_role,
)
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import AuditAction, AuditCase, CaseAudit
from safeguarding.assurance.services import campaigns as campaign_services
from safeguarding.assurance.services import case_audits as case_services
from safeguarding.assurance.services import returns as return_services
from safeguarding.assurance.services.returns import AnswerInput
from safeguarding.assurance.tests.factories import campaign, library
from safeguarding.core.roles import Role


@pytest.fixture
def essex(transactional_db):
    partnership = PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 0345 603 7627",
        brand_colour="#5b2d6e",
    )
    for name, phase in [
        ("Oakfield Primary School", "primary"),
        ("Blackwater Secondary Academy", "secondary"),
        ("Chelmer Special School", "special"),
    ]:
        AgencyFactory(
            name=name,
            type="school",
            sector="education",
            school_phase=phase,
            school_type="maintained",
            partnerships=[partnership],
        )
    AgencyFactory(
        name="Essex Police",
        type="police",
        sector="police",
        is_statutory_partner=True,
        partnerships=[partnership],
    )
    return partnership


def _submit_all(audit_return, lead):
    return_services.return_start(actor=lead, audit_return=audit_return)
    for section in audit_return.campaign.version.sections.prefetch_related("questions__scale"):
        answers = {}
        for q in section.questions.all():
            if q.answer_type == "rating":
                level = q.scale.levels.get(value=2 if q.reference == "1.1" else 3)
                answers[q.pk] = AnswerInput(rating=level.pk, evidence="Minutes of the board")
            elif q.answer_type == "yes_no":
                answers[q.pk] = AnswerInput(yes_no=True)
            elif q.answer_type == "number":
                answers[q.pk] = AnswerInput(number=120)
            elif q.answer_type == "text":
                answers[q.pk] = AnswerInput(text="Jo Bloggs")
        return_services.return_save_section(
            actor=lead, audit_return=audit_return, section=section, answers=answers
        )
    return_services.return_submit(actor=lead, audit_return=audit_return)


@pytest.fixture
def world(essex):
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Morgan Ellis")
    schools = campaign(
        partnership=essex,
        version=library("schools"),
        audience=Audience("schools"),
        title="Schools audit 2026–27",
    )
    blackwater = schools.returns.get(agency__name="Blackwater Secondary Academy")
    blackwater_lead = user_with_role(Role.AGENCY_LEAD, partnership=essex, agency=blackwater.agency)
    _submit_all(blackwater, blackwater_lead)
    closed = campaign(
        partnership=essex,
        version=library("section_11"),
        audience=Audience("agencies"),
        title="Section 11 audit 2024",
    )
    campaign_services.campaign_close(actor=bu, campaign=closed)
    audit = case_services.case_audit_create(
        actor=bu,
        partnership=essex,
        title="Neglect case audit",
        version=library("case_audit"),
        cohort="Child protection plans",
        audits_due_on=timezone.localdate() + timedelta(days=9),
    )
    police = essex.agencies.get(name="Essex Police")
    case_services.case_add(actor=bu, case_audit=audit, reference="MACA-1", agencies=[police])
    case_services.case_audit_start_audits(actor=bu, case_audit=audit)
    case_services.case_audit_start_panel(actor=bu, case_audit=audit, panel_on=timezone.localdate())
    return {
        "bu": bu,
        "schools": schools,
        "blackwater": blackwater,
        "closed": closed,
        "audit": CaseAudit.objects.get(pk=audit.pk),
    }


def test_the_business_unit_runs_assurance(browse, world):
    bu, schools, blackwater = world["bu"], world["schools"], world["blackwater"]
    browse.sign_in(bu)
    browse.page.get_by_role("link", name="Audits", exact=True).click()
    browse.check()
    assert "Schools audit 2026–27" in browse.page.locator("main").inner_text()

    # Templates
    browse.goto("/assurance/templates/")
    browse.page.get_by_role("link", name="Section 11 self-assessment").click()
    browse.check()
    browse.page.get_by_role("button", name="Start a new draft version").click()
    browse.check()
    draft_url = browse.page.url.replace(browse.base_url, "")
    browse.page.get_by_role("link", name="Change standard 1.1").click()
    browse.check()
    browse.page.get_by_label("Standard or question").fill("A board-level lead is accountable.")
    browse.page.get_by_role("button", name="Save the standard").click()
    browse.check()
    assert "A board-level lead is accountable." in browse.page.locator("main").inner_text()
    browse.page.get_by_role("link", name="Change Partly met").click()
    browse.check()
    browse.goto(draft_url)
    browse.page.get_by_role("link", name="Add a standard to About your organisation").click()
    browse.check()
    browse.goto(draft_url + "sections/new/")
    browse.goto("/assurance/templates/new/")

    # Campaigns
    browse.goto("/assurance/campaigns/")
    browse.goto("/assurance/campaigns/new/")
    browse.goto(f"/assurance/campaigns/{schools.pk}/")
    main = browse.page.locator("main").inner_text()
    assert "1 of 3 organisations" in main
    browse.goto(f"/assurance/campaigns/{schools.pk}/edit/")
    browse.goto(f"/assurance/campaigns/{schools.pk}/invite/")
    browse.goto(f"/assurance/campaigns/{schools.pk}/non-returners/")
    browse.goto(f"/assurance/campaigns/{schools.pk}/challenge-events/new/")
    browse.page.get_by_label("Title").fill("Schools challenge day")
    browse.page.get_by_label("Date").fill("2026-12-01")
    browse.page.get_by_label("Who attended").fill("Chair\nEducation safeguarding lead")
    browse.page.get_by_label("Outcomes").fill("Schools to evidence filtering and monitoring.")
    browse.page.get_by_role("button", name="Record the event").click()
    browse.check()
    assert "Schools challenge day" in browse.page.locator("main").inner_text()
    browse.goto(f"/assurance/campaigns/{schools.pk}/results/")
    assert "From 1 submitted return" in browse.page.locator("main").inner_text()
    browse.goto(f"/assurance/campaigns/{schools.pk}/schools-report/")
    browse.goto(f"/assurance/campaigns/{world['closed'].pk}/reopen/")

    # A return: read, moderate, exempt another
    browse.goto(f"/assurance/returns/{blackwater.pk}/")
    browse.goto(f"/assurance/returns/{blackwater.pk}/copy/")
    browse.goto(f"/assurance/returns/{blackwater.pk}/check/")
    browse.goto(f"/assurance/returns/{blackwater.pk}/colleagues/")
    browse.goto(f"/assurance/returns/{blackwater.pk}/moderate/")
    browse.page.get_by_role("link", name="Moderate 1.1").first.click()
    browse.check()
    # The schools tool asks for no moderated score: moderators comment or ask for evidence.
    assert browse.page.get_by_label("Moderated score").count() == 0
    browse.page.get_by_label("Moderator's comment").fill("Evidence seen at the panel.")
    browse.page.get_by_role("button", name="Save the moderation").click()
    browse.check()
    other = schools.returns.get(agency__name="Chelmer Special School")
    browse.goto(f"/assurance/returns/{other.pk}/exempt/")

    # Actions
    browse.goto("/assurance/actions/")
    action = AuditAction.objects.filter(audit_return=blackwater).first()
    browse.goto(f"/assurance/actions/{action.pk}/")
    browse.goto(f"/assurance/actions/{action.pk}/change/")

    # Case audits
    audit = world["audit"]
    case = AuditCase.objects.get(case_audit=audit)
    browse.goto("/assurance/case-audits/")
    browse.goto("/assurance/case-audits/new/")
    browse.goto(f"/assurance/case-audits/{audit.pk}/")
    browse.goto(f"/assurance/case-audits/{audit.pk}/cases/{case.pk}/")
    browse.page.get_by_role("button", name="Save the panel's grades").click()
    browse.check()  # the error summary is accessible too
    assert "There is a problem" in browse.page.locator("main").inner_text()
    browse.goto(f"/assurance/case-audits/{audit.pk}/recommendations/new/")
    draft = CaseAudit.objects.create(
        partnership=audit.partnership,
        title="Exploitation",
        cohort="Children at risk",
        version=audit.version,
        audits_due_on=audit.audits_due_on,
    )
    browse.goto(f"/assurance/case-audits/{draft.pk}/cases/new/")


def test_an_agency_lead_completes_a_return(browse, world, essex):
    oakfield = world["schools"].returns.get(agency__name="Oakfield Primary School")
    lead = user_with_role(
        Role.AGENCY_LEAD, partnership=essex, agency=oakfield.agency, full_name="Priya Hartley"
    )
    colleague = user_with_role(Role.PRACTITIONER, partnership=essex, full_name="Sam Jones")
    AgencyMembership.objects.create(user=colleague, agency=oakfield.agency)
    browse.sign_in(lead)
    assert "Your organisation's audit returns" in browse.page.locator("main").inner_text()
    browse.goto("/assurance/returns/")
    browse.page.get_by_role("link", name="Schools audit 2026–27").click()
    browse.check()
    browse.page.get_by_role("button", name="Start the return").click()
    browse.check()
    browse.page.get_by_role("link", name="1. School details").click()
    browse.check()
    browse.page.get_by_label("D1 Name of the designated safeguarding lead").fill("Priya Hartley")
    browse.page.get_by_label("D5 Number of pupils on roll").fill("212")
    browse.page.get_by_role("button", name="Save and continue").click()
    browse.check()
    assert "2. Safeguarding governance" in browse.page.locator("h1").inner_text()
    browse.page.get_by_role("group", name="1.1 A named governor").get_by_label(
        "3 Fully met"
    ).check()
    browse.page.get_by_label("1.1: evidence").fill("Termly meeting notes")
    browse.page.get_by_role("button", name="Save and come back later").click()
    browse.check()
    browse.page.get_by_role("link", name="Colleagues working on this return").click()
    browse.check()
    browse.page.get_by_label("Your colleague's email address").fill(colleague.email)
    browse.page.get_by_role("button", name="Add the colleague").click()
    browse.check()
    assert "Sam Jones" in browse.page.locator("main").inner_text()
    browse.goto(f"/assurance/returns/{oakfield.pk}/check/")
    browse.page.get_by_role("button", name="Submit the return").click()
    browse.check()
    assert "The return cannot be submitted yet" in browse.page.locator("main").inner_text()
    browse.goto(f"/assurance/returns/{oakfield.pk}/copy/")

    # Evidence on an action, with a file
    action = AuditAction.objects.create(
        partnership=essex,
        agency=oakfield.agency,
        owner=lead,
        title="1.3 Safer recruitment training for governors",
        due_on=oakfield.campaign.closes_on,
    )
    browse.goto(f"/assurance/actions/{action.pk}/")
    browse.page.get_by_label("Evidence that the gap is closed: what changed and how you know").fill(
        "All governors trained in March."
    )
    browse.page.get_by_label("Files that show it (optional)").set_input_files(
        {"name": "training-register.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    browse.page.get_by_role("button", name="Submit the evidence").click()
    browse.check()
    main = browse.page.locator("main").inner_text()
    assert browse.page.get_by_role("link", name="training-register.pdf").count() == 1, main
