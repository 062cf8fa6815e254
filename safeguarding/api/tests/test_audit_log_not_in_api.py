"""The API offers no way to read, change or delete audit events (ADR 0013)."""

import json
from pathlib import Path

from safeguarding.api.urls import router
from safeguarding.core.models import AuditEvent, AuditEventPartnership


def test_the_api_has_no_audit_event_endpoint():
    for _, viewset, _ in router.registry:
        queryset = getattr(viewset, "queryset", None)
        serializer = getattr(viewset, "serializer_class", None)
        models = {
            getattr(queryset, "model", None),
            getattr(getattr(serializer, "Meta", None), "model", None),
        }
        assert AuditEvent not in models and AuditEventPartnership not in models, viewset
    document = json.loads((Path(__file__).resolve().parents[1] / "openapi.json").read_text())
    assert not [path for path in document["paths"] if "audit-log" in path or "event" in path]
