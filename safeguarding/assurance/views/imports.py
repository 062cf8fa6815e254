"""Import pages: a question set into a draft template, and organisations' past returns into a
campaign's previous cycle. Each is a preview (a dry run showing what would be made, row by
row, or what is wrong) and then a confirmation that imports exactly the previewed file; both
run on the background worker, followed on the job's page (``core.import_jobs``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguarding.assurance.forms import (
    PastReturnsImportForm,
    QuestionSetImportForm,
    RatingScaleForm,
)
from safeguarding.assurance.selectors import templates as template_selectors
from safeguarding.assurance.services.past_returns import PAST_RETURNS_IMPORT
from safeguarding.assurance.services.question_sets import (
    QUESTION_SET_IMPORT,
    question_set_options_check,
)
from safeguarding.assurance.services.scales import rating_scale_save
from safeguarding.assurance.views.common import campaign_of, version_of
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.import_jobs import import_job_create


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def question_set_import_page(request: HttpRequest) -> HttpResponse:
    """Upload a question set: the worker checks it (a dry run, row by row) and its page
    offers to import exactly that file into the draft (``core:import-job``, ADR 0033)."""
    form = QuestionSetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        partnership = template_selectors.import_partnership_for(user=request.user)
        if partnership is None:
            raise PermissionDenied
        data = form.cleaned_data
        try:
            question_set_options_check(
                kind=data["kind"], scale=data["scale"], extra_fields=data["extra_fields"]
            )
            job = import_job_create(
                actor=request.user,
                partnership=partnership,
                kind=QUESTION_SET_IMPORT,
                content=data["content"],
                name=data.get("filename") or "question-set",
                options={
                    "dry_run": True,
                    "name": data["name"],
                    "kind": data["kind"],
                    "scale": data["scale"],
                    "extra_fields": data["extra_fields"],
                },
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("core:import-job", pk=job.pk)
    return render(request, "assurance/imports/question_set.html", {"form": form})


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_http_methods(["GET", "POST"])
def past_returns_import_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload organisations' past returns: the worker checks them (a dry run, row by row)
    and its page offers to import exactly that file (``core:import-job``, ADR 0033)."""
    campaign = campaign_of(request, pk)
    form = PastReturnsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = import_job_create(
            actor=request.user,
            partnership=campaign.partnership,
            kind=PAST_RETURNS_IMPORT,
            content=data["content"],
            name=data.get("filename") or "past-returns",
            options={"dry_run": True, "campaign": campaign.pk},
        )
        return redirect("core:import-job", pk=job.pk)
    return render(
        request, "assurance/imports/past_returns.html", {"form": form, "campaign": campaign}
    )


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def rating_scale_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a scale (any levels, a maturity continuum, a yes/no checklist) to a draft."""
    version = version_of(request, pk)
    form = RatingScaleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scale = rating_scale_save(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict") and "scale" in error.error_dict:
                error = ValidationError({"levels": error.error_dict["scale"]})
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"The scale “{scale.name}” is ready: choose it for a standard."
            )
            return redirect("assurance:version-detail", pk=version.pk)
    return render(
        request, "assurance/templates/scale_form.html", {"form": form, "version": version}
    )
