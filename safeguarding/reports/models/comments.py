"""Comments on a draft yearly report by the statutory partners while it is shared with them,
the replies to them, and whether the business unit has resolved them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguarding.reports.models.reports import YearlyReport


class ReportComment(models.Model):
    """A comment on the whole report or one section; a reply has a ``parent`` (the comment it
    answers, never another reply). Only a comment (not a reply) is resolved or reopened."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this replies to; blank for a comment",
    )
    section = models.CharField(
        max_length=30, blank=True, help_text="The section commented on; blank for the whole report"
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_by_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.report}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def partnership_ids_for_rules(self) -> list[int]:
        return self.report.partnership_ids_for_rules()
