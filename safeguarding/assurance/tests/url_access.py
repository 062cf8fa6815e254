"""URL kwargs for the platform's URL-access sweep (safeguarding/core/tests/test_url_access.py).

Each builder takes (partnership, user) and creates the record the URL is about in that
partnership. When the user is an agency safeguarding lead, the record belongs to their
organisation, so the sweep checks that the organisation's own lead gets in."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership, RoleAssignment
from safeguarding.accounts.tests.factories import AgencyFactory, UserFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import (
    Answer,
    AuditAction,
    AuditActionFile,
    AuditActionUpdate,
    AuditCase,
    CaseAudit,
    EvidenceFile,
)
from safeguarding.assurance.tests.factories import campaign, library, small_template
from safeguarding.core.roles import Role

SWEEP_FILE = "assurance/sweep/evidence.txt"


def _agency_of(partnership, user):
    agency = AgencyFactory(partnerships=[partnership])
    lead = RoleAssignment.objects.filter(
        user=user, partnership=partnership, role=Role.AGENCY_LEAD
    ).first()
    if lead is not None:
        lead.agency = agency
        lead.save(update_fields=["agency"])
        AgencyMembership.objects.get_or_create(user=user, agency=agency)
    return agency


def _campaign(partnership, user):
    _agency_of(partnership, user)
    return campaign(partnership=partnership, audience=Audience("everyone"))


def _return(partnership, user):
    made = _campaign(partnership, user)
    return made.returns.order_by("-pk").first()


def template(partnership, user) -> dict:
    return {"pk": small_template().template_id}


def version(partnership, user) -> dict:
    return {"pk": small_template(status="draft").pk}


def section(partnership, user) -> dict:
    made = small_template(status="draft")
    return {"pk": made.pk, "section_pk": made.sections.first().pk}


def question(partnership, user) -> dict:
    made = small_template(status="draft")
    return {"pk": made.pk, "question_pk": made.questions.first().pk}


def level(partnership, user) -> dict:
    made = small_template(status="draft")
    return {"pk": made.pk, "level_pk": made.scales.get().levels.first().pk}


def a_campaign(partnership, user) -> dict:
    return {"pk": _campaign(partnership, user).pk}


def closed_campaign(partnership, user) -> dict:
    made = _campaign(partnership, user)
    made.status = "closed"
    made.save(update_fields=["status"])
    return {"pk": made.pk}


def a_return(partnership, user) -> dict:
    return {"pk": _return(partnership, user).pk}


def return_section(partnership, user) -> dict:
    item = _return(partnership, user)
    return {"pk": item.pk, "section_pk": item.campaign.version.sections.first().pk}


def _answer(item):
    question = item.campaign.version.questions.get(key="lead")
    return Answer.objects.create(
        audit_return=item, question=question, rating=question.scale.levels.last()
    )


def return_answer(partnership, user) -> dict:
    item = _return(partnership, user)
    return {"pk": item.pk, "answer_pk": _answer(item).pk}


def return_file(partnership, user) -> dict:
    item = _return(partnership, user)
    if not default_storage.exists(SWEEP_FILE):
        default_storage.save(SWEEP_FILE, ContentFile(b"Sweep evidence"))
    evidence = EvidenceFile.objects.create(
        answer=_answer(item),
        file=SWEEP_FILE,
        name="evidence.txt",
        size=14,
        content_type="text/plain",
    )
    return {"pk": item.pk, "file_pk": evidence.pk}


def return_colleague(partnership, user) -> dict:
    item = _return(partnership, user)
    colleague = UserFactory()
    AgencyMembership.objects.create(user=colleague, agency=item.agency)
    item.contributors.add(colleague)
    return {"pk": item.pk, "user_pk": colleague.pk}


def action(partnership, user) -> dict:
    made = AuditAction.objects.create(
        partnership=partnership,
        agency=_agency_of(partnership, user),
        title="Evidence the training figures",
        due_on=timezone.localdate() + timedelta(days=30),
    )
    return {"pk": made.pk}


def action_file(partnership, user) -> dict:
    made = action(partnership, user)
    if not default_storage.exists(SWEEP_FILE):
        default_storage.save(SWEEP_FILE, ContentFile(b"Sweep evidence"))
    update = AuditActionUpdate.objects.create(
        action_id=made["pk"], author=UserFactory(), kind="evidence", text="Training records"
    )
    stored = AuditActionFile.objects.create(
        update=update, file=SWEEP_FILE, name="evidence.txt", size=14, content_type="text/plain"
    )
    return {"pk": made["pk"], "file_pk": stored.pk}


def _case_audit(partnership, user):
    return CaseAudit.objects.create(
        partnership=partnership,
        title="Neglect",
        cohort="Child protection plans",
        version=library("case_audit"),
        audits_due_on=timezone.localdate() + timedelta(days=30),
    )


def case_audit(partnership, user) -> dict:
    return {"pk": _case_audit(partnership, user).pk}


def case(partnership, user) -> dict:
    made = _case_audit(partnership, user)
    item = AuditCase.objects.create(case_audit=made, reference="MACA-1")
    item.agencies.set([AgencyFactory(partnerships=[partnership])])
    return {"pk": made.pk, "case_pk": item.pk}


def _survey(partnership):
    from safeguarding.assurance.services.surveys import survey_create

    today = timezone.localdate()
    return survey_create(
        job="test",
        partnership=partnership,
        title=f"Sweep survey {partnership.pk}",
        audience="young_people",
        consent_text="Anonymous.",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=7),
        preset="young_people",
    )


def survey(partnership, user):
    return {"pk": _survey(partnership).pk}


def survey_link(partnership, user):
    return {"token": _survey(partnership).token}
