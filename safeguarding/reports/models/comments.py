"""Comments on a draft yearly report by the statutory partners while it is shared with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguarding.reports.models.reports import YearlyReport


class ReportComment(models.Model):
    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(
        max_length=30, blank=True, help_text="The section commented on; blank for the whole report"
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.report}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.report.partnership_ids_for_rules()
