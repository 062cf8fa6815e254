"""What the library's records share: who they are for, and who sees what."""

from __future__ import annotations

from django.db import models


class Audience(models.TextChoices):
    PRACTITIONERS = "practitioners", "Practitioners"
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    SOCIAL_CARE = "social_care", "Social care"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PARENTS = "parents", "Parents and carers"
    CHILDREN = "children", "Children and young people"


AUDIENCE_LABELS = dict(Audience.choices)
