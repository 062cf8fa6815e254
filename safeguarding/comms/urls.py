from django.urls import path

from safeguarding.comms.views import manage, public

app_name = "comms"

urlpatterns = [
    # Public
    path("subscribe/", public.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", public.subscribe_confirm, name="subscribe-confirm"),
    path("subscribe/preferences/<str:token>/", public.preferences, name="preferences"),
    path("subscribe/unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("bulletins/", public.bulletin_archive, name="bulletin-archive"),
    path("bulletins/<int:pk>/", public.bulletin_detail, name="bulletin-detail"),
    path("bulletins/open/<str:token>.gif", public.bulletin_open, name="bulletin-open"),
    path("bulletins/link/<str:token>/", public.bulletin_link, name="bulletin-link"),
    path("communications/delivery-receipts/", public.delivery_receipt, name="delivery-receipt"),
    # The business unit
    path("communications/subscribers/", manage.subscriber_list, name="subscriber-list"),
    path("communications/subscribers/import/", manage.subscriber_import, name="subscriber-import"),
    path(
        "communications/subscribers/export.csv", manage.subscriber_export, name="subscriber-export"
    ),
    path("communications/bulletins/", manage.bulletin_list, name="bulletin-list"),
    path("communications/bulletins/new/", manage.bulletin_new, name="bulletin-new"),
    path("communications/bulletins/figures/", manage.bulletin_stats, name="bulletin-stats"),
    path("communications/bulletins/<int:pk>/", manage.bulletin_manage, name="bulletin-manage"),
    path("communications/bulletins/<int:pk>/edit/", manage.bulletin_edit, name="bulletin-edit"),
    path(
        "communications/bulletins/<int:pk>/blocks/",
        manage.bulletin_block_add,
        name="bulletin-block-add",
    ),
    path(
        "communications/bulletins/<int:pk>/blocks/<int:block_pk>/remove/",
        manage.bulletin_block_remove,
        name="bulletin-block-remove",
    ),
    path(
        "communications/bulletins/<int:pk>/preview/",
        manage.bulletin_preview,
        name="bulletin-preview",
    ),
    path(
        "communications/bulletins/<int:pk>/preview/email/",
        manage.bulletin_preview_email,
        name="bulletin-preview-email",
    ),
    path(
        "communications/bulletins/<int:pk>/send/",
        manage.bulletin_send_confirm,
        name="bulletin-send",
    ),
    path("communications/bulletins/<int:pk>/test/", manage.bulletin_test, name="bulletin-test"),
    path(
        "communications/bulletins/<int:pk>/status/",
        manage.bulletin_transition,
        name="bulletin-transition",
    ),
    path(
        "communications/bulletins/<int:pk>/figures/",
        manage.bulletin_edition_stats,
        name="bulletin-edition-stats",
    ),
    path(
        "communications/bulletins/<int:pk>/stuck/",
        manage.bulletin_stuck,
        name="bulletin-stuck",
    ),
    path("communications/settings/", manage.comms_settings, name="settings"),
]
