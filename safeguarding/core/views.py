"""Core pages: dashboard, actions and recommendations, audit log, public information pages,
health check, errors."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST

from safeguarding.core import (
    approvals,
    audit_catalogue,
    dashboard,
    exports,
    health,
    import_jobs,
    tracker,
)
from safeguarding.core.access import object_loader, public, require_permission
from safeguarding.core.forms import DateInput, set_choices
from safeguarding.core.models import ImportJobStatus
from safeguarding.core.selectors import (
    AuditFilter,
    audit_event_codes,
    audit_event_list,
    audit_target_types,
)

PAGE_SIZE = 50
TRACKER_PAGE_SIZE = 25


# Public information pages -------------------------------------------------------------


@public
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@public
@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@public
@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html")


@public
@require_GET
@cache_control(max_age=300, public=True)
def brand_css(request: HttpRequest) -> HttpResponse:
    """The partnership's brand colour as a CSS custom property (no inline styles)."""
    partnership = getattr(request, "partnership", None)
    colour = partnership.brand_colour if partnership else "#1d70b8"
    body = f":root {{ --govuk-brand-colour: {colour}; }}\n"
    return HttpResponse(body, content_type="text/css; charset=utf-8")


@public
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok", ...} when the database answers a real read and accepts writes;
    503 with the reason when it does not. Heartbeats of the schedule and worker are shown."""
    checked_at = timezone.now().isoformat()
    try:
        result = health.database_health()
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        result = health.Health(ok=False, database="unavailable", detail=type(error).__name__)
    if not result.ok:
        return JsonResponse(
            {
                "status": "error",
                "database": result.database,
                "detail": result.detail,
                "checked_at": checked_at,
            },
            status=503,
        )
    return JsonResponse(
        {
            "status": "ok",
            "database": result.database,
            **result.heartbeats,
            "checked_at": checked_at,
        }
    )


# Staff pages ---------------------------------------------------------------------------


@require_permission("core.view_dashboard")
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    panels = dashboard.panels_for(request)
    return render(
        request,
        "core/dashboard.html",
        {
            "needs_you": [p for p in panels if p["group"] == dashboard.NEEDS_YOU],
            "summary": [p for p in panels if p["group"] != dashboard.NEEDS_YOU],
        },
    )


@require_permission("core.view_dashboard")
@require_GET
def approvals_page(request: HttpRequest) -> HttpResponse:
    """Everything waiting for this person's approval, by kind."""
    groups = [
        {"source": source, "waiting": list(source.waiting(request.user))}
        for source in approvals.sources_for(request.user)
    ]
    return render(request, "core/approvals.html", {"groups": groups})


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label="Person or job",
        required=False,
        max_length=200,
        help_text="Part of an email address or job name",
    )
    event = forms.ChoiceField(label="Event", required=False)
    target_type = forms.ChoiceField(label="Record type", required=False)
    target_id = forms.CharField(label="Record number", required=False, max_length=64)
    since = forms.DateField(label="From", required=False, widget=DateInput)
    until = forms.DateField(label="To", required=False, widget=DateInput)

    def __init__(self, *args, events: list[str], target_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "event", [("", "Any event"), *[(e, e) for e in events]])
        set_choices(self, "target_type", [("", "Any record"), *[(t, t) for t in target_types]])

    def clean(self):
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The ‘To’ date must be the same as or after the ‘From’ date")
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(**{k: v for k, v in data.items() if v not in (None, "")})


def _audit_form(request: HttpRequest) -> AuditFilterForm:
    return AuditFilterForm(
        request.GET or None,
        events=audit_event_codes(user=request.user),
        target_types=audit_target_types(user=request.user),
    )


@require_permission("core.view_audit_log")
@require_GET
def audit_event_catalogue(request: HttpRequest) -> HttpResponse:
    """Every event the platform can write, with what it means, grouped by app."""
    groups = [group for group in audit_catalogue.by_app() if group.events]
    return render(
        request,
        "core/audit_events.html",
        {
            "groups": groups,
            "count": sum(len(group.events) for group in groups),
            "renamed": sorted(audit_catalogue.RENAMED.items()),
        },
    )


@require_permission("core.view_audit_log")
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    form = _audit_form(request)
    events = audit_event_list(user=request.user, filters=form.to_filter())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"form": form, "page": page})


@require_permission("core.view_audit_log")
@require_GET
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    form = _audit_form(request)
    events = audit_event_list(user=request.user, filters=form.to_filter())
    header = [
        "occurred_at",
        "actor",
        "event",
        "target_type",
        "target_id",
        "target",
        "before",
        "after",
    ]
    rows = (
        [
            event.occurred_at.isoformat(),
            event.actor_label,
            event.event,
            event.target_type,
            event.target_id,
            event.target_label,
            event.before or "",
            event.after or "",
        ]
        for event in events.iterator(chunk_size=2000)
    )
    stamp = timezone.localdate().isoformat()
    return exports.csv_streaming_response(f"audit-log-{stamp}.csv", header, rows)


class TrackerFilterForm(forms.Form):
    source = forms.ChoiceField(label="Type", required=False)
    agency = forms.TypedChoiceField(
        label="Owner agency", required=False, coerce=int, empty_value=None
    )
    overdue = forms.BooleanField(label="Only overdue", required=False)

    def __init__(self, *args, sources, agencies: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "source", [("", "All types"), *[(s.key, s.label) for s in sources]])
        set_choices(self, "agency", [("", "All agencies"), *agencies])

    def to_filter(self) -> tracker.TrackerFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return tracker.TrackerFilter(
            source=data.get("source") or "",
            agency=data.get("agency"),
            overdue=bool(data.get("overdue")),
        )


@require_permission("core.view_tracker")
@require_GET
def tracker_page(request: HttpRequest) -> HttpResponse:
    """Every open meeting action, review recommendation and audit action the person may see."""
    sources = tracker.sources_for(request.user)
    # The open items are kept for the person like the dashboard's panels (ADR 0038); what the
    # page shows of them is filtered, paged and logged on every view.
    items = dashboard.kept_for_person(
        "tracker:" + ",".join(source.key for source in sources),
        request.user,
        lambda: tracker.tracker_items(user=request.user, sources=sources),
    )
    form = TrackerFilterForm(
        request.GET or None, sources=sources, agencies=tracker.tracker_agencies(items)
    )
    shown = tracker.tracker_filtered(items, form.to_filter())
    page = Paginator(shown, TRACKER_PAGE_SIZE).get_page(request.GET.get("page"))
    tracker.tracker_record_shown(request, sources, list(page.object_list))
    return render(
        request,
        "core/tracker.html",
        {
            "form": form,
            "page": page,
            "summary": tracker.tracker_summary(items, sources),
            "filtered": bool(request.GET.get("source") or request.GET.get("agency"))
            or "overdue" in request.GET,
        },
    )


# Error pages ---------------------------------------------------------------------------


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    if request.path.startswith("/api/"):  # API callers get JSON, as the API documents
        return JsonResponse(
            {"detail": "Not found: there is no such address in the API."}, status=404
        )
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the fault may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)


# Web-page imports run by the worker (ADR 0033) ------------------------------------------

# A job whose progress has not moved for this long has probably stopped (a worker that is
# not running, or was stopped part-way).
IMPORT_STALLED_AFTER = timedelta(minutes=10)

_import_job = object_loader(import_jobs.import_job_get, "import")


def _importer_of(request: HttpRequest, job) -> import_jobs.Importer:
    """The importer's own permission, against the job's partnership: 403 without it."""
    importer = import_jobs.importer_for(job.kind)
    if not request.user.has_perm(importer.permission, job):
        raise PermissionDenied
    return importer


def _import_stalled(job) -> bool:
    return not job.is_finished and timezone.now() - job.updated_at > IMPORT_STALLED_AFTER


@require_permission("core.follow_import_job", fn=_import_job)
@require_GET
def import_job_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress while it runs; then its failure, or its importer's result (or the
    page the result belongs on, such as a batch to review)."""
    job = _import_job(request, pk)
    importer = _importer_of(request, job)
    if job.status == ImportJobStatus.DONE and importer.next_url is not None:
        following = importer.next_url(job)
        if following:
            # The message once: going back to the job's page later just sends them on.
            first_time = import_jobs.import_job_result_shown(job)
            if importer.next_message is not None and first_time:
                flash.success(request, importer.next_message(job))
            return redirect(following)
    return render(
        request,
        "core/import_job.html",
        {
            "job": job,
            "importer": importer,
            "result": job.result,
            "partnership": job.partnership,
            "stalled": _import_stalled(job),
            "progress_text": import_jobs.progress_text(job),
            "can_confirm": import_jobs.can_confirm(job),
            "outcome": import_jobs.job_outcome(job),
            "asked": import_jobs.job_asked(job),
            "form_url": importer.form_url(job),
            "files_kept_days": import_jobs.FILES_KEPT_DAYS,
        },
    )


@require_permission("core.follow_import_job", fn=_import_job)
@require_GET
def import_job_progress_json(request: HttpRequest, pk: int) -> JsonResponse:
    job = _import_job(request, pk)
    _importer_of(request, job)
    response = JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "finished": job.is_finished,
            "stalled": _import_stalled(job),
            "rows_total": job.rows_total,
            "rows_done": job.rows_done,
            "percent": job.percent,
            "progress_text": import_jobs.progress_text(job),
            "url": reverse("core:import-job", args=[job.pk]),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_permission("core.follow_import_job", fn=_import_job)
@require_POST
def import_job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import for real the file a dry run checked (a new job, followed on its own page)."""
    job = _import_job(request, pk)
    _importer_of(request, job)
    try:
        confirmed = import_jobs.import_job_confirm(actor=request.user, job=job)
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
        return redirect("core:import-job", pk=job.pk)
    return redirect("core:import-job", pk=confirmed.pk)
