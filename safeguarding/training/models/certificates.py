"""Certificates of attendance, each with a code anyone can verify."""

from __future__ import annotations

from django.db import models

from safeguarding.core.models import TimeStampedModel

from .bookings import Booking


class Certificate(TimeStampedModel):
    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(max_length=20, unique=True)
    issued_on = models.DateField()
    expires_on = models.DateField(
        null=True, blank=True, help_text="When the training must be refreshed, if it expires"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return f"Certificate {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
