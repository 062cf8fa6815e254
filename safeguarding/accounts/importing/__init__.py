"""Onboarding in bulk: organisations (such as the Department for Education's Get Information
About Schools export) and people with their agency and role, from CSV or Excel.

Each importer first *plans* the whole file (reads the database, writes nothing) and reports
every problem by row; only a file without problems is written, in one transaction, through
the account services (each record with its audit event). ``--dry-run`` and the upload page's
preview show the plan. See ADR 0017.
"""

from safeguarding.accounts.importing.results import ImportResult, RowProblem

__all__ = ["ImportResult", "RowProblem"]
