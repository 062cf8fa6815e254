"""The demo is consistent with the day it is loaded on: old reviews are finished and
published (with the reasons for their delays), nothing is breached without a reason, no
figure is absurdly overdue, and the demo's answers answer the question asked."""

from __future__ import annotations

import re

from django.test import Client

from safeguarding.accounts.models import User
from safeguarding.assurance.models import Answer
from safeguarding.core import tracker
from safeguarding.reviews import selectors
from safeguarding.reviews.models import Review

MOST_DAYS_OVERDUE_WITHOUT_A_REASON = 60
MONTH_YEAR = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{4}$"
)


def test_the_demo_shows_a_working_partnership_today():
    bu = User.objects.get(email="business-unit@demo.example")
    today = selectors.today()

    board = selectors.clock_board(user=bu)
    problems = []
    for clock in board.breached:
        late = (today - clock.due).days
        if not clock.breach_reason:
            problems.append(f"{clock.record}: {clock.label} breached {late} days, no reason")
        elif late > 365:
            problems.append(f"{clock.record}: {clock.label} still running {late} days late")
    assert problems == []

    items = tracker.tracker_items(user=bu, sources=tracker.sources_for(bu))
    absurd = [
        f"{item.title}: {(today - item.due_on).days} days overdue"
        for item in items
        if item.is_overdue and (today - item.due_on).days > MOST_DAYS_OVERDUE_WITHOUT_A_REASON
    ]
    assert absurd == []

    # Old reviews are finished; one review runs now, on time, for its reviewer.
    old = Review.objects.filter(decided_on__year__lt=today.year - 1)
    assert set(old.values_list("status", flat=True)) <= {"published", "learning_embedded"}
    running = Review.objects.exclude(status__in=["published", "learning_embedded"])
    assert running.exists()
    assert all(not r.publication_clock.is_breached(today) for r in running)

    client = Client()
    client.force_login(bu)
    page = client.get("/dashboard/").content.decode()
    assert "Reason needed" not in page
    assert not re.search(r"\d{3,} days? overdue", page)

    trained = Answer.objects.filter(question__key="sch-dsl-trained").exclude(text="")
    assert trained.exists()
    for answer in trained:
        assert MONTH_YEAR.match(answer.text), answer.text
