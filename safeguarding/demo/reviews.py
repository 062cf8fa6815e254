"""Demo case reviews for Essex, in the pattern of the ESCB 2021–23 report (fictional children).

- In April 2021 eight local reviews were ongoing: four since published (three young people
  who took their own lives, one child fatally injured in an accident), three with
  publication deferred by criminal proceedings, one whose publication is not yet agreed.
- A review led by the London Borough of Havering that Essex contributes to.
- Thematic reviews: teenage suicide 2018 to 2022, and the Southend, Essex and Thurrock
  review of sudden unexpected deaths in infancy (SUDI).
- Nine referrals in 18 months, mostly non-accidental injury: three became local reviews,
  the others went to other learning routes or no further action.
- Two author briefings (198 attended, 95 asked for the slides), recommendations with monthly
  updates and graded evidence of impact, and clocks running now for the dashboard.

Built through the services, idempotently: nothing is added when the first child exists.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.core.working_days import add_working_days
from safeguarding.planning.models import Theme
from safeguarding.reviews import services
from safeguarding.reviews.models import Notification, Referral, Review

JOB = "demo"


def _theme(name: str) -> Theme:
    return Theme.objects.get(name=name)


def _agency(name: str) -> Agency | None:
    return Agency.objects.filter(name=name).first()


def _move(review: Review, action: str, **fields) -> Review:
    return services.STEP_SERVICES[action](job=JOB, review=review, version=review.version, **fields)


def _walk(review: Review, steps: list[tuple[str, dict]]) -> Review:
    for action, fields in steps:
        review = _move(review, action, **fields)
    return review


def _to_final(review: Review, reviewer: User, d: dict[str, date], planned: date) -> Review:
    return _walk(
        review,
        [
            (
                "agree_terms",
                {
                    "terms_agreed_on": d["terms"],
                    "methodology": "SILP",
                    "terms_of_reference": "How well did agencies work together to "
                    "recognise and respond to the risks to the child?",
                },
            ),
            (
                "commission_reviewer",
                {
                    "reviewer": reviewer,
                    "commissioned_on": d["commissioned"],
                    "reviewer_cost": Decimal("7500.00"),
                },
            ),
            ("start", {"started_on": d["started"]}),
            ("receive_draft", {"draft_received_on": d["draft"]}),
            ("agree_final", {"final_agreed_on": d["final"], "planned_publication_on": planned}),
        ],
    )


def _publish(review: Review, sent: date, published: date, url: str) -> Review:
    review = _move(
        review,
        "send_advance_copy",
        advance_copy_sent_on=sent,
        sent_to_ofsted=True,
        planned_publication_on=published,
    )
    reason = ""
    if published > review.target_publication_on:
        reason = (
            "Delayed by the pandemic and by waiting for the inquest; the Panel was told "
            "of the delay."
        )
    return _move(
        review, "publish", published_on=published, publication_url=url, target_breach_reason=reason
    )


def _notification(essex, bu, spec: dict, agencies, themes) -> Notification:
    return services.notification_create(
        actor=bu, partnership=essex, agencies_involved=agencies, themes=themes, **spec
    )


def _rapid_review(
    bu,
    notification,
    *,
    meeting,
    signed,
    decision,
    decided,
    sent,
    route="",
    criteria=(),
    response="agrees",
    response_on=None,
):
    rr = services.rapid_review_start(actor=bu, notification=notification)
    rr = services.rapid_review_record_meeting(
        actor=bu, rapid_review=rr, version=rr.version, meeting_on=meeting
    )
    rr = services.rapid_review_sign_off(
        actor=bu,
        rapid_review=rr,
        version=rr.version,
        signed_off_on=signed,
        signed_off_by="Essex County Council, Essex Police and the three integrated care boards",
    )
    rr = services.rapid_review_record_decision(
        actor=bu,
        rapid_review=rr,
        version=rr.version,
        decision=decision,
        decided_on=decided,
        decision_rationale="Agreed by the statutory partners at the rapid review meeting.",
        other_learning_route=route,
        **{c: True for c in criteria},
    )
    late = "" if sent <= rr.due_on else "Waiting for a police summary delayed sign-off."
    rr = services.rapid_review_send_to_panel(
        actor=bu, rapid_review=rr, version=rr.version, sent_to_panel_on=sent, late_reason=late
    )
    if response_on:
        rr = services.rapid_review_record_panel_response(
            actor=bu,
            rapid_review=rr,
            version=rr.version,
            panel_response=response,
            panel_response_on=response_on,
        )
    return rr


def load(*, essex: Partnership, result) -> None:
    _load_referrals(essex=essex, result=result)
    if Notification.objects.filter(partnership=essex, child_pseudonym="Child K").exists():
        return
    bu = User.objects.get(email="business-unit@demo.example")
    reviewer = User.objects.get(email="reviewer@demo.example")
    school_lead = User.objects.get(email="agency-lead@demo.example")
    police_partner = User.objects.get(email="partner@demo.example")
    ecc = _agency("Essex County Council")
    police = _agency("Essex Police")
    school = _agency("Oakfield Primary School") or ecc
    health = _agency("Mid and South Essex NHS Foundation Trust") or ecc
    involved = [a for a in (ecc, police, health) if a]
    nai, suicide, neglect = (
        _theme("Non-accidental injury"),
        _theme("Suicide and self-harm"),
        _theme("Neglect"),
    )
    sudi, voice, think_family = (
        _theme("SUDI and safer sleep"),
        _theme("Voice of the child"),
        _theme("Think family"),
    )
    mental_health = _theme("Emotional wellbeing and mental health")
    southend = Partnership.objects.filter(slug="southend").first()
    thurrock = Partnership.objects.filter(slug="thurrock").first()

    # Eight local reviews ongoing in April 2021 ---------------------------------------------
    ongoing = [
        ("Child A", date(2020, 6, 12), [suicide, mental_health], "published", date(2021, 9, 30)),
        ("Child B", date(2020, 8, 4), [suicide, voice], "published", date(2021, 11, 25)),
        ("Child C", date(2020, 10, 20), [suicide, think_family], "published", date(2022, 3, 17)),
        ("Child D", date(2020, 11, 9), [voice], "published", date(2022, 6, 23)),
        ("Child E", date(2020, 7, 1), [nai], "deferred", None),
        ("Child F", date(2020, 9, 14), [nai, neglect], "deferred", None),
        ("Child G", date(2021, 1, 18), [nai], "deferred", None),
        ("Child H", date(2021, 2, 22), [neglect, think_family], "final", None),
    ]
    published_reviews = []
    for title, decided, themes, outcome, published_on in ongoing:
        review = services.review_create(
            job=JOB, partnership=essex, kind="local", title=title, decided_on=decided, themes=themes
        )
        result.count("reviews")
        d = {
            "terms": add_working_days(decided, 15),
            "commissioned": add_working_days(decided, 25),
            "started": add_working_days(decided, 35),
            "draft": add_working_days(decided, 110),
            "final": add_working_days(decided, 150),
        }
        planned = published_on or add_working_days(decided, 200)
        review = _to_final(review, reviewer, d, planned)
        review = services.review_update_content(
            actor=bu,
            review=review,
            version=review.version,
            summary=f"{title} was known to several agencies. The review looked at how they "
            "shared what they knew and how the child's own voice was heard.\n\nPractitioners "
            "worked hard with the family, but information about risk was held in separate "
            "places and no agency had the whole picture.",
            key_learning="Hear the child's own account and record it\nShare concerns early "
            "across agencies\nThink family: the adults' needs shape the child's safety",
        )
        if outcome == "published":
            review = _publish(
                review,
                add_working_days(published_on, -10),
                published_on,
                f"https://www.escb.example/reviews/{title.lower().replace(' ', '-')}",
            )
            published_reviews.append(review)
        elif outcome == "deferred":
            review = _move(
                review,
                "defer",
                deferral_reason="criminal_proceedings",
                deferred_on=d["final"],
                deferral_review_on=date(2024, 1, 31),
                deferral_details="Publication waits for the end of the criminal trial. "
                "The Panel and the Secretary of State have been told.",
            )

    # Recommendations, updates and graded evidence on the published reviews ----------------
    owners = [(school, school_lead), (police, police_partner)]
    texts = [
        "Every school's designated safeguarding lead shares concerns about self-harm with the "
        "school nurse and the GP the same day.",
        "Officers attending a young person in crisis record the young person's own words and "
        "share them with children's social care.",
    ]
    for review in published_reviews:
        for index, (text, (agency, person)) in enumerate(zip(texts, owners, strict=True)):
            recommendation = services.recommendation_add(
                job=JOB,
                review=review,
                text=text,
                owner_agency=agency,
                owner_person=person,
                # Targets the board has since extended: due in the coming months, whatever
                # the day the demo is loaded on.
                target_on=max(
                    add_working_days(review.published_on, 120),
                    add_working_days(timezone.localdate(), 40 + 15 * len(published_reviews)),
                ),
                themes=review.themes.all(),
            )
            result.count("recommendations")
            services.recommendation_add_update(
                actor=person,
                recommendation=recommendation,
                progress="on_track",
                text="Briefed all safeguarding leads; a re-audit is planned.",
            )
            if index == 0 and review.title in {"Child A", "Child B"}:
                evidence = services.impact_evidence_submit(
                    actor=person,
                    recommendation=recommendation,
                    description="A re-audit of 20 cases found same-day sharing in 18; pupils "
                    "told us staff now ask how they are feeling.",
                )
                # Graded and closed at the panel eight months after publication: the
                # yearly report counts them in that year, not the day the demo was loaded.
                graded_on = min(review.published_on + timedelta(days=240), timezone.localdate())
                services.impact_evidence_grade(
                    actor=bu,
                    evidence=evidence,
                    grade="strong",
                    comment="Clear change in practice and in what young people say.",
                    graded_on=graded_on,
                )
                recommendation.refresh_from_db()
                services.recommendation_close(
                    actor=bu,
                    recommendation=recommendation,
                    version=recommendation.version,
                    closed_on=graded_on,
                )
            elif index == 1 and review.title == "Child C":
                evidence = services.impact_evidence_submit(
                    actor=person,
                    recommendation=recommendation,
                    description="Training delivered to 300 officers.",
                )
                services.impact_evidence_grade(
                    actor=bu,
                    evidence=evidence,
                    grade="insufficient",
                    comment="Training numbers are not impact: what has changed for young people?",
                    graded_on=min(review.published_on + timedelta(days=240), timezone.localdate()),
                )

    child_a = published_reviews[0]
    services.briefing_save(job=JOB, review=child_a, **services.briefing_initial(child_a))
    services.author_briefing_add(
        job=JOB,
        review=child_a,
        title="Author briefing: Child A",
        held_on=date(2021, 10, 14),
        attended=112,
        slides_requested=54,
    )
    child_b = published_reviews[1]
    services.author_briefing_add(
        job=JOB,
        review=child_b,
        title="Author briefing: Child B",
        held_on=date(2021, 12, 9),
        attended=86,
        slides_requested=41,
    )
    services.learning_link_add(
        job=JOB,
        review=child_a,
        kind="podcast",
        title="The reviewer talks about Child A",
        url="https://www.escb.example/podcasts/child-a",
    )

    # Joint and thematic reviews --------------------------------------------------------------
    havering = services.review_create(
        job=JOB,
        partnership=essex,
        kind="joint",
        title="Child J",
        decided_on=date(2022, 7, 4),
        lead_partnership_name="London Borough of Havering",
        cost_contribution=Decimal("5000.00"),
        themes=[nai],
    )
    _walk(
        havering,
        [
            (
                "agree_terms",
                {
                    "terms_agreed_on": date(2022, 7, 25),
                    "terms_of_reference": "Led by Havering; Essex agencies "
                    "contribute chronologies and attend events.",
                },
            ),
            ("commission_reviewer", {"reviewer": None, "commissioned_on": date(2022, 8, 15)}),
            ("start", {"started_on": date(2022, 9, 5)}),
        ],
    )
    teen = services.review_create(
        job=JOB,
        partnership=essex,
        kind="thematic",
        title="Teenage suicide 2018 to 2022",
        decided_on=date(2022, 11, 1),
        themes=[suicide, mental_health],
    )
    _walk(
        teen,
        [
            (
                "agree_terms",
                {
                    "terms_agreed_on": date(2022, 12, 1),
                    "terms_of_reference": "All 22 young people who died through "
                    "suicide between 2018 and 2022.",
                },
            ),
            ("commission_reviewer", {"reviewer": reviewer, "commissioned_on": date(2023, 1, 9)}),
            ("start", {"started_on": date(2023, 2, 1)}),
        ],
    )
    teen.refresh_from_db()
    services.practitioner_event_add(
        job=JOB, review=teen, title="Practitioner event", held_on=date(2023, 3, 15), attended=34
    )
    set_sudi = services.review_create(
        job=JOB,
        partnership=essex,
        kind="thematic",
        title="Sudden unexpected deaths in infancy (Southend, Essex and Thurrock)",
        decided_on=date(2021, 6, 1),
        themes=[sudi, think_family],
        other_partnerships=[p for p in (southend, thurrock) if p],
    )
    set_sudi = _to_final(
        set_sudi,
        reviewer,
        {
            "terms": date(2021, 6, 21),
            "commissioned": date(2021, 7, 5),
            "started": date(2021, 7, 19),
            "draft": date(2021, 11, 1),
            "final": date(2021, 11, 22),
        },
        date(2021, 12, 9),
    )
    set_sudi = services.review_update_content(
        actor=bu,
        review=set_sudi,
        version=set_sudi.version,
        summary="Eleven babies died suddenly and unexpectedly across Southend, Essex and "
        "Thurrock. Most were sharing a sleep surface with an adult.\n\nA multi-agency group "
        "wrote a thinking tool so practitioners can talk with families, without judgement, "
        "about where their baby sleeps.",
        key_learning="Ask every family where the baby sleeps, every time\nPlan for changes "
        "in routine: visits, illness, alcohol\nUse the thinking tool, not a leaflet",
    )
    set_sudi = _publish(
        set_sudi,
        date(2021, 11, 26),
        date(2021, 12, 9),
        "https://www.escb.example/reviews/sudi-thematic",
    )
    services.briefing_save(job=JOB, review=set_sudi, **services.briefing_initial(set_sudi))
    _move(
        set_sudi,
        "embed_learning",
        learning_embedded_on=date(2022, 9, 30),
        learning_embedded_summary="The thinking tool is used by health visitors and "
        "midwives; an audit of 40 records found the sleep conversation recorded in 36.",
    )
    result.count("reviews")

    # Nine referrals in 18 months ---------------------------------------------------------
    referrals = [
        ("Child K", "under_1", "serious_harm", date(2021, 10, 4), [nai], "local_review"),
        ("Child L", "under_1", "serious_harm", date(2021, 12, 6), [nai], "other_learning"),
        ("Child M", "11_15", "death", date(2022, 2, 14), [suicide], "local_review"),
        ("Child N", "1_5", "serious_harm", date(2022, 4, 25), [nai, neglect], "other_learning"),
        ("Child P", "6_10", "serious_harm", date(2022, 6, 13), [neglect], "local_review"),
        ("Child R", "16_17", "serious_harm", date(2022, 9, 13), [suicide], "other_learning"),
        ("Child S", "under_1", "serious_harm", date(2022, 11, 7), [nai], "other_learning"),
        ("Child T", "under_1", "death", date(2023, 1, 16), [neglect], "no_further_action"),
    ]
    for pseudonym, age, nature, aware, themes, decision in referrals:
        notified = add_working_days(aware, 3)
        notification = _notification(
            essex,
            bu,
            {
                "child_pseudonym": pseudonym,
                "age_band": age,
                "sex": "female" if pseudonym in {"Child M", "Child P"} else "male",
                "nature": nature,
                "became_aware_on": aware,
                "notified_on": notified,
                "outline": "Notified after a strategy discussion. Details are held in the "
                "agencies' own case records.",
            },
            involved,
            themes,
        )
        result.count("notifications")
        start = notified
        _rapid_review(
            bu,
            notification,
            meeting=add_working_days(start, 10),
            signed=add_working_days(start, 13),
            decision=decision,
            decided=add_working_days(start, 13),
            sent=add_working_days(start, 14),
            route="Multi-agency learning event" if decision == "other_learning" else "",
            criteria=("criterion_agencies_working_together", "criterion_recurrent_themes")
            if decision == "local_review"
            else (),
            response_on=add_working_days(start, 24),
        )
    # The three local reviews from these referrals, each late, with the reason recorded.
    for pseudonym, steps in [
        ("Child K", ["agree_terms", "commission_reviewer", "start"]),
        ("Child M", ["agree_terms", "commission_reviewer", "start", "receive_draft"]),
        ("Child P", ["agree_terms", "commission_reviewer", "start"]),
    ]:
        review = Review.objects.get(partnership=essex, title=pseudonym)
        result.count("reviews")
        base = review.decided_on
        facts = {
            "agree_terms": {
                "terms_agreed_on": add_working_days(base, 20),
                "terms_of_reference": "Agreed by the case review group.",
            },
            "commission_reviewer": {
                "reviewer": reviewer,
                "commissioned_on": add_working_days(base, 30),
            },
            "start": {"started_on": add_working_days(base, 40)},
            "receive_draft": {"draft_received_on": add_working_days(base, 140)},
        }
        review = _walk(review, [(step, facts[step]) for step in steps])
        services.review_record_delay_reason(
            actor=bu,
            review=review,
            version=review.version,
            target_breach_reason="Practitioner events were delayed so the police investigation "
            "was not prejudiced; the Panel has been told.",
        )
    # The ninth, and a new incident: clocks running today for the dashboard.
    today = timezone.localdate()
    aware = add_working_days(today, -9)
    current = _notification(
        essex,
        bu,
        {
            "child_pseudonym": "Child U",
            "age_band": "under_1",
            "sex": "male",
            "nature": "serious_harm",
            "became_aware_on": aware,
            "notified_on": add_working_days(aware, 2),
        },
        involved,
        [nai],
    )
    rapid = services.rapid_review_start(actor=bu, notification=current)
    services.agency_summary_request(
        actor=bu,
        rapid_review=rapid,
        agencies=[a for a in (police, health, school) if a],
        requested_on=add_working_days(aware, 3),
        due_on=add_working_days(aware, 12),
    )
    _notification(
        essex,
        bu,
        {
            "child_pseudonym": "Child V",
            "age_band": "11_15",
            "sex": "female",
            "nature": "serious_harm",
            "became_aware_on": add_working_days(today, -2),
        },
        involved,
        [suicide],
    )
    result.count("notifications")
    _finish_old_reviews(essex)
    _running_review(essex, reviewer, [nai, neglect], result)


# Old reviews finished; one running now -------------------------------------------------------

DEFERRED_REASON = (
    "Publication was deferred until the criminal proceedings ended; the Panel and the "
    "Secretary of State were told of the delay and of the new date."
)
LATE_REASON = (
    "The review took longer than planned: practitioner events waited for the police "
    "investigation and the family's wishes; the Panel was told of the delay."
)
SEED_PERIOD_END = date(2023, 3, 31)  # the end of the seed yearly report's period
SECOND_DRAFT_GAP = 100  # working days from the start to the draft report


def _finish_old_reviews(essex: Partnership) -> None:
    """Every review that began years ago (the story runs from 2020) is finished and published,
    with the reason for the delay recorded, so the demo shows a partnership on top of its work
    whatever the date it is loaded on."""
    order = ["receive_draft", "agree_final", "send_advance_copy", "publish"]
    for review in Review.objects.filter(partnership=essex).exclude(
        status__in=["published", "learning_embedded"]
    ):
        deferred = review.status == "deferred"
        last = max(
            day
            for day in (
                review.decided_on,
                review.started_on,
                review.draft_received_on,
                review.final_agreed_on,
                review.deferred_on,
            )
            if day
        )
        if deferred:
            steps = ["send_advance_copy", "publish"]
            last = add_working_days(last, 400)  # the trial ended about 18 months later
        else:
            start = {
                "in_progress": "receive_draft",
                "draft": "agree_final",
                "final_agreed": "send_advance_copy",
                "sent_to_panel": "publish",
            }.get(review.status)
            if start is None:
                continue
            steps = order[order.index(start) :]
        # Unpublished at the end of the seed report's period (March 2023), as it tells: they
        # move on only afterwards.
        last = max(last, SEED_PERIOD_END + timedelta(days=30))
        draft = add_working_days(last, SECOND_DRAFT_GAP if "receive_draft" in steps else 0)
        final = add_working_days(draft, 20 if "agree_final" in steps else 0)
        sent = add_working_days(final, 20)
        published = add_working_days(sent, 10)
        facts = {
            "receive_draft": {"draft_received_on": draft},
            "agree_final": {"final_agreed_on": final, "planned_publication_on": published},
            "send_advance_copy": {
                "advance_copy_sent_on": sent,
                "sent_to_ofsted": True,
                "planned_publication_on": published,
            },
            "publish": {
                "published_on": published,
                "publication_url": "https://www.escb.example/reviews/"
                + review.title.lower().replace(" ", "-"),
                "target_breach_reason": (
                    (DEFERRED_REASON if deferred else LATE_REASON)
                    if published > review.target_publication_on
                    else ""
                ),
            },
        }
        review.refresh_from_db()
        _walk(review, [(step, facts[step]) for step in steps])


def _running_review(essex: Partnership, reviewer: User, themes, result) -> None:
    """A local review decided two months before the demo is loaded: its clocks run, on time."""
    today = timezone.localdate()
    decided = add_working_days(today, -45)
    review = services.review_create(
        job=JOB, partnership=essex, kind="local", title="Child W", decided_on=decided, themes=themes
    )
    result.count("reviews")
    _walk(
        review,
        [
            (
                "agree_terms",
                {
                    "terms_agreed_on": add_working_days(decided, 15),
                    "methodology": "SILP",
                    "terms_of_reference": "How well did agencies share what they knew about "
                    "the risks to a baby living with domestic abuse?",
                },
            ),
            (
                "commission_reviewer",
                {
                    "reviewer": reviewer,
                    "commissioned_on": add_working_days(decided, 25),
                    "reviewer_cost": Decimal("7500.00"),
                },
            ),
            ("start", {"started_on": add_working_days(decided, 35)}),
        ],
    )


# Referrals for review ------------------------------------------------------------------------

REFERRALS = [
    # (pseudonym, referring agency, incident, received, theme, outcome or None, reason)
    (
        "Child S",
        "Essex Police",
        date(2022, 9, 12),
        date(2022, 9, 14),
        "Non-accidental injury",
        "other_learning",
        "The harm was not serious enough for a rapid review; a multi-agency learning event on "
        "bruising in non-mobile babies will capture the learning.",
    ),
    (
        "Child T",
        "Mid and South Essex NHS Foundation Trust",
        date(2023, 1, 9),
        date(2023, 1, 11),
        "Neglect",
        "no_further_action",
        "Agencies worked well together and the learning is already in the neglect strategy.",
    ),
    (
        "Child W",
        "Oakfield Primary School",
        None,  # recent: days before today
        None,
        "Emotional wellbeing and mental health",
        None,
        "",
    ),
]


def _load_referrals(*, essex: Partnership, result) -> None:
    """A few fictional referrals: two decided, one awaiting a decision. Idempotent."""
    if Referral.objects.filter(partnership=essex).exists():
        return
    bu = User.objects.filter(email="business-unit@demo.example").first()
    school_lead = User.objects.filter(email="agency-lead@demo.example").first()
    today = timezone.localdate()
    for pseudonym, agency_name, incident, received, theme, outcome, reason in REFERRALS:
        agency = _agency(agency_name)
        if agency is None or essex.pk not in set(agency.partnerships.values_list("pk", flat=True)):
            continue
        is_school = agency_name == "Oakfield Primary School" and school_lead is not None
        referral = services.referral_submit(
            actor=school_lead if is_school else None,
            job=None if is_school else JOB,
            partnership=essex,
            referring_agency=agency,
            child_pseudonym=pseudonym,
            what_happened="A young person was admitted to hospital after taking an overdose; "
            "the school had raised concerns about self-harm twice that term."
            if is_school
            else "A child was seen at hospital with an injury the family could not explain.",
            why_criteria="A child was seriously harmed and more than one agency was involved; "
            "there may be learning about how agencies shared information.",
            incident_on=incident or add_working_days(today, -6),
            received_on=received or add_working_days(today, -4),
            themes=[_theme(theme)],
            agencies_involved=[a for a in (_agency("Essex County Council"),) if a],
        )
        result.count("referrals")
        if outcome is None:
            continue
        referral = services.referral_consider(
            job=JOB, referral=referral, version=None, on=add_working_days(received, 2)
        )
        services.referral_decide(
            actor=bu,
            job=None if bu else JOB,
            referral=referral,
            version=None,
            outcome=outcome,
            decision_reason=reason,
            decided_on=add_working_days(received, 8),
        )
