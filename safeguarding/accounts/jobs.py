"""Scheduled jobs for accounts: deleting onboarding files that were checked but never
imported (an imported file is deleted at once)."""

from __future__ import annotations

from datetime import timedelta

from safeguarding.accounts.models import OnboardingImport, OnboardingStatus
from safeguarding.accounts.onboarding import onboarding_import_file_delete
from safeguarding.core.schedule import JobRun, register

FILES_JOB = "accounts.onboarding-files-cleanup"
FILES_KEPT_DAYS = 30


@register(
    FILES_JOB,
    f"Delete organisation and people files checked but not imported within {FILES_KEPT_DAYS} days",
)
def onboarding_files_cleanup(run: JobRun) -> None:
    cutoff = run.now - timedelta(days=FILES_KEPT_DAYS)
    stale = OnboardingImport.objects.filter(
        status__in=[OnboardingStatus.CHECKED, OnboardingStatus.FAILED, OnboardingStatus.DONE],
        updated_at__lt=cutoff,
    ).exclude(file="")
    for onboarding_import in stale:
        onboarding_import_file_delete(job=FILES_JOB, run=onboarding_import)
        run.done += 1
