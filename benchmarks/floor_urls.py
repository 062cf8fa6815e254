"""The floor's one URL: a view that does nothing but answer (benchmarks/load.py)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path


@login_not_required  # the production middleware sends everyone else to sign in
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", bare)]
