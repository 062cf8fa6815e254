"""The business unit's pages: the usage report and importing a document register."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.audit import audit_record
from safeguarding.core.forms import add_service_errors
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.core.tables import TableProblem, read_table_bytes
from safeguarding.library.audit_events import USAGE_REPORT_VIEW
from safeguarding.library.forms import (
    ProcedureStatusForm,
    ProcedureVersionForm,
    RegisterImportForm,
    UsagePeriodForm,
)
from safeguarding.library.selectors import procedures as procedure_selectors
from safeguarding.library.selectors.resources import managed_partnership, usage_report
from safeguarding.library.services.importing import ImportRefused, resources_import
from safeguarding.library.services.procedures import procedure_status_change, procedure_version_add


@require_permission("library.view_usage")
@require_GET
def usage(request: HttpRequest) -> HttpResponse:
    start, end = UsagePeriodForm.default_period(timezone.localdate())
    form = UsagePeriodForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    own = partnerships_where(request.user, [Role.BUSINESS_UNIT])
    report = usage_report(partnerships=own, start=start, end=end)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            event=USAGE_REPORT_VIEW,
            after={"start": start, "end": end},
            partnerships=own,
        )
    return render(request, "library/usage.html", {"form": form, "report": report})


@require_permission("library.manage_library")
@require_http_methods(["GET", "POST"])
def resource_import(request: HttpRequest) -> HttpResponse:
    partnership = managed_partnership(user=request.user, site=request.partnership or None)
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    result = None
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            table = read_table_bytes(upload.read(), upload.name)
            result = resources_import(
                partnership=partnership, table=table, actor=request.user, dry_run=dry_run
            )
        except TableProblem as problem:
            form.add_error("file", str(problem))
        except ImportRefused as refused:
            errors = refused.result.errors
            form.add_error(
                "file",
                f"The register was not imported: {len(errors)} problem"
                f"{'s' if len(errors) != 1 else ''} to fix (listed below). Nothing was written.",
            )
        else:
            if not dry_run:
                flash.success(
                    request,
                    f"Register imported: {result.created} created, {result.updated} updated, "
                    f"{result.skipped} unchanged.",
                )
                return redirect("library:resource-list")
    return render(
        request,
        "library/resource_import.html",
        {"form": form, "result": result, "errors": errors, "partnership": partnership},
    )


def _procedure(request, pk: int):
    procedure = procedure_selectors.procedure_get(user=request.user, pk=pk)
    if procedure is None:
        raise Http404("No such procedure")
    return procedure


@require_permission("library.manage_library", fn=_procedure)
@require_http_methods(["GET", "POST"])
def procedure_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The business unit marks a document under review or withdrawn, or records a version."""
    procedure = _procedure(request, pk)
    action = request.POST.get("action", "")
    status_form = ProcedureStatusForm(
        request.POST if action == "status" else None, initial={"status": procedure.status}
    )
    version_form = ProcedureVersionForm(request.POST if action == "version" else None)
    form = {"status": status_form, "version": version_form}.get(action)
    if form is not None and form.is_valid():
        try:
            if action == "status":
                procedure_status_change(
                    actor=request.user,
                    procedure=procedure,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
                flash.success(
                    request, f"{procedure.title} is now {procedure.get_status_display().lower()}."
                )
            else:
                version = procedure_version_add(
                    actor=request.user, procedure=procedure, **form.cleaned_data
                )
                flash.success(
                    request, f"Version {version.version} recorded: it is now the current version."
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("library:procedure", pk=procedure.pk)
    return render(
        request,
        "library/procedure_manage.html",
        {"procedure": procedure, "status_form": status_form, "version_form": version_form},
    )
