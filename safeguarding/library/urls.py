from django.urls import path

from safeguarding.library.views import manage, public, you_said_we_did_create

app_name = "library"

urlpatterns = [
    path("resources/", public.resource_list, name="resource-list"),
    path("resources/usage/", manage.usage, name="usage"),
    path("resources/import/", manage.resource_import, name="resource-import"),
    path("resources/<int:pk>/", public.resource_detail, name="resource"),
    path("resources/<int:pk>/open/", public.resource_open, name="resource-open"),
    path("procedures/", public.procedure_list, name="procedure-list"),
    path("procedures/<int:pk>/", public.procedure_detail, name="procedure"),
    path("procedures/<int:pk>/manage/", manage.procedure_manage, name="procedure-manage"),
    path("campaigns/", public.campaign_calendar, name="campaign-calendar"),
    path("campaigns/<int:pk>/", public.campaign_detail, name="campaign"),
    path("you-said-we-did/", public.you_said_we_did, name="you-said-we-did"),
    path(
        "you-said-we-did/new/",
        you_said_we_did_create.you_said_we_did_new,
        name="you-said-we-did-new",
    ),
]
