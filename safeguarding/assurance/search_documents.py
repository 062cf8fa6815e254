"""What the assurance app makes searchable (registered in ``capabilities.py``, ADR 0026)."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.assurance.models import Campaign
from safeguarding.core.searching import Document, Kind


def campaign_documents(records):
    for campaign in records:
        yield Document(
            object_id=campaign.pk,
            title=campaign.title,
            body=campaign.description,
            url=reverse("assurance:campaign-detail", args=[campaign.pk]),
            date=campaign.closes_on,
            theme_ids=tuple(t.pk for t in campaign.themes.all()),
            partnership_id=campaign.partnership_id,
            detail=campaign.get_status_display(),
        )


CAMPAIGNS = Kind(
    key="assurance.campaign",
    label="Audit",
    plural="Audits and their results",
    model=Campaign,
    records=lambda: Campaign.objects.prefetch_related("themes"),
    documents=campaign_documents,
    visible=lambda user: Campaign.objects.visible_to(user),
)
