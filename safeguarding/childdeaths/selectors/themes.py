"""Child deaths on a practice theme's page (issue 19: one theme taxonomy).

A death belongs to a practice theme through the panel that reviewed it (a themed panel) or
the category of death the panel recorded: the sudden unexpected deaths in infancy panel and
the "sudden unexpected, unexplained death" category are the theme "SUDI and safer sleep";
the suicide panel and the suicide category are "Suicide and self-harm"; the category
"deliberately inflicted injury, abuse or neglect" counts on both "Non-accidental injury" and
"Neglect"; the neonatal panel, the "perinatal or neonatal event" category and any death in
the first 27 days of life are "Neonatal deaths"; the life-limiting conditions panel and the
categories of a condition that shortens a child's life (malignancy, chronic medical
condition, chromosomal, genetic and congenital anomalies) are "Life-limiting conditions". A
theme is known by its vocabulary slug, the starting theme's slug it reuses, or the slug a
theme of that name made before the vocabulary had it (renaming keeps the slug). Beyond
these, the panel tags the themes its learning touches (domestic abuse, parental mental
health…) when it records its review; a death counts on every theme it is tagged with.

Only the child death review partners (the CDOP chair and members) see anything, and only the
deaths of their own partnerships (``ChildDeath.objects.visible_to``); they see counts by year
of death with small numbers withheld through :func:`disclosure.protect` — never a case or a
link to one. Everybody else, and the public theme page, gets nothing."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from safeguarding.childdeaths import disclosure
from safeguarding.childdeaths.models import Category, ChildDeath, PanelTheme

VIEW = "childdeaths.view_childdeaths"
ALL_YEARS = "all"

NEONATAL_DAYS = 28
# The national categories of a death from a condition that shortens a child's life.
LIFE_LIMITING_CATEGORIES = (Category.MALIGNANCY, Category.CHRONIC, Category.CHROMOSOMAL)

# Practice theme slugs -> the deaths that carry the theme.
THEME_DEATHS: dict[str, Q] = {
    slug: condition
    for slugs, condition in [
        (
            ("sudi_safer_sleep", "sudi-and-safer-sleep"),
            Q(panel_theme=PanelTheme.SUDI) | Q(category=Category.SUDDEN),
        ),
        (
            ("suicide", "suicide-and-self-harm"),
            Q(panel_theme=PanelTheme.SUICIDE) | Q(category=Category.SUICIDE),
        ),
        # The national category covers injury, abuse and neglect together, so its deaths
        # count on both themes (no panel is themed this way).
        (("physical_abuse_nai", "non-accidental-injury"), Q(category=Category.DELIBERATE)),
        (("neglect",), Q(category=Category.DELIBERATE)),
        # A neonatal death is one in the first 28 days of life, whatever its cause.
        (
            ("neonatal_deaths", "neonatal-deaths"),
            Q(panel_theme=PanelTheme.NEONATAL)
            | Q(category=Category.PERINATAL)
            | Q(age_at_death_days__lt=NEONATAL_DAYS),
        ),
        (
            ("life_limiting_conditions", "life-limiting-conditions"),
            Q(panel_theme=PanelTheme.LIFE_LIMITING) | Q(category__in=LIFE_LIMITING_CATEGORIES),
        ),
    ]
    for slug in slugs
}


def theme_death_counts(*, user, theme) -> tuple[list[int], dict] | None:
    """(years newest first, {year or ALL_YEARS: shown count}) of the deaths of ``theme`` this
    person may see, small numbers withheld; None when they may see none (one query)."""
    if not user.is_authenticated or not user.has_perm(VIEW):
        return None
    # The deaths the panel tagged with the theme, and those its panel or category imply.
    condition = Q(
        pk__in=ChildDeath.themes.through.objects.filter(theme=theme).values("childdeath_id")
    )
    implied = THEME_DEATHS.get(theme.slug)
    if implied is not None:
        condition |= implied
    rows = (
        ChildDeath.objects.visible_to(user)
        .filter(condition)
        .annotate(year=ExtractYear("died_on"))
        .values("year")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-year")
    )
    counts: dict = {row["year"]: row["n"] for row in rows}
    if not counts:
        return None
    years = list(counts)
    counts[ALL_YEARS] = sum(counts.values())
    shown = disclosure.protect(counts, [disclosure.Group(tuple(years), ALL_YEARS)])
    return years, shown
