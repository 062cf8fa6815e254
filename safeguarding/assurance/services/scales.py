"""Writes for a draft version's rating scales typed in by the business unit: any number of
levels, with or without 0, a maturity continuum with descriptors, or a yes/no checklist
(see ``safeguarding.assurance.scales`` for how a scale is written)."""

from __future__ import annotations

from django.db import transaction

from safeguarding.assurance import workflow
from safeguarding.assurance.models import RatingScale, ScaleKind, TemplateKind, TemplateVersion
from safeguarding.assurance.scales import parse_scale
from safeguarding.assurance.services.common import required
from safeguarding.assurance.services.question_sets import _scale_for
from safeguarding.core.audit import audit_record

SCALE_EVENT = "assurance.rating_scale.save"


@transaction.atomic
def rating_scale_save(*, actor, version: TemplateVersion, name: str, levels: str) -> RatingScale:
    """Add a scale to a draft version, or replace the levels of its scale of that name (a
    draft has no answers yet). Questions then choose it in the standard's form."""
    version = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    workflow.VERSIONS.check(version.status, "edit")
    name = (name or "").strip()[:100]
    spec = parse_scale(levels, name=name or "Rating scale")
    if spec["name"] != name:  # a preset keeps its own name unless one is given
        spec = {**spec, "name": name or spec["name"]}
    required(spec["name"], "name", "Enter a name for the scale.")
    if version.template.kind == TemplateKind.SURVEY and spec["kind"] == ScaleKind.SCORE:
        # In a survey a typed scale is a list of answers, shown by its words alone.
        spec = {**spec, "kind": ScaleKind.OPTIONS}
    scale, changed = _scale_for(version, spec)
    if changed:
        audit_record(
            actor=actor,
            event=SCALE_EVENT,
            target=version,
            after={
                "scale": scale.name,
                "kind": scale.kind,
                "levels": [f"{v} {label}" for v, label, *_ in spec["levels"]],
            },
        )
    return scale
