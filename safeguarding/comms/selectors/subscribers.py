"""Reads for subscribers (personal data: the business unit of their partnership only)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from safeguarding.comms.models import Subscriber, SubscriberStatus
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme


def subscriber_partnerships(*, user):
    from safeguarding.accounts.models import Partnership

    return Partnership.objects.filter(
        pk__in=partnerships_where(user, (Role.BUSINESS_UNIT,))
    ).order_by("name")


def subscriber_list(
    *, user, partnership, status: str = "", query: str = ""
) -> QuerySet[Subscriber]:
    if partnership.pk not in partnerships_where(user, (Role.BUSINESS_UNIT,)):
        return Subscriber.objects.none()
    found = Subscriber.objects.filter(partnership=partnership).prefetch_related("themes")
    if status:
        found = found.filter(status=status)
    if query:
        found = found.filter(
            Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    return found.order_by("email")


def subscriber_counts(*, partnership) -> dict:
    return Subscriber.objects.filter(partnership=partnership).aggregate(
        confirmed=Count("pk", filter=Q(status=SubscriberStatus.CONFIRMED)),
        pending=Count("pk", filter=Q(status=SubscriberStatus.PENDING)),
        unsubscribed=Count("pk", filter=Q(status=SubscriberStatus.UNSUBSCRIBED)),
    )


def subscription_themes() -> QuerySet[Theme]:
    return Theme.objects.active().order_by("name")
