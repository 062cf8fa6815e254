"""Who may do what in learning and development. Everything not granted here is denied.

The catalogue, session pages, booking form and certificate check are public pages (no
permission needed). Signed-in people see their own training; agency safeguarding leads book
and follow their own staff; the business unit runs courses, sessions, registers, charges and
the member groups that get discounts; the business unit and the chair read the reports and
evaluation results.
"""

import rules

from safeguarding.core.permissions import is_agency_lead, is_business_unit, is_chair
from safeguarding.core.scoping import lead_agency_ids


@rules.predicate
def is_booking_owner(user, booking=None) -> bool:
    if booking is None or not hasattr(booking, "email") or not user.is_authenticated:
        return False
    return booking.user_id == user.pk or booking.email == (user.email or "").lower()


@rules.predicate
def leads_booking_agency(user, booking=None) -> bool:
    if booking is None or getattr(booking, "agency_id", None) is None:
        return False
    return booking.agency_id in lead_agency_ids(user)


signed_in = rules.is_authenticated & rules.is_active

# Your own training record and bookings.
rules.add_perm("training.view_own_training", signed_in)
rules.add_perm("training.view_booking", is_booking_owner | leads_booking_agency | is_business_unit)
rules.add_perm(
    "training.cancel_booking", is_booking_owner | leads_booking_agency | is_business_unit
)
rules.add_perm("training.book", signed_in)

# Agency safeguarding leads: book their staff and see their training.
rules.add_perm("training.book_staff", is_agency_lead)
rules.add_perm("training.view_agency_training", is_agency_lead)

# The business unit runs the programme (of its own partnership, or joint sessions).
rules.add_perm("training.manage_training", is_business_unit)
rules.add_perm("training.change_course", is_business_unit)
rules.add_perm("training.change_member_group", is_business_unit)
rules.add_perm("training.manage_session", is_business_unit)
rules.add_perm("training.view_charges", is_business_unit)

# The business unit and the chair read the figures.
rules.add_perm("training.view_reports", is_business_unit | is_chair)
rules.add_perm("training.view_evaluation_results", is_business_unit | is_chair)
