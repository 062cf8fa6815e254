"""The demo's bulletins: two years of monthly editions whose open rate rises to about 30 %."""

from __future__ import annotations

import pytest

from safeguarding.accounts.models import Partnership
from safeguarding.comms.models import Bulletin, CommsSettings, Subscriber
from safeguarding.demo import comms
from safeguarding.demo.loader import DemoResult


@pytest.mark.django_db
def test_demo_bulletins_rise_from_about_24_to_30_percent_and_load_once(partnership):
    essex = Partnership.objects.get(pk=partnership.pk)
    comms.load(essex=essex, result=DemoResult(password="x"))
    sent = list(Bulletin.objects.sent().filter(partnership=essex).order_by("sent_at"))
    assert len(sent) == 24
    assert 23 <= sent[0].open_rate <= 25
    assert 29 <= sent[-1].open_rate <= 31
    assert Bulletin.objects.filter(partnership=essex, status="draft").count() == 1
    assert Subscriber.objects.filter(partnership=essex).count() == comms.SUBSCRIBERS
    assert CommsSettings.objects.get(partnership=essex).front_door_phone.startswith("01632 960")
    again = DemoResult(password="x")
    comms.load(essex=essex, result=again)
    assert not any(again.created.values())
    assert Bulletin.objects.filter(partnership=essex).count() == 25
