"""DRF permissions that ask the same rules as the pages (never a second copy of them)."""

from rest_framework import permissions


class RulePermission(permissions.BasePermission):
    """Maps each action to a rules permission named on the view as ``rule_permissions``."""

    def _perm(self, view) -> str | None:
        mapping = getattr(view, "rule_permissions", {})
        return mapping.get(view.action)

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        perm = self._perm(view)
        if perm is None:
            return False  # an action nobody named is denied
        if view.action in {"list", "create"}:
            return request.user.has_perm(perm)
        return True  # object actions are checked against the object below

    def has_object_permission(self, request, view, obj) -> bool:
        perm = self._perm(view)
        return perm is not None and request.user.has_perm(perm, obj)
