"""The floor's one URL: a view that does nothing but answer (benchmarks/load.py)."""

from django.http import HttpResponse
from django.urls import path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", bare)]
