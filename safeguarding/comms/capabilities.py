"""What the comms app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.comms import jobs, panels, search_documents  # noqa: F401 - registers the job
from safeguarding.comms.models import BulletinDelivery, BulletinOpen
from safeguarding.comms.services import subscribers
from safeguarding.core import (
    dashboard,
    data_version,
    import_jobs,
    navigation,
    public_cache,
    public_site,
    searching,
)

navigation.register_section(navigation.Section("communications", "Communications"))

navigation.register(
    navigation.NavItem("Bulletins", "comms:bulletin-archive", section="communications")
)

navigation.register(
    navigation.NavItem(
        "Manage bulletins",
        "comms:bulletin-list",
        permission="comms.view_bulletin_stats",
        section="communications",
    )
)

navigation.register(
    navigation.NavItem(
        "Subscribers",
        "comms:subscriber-list",
        permission="comms.manage_subscribers",
        section="communications",
    )
)

public_site.register_footer_page(
    public_site.FooterPage("Subscribe to the bulletin", "comms:subscribe")
)
public_site.register_footer_page(public_site.FooterPage("Bulletins", "comms:bulletin-archive"))
public_site.register_concern_panel(panels.concern_numbers)

dashboard.register(
    dashboard.Panel(
        key="comms-next-bulletin",
        title="Next bulletin",
        template="comms/panels/next_bulletin.html",
        context=panels.next_bulletin,
        permission="comms.manage_bulletins",
        items="next_bulletin",
        link=("See all bulletins", "comms:bulletin-list"),
        cacheable=True,
    )
)

# The archive and each edition's web version are kept in the public cache (ADR 0030); the
# open-counting image and the click redirect count, so they are never kept. Deliveries and
# opens change nothing a public page shows.
public_cache.register("comms:bulletin-archive", "comms:bulletin-detail")
public_cache.ignore(BulletinDelivery, BulletinOpen)
data_version.ignore(BulletinDelivery, BulletinOpen)

# Sent editions in search and on theme pages (core/searching.py).
searching.register(search_documents.BULLETINS)


def _register_yearly_report_figures() -> None:
    from safeguarding.comms.reporting import bulletin_figures
    from safeguarding.core import reporting

    reporting.register(
        reporting.FigureSource(
            key="comms.bulletins", section="communications", figures=bulletin_figures
        )
    )


_register_yearly_report_figures()


# The subscriber import page's jobs, run by the worker (ADR 0033) ----------------------------


def _subscribers_form(job) -> str:
    from django.urls import reverse

    return reverse("comms:subscriber-import")


import_jobs.register(
    import_jobs.Importer(
        kind=subscribers.SUBSCRIBERS_IMPORT,
        title="Import of subscribers",
        permission="comms.manage_subscribers",
        run=subscribers.subscribers_import_job,
        result_template="comms/manage/_import_result.html",
        form_url=_subscribers_form,
        can_confirm=lambda job: (
            not job.result.get("errors")
            and bool(job.result.get("created") or job.result.get("updated"))
        ),
        confirm_label="Import the subscribers",
        outcome=lambda job: (
            ("Imported with problems", "yellow")
            if job.result.get("errors") and not job.dry_run
            else None
        ),
    )
)
