"""Bulletins in the yearly report (the same figures as the open-rates page for the period),
in search (a sent edition by a word in its body, never a draft) and on theme pages."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from safeguarding.comms.models import BulletinLink, SubscriberStatus
from safeguarding.comms.reporting import bulletin_figures
from safeguarding.comms.services import bulletins as services
from safeguarding.comms.tests.factories import SubscriberFactory, TextBlockFactory, sent_bulletin
from safeguarding.core import reporting
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.reports import services as report_services
from safeguarding.search.selectors.search import search

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
START, END = date(2022, 4, 1), date(2023, 3, 31)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


@pytest.fixture
def editions(partnership):
    """Four editions: the first and last fall just outside the period."""
    made = {}
    for key, day, opens in [
        ("before", date(2022, 3, 31), 10),
        ("april", date(2022, 4, 1), 24),
        ("april-2", date(2022, 4, 20), 26),
        ("march", date(2023, 3, 31), 30),
        ("after", date(2023, 4, 1), 50),
    ]:
        made[key] = sent_bulletin(
            partnership,
            title=f"Bulletin {key}",
            sent_at=_at(day, 23 if key == "march" else 9),
            recipients=105,
            delivered=100,
            unique_opens=opens,
        )
    BulletinLink.objects.create(bulletin=made["april"], url="https://a.example/1", clicks=6)
    BulletinLink.objects.create(bulletin=made["march"], url="https://a.example/2", clicks=3)
    BulletinLink.objects.create(bulletin=made["after"], url="https://a.example/3", clicks=99)
    return made


def _figures(contribution) -> dict:
    return {figure.label: figure.display for figure in contribution.figures}


def test_bulletin_figures_count_editions_by_the_date_they_were_sent(partnership, editions):
    SubscriberFactory(partnership=partnership, confirmed_at=_at(date(2021, 1, 1)))
    SubscriberFactory(partnership=partnership, confirmed_at=_at(date(2022, 6, 1)))
    SubscriberFactory(
        partnership=partnership,
        confirmed_at=_at(date(2021, 1, 1)),
        status=SubscriberStatus.UNSUBSCRIBED,
        unsubscribed_at=_at(date(2022, 9, 1)),
    )
    SubscriberFactory(partnership=partnership, confirmed_at=_at(date(2023, 5, 1)))
    SubscriberFactory(confirmed_at=_at(date(2022, 6, 1)))  # another partnership's

    contribution = bulletin_figures([partnership.pk], START, END)
    shown = _figures(contribution)

    assert shown["Bulletin editions sent"] == "3"
    assert shown["Emails sent"] == "315"
    assert shown["Average unique open rate"] == "26.7%"  # (24 + 26 + 30) / 3
    assert shown["Open rate of the first and last edition"] == "24.0% to 30.0%"
    assert shown["Click rate (clicks per email delivered)"] == "3.0%"  # 9 clicks / 300
    assert shown["Subscribers at the start of the period"] == "2"
    assert shown["Subscribers at the end of the period"] == "2"
    assert shown["New subscribers confirmed in the period"] == "1"
    month_table = contribution.tables[0]
    assert month_table.rows == [
        ["April 2022", 2, 200, 50, 25.0],
        ["March 2023", 1, 100, 30, 30.0],
    ]
    assert month_table.chart_column == 4
    assert contribution.facts["bulletin_editions"] == 3


def test_the_report_registers_bulletins_in_the_communications_section():
    assert "comms.bulletins" in [s.key for s in reporting.sources("communications")]


def test_the_yearly_report_shows_the_figures_of_the_open_rate_page_for_its_period(
    client, partnership, editions, make_user
):
    bu = make_user(Role.BUSINESS_UNIT)
    report = report_services.report_create(
        actor=bu,
        partnership=partnership,
        title="Report 2022–23",
        period_start=START,
        period_end=END,
    )
    client.force_login(bu)
    preview = client.get(reverse("reports:report-preview", args=[report.pk])).content.decode()
    stats = client.get(
        reverse("comms:bulletin-stats"), {"start": START.isoformat(), "end": END.isoformat()}
    ).content.decode()

    assert "Bulletin editions sent" in preview
    assert re.search(r'id="period-editions">3<', stats)
    assert re.search(r'id="period-open-rate">26.7%<', stats)
    assert "26.7%" in preview
    assert re.search(r'id="period-click-rate">3.0%<', stats)
    assert "3.0%" in preview
    # The page lists exactly the editions the report counts.
    assert "Bulletin april-2" in stats
    assert "Bulletin before" not in stats and "Bulletin after" not in stats


def test_the_open_rate_page_refuses_a_backwards_period(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    body = client.get(
        reverse("comms:bulletin-stats"), {"start": "2023-03-31", "end": "2022-04-01"}
    ).content.decode()
    assert "The end date must be on or after the start date." in body


def test_search_finds_a_sent_bulletin_by_a_word_in_its_body_and_never_a_draft(partnership):
    sent = sent_bulletin(partnership, title="Safeguarding bulletin – May")
    TextBlockFactory(
        bulletin=sent, heading="Protocols", body="The updated hydrotherapy protocol is out."
    )
    draft = TextBlockFactory(body="A hydrotherapy draft nobody may read yet.").bulletin

    found = search(user=AnonymousUser(), text="hydrotherapy").results

    assert [r.title for r in found] == ["Safeguarding bulletin – May"]
    assert found[0].url == reverse("comms:bulletin-detail", args=[sent.pk])
    assert draft.title not in {r.title for r in found}


def test_an_edition_becomes_searchable_when_it_is_sent(
    partnership, make_user, django_capture_on_commit_callbacks
):
    bu = make_user(Role.BUSINESS_UNIT)
    SubscriberFactory(partnership=partnership)
    bulletin = services.bulletin_create(actor=bu, partnership=partnership, title="June edition")
    services.bulletin_block_add_text(
        actor=bu, bulletin=bulletin, heading="News", body="Kaleidoscope week is coming."
    )
    assert not search(user=AnonymousUser(), text="kaleidoscope").results

    with django_capture_on_commit_callbacks(execute=True):
        services.bulletin_send(actor=bu, bulletin=bulletin)

    assert [r.title for r in search(user=AnonymousUser(), text="kaleidoscope").results] == [
        "June edition"
    ]


def test_the_theme_page_lists_a_bulletin_with_its_theme(client, partnership, make_user):
    neglect = Theme.objects.get(slug="neglect")
    bu = make_user(Role.BUSINESS_UNIT)
    draft = services.bulletin_create(
        actor=bu, partnership=partnership, title="Neglect edition", themes=[neglect]
    )
    page = client.get(reverse("search:theme", args=["neglect"])).content.decode()
    assert "Neglect edition" not in page  # not sent yet

    sent = sent_bulletin(partnership, title="Neglect bulletin – July")
    sent.themes.set([neglect])
    page = client.get(reverse("search:theme", args=["neglect"])).content.decode()

    assert "Neglect bulletin – July" in page
    assert "Bulletins" in page
    assert list(draft.themes.all()) == [neglect]


def test_the_edit_form_sets_the_editions_themes(client, partnership, make_user):
    bu = make_user(Role.BUSINESS_UNIT)
    bulletin = services.bulletin_create(actor=bu, partnership=partnership, title="Edition")
    neglect = Theme.objects.get(slug="neglect")
    client.force_login(bu)

    response = client.post(
        reverse("comms:bulletin-edit", args=[bulletin.pk]),
        {"title": "Edition", "introduction": "", "themes": [neglect.pk]},
    )

    assert response.status_code == 302
    assert list(bulletin.themes.all()) == [neglect]


def test_the_period_view_query_count_does_not_grow(client, partnership, make_user, count_queries):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    url = reverse("comms:bulletin-stats")
    period = {"start": START.isoformat(), "end": END.isoformat()}
    sent_bulletin(partnership, sent_at=_at(date(2022, 5, 1)))
    few = count_queries(lambda: client.get(url, period))
    for month in range(6, 13):
        sent_bulletin(partnership, sent_at=_at(date(2022, month, 1)))
    assert count_queries(lambda: client.get(url, period)) == few
