from django.urls import path  # noqa: F401 - the reports pages add their routes here

app_name = "reports"

urlpatterns: list = []
