"""The one search index: a row per searchable record of every capability.

Rows are written only by the index keeper (``search.services.index``) from what each app's
``search_documents.py`` says; the full-text side is a PostgreSQL GIN index over the weighted
title and body, or an SQLite FTS5 table kept in step by triggers (migration 0002).
"""

from __future__ import annotations

from django.db import models

from safeguarding.accounts.models import Partnership
from safeguarding.planning.models import Theme


class SearchDocument(models.Model):
    kind = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The record's other partnerships (a joint body's action): the partnership facet and
    # filter find it under each of them as well as under ``partnership``.
    joint_partnerships = models.ManyToManyField(Partnership, blank=True, related_name="+")
    is_public = models.BooleanField(default=False)
    is_external = models.BooleanField(default=False)
    detail = models.CharField(max_length=200, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="search_documents")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_row_per_record")
        ]
        indexes = [
            models.Index(fields=["kind", "date"], name="search_kind_date"),
            models.Index(fields=["is_public", "date"], name="search_public_date"),
        ]

    def __str__(self) -> str:
        return self.title
