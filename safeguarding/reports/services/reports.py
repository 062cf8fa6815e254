"""Building a yearly report: create it, refresh its figures, write its sections, share it,
record each partner's sign-off (the last freezes the figures), publish and distribute."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from safeguarding.core import reporting
from safeguarding.core.audit import audit_record
from safeguarding.reports import audit_events as codes
from safeguarding.reports.checks import quality_checks
from safeguarding.reports.models import (
    PartnerGroup,
    Recipient,
    ReportSectionText,
    ReportStatus,
    SignOff,
    YearlyReport,
)
from safeguarding.reports.workflow import MACHINE, missing_sign_offs


def _overlapping_published(partnership_ids, start: date, end: date, exclude_pk=None):
    found = YearlyReport.objects.published().filter(
        Q(partnership_id__in=partnership_ids) | Q(joint_partnerships__in=partnership_ids),
        period_start__lte=end,
        period_end__gte=start,
    )
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.distinct().first()


def _check_period(partnership_ids, start, end, exclude_pk=None) -> None:
    if start is None or end is None:
        raise ValidationError({"period_start": "Enter the first and last day of the period."})
    if end <= start:
        raise ValidationError({"period_end": "The end of the period must be after its start."})
    if (end - start).days > 3 * 366:
        raise ValidationError(
            {"period_end": "A yearly report covers at most three years: shorten the period."}
        )
    clash = _overlapping_published(partnership_ids, start, end, exclude_pk)
    if clash is not None:
        raise ValidationError(
            {
                "period_start": f"The published report “{clash.title}” already covers "
                f"{clash.period_start:%-d %B %Y} to {clash.period_end:%-d %B %Y}: choose a "
                "period that does not overlap it."
            }
        )


def _collect(report: YearlyReport) -> dict:
    return reporting.collect(
        partnership_ids=report.partnership_ids_for_rules(),
        start=report.period_start,
        end=report.period_end,
    )


def narratives_of(report: YearlyReport) -> dict[str, str]:
    return {text.key: text.narrative for text in report.texts.all()}


@transaction.atomic
def report_create(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    title: str,
    period_start: date,
    period_end: date,
    joint_partnerships=(),
) -> YearlyReport:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title, such as “Yearly report 2023–24”."})
    ids = [partnership.pk, *[p.pk for p in joint_partnerships]]
    _check_period(ids, period_start, period_end)
    report = YearlyReport.objects.create(
        partnership=partnership,
        title=title,
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
    )
    report.joint_partnerships.set([p for p in joint_partnerships if p.pk != partnership.pk])
    report.figures = _collect(report)
    report.figures_as_of = timezone.now()
    report.save(update_fields=["figures", "figures_as_of"])
    audit_record(
        actor=actor,
        job=job,
        event=codes.REPORT_CREATE,
        target=report,
        after={"title": title, "period_start": period_start, "period_end": period_end},
    )
    return report


def _locked(report: YearlyReport) -> YearlyReport:
    return YearlyReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def report_refresh(*, actor=None, job: str | None = None, report: YearlyReport) -> YearlyReport:
    report = _locked(report)
    if report.is_frozen:
        raise ValidationError(
            "The figures were frozen when the partners signed the report off on "
            f"{report.frozen_at:%-d %B %Y}: a signed-off report keeps the figures it was "
            "signed off with."
        )
    report.figures = _collect(report)
    report.figures_as_of = timezone.now()
    report.save(update_fields=["figures", "figures_as_of", "updated_at"])
    audit_record(actor=actor, job=job, event=codes.REPORT_REFRESH, target=report)
    return report


@transaction.atomic
def section_save(
    *,
    actor=None,
    job: str | None = None,
    report: YearlyReport,
    key: str,
    narrative: str,
    case_study: str = "",
) -> ReportSectionText:
    report = _locked(report)
    reporting.section(key)  # LookupError for an unknown section: the view answers 404
    if report.status not in (ReportStatus.DRAFT, ReportStatus.SHARED):
        raise ValidationError(
            {
                "narrative": "The report has been signed off: its text can no longer change. "
                "Start a new draft to change what it says."
            }
        )
    text, _ = ReportSectionText.objects.get_or_create(report=report, key=key)
    before = {"narrative": text.narrative, "case_study": text.case_study}
    text.narrative = (narrative or "").strip()
    text.case_study = (case_study or "").strip()
    text.save()
    audit_record(
        actor=actor,
        job=job,
        event=codes.REPORT_SECTION_EDIT,
        target=report,
        before={"section": key, **before},
        after={"section": key, "narrative": text.narrative, "case_study": text.case_study},
    )
    return text


@transaction.atomic
def report_share(*, actor=None, job: str | None = None, report: YearlyReport) -> YearlyReport:
    report = _locked(report)
    MACHINE.apply(report, "share")
    report.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, job=job, event=codes.REPORT_SHARE, target=report)
    return report


@transaction.atomic
def report_back_to_draft(
    *, actor=None, job: str | None = None, report: YearlyReport
) -> YearlyReport:
    report = _locked(report)
    if report.sign_offs.exists():
        raise ValidationError(
            "Partners have started signing the report off: it cannot return to draft."
        )
    MACHINE.apply(report, "back_to_draft")
    report.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, job=job, event=codes.REPORT_BACK_TO_DRAFT, target=report)
    return report


@transaction.atomic
def sign_off_record(
    *,
    actor=None,
    job: str | None = None,
    report: YearlyReport,
    partner: str,
    signed_by_name: str,
    signed_on: date | None,
) -> YearlyReport:
    """Record one partner's sign-off; the last one freezes the figures with the report."""
    report = _locked(report)
    MACHINE.apply(report, "sign_off")
    if partner not in PartnerGroup.values:
        raise ValidationError({"partner": "Choose the partner who signed the report off."})
    if report.sign_offs.filter(partner=partner).exists():
        raise ValidationError(
            {"partner": f"{PartnerGroup(partner).label} has already signed the report off."}
        )
    signed_by_name = (signed_by_name or "").strip()
    if not signed_by_name:
        raise ValidationError({"signed_by_name": "Enter the name of the person who signed."})
    if signed_on is None:
        raise ValidationError({"signed_on": "Enter the date they signed the report off."})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "The date signed off cannot be in the future."})
    sign_off = SignOff.objects.create(
        report=report,
        partner=partner,
        signed_by_name=signed_by_name,
        signed_on=signed_on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        job=job,
        event=codes.REPORT_SIGN_OFF,
        target=report,
        after={"partner": partner, "signed_by": signed_by_name, "signed_on": signed_on},
    )
    if not missing_sign_offs(report):
        MACHINE.apply(report, "complete_sign_off")
        report.figures = _collect(report)
        report.figures_as_of = timezone.now()
        report.frozen_at = report.figures_as_of
        report.checks = [
            c.as_dict()
            for c in quality_checks(
                report=report, figures=report.figures, narratives=narratives_of(report)
            )
        ]
        report.save(update_fields=["status", "figures", "figures_as_of", "frozen_at", "checks"])
        audit_record(actor=actor, job=job, event=codes.REPORT_FREEZE, target=report)
        # Sources whose records must not change once frozen (agency contributions) lock them
        # in this same transaction (ADR 0032).
        reporting.frozen(
            figures=report.figures,
            freezing=reporting.Freezing(
                report_title=report.title,
                partnership_ids=report.partnership_ids_for_rules(),
                start=report.period_start,
                end=report.period_end,
                frozen_at=report.frozen_at,
                actor=actor,
                job=job,
            ),
        )
    del sign_off
    return report


@transaction.atomic
def report_publish(
    *, actor=None, job: str | None = None, report: YearlyReport, published_on: date | None = None
) -> YearlyReport:
    report = _locked(report)
    MACHINE.apply(report, "publish")
    _check_period(
        report.partnership_ids_for_rules(), report.period_start, report.period_end, report.pk
    )
    report.published_on = published_on or timezone.localdate()
    report.save(update_fields=["status", "published_on", "updated_at"])
    audit_record(
        actor=actor,
        job=job,
        event=codes.REPORT_PUBLISH,
        target=report,
        after={"published_on": report.published_on},
    )
    return report


@transaction.atomic
def distribution_record(
    *,
    actor=None,
    job: str | None = None,
    report: YearlyReport,
    recipient: str,
    sent_on: date | None,
    detail: str = "",
):
    from safeguarding.reports.models import Distribution

    report = _locked(report)
    if report.status != ReportStatus.PUBLISHED or report.published_on is None:
        raise ValidationError(
            {"recipient": "Record where the report was sent once it has been published."}
        )
    if recipient not in Recipient.values:
        raise ValidationError({"recipient": "Choose who the report was sent to."})
    if sent_on is None:
        raise ValidationError({"sent_on": "Enter the date it was sent."})
    if sent_on < report.published_on:
        raise ValidationError(
            {"sent_on": "The date sent cannot be before the report was published."}
        )
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": "The date sent cannot be in the future."})
    detail = (detail or "").strip()
    if recipient == Recipient.OTHER and not detail:
        raise ValidationError({"recipient_detail": "Say who the report was sent to."})
    distribution = Distribution.objects.create(
        report=report,
        recipient=recipient,
        recipient_detail=detail,
        sent_on=sent_on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        job=job,
        event=codes.REPORT_DISTRIBUTE,
        target=report,
        after={"recipient": recipient, "detail": detail, "sent_on": sent_on},
    )
    return distribution
