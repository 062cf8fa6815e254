"""Policies, procedures and protocols: public status and history, SET-wide documents,
versions approved by a governance decision (through the offer) and review reminders."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.governance.tests import url_access as gov
from safeguarding.library.models import ProcedureStatus
from safeguarding.library.services.procedures import (
    procedure_create,
    procedure_status_change,
    procedure_version_add,
)
from safeguarding.library.tests.factories import ProcedureFactory, ProcedureVersionFactory

pytestmark = pytest.mark.django_db


def test_public_list_shows_under_review_and_withdrawn_but_not_drafts(client, partnership):
    ProcedureFactory(title="Bruising protocol", partnerships=[partnership])
    ProcedureFactory(
        title="Housing protocol", partnerships=[partnership], status=ProcedureStatus.UNDER_REVIEW
    )
    ProcedureFactory(
        title="Old escalation policy", partnerships=[partnership], status=ProcedureStatus.WITHDRAWN
    )
    ProcedureFactory(title="Draft protocol", partnerships=[partnership], status="draft")
    page = client.get(reverse("library:procedure-list")).content.decode()
    assert "Bruising protocol" in page
    assert "Housing protocol" in page and "Under review" in page
    assert "Old escalation policy" in page and "Withdrawn" in page
    assert "Draft protocol" not in page
    only = client.get(reverse("library:procedure-list"), {"status": "under_review"})
    assert "Bruising protocol" not in only.content.decode()


def test_a_set_wide_document_belongs_to_every_partnership_it_serves(client, partnership):
    southend = PartnershipFactory(slug="southend-test", name="Southend Test Partnership")
    shared = ProcedureFactory(title="SET bruising protocol", partnerships=[partnership, southend])
    assert "SET bruising protocol" in client.get(reverse("library:procedure-list")).content.decode()
    detail = client.get(reverse("library:procedure", args=[shared.pk])).content.decode()
    assert "Southend Test Partnership" in detail and partnership.name in detail


def test_current_version_and_history_are_public(client, partnership):
    procedure = ProcedureFactory(partnerships=[partnership])
    ProcedureVersionFactory(
        procedure=procedure,
        version="1.0",
        effective_on=datetime.date(2022, 4, 1),
        change_summary="First published.",
    )
    ProcedureVersionFactory(
        procedure=procedure,
        version="2.0",
        effective_on=datetime.date(2024, 4, 1),
        change_summary="Adds non-mobile babies.",
    )
    page = client.get(reverse("library:procedure", args=[procedure.pk])).content.decode()
    assert "2.0, in force from 1 April 2024" in page
    assert "First published." in page and "Adds non-mobile babies." in page


def test_version_linked_to_a_governance_decision_through_the_offer(make_user, partnership):
    staff = make_user(Role.BUSINESS_UNIT)
    decision_pk = gov.decision(partnership, staff)["pk"]
    procedure = procedure_create(
        actor=staff, partnerships=[partnership], title="Neglect strategy", kind="policy"
    )
    procedure_status_change(
        actor=staff,
        procedure=procedure,
        status=ProcedureStatus.UNDER_REVIEW,
        note="Being updated after the neglect audit.",
    )
    version = procedure_version_add(
        actor=staff,
        procedure=procedure,
        version="3.0",
        effective_on=datetime.date(2024, 9, 1),
        change_summary="New graded care profile.",
        approving_body="Executive",
        decision_id=decision_pk,
    )
    assert version.decision_label.startswith("Decided (")
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.CURRENT  # a new version ends the review
    assert AuditEvent.objects.filter(event="library.procedure.version").count() == 1


def test_a_decision_the_person_cannot_see_is_refused(make_user, partnership):
    other = PartnershipFactory(slug="other-test", name="Other Test Partnership")
    outsider = make_user(Role.BUSINESS_UNIT, partnership=other)
    insider = make_user(Role.BUSINESS_UNIT)
    decision_pk = gov.decision(partnership, insider)["pk"]
    procedure = ProcedureFactory(partnerships=[other])
    with pytest.raises(ValidationError, match="no decision with that number"):
        procedure_version_add(
            actor=outsider,
            procedure=procedure,
            version="1.1",
            effective_on=datetime.date(2024, 1, 1),
            change_summary="x",
            decision_id=decision_pk,
        )
    assert not procedure.versions.exists()


def test_under_review_needs_a_reason(make_user, partnership):
    procedure = ProcedureFactory(partnerships=[partnership])
    with pytest.raises(ValidationError, match="Say why"):
        procedure_status_change(
            actor=make_user(Role.BUSINESS_UNIT),
            procedure=procedure,
            status=ProcedureStatus.WITHDRAWN,
        )


def test_owner_is_reminded_once_before_the_review_date(
    make_user, partnership, mailoutbox, django_capture_on_commit_callbacks
):
    owner = make_user(Role.PRACTITIONER, email="owner@agency.example")
    today = datetime.date.today()
    due = ProcedureFactory(
        title="Housing protocol",
        partnerships=[partnership],
        owner=owner,
        review_due_on=today + datetime.timedelta(days=10),
    )
    ProcedureFactory(
        title="Far off",
        partnerships=[partnership],
        owner=owner,
        review_due_on=today + datetime.timedelta(days=200),
    )
    ProcedureFactory(
        title="Withdrawn one",
        partnerships=[partnership],
        owner=owner,
        status=ProcedureStatus.WITHDRAWN,
        review_due_on=today,
    )
    for _ in range(2):  # the schedule runs again: no second reminder
        with django_capture_on_commit_callbacks(execute=True):
            run_due_jobs(only="library.procedure-review-reminders")
    sent = [m for m in mailoutbox if "Review due" in m.subject]
    assert [m.subject for m in sent] == ["Review due: Housing protocol"]
    assert sent[0].to == ["owner@agency.example"]
    assert (
        AuditEvent.objects.filter(event="library.procedure.remind", target_id=str(due.pk)).count()
        == 1
    )


def test_dashboard_panel_lists_procedures_due_for_review(signed_in, partnership):
    ProcedureFactory(
        title="Due soon protocol",
        partnerships=[partnership],
        review_due_on=datetime.date.today() + datetime.timedelta(days=20),
    )
    ProcedureFactory(
        title="Other partnership protocol",
        review_due_on=datetime.date.today() + datetime.timedelta(days=20),
    )
    page = signed_in(Role.BUSINESS_UNIT).get(reverse("core:dashboard")).content.decode()
    assert "Procedures due for review" in page
    assert "Due soon protocol" in page
    assert "Other partnership protocol" not in page


def test_procedure_list_query_count_does_not_grow(client, partnership, count_queries):
    for _ in range(3):
        ProcedureVersionFactory(procedure=ProcedureFactory(partnerships=[partnership]))
    url = reverse("library:procedure-list")
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for _ in range(20):
        ProcedureVersionFactory(procedure=ProcedureFactory(partnerships=[partnership]))
    assert count_queries(lambda: client.get(url)) == few


def test_a_draft_is_refused_to_another_partnerships_business_unit(client, make_user, partnership):
    other = PartnershipFactory(slug="other-draft", name="Other Draft Partnership")
    draft = ProcedureFactory(title="Draft protocol", partnerships=[partnership], status="draft")
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=other))
    assert client.get(reverse("library:procedure", args=[draft.pk])).status_code == 404
    client.force_login(make_user(Role.BUSINESS_UNIT))
    assert client.get(reverse("library:procedure", args=[draft.pk])).status_code == 200


def test_business_unit_records_a_version_and_puts_a_document_under_review(signed_in, partnership):
    procedure = ProcedureFactory(title="Housing protocol", partnerships=[partnership])
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("library:procedure-manage", args=[procedure.pk])
    refused = client.post(url, {"action": "status", "status": "under_review", "note": ""})
    assert "Say why the procedure is under review" in refused.content.decode()
    client.post(url, {"action": "status", "status": "under_review", "note": "New guidance."})
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.UNDER_REVIEW
    response = client.post(
        url,
        {
            "action": "version",
            "version": "2.0",
            "effective_on": "2024-09-01",
            "change_summary": "Follows the new guidance.",
            "approving_body": "Executive",
        },
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.CURRENT
    assert procedure.versions.get().version == "2.0"


def test_another_partnerships_business_unit_cannot_manage_a_document(
    client, make_user, partnership
):
    procedure = ProcedureFactory(partnerships=[partnership])
    other = PartnershipFactory(slug="other-manage", name="Other Manage Partnership")
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=other))
    url = reverse("library:procedure-manage", args=[procedure.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"action": "status", "status": "withdrawn", "note": "x"}).status_code
        == 403
    )
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.CURRENT
