"""Writes for business plans, their priorities, and the platform's theme taxonomy."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.governance.models import Body
from safeguarding.planning.models import BusinessPlan, Priority, Theme
from safeguarding.planning.theme_slugs import free_theme_slug
from safeguarding.planning.themes import NATIONAL_THEME_NAMES

PLAN_FIELDS = ["partnership", "title", "starts_on", "ends_on", "summary"]
PRIORITY_FIELDS = ["plan", "title", "description", "lead_body", "lead_body_name", "measures"]
THEME_FIELDS = [
    "name",
    "slug",
    "description",
    "is_active",
    "synonyms",
    "national_themes",
    "parent",
]


def _check_plan(title: str, starts_on, ends_on) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter the title of the business plan."
    if starts_on and ends_on and ends_on <= starts_on:
        errors["ends_on"] = "The plan must end after it starts."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def business_plan_create(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    summary: str = "",
) -> BusinessPlan:
    _check_plan(title, starts_on, ends_on)
    plan = BusinessPlan.objects.create(
        partnership=partnership,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        summary=summary or "",
    )
    audit_record(
        actor=actor,
        job=job,
        event="governance.business_plan.created",
        target=plan,
        after=snapshot(plan, PLAN_FIELDS),
    )
    return plan


@transaction.atomic
def business_plan_update(
    *, actor, plan: BusinessPlan, title: str, starts_on, ends_on, summary: str = ""
) -> BusinessPlan:
    plan = BusinessPlan.objects.select_for_update().get(pk=plan.pk)
    _check_plan(title, starts_on, ends_on)
    before = snapshot(plan, PLAN_FIELDS)
    plan.title, plan.starts_on, plan.ends_on = title.strip(), starts_on, ends_on
    plan.summary = summary or ""
    plan.save()
    audit_record(
        actor=actor,
        event="governance.business_plan.updated",
        target=plan,
        before=before,
        after=snapshot(plan, PLAN_FIELDS),
    )
    return plan


def _check_priority(plan: BusinessPlan, title: str, lead_body: Body | None, exclude_pk=None):
    if not (title or "").strip():
        raise ValidationError({"title": "Enter the priority."})
    clash = plan.priorities.filter(title__iexact=title.strip())
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"title": "This plan already has a priority with that title."})
    if lead_body is not None and plan.partnership_id not in lead_body.partnership_ids_for_rules():
        raise ValidationError({"lead_body": "The lead body must serve the plan's partnership."})


@transaction.atomic
def priority_create(
    *,
    actor=None,
    job: str | None = None,
    plan: BusinessPlan,
    title: str,
    description: str = "",
    lead_body: Body | None = None,
    lead_body_name: str = "",
    measures: str = "",
    themes: Iterable[Theme] = (),
) -> Priority:
    _check_priority(plan, title, lead_body)
    order = (plan.priorities.aggregate(top=Max("order"))["top"] or 0) + 1
    priority = Priority.objects.create(
        plan=plan,
        title=title.strip(),
        description=description or "",
        lead_body=lead_body,
        lead_body_name=lead_body_name or (lead_body.name if lead_body else ""),
        measures=measures or "",
        order=order,
    )
    priority.themes.set(list(themes))
    audit_record(
        actor=actor,
        job=job,
        event="planning.priority.created",
        target=priority,
        after=snapshot(priority, PRIORITY_FIELDS),
    )
    return priority


@transaction.atomic
def priority_update(
    *,
    actor,
    priority: Priority,
    title: str,
    description: str = "",
    lead_body: Body | None = None,
    lead_body_name: str = "",
    measures: str = "",
    themes: Iterable[Theme] | None = None,
) -> Priority:
    priority = Priority.objects.select_for_update().select_related("plan").get(pk=priority.pk)
    _check_priority(priority.plan, title, lead_body, exclude_pk=priority.pk)
    before = snapshot(priority, PRIORITY_FIELDS)
    priority.title = title.strip()
    priority.description = description or ""
    priority.lead_body = lead_body
    priority.lead_body_name = lead_body_name or (lead_body.name if lead_body else "")
    priority.measures = measures or ""
    priority.save()
    if themes is not None:
        priority.themes.set(list(themes))
    audit_record(
        actor=actor,
        event="planning.priority.updated",
        target=priority,
        before=before,
        after=snapshot(priority, PRIORITY_FIELDS),
    )
    return priority


# Themes --------------------------------------------------------------------------------


def _check_theme(name: str) -> tuple[str, str]:
    """The tidied name and the slug for a new theme. A name whose slug is a fixed page under
    /themes/ (like "Merge" or "Suggestions") keeps its name but gets the slug "merge-theme",
    so the theme's page can be reached."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Enter the name of the theme."})
    slug = slugify(name)[:100]
    if not slug:
        raise ValidationError({"name": "The name needs some letters or numbers."})
    if (Theme.objects.filter(name__iexact=name) | Theme.objects.filter(slug=slug)).exists():
        raise ValidationError({"name": f"There is already a theme called “{name}”."})
    return name, free_theme_slug(slug, taken=lambda s: Theme.objects.filter(slug=s).exists())


def _clean_synonyms(synonyms: str) -> str:
    """One synonym a line, without blank lines, surrounding spaces or repeats."""
    seen, lines = set(), []
    for line in (synonyms or "").splitlines():
        line = " ".join(line.split())
        if line and line.lower() not in seen:
            seen.add(line.lower())
            lines.append(line)
    return "\n".join(lines)


def _check_national_themes(keys: Iterable[str]) -> list[str]:
    keys = list(dict.fromkeys(keys or []))
    unknown = [key for key in keys if key not in NATIONAL_THEME_NAMES]
    if unknown:
        raise ValidationError(
            {"national_themes": f"Choose national themes from the list ({', '.join(unknown)})."}
        )
    return keys


@transaction.atomic
def theme_create(
    *,
    actor=None,
    job: str | None = None,
    name: str,
    description: str = "",
    synonyms: str = "",
    national_themes: Iterable[str] = (),
    parent: Theme | None = None,
) -> Theme:
    name, slug = _check_theme(name)
    theme = Theme(
        name=name,
        slug=slug,
        description=description or "",
        synonyms=_clean_synonyms(synonyms),
        national_themes=_check_national_themes(national_themes),
        parent=parent,
    )
    theme.check_parent(parent)
    theme.save()
    audit_record(
        actor=actor,
        job=job,
        event="planning.theme.created",
        target=theme,
        after=snapshot(theme, THEME_FIELDS),
    )
    return theme


@transaction.atomic
def theme_update(
    *,
    actor,
    theme: Theme,
    name: str,
    description: str = "",
    is_active: bool = True,
    synonyms: str | None = None,
    national_themes: Iterable[str] | None = None,
    parent: Theme | None | bool = False,
) -> Theme:
    """Rename, describe, retire or bring back a theme, or place it under a broader theme
    (``parent``; ``None`` makes it a top-level theme, leaving it out keeps the one it has).
    Its slug stays the same, so links and filters that use it keep working; retired themes
    stay on old records. A broader theme that would make a loop is refused."""
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Enter the name of the theme."})
    if Theme.objects.filter(name__iexact=name).exclude(pk=theme.pk).exists():
        raise ValidationError({"name": f"There is already a theme called “{name}”."})
    before = snapshot(theme, THEME_FIELDS)
    theme.name, theme.description, theme.is_active = name, description or "", is_active
    if synonyms is not None:
        theme.synonyms = _clean_synonyms(synonyms)
    if national_themes is not None:
        theme.national_themes = _check_national_themes(national_themes)
    if parent is not False:
        new_parent = parent if isinstance(parent, Theme) else None
        theme.check_parent(new_parent)
        theme.parent = new_parent
    theme.save()
    audit_record(
        actor=actor,
        event="planning.theme.updated",
        target=theme,
        before=before,
        after=snapshot(theme, THEME_FIELDS),
    )
    return theme
