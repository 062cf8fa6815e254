"""Public pages served from the cache to visitors who are not signed in (ADR 0030).

The public site (home, key messages, the training catalogue, the learning library…) is
read by many more people than write to it, and every visitor who is not signed in sees the
same page. So a page whose URL name is registered here is kept in the cache, keyed by host
and full path, and served from it to the next visitor without running the view.

What keeps this safe:

* **Only for visitors without a session or messages cookie**: a signed-in person never gets
  a cached page and never fills the cache, so nothing confidential can enter it.
* **Only registered pages** (``register("app:url-name")`` from an app's capabilities.py) that
  are public views (``login_not_required``), and only ``200`` HTML responses that set no
  cookie and hold no CSRF token (a page with a form is never cached). Pages that count their
  views (a resource's usage) must not register: a cached page runs no view.
* **Invalidated on every change**: any save or delete of a model of the platform's apps bumps
  a generation number that is part of every key, so a publication, a correction or a
  withdrawal shows at once. High-churn records that no public page shows (audit events,
  sessions, heartbeats, usage counters) are excluded with ``ignore(Model)``. Writes that
  bypass signals (``QuerySet.update``) are covered by a short lifetime
  (``PUBLIC_PAGE_CACHE_SECONDS``, 60 s by default).

The cache is Django's default cache: local memory in the embedded default (per process),
Redis in production when ``REDIS_URL`` is set (shared by every web process).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

GENERATION_KEY = "public-pages:generation"
_PAGES: set[str] = set()
_IGNORED: set[str] = set()
_DEFAULT_SECONDS = 60


def register(*url_names: str) -> None:
    """Cache these public pages (URL names such as ``governance:key-message-archive``)."""
    _PAGES.update(url_names)


def ignore(*models) -> None:
    """Saves of these models do not invalidate public pages (no public page shows them)."""
    _IGNORED.update(model._meta.label_lower for model in models)


def registered() -> frozenset[str]:
    return frozenset(_PAGES)


def generation() -> int:
    return int(cache.get_or_set(GENERATION_KEY, 1, timeout=None) or 1)


def invalidate() -> None:
    """Every cached public page is out of date from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _seconds() -> int:
    return getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", _DEFAULT_SECONDS)


def _platform_model(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.label_lower in _IGNORED:
        return False
    return meta.app_config is not None and meta.app_config.name.startswith("safeguarding.")


def _changed(sender, **kwargs) -> None:
    if _platform_model(sender):
        invalidate()


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and _platform_model(type(instance)):
        invalidate()


def connect_signals() -> None:
    post_save.connect(_changed, dispatch_uid="public-cache-save")
    post_delete.connect(_changed, dispatch_uid="public-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-cache-m2m")


class PublicPageCacheMiddleware:
    """Serve and keep registered public pages for visitors who are not signed in.

    Placed after the authentication, messages and clickjacking middleware, so that a cached
    response still passes out through the security, CSP and frame headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._anonymous_read(request):
            return self.get_response(request)
        key = f"public-pages:{generation()}:{request.get_host()}:{request.get_full_path()}"
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            response = HttpResponse(content, content_type=content_type)
            response["X-Public-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._keepable(request, response):
            cache.set(key, (response.content, response["Content-Type"]), _seconds())
            response["X-Public-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        request._public_cache_page = (
            match is not None
            and match.view_name in _PAGES
            and getattr(view_func, "login_required", True) is False
        )
        return None

    @staticmethod
    def _anonymous_read(request) -> bool:
        if request.method not in ("GET", "HEAD") or not _seconds():
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def _keepable(request, response) -> bool:
        return (
            getattr(request, "_public_cache_page", False)
            and not request.user.is_authenticated
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith(("text/html", "application/"))
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and b"csrfmiddlewaretoken" not in response.content
        )
