"""Move the onboarding imports recorded in ``OnboardingImport`` onto the core import job (ADR
0033, "Later"): the upload page now queues a ``core.ImportJob`` of the kind
``accounts.organisations`` or ``accounts.people``, so each past import becomes one, with its
counts, problems and skipped rows as the job's result, and the old id kept in
``options["moved_from"]`` (``/people/import/<id>/`` still leads to it).

A file checked and waiting for confirmation stays so: a finished check (a dry run) that keeps
its file, which its new page can still import. An import still waiting or part-way through
cannot be carried on by the new worker task: it is ended as failed, with what to do, keeping
its file until the core housekeeping job deletes it. Running the migration again moves
nothing twice."""

from django.db import migrations

KINDS = {"organisations": "accounts.organisations", "people": "accounts.people"}
MOVED_UNFINISHED = (
    "This import had not finished when the imports of organisations and people moved to the "
    "new import page, and it was stopped. Nothing was imported: upload the file again."
)


def move_onboarding_imports(apps, schema_editor):
    OnboardingImport = apps.get_model("accounts", "OnboardingImport")
    ImportJob = apps.get_model("core", "ImportJob")
    moved = set(
        ImportJob.objects.filter(
            kind__in=KINDS.values(), options__has_key="moved_from"
        ).values_list("options__moved_from", flat=True)
    )
    for run in OnboardingImport.objects.order_by("pk").iterator():
        if run.pk in moved:
            continue
        checked, done = run.status == "checked", run.status == "done"
        finished = checked or done or run.status == "failed"
        job = ImportJob.objects.create(
            partnership_id=run.partnership_id,
            kind=KINDS[run.kind],
            uploaded_by_id=run.uploaded_by_id,
            file=run.file.name or "",
            original_name=run.original_name,
            # A check, or (once confirmed: "import_queued" and after) the import itself.
            options={
                "dry_run": run.status in ("queued", "checking", "checked"),
                "moved_from": run.pk,
            },
            status="done" if checked or done else "failed",
            rows_total=run.rows_total,
            rows_done=run.rows_done,
            result={
                "rows": run.rows_total or 0,
                "created": run.created_count,
                "updated": run.updated_count,
                "skipped": run.skipped_count,
                "unchanged": run.unchanged_count,
                "problems": len(run.errors),
                "errors": run.errors,
                "skips": run.skips,
                "written": done,
                "notes": [],
            }
            if checked or done
            else {},
            failure=run.failure if finished else MOVED_UNFINISHED,
            # A check had no end time of its own: it ended when it was last saved.
            finished_at=run.finished_at or run.updated_at,
        )
        # created_at and updated_at are set on create: keep the import's own.
        ImportJob.objects.filter(pk=job.pk).update(
            created_at=run.created_at, updated_at=run.updated_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_alter_roleassignment_role"),
        ("core", "0010_import_job_result_shown_at"),
    ]

    operations = [migrations.RunPython(move_onboarding_imports, migrations.RunPython.noop)]
