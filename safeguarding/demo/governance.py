"""Demo governance for Essex: bodies and members, meetings with agenda, papers, attendance,
minutes, decisions and actions, the 2022–2027 business plan, and a published key-messages
archive (imported from the Executive's published key messages, as the importer would).

Everything goes through the governance services, so the audit log reads like real use.
Idempotent: bodies, plans and meetings are only made once; the key-messages import updates
and never duplicates. People are the demo accounts; children are never named.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.governance.importing import parse_text
from safeguarding.governance.models import Body, Theme
from safeguarding.governance.services import actions as action_services
from safeguarding.governance.services import bodies as body_services
from safeguarding.governance.services import key_messages as key_message_services
from safeguarding.governance.services import meetings as meeting_services
from safeguarding.governance.services import plans as plan_services

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


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _agency(name: str) -> Agency | None:
    return Agency.objects.filter(name=name).first()


def _at(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour, 0), timezone.get_current_timezone())


def _themes(*slugs: str) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def load(*, essex: Partnership, result) -> None:
    counts = key_message_services.key_messages_import(
        partnership=essex,
        messages=parse_text(KEY_MESSAGES),
        source="Key messages from the Executive (demo)",
        job=JOB,
    )
    for _ in range(counts.created):
        result.count("key messages")
    if Body.objects.filter(name="Essex Safeguarding Children Board Executive").exists():
        return
    _build(essex, result)


def _build(essex: Partnership, result) -> None:
    """Needs the demo accounts: call after the loader has made them."""
    business_unit = _user("business-unit@demo.example")
    chair = _user("chair@demo.example")
    partner = _user("partner@demo.example")
    agency_lead = _user("agency-lead@demo.example")
    council = _agency("Essex County Council")
    police = _agency("Essex Police")
    statutory = list(essex.agencies.filter(is_statutory_partner=True).order_by("name"))
    joint = list(Partnership.objects.filter(slug__in=["southend", "thurrock"]))
    started = datetime.date(2022, 4, 1)

    executive = body_services.body_create(
        job=JOB,
        partnerships=[essex],
        name="Essex Safeguarding Children Board Executive",
        short_name="Executive",
        type="executive",
        purpose="Sets the partnership's priorities and holds partners to account for them.",
        terms_of_reference="Meets quarterly. Chaired by the independent chair. Quorate when "
        "each statutory partner is represented by a delegated safeguarding partner.",
        quorum_minimum=4,
        quorum_needs_statutory_partners=True,
        meeting_frequency="quarterly",
    )
    partners_group = body_services.body_create(
        job=JOB,
        partnerships=[essex],
        name="Statutory Partners' Group",
        short_name="SPG",
        type="statutory_partners",
        reports_to=executive,
        purpose="The three statutory partners meet every two months to steer the partnership.",
        quorum_minimum=3,
        meeting_frequency="bi_monthly",
    )
    stay_safe = body_services.body_create(
        job=JOB,
        partnerships=[essex],
        name="Stay Safe Group North",
        type="locality",
        reports_to=executive,
        purpose="Brings local agencies in north Essex together on local safeguarding issues.",
        terms_of_reference="Joint chairs from the three statutory partners.",
        quorum_minimum=3,
        meeting_frequency="quarterly",
    )
    body_services.body_create(
        job=JOB,
        partnerships=[essex, *joint],
        name="SET Child Exploitation and Missing Group",
        type="joint",
        reports_to=executive,
        purpose="Southend, Essex and Thurrock work together on exploitation and missing children.",
        quorum_minimum=3,
        meeting_frequency="bi_monthly",
    )
    result.count("bodies")

    def member(body, person=None, agency=None, role="member"):
        if person is None and agency is None:
            return None
        return body_services.membership_add(
            job=JOB, body=body, person=person, agency=agency, role=role, starts_on=started
        )

    member(executive, chair, None, "chair")
    member(executive, partner, police, "vice_chair")
    member(executive, business_unit, council, "adviser")
    for agency in statutory:
        if agency != police:
            member(executive, None, agency)
    member(partners_group, partner, police, "chair")
    member(partners_group, None, council)
    for agency in statutory[:3]:
        if agency not in (police, council):
            member(partners_group, None, agency)
    member(stay_safe, None, council, "chair")
    member(stay_safe, partner, police, "chair")
    member(stay_safe, agency_lead, _agency("Oakfield Primary School"))

    plan = plan_services.business_plan_create(
        job=JOB,
        partnership=essex,
        title="Business plan 2022–2027",
        starts_on=started,
        ends_on=datetime.date(2027, 3, 31),
        summary="Six priorities agreed by the Executive after listening to practitioners, "
        "children and families.",
    )
    priorities = {}
    for title, description, measures, themes in PRIORITIES:
        priorities[title] = plan_services.priority_create(
            job=JOB,
            plan=plan,
            title=title,
            description=description,
            lead_body=executive,
            measures=measures,
            themes=_themes(*themes),
        )
    result.count("business plans")

    # The Executive: a meeting held two months ago, one held last week, one coming up.
    earlier = meeting_services.meeting_schedule(
        job=JOB,
        body=executive,
        starts_at=_at(-63),
        ends_at=_at(-63, 12),
        location="County Hall, Chelmsford",
    )
    last = meeting_services.meeting_schedule(
        job=JOB,
        body=executive,
        starts_at=_at(-7),
        ends_at=_at(-7, 12),
        location="County Hall, Chelmsford",
        online_link="https://teams.example/escb-executive",
    )
    meeting_services.meeting_schedule(
        job=JOB,
        body=executive,
        starts_at=_at(84),
        ends_at=_at(84, 12),
        location="County Hall, Chelmsford",
        online_link="https://teams.example/escb-executive",
    )
    meeting_services.meeting_schedule(
        job=JOB, body=stay_safe, starts_at=_at(21, 14), location="Colchester Library"
    )
    result.count("meetings")

    for meeting, items in [
        (
            earlier,
            [
                ("Neglect strategy: progress", "Head of Quality Assurance", False, "Neglect"),
                ("Rapid review: Child R", "Business manager", True, None),
            ],
        ),
        (
            last,
            [
                ("Minutes and actions of the last meeting", "Independent chair", False, None),
                (
                    "Elective home education: annual report",
                    "Head of Education Safeguarding",
                    False,
                    "Elective home education",
                ),
                ("Section 11 audit results", "Business manager", False, None),
                (
                    "Child safeguarding practice review: Child S",
                    "Independent reviewer",
                    True,
                    "Risk in the community",
                ),
            ],
        ),
    ]:
        for title, presenter, confidential, priority in items:
            item = meeting_services.agenda_item_add(
                job=JOB,
                meeting=meeting,
                title=title,
                presenter=presenter,
                is_confidential=confidential,
                priority=priorities.get(priority) if priority else None,
            )
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
                text=f"{presenter} presented the item. Members discussed it and agreed the "
                "recommendations.",
            )

    members = list(executive.memberships.all())
    for meeting in (earlier, last):
        meeting_services.attendance_record(
            job=JOB,
            meeting=meeting,
            entries={m.pk: ("present", "") for m in members},
        )
    meeting_services.minutes_approve(job=JOB, meeting=earlier, at_meeting=last)
    meeting_services.decision_record(
        job=JOB,
        meeting=last,
        title="Adopt the refreshed neglect strategy",
        detail="Partners will use the graded care profile from April.",
        priority=priorities["Neglect"],
    )
    meeting_services.decision_record(
        job=JOB,
        meeting=last,
        title="Publish the elective home education annual report",
        priority=priorities["Elective home education"],
    )

    overdue = action_services.action_raise(
        job=JOB,
        meeting=earlier,
        title="Share the neglect toolkit with every school",
        owner=agency_lead or business_unit,
        owner_agency=_agency("Oakfield Primary School") if agency_lead else council,
        due_on=earlier.date + datetime.timedelta(days=30),
        priority=priorities["Neglect"],
        notify=False,
    )
    action_services.action_add_update(
        job=JOB,
        action=overdue,
        text="Toolkit drafted; waiting for the design team.",
        status="in_progress",
    )
    done = action_services.action_raise(
        job=JOB,
        meeting=earlier,
        title="Report return-interview times to the Executive",
        owner=partner,
        owner_agency=police,
        due_on=last.date,
        priority=priorities["Risk in the community"],
        notify=False,
    )
    action_services.action_add_update(
        job=JOB,
        action=done,
        text="Figures gathered from all three districts.",
        status="in_progress",
    )
    action_services.action_add_update(
        job=JOB,
        action=done,
        text="Reported at the Executive: 86% within 72 hours.",
        status="done",
    )
    action_services.action_raise(
        job=JOB,
        meeting=last,
        title="Write to schools about the home education protocol",
        owner=business_unit,
        owner_agency=council,
        due_on=timezone.localdate() + datetime.timedelta(days=5),
        priority=priorities["Elective home education"],
        notify=False,
    )
    action_services.action_raise(
        job=JOB,
        meeting=last,
        title="Bring the Section 11 action plan to the next meeting",
        owner=business_unit,
        owner_agency=council,
        due_on=timezone.localdate() + datetime.timedelta(days=60),
        notify=False,
    )
    result.count("actions")

    # A message drafted from the last meeting, and one approved and waiting to go out.
    key_message_services.key_message_create(
        actor=business_unit,
        partnership=essex,
        meeting=last,
        title="Elective home education annual report",
        body="The Executive heard how many children are now educated at home and agreed "
        "to publish the annual report.\n\n- Visits within 10 working days\n- Concerns shared "
        "with social care the same day",
        themes=_themes("elective-home-education"),
        priority=priorities["Elective home education"],
    )
    approved = key_message_services.key_message_create(
        actor=business_unit,
        partnership=essex,
        meeting=last,
        title="Refreshed neglect strategy",
        body="Partners will use the **graded care profile** from April. Find the toolkit and "
        "training on the partnership website.",
        themes=_themes("neglect"),
        priority=priorities["Neglect"],
    )
    key_message_services.key_message_approve(actor=chair, key_message=approved)
