"""Each partnership's communication settings: its "Concerned about a child?" numbers and
whether bulletin opens are counted."""

from __future__ import annotations

from django.db import models

from safeguarding.core.models import TimeStampedModel


class CommsSettings(TimeStampedModel):
    partnership = models.OneToOneField(
        "accounts.Partnership", on_delete=models.CASCADE, related_name="comms_settings"
    )
    front_door_name = models.CharField(
        "Name of the children's social care front door",
        max_length=150,
        blank=True,
        help_text="For example, “Children and Families Hub”",
    )
    front_door_phone = models.CharField("Front door telephone number", max_length=40, blank=True)
    front_door_hours = models.CharField(
        "When the front door answers",
        max_length=150,
        blank=True,
        help_text="For example, “Monday to Friday, 9am to 5pm”",
    )
    out_of_hours_phone = models.CharField(
        "Out of hours telephone number", max_length=40, blank=True
    )
    police_non_emergency = models.CharField(
        "Police non-emergency number", max_length=40, blank=True, default="101"
    )
    track_opens = models.BooleanField(
        "Count how many people open each bulletin",
        default=True,
        help_text="Adds a small image to each bulletin email. Who opened it is never stored.",
    )

    class Meta:
        verbose_name_plural = "comms settings"

    def __str__(self) -> str:
        return f"Communication settings of {self.partnership_id}"

    @property
    def has_numbers(self) -> bool:
        return bool(self.front_door_phone or self.out_of_hours_phone)
