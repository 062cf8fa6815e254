"""Permissions for the core pages."""

import rules

from safeguarding.core.permissions import (
    has_any_role,
    is_agency_lead,
    is_business_unit,
    is_chair,
    is_child_death_review,
    is_partnership_staff,
)

rules.add_perm("core.view_dashboard", rules.is_authenticated & rules.is_active)
rules.add_perm("core.view_audit_log", is_business_unit | is_chair)
rules.add_perm("core.use_api_docs", has_any_role)
rules.add_perm("core.view_tracker", is_partnership_staff | is_agency_lead | is_child_death_review)
# An uploaded file's import job (ADR 0033): only the business unit of its partnership; the
# page checks the importer's own permission too.
rules.add_perm("core.follow_import_job", is_business_unit)
