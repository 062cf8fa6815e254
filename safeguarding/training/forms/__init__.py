"""Forms for the catalogue, booking, the register, evaluation and the business unit's pages.

Forms only parse and check shapes; the rules (capacity, prerequisites, who may book what)
live in the services, whose messages the views put back on the form.
"""

from safeguarding.core.forms import TimeInput
from safeguarding.training.forms.manage import (
    AddAttendeeForm,
    CourseForm,
    PeriodForm,
    RegisterForm,
    SessionCancelForm,
    SessionForm,
    TrainingSettingsForm,
    financial_year_start,
)
from safeguarding.training.forms.member_groups import MemberGroupForm
from safeguarding.training.forms.people import (
    ApprovalForm,
    BookingForm,
    CancelBookingForm,
    CatalogueFilterForm,
    EvaluationForm,
    FollowUpForm,
    ManagerFollowUpForm,
    StaffBookingForm,
    VerifyForm,
)

__all__ = [
    "AddAttendeeForm",
    "ApprovalForm",
    "BookingForm",
    "CancelBookingForm",
    "CatalogueFilterForm",
    "CourseForm",
    "EvaluationForm",
    "FollowUpForm",
    "ManagerFollowUpForm",
    "MemberGroupForm",
    "PeriodForm",
    "RegisterForm",
    "SessionCancelForm",
    "SessionForm",
    "StaffBookingForm",
    "TimeInput",
    "TrainingSettingsForm",
    "VerifyForm",
    "financial_year_start",
]
