from django.urls import path

from safeguarding.library.views import manage, public, you_said_we_did_create

app_name = "library"

urlpatterns = [
    path("resources/", public.resource_list, name="resource-list"),
    path("resources/usage/", manage.usage, name="usage"),
    path("resources/import/", manage.resource_import, name="resource-import"),
    path("resources/new/", manage.resource_new, name="resource-new"),
    path("resources/<int:pk>/edit/", manage.resource_edit, name="resource-edit"),
    path("resources/<int:pk>/", public.resource_detail, name="resource"),
    path("resources/<int:pk>/open/", public.resource_open, name="resource-open"),
    path("procedures/", public.procedure_list, name="procedure-list"),
    path("procedures/new/", manage.procedure_new, name="procedure-new"),
    path("procedures/<int:pk>/", public.procedure_detail, name="procedure"),
    path("procedures/<int:pk>/manage/", manage.procedure_manage, name="procedure-manage"),
    path("procedures/<int:pk>/edit/", manage.procedure_edit, name="procedure-edit"),
    path("campaigns/", public.campaign_calendar, name="campaign-calendar"),
    path("campaigns/new/", manage.campaign_new, name="campaign-new"),
    path("campaigns/<int:pk>/", public.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", manage.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/reach/", manage.campaign_reach, name="campaign-reach"),
    path("you-said-we-did/", public.you_said_we_did, name="you-said-we-did"),
    path(
        "you-said-we-did/new/",
        you_said_we_did_create.you_said_we_did_new,
        name="you-said-we-did-new",
    ),
    path(
        "you-said-we-did/<int:pk>/edit/",
        manage.you_said_we_did_edit,
        name="you-said-we-did-edit",
    ),
    path("you-said-we-did/activities/new/", manage.activity_new, name="activity-new"),
    path(
        "you-said-we-did/activities/<int:pk>/edit/",
        manage.activity_edit,
        name="activity-edit",
    ),
]
