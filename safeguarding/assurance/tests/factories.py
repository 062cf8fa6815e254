"""Factories and builders for assurance tests. Fictional data only."""

from __future__ import annotations

import itertools
from datetime import timedelta

import factory
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import (
    AuditTemplate,
    Campaign,
    RatingLevel,
    RatingScale,
    TemplateQuestion,
    TemplateSection,
    TemplateVersion,
)
from safeguarding.assurance.services import campaigns as campaign_services
from safeguarding.assurance.services.templates import template_library_load


class AuditTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditTemplate

    name = factory.Sequence(lambda n: f"Test audit tool {n}")
    slug = factory.Sequence(lambda n: f"test-audit-tool-{n}")
    kind = "section_11"


def small_template(*, kind: str = "section_11", status: str = "published") -> TemplateVersion:
    """A small tool: one section with a moderated rating (N/A allowed, evidence required), a
    yes/no, a number, a text and an optional file question."""
    template = AuditTemplateFactory(kind=kind)
    version = TemplateVersion.objects.create(template=template, number=1, status=status)
    scale = RatingScale.objects.create(version=version, name="Met scale")
    for value, label, colour, outcome in [
        (1, "Not met", "red", "not_met"),
        (2, "Partly met", "amber", "partly"),
        (3, "Fully met", "green", "met"),
    ]:
        RatingLevel.objects.create(
            scale=scale, value=value, label=label, colour=colour, outcome=outcome
        )
    first = TemplateSection.objects.create(version=version, number=1, title="Leadership")
    second = TemplateSection.objects.create(version=version, number=2, title="About you")
    common = {"version": version}
    TemplateQuestion.objects.create(
        section=first,
        key="lead",
        reference="1.1",
        order=1,
        answer_type="rating",
        text="A named lead is accountable.",
        scale=scale,
        allows_not_applicable=True,
        evidence_required=True,
        moderated=True,
        evidence_expected="Job description",
        **common,
    )
    TemplateQuestion.objects.create(
        section=first,
        key="commission",
        reference="1.2",
        order=2,
        answer_type="rating",
        text="Contracts include safeguarding clauses.",
        scale=scale,
        allows_not_applicable=True,
        moderated=True,
        **common,
    )
    TemplateQuestion.objects.create(
        section=second,
        key="policy",
        reference="2.1",
        order=1,
        answer_type="yes_no",
        text="Is there a policy?",
        **common,
    )
    TemplateQuestion.objects.create(
        section=second,
        key="staff",
        reference="2.2",
        order=2,
        answer_type="number",
        text="How many staff?",
        **common,
    )
    TemplateQuestion.objects.create(
        section=second,
        key="notes",
        reference="2.3",
        order=3,
        answer_type="text",
        text="Anything else?",
        required=False,
        **common,
    )
    TemplateQuestion.objects.create(
        section=second,
        key="chart",
        reference="2.4",
        order=4,
        answer_type="file",
        text="Organisation chart",
        required=False,
        **common,
    )
    return version


def library(kind: str) -> TemplateVersion:
    template_library_load(job="test")
    return TemplateVersion.objects.get(template__kind=kind, status="published")


_schools = itertools.count(1)


def school(
    partnership, *, name=None, phase="primary", school_type="maintained", locality=None, parent=None
):
    return AgencyFactory(
        name=name or f"Test School {next(_schools)}",
        type="school",
        sector="education",
        school_phase=phase,
        school_type=school_type,
        locality=locality,
        parent=parent,
        partnerships=[partnership],
    )


def member(user, agency):
    AgencyMembership.objects.get_or_create(user=user, agency=agency)
    return user


def campaign(
    *,
    partnership=None,
    version=None,
    audience: Audience | None = None,
    opens_on=None,
    closes_on=None,
    launch: bool = True,
    **fields,
) -> Campaign:
    """A campaign (launched unless told not to), by default open from a week ago for a month."""
    today = timezone.localdate()
    opens_on = opens_on or today - timedelta(days=7)
    closes_on = closes_on or today + timedelta(days=30)
    partnership = partnership or PartnershipFactory()
    version = version or small_template()
    made = campaign_services.campaign_create(
        actor=_job_actor(),
        partnership=partnership,
        title=fields.pop("title", "Section 11 audit 2024"),
        version=version,
        opens_on=opens_on,
        closes_on=closes_on,
        audience=audience or Audience(preset="everyone"),
        **fields,
    )
    if launch:
        made = campaign_services.campaign_launch(actor=_job_actor(), campaign=made)
    return made


def _job_actor():
    from safeguarding.accounts.tests.factories import UserFactory

    return UserFactory()
