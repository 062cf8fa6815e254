"""Helpers shared by the assurance pages: loading the record a page is about (scoped to what
the person may see, 404 otherwise) and showing a service's error on a form."""

from __future__ import annotations

from safeguarding.assurance.selectors import actions as action_selectors
from safeguarding.assurance.selectors import campaigns as campaign_selectors
from safeguarding.assurance.selectors import case_audits as case_selectors
from safeguarding.assurance.selectors import returns as return_selectors
from safeguarding.assurance.selectors import templates as template_selectors
from safeguarding.core.access import object_loader

PAGE_SIZE = 50


load_template = object_loader(template_selectors.template_get, "template")
version_of = object_loader(template_selectors.version_get, "template version")
campaign_of = object_loader(campaign_selectors.campaign_get, "campaign")
return_of = object_loader(return_selectors.return_get, "return")
action_of = object_loader(action_selectors.action_get, "action")
case_audit_of = object_loader(case_selectors.case_audit_get, "case audit")
