"""`safeguarding import-organisations FILE --partnership SLUG [--dry-run] [--json]`.

Imports agencies from a Get Information About Schools establishment export as it comes (CSV
in Windows-1252 or UTF-8, or .xlsx), or from a list with the columns ``name, type``.
Re-importing updates by URN and never duplicates; closed establishments are skipped with a
reason. All or nothing: a file with any bad row writes nothing.
"""

from safeguarding.accounts.management.onboarding_command import OnboardingCommand


class Command(OnboardingCommand):
    help = (
        "Import organisations (agencies) from a GIAS establishment export or a name/type list, "
        "CSV or Excel. All or nothing; re-importing updates by URN."
    )
    kind = "organisations"
