"""The business unit's onboarding pages: upload a file of organisations or people, see the
check (every problem by row), confirm, and follow the import in the background."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.accounts import onboarding, selectors
from safeguarding.accounts.forms import OnboardingImportForm
from safeguarding.accounts.models import Partnership
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role

STALLED_AFTER = timedelta(minutes=10)


@require_permission("accounts.manage_people")
@require_http_methods(["GET", "POST"])
def onboarding_import(request: HttpRequest) -> HttpResponse:
    partnerships = Partnership.objects.filter(
        pk__in=partnerships_where(request.user, [Role.BUSINESS_UNIT])
    ).order_by("name")
    form = OnboardingImportForm(
        request.POST or None,
        request.FILES or None,
        partnerships=partnerships,
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            run = onboarding.onboarding_import_create(
                actor=request.user,
                partnership=form.cleaned_data["partnership"],
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("accounts:onboarding-import-detail", pk=run.pk)
    return render(
        request,
        "accounts/onboarding_import.html",
        {"form": form, "recent": selectors.onboarding_imports_recent(user=request.user)},
    )


def _visible_run(request, pk: int):
    run = selectors.onboarding_import_get(user=request.user, pk=pk)
    if run is None:
        raise Http404("No such import")
    return run


def _stalled(run) -> bool:
    return run.is_running and timezone.now() - run.updated_at > STALLED_AFTER


@require_permission("accounts.manage_people", fn=_visible_run)
@require_GET
def onboarding_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    return render(
        request,
        "accounts/onboarding_import_detail.html",
        {"run": run, "stalled": _stalled(run)},
    )


@require_permission("accounts.manage_people", fn=_visible_run)
@require_POST
def onboarding_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    try:
        onboarding.onboarding_import_confirm(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:onboarding-import-detail", pk=run.pk)


@require_permission("accounts.manage_people", fn=_visible_run)
@require_GET
def onboarding_import_progress_json(request: HttpRequest, pk: int) -> JsonResponse:
    run = _visible_run(request, pk)
    response = JsonResponse(
        {
            "status": run.status,
            "status_label": run.get_status_display(),
            "finished": not run.is_running,
            "stalled": _stalled(run),
            "rows_total": run.rows_total,
            "rows_done": run.rows_done,
            "percent": run.percent,
            "progress_text": run.progress_text,
            "url": reverse("accounts:onboarding-import-detail", args=[run.pk]),
        }
    )
    response["Cache-Control"] = "no-store"
    return response
