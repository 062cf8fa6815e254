"""Pages for serious incident notifications, rapid reviews and agency summaries."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.accounts.models import Partnership
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.planning.suggestions import SUGGEST_BUTTON, form_theme_suggestions
from safeguarding.reviews import forms, selectors, services
from safeguarding.reviews.models import REGULATION_11_CRITERIA
from safeguarding.reviews.views.common import (
    PAGE_SIZE,
    confidential_loader,
    log_form_read,
    log_list,
    log_read,
    message_error,
)

load_notification = confidential_loader("notification", selectors.notification_get)
load_rapid_review = confidential_loader("rapid_review", selectors.rapid_review_get)
load_summary = confidential_loader("agency_summary", selectors.agency_summary_get)


# Notifications --------------------------------------------------------------------------


@require_permission("reviews.view_casework")
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    form = forms.NotificationFilterForm(request.GET or None, themes=selectors.active_themes())
    filters = selectors.NotificationFilter(
        **{k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    )
    notifications = selectors.notification_list(user=request.user, filters=filters)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    log_list(request, page.object_list, "notifications")
    return render(
        request,
        "reviews/notifications/list.html",
        {
            "form": form,
            "page": page,
            "can_add": request.user.has_perm("reviews.add_notification"),
        },
    )


def _notification_form(request, *, instance=None, data=None):
    partnerships = (
        selectors.partnerships_by_ids([instance.partnership_id])
        if instance is not None
        else selectors.managed_partnerships(user=request.user)
    )
    return forms.NotificationForm(
        data,
        instance=instance,
        editing=instance is not None,
        partnerships=partnerships,
        agencies=selectors.agencies_of(partnerships=partnerships),
        themes=selectors.active_themes(),
    )


@require_permission("reviews.add_notification")
@require_http_methods(["GET", "POST"])
def notification_new(request: HttpRequest) -> HttpResponse:
    form = _notification_form(request, data=request.POST or None)
    suggesting = SUGGEST_BUTTON in request.POST
    if request.method == "POST" and not suggesting and form.is_valid():
        data = form.service_data()
        partnership = data.pop("partnership")
        if not request.user.has_perm("reviews.add_notification", partnership):
            raise Http404("No such partnership")
        try:
            notification = services.notification_create(
                actor=request.user, partnership=partnership, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The notification for {notification} has been recorded.")
            return redirect("reviews:notification-detail", pk=notification.pk)
    return render(
        request,
        "reviews/notifications/form.html",
        {
            "form": form,
            "notification": None,
            "theme_suggestions": form_theme_suggestions(form, "outline"),
        },
    )


@require_permission("reviews.view_notification", fn=load_notification)
@require_GET
def notification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notification = load_notification(request, pk)
    log_read(request, notification, "notification")
    rapid_review = selectors.notification_rapid_review(user=request.user, notification=notification)
    return render(
        request,
        "reviews/notifications/detail.html",
        {
            "notification": notification,
            "clock": notification.notify_clock,
            "today": selectors.today(),
            "rapid_review": rapid_review,
            "can_change": request.user.has_perm("reviews.change_notification", notification),
        },
    )


@require_permission("reviews.change_notification", fn=load_notification)
@require_http_methods(["GET", "POST"])
def notification_edit(request: HttpRequest, pk: int) -> HttpResponse:
    notification = load_notification(request, pk)
    log_form_read(request, notification, "notification")
    form = _notification_form(request, instance=notification, data=request.POST or None)
    suggesting = SUGGEST_BUTTON in request.POST
    if request.method == "POST" and not suggesting and form.is_valid():
        data = form.service_data()
        data.pop("partnership", None)
        try:
            services.notification_update(
                actor=request.user, notification=notification, version=form.version, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The notification for {notification} has been updated.")
            return redirect("reviews:notification-detail", pk=notification.pk)
    return render(
        request,
        "reviews/notifications/form.html",
        {
            "form": form,
            "notification": notification,
            "theme_suggestions": form_theme_suggestions(form, "outline"),
        },
    )


@require_permission("reviews.change_notification", fn=load_notification)
@require_http_methods(["GET", "POST"])
def notification_reason(request: HttpRequest, pk: int) -> HttpResponse:
    notification = load_notification(request, pk)
    log_form_read(request, notification, "notification")
    return _reason_page(
        request,
        record=notification,
        clock=notification.notify_clock,
        back=("reviews:notification-detail", notification.pk),
    )


def _reason_page(request, *, record, clock, back) -> HttpResponse:
    form = forms.ReasonForm(
        request.POST or None,
        initial={"version": record.version, "reason": record.late_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.clock_reason_record(
                actor=request.user,
                record=record,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The reason has been recorded.")
            return redirect(back[0], pk=back[1])
    return render(
        request,
        "reviews/reason_form.html",
        {"form": form, "record": record, "clock": clock, "back": back, "today": selectors.today()},
    )


@require_permission("reviews.change_notification", fn=load_notification)
@require_POST
def rapid_review_start(request: HttpRequest, pk: int) -> HttpResponse:
    notification = load_notification(request, pk)
    try:
        rapid_review = services.rapid_review_start(actor=request.user, notification=notification)
    except ValidationError as error:
        message_error(request, error)
        return redirect("reviews:notification-detail", pk=notification.pk)
    messages.success(
        request,
        f"The rapid review has started. It is due with the Panel by "
        f"{uk_date(rapid_review.due_on)}.",
    )
    return redirect("reviews:rapid-review-detail", pk=rapid_review.pk)


# Rapid reviews --------------------------------------------------------------------------


@require_permission("reviews.view_casework")
@require_GET
def rapid_review_list(request: HttpRequest) -> HttpResponse:
    open_only = request.GET.get("open") == "1"
    rapid_reviews = selectors.rapid_review_list(user=request.user, open_only=open_only)
    page = Paginator(rapid_reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    log_list(request, page.object_list, "rapid_reviews")
    return render(
        request,
        "reviews/rapid/list.html",
        {"page": page, "open_only": open_only, "today": selectors.today()},
    )


@require_permission("reviews.view_rapid_review", fn=load_rapid_review)
@require_GET
def rapid_review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rapid_review = load_rapid_review(request, pk)
    log_read(request, rapid_review, "rapid_review")
    return render(
        request,
        "reviews/rapid/detail.html",
        {
            "rapid_review": rapid_review,
            "notification": rapid_review.notification,
            "clock": rapid_review.clock,
            "today": selectors.today(),
            "summaries": rapid_review.summaries.all(),
            "criteria": [
                (label, getattr(rapid_review, field)) for field, label in REGULATION_11_CRITERIA
            ],
            "review": selectors.rapid_review_local_review(
                user=request.user, rapid_review=rapid_review
            ),
            "can_change": request.user.has_perm("reviews.change_rapid_review", rapid_review),
        },
    )


RAPID_REVIEW_STEPS = {
    "meeting": (forms.MeetingForm, services.rapid_review_record_meeting, "Record the meeting"),
    "sign-off": (forms.SignOffForm, services.rapid_review_sign_off, "Record the sign-off"),
    "decision": (
        forms.DecisionForm,
        services.rapid_review_record_decision,
        "Record the decision",
    ),
    "sent-to-panel": (
        forms.SendToPanelForm,
        services.rapid_review_send_to_panel,
        "Record the rapid review sent to the Panel",
    ),
    "panel-response": (
        forms.PanelResponseForm,
        services.rapid_review_record_panel_response,
        "Record the Panel’s response",
    ),
}

RAPID_REVIEW_STEP_DONE = {
    "meeting": "Rapid review meeting recorded",
    "sign-off": "Sign-off recorded",
    "decision": "Decision recorded",
    "sent-to-panel": "Rapid review sent to the Panel",
    "panel-response": "The Panel’s response recorded",
}


@require_permission("reviews.change_rapid_review", fn=load_rapid_review)
@require_http_methods(["GET", "POST"])
def rapid_review_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    rapid_review = load_rapid_review(request, pk)
    if step != "late-reason" and step not in RAPID_REVIEW_STEPS:
        raise Http404("No such step")
    log_form_read(request, rapid_review, "rapid_review")
    if step == "late-reason":
        return _reason_page(
            request,
            record=rapid_review,
            clock=rapid_review.clock,
            back=("reviews:rapid-review-detail", rapid_review.pk),
        )
    form_class, service, title = RAPID_REVIEW_STEPS[step]
    form = form_class(request.POST or None, instance=rapid_review)
    if request.method == "POST" and form.is_valid():
        try:
            service(
                actor=request.user,
                rapid_review=rapid_review,
                version=form.version,
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, RAPID_REVIEW_STEP_DONE[step])
            return redirect("reviews:rapid-review-detail", pk=rapid_review.pk)
    return render(
        request,
        "reviews/rapid/step_form.html",
        {
            "form": form,
            "rapid_review": rapid_review,
            "title": title,
            "clock": rapid_review.clock,
            "today": selectors.today(),
        },
    )


@require_permission("reviews.change_rapid_review", fn=load_rapid_review)
@require_http_methods(["GET", "POST"])
def summary_request(request: HttpRequest, pk: int) -> HttpResponse:
    rapid_review = load_rapid_review(request, pk)
    log_form_read(request, rapid_review, "rapid_review")
    requested = {s.agency_id for s in rapid_review.summaries.all()}
    agencies = selectors.agencies_of(partnerships=[rapid_review.partnership]).exclude(
        pk__in=requested
    )
    form = forms.SummaryRequestForm(
        request.POST or None,
        agencies=agencies,
        initial={
            "requested_on": selectors.today(),
            "due_on": services.default_summary_due(rapid_review),
            "agencies": [a.pk for a in rapid_review.notification.agencies_involved.all()],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.agency_summary_request(
                actor=request.user, rapid_review=rapid_review, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Summaries requested from {len(created)} "
                f"agenc{'y' if len(created) == 1 else 'ies'}.",
            )
            return redirect("reviews:rapid-review-detail", pk=rapid_review.pk)
    return render(
        request,
        "reviews/rapid/summary_request.html",
        {"form": form, "rapid_review": rapid_review},
    )


@require_permission("reviews.view_agency_summaries")
@require_GET
def summary_list(request: HttpRequest) -> HttpResponse:
    summaries = selectors.agency_summary_list(user=request.user)
    page = Paginator(summaries, PAGE_SIZE).get_page(request.GET.get("page"))
    log_list(request, page.object_list, "agency_summaries")
    return render(
        request, "reviews/rapid/summary_list.html", {"page": page, "today": selectors.today()}
    )


@require_permission("reviews.view_agency_summary", fn=load_summary)
@require_http_methods(["GET", "POST"])
def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    summary = load_summary(request, pk)
    can_submit = request.user.has_perm("reviews.submit_agency_summary", summary)
    form = forms.SummarySubmitForm(request.POST or None, instance=summary)
    if request.method == "POST":
        if not can_submit:
            raise Http404("No such summary")
        if form.is_valid():
            try:
                services.agency_summary_submit(
                    actor=request.user,
                    summary=summary,
                    version=form.version,
                    text=form.cleaned_data["summary"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The summary from {summary.agency} has been saved.")
                return redirect("reviews:summary-detail", pk=summary.pk)
    else:
        log_read(request, summary, "agency_summary")
    return render(
        request,
        "reviews/rapid/summary_detail.html",
        {
            "summary": summary,
            "form": form
            if can_submit
            and summary.rapid_review.signed_off_on is None
            and summary.not_received_on is None
            else None,
            "today": selectors.today(),
            "can_see_rapid_review": request.user.has_perm(
                "reviews.view_rapid_review", summary.rapid_review
            ),
        },
    )


# Settings -------------------------------------------------------------------------------


def _managed_partnership(request: HttpRequest, slug: str) -> Partnership:
    partnership = selectors.managed_partnerships(user=request.user).filter(slug=slug).first()
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


@require_permission("reviews.change_settings", fn=_managed_partnership)
@require_http_methods(["GET", "POST"])
def review_settings(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _managed_partnership(request, slug)
    current = selectors.review_settings_for(partnership=partnership)
    form = forms.ReviewSettingsForm(
        request.POST or None,
        initial={"rapid_review_clock_start": current.rapid_review_clock_start},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_settings_update(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Case review settings for {partnership} saved.")
            return redirect("reviews:home")
    return render(
        request, "reviews/settings.html", {"form": form, "settings_partnership": partnership}
    )
