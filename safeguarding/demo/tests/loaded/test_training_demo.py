"""The demo programme reproduces the yearly report's figures and loads idempotently."""

from __future__ import annotations

from datetime import date

from safeguarding.accounts.models import Partnership, User
from safeguarding.demo import training as training_demo
from safeguarding.demo.loader import DemoResult
from safeguarding.training.models import Booking, Session
from safeguarding.training.selectors import reach_report


def test_the_demo_programme_reaches_over_1700_people_through_about_80_opportunities(
    django_capture_on_commit_callbacks,
):
    essex = Partnership.objects.get(slug="essex")
    with django_capture_on_commit_callbacks(execute=False):
        training_demo.load(essex=essex, result=DemoResult(password="x"))
    bu = User.objects.get(email="business-unit@demo.example")

    report = reach_report(user=bu, date_from=date(2022, 4, 1), date_to=date(2023, 3, 31))

    assert 75 <= report.total.opportunities <= 85
    assert report.total.people > 1700
    sectors = report.breakdowns["sector"]
    assert sectors[0].group == "Voluntary, community and faith"
    conference = Session.objects.get(course__format="conference")
    assert conference.bookings.filter(attendance__in=["attended", "late"]).count() == 402
    assert conference.joint_partnerships.count() == 2
    assert report.evaluation.evaluations > 300
    assert report.evaluation.confidence_after > report.evaluation.confidence_before

    counts = (Session.objects.count(), Booking.objects.count())
    with django_capture_on_commit_callbacks(execute=False):
        training_demo.load(essex=essex, result=DemoResult(password="x"))
    assert (Session.objects.count(), Booking.objects.count()) == counts
    # The demo practitioner has a booking to look at.
    assert Booking.objects.filter(email="practitioner@demo.example").exists()
