"""The roles a person can hold in a partnership. One list for the whole platform."""

from django.db import models


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    CHAIR = "chair", "Chair or independent scrutineer"
    SAFEGUARDING_PARTNER = "safeguarding_partner", "Safeguarding partner"
    AGENCY_LEAD = "agency_lead", "Agency safeguarding lead"
    PRACTITIONER = "practitioner", "Practitioner"
    REVIEWER = "reviewer", "Reviewer"


# Roles that see the partnership's own business (meetings, agencies, audit results).
PARTNERSHIP_STAFF = frozenset({Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER})
