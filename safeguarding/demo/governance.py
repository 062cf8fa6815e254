"""Demo governance for Essex, shaped like the yearly report describes it: the Executive
(quarterly), the statutory partners' group (bi-monthly), two sub-committees, and the four
locality Stay Safe groups with joint chairs from the three statutory partners. Each body has
its 2025–26 meetings (agenda, papers, attendance, minutes approved at the next meeting,
decisions — one corrected, one withdrawn) and one meeting coming up; actions are in mixed
states, some overdue, some with a timeline of updates. Also the 2022–2027 business plan and
a published key-messages archive (imported from the Executive's key messages).

Everything goes through the governance services, so the audit log reads like real use.
Idempotent: people, bodies and the plan are made once, a body's meetings only while it has
none; the key-messages import updates and never duplicates. The people are fictional
(demo.example addresses, no password: they cannot sign in); children are never named.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from safeguarding.accounts import services as account_services
from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.governance.importing import read_text_messages
from safeguarding.governance.models import Body, Meeting
from safeguarding.governance.services import actions as action_services
from safeguarding.governance.services import bodies as body_services
from safeguarding.governance.services import key_messages as key_message_services
from safeguarding.governance.services import meetings as meeting_services
from safeguarding.governance.services import plans as plan_services
from safeguarding.governance.services.import_batches import file_hash, import_batch_create
from safeguarding.planning.models import BusinessPlan, Priority, Theme
from safeguarding.planning.vocabulary import practice_themes_load

JOB = "demo"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

PRIORITIES = [
    (
        "Neglect",
        "Children whose needs are neglected are identified early and helped, using one "
        "shared approach across agencies.",
        "Graded care profile used by every agency\nFewer repeat child protection plans for "
        "neglect\nPractitioners' confidence after neglect training",
        ["neglect", "early-help"],
    ),
    (
        "Elective home education",
        "Children educated at home are safe, seen and have a suitable education.",
        "Every new home-educated child visited within 10 working days\nConcerns shared "
        "with social care the same day",
        ["elective-home-education"],
    ),
    (
        "Children missing education",
        "Children missing education are found quickly and returned to learning.",
        "Children missing education found within 20 school days",
        ["children-missing-education"],
    ),
    (
        "Emotional wellbeing and mental health",
        "Children and young people get help for their emotional wellbeing at the right time.",
        "Waiting times for first appointments\nYoung people's own view of the help",
        ["emotional-wellbeing-and-mental-health", "suicide-and-self-harm"],
    ),
    (
        "Neurodiversity",
        "Practitioners understand neurodivergent children and adapt how they work.",
        "Practitioners trained on neurodiversity\nAudit of plans for neurodivergent children",
        ["neurodiversity"],
    ),
    (
        "Risk in the community",
        "Children are protected from exploitation and serious violence outside the home.",
        "Return home interviews offered within 72 hours\nMACE panel reviews every child at "
        "high risk",
        ["risk-in-the-community", "child-exploitation", "missing-children"],
    ),
]

# The Executive's published key messages (a shortened copy of its 2023–24 page).
NEWSLETTER_TO_REVIEW = """# Partnership Newsletter – Winter edition

## In this issue

News from the Board, training dates and a new podcast for practitioners.

## News from the Board

At its meeting on 10 December 2025, the Partnership Board agreed the following:

- Neglect toolkit – The refreshed toolkit is live, with a short guide for schools.
- Exploitation screening – The screening tool has been shortened after feedback from youth workers.
- The Board welcomed its new designated nurse, who has joined from the community trust.

Please share these key messages with your teams.

## Training

Places remain on the January course on working with fathers.
"""

KEY_MESSAGES = """Key Messages from Executive

March 2024

Harmful sexual behaviour - Since Ofsted's 2021 review of sexual abuse in schools, the \
Education Safeguarding Team, with Police and Social Care, have delivered training, a guidance \
document and resources to support settings with sexualised and harmful sexual behaviour.

Key learning themes from a recent review:

1) Fluctuating service involvement - The term 'disguised compliance' is unhelpful and not \
supported by evidence. Describe exactly what is happening, with professional curiosity about \
what may be behind it.

2) Multiple and repeat referrals - Reconsider what support is available when earlier referrals \
were not taken up, and be open to re-referring if things have not improved.

3) Working in a trauma informed way with children and families - Trauma-informed practice \
needs a whole-organisation approach, not only frontline practitioners.

4) Multi-agency approach with the whole family, including adults' services - Consider the whole \
family, even when concerns relate to one child. Genograms and open conversations help.

Challenging behaviour - Partners acknowledge the concerns members expressed about challenging \
behaviour towards professionals across multi-agency settings.

December 2023

Re-commissioning of the Southend, Essex and Thurrock (SET) Domestic Abuse Service - work is \
under way to ensure a good offer for the children's workforce, including advocacy, positive \
activities and what works for children of different ages, cultures and needs.

Working Together - Partners will meet when the new Working Together is published to discuss \
its implications.

Modern Slavery - Updates have been made to the SET exploitation e-learning package.

September 2023

Thematic review on Sudden Unexpected Deaths in Infancy (SUDI) - A thinking tool has been \
created for professionals working with mothers and their newborns, to prompt conversations \
that reduce SUDI and support safer sleep.

June 2023

Youth Voices - 1553 young people from 73 youth clubs across Essex, Southend and Thurrock told \
us how safe they feel in their communities.

Risk in the Community - Risk in the Community is the Essex partnership approach to tackling \
exploitation of young people, with the RIC pathway and Missing and Child Exploitation (MACE) \
arrangements.

March 2023

Online harm - Young people do not separate the real and virtual world in the way adults do. \
They must be educated and supported, but must not feel that staying safe is solely their \
responsibility.

Adultification podcast - The ESCB launched an adultification podcast with representation from \
across the partnership. Education are producing information for schools.
"""


COUNCIL = "Essex County Council"
POLICE = "Essex Police"
MSE_ICB = "Mid and South Essex Integrated Care Board"
HWE_ICB = "Hertfordshire and West Essex Integrated Care Board"
SNEE_ICB = "Suffolk and North East Essex Integrated Care Board"
ECVYS = "Essex Council for Voluntary Youth Services (ECVYS)"
YOUTH_JUSTICE = "Essex Youth Justice Service"
EPUT = "Essex Partnership University NHS Foundation Trust"

# Fictional people who sit on the bodies: key, full name, job title, agency. They get an
# account with no password (they cannot sign in), so they can own actions and be members.
PEOPLE = [
    ("north-council", "Hannah Cole", "Head of Children's Social Care, North", COUNCIL),
    ("north-police", "Tom Baxter", "Detective Chief Inspector, North", POLICE),
    ("north-health", "Rachel Moss", "Designated Nurse for Safeguarding Children", SNEE_ICB),
    ("south-council", "Leah Turner", "Head of Children's Social Care, South", COUNCIL),
    ("south-police", "Mark Odell", "Detective Chief Inspector, South", POLICE),
    ("south-health", "Grace Nwosu", "Designated Nurse for Safeguarding Children", MSE_ICB),
    ("mid-council", "Owen Price", "Head of Children's Social Care, Mid", COUNCIL),
    ("mid-police", "Fiona Kerr", "Detective Chief Inspector, Mid", POLICE),
    ("mid-health", "Imran Shah", "Designated Doctor for Safeguarding Children", MSE_ICB),
    ("west-council", "Beth Morgan", "Head of Children's Social Care, West", COUNCIL),
    ("west-police", "Daniel Frost", "Detective Chief Inspector, West", POLICE),
    ("west-health", "Nadia Ellison", "Designated Nurse for Safeguarding Children", HWE_ICB),
    ("exploitation", "Kate Dunmore", "Head of Service, Child Exploitation and Missing", COUNCIL),
    ("learning", "Joanne Pike", "Learning and Development Manager", COUNCIL),
    ("youth-justice", "Lewis Grant", "Service Manager, Youth Justice", YOUTH_JUSTICE),
]
# The demo accounts the loader makes, by key, and the agency each acts for.
ACCOUNTS = {
    "business-unit": ("business-unit@demo.example", COUNCIL),
    "chair": ("chair@demo.example", None),
    "partner": ("partner@demo.example", POLICE),
    "agency-lead": ("agency-lead@demo.example", "Oakfield Primary School"),
}
LOCALITY_ICB = {"North": SNEE_ICB, "South": MSE_ICB, "Mid": MSE_ICB, "West": HWE_ICB}
LOCALITY_PLACE = {
    "North": "Colchester Library, Trinity Square",
    "South": "Basildon Centre, St Martin's Square",
    "Mid": "County Hall, Chelmsford",
    "West": "Harlow Civic Centre",
}

EXECUTIVE = "Essex Safeguarding Children Board Executive"
PARTNERS = "Statutory Partners' Group"
EXPLOITATION = "Child Exploitation and Missing Sub-Committee"
LEARNING = "Learning and Development Sub-Committee"

# Meetings, by body: date, hour, agenda items (title, presenter, confidential, priority),
# decisions (title, detail, priority) and actions (title, owner, due, updates, priority).
# An action's due is days after its meeting, or ("from today", days) for the open ones, so
# that whatever day the demo is loaded on nothing is absurdly overdue; its updates are
# (text, status) entries on its timeline.
PROGRAMMES: dict[str, list[dict]] = {
    EXECUTIVE: [
        {
            "on": "2025-06-17",
            "items": [
                ("Business plan 2025–26: refresh", "Business manager", False, "Neglect"),
                ("Annual report 2024–25", "Independent chair", False, None),
                ("Rapid review: Child R", "Business manager", True, None),
            ],
            "decisions": [
                ("Approve the refreshed business plan for 2025–26", "", "Neglect"),
                ("Publish the annual report 2024–25 by 30 September", "", None),
            ],
            "actions": [
                (
                    "Publish the annual report 2024–25 on the website",
                    "business-unit",
                    90,
                    [
                        ("Draft designed and sent to partners for comment.", "in_progress"),
                        ("Published on 26 September.", "done"),
                    ],
                    None,
                ),
            ],
        },
        {
            "on": "2025-09-16",
            "items": [
                ("Neglect strategy: progress", "Head of Quality Assurance", False, "Neglect"),
                ("Section 11 audit 2025: findings", "Business manager", False, None),
                ("Stay Safe groups: how they meet", "Independent chair", False, None),
            ],
            "decisions": [
                ("Stay Safe groups to meet online only from January", "", None),
                ("Adopt the graded care profile 2 across the partnership", "", "Neglect"),
            ],
            "actions": [
                (
                    "Share the neglect toolkit with every school",
                    "agency-lead",
                    ("from today", -12),
                    [("Toolkit drafted; waiting for the design team.", "in_progress")],
                    "Neglect",
                ),
                (
                    "Bring the Section 11 action plan to the Executive",
                    "business-unit",
                    80,
                    [("Action plan agreed by all agencies and presented.", "done")],
                    None,
                ),
            ],
        },
        {
            "on": "2025-12-09",
            "items": [
                (
                    "Elective home education: annual report",
                    "Head of Education Safeguarding",
                    False,
                    "Elective home education",
                ),
                ("Working Together 2023: implementation", "Business manager", False, None),
                (
                    "Child safeguarding practice review: Child S",
                    "Independent reviewer",
                    True,
                    "Risk in the community",
                ),
            ],
            "decisions": [
                (
                    "Publish the elective home education annual report",
                    "",
                    "Elective home education",
                ),
                ("Commission a thematic review of adolescent neglect", "", "Neglect"),
            ],
            "actions": [
                (
                    "Write to schools about the home education protocol",
                    "business-unit",
                    ("from today", 5),
                    [],
                    "Elective home education",
                ),
                (
                    "Report return-interview times to the Executive",
                    "partner",
                    60,
                    [
                        ("Figures gathered from all three districts.", "in_progress"),
                        ("Reported at the Executive: 86% within 72 hours.", "done"),
                    ],
                    "Risk in the community",
                ),
            ],
        },
        {
            "on": "2026-03-17",
            "items": [
                ("Minutes and actions of the last meeting", "Independent chair", False, None),
                (
                    "Emotional wellbeing: waiting times",
                    "Director of Mental Health Commissioning",
                    False,
                    "Emotional wellbeing and mental health",
                ),
                ("Business plan 2026–27: draft priorities", "Business manager", False, None),
            ],
            "decisions": [
                ("Keep all six priorities in the 2026–27 business plan", "", None),
            ],
            "actions": [
                (
                    "Agree a shared measure of waiting times for first appointments",
                    "mid-health",
                    ("from today", 30),
                    [("Measure drafted with both ICBs; data not yet shared.", "in_progress")],
                    "Emotional wellbeing and mental health",
                ),
            ],
        },
    ],
    PARTNERS: [
        {
            "on": "2025-05-13",
            "items": [("Budget 2025–26: partner contributions", "Business manager", False, None)],
            "decisions": [
                ("Agree equal contributions from the three statutory partners", "", None)
            ],
            "actions": [],
        },
        {
            "on": "2025-07-08",
            "items": [("Independent scrutiny: arrangements", "Independent chair", False, None)],
            "decisions": [],
            "actions": [],
        },
        {
            "on": "2025-09-09",
            "items": [
                (
                    "MACE co-ordinator funding",
                    "Head of Service, Child Exploitation and Missing",
                    False,
                    "Risk in the community",
                )
            ],
            "decisions": [
                ("Fund the MACE co-ordinator post for 2026–27", "", "Risk in the community")
            ],
            "actions": [
                (
                    "Confirm each partner's share of the MACE co-ordinator post",
                    "partner",
                    30,
                    [
                        ("Police and council shares confirmed.", "in_progress"),
                        ("Health share confirmed; post funded.", "done"),
                    ],
                    "Risk in the community",
                ),
            ],
        },
        {
            "on": "2025-11-11",
            "items": [
                ("Rapid review: Child T", "Business manager", True, None),
                ("Yearly report: timetable", "Business manager", False, None),
            ],
            "decisions": [],
            "actions": [
                (
                    "Send the rapid review of Child T to the national panel",
                    "business-unit",
                    10,
                    [("Sent within the 15 working days.", "done")],
                    None,
                ),
            ],
        },
        {
            "on": "2026-01-13",
            "items": [
                ("Working Together 2023: lead partner role", "Independent chair", False, None)
            ],
            "decisions": [("Rotate the lead safeguarding partner role every two years", "", None)],
            "actions": [
                (
                    "Draft the lead partner role description",
                    "business-unit",
                    ("from today", -19),
                    [],
                    None,
                ),
            ],
        },
        {
            "on": "2026-03-10",
            "items": [("Budget 2026–27", "Business manager", False, None)],
            "decisions": [("Agree the budget for 2026–27", "", None)],
            "actions": [],
        },
    ],
    EXPLOITATION: [
        {
            "on": "2025-05-21",
            "items": [
                ("MACE: performance report", "MACE co-ordinator", False, "Risk in the community"),
                ("Complex case: Child U", "Exploitation lead", True, None),
            ],
            "decisions": [
                ("Review every child at high risk at MACE each month", "", "Risk in the community")
            ],
            "actions": [],
        },
        {
            "on": "2025-09-17",
            "items": [
                (
                    "Return home interviews: quality audit",
                    "Missing children lead",
                    False,
                    "Risk in the community",
                )
            ],
            "decisions": [],
            "actions": [
                (
                    "Audit 20 return home interviews in each quadrant",
                    "exploitation",
                    ("from today", -40),
                    [("North and Mid done; South and West booked.", "in_progress")],
                    "Risk in the community",
                ),
            ],
        },
        {
            "on": "2026-01-21",
            "items": [
                (
                    "County lines: joint operation debrief",
                    "Detective Chief Inspector",
                    False,
                    "Risk in the community",
                )
            ],
            "decisions": [
                (
                    "Share the county lines debrief with the Stay Safe groups",
                    "",
                    "Risk in the community",
                )
            ],
            "actions": [
                (
                    "Present the county lines debrief at each Stay Safe group",
                    "mid-police",
                    ("from today", 40),
                    [],
                    "Risk in the community",
                ),
            ],
        },
    ],
    LEARNING: [
        {
            "on": "2025-06-04",
            "items": [("Training offer 2025–26", "Learning and Development Manager", False, None)],
            "decisions": [("Run neglect training four times a year", "", "Neglect")],
            "actions": [],
        },
        {
            "on": "2025-10-01",
            "items": [
                (
                    "Learning from reviews: common themes",
                    "Learning and Development Manager",
                    False,
                    None,
                )
            ],
            "decisions": [],
            "actions": [
                (
                    "Produce a seven-minute briefing on professional curiosity",
                    "learning",
                    ("from today", -26),
                    [],
                    None,
                ),
            ],
        },
        {
            "on": "2026-02-04",
            "items": [
                (
                    "Neurodiversity e-learning: evaluation",
                    "Learning and Development Manager",
                    False,
                    "Neurodiversity",
                )
            ],
            "decisions": [
                ("Make the neurodiversity e-learning part of core training", "", "Neurodiversity")
            ],
            "actions": [
                (
                    "Add the neurodiversity module to the core training offer",
                    "learning",
                    ("from today", 21),
                    [("Module tested with two teams.", "in_progress")],
                    "Neurodiversity",
                ),
            ],
        },
    ],
}

# The four Stay Safe groups meet quarterly; their agendas follow the same pattern.
STAY_SAFE_DATES = {
    "North": ["2025-06-25", "2025-10-08", "2026-01-28"],
    "South": ["2025-07-02", "2025-10-15", "2026-02-11"],
    "Mid": ["2025-06-18", "2025-09-24", "2026-01-14"],
    "West": ["2025-07-09", "2025-11-05", "2026-02-25"],
}
STAY_SAFE_ITEMS = [
    [
        ("Key messages from the Executive", "Joint chair", False, None),
        ("Local case discussion: Child V", "Social work team manager", True, None),
    ],
    [
        (
            "Risk in the Community in the quadrant",
            "Risk in the Community practitioner",
            False,
            "Risk in the community",
        ),
        (
            "Education: children missing education",
            "Education access lead",
            False,
            "Children missing education",
        ),
    ],
    [
        ("Neglect toolkit: local take-up", "Joint chair", False, "Neglect"),
        ("Local issues and escalations", "Joint chairs", False, None),
    ],
]
STAY_SAFE_ACTIONS = {
    "North": (
        "Map youth provision in Colchester and Tendring",
        "north-council",
        ("from today", -5),
        [("Half the youth clubs have replied.", "in_progress")],
        "Risk in the community",
    ),
    "South": (
        "Run a neglect toolkit briefing for Basildon schools",
        "south-council",
        ("from today", 14),
        [],
        "Neglect",
    ),
    "Mid": (
        "Check every school has a named contact for children missing education",
        "mid-council",
        30,
        [("All secondary schools confirmed.", "done")],
        "Children missing education",
    ),
    "West": (
        "Arrange a joint visit protocol with the Hertfordshire teams",
        "west-police",
        45,
        [("No longer needed: the Hertfordshire teams now use the Essex protocol.", "cancelled")],
        None,
    ),
}

# Decisions later corrected (old title -> new title and detail) or withdrawn (title -> why).
CORRECTIONS = {
    "Fund the MACE co-ordinator post for 2026–27": (
        "Fund the MACE co-ordinator post for 2026–27 and 2027–28",
        "Recorded at first as one year; partners agreed two.",
    ),
}
WITHDRAWALS = {
    "Stay Safe groups to meet online only from January": (
        "Superseded at the Executive on 9 December 2025: the groups asked to meet in person "
        "every other meeting, so they now choose how they meet."
    ),
}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _agency(name: str | None) -> Agency | None:
    return Agency.objects.filter(name=name).first() if name else None


def _at(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour, 0), timezone.get_current_timezone())


def _on(iso: str, hour: int) -> datetime.datetime:
    day = datetime.date.fromisoformat(iso)
    return datetime.datetime.combine(day, datetime.time(hour, 0), timezone.get_current_timezone())


def _themes(*slugs: str) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def load(*, essex: Partnership, result) -> None:
    # The default practice-theme vocabulary first: key messages and priorities are tagged with it.
    themes = practice_themes_load(job=JOB)
    for _ in range(themes["created"]):
        result.count("practice themes")
    counts = import_batch_create(
        partnership=essex,
        reading=read_text_messages(KEY_MESSAGES),
        source_name="Key messages from the Executive (demo)",
        source_hash=file_hash(KEY_MESSAGES.encode()),
        job=JOB,
        publish=True,
    )
    for _ in range(counts.created):
        result.count("key messages")
    # A newsletter imported but not yet reviewed: the review page shows it beside its text.
    review = import_batch_create(
        partnership=essex,
        reading=read_text_messages(NEWSLETTER_TO_REVIEW, markdown=True),
        source_name="partnership-newsletter-winter.md",
        source_hash=file_hash(NEWSLETTER_TO_REVIEW.encode()),
        job=JOB,
    )
    if review.batch is not None:
        result.count("key message imports to review")
    if _user(ACCOUNTS["business-unit"][0]) is None:
        return  # the loader makes the demo accounts first
    people = _people(result)
    executive, bodies, programmes = _bodies(essex, people, result)
    priorities = _plan(essex, executive, result)
    last_executive = None
    for body, place, hour, next_in in bodies:
        held = _programme(
            body, programmes.get(body.name, []), place, hour, next_in, people, priorities, result
        )
        if body == executive and held:
            last_executive = held[-1]
    if last_executive is not None:
        _key_message_drafts(essex, last_executive, people, priorities)


class _People(dict):
    """Key -> (user, agency) for the demo accounts and the fictional members."""

    def user(self, key: str) -> User:
        return self[key][0]

    def agency(self, key: str) -> Agency | None:
        return self[key][1]


def _people(result) -> _People:
    people = _People()
    for key, (email, agency) in ACCOUNTS.items():
        people[key] = (_user(email), _agency(agency))
    for key, full_name, job_title, agency_name in PEOPLE:
        email = full_name.lower().replace(" ", ".") + "@demo.example"
        agency = _agency(agency_name)
        user = _user(email)
        if user is None:
            user = account_services.user_create(
                job=JOB,
                email=email,
                full_name=full_name,
                job_title=job_title,
                agencies=[agency] if agency else [],
            )
            result.count("committee members")
        people[key] = (user, agency)
    return people


def _plan(essex: Partnership, executive: Body, result) -> dict[str, Priority]:
    plan = BusinessPlan.objects.filter(partnership=essex, title="Business plan 2022–2027").first()
    if plan is None:
        plan = plan_services.business_plan_create(
            job=JOB,
            partnership=essex,
            title="Business plan 2022–2027",
            starts_on=datetime.date(2022, 4, 1),
            ends_on=datetime.date(2027, 3, 31),
            summary="Six priorities agreed by the Executive after listening to practitioners, "
            "children and families.",
        )
        result.count("business plans")
    priorities = {p.title: p for p in plan.priorities.all()}
    for title, description, measures, themes in PRIORITIES:
        if title not in priorities:
            priorities[title] = plan_services.priority_create(
                job=JOB,
                plan=plan,
                title=title,
                description=description,
                lead_body=executive,
                measures=measures,
                themes=_themes(*themes),
            )
    return priorities


def _body(name: str, partnerships, result, **fields) -> tuple[Body, bool]:
    existing = Body.objects.filter(name=name, partnerships=partnerships[0]).first()
    if existing:
        return existing, False
    result.count("bodies")
    body = body_services.body_create(job=JOB, partnerships=partnerships, name=name, **fields)
    return body, True


def _members(body: Body, rows, starts_on: datetime.date) -> None:
    for person, agency, role in rows:
        if person is not None or agency is not None:
            body_services.membership_add(
                job=JOB, body=body, person=person, agency=agency, role=role, starts_on=starts_on
            )


def _bodies(essex: Partnership, people: _People, result):
    """The bodies and their members (made once), with each body's place, usual hour and
    how many days ahead its next meeting is."""
    joint = list(Partnership.objects.filter(slug__in=["southend", "thurrock"]).order_by("slug"))
    started = datetime.date(2022, 4, 1)
    this_year = datetime.date(2025, 4, 1)
    statutory = list(essex.agencies.filter(is_statutory_partner=True).order_by("name"))
    icbs = [a for a in statutory if a.name.endswith("Integrated Care Board")]
    p = people

    executive, new = _body(
        EXECUTIVE,
        [essex],
        result,
        short_name="Executive",
        type="executive",
        purpose="Sets the partnership's priorities and holds partners to account for them.",
        terms_of_reference="Meets quarterly. Chaired by the independent chair. Quorate when "
        "each statutory partner is represented by a delegated safeguarding partner.",
        quorum_minimum=4,
        quorum_needs_statutory_partners=True,
        meeting_frequency="quarterly",
    )
    if new:
        _members(
            executive,
            [
                (p.user("chair"), None, "chair"),
                (p.user("partner"), p.agency("partner"), "vice_chair"),
                (p.user("business-unit"), p.agency("business-unit"), "adviser"),
                (None, _agency(COUNCIL), "member"),
                *[(None, icb, "member") for icb in icbs],
                (None, _agency(ECVYS), "member"),
            ],
            started,
        )
    bodies = [(executive, "County Hall, Chelmsford", 10, 28)]

    partners, new = _body(
        PARTNERS,
        [essex],
        result,
        short_name="SPG",
        type="statutory_partners",
        reports_to=executive,
        purpose="The three statutory partners meet every two months to steer the partnership.",
        terms_of_reference="Chaired by the independent chair. The local authority, police and "
        "the three integrated care boards each send their delegated safeguarding partner.",
        quorum_minimum=3,
        meeting_frequency="bi_monthly",
    )
    if new:
        _members(
            partners,
            [
                (p.user("chair"), None, "chair"),
                (p.user("partner"), p.agency("partner"), "member"),
                (None, _agency(COUNCIL), "member"),
                *[(None, icb, "member") for icb in icbs],
                (p.user("business-unit"), p.agency("business-unit"), "adviser"),
            ],
            started,
        )
    bodies.append((partners, "County Hall, Chelmsford", 14, 14))

    exploitation, new = _body(
        EXPLOITATION,
        [essex],
        result,
        short_name="CEM",
        type="sub_committee",
        reports_to=executive,
        purpose="Shapes the partnership's response to child exploitation and children who go "
        "missing, and oversees the MACE arrangements.",
        quorum_minimum=3,
        meeting_frequency="quarterly",
    )
    if new:
        _members(
            exploitation,
            [
                (p.user("exploitation"), p.agency("exploitation"), "chair"),
                (p.user("mid-police"), p.agency("mid-police"), "vice_chair"),
                (p.user("youth-justice"), p.agency("youth-justice"), "member"),
                (p.user("south-health"), p.agency("south-health"), "member"),
                (None, _agency(EPUT), "member"),
                (None, _agency(ECVYS), "member"),
            ],
            this_year,
        )
    bodies.append((exploitation, "County Hall, Chelmsford", 10, 21))

    learning, new = _body(
        LEARNING,
        [essex, *joint],
        result,
        short_name="L&D",
        type="sub_committee",
        reports_to=executive,
        purpose="A joint sub-committee with Southend and Thurrock: finds common themes in "
        "reviews and builds the workforce's knowledge and confidence.",
        quorum_minimum=3,
        meeting_frequency="quarterly",
    )
    if new:
        _members(
            learning,
            [
                (p.user("learning"), p.agency("learning"), "chair"),
                (p.user("west-health"), p.agency("west-health"), "vice_chair"),
                (p.user("agency-lead"), p.agency("agency-lead"), "member"),
                (None, _agency("Southend-on-Sea City Council"), "member"),
                (None, _agency("Thurrock Council"), "member"),
                (p.user("business-unit"), p.agency("business-unit"), "adviser"),
            ],
            this_year,
        )
    bodies.append((learning, "Online", 14, 35))

    programmes = dict(PROGRAMMES)
    for n, locality in enumerate(STAY_SAFE_DATES):
        key = locality.lower()
        name = f"Stay Safe Group {locality}"
        group, new = _body(
            name,
            [essex],
            result,
            type="locality",
            reports_to=executive,
            purpose=f"Brings local managers in {locality} Essex together on local safeguarding "
            "practice, learning from reviews and issues to raise with the Executive.",
            terms_of_reference="Joint chairs from the local authority and the police, and a "
            "vice-chair from health: the three statutory partners.",
            quorum_minimum=3,
            meeting_frequency="quarterly",
        )
        if new or not group.memberships.exists():
            rows = [
                (p.user(f"{key}-council"), p.agency(f"{key}-council"), "chair"),
                (p.user(f"{key}-police"), p.agency(f"{key}-police"), "chair"),
                (p.user(f"{key}-health"), p.agency(f"{key}-health"), "vice_chair"),
                (None, _agency(ECVYS), "member"),
                (None, _agency(YOUTH_JUSTICE), "member"),
            ]
            if locality == "North":
                rows.append((p.user("agency-lead"), p.agency("agency-lead"), "member"))
            _members(group, rows, this_year)
        title, owner, due, updates, priority = STAY_SAFE_ACTIONS[locality]
        programmes[name] = [
            {
                "on": day,
                "items": STAY_SAFE_ITEMS[i],
                "decisions": [],
                "actions": [(title, owner, due, updates, priority)] if i == 1 else [],
            }
            for i, day in enumerate(STAY_SAFE_DATES[locality])
        ]
        bodies.append((group, LOCALITY_PLACE[locality], 14, 10 + 7 * n))

    return executive, bodies, programmes


def _programme(body, meetings, place, hour, next_in, people, priorities, result) -> list:
    """A body's 2025–26 meetings and the next one, made once (while it has no meetings)."""
    if body.meetings.exists():
        return []
    now = timezone.now()
    held: list[Meeting] = []
    for spec in meetings:
        starts_at = _on(spec["on"], hour)
        if starts_at >= now:
            continue
        meeting = meeting_services.meeting_schedule(
            job=JOB,
            body=body,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            location="" if place == "Online" else place,
            online_link="https://teams.example/" + body.name.lower().replace(" ", "-")[:40],
        )
        result.count("meetings")
        _hold(meeting, spec, people, priorities, number=len(held))
        if held:
            meeting_services.minutes_approve(job=JOB, meeting=held[-1], at_meeting=meeting)
        held.append(meeting)
    upcoming = meeting_services.meeting_schedule(
        job=JOB,
        body=body,
        starts_at=_at(next_in, hour),
        ends_at=_at(next_in, hour) + datetime.timedelta(hours=2),
        location="" if place == "Online" else place,
        online_link="https://teams.example/" + body.name.lower().replace(" ", "-")[:40],
    )
    result.count("meetings")
    meeting_services.agenda_item_add(
        job=JOB, meeting=upcoming, title="Minutes and actions of the last meeting"
    )
    meeting_services.agenda_item_add(
        job=JOB, meeting=upcoming, title="Business plan priorities: progress report"
    )
    return held


def _hold(meeting: Meeting, spec: dict, people: _People, priorities, *, number: int) -> None:
    """Agenda, papers, attendance, draft minutes, decisions and actions of a held meeting."""
    papers = meeting.body.type in {"executive", "statutory_partners"}
    for title, presenter, confidential, priority in spec["items"]:
        item = meeting_services.agenda_item_add(
            job=JOB,
            meeting=meeting,
            title=title,
            presenter=presenter,
            is_confidential=confidential,
            priority=priorities.get(priority) if priority else None,
        )
        if papers:
            meeting_services.paper_upload(
                job=JOB,
                meeting=meeting,
                agenda_item=item,
                title=f"{title} (paper)",
                file=ContentFile(PDF, name=f"item-{item.position}.pdf"),
            )
        meeting_services.minute_save(
            job=JOB,
            agenda_item=item,
            text=f"{presenter} presented the item. Members discussed it, asked questions "
            "and agreed the recommendations.",
        )
    members = list(meeting.body.memberships.current(meeting.date).order_by("pk"))
    entries = {}
    for i, membership in enumerate(members):
        status = "present"
        if membership.person_id and (i + number) % 5 == 2:
            status = "apologies"
        elif membership.person_id is None and (i + number) % 7 == 4:
            status = "absent"
        entries[membership.pk] = (status, "")
    meeting_services.attendance_record(job=JOB, meeting=meeting, entries=entries)
    for title, detail, priority in spec["decisions"]:
        decision = meeting_services.decision_record(
            job=JOB,
            meeting=meeting,
            title=title,
            detail=detail,
            priority=priorities.get(priority) if priority else None,
        )
        if title in CORRECTIONS:
            new_title, new_detail = CORRECTIONS[title]
            meeting_services.decision_correct(
                job=JOB,
                decision=decision,
                title=new_title,
                detail=new_detail,
                priority=decision.priority,
            )
        if title in WITHDRAWALS:
            meeting_services.decision_withdraw(
                job=JOB, decision=decision, reason=WITHDRAWALS[title]
            )
    today = timezone.localdate()
    for title, owner, due, updates, priority in spec["actions"]:
        if isinstance(due, tuple):
            due_on = today + datetime.timedelta(days=due[1])
        else:
            due_on = meeting.date + datetime.timedelta(days=due)
        action = action_services.action_raise(
            job=JOB,
            meeting=meeting,
            title=title,
            owner=people.user(owner),
            owner_agency=people.agency(owner),
            due_on=due_on,
            priority=priorities.get(priority) if priority else None,
            # An action carries the themes of the priority it serves (the theme pages' chain).
            themes=priorities[priority].themes.all() if priority in priorities else (),
            notify=False,
        )
        for text, status in updates:
            action_services.action_add_update(job=JOB, action=action, text=text, status=status)


def _key_message_drafts(essex, meeting: Meeting, people: _People, priorities) -> None:
    """A message drafted from the Executive's last meeting, and one approved, waiting to go."""
    key_message_services.key_message_create(
        actor=people.user("business-unit"),
        partnership=essex,
        meeting=meeting,
        title="Emotional wellbeing: waiting times",
        body="The Executive heard how long children wait for a first appointment and agreed "
        "one shared measure.\n\n- Measured the same way by both integrated care boards\n"
        "- Reported to the Executive every quarter",
        themes=_themes("emotional-wellbeing-and-mental-health"),
        priority=priorities["Emotional wellbeing and mental health"],
    )
    approved = key_message_services.key_message_create(
        actor=people.user("business-unit"),
        partnership=essex,
        meeting=meeting,
        title="All six priorities stay for 2026–27",
        body="Partners agreed to keep the **six priorities** of the business plan for its "
        "final year. Find the plan on the partnership website.",
        themes=_themes("neglect"),
        priority=priorities["Neglect"],
    )
    key_message_services.key_message_approve(actor=people.user("chair"), key_message=approved)
