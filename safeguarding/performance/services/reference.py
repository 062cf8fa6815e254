"""Areas and periods: the reference data every figure points at.

Areas come from official statistics (England, regions and local authorities with their
ONS and DfE codes) and from the partnership itself (its own area and its localities).
Periods are made on first use from their type and dates.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q
from django.utils.text import slugify

from safeguarding.accounts.models import Partnership
from safeguarding.performance.importing.layouts import AreaRef
from safeguarding.performance.models import Area, AreaKind, Period
from safeguarding.performance.periods import PeriodSpec


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:90] or "area"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


class AreaBook:
    """Finds and (for official geography) creates areas, reading the table once.

    With ``dry_ids`` (a source of negative numbers) nothing is written: a new area is kept
    in memory under a stand-in id, so a file can be checked without a write transaction.
    """

    def __init__(self, dry_ids: Iterator[int] | None = None) -> None:
        self.dry_ids = dry_ids
        self.by_code: dict[str, Area] = {}
        self.by_la_code: dict[str, Area] = {}
        self.by_slug: dict[str, Area] = {}
        self.by_name: dict[tuple[str, str], Area] = {}
        self.by_locality: dict[int, Area] = {}
        for area in Area.objects.all():
            self._remember(area)

    def _remember(self, area: Area) -> None:
        if area.code:
            self.by_code[area.code.upper()] = area
        if area.la_code:
            self.by_la_code[area.la_code] = area
        self.by_slug[area.slug] = area
        if area.locality_id:
            self.by_locality[area.locality_id] = area
        self.by_name.setdefault((area.kind, area.name.lower()), area)

    def _create(self, **fields) -> Area:
        area = Area(slug=_unique_slug(fields["name"], set(self.by_slug)), **fields)
        if self.dry_ids is not None:
            # The parent may be a stand-in too, which a database check would not find.
            area.full_clean(exclude=["parent"])
            area.pk = next(self.dry_ids)
        else:
            area.full_clean()
            area.save()
        self._remember(area)
        return area

    def official(self, ref: AreaRef) -> Area:
        """The area an official statistics row is about, created if new."""
        area = None
        if ref.code:
            area = self.by_code.get(ref.code.upper())
        if area is None and ref.la_code:
            area = self.by_la_code.get(ref.la_code)
        if area is None:
            area = self.by_name.get((ref.kind, ref.name.lower()))
        parent = self.official(ref.parent) if ref.parent is not None else None
        if area is None:
            return self._create(
                kind=ref.kind, name=ref.name, code=ref.code, la_code=ref.la_code, parent=parent
            )
        changed = []
        if ref.code and not area.code:
            area.code = ref.code
            changed.append("code")
        if ref.la_code and not area.la_code:
            area.la_code = ref.la_code
            changed.append("la_code")
        if parent is not None and area.parent_id is None and parent.pk != area.pk:
            area.parent = parent
            changed.append("parent")
        if changed and self.dry_ids is None:
            area.save(update_fields=changed)
            self._remember(area)
        return area

    def named(self, text: str, partnership: Partnership) -> Area | None:
        """The area a person's file names: slug, ONS code, DfE number or name; the
        partnership's own area and localities are made on first use."""
        raw = text.strip()
        lower = raw.lower()
        found = self.by_slug.get(lower) or self.by_code.get(raw.upper()) or self.by_la_code.get(raw)
        if found:
            return found
        for kind in (AreaKind.LOCAL_AUTHORITY, AreaKind.NATIONAL, AreaKind.REGIONAL):
            found = self.by_name.get((kind, lower))
            if found:
                return found
        locality = partnership.localities.filter(name__iexact=raw).first()
        if locality is not None:
            existing = (
                self.by_locality.get(locality.pk) or Area.objects.filter(locality=locality).first()
            )
            if existing:
                return existing
            return self._create(
                kind=AreaKind.LOCALITY,
                name=f"{partnership.area} {locality.name}".strip(),
                locality=locality,
                parent=self.home(partnership),
            )
        if lower == partnership.area.strip().lower():
            return self.home(partnership)
        return None

    def home(self, partnership: Partnership) -> Area:
        """The local authority area a partnership covers (made if no statistics name it)."""
        found = self.by_name.get((AreaKind.LOCAL_AUTHORITY, partnership.area.strip().lower()))
        if found:
            return found
        return self._create(kind=AreaKind.LOCAL_AUTHORITY, name=partnership.area.strip())


def home_area(partnership: Partnership) -> Area | None:
    return (
        Area.objects.filter(kind=AreaKind.LOCAL_AUTHORITY, name__iexact=partnership.area.strip())
        .order_by("pk")
        .first()
    )


def home_area_ensure(partnership: Partnership) -> Area:
    return home_area(partnership) or AreaBook().home(partnership)


class PeriodBook:
    """Finds periods, making them on first use (in memory only with ``dry_ids``)."""

    def __init__(self, dry_ids: Iterator[int] | None = None) -> None:
        self.dry_ids = dry_ids
        self.by_code: dict[str, Period] = {}

    def get(self, spec: PeriodSpec) -> Period:
        code = spec.code
        period = self.by_code.get(code)
        if period is None and self.dry_ids is not None:
            period = Period.objects.filter(code=code).first() or Period(
                pk=next(self.dry_ids),
                code=code,
                type=spec.type,
                start=spec.start,
                end=spec.end,
                year=spec.year,
            )
            self.by_code[code] = period
        elif period is None:
            period, _ = Period.objects.get_or_create(
                code=code,
                defaults={
                    "type": spec.type,
                    "start": spec.start,
                    "end": spec.end,
                    "year": spec.year,
                },
            )
            self.by_code[code] = period
        return period


def period_for(spec: PeriodSpec) -> Period:
    return PeriodBook().get(spec)


def areas_matching(text: str):
    """Areas whose slug or code is ``text`` (for filters)."""
    return Area.objects.filter(Q(slug=text) | Q(code__iexact=text) | Q(la_code=text))
