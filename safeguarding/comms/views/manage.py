"""The business unit's pages: subscribers, composing and sending bulletins, their figures
and the contact settings."""

from __future__ import annotations

from csp.decorators import csp_update
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.comms import rendering
from safeguarding.comms.forms import (
    BulletinForm,
    ImportForm,
    ScheduleForm,
    SettingsForm,
    SourceBlockForm,
    StatsPeriodForm,
    StuckForm,
    SubscriberFilterForm,
    TestSendForm,
    TextBlockForm,
)
from safeguarding.comms.models import STUCK_AFTER, BulletinStatus
from safeguarding.comms.selectors import bulletins as selectors
from safeguarding.comms.selectors import reports as report_selectors
from safeguarding.comms.selectors import subscribers as subscriber_selectors
from safeguarding.comms.services import bulletins as services
from safeguarding.comms.services import sending
from safeguarding.comms.services import subscribers as subscriber_services
from safeguarding.comms.services.settings import comms_settings_update, settings_for
from safeguarding.comms.workflow import BULLETINS
from safeguarding.core import exports
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.import_jobs import import_job_create

PAGE_SIZE = 50


def _managed_partnership(request):
    """The partnership whose subscribers and bulletins the person manages: the site's own
    when they are in its business unit, otherwise the first they are in."""
    choices = list(subscriber_selectors.subscriber_partnerships(user=request.user))
    if not choices:
        raise PermissionDenied
    own = request.partnership or None
    return next((p for p in choices if own and p.pk == own.pk), choices[0])


def _bulletin(request, pk):
    bulletin = selectors.bulletin_get(user=request.user, pk=pk)
    if bulletin is None:
        raise Http404("No such bulletin")
    return bulletin


def _bulletin_obj(request, pk, **kwargs):
    return _bulletin(request, pk)


# Subscribers ------------------------------------------------------------------------------


@require_permission("comms.manage_subscribers")
@require_GET
def subscriber_list(request: HttpRequest) -> HttpResponse:
    partnership = _managed_partnership(request)
    form = SubscriberFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    found = subscriber_selectors.subscriber_list(
        user=request.user,
        partnership=partnership,
        status=data.get("status", ""),
        query=data.get("q", ""),
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "comms/manage/subscribers.html",
        {
            "form": form,
            "page": page,
            "counts": subscriber_selectors.subscriber_counts(partnership=partnership),
            "managed": partnership,
        },
    )


@require_permission("comms.manage_subscribers")
@require_http_methods(["GET", "POST"])
def subscriber_import(request: HttpRequest) -> HttpResponse:
    partnership = _managed_partnership(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # The worker imports the file (core.import_jobs, ADR 0033); its page shows the
        # progress and then the same row-by-row result.
        job = import_job_create(
            actor=request.user,
            partnership=partnership,
            kind=subscriber_services.SUBSCRIBERS_IMPORT,
            upload=form.cleaned_data["file"],
            options={"dry_run": form.cleaned_data["dry_run"]},
        )
        return redirect("core:import-job", pk=job.pk)
    return render(request, "comms/manage/import.html", {"form": form, "managed": partnership})


@require_permission("comms.manage_subscribers")
@require_GET
def subscriber_export(request: HttpRequest) -> HttpResponse:
    partnership = _managed_partnership(request)
    found = subscriber_selectors.subscriber_list(user=request.user, partnership=partnership)
    rows = subscriber_services.subscribers_export_rows(
        actor=request.user, partnership=partnership, subscribers=found
    )
    # Through the one CSV helper: a subscriber's name such as "=HYPERLINK(…)" is never run as
    # a formula when the business unit opens the file in a spreadsheet.
    return exports.csv_response(
        f"subscribers-{partnership.slug}.csv", None, rows, byte_order_mark=True
    )


# Bulletins --------------------------------------------------------------------------------


@require_permission("comms.view_bulletin_stats")
@require_GET
def bulletin_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        selectors.bulletin_list(user=request.user, with_stuck=True), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "comms/manage/bulletins.html", {"page": page})


@require_permission("comms.manage_bulletins")
@require_http_methods(["GET", "POST"])
def bulletin_new(request: HttpRequest) -> HttpResponse:
    partnership = _managed_partnership(request)
    form = BulletinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = services.bulletin_create(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "Bulletin started. Now add its blocks.")
            return redirect("comms:bulletin-manage", pk=bulletin.pk)
    return render(request, "comms/manage/bulletin_form.html", {"form": form})


@require_permission("comms.view_bulletin_stats", _bulletin_obj)
@require_GET
def bulletin_manage(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    return render(
        request,
        "comms/manage/bulletin.html",
        {
            "bulletin": bulletin,
            "blocks": list(bulletin.blocks.all()),
            "options": BULLETINS.options(bulletin, request.user),
            "progress": selectors.bulletin_progress(bulletin=bulletin),
            "text_form": TextBlockForm(),
            "source_form": SourceBlockForm(),
            "test_form": TestSendForm(
                initial={"email": request.user.email if request.user.is_authenticated else ""}
            ),
            "schedule_form": ScheduleForm(),
            "can_send": request.user.has_perm("comms.send_bulletin", bulletin),
        },
    )


def _manage_again(request, bulletin, **forms):
    context = {
        "bulletin": bulletin,
        "blocks": list(bulletin.blocks.all()),
        "options": BULLETINS.options(bulletin, request.user),
        "progress": selectors.bulletin_progress(bulletin=bulletin),
        "text_form": TextBlockForm(),
        "source_form": SourceBlockForm(),
        "test_form": TestSendForm(initial={"email": request.user.email}),
        "schedule_form": ScheduleForm(),
        "can_send": request.user.has_perm("comms.send_bulletin", bulletin),
    }
    context.update(forms)
    return render(request, "comms/manage/bulletin.html", context, status=400)


@require_permission("comms.manage_bulletins", _bulletin_obj)
@require_http_methods(["GET", "POST"])
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    form = BulletinForm(
        request.POST or None,
        initial={
            "title": bulletin.title,
            "introduction": bulletin.introduction,
            "themes": list(bulletin.themes.all()),
            "target_audiences": list(bulletin.target_audiences),
            "target_themes": list(bulletin.target_themes.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bulletin_update(actor=request.user, bulletin=bulletin, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("comms:bulletin-manage", pk=bulletin.pk)
    return render(request, "comms/manage/bulletin_form.html", {"form": form, "bulletin": bulletin})


@require_permission("comms.manage_bulletins", _bulletin_obj)
@require_POST
def bulletin_block_add(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    form: SourceBlockForm | TextBlockForm
    if request.POST.get("kind") == "source":
        form = SourceBlockForm(request.POST)
        key = "source_form"
    else:
        form = TextBlockForm(request.POST)
        key = "text_form"
    if form.is_valid():
        try:
            if key == "source_form":
                services.bulletin_block_add_source(
                    actor=request.user, bulletin=bulletin, source_key=form.cleaned_data["source"]
                )
            else:
                services.bulletin_block_add_text(
                    actor=request.user, bulletin=bulletin, **form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "Block added")
            return redirect("comms:bulletin-manage", pk=bulletin.pk)
    return _manage_again(request, bulletin, **{key: form})


@require_permission("comms.manage_bulletins", _bulletin_obj)
@require_POST
def bulletin_block_remove(request: HttpRequest, pk: int, block_pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    block = selectors.bulletin_block_get(user=request.user, bulletin=bulletin, pk=block_pk)
    if block is None:
        raise Http404("No such block")
    try:
        services.bulletin_block_remove(actor=request.user, block=block)
    except ValidationError as error:
        flash.error(request, error.messages[0])
    else:
        flash.success(request, "Block removed")
    return redirect("comms:bulletin-manage", pk=bulletin.pk)


@require_permission("comms.view_bulletin_stats", _bulletin_obj)
@require_GET
def bulletin_preview(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    return render(
        request, "comms/bulletin.html", {**rendering.web_context(bulletin), "preview": True}
    )


@require_permission("comms.view_bulletin_stats", _bulletin_obj)
@require_GET
# An email's styles are inline, by necessity. django-csp types a view as taking the request
# only (Callable[[HttpRequest], ...]); its decorator passes pk on at run time.
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
def bulletin_preview_email(request: HttpRequest, pk: int) -> HttpResponse:
    """The email's HTML part as a subscriber sees it (links straight to their pages)."""
    bulletin = _bulletin(request, pk)
    template = rendering.email_template(bulletin, tracked_links=False)
    _, body, _ = template.for_subscriber(0, "preview")
    return HttpResponse(body)


@require_permission("comms.manage_bulletins", _bulletin_obj)
@require_POST
def bulletin_test(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    form = TestSendForm(request.POST)
    if form.is_valid():
        try:
            sending.bulletin_send_test(
                actor=request.user, bulletin=bulletin, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"A test copy was sent to {form.cleaned_data['email']}")
            return redirect("comms:bulletin-manage", pk=bulletin.pk)
    return _manage_again(request, bulletin, test_form=form)


@require_permission("comms.send_bulletin", _bulletin_obj)
@require_GET
def bulletin_send_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Before sending: how many people the edition will go to, and who they are."""
    bulletin = _bulletin(request, pk)
    if bulletin.status != BulletinStatus.DRAFT:
        flash.error(request, "Only a draft bulletin can be sent from here.")
        return redirect("comms:bulletin-manage", pk=bulletin.pk)
    return render(
        request,
        "comms/manage/bulletin_send.html",
        {
            "bulletin": bulletin,
            "recipients": selectors.bulletin_recipients(bulletin=bulletin).count(),
            "target_themes": list(bulletin.target_themes.order_by("name")),
        },
    )


@require_permission("comms.send_bulletin", _bulletin_obj)
@require_POST
def bulletin_transition(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    step = request.POST.get("step", "")
    try:
        if step == "schedule":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                return _manage_again(request, bulletin, schedule_form=form)
            try:
                services.bulletin_schedule(
                    actor=request.user, bulletin=bulletin, when=form.cleaned_data["when"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
                return _manage_again(request, bulletin, schedule_form=form)
            flash.success(request, "The bulletin is scheduled")
        elif step == "unschedule":
            services.bulletin_unschedule(actor=request.user, bulletin=bulletin)
            flash.success(request, "The schedule is cancelled; the bulletin is a draft again")
        elif step == "send":
            services.bulletin_send(actor=request.user, bulletin=bulletin)
            flash.success(request, "The bulletin is being sent")
        else:
            raise ValidationError("Choose what to do with the bulletin.")
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    return redirect("comms:bulletin-manage", pk=bulletin.pk)


@require_permission("comms.send_bulletin", _bulletin_obj)
@require_http_methods(["GET", "POST"])
def bulletin_stuck(request: HttpRequest, pk: int) -> HttpResponse:
    """Emails left "being sent" when sending stopped part-way: how many, the risk of each
    choice, and the business unit's decision (mark them not sent, or send them again)."""
    bulletin = _bulletin(request, pk)
    form = StuckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            count = sending.bulletin_stuck_resolve(
                actor=request.user, bulletin=bulletin, outcome=outcome
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            emails = f"{count} email{'' if count == 1 else 's'}"
            if outcome == "send_again":
                flash.success(request, f"{emails} will be sent again.")
            else:
                flash.success(request, f"{emails} marked not sent.")
            return redirect("comms:bulletin-manage", pk=bulletin.pk)
    progress = selectors.bulletin_progress(bulletin=bulletin)
    return render(
        request,
        "comms/manage/bulletin_stuck.html",
        {
            "bulletin": bulletin,
            "form": form,
            "progress": progress,
            "stuck_minutes": int(STUCK_AFTER.total_seconds() // 60),
        },
        status=400 if form.errors else 200,
    )


@require_permission("comms.view_bulletin_stats")
@require_GET
def bulletin_stats(request: HttpRequest) -> HttpResponse:
    """The open-rate trend of the last editions, or — given a period — of the editions sent
    in it with the period's figures, the same figures the yearly report shows."""
    partnership = _stats_partnership(request)
    form = StatsPeriodForm(request.GET or None)
    period = None
    if request.GET and form.is_valid():
        period = report_selectors.partnership_bulletin_figures(
            partnership_ids=[partnership.pk],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
        trend = period.bulletins
    else:
        trend = selectors.bulletin_trend(partnership=partnership)
    return render(
        request,
        "comms/manage/stats.html",
        {
            "trend": trend,
            "chart": _trend_chart(trend),
            "managed": partnership,
            "form": form,
            "period": period,
        },
    )


@require_permission("comms.view_bulletin_stats", _bulletin_obj)
@require_GET
def bulletin_edition_stats(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    return render(
        request,
        "comms/manage/edition_stats.html",
        {
            "bulletin": bulletin,
            "links": list(bulletin.links.all()),
            "progress": selectors.bulletin_progress(bulletin=bulletin),
            "can_send": request.user.has_perm("comms.send_bulletin", bulletin),
        },
    )


def _stats_partnership(request):
    found = selectors.stats_partnership(user=request.user, preferred=request.partnership or None)
    if found is None:
        raise PermissionDenied
    return found


def _trend_chart(trend) -> dict:
    """A line of open rates as SVG points (0–50 % on the vertical axis)."""
    width, height, top = 600, 200, 50.0
    rates = [b.open_rate or 0 for b in trend]
    if not rates:
        return {"points": "", "width": width, "height": height, "dots": []}
    step = width / max(len(rates) - 1, 1)
    dots = [
        {
            "x": round(i * step, 1),
            "y": round(height - min(rate, top) / top * height, 1),
            "rate": rate,
        }
        for i, rate in enumerate(rates)
    ]
    return {
        "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "width": width,
        "height": height,
        "dots": dots,
    }


# Settings ---------------------------------------------------------------------------------


@require_permission("comms.manage_settings")
@require_http_methods(["GET", "POST"])
def comms_settings(request: HttpRequest) -> HttpResponse:
    partnership = _managed_partnership(request)
    current = settings_for(partnership)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            comms_settings_update(
                actor=request.user, partnership=partnership, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "Settings saved")
            return redirect("comms:settings")
    return render(request, "comms/manage/settings.html", {"form": form, "managed": partnership})
