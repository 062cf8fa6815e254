"""The demo's business unit of Southend only: none of Essex's audit events or records."""

import csv
import io

from django.apps import apps
from django.test import Client

from safeguarding.accounts.models import Partnership, User
from safeguarding.accounts.services import api_token_create
from safeguarding.core.models import AuditEvent, AuditEventPartnership
from safeguarding.core.permissions import partnership_ids_of

API_LISTS = {
    "/api/v1/notifications/": "reviews.Notification",
    "/api/v1/rapid-reviews/": "reviews.RapidReview",
    "/api/v1/reviews/": "reviews.Review",
    "/api/v1/recommendations/": "reviews.Recommendation",
    "/api/v1/referrals/": "reviews.Referral",
    "/api/v1/meetings/": "governance.Meeting",
    "/api/v1/actions/": "governance.Action",
    "/api/v1/audit-campaigns/": "assurance.Campaign",
    "/api/v1/audit-returns/": "assurance.AuditReturn",
    "/api/v1/training/bookings/": "training.Booking",
    "/api/v1/agencies/": "accounts.Agency",
}


def _api(user, path):
    _, raw = api_token_create(job="test", user=user, name="scoping check")
    response = Client().get(path, HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 200, (path, response.status_code)
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def test_southend_business_unit_sees_no_essex_event_or_record():
    essex = Partnership.objects.get(slug="essex")
    southend = Partnership.objects.get(slug="southend")
    essex_bu = User.objects.get(email="business-unit@demo.example")
    user = User.objects.get(email="southend-business-unit@demo.example")
    assert user.is_staff and not user.is_superuser
    assert set(user.role_assignments.values_list("partnership__slug", flat=True)) == {"southend"}

    in_southend = AuditEventPartnership.objects.filter(partnership=southend).values("event")
    essex_only = AuditEvent.objects.filter(partnerships=essex).exclude(pk__in=in_southend)
    # The export names an event by what happened to which record; a record can have events of
    # both partnerships (a person given a role in each, such as the SET CDOP chair), so only
    # the keys that no Southend event shares tell an Essex-only event.
    southend_keys = set(
        AuditEvent.objects.filter(partnerships=southend).values_list(
            "event", "target_type", "target_id"
        )
    )
    essex_keys = {
        (e, t, i)
        for e, t, i in essex_only.exclude(target_type="").values_list(
            "event", "target_type", "target_id"
        )
    } - southend_keys
    assert essex_keys, "Essex has events of its own"
    assert essex_only.filter(target_type="reviews.notification").exists()
    essex_labels = set(
        essex_only.filter(target_type="reviews.notification").values_list("target_label", flat=True)
    )

    client = Client()
    client.force_login(user)
    page = client.get("/audit-log/")
    assert page.status_code == 200
    text = page.content.decode()
    assert not [label for label in essex_labels if label in text]
    assert "reviews.notification" not in text

    export = client.get("/audit-log/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows, "Southend's own events (its partnership, its people) are listed"
    shown = {(r["event"], r["target_type"], r["target_id"]) for r in rows}
    assert not shown & essex_keys
    assert len(rows) == AuditEvent.objects.filter(partnerships=southend).count()
    assert not [r for r in rows if r["target_type"] == "reviews.notification"]

    seen_by_essex = 0
    for path, label in API_LISTS.items():
        model = apps.get_model(label)
        for item in _api(user, path):
            record = model.objects.get(pk=item["id"])
            assert southend.pk in partnership_ids_of(record), f"{path} shows {record}"
        seen_by_essex += len(_api(essex_bu, path))
    assert seen_by_essex > 50, "Essex's business unit sees Essex's records through the API"
