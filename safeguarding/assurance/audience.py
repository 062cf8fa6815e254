"""Who a campaign is sent to: a filter over the partnerships' organisations.

Presets follow practice: every school (the Section 175/157 audit), every statutory partner
and relevant agency (Section 11), or everyone; then narrowed by type, school phase, school
type, locality and trust. The filter is kept on the campaign as JSON so the audience can be
explained later ("All schools in North and Mid").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.db.models import Q, QuerySet

from safeguarding.accounts.models import (
    Agency,
    AgencyType,
    Locality,
    SchoolPhase,
    SchoolType,
)

PRESETS = {
    "schools": "All schools and colleges",
    "agencies": "All statutory partners and relevant agencies",
    "everyone": "Every organisation",
}


@dataclass(frozen=True)
class Audience:
    preset: str = "schools"
    types: tuple[str, ...] = field(default_factory=tuple)
    phases: tuple[str, ...] = field(default_factory=tuple)
    school_types: tuple[str, ...] = field(default_factory=tuple)
    localities: tuple[int, ...] = field(default_factory=tuple)
    trusts: tuple[int, ...] = field(default_factory=tuple)

    def as_json(self) -> dict:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }

    @classmethod
    def from_json(cls, data: dict | None) -> Audience:
        data = data or {}
        return cls(
            preset=data.get("preset", "schools"),
            types=tuple(data.get("types", ())),
            phases=tuple(data.get("phases", ())),
            school_types=tuple(data.get("school_types", ())),
            localities=tuple(int(v) for v in data.get("localities", ())),
            trusts=tuple(int(v) for v in data.get("trusts", ())),
        )

    def describe(self) -> str:
        parts = [PRESETS.get(self.preset, "Chosen organisations")]
        labels = [
            (self.types, dict(AgencyType.choices)),
            (self.phases, dict(SchoolPhase.choices)),
            (self.school_types, dict(SchoolType.choices)),
        ]
        for values, names in labels:
            if values:
                parts.append(", ".join(names.get(v, v) for v in values))
        if self.localities:
            names = Locality.objects.filter(pk__in=self.localities).values_list("name", flat=True)
            parts.append("in " + ", ".join(sorted(set(names))))
        if self.trusts:
            names = Agency.objects.filter(pk__in=self.trusts).values_list("name", flat=True)
            parts.append("in " + ", ".join(sorted(names)))
        return "; ".join(parts)[:500]


def audience_agencies(*, partnership_ids, audience: Audience) -> QuerySet[Agency]:
    """The organisations of these partnerships that the filter chooses."""
    agencies = Agency.objects.filter(
        pk__in=Agency.partnerships.through.objects.filter(
            partnership_id__in=list(partnership_ids)
        ).values("agency_id")
    )
    if audience.preset == "schools":
        agencies = agencies.filter(type=AgencyType.SCHOOL)
    elif audience.preset == "agencies":
        agencies = agencies.exclude(
            Q(type=AgencyType.SCHOOL) | Q(type=AgencyType.MULTI_ACADEMY_TRUST)
        )
    if audience.types:
        agencies = agencies.filter(type__in=audience.types)
    if audience.phases:
        agencies = agencies.filter(school_phase__in=audience.phases)
    if audience.school_types:
        agencies = agencies.filter(school_type__in=audience.school_types)
    if audience.localities:
        agencies = agencies.filter(locality_id__in=audience.localities)
    if audience.trusts:
        agencies = agencies.filter(parent_id__in=audience.trusts)
    return agencies.order_by("name")
