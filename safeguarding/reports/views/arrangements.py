"""The published safeguarding arrangements (public) and the business unit's pages to draft,
change and publish a version."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import public, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.markdown import render_markdown
from safeguarding.reports import selectors, services
from safeguarding.reports.forms import ArrangementsForm
from safeguarding.reports.services.arrangements import EDITABLE


def _rendered(version) -> dict:
    return {
        "version": version,
        "narrative_html": SafeString(render_markdown(version.narrative)),
        "scrutiny_html": SafeString(render_markdown(version.independent_scrutiny)),
        "joint_html": SafeString(render_markdown(version.joint_arrangements)),
    }


@public
@require_GET
def arrangements_public(request: HttpRequest) -> HttpResponse:
    versions = selectors.arrangements_published(partnership=None)
    return render(
        request,
        "reports/arrangements_public.html",
        {"items": [_rendered(v) for v in versions]},
    )


@require_permission("reports.manage_arrangements")
@require_http_methods(["GET", "POST"])
def arrangements_manage(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.staff_partnerships(user=request.user, business_unit=True)
    if request.method == "POST":
        partnership = partnerships.filter(slug=request.POST.get("partnership", "")).first()
        if partnership is None:
            raise Http404("No such partnership")
        try:
            version = services.arrangements_draft(actor=request.user, partnership=partnership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("reports:arrangements-edit", pk=version.pk)
    return render(
        request,
        "reports/arrangements_manage.html",
        {
            "versions": list(selectors.arrangements_list(user=request.user)),
            "partnerships": list(partnerships),
        },
    )


@require_permission("reports.manage_arrangements")
@require_http_methods(["GET", "POST"])
def arrangements_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.arrangements_get(user=request.user, pk=pk)
    if version is None or not request.user.has_perm("reports.manage_arrangements", version):
        raise Http404("No such version")
    form = ArrangementsForm(
        request.POST or None, initial={name: getattr(version, name) for name in EDITABLE}
    )
    if request.method == "POST" and version.published_on is None and form.is_valid():
        try:
            services.arrangements_update(
                actor=request.user, version=version, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The draft arrangements were saved.")
            return redirect("reports:arrangements-edit", pk=version.pk)
    return render(
        request,
        "reports/arrangements_edit.html",
        {**_rendered(version), "form": form},
        status=400 if form.errors else 200,
    )


@require_permission("reports.manage_arrangements")
@require_POST
def arrangements_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.arrangements_get(user=request.user, pk=pk)
    if version is None or not request.user.has_perm("reports.manage_arrangements", version):
        raise Http404("No such version")
    try:
        services.arrangements_publish(actor=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:arrangements-edit", pk=version.pk)
    messages.success(request, f"Version {version.number} of the arrangements is published.")
    return redirect("reports:arrangements-public")
