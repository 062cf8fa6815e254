"""Theme management for the business unit: merging two themes without losing tags."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.search.forms import ThemeMergeForm
from safeguarding.search.services.themes import theme_merge


@require_permission("governance.manage_themes")
@require_http_methods(["GET", "POST"])
def theme_merge_page(request: HttpRequest) -> HttpResponse:
    form = ThemeMergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        merged, into = form.cleaned_data["merged"], form.cleaned_data["into"]
        try:
            moved = theme_merge(actor=request.user, merged=merged, into=into)
        except ValidationError as error:
            form.add_error("into", error.messages[0])
        else:
            messages.success(
                request, f"“{merged.name}” was merged into “{into.name}”: {moved} records moved."
            )
            return redirect("search:theme", slug=into.slug)
    return render(request, "search/theme_merge.html", {"form": form})
