"""Who may do what in assurance. Everything not granted here is denied.

- Templates are a library shared by the platform's partnerships: partnership staff read
  them, the business unit edits them.
- Campaigns, results, challenge events and case audits belong to the partnership(s) that run
  them: their staff (business unit, chair, safeguarding partners) see them, the business unit
  runs them. Moderation is done by the business unit and the safeguarding partners.
- A return is seen by the partnership's staff, by its organisation's safeguarding lead and by
  the colleagues the lead adds. The lead and colleagues complete it; only a lead submits it.
- An action is seen by the partnership's staff, the organisation's lead and its named owner;
  the lead and the owner update it; the business unit closes it on evidence.
"""

import rules

from safeguarding.assurance.models import AuditAction, AuditReturn
from safeguarding.assurance.scoping import staff_partnership_ids
from safeguarding.core.permissions import (
    is_agency_lead,
    is_business_unit,
    is_partnership_staff,
    is_safeguarding_partner,
)
from safeguarding.core.scoping import lead_agencies, leads_agency_in


@rules.predicate
def leads_the_organisation(user, obj=None) -> bool:
    """The user is the safeguarding lead of the return's or action's organisation."""
    if isinstance(obj, AuditReturn):
        return leads_agency_in(user, obj.agency_id, obj.partnership_ids_for_rules())
    if isinstance(obj, AuditAction):
        return leads_agency_in(user, obj.agency_id, [obj.partnership_id])
    return False


@rules.predicate
def is_return_colleague(user, obj=None) -> bool:
    if not isinstance(obj, AuditReturn) or not user.is_authenticated:
        return False
    return obj.contributors.filter(pk=user.pk).exists()


@rules.predicate
def owns_the_action(user, obj=None) -> bool:
    return isinstance(obj, AuditAction) and user.is_authenticated and obj.owner_id == user.pk


@rules.predicate
def completes_returns(user, obj=None) -> bool:
    """Without an object: the user leads an organisation or helps with a return."""
    if not user.is_authenticated or not user.is_active:
        return False
    if lead_agencies(user):
        return True
    return AuditReturn.contributors.through.objects.filter(user_id=user.pk).exists()


@rules.predicate
def owns_any_action(user, obj=None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return AuditAction.objects.filter(owner=user).exists()


@rules.predicate
def is_staff_of_any_partnership(user, obj=None) -> bool:
    """For the shared template library: staff of any partnership, whatever the object."""
    return bool(staff_partnership_ids(user))


is_moderator = is_business_unit | is_safeguarding_partner

# Templates (no object: the library is shared).
rules.add_perm("assurance.view_templates", is_partnership_staff)
rules.add_perm("assurance.view_template", is_staff_of_any_partnership)
rules.add_perm("assurance.manage_templates", is_business_unit)

# The assurance home page and navigation.
rules.add_perm("assurance.use_assurance", is_partnership_staff | is_agency_lead | completes_returns)

# Campaigns, results, challenge events.
rules.add_perm("assurance.view_campaigns", is_partnership_staff)
rules.add_perm("assurance.add_campaign", is_business_unit)
rules.add_perm("assurance.manage_campaign", is_business_unit)
rules.add_perm("assurance.view_results", is_partnership_staff)
rules.add_perm("assurance.record_challenge", is_business_unit)

# Returns.
rules.add_perm("assurance.view_my_returns", is_agency_lead | completes_returns)
rules.add_perm(
    "assurance.view_return", is_partnership_staff | leads_the_organisation | is_return_colleague
)
rules.add_perm("assurance.edit_return", leads_the_organisation | is_return_colleague)
rules.add_perm("assurance.submit_return", leads_the_organisation)
rules.add_perm("assurance.manage_return_colleagues", leads_the_organisation)
rules.add_perm("assurance.moderate_return", is_moderator)
rules.add_perm("assurance.exempt_return", is_business_unit)

# Actions.
rules.add_perm("assurance.view_actions", is_partnership_staff | is_agency_lead | owns_any_action)
rules.add_perm(
    "assurance.view_action", is_partnership_staff | leads_the_organisation | owns_the_action
)
rules.add_perm("assurance.update_action", leads_the_organisation | owns_the_action)
rules.add_perm("assurance.close_action", is_business_unit)

# Multi-agency case audits.
rules.add_perm("assurance.view_case_audits", is_partnership_staff)
rules.add_perm("assurance.manage_case_audits", is_business_unit)

# Surveys and consultations: the partnership's staff read them and their results (scoped to
# their partnerships by Survey.visible_to); its business unit creates and changes them.
rules.add_perm("assurance.view_surveys", is_partnership_staff)
rules.add_perm("assurance.view_survey", is_partnership_staff)
rules.add_perm("assurance.view_survey_results", is_partnership_staff)
rules.add_perm("assurance.add_survey", is_business_unit)
rules.add_perm("assurance.manage_survey", is_business_unit)
