"""Reads for case reviews, always scoped with ``visible_to`` to what the person may see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.core.periods import financial_year_bounds, financial_year_label, financial_year_of
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.core.working_days import add_working_days
from safeguarding.planning.models import Priority, Theme
from safeguarding.reviews import clocks
from safeguarding.reviews.models import (
    AgencySummary,
    AuthorBriefing,
    Briefing,
    ClockStart,
    Decision,
    ImpactEvidence,
    ImpactEvidenceFile,
    Notification,
    RapidReview,
    Recommendation,
    RecommendationStatus,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    Review,
    ReviewKind,
    ReviewSettings,
    ReviewStatus,
)
from safeguarding.reviews.scoping import staff_partnership_ids


def today() -> date:
    return timezone.localdate()


# What is confidential -------------------------------------------------------------------


def is_confidential(record) -> bool:
    """Whether seeing ``record`` must be logged: every notification, rapid review, agency
    summary and referral; a review until it is published; the recommendations of a review
    until it is published. (Published reviews and their recommendations are public.)"""
    if isinstance(record, Review):
        return not record.is_published
    if isinstance(record, Recommendation):
        return not record.review.is_published
    return True


def confidential_pks(records) -> list[int]:
    """The keys of the confidential records among ``records``, in their order."""
    return [record.pk for record in records if is_confidential(record)]


CLOCK_RECORD_KINDS = {Notification: "notification", RapidReview: "rapid_review", Review: "review"}


def clock_board_pks(board: ClockBoard) -> dict[str, list[int]]:
    """The records behind the clocks on a board, by kind (a review with two clocks once)."""
    found: dict[str, list[int]] = {}
    for clock in [*board.breached, *board.due_soon]:
        kind = CLOCK_RECORD_KINDS.get(type(clock.record), "record")
        keys = found.setdefault(kind, [])
        if clock.record.pk not in keys:
            keys.append(clock.record.pk)
    return found


# Partnerships and settings ---------------------------------------------------------------


def managed_partnerships(*, user) -> QuerySet[Partnership]:
    """Partnerships where the user is in the business unit."""
    return Partnership.objects.filter(
        pk__in=partnerships_where(user, [Role.BUSINESS_UNIT])
    ).order_by("name")


def staff_partnerships(*, user) -> QuerySet[Partnership]:
    return Partnership.objects.filter(pk__in=staff_partnership_ids(user)).order_by("name")


def review_settings_for(*, partnership: Partnership) -> ReviewSettings:
    found = ReviewSettings.objects.filter(partnership=partnership).first()
    return found or ReviewSettings(
        partnership=partnership, rapid_review_clock_start=ClockStart.NOTIFICATION
    )


def agencies_of(*, partnerships) -> QuerySet[Agency]:
    return Agency.objects.filter(partnerships__in=partnerships).distinct().order_by("name")


def active_themes() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True).order_by("name")


def priorities_of(*, partnerships) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(plan__partnership__in=partnerships)
        .select_related("plan")
        .order_by("-plan__starts_on", "order", "title")
    )


def reviewers_of(*, partnerships) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.REVIEWER,
            role_assignments__partnership__in=partnerships,
        )
        .distinct()
        .order_by("full_name")
    )


def people_of(*, partnerships) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, role_assignments__partnership__in=partnerships)
        .distinct()
        .order_by("full_name")
    )


# Notifications --------------------------------------------------------------------------


@dataclass(frozen=True)
class NotificationFilter:
    query: str = ""
    nature: str = ""
    year: int | None = None
    theme: str = ""


def notification_list(*, user, filters: NotificationFilter | None = None) -> QuerySet:
    filters = filters or NotificationFilter()
    notifications = (
        Notification.objects.visible_to(user)
        .select_related("partnership", "rapid_review")
        .prefetch_related("themes")
    )
    if filters.query:
        notifications = notifications.filter(
            Q(child_pseudonym__icontains=filters.query) | Q(reference__icontains=filters.query)
        )
    if filters.nature:
        notifications = notifications.filter(nature=filters.nature)
    if filters.year:
        notifications = notifications.filter(became_aware_on__year=filters.year)
    if filters.theme:
        notifications = notifications.filter(themes__slug=filters.theme)
    return notifications.order_by("-became_aware_on", "-pk")


def notification_get(*, user, pk: int) -> Notification | None:
    return (
        Notification.objects.visible_to(user)
        .select_related("partnership")
        .prefetch_related("agencies_involved", "themes", "reviews")
        .filter(pk=pk)
        .first()
    )


def notification_rapid_review(*, user, notification: Notification) -> RapidReview | None:
    return RapidReview.objects.visible_to(user).filter(notification=notification).first()


# Rapid reviews --------------------------------------------------------------------------


def rapid_review_list(*, user, open_only: bool = False) -> QuerySet[RapidReview]:
    rapid_reviews = (
        RapidReview.objects.visible_to(user)
        .select_related("notification", "partnership")
        .annotate(
            summaries_requested=Count("summaries", distinct=True),
            summaries_received=Count(
                "summaries", filter=Q(summaries__received_on__isnull=False), distinct=True
            ),
        )
    )
    if open_only:
        rapid_reviews = rapid_reviews.filter(sent_to_panel_on__isnull=True)
    return rapid_reviews.order_by("-clock_start_on", "-pk")


def rapid_review_get(*, user, pk: int) -> RapidReview | None:
    return (
        RapidReview.objects.visible_to(user)
        .select_related("notification", "partnership")
        .prefetch_related(
            Prefetch(
                "summaries",
                queryset=AgencySummary.objects.select_related("agency", "submitted_by"),
            )
        )
        .filter(pk=pk)
        .first()
    )


def rapid_review_local_review(*, user, rapid_review: RapidReview) -> Review | None:
    return Review.objects.visible_to(user).filter(rapid_review=rapid_review).first()


def agency_summary_list(*, user) -> QuerySet[AgencySummary]:
    return (
        AgencySummary.objects.visible_to(user)
        .select_related("agency", "rapid_review", "rapid_review__notification")
        .order_by("received_on", "due_on", "pk")
    )


def agency_summary_get(*, user, pk: int) -> AgencySummary | None:
    return (
        AgencySummary.objects.visible_to(user)
        .select_related("agency", "rapid_review", "rapid_review__notification", "submitted_by")
        .filter(pk=pk)
        .first()
    )


# Referrals for review -------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralFilter:
    status: str = ""
    theme: str = ""
    year: int | None = None  # the financial year received, by the year it starts
    agency: int | None = None  # the referring agency


def referral_list(*, user, filters: ReferralFilter | None = None) -> QuerySet[Referral]:
    filters = filters or ReferralFilter()
    referrals = (
        Referral.objects.visible_to(user)
        .select_related("partnership", "referring_agency")
        .prefetch_related("themes")
    )
    if filters.status:
        referrals = referrals.filter(status=filters.status)
    if filters.theme:
        referrals = referrals.filter(themes__slug=filters.theme)
    if filters.year:
        referrals = referrals.filter(received_on__range=financial_year_bounds(filters.year))
    if filters.agency:
        referrals = referrals.filter(referring_agency_id=filters.agency)
    return referrals.order_by("-received_on", "-pk")


def referral_filter_choices(*, user) -> tuple[QuerySet[Agency], list[tuple[int, str]]]:
    """The referring agencies, and the financial years received, of the visible referrals."""
    visible = Referral.objects.visible_to(user)
    agencies = Agency.objects.filter(pk__in=visible.values("referring_agency_id")).order_by("name")
    years = sorted(
        {financial_year_of(month) for month in visible.dates("received_on", "month")},
        reverse=True,
    )
    return agencies, [(year, financial_year_label(year)) for year in years]


def referral_get(*, user, pk: int) -> Referral | None:
    return (
        Referral.objects.visible_to(user)
        .select_related(
            "partnership", "referring_agency", "referred_by", "decided_by", "notification"
        )
        .prefetch_related("themes", "agencies_involved")
        .filter(pk=pk)
        .first()
    )


def referrals_awaiting_decision(*, user, limit: int = 10) -> QuerySet[Referral]:
    """Undecided referrals in the partnerships where the user decides them."""
    deciding = partnerships_where(user, [Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER])
    return (
        Referral.objects.visible_to(user)
        .filter(partnership_id__in=deciding)
        .exclude(status=ReferralStatus.DECIDED)
        .select_related("referring_agency")
        .order_by("received_on", "pk")[:limit]
    )


def referral_partnerships(*, user) -> QuerySet[Partnership]:
    """Partnerships where the user may refer: staff or agency lead there."""
    return Partnership.objects.filter(
        pk__in=partnerships_where(
            user,
            [Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER, Role.AGENCY_LEAD],
        )
    ).order_by("name")


# Reviews --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFilter:
    query: str = ""
    kind: str = ""
    status: str = ""
    theme: str = ""


def review_list(*, user, filters: ReviewFilter | None = None) -> QuerySet[Review]:
    filters = filters or ReviewFilter()
    reviews = (
        Review.objects.visible_to(user)
        .select_related("partnership", "reviewer")
        .prefetch_related("themes")
        .annotate(
            open_recommendations=Count(
                "recommendations", filter=Q(recommendations__status=RecommendationStatus.OPEN)
            )
        )
    )
    if filters.query:
        reviews = reviews.filter(title__icontains=filters.query)
    if filters.kind:
        reviews = reviews.filter(kind=filters.kind)
    if filters.status:
        reviews = reviews.filter(status=filters.status)
    if filters.theme:
        reviews = reviews.filter(themes__slug=filters.theme)
    return reviews.order_by("-decided_on", "-pk")


def review_get(*, user, pk: int) -> Review | None:
    return (
        Review.objects.visible_to(user)
        .select_related("partnership", "reviewer", "priority", "rapid_review")
        .prefetch_related(
            "themes",
            "other_partnerships",
            "notifications",
            "events",
            "author_briefings",
            "learning_links",
        )
        .filter(pk=pk)
        .first()
    )


def reviews_commissioned(*, user) -> QuerySet[Review]:
    """The reviews this person is commissioned to write, latest decision first, with how many
    recommendations each has so far."""
    return (
        Review.objects.visible_to(user)
        .filter(reviewer=user)
        .annotate(recommendation_count=Count("recommendations", distinct=True))
        .order_by("-decided_on", "-pk")
    )


def review_recommendations(*, user, review: Review) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.visible_to(user)
        .filter(review=review)
        .select_related("owner_agency", "owner_person")
        .order_by("number")
    )


def review_briefing(*, review: Review) -> Briefing | None:
    return Briefing.objects.filter(review=review).first()


# Recommendations ------------------------------------------------------------------------


@dataclass(frozen=True)
class RecommendationFilter:
    agency: int | None = None
    review: int | None = None
    theme: str = ""
    status: str = ""
    overdue: bool = False


def recommendation_list(*, user, filters: RecommendationFilter | None = None) -> QuerySet:
    filters = filters or RecommendationFilter()
    recommendations = (
        Recommendation.objects.visible_to(user)
        .select_related("review", "owner_agency", "owner_person")
        .prefetch_related("themes")
    )
    if filters.agency:
        recommendations = recommendations.filter(owner_agency_id=filters.agency)
    if filters.review:
        recommendations = recommendations.filter(review_id=filters.review)
    if filters.theme:
        recommendations = recommendations.filter(themes__slug=filters.theme)
    if filters.status:
        recommendations = recommendations.filter(status=filters.status)
    if filters.overdue:
        recommendations = recommendations.filter(
            status=RecommendationStatus.OPEN, update_due_on__lt=today()
        )
    return recommendations.order_by("update_due_on", "review__title", "number")


def recommendation_filter_choices(*, user) -> tuple[QuerySet[Agency], QuerySet[Review]]:
    """The owner agencies and reviews of the recommendations the user can see."""
    visible = Recommendation.objects.visible_to(user)
    agencies = Agency.objects.filter(pk__in=visible.values("owner_agency_id")).order_by("name")
    reviews = Review.objects.filter(pk__in=visible.values("review_id")).order_by("title")
    return agencies, reviews


def recommendation_groups(*, user, by: str) -> list[dict]:
    """Counts of the visible recommendations by agency, review or theme."""
    base = Recommendation.objects.visible_to(user)
    key, label = {
        "agency": ("owner_agency_id", "owner_agency__name"),
        "review": ("review_id", "review__title"),
        "theme": ("themes__slug", "themes__name"),
    }[by]
    rows = (
        base.values(key, label)
        .annotate(
            total=Count("pk", distinct=True),
            open=Count("pk", filter=Q(status=RecommendationStatus.OPEN), distinct=True),
            overdue=Count(
                "pk",
                filter=Q(status=RecommendationStatus.OPEN, update_due_on__lt=today()),
                distinct=True,
            ),
            closed=Count("pk", filter=Q(status=RecommendationStatus.CLOSED), distinct=True),
        )
        .order_by(label)
    )
    return [
        {
            "key": row[key],
            "label": row[label] or "No theme",
            "total": row["total"],
            "open": row["open"],
            "overdue": row["overdue"],
            "closed": row["closed"],
        }
        for row in rows
    ]


def recommendation_groups_confidential_pks(*, user) -> list[int]:
    """The recommendations of unpublished reviews counted on the grouped pages (by agency,
    review or theme), for the log of who saw them."""
    return list(
        Recommendation.objects.visible_to(user)
        .exclude(review__in=Review.objects.published())
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def recommendation_get(*, user, pk: int) -> Recommendation | None:
    return (
        Recommendation.objects.visible_to(user)
        .select_related("review", "owner_agency", "owner_person", "priority", "closed_by")
        .prefetch_related(
            "themes",
            "updates__author",
            Prefetch(
                "evidence",
                queryset=ImpactEvidence.objects.select_related(
                    "submitted_by", "graded_by"
                ).prefetch_related("files"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def evidence_get(*, user, pk: int) -> ImpactEvidence | None:
    visible = Recommendation.objects.visible_to(user)
    return (
        ImpactEvidence.objects.select_related("recommendation", "recommendation__review")
        .filter(pk=pk, recommendation__in=visible)
        .first()
    )


def evidence_file_get(*, user, pk: int) -> ImpactEvidenceFile | None:
    visible = Recommendation.objects.visible_to(user)
    return (
        ImpactEvidenceFile.objects.select_related("evidence", "evidence__recommendation")
        .filter(pk=pk, evidence__recommendation__in=visible)
        .first()
    )


def recommendations_awaiting_update(*, user, limit: int = 10) -> QuerySet[Recommendation]:
    return recommendation_list(user=user, filters=RecommendationFilter(overdue=True))[:limit]


def recommendations_due_for_request() -> QuerySet[Recommendation]:
    """Open recommendations, for the monthly update requests (a scheduled job: no user)."""
    return (
        Recommendation.objects.filter(
            status=RecommendationStatus.OPEN, owner_person__is_active=True
        )
        .select_related("review", "owner_person", "owner_agency")
        .order_by("owner_person_id", "review__title", "number")
    )


# Clocks for the dashboard ----------------------------------------------------------------


@dataclass
class ClockBoard:
    due_soon: list[clocks.Clock] = field(default_factory=list)
    breached: list[clocks.Clock] = field(default_factory=list)


def clock_board(*, user, on: date | None = None) -> ClockBoard:
    """Running clocks due in the next 5 working days, and running clocks past their date.

    (A clock completed late always has its reason: the services refuse a late date without
    one.) A fixed number of queries, whatever the number of records."""
    on = on or today()
    board = ClockBoard()
    running: list[clocks.Clock] = []
    staff = staff_partnership_ids(user)
    for notification in Notification.objects.visible_to(user).filter(
        notified_on__isnull=True, partnership_id__in=staff
    ):
        running.append(notification.notify_clock)
    for rapid_review in (
        RapidReview.objects.visible_to(user)
        .select_related("notification")
        .filter(sent_to_panel_on__isnull=True)
    ):
        running.append(rapid_review.clock)
    for review in (
        Review.objects.visible_to(user)
        .filter(partnership_id__in=staff, published_on__isnull=True)
        .prefetch_related("other_partnerships")
    ):
        running.extend(review.clocks)
    horizon = add_working_days(on, clocks.DUE_SOON_WORKING_DAYS)
    for clock in running:
        state = clock.state(on)
        if state == "due_soon" and clock.due <= horizon:
            board.due_soon.append(clock)
        elif state == "overdue":
            board.breached.append(clock)
    board.due_soon.sort(key=lambda c: c.due)
    board.breached.sort(key=lambda c: c.due)
    return board


# Figures for the yearly report -----------------------------------------------------------


@dataclass
class PeriodFigures:
    partnership: Partnership
    start: date
    end: date
    notifications: int = 0
    notifications_by_nature: dict[str, int] = field(default_factory=dict)
    notified_in_time: int = 0
    rapid_reviews: int = 0
    rapid_reviews_in_time: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    reviews_started: int = 0
    reviews_published: int = 0
    reviews_published_in_time: int = 0
    reviews_deferred: int = 0
    reviews_ongoing_at_start: int = 0
    themes: list[tuple[str, int]] = field(default_factory=list)
    recommendations_made: int = 0
    recommendations_closed: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    author_briefings: int = 0
    author_briefing_attendance: int = 0
    slides_requested: int = 0
    referrals: int = 0
    referral_outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def themes_sentence(self) -> str:
        return ", ".join(f"{name.lower()} {count}" for name, count in self.themes)


def figures_for_period(*, user, partnership: Partnership, start: date, end: date) -> PeriodFigures:
    """Counts for a period, ready for the yearly report (scoped: staff of the partnership)."""
    if partnership.pk not in staff_partnership_ids(user):
        return PeriodFigures(partnership=partnership, start=start, end=end)
    return period_figures(partnership=partnership, start=start, end=end)


def period_figures(*, partnership: Partnership, start: date, end: date) -> PeriodFigures:
    """The same counts for a partnership, for the yearly report (``reviews/reporting.py``):
    the report's own app has already decided who may read them. Aggregates only."""
    figures = PeriodFigures(partnership=partnership, start=start, end=end)
    notifications = Notification.objects.filter(
        partnership=partnership, became_aware_on__range=(start, end)
    )
    nature_labels = dict(Notification._meta.get_field("nature").choices)
    rows = list(notifications.values_list("nature", "became_aware_on", "notified_on"))
    figures.notifications = len(rows)
    by_nature = Counter(nature_labels[n] for n, _, _ in rows)
    figures.notifications_by_nature = dict(sorted(by_nature.items()))
    figures.notified_in_time = sum(
        1 for _, aware, notified in rows if notified and notified <= clocks.notify_by(aware)
    )
    theme_counts = Counter(
        notifications.filter(themes__isnull=False).values_list("themes__name", flat=True)
    )
    figures.themes = sorted(theme_counts.items(), key=lambda item: (-item[1], item[0]))

    rapid = RapidReview.objects.filter(
        partnership=partnership, sent_to_panel_on__range=(start, end)
    ).values_list("clock_start_on", "sent_to_panel_on")
    rapid = list(rapid)
    figures.rapid_reviews = len(rapid)
    figures.rapid_reviews_in_time = sum(
        1 for started, sent in rapid if sent <= clocks.rapid_review_due(started)
    )
    decision_labels = dict(Decision.choices)
    decided = Counter(
        RapidReview.objects.filter(
            partnership=partnership, decided_on__range=(start, end)
        ).values_list("decision", flat=True)
    )
    figures.decisions = {decision_labels[key]: decided.get(key, 0) for key in Decision.values}

    reviews = Review.objects.filter(Q(partnership=partnership) | Q(other_partnerships=partnership))
    reviews = reviews.distinct()
    figures.reviews_started = reviews.filter(decided_on__range=(start, end)).count()
    published = list(
        reviews.filter(published_on__range=(start, end)).values_list("decided_on", "published_on")
    )
    figures.reviews_published = len(published)
    figures.reviews_published_in_time = sum(
        1
        for decided_on, published_on in published
        if published_on <= clocks.publication_target(decided_on)
    )
    figures.reviews_deferred = reviews.filter(
        status=ReviewStatus.DEFERRED, deferred_on__lte=end
    ).count()
    figures.reviews_ongoing_at_start = (
        reviews.filter(decided_on__lt=start)
        .filter(Q(published_on__isnull=True) | Q(published_on__gte=start))
        .exclude(kind=ReviewKind.JOINT)
        .count()
    )

    recommendations = Recommendation.objects.filter(review__in=reviews)
    # Counted by the date made (the report agreed), never the date typed in.
    figures.recommendations_made = recommendations.filter(made_on__range=(start, end)).count()
    figures.recommendations_closed = recommendations.filter(closed_on__range=(start, end)).count()
    figures.grades = dict(
        Counter(
            ImpactEvidence.objects.filter(
                recommendation__in=recommendations, graded_on__range=(start, end)
            ).values_list("grade", flat=True)
        )
    )
    briefings = AuthorBriefing.objects.filter(review__in=reviews, held_on__range=(start, end))
    rows = list(briefings.values_list("attended", "slides_requested", "training_session_id"))
    # A briefing run as a training session counts who attended it in training.
    from safeguarding.core.offers import offered

    attended_counts = offered("training.sessions").attended_counts

    from_training = attended_counts(session_ids=[session for *_, session in rows])
    figures.author_briefings = len(rows)
    figures.author_briefing_attendance = sum(
        from_training.get(session, 0) if session else a for a, _, session in rows
    )
    figures.slides_requested = sum(s for _, s, _ in rows)

    figures.referrals = Referral.objects.filter(
        partnership=partnership, received_on__range=(start, end)
    ).count()
    outcomes = Counter(
        Referral.objects.filter(
            partnership=partnership, decided_on__range=(start, end)
        ).values_list("outcome", flat=True)
    )
    figures.referral_outcomes = {
        label: outcomes.get(key, 0) for key, label in ReferralOutcome.choices
    }
    return figures


# Public learning library ------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryFilter:
    theme: str = ""
    year: int | None = None
    kind: str = ""


def library_reviews(*, partnership: Partnership | None, filters: LibraryFilter) -> QuerySet:
    """Published reviews of the site's partnership (and joint ones it shares): public."""
    reviews = (
        Review.objects.published()
        .select_related("briefing")
        .prefetch_related("themes", "learning_links")
    )
    if partnership is not None:
        reviews = reviews.filter(
            Q(partnership=partnership)
            | Q(
                pk__in=Review.other_partnerships.through.objects.filter(
                    partnership=partnership
                ).values("review_id")
            )
        )
    if filters.theme:
        reviews = reviews.filter(themes__slug=filters.theme)
    if filters.year:
        reviews = reviews.filter(published_on__year=filters.year)
    if filters.kind:
        reviews = reviews.filter(kind=filters.kind)
    return reviews.order_by("-published_on", "-pk")


def library_years(*, partnership: Partnership | None) -> list[int]:
    reviews = library_reviews(partnership=partnership, filters=LibraryFilter())
    return sorted({d.year for d in reviews.values_list("published_on", flat=True)}, reverse=True)


def library_themes(*, partnership: Partnership | None) -> QuerySet[Theme]:
    reviews = library_reviews(partnership=partnership, filters=LibraryFilter())
    return Theme.objects.filter(reviews__in=reviews).distinct().order_by("name")


def library_review(*, pk: int) -> Review | None:
    return (
        Review.objects.published()
        .select_related("partnership")
        .prefetch_related("themes", "learning_links", "author_briefings")
        .filter(pk=pk)
        .first()
    )


# For scheduled jobs (no person: the job sees every partnership) ---------------------------


def agency_summaries_to_chase(*, due_by: date) -> QuerySet[AgencySummary]:
    """Summaries still awaited (see ``AgencySummaryQuerySet.outstanding``) due by a date."""
    return (
        AgencySummary.objects.outstanding()
        .filter(due_on__lte=due_by)
        .select_related("agency", "rapid_review__notification")
        .order_by("due_on", "pk")
    )


def clocks_for_warnings() -> list[tuple[Partnership, list[str], list[clocks.Clock]]]:
    """Every running statutory clock, grouped by partnership, with its business unit's emails."""
    by_partnership: dict[int, list[clocks.Clock]] = {}
    for notification in Notification.objects.filter(notified_on__isnull=True):
        by_partnership.setdefault(notification.partnership_id, []).append(notification.notify_clock)
    for rapid_review in RapidReview.objects.select_related("notification").filter(
        sent_to_panel_on__isnull=True
    ):
        by_partnership.setdefault(rapid_review.partnership_id, []).append(rapid_review.clock)
    for review in Review.objects.filter(published_on__isnull=True).exclude(
        status=ReviewStatus.DEFERRED
    ):
        by_partnership.setdefault(review.partnership_id, []).extend(review.clocks)
    partnerships = Partnership.objects.in_bulk(list(by_partnership))
    emails: dict[int, set[str]] = {}
    for partnership_id, email in User.objects.filter(
        is_active=True,
        role_assignments__role=Role.BUSINESS_UNIT,
        role_assignments__partnership_id__in=list(by_partnership),
    ).values_list("role_assignments__partnership_id", "email"):
        emails.setdefault(partnership_id, set()).add(email)
    return [
        (partnerships[pid], sorted(emails.get(pid, ())), found)
        for pid, found in sorted(by_partnership.items())
    ]


def partnerships_by_ids(ids) -> QuerySet[Partnership]:
    """The partnerships a record the user already holds belongs to (for its form's
    choices): the caller has loaded the record through a scoped selector."""
    return Partnership.objects.filter(pk__in=ids)


def all_partnerships() -> QuerySet[Partnership]:
    """Every partnership, by name: a joint review may name any partnership as a partner."""
    return Partnership.objects.order_by("name")


def document_agencies(*, partnership_ids) -> QuerySet[Agency]:
    """The agencies a document on a record of these partnerships may be shared with."""
    return Agency.objects.filter(partnerships__in=partnership_ids).distinct()


def no_agencies() -> QuerySet[Agency]:
    return Agency.objects.none()


def author_briefing_get(*, user, pk: int) -> AuthorBriefing | None:
    """An author briefing on a review the user may see."""
    return (
        AuthorBriefing.objects.filter(review__in=Review.objects.visible_to(user))
        .select_related("review", "review__partnership")
        .filter(pk=pk)
        .first()
    )
