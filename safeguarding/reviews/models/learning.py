"""Learning products of a review: the 7-minute briefing, author briefings, podcasts, videos."""

from __future__ import annotations

from django.db import models

from safeguarding.core.models import TimeStampedModel
from safeguarding.reviews.models.base import VersionedModel
from safeguarding.reviews.models.reviews import Review

# (field, heading) of the seven boxes, in the order they are printed.
BRIEFING_BOXES = [
    ("background", "1. Background"),
    ("what_happened", "2. What happened"),
    ("why_it_matters", "3. Why it matters"),
    ("key_learning", "4. Key learning"),
    ("practice", "5. What it means for practice"),
    ("questions", "6. Questions for your team"),
    ("resources", "7. Resources and further reading"),
]


class Briefing(VersionedModel):
    """The 7-minute briefing: seven short boxes a team leader reads out in a team meeting."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="briefing")
    title = models.CharField(max_length=200)
    background = models.TextField(blank=True)
    what_happened = models.TextField(blank=True)
    why_it_matters = models.TextField(blank=True)
    key_learning = models.TextField(blank=True)
    practice = models.TextField(blank=True)
    questions = models.TextField(blank=True)
    resources = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.title

    def partnership_ids_for_rules(self) -> list[int]:
        return self.review.partnership_ids_for_rules()

    @property
    def boxes(self) -> list[tuple[str, str]]:
        return [(heading, getattr(self, field)) for field, heading in BRIEFING_BOXES]


class AuthorBriefing(TimeStampedModel):
    """An online or in-person briefing where the review's author shares the learning."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="author_briefings")
    held_on = models.DateField("Date held")
    title = models.CharField(max_length=200)
    attended = models.PositiveIntegerField("Number who attended")
    slides_requested = models.PositiveIntegerField("Number who asked for the slides", default=0)
    training_session = models.ForeignKey(
        "training.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The training session the briefing is run as: its bookings, attendance and "
        "evaluation replace the typed-in number who attended",
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def partnership_ids_for_rules(self) -> list[int]:
        return self.review.partnership_ids_for_rules()

    def __str__(self) -> str:
        return self.title


class LinkKind(models.TextChoices):
    PODCAST = "podcast", "Podcast"
    VIDEO = "video", "Video"
    OTHER = "other", "Other learning resource"


class LearningLink(TimeStampedModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="learning_links")
    kind = models.CharField(max_length=10, choices=LinkKind.choices)
    title = models.CharField(max_length=200)
    url = models.URLField("Link")

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title
