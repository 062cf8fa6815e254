"""Pages for reviews (local, thematic and joint) and the case-reviews home page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.reviews import forms, selectors, services, workflow
from safeguarding.reviews.models import ReviewStatus
from safeguarding.reviews.views.common import (
    PAGE_SIZE,
    confidential_loader,
    log_clock_board,
    log_form_read,
    log_list,
    log_read,
)

load_review = confidential_loader("review", selectors.review_get)


# What the notification banner says after each step: a sentence, not "<button>: saved."
REVIEW_STEP_DONE = {
    "agree_terms": "Terms of reference recorded",
    "commission_reviewer": "Reviewer commissioned",
    "start": "Review started",
    "receive_draft": "Draft report recorded",
    "agree_final": "Final report agreed",
    "send_advance_copy": "Report sent to the Panel, Secretary of State and Ofsted",
    "publish": "Publication recorded",
    "defer": "Publication deferred",
    "embed_learning": "Learning embedded recorded",
}


@require_permission("reviews.view_reviews")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    board = None
    if user.has_perm("reviews.view_casework"):
        board = selectors.clock_board(user=user)
        log_clock_board(request, board)
    return render(
        request,
        "reviews/home.html",
        {
            "can_casework": user.has_perm("reviews.view_casework"),
            "can_recommendations": user.has_perm("reviews.view_recommendations"),
            "can_summaries": user.has_perm("reviews.view_agency_summaries"),
            "can_referrals": user.has_perm("reviews.view_referrals"),
            "can_figures": user.has_perm("reviews.view_figures"),
            "managed": selectors.managed_partnerships(user=user),
            "board": board,
            "today": selectors.today(),
        },
    )


@require_permission("reviews.view_reviews")
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    themes = selectors.active_themes()
    form = forms.ReviewFilterForm(request.GET or None, themes=themes)
    filters = selectors.ReviewFilter(
        **{k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    )
    reviews = selectors.review_list(user=request.user, filters=filters)
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    log_list(request, page.object_list, "reviews")
    return render(
        request,
        "reviews/reviews/list.html",
        {
            "form": form,
            "page": page,
            "today": selectors.today(),
            "can_add": request.user.has_perm("reviews.add_review"),
        },
    )


@require_permission("reviews.add_review")
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.managed_partnerships(user=request.user)
    notifications = selectors.notification_list(user=request.user).filter(
        partnership__in=partnerships
    )
    form = forms.ReviewCreateForm(
        request.POST or None,
        partnerships=partnerships,
        all_partnerships=selectors.all_partnerships(),
        notifications=notifications,
        themes=selectors.active_themes(),
        priorities=selectors.priorities_of(partnerships=partnerships),
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            review = services.review_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The review “{review.title}” has been recorded.")
            return redirect("reviews:review-detail", pk=review.pk)
    # The form offers the notified incidents (pseudonyms and references) to choose from.
    log_list(request, notifications, "notifications")
    return render(request, "reviews/reviews/new.html", {"form": form})


@require_permission("reviews.view_review", fn=load_review)
@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    if not review.is_published:
        log_read(request, review, "review")
    user = request.user
    can_manage = user.has_perm("reviews.manage_review", review)
    actions = [o.transition for o in workflow.REVIEWS.options(review, user)]
    return render(
        request,
        "reviews/reviews/detail.html",
        {
            "review": review,
            "today": selectors.today(),
            "actions": actions,
            "can_manage": can_manage,
            "can_add_event": can_manage
            and review.status in {ReviewStatus.IN_PROGRESS, ReviewStatus.DRAFT},
            "can_add_recommendation": can_manage
            and review.status in services.RECOMMENDATION_STATES
            and user.has_perm("reviews.add_recommendation", review),
            "can_edit_content": user.has_perm("reviews.edit_review_content", review),
            "can_manage_learning": user.has_perm("reviews.manage_learning", review),
            "recommendations": selectors.review_recommendations(user=user, review=review),
            "briefing": selectors.review_briefing(review=review),
        },
    )


@require_permission("reviews.edit_review_content", fn=load_review)
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    as_reviewer = not request.user.has_perm("reviews.manage_review", review)
    partnerships = selectors.partnerships_by_ids([review.partnership_id])
    form = forms.ReviewContentForm(
        request.POST or None,
        instance=review,
        themes=selectors.active_themes(),
        priorities=selectors.priorities_of(partnerships=partnerships),
        reviewer_only=as_reviewer,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update_content(
                actor=request.user,
                review=review,
                version=form.version,
                as_reviewer=as_reviewer,
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The review has been updated.")
            return redirect("reviews:review-detail", pk=review.pk)
    return render(request, "reviews/reviews/edit.html", {"form": form, "review": review})


@require_permission("reviews.view_review", fn=load_review)
@require_http_methods(["GET", "POST"])
def review_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    review = load_review(request, pk)
    if action not in workflow.REVIEWS:
        raise Http404("No such step")
    transition = workflow.REVIEWS.get(action)
    if not request.user.has_perm(transition.permission, review):
        raise PermissionDenied
    log_form_read(request, review, "review")
    form = forms.ReviewTransitionForm(
        request.POST or None,
        transition=transition,
        review=review,
        reviewers=selectors.reviewers_of(
            partnerships=selectors.partnerships_by_ids(review.partnership_ids_for_rules())
        ),
    )
    refused = None
    if review.status not in transition.sources:
        try:
            workflow.REVIEWS.check(review.status, action)
        except ValidationError as error:
            refused = " ".join(error.messages)
    if request.method == "POST" and refused is None and form.is_valid():
        try:
            services.STEP_SERVICES[action](
                actor=request.user,
                review=review,
                version=form.version,
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, REVIEW_STEP_DONE.get(action, "Review updated"))
            return redirect("reviews:review-detail", pk=review.pk)
    return render(
        request,
        "reviews/reviews/move.html",
        {
            "form": form,
            "review": review,
            "transition": transition,
            "refused": refused,
            "today": selectors.today(),
        },
    )


@require_permission("reviews.manage_review", fn=load_review)
@require_http_methods(["GET", "POST"])
def review_delay_reason(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    form = forms.DelayReasonForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record_delay_reason(
                actor=request.user, review=review, version=form.version, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The reason has been recorded.")
            return redirect("reviews:review-detail", pk=review.pk)
    return render(
        request,
        "reviews/reviews/delay_reason.html",
        {
            "form": form,
            "review": review,
            "clock": review.publication_clock,
            "today": selectors.today(),
        },
    )


@require_permission("reviews.manage_review", fn=load_review)
@require_http_methods(["GET", "POST"])
def practitioner_event_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    form = forms.PractitionerEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.practitioner_event_add(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The practitioner event has been recorded.")
            return redirect("reviews:review-detail", pk=review.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": "Record a practitioner event",
            "caption": review.title,
            "back": ("reviews:review-detail", review.pk),
            "button": "Save",
        },
    )
