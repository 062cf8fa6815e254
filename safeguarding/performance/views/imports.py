"""The business unit's import pages: upload a file (queued as a core import job, whose page
``/imports/<id>/`` shows its progress and result), and manage the saved column mappings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core import import_jobs
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.performance import selectors
from safeguarding.performance.forms import ColumnMappingForm, ImportForm
from safeguarding.performance.scoping import business_unit_partnerships
from safeguarding.performance.services import import_runs as import_services
from safeguarding.performance.services import mappings as mapping_services
from safeguarding.performance.views.common import PAGE_SIZE


def _partnership(request):
    partnership = selectors.partnership_for(
        user=request.user,
        slug=request.GET.get("partnership"),
        default=request.partnership,
        allowed_ids=business_unit_partnerships(request.user),
    )
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


@require_permission("performance.import_indicators")
@require_http_methods(["GET", "POST"])
def import_figures(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_services.figures_import_create(
                actor=request.user,
                partnership=partnership,
                upload=form.cleaned_data["file"],
                file_format=form.cleaned_data["format"],
                check_only=form.cleaned_data["check_only"],
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("core:import-job", pk=job.pk)
    return render(
        request,
        "performance/import.html",
        {
            "form": form,
            "partnership": partnership,
            "recent": import_jobs.import_jobs_recent(
                user=request.user, partnership=partnership, kinds=[import_services.FIGURES_IMPORT]
            ),
        },
    )


@require_permission("performance.import_indicators")
@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """An import from before the imports moved to the core job (its address may be
    bookmarked or in an email): the same import's page now."""
    job = import_jobs.import_job_moved(
        user=request.user, kinds=[import_services.FIGURES_IMPORT], moved_from=pk
    )
    if job is None:
        raise Http404("No such import")
    return redirect("core:import-job", pk=job.pk)


# Saved column mappings ----------------------------------------------------------------------


@require_permission("performance.import_indicators")
@require_GET
def mapping_list(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request)
    mappings = selectors.column_mappings(user=request.user, partnership=partnership)
    page = Paginator(mappings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/mapping_list.html",
        {"page": page, "mappings": page.object_list, "partnership": partnership},
    )


def _visible_mapping(request, pk: int):
    mapping = selectors.column_mapping_get(user=request.user, pk=pk)
    if mapping is None:
        raise Http404("No such mapping")
    return mapping


def _mappings_url(mapping) -> str:
    return f"{reverse('performance:mapping-list')}?partnership={mapping.partnership.slug}"


@require_permission("performance.import_indicators", fn=_visible_mapping)
@require_http_methods(["GET", "POST"])
def mapping_change(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = _visible_mapping(request, pk)
    form = ColumnMappingForm(
        request.POST or None,
        initial={"indicator": mapping.indicator_id},
        indicators=selectors.mapping_indicator_choices(partnership=mapping.partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            mapping_services.column_mapping_update(
                actor=request.user, mapping=mapping, indicator=form.cleaned_data["indicator"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"The column “{mapping.column}” now feeds “{mapping.indicator.name}”.",
            )
            return redirect(_mappings_url(mapping))
    return render(
        request,
        "performance/mapping_form.html",
        {
            "form": form,
            "mapping": mapping,
            "partnership": mapping.partnership,
            "back": _mappings_url(mapping),
        },
    )


@require_permission("performance.import_indicators", fn=_visible_mapping)
@require_http_methods(["GET", "POST"])
def mapping_remove(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = _visible_mapping(request, pk)
    back = _mappings_url(mapping)
    if request.method == "POST":
        mapping_services.column_mapping_remove(actor=request.user, mapping=mapping)
        messages.success(
            request, f"The saved mapping for the column “{mapping.column}” is removed."
        )
        return redirect(back)
    return render(
        request,
        "performance/mapping_remove.html",
        {"mapping": mapping, "partnership": mapping.partnership, "back": back},
    )
