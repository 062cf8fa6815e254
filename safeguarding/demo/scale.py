"""A national-scale, fictional, deterministic data set: ``safeguarding demo --scale N``.

The demo partnership is one partnership; a deployment for England serves about 140. This
module adds N generated partnerships beside it (``--scale national`` is 150), each with its
agencies and schools and ten years of work, written with bulk inserts so that it loads in
minutes. It exists to measure the platform at real size (``benchmarks/load.py``), never to
demonstrate it: the records are plausible in shape, not in prose.

Everything is fictional: place names are made from syllables, people from common first names
and surnames, children are "Child" and a letter. The same N gives the same data (a seeded
random generator), and running it again adds nothing (partnerships already there are skipped).

What each generated partnership gets (with the defaults):

* 4 localities, 300 agencies (the three statutory partners among them) and 550 schools;
* 70 people (a business unit, a chair, agency leads and practitioners) with their roles;
* a board with 6 meetings a year for 10 years, and 5 published key messages per meeting;
* 8 serious incident notifications a year, each with a rapid review; one in four leads to a
  local review (published when old enough) with 5 recommendations, half closed;
* 80 training sessions a year over 40 courses, with 12 bookings each (attended when past);
* a Section 11 campaign every two years and a schools (Section 175) campaign every year, with
  one return per agency asked;
* key-data indicators with a value for every year;
* a monthly bulletin, sent, whose open rate rises over the years (no per-subscriber rows: the
  edition keeps its own figures, as a sent edition does);
* 40 resources in the library with a month's usage each month;
* child deaths reviewed by a child death overview panel that three neighbouring partnerships
  share (partnerships 1-3, 4-6 and so on: the joint arrangement a CDOP has), about 25 a year
  for the group, most reviewed by the panel with a category.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from safeguarding.accounts.models import (
    Agency,
    AgencyMembership,
    Locality,
    Partnership,
    RoleAssignment,
    User,
)
from safeguarding.assurance.models import AuditReturn, AuditTemplate, Campaign, TemplateVersion
from safeguarding.childdeaths.models import Category, ChildDeath, age_band_for
from safeguarding.comms.models import Bulletin, BulletinBlock
from safeguarding.governance.models import Body, KeyMessage, Meeting
from safeguarding.governance.services.key_messages import title_key
from safeguarding.library.models import Resource, ResourceUsage
from safeguarding.library.services.resources import title_key as resource_title_key
from safeguarding.performance.models import Area, Indicator, IndicatorValue, Period
from safeguarding.reviews.models import Notification, RapidReview, Recommendation, Review
from safeguarding.training.models import Booking, Course, Session

NATIONAL = 150
SLUG_PREFIX = "scale-"
BATCH = 2000

FIRST_NAMES = (
    "Alex Amira Ben Chloe Daniel Ella Faisal Grace Harry Isla Jack Jade Kai Leah Liam Maya "
    "Noah Olivia Omar Priya Rosa Ryan Sara Sam Tom Zara"
).split()
SURNAMES = (
    "Adams Baker Clarke Davies Evans Green Hall Hughes Jones Khan Lewis Moore Patel Price "
    "Roberts Shah Smith Taylor Turner Walker Ward White Wilson Wood Wright Young"
).split()
SYLLABLES = (
    "ash brook cal dene fen gate holm kirk lea mere nor oak pen ridge stow thorn wick".split()
)
ENDINGS = "field ford ham ley minster shire ton worth".split()
THEMES = [
    "Neglect",
    "Safer sleep",
    "Domestic abuse",
    "Criminal exploitation",
    "Professional curiosity",
    "Information sharing",
    "Voice of the child",
    "Bruising in non-mobile babies",
]


@dataclass
class ScaleResult:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int) -> None:
        self.created[what] = self.created.get(what, 0) + n


def parse_scale(value: str) -> int:
    """``national`` or a number of partnerships (1 to 1,000)."""
    if value == "national":
        return NATIONAL
    try:
        n = int(value)
    except ValueError:
        raise ValueError(
            f"--scale {value!r} is not understood: give 'national' ({NATIONAL} partnerships) "
            "or a number of partnerships such as 10"
        ) from None
    if not 1 <= n <= 1000:
        raise ValueError(f"--scale {n}: give between 1 and 1000 partnerships")
    return n


def load_scale(n: int, *, years: int = 10, today: datetime.date | None = None) -> ScaleResult:
    """Add generated partnerships 1..n that are not there yet; one transaction each."""
    today = today or timezone.localdate()
    result = ScaleResult()
    existing = set(
        Partnership.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    shared = _shared(today, years)
    for number in range(1, n + 1):
        slug = f"{SLUG_PREFIX}{number:03d}"
        if slug in existing:
            continue
        with transaction.atomic():
            _partnership(number, slug, shared, years, today, result)
    if result.created:
        # Planner statistics for what was just bulk-inserted, as autovacuum would gather them
        # on a live server in its own time: without them PostgreSQL planned "your training"
        # and the audit returns as scans of every partnership's rows (docs/performance.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return result


@dataclass
class _Shared:
    periods: list[Period]
    s11: TemplateVersion
    schools: TemplateVersion


def _shared(today: datetime.date, years: int) -> _Shared:
    """What every generated partnership uses: financial-year periods and two templates."""
    first = today.year - years
    periods = []
    for year in range(first, today.year + 1):
        period, _ = Period.objects.get_or_create(
            type="financial_year",
            code=f"FY{year}",
            defaults={
                "start": datetime.date(year, 4, 1),
                "end": datetime.date(year + 1, 3, 31),
                "year": year,
            },
        )
        periods.append(period)
    versions = []
    for kind, name in (("section_11", "Section 11 (scale)"), ("schools", "Section 175 (scale)")):
        template, _ = AuditTemplate.objects.get_or_create(
            slug=f"scale-{kind.replace('_', '-')}", defaults={"name": name, "kind": kind}
        )
        version, _ = TemplateVersion.objects.get_or_create(
            template=template, number=1, defaults={"status": "published"}
        )
        versions.append(version)
    return _Shared(periods, *versions)


def _place(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()


AREA_PREFIXES = ("", "North ", "South ", "East ", "West ", "Great ", "Upper ", "Lower ")


def area_name(number: int) -> str:
    """The area of generated partnership ``number`` (1 to 1,000): every number has its own,
    as partnership names are unique (a syllable and an ending, then "North …" and so on)."""
    index = number - 1
    combinations = len(SYLLABLES) * len(ENDINGS)
    prefix = AREA_PREFIXES[index // combinations]
    rest = index % combinations
    return (
        prefix + (SYLLABLES[rest % len(SYLLABLES)] + ENDINGS[rest // len(SYLLABLES)]).capitalize()
    )


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _bulk(model, rows: list, result: ScaleResult, label: str) -> list:
    made = model.objects.bulk_create(rows, batch_size=BATCH)
    result.add(label, len(made))
    return made


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _partnership(number, slug, shared: _Shared, years, today, result: ScaleResult) -> None:
    rng = random.Random(number)
    area = area_name(number)
    partnership = Partnership.objects.create(
        name=f"{area} Safeguarding Children Partnership",
        slug=slug,
        area=area,
        contact_line="0300 000 0000",
        contact_email=f"business.unit@{slug}.example",
    )
    result.add("partnerships", 1)
    localities = _bulk(
        Locality,
        [
            Locality(partnership=partnership, name=f"{area} {side}")
            for side in "North South East West".split()
        ],
        result,
        "localities",
    )
    agencies = _agencies(rng, area, localities, partnership, result)
    statutory, schools, others = agencies
    people = _people(rng, slug, partnership, statutory + others, result)
    _governance(rng, partnership, years, today, result)
    _reviews(rng, partnership, statutory, people, years, today, result)
    _training(rng, partnership, statutory + others + schools, years, today, result)
    _assurance(partnership, shared, others, schools, years, today, result)
    _performance(rng, partnership, localities, shared, result)
    _comms(rng, partnership, years, today, result)
    _library(rng, partnership, years, today, result)
    _child_deaths(rng, number, partnership, statutory, people, years, today, result)


def _agencies(rng, area, localities, partnership, result):
    rows = [
        Agency(
            name=f"{area} Council",
            type="local_authority",
            sector="local_authority",
            is_statutory_partner=True,
        ),
        Agency(name=f"{area} Police", type="police", sector="police", is_statutory_partner=True),
        Agency(
            name=f"{area} Integrated Care Board",
            type="icb",
            sector="health",
            is_statutory_partner=True,
        ),
    ]
    kinds = [
        ("health_provider", "health", "Health Services"),
        ("voluntary", "voluntary", "Community Trust"),
        ("district_council", "district", "District Council"),
        ("youth_justice", "local_authority", "Youth Justice Service"),
        ("other", "other", "Housing Association"),
    ]
    for i in range(297):
        kind, sector, suffix = kinds[i % len(kinds)]
        rows.append(
            Agency(
                name=f"{_place(rng)} {suffix} {i + 1} ({area})",
                type=kind,
                sector=sector,
                locality=localities[i % 4],
            )
        )
    phases = [
        ("primary", "maintained"),
        ("primary", "academy"),
        ("secondary", "academy"),
        ("special", "maintained"),
        ("early_years", "early_years"),
    ]
    for i in range(550):
        phase, school_type = phases[i % len(phases)]
        label = (
            "Primary School"
            if phase == "primary"
            else {"secondary": "Academy", "special": "Special School", "early_years": "Nursery"}[
                phase
            ]
        )
        rows.append(
            Agency(
                name=f"{_place(rng)} {label} {i + 1} ({area})",
                type="school",
                sector="education",
                school_phase=phase,
                school_type=school_type,
                locality=localities[i % 4],
            )
        )
    made = _bulk(Agency, rows, result, "agencies and schools")
    through = Agency.partnerships.through
    through.objects.bulk_create(
        [through(agency_id=a.pk, partnership_id=partnership.pk) for a in made], batch_size=BATCH
    )
    return made[:3], made[300:], made[3:300]


def _people(rng, slug, partnership, agencies, result):
    specs = [("business_unit", None), ("chair", None)]
    specs += [("agency_lead", agencies[i]) for i in range(20)]
    specs += [("practitioner", agencies[i % len(agencies)]) for i in range(48)]
    users = _bulk(
        User,
        [
            User(
                email=f"person{i}@{slug}.example",
                full_name=_person(rng),
                password="!",
                job_title=role.replace("_", " ").capitalize(),
            )
            for i, (role, _) in enumerate(specs)
        ],
        result,
        "people",
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=user, partnership=partnership, role=role, agency=agency)
            for user, (role, agency) in zip(users, specs, strict=True)
        ],
        batch_size=BATCH,
    )
    AgencyMembership.objects.bulk_create(
        [
            AgencyMembership(user=user, agency=agency, is_primary=True)
            for user, (_, agency) in zip(users, specs, strict=True)
            if agency
        ],
        batch_size=BATCH,
    )
    return users


def _governance(rng, partnership, years, today, result):
    board = Body.objects.create(name=f"{partnership.area} Executive Board", type="executive")
    board.partnerships.add(partnership)
    meetings = []
    for year in range(today.year - years, today.year + 1):
        for month in (1, 3, 5, 7, 9, 11):
            day = datetime.date(year, month, 10)
            if day <= today:
                meetings.append(Meeting(body=board, starts_at=_aware(day)))
    meetings = _bulk(Meeting, meetings, result, "meetings")
    messages = []
    for meeting in meetings:
        day = meeting.starts_at.date()
        for position in range(5):
            title = f"{rng.choice(THEMES)}: update {position + 1}"
            body = (
                f"The board discussed {title.lower()} and agreed what partners will do next. "
                "Practitioners should read the briefing and talk to their safeguarding lead."
            )
            messages.append(
                KeyMessage(
                    partnership=partnership,
                    meeting=meeting,
                    meeting_date=day,
                    meeting_title="Executive Board",
                    title=title,
                    title_key=title_key(title),
                    body=body,
                    body_html=f'<p class="govuk-body">{body}</p>',
                    position=position,
                    status="published",
                    published_at=_aware(day, 17),
                    source="scale",
                )
            )
    _bulk(KeyMessage, messages, result, "key messages")


def _reviews(rng, partnership, statutory, people, years, today, result):
    owner = people[0]
    notifications, rapid, reviews, recommendations = [], [], [], []
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    for year in range(today.year - years, today.year + 1):
        for i in range(8):
            aware = datetime.date(year, 1 + i * 1 + (i // 2), 5 + i)
            if aware > today:
                continue
            notifications.append(
                Notification(
                    partnership=partnership,
                    reference=f"{partnership.slug}-{year}-{i + 1}",
                    child_pseudonym=f"Child {letters[(year + i) % len(letters)]}",
                    age_band=rng.choice(["under_1", "1_5", "6_10", "11_15", "16_17"]),
                    sex=rng.choice(["female", "male"]),
                    nature=rng.choice(["death", "serious_harm"]),
                    became_aware_on=aware,
                    notified_on=aware + datetime.timedelta(days=3),
                )
            )
    notifications = _bulk(Notification, notifications, result, "notifications")
    for n in notifications:
        decided = n.became_aware_on + datetime.timedelta(days=15)
        rapid.append(
            RapidReview(
                notification=n,
                partnership=partnership,
                clock_start_event="notification",
                clock_start_on=n.notified_on,
                meeting_on=decided - datetime.timedelta(days=2),
                decision="local_review" if n.pk % 4 == 0 else "no_further_action",
                decided_on=decided if decided <= today else None,
            )
        )
    rapid = _bulk(RapidReview, rapid, result, "rapid reviews")
    for r in rapid:
        if r.decision != "local_review" or not r.decided_on:
            continue
        published = r.decided_on + datetime.timedelta(days=300)
        reviews.append(
            Review(
                partnership=partnership,
                kind="local",
                rapid_review=r,
                decided_on=r.decided_on,
                title=f"Local review: {r.notification.child_pseudonym} ({r.decided_on.year})",
                status="published" if published <= today else "in_progress",
                published_on=published if published <= today else None,
                summary="A local child safeguarding practice review.",
            )
        )
    reviews = _bulk(Review, reviews, result, "reviews")
    for review in reviews:
        made = review.decided_on + datetime.timedelta(days=280)
        for number in range(1, 6):
            closed = made + datetime.timedelta(days=365)
            is_closed = number % 2 == 0 and closed <= today
            recommendations.append(
                Recommendation(
                    review=review,
                    number=number,
                    made_on=made,
                    text=f"Partners should strengthen {rng.choice(THEMES).lower()} practice.",
                    owner_agency=statutory[number % 3],
                    owner_person=owner,
                    target_on=made + datetime.timedelta(days=270),
                    update_due_on=made + datetime.timedelta(days=90),
                    status="closed" if is_closed else "open",
                    impact_grade=rng.choice(["strong", "some"]) if is_closed else "",
                    closed_on=closed if is_closed else None,
                )
            )
    _bulk(Recommendation, recommendations, result, "recommendations")


def _training(rng, partnership, agencies, years, today, result):
    courses = _bulk(
        Course,
        [
            Course(
                partnership=partnership,
                title=f"{THEMES[i % len(THEMES)]} (level {1 + i % 3})",
                summary="A multi-agency course.",
                level=str(1 + i % 3),
                format=["face_to_face", "virtual"][i % 2],
                duration_minutes=180,
                is_published=True,
            )
            for i in range(40)
        ],
        result,
        "courses",
    )
    sessions = []
    for year in range(today.year - years, today.year + 2):
        for i in range(80):
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=i * 4 + 7)
            sessions.append(
                Session(
                    course=courses[i % 40],
                    starts_at=_aware(day, 9),
                    ends_at=_aware(day, 12),
                    capacity=20,
                    places_taken=12,
                    venue=f"{partnership.area} training room",
                )
            )
    sessions = _bulk(Session, sessions, result, "training sessions")
    bookings = []
    for session in sessions:
        past = session.starts_at.date() < today
        for seat in range(12):
            agency = agencies[(session.pk + seat) % len(agencies)]
            name = _person(rng)
            bookings.append(
                Booking(
                    session=session,
                    full_name=name,
                    agency=agency,
                    email=f"learner{session.pk}-{seat}@{partnership.slug}.example",
                    organisation=agency.name,
                    job_role="Practitioner",
                    sector=agency.sector,
                    status="booked",
                    attendance="attended" if past and seat % 6 else ("absent" if past else ""),
                )
            )
    _bulk(Booking, bookings, result, "bookings")


def _assurance(partnership, shared: _Shared, others, schools, years, today, result):
    campaigns, returns = [], []
    for year in range(today.year - years, today.year + 1):
        plans = [(shared.schools, schools, "Section 175 schools audit")]
        if year % 2 == 0:
            plans.append((shared.s11, others[:120], "Section 11 audit"))
        for version, asked, title in plans:
            opens = datetime.date(year, 9, 1)
            if opens > today:
                continue
            closes = datetime.date(year, 12, 1)
            campaigns.append(
                (
                    Campaign(
                        partnership=partnership,
                        title=f"{title} {year}",
                        version=version,
                        opens_on=opens,
                        closes_on=closes,
                        status="closed" if closes < today else "open",
                    ),
                    asked,
                )
            )
    made = _bulk(Campaign, [c for c, _ in campaigns], result, "audit campaigns")
    for campaign, (_, asked) in zip(made, campaigns, strict=True):
        for i, agency in enumerate(asked):
            submitted = i % 10 != 0
            returns.append(
                AuditReturn(
                    campaign=campaign,
                    agency=agency,
                    status="submitted" if submitted else "not_started",
                    submitted_at=_aware(campaign.closes_on - datetime.timedelta(days=5))
                    if submitted
                    else None,
                )
            )
    _bulk(AuditReturn, returns, result, "audit returns")


def _performance(rng, partnership, localities, shared: _Shared, result):
    area = Area.objects.create(
        kind="local_authority", name=partnership.area, slug=f"{partnership.slug}-area"
    )
    indicators = _bulk(
        Indicator,
        [
            Indicator(
                partnership=partnership, key=key, name=name, in_key_data=True, key_data_order=i
            )
            for i, (key, name) in enumerate(
                [
                    ("cin-rate", "Children in need per 10,000"),
                    ("cp-rate", "Child protection plans per 10,000"),
                    ("cla-rate", "Children looked after per 10,000"),
                    ("referral-rate", "Referrals per 10,000"),
                    ("re-referrals", "Re-referrals within 12 months (%)"),
                ]
            )
        ],
        result,
        "indicators",
    )
    values = [
        IndicatorValue(
            indicator=indicator, area=area, period=period, value=Decimal(rng.randint(200, 900)) / 10
        )
        for indicator in indicators
        for period in shared.periods
    ]
    _bulk(IndicatorValue, values, result, "indicator values")


def _months(years: int, today: datetime.date):
    """The first day of every month from ``years`` years ago to this month."""
    year, month = today.year - years, today.month
    while (year, month) <= (today.year, today.month):
        yield datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _comms(rng, partnership, years, today, result):
    months = [m for m in _months(years, today) if m + datetime.timedelta(days=6) < today]
    bulletins = []
    for i, month in enumerate(months):
        sent = _aware(month + datetime.timedelta(days=6), 9)
        recipients = 1500 + 10 * i
        rate = 0.22 + 0.08 * i / max(len(months) - 1, 1)
        bulletins.append(
            Bulletin(
                partnership=partnership,
                title=f"{partnership.area} safeguarding bulletin, {month:%B %Y}",
                introduction="This month's learning, courses and key messages.",
                status="sent",
                sending_started_at=sent,
                sent_at=sent,
                recipients=recipients,
                delivered=recipients - rng.randint(5, 30),
                unique_opens=int(recipients * rate),
            )
        )
    bulletins = _bulk(Bulletin, bulletins, result, "bulletins")
    _bulk(
        BulletinBlock,
        [
            BulletinBlock(
                bulletin=bulletin,
                position=position,
                heading=f"{rng.choice(THEMES)}: what practitioners need to know",
                body="Read the briefing and talk to your safeguarding lead.",
            )
            for bulletin in bulletins
            for position in range(4)
        ],
        result,
        "bulletin blocks",
    )


RESOURCE_KINDS = ["guidance", "practice_tool", "leaflet", "podcast", "video", "briefing", "link"]


def _library(rng, partnership, years, today, result):
    first = datetime.date(today.year - years, 1, 1)
    resources = []
    for i in range(40):
        title = f"{THEMES[i % len(THEMES)]}: {RESOURCE_KINDS[i % 7].replace('_', ' ')} {i + 1}"
        resources.append(
            Resource(
                partnership=partnership,
                title=title,
                title_key=resource_title_key(title),
                kind=RESOURCE_KINDS[i % 7],
                summary="A resource for practitioners across the partnership.",
                audiences=["practitioners"],
                link=f"https://{partnership.slug}.example/resources/{i + 1}",
                status="under_review" if i % 13 == 0 else "published",
                published_on=first + datetime.timedelta(days=30 * i),
                review_on=first + datetime.timedelta(days=30 * i + 365 * 2),
            )
        )
    resources = _bulk(Resource, resources, result, "resources")
    usage = [
        ResourceUsage(
            resource=resource,
            day=month,
            views=rng.randint(5, 60),
            downloads=rng.randint(0, 20),
            plays=rng.randint(0, 15) if resource.kind in ("podcast", "video") else 0,
        )
        for resource in resources
        for month in _months(years, today)
        if month >= resource.published_on
    ]
    _bulk(ResourceUsage, usage, result, "resource usage days")


CHILD_AGES = [(3, 0.3), (100, 0.15), (900, 0.15), (2500, 0.1), (4500, 0.12), (5800, 0.18)]


def _child_deaths(rng, number, partnership, statutory, people, years, today, result):
    """Deaths of the joint CDOP group (three neighbouring partnerships): each partnership
    records the deaths of its own children and shares each with the group, so the group's
    panel sees about 25 a year. A partnership generated later joins the deaths of the group
    members generated before it."""
    group = [
        p.pk
        for p in Partnership.objects.filter(
            slug__in=[
                f"{SLUG_PREFIX}{n:03d}"
                for n in range(3 * ((number - 1) // 3) + 1, 3 * ((number - 1) // 3) + 4)
            ]
        )
    ]
    categories = list(Category.values)
    ages, weights = zip(*CHILD_AGES, strict=True)
    deaths = []
    for year in range(today.year - years, today.year + 1):
        for i in range(8):
            died = datetime.date(year, 1 + (i * 3 + number) % 12, 1 + (i * 7) % 27)
            notified = died + datetime.timedelta(days=rng.randint(0, 3))
            if notified > today:
                continue
            days = rng.choices(ages, weights)[0] + rng.randint(0, 40)
            reviewed = died + datetime.timedelta(days=rng.randint(150, 400))
            is_reviewed = reviewed <= today
            expected = rng.random() < 0.45
            deaths.append(
                ChildDeath(
                    reference=f"CD-{partnership.slug}-{year}-{i + 1:02d}",
                    age_at_death_days=days,
                    age_band=age_band_for(days),
                    sex=rng.choice(["female", "male"]),
                    ethnicity=rng.choice(["white", "white", "white", "mixed", "asian", "black"]),
                    place=rng.choice(["hospital", "hospital", "home", "hospice", "public_place"]),
                    died_on=died,
                    notified_on=notified,
                    expected=expected,
                    notifying_agency=statutory[2],
                    response_started_on=None if expected else notified,
                    meeting_on=died + datetime.timedelta(days=90),
                    status="reviewed" if is_reviewed else "notified",
                    panel_meeting_label="Child Death Overview Panel" if is_reviewed else "",
                    panel_meeting_on=reviewed if is_reviewed else None,
                    panel_theme="neonatal" if days < 28 else "",
                    panel_reviewed_on=reviewed if is_reviewed else None,
                    category=rng.choice(categories) if is_reviewed else "",
                    modifiable=(rng.random() < 0.3) if is_reviewed else None,
                    recorded_by=people[0],
                )
            )
    deaths = _bulk(ChildDeath, deaths, result, "child deaths")
    through = ChildDeath.partnerships.through
    earlier = through.objects.filter(
        partnership_id__in=[pk for pk in group if pk != partnership.pk]
    ).values_list("childdeath_id", flat=True)
    rows = [through(childdeath_id=pk, partnership_id=partnership.pk) for pk in set(earlier)]
    rows += [through(childdeath_id=death.pk, partnership_id=pk) for death in deaths for pk in group]
    through.objects.bulk_create(rows, batch_size=BATCH)
