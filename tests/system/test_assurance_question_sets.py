"""The business unit imports a question set (preview, then confirm) and an organisation fills
in a return with the new question kinds (a 0–3 score, a yes/no checklist item with evidence,
extra date and link fields); every page is checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding.accounts.models import AgencyMembership, RoleAssignment
from safeguarding.accounts.tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    user_with_role,
)
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import Answer, TemplateVersion
from safeguarding.assurance.services.templates import template_version_publish
from safeguarding.assurance.tests.factories import campaign
from safeguarding.core.roles import Role

FIXTURES = Path(__file__).resolve().parents[2] / "safeguarding/assurance/tests/fixtures"


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")


def _main(browse) -> str:
    return browse.page.locator("main").inner_text()


def test_import_a_question_set_then_answer_it(browse, essex):
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Morgan Ellis")
    browse.sign_in(bu)
    page = browse.page
    browse.goto("/assurance/templates/import/")
    page.set_input_files("input[name=file]", str(FIXTURES / "section-11-question-set.xlsx"))
    page.get_by_label("Template name").fill("Section 11 (Testshire)")
    page.get_by_label("Section 11 self-assessment").check()
    page.get_by_label("Rating scale (optional)").fill(
        "0=Not in place\n1=Partly in place\n2=Mostly in place\n3=Fully in place"
    )
    page.get_by_label("Extra fields beside each question (optional)").fill(
        "Link to health audit: link\nDeadline: date"
    )
    page.get_by_role("button", name="Check the file").click()
    browse.check()
    assert "5 created, 0 updated, 0 unchanged" in _main(browse)
    assert not TemplateVersion.objects.filter(template__name="Section 11 (Testshire)").exists()
    page.get_by_role("button", name="Import into the draft").click()
    browse.check()
    assert "Imported into “Section 11 (Testshire)”, draft version 1" in _main(browse)

    # Bad input: a Windows-1252 export is refused with how to fix it.
    browse.goto("/assurance/templates/import/")
    page.set_input_files("input[name=file]", str(FIXTURES / "checklist-windows-1252.csv"))
    page.get_by_role("button", name="Check the file").click()
    browse.check()
    assert "CSV UTF-8" in _main(browse)

    version = TemplateVersion.objects.get(template__name="Section 11 (Testshire)")
    version = template_version_publish(actor=bu, version=version)
    agency = AgencyFactory(name="Fernbrook Community Health Trust", partnerships=[essex])
    lead = user_with_role(Role.AGENCY_LEAD, partnership=essex, full_name="Priya Hartley")
    RoleAssignment.objects.filter(user=lead).update(agency=agency)
    AgencyMembership.objects.get_or_create(user=lead, agency=agency)
    running = campaign(partnership=essex, version=version, audience=Audience("everyone"))
    audit_return = running.returns.get(agency=agency)
    section = version.questions.get(reference="2.3").section

    browse.sign_out()
    browse.sign_in(lead)
    browse.goto(f"/assurance/returns/{audit_return.pk}/sections/{section.pk}/")
    q23 = version.questions.get(reference="2.3")
    page.locator(f"input[name=q{q23.pk}][value='{q23.scale.levels.get(label='Yes').pk}']").check()
    page.get_by_label("2.3: evidence").fill("Policy on the intranet")
    page.get_by_label("2.3: Link to health audit").fill("https://example.org/health-audit")
    page.get_by_label("2.1: Deadline").fill("not a date")
    page.get_by_role("button", name="Save and come back later").click()
    browse.check()
    assert "2.1: Deadline must be a real date" in _main(browse)
    page.get_by_label("2.1: Deadline").fill("31/3/2027")
    page.get_by_role("button", name="Save and come back later").click()
    browse.check()
    answer = Answer.objects.get(audit_return=audit_return, question=q23)
    assert answer.rating.label == "Yes" and answer.evidence == "Policy on the intranet"
    assert answer.extra == {"link-to-health-audit": "https://example.org/health-audit"}
