"""The lock on a contribution campaign once a yearly report froze its answers (ADR 0032).

Kept apart from ``contributions`` so the return, moderation and campaign services can ask
without importing the services that start a contribution campaign."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from safeguarding.assurance.models import ContributionCampaign


def contribution_lock_reason(*, campaign_id: int) -> str | None:
    """Why the returns of this campaign can no longer change, or None."""
    lock = (
        ContributionCampaign.objects.filter(campaign_id=campaign_id, locked_at__isnull=False)
        .only("locked_reason")
        .first()
    )
    return lock.locked_reason if lock is not None else None


def contribution_lock_check(*, campaign_id: int) -> None:
    """Refuse a change to a contribution the yearly report has frozen, with the reason."""
    reason = contribution_lock_reason(campaign_id=campaign_id)
    if reason:
        raise ValidationError(reason)
