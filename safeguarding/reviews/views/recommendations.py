"""Pages for recommendations: lists and groupings, updates, evidence, grading, closing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.reviews import forms, selectors, services
from safeguarding.reviews.views.common import (
    PAGE_SIZE,
    confidential_loader,
    log_form_read,
    log_list,
    log_read,
    message_error,
)
from safeguarding.reviews.views.reviews import load_review

load_recommendation = confidential_loader("recommendation", selectors.recommendation_get)
load_evidence = confidential_loader("impact_evidence", selectors.evidence_get)
load_evidence_file = confidential_loader("impact_evidence_file", selectors.evidence_file_get)

GROUPINGS = {"agency": "agency", "review": "review", "theme": "theme"}
# The audit event of each grouping page.
GROUPING_EVENTS = {
    "agency": "reviews.recommendations.by_agency_viewed",
    "review": "reviews.recommendations.by_review_viewed",
    "theme": "reviews.recommendations.by_theme_viewed",
}


@require_permission("reviews.view_recommendations")
@require_GET
def recommendation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    agencies, reviews = selectors.recommendation_filter_choices(user=user)
    form = forms.RecommendationFilterForm(
        request.GET or None, agencies=agencies, reviews=reviews, themes=selectors.active_themes()
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RecommendationFilter(**{k: v for k, v in data.items() if v})
    recommendations = selectors.recommendation_list(user=user, filters=filters)
    page = Paginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
    # The review filter names the reviews too: unpublished ones are confidential.
    log_list(
        request,
        page.object_list,
        "recommendations",
        extra={"review_ids": selectors.confidential_pks(reviews)},
    )
    return render(
        request,
        "reviews/recommendations/list.html",
        {"form": form, "page": page, "today": selectors.today()},
    )


@require_permission("reviews.view_recommendations")
@require_GET
def recommendation_groups(request: HttpRequest, by: str) -> HttpResponse:
    if by not in GROUPINGS:
        raise Http404("No such grouping")
    rows = selectors.recommendation_groups(user=request.user, by=by)
    if rows:
        # The counts cover every recommendation the person can see (and "by review" names
        # the reviews): the log names those of unpublished reviews.
        services.list_view_record(
            actor=request.user,
            event=GROUPING_EVENTS[by],
            ids=selectors.recommendation_groups_confidential_pks(user=request.user),
            filters=services.query_filters(request.GET),
            path=request.path,
        )
    return render(request, "reviews/recommendations/groups.html", {"by": by, "rows": rows})


def _recommendation_form(request, review, *, data=None, instance=None):
    partnerships = selectors.partnerships_by_ids(review.partnership_ids_for_rules())
    initial = {"themes": [t.pk for t in review.themes.all()]} if instance is None else None
    return forms.RecommendationForm(
        data,
        instance=instance,
        initial=initial,
        agencies=selectors.agencies_of(partnerships=partnerships),
        people=selectors.people_of(partnerships=partnerships),
        priorities=selectors.priorities_of(partnerships=partnerships),
        themes=selectors.active_themes(),
    )


@require_permission("reviews.add_recommendation", fn=load_review)
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    form = _recommendation_form(request, review, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_add(
                actor=request.user, review=review, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Recommendation {recommendation.number} added; "
                f"{recommendation.owner_person} has been told by email.",
            )
            return redirect("reviews:review-detail", pk=review.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": "Add a recommendation",
            "caption": review.title,
            "back": ("reviews:review-detail", review.pk),
        },
    )


@require_permission("reviews.view_recommendation", fn=load_recommendation)
@require_GET
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = load_recommendation(request, pk)
    log_read(request, recommendation, "recommendation")
    user = request.user
    return render(
        request,
        "reviews/recommendations/detail.html",
        {
            "recommendation": recommendation,
            "today": selectors.today(),
            "updates": recommendation.updates.all(),
            "evidence": recommendation.evidence.all(),
            "can_update": recommendation.is_open
            and user.has_perm("reviews.update_recommendation", recommendation),
            "can_change": recommendation.is_open
            and user.has_perm("reviews.change_recommendation", recommendation),
            "can_grade": recommendation.is_open
            and user.has_perm("reviews.grade_evidence", recommendation),
            "can_close": recommendation.is_open
            and user.has_perm("reviews.close_recommendation", recommendation),
            "can_see_review": user.has_perm("reviews.view_review", recommendation.review),
            "grade_form": forms.GradeForm(),
        },
    )


@require_permission("reviews.change_recommendation", fn=load_recommendation)
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = load_recommendation(request, pk)
    log_form_read(request, recommendation, "recommendation")
    form = _recommendation_form(
        request, recommendation.review, data=request.POST or None, instance=recommendation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_change(
                actor=request.user,
                recommendation=recommendation,
                version=form.version,
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The recommendation has been changed.")
            return redirect("reviews:recommendation-detail", pk=recommendation.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": f"Change recommendation {recommendation.number}",
            "caption": recommendation.review.title,
            "back": ("reviews:recommendation-detail", recommendation.pk),
        },
    )


@require_permission("reviews.update_recommendation", fn=load_recommendation)
@require_http_methods(["GET", "POST"])
def recommendation_update(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = load_recommendation(request, pk)
    log_form_read(request, recommendation, "recommendation")
    form = forms.UpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add_update(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your update has been added to the timeline.")
            return redirect("reviews:recommendation-detail", pk=recommendation.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": f"Update on recommendation {recommendation.number}",
            "caption": recommendation.review.title,
            "intro": recommendation.text,
            "back": ("reviews:recommendation-detail", recommendation.pk),
            "button": "Add the update",
        },
    )


@require_permission("reviews.update_recommendation", fn=load_recommendation)
@require_http_methods(["GET", "POST"])
def evidence_new(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = load_recommendation(request, pk)
    log_form_read(request, recommendation, "recommendation")
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.impact_evidence_submit(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your evidence of impact has been sent for grading.")
            return redirect("reviews:recommendation-detail", pk=recommendation.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": "Submit evidence of impact",
            "caption": f"{recommendation.review.title}: recommendation {recommendation.number}",
            "intro": recommendation.text,
            "back": ("reviews:recommendation-detail", recommendation.pk),
            "multipart": True,
            "button": "Submit the evidence",
        },
    )


@require_permission("reviews.grade_evidence", fn=load_evidence)
@require_POST
def evidence_grade(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = load_evidence(request, pk)
    form = forms.GradeForm(request.POST)
    if form.is_valid():
        try:
            services.impact_evidence_grade(
                actor=request.user,
                evidence=evidence,
                grade=form.cleaned_data["grade"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, "The evidence has been graded.")
    else:
        messages.error(request, "Choose a grade for the evidence.")
    return redirect("reviews:recommendation-detail", pk=evidence.recommendation_id)


def _evidence_file_recommendation(request: HttpRequest, pk: int):
    return load_evidence_file(request, pk).evidence.recommendation


@require_permission("reviews.view_recommendation", fn=_evidence_file_recommendation)
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    stored = load_evidence_file(request, pk)
    log_read(request, stored.evidence.recommendation, "impact_evidence_file")
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )


@require_permission("reviews.close_recommendation", fn=load_recommendation)
@require_POST
def recommendation_close(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = load_recommendation(request, pk)
    form = forms.CloseForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    try:
        services.recommendation_close(
            actor=request.user, recommendation=recommendation, version=version
        )
    except ValidationError as error:
        message_error(request, error)
    else:
        messages.success(request, f"Recommendation {recommendation.number} is closed.")
    return redirect("reviews:recommendation-detail", pk=recommendation.pk)
