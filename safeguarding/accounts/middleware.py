"""Request-wide context: the partnership the site belongs to, and the idle-session timeout."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.functional import SimpleLazyObject

from safeguarding.accounts.selectors import default_partnership

LAST_SEEN_KEY = "last_seen"


class PartnershipMiddleware:
    """``request.partnership``: the deployment's partnership, looked up only when used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.partnership = SimpleLazyObject(default_partnership)
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Sign a person out after SESSION_IDLE_MINUTES without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_SECONDS:
                # Signed out here; LoginRequiredMiddleware then sends the visitor to sign in
                # for any page that is not public.
                logout(request)
                messages.info(
                    request,
                    "You were signed out because you had not done anything for "
                    f"{settings.SESSION_IDLE_SECONDS // 60} minutes. Sign in again to continue.",
                )
            else:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
