"""factory_boy factories for training records. Fictional people only."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.training.models import (
    Booking,
    BookingStatus,
    Course,
    LearningOutcome,
    MemberGroup,
    Session,
)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Safeguarding course {n}")
    summary = "What every practitioner needs to know to keep children safe."
    level = "2"
    format = "virtual"
    duration_minutes = 180
    is_published = True

    @factory.post_generation
    def outcomes(self, create, extracted, **kwargs):
        if not create:
            return
        for order, text in enumerate(
            extracted or ["Recognise signs of abuse", "Know how to make a referral"]
        ):
            LearningOutcome.objects.create(course=self, text=text, order=order)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=3))
    venue = "County Hall, Market Road, Chelmsford CM1 1QH"
    capacity = 20


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking written straight to the table (for reads); use services to test rules."""

    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    full_name = factory.Sequence(lambda n: f"Attendee {n}")
    email = factory.Sequence(lambda n: f"attendee{n}@test.example")
    organisation = "Riverside Youth Project"
    job_role = "Youth worker"
    sector = "voluntary"
    status = BookingStatus.BOOKED


class MemberGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberGroup

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Member group {n}")
    discount_percent = 25
