"""The business unit's onboarding page: upload a file of organisations or people. The file is
checked, confirmed and imported as a core import job, followed on its page ``/imports/<id>/``
(ADR 0033)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.accounts import onboarding, selectors
from safeguarding.accounts.forms import OnboardingImportForm
from safeguarding.core import import_jobs
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors

HOLDS = {
    onboarding.ORGANISATIONS_IMPORT: "Organisations",
    onboarding.PEOPLE_IMPORT: "People",
}


@require_permission("accounts.manage_people")
@require_http_methods(["GET", "POST"])
def onboarding_import(request: HttpRequest) -> HttpResponse:
    form = OnboardingImportForm(
        request.POST or None,
        request.FILES or None,
        partnerships=selectors.partnerships_managed_by(user=request.user),
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = onboarding.onboarding_import_create(
                actor=request.user,
                partnership=form.cleaned_data["partnership"],
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("core:import-job", pk=job.pk)
    return render(
        request,
        "accounts/onboarding_import.html",
        {
            "form": form,
            "recent": import_jobs.import_jobs_recent(
                user=request.user, kinds=onboarding.ONBOARDING_KINDS
            ),
            "holds": HOLDS,
        },
    )


@require_permission("accounts.manage_people")
@require_GET
def onboarding_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An import from before the onboarding imports moved to the core job (its address may
    be bookmarked): the same import's page now."""
    job = import_jobs.import_job_moved(
        user=request.user, kinds=onboarding.ONBOARDING_KINDS, moved_from=pk
    )
    if job is None:
        raise Http404("No such import")
    return redirect("core:import-job", pk=job.pk)
