from django.urls import path  # noqa: F401 - the library pages add their routes here

app_name = "library"

urlpatterns: list = []
