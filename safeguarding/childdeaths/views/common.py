"""What every child death page shares: permission checks whose refusals are logged, and
loading a death only through the person's scope."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from safeguarding.childdeaths import audit_events, selectors, services

PAGE_SIZE = 50


def cdop_permission(permission: str) -> Callable:
    """Like ``core.access.require_permission``, and a refusal is written to the audit log:
    practitioners, agency leads and people of other partnerships who try a child death page
    leave a trace."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                services.refusal_record(
                    actor=request.user, event=audit_events.DEATH_REFUSED, path=request.path
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]  # URL sweep
        return wrapped

    return decorator


def load_death(request: HttpRequest, pk: int, *, log_view: bool = True):
    """The death if the person may see it (the view is logged), else a logged refusal and
    404, so its existence is not confirmed."""
    death = selectors.death_get(user=request.user, pk=int(pk))
    if death is None:
        services.refusal_record(
            actor=request.user, event=audit_events.DEATH_REFUSED, path=request.path
        )
        raise Http404("No such child death record")
    if log_view and request.method == "GET":
        services.death_view_record(actor=request.user, death=death)
    return death
