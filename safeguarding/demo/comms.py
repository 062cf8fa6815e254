"""Demo communications for Essex: two years of monthly bulletins, their subscribers and the
"Concerned about a child?" numbers.

Follows the 2021–23 report: a monthly bulletin whose open rate rose from about 24 % to 30 %.
The past editions are recorded with their figures (as if imported from the mailing tool:
no email is sent for them); the next edition waits as a draft. Every subscriber is
fictional (made-up names at example addresses) and the telephone numbers are from the
range Ofcom keeps for drama (01632 960xxx), so nobody real is ever called or written to.
Loading again changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.comms.models import (
    Audience,
    BlockKind,
    Bulletin,
    BulletinBlock,
    BulletinLink,
    BulletinStatus,
    CommsSettings,
    ConsentSource,
    Subscriber,
    SubscriberStatus,
)
from safeguarding.planning.models import Theme

LONDON = ZoneInfo("Europe/London")
FIRST_NAMES = ["Alex", "Sam", "Jo", "Robin", "Chris", "Pat", "Jamie", "Morgan", "Taylor", "Casey"]
LAST_NAMES = [
    "Hart",
    "Patel",
    "Quinn",
    "Okafor",
    "Nowak",
    "Reid",
    "Ahmed",
    "Lewis",
    "Evans",
    "Byrne",
]
DOMAINS = {
    Audience.EDUCATION: "school.example",
    Audience.HEALTH: "health.example",
    Audience.POLICE: "police.example",
    Audience.SOCIAL_CARE: "council.example",
    Audience.VOLUNTARY: "charity.example",
    Audience.PARENTS: "home.example",
}
SUBSCRIBERS = 1500
MONTHS = 24  # April 2021 to March 2023
TOPICS = [
    "Online safety at half-term",
    "The SET bruising protocol",
    "Safer sleep for babies",
    "Operation Henderson days of action",
    "Neglect: using the toolkit",
    "Exploitation consultation",
    "Working with fathers",
    "Domestic abuse and children",
]
# The theme (by slug) each topic's edition is listed under on the theme pages.
TOPIC_THEMES = {
    "Online safety at half-term": "online_harm",
    "The SET bruising protocol": "bruising_non_mobile",
    "Safer sleep for babies": "sudi_safer_sleep",
    "Operation Henderson days of action": "criminal_exploitation",
    "Neglect: using the toolkit": "neglect",
    "Exploitation consultation": "criminal_exploitation",
    "Working with fathers": "fathers_men",
    "Domestic abuse and children": "domestic_abuse",
}


def load(*, essex: Partnership, result) -> None:
    _settings(essex, result)
    _subscribers(essex, result)
    _bulletins(essex, result)


def _settings(essex: Partnership, result) -> None:
    _, created = CommsSettings.objects.get_or_create(
        partnership=essex,
        defaults={
            "front_door_name": "Children and Families Hub",
            "front_door_phone": "01632 960 001",
            "front_door_hours": "Monday to Thursday 8:45am to 5pm, Friday 8:45am to 4:30pm",
            "out_of_hours_phone": "01632 960 002",
            "police_non_emergency": "101",
            "track_opens": True,
        },
    )
    if created:
        result.count("comms settings")


def _subscribers(essex: Partnership, result) -> None:
    if Subscriber.objects.filter(partnership=essex).exists():
        return
    rng = random.Random(2123)
    audiences = list(DOMAINS)
    now = timezone.now()
    people = []
    for n in range(SUBSCRIBERS):
        audience = audiences[n % len(audiences)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        status = SubscriberStatus.CONFIRMED
        if n % 50 == 7:
            status = SubscriberStatus.PENDING
        elif n % 60 == 11:
            status = SubscriberStatus.UNSUBSCRIBED
        people.append(
            Subscriber(
                partnership=essex,
                email=f"{first}.{last}.{n}@{DOMAINS[audience]}".lower(),
                first_name=first,
                last_name=last,
                audiences=[audience],
                status=status,
                confirmed_at=now if status != SubscriberStatus.PENDING else None,
                consent_given_at=now if status != SubscriberStatus.PENDING else None,
                consent_source=ConsentSource.IMPORT,
                consent_wording="Imported from the partnership's earlier mailing list (demo).",
                unsubscribed_at=now if status == SubscriberStatus.UNSUBSCRIBED else None,
            )
        )
    Subscriber.objects.bulk_create(people, batch_size=500)
    result.count("subscribers")


def _month(index: int) -> tuple[int, int]:
    month = 4 + index
    return 2021 + (month - 1) // 12, (month - 1) % 12 + 1


def _bulletins(essex: Partnership, result) -> None:
    rng = random.Random(2321)
    for index in range(MONTHS):
        year, month = _month(index)
        sent_at = datetime.combine(date(year, month, 3), time(9, 0), LONDON)
        title = f"Safeguarding bulletin – {sent_at:%B %Y}"
        if Bulletin.objects.filter(partnership=essex, title=title).exists():
            continue
        recipients = 1150 + index * 15
        delivered = recipients - rng.randint(5, 20)
        rate = 24 + 6 * index / (MONTHS - 1) + rng.uniform(-0.8, 0.8)
        bulletin = Bulletin.objects.create(
            partnership=essex,
            title=title,
            introduction="This month's news from the partnership.",
            status=BulletinStatus.SENT,
            sending_started_at=sent_at,
            sent_at=sent_at,
            recipients=recipients,
            delivered=delivered,
            unique_opens=round(delivered * rate / 100),
        )
        topic = TOPICS[index % len(TOPICS)]
        bulletin.themes.set(Theme.objects.filter(slug=TOPIC_THEMES[topic]))
        BulletinBlock.objects.create(
            bulletin=bulletin,
            position=1,
            kind=BlockKind.TEXT,
            heading=topic,
            body=f"What practitioners need to know about {topic.lower()}. "
            "[Read more on our website](https://essex-demo.example/news).",
        )
        BulletinLink.objects.create(
            bulletin=bulletin,
            url="https://essex-demo.example/news",
            clicks=round(delivered * rate / 100 * rng.uniform(0.15, 0.3)),
        )
        result.count("bulletins")
    draft_title = "Safeguarding bulletin – next edition"
    if not Bulletin.objects.filter(partnership=essex, title=draft_title).exists():
        draft = Bulletin.objects.create(
            partnership=essex,
            title=draft_title,
            introduction="Welcome to this month's bulletin.",
        )
        BulletinBlock.objects.create(
            bulletin=draft,
            position=1,
            kind=BlockKind.TEXT,
            heading="Online safety at half-term",
            body="Our half-termly online safety campaign starts next week.",
        )
        result.count("bulletins")
