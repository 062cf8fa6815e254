"""factory_boy factories for case-review records. Fictional children, pseudonyms only."""

from datetime import date

import factory

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, UserFactory
from safeguarding.reviews.models import (
    AgencySummary,
    ClockStart,
    ImpactEvidence,
    Notification,
    RapidReview,
    Recommendation,
    Referral,
    Review,
    ReviewKind,
)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    partnership = factory.SubFactory(PartnershipFactory)
    reference = factory.Sequence(lambda n: f"2023-{n + 1:02d}")
    child_pseudonym = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)}{n // 26 or ''}")
    age_band = "under_1"
    sex = "male"
    nature = "serious_harm"
    became_aware_on = date(2023, 3, 1)
    notified_on = date(2023, 3, 3)


class RapidReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RapidReview

    notification = factory.SubFactory(NotificationFactory)
    partnership = factory.SelfAttribute("notification.partnership")
    clock_start_event = ClockStart.NOTIFICATION
    clock_start_on = factory.SelfAttribute("notification.notified_on")


class AgencySummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencySummary

    rapid_review = factory.SubFactory(RapidReviewFactory)
    agency = factory.LazyAttribute(
        lambda o: AgencyFactory(partnerships=[o.rapid_review.partnership])
    )
    requested_on = date(2023, 3, 6)
    due_on = date(2023, 3, 13)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    partnership = factory.SubFactory(PartnershipFactory)
    kind = ReviewKind.LOCAL
    title = factory.Sequence(lambda n: f"Child R{n}")
    decided_on = date(2023, 3, 24)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(ReviewFactory, status="draft")
    number = factory.Sequence(lambda n: n + 1)
    text = "Make sure bruising in non-mobile babies is always discussed with a paediatrician."
    owner_agency = factory.LazyAttribute(
        lambda o: AgencyFactory(partnerships=[o.review.partnership])
    )
    owner_person = factory.SubFactory(UserFactory)
    target_on = date(2024, 3, 31)
    update_due_on = date(2023, 6, 1)


class ImpactEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactEvidence

    recommendation = factory.SubFactory(RecommendationFactory)
    submitted_by = factory.SelfAttribute("recommendation.owner_person")
    description = "A re-audit of 20 cases found the protocol followed in 19."


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    partnership = factory.SubFactory(PartnershipFactory)
    referring_agency = factory.LazyAttribute(lambda o: AgencyFactory(partnerships=[o.partnership]))
    child_pseudonym = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)}{n // 26 or ''}")
    what_happened = "A baby was taken to hospital with unexplained bruising."
    why_criteria = "Abuse is suspected and the child was seriously harmed."
    incident_on = date(2023, 5, 8)
    received_on = date(2023, 5, 15)
