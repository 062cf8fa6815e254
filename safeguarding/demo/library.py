"""Demo resource library, SET procedures, campaigns and the voice of children for Essex.

Follows the 2021–23 report's "Communication and Engagement" and "Voice of the Child" parts:
website resources viewed about 1,140 times, podcasts downloaded 590 times, voice-of-the-
child resources about 700 times; the Southend-Essex-Thurrock (SET) procedures kept under
review (the bruising protocol, the housing protocol under review); half-termly online
safety campaigns, a safer sleep campaign that reached 450,000 people; Youth Voices
sessions and "You said… we did". Everything is fictional and goes through the library's
services; loading again changes nothing (records are looked up first).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.library.models import (
    Campaign,
    Procedure,
    Resource,
    ResourceUsage,
    YouSaidWeDid,
    YouthVoiceActivity,
)
from safeguarding.library.services.campaigns import campaign_create, campaign_reach_record
from safeguarding.library.services.procedures import (
    procedure_create,
    procedure_status_change,
    procedure_version_add,
)
from safeguarding.library.services.resources import resource_create
from safeguarding.library.services.voice import activity_record, you_said_we_did_add
from safeguarding.planning.models import Priority, Theme

JOB = "demo"
YEAR_START = date(2022, 4, 1)

# title, kind, audiences, theme words, link, (views, downloads, plays) over 2022–23
RESOURCES = [
    (
        "Neglect practice toolkit",
        "practice_tool",
        ["practitioners"],
        ["neglect"],
        "https://resources.demo.example/neglect-toolkit",
        (260, 120, 0),
    ),
    (
        "Graded care profile: a 7-minute briefing",
        "briefing",
        ["practitioners"],
        ["neglect"],
        "https://resources.demo.example/gcp-briefing",
        (180, 75, 0),
    ),
    (
        "Bruising in non-mobile babies: leaflet for parents",
        "leaflet",
        ["parents", "health"],
        ["bruising"],
        "https://resources.demo.example/bruising-leaflet",
        (140, 60, 0),
    ),
    (
        "Safer sleep: what every parent should know",
        "leaflet",
        ["parents"],
        ["sleep"],
        "https://resources.demo.example/safer-sleep",
        (210, 95, 0),
    ),
    (
        "Online safety podcast: talking to teenagers",
        "podcast",
        ["parents", "education"],
        ["online"],
        "https://podcasts.demo.example/online-safety-1",
        (90, 0, 330),
    ),
    (
        "Exploitation podcast: spotting county lines",
        "podcast",
        ["practitioners", "police"],
        ["exploitation", "county"],
        "https://podcasts.demo.example/exploitation-1",
        (60, 0, 260),
    ),
    (
        "Voice of the child: practice guide",
        "guidance",
        ["practitioners", "social_care"],
        ["voice"],
        "https://resources.demo.example/voice-guide",
        (120, 80, 0),
    ),
    (
        "Voice of the child: recording what children tell us (video)",
        "video",
        ["practitioners"],
        ["voice"],
        "https://video.demo.example/voice-recording",
        (70, 0, 430),
    ),
    (
        "Escalation and resolving professional disagreement",
        "guidance",
        ["practitioners", "health", "education"],
        ["escalation"],
        "https://resources.demo.example/escalation",
        (10, 5, 0),
    ),
]

SET = ["essex", "southend", "thurrock"]
# title, kind, summary, status, note, versions (version, effective, summary, body)
PROCEDURES = [
    (
        "SET bruising protocol for non-mobile babies",
        "protocol",
        "What to do when a bruise or mark is seen on a baby who is not yet mobile.",
        "current",
        "",
        [
            ("1.0", date(2019, 6, 1), "First SET-wide protocol.", "SET Procedures Group"),
            (
                "2.0",
                date(2023, 1, 9),
                "Adds babies with disabilities and clearer health steps.",
                "SET Procedures Group",
            ),
        ],
    ),
    (
        "SET housing protocol",
        "protocol",
        "How housing and children's services work together for homeless 16 and 17 year olds "
        "and families.",
        "under_review",
        "Under review with district councils after the new homelessness duty guidance. The "
        "current version stays in force until the new one is published.",
        [("1.2", date(2021, 10, 1), "Updated contacts for districts.", "SET Procedures Group")],
    ),
    (
        "SET child protection procedures",
        "procedure",
        "The shared child protection procedures for Southend, Essex and Thurrock.",
        "current",
        "",
        [
            (
                "2022",
                date(2022, 4, 1),
                "Annual update: exploitation and contextual safeguarding.",
                "SET Procedures Group",
            )
        ],
    ),
    (
        "Escalation policy: resolving professional disagreements",
        "policy",
        "How to challenge a decision about a child and escalate when you disagree.",
        "current",
        "",
        [("3.0", date(2022, 9, 1), "Shorter timescales at each stage.", "Executive")],
    ),
]

# The themes each procedure is listed under on the theme pages.
PROCEDURE_THEMES = {
    "SET bruising protocol for non-mobile babies": ["bruising"],
    "SET housing protocol": ["housing"],
    "SET child protection procedures": ["exploitation"],
    "Escalation policy: resolving professional disagreements": ["escalation"],
}

CAMPAIGNS = [
    (
        "Safer sleep campaign",
        date(2022, 11, 7),
        date(2022, 11, 27),
        "Every new parent and carer hears the safer sleep message, from midwives, health "
        "visitors, nurseries and social media.",
        ["sleep"],
        ["social_media", "leaflets", "press"],
        ["Safer sleep: what every parent should know"],
        [
            ("social_media", "people_reached", 410_000),
            ("leaflets", "people_reached", 25_000),
            ("press", "people_reached", 15_000),
            ("social_media", "posts", 42),
        ],
    ),
    (
        "Online safety half-term campaign",
        date(2023, 2, 13),
        date(2023, 2, 24),
        "Parents and carers know how to talk to children about what they do online.",
        ["online"],
        ["social_media", "schools", "bulletin"],
        ["Online safety podcast: talking to teenagers"],
        [
            ("social_media", "people_reached", 38_000),
            ("schools", "leaflets", 12_000),
            ("social_media", "impressions", 96_000),
        ],
    ),
    (
        "Operation Henderson day of action",
        date(2022, 10, 14),
        date(2022, 10, 14),
        "With Essex Police: raise awareness of exploitation and county lines in town centres.",
        ["exploitation", "county"],
        ["events", "social_media"],
        ["Exploitation podcast: spotting county lines"],
        [("events", "events_attended", 640), ("social_media", "people_reached", 21_000)],
    ),
]


def _themes(words: list[str]) -> list[Theme]:
    found: list[Theme] = []
    for word in words:
        theme = Theme.objects.filter(name__icontains=word).order_by("pk").first()
        if theme is not None and theme not in found:
            found.append(theme)
    return found


def _usage(resource: Resource, figures: tuple[int, int, int], rng: random.Random) -> None:
    """Spread the year's figures over days, one row per day (as the counter writes them)."""
    days: dict[date, list[int]] = {}
    for index, total in enumerate(figures):
        for _ in range(total):
            day = YEAR_START + timedelta(days=rng.randrange(365))
            days.setdefault(day, [0, 0, 0])[index] += 1
    ResourceUsage.objects.bulk_create(
        ResourceUsage(resource=resource, day=day, views=v, downloads=d, plays=p)
        for day, (v, d, p) in sorted(days.items())
    )


def load(*, essex: Partnership, result) -> None:
    rng = random.Random(15)
    by_title: dict[str, Resource] = {}
    for title, kind, audiences, words, link, figures in RESOURCES:
        resource = Resource.objects.filter(partnership=essex, title=title).first()
        if resource is None:
            resource = resource_create(
                job=JOB,
                partnership=essex,
                data={
                    "title": title,
                    "kind": kind,
                    "audiences": audiences,
                    "link": link,
                    "status": "published",
                    "published_on": date(2022, 4, 1),
                    "review_on": date(2025, 3, 31),
                    "themes": _themes(words),
                    "summary": "A fictional demo resource.",
                },
            )
            _usage(resource, figures, rng)
            result.count("resources")
        by_title[title] = resource

    set_partnerships = list(Partnership.objects.filter(slug__in=SET))
    owner = User.objects.filter(email="business-unit@demo.example").first()
    owner_agency = Agency.objects.filter(partnerships=essex).order_by("pk").first()
    for title, kind, summary, status, note, versions in PROCEDURES:
        if Procedure.objects.filter(title=title).exists():
            continue
        procedure = procedure_create(
            job=JOB,
            partnerships=set_partnerships,
            title=title,
            kind=kind,
            summary=summary,
            owner=owner,
            owner_agency=owner_agency,
            review_due_on=timezone.localdate()
            + timedelta(days=45 if status == "under_review" else 300),
            themes=_themes(PROCEDURE_THEMES.get(title, [])),
        )
        for version, effective_on, change, body in versions:
            procedure_version_add(
                job=JOB,
                procedure=procedure,
                version=version,
                effective_on=effective_on,
                change_summary=change,
                approving_body=body,
            )
        if status != "current":
            procedure_status_change(job=JOB, procedure=procedure, status=status, note=note)
        result.count("procedures")

    priority = Priority.objects.filter(plan__partnership=essex, title="Neglect").first()
    campaigns: dict[str, Campaign] = {}
    for name, starts, ends, aims, words, channels, materials, reach in CAMPAIGNS:
        campaign = Campaign.objects.filter(partnership=essex, name=name).first()
        if campaign is None:
            campaign = campaign_create(
                job=JOB,
                partnership=essex,
                name=name,
                starts_on=starts,
                ends_on=ends,
                aims=aims,
                themes=_themes(words),
                channels=channels,
                materials=[by_title[m] for m in materials],
                priority=priority if name.startswith("Safer sleep") else None,
            )
            for channel, measure, figure in reach:
                campaign_reach_record(
                    job=JOB, campaign=campaign, channel=channel, measure=measure, figure=figure
                )
            result.count("campaigns")
        campaigns[name] = campaign

    activity = YouthVoiceActivity.objects.filter(partnership=essex).first()
    if activity is None:
        activity = activity_record(
            job=JOB,
            partnership=essex,
            title="Youth Voices: feeling safe online and in town",
            kind="youth_voices",
            held_on=date(2022, 9, 21),
            summary="Young people from youth groups and the children in care council talked "
            "about what makes them feel safe online and in town centres.",
            participation={
                ("11_15", "youth_group"): 18,
                ("11_15", "secondary"): 27,
                ("16_17", "college"): 11,
                ("16_17", "children_in_care"): 6,
            },
        )
        activity_record(
            job=JOB,
            partnership=essex,
            title="Primary school council consultation",
            kind="school_council",
            held_on=date(2023, 1, 18),
            participation={("under_11", "primary"): 42},
        )
        result.count("youth voice activities")
    if not YouSaidWeDid.objects.filter(partnership=essex).exists():
        board = [
            (
                "Adults don't understand the apps and games we use.",
                "Ran the online safety half-term campaign for parents, with young people's "
                "own tips.",
                "done",
                campaigns["Online safety half-term campaign"],
            ),
            (
                "We don't feel safe in some town centres after school.",
                "Joined Essex Police's Operation Henderson day of action and shared what you told "
                "us with community safety partnerships.",
                "done",
                campaigns["Operation Henderson day of action"],
            ),
            (
                "Practitioners keep changing and we have to tell our story again.",
                "Asked every agency to record the child's own words so the next worker reads them "
                "first; checking it in the next multi-agency audit.",
                "in_progress",
                None,
            ),
        ]
        for said, did, status, campaign in board:
            you_said_we_did_add(
                job=JOB,
                partnership=essex,
                you_said=said,
                we_did=did,
                status=status,
                said_on=activity.held_on,
                activity=activity,
                campaign=campaign,
            )
        result.count("you said, we did entries")
