"""What the performance app makes searchable (registered in ``capabilities.py``, ADR 0026)."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.searching import Document, Kind
from safeguarding.performance.models import Indicator


def indicator_documents(records):
    for indicator in records:
        yield Document(
            object_id=indicator.pk,
            title=indicator.name,
            body=indicator.description,
            url=reverse("performance:indicator-detail", args=[indicator.pk]),
            date=indicator.created_at.date(),
            theme_ids=tuple(t.pk for t in indicator.themes.all()),
            partnership_id=indicator.partnership_id,
            detail=indicator.get_unit_display(),
        )


INDICATORS = Kind(
    key="performance.indicator",
    label="Indicator",
    plural="Indicators",
    model=Indicator,
    records=lambda: Indicator.objects.prefetch_related("themes"),
    documents=indicator_documents,
    visible=lambda user: Indicator.objects.visible_to(user),
)
