"""The business unit changes a procedure's own details and a youth-voice activity: audited,
refused to other roles and to other partnerships."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.library.models import ActivityParticipation, ProcedureStatus
from safeguarding.library.tests.factories import (
    ProcedureFactory,
    ProcedureVersionFactory,
    YouthVoiceActivityFactory,
)
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Edit pages bruising", slug="edit-pages-bruising")


def _procedure_form(procedure, **changes):
    data = {
        "title": procedure.title,
        "kind": procedure.kind,
        "summary": procedure.summary,
        "owner": procedure.owner_id or "",
        "review_due_on": "",
        "status": procedure.status,
        "status_note": procedure.status_note,
        "partnerships": [p.pk for p in procedure.partnerships.all()],
        "themes": [],
    }
    data.update(changes)
    return data


def test_the_business_unit_changes_a_procedures_details(signed_in, partnership, theme):
    client = signed_in(Role.BUSINESS_UNIT)
    owner = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, email="lead@la.example")
    procedure = ProcedureFactory(title="Bruising protocol", partnerships=[partnership])
    ProcedureVersionFactory(procedure=procedure)
    url = reverse("library:procedure-edit", args=[procedure.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Bruising protocol" in page.content.decode()

    response = client.post(
        url,
        _procedure_form(
            procedure,
            title="SET bruising protocol",
            kind="protocol",
            owner=owner.pk,
            review_due_on="2027-03-31",
            status=ProcedureStatus.UNDER_REVIEW,
            status_note="Being updated after the new national guidance.",
            themes=[theme.pk],
        ),
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.title == "SET bruising protocol"
    assert procedure.kind == "protocol"
    assert procedure.owner == owner
    assert procedure.review_due_on == datetime.date(2027, 3, 31)
    assert procedure.status == ProcedureStatus.UNDER_REVIEW
    assert list(procedure.themes.all()) == [theme]
    event = AuditEvent.objects.get(event="library.procedure.update")
    assert event.before["title"] == "Bruising protocol"
    assert event.after["title"] == "SET bruising protocol"
    assert event.after["owner"] == "lead@la.example"
    assert event.after["themes"] == ["edit-pages-bruising"]
    public = client.get(reverse("library:procedure", args=[procedure.pk])).content.decode()
    assert "Being updated after the new national guidance." in public

    # Withdrawn needs a reason too; current clears the reason.
    response = client.post(
        url, _procedure_form(procedure, status=ProcedureStatus.WITHDRAWN, status_note="")
    )
    assert response.status_code == 200
    assert "Say why the procedure is under review or withdrawn" in response.content.decode()
    client.post(url, _procedure_form(procedure, status=ProcedureStatus.CURRENT))
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.CURRENT and procedure.status_note == ""


def test_a_procedure_edit_refuses_bad_input_with_reasons(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    ProcedureFactory(title="Housing protocol", partnerships=[partnership])
    procedure = ProcedureFactory(title="Bruising protocol", partnerships=[partnership])
    url = reverse("library:procedure-edit", args=[procedure.pk])
    response = client.post(url, _procedure_form(procedure, title="housing PROTOCOL"))
    assert response.status_code == 200
    assert "There is already a procedure called" in response.content.decode()
    response = client.post(url, _procedure_form(procedure, partnerships=[]))
    assert "Choose at least one partnership" in response.content.decode()
    response = client.post(url, _procedure_form(procedure, title=""))
    assert "Enter the document" in response.content.decode()
    procedure.refresh_from_db()
    assert procedure.title == "Bruising protocol"
    assert not AuditEvent.objects.filter(event="library.procedure.update").exists()


def test_a_set_wide_procedure_keeps_the_partnerships_the_editor_does_not_run(
    signed_in, partnership
):
    southend = PartnershipFactory(slug="southend-edit", name="Southend Edit Partnership")
    thurrock = PartnershipFactory(slug="thurrock-edit", name="Thurrock Edit Partnership")
    client = signed_in(Role.BUSINESS_UNIT)
    procedure = ProcedureFactory(title="SET procedures", partnerships=[partnership, southend])
    url = reverse("library:procedure-edit", args=[procedure.pk])
    # A partnership the editor does not run cannot be added, nor one they share removed.
    response = client.post(url, _procedure_form(procedure, partnerships=[thurrock.pk]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, _procedure_form(procedure, partnerships=[]))
    assert response.status_code == 302
    assert set(procedure.partnerships.all()) == {southend}


def test_other_roles_and_partnerships_cannot_change_a_procedure(client, partnership, make_user):
    procedure = ProcedureFactory(title="Bruising protocol", partnerships=[partnership])
    url = reverse("library:procedure-edit", args=[procedure.pk])
    for user in (
        make_user(Role.PRACTITIONER),
        make_user(Role.CHAIR),
        user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory()),
    ):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)
        response = client.post(url, _procedure_form(procedure, title="Hijacked"))
        assert response.status_code in (403, 404)
    procedure.refresh_from_db()
    assert procedure.title == "Bruising protocol"


def test_the_business_unit_changes_an_activity_and_its_numbers(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    activity = YouthVoiceActivityFactory(
        partnership=partnership, title="Youth Voices – spring", counts={("11_15", "secondary"): 12}
    )
    board = client.get(reverse("library:you-said-we-did")).content.decode()
    url = reverse("library:activity-edit", args=[activity.pk])
    assert url in board
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="12"' in page.content.decode()
    response = client.post(
        url,
        {
            "title": "Youth Voices – spring term",
            "kind": "youth_voices",
            "held_on": "2024-03-15",
            "setting": "college",
            "count_11_15": "10",
            "count_16_17": "7",
            "summary": "Online safety and who to talk to.",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Youth Voices – spring term"
    assert activity.held_on == datetime.date(2024, 3, 15)
    counts = {(p.age_band, p.setting): p.count for p in activity.participation.all()}
    assert counts == {("11_15", "college"): 10, ("16_17", "college"): 7}
    event = AuditEvent.objects.get(event="library.activity.update")
    assert event.before["took_part"] == {"11_15 secondary": 12}
    assert event.after["took_part"] == {"11_15 college": 10, "16_17 college": 7}

    # Nobody counted: refused, nothing changed.
    response = client.post(
        url,
        {
            "title": "Youth Voices",
            "kind": "youth_voices",
            "held_on": "2024-03-15",
            "setting": "college",
        },
    )
    assert response.status_code == 200
    assert "Enter how many children or young people took part" in response.content.decode()
    assert ActivityParticipation.objects.filter(activity=activity).count() == 2


def test_an_activity_across_several_settings_is_changed_setting_by_setting(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    activity = YouthVoiceActivityFactory(
        partnership=partnership,
        counts={("11_15", "secondary"): 12, ("under_11", "primary"): 20},
    )
    url = reverse("library:activity-edit", args=[activity.pk])
    page = client.get(url).content.decode()
    assert "Number aged 11 to 15 – secondary school" in page
    response = client.post(
        url,
        {
            "title": activity.title,
            "kind": activity.kind,
            "held_on": "2024-03-14",
            "count_primary_under_11": "21",
            "count_secondary_11_15": "12",
        },
    )
    assert response.status_code == 302
    counts = {(p.age_band, p.setting): p.count for p in activity.participation.all()}
    assert counts == {("11_15", "secondary"): 12, ("under_11", "primary"): 21}


def test_other_roles_and_partnerships_cannot_change_an_activity(client, partnership, make_user):
    activity = YouthVoiceActivityFactory(partnership=partnership, title="Youth Voices")
    url = reverse("library:activity-edit", args=[activity.pk])
    for user in (
        make_user(Role.PRACTITIONER),
        make_user(Role.CHAIR),
        user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory()),
    ):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)
        data = {"title": "Changed", "kind": "survey", "held_on": "2024-03-14"}
        assert client.post(url, data).status_code in (403, 404)
    activity.refresh_from_db()
    assert activity.title == "Youth Voices"
    client.logout()
    assert client.get(url).status_code in (302, 403)
