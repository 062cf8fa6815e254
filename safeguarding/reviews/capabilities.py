"""What the reviews app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from types import SimpleNamespace

from safeguarding.core import bulletin_blocks, dashboard, navigation, offers, searching
from safeguarding.core import tracker as core_tracker
from safeguarding.core.permissions import is_agency_lead
from safeguarding.planning import priority_links
from safeguarding.reviews import approvals, panels, search_documents, tasks, tracker  # noqa: F401 - registers the jobs
from safeguarding.reviews.bulletin_blocks import learning_published_since
from safeguarding.reviews.models import Recommendation, Review


def leads_an_agency(user) -> bool:
    return bool(is_agency_lead.test(user))


approvals.register()

navigation.register(
    navigation.NavItem(
        "Case reviews",
        "reviews:home",
        permission="reviews.view_reviews",
        section="reviews",
    )
)

navigation.register(
    navigation.NavItem(
        "Recommendations",
        "reviews:recommendation-list",
        permission="reviews.view_recommendations",
        section="reviews",
    )
)

navigation.register(
    navigation.NavItem(
        "Referrals for review",
        "reviews:referral-list",
        permission="reviews.view_referrals",
        section="reviews",
    )
)

navigation.register(
    navigation.NavItem("Learning from reviews", "reviews:library", section="reviews")
)

dashboard.register(
    dashboard.Panel(
        key="review-clocks",
        title="Statutory clocks: due in the next 5 working days and breached",
        template="reviews/panels/clocks.html",
        context=panels.clocks_context,
        log_read=panels.log_read,
        cacheable=True,
        permission="reviews.view_casework",
        group=dashboard.NEEDS_YOU,
        items="clocks",
        link=("Go to case reviews", "reviews:home"),
    )
)

dashboard.register(
    dashboard.Panel(
        key="recommendations-awaiting-update",
        title="Recommendations awaiting their monthly update",
        template="reviews/panels/recommendations.html",
        context=panels.recommendations_context,
        log_read=panels.log_read,
        cacheable=True,
        permission="reviews.view_recommendations",
        group=dashboard.NEEDS_YOU,
        items="overdue",
        link=("See all recommendations", "reviews:recommendation-list"),
    )
)

dashboard.register(
    dashboard.Panel(
        key="agency-summaries",
        title="Rapid review summaries requested from your agency",
        template="reviews/panels/summaries.html",
        context=panels.summaries_context,
        log_read=panels.log_read,
        cacheable=True,
        permission="reviews.view_agency_summaries",
        group=dashboard.NEEDS_YOU,
        items="summaries",
        applies_to=leads_an_agency,
        link=("See all summaries requested", "reviews:summary-list"),
    )
)

dashboard.register(
    dashboard.Panel(
        key="reviews-commissioned",
        title="Reviews you are commissioned to write",
        template="reviews/panels/commissioned.html",
        context=panels.commissioned_context,
        log_read=panels.log_read,
        cacheable=True,
        permission="reviews.view_commissioned_reviews",
        group=dashboard.NEEDS_YOU,
        items="commissioned",
        link=("Go to your reviews", "reviews:home"),
    )
)

dashboard.register(
    dashboard.Panel(
        key="referrals-awaiting-decision",
        title="Referrals awaiting a decision",
        template="reviews/panels/referrals.html",
        context=panels.referrals_context,
        log_read=panels.log_read,
        cacheable=True,
        permission="reviews.decide_referral",
        group=dashboard.NEEDS_YOU,
        items="referrals",
        link=("See all referrals", "reviews:referral-list"),
    )
)

priority_links.register_model(
    key="reviews",
    title="Case reviews",
    queryset=lambda user: Review.objects.visible_to(user),
    url_name="reviews:review-detail",
    status=lambda r: r.get_status_display(),
)

priority_links.register_model(
    key="recommendations",
    title="Review recommendations",
    queryset=lambda user: Recommendation.objects.visible_to(user).select_related("review"),
    url_name="reviews:recommendation-detail",
    status=lambda r: r.get_status_display(),
    done=lambda r: r.status == "closed",
)

core_tracker.register(tracker.SOURCE)

bulletin_blocks.register(
    bulletin_blocks.BlockSource(
        key="reviews.learning",
        title="Newly published learning",
        items=learning_published_since,
    )
)


def _child_death_notification_choices(*, partnership_ids) -> list[tuple[int, str]]:
    """Serious incident notifications of a child's death in these partnerships: (id, label),
    for the child death record to link to so the two processes never double-count."""
    from safeguarding.reviews.models import Notification

    found = Notification.objects.filter(
        nature="death", partnership_id__in=list(partnership_ids)
    ).order_by("-became_aware_on", "reference")[:500]
    return [(notification.pk, str(notification)) for notification in found]


def _child_death_notification(*, pk: int, partnership_ids) -> str | None:
    """The label of one notification offered above, or None."""
    from safeguarding.reviews.models import Notification

    found = Notification.objects.filter(
        pk=pk, nature="death", partnership_id__in=list(partnership_ids)
    ).first()
    return None if found is None else str(found)


offers.offer(
    "reviews.child_death_notifications",
    SimpleNamespace(choices=_child_death_notification_choices, label=_child_death_notification),
)


def _register_yearly_report_figures() -> None:
    from safeguarding.core import reporting
    from safeguarding.reviews.reporting import review_figures

    reporting.register(
        reporting.FigureSource(key="reviews", section="reviews", figures=review_figures)
    )


_register_yearly_report_figures()
searching.register(search_documents.REVIEWS)
searching.register(search_documents.BRIEFINGS)
searching.register(search_documents.NOTIFICATIONS)
searching.register(search_documents.RAPID_REVIEWS)
searching.register(search_documents.RECOMMENDATIONS)
