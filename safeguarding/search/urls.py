from django.urls import path  # noqa: F401 - the search pages add their routes here

app_name = "search"

urlpatterns: list = []
