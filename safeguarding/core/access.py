"""View decorators for access: every page needs sign-in (LoginRequiredMiddleware) unless it
is marked public, and staff pages also name the permission they need.

``require_permission`` sends an anonymous visitor to sign in and answers 403 to a signed-in
person without the permission. With ``fn``, the permission is checked against the object
the view is about (for rules that depend on the object's partnership).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

public = login_not_required


def require_permission(permission: str, fn: Callable | None = None) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = fn(request, *args, **kwargs) if fn is not None else None
            if not request.user.has_perm(permission, obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]  # URL sweep
        return wrapped

    return decorator
