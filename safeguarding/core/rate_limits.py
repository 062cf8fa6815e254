"""Rate limits shared by every web worker: counted in the database, by keyed hash.

The same approach as the training app's public-booking limits, for any request that must
not be repeated without end (password-reset emails). A limit counts requests per kind of
identity (the email address typed, the IP address it came from) in a sliding window; only
keyed hashes of the identities are stored, and only for the window.

    decision = rate_limit_check_and_count(
        scope="password-reset", identities={"email": (email, 5), "ip": (ip, 20)}, window=HOUR
    )
    if not decision.allowed: ...  # say "try again later", never whether the account exists
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from safeguarding.core.models import RateLimitHit


@dataclass(frozen=True)
class RateLimitDecision:
    allowed: bool
    exceeded: tuple[str, ...] = ()  # the kinds of identity over their limit


def _key(scope: str, kind: str, value: str) -> str:
    return salted_hmac(f"core.rate-limit.{scope}", f"{kind}:{value}").hexdigest()


def rate_limit_check_and_count(
    *,
    scope: str,
    identities: dict[str, tuple[str, int]],
    window: timedelta,
    now=None,
) -> RateLimitDecision:
    """Count one request against each identity; refuse when one is already at its limit.

    ``identities`` maps a kind ("email", "ip") to (value, most requests allowed in the
    window). A refused request is not counted, so waiting out the window always works.
    """
    now = now or timezone.now()
    keys = {
        kind: _key(scope, kind, value.strip().lower()) for kind, (value, _) in identities.items()
    }
    with transaction.atomic():
        RateLimitHit.objects.filter(scope=scope, created_at__lte=now - window).delete()
        recent = RateLimitHit.objects.filter(scope=scope, created_at__gt=now - window)
        exceeded = tuple(
            kind
            for kind, (_, limit) in identities.items()
            if recent.filter(key=keys[kind]).count() >= limit
        )
        if exceeded:
            return RateLimitDecision(allowed=False, exceeded=exceeded)
        RateLimitHit.objects.bulk_create(
            [RateLimitHit(scope=scope, key=key, created_at=now) for key in keys.values()]
        )
    return RateLimitDecision(allowed=True)


def client_ip(request: HttpRequest) -> str:
    """The address a request came from.

    Behind the TLS-terminating proxy production expects (``SECURE_PROXY_SSL_HEADER`` set),
    ``REMOTE_ADDR`` is the proxy, so the last ``X-Forwarded-For`` entry — the one our own
    proxy added, which a client cannot forge — is used when present.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:100]
    return request.META.get("REMOTE_ADDR", "")[:100] or "unknown"
