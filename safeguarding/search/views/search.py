"""The search page: one box over everything this person may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguarding.core.access import public
from safeguarding.search.selectors.search import ORDERS, search


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@public
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q")
    order = request.GET.get("order", "relevance")
    if order not in ORDERS:
        order = "relevance"
    outcome = None
    if text is not None:
        outcome = search(
            user=request.user,
            text=text,
            kinds=[k for k in request.GET.getlist("type") if k][:20],
            theme=request.GET.get("theme", "")[:100],
            year=_int(request.GET.get("year")),
            partnership=_int(request.GET.get("partnership")),
            order=order,
            page=request.GET.get("page", 1),
        )
    if outcome is not None:
        for name, facets in outcome.facets.items():
            for facet in facets:
                params = request.GET.copy()
                params.pop("page", None)
                params[name] = facet.value
                facet.href = "?" + params.urlencode()
    return render(
        request,
        "search/search.html",
        {"outcome": outcome, "query": text or "", "order": order, "orders": ORDERS},
    )
