"""The default practice-theme vocabulary shipped as data (``data/practice_themes.json``).

``load_practice_themes`` adds the themes that are missing and fills the synonyms, national
themes and an empty description of the ones already there. It never changes a theme's name
or a description the business unit wrote, so it is safe to run again. It takes the model as
an argument so that the data migration can run it with the historical model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from safeguarding.core.services import model_update
from safeguarding.planning.themes import NATIONAL_THEME_NAMES

DATA_FILE = Path(__file__).resolve().parent / "data" / "practice_themes.json"


def vocabulary() -> list[dict[str, Any]]:
    """The shipped entries: slug, name, description, synonyms, national themes, matches."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["themes"]


def entry_errors(entry: dict[str, Any]) -> list[str]:
    label = entry.get("slug") or "an entry without a slug"
    errors = []
    for field in ("slug", "name", "description"):
        if not str(entry.get(field) or "").strip():
            errors.append(f"{label}: the {field} is missing.")
    national = entry.get("national_themes") or []
    if not national:
        errors.append(f"{label}: map it to at least one national theme.")
    unknown = [key for key in national if key not in NATIONAL_THEME_NAMES]
    if unknown:
        errors.append(f"{label}: unknown national theme {', '.join(unknown)}.")
    return errors


def find_theme(theme_model, entry: dict[str, Any]):
    """The theme an entry stands for: its slug, a starting theme it names, or its name."""
    slugs = [entry["slug"], *entry.get("matches", [])]
    names = [entry["name"], *entry.get("matches", [])]
    for slug in slugs:
        theme = theme_model.objects.filter(slug=slug).first()
        if theme is not None:
            return theme
    for name in names:
        theme = theme_model.objects.filter(name__iexact=name).first()
        if theme is not None:
            return theme
    return None


def load_practice_themes(theme_model, *, dry_run: bool = False, on_change=None) -> dict:
    """Returns ``{"created": N, "updated": N, "skipped": N, "errors": [...]}``.

    Nothing is written when any entry is wrong, or on a dry run. ``on_change(theme, before)``
    is called for each theme written (``before`` is None for a new one), e.g. to audit it."""
    entries = vocabulary()
    result: dict[str, Any] = {"created": 0, "updated": 0, "skipped": 0, "errors": []}
    seen: set[str] = set()
    for entry in entries:
        result["errors"].extend(entry_errors(entry))
        if entry.get("slug") in seen:
            result["errors"].append(f"{entry['slug']}: the slug is listed twice.")
        seen.add(str(entry.get("slug")))
    if result["errors"]:
        return result
    with transaction.atomic():
        for entry in entries:
            synonyms = "\n".join(entry.get("synonyms", []))
            theme = find_theme(theme_model, entry)
            if theme is None:
                if theme_model.objects.filter(name__iexact=entry["name"]).exists():
                    result["errors"].append(f"{entry['slug']}: a theme is already called that.")
                    continue
                result["created"] += 1
                theme = theme_model(
                    slug=entry["slug"],
                    name=entry["name"],
                    description=entry["description"],
                    synonyms=synonyms,
                    national_themes=list(entry["national_themes"]),
                )
                if not dry_run:
                    theme.save()
                    if on_change:
                        on_change(theme, None)
                continue
            changes: dict[str, Any] = {}
            if not theme.synonyms.strip() and synonyms:
                changes["synonyms"] = synonyms
            if not theme.national_themes:
                changes["national_themes"] = list(entry["national_themes"])
            if not theme.description.strip():
                changes["description"] = entry["description"]
            if not changes:
                result["skipped"] += 1
                continue
            result["updated"] += 1
            if not dry_run:
                before = {field: getattr(theme, field) for field in changes}
                # No event here: on_change audits it (the data migration passes none).
                model_update(theme, fields=changes, data=changes, full_clean=False, event=None)
                if on_change:
                    on_change(theme, before)
        if result["errors"]:
            transaction.set_rollback(True)
            result["created"] = result["updated"] = 0
    return result


def practice_themes_load(*, job: str = "load-practice-themes", dry_run: bool = False) -> dict:
    """The service behind the command and the demo: loads the vocabulary and audits each
    theme it adds or fills in."""
    from safeguarding.core.audit import audit_record, snapshot
    from safeguarding.planning.models import Theme

    fields = ["name", "slug", "description", "is_active", "synonyms", "national_themes"]

    def audit(theme, before):
        audit_record(
            job=job,
            event="planning.theme.created" if before is None else "planning.theme.updated",
            target=theme,
            before=before,
            after=snapshot(theme, fields if before is None else list(before)),
        )

    with transaction.atomic():
        return load_practice_themes(Theme, dry_run=dry_run, on_change=audit)
