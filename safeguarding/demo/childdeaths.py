"""Demo child deaths: two years of fictional cases across Southend, Essex and Thurrock, the
SET Child Death Overview Panel's monthly meetings (some themed), agency reports, panel
reviews and recommendations; and the cases the panel reviewed from April 2021 to March 2023
(dated, for the published 2021–23 yearly report). Deterministic (fixed seeds) and idempotent.

Cases are references only (CD-SET-2025-014); no child, family or practitioner is real."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from safeguarding.accounts import services as account_services
from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.childdeaths import services
from safeguarding.childdeaths.models import (
    AgencyReport,
    CdopRecommendation,
    ChildDeath,
    Domain,
    ModifiableFactor,
    Status,
    age_band_for,
)
from safeguarding.governance.models import Body, Meeting
from safeguarding.governance.services import bodies as body_services
from safeguarding.planning.models import Theme

JOB = "demo"
CDOP = "SET Child Death Overview Panel"
LONDON = ZoneInfo("Europe/London")
THEMES = {2: "neonatal", 5: "suicide", 8: "life_limiting", 11: "sudi"}
# (category, expected, age in days range, place, themed panel it suits)
PROFILES = [
    ("perinatal", True, (0, 27), "hospital"),
    ("perinatal", False, (0, 27), "hospital"),
    ("chromosomal", True, (0, 300), "hospital"),
    ("sudden", False, (28, 364), "home"),
    ("infection", False, (28, 2000), "hospital"),
    ("malignancy", True, (1000, 6000), "hospice"),
    ("chronic", True, (400, 6000), "hospice"),
    ("acute", False, (300, 6000), "hospital"),
    ("trauma", False, (1500, 6500), "public_place"),
    ("suicide", False, (4500, 6500), "home"),
    ("deliberate", False, (30, 3000), "home"),
]
LEARNING = {
    "sudden": "Safer sleep advice at every contact; co-sleeping after alcohol is the main risk.",
    "suicide": "Share concerns between school, CAMHS and primary care within the week.",
    "trauma": "Water safety messages to young people before the summer holidays.",
    "infection": "Parents need clear advice on when to seek help for a feverish baby.",
}

# Where the panel found modifiable factors in the family, the practice theme its learning
# touches, in turn (ADR 0041): so the theme pages of these themes count child deaths too.
FAMILY_THEMES = ("Domestic abuse", "Parental mental health", "Parental substance misuse")


def _tag_learning_themes(death: ChildDeath, number: int, modifiable: dict) -> None:
    if modifiable.get(Domain.FAMILY):
        name = FAMILY_THEMES[number % len(FAMILY_THEMES)]
        death.themes.set(Theme.objects.filter(name=name))


def _chair(essex: Partnership) -> User:
    chair = User.objects.get(email="cdop@demo.example")
    for slug in ("southend", "thurrock"):
        partnership = Partnership.objects.get(slug=slug)
        if not chair.role_assignments.filter(partnership=partnership, role="cdop_chair").exists():
            account_services.role_assign(
                job=JOB, user=chair, partnership=partnership, role="cdop_chair", agency=None
            )
    return chair


def _panel(partnerships, result) -> list[Meeting]:
    body = Body.objects.filter(name=CDOP).first()
    if body is None:
        result.count("bodies")
        body = body_services.body_create(
            job=JOB,
            partnerships=partnerships,
            name=CDOP,
            short_name="CDOP",
            type="joint",
            purpose="One monthly SET panel reviews the death of every child who lived in "
            "Southend, Essex or Thurrock; some meetings are themed.",
            quorum_minimum=3,
            meeting_frequency="monthly",
        )
    today = timezone.localdate()
    meetings = []
    for back in range(24, -2, -1):
        month = (today.replace(day=1) - datetime.timedelta(days=back * 30)).replace(day=15)
        starts = datetime.datetime.combine(month, datetime.time(10, 0), tzinfo=LONDON)
        meeting, _ = Meeting.objects.get_or_create(
            body=body, starts_at=starts, defaults={"location": "Virtual (Teams)"}
        )
        meetings.append(meeting)
    return meetings


# The earlier years' cases the panel reviewed from April 2021 to March 2023, before the
# platform's own panel meetings: they are what the published 2021–23 yearly report counts
# (reviewed in its period), so they are dated, not counted back from today.
EARLIER_FIRST_DEATH = datetime.date(2020, 12, 1)
EARLIER_CASES = 48


def _earlier_years(partnerships, chair: User, health: Agency, result) -> None:
    references = [
        f"CD-SET-{(EARLIER_FIRST_DEATH + datetime.timedelta(days=(n - 101) * 14)).year}-{n:03d}"
        for n in range(101, 101 + EARLIER_CASES)
    ]
    if ChildDeath.objects.filter(reference__in=references).exists():
        return
    rng = random.Random(21)
    for number, reference in enumerate(references, start=101):
        died_on = EARLIER_FIRST_DEATH + datetime.timedelta(days=(number - 101) * 14)
        category, expected, (low, high), place = rng.choice(PROFILES)
        home = rng.choices(partnerships, weights=[6, 2, 2])[0]
        # Reviewed at the panel's monthly meeting four to six months after the death.
        month = died_on + datetime.timedelta(days=rng.randint(120, 180))
        reviewed = month.replace(day=15)
        modifiable = {
            d: rng.random() < (0.4 if d == Domain.FAMILY else 0.15) for d in Domain.values
        }
        death = ChildDeath.objects.create(
            reference=reference,
            age_at_death_days=(days := rng.randint(low, high)),
            age_band=age_band_for(days),
            sex=rng.choice(["female", "male"]),
            ethnicity=rng.choices(["white", "asian", "black", "mixed", "other"], [7, 1, 1, 1, 1])[
                0
            ],
            place=place,
            died_on=died_on,
            notified_on=died_on + datetime.timedelta(days=rng.choice([0, 1, 1, 2, 3])),
            expected=expected,
            notifying_agency=health,
            response_started_on=None if expected else died_on + datetime.timedelta(days=1),
            response_attendees="" if expected else "Paediatrician, police, children's social care",
            recorded_by=chair,
            status=Status.CLOSED,
            panel_meeting_label=f"{CDOP}, {reviewed.day} {reviewed:%B %Y}",
            panel_meeting_on=reviewed,
            panel_theme=THEMES.get(reviewed.month, ""),
            panel_reviewed_on=reviewed,
            category=category,
            modifiable=any(modifiable.values()),
            learning_points=LEARNING.get(category, ""),
            closed_on=reviewed + datetime.timedelta(days=30),
        )
        death.partnerships.set([home] if rng.random() < 0.8 else partnerships)
        asked_on = death.notified_on + datetime.timedelta(days=2)
        AgencyReport.objects.create(
            child_death=death,
            agency=health,
            requested_on=asked_on,
            due_on=asked_on + datetime.timedelta(days=28),
            submitted_on=asked_on + datetime.timedelta(days=rng.randint(10, 28)),
            text="What the agency knew of the child and family (fictional).",
        )
        ModifiableFactor.objects.bulk_create(
            [
                ModifiableFactor(child_death=death, domain=d, modifiable=m)
                for d, m in modifiable.items()
            ]
        )
        _tag_learning_themes(death, number, modifiable)
        result.count("child deaths")


def load(*, essex: Partnership, result) -> None:
    chair = _chair(essex)
    partnerships = [essex, *Partnership.objects.filter(slug__in=["southend", "thurrock"])]
    meetings = _panel(partnerships, result)
    _earlier_years(
        partnerships,
        chair,
        Agency.objects.get(name="Mid and South Essex NHS Foundation Trust"),
        result,
    )
    # The recent cases are made together, ending with the one new death: once it exists,
    # they all do.
    if ChildDeath.objects.filter(reference="CD-SET-NEW-001").exists():
        return
    rng = random.Random(19)
    today = timezone.localdate()
    health = Agency.objects.get(name="Mid and South Essex NHS Foundation Trust")
    others = list(
        Agency.objects.filter(
            name__in=[
                "Essex Police",
                "Essex County Council",
                "East of England Ambulance Service NHS Trust",
                "Southend-on-Sea City Council",
                "Thurrock Council",
            ]
        )
    )
    lead = User.objects.get(email="health-lead@demo.example")
    for number in range(1, 61):
        died_on = today - datetime.timedelta(days=730 - number * 12 + rng.randint(0, 6))
        category, expected, (low, high), place = rng.choice(PROFILES)
        home = rng.choices(partnerships, weights=[6, 2, 2])[0]
        shared = [home] if rng.random() < 0.8 else partnerships
        death = ChildDeath.objects.create(
            reference=f"CD-SET-{died_on.year}-{number:03d}",
            age_at_death_days=(days := rng.randint(low, high)),
            age_band=age_band_for(days),
            sex=rng.choice(["female", "male"]),
            ethnicity=rng.choices(["white", "asian", "black", "mixed", "other"], [7, 1, 1, 1, 1])[
                0
            ],
            place=place,
            died_on=died_on,
            notified_on=died_on + datetime.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5])),
            expected=expected,
            notifying_agency=health,
            response_started_on=None if expected else died_on + datetime.timedelta(days=1),
            response_attendees="" if expected else "Paediatrician, police, children's social care",
            recorded_by=chair,
        )
        death.partnerships.set(shared)
        result.count("child deaths")
        asked_on = death.notified_on + datetime.timedelta(days=2)
        for agency in [health, *rng.sample(others, 2)]:
            submitted = asked_on + datetime.timedelta(days=rng.randint(10, 40))
            AgencyReport.objects.create(
                child_death=death,
                agency=agency,
                requested_on=asked_on,
                due_on=asked_on + datetime.timedelta(days=28),
                submitted_on=submitted if submitted < today else None,
                text="What the agency knew of the child and family (fictional)."
                if submitted < today
                else "",
                submitted_by=lead if submitted < today and agency == health else None,
            )
        panel = next((m for m in meetings if m.date > died_on + datetime.timedelta(days=120)), None)
        if panel is None or panel.date > today:
            continue
        reviewed = panel.date
        modifiable = {
            d: rng.random() < (0.4 if d == Domain.FAMILY else 0.15) for d in Domain.values
        }
        ChildDeath.objects.filter(pk=death.pk).update(
            status=Status.CLOSED
            if reviewed < today - datetime.timedelta(days=60)
            else Status.REVIEWED,
            panel_meeting_id=panel.pk,
            panel_meeting_label=str(panel),
            panel_meeting_on=panel.date,
            panel_theme=THEMES.get(panel.date.month, ""),
            panel_reviewed_on=reviewed,
            category=category,
            modifiable=any(modifiable.values()),
            learning_points=LEARNING.get(category, ""),
        )
        ModifiableFactor.objects.bulk_create(
            [
                ModifiableFactor(child_death=death, domain=d, modifiable=m)
                for d, m in modifiable.items()
            ]
        )
        _tag_learning_themes(death, number, modifiable)
        if category in LEARNING and number % 3 == 0:
            CdopRecommendation.objects.create(
                child_death=death,
                text=LEARNING[category],
                owner_agency=health,
                target_on=reviewed + datetime.timedelta(days=180),
            )
    # One new death, recorded through the pages' services, waiting for its reports.
    services.child_death_record(
        actor=chair,
        reference="CD-SET-NEW-001",
        partnership_ids=[essex.pk],
        age_at_death_days=95,
        sex="male",
        ethnicity="white",
        place="home",
        died_on=today - datetime.timedelta(days=9),
        notified_on=today - datetime.timedelta(days=8),
        expected=False,
        notifying_agency=health,
    )
    death = ChildDeath.objects.get(reference="CD-SET-NEW-001")
    services.report_request(actor=chair, death=death, agencies=[health, *others[:2]])
