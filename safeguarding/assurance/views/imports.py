"""Import pages: a question set into a draft template, and organisations' past returns into a
campaign's previous cycle. Each is a preview (a dry run showing what would be made, row by
row, or what is wrong) and then a confirmation that imports exactly the previewed file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguarding.assurance.forms import (
    PastReturnsImportForm,
    QuestionSetImportForm,
    RatingScaleForm,
)
from safeguarding.assurance.selectors import templates as template_selectors
from safeguarding.assurance.services.past_returns import past_returns_import
from safeguarding.assurance.services.question_sets import question_set_import
from safeguarding.assurance.services.scales import rating_scale_save
from safeguarding.assurance.views.common import campaign_of, version_of
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors


def _confirming(request: HttpRequest) -> bool:
    return request.POST.get("step") == "confirm"


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def question_set_import_page(request: HttpRequest) -> HttpResponse:
    form = QuestionSetImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        partnership = template_selectors.import_partnership_for(user=request.user)
        data = form.cleaned_data
        try:
            summary = question_set_import(
                actor=request.user,
                partnership=partnership,
                content=data["content"],
                filename=data.get("filename") or "",
                name=data["name"],
                kind=data["kind"],
                scale=data["scale"],
                extra_fields=data["extra_fields"],
                dry_run=not _confirming(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if summary["written"]:
                messages.success(
                    request,
                    f"Imported into “{summary['template']}”, draft version {summary['version']}: "
                    f"{summary['created']} created, {summary['updated']} updated, "
                    f"{summary['skipped']} unchanged. Check it, then publish it.",
                )
                return redirect("assurance:version-detail", pk=summary["version_id"])
            if _confirming(request) and not summary["errors"]:
                messages.info(request, "Nothing changed: the template already has these questions.")
    hidden = form.carry() if summary is not None and not summary["errors"] else {}
    return render(
        request,
        "assurance/imports/question_set.html",
        {"form": form, "summary": summary, "hidden": hidden},
    )


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_http_methods(["GET", "POST"])
def past_returns_import_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    form = PastReturnsImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            summary = past_returns_import(
                actor=request.user,
                campaign=campaign,
                content=data["content"],
                filename=data.get("filename") or "",
                dry_run=not _confirming(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if summary["written"]:
                messages.success(
                    request,
                    f"Imported the previous cycle's answers of {summary['organisations']} "
                    f"organisations: {summary['created']} created, {summary['updated']} "
                    f"updated, {summary['skipped']} unchanged.",
                )
                return redirect("assurance:campaign-detail", pk=campaign.pk)
            if _confirming(request) and not summary["errors"]:
                messages.info(request, "Nothing changed: these answers were already imported.")
    hidden = form.carry() if summary is not None and not summary["errors"] else {}
    return render(
        request,
        "assurance/imports/past_returns.html",
        {"form": form, "summary": summary, "hidden": hidden, "campaign": campaign},
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
