"""Move the figure imports recorded in ``ImportRun`` onto the core import job (ADR 0033,
"Later"): the upload page now queues a ``core.ImportJob`` of the kind ``performance.figures``,
so each past import becomes one, with its counts and problems as the job's result, and the
old id kept in ``options["moved_from"]`` (``/performance/import/<id>/`` still leads to it).

An import still waiting or part-way through cannot be carried on by the new worker task: it
is ended as failed, with what to do, keeping its file until the core housekeeping job
deletes it. Running the migration again moves nothing twice."""

from django.db import migrations

KIND = "performance.figures"
MOVED_UNFINISHED = (
    "This import had not finished when the figure imports moved to the new import page, and "
    "it was stopped. Nothing was imported: upload the file again."
)


def move_import_runs(apps, schema_editor):
    ImportRun = apps.get_model("performance", "ImportRun")
    ImportJob = apps.get_model("core", "ImportJob")
    moved = set(
        ImportJob.objects.filter(kind=KIND, options__has_key="moved_from").values_list(
            "options__moved_from", flat=True
        )
    )
    for run in ImportRun.objects.order_by("pk").iterator():
        if run.pk in moved:
            continue
        finished = run.status in ("done", "failed")
        job = ImportJob.objects.create(
            partnership_id=run.partnership_id,
            kind=KIND,
            uploaded_by_id=run.uploaded_by_id,
            file=run.file.name or "",
            original_name=run.original_name,
            options={
                "dry_run": run.check_only,
                "format": run.format,
                "skip_invalid": run.skip_invalid,
                "moved_from": run.pk,
            },
            status=run.status if finished else "failed",
            rows_total=run.rows_total,
            rows_done=run.rows_checked,
            result={
                "rows": run.rows_total or 0,
                "created": run.created_count,
                "updated": run.updated_count,
                "skipped": run.skipped_count,
                "problems": run.problem_count,
                "errors": run.errors,
                "written": run.written,
            }
            if run.status == "done"
            else {},
            failure=run.failure if finished else MOVED_UNFINISHED,
            finished_at=run.finished_at if finished else run.updated_at,
        )
        # created_at and updated_at are set on create: keep the import's own.
        ImportJob.objects.filter(pk=job.pk).update(
            created_at=run.created_at, updated_at=run.updated_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_import_job_result_shown_at"),
        ("performance", "0004_opening_reserve_only_first_year"),
    ]

    operations = [migrations.RunPython(move_import_runs, migrations.RunPython.noop)]
