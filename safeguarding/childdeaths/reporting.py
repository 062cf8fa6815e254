"""What the childdeaths app contributes to the yearly report (which is public once
published): the deaths of the partnership the panel reviewed in the period, by category, age
band, expected or unexpected, modifiable factors and panel theme — every count through the
one disclosure function, so no small number is shown or can be worked out from a total."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from safeguarding.childdeaths import disclosure, selectors
from safeguarding.core.reporting import Contribution, Figure, Table

CAPTIONS = {
    "by_category": (
        "Deaths reviewed by category (to protect families, counts of fewer than 5, and any "
        "count that would reveal one, are not shown)",
        "Category of death",
    ),
    "by_age_band": ("Deaths reviewed by age at death", "Age at death"),
    "by_expected": ("Deaths reviewed: expected or unexpected", "Death"),
    "by_modifiable": ("Deaths reviewed: modifiable factors", "Panel's finding"),
    "by_theme": ("Deaths reviewed by panel theme", "Panel theme"),
}


def child_death_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    found = selectors.reviewed_in_period_figures(
        partnership_ids=partnership_ids, start=start, end=end
    )
    tables = []
    for key, (caption, heading) in CAPTIONS.items():
        rows = [[row["label"], row["count"]] for row in found[key]]
        withheld = any(count == disclosure.WITHHELD for _label, count in rows)
        tables.append(
            Table(
                caption=caption,
                headers=[heading, "Deaths"],
                rows=rows,
                # A withheld count would draw as an empty bar: the table alone says it.
                chart_column=None if withheld else 1,
            )
        )
    return Contribution(
        title="Child death reviews",
        figures=[Figure("Deaths reviewed by the child death overview panel", found["total"])],
        tables=tables,
        facts={},
        source_link=reverse("childdeaths:figures"),
    )
