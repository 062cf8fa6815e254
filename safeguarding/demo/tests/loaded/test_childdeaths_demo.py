"""The demo shows the child death overview: two years of cases across the three SET
partnerships, themed panels, and a CDOP account that sees them."""

from __future__ import annotations

from safeguarding.childdeaths.models import ChildDeath


def test_the_demo_has_two_years_of_set_cases(client):
    count = ChildDeath.objects.count()
    assert count > 50
    assert ChildDeath.objects.filter(partnerships__slug="thurrock").exists()
    assert ChildDeath.objects.filter(partnerships__slug="southend").exists()
    assert ChildDeath.objects.exclude(panel_theme="").exists()
    assert (
        ChildDeath.objects.filter(status="reviewed").exists()
        or ChildDeath.objects.filter(status="closed").exists()
    )
    # The cases the panel reviewed in 2021–23 are dated, for the published 2021–23 report.
    earlier = ChildDeath.objects.filter(
        panel_reviewed_on__range=("2021-04-01", "2023-03-31"), status="closed"
    )
    assert earlier.count() >= 40
    from safeguarding.accounts.models import User

    client.force_login(User.objects.get(email="cdop@demo.example"))
    page = client.get("/child-deaths/?partnership=")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == count


def test_the_demos_neonatal_and_life_limiting_panels_show_on_their_theme_pages(client):
    """The themed panels the seeds name ("neonatal deaths, teenage suicides, life limiting
    illnesses") each have a theme page with the panel's deaths, for the CDOP only."""
    import re

    from safeguarding.accounts.models import User
    from safeguarding.planning.models import Theme

    for name in ("Neonatal deaths", "Life-limiting conditions", "Suicide and self-harm"):
        url = f"/themes/{Theme.objects.get(name=name).slug}/"
        assert "Child deaths" not in client.get(url).content.decode(), name  # the public
        client.force_login(User.objects.get(email="cdop@demo.example"))
        html = client.get(url).content.decode()
        section = re.search(r'<section class="app-theme-figures".*?</section>', html, re.S)
        assert section is not None and "Child deaths" in section.group(0), name
        assert "CD-SET-" not in html, name
        client.logout()
