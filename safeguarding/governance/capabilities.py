"""What the governance app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from types import SimpleNamespace

from safeguarding.core import (
    bulletin_blocks,
    dashboard,
    import_jobs,
    navigation,
    offers,
    searching,
)
from safeguarding.core import tracker as core_tracker
from safeguarding.governance import approvals, jobs, search_documents, tracker  # noqa: F401 - registers the reminders
from safeguarding.governance import bulletin_blocks as governance_blocks
from safeguarding.governance.selectors import actions, key_messages, meetings, plans
from safeguarding.governance.services import key_message_uploads


def _decision_label(*, decision_id: int, user) -> str:
    """A decision's title and meeting date, when the person may see it; "" otherwise."""
    decision = meetings.decision_get(user=user, pk=decision_id)
    if decision is None:
        return ""
    return f"{decision.title} ({decision.meeting.starts_at:%-d %B %Y})"


# Other capabilities link a record to a governance decision (a procedure version approved
# by the Executive) through this offer, never through governance's models.
offers.offer("governance.decisions", SimpleNamespace(decision_label=_decision_label))

navigation.register(
    navigation.NavItem("Key messages", "governance:key-message-archive", section="reviews")
)

navigation.register(
    navigation.NavItem(
        "Governance",
        "governance:hub",
        permission="governance.view_bodies",
        section="governance",
    )
)

dashboard.register(
    dashboard.Panel(
        key="governance-my-actions",
        title="Your actions",
        template="governance/panels/my_actions.html",
        context=lambda request: {"actions": actions.my_open_actions(user=request.user, limit=5)},
        permission="governance.view_actions",
        group=dashboard.NEEDS_YOU,
        items="actions",
        link=("See all your actions", "governance:action-list"),
        cacheable=True,
    )
)

dashboard.register(
    dashboard.Panel(
        key="governance-overdue-actions",
        title="Overdue actions",
        template="governance/panels/overdue_actions.html",
        context=lambda request: {"actions": actions.overdue_actions(user=request.user, limit=5)},
        permission="governance.view_overdue_actions",
        group=dashboard.NEEDS_YOU,
        items="actions",
        link=("See every open action and recommendation", "core:tracker"),
        cacheable=True,
    )
)

dashboard.register(
    dashboard.Panel(
        key="governance-next-meetings",
        title="Next meetings",
        template="governance/panels/next_meetings.html",
        context=lambda request: {"meetings": meetings.next_meetings(user=request.user, limit=5)},
        permission="governance.view_bodies",
        items="meetings",
        link=("See all meetings", "governance:meeting-list"),
        cacheable=True,
    )
)

dashboard.register_home_section(
    dashboard.Panel(
        key="key-messages",
        title="Latest key messages",
        template="governance/home_key_messages.html",
        context=lambda request: {
            "latest_key_messages": key_messages.latest_published_key_messages(
                request.partnership or None, 3
            )
        },
    )
)

plans.register_governance_links()

approvals.register()

core_tracker.register(tracker.SOURCE)

bulletin_blocks.register(
    bulletin_blocks.BlockSource(
        key="governance.key-messages",
        title="Key messages from recent meetings",
        items=governance_blocks.key_messages_published_since,
    )
)


def _panel_meeting_choices(*, partnership_ids) -> list[tuple[int, str, object]]:
    """Meetings (not cancelled) of the bodies of these partnerships, newest first: what a
    child death can be queued for. (id, label, date) only: no agenda or papers."""
    from safeguarding.governance.models import Meeting

    found = (
        Meeting.objects.filter(is_cancelled=False, body__partnerships__in=list(partnership_ids))
        .select_related("body")
        .distinct()
        .order_by("-starts_at")[:200]
    )
    return [(meeting.pk, str(meeting), meeting.date) for meeting in found]


def _panel_meeting(*, pk: int, partnership_ids) -> tuple[int, str, object] | None:
    """One meeting offered by ``_panel_meeting_choices``, or None."""
    from safeguarding.governance.models import Meeting

    meeting = (
        Meeting.objects.filter(
            pk=pk, is_cancelled=False, body__partnerships__in=list(partnership_ids)
        )
        .select_related("body")
        .first()
    )
    return None if meeting is None else (meeting.pk, str(meeting), meeting.date)


offers.offer(
    "governance.meetings",
    SimpleNamespace(panel_meeting_choices=_panel_meeting_choices, panel_meeting=_panel_meeting),
)


def _register_yearly_report_figures() -> None:
    from safeguarding.core import reporting
    from safeguarding.governance.reporting import arrangements_figures, priority_figures

    reporting.register(
        reporting.FigureSource(
            key="arrangements", section="arrangements", figures=arrangements_figures
        )
    )
    reporting.register(
        reporting.FigureSource(key="priorities", section="priorities", figures=priority_figures)
    )


_register_yearly_report_figures()


def _offer_arrangements() -> None:
    from types import SimpleNamespace

    from safeguarding.core import offers
    from safeguarding.governance.arrangements import arrangements_facts

    offers.offer("governance.arrangements", SimpleNamespace(facts=arrangements_facts))


_offer_arrangements()
searching.register(search_documents.KEY_MESSAGES)
searching.register(search_documents.ACTIONS)
searching.register(search_documents.AGENDA_ITEMS)
searching.register(search_documents.DECISIONS)


# The key-messages import page's jobs, run by the worker (ADR 0033) -------------------------


def _key_messages_next(job) -> str | None:
    """A document imported before goes to its batch; a real import to the new batch to
    review; a check stays on the job's page, which shows what the batch would hold."""
    from django.urls import reverse

    batch = job.result.get("already") or (None if job.dry_run else job.result.get("batch"))
    return reverse("governance:import-batch-review", args=[batch]) if batch else None


def _key_messages_message(job) -> str:
    if job.result.get("already"):
        return "This document has already been imported: nothing has changed. Here is its import."
    count = job.result.get("messages", 0)
    return (
        f"{count} message{'s' if count != 1 else ''} read into drafts. Nothing is public yet: "
        "check them, then publish."
    )


def _key_messages_form(job) -> str:
    from django.urls import reverse

    return reverse("governance:key-message-import")


import_jobs.register(
    import_jobs.Importer(
        kind=key_message_uploads.KEY_MESSAGES_IMPORT,
        title="Import of key messages",
        permission="governance.add_key_message",
        run=key_message_uploads.key_messages_import_job,
        result_template="governance/key_messages/_import_check.html",
        form_url=_key_messages_form,
        next_url=_key_messages_next,
        next_message=_key_messages_message,
        can_confirm=lambda job: bool(job.result.get("messages")),
        confirm_label="Read into drafts to review",
        progress_noun="messages",
    )
)
