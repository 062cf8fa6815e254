"""What the library app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from types import SimpleNamespace

from safeguarding.core import (
    bulletin_blocks,
    dashboard,
    data_version,
    import_jobs,
    navigation,
    offers,
    public_cache,
    searching,
)
from safeguarding.library import bulletin_blocks as library_blocks
from safeguarding.library import jobs, panels, search_documents  # noqa: F401 - registers the jobs
from safeguarding.library.models import ResourceUsage
from safeguarding.library.selectors import campaigns as campaign_selectors
from safeguarding.library.selectors import resources as resource_selectors
from safeguarding.library.services import importing as register_importing
from safeguarding.planning import priority_links

navigation.register(navigation.NavItem("Resources", "library:resource-list", section="reviews"))
navigation.register(
    navigation.NavItem("Policies and procedures", "library:procedure-list", section="reviews")
)
navigation.register(navigation.NavItem("Campaigns", "library:campaign-calendar", section="reviews"))
navigation.register(
    navigation.NavItem("You said, we did", "library:you-said-we-did", section="reviews")
)
navigation.register(
    navigation.NavItem(
        "Resource usage",
        "library:usage",
        permission="library.view_usage",
        section="reviews",
    )
)

dashboard.register(
    dashboard.Panel(
        key="library-procedures-due",
        title="Procedures due for review",
        template="library/panels/procedures_due.html",
        context=panels.procedures_due,
        permission="library.manage_library",
        group=dashboard.NEEDS_YOU,
        items="procedures",
        link=("See all policies, procedures and protocols", "library:procedure-list"),
        cacheable=True,
    )
)


def _campaign_items(priority, user) -> list[priority_links.Item]:
    return [
        priority_links.Item(
            title=campaign.name,
            url=campaign.get_absolute_url(),
            detail=f"{campaign.starts_on:%-d %B %Y} to {campaign.ends_on:%-d %B %Y}",
        )
        for campaign in campaign_selectors.campaigns_for_priority(user=user, priority=priority)[:50]
    ]


priority_links.register(
    priority_links.Provider(key="library-campaigns", title="Campaigns", items=_campaign_items)
)

# Other capabilities (a bulletin, the yearly report, search) read the library through this
# offer, never through its models: published resources and campaigns, scoped as the pages.
offers.offer(
    "library.resources",
    SimpleNamespace(
        resource_list=resource_selectors.resource_list,
        campaign_list=campaign_selectors.campaign_list,
    ),
)

# Public pages every visitor sees alike (core/public_cache.py). A resource's page and its
# open/download URL count their use, so they are never cached; the usage counters change
# no public page.
public_cache.register(
    "library:resource-list",
    "library:procedure-list",
    "library:procedure",
    "library:campaign-calendar",
    "library:campaign",
    "library:you-said-we-did",
)
public_cache.ignore(ResourceUsage)
data_version.ignore(ResourceUsage)

# What a bulletin edition can draw from the library (core/bulletin_blocks.py).
bulletin_blocks.register(
    bulletin_blocks.BlockSource(
        key="library.resources",
        title="New resources",
        items=library_blocks.resources_published_since,
        description="Resources published since the last edition",
    )
)
bulletin_blocks.register(
    bulletin_blocks.BlockSource(
        key="library.campaigns",
        title="Campaigns",
        items=library_blocks.campaigns_running,
        description="Campaigns running now or starting in the next two months",
    )
)

# Resources, procedures and campaigns in search and on theme pages (core/searching.py).
searching.register(search_documents.RESOURCES)
searching.register(search_documents.PROCEDURES)
searching.register(search_documents.CAMPAIGNS)


def _register_yearly_report_figures() -> None:
    from safeguarding.core import reporting
    from safeguarding.library import reporting as library_reporting

    for key, section, figures in (
        ("library.resources", "communications", library_reporting.resource_figures),
        ("library.campaigns", "communications", library_reporting.campaign_figures),
        ("library.procedures", "communications", library_reporting.procedure_figures),
        ("library.voice", "voice", library_reporting.voice_figures),
    ):
        reporting.register(reporting.FigureSource(key=key, section=section, figures=figures))


_register_yearly_report_figures()


# The register import page's jobs, run by the worker (ADR 0033) ------------------------------


def _register_form(job) -> str:
    from django.urls import reverse

    return reverse("library:resource-import")


def _register_next(job) -> str | None:
    """A register imported goes on to the resources, as before; a check or a refused
    register stays on the job's page with what would change or every problem."""
    from django.urls import reverse

    if job.dry_run or job.result.get("refused"):
        return None
    return reverse("library:resource-list")


def _register_message(job) -> str:
    r = job.result
    return (
        f"Register imported: {r['created']} created, {r['updated']} updated, "
        f"{r['skipped']} unchanged."
    )


import_jobs.register(
    import_jobs.Importer(
        kind=register_importing.REGISTER_IMPORT,
        title="Import of a document register",
        permission="library.manage_library",
        run=register_importing.resources_import_job,
        result_template="library/_resource_import_result.html",
        form_url=_register_form,
        next_url=_register_next,
        next_message=_register_message,
        can_confirm=lambda job: (
            not job.result.get("refused")
            and bool(job.result.get("created") or job.result.get("updated"))
        ),
        confirm_label="Import the register",
        outcome=import_jobs.problems_outcome,
    )
)
