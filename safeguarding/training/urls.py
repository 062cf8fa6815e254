from django.urls import path

from safeguarding.training.views import manage, member_groups, people, public, reports

app_name = "training"

urlpatterns = [
    # Public: the catalogue, courses, sessions and booking.
    path("training/", public.catalogue, name="catalogue"),
    path("training/courses/<int:pk>/", public.course_detail, name="course"),
    path("training/sessions/<int:pk>/", public.session_detail, name="session"),
    path("training/sessions/<int:pk>/book/", public.book, name="book"),
    path("training/certificates/verify/", public.verify, name="verify"),
    # Reached from the links in emails (the signed link is the permission).
    path("training/bookings/<str:token>/", public.booking_page, name="booking"),
    path(
        "training/bookings/<str:token>/cancel/",
        public.booking_cancel_link,
        name="booking-cancel-link",
    ),
    path("training/bookings/<str:token>/offer/", public.offer_respond, name="offer-respond"),
    path("training/bookings/<str:token>/evaluation/", public.evaluation, name="evaluation"),
    path("training/bookings/<str:token>/follow-up/", public.follow_up, name="follow-up"),
    path("training/bookings/<str:token>/certificate/", public.certificate, name="certificate"),
    path("training/approvals/<str:token>/", public.approval, name="approval"),
    path(
        "training/approvals/<str:token>/follow-up/",
        public.manager_follow_up,
        name="manager-follow-up",
    ),
    # Signed in: your training, and an agency lead's staff.
    path("training/my-training/", people.my_training, name="my-training"),
    path("training/agency/", people.agency_training, name="agency-training"),
    path("training/sessions/<int:pk>/book-staff/", people.book_staff, name="book-staff"),
    path("training/booking/<int:pk>/cancel/", people.booking_cancel, name="booking-cancel"),
    # The business unit.
    path("manage-training/", manage.course_list, name="manage"),
    path("manage-training/settings/", manage.training_settings, name="settings"),
    path(
        "manage-training/member-groups/",
        member_groups.member_group_list,
        name="member-groups",
    ),
    path(
        "manage-training/member-groups/new/",
        member_groups.member_group_new,
        name="member-group-new",
    ),
    path(
        "manage-training/member-groups/<int:pk>/edit/",
        member_groups.member_group_edit,
        name="member-group-edit",
    ),
    path(
        "manage-training/member-groups/<int:pk>/remove/",
        member_groups.member_group_remove,
        name="member-group-remove",
    ),
    path("manage-training/charges/", reports.charges, name="charges"),
    path("manage-training/charges.csv", reports.charges_csv, name="charges-csv"),
    path("training-reports/", reports.reach, name="reports"),
    path("training-reports/reach.csv", reports.reach_csv, name="reports-csv"),
    path("manage-training/courses/new/", manage.course_new, name="course-new"),
    path("manage-training/courses/<int:pk>/", manage.course_manage, name="course-manage"),
    path("manage-training/courses/<int:pk>/edit/", manage.course_edit, name="course-edit"),
    path(
        "manage-training/courses/<int:pk>/evaluation/",
        reports.course_evaluation,
        name="course-evaluation",
    ),
    path("manage-training/courses/<int:pk>/sessions/new/", manage.session_new, name="session-new"),
    path("manage-training/sessions/<int:pk>/", manage.session_manage, name="session-manage"),
    path("manage-training/sessions/<int:pk>/edit/", manage.session_edit, name="session-edit"),
    path("manage-training/sessions/<int:pk>/cancel/", manage.session_cancel, name="session-cancel"),
    path("manage-training/sessions/<int:pk>/register/", manage.register, name="register"),
    path(
        "manage-training/sessions/<int:pk>/evaluation/",
        reports.session_evaluation,
        name="session-evaluation",
    ),
    path(
        "manage-training/sessions/<int:pk>/register/add/",
        manage.attendee_add,
        name="attendee-add",
    ),
]
