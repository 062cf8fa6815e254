"""Learning products (7-minute briefing, author briefings, links), the public learning
library at /learning/ and the figures for the yearly report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import public, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.periods import last_complete_financial_year
from safeguarding.reviews import documents, forms, selectors, services
from safeguarding.reviews.views.common import PAGE_SIZE, log_form_read, log_read
from safeguarding.reviews.views.reviews import load_review

FORMATS = {"pdf": documents.PDF_TYPE, "docx": documents.DOCX_TYPE}


def _document(briefing, fmt: str) -> HttpResponse:
    partnership_name = briefing.review.partnership.name
    if fmt == "pdf":
        body = documents.briefing_pdf(briefing, partnership_name=partnership_name)
    else:
        body = documents.briefing_docx(briefing, partnership_name=partnership_name)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(briefing, fmt)}"'
    return response


@require_permission("reviews.manage_learning", fn=load_review)
@require_http_methods(["GET", "POST"])
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    briefing = selectors.review_briefing(review=review)
    initial = None if briefing else services.briefing_initial(review)
    form = forms.BriefingForm(request.POST or None, instance=briefing, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.briefing_save(
                actor=request.user, review=review, version=form.version, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The 7-minute briefing has been saved.")
            return redirect("reviews:review-detail", pk=review.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": "7-minute briefing",
            "caption": review.title,
            "intro": "Seven short boxes a team leader can read out in a team meeting. They "
            "start from the review’s summary, key learning and recommendations: edit them "
            "into plain, short points.",
            "back": ("reviews:review-detail", review.pk),
        },
    )


@require_permission("reviews.view_review", fn=load_review)
@require_GET
def briefing_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    review = load_review(request, pk)
    briefing = selectors.review_briefing(review=review)
    if briefing is None or fmt not in FORMATS:
        raise Http404("No briefing")
    if not review.is_published:
        log_read(request, review, "briefing")
    return _document(briefing, fmt)


@require_permission("reviews.manage_learning", fn=load_review)
@require_http_methods(["GET", "POST"])
def author_briefing_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    form = forms.AuthorBriefingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.author_briefing_add(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The author briefing has been recorded.")
            return redirect("reviews:review-detail", pk=review.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": "Record an author briefing",
            "caption": review.title,
            "back": ("reviews:review-detail", review.pk),
        },
    )


@require_permission("reviews.manage_learning", fn=load_review)
@require_http_methods(["GET", "POST"])
def learning_link_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = load_review(request, pk)
    log_form_read(request, review, "review")
    form = forms.LearningLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_link_add(actor=request.user, review=review, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The link has been added.")
            return redirect("reviews:review-detail", pk=review.pk)
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "title": "Add a podcast, video or resource",
            "caption": review.title,
            "back": ("reviews:review-detail", review.pk),
        },
    )


# The public learning library -------------------------------------------------------------


def _site_partnership(request: HttpRequest):
    partnership = getattr(request, "partnership", None)
    return partnership if partnership else None


@public
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    partnership = _site_partnership(request)
    form = forms.LibraryFilterForm(
        request.GET or None,
        themes=selectors.library_themes(partnership=partnership),
        years=selectors.library_years(partnership=partnership),
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.LibraryFilter(**{k: v for k, v in data.items() if v})
    reviews = selectors.library_reviews(partnership=partnership, filters=filters)
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/learning/library.html", {"form": form, "page": page})


def _published(pk: int):
    review = selectors.library_review(pk=pk)
    if review is None:
        raise Http404("No such published review")
    return review


@public
@require_GET
def library_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = _published(pk)
    return render(
        request,
        "reviews/learning/review.html",
        {"review": review, "briefing": selectors.review_briefing(review=review)},
    )


@public
@require_GET
def library_briefing(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    review = _published(pk)
    briefing = selectors.review_briefing(review=review)
    if briefing is None or fmt not in FORMATS:
        raise Http404("No briefing")
    return _document(briefing, fmt)


# Figures for the yearly report -------------------------------------------------------------


@require_permission("reviews.view_figures")
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.staff_partnerships(user=request.user)
    start, end = last_complete_financial_year(selectors.today())
    form = forms.FiguresForm(
        request.GET or None,
        partnerships=partnerships,
        initial={"partnership": partnerships.first(), "start": start, "end": end},
    )
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = selectors.figures_for_period(
            user=request.user,
            partnership=data["partnership"],
            start=data["start"],
            end=data["end"],
        )
    elif not form.is_bound and partnerships:
        result = selectors.figures_for_period(
            user=request.user, partnership=partnerships.first(), start=start, end=end
        )
    return render(request, "reviews/figures.html", {"form": form, "figures": result})
