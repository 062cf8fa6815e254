import pytest

from safeguarding.accounts.models import RoleAssignment
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.permissions import forget_roles
from safeguarding.core.roles import Role
from safeguarding.core.scoping import lead_agencies, lead_agency_ids, leads_agency_in

pytestmark = pytest.mark.django_db


def test_lead_agencies_are_read_per_partnership_and_once(django_assert_num_queries):
    partnership = PartnershipFactory()
    agency = AgencyFactory(partnerships=[partnership])
    lead = user_with_role(Role.AGENCY_LEAD, partnership, agency)

    with django_assert_num_queries(1):
        assert lead_agencies(lead) == {partnership.pk: frozenset({agency.pk})}
        assert lead_agency_ids(lead) == {agency.pk}
        assert leads_agency_in(lead, agency.pk, {partnership.pk})
    assert not leads_agency_in(lead, agency.pk, {partnership.pk + 1})
    assert not leads_agency_in(lead, None, {partnership.pk})


def test_forgetting_roles_forgets_the_agencies_led_too():
    partnership = PartnershipFactory()
    agency = AgencyFactory(partnerships=[partnership])
    lead = user_with_role(Role.AGENCY_LEAD, partnership, agency)
    assert lead_agency_ids(lead) == {agency.pk}

    RoleAssignment.objects.filter(user=lead).delete()
    forget_roles(lead)

    assert lead_agency_ids(lead) == set()
