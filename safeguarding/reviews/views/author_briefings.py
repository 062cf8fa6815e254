"""An author briefing's page, with its attendance and evaluation from training when it is
run as a training session; linking a briefing to a session; planning one as a new session.
Training is read through what it offers (``core.offers``: ``training.sessions``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core import offers
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.reviews import selectors
from safeguarding.reviews.briefing_forms import LinkSessionForm, PlanBriefingForm
from safeguarding.reviews.models import AuthorBriefing
from safeguarding.reviews.services import author_briefings as services
from safeguarding.reviews.views.common import log_form_read, log_read
from safeguarding.reviews.views.reviews import load_review


def _load_briefing(request, pk: int, *args, **kwargs) -> AuthorBriefing:
    cache = request.__dict__.setdefault("_author_briefings", {})
    if pk not in cache:
        found = selectors.author_briefing_get(user=request.user, pk=pk)
        if found is None:
            raise Http404("No such author briefing")
        cache[pk] = found
    return cache[pk]


def _review_of(request, pk: int, *args, **kwargs):
    return _load_briefing(request, pk).review


def _page(request, briefing, link_form=None, status=200) -> HttpResponse:
    review = briefing.review
    can_manage = request.user.has_perm("reviews.manage_learning", review)
    if can_manage and link_form is None:
        link_form = LinkSessionForm(
            sessions=offers.offered("training.sessions").linkable_sessions(
                user=request.user, partnership_id=review.partnership_id
            )
        )
    figures = (
        offers.offered("training.sessions").session_figures(session_id=briefing.training_session_id)
        if briefing.training_session_id
        else None
    )
    return render(
        request,
        "reviews/learning/author_briefing.html",
        {
            "briefing": briefing,
            "review": review,
            "figures": figures,
            "can_manage": can_manage,
            "link_form": link_form if can_manage else None,
            "can_see_evaluation": request.user.has_perm(
                "training.view_evaluation_results", review.partnership
            ),
        },
        status=status,
    )


@require_permission("reviews.view_review", fn=_review_of)
@require_GET
def author_briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _load_briefing(request, pk)
    if not briefing.review.is_published:
        log_read(request, briefing.review, "review")
    return _page(request, briefing)


@require_permission("reviews.manage_learning", fn=_review_of)
@require_POST
def author_briefing_link(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = _load_briefing(request, pk)
    form = LinkSessionForm(
        request.POST,
        sessions=offers.offered("training.sessions").linkable_sessions(
            user=request.user, partnership_id=briefing.review.partnership_id
        ),
    )
    if form.is_valid():
        try:
            services.author_briefing_link_session(
                actor=request.user, briefing=briefing, session_id=form.cleaned_data["session"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "The briefing now takes its attendance and evaluation from training."
            )
            return redirect("reviews:author-briefing-detail", pk=briefing.pk)
    return _page(request, briefing, link_form=form, status=400)


@require_permission("reviews.manage_learning", fn=load_review)
@require_http_methods(["GET", "POST"])
def author_briefing_plan(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    form = PlanBriefingForm(
        request.POST or None,
        courses=offers.offered("training.sessions").linkable_courses(
            user=request.user, partnership_id=review.partnership_id
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            briefing = services.author_briefing_plan(
                actor=request.user, review=review, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"“{briefing.title}” is planned as a training session: people can book it "
                "from the training catalogue once the course is published.",
            )
            return redirect("reviews:author-briefing-detail", pk=briefing.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": "Plan an author briefing as a training session",
            "caption": review.title,
            "back": ("reviews:review-detail", review.pk),
        },
    )
