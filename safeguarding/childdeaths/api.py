"""API v1 for child deaths: read-only, exactly the issue's fields, scoped as the pages (the
CDOP people of the death's partnerships), every response logged."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from safeguarding.childdeaths import audit_events, selectors, services
from safeguarding.childdeaths.models import ChildDeath
from safeguarding.core.api.permissions import RulePermission


class ChildDeathSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChildDeath
        fields = [
            "reference",
            "age_band",
            "expected",
            "notified_on",
            "panel_reviewed_on",
            "category",
            "modifiable",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Child deaths (CDOP only; each response is logged)",
        parameters=[
            OpenApiParameter("year", int, description="Only deaths in this calendar year"),
            OpenApiParameter("status", str, description="notified, queued, reviewed or closed"),
        ],
    ),
    retrieve=extend_schema(summary="One child death by its reference (the read is logged)"),
)
class ChildDeathViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ChildDeathSerializer
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "childdeaths.view_childdeaths",
        "retrieve": "childdeaths.view_childdeaths",
    }
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("year", "")
        return selectors.death_list(
            user=self.request.user,
            filters=selectors.DeathFilter(
                status=params.get("status", ""), year=int(year) if year.isdigit() else None
            ),
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        services.death_list_view_record(
            actor=request.user,
            event=audit_events.DEATH_LIST_VIEW,
            references=[row.reference for row in rows],
            path=request.get_full_path(),
        )
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        services.death_view_record(actor=request.user, death=instance)
        return Response(self.get_serializer(instance).data)
