"""`safeguarding demo --scale N`: generated partnerships for measuring at real size."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.demo.scale import load_scale, parse_scale
from safeguarding.governance.models import KeyMessage
from safeguarding.reviews.models import Notification, Recommendation

TODAY = datetime.date(2026, 6, 1)

pytestmark = pytest.mark.django_db


def test_each_generated_partnership_has_its_agencies_schools_and_years_of_work():
    result = load_scale(2, years=1, today=TODAY)

    assert list(
        Partnership.objects.filter(slug__startswith="scale-")
        .values_list("slug", flat=True)
        .order_by("slug")
    ) == ["scale-001", "scale-002"]
    first = Partnership.objects.get(slug="scale-001")
    assert Agency.objects.filter(partnerships=first, type="school").count() == 550
    assert Agency.objects.filter(partnerships=first).exclude(type="school").count() == 300
    assert Agency.objects.filter(partnerships=first, is_statutory_partner=True).count() == 3
    assert KeyMessage.objects.filter(partnership=first, status="published").exists()
    assert Recommendation.objects.filter(review__partnership=first).exists()
    assert result.created["partnerships"] == 2


def test_running_it_again_adds_nothing_and_the_same_n_gives_the_same_data():
    def names():
        return sorted(
            Agency.objects.filter(partnerships__slug="scale-001").values_list("name", flat=True)
        )

    with transaction.atomic():
        load_scale(1, years=1, today=TODAY)
        first_run = names()
        transaction.set_rollback(True)
    assert not Partnership.objects.filter(slug="scale-001").exists()

    load_scale(1, years=1, today=TODAY)
    counts = (Agency.objects.count(), Notification.objects.count(), KeyMessage.objects.count())
    again = load_scale(1, years=1, today=TODAY)

    assert names() == first_run
    assert again.created == {}
    assert (
        Agency.objects.count(),
        Notification.objects.count(),
        KeyMessage.objects.count(),
    ) == counts


def test_a_generated_business_unit_sees_only_its_own_partnerships_notifications(client):
    load_scale(2, years=1, today=TODAY)
    own = Notification.objects.filter(partnership__slug="scale-001").first()
    other = Notification.objects.filter(partnership__slug="scale-002").first()
    person = User.objects.get(email="person0@scale-001.example")

    client.force_login(person)
    page = client.get("/reviews/notifications/")

    assert page.status_code == 200
    assert own.reference in page.content.decode()
    assert other.reference not in page.content.decode()


@pytest.mark.parametrize("value", ["lots", "0", "5000"])
def test_a_scale_that_is_not_understood_is_refused_with_what_to_give(value):
    with pytest.raises(ValueError, match="--scale"):
        parse_scale(value)
    with pytest.raises(CommandError, match="--scale"):
        call_command("demo", "--scale", value)


def test_national_is_150_partnerships():
    assert parse_scale("national") == 150


def test_generated_partnerships_send_bulletins_keep_a_library_and_share_child_deaths():
    from safeguarding.childdeaths.models import ChildDeath
    from safeguarding.comms.models import Bulletin
    from safeguarding.library.models import Resource, ResourceUsage

    load_scale(4, years=2, today=TODAY)
    first, second, third, fourth = Partnership.objects.filter(slug__startswith="scale-").order_by(
        "slug"
    )

    sent = Bulletin.objects.filter(partnership=first, status="sent").order_by("sent_at")
    assert sent.count() >= 24
    assert sent.first().open_rate < sent.last().open_rate
    assert Resource.objects.filter(partnership=first).count() == 40
    assert ResourceUsage.objects.filter(resource__partnership=first).exists()

    # Partnerships 1-3 share one panel; the fourth starts the next group.
    group = set(ChildDeath.objects.filter(partnerships=first).values_list("pk", flat=True))
    assert group
    assert group == set(ChildDeath.objects.filter(partnerships=third).values_list("pk", flat=True))
    assert not group & set(
        ChildDeath.objects.filter(partnerships=fourth).values_list("pk", flat=True)
    )
    reviewed = ChildDeath.objects.filter(partnerships=second, status="reviewed")
    assert reviewed.exists()
    assert not reviewed.filter(category="").exists()
    assert not ChildDeath.objects.filter(status="notified").exclude(category="").exists()


def test_every_generated_partnership_up_to_the_largest_scale_has_its_own_area_name():
    from safeguarding.demo.scale import area_name

    names = [area_name(number) for number in range(1, 1001)]
    assert len(set(names)) == 1000
    assert area_name(1) == "Ashfield"
