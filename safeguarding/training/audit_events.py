"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "training.booking.approval_chased": "Booking: approval chased.",
    "training.booking.approval_expired": "Booking: approval expired.",
    "training.booking.approved": "Someone approved a booking.",
    "training.booking.cancelled": "Someone cancelled a booking.",
    "training.booking.created": "Someone created a booking.",
    "training.booking.declined": "Someone declined a booking.",
    "training.booking.offer_accepted": "Booking: offer accepted.",
    "training.booking.offer_declined": "Booking: offer declined.",
    "training.booking.offer_expired": "Booking: offer expired.",
    "training.booking.offered": "Someone offered a place to a booking.",
    "training.certificate.issued": "Someone issued a certificate.",
    "training.course.created": "Someone created a course.",
    "training.course.updated": "Someone changed a course.",
    "training.evaluation.submitted": "Someone submitted an evaluation.",
    "training.follow_up.answered": "Someone answered a follow up.",
    "training.follow_up.manager_answered": "Follow up: manager answered.",
    "training.follow_up.sent": "Someone sent a follow up.",
    "training.member_group.created": "Someone created a member group.",
    "training.member_group.removed": "Someone removed a member group.",
    "training.member_group.updated": "Someone changed a member group.",
    "training.register.attendee_added": "Someone added an attendee to a register.",
    "training.register.taken": "Someone took the register of a register.",
    "training.session.cancelled": "Someone cancelled a session.",
    "training.session.created": "Someone created a session.",
    "training.session.updated": "Someone changed a session.",
    "training.settings.updated": "Someone changed a settings.",
}
