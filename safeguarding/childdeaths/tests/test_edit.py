"""Correcting a death notification: the CDOP corrects the recorded facts by the same rules
as recording them, every change audited before and after; bad corrections are refused with
the reason and change nothing; others are refused and the refusal logged."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.childdeaths import services
from safeguarding.childdeaths.tests.factories import ChildDeathFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def death(partnership, agencies):
    return ChildDeathFactory(
        reference="CD-EDIT-1",
        partnerships=[partnership],
        notifying_agency=agencies["health"],
        age_at_death_days=20,
        age_band="0_27d",
        place="hospital",
        died_on=datetime.date(2025, 3, 3),
        notified_on=datetime.date(2025, 3, 4),
    )


def _form(death, partnership, **changes):
    data = {
        "reference": death.reference,
        "partnerships": [str(partnership.pk)],
        "age_at_death_days": str(death.age_at_death_days),
        "sex": death.sex,
        "ethnicity": death.ethnicity,
        "place": death.place,
        "died_on": death.died_on.isoformat(),
        "notified_on": death.notified_on.isoformat(),
        "expected": "yes" if death.expected else "no",
        "notifying_agency": str(death.notifying_agency_id),
        "serious_incident_notification": "",
    }
    data.update(changes)
    return data


def _update(actor, death, partnership, **changes):
    fields = dict(
        actor=actor,
        death=death,
        reference=death.reference,
        partnership_ids=[partnership.pk],
        age_at_death_days=death.age_at_death_days,
        sex=death.sex,
        ethnicity=death.ethnicity,
        place=death.place,
        died_on=death.died_on,
        notified_on=death.notified_on,
        expected=death.expected,
        notifying_agency=death.notifying_agency,
    )
    fields.update(changes)
    return services.child_death_update(**fields)


def test_a_member_corrects_the_notification_and_the_change_is_audited(
    client, member, partnership, death
):
    client.force_login(member)
    detail = client.get(reverse("childdeaths:detail", args=[death.pk])).content.decode()
    assert reverse("childdeaths:edit", args=[death.pk]) in detail
    page = client.get(reverse("childdeaths:edit", args=[death.pk]))
    assert page.status_code == 200
    assert page.context["form"].initial["reference"] == "CD-EDIT-1"
    response = client.post(
        reverse("childdeaths:edit", args=[death.pk]),
        _form(death, partnership, age_at_death_days="400", place="home"),
    )
    assert response.status_code == 302
    death.refresh_from_db()
    assert (death.age_at_death_days, death.age_band, death.place) == (400, "1_4", "home")
    event = AuditEvent.objects.get(event="childdeaths.death.update")
    assert event.actor == member
    assert (event.before["age_at_death_days"], event.after["age_at_death_days"]) == (20, 400)
    assert (event.before["age_band"], event.after["age_band"]) == ("0_27d", "1_4")
    assert (event.before["place"], event.after["place"]) == ("hospital", "home")


def test_a_notification_corrected_to_before_the_death_is_refused(
    client, member, partnership, death
):
    client.force_login(member)
    response = client.post(
        reverse("childdeaths:edit", args=[death.pk]),
        _form(death, partnership, notified_on="2025-03-01"),
    )
    assert response.status_code == 400
    assert "cannot be before the date of death" in response.content.decode()
    death.refresh_from_db()
    assert death.notified_on == datetime.date(2025, 3, 4)
    assert not AuditEvent.objects.filter(event="childdeaths.death.update").exists()


def test_bad_corrections_are_refused_with_the_reason(
    member, partnership, agencies, death, neighbour
):
    other = ChildDeathFactory(reference="CD-EDIT-2", partnerships=[partnership])
    with pytest.raises(ValidationError) as error:
        _update(member, other, partnership, reference="cd-edit-1")
    assert "already recorded" in str(error.value.message_dict["reference"])
    with pytest.raises(ValidationError) as error:
        _update(
            member,
            death,
            partnership,
            died_on=datetime.date(2999, 1, 1),
            notified_on=datetime.date(2999, 1, 2),
        )
    assert "future" in str(error.value.message_dict["died_on"])
    death.response_started_on = datetime.date(2025, 3, 4)
    death.save()
    with pytest.raises(ValidationError) as error:
        _update(member, death, partnership, expected=True)
    assert "joint agency response" in str(error.value.message_dict["expected"])
    death.status = "closed"
    death.save()
    with pytest.raises(ValidationError, match="closed"):
        _update(member, death, partnership, place="home")
    assert not AuditEvent.objects.filter(event="childdeaths.death.update").exists()


def test_partnerships_the_person_does_not_sit_on_are_kept(member, partnership, elsewhere, agencies):
    shared = ChildDeathFactory(
        partnerships=[partnership, elsewhere], notifying_agency=agencies["health"]
    )
    death, changed = _update(member, shared, partnership, place="home")
    assert changed == ["place"]
    assert {p.pk for p in death.partnerships.all()} == {partnership.pk, elsewhere.pk}
    with pytest.raises(ValidationError) as error:
        _update(member, shared, elsewhere)
    assert "partnerships" in error.value.message_dict


def test_others_are_refused_and_the_refusal_is_logged(
    client, signed_in, make_user, elsewhere, partnership, death
):
    practitioner = signed_in(Role.PRACTITIONER)
    assert practitioner.get(reverse("childdeaths:edit", args=[death.pk])).status_code == 403
    other_cdop = make_user(Role.CDOP_MEMBER, partnership=elsewhere)
    client.force_login(other_cdop)
    response = client.post(reverse("childdeaths:edit", args=[death.pk]), _form(death, partnership))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event="childdeaths.death.refuse", actor=other_cdop).exists()
    death.refresh_from_db()
    assert death.place == "hospital"
