"""View decorators for access: every page needs sign-in (LoginRequiredMiddleware) unless it
is marked public, and staff pages also name the permission they need.

``require_permission`` sends an anonymous visitor to sign in and answers 403 to a signed-in
person without the permission. With ``fn``, the permission is checked against the object
the view is about (for rules that depend on the object's partnership).

``object_loader`` makes that ``fn``, the one way to load a view's object (ADR 0022): through
the app's selector, scoped to what the person may see; 404 when they may not see it (its
existence is not confirmed); loaded once per request, so the decorator's permission check and
the view share the same record (the view calls the loader again, or reads
``request.view_object``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

public = login_not_required

_Loaded = TypeVar("_Loaded")


def view_object(request: HttpRequest, model: type[_Loaded]) -> _Loaded:
    """The record ``require_permission(fn=...)`` loaded for this view, as a ``model``."""
    obj = getattr(request, "view_object", None)
    if not isinstance(obj, model):
        raise TypeError(f"This view's permission check loaded no {model.__name__}.")
    return obj


def require_permission(permission: str, fn: Callable | None = None) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = fn(request, *args, **kwargs) if fn is not None else None
            if not request.user.has_perm(permission, obj):
                raise PermissionDenied
            if obj is not None:
                request.view_object = obj
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]  # URL sweep
        return wrapped

    return decorator


_LOADED = "_loaded_objects"


def object_loader(
    getter: Callable,
    what: str,
    *,
    on_missing: Callable[[HttpRequest, int], None] | None = None,
) -> Callable:
    """A loader for ``require_permission(fn=...)`` and its view: ``getter(user=, pk=)`` (a
    selector scoped with ``visible_to``) finds the record, once per request; a record the
    person may not see (or that does not exist) is a 404 naming only ``what``.
    ``on_missing(request, pk)`` runs first (to log a refused attempt at a confidential
    record)."""
    label = what.replace("_", " ")

    def load(request: HttpRequest, pk: int, *args, **kwargs):
        store = request.__dict__.setdefault(_LOADED, {})
        key = (what, int(pk))
        if key not in store:
            found = getter(user=request.user, pk=int(pk))
            if found is None:
                if on_missing is not None:
                    on_missing(request, pk)
                raise Http404(f"No such {label}")
            store[key] = found
        return store[key]

    load.__name__ = f"load_{what}"
    return load
