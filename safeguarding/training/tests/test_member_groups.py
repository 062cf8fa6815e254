"""Member groups (such as ECVYS members): the business unit's pages and the services behind."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.training import services
from safeguarding.training.models import Booking, BookingStatus, MemberGroup
from safeguarding.training.tests.factories import (
    BookingFactory,
    CourseFactory,
    MemberGroupFactory,
    SessionFactory,
)


@pytest.fixture
def bu(signed_in):
    return signed_in(Role.BUSINESS_UNIT)


@pytest.fixture
def ecvys(partnership):
    group = MemberGroupFactory(partnership=partnership, name="ECVYS members", discount_percent=25)
    group.agencies.set(
        [
            AgencyFactory(partnerships=[partnership], name="Riverside Youth Project"),
            AgencyFactory(partnerships=[partnership], name="Harbour Lights Family Support"),
        ]
    )
    return group


# Services ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_duplicate_name_in_the_partnership_is_refused(partnership, make_user, ecvys):
    bu = make_user(Role.BUSINESS_UNIT)
    with pytest.raises(ValidationError) as refused:
        services.member_group_create(
            actor=bu, partnership=partnership, name="  ecvys MEMBERS ", discount_percent=10
        )
    assert refused.value.message_dict["name"] == [
        "There is already a member group called “ecvys MEMBERS” in this partnership. "
        "Choose a different name, or change the existing group."
    ]
    assert MemberGroup.objects.count() == 1
    assert not AuditEvent.objects.filter(event="training.member_group.created").exists()
    # Another partnership may use the same name.
    elsewhere = PartnershipFactory(slug="elsewhere")
    services.member_group_create(
        job="test", partnership=elsewhere, name="ECVYS members", discount_percent=10
    )
    assert MemberGroup.objects.filter(name="ECVYS members").count() == 2


@pytest.mark.django_db
def test_renaming_to_another_groups_name_is_refused(partnership, make_user, ecvys):
    other = MemberGroupFactory(partnership=partnership, name="Early years network")
    with pytest.raises(ValidationError) as refused:
        services.member_group_update(
            actor=make_user(Role.BUSINESS_UNIT),
            group=other,
            name="ECVYS members",
            discount_percent=10,
            agencies=[],
        )
    assert "already a member group called “ECVYS members”" in refused.value.messages[0]
    other.refresh_from_db()
    assert other.name == "Early years network"


@pytest.mark.django_db
def test_members_must_be_agencies_of_the_partnership(partnership, make_user):
    outsider = AgencyFactory(partnerships=[PartnershipFactory(slug="elsewhere")])
    with pytest.raises(ValidationError) as refused:
        services.member_group_create(
            actor=make_user(Role.BUSINESS_UNIT),
            partnership=partnership,
            name="ECVYS members",
            discount_percent=25,
            agencies=[outsider],
        )
    assert refused.value.message_dict["agencies"] == [
        "Choose member agencies from this partnership's agencies."
    ]
    assert not MemberGroup.objects.exists()


@pytest.mark.django_db
def test_a_discount_must_be_between_1_and_100_percent(partnership):
    with pytest.raises(ValidationError) as refused:
        services.member_group_create(
            job="test", partnership=partnership, name="ECVYS members", discount_percent=120
        )
    assert "discount_percent" in refused.value.message_dict
    assert not MemberGroup.objects.exists()


@pytest.mark.django_db
def test_changing_a_group_records_before_and_after(partnership, make_user, ecvys):
    bu = make_user(Role.BUSINESS_UNIT)
    newcomer = AgencyFactory(partnerships=[partnership], name="Northgate Scouts")
    services.member_group_update(
        actor=bu,
        group=ecvys,
        name="ECVYS members (2024)",
        discount_percent=30,
        agencies=[newcomer],
    )
    ecvys.refresh_from_db()
    assert ecvys.name == "ECVYS members (2024)" and ecvys.discount_percent == 30
    assert list(ecvys.agencies.all()) == [newcomer]
    event = AuditEvent.objects.get(event="training.member_group.updated")
    assert event.actor == bu
    assert event.before["agencies"] == ["Harbour Lights Family Support", "Riverside Youth Project"]
    assert event.after == {
        "name": "ECVYS members (2024)",
        "discount_percent": 30,
        "agencies": ["Northgate Scouts"],
        "courses": [],
    }


@pytest.mark.django_db
def test_removal_is_refused_while_bookings_to_come_use_the_group(partnership, make_user, ecvys):
    session = SessionFactory(course=CourseFactory(partnership=partnership))
    BookingFactory(session=session, member_group=ecvys, status=BookingStatus.WAITING)
    with pytest.raises(ValidationError) as refused:
        services.member_group_remove(actor=make_user(Role.BUSINESS_UNIT), group=ecvys)
    assert refused.value.messages == [
        "“ECVYS members” cannot be removed yet: 1 booking for sessions still to come was "
        "discounted through it. Remove it once those sessions have taken place, or take "
        "agencies out of the group instead."
    ]
    assert MemberGroup.objects.filter(pk=ecvys.pk).exists()
    assert not AuditEvent.objects.filter(event="training.member_group.removed").exists()


@pytest.mark.django_db
def test_removal_keeps_the_fee_of_past_and_cancelled_bookings(partnership, make_user, ecvys):
    course = CourseFactory(partnership=partnership, title="Level 3 DSL", standard_fee=60)
    course.discount_groups.set([ecvys])
    past = SessionFactory(course=course, starts_at=timezone.now() - timedelta(days=30))
    held = BookingFactory(session=past, member_group=ecvys, fee=Decimal("45.00"))
    later = SessionFactory(course=course)
    cancelled = BookingFactory(
        session=later, member_group=ecvys, fee=Decimal("45.00"), status=BookingStatus.CANCELLED
    )
    bu = make_user(Role.BUSINESS_UNIT)

    services.member_group_remove(actor=bu, group=ecvys)

    assert not MemberGroup.objects.filter(pk=ecvys.pk).exists()
    for booking in (held, cancelled):
        booking = Booking.objects.get(pk=booking.pk)
        assert booking.fee == Decimal("45.00") and booking.member_group is None
    assert not course.discount_groups.exists()
    event = AuditEvent.objects.get(event="training.member_group.removed")
    assert event.actor == bu and event.target_label == "ECVYS members"
    assert event.before["courses"] == ["Level 3 DSL"] and event.before["past_bookings"] == 2
    assert event.before["agencies"] == ["Harbour Lights Family Support", "Riverside Youth Project"]


# Pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_shows_members_and_courses(bu, partnership, ecvys):
    course = CourseFactory(partnership=partnership, title="Level 3 DSL")
    course.discount_groups.set([ecvys])
    MemberGroupFactory(partnership=PartnershipFactory(slug="elsewhere"), name="Not ours")
    page = bu.get(reverse("training:member-groups")).content.decode()
    assert "ECVYS members" in page and "25%" in page
    assert ">2</td>" in page  # member agencies
    assert reverse("training:course-manage", args=[course.pk]) in page
    assert "Not ours" not in page
    assert "1 member group" in page


@pytest.mark.django_db
def test_the_training_pages_link_to_member_groups(bu, partnership):
    url = reverse("training:member-groups")
    assert url in bu.get(reverse("training:manage")).content.decode()
    assert url in bu.get(reverse("training:course-new")).content.decode()


@pytest.mark.django_db
def test_the_business_unit_adds_a_group_with_member_agencies(bu, partnership):
    riverside = AgencyFactory(partnerships=[partnership], name="Riverside Youth Project")
    school = AgencyFactory(
        partnerships=[partnership], name="Oakfield Primary", type="school", sector="education"
    )
    AgencyFactory(partnerships=[PartnershipFactory(slug="elsewhere")], name="Elsewhere Agency")
    form = bu.get(reverse("training:member-group-new")).content.decode()
    assert "Riverside Youth Project" in form and "Oakfield Primary" in form
    assert "Elsewhere Agency" not in form
    assert "Voluntary and community sector" in form and "School or college" in form

    response = bu.post(
        reverse("training:member-group-new"),
        {"name": "ECVYS members", "discount_percent": "25", "agencies": [str(riverside.pk)]},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("training:member-groups")
    group = MemberGroup.objects.get()
    assert group.partnership == partnership and list(group.agencies.all()) == [riverside]
    assert school not in group.agencies.all()
    event = AuditEvent.objects.get(event="training.member_group.created")
    assert event.actor == bu.user and event.after["agencies"] == ["Riverside Youth Project"]
    assert "“ECVYS members” has been added" in bu.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_the_form_shows_a_duplicate_name_and_keeps_the_choices(bu, partnership, ecvys):
    riverside = ecvys.agencies.get(name="Riverside Youth Project")
    response = bu.post(
        reverse("training:member-group-new"),
        {"name": "ECVYS members", "discount_percent": "25", "agencies": [str(riverside.pk)]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "There is already a member group called “ECVYS members” in this partnership." in page
    assert f'value="{riverside.pk}" checked' in page
    assert MemberGroup.objects.count() == 1


@pytest.mark.django_db
def test_an_agency_of_another_partnership_cannot_be_posted(bu, partnership):
    outsider = AgencyFactory(partnerships=[PartnershipFactory(slug="elsewhere")])
    response = bu.post(
        reverse("training:member-group-new"),
        {"name": "ECVYS members", "discount_percent": "25", "agencies": [str(outsider.pk)]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not MemberGroup.objects.exists()


@pytest.mark.django_db
def test_the_business_unit_changes_a_group(bu, partnership, ecvys):
    url = reverse("training:member-group-edit", args=[ecvys.pk])
    riverside = ecvys.agencies.get(name="Riverside Youth Project")
    form = bu.get(url).content.decode()
    assert 'value="ECVYS members"' in form and f'value="{riverside.pk}" checked' in form
    response = bu.post(
        url, {"name": "ECVYS members", "discount_percent": "50", "agencies": [str(riverside.pk)]}
    )
    assert response.status_code == 302
    ecvys.refresh_from_db()
    assert ecvys.discount_percent == 50 and list(ecvys.agencies.all()) == [riverside]
    assert AuditEvent.objects.filter(event="training.member_group.updated").count() == 1


@pytest.mark.django_db
def test_the_business_unit_removes_a_group_after_confirming(bu, partnership, ecvys):
    course = CourseFactory(partnership=partnership, title="Level 3 DSL")
    course.discount_groups.set([ecvys])
    url = reverse("training:member-group-remove", args=[ecvys.pk])
    page = bu.get(url).content.decode()
    assert "Remove “ECVYS members”" in page
    assert "1 course will stop giving its 25% discount: Level 3 DSL" in page
    assert MemberGroup.objects.filter(pk=ecvys.pk).exists()

    response = bu.post(url)
    assert response.status_code == 302
    assert not MemberGroup.objects.filter(pk=ecvys.pk).exists()
    assert "“ECVYS members” has been removed." in bu.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_the_remove_page_explains_why_a_group_in_use_cannot_go(bu, partnership, ecvys):
    session = SessionFactory(course=CourseFactory(partnership=partnership))
    BookingFactory(session=session, member_group=ecvys)
    BookingFactory(session=session, member_group=ecvys)
    url = reverse("training:member-group-remove", args=[ecvys.pk])
    page = bu.get(url).content.decode()
    assert "This member group cannot be removed yet." in page
    assert "2 bookings for sessions still to come were discounted through it" in page
    assert "Remove the member group" not in page

    response = bu.post(url)
    assert response.status_code == 200
    assert "cannot be removed yet: 2 bookings" in response.content.decode()
    assert MemberGroup.objects.filter(pk=ecvys.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.AGENCY_LEAD, Role.CHAIR])
def test_other_roles_are_refused(signed_in, partnership, ecvys, role):
    client = signed_in(role)
    assert client.get(reverse("training:member-groups")).status_code == 403
    assert client.get(reverse("training:member-group-new")).status_code == 403
    # A group is only found by the business unit that runs it (as courses are).
    for name in ("training:member-group-edit", "training:member-group-remove"):
        assert client.get(reverse(name, args=[ecvys.pk])).status_code == 404
    response = client.post(reverse("training:member-group-remove", args=[ecvys.pk]))
    assert response.status_code == 404
    assert MemberGroup.objects.filter(pk=ecvys.pk).exists()


@pytest.mark.django_db
def test_another_partnerships_business_unit_cannot_reach_the_group(
    client, make_user, partnership, ecvys
):
    elsewhere = PartnershipFactory(slug="elsewhere")
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=elsewhere))
    edit = reverse("training:member-group-edit", args=[ecvys.pk])
    listed = client.get(reverse("training:member-groups")).content.decode()
    assert edit not in listed and "0 member groups" in listed
    remove = reverse("training:member-group-remove", args=[ecvys.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"name": "Taken over", "discount_percent": "99"}).status_code == 404
    assert client.get(remove).status_code == 404
    assert client.post(remove).status_code == 404
    ecvys.refresh_from_db()
    assert ecvys.name == "ECVYS members"
    # Their new groups belong to their own partnership, with their own agencies to choose.
    form = client.get(reverse("training:member-group-new")).content.decode()
    assert "Riverside Youth Project" not in form


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_3_or_30_groups(bu, partnership, count_queries):
    def make(n):
        for _ in range(n):
            group = MemberGroupFactory(partnership=partnership)
            group.agencies.set([AgencyFactory(partnerships=[partnership])])
            CourseFactory(partnership=partnership).discount_groups.set([group])

    make(3)
    few = count_queries(lambda: bu.get(reverse("training:member-groups")))
    make(27)
    many = count_queries(lambda: bu.get(reverse("training:member-groups")))
    assert few == many
