"""One object loader (ADR 0022): through a scoped getter, once per request, 404 otherwise."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from safeguarding.accounts.models import Partnership
from safeguarding.core.access import object_loader, require_permission
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def _getter(calls: list):
    def get(*, user, pk):
        calls.append(pk)
        return Partnership.objects.filter(pk=pk).first()

    return get


def test_the_record_is_loaded_once_per_request_and_handed_to_the_view(rf, make_user, partnership):
    calls: list = []
    load = object_loader(_getter(calls), "partnership")
    seen = {}

    @require_permission("core.view_audit_log", fn=load)
    def view(request, pk):
        seen["record"] = load(request, pk)
        seen["handed"] = request.view_object
        return HttpResponse("ok")

    request = rf.get("/")
    request.user = make_user(Role.BUSINESS_UNIT)
    assert view(request, pk=partnership.pk).status_code == 200
    assert seen["record"] == partnership and seen["handed"] is seen["record"]
    assert calls == [partnership.pk]  # the check and the view shared one load


def test_a_record_not_found_is_a_404_after_on_missing(rf, make_user):
    refused = []
    load = object_loader(
        _getter([]), "case_note", on_missing=lambda request, pk: refused.append(pk)
    )
    request = rf.get("/")
    request.user = make_user(Role.BUSINESS_UNIT)
    with pytest.raises(Http404, match="No such case note"):
        load(request, 999999)
    assert refused == [999999]


def test_the_permission_is_still_checked_against_the_loaded_record(rf, make_user, partnership):
    load = object_loader(_getter([]), "partnership")

    @require_permission("core.view_audit_log", fn=load)
    def view(request, pk):
        return HttpResponse("ok")

    request = rf.get("/")
    request.user = make_user(Role.PRACTITIONER)
    with pytest.raises(PermissionDenied):
        view(request, pk=partnership.pk)
