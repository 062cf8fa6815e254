"""People who asked for the partnership's bulletin, and addresses never to write to again."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from safeguarding.core.models import TimeStampedModel
from safeguarding.planning.models import Theme


class Audience(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    SOCIAL_CARE = "social_care", "Social care"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PARENTS = "parents", "Parents and carers"


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Subscribed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    BOUNCED = "bounced", "Stopped: the address does not accept email"


class ConsentSource(models.TextChoices):
    SIGN_UP = "sign_up", "Sign-up form"
    IMPORT = "import", "Imported list"


class SubscriberQuerySet(models.QuerySet):
    def mailable(self) -> SubscriberQuerySet:
        """Confirmed subscribers: the only people a bulletin is ever sent to."""
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def recipients_of(self, bulletin) -> SubscriberQuerySet:
        """Who ``bulletin`` goes to: its partnership's confirmed subscribers whose preferences
        meet its targeting (an empty targeting is everyone; a subscriber who chose no audience
        or no theme hears about everything). Themes are a hierarchy: someone who follows a
        broader theme hears about its narrower ones, so an edition for "County lines" also
        goes to followers of "Criminal exploitation" when county lines sits under it."""
        found = self.mailable().filter(partnership_id=bulletin.partnership_id)
        audiences = [a for a in bulletin.target_audiences if a in Audience.values]
        if audiences:
            # The preferences are a JSON list of known values, none of which is part of
            # another, so a text match on the quoted value works on SQLite and PostgreSQL.
            wanted = Q(audiences=[])
            for audience in audiences:
                wanted |= Q(audiences__icontains=f'"{audience}"')
            found = found.filter(wanted)
        themes = following_themes(bulletin)
        if themes:
            chosen = Subscriber.themes.through.objects.values("subscriber_id")
            found = found.filter(~Q(pk__in=chosen) | Q(pk__in=chosen.filter(theme_id__in=themes)))
        return found.order_by("pk")


def following_themes(bulletin) -> list[int]:
    """The themes whose followers a targeted edition reaches: its target themes and every
    broader theme above them (two queries, whatever the depth of the hierarchy)."""
    if not bulletin.pk:
        return []
    targets = list(bulletin.target_themes.values_list("pk", flat=True))
    if not targets:
        return []
    broader = Theme.objects.broader_ids(targets)
    return sorted({*targets, *(pk for chain in broader.values() for pk in chain)})


class Subscriber(TimeStampedModel):
    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.CASCADE, related_name="subscribers"
    )
    email = models.EmailField("Email address", max_length=254)  # stored in lower case
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    audiences = models.JSONField(default=list, blank=True)
    themes = models.ManyToManyField("planning.Theme", blank=True, related_name="+")
    tags = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    consent_wording = models.TextField(blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_source = models.CharField(
        max_length=20, choices=ConsentSource.choices, default=ConsentSource.SIGN_UP
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "email"], name="comms_subscriber_unique_email"
            )
        ]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return self.email

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels.get(value, value) for value in self.audiences]


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", "This address unsubscribed; it is not re-subscribed."
    BOUNCED = (
        "bounced",
        "Email to this address bounced (it does not exist or refuses mail); it is not "
        "re-subscribed.",
    )


class Suppression(models.Model):
    """An address that unsubscribed, or whose mail bounced for good: no import or sign-up by
    anyone else re-subscribes it. Only the person themselves, signing up again and
    confirming, lifts it."""

    partnership = models.ForeignKey(
        "accounts.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(max_length=254)
    reason = models.CharField(
        max_length=20, choices=SuppressionReason.choices, default=SuppressionReason.UNSUBSCRIBED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "email"], name="comms_suppression_unique_email"
            )
        ]

    def __str__(self) -> str:
        return self.email
