"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "accounts.agency.created": "Someone created an agency.",
    "accounts.agency.updated": "Someone changed an agency.",
    "accounts.api_token.created": "Someone created an api token.",
    "accounts.api_token.revoked": "Someone revoked an api token.",
    "accounts.onboarding_import.checked": "Onboarding import: checked.",
    "accounts.onboarding_import.confirmed": "Onboarding import: confirmed.",
    "accounts.onboarding_import.failed": (
        "Someone recorded a failed import of an onboarding import."
    ),
    "accounts.onboarding_import.file_deleted": "Onboarding import: file deleted.",
    "accounts.onboarding_import.imported": "Someone imported an onboarding import.",
    "accounts.onboarding_import.queued": "Someone uploaded an onboarding import.",
    "accounts.partnership.created": "Someone created a partnership.",
    "accounts.partnership.sign_in_settings_updated": "Partnership: sign in settings updated.",
    "accounts.partnership.updated": "Someone changed a partnership.",
    "accounts.password.changed": "Someone changed a password.",
    "accounts.password.reset": "Password: reset.",
    "accounts.role.assigned": "Someone assigned a role.",
    "accounts.role.revoked": "Someone revoked a role.",
    "accounts.single_sign_on.refused": "Single sign on: refused.",
    "accounts.two_factor.disabled": "Two factor: disabled.",
    "accounts.two_factor.failed": "Someone recorded a failed import of a two factor.",
    "accounts.two_factor.recovery_code_used": "Two factor: recovery code used.",
    "accounts.two_factor.recovery_codes_regenerated": "Two factor: recovery codes regenerated.",
    "accounts.two_factor.set_up": "Two factor: set up.",
    "accounts.user.created": "Someone created an user.",
    "accounts.user.deactivated": "Someone deactivated an user.",
    "accounts.user.invited": "Someone invited an agency to an user.",
    "accounts.user.signed_in": "User: signed in.",
}
