"""Theme stories: the demo's records carry their themes consistently, so the theme pages of
neglect and of SUDI and safer sleep each tell the whole chain — notification, rapid review,
review, recommendation, action, briefing or course, audit, indicator, key message (issue 17,
item 7).

Most links already exist in the other demo modules; this tags the few records that belong to
a story but were loaded without its theme, and adds the three records a story was missing (a
recommendation for each, a safer-sleep audit and indicator). Deterministic and idempotent:
records are found by their fictional titles and pseudonyms, and nothing is made twice."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import Campaign
from safeguarding.assurance.services import campaigns as campaign_services
from safeguarding.core.working_days import add_working_days
from safeguarding.demo.assurance import _campaign
from safeguarding.governance.models import Action, KeyMessage
from safeguarding.performance.services import indicators as indicator_services
from safeguarding.planning.models import Theme
from safeguarding.reviews import services as review_services
from safeguarding.reviews.models import Notification, Review

JOB = "demo"
SUDI_REVIEW = "Sudden unexpected deaths in infancy (Southend, Essex and Thurrock)"
SUDI_RECOMMENDATION = (
    "Health visitors and midwives have the safer sleep conversation, using the thinking tool, "
    "at every contact in a baby's first year, and record where the baby sleeps."
)
NEGLECT_RECOMMENDATION = (
    "Practitioners use the graded care profile whenever neglect is suspected, and share the "
    "result at the next multi-agency meeting."
)
SUDI_AUDIT = "Safer sleep conversations audit 2023"
SUDI_INDICATOR = "safer-sleep-conversations"


def _recommendation(review: Review, text: str, theme: Theme, owner: User, agency) -> None:
    if review.recommendations.filter(text=text).exists():
        return
    review_services.recommendation_add(
        job=JOB,
        review=review,
        text=text,
        owner_agency=agency,
        owner_person=owner,
        # Due in the coming months, whatever the day the demo is loaded on (as reviews.py).
        target_on=add_working_days(timezone.localdate(), 60),
        themes=[theme],
    )


def _tag(records, theme: Theme) -> None:
    for record in records:
        record.themes.add(theme)


def _sudi(essex: Partnership, sudi: Theme, bu: User, health: Agency | None, lead: User) -> None:
    # Child T, a baby who died in January 2023: the notification and its rapid review.
    _tag(Notification.objects.filter(partnership=essex, child_pseudonym="Child T"), sudi)
    _tag(
        Action.objects.filter(title="Send the rapid review of Child T to the national panel"), sudi
    )
    review = Review.objects.filter(partnership=essex, title=SUDI_REVIEW).first()
    if review is not None:
        _recommendation(review, SUDI_RECOMMENDATION, sudi, lead, health)
    _tag(KeyMessage.objects.filter(partnership=essex, title__contains="(SUDI)"), sudi)
    if not Campaign.objects.filter(partnership=essex, title=SUDI_AUDIT).exists():
        campaign = _campaign(
            bu=bu,
            essex=essex,
            title=SUDI_AUDIT,
            kind="thematic",
            audience=Audience("agencies", types=("health_provider",)),
            opens_on=date(2023, 5, 2),
            closes_on=date(2023, 6, 30),
            themes=[sudi],
        )
        campaign_services.campaign_close(actor=bu, campaign=campaign)
    if not essex.indicators.filter(key=SUDI_INDICATOR).exists():
        indicator_services.indicator_create(
            job=JOB,
            partnership=essex,
            key=SUDI_INDICATOR,
            name="Health visiting records with the safer sleep conversation recorded",
            unit="percentage",
            period_type="financial_year",
            polarity="higher_is_better",
            target=90,
            source="Mid and South Essex NHS Foundation Trust, health visiting",
            source_agency=health,
            themes=[sudi],
        )


def _neglect(essex: Partnership, neglect: Theme, health: Agency | None, lead: User) -> None:
    review = Review.objects.filter(partnership=essex, title="Child H").first()
    if review is not None:
        _recommendation(review, NEGLECT_RECOMMENDATION, neglect, lead, health)


def load(*, essex: Partnership, result) -> None:
    bu = User.objects.get(email="business-unit@demo.example")
    lead = User.objects.get(email="agency-lead@demo.example")
    health = Agency.objects.filter(name="Mid and South Essex NHS Foundation Trust").first()
    _sudi(essex, Theme.objects.get(name="SUDI and safer sleep"), bu, health, lead)
    _neglect(essex, Theme.objects.get(name="Neglect"), health, lead)
