"""Who may do what in governance. Everything not granted here is denied.

Drafting and publishing key messages, and running bodies and meetings, is the business
unit's work; chairs approve key messages and minutes; members of a body see its
confidential items; an action's owner updates it.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from safeguarding.core.permissions import (
    has_any_role,
    is_business_unit,
    is_chair,
    is_partnership_staff,
)


def body_of(obj):
    seen = 0
    while obj is not None and obj.__class__.__name__ != "Body" and seen < 5:
        for attribute in ("body", "meeting", "agenda_item", "paper", "action"):
            if hasattr(obj, attribute) and getattr(obj, attribute, None) is not None:
                obj = getattr(obj, attribute)
                break
        else:
            return None
        seen += 1
    return obj


@rules.predicate
def is_body_member(user, obj=None) -> bool:
    """A current member (in person) of the body the object belongs to."""
    body = body_of(obj)
    if body is None or not user.is_authenticated:
        return False
    return body.memberships.current(timezone.localdate()).filter(person=user).exists()


@rules.predicate
def is_action_owner(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and getattr(obj, "owner_id", None) == user.pk


# Key messages: the business unit drafts, the chair approves, either publishes.
rules.add_perm("governance.view_key_message_drafts", is_partnership_staff)
rules.add_perm("governance.add_key_message", is_business_unit)
rules.add_perm("governance.change_key_message", is_business_unit)
rules.add_perm("governance.approve_key_message", is_chair)
rules.add_perm("governance.publish_key_message", is_business_unit | is_chair)

# Bodies and meetings: seen by anyone with a role in the partnership, and by members;
# run by the business unit. Confidential items: members, the business unit and chairs.
rules.add_perm("governance.view_bodies", has_any_role)
rules.add_perm("governance.view_body", has_any_role | is_body_member)
rules.add_perm("governance.add_body", is_business_unit)
rules.add_perm("governance.change_body", is_business_unit)
rules.add_perm("governance.view_meeting", has_any_role | is_body_member)
rules.add_perm("governance.manage_meeting", is_business_unit)
rules.add_perm("governance.view_confidential", is_business_unit | is_chair | is_body_member)
rules.add_perm("governance.approve_minutes", is_business_unit | is_chair)
rules.add_perm("governance.view_decisions", has_any_role)
rules.add_perm("governance.change_decision", is_business_unit)
# Anyone shown a body's private calendar link may issue a new one (if it has leaked).
rules.add_perm("governance.reset_calendar_link", is_business_unit | is_chair | is_body_member)

# Actions: the list shows what each person may see; the owner, the business unit and
# chairs add updates; the business unit raises and changes them.
rules.add_perm("governance.view_actions", has_any_role)
rules.add_perm("governance.view_overdue_actions", is_partnership_staff)
rules.add_perm("governance.view_action", has_any_role | is_action_owner | is_body_member)
rules.add_perm("governance.add_action", is_business_unit)
rules.add_perm("governance.change_action", is_business_unit)
rules.add_perm("governance.update_action", is_action_owner | is_business_unit | is_chair)

# Business plans, priorities and the theme taxonomy.
rules.add_perm("governance.change_business_plan", is_business_unit)
rules.add_perm("governance.manage_themes", is_business_unit)
