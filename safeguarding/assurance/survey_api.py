"""API v1 for surveys and consultations: each survey with its dates and number of responses,
scoped as the pages are (the partnership's staff, through Survey.visible_to)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from safeguarding.assurance.models import Survey
from safeguarding.assurance.selectors import surveys as selectors
from safeguarding.core.api.permissions import RulePermission


class SurveySerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    responses = serializers.IntegerField(source="response_count", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "audience",
            "partnership",
            "opens_on",
            "closes_on",
            "status",
            "responses",
        ]

    def get_status(self, survey) -> str:
        """draft (questions not published), scheduled, open or closed."""
        return selectors.survey_status(survey)


@extend_schema_view(
    list=extend_schema(summary="List surveys and consultations with their number of responses"),
    retrieve=extend_schema(summary="One survey or consultation"),
)
class SurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SurveySerializer
    permission_classes = [RulePermission]
    rule_permissions = {"list": "assurance.view_surveys", "retrieve": "assurance.view_survey"}

    def get_queryset(self):
        return selectors.survey_list(user=self.request.user)
