"""The data migration that moves the figure imports recorded before (``ImportRun``) onto the
core import job: every past import is kept, with its counts and problems, and its old
address still leads to it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from safeguarding.core.models import ImportJob
from safeguarding.core.roles import Role

BEFORE = [("performance", "0004_opening_reserve_only_first_year")]
AFTER = [("performance", "0006_delete_importrun")]


@pytest.mark.django_db(transaction=True)
def test_past_figure_imports_become_jobs_with_their_results(
    migrations_restored, partnership, make_user, client
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    ImportRun = old.get_model("performance", "ImportRun")
    user = make_user(Role.BUSINESS_UNIT)
    done = ImportRun.objects.create(
        partnership_id=partnership.pk,
        uploaded_by_id=user.pk,
        file="performance/imports/2026/11/figures.csv",
        original_name="figures.csv",
        format="csv",
        skip_invalid=True,
        status="done",
        rows_total=3,
        rows_checked=3,
        created_count=2,
        skipped_count=1,
        problem_count=1,
        errors=[{"line": 3, "column": "value", "reason": "“many” is not a number"}],
        written=True,
    )
    waiting = ImportRun.objects.create(
        partnership_id=partnership.pk,
        file="performance/imports/2026/11/big.csv",
        original_name="big.csv",
        check_only=True,
        status="checking",
        rows_total=100,
        rows_checked=40,
    )
    ImportRun.objects.filter(pk=done.pk).update(created_at="2026-11-02T10:00:00Z")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    moved = ImportJob.objects.get(options__moved_from=done.pk)
    assert (moved.kind, moved.status, moved.uploaded_by_id, moved.original_name) == (
        "performance.figures",
        "done",
        user.pk,
        "figures.csv",
    )
    assert moved.options == {
        "dry_run": False,
        "format": "csv",
        "skip_invalid": True,
        "moved_from": done.pk,
    }
    assert moved.result == {
        "rows": 3,
        "created": 2,
        "updated": 0,
        "skipped": 1,
        "problems": 1,
        "errors": [{"line": 3, "column": "value", "reason": "“many” is not a number"}],
        "written": True,
    }
    assert moved.created_at.isoformat().startswith("2026-11-02T10:00:00")
    assert moved.file.name == "performance/imports/2026/11/figures.csv"
    stopped = ImportJob.objects.get(options__moved_from=waiting.pk)
    assert stopped.status == "failed" and "upload the file again" in stopped.failure
    assert stopped.dry_run and stopped.file  # kept until the core clean-up deletes it

    client.force_login(user)
    page = client.get(reverse("performance:import-progress", args=[done.pk]), follow=True)
    text = " ".join(page.content.decode().split())
    assert page.redirect_chain[-1][0] == f"/imports/{moved.pk}/"
    assert "Imported with problems" in text and "“many” is not a number" in text
