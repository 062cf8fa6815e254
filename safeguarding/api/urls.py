from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from safeguarding.api import views
from safeguarding.api.reference import api_reference
from safeguarding.assurance import api as assurance_api
from safeguarding.assurance import survey_api
from safeguarding.childdeaths import api as childdeaths_api
from safeguarding.comms import api as comms_api
from safeguarding.governance import api as governance_api
from safeguarding.library import api as library_api
from safeguarding.performance import api as performance_api
from safeguarding.reports import api as reports_api
from safeguarding.reviews import api as reviews_api
from safeguarding.search import api as search_api
from safeguarding.training import api as training_api

app_name = "api"

router = DefaultRouter()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("indicators", performance_api.IndicatorViewSet, basename="indicator")
router.register(
    "indicator-values", performance_api.IndicatorValueViewSet, basename="indicator-value"
)
router.register(
    "finance-summaries", performance_api.FinanceSummaryViewSet, basename="finance-summary"
)
router.register("bulletins", comms_api.BulletinViewSet, basename="bulletin")
router.register("key-messages", governance_api.KeyMessageViewSet, basename="key-message")
router.register("themes", governance_api.ThemeViewSet, basename="theme")
router.register("priorities", governance_api.PriorityViewSet, basename="priority")
router.register("bodies", governance_api.BodyViewSet, basename="body")
router.register("meetings", governance_api.MeetingViewSet, basename="meeting")
router.register("actions", governance_api.ActionViewSet, basename="action")
router.register("notifications", reviews_api.NotificationViewSet, basename="notification")
router.register("rapid-reviews", reviews_api.RapidReviewViewSet, basename="rapid-review")
router.register("reviews", reviews_api.ReviewViewSet, basename="review")
router.register("recommendations", reviews_api.RecommendationViewSet, basename="recommendation")
router.register("referrals", reviews_api.ReferralViewSet, basename="referral")
router.register("training/courses", training_api.CourseViewSet, basename="training-course")
router.register("training/sessions", training_api.SessionViewSet, basename="training-session")
router.register("training/bookings", training_api.BookingViewSet, basename="training-booking")
router.register("audit-templates", assurance_api.AuditTemplateViewSet, basename="audit-template")
router.register("audit-campaigns", assurance_api.AuditCampaignViewSet, basename="audit-campaign")
router.register("audit-returns", assurance_api.AuditReturnViewSet, basename="audit-return")
router.register("surveys", survey_api.SurveyViewSet, basename="survey")
router.register("resources", library_api.ResourceViewSet, basename="resource")
router.register("procedures", library_api.ProcedureViewSet, basename="procedure")
router.register("campaigns", library_api.CampaignViewSet, basename="campaign")
router.register("you-said-we-did", library_api.YouSaidWeDidViewSet, basename="you-said-we-did")
router.register("child-deaths", childdeaths_api.ChildDeathViewSet, basename="child-death")
router.register("yearly-reports", reports_api.YearlyReportViewSet, basename="yearly-report")

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
    path("search/", search_api.SearchView.as_view(), name="search"),
    path("", include(router.urls)),
]
