"""What the assurance app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.assurance import (
    approvals,
    jobs,  # noqa: F401 - registers the scheduled jobs
    search_documents,
    tracker,
)
from safeguarding.assurance.models import Campaign, CaseAudit
from safeguarding.assurance.panels import register_panels
from safeguarding.assurance.services import past_returns, question_sets
from safeguarding.core import import_jobs, navigation, searching
from safeguarding.core import tracker as core_tracker
from safeguarding.planning import priority_links

navigation.register(
    navigation.NavItem(
        "Audits",
        "assurance:index",
        permission="assurance.use_assurance",
        section="audits",
    )
)

register_panels()

approvals.register()

core_tracker.register(tracker.SOURCE)

priority_links.register_model(
    key="audit-campaigns",
    title="Audits",
    queryset=lambda user: Campaign.objects.visible_to(user),
    url_name="assurance:campaign-detail",
    status=lambda c: c.get_status_display(),
)

priority_links.register_model(
    key="case-audits",
    title="Multi-agency case audits",
    queryset=lambda user: CaseAudit.objects.visible_to(user),
    url_name="assurance:case-audit-detail",
    status=lambda c: c.get_status_display(),
)


def _register_yearly_report_figures() -> None:
    from safeguarding.assurance.reporting import assurance_figures
    from safeguarding.assurance.reporting_contributions import agency_contribution_figures
    from safeguarding.assurance.services.contributions import contributions_freeze
    from safeguarding.core import reporting

    reporting.register(
        reporting.FigureSource(key="assurance", section="assurance", figures=assurance_figures)
    )
    reporting.register(
        reporting.FigureSource(
            key="agency_contributions",
            section="contributions",
            figures=agency_contribution_figures,
            on_freeze=contributions_freeze,
        )
    )


_register_yearly_report_figures()
searching.register(search_documents.CAMPAIGNS)


# The import pages' jobs, run by the worker (ADR 0033) ---------------------------------------


def _question_set_form(job) -> str:
    from django.urls import reverse

    return reverse("assurance:question-set-import")


def _question_set_next(job) -> str | None:
    from django.urls import reverse

    if job.result.get("written") and job.result.get("version_id"):
        return reverse("assurance:version-detail", args=[job.result["version_id"]])
    return None


def _question_set_message(job) -> str:
    r = job.result
    return (
        f"Imported into “{r['template']}”, draft version {r['version']}: {r['created']} "
        f"created, {r['updated']} updated, {r['skipped']} unchanged. Check it, then publish it."
    )


def _past_returns_form(job) -> str:
    from django.urls import reverse

    return reverse("assurance:past-returns-import", args=[job.options["campaign"]])


def _past_returns_next(job) -> str | None:
    from django.urls import reverse

    if job.result.get("written"):
        return reverse("assurance:campaign-detail", args=[job.options["campaign"]])
    return None


def _past_returns_message(job) -> str:
    r = job.result
    return (
        f"Imported the previous cycle's answers of {r['organisations']} organisations: "
        f"{r['created']} created, {r['updated']} updated, {r['skipped']} unchanged."
    )


def _changes_to_make(job) -> bool:
    return not job.result.get("errors") and bool(
        job.result.get("created") or job.result.get("updated")
    )


import_jobs.register(
    import_jobs.Importer(
        kind=question_sets.QUESTION_SET_IMPORT,
        title="Import of a question set",
        permission="assurance.manage_templates",
        run=question_sets.question_set_import_job,
        result_template="assurance/imports/_job_result.html",
        form_url=_question_set_form,
        next_url=_question_set_next,
        next_message=_question_set_message,
        can_confirm=_changes_to_make,
        confirm_label="Import into the draft",
        outcome=import_jobs.problems_outcome,
        progress_noun="questions",
    )
)

import_jobs.register(
    import_jobs.Importer(
        kind=past_returns.PAST_RETURNS_IMPORT,
        title="Import of past returns",
        permission="assurance.manage_campaign",
        run=past_returns.past_returns_import_job,
        result_template="assurance/imports/_job_result.html",
        form_url=_past_returns_form,
        next_url=_past_returns_next,
        next_message=_past_returns_message,
        can_confirm=_changes_to_make,
        confirm_label="Import the past returns",
        outcome=import_jobs.problems_outcome,
    )
)
