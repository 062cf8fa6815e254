"""The demo's yearly report: Essex's 2021–23 report, written, signed off by the three
partners, published and sent to the Panel and Foundations, with an inspection and its action
plan. Its tables come from the rest of the demo (training reach of 80 opportunities to 1,753
people, the Section 175 return rate, key data over three years, the equal finance split).
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


def load(*, essex: Partnership, result) -> None:
    """Load the 2021–23 yearly report for Essex (idempotent)."""
    _inspection(essex, result)
    _arrangements(essex, result)
    start, end = date(2021, 4, 1), date(2023, 3, 31)
    if YearlyReport.objects.filter(partnership=essex, period_start=start, period_end=end).exists():
        return
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
