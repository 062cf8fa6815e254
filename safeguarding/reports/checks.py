"""The quality checks shown before sign-off: what the national analyses of yearly reports
look for. Each check reads the report's figures (its ``facts``) and narrative, and when it
fails says where the gap is and links to the place to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    passed: bool
    gap: str  # empty when passed
    fix_url: str
    fix_label: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _facts(figures: dict, section: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for contribution in figures.get(section, []):
        merged.update(contribution.get("facts", {}))
    return merged


def _source_link(figures: dict, section: str) -> str:
    for contribution in figures.get(section, []):
        if contribution.get("source_link"):
            return contribution["source_link"]
    return ""


def contribution_start_url(report) -> str:
    """Assurance's page that starts the agencies' contributions for this report (the apps
    meet through URLs, ADR 0032). Only the report is named: that page reads the report's
    partnerships, period and title from the report itself (ADR 0041), so nothing in the
    address can widen who is asked."""
    from urllib.parse import urlencode

    return f"{reverse('assurance:contribution-new')}?{urlencode({'report': report.pk})}"


def quality_checks(*, report, figures: dict, narratives: dict[str, str]) -> list[Check]:
    def edit(section: str) -> str:
        if report.pk is None:  # a report built by the command from live figures alone
            return ""
        return reverse("reports:section-edit", args=[report.pk, section])

    def written(section: str) -> bool:
        return bool((narratives.get(section) or "").strip())

    checks: list[Check] = []

    def add(key, label, gap, section, *, source: str = "", source_label: str = ""):
        url = source or edit(section)
        checks.append(
            Check(
                key=key,
                label=label,
                passed=not gap,
                gap=gap,
                fix_url=url,
                fix_label=source_label if source else "Edit the section",
            )
        )

    contributions = _facts(figures, "contributions")
    waiting = contributions.get("agencies_not_submitted") or []
    gap = ""
    if not contributions.get("campaign_ids") or not contributions.get("agencies_asked"):
        gap = "No agency was asked for a contribution for this period."
    elif waiting:
        gap = "Not yet submitted by: " + "; ".join(waiting) + "."
    add(
        "contributions_received",
        "Agency contributions received",
        gap,
        "contributions",
        source=(
            ""
            if not gap
            else _source_link(figures, "contributions")
            if waiting
            else (contribution_start_url(report) if report.pk is not None else "")
        ),
        source_label="Chase the agencies" if waiting else "Ask agencies for their contributions",
    )

    area = _facts(figures, "area")
    missing = area.get("area_missing") or []
    by_partnership = area.get("area_missing_by_partnership") or []
    gap = ""
    if by_partnership:
        # A joint report: say whose profile has the gap.
        gap = (
            "No figure in the performance data for: "
            + "; ".join(f"{name}: {', '.join(lines)}" for name, lines in by_partnership)
            + "."
        )
    elif missing:
        gap = "No figure in the performance data for: " + "; ".join(missing) + "."
    add(
        "area_profile_complete",
        "Area profile complete",
        gap,
        "area",
        source=_source_link(figures, "area") if gap else "",
        source_label="Add the figures to the performance data",
    )

    priorities = _facts(figures, "priorities")
    without = priorities.get("priorities_without_evidence")
    gap = ""
    if without is None:
        gap = "No business plan priorities were found for this period."
    elif without:
        gap = "No evidence of impact recorded for: " + "; ".join(without) + "."
    elif not written("priorities"):
        gap = "The priorities section has no narrative describing the impact."
    add(
        "impact_per_priority",
        "Evidence of impact for each priority",
        gap,
        "priorities",
        source=_source_link(figures, "priorities") if without else "",
        source_label="Record evidence against the priorities",
    )

    little = priorities.get("priorities_little_progress") or []
    gap = ""
    if little and not written("priorities"):
        gap = (
            "These priorities made little or no progress and the report does not say why: "
            + "; ".join(little)
            + "."
        )
    add("little_progress_analysed", "Areas of little progress analysed", gap, "priorities")

    reviews = _facts(figures, "reviews")
    gap = ""
    if "recommendations_made" not in reviews:
        gap = "The report has no figures for review recommendations."
    elif not written("reviews"):
        gap = "The reviews section does not yet say what was done about the recommendations."
    add(
        "recommendations_reported",
        "Review recommendations and their actions reported",
        gap,
        "reviews",
    )

    # Feedback is used when the narrative says so, or when the figures show what children
    # said and what the partnership did about it ("You said, we did" entries in the period).
    voice = _facts(figures, "voice")
    gap = (
        ""
        if written("voice") or voice.get("you_said_we_did_entries")
        else "The report does not say what children and families told "
        "the partnership or how it changed services."
    )
    add("voice_used", "Children's and families' feedback used", gap, "voice")

    finance = _facts(figures, "finance")
    gap = ""
    if not finance.get("contributions_total"):
        gap = "No partner contributions are recorded for this period."
    add(
        "budget_shown",
        "Budget and contributions shown",
        gap,
        "finance",
        source=_source_link(figures, "finance") if gap else "",
        source_label="Record the contributions",
    )

    gap = "" if written("scrutiny") else "The independent scrutiny section is empty."
    add("scrutiny_included", "Independent scrutiny included", gap, "scrutiny")

    training = _facts(figures, "training")
    gap = ""
    if not training.get("follow_ups_answered"):
        gap = "No three-month impact follow-ups were answered for training in this period."
    add(
        "training_impact",
        "Training impact evidenced",
        gap,
        "training",
        source=_source_link(figures, "training") if gap else "",
        source_label="See the training evaluation",
    )

    data = _facts(figures, "key_data")
    gap = ""
    if (data.get("years_with_data") or 0) < 2:
        gap = "The key data has fewer than two years to compare."
    add(
        "data_compared",
        "Data used with comparison",
        gap,
        "key_data",
        source=_source_link(figures, "key_data") if gap else "",
        source_label="Add earlier years' figures",
    )
    return checks
