"""The library's demo data: what a newcomer sees after `make run`."""

from __future__ import annotations

from django.db.models import Sum

from safeguarding.library.models import (
    Campaign,
    Procedure,
    ProcedureStatus,
    Resource,
    ResourceUsage,
    YouSaidWeDid,
    YouthVoiceActivity,
)
from safeguarding.library.selectors.campaigns import people_reached


def test_demo_has_resources_with_usage_set_procedures_campaigns_and_voice():
    assert Resource.objects.count() == 9
    usage = ResourceUsage.objects.aggregate(views=Sum("views"), plays=Sum("plays"))
    assert usage["views"] == 1140
    assert Procedure.objects.filter(status=ProcedureStatus.UNDER_REVIEW).count() == 1
    bruising = Procedure.objects.get(title__startswith="SET bruising")
    assert {p.slug for p in bruising.partnerships.all()} == {"essex", "southend", "thurrock"}
    assert Campaign.objects.count() == 3
    assert people_reached(Campaign.objects.get(name="Safer sleep campaign")) == 450_000
    assert YouthVoiceActivity.objects.exists()
    assert YouSaidWeDid.objects.filter(is_published=True).count() == 4  # one from the survey
