"""Demo assurance for Essex: the audits in the Essex Safeguarding Children Board's 2021–23
report, built through the assurance services.

- The shipped audit templates (Section 11, Section 175/157 schools, multi-agency case audit,
  neglect thematic audit).
- The 2022 Section 11 audit, run jointly with Southend and Thurrock: very high confidence
  overall; least confidence in embedding policy, then service development, early help and
  inter-agency working, where most answers are "partly met". Moderated, with a challenge day,
  and gaps turned into actions (some already closed on evidence).
- The Section 175/157 schools audit that closed in the spring term of 2023, with 15 of the 18
  schools returning: the report's 83.3%.
- This year's schools audit, open now, with previous answers carried forward; the demo
  agency lead's school (Oakfield Primary) has not started it yet.
- A neglect thematic audit and a completed multi-agency case audit of three cases.

Organisations' safeguarding leads other than the demo accounts are fictional people at
example addresses who cannot sign in. Historical dates (submission times) are set after the
services have run, so the records read as they would have at the time. Loading again changes
nothing: each campaign is looked up by its title first.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from safeguarding.accounts import services as account_services
from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import (
    Answer,
    AuditAction,
    AuditReturn,
    Campaign,
    CaseAudit,
    TemplateVersion,
)
from safeguarding.assurance.services import actions as action_services
from safeguarding.assurance.services import campaigns as campaign_services
from safeguarding.assurance.services import case_audits as case_services
from safeguarding.assurance.services import moderation as moderation_services
from safeguarding.assurance.services import returns as return_services
from safeguarding.assurance.services.returns import AnswerInput
from safeguarding.assurance.services.templates import template_library_load
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme

JOB = "demo"
LONDON = ZoneInfo("Europe/London")
S11_2022 = "Section 11 audit 2022 (Southend, Essex and Thurrock)"
SCHOOLS_2023 = "Section 175/157 schools audit 2022–23"
NEGLECT_2022 = "Multi-agency thematic audit: neglect 2022"
CASE_AUDIT = "Neglect: children on child protection plans"

# Standards where the 2022 audit found the least confidence.
LOW_CONFIDENCE = {"s11-2-3": 0.75, "s11-3-2": 0.6, "s11-7-3": 0.55}
# Schools that did not return the 2022–23 audit (15 of 18 did: 83.3%).
SCHOOL_NON_RETURNERS = {
    "Tiptree Heath Nursery",
    "Writtle Grange Independent School",
    "Stort Valley Pupil Referral Unit",
}
LEAD_NAMES = [
    "Amira Shah", "Ben Cartwright", "Chloe Adeyemi", "Daniel Price", "Eve Lambert",
    "Farah Iqbal", "George Whitfield", "Hannah Osei", "Ian Fletcher", "Jasmine Cole",
    "Kofi Mensah", "Laura Benn", "Marcus Hale", "Nadia Rahman", "Owen Pryce", "Poppy Grant",
    "Rachel Dunn", "Samir Patel", "Tessa Moore", "Usman Ali", "Vicky Hart", "Will Archer",
    "Yasmin Khan", "Zoe Fairbairn",
]  # fmt: skip
EVIDENCE = [
    "Policy reviewed and approved by the board; available on the intranet.",
    "Internal audit of 20 records in the last year; findings reported to the senior team.",
    "Training matrix shows 94% of staff in date at the right level.",
    "Supervision records sampled quarterly by the named lead.",
    "Minutes of the safeguarding committee and the annual report to the board.",
]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def _version(kind: str) -> TemplateVersion:
    return TemplateVersion.objects.get(template__kind=kind, status="published")


def _lead_for(agency: Agency, essex: Partnership, index: int, result) -> User:
    """The organisation's safeguarding lead: the demo account for Oakfield, otherwise a
    fictional person who cannot sign in."""
    if agency.name == "Oakfield Primary School":
        return User.objects.get(email="agency-lead@demo.example")
    email = f"dsl.{slugify(agency.name)[:40]}@demo.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_services.user_create(
            job=JOB,
            email=email,
            full_name=LEAD_NAMES[index % len(LEAD_NAMES)],
            job_title="Safeguarding lead",
            agencies=[agency],
        )
        result.count("accounts")
    partnership = essex if essex in agency.partnerships.all() else agency.partnerships.first()
    account_services.role_assign(
        job=JOB, user=user, partnership=partnership, role=Role.AGENCY_LEAD, agency=agency
    )
    return user


def _answers_for(section, rng: random.Random, confidence: float) -> dict[int, AnswerInput]:
    answers = {}
    for question in section.questions.all():
        if question.answer_type == "rating":
            levels = {lvl.value: lvl for lvl in question.scale.levels.all()}
            partly_chance = LOW_CONFIDENCE.get(question.key, 1 - confidence)
            roll = rng.random()
            if question.allows_not_applicable and question.key == "s11-9-1" and roll < 0.3:
                answers[question.pk] = AnswerInput(
                    not_applicable=True,
                    not_applicable_reason="We do not commission services for children.",
                )
                continue
            top = max(levels)
            if roll < partly_chance * 0.15:
                value = min(levels)
            elif roll < partly_chance:
                value = top - 1
            else:
                value = top
            answers[question.pk] = AnswerInput(
                rating=levels[value].pk, evidence=rng.choice(EVIDENCE)
            )
        elif question.answer_type == "yes_no":
            answers[question.pk] = AnswerInput(yes_no=rng.random() < 0.95)
        elif question.answer_type == "number":
            answers[question.pk] = AnswerInput(number=rng.randint(4, 420))
        elif question.answer_type == "text":
            answers[question.pk] = AnswerInput(text=_text_for(question, rng))
    return answers


# Answers to free-text questions, by what the question asks for (a date, names, records, a
# judgement): never a person's name for "When…?".
TEXT_ANSWERS = [
    (
        ("when", "date"),
        ["September 2023", "January 2024", "October 2024", "March 2025"],
    ),
    (
        ("job title",),
        [
            "Sam Patel, Director of Children's Services",
            "Jo Okafor, Chief Nurse",
            "Chris Lane, Detective Superintendent, Public Protection",
        ],
    ),
    (("records",), ["Case notes, strategy discussion minutes and the chronology"]),
    (
        ("good practice",),
        ["Staff knew the family well and shared concerns with the school nurse the same day."],
    ),
    (
        ("development", "improve"),
        ["Recording the child's own words, and checking that referrals were received."],
    ),
    (
        ("recommendation",),
        ["Re-audit 20 records in six months to check that the child's voice is recorded."],
    ),
    (
        ("involvement",),
        ["Health visiting from birth and two school nursing contacts during the audit period."],
    ),
]


def _text_for(question, rng: random.Random) -> str:
    asked = question.text.lower()
    for words, answers in TEXT_ANSWERS:
        if any(re.search(rf"\b{word}", asked) for word in words):
            return rng.choice(answers)
    if asked.startswith("name"):
        return rng.choice(LEAD_NAMES)
    return "Recorded in our own case records; no identifying details here."


def _complete(audit_return: AuditReturn, lead: User, rng: random.Random, confidence: float):
    return_services.return_start(actor=lead, audit_return=audit_return)
    audit_return.refresh_from_db()
    for section in audit_return.campaign.version.sections.prefetch_related(
        "questions__scale__levels"
    ):
        fresh = {a.question_id: a for a in Answer.objects.filter(audit_return=audit_return)}
        answers = _answers_for(section, rng, confidence)
        for question_id, entry in answers.items():
            if question_id in fresh:
                entry.revision = fresh[question_id].revision
        return_services.return_save_section(
            actor=lead, audit_return=audit_return, section=section, answers=answers
        )


def _backdate(audit_return: AuditReturn, day: date) -> None:
    AuditReturn.objects.filter(pk=audit_return.pk).update(
        started_at=_at(day - timedelta(days=20)),
        submitted_at=_at(day, 15),
        first_submitted_at=_at(day, 15),
    )


def _campaign(
    *,
    bu: User,
    essex: Partnership,
    title: str,
    kind: str,
    audience: Audience,
    opens_on: date,
    closes_on: date,
    joint=(),
    previous=None,
    themes=(),
) -> Campaign:
    """Create and launch a campaign; historical closing dates are set after launch."""
    today = timezone.localdate()
    campaign = campaign_services.campaign_create(
        actor=bu,
        partnership=essex,
        title=title,
        version=_version(kind),
        opens_on=min(opens_on, today),
        closes_on=max(closes_on, today + timedelta(days=1)),
        audience=audience,
        joint_partnerships=list(joint),
        previous=previous,
        themes=list(themes),
    )
    campaign = campaign_services.campaign_launch(actor=bu, campaign=campaign)
    if closes_on != campaign.closes_on or opens_on != campaign.opens_on:
        campaign = campaign_services.campaign_update(
            actor=bu, campaign=campaign, opens_on=opens_on, closes_on=closes_on
        )
    return campaign


def _section_11(essex: Partnership, bu: User, partner: User, result) -> Campaign:
    joint = Partnership.objects.filter(slug__in=["southend", "thurrock"])
    campaign = _campaign(
        bu=bu,
        essex=essex,
        title=S11_2022,
        kind="section_11",
        audience=Audience("agencies"),
        opens_on=date(2022, 1, 10),
        closes_on=date(2022, 5, 27),
        joint=joint,
    )
    rng = random.Random(2022)
    returns = list(campaign.returns.select_related("agency").order_by("agency__name"))
    for index, audit_return in enumerate(returns):
        if audit_return.agency.name == "Forest Scouts and Guides Network":
            continue  # one voluntary organisation never returned
        lead = _lead_for(audit_return.agency, essex, index, result)
        _complete(audit_return, lead, rng, confidence=0.85)
        return_services.return_submit(actor=lead, audit_return=audit_return)
        _backdate(audit_return, date(2022, 5, 2) + timedelta(days=index % 25))
    result.count("audit returns")
    # Moderation: the police and the county council were moderated at the panel.
    for name in ["Essex Police", "Essex County Council"]:
        audit_return = campaign.returns.filter(agency__name=name).first()
        if audit_return is None:
            continue
        embedding = audit_return.answers.get(question__key="s11-2-3")
        partly = embedding.question.scale.levels.get(value=2)
        moderation_services.answer_moderate(
            actor=partner,
            answer=embedding,
            moderated_rating=partly,
            comment="Policies are in place; the evidence of checking practice is thin.",
        )
        moderation_services.return_moderation_complete(
            actor=bu,
            audit_return=audit_return,
            summary="Moderated at the Section 11 panel on 15 June 2022. Strong return; "
            "embedding of policy to be evidenced through practice audits.",
        )
    # A return sent back for more evidence, then resubmitted.
    district = campaign.returns.filter(agency__name="Basildon Borough Council").first()
    if district is not None:
        answer = district.answers.get(question__key="s11-4-3")
        moderation_services.answer_request_evidence(
            actor=bu, answer=answer, request="Send the LADO referral log for the last year."
        )
        lead = district.lead
        answer.refresh_from_db()
        return_services.return_save_section(
            actor=lead,
            audit_return=district,
            section=answer.question.section,
            answers={
                answer.question_id: AnswerInput(
                    rating=answer.rating_id,
                    evidence="LADO referral log 2021–22 attached: six "
                    "referrals, all within one working day.",
                    revision=answer.revision,
                )
            },
        )
        return_services.return_submit(actor=lead, audit_return=district)
    campaign_services.challenge_event_record(
        actor=bu,
        campaign=campaign,
        title="Section 11 challenge day",
        held_on=date(2022, 6, 15),
        attendees="Independent chair\nBusiness manager\nLeads of the presenting agencies\n"
        "Southend and Thurrock business units",
        outcomes="Agencies presented their self-assessments. Embedding policy and early help "
        "were challenged across the partnership; agencies agreed to evidence practice "
        "audits in their action plans by December 2022.",
        agencies_presenting=list(
            Agency.objects.filter(
                name__in=[
                    "Essex Police",
                    "Essex County Council",
                    "Mid and South Essex NHS Foundation Trust",
                ]
            )
        ),
    )
    # Some actions already closed on evidence.
    for action in AuditAction.objects.filter(audit_return__campaign=campaign).order_by("pk")[:6]:
        action_services.action_add_update(
            actor=action.owner, action=action, text="Practice audit planned for the autumn."
        )
        action_services.action_submit_evidence(
            actor=action.owner,
            action=action,
            text="Practice audit of 25 records completed; 92% compliant; report to the board.",
        )
        action_services.action_accept_evidence(
            actor=bu, action=action, comment="Evidence seen at the QA sub-committee."
        )
    campaign_services.campaign_close(actor=bu, campaign=campaign)
    return campaign


def _schools(essex: Partnership, bu: User, result) -> Campaign:
    campaign = _campaign(
        bu=bu,
        essex=essex,
        title=SCHOOLS_2023,
        kind="schools",
        audience=Audience("schools"),
        opens_on=date(2022, 11, 7),
        closes_on=date(2023, 3, 31),
    )
    rng = random.Random(2023)
    for index, audit_return in enumerate(
        campaign.returns.select_related("agency").order_by("agency__name")
    ):
        if audit_return.agency.name in SCHOOL_NON_RETURNERS:
            continue
        lead = _lead_for(audit_return.agency, essex, index + 7, result)
        _complete(audit_return, lead, rng, confidence=0.8)
        return_services.return_submit(actor=lead, audit_return=audit_return)
        _backdate(audit_return, date(2023, 2, 6) + timedelta(days=index * 3))
    # The three non-returners are late: the closing date passed.
    campaign.returns.filter(first_submitted_at__isnull=True).update(status="late")
    campaign_services.campaign_close(actor=bu, campaign=campaign)
    return campaign


def _schools_now(essex: Partnership, bu: User, previous: Campaign, result) -> None:
    today = timezone.localdate()
    start_year = today.year if today.month >= 9 else today.year - 1
    title = f"Section 175/157 schools audit {start_year}–{str(start_year + 1)[-2:]}"
    if Campaign.objects.filter(title=title).exists():
        return
    campaign = _campaign(
        bu=bu,
        essex=essex,
        title=title,
        kind="schools",
        audience=Audience("schools"),
        opens_on=today - timedelta(days=21),
        closes_on=today + timedelta(days=60),
        previous=previous,
    )
    rng = random.Random(start_year)
    for index, audit_return in enumerate(
        campaign.returns.select_related("agency").order_by("agency__name")
    ):
        name = audit_return.agency.name
        if name == "Oakfield Primary School" or index % 3 == 2:
            continue  # not started yet
        lead = _lead_for(audit_return.agency, essex, index + 7, result)
        _complete(audit_return, lead, rng, confidence=0.85)
        if index % 3 == 0:
            return_services.return_submit(actor=lead, audit_return=audit_return)


def _thematic(essex: Partnership, bu: User, result) -> None:
    statutory = Agency.objects.filter(
        name__in=[
            "Essex County Council",
            "Essex Police",
            "Mid and South Essex NHS Foundation Trust",
            "Essex Partnership University NHS Foundation Trust",
        ]
    )
    campaign = _campaign(
        bu=bu,
        essex=essex,
        title=NEGLECT_2022,
        kind="thematic",
        audience=Audience("agencies", types=("local_authority", "police", "health_provider")),
        opens_on=date(2022, 9, 5),
        closes_on=date(2022, 10, 28),
        themes=Theme.objects.filter(name="Neglect"),
    )
    rng = random.Random(5)
    for index, audit_return in enumerate(
        campaign.returns.filter(agency__in=statutory).select_related("agency")
    ):
        lead = _lead_for(audit_return.agency, essex, index, result)
        _complete(audit_return, lead, rng, confidence=0.6)
        return_services.return_submit(actor=lead, audit_return=audit_return)
        _backdate(audit_return, date(2022, 10, 20) + timedelta(days=index))
    campaign.returns.filter(first_submitted_at__isnull=True).update(
        status="exempt", exempt_reason="Not part of the neglect sample"
    )
    campaign_services.campaign_close(actor=bu, campaign=campaign)


def _case_audit(essex: Partnership, bu: User, result) -> None:
    today = timezone.localdate()
    tool = _version("case_audit")
    audit = case_services.case_audit_create(
        actor=bu,
        partnership=essex,
        title=CASE_AUDIT,
        version=tool,
        cohort="Children subject to a child protection plan under the category of neglect",
        scope="Do agencies recognise neglect early, hear the child, and work to one plan?",
        audits_due_on=today + timedelta(days=14),
        themes=list(Theme.objects.filter(name__in=["Neglect", "Voice of the child"])),
    )
    by_name = {
        a.name: a
        for a in Agency.objects.filter(
            name__in=[
                "Essex County Council",
                "Essex Police",
                "Mid and South Essex NHS Foundation Trust",
                "Oakfield Primary School",
                "Harlow Fields Primary School",
            ]
        )
    }
    cases = [
        (
            "MACA-23-01",
            "5 to 9",
            [
                "Essex County Council",
                "Oakfield Primary School",
                "Mid and South Essex NHS Foundation Trust",
            ],
        ),
        (
            "MACA-23-02",
            "1 to 4",
            ["Essex County Council", "Mid and South Essex NHS Foundation Trust", "Essex Police"],
        ),
        ("MACA-23-03", "10 to 15", ["Essex County Council", "Harlow Fields Primary School"]),
    ]
    for reference, age, names in cases:
        case_services.case_add(
            actor=bu,
            case_audit=audit,
            reference=reference,
            age_band=age,
            plan_type="Child protection plan (neglect)",
            agencies=[by_name[n] for n in names if n in by_name],
        )
    case_services.case_audit_start_audits(actor=bu, case_audit=audit)
    audit.refresh_from_db()
    rng = random.Random(23)
    for index, audit_return in enumerate(audit.campaign.returns.select_related("agency")):
        lead = _lead_for(audit_return.agency, essex, index + 3, result)
        _complete(audit_return, lead, rng, confidence=0.55)
        return_services.return_submit(actor=lead, audit_return=audit_return)
    case_services.case_audit_start_panel(actor=bu, case_audit=audit, panel_on=today)
    levels = {lvl.label: lvl for lvl in tool.scales.get().levels.all()}
    domains = list(tool.sections.filter(is_domain=True))
    overall = ["Good", "Requires improvement", "Good"]
    for case, grade in zip(audit.cases.order_by("reference"), overall, strict=True):
        grades = {d.pk: levels["Good"].pk for d in domains}
        for domain in domains:
            if domain.title in ("Voice of the child", "Lived experience of the child"):
                grades[domain.pk] = levels["Requires improvement"].pk
        case_services.case_panel_record(
            actor=bu,
            case=case,
            grades=grades,
            overall_grade=levels[grade].pk,
            panel_discussion="Agencies shared what they knew. Neglect was recognised, but "
            "the child's daily life was not always recorded in their own words.",
            good_practice="Health visitor persisted with home visits and escalated concerns.",
            learning="Use the Graded Care Profile 2 earlier and record the child's voice.",
        )
    owner = User.objects.filter(email__startswith="dsl.essex-county-council").first()
    if owner is not None:
        case_services.case_audit_recommend(
            actor=bu,
            case_audit=audit,
            agency=by_name["Essex County Council"],
            title="Use the Graded Care Profile 2 in every neglect assessment and record the "
            "child's own words in each plan.",
            owner=owner,
            due_on=today + timedelta(days=120),
        )
    case_services.case_audit_complete(
        actor=bu,
        case_audit=audit,
        findings="Neglect was recognised in all three cases, but the voice and lived "
        "experience of the child were the weakest domains. Agencies worked to one plan; "
        "information sharing with schools was timely.",
    )
    result.count("case audits")


IMPORTED_SET = "Voluntary sector safeguarding checklist (imported)"
IMPORTED_SET_ROWS = [
    "Section,Reference,Question,Type,Evidence",
    "Leadership,1.1,The organisation has a named safeguarding lead known to all volunteers.,"
    "yes/no,Lead's name on the volunteer induction pack",
    "Leadership,1.2,Trustees receive a safeguarding report at least once a year.,"
    "yes/no/partly,Trustee minutes",
    "Practice,2.1,Volunteers who work with children have the right DBS check before they "
    "start.,yes/no,Single central record",
    "Practice,2.2,How confident are you that concerns are passed on the same day?,rating,"
    "Log of concerns and referrals",
]


def _imported_question_set(essex: Partnership, result) -> None:
    """A question set imported from another area's CSV (ADR 0029), left as a draft to review:
    yes/no and yes/no/partly checklist items with evidence, a 0–3 maturity scale and two
    extra fields. Importing again changes nothing."""
    from safeguarding.assurance.services.question_sets import question_set_import

    summary = question_set_import(
        job=JOB,
        partnership=essex,
        content=("\n".join(IMPORTED_SET_ROWS) + "\n").encode(),
        filename="voluntary-sector-checklist.csv",
        name=IMPORTED_SET,
        scale="0=Not yet: nothing in place\n1=Emerging: on paper only\n"
        "2=Developing: practice is changing\n3=Embedded: consistent and evidenced",
        extra_fields=["Areas for improvement: text", "Deadline: date"],
    )
    if summary["errors"]:
        raise RuntimeError(f"The demo question set did not import: {summary['errors']}")
    if summary["written"]:
        result.count("imported question sets")


def load(*, essex: Partnership, result) -> None:
    template_library_load(job=JOB)
    _imported_question_set(essex, result)
    bu = User.objects.get(email="business-unit@demo.example")
    partner = User.objects.get(email="partner@demo.example")
    section_11 = Campaign.objects.filter(title=S11_2022).first()
    if section_11 is None:
        section_11 = _section_11(essex, bu, partner, result)
        result.count("audit campaigns")
    schools = Campaign.objects.filter(title=SCHOOLS_2023).first()
    if schools is None:
        schools = _schools(essex, bu, result)
        result.count("audit campaigns")
    if not Campaign.objects.filter(title=NEGLECT_2022).exists():
        _thematic(essex, bu, result)
        result.count("audit campaigns")
    _schools_now(essex, bu, schools, result)
    if not CaseAudit.objects.filter(title=CASE_AUDIT).exists():
        _case_audit(essex, bu, result)
