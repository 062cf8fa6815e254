"""Helpers shared by the assurance pages: loading the record a page is about (scoped to what
the person may see, 404 otherwise) and showing a service's error on a form."""

from __future__ import annotations

from django.http import Http404

from safeguarding.assurance.selectors import actions as action_selectors
from safeguarding.assurance.selectors import campaigns as campaign_selectors
from safeguarding.assurance.selectors import case_audits as case_selectors
from safeguarding.assurance.selectors import returns as return_selectors
from safeguarding.assurance.selectors import templates as template_selectors

PAGE_SIZE = 50


def _found(obj, what: str):
    if obj is None:
        raise Http404(f"No such {what}")
    return obj


def load_template(request, pk: int, **kwargs):
    return _found(template_selectors.template_get(user=request.user, pk=pk), "template")


def load_version(request, pk: int, **kwargs):
    return _found(template_selectors.version_get(user=request.user, pk=pk), "template version")


def load_campaign(request, pk: int, **kwargs):
    return _found(campaign_selectors.campaign_get(user=request.user, pk=pk), "campaign")


def load_return(request, pk: int, **kwargs):
    return _found(return_selectors.return_get(user=request.user, pk=pk), "return")


def load_action(request, pk: int, **kwargs):
    return _found(action_selectors.action_get(user=request.user, pk=pk), "action")


def load_case_audit(request, pk: int, **kwargs):
    return _found(case_selectors.case_audit_get(user=request.user, pk=pk), "case audit")


def cached(request, key: str, loader, *args, **kwargs):
    """Load once per request: the permission check and the view share the record."""
    store = request.__dict__.setdefault("_assurance_loaded", {})
    if key not in store:
        store[key] = loader(request, *args, **kwargs)
    return store[key]


def campaign_of(request, pk: int, **kwargs):
    return cached(request, f"campaign:{pk}", load_campaign, pk)


def return_of(request, pk: int, **kwargs):
    return cached(request, f"return:{pk}", load_return, pk)


def version_of(request, pk: int, **kwargs):
    return cached(request, f"version:{pk}", load_version, pk)


def action_of(request, pk: int, **kwargs):
    return cached(request, f"action:{pk}", load_action, pk)


def case_audit_of(request, pk: int, **kwargs):
    return cached(request, f"case_audit:{pk}", load_case_audit, pk)
