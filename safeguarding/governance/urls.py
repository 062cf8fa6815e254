from django.urls import path

from safeguarding.governance.views import (
    actions,
    bodies,
    calendars,
    import_batches,
    key_messages,
    meetings,
    plans,
)

app_name = "governance"

urlpatterns = [
    # Public: key messages
    path("key-messages/", key_messages.key_message_archive, name="key-message-archive"),
    path("key-messages/feed/", key_messages.key_message_feed, name="key-message-feed"),
    path("key-messages/<int:pk>/", key_messages.key_message_detail, name="key-message-detail"),
    # Key messages: drafting, approval and publication
    path("governance/key-messages/", key_messages.key_message_list, name="key-message-list"),
    path("governance/key-messages/new/", key_messages.key_message_new, name="key-message-new"),
    path(
        "governance/key-messages/import/",
        key_messages.key_message_import,
        name="key-message-import",
    ),
    # Key messages: import batches to review before publishing
    path(
        "governance/key-messages/imports/",
        import_batches.import_batch_list,
        name="import-batch-list",
    ),
    path(
        "governance/key-messages/imports/<int:pk>/",
        import_batches.import_batch_review,
        name="import-batch-review",
    ),
    path(
        "governance/key-messages/imports/<int:pk>/publish/",
        import_batches.import_batch_publish,
        name="import-batch-publish",
    ),
    path(
        "governance/key-messages/imports/items/<int:pk>/edit/",
        import_batches.import_item_edit,
        name="import-item-edit",
    ),
    path(
        "governance/key-messages/imports/items/<int:pk>/<slug:action>/",
        import_batches.import_item_action,
        name="import-item-action",
    ),
    path(
        "governance/key-messages/<int:pk>/",
        key_messages.key_message_manage,
        name="key-message-manage",
    ),
    path(
        "governance/key-messages/<int:pk>/edit/",
        key_messages.key_message_edit,
        name="key-message-edit",
    ),
    path(
        "governance/key-messages/<int:pk>/<slug:name>/",
        key_messages.key_message_transition,
        name="key-message-transition",
    ),
    # Bodies and memberships
    path("governance/", bodies.hub, name="hub"),
    path("governance/bodies/", bodies.body_list, name="body-list"),
    path("governance/bodies/new/", bodies.body_new, name="body-new"),
    path("governance/bodies/<int:pk>/", bodies.body_detail, name="body-detail"),
    path("governance/bodies/<int:pk>/edit/", bodies.body_edit, name="body-edit"),
    path(
        "governance/bodies/<int:pk>/terms-of-reference/",
        bodies.body_terms_of_reference,
        name="body-terms-of-reference",
    ),
    path(
        "governance/bodies/<int:pk>/calendar/reset/",
        bodies.body_calendar_reset,
        name="body-calendar-reset",
    ),
    path("governance/bodies/<int:pk>/members/new/", bodies.membership_new, name="membership-new"),
    path("governance/memberships/<int:pk>/end/", bodies.membership_end, name="membership-end"),
    # Meetings
    path("governance/meetings/", meetings.meeting_list, name="meeting-list"),
    path("governance/bodies/<int:pk>/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("governance/meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("governance/meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("governance/meetings/<int:pk>/meeting.ics", calendars.meeting_ics, name="meeting-ics"),
    path(
        "governance/bodies/<int:pk>/calendar/<str:token>.ics",
        calendars.body_calendar,
        name="body-calendar",
    ),
    path(
        "governance/meetings/<int:pk>/agenda/new/",
        meetings.agenda_item_new,
        name="agenda-item-new",
    ),
    path(
        "governance/agenda-items/<int:pk>/edit/",
        meetings.agenda_item_edit,
        name="agenda-item-edit",
    ),
    path("governance/agenda-items/<int:pk>/minute/", meetings.minute_edit, name="minute-edit"),
    path("governance/meetings/<int:pk>/papers/new/", meetings.paper_new, name="paper-new"),
    path(
        "governance/papers/<int:pk>/versions/new/",
        meetings.paper_version_new,
        name="paper-version-new",
    ),
    path(
        "governance/paper-versions/<int:pk>/download/",
        meetings.paper_download,
        name="paper-download",
    ),
    path("governance/meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path(
        "governance/meetings/<int:pk>/minutes/approve/",
        meetings.minutes_approve,
        name="minutes-approve",
    ),
    path("governance/meetings/<int:pk>/decisions/new/", meetings.decision_new, name="decision-new"),
    path("governance/decisions/", meetings.decision_list, name="decision-list"),
    path("governance/decisions/<int:pk>/edit/", meetings.decision_edit, name="decision-edit"),
    path(
        "governance/decisions/<int:pk>/withdraw/",
        meetings.decision_withdraw,
        name="decision-withdraw",
    ),
    # Actions
    path("governance/actions/", actions.action_list, name="action-list"),
    path("governance/actions/overdue/", actions.action_overdue, name="action-overdue"),
    path("governance/meetings/<int:pk>/actions/new/", actions.action_new, name="action-new"),
    path("governance/actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("governance/actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    # Business plans, priorities and themes
    path("business-plan/", plans.business_plan_list, name="business-plan-list"),
    path("business-plan/<int:pk>/", plans.business_plan_detail, name="business-plan-detail"),
    path("business-plan/priorities/<int:pk>/", plans.priority_detail, name="priority-detail"),
    path("governance/business-plans/new/", plans.business_plan_new, name="business-plan-new"),
    path(
        "governance/business-plans/<int:pk>/edit/",
        plans.business_plan_edit,
        name="business-plan-edit",
    ),
    path(
        "governance/business-plans/<int:pk>/priorities/new/",
        plans.priority_new,
        name="priority-new",
    ),
    path("governance/priorities/<int:pk>/edit/", plans.priority_edit, name="priority-edit"),
    path("governance/themes/", plans.theme_list, name="theme-list"),
    path("governance/themes/new/", plans.theme_new, name="theme-new"),
    path("governance/themes/<int:pk>/edit/", plans.theme_edit, name="theme-edit"),
]
