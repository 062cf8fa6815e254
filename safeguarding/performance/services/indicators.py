"""Writes for indicator definitions, single figures and narratives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update
from safeguarding.performance import formulas
from safeguarding.performance.models import (
    NO_FIGURE_FLAGS,
    Area,
    Indicator,
    IndicatorNarrative,
    IndicatorValue,
    Origin,
    Period,
    Polarity,
    Unit,
)
from safeguarding.performance.periods import PeriodType
from safeguarding.performance.services.derived import PLACES, derived_values_refresh
from safeguarding.planning.models import Theme

INDICATOR_FIELDS = [
    "key",
    "name",
    "description",
    "unit",
    "polarity",
    "period_type",
    "source",
    "source_agency",
    "priority",
    "target",
    "amber_threshold",
    "formula",
    "decimal_places",
    "in_key_data",
    "key_data_order",
    "is_active",
]
MAX_VALUE = Decimal("999999999999")


def _check_indicator(indicator: Indicator, themes: list[Theme]) -> None:
    errors: dict[str, str] = {}
    if indicator.priority_id and indicator.priority.plan.partnership_id != indicator.partnership_id:
        errors["priority"] = "Choose a priority from this partnership's business plan."
    if (
        indicator.source_agency_id
        and not indicator.source_agency.partnerships.filter(pk=indicator.partnership_id).exists()
    ):
        errors["source_agency"] = "Choose an agency that is part of this partnership."
    if indicator.amber_threshold is not None:
        if indicator.target is None:
            errors["amber_threshold"] = "Set a target before the amber threshold."
        elif indicator.polarity == Polarity.NEUTRAL:
            errors["amber_threshold"] = (
                "An indicator where neither higher nor lower is better has no amber threshold."
            )
        elif indicator.polarity == Polarity.HIGHER_IS_BETTER and (
            indicator.amber_threshold > indicator.target
        ):
            errors["amber_threshold"] = (
                "Higher is better, so the amber threshold must be at or below the target."
            )
        elif indicator.polarity == Polarity.LOWER_IS_BETTER and (
            indicator.amber_threshold < indicator.target
        ):
            errors["amber_threshold"] = (
                "Lower is better, so the amber threshold must be at or above the target."
            )
    if indicator.formula:
        error = _formula_problem(indicator)
        if error:
            errors["formula"] = error
    if errors:
        raise ValidationError(errors)


def _formula_problem(indicator: Indicator) -> str | None:
    try:
        formulas.parse(indicator.formula)
    except formulas.FormulaError as error:
        return str(error)
    keys = formulas.references(indicator.formula)
    if indicator.key in keys:
        return (
            f"The formula uses {{{indicator.key}}}, this indicator itself: a derived indicator "
            "must be worked out from other indicators."
        )
    others = Indicator.objects.filter(partnership_id=indicator.partnership_id).exclude(
        pk=indicator.pk
    )
    found = {i.key: i for i in others.filter(key__in=keys)}
    missing = [k for k in keys if k not in found]
    if missing:
        return (
            "There is no indicator with the key "
            + ", ".join(f"{{{k}}}" for k in missing)
            + " in this partnership. Check the spelling on the indicator's page."
        )
    wrong_type = [k for k, i in found.items() if i.period_type != indicator.period_type]
    if wrong_type:
        return (
            f"{', '.join(found[k].name for k in wrong_type)} is counted by a different period "
            f"({PeriodType(found[wrong_type[0]].period_type).label.lower()}); a derived "
            "indicator must use indicators counted by the same period as itself."
        )
    others_formulas = dict(others.exclude(formula="").values_list("key", "formula"))
    cycle = formulas.find_cycle(indicator.key, indicator.formula, others_formulas)
    if cycle:
        return (
            "The formula goes round in a circle: "
            + " uses ".join(f"{{{k}}}" for k in cycle)
            + ". A derived indicator cannot depend on itself."
        )
    return None


def _audit_fields(indicator: Indicator) -> dict:
    return {
        **snapshot(indicator, INDICATOR_FIELDS),
        "themes": sorted(t.name for t in indicator.themes.all()),
    }


@transaction.atomic
def indicator_create(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    themes: list[Theme] | None = None,
    **fields: Any,
) -> Indicator:
    indicator = Indicator(partnership=partnership, **fields)
    indicator.full_clean()
    _check_indicator(indicator, list(themes or []))
    indicator.save()
    indicator.themes.set(themes or [])
    if indicator.formula:
        derived_values_refresh(partnership_id=partnership.pk, changed_indicator_ids=[indicator.pk])
    audit_record(
        actor=actor,
        job=job,
        event="performance.indicator.created",
        target=indicator,
        after=_audit_fields(indicator),
    )
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor=None,
    job: str | None = None,
    indicator: Indicator,
    themes: list[Theme] | None = None,
    **fields: Any,
) -> Indicator:
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    old_formula, old_key = indicator.formula, indicator.key
    for name in fields:
        if name not in INDICATOR_FIELDS:
            raise ValidationError(f"{name} cannot be changed here.")

    def check(record: Indicator) -> None:
        if old_key != record.key:
            users = Indicator.objects.filter(
                partnership_id=record.partnership_id, formula__contains=f"{{{old_key}}}"
            ).exclude(pk=record.pk)
            if users.exists():
                raise ValidationError(
                    {
                        "key": f"The key cannot change while {users.first().name} uses "
                        f"{{{old_key}}} in its formula. Change that formula first."
                    }
                )
        if (
            not old_formula
            and record.formula
            and record.values.exclude(origin=Origin.DERIVED).exists()
        ):
            raise ValidationError(
                {
                    "formula": "This indicator already holds entered or imported figures. A "
                    "derived indicator is computed, never typed: create a new indicator for "
                    "the formula."
                }
            )
        record.full_clean()
        _check_indicator(record, list(themes or []))

    def refresh_derived(record: Indicator) -> None:
        if record.formula != old_formula:
            if not record.formula:
                record.values.filter(origin=Origin.DERIVED).delete()
            derived_values_refresh(
                partnership_id=record.partnership_id, changed_indicator_ids=[record.pk]
            )

    indicator, _ = model_update(
        indicator,
        fields=[*INDICATOR_FIELDS, "themes"],
        data={**fields, **({"themes": themes} if themes is not None else {})},
        validate=check,
        full_clean=False,  # check() validates before the service's own rules, as it did
        then=refresh_derived,
        always=True,
        describe=_audit_fields,
        actor=actor,
        job=job,
        event="performance.indicator.updated",
    )
    return indicator


def check_figure(indicator: Indicator, value: Decimal | None, flag: str) -> Decimal | None:
    """The figure as it will be stored, or a ValidationError saying what is wrong with it."""
    if indicator.is_derived:
        raise ValidationError(
            f"{indicator.name} is worked out from other indicators ({indicator.formula}); "
            "its figures are computed, never entered or imported."
        )
    if flag in NO_FIGURE_FLAGS:
        if value is not None:
            raise ValidationError(
                {"value": "Leave the figure empty when it is suppressed or not available."}
            )
        return None
    if value is None:
        raise ValidationError(
            {"value": "Enter the figure, or choose a flag that says why there is none."}
        )
    if abs(value) > MAX_VALUE:
        raise ValidationError({"value": "The figure is too large to be right; check it."})
    if value < 0:
        raise ValidationError({"value": "The figure cannot be negative."})
    if indicator.unit == Unit.PERCENTAGE and value > 100:
        raise ValidationError({"value": "A percentage must be between 0 and 100."})
    return value.quantize(PLACES)


@transaction.atomic
def value_record(
    *,
    actor=None,
    job: str | None = None,
    indicator: Indicator,
    area: Area,
    period: Period,
    value: Decimal | None,
    flag: str = "",
    note: str = "",
    origin: str = Origin.ENTRY,
) -> IndicatorValue:
    """Store one figure (new or corrected) and recompute what is derived from it."""
    if period.type != indicator.period_type:
        raise ValidationError(
            {
                "period": f"{indicator.name} is counted by "
                f"{PeriodType(indicator.period_type).label.lower()}; "
                f"{period.label} is not one of those."
            }
        )
    value = check_figure(indicator, value, flag)
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, area=area, period=period)
        .first()
    )
    before = snapshot(existing, ["value", "flag", "note"]) if existing else None
    if existing is None:
        existing = IndicatorValue(indicator=indicator, area=area, period=period)
    elif existing.value is not None and value is not None and existing.value != value:
        existing.previous_value = existing.value
    existing.value, existing.flag, existing.note, existing.origin = value, flag, note, origin
    existing.source_symbol = ""
    existing.save()
    derived_values_refresh(
        partnership_id=indicator.partnership_id, changed_indicator_ids=[indicator.pk]
    )
    audit_record(
        actor=actor,
        job=job,
        event="performance.indicator_value.recorded",
        target=existing,
        before=before,
        after={
            **snapshot(existing, ["value", "flag", "note", "origin"]),
            "area": area.name,
            "period": period.code,
        },
    )
    return existing


@transaction.atomic
def narrative_save(
    *, actor=None, job: str | None = None, indicator: Indicator, period: Period, text: str
) -> IndicatorNarrative | None:
    """Write (or, with empty text, remove) the narrative of an indicator for a period."""
    text = (text or "").strip()
    existing = IndicatorNarrative.objects.filter(indicator=indicator, period=period).first()
    before = {"text": existing.text} if existing else None
    if not text:
        if existing is None:
            return None
        existing.delete()
        audit_record(
            actor=actor,
            job=job,
            event="performance.indicator_narrative.removed",
            target=indicator,
            before=before,
        )
        return None
    if period.type != indicator.period_type:
        raise ValidationError({"period": "Choose a period of the indicator's own type."})
    if existing is None:
        existing = IndicatorNarrative(indicator=indicator, period=period)
    existing.text = text
    existing.written_by = actor if actor is not None and actor.is_authenticated else None
    existing.save()
    audit_record(
        actor=actor,
        job=job,
        event="performance.indicator_narrative.saved",
        target=indicator,
        before=before,
        after={"period": period.code, "text": text},
    )
    return existing
