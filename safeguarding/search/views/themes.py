"""Theme pages: the chain for one practice theme, and imported reviews from elsewhere."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from safeguarding.core.access import public
from safeguarding.planning.models import Theme
from safeguarding.search.models import ExternalReview, ThemeMerge
from safeguarding.search.selectors.themes import theme_chain, themes_with_counts


@public
@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "search/theme_list.html", {"themes": themes_with_counts(user=request.user)}
    )


@public
@require_GET
def theme_page(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.visible_to(request.user), slug=slug)
    merge = ThemeMerge.objects.filter(merged=theme).select_related("into").first()
    if merge is not None:
        return redirect("search:theme", slug=merge.into.slug)
    chain = theme_chain(user=request.user, theme=theme)
    return render(request, "search/theme.html", {"theme": theme, "chain": chain})


@public
@require_GET
def external_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = ExternalReview.objects.visible_to(request.user).filter(pk=pk).first()
    if review is None:
        raise Http404
    return render(request, "search/external_review.html", {"review": review})
