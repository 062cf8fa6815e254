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
    from safeguarding.accounts.models import User

    client.force_login(User.objects.get(email="cdop@demo.example"))
    page = client.get("/child-deaths/?partnership=")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == count
