"""The business unit's pages for building a yearly report: the list, a new report, the
report with its sections, figures, quality checks, sign-offs and distribution, and the form
for one section's narrative (with a preview)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from safeguarding.core import reporting
from safeguarding.core.access import require_permission
from safeguarding.core.audit import audit_read
from safeguarding.core.forms import add_service_errors
from safeguarding.core.markdown import render_markdown
from safeguarding.reports import audit_events as codes
from safeguarding.reports import selectors, services
from safeguarding.reports.checks import contribution_start_url, quality_checks
from safeguarding.reports.forms import (
    CommentForm,
    DistributionForm,
    ReplyForm,
    ReportForm,
    SectionForm,
    SignOffForm,
)
from safeguarding.reports.models import NATIONAL_RECIPIENTS, Recipient, ReportStatus
from safeguarding.reports.services.reports import narratives_of
from safeguarding.reports.workflow import MACHINE, missing_sign_offs


def _report(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404("No such report")
    return report


def _managed(request, pk: int):
    """A report the person may change: the business unit of its partnership."""
    report = _report(request, pk)
    if not request.user.has_perm("reports.manage_report", report):
        raise Http404("No such report")
    return report


@require_permission("reports.view_reports")
@require_http_methods(["GET"])
def report_list(request: HttpRequest) -> HttpResponse:
    reports = list(selectors.report_list(user=request.user))
    can_create = request.user.has_perm("reports.manage_report")
    return render(
        request, "reports/report_list.html", {"reports": reports, "can_create": can_create}
    )


@require_permission("reports.manage_report")
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.staff_partnerships(user=request.user, business_unit=True)
    form = ReportForm(
        request.POST or None,
        partnerships=partnerships,
        others=selectors.joint_partnership_choices(),
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_create(
                actor=request.user,
                partnership=data["partnership"],
                title=data["title"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                joint_partnerships=list(data["joint_partnerships"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{report.title}” started: its figures are filled in.")
            return redirect("reports:report-detail", pk=report.pk)
    return render(request, "reports/report_new.html", {"form": form})


def _detail_context(request, report) -> dict:
    sections = selectors.report_content(report=report)
    if report.is_frozen:
        checks = report.checks
    else:
        checks = [
            c.as_dict()
            for c in quality_checks(
                report=report, figures=report.figures or {}, narratives=narratives_of(report)
            )
        ]
    options = MACHINE.options(report, request.user)
    distributions = list(report.distributions.all())
    national = []
    if report.published_on:
        due = report.published_on + timedelta(days=report.distribution_days)
        for recipient in NATIONAL_RECIPIENTS:
            sent = next((d for d in distributions if d.recipient == recipient), None)
            national.append(
                {
                    "label": Recipient(recipient).label,
                    "sent": sent,
                    "due": due,
                    "late": (sent.sent_on > due) if sent else timezone.localdate() > due,
                }
            )
    return {
        "report": report,
        "sections": sections,
        "checks": checks,
        "checks_failed": [c for c in checks if not c["passed"]],
        "options": [o for o in options if o.name in ("share", "back_to_draft", "publish")],
        "can_sign_off": MACHINE.reason(report, "sign_off", request.user) is None,
        "can_manage": request.user.has_perm("reports.manage_report", report),
        "missing": missing_sign_offs(report),
        "sign_off_form": SignOffForm(initial={"signed_on": timezone.localdate()}),
        "distribution_form": DistributionForm(initial={"sent_on": timezone.localdate()}),
        "national": national,
        "distributions": distributions,
        "editable": report.status in (ReportStatus.DRAFT, ReportStatus.SHARED),
        "comments": _comments(request, report),
        "can_comment": report.status == ReportStatus.SHARED
        and request.user.has_perm("reports.comment_report", report),
        "comment_form": CommentForm(),
        "contribution_start_url": contribution_start_url(report),
    }


def _comments(request, report, reply_form=None, reply_to=None) -> list[dict]:
    """The comments (not the replies) with their replies, newest last, and what this person
    may do with each: reply (the business unit or the comment's author, while the comment is
    open) and resolve or reopen (the business unit), only while the report is shared."""
    titles = {s.key: s.title for s in reporting.SECTIONS}
    shared = report.status == ReportStatus.SHARED
    manages = request.user.has_perm("reports.manage_report", report)
    rows = []
    for c in selectors.report_comments(report=report):
        rows.append(
            {
                "comment": c,
                "replies": list(c.replies.all()),
                "section_title": titles.get(c.section, "The whole report"),
                "can_reply": shared
                and not c.is_resolved
                and services.may_reply(request.user, c, report),
                "can_resolve": shared and manages and not c.is_resolved,
                "can_reopen": shared and manages and c.is_resolved,
                "reply_form": (
                    reply_form
                    if reply_form is not None and reply_to == c.pk
                    else ReplyForm(auto_id=f"reply-{c.pk}-%s")
                ),
            }
        )
    return rows


@require_permission("reports.view_reports")
@require_http_methods(["GET"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if report.status != ReportStatus.PUBLISHED:
        audit_read(actor=request.user, target=report, event=codes.REPORT_VIEW)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


@require_permission("reports.view_reports")
@require_http_methods(["GET"])
def report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as the public will read it (not public itself)."""
    from safeguarding.reports.documents import render_html

    report = _report(request, pk)
    return HttpResponse(render_html(report))


@require_permission("reports.manage_report")
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    report = _managed(request, pk)
    try:
        section = reporting.section(key)
    except LookupError:
        raise Http404("No such section") from None
    text = next((t for t in report.texts.all() if t.key == key), None)
    form = SectionForm(
        request.POST or None,
        initial={
            "narrative": text.narrative if text else "",
            "case_study": text.case_study if text else "",
        },
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = {
                "narrative": render_markdown(data["narrative"]),
                "case_study": render_markdown(data["case_study"]),
            }
        else:
            try:
                services.section_save(
                    actor=request.user,
                    report=report,
                    key=key,
                    narrative=data["narrative"],
                    case_study=data["case_study"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"“{section.title}” saved.")
                return redirect(f"{report_url(report)}#section-{key}")
    content = next(s for s in selectors.report_content(report=report) if s.key == key)
    return render(
        request,
        "reports/section_edit.html",
        {
            "report": report,
            "section": section,
            "content": content,
            "form": form,
            "preview": preview,
        },
    )


def report_url(report) -> str:
    from django.urls import reverse

    return reverse("reports:report-detail", args=[report.pk])


@require_permission("reports.manage_report")
@require_POST
def report_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    report = _managed(request, pk)
    try:
        services.report_refresh(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The figures were refreshed from the platform's live data.")
    return redirect(report_url(report))


@require_permission("reports.manage_report")
@require_POST
def report_transition(request: HttpRequest, pk: int) -> HttpResponse:
    report = _managed(request, pk)
    action = request.POST.get("action", "")
    service = {
        "share": services.report_share,
        "back_to_draft": services.report_back_to_draft,
        "publish": services.report_publish,
    }.get(action)
    if service is None:
        messages.error(request, "Choose what to do with the report.")
        return redirect(report_url(report))
    try:
        report = service(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report_url(report))
    if action == "publish":
        from safeguarding.reports.documents import BuildError, report_files_build

        try:
            report_files_build(actor=request.user, report=report)
        except BuildError as error:
            messages.error(request, f"The report was published but {error}")
    messages.success(request, f"The report is now {report.get_status_display().lower()}.")
    return redirect(report_url(report))


@require_permission("reports.sign_off_report")
@require_POST
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not request.user.has_perm("reports.sign_off_report", report):
        raise Http404("No such report")
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            services.sign_off_record(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The sign-off was recorded.")
            return redirect(report_url(report))
    context = _detail_context(request, report)
    context["sign_off_form"] = form
    return render(request, "reports/report_detail.html", context, status=400)


@require_permission("reports.manage_report")
@require_POST
def distribution(request: HttpRequest, pk: int) -> HttpResponse:
    report = _managed(request, pk)
    form = DistributionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.distribution_record(
                actor=request.user,
                report=report,
                recipient=data["recipient"],
                sent_on=data["sent_on"],
                detail=data["recipient_detail"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Where the report was sent was recorded.")
            return redirect(report_url(report))
    context = _detail_context(request, report)
    context["distribution_form"] = form
    return render(request, "reports/report_detail.html", context, status=400)


@require_permission("reports.comment_report")
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not request.user.has_perm("reports.comment_report", report):
        raise Http404("No such report")
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                actor=request.user,
                report=report,
                section=form.cleaned_data["section"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            if report.status != ReportStatus.SHARED:
                # The comment form is not on the page any more: say why on the report.
                messages.error(request, " ".join(error.messages))
                return redirect(f"{report_url(report)}#comments")
            add_service_errors(form, error)
        else:
            messages.success(request, "Your comment was sent to the business unit.")
            return redirect(f"{report_url(report)}#comments")
    context = _detail_context(request, report)
    context["comment_form"] = form
    return render(request, "reports/report_detail.html", context, status=400)


def _thread(request, pk: int, comment_pk: int):
    """The report (scoped to the person's partnerships: 404 elsewhere) and one of its
    comments (not a reply)."""
    report = _report(request, pk)
    comment = selectors.report_comments(report=report).filter(pk=comment_pk).first()
    if comment is None:
        raise Http404("No such comment")
    return report, comment


def _comment_url(report, comment) -> str:
    return f"{report_url(report)}#comment-{comment.pk}"


@require_permission("reports.view_reports")
@require_POST
def comment_reply(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """The business unit, or the comment's author, replies to a comment."""
    report, comment = _thread(request, pk, comment_pk)
    if not services.may_reply(request.user, comment, report):
        raise PermissionDenied
    form = ReplyForm(request.POST, auto_id=f"reply-{comment.pk}-%s")
    if form.is_valid():
        try:
            services.comment_reply(
                actor=request.user, comment=comment, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            if report.status != ReportStatus.SHARED or comment.is_resolved:
                # No reply form on the page for this comment: say why on the report.
                messages.error(request, " ".join(error.messages))
                return redirect(_comment_url(report, comment))
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reply was sent.")
            return redirect(_comment_url(report, comment))
    context = _detail_context(request, report)
    context["comments"] = _comments(request, report, reply_form=form, reply_to=comment.pk)
    return render(request, "reports/report_detail.html", context, status=400)


def _resolution(request, pk: int, comment_pk: int, service, done: str) -> HttpResponse:
    report, comment = _thread(request, pk, comment_pk)
    if not request.user.has_perm("reports.manage_report", report):
        raise Http404("No such report")
    try:
        service(actor=request.user, comment=comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(_comment_url(report, comment))


@require_permission("reports.manage_report")
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    return _resolution(
        request, pk, comment_pk, services.comment_resolve, "The comment is marked resolved."
    )


@require_permission("reports.manage_report")
@require_POST
def comment_reopen(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    return _resolution(
        request, pk, comment_pk, services.comment_reopen, "The comment is open again."
    )
