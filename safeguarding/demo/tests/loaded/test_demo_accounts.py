"""The demo builds Essex with its joint partners and one account for every role."""

from safeguarding.accounts.models import Agency, Partnership, RoleAssignment, User
from safeguarding.core.roles import Role
from safeguarding.demo.tests.loaded.conftest import DEMO_PASSWORD


def test_demo_builds_essex_with_joint_partners_and_one_account_per_role():
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
    assert user.is_staff and user.check_password(DEMO_PASSWORD)


def test_loading_the_demo_sends_no_email_to_its_fictional_people(demo):
    assert demo.emails_sent == []
