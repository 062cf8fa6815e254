"""Theme pages: the chain for one practice theme, and imported reviews from elsewhere."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from safeguarding.core.access import public
from safeguarding.search.selectors.themes import (
    external_review_for,
    theme_chain,
    theme_for_page,
    theme_hierarchy,
    themes_with_counts,
)


@public
@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "search/theme_list.html", {"themes": themes_with_counts(user=request.user)}
    )


@public
@require_GET
def theme_page(request: HttpRequest, slug: str) -> HttpResponse:
    theme, merged_into = theme_for_page(user=request.user, slug=slug)
    if theme is None:
        raise Http404
    if merged_into is not None:
        return redirect("search:theme", slug=merged_into.slug)
    chain = theme_chain(user=request.user, theme=theme)
    broader, narrower = theme_hierarchy(theme=theme)
    return render(
        request,
        "search/theme.html",
        {"theme": theme, "chain": chain, "broader": broader, "narrower": narrower},
    )


@public
@require_GET
def external_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = external_review_for(user=request.user, pk=pk)
    if review is None:
        raise Http404
    return render(request, "search/external_review.html", {"review": review})
