"""Bulletin and subscriber figures for a period, for partnerships as a whole (not scoped to a
person): the yearly report's figure source and the open-rates page read the same numbers.
The caller decides who may see them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils import timezone

from safeguarding.comms.models import Bulletin, BulletinLink, Subscriber


@dataclass
class MonthFigures:
    month: datetime.date  # the first of the month
    editions: int = 0
    delivered: int = 0
    unique_opens: int = 0
    rates: list[float] = field(default_factory=list)

    @property
    def open_rate(self) -> float | None:
        return _mean(self.rates)


@dataclass
class BulletinFigures:
    start: datetime.date
    end: datetime.date
    editions: int
    recipients: int
    delivered: int
    unique_opens: int
    clicks: int
    average_open_rate: float | None
    first_open_rate: float | None
    last_open_rate: float | None
    subscribers_at_start: int
    subscribers_at_end: int
    new_subscribers: int
    months: list[MonthFigures]
    bulletins: list[Bulletin]

    @property
    def click_rate(self) -> float | None:
        if not self.delivered:
            return None
        return round(100 * self.clicks / self.delivered, 1)


def _mean(values: list[float]) -> float | None:
    if not values:
        return None
    return round(sum(values) / len(values), 1)


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a day in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def sent_in_period(
    *, partnership_ids: list[int], start: datetime.date, end: datetime.date
) -> list[Bulletin]:
    """The editions sent between two dates (inclusive, by the date sent), oldest first."""
    return list(
        Bulletin.objects.sent()
        .filter(
            partnership_id__in=partnership_ids,
            sent_at__gte=_day_start(start),
            sent_at__lt=_day_start(end + datetime.timedelta(days=1)),
        )
        .only("pk", "title", "sent_at", "recipients", "delivered", "unique_opens", "partnership_id")
        .order_by("sent_at", "pk")
    )


def subscribers_on(*, partnership_ids: list[int], moment: datetime.datetime) -> int:
    """Confirmed subscribers at a moment: confirmed before it and not unsubscribed by then."""
    return (
        Subscriber.objects.filter(partnership_id__in=partnership_ids, confirmed_at__lt=moment)
        .filter(Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=moment))
        .count()
    )


def partnership_bulletin_figures(
    *, partnership_ids: list[int], start: datetime.date, end: datetime.date
) -> BulletinFigures:
    bulletins = sent_in_period(partnership_ids=partnership_ids, start=start, end=end)
    clicks = (
        BulletinLink.objects.filter(bulletin__in=[b.pk for b in bulletins]).aggregate(
            total=Sum("clicks")
        )["total"]
        or 0
    )
    months: dict[datetime.date, MonthFigures] = {}
    rates: list[float] = []
    for bulletin in bulletins:
        sent_on = timezone.localtime(bulletin.sent_at).date()
        month = months.setdefault(sent_on.replace(day=1), MonthFigures(sent_on.replace(day=1)))
        month.editions += 1
        month.delivered += bulletin.delivered
        month.unique_opens += bulletin.unique_opens
        if bulletin.open_rate is not None:
            month.rates.append(bulletin.open_rate)
            rates.append(bulletin.open_rate)
    opening = _day_start(start)
    closing = _day_start(end + datetime.timedelta(days=1))
    return BulletinFigures(
        start=start,
        end=end,
        editions=len(bulletins),
        recipients=sum(b.recipients for b in bulletins),
        delivered=sum(b.delivered for b in bulletins),
        unique_opens=sum(b.unique_opens for b in bulletins),
        clicks=clicks,
        average_open_rate=_mean(rates),
        first_open_rate=rates[0] if rates else None,
        last_open_rate=rates[-1] if rates else None,
        subscribers_at_start=subscribers_on(partnership_ids=partnership_ids, moment=opening),
        subscribers_at_end=subscribers_on(partnership_ids=partnership_ids, moment=closing),
        new_subscribers=Subscriber.objects.filter(
            partnership_id__in=partnership_ids,
            confirmed_at__gte=opening,
            confirmed_at__lt=closing,
        ).count(),
        months=sorted(months.values(), key=lambda m: m.month),
        bulletins=bulletins,
    )
