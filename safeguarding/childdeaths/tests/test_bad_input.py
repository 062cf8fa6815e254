"""Bad input from the issue is refused with the reason, and nothing half-written stays."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguarding.childdeaths import services
from safeguarding.childdeaths.models import ChildDeath, ModifiableFactor
from safeguarding.childdeaths.tests.factories import AgencyReportFactory, ChildDeathFactory

FACTORS = {
    "child": (False, ""),
    "family": (True, "Smoking"),
    "parenting": (False, ""),
    "services": (False, ""),
}


def _record(actor, partnership, agency, **changes):
    fields = dict(
        actor=actor,
        reference="CD-BAD-1",
        partnership_ids=[partnership.pk],
        age_at_death_days=30,
        sex="female",
        ethnicity="asian",
        place="hospital",
        died_on=datetime.date(2025, 2, 1),
        notified_on=datetime.date(2025, 2, 2),
        expected=True,
        notifying_agency=agency,
    )
    fields.update(changes)
    return services.child_death_record(**fields)


@pytest.mark.django_db
def test_a_notification_before_the_death_is_refused(member, partnership, agencies):
    with pytest.raises(ValidationError) as error:
        _record(member, partnership, agencies["health"], notified_on=datetime.date(2025, 1, 31))
    assert "cannot be before the date of death" in str(error.value.message_dict["notified_on"])
    assert not ChildDeath.objects.exists()


@pytest.mark.django_db
def test_a_death_for_a_partnership_whose_panel_you_do_not_sit_on_is_refused(
    member, elsewhere, agencies
):
    with pytest.raises(ValidationError) as error:
        _record(member, elsewhere, agencies["health"])
    assert "partnerships" in error.value.message_dict
    assert not ChildDeath.objects.exists()


@pytest.mark.django_db
def test_a_category_without_a_panel_meeting_is_refused(member, partnership, agencies):
    death = ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    with pytest.raises(ValidationError) as error:
        services.child_death_review(
            actor=member, death=death, category="infection", factors=FACTORS, learning_points=""
        )
    assert "Queue the death for a panel meeting" in " ".join(error.value.messages)
    death.refresh_from_db()
    assert death.category == "" and not ModifiableFactor.objects.exists()


@pytest.mark.django_db
def test_a_panel_review_before_the_reports_are_in_is_refused_unless_the_chair_says_why(
    member, chair, partnership, agencies, panel_meeting
):
    death = ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    AgencyReportFactory(child_death=death, agency=agencies["police"])
    with pytest.raises(ValidationError) as error:
        services.child_death_queue(actor=member, death=death, meeting_id=panel_meeting.pk)
    assert "Testshire Police" in " ".join(error.value.messages)
    with pytest.raises(ValidationError) as error:
        services.child_death_queue(
            actor=member, death=death, meeting_id=panel_meeting.pk, reason="Police delayed."
        )
    assert "Only the CDOP chair" in " ".join(error.value.messages)
    death.refresh_from_db()
    assert death.status == "notified" and death.panel_meeting_id is None

    services.child_death_queue(
        actor=chair,
        death=death,
        meeting_id=panel_meeting.pk,
        reason="Police report delayed by trial.",
    )
    death = services.child_death_review(
        actor=member,
        death=death,
        category="infection",
        factors=FACTORS,
        learning_points="Vaccination",
    )
    assert death.status == "reviewed"


@pytest.mark.django_db
def test_a_meeting_of_another_partnerships_body_is_refused(member, partnership, agencies):
    from safeguarding.governance.tests.factories import BodyFactory, MeetingFactory

    death = ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    foreign = MeetingFactory(body=BodyFactory())
    with pytest.raises(ValidationError) as error:
        services.child_death_queue(actor=member, death=death, meeting_id=foreign.pk)
    assert "meeting" in error.value.message_dict


@pytest.mark.django_db
def test_a_report_from_an_agency_that_was_not_asked_is_refused(lead_of, partnership, agencies):
    death = ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    report = AgencyReportFactory(child_death=death, agency=agencies["police"])
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=lead_of(agencies["school"]), report=report, text="Ours")
    assert "agency that was asked" in " ".join(error.value.messages)
    report.refresh_from_db()
    assert report.submitted_on is None


@pytest.mark.django_db
def test_asking_the_same_agency_twice_is_refused(member, partnership, agencies):
    death = ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    services.report_request(actor=member, death=death, agencies=[agencies["police"]])
    with pytest.raises(ValidationError) as error:
        services.report_request(
            actor=member, death=death, agencies=[agencies["school"], agencies["police"]]
        )
    assert "Testshire Police" in str(error.value.message_dict["agencies"])
    assert death.agency_reports.count() == 1


@pytest.mark.django_db
def test_a_serious_incident_notification_must_be_a_child_death_of_the_partnerships(
    member, partnership, agencies
):
    from safeguarding.reviews.tests.factories import NotificationFactory

    harm = NotificationFactory(partnership=partnership, nature="serious_harm")
    with pytest.raises(ValidationError) as error:
        _record(member, partnership, agencies["health"], serious_incident_notification_id=harm.pk)
    assert "serious_incident_notification_id" in error.value.message_dict
    death_notification = NotificationFactory(partnership=partnership, nature="death")
    death = _record(
        member,
        partnership,
        agencies["health"],
        serious_incident_notification_id=death_notification.pk,
    )
    assert death.serious_incident_notification_id == death_notification.pk
