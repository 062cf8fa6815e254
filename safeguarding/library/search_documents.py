"""What the library makes searchable (registered in ``capabilities.py``, ADR 0026):
resources, policies and procedures, and campaigns — the public ones for everyone, drafts for
the business unit that may see them on the pages."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.searching import Document, Kind
from safeguarding.library.models import Campaign, Procedure, ProcedureVersion, Resource
from safeguarding.library.models.resources import PUBLIC_RESOURCE_STATUSES


def resource_documents(records):
    for resource in records:
        yield Document(
            object_id=resource.pk,
            title=resource.title,
            body=resource.summary,
            url=reverse("library:resource", args=[resource.pk]),
            date=resource.published_on or resource.created_at.date(),
            theme_ids=tuple(t.pk for t in resource.themes.all()),
            partnership_id=resource.partnership_id,
            public=resource.status in PUBLIC_RESOURCE_STATUSES,
            detail=resource.get_kind_display(),
        )


def procedure_documents(records):
    for procedure in records:
        partnerships = list(procedure.partnerships.all())
        # Dated by its latest version's effective date (when it was last reviewed or
        # updated), so a theme page counts it in the year it changed.
        effective = [v.effective_on for v in procedure.versions.all()]
        yield Document(
            object_id=procedure.pk,
            title=procedure.title,
            body=" ".join(filter(None, [procedure.summary, procedure.status_note])),
            url=reverse("library:procedure", args=[procedure.pk]),
            date=max(effective) if effective else procedure.updated_at.date(),
            theme_ids=tuple(t.pk for t in procedure.themes.all()),
            partnership_id=partnerships[0].pk if partnerships else None,
            # A SET-wide procedure is filed under every partnership that shares it.
            joint_partnership_ids=tuple(p.pk for p in partnerships[1:]),
            public=procedure.status != "draft",
            detail=procedure.get_status_display(),
        )


def campaign_documents(records):
    for campaign in records:
        yield Document(
            object_id=campaign.pk,
            title=campaign.name,
            body=campaign.aims,
            url=reverse("library:campaign", args=[campaign.pk]),
            date=campaign.starts_on,
            theme_ids=tuple(t.pk for t in campaign.themes.all()),
            partnership_id=campaign.partnership_id,
            public=True,
            detail=f"{campaign.starts_on:%B %Y} to {campaign.ends_on:%B %Y}",
        )


RESOURCES = Kind(
    key="library.resource",
    label="Resource",
    plural="Resources",
    model=Resource,
    records=lambda: Resource.objects.prefetch_related("themes"),
    documents=resource_documents,
    visible=lambda user: Resource.objects.visible_to(user),
)

PROCEDURES = Kind(
    key="library.procedure",
    label="Policy or procedure",
    plural="Policies and procedures",
    model=Procedure,
    records=lambda: Procedure.objects.prefetch_related("partnerships", "themes", "versions"),
    documents=procedure_documents,
    visible=lambda user: Procedure.objects.visible_to(user),
    depends_on=((ProcedureVersion, "procedure_id"),),
    depends_on_links=((Procedure.partnerships.through, "pk"),),
)

CAMPAIGNS = Kind(
    key="library.campaign",
    label="Campaign",
    plural="Campaigns",
    model=Campaign,
    records=lambda: Campaign.objects.prefetch_related("themes"),
    documents=campaign_documents,
)
