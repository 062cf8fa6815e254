"""URL arguments for the core URL sweep (safeguarding/core/tests/test_url_access.py)."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from safeguarding.reports.models import Inspection, InspectionAction, YearlyReport


def _report(partnership, **fields) -> YearlyReport:
    return YearlyReport.objects.create(
        partnership=partnership,
        title="Yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        **fields,
    )


def draft(partnership, user) -> dict:
    return {"pk": _report(partnership).pk}


def draft_section(partnership, user) -> dict:
    return {"pk": _report(partnership).pk, "key": "foreword"}


def published(partnership, user) -> dict:
    report = _report(partnership, status="published", published_on=date(2024, 5, 1))
    report.pdf.save("sweep.pdf", ContentFile(b"%PDF-1.4 sweep"), save=False)
    report.docx.save("sweep.docx", ContentFile(b"PK sweep"), save=False)
    report.save()
    return {"pk": report.pk}


def draft_comment(partnership, user) -> dict:
    """A comment on a draft by another person (a safeguarding partner): only the business
    unit, by role, replies to or resolves it (its author is tested in the reports tests)."""
    from safeguarding.accounts.tests.factories import user_with_role
    from safeguarding.core.roles import Role
    from safeguarding.reports.models import ReportComment

    report = _report(partnership)
    author = user_with_role(Role.SAFEGUARDING_PARTNER, partnership=partnership)
    comment = ReportComment.objects.create(
        report=report, text="Add the impact survey.", author=author, author_name="Pat Partner"
    )
    return {"pk": report.pk, "comment_pk": comment.pk}


def inspection(partnership, user) -> dict:
    found = Inspection.objects.create(
        partnership=partnership,
        type="ilacs",
        title="Children's services",
        inspected_on=date(2023, 10, 2),
    )
    return {"pk": found.pk}


def inspection_action(partnership, user) -> dict:
    pk = inspection(partnership, user)["pk"]
    action = InspectionAction.objects.create(
        inspection_id=pk, text="Improve return home interviews", due_on=date(2024, 3, 1)
    )
    return {"pk": pk, "action_pk": action.pk}


def arrangements(partnership, user) -> dict:
    from safeguarding.reports.models import Arrangements

    return {"pk": Arrangements.objects.create(partnership=partnership, number=1).pk}
