"""The demo's theme pages tell a story: for SUDI and safer sleep and for neglect, every link
of the chain from notification to key message is there for the business unit, and the public
page shows only what is public."""

from django.urls import reverse

from safeguarding.accounts.models import User
from safeguarding.planning.models import Theme

CHAIN = [
    ("reviews.notification", "Serious incident notifications"),
    ("reviews.rapidreview", "Rapid reviews"),
    ("reviews.review", "Case reviews"),
    ("reviews.recommendation", "Recommendations"),
    ("governance.action", "Actions"),
    ("assurance.campaign", None),
    ("performance.indicator", None),
    ("governance.keymessage", "Key messages"),
]
LEARNING = {"sudi-and-safer-sleep": "reviews.briefing", "neglect": "training.course"}


def test_the_demo_theme_pages_show_every_link_of_the_chain(client):
    client.force_login(User.objects.get(email="business-unit@demo.example"))
    for name, slug in [("SUDI and safer sleep", "sudi-and-safer-sleep"), ("Neglect", "neglect")]:
        assert Theme.objects.get(name=name).slug == slug
        response = client.get(reverse("search:theme", args=[slug]))
        assert response.status_code == 200
        sections = {s.key: s for s in response.context["chain"].sections}
        wanted = [key for key, _title in CHAIN] + [LEARNING[slug]]
        missing = [key for key in wanted if key not in sections]
        assert not missing, f"{name}: no {', '.join(missing)}"
        keys = list(sections)
        assert keys.index("reviews.notification") < keys.index("reviews.review")
        assert keys.index("reviews.review") < keys.index("governance.keymessage")
        html = response.content.decode()
        for _key, title in CHAIN:
            if title:
                assert title in html
    client.logout()
    public = client.get(reverse("search:theme", args=["sudi-and-safer-sleep"]))
    public_keys = {s.key for s in public.context["chain"].sections}
    assert {"reviews.review", "reviews.briefing", "governance.keymessage"} <= public_keys
    assert not public_keys & {"reviews.notification", "reviews.rapidreview", "governance.action"}
