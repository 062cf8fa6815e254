"""Child deaths on a practice theme's page: the child death review partners see counts by
year with small numbers withheld and a link to their figures — never a case; practitioners,
the public and another partnership's CDOP see nothing."""

import datetime
import re

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.childdeaths.tests.factories import ChildDeathFactory
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def sudi(db):
    return Theme.objects.get(name="SUDI and safer sleep")


@pytest.fixture
def deaths(partnership, neighbour, elsewhere):
    joint = [partnership, neighbour]
    made = [
        ChildDeathFactory(
            partnerships=joint, panel_theme="sudi", died_on=datetime.date(2024, 2, day + 1)
        )
        for day in range(7)
    ]
    # Two in 2025 reach the theme through their category of death, not a themed panel.
    made += [
        ChildDeathFactory(
            partnerships=joint,
            category="sudden",
            status="reviewed",
            died_on=datetime.date(2025, 1, 10 + day),
            notified_on=datetime.date(2025, 1, 20),
        )
        for day in range(2)
    ]
    # Not this theme, and another partnership's death: neither is counted.
    made.append(ChildDeathFactory(partnerships=joint, panel_theme="suicide"))
    made.append(
        ChildDeathFactory(
            partnerships=[elsewhere], panel_theme="sudi", died_on=datetime.date(2024, 5, 5)
        )
    )
    return made


def _section(html):
    found = re.search(r'<section class="app-theme-figures".*?</section>', html, re.S)
    return found.group(0) if found else None


def _rows(section):
    return dict(
        re.findall(
            r'<th scope="row" class="govuk-table__header">([^<]+)</th>'
            r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>',
            section,
        )
    )


def test_a_cdop_member_sees_counts_by_year_with_small_numbers_withheld(
    client, member, sudi, deaths
):
    client.force_login(member)
    html = client.get(f"/themes/{sudi.slug}/").content.decode()
    section = _section(html)
    assert section is not None
    assert "Child deaths" in section
    # 7 in 2024 and 2 in 2025: the 2 is withheld, and so is the 7, which with the total
    # would give it away (disclosure.protect's complement).
    assert _rows(section) == {"2024": "not shown", "2025": "not shown", "All years": "9"}
    assert 'href="/child-deaths/figures/"' in section
    # Never a case: no reference, no link to a death.
    assert "CD-T-" not in html
    assert not re.search(r'href="/child-deaths/\d+/', html)


def test_the_chair_of_both_joint_partnerships_sees_the_same_deaths_once(
    client, chair, sudi, deaths
):
    client.force_login(chair)
    section = _section(client.get(f"/themes/{sudi.slug}/").content.decode())
    assert _rows(section) == {"2024": "not shown", "2025": "not shown", "All years": "9"}


def test_a_theme_without_child_deaths_shows_no_section(client, member, deaths):
    client.force_login(member)
    neglect = Theme.objects.get(name="Neglect")
    assert _section(client.get(f"/themes/{neglect.slug}/").content.decode()) is None


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.BUSINESS_UNIT, Role.AGENCY_LEAD])
def test_other_roles_of_the_partnership_see_nothing(client, make_user, role, sudi, deaths):
    client.force_login(make_user(role))
    html = client.get(f"/themes/{sudi.slug}/").content.decode()
    assert _section(html) is None
    assert "Child deaths" not in html


def test_the_public_theme_page_shows_nothing(client, sudi, deaths):
    html = client.get(f"/themes/{sudi.slug}/").content.decode()
    assert _section(html) is None
    assert "Child deaths" not in html


def test_another_partnerships_cdop_outside_the_joint_group_sees_only_its_own(
    client, make_user, elsewhere, sudi, deaths
):
    outsider = make_user(Role.CDOP_MEMBER, partnership=elsewhere, email="far@test.example")
    client.force_login(outsider)
    section = _section(client.get(f"/themes/{sudi.slug}/").content.decode())
    # Only Farshire's one death, withheld; none of the joint group's nine.
    assert _rows(section) == {"2024": "not shown", "All years": "not shown"}


def test_a_cdop_whose_partnership_has_no_such_deaths_sees_no_section(
    client, make_user, sudi, deaths
):
    stranger = make_user(
        Role.CDOP_CHAIR, partnership=PartnershipFactory(slug="nowhere"), email="no@test.example"
    )
    client.force_login(stranger)
    assert _section(client.get(f"/themes/{sudi.slug}/").content.decode()) is None


def test_deaths_categorised_as_deliberate_injury_abuse_or_neglect_count_on_both_themes(
    client, member, partnership, neighbour
):
    for day in range(6):
        ChildDeathFactory(
            partnerships=[partnership, neighbour],
            category="deliberate",
            status="reviewed",
            died_on=datetime.date(2024, 3, day + 1),
            notified_on=datetime.date(2024, 3, 20),
        )
    client.force_login(member)
    for name in ("Non-accidental injury", "Neglect"):
        theme = Theme.objects.get(name=name)
        section = _section(client.get(f"/themes/{theme.slug}/").content.decode())
        assert section is not None, name
        assert "Child deaths" in section
        assert _rows(section)["2024"] == "6"


def _death(partnerships, **fields):
    fields.setdefault("died_on", datetime.date(2024, 3, 3))
    fields.setdefault("notified_on", datetime.date(2024, 3, 4))
    if fields.get("category"):
        fields.setdefault("status", "reviewed")
    return ChildDeathFactory(partnerships=partnerships, **fields)


@pytest.fixture
def panel_deaths(partnership, neighbour, elsewhere):
    """The deaths of the neonatal and life-limiting themed panels (issue 19's "neonatal
    deaths, teenage suicides, life limiting illnesses"), reached through the panel's theme,
    the category of death or, for a neonatal death, the baby's age."""
    joint = [partnership, neighbour]
    # Neonatal: two from the themed panel, two the panel categorised perinatal, two babies
    # under 28 days old whose death had another cause.
    for _ in range(2):
        _death(joint, panel_theme="neonatal", age_at_death_days=3)
        _death(joint, category="perinatal", age_at_death_days=1)
    _death(joint, category="infection", age_at_death_days=12)
    _death(joint, category="sudden", age_at_death_days=27)
    # Life-limiting: two from the themed panel, one each of the three categories.
    for _ in range(2):
        _death(joint, panel_theme="life_limiting", age_at_death_days=3000)
    for category in ("malignancy", "chronic", "chromosomal"):
        _death(joint, category=category, age_at_death_days=2000)
    # Neither theme: a four-week-old's infection, a teenager's acute illness.
    _death(joint, category="infection", age_at_death_days=28)
    _death(joint, category="acute", age_at_death_days=5000)
    # Another partnership's neonatal death is never counted here.
    _death([elsewhere], panel_theme="neonatal", age_at_death_days=2)


NEONATAL = "Neonatal deaths"
LIFE_LIMITING = "Life-limiting conditions"


@pytest.mark.parametrize(("name", "count"), [(NEONATAL, "6"), (LIFE_LIMITING, "5")])
def test_a_cdop_member_sees_the_neonatal_and_life_limiting_themes(
    client, member, panel_deaths, name, count
):
    theme = Theme.objects.get(name=name)  # part of the shipped theme taxonomy
    client.force_login(member)
    html = client.get(f"/themes/{theme.slug}/").content.decode()
    section = _section(html)
    assert section is not None, f"{name}: no child death figures"
    assert _rows(section) == {"2024": count, "All years": count}
    assert "CD-T-" not in html
    assert not re.search(r'href="/child-deaths/\d+/', html)


@pytest.mark.parametrize("name", [NEONATAL, LIFE_LIMITING])
def test_small_numbers_on_the_new_themes_are_withheld(
    client, make_user, elsewhere, panel_deaths, name
):
    outsider = make_user(Role.CDOP_MEMBER, partnership=elsewhere, email="far@test.example")
    client.force_login(outsider)
    section = _section(client.get(f"/themes/{Theme.objects.get(name=name).slug}/").content.decode())
    if name == NEONATAL:  # Farshire's one neonatal death
        assert _rows(section) == {"2024": "not shown", "All years": "not shown"}
    else:
        assert section is None


@pytest.mark.parametrize("name", [NEONATAL, LIFE_LIMITING])
def test_the_public_and_a_practitioner_see_no_child_deaths_on_the_new_themes(
    client, make_user, panel_deaths, name
):
    url = f"/themes/{Theme.objects.get(name=name).slug}/"
    response = client.get(url)
    assert response.status_code == 200
    assert _section(response.content.decode()) is None
    assert "Child deaths" not in response.content.decode()
    client.force_login(make_user(Role.PRACTITIONER))
    html = client.get(url).content.decode()
    assert _section(html) is None and "Child deaths" not in html
