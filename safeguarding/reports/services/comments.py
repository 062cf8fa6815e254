"""Comments on a yearly report shared with the statutory partners for comment: the comment,
the replies to it (by the business unit or its author), and its resolution by the business
unit. Each is refused outside the shared state, audited, and emailed after commit: a new
comment to the report's business unit, a reply by the business unit to the comment's author
and the rest of the business unit, a reply by the author to the business unit, a resolution
to the comment's author."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.selectors import approvers_of
from safeguarding.core import reporting
from safeguarding.core.audit import audit_record
from safeguarding.core.email import email_send
from safeguarding.core.roles import Role
from safeguarding.reports import audit_events as codes
from safeguarding.reports.models import ReportComment, ReportStatus, YearlyReport


def _locked_shared(report: YearlyReport, *, field: str, what: str) -> YearlyReport:
    """The report, locked, when it is shared for comment; otherwise the reason."""
    report = (
        YearlyReport.objects.select_related("partnership").select_for_update().get(pk=report.pk)
    )
    if report.status != ReportStatus.SHARED:
        raise ValidationError(
            {
                field: f"{what} while the report is shared with the partners for comment; "
                f"this report is {report.get_status_display().lower()}."
            }
        )
    return report


def _name(user) -> str:
    return user.get_full_name() or user.email


def _section_title(key: str) -> str:
    titles = {s.key: s.title for s in reporting.SECTIONS}
    return titles.get(key, "The whole report")


def _links(comment: ReportComment) -> dict:
    """Where the email points: the section commented on (or the comments for the whole
    report) and the comment's own thread on the report page."""
    page = reverse("reports:report-detail", args=[comment.report_id])
    anchor = f"#section-{comment.section}" if comment.section else "#comments"
    return {"section_link": f"{page}{anchor}", "thread_link": f"{page}#comment-{comment.pk}"}


def _business_unit_emails(report: YearlyReport) -> list[str]:
    """The active business unit accounts of every partnership the report is for (a joint
    report's business units all manage it)."""
    emails: set[str] = set()
    for partnership_id in report.partnership_ids_for_rules():
        emails.update(e for e in approvers_of(partnership_id, [Role.BUSINESS_UNIT]) if e)
    return sorted(emails)


def _author_email(comment: ReportComment) -> list[str]:
    author = comment.author
    if author is None or not author.is_active or not author.email:
        return []
    return [author.email]


def _email_about(comment: ReportComment, *, to: list[str], subject: str, template: str, **extra):
    """Email people about a comment (after the commit), with its report, section and links;
    nothing when there is nobody to tell."""
    if to:
        email_send(
            to=to,
            subject=subject,
            template=template,
            context={
                "report": comment.report,
                "comment": comment,
                "section_title": _section_title(comment.section),
                **_links(comment),
                **extra,
            },
        )


def _may_manage(actor, report: YearlyReport) -> bool:
    return actor.has_perm("reports.manage_report", report)


def may_reply(actor, comment: ReportComment, report: YearlyReport) -> bool:
    """Who may reply to a comment on ``report``: its business unit, or the comment's author
    (the report is passed in so that a page listing comments makes no query per comment)."""
    is_author = comment.author_id is not None and comment.author_id == actor.pk
    return is_author or _may_manage(actor, report)


@transaction.atomic
def comment_add(*, actor, report: YearlyReport, text: str, section: str = "") -> ReportComment:
    """A partner's comment on the whole report or on one section (the caller has checked the
    person may comment on this report). The report's business unit is emailed."""
    report = _locked_shared(report, field="text", what="Comments are taken")
    section = (section or "").strip()
    if section and section not in reporting.SECTION_KEYS:
        raise ValidationError({"section": "Choose a section of the report, or the whole report."})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter your comment."})
    comment = ReportComment.objects.create(
        report=report, section=section, text=text, author=actor, author_name=_name(actor)
    )
    audit_record(
        actor=actor,
        event=codes.REPORT_COMMENT,
        target=report,
        after={"comment": comment.pk, "section": section, "text": text},
    )
    _email_about(
        comment,
        to=_business_unit_emails(report),
        subject=f"New comment on {report.title}: {_section_title(section)}",
        template="reports/email/comment_added",
    )
    return comment


def _comment_locked(comment: ReportComment, *, field: str, what: str) -> ReportComment:
    report = _locked_shared(comment.report, field=field, what=what)
    comment = ReportComment.objects.select_related("author").get(pk=comment.pk)
    if comment.parent_id is not None:
        raise ValidationError({field: "Reply to the comment itself, not to a reply."})
    comment.report = report
    return comment


@transaction.atomic
def comment_reply(*, actor, comment: ReportComment, text: str) -> ReportComment:
    """A reply by the report's business unit or by the comment's author. A reply by the
    business unit is emailed to the comment's author and to the rest of the business unit of
    the report's partnership(s), so nobody answers the same comment twice; a reply by the
    author is emailed to the business unit. The person who replied is never emailed."""
    comment = _comment_locked(comment, field="text", what="Replies are taken")
    report = comment.report
    if not may_reply(actor, comment, report):
        raise PermissionDenied("Only the business unit or the comment's author can reply.")
    is_author = comment.author_id is not None and comment.author_id == actor.pk
    if comment.is_resolved:
        raise ValidationError(
            {"text": "This comment is resolved: the business unit can reopen it to reply."}
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter your reply."})
    reply = ReportComment.objects.create(
        report=report,
        parent=comment,
        section=comment.section,
        text=text,
        author=actor,
        author_name=_name(actor),
    )
    audit_record(
        actor=actor,
        event=codes.REPORT_COMMENT_REPLY,
        target=report,
        after={"comment": comment.pk, "reply": reply.pk, "text": text},
    )
    recipients = _business_unit_emails(report)
    if not is_author:
        recipients = _author_email(comment) + recipients
    _email_about(
        comment,
        to=list(dict.fromkeys(e for e in recipients if e and e != actor.email)),
        subject=f"{reply.author_name} replied to a comment on {report.title}",
        template="reports/email/comment_replied",
        reply=reply,
    )
    return reply


@transaction.atomic
def comment_resolve(*, actor, comment: ReportComment) -> ReportComment:
    """The business unit marks a comment resolved (who and when); its author is emailed."""
    comment = _comment_locked(comment, field="comment", what="Comments are resolved")
    report = comment.report
    if not _may_manage(actor, report):
        raise PermissionDenied("Only the report's business unit can resolve a comment.")
    if comment.is_resolved:
        raise ValidationError({"comment": "This comment is already resolved."})
    comment.resolved_at = timezone.now()
    comment.resolved_by = actor
    comment.resolved_by_name = _name(actor)
    comment.save(update_fields=["resolved_at", "resolved_by", "resolved_by_name"])
    audit_record(
        actor=actor,
        event=codes.REPORT_COMMENT_RESOLVE,
        target=report,
        before={"comment": comment.pk, "resolved": False},
        after={"comment": comment.pk, "resolved": True},
    )
    _email_about(
        comment,
        to=[e for e in _author_email(comment) if e != actor.email],
        subject=f"Your comment on {report.title} was resolved",
        template="reports/email/comment_resolved",
    )
    return comment


@transaction.atomic
def comment_reopen(*, actor, comment: ReportComment) -> ReportComment:
    """The business unit reopens a resolved comment (for more replies); its author is
    emailed."""
    comment = _comment_locked(comment, field="comment", what="Comments are reopened")
    report = comment.report
    if not _may_manage(actor, report):
        raise PermissionDenied("Only the report's business unit can reopen a comment.")
    if not comment.is_resolved:
        raise ValidationError({"comment": "This comment is not resolved."})
    before = {
        "comment": comment.pk,
        "resolved": True,
        "resolved_by": comment.resolved_by_name,
        "resolved_at": comment.resolved_at.isoformat() if comment.resolved_at else None,
    }
    comment.resolved_at = None
    comment.resolved_by = None
    comment.resolved_by_name = ""
    comment.save(update_fields=["resolved_at", "resolved_by", "resolved_by_name"])
    audit_record(
        actor=actor,
        event=codes.REPORT_COMMENT_REOPEN,
        target=report,
        before=before,
        after={"comment": comment.pk, "resolved": False},
    )
    _email_about(
        comment,
        to=[e for e in _author_email(comment) if e != actor.email],
        subject=f"Your comment on {report.title} was reopened",
        template="reports/email/comment_reopened",
        reopened_by=_name(actor),
    )
    return comment
