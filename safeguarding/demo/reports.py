"""The demo's yearly reports: Essex's 2021–23 report, written, signed off by the three
partners, published and sent to the Panel and Foundations, with an inspection and its action
plan and the three statutory partners' contributions for 2021–23; and the 2023–24 report, a
draft with three agencies' contributions collected through a contribution campaign (ADR
0032). Its tables come from the rest of the demo (training reach of 80 opportunities to 1,753
people, the Section 175 return rate, key data over three years, the equal finance split, the
area profile, the child deaths the panel reviewed in the period).
Fictional, deterministic and idempotent: loading twice changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.reports import services
from safeguarding.reports.documents import report_files_build
from safeguarding.reports.models import Arrangements, Inspection, YearlyReport

JOB = "demo"

NARRATIVES = {
    "foreword": (
        "This report covers two years of joint and equal working by the three statutory "
        "partners. We kept meeting often, funded the partnership equally and made learning "
        "from reviews our first priority.\n\n"
        "Our aim for next year is fewer reviews and more time turning their learning into "
        "practice.",
        "",
    ),
    "arrangements": (
        "The Executive leads the partnership; the Statutory Partners' Group holds the "
        "partners to account, and four Stay Safe Groups bring the learning to each quadrant "
        "of the county. Relevant agencies are listed in the published arrangements.",
        "",
    ),
    "contributions": (
        "Each statutory partner wrote its own account of the two years. Their words are "
        "below, as they sent them.",
        "",
    ),
    "priorities": (
        "We set six priorities. Work on **neglect** and **risk in the community** is "
        "well under way. Progress on elective home education and children missing "
        "education was slower than planned because the national guidance changed; both are "
        "carried into next year's plan with named leads and dates.",
        "",
    ),
    "reviews": (
        "Every notification was made within five working days and every rapid review "
        "reached the Panel on time. Each recommendation has a named owner who updates it "
        "monthly; two were closed on strong evidence of impact, and one graded insufficient "
        "was sent back for better evidence.",
        "Child B (a pseudonym): after the review, school nurses and GPs now hear about "
        "self-harm concerns on the same day. A re-audit found this in 18 of 20 cases.",
    ),
    "assurance": (
        "Almost every agency returned its Section 11 self-assessment, and most schools "
        "returned the Section 175/157 audit. Challenge events tested the answers.",
        "",
    ),
    "training": (
        "We offered 80 learning and development opportunities to over 1,700 people. "
        "Three months later most told us they were using the learning in practice.",
        "",
    ),
    "key_data": (
        "Referrals fell while the share leading to an assessment rose, which suggests "
        "better-targeted referrals. Child protection plans rose over the three years and "
        "are a focus of next year's audits.",
        "",
    ),
    "voice": (
        "Young people from the Children in Care Council reviewed our self-harm leaflet; "
        "we rewrote it in their words, and schools now hand it out.",
        "",
    ),
    "scrutiny": (
        "The independent scrutineer observed the Executive and two Stay Safe Groups and "
        "read a sample of rapid reviews. They recommended shorter, more focused reviews; "
        "the partners agreed and changed the rapid review template.",
        "",
    ),
    "inspections": (
        "Children's services were inspected in 2022; the action plan's actions are followed "
        "up in the partnership's tracker.",
        "",
    ),
    "finance": (
        "The three statutory partners contributed equally, with further contributions from "
        "probation and the district councils. A small reserve is carried forward.",
        "",
    ),
    "next_year": (
        "* Complete the reviews under way and publish their learning.\n"
        "* Embed the new neglect toolkit.\n"
        "* Review the Stay Safe Groups' terms of reference.",
        "",
    ),
    "glossary": (
        "* **ESCB**: Essex Safeguarding Children Board\n"
        "* **LCSPR**: local child safeguarding practice review\n"
        "* **ICB**: integrated care board",
        "",
    ),
}


def _inspection(essex: Partnership, result) -> None:
    if Inspection.objects.filter(partnership=essex, title="Children's services").exists():
        return
    council = Agency.objects.filter(name="Essex County Council").first()
    inspection = services.inspection_add(
        job=JOB,
        partnership=essex,
        agencies=[council] if council else [],
        type="ilacs",
        title="Children's services",
        inspected_on=date(2022, 7, 11),
        judgement="Outstanding",
        report_url="https://reports.ofsted.gov.uk/",
        summary="Fictional demo inspection of local authority children's services.",
    )
    # The first action was done long ago; the second runs now, due a few months from the day
    # the demo is loaded (so the demo never shows an absurdly overdue action).
    done = services.inspection_action_add(
        job=JOB,
        inspection=inspection,
        text="Strengthen return home interviews for children missing from home.",
        due_on=date(2023, 3, 31),
        owner_agency=council,
    )
    services.inspection_action_complete(job=JOB, action=done)
    services.inspection_action_add(
        job=JOB,
        inspection=inspection,
        text="Improve the recording of children's wishes in child protection plans.",
        due_on=timezone.localdate() + timedelta(days=120),
        owner_agency=council,
    )
    result.count("inspections")


def _arrangements(essex: Partnership, result) -> None:
    if Arrangements.objects.filter(partnership=essex).exists():
        return
    version = services.arrangements_draft(job=JOB, partnership=essex)
    services.arrangements_update(
        job=JOB,
        version=version,
        data={
            "narrative": "The three statutory partners share equal responsibility for "
            "safeguarding children in Essex. The Executive meets every two months; the "
            "Statutory Partners' Group holds each partner to account.",
            "independent_scrutiny": "An independent scrutineer reviews the partnership each "
            "year and reports to the Statutory Partners' Group.",
            "joint_arrangements": "Joint procedures and a joint Section 11 audit with "
            "Southend and Thurrock.",
            "agreed_on": date(2023, 9, 1),
            "next_review_on": date(2026, 9, 1),
        },
    )
    services.arrangements_publish(job=JOB, version=version)
    result.count("arrangements")


CONTRIBUTIONS_2023_24 = "Agency contributions to the yearly report 2023–24"
# Fictional accounts of the year, one per statutory partner: what they did, the impact, the
# challenges, next year's priorities and an example (with a pseudonym).
CONTRIBUTIONS = {
    "Essex County Council": [
        "We opened two new family hubs and moved our early help assessments onto one shared "
        "form, so families tell their story once.",
        "Re-referrals within a year fell from 21% to 18%, and parents in the hub survey said "
        "they knew who to call.",
        "Recruiting and keeping experienced social workers, especially in the North.",
        "Embedding the neglect toolkit in every team and reducing drift for children on plans.",
        "Child Q's family were helped by the hub before a crisis: school attendance rose from "
        "60% to 95% in a term.",
    ],
    "Mid and South Essex Integrated Care Board": [
        "We trained 400 GP practice staff in recognising neglect and put a named GP for "
        "safeguarding in every primary care network.",
        "GP referrals to the front door now include the child's own words in most cases, and "
        "health attendance at strategy discussions reached 92%.",
        "Sharing information quickly between hospital trusts and community services.",
        "Joining up the health records of children who move between our three hospitals.",
        "Health visitors noticed Child R's missed appointments and shared it the same day; the "
        "family now has an early help plan.",
    ],
    "Essex Police": [
        "We set up a child exploitation team in each district and reviewed every missing "
        "episode with partners within 72 hours.",
        "Return home interviews rose to 85% within three days, and repeat missing episodes fell "
        "for the children the team worked with.",
        "Demand on the public protection teams and delays in digital forensics.",
        "Better use of the voice of the child in police referrals.",
        "Officers who attended a domestic incident spoke to Child S on their own and recorded "
        "what she said; it changed the safety plan.",
    ],
}


def _contributions_2023_24(essex: Partnership, result) -> None:
    """A contribution campaign for 2023–24 that three statutory partners answered."""
    _contribution_campaign(
        essex,
        result,
        title=CONTRIBUTIONS_2023_24,
        period=(date(2023, 4, 1), date(2024, 3, 31)),
        texts=CONTRIBUTIONS,
        ran=(date(2024, 4, 15), date(2024, 5, 31)),
        started=date(2024, 4, 29),
        submitted=date(2024, 5, 20),
    )


CONTRIBUTIONS_2021_23 = "Agency contributions to the yearly report 2021–23"
# Fictional accounts of the two years 2021–23, for the published report.
CONTRIBUTIONS_2021_23_TEXTS = {
    "Essex County Council": [
        "We brought the children's front door and early help together in each quadrant and "
        "trained every team in the neglect toolkit.",
        "Families waited less for early help: most were seen within ten working days by "
        "March 2023.",
        "Demand rose after the pandemic, and complexity with it.",
        "Family hubs, and a shared early help assessment with health and schools.",
        "Child T's family asked for help themselves after a school talk; the plan ended "
        "with the family confident and the school attendance back to normal.",
    ],
    "Mid and South Essex Integrated Care Board": [
        "We appointed named safeguarding GPs and ran neglect training for primary care.",
        "Health attendance at child protection conferences rose to nine in ten.",
        "Recovering services after the pandemic while demand grew.",
        "Information sharing between hospital trusts and community services.",
        "A school nurse's early call about Child U's weight loss led to a joint visit the "
        "same week.",
    ],
    "Essex Police": [
        "We reviewed every missing episode with partners and set up exploitation teams.",
        "More return home interviews were held within three days.",
        "Digital forensics delays and demand on public protection teams.",
        "Hearing the child's voice in every police referral.",
        "Officers recorded Child V's own words at a domestic incident and the safety plan "
        "changed because of them.",
    ],
}


def _contributions_2021_23(essex: Partnership, result) -> None:
    """The contribution campaign the published 2021–23 report shows (locked at sign-off)."""
    _contribution_campaign(
        essex,
        result,
        title=CONTRIBUTIONS_2021_23,
        period=(date(2021, 4, 1), date(2023, 3, 31)),
        texts=CONTRIBUTIONS_2021_23_TEXTS,
        ran=(date(2023, 5, 2), date(2023, 6, 16)),
        started=date(2023, 5, 15),
        submitted=date(2023, 6, 9),
    )


def _contribution_campaign(
    essex: Partnership,
    result,
    *,
    title: str,
    period: tuple[date, date],
    texts: dict[str, list[str]],
    ran: tuple[date, date],
    started: date,
    submitted: date,
) -> None:
    """A contribution campaign for a report period that the statutory partners in ``texts``
    answered, dated as it ran."""
    from safeguarding.accounts.models import User
    from safeguarding.assurance.models import Campaign
    from safeguarding.assurance.services import campaigns as campaign_services
    from safeguarding.assurance.services import returns as return_services
    from safeguarding.assurance.services.contributions import contribution_campaign_start
    from safeguarding.assurance.services.returns import AnswerInput
    from safeguarding.demo.assurance import _lead_for

    if Campaign.objects.filter(title=title).exists():
        return
    bu = User.objects.get(email="business-unit@demo.example")
    agencies = list(Agency.objects.filter(name__in=texts).order_by("name"))
    today = timezone.localdate()
    campaign = contribution_campaign_start(
        actor=bu,
        partnership=essex,
        title=title,
        period_start=period[0],
        period_end=period[1],
        opens_on=today,
        closes_on=today + timedelta(weeks=6),
        agencies=agencies,
        description="Please tell us about your agency's year for the yearly report.",
    )
    section = campaign.version.sections.get()
    questions = list(section.questions.order_by("order", "pk"))
    for index, audit_return in enumerate(campaign.returns.select_related("agency")):
        lead = _lead_for(audit_return.agency, essex, index + 3, result)
        return_services.return_start(actor=lead, audit_return=audit_return)
        answers = texts[audit_return.agency.name]
        return_services.return_save_section(
            actor=lead,
            audit_return=audit_return,
            section=section,
            answers={
                q.pk: AnswerInput(text=text) for q, text in zip(questions, answers, strict=True)
            },
        )
        return_services.return_submit(actor=lead, audit_return=audit_return)
    campaign_services.campaign_close(actor=bu, campaign=campaign)
    # Read as it was at the time the campaign ran.
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_on=ran[0], closes_on=ran[1], launched_at=_on(ran[0])
    )
    campaign.returns.update(
        started_at=_on(started),
        submitted_at=_on(submitted),
        first_submitted_at=_on(submitted),
    )
    result.count("audit campaigns")


def _on(day: date):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/London"))


def _draft_2023_24(essex: Partnership, result) -> None:
    """The 2023–24 report: a draft whose "What our partners did" shows the contributions."""
    start, end = date(2023, 4, 1), date(2024, 3, 31)
    if YearlyReport.objects.filter(partnership=essex, period_start=start, period_end=end).exists():
        return
    _contributions_2023_24(essex, result)
    report = services.report_create(
        job=JOB,
        partnership=essex,
        title="Yearly report 2023–24",
        period_start=start,
        period_end=end,
    )
    services.section_save(
        job=JOB,
        report=report,
        key="contributions",
        narrative="Each statutory partner wrote its own account of the year. Their words are "
        "below, as they sent them.",
    )
    result.count("yearly reports")


def load(*, essex: Partnership, result) -> None:
    """Load the 2021–23 yearly report for Essex and the 2023–24 draft (idempotent)."""
    _inspection(essex, result)
    _arrangements(essex, result)
    _draft_2023_24(essex, result)
    start, end = date(2021, 4, 1), date(2023, 3, 31)
    if YearlyReport.objects.filter(partnership=essex, period_start=start, period_end=end).exists():
        return
    _contributions_2021_23(essex, result)
    report = services.report_create(
        job=JOB,
        partnership=essex,
        title="Yearly report 2021–23",
        period_start=start,
        period_end=end,
    )
    for key, (narrative, case_study) in NARRATIVES.items():
        services.section_save(
            job=JOB, report=report, key=key, narrative=narrative, case_study=case_study
        )
    report = services.report_share(job=JOB, report=report)
    for partner, name in [
        ("local_authority", "Director of Children's Services (demo)"),
        ("health", "Chief Nurse, integrated care boards (demo)"),
        ("police", "Assistant Chief Constable (demo)"),
    ]:
        report = services.sign_off_record(
            job=JOB,
            report=report,
            partner=partner,
            signed_by_name=name,
            signed_on=date(2023, 9, 20),
        )
    report = services.report_publish(job=JOB, report=report, published_on=date(2023, 9, 29))
    for recipient, sent_on in [
        ("panel", date(2023, 10, 3)),
        ("foundations", date(2023, 10, 3)),
        ("hwb", date(2023, 10, 18)),
    ]:
        services.distribution_record(job=JOB, report=report, recipient=recipient, sent_on=sent_on)
    report_files_build(job=JOB, report=report)
    result.count("yearly reports")
