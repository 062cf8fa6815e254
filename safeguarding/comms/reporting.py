"""What the comms app contributes to the yearly report (ADR 0025): the bulletin editions sent
in the period, who they went to, their open and click rates and the open-rate trend by month,
and the subscriber list at the start and end of the period — "a monthly bulletin whose open
rate rose from 24 % to 30 %".

Editions are counted by the date they were sent; the open rate of an edition is the one the
open-rates page shows (unique opens as a percentage of emails delivered), and the period's
average is the average of its editions' rates, so the report and the page agree.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from safeguarding.comms.selectors.reports import partnership_bulletin_figures
from safeguarding.core.reporting import Contribution, Figure, Table


def bulletin_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    found = partnership_bulletin_figures(partnership_ids=partnership_ids, start=start, end=end)
    figures = [
        Figure("Bulletin editions sent", found.editions),
        Figure("Emails sent", found.recipients),
        Figure("Emails delivered", found.delivered),
        Figure("Average unique open rate", found.average_open_rate, "%"),
        Figure("Click rate (clicks per email delivered)", found.click_rate, "%"),
        Figure("Subscribers at the start of the period", found.subscribers_at_start),
        Figure("Subscribers at the end of the period", found.subscribers_at_end),
        Figure("New subscribers confirmed in the period", found.new_subscribers),
    ]
    if found.first_open_rate is not None and found.last_open_rate is not None:
        figures.insert(
            4,
            Figure(
                "Open rate of the first and last edition",
                f"{found.first_open_rate:.1f}% to {found.last_open_rate:.1f}%",
            ),
        )
    tables = []
    if found.months:
        tables.append(
            Table(
                caption="Bulletin open rate by month (average of the editions sent)",
                headers=["Month", "Editions", "Emails delivered", "Unique opens", "Open rate (%)"],
                rows=[
                    [
                        f"{month.month:%B %Y}",
                        month.editions,
                        month.delivered,
                        month.unique_opens,
                        month.open_rate,
                    ]
                    for month in found.months
                ],
                chart_column=4,
            )
        )
    return Contribution(
        title="Bulletins",
        figures=figures,
        tables=tables,
        facts={
            "bulletin_editions": found.editions,
            "bulletin_average_open_rate": found.average_open_rate,
        },
        source_link=reverse("comms:bulletin-stats")
        + f"?start={start.isoformat()}&end={end.isoformat()}",
    )
