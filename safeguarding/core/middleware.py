"""Response headers every page needs (confidential pages are never kept in a cache), and the
audit channel of the request."""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.cache import add_never_cache_headers

from safeguarding.core.channels import audit_channel, channel_for_path


class AuditChannelMiddleware:
    """Audit events written while answering a request come through the pages or the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit_channel(channel_for_path(request.path_info)):
            return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in person (or API token).

    Pages, CSV and Excel exports and document downloads about children must not stay in
    the browser's cache or a shared proxy after the person signs out. The simplest rule that
    cannot miss a page: every response to a signed-in caller is not stored, except a public
    page that chose its own caching (the brand stylesheet). Static files never reach this
    middleware (WhiteNoise answers them first). The user is read after the view ran, so
    API requests authenticated by a token (set by Django REST framework) count too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        if getattr(request, "_public_view", False) and response.has_header("Cache-Control"):
            return response
        add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._public_view = getattr(view_func, "login_required", True) is False
        return None


NUL_MESSAGE = (
    "The address contains a NUL character (%00), which no field can hold. Remove it and try again."
)


class RefuseNulInQueryMiddleware:
    """A query parameter holding a NUL character is refused with 400 for every page and API.

    PostgreSQL cannot hold NUL in text, so a filter given one would fail deep in the query
    (a 500); SQLite would quietly search for it. One check here covers every filter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE)
        return self.get_response(request)
