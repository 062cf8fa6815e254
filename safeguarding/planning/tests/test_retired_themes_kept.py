"""A record's retired themes survive its edit form (the one theme picker, ``ThemesField``).

Each test opens a record's edit page as the business unit would, posts the form back exactly
as the page shows it, and checks the retired theme is still on the record; new choices stay
limited to active themes."""

import datetime
from html.parser import HTMLParser

import pytest
from django import forms
from django.utils import timezone

from safeguarding.core.roles import Role
from safeguarding.governance.services import key_messages as key_message_services
from safeguarding.governance.tests.factories import ActionFactory, BodyFactory, MeetingFactory
from safeguarding.planning.models import Theme
from safeguarding.planning.theme_fields import ThemesField
from safeguarding.reviews.services import notifications as notification_services

pytestmark = pytest.mark.django_db


class _FormValues(HTMLParser):
    """The values a browser would post for the page's form with the given action (or the
    first form with method post): inputs, ticked boxes, chosen options and text areas."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self.checkbox_labels: dict[str, str] = {}
        self._in_form = False
        self._done = False
        self._select = None
        self._textarea = None
        self._text = ""
        self._label_for = None
        self._label_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self._done and (attrs.get("method") or "").lower() == "post":
            if not any(w in (attrs.get("action") or "") for w in ("search", "sign-out")):
                self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.values.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "label" and attrs.get("for"):
            self._label_for, self._label_text = attrs["for"], ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data
        if self._label_for:
            self._label_text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None
        elif tag == "label" and self._label_for:
            self.checkbox_labels[self._label_for] = " ".join(self._label_text.split())
            self._label_for = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def _page_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormValues()
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return response.content.decode(), data, parser.checkbox_labels


@pytest.fixture
def retired(db):
    theme = Theme.objects.get(name="Neglect")
    Theme.objects.filter(pk=theme.pk).update(is_active=False)
    theme.refresh_from_db()
    return theme


@pytest.fixture
def active(db):
    return Theme.objects.get(name="Domestic abuse")


@pytest.fixture
def bu_client(client, make_user):
    client.user = make_user(Role.BUSINESS_UNIT)
    client.force_login(client.user)
    return client


def _errors(response) -> str:
    html = response.content.decode()
    start = html.find("govuk-error-summary")
    return html[start : start + 1500] if start >= 0 else html[-1500:]


def _assert_shown_as_retired(html, labels, theme):
    assert f"{theme.name} (retired)" in labels.values(), "the retired theme is offered, labelled"
    assert f'value="{theme.pk}" checked' in html or f'value="{theme.pk}"' in html


def test_saving_an_action_unchanged_keeps_its_retired_theme(
    bu_client, partnership, retired, active
):
    body = BodyFactory(partnerships=[partnership])
    zone = timezone.get_current_timezone()
    meeting = MeetingFactory(
        body=body, starts_at=datetime.datetime(2024, 3, 12, 10, 0, tzinfo=zone)
    )
    action = ActionFactory(meeting=meeting, owner=bu_client.user, due_on=datetime.date(2030, 1, 31))
    action.themes.set([retired, active])
    url = f"/governance/actions/{action.pk}/edit/"

    html, data, labels = _page_form(bu_client, url)
    _assert_shown_as_retired(html, labels, retired)
    assert sorted(data["themes"]) == sorted([str(retired.pk), str(active.pk)])
    response = bu_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    assert set(action.themes.all()) == {retired, active}

    # Still deselectable: unticking it takes it off.
    data["themes"] = [str(active.pk)]
    assert bu_client.post(url, data).status_code == 302
    assert list(action.themes.all()) == [active]
    # Once off, it is no longer offered: a retired theme cannot be put back or newly chosen.
    html, data, labels = _page_form(bu_client, url)
    assert f"{retired.name} (retired)" not in labels.values()
    data["themes"] = [str(active.pk), str(retired.pk)]
    response = bu_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert list(action.themes.all()) == [active]


def test_saving_a_key_message_unchanged_keeps_its_retired_theme(
    bu_client, partnership, make_user, retired, active
):
    message = key_message_services.key_message_create(
        actor=make_user(Role.BUSINESS_UNIT),
        partnership=partnership,
        title="Neglect: see the whole family",
        body="Look at the home and the child's day.",
        meeting_date=datetime.date(2024, 3, 12),
        meeting_title="Executive meeting",
        themes=[retired, active],
    )
    url = f"/governance/key-messages/{message.pk}/edit/"
    html, data, labels = _page_form(bu_client, url)
    _assert_shown_as_retired(html, labels, retired)
    data["title"] = ["Neglect: see the whole family at home"]
    response = bu_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    message.refresh_from_db()
    assert message.title == "Neglect: see the whole family at home"
    assert set(message.themes.all()) == {retired, active}


def test_saving_a_notification_unchanged_keeps_its_retired_theme(
    bu_client, partnership, make_user, retired
):
    notification = notification_services.notification_create(
        actor=make_user(Role.BUSINESS_UNIT),
        partnership=partnership,
        child_pseudonym="Child Q",
        age_band="under_1",
        sex="male",
        nature="serious_harm",
        looked_after=False,
        became_aware_on=timezone.localdate() - datetime.timedelta(days=3),
        notified_on=timezone.localdate(),
        themes=[retired],
    )
    url = f"/reviews/notifications/{notification.pk}/edit/"
    html, data, labels = _page_form(bu_client, url)
    _assert_shown_as_retired(html, labels, retired)
    response = bu_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    assert list(notification.themes.all()) == [retired]


def test_a_new_record_is_offered_active_themes_only(retired, active):
    class Form(forms.Form):
        themes = ThemesField()

    form = Form()
    offered = {choice.instance for choice in _choices(form)}
    assert active in offered and retired not in offered
    assert not Form(data={"themes": [str(retired.pk)]}).is_valid()
    assert Form(data={"themes": [str(active.pk)]}).is_valid()

    kept = Form(initial={"themes": [retired]}, data={"themes": [str(retired.pk)]})
    assert kept.is_valid()
    assert list(kept.cleaned_data["themes"]) == [retired]
    labels = {
        str(label)
        for _value, label in Form(initial={"themes": [retired.pk]})["themes"].field.choices
    }
    assert "Neglect (retired)" in labels


def _choices(form):
    return [value for value, _label in form["themes"].field.choices if value]
