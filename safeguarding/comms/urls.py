from django.urls import path  # noqa: F401 - the comms pages add their routes here

app_name = "comms"

urlpatterns: list = []
