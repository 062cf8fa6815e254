"""Helpers the training pages share."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from safeguarding.core import exports


def client_ip(request: HttpRequest) -> str:
    """The address a request came from.

    Behind the TLS-terminating proxy production expects (``SECURE_PROXY_SSL_HEADER`` set),
    ``REMOTE_ADDR`` is the proxy itself, so the last ``X-Forwarded-For`` entry — the one
    our own proxy added, which a client cannot forge — is used when present.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:100]
    return request.META.get("REMOTE_ADDR", "")[:100] or "unknown"


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    # With a byte-order mark, so spreadsheet programs read the pound sign correctly.
    return exports.csv_response(filename, header, rows, byte_order_mark=True)
