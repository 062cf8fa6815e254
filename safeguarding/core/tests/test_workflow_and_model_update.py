"""The shared state machine (core.workflow) and partial update (core.services.model_update)."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.services import model_update
from safeguarding.core.workflow import Machine, Transition
from safeguarding.planning.models import Theme
from safeguarding.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def _theme(name):
    return Theme.objects.get_or_create(slug=name.lower(), defaults={"name": name})[0]


@dataclass
class Letter:
    status: str = "draft"
    body: str = ""


def _has_body(letter):
    return None if letter.body else "Write the letter before you send it."


LETTERS = Machine(
    noun="a letter",
    labels={"draft": "Draft", "sent": "Sent", "filed": "Filed"},
    transitions=[
        Transition("send", {"draft"}, "sent", label="Send", guards=(_has_body,)),
        Transition("file", {"draft", "sent"}, "filed", label="File"),
        Transition("edit", {"draft"}, None, label="Edit"),
    ],
    refusals={("filed", "file"): "This letter is already filed."},
)


def test_an_illegal_transition_is_refused_with_its_reason():
    letter = Letter(status="sent", body="Dear Sir")
    with transaction.atomic(), pytest.raises(ValidationError) as refused:
        LETTERS.apply(letter, "send")
    assert refused.value.messages == ["You cannot send a letter that is sent."]
    assert refused.value.code == "illegal_transition"
    assert letter.status == "sent"
    with pytest.raises(ValidationError, match="already filed"):
        LETTERS.check("filed", "file")
    with pytest.raises(ValidationError, match="“shred” is not a step of a letter"):
        LETTERS.get("shred")


def test_a_guard_refuses_with_its_reason_and_options_explain_it():
    letter = Letter()
    options = {o.name: o for o in LETTERS.options(letter)}
    assert list(options) == ["send", "file", "edit"]
    assert options["send"].reason == "Write the letter before you send it."
    assert not options["send"].allowed and options["file"].allowed
    assert [t.name for t in LETTERS.available(letter)] == ["file", "edit"]
    assert LETTERS.reason(letter, "send") == "Write the letter before you send it."
    with transaction.atomic(), pytest.raises(ValidationError, match="Write the letter"):
        LETTERS.apply(letter, "send")
    assert letter.status == "draft"


def test_apply_moves_the_status_and_a_stay_transition_keeps_it():
    letter = Letter(body="Dear Madam")
    with transaction.atomic():
        assert LETTERS.apply(letter, "edit").target is None
        assert letter.status == "draft"
        assert LETTERS.apply(letter, "send").target == "sent"
    assert letter.status == "sent"
    assert LETTERS.reason(letter, "send") == "You cannot send a letter that is sent."


def test_options_leave_out_transitions_the_person_may_not_make(make_user):
    machine = Machine(
        noun="a letter",
        labels={},
        transitions=[Transition("send", {"draft"}, "sent", permission="reviews.manage_review")],
    )
    viewer = make_user(Role.SAFEGUARDING_PARTNER)
    assert machine.options(Letter(body="x"), viewer) == []
    assert [o.name for o in machine.options(Letter(body="x"))] == ["send"]


def test_model_update_records_a_many_to_many_change_in_the_after_snapshot(make_user, partnership):
    bu = make_user(Role.BUSINESS_UNIT)
    neglect = _theme("Neglect")
    housing = _theme("Housing")
    review = ReviewFactory(partnership=partnership, title="Child A")
    review.themes.set([neglect])
    with transaction.atomic():
        review, changed = model_update(
            review,
            fields=["title", "themes"],
            data={"title": "Child A", "themes": [housing, neglect], "kind": "ignored"},
            actor=bu,
            event="reviews.review.content_updated",
        )
    assert changed == ["themes"]
    review.refresh_from_db()
    assert set(review.themes.all()) == {housing, neglect}
    event = AuditEvent.objects.get(event="reviews.review.content_updated")
    assert event.before == {"title": "Child A", "themes": [str(neglect)]}
    assert event.after == {"title": "Child A", "themes": sorted([str(housing), str(neglect)])}


def test_model_update_saves_only_changed_fields_and_validates(make_user, partnership):
    bu = make_user(Role.BUSINESS_UNIT)
    review = ReviewFactory(partnership=partnership, title="Child B")
    with transaction.atomic():
        review, changed = model_update(
            review,
            fields=["title", "decided_on"],
            data={"decided_on": date(2023, 1, 2)},
            actor=bu,
            event="reviews.review.content_updated",
        )
    assert changed == ["decided_on"]
    review.refresh_from_db()
    assert review.decided_on == date(2023, 1, 2) and review.title == "Child B"
    with pytest.raises(ValidationError) as invalid, transaction.atomic():
        model_update(
            review,
            fields=["title"],
            data={"title": ""},
            actor=bu,
            event="reviews.review.content_updated",
        )
    assert "title" in invalid.value.message_dict
    review.refresh_from_db()
    assert review.title == "Child B"
    assert AuditEvent.objects.filter(event="reviews.review.content_updated").count() == 1


def test_model_update_writes_nothing_and_no_event_when_nothing_changed(make_user, partnership):
    bu = make_user(Role.BUSINESS_UNIT)
    theme = _theme("Neglect")
    review = ReviewFactory(partnership=partnership, title="Child C")
    review.themes.set([theme])
    stamp = type(review).objects.get(pk=review.pk).updated_at
    with transaction.atomic():
        same, changed = model_update(
            review,
            fields=["title", "themes"],
            data={"title": "Child C", "themes": [theme]},
            actor=bu,
            event="reviews.review.content_updated",
        )
    assert changed == [] and same is review
    assert not AuditEvent.objects.filter(event="reviews.review.content_updated").exists()
    assert type(review).objects.get(pk=review.pk).updated_at == stamp


def test_model_update_always_saves_describes_and_runs_then(make_user, partnership):
    """``always`` records the edit even when no field changed; ``describe`` shapes the audit
    snapshot; ``then`` runs after the save and before the "after" snapshot."""
    bu = make_user(Role.BUSINESS_UNIT)
    review = ReviewFactory(partnership=partnership, title="Child D")
    written = []

    def describe(record):
        return {"title": record.title, "notes": list(written)}

    with transaction.atomic():
        same, changed = model_update(
            review,
            fields=["title"],
            data={"title": "Child D"},
            actor=bu,
            event="reviews.review.content_updated",
            describe=describe,
            always=True,
            then=lambda record: written.append(record.title),
        )
    assert changed == [] and same is review
    event = AuditEvent.objects.get(event="reviews.review.content_updated")
    assert event.before == {"title": "Child D", "notes": []}
    assert event.after == {"title": "Child D", "notes": ["Child D"]}
