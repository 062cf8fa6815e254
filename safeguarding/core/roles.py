"""The roles a person can hold in a partnership. One list for the whole platform."""

from django.db import models


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    CHAIR = "chair", "Chair or independent scrutineer"
    SAFEGUARDING_PARTNER = "safeguarding_partner", "Safeguarding partner"
    AGENCY_LEAD = "agency_lead", "Agency safeguarding lead"
    PRACTITIONER = "practitioner", "Practitioner"
    REVIEWER = "reviewer", "Reviewer"
    CDOP_CHAIR = "cdop_chair", "Child death overview panel chair"
    CDOP_MEMBER = "cdop_member", "CDOP member or child death review partner's named person"


# Roles that see the partnership's own business (meetings, agencies, audit results).
PARTNERSHIP_STAFF = frozenset({Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER})

# Roles that see the child death records of their partnerships (childdeaths app).
CHILD_DEATH_REVIEW = frozenset({Role.CDOP_CHAIR, Role.CDOP_MEMBER})
