from django.contrib import admin
from django.urls import include, path

from safeguarding.accounts.views import home

admin.site.site_header = "Safeguarding Partnership Platform — back office"
admin.site.site_title = "Back office"

urlpatterns = [
    path("", home, name="home"),
    path("", include("safeguarding.core.urls")),
    path("", include("safeguarding.accounts.urls")),
    path("", include("safeguarding.governance.urls")),
    path("", include("safeguarding.reviews.urls")),
    path("", include("safeguarding.assurance.urls")),
    path("", include("safeguarding.training.urls")),
    path("", include("safeguarding.performance.urls")),
    path("", include("safeguarding.comms.urls")),
    path("", include("safeguarding.library.urls")),
    path("", include("safeguarding.childdeaths.urls")),
    path("", include("safeguarding.reports.urls")),
    path("", include("safeguarding.search.urls")),
    path("api/v1/", include("safeguarding.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "safeguarding.core.views.error_403"
handler404 = "safeguarding.core.views.error_404"
handler500 = "safeguarding.core.views.error_500"
