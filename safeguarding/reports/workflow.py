"""The yearly report's one workflow (ADR 0020): draft → shared for comment → signed off by
each lead safeguarding partner → published. Sign-offs are recorded one partner at a time;
the last one freezes the figures and moves the report to signed off."""

from __future__ import annotations

from safeguarding.core.workflow import Machine, Transition
from safeguarding.reports.models import PartnerGroup, ReportStatus, YearlyReport


def missing_sign_offs(report: YearlyReport) -> list[str]:
    signed = {s.partner for s in report.sign_offs.all()}
    return [label for value, label in PartnerGroup.choices if value not in signed]


def _all_signed(report: YearlyReport) -> str | None:
    missing = missing_sign_offs(report)
    if missing:
        return (
            "The report cannot be published until every lead safeguarding partner has signed "
            f"it off. Still to sign off: {', '.join(missing)}."
        )
    return None


MACHINE = Machine(
    noun="a yearly report",
    labels=dict(ReportStatus.choices),
    transitions=[
        Transition(
            "share",
            frozenset({ReportStatus.DRAFT}),
            ReportStatus.SHARED,
            label="Share with the partners for comment",
            permission="reports.manage_report",
        ),
        Transition(
            "back_to_draft",
            frozenset({ReportStatus.SHARED}),
            ReportStatus.DRAFT,
            label="Return to draft",
            permission="reports.manage_report",
            refusal="Only a report shared for comment, not yet signed off, can return to draft.",
        ),
        Transition(
            "sign_off",
            frozenset({ReportStatus.SHARED}),
            None,
            label="Record a sign-off",
            permission="reports.sign_off_report",
            refusal="A report is signed off once it has been shared with the partners, "
            "and only until every partner has signed.",
        ),
        Transition(
            "complete_sign_off",
            frozenset({ReportStatus.SHARED}),
            ReportStatus.SIGNED_OFF,
            guards=(_all_signed,),
        ),
        Transition(
            "publish",
            frozenset({ReportStatus.SIGNED_OFF}),
            ReportStatus.PUBLISHED,
            label="Publish",
            permission="reports.manage_report",
            guards=(_all_signed,),
            refusal="The report cannot be published until every lead safeguarding partner has "
            "signed it off.",
        ),
    ],
)
