"""Bulletin editions, their blocks, their links, and who each was delivered to.

Opens are counted per edition without storing who opened: each email carries a random
number that is signed but kept nowhere else, so an open (``BulletinOpen``) can be counted
once but never traced back to a subscriber.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models

from safeguarding.core.models import TimeStampedModel


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class BulletinQuerySet(models.QuerySet):
    def sent(self) -> BulletinQuerySet:
        return self.filter(status=BulletinStatus.SENT)


class Bulletin(TimeStampedModel):
    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.CASCADE, related_name="bulletins"
    )
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="Markdown: a few words to open with")
    status = models.CharField(
        max_length=20, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT
    )
    scheduled_for = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    track_opens = models.BooleanField(default=True)
    themes = models.ManyToManyField(
        "planning.Theme",
        blank=True,
        related_name="comms_bulletins",
        help_text="What the edition is about: it is listed on these themes' pages",
    )
    # Who the edition goes to. Empty means everyone: see ``selectors.bulletins.
    # bulletin_recipients`` for how a subscriber's own preferences are matched.
    target_audiences = models.JSONField(default=list, blank=True)
    target_themes = models.ManyToManyField(
        "planning.Theme",
        blank=True,
        related_name="+",
        help_text="Only subscribers interested in one of these themes (or in everything) get it",
    )
    # Figures kept on the edition so the archive and the API read one row per edition.
    recipients = models.PositiveIntegerField(default=0)
    delivered = models.PositiveIntegerField(default=0)
    unique_opens = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        indexes = [models.Index(fields=["partnership", "status", "sent_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == BulletinStatus.DRAFT

    @property
    def is_targeted(self) -> bool:
        return bool(self.target_audiences) or self.target_themes.exists()

    def broader_target_themes(self) -> list:
        """Broader themes whose followers also get this edition (those above its target
        themes in the hierarchy, not chosen themselves), by name."""
        from safeguarding.planning.models import Theme

        targets = set(self.target_themes.values_list("pk", flat=True)) if self.pk else set()
        if not targets:
            return []
        chains = Theme.objects.broader_ids(targets)
        broader = {pk for chain in chains.values() for pk in chain} - targets
        if not broader:
            return []
        return list(Theme.objects.filter(pk__in=broader).only("name").order_by("name"))

    def target_audience_labels(self) -> list[str]:
        from safeguarding.comms.models.subscribers import Audience

        labels = dict(Audience.choices)
        return [labels.get(value, value) for value in self.target_audiences]

    @property
    def open_rate(self) -> float | None:
        """Unique opens as a percentage of emails delivered, one decimal place."""
        if not self.delivered:
            return None
        return round(100 * self.unique_opens / self.delivered, 1)


class BlockKind(models.TextChoices):
    TEXT = "text", "Text or news"
    SOURCE = "source", "Content from the platform"


class BulletinBlock(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=BlockKind.choices, default=BlockKind.TEXT)
    source = models.CharField(max_length=80, blank=True)
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown")
    # For a block from another capability: the items as they were when it was added
    # ([{"title", "summary", "url"}]), so the edition never changes after it is sent.
    items = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.heading


class BulletinLink(models.Model):
    """A link in an edition: the only places its click redirect may lead."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=1000)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-clicks", "url"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "url"], name="comms_link_unique_url")
        ]

    def __str__(self) -> str:
        return self.url


# A batch sends its 500 emails in well under a minute; a row claimed this long ago and still
# "being sent" was left by a worker that stopped (a crash, a killed process).
STUCK_AFTER = timedelta(minutes=15)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    CLAIMED = "claimed", "Being sent"
    SENT = "sent", "Delivered"
    FAILED = "failed", "Failed"
    BOUNCED = "bounced", "Not delivered: the address refused it"
    SKIPPED = "skipped", "Not sent: unsubscribed before their turn"
    NOT_SENT = "not_sent", "Not sent: sending stopped part-way and it was marked not sent"


class BulletinDelivery(models.Model):
    """One edition to one subscriber. Every recipient gets a row, "waiting to be sent", when
    sending starts, which fixes who the edition goes to. The unique constraint is what keeps
    a resumed send from mailing anyone twice: a row is claimed before its email goes."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "comms.Subscriber", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subscriber_key = models.PositiveIntegerField()  # the subscriber's id, kept after deletion
    claim = models.CharField(max_length=32)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.CLAIMED
    )
    # Set when the row is created and again when a batch claims it: a row still "being sent"
    # long after its claim was left by a worker that stopped (``services.sending.STUCK_AFTER``).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "subscriber_key"], name="comms_delivery_once"
            )
        ]
        indexes = [
            models.Index(fields=["bulletin", "claim"]),
            # Rows waiting, or stuck "being sent", found without reading the edition's others.
            models.Index(fields=["bulletin", "status"], name="comms_delivery_status"),
        ]

    def __str__(self) -> str:
        return f"Edition {self.bulletin_id} to subscriber {self.subscriber_key}"


class BulletinOpen(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="opens")
    nonce = models.CharField(max_length=32)
    opened_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "nonce"], name="comms_open_once")
        ]

    def __str__(self) -> str:
        return f"An open of edition {self.bulletin_id}"
