"""The assurance API lists (audit templates, campaigns, returns and surveys) make the same
number of queries whatever the number of rows."""

import itertools

import pytest

from safeguarding.accounts.tests.factories import AgencyFactory, UserFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import TemplateVersion
from safeguarding.assurance.tests.factories import AuditTemplateFactory, campaign, small_template
from safeguarding.assurance.tests.survey_factories import make_survey
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def _templates(partnership, n):
    made = []
    for _ in range(n):
        template = AuditTemplateFactory()
        TemplateVersion.objects.create(template=template, number=1, status="published")
        TemplateVersion.objects.create(template=template, number=2, status="draft")
        made.append(template.pk)
    return made


def _campaigns(partnership, n):
    AgencyFactory(partnerships=[partnership])
    version = small_template()
    return [
        campaign(
            partnership=partnership,
            version=version,
            audience=Audience("everyone"),
            title=f"Section 11 audit {next(_numbers)}",
        ).pk
        for _ in range(n)
    ]


def _returns(partnership, n):
    """A campaign sent to n organisations, each return with a named lead."""
    for _ in range(n):
        AgencyFactory(partnerships=[partnership])
    made = campaign(
        partnership=partnership,
        version=small_template(),
        audience=Audience("everyone"),
        title=f"Section 11 audit {next(_numbers)}",
    )
    for audit_return in made.returns.all():
        audit_return.lead = UserFactory()
        audit_return.save()
    return list(made.returns.values_list("pk", flat=True))


def _surveys(partnership, n):
    return [
        make_survey(partnership, title=f"Online safety survey {next(_numbers)}")[0].pk
        for _ in range(n)
    ]


# (url, the role that reads it, a maker of n rows returning their ids)
LISTS = [
    ("/api/v1/audit-templates/", Role.BUSINESS_UNIT, _templates),
    ("/api/v1/audit-campaigns/", Role.CHAIR, _campaigns),
    ("/api/v1/audit-returns/", Role.SAFEGUARDING_PARTNER, _returns),
    ("/api/v1/surveys/", Role.BUSINESS_UNIT, _surveys),
]


@pytest.mark.parametrize(("url", "role", "make"), LISTS, ids=[u for u, _, _ in LISTS])
def test_api_lists_make_the_same_queries_for_few_or_many_rows(
    client, make_user, partnership, flat_queries, url, role, make
):
    client.force_login(make_user(role))
    listed = make(partnership, 2)
    before = client.get(url).json()["count"]
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(make(partnership, 20)))
    assert response.json()["count"] == before + len(listed) - 2
    assert set(listed) <= {row["id"] for row in response.json()["results"]}
