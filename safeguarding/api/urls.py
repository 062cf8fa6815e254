from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from safeguarding.api import views
from safeguarding.api.reference import api_reference

app_name = "api"

router = DefaultRouter()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("agencies", views.AgencyViewSet, basename="agency")

# DRF marks its views exempt from LoginRequiredMiddleware: the API authenticates each request
# itself (token or session) and answers 401/403 in JSON. The OpenAPI document and its
# interactive documentation are public; every data endpoint needs a token or a session.
urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", api_reference, name="docs"),
    path(
        "docs/try/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:openapi", template_name="api/swagger_ui.html"
        ),
        name="swagger",
    ),
    path("", include(router.urls)),
]
