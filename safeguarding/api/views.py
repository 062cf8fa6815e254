"""API v1: partnerships and agencies. Same services, rules and scoping as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from safeguarding.accounts import selectors, services
from safeguarding.api.serializers import (
    AgencySerializer,
    PartnershipSerializer,
    PartnershipWriteSerializer,
)
from safeguarding.core.api.errors import as_drf_error as _as_drf_error
from safeguarding.core.api.permissions import RulePermission


@extend_schema_view(
    list=extend_schema(summary="List partnerships"),
    retrieve=extend_schema(summary="One partnership"),
    create=extend_schema(
        summary="Create a partnership (business unit)", request=PartnershipWriteSerializer
    ),
    partial_update=extend_schema(
        summary="Change a partnership (its business unit)", request=PartnershipWriteSerializer
    ),
)
class PartnershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PartnershipSerializer
    permission_classes = [RulePermission]
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]
    rule_permissions = {
        "list": "core.view_dashboard",
        "retrieve": "core.view_dashboard",
        "create": "accounts.add_partnership",
        "partial_update": "accounts.change_partnership",
    }

    def get_queryset(self):
        return selectors.partnership_list()

    def get_serializer_class(self):
        if self.action in {"create", "partial_update"}:
            return PartnershipWriteSerializer
        return PartnershipSerializer

    def perform_create(self, serializer):
        try:
            serializer.instance = services.partnership_create(
                actor=self.request.user, **serializer.validated_data
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "localities" in data:
            raise serializers.ValidationError(
                {"localities": "Localities are changed on the admin pages, not here."}
            )
        try:
            serializer.instance = services.partnership_update(
                actor=self.request.user, partnership=serializer.instance, **data
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None


@extend_schema_view(
    list=extend_schema(summary="List the agencies of your partnerships"),
    retrieve=extend_schema(summary="One agency"),
    create=extend_schema(summary="Add an agency (business unit)"),
    partial_update=extend_schema(summary="Change an agency (business unit)"),
)
class AgencyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AgencySerializer
    permission_classes = [RulePermission]
    http_method_names = ["get", "post", "patch", "head", "options"]
    rule_permissions = {
        "list": "accounts.view_agency_directory",
        "retrieve": "accounts.view_agency",
        "create": "accounts.add_agency",
        "partial_update": "accounts.change_agency",
    }

    def get_queryset(self):
        params = self.request.query_params
        filters = selectors.AgencyFilter(
            type=params.get("type", ""),
            sector=params.get("sector", ""),
            partnership=params.get("partnership", ""),
            locality=params.get("locality", ""),
            school_phase=params.get("school_phase", ""),
        )
        return selectors.agency_list(user=self.request.user, filters=filters)

    def _check_partnerships(self, partnerships) -> None:
        for partnership in partnerships:
            if not self.request.user.has_perm("accounts.add_agency", partnership):
                raise PermissionDenied(
                    f"You are not in the business unit of {partnership.name}, so you cannot "
                    "add or move agencies there."
                )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        partnerships = data.pop("partnerships")
        self._check_partnerships(partnerships)
        try:
            serializer.instance = services.agency_create(
                actor=self.request.user, partnerships=partnerships, **data
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        partnerships = data.pop("partnerships", None)
        if partnerships is not None:
            self._check_partnerships(partnerships)
        try:
            serializer.instance = services.agency_update(
                actor=self.request.user,
                agency=serializer.instance,
                partnerships=partnerships,
                **data,
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None
