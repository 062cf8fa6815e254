"""What the library contributes to the yearly report (ADR 0025).

Communications: resource use in the period (views, downloads and plays, the most-used items,
by theme and audience — the figures of the resource usage page for the same dates), the
campaigns running in the period with their reach per channel ("450,000 reached"), and the
policies, procedures and protocols reviewed or updated (a version that took effect in the
period).

The voice of children and families: the youth-voice activities held in the period with the
numbers who took part by age band (counts only), and the published "You said, we did"
entries for what children said in the period.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Sum
from django.urls import reverse

from safeguarding.core.reporting import Contribution, Figure, Table
from safeguarding.library.models import (
    ActivityParticipation,
    AgeBand,
    Campaign,
    Channel,
    ProcedureVersion,
    ReachMeasure,
    ResponseStatus,
    YouSaidWeDid,
    YouthVoiceActivity,
)
from safeguarding.library.selectors.resources import usage_report

TOP_RESOURCES = 5


def resource_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    usage = usage_report(partnerships=partnership_ids, start=start, end=end, top=TOP_RESOURCES)
    totals = usage.totals
    tables = []
    if usage.most_used:
        tables.append(
            Table(
                caption=f"The {len(usage.most_used)} most-used resources",
                headers=["Resource", "Views", "Downloads", "Plays", "Total"],
                rows=[
                    [row.label, row.views, row.downloads, row.plays, row.total]
                    for _, row in usage.most_used
                ],
                chart_column=4,
            )
        )
    for caption, heading, rows in (
        ("Resource use by theme", "Theme", usage.by_theme),
        ("Resource use by audience", "Audience", usage.by_audience),
    ):
        if rows:
            tables.append(
                Table(
                    caption=caption,
                    headers=[heading, "Views", "Downloads", "Plays"],
                    rows=[[row.label, row.views, row.downloads, row.plays] for row in rows],
                )
            )
    return Contribution(
        title="Resources",
        figures=[
            Figure("Resource views", totals.views),
            Figure("Downloads", totals.downloads),
            Figure("Plays (podcasts and videos)", totals.plays),
        ],
        tables=tables,
        facts={"resource_views": totals.views, "resource_downloads": totals.downloads},
        source_link=reverse("library:usage") + f"?start={start.isoformat()}&end={end.isoformat()}",
    )


def campaign_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    """Campaigns running at any time in the period. Reach is entered for a campaign as a
    whole, so a campaign's reach counts in every period it ran in."""
    campaigns = list(
        Campaign.objects.filter(
            partnership_id__in=partnership_ids, starts_on__lte=end, ends_on__gte=start
        )
        .prefetch_related("reach")
        .order_by("starts_on", "name")
    )
    channels = dict(Channel.choices)
    by_channel: dict[str, int] = defaultdict(int)
    rows = []
    total = 0
    for campaign in campaigns:
        reached = 0
        for reach in campaign.reach.all():
            if reach.measure == ReachMeasure.PEOPLE_REACHED:
                reached += reach.figure
                by_channel[reach.channel] += reach.figure
        total += reached
        rows.append(
            [
                campaign.name,
                f"{campaign.starts_on:%-d %B %Y} to {campaign.ends_on:%-d %B %Y}",
                reached,
            ]
        )
    tables = []
    if rows:
        tables.append(
            Table(
                caption="Campaigns in the period and the people they reached",
                headers=["Campaign", "When", "People reached"],
                rows=rows,
                chart_column=2,
            )
        )
    if by_channel:
        tables.append(
            Table(
                caption="People reached by channel",
                headers=["Channel", "People reached"],
                rows=[
                    [channels.get(key, key), figure]
                    for key, figure in sorted(by_channel.items(), key=lambda kv: (-kv[1], kv[0]))
                ],
                chart_column=1,
            )
        )
    return Contribution(
        title="Campaigns",
        figures=[
            Figure("Campaigns", len(campaigns)),
            Figure("People reached by campaigns", total),
        ],
        tables=tables,
        facts={"campaigns": len(campaigns), "campaign_reach": total},
        source_link=reverse("library:campaign-calendar"),
    )


def procedure_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    versions = list(
        ProcedureVersion.objects.filter(
            procedure__partnerships__in=partnership_ids,
            effective_on__gte=start,
            effective_on__lte=end,
        )
        .exclude(procedure__status="draft")
        .select_related("procedure")
        .distinct()
        .order_by("effective_on", "procedure__title", "pk")
    )
    documents = {v.procedure_id for v in versions}
    return Contribution(
        title="Policies, procedures and protocols",
        figures=[
            Figure("Policies, procedures and protocols reviewed or updated", len(documents)),
            Figure("New versions published", len(versions)),
        ],
        tables=(
            [
                Table(
                    caption="Policies, procedures and protocols updated in the period",
                    headers=["Document", "Version", "In effect from", "What changed"],
                    rows=[
                        [
                            v.procedure.title,
                            v.version,
                            f"{v.effective_on:%-d %B %Y}",
                            v.change_summary,
                        ]
                        for v in versions
                    ],
                )
            ]
            if versions
            else []
        ),
        facts={"procedures_updated": len(documents)},
        source_link=reverse("library:procedure-list"),
    )


def voice_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    activities = YouthVoiceActivity.objects.filter(
        partnership_id__in=partnership_ids, held_on__gte=start, held_on__lte=end
    )
    by_kind = list(
        activities.values("kind")
        .annotate(held=Count("pk", distinct=True), took_part=Sum("participation__count"))
        .order_by("kind")
    )
    by_band = {
        row["age_band"]: row["took_part"]
        for row in ActivityParticipation.objects.filter(activity__in=activities)
        .values("age_band")
        .annotate(took_part=Sum("count"))
    }
    took_part = sum(by_band.values())
    entries = list(
        YouSaidWeDid.objects.filter(
            partnership_id__in=partnership_ids,
            is_published=True,
            said_on__gte=start,
            said_on__lte=end,
        ).order_by("said_on", "pk")
    )
    statuses = dict(ResponseStatus.choices)
    done = sum(1 for e in entries if e.status == ResponseStatus.DONE)
    kinds = dict(YouthVoiceActivity._meta.get_field("kind").choices or [])
    tables = []
    if by_band:
        tables.append(
            Table(
                caption="Children and young people who took part, by age band",
                headers=["Age band", "Took part"],
                rows=[[label, by_band[key]] for key, label in AgeBand.choices if key in by_band],
                chart_column=1,
            )
        )
    if by_kind:
        tables.append(
            Table(
                caption="Youth-voice activities by kind",
                headers=["Activity", "Held", "Took part"],
                rows=[
                    [kinds.get(row["kind"], row["kind"]), row["held"], row["took_part"] or 0]
                    for row in by_kind
                ],
            )
        )
    if entries:
        tables.append(
            Table(
                caption="You said, we did",
                headers=["You said", "We did", "Status"],
                rows=[[e.you_said, e.we_did, statuses.get(e.status, e.status)] for e in entries],
            )
        )
    return Contribution(
        title="Youth voice and \u201cYou said, we did\u201d",
        figures=[
            Figure("Youth-voice activities", sum(row["held"] for row in by_kind)),
            Figure("Children and young people who took part", took_part),
            Figure("\u201cYou said, we did\u201d entries", len(entries)),
            Figure("Of which done", done),
        ],
        tables=tables,
        facts={
            "young_people_took_part": took_part,
            "you_said_we_did_entries": len(entries),
            "you_said_we_did_done": done,
        },
        source_link=reverse("library:you-said-we-did"),
    )
