"""The data migration that moves the onboarding imports recorded before
(``OnboardingImport``) onto the core import job: every past import is kept with its counts,
problems and skipped rows; a check waiting for confirmation can still be confirmed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from safeguarding.core.models import ImportJob
from safeguarding.core.roles import Role

BEFORE = [("accounts", "0006_alter_roleassignment_role")]
AFTER = [("accounts", "0008_delete_onboardingimport")]


@pytest.mark.django_db(transaction=True)
def test_past_onboarding_imports_become_jobs_and_a_waiting_check_can_be_confirmed(
    migrations_restored, partnership, make_user, client
):
    user = make_user(Role.BUSINESS_UNIT)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OnboardingImport = old.get_model("accounts", "OnboardingImport")
    imported = OnboardingImport.objects.create(
        partnership_id=partnership.pk,
        kind="organisations",
        uploaded_by_id=user.pk,
        original_name="schools.csv",
        status="done",
        rows_total=4,
        rows_done=4,
        created_count=3,
        skipped_count=1,
        skips=[{"row": 5, "reason": "closed"}],
    )
    checked = OnboardingImport.objects.create(
        partnership_id=partnership.pk,
        kind="people",
        uploaded_by_id=user.pk,
        file="accounts/imports/2026/11/people.csv",
        original_name="people.csv",
        status="checked",
        rows_total=2,
        rows_done=2,
        created_count=2,
    )
    importing = OnboardingImport.objects.create(
        partnership_id=partnership.pk,
        kind="people",
        original_name="more.csv",
        status="importing",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    done = ImportJob.objects.get(options__moved_from=imported.pk)
    assert (done.kind, done.status, done.dry_run) == ("accounts.organisations", "done", False)
    assert done.result["created"] == 3 and done.result["written"] is True
    assert done.result["skips"] == [{"row": 5, "reason": "closed"}]
    check = ImportJob.objects.get(options__moved_from=checked.pk)
    assert (check.kind, check.status, check.dry_run) == ("accounts.people", "done", True)
    assert check.file.name == "accounts/imports/2026/11/people.csv"
    stopped = ImportJob.objects.get(options__moved_from=importing.pk)
    assert stopped.status == "failed" and "upload the file again" in stopped.failure

    client.force_login(user)
    page = client.get(f"/people/import/{checked.pk}/", follow=True)
    text = " ".join(page.content.decode().split())
    assert page.redirect_chain[-1][0] == f"/imports/{check.pk}/"
    assert "Checked: waiting for you to confirm" in text and "Confirm and import" in text
