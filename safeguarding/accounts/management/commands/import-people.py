"""`safeguarding import-people FILE --partnership SLUG [--dry-run] [--json]`.

Imports people with their agency and role (columns: email, first name, last name, agency
(name or URN), role). New people are invited by email by the worker; people who already
have an account are given the role and not invited again. All or nothing.
"""

from safeguarding.accounts.management.onboarding_command import OnboardingCommand


class Command(OnboardingCommand):
    help = (
        "Import people with their agency and role from CSV or Excel, inviting new people by "
        "email. All or nothing."
    )
    kind = "people"
