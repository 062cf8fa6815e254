"""Learning and development: courses, sessions, bookings, evaluation and certificates."""

from .bookings import (
    ACTIVE_STATUSES,
    ATTENDED,
    PLACE_HOLDING_STATUSES,
    Attendance,
    Booking,
    BookingStatus,
    PublicBookingRecord,
)
from .certificates import Certificate
from .courses import (
    Course,
    CourseFee,
    CourseFormat,
    CourseLevel,
    LearningOutcome,
    MemberGroup,
    TrainingSettings,
)
from .evaluation import Evaluation, FollowUp, OutcomeRating, PracticeChange
from .sessions import Session, SessionStatus

__all__ = [
    "ACTIVE_STATUSES",
    "ATTENDED",
    "PLACE_HOLDING_STATUSES",
    "Attendance",
    "Booking",
    "BookingStatus",
    "Certificate",
    "Course",
    "CourseFee",
    "CourseFormat",
    "CourseLevel",
    "Evaluation",
    "FollowUp",
    "LearningOutcome",
    "MemberGroup",
    "OutcomeRating",
    "PracticeChange",
    "PublicBookingRecord",
    "Session",
    "SessionStatus",
    "TrainingSettings",
]
