from django.urls import path  # noqa: F401 - the childdeaths pages add their routes here

app_name = "childdeaths"

urlpatterns: list = []
