"""Derived indicators are computed, never typed: after any change to the figures they use,
their values are worked out again for every area and period where all inputs exist."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from safeguarding.performance import formulas
from safeguarding.performance.models import NO_FIGURE_FLAGS, Flag, Indicator, IndicatorValue, Origin

# When inputs carry several flags, the result carries the most serious one.
FIGURE_FLAG_ORDER = [Flag.INCOMPLETE, Flag.ESTIMATED, Flag.PROVISIONAL, Flag.REVISED]
PLACES = Decimal("0.0001")


def _affected(derived: dict[str, Indicator], changed_keys: set[str] | None) -> list[Indicator]:
    """Derived indicators that use a changed indicator, directly or through others."""
    order = formulas.dependency_order({k: i.formula for k, i in derived.items()})
    if changed_keys is None:
        return [derived[k] for k in order]
    hit = set(changed_keys)
    chosen = []
    for key in order:
        if key in hit or set(formulas.references(derived[key].formula)) & hit:
            hit.add(key)
            chosen.append(derived[key])
    return chosen


def _combine(inputs: list[tuple[Decimal | None, str]]) -> tuple[bool, str]:
    """(all figures present, flag for the result)."""
    for _, flag in inputs:
        if flag in NO_FIGURE_FLAGS:
            return False, flag
    for flag in FIGURE_FLAG_ORDER:
        if any(f == flag for _, f in inputs):
            return True, flag
    return True, ""


def derived_values_refresh(*, partnership_id: int, changed_indicator_ids=None) -> int:
    """Recompute the derived indicators that depend on the changed ones (all when None).

    Answers how many derived figures were created, changed or removed. Called by the
    services that change figures, inside their transaction.
    """
    derived = {
        i.key: i
        for i in Indicator.objects.filter(partnership_id=partnership_id).exclude(formula="")
    }
    if not derived:
        return 0
    changed_keys = None
    if changed_indicator_ids is not None:
        changed_keys = set(
            Indicator.objects.filter(pk__in=list(changed_indicator_ids)).values_list(
                "key", flat=True
            )
        )
        if not changed_keys:
            return 0
    touched = 0
    for indicator in _affected(derived, changed_keys):
        touched += _recompute(indicator)
    return touched


def _recompute(indicator: Indicator) -> int:
    keys = formulas.references(indicator.formula)
    inputs = dict(
        Indicator.objects.filter(partnership_id=indicator.partnership_id, key__in=keys).values_list(
            "pk", "key"
        )
    )
    if len(inputs) < len(keys):
        computed: dict[tuple[int, int], tuple[Decimal | None, str, str]] = {}
    else:
        grouped: dict[tuple[int, int], dict[str, tuple[Decimal | None, str]]] = {}
        for indicator_id, area_id, period_id, value, flag in IndicatorValue.objects.filter(
            indicator_id__in=list(inputs)
        ).values_list("indicator_id", "area_id", "period_id", "value", "flag"):
            grouped.setdefault((area_id, period_id), {})[inputs[indicator_id]] = (value, flag)
        computed = {}
        for place, found in grouped.items():
            if len(found) < len(keys):
                continue
            complete, flag = _combine(list(found.values()))
            if not complete:
                computed[place] = (None, flag, "An input figure is not available.")
                continue
            result = formulas.evaluate(indicator.formula, {k: v[0] for k, v in found.items()})
            if result is None:
                computed[place] = (None, Flag.NOT_APPLICABLE, "Not computed: division by zero.")
            else:
                computed[place] = (result.quantize(PLACES), flag, "")
    existing = {
        (v.area_id, v.period_id): v for v in IndicatorValue.objects.filter(indicator=indicator)
    }
    now = timezone.now()
    new, changed = [], []
    for place, (value, flag, note) in computed.items():
        current = existing.pop(place, None)
        if current is None:
            new.append(
                IndicatorValue(
                    indicator=indicator,
                    area_id=place[0],
                    period_id=place[1],
                    value=value,
                    flag=flag,
                    note=note,
                    origin=Origin.DERIVED,
                )
            )
        elif (current.value, current.flag, current.note) != (value, flag, note):
            current.value, current.flag, current.note = value, flag, note
            current.origin = Origin.DERIVED
            current.updated_at = now
            changed.append(current)
    IndicatorValue.objects.bulk_create(new, batch_size=1000)
    IndicatorValue.objects.bulk_update(
        changed, ["value", "flag", "note", "origin", "updated_at"], batch_size=1000
    )
    stale = [v.pk for v in existing.values()]
    if stale:
        IndicatorValue.objects.filter(pk__in=stale).delete()
    return len(new) + len(changed) + len(stale)
