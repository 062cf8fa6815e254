"""Demo learning and development for Essex: the 2022–23 programme and what comes next.

Follows the Essex Safeguarding Children Board's 2021–23 report: about 80 opportunities to
over 1,700 people, core training at levels 1, 2 and 3, webinars funded by the Violence and
Vulnerability Unit and run with Southend and Thurrock, trauma-informed courses, reducing
parental conflict (Department for Work and Pensions funding), author briefings, the
October 2022 non-accidental injury conference (402 people), an online safety live briefing,
discounts for ECVYS members, and the community and voluntary sector as the largest group.

Every attendee is fictional (made-up names at example addresses). Everything goes through
the training services; loading again changes nothing (courses, sessions and attendees are
looked up before they are made).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.planning.models import Priority, Theme
from safeguarding.training import services
from safeguarding.training.dates import add_months
from safeguarding.training.models import (
    Booking,
    Course,
    MemberGroup,
    Session,
)

JOB = "demo"
LONDON = ZoneInfo("Europe/London")
IMPORTED = "Recorded from the 2022–23 booking records"

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dan",
    "Ella",
    "Femi",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Kiran",
    "Leah",
    "Mo",
    "Niamh",
    "Oscar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Vic",
    "Wes",
    "Yasmin",
    "Zak",
    "Amelia",
    "Callum",
    "Demi",
    "Eitan",
    "Freya",
    "Gus",
    "Hana",
    "Ivo",
    "Jade",
    "Kofi",
    "Lola",
    "Milo",
    "Nell",
    "Omar",
    "Pia",
]
SURNAMES = [
    "Adebayo",
    "Baker",
    "Carter",
    "Dunn",
    "Evans",
    "Fletcher",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Murphy",
    "Nowak",
    "Owen",
    "Patel",
    "Quigley",
    "Reid",
    "Shah",
    "Turner",
    "Usman",
    "Vaughan",
    "Walsh",
    "Young",
    "Zielinska",
    "Ahmed",
    "Brooks",
    "Cole",
    "Doyle",
    "Ellis",
    "Foster",
    "Grant",
    "Hart",
    "Ingram",
    "Jarvis",
    "Kaur",
    "Lowe",
    "Mills",
    "Nash",
    "Okoro",
    "Price",
    "Rowe",
    "Stone",
    "Tran",
    "Webb",
]
# Sector mix of delegates: the community and voluntary sector is the largest group.
SECTOR_WEIGHTS = [
    ("voluntary", 34),
    ("education", 24),
    ("health", 15),
    ("local_authority", 13),
    ("district", 6),
    ("police", 5),
    ("other", 3),
]
ROLES = {
    "voluntary": ["Youth worker", "Volunteer coordinator", "Family support worker", "Scout leader"],
    "education": ["Teacher", "Deputy designated safeguarding lead", "Teaching assistant"],
    "health": ["Health visitor", "School nurse", "Practice nurse", "Midwife"],
    "local_authority": ["Social worker", "Family support practitioner", "Early help officer"],
    "district": ["Housing officer", "Community safety officer", "Leisure centre manager"],
    "police": ["Police constable", "PCSO", "Detective constable"],
    "other": ["Sports coach", "Faith leader", "Childminder"],
}
EXTRA_ORGANISATIONS = {
    "voluntary": ["Chelmsford Community Church", "Colne Valley Sports Club", "Dengie Food Bank"],
    "other": ["Little Acorns Childminding", "Blackwater Dance School"],
}

OUTCOMES = {
    "core": [
        "Recognise the signs and indicators of abuse and neglect",
        "Know what to do and who to tell when worried about a child",
        "Understand how agencies share information to keep children safe",
    ],
    "lead": [
        "Lead safeguarding in your setting and support colleagues",
        "Make a clear, well-evidenced request for support",
        "Work with partners at strategy discussions and child protection conferences",
    ],
    "topic": [
        "Understand the issue and its impact on children",
        "Respond confidently and know where to get help",
    ],
}

# title, level, format, minutes, outcomes, themes, funding, fee, sessions, capacity, attend,
# joint with Southend and Thurrock, priority
PROGRAMME = [
    (
        "Level 1 Safeguarding Children: an introduction",
        "1",
        "virtual",
        120,
        "core",
        [],
        "",
        0,
        12,
        30,
        25,
        False,
        None,
    ),
    (
        "Level 2 Safeguarding Children",
        "2",
        "virtual",
        180,
        "core",
        [],
        "",
        0,
        16,
        30,
        25,
        False,
        None,
    ),
    (
        "Level 3 Designated Safeguarding Lead",
        "3",
        "face_to_face",
        360,
        "lead",
        ["Voice of the child"],
        "",
        60,
        10,
        20,
        18,
        False,
        None,
    ),
    (
        "Working in a trauma informed way",
        "specialist",
        "face_to_face",
        300,
        "topic",
        ["Trauma-informed practice"],
        "Violence and Vulnerability Unit",
        0,
        6,
        24,
        20,
        False,
        None,
    ),
    (
        "Webinar: Online safety",
        "specialist",
        "webinar",
        90,
        "topic",
        ["Online harm"],
        "Violence and Vulnerability Unit",
        0,
        3,
        60,
        35,
        True,
        None,
    ),
    (
        "Webinar: Criminal exploitation",
        "specialist",
        "webinar",
        90,
        "topic",
        ["Child exploitation"],
        "Violence and Vulnerability Unit",
        0,
        3,
        60,
        35,
        True,
        "Risk in the community",
    ),
    (
        "Webinar: Understanding gangs",
        "specialist",
        "webinar",
        90,
        "topic",
        ["Child exploitation", "Risk in the community"],
        "Violence and Vulnerability Unit",
        0,
        3,
        60,
        35,
        True,
        "Risk in the community",
    ),
    (
        "Webinar: Adolescent brain development",
        "specialist",
        "webinar",
        90,
        "topic",
        ["Emotional wellbeing and mental health"],
        "Violence and Vulnerability Unit",
        0,
        3,
        60,
        35,
        True,
        None,
    ),
    (
        "Reducing parental conflict",
        "specialist",
        "virtual",
        180,
        "topic",
        ["Domestic abuse", "Think family"],
        "Department for Work and Pensions",
        0,
        4,
        20,
        15,
        False,
        None,
    ),
    (
        "Early help and having difficult conversations with families",
        "specialist",
        "virtual",
        150,
        "topic",
        ["Early help"],
        "",
        0,
        6,
        20,
        15,
        False,
        None,
    ),
    (
        "Neglect: recognising and responding",
        "2",
        "face_to_face",
        240,
        "topic",
        ["Neglect"],
        "",
        0,
        4,
        24,
        20,
        False,
        "Neglect",
    ),
    (
        "Every Contact Counts: exploitation awareness",
        "1",
        "face_to_face",
        120,
        "topic",
        ["Child exploitation"],
        "Violence and Vulnerability Unit",
        0,
        4,
        25,
        20,
        False,
        "Risk in the community",
    ),
    (
        "CSPR author briefing",
        "specialist",
        "briefing",
        60,
        "topic",
        ["Voice of the child"],
        "",
        0,
        2,
        120,
        99,
        False,
        None,
    ),
    (
        "Non-accidental injuries in babies: SET conference",
        "specialist",
        "conference",
        360,
        "topic",
        ["Non-accidental injury"],
        "",
        0,
        1,
        450,
        402,
        True,
        None,
    ),
    (
        "Online safety live briefing with the UK Safer Internet Centre",
        "specialist",
        "briefing",
        90,
        "topic",
        ["Online harm"],
        "",
        0,
        1,
        80,
        60,
        False,
        None,
    ),
    (
        "Webinar: Anti-racist practice",
        "specialist",
        "webinar",
        90,
        "topic",
        ["Voice of the child"],
        "",
        0,
        2,
        60,
        40,
        False,
        None,
    ),
]
CONFERENCE_DAY = date(2022, 10, 12)


def _when(day: date, hour: int, minutes: int) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(hour, 0), LONDON)
    return start, start + timedelta(minutes=minutes)


def _spread(count: int, rng: random.Random) -> list[date]:
    """Working days spread across April 2022 to March 2023."""
    first, last = date(2022, 4, 4), date(2023, 3, 24)
    span = (last - first).days
    days = []
    for i in range(count):
        day = first + timedelta(days=int(span * (i + 0.5) / count) + rng.randint(-5, 5))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        days.append(min(day, last))
    return days


class People:
    """A pool of fictional people, some of whom come back for more training."""

    def __init__(self, rng: random.Random, agencies: dict[str, list[Agency]]):
        self.rng = rng
        self.agencies = agencies
        self.made: list[dict] = []

    def new(self) -> dict:
        n = len(self.made)
        first = FIRST_NAMES[n % len(FIRST_NAMES)]
        surname = SURNAMES[(n // len(FIRST_NAMES)) % len(SURNAMES)]
        sector = self.rng.choices(
            [s for s, _ in SECTOR_WEIGHTS], weights=[w for _, w in SECTOR_WEIGHTS]
        )[0]
        choices = self.agencies.get(sector, [])
        extra = EXTRA_ORGANISATIONS.get(sector, [])
        agency = None
        if choices and (not extra or self.rng.random() < 0.7):
            agency = self.rng.choice(choices)
        organisation = agency.name if agency else self.rng.choice(extra or ["Independent"])
        person = {
            "full_name": f"{first} {surname}",
            "email": f"{first}.{surname}.{n}@people.demo.example".lower(),
            "job_role": self.rng.choice(ROLES[sector]),
            "sector": sector,
            "organisation": organisation,
            "agency": agency,
        }
        self.made.append(person)
        return person

    def pick(self, returning: float) -> dict:
        if self.made and self.rng.random() < returning:
            return self.rng.choice(self.made)
        return self.new()


def _agencies_by_sector(essex: Partnership) -> dict[str, list[Agency]]:
    found: dict[str, list[Agency]] = {}
    for agency in essex.agencies.exclude(type="trust").order_by("name"):
        found.setdefault(agency.sector, []).append(agency)
    return found


def _member_group(essex: Partnership, result) -> MemberGroup:
    group = MemberGroup.objects.filter(partnership=essex, name="ECVYS members").first()
    if group is None:
        members = list(essex.agencies.filter(sector="voluntary"))
        group = services.member_group_create(
            job=JOB, partnership=essex, name="ECVYS members", discount_percent=25, agencies=members
        )
        result.count("training member groups")
    return group


def _course(essex: Partnership, spec: tuple, ecvys: MemberGroup, result) -> Course:
    (title, level, format_, minutes, outcomes, themes, funding, fee, *_rest) = spec
    priority_title = spec[-1]
    course = Course.objects.filter(partnership=essex, title=title).first()
    if course is not None:
        return course
    result.count("training courses")
    return services.course_create(
        job=JOB,
        partnership=essex,
        title=title,
        summary=_summary(title, level),
        level=level,
        format=format_,
        duration_minutes=minutes,
        outcomes=OUTCOMES[outcomes],
        themes=list(Theme.objects.filter(name__in=themes)),
        priority=Priority.objects.filter(plan__partnership=essex, title=priority_title).first()
        if priority_title
        else None,
        standard_fee=Decimal(fee),
        sector_fees={"voluntary": Decimal(fee) / 2} if fee else {},
        discount_groups=[ecvys] if fee else [],
        prerequisites=list(
            Course.objects.filter(partnership=essex, title="Level 2 Safeguarding Children")
        )
        if level == "3"
        else [],
        funding_source=funding,
        refresher_months=24 if level == "3" else (36 if level == "2" else None),
        is_published=True,
    )


def _summary(title: str, level: str) -> str:
    if level == "1":
        return (
            "An introduction for anyone who works or volunteers with children: what abuse and "
            "neglect look like, and what to do if you are worried about a child."
        )
    if level == "2":
        return (
            "For everyone in regular contact with children and families: recognising abuse "
            "and neglect, responding, recording and sharing information with other agencies."
        )
    if level == "3":
        return (
            "For designated safeguarding leads and their deputies: leading safeguarding in your "
            "setting, making requests for support and working with partners. Attend level 2 "
            "first. Refresh every two years."
        )
    return f"{title}: multi-agency learning for the Essex children's workforce."


def _past_programme(essex, joint, ecvys, rng, people, result) -> list[Session]:
    sessions = []
    for spec in PROGRAMME:
        course = _course(essex, spec, ecvys, result)
        count, capacity, attend, is_joint = spec[8], spec[9], spec[10], spec[11]
        days = [CONFERENCE_DAY] if count == 1 and spec[3] == 360 else _spread(count, rng)
        for index, day in enumerate(days):
            starts_at, ends_at = _when(day, 10 if index % 2 else 9, spec[3])
            session = Session.objects.filter(course=course, starts_at=starts_at).first()
            if session is not None:
                sessions.append(session)
                continue
            session = services.session_create(
                job=JOB,
                course=course,
                starts_at=starts_at,
                ends_at=ends_at,
                venue=""
                if spec[2] in {"virtual", "webinar", "briefing", "conference"}
                else "County Hall, Market Road, Chelmsford CM1 1QH",
                online_link="https://meet.demo.example/escb-training"
                if spec[2] in {"virtual", "webinar", "briefing", "conference"}
                else "",
                capacity=capacity,
                trainers="ESCB learning and development team",
                joint_partnerships=joint if is_joint else [],
            )
            result.count("training sessions")
            _attendees(session, attend, rng, people, result)
            sessions.append(session)
    return sessions


def _attendees(session: Session, attend: int, rng, people, result) -> None:
    returning = 0.25 if session.course.level in {"1", "2", "3"} else 0.35
    seen: set[str] = set()
    booked = min(session.capacity, attend + max(1, attend // 15))
    for i in range(booked):
        person = people.pick(returning)
        if person["email"] in seen:
            person = people.new()
        seen.add(person["email"])
        mark = "attended" if i < attend else "absent"
        if mark == "attended" and rng.random() < 0.05:
            mark = "late"
        booking = services.register_add_attendee(
            job=JOB, session=session, attendance=mark, note=IMPORTED, **person
        )
        result.count("training attendances" if mark != "absent" else "training no-shows")
        if mark != "absent" and rng.random() < 0.3:
            _evaluate(booking, rng)


def _evaluate(booking: Booking, rng: random.Random) -> None:
    ratings = {}
    for outcome in booking.session.course.outcomes.filter(is_current=True):
        before = rng.choice([1, 2, 2, 3, 3, 3, 4])
        ratings[outcome.pk] = (before, min(5, before + rng.choice([0, 1, 1, 2, 2])))
    services.evaluation_submit(
        actor=AnonymousUser(),
        booking=booking,
        quality=rng.choice([3, 4, 4, 5, 5, 5]),
        will_do_differently=rng.choice(
            [
                "Be more curious and ask the questions, even when it feels awkward.",
                "Record concerns straight away and share them with our lead.",
                "Check in with other agencies before deciding there is nothing to worry about.",
                "Think about the child's lived experience in every visit.",
                "Make sure our volunteers know our procedures and who to call.",
            ]
        ),
        comments=rng.choice(["", "", "Very well presented.", "More case examples, please."]),
        ratings=ratings,
    )
    if rng.random() < 0.4:
        course = booking.session.course
        sent_at = add_months(booking.session.ends_at, course.follow_up_months)
        services.follow_up_send(job=JOB, booking=booking, now=sent_at)
        if rng.random() < 0.6:
            used = rng.choice(["yes", "yes", "partly", "no"])
            services.follow_up_answer(
                actor=AnonymousUser(),
                booking=booking,
                applied=used,
                changes=rng.sample(
                    ["information_sharing", "joint_working", "referrals", "curiosity"], 2
                )
                if used != "no"
                else [],
                example=rng.choice(
                    [
                        "Raised a concern with our designated lead the same day.",
                        "Shared information with the school nurse before the review meeting.",
                        "Used the graded care profile with a family for the first time.",
                    ]
                )
                if used != "no"
                else "",
            )


def _upcoming(essex: Partnership, result) -> None:
    """Sessions still to come, so booking, the waiting list and the register can be tried."""
    today = timezone.localdate()
    plan = [
        ("Level 2 Safeguarding Children", 9, 30),
        ("Level 3 Designated Safeguarding Lead", 16, 2),
        ("Webinar: Online safety", 23, 60),
        ("Level 1 Safeguarding Children: an introduction", 2, 30),
    ]
    for title, days_ahead, capacity in plan:
        course = Course.objects.filter(partnership=essex, title=title).first()
        if course is None:
            continue
        day = today + timedelta(days=days_ahead)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        starts_at, ends_at = _when(day, 9, course.duration_minutes)
        if Session.objects.filter(course=course, starts_at=starts_at).exists():
            continue
        online = course.format in {"virtual", "webinar"}
        services.session_create(
            job=JOB,
            course=course,
            starts_at=starts_at,
            ends_at=ends_at,
            venue="" if online else "Braintree Community Centre, Victoria Street, CM7 3YG",
            online_link="https://meet.demo.example/escb-training" if online else "",
            capacity=capacity,
            trainers="ESCB learning and development team",
        )
        result.count("training sessions")


def _demo_bookings(essex: Partnership, result) -> None:
    """The demo practitioner and the agency lead's staff have bookings to look at."""
    casey = User.objects.filter(email="practitioner@demo.example").first()
    lead = User.objects.filter(email="agency-lead@demo.example").first()
    level_2 = (
        Session.objects.filter(
            course__partnership=essex,
            course__title="Level 2 Safeguarding Children",
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    level_3 = (
        Session.objects.filter(
            course__partnership=essex,
            course__title="Level 3 Designated Safeguarding Lead",
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    if casey and level_2 and not level_2.bookings.filter(email=casey.email).exists():
        _book(
            level_2,
            user=casey,
            actor=casey,
            full_name=casey.full_name,
            email=casey.email,
            job_role="Youth worker",
            sector="voluntary",
            agency=Agency.objects.filter(name="Riverside Youth Project").first(),
        )
        result.count("training bookings")
    if level_3 and not level_3.bookings.exists():
        school = Agency.objects.filter(name="Oakfield Primary School").first()
        for n, name in enumerate(["Ravi Okafor", "Jen Whitby", "Tom Ashworth"]):
            first, last = name.lower().split()
            _book(
                level_3,
                actor=lead or AnonymousUser(),
                booked_by=lead,
                full_name=name,
                email=f"{first}.{last}@oakfield.demo.example",
                job_role="Deputy designated safeguarding lead" if n else "Teacher",
                sector="education",
                agency=school,
                equivalent_training="Level 2 with our local authority, 2025",
            )
            result.count("training bookings")


def _book(session: Session, **details) -> None:
    try:
        services.booking_create(session=session, **details)
    except ValidationError:
        pass  # already booked on an earlier load


def load(*, essex: Partnership, result) -> None:
    rng = random.Random(2223)  # the same programme every time
    joint = list(Partnership.objects.filter(slug__in=["southend", "thurrock"]))
    ecvys = _member_group(essex, result)
    people = People(rng, _agencies_by_sector(essex))
    if not Session.objects.filter(course__partnership=essex, starts_at__year=2022).exists():
        _past_programme(essex, joint, ecvys, rng, people, result)
    _upcoming(essex, result)
    _demo_bookings(essex, result)
