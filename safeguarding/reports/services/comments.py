"""Comments on a yearly report shared with the statutory partners for comment."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core import reporting
from safeguarding.core.audit import audit_record
from safeguarding.reports import audit_events as codes
from safeguarding.reports.models import ReportComment, ReportStatus, YearlyReport


@transaction.atomic
def comment_add(*, actor, report: YearlyReport, text: str, section: str = "") -> ReportComment:
    """A partner's comment on the whole report or on one section (the caller has checked the
    person may comment on this report)."""
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SHARED:
        raise ValidationError(
            {
                "text": "Comments are taken while the report is shared with the partners for "
                f"comment; this report is {report.get_status_display().lower()}."
            }
        )
    section = (section or "").strip()
    if section and section not in reporting.SECTION_KEYS:
        raise ValidationError({"section": "Choose a section of the report, or the whole report."})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter your comment."})
    comment = ReportComment.objects.create(
        report=report,
        section=section,
        text=text,
        author=actor,
        author_name=actor.get_full_name() or actor.email,
    )
    audit_record(
        actor=actor,
        event=codes.REPORT_COMMENT,
        target=report,
        after={"section": section, "text": text},
    )
    return comment
