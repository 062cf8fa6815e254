import pytest
from django.core.management import CommandError, call_command

from safeguarding.accounts.models import Agency, Partnership, RoleAssignment, User
from safeguarding.core.roles import Role
from safeguarding.demo import data
from safeguarding.demo.loader import load_demo


def test_demo_builds_essex_with_joint_partners_and_one_account_per_role(db):
    load_demo(password="demo password for tests")
    assert set(Partnership.objects.values_list("slug", flat=True)) == {
        "essex",
        "southend",
        "thurrock",
    }
    essex = Partnership.objects.get(slug="essex")
    assert sorted(essex.localities.values_list("name", flat=True)) == [
        "Mid",
        "North",
        "South",
        "West",
    ]
    statutory = essex.agencies.filter(is_statutory_partner=True)
    assert statutory.count() == 5
    assert statutory.filter(type="icb").count() == 3
    assert Agency.objects.filter(type="school", locality__name="West").exists()
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == set(Role)
    user = User.objects.get(email="business-unit@demo.example")
    assert user.is_staff and user.check_password("demo password for tests")


def test_demo_is_idempotent(db):
    load_demo(password="first password here")
    counts = (Partnership.objects.count(), Agency.objects.count(), User.objects.count())
    result = load_demo(password="second password here")
    assert (Partnership.objects.count(), Agency.objects.count(), User.objects.count()) == counts
    assert not any(result.created.values()), result.created
    assert User.objects.get(email=data.ACCOUNTS[0]["email"]).check_password("second password here")


def test_demo_command_refuses_without_debug_or_demo_password(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to load demo accounts"):
        call_command("demo")


def test_demo_sends_no_email_to_its_fictional_people(db, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        load_demo(password="demo password for tests")
    assert mail.outbox == []
