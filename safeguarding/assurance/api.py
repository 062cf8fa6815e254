"""API v1 for assurance: audit templates, campaigns with their live return rate and results,
and returns scoped to their organisation and the partnership's staff (the moderators).
Same selectors, rules and scoping as the pages."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from safeguarding.assurance.answers import answer_summary
from safeguarding.assurance.models import (
    Answer,
    AuditReturn,
    AuditTemplate,
    Campaign,
    TemplateQuestion,
    TemplateSection,
    TemplateVersion,
)
from safeguarding.assurance.selectors import campaigns as campaign_selectors
from safeguarding.assurance.selectors import returns as return_selectors
from safeguarding.assurance.selectors import templates as template_selectors
from safeguarding.assurance.selectors.results import campaign_results
from safeguarding.core.api.params import id_filter, id_param
from safeguarding.core.api.permissions import RulePermission

# Templates ------------------------------------------------------------------------------


class RatingLevelSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()
    colour = serializers.CharField()
    outcome = serializers.CharField()
    description = serializers.CharField()


class QuestionSerializer(serializers.ModelSerializer):
    scale = serializers.SerializerMethodField()
    scale_kind = serializers.SerializerMethodField()

    class Meta:
        model = TemplateQuestion
        fields = [
            "key",
            "reference",
            "text",
            "guidance",
            "evidence_expected",
            "answer_type",
            "required",
            "allows_not_applicable",
            "evidence_required",
            "moderated",
            "scale",
            "scale_kind",
        ]

    def get_scale_kind(self, question) -> str | None:
        """score, maturity, yes_no or yes_no_partly (None for an unrated question)."""
        return question.scale.kind if question.scale is not None else None

    @extend_schema_field(RatingLevelSerializer(many=True, allow_null=True))
    def get_scale(self, question) -> list[dict] | None:
        if question.scale is None:
            return None
        return RatingLevelSerializer(question.scale.levels.all(), many=True).data


class SectionSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = TemplateSection
        fields = ["number", "title", "description", "is_domain", "questions"]


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = TemplateVersion
        fields = ["id", "number", "status", "published_at", "notes"]


class ExtraFieldSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField()


class VersionSerializer(VersionSummarySerializer):
    sections = SectionSerializer(many=True, read_only=True)
    extra_fields = ExtraFieldSerializer(many=True, read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "sections", "extra_fields"]


class AuditTemplateSerializer(serializers.ModelSerializer):
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = AuditTemplate
        fields = ["id", "name", "slug", "kind", "description", "versions"]


class AuditTemplateDetailSerializer(AuditTemplateSerializer):
    current_version = serializers.SerializerMethodField()

    class Meta(AuditTemplateSerializer.Meta):
        fields = [*AuditTemplateSerializer.Meta.fields, "current_version"]

    @extend_schema_field(VersionSerializer(allow_null=True))
    def get_current_version(self, template) -> dict | None:
        versions = list(template.versions.all())
        published = [v for v in versions if v.status == "published"] or versions
        if not published:
            return None
        version = template_selectors.version_with_questions(pk=published[0].pk)
        return VersionSerializer(version).data


@extend_schema_view(
    list=extend_schema(summary="List audit templates (partnership staff)"),
    retrieve=extend_schema(
        summary="One audit template, with its current version's sections and standards"
    ),
)
class AuditTemplateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "assurance.view_templates",
        "retrieve": "assurance.view_template",
    }

    def get_queryset(self):
        return template_selectors.template_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return AuditTemplateDetailSerializer
        return AuditTemplateSerializer


# Campaigns ------------------------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    joint_partnerships = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    template = serializers.CharField(source="version.template.name", read_only=True)
    template_kind = serializers.CharField(source="version.template.kind", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    invited = serializers.IntegerField(source="invited_count", read_only=True)
    returned = serializers.IntegerField(source="returned_count", read_only=True)
    return_rate = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="% of invited organisations (not exempt) that have returned",
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "partnership",
            "joint_partnerships",
            "template",
            "template_kind",
            "version",
            "opens_on",
            "closes_on",
            "status",
            "audience_summary",
            "invited",
            "returned",
            "return_rate",
        ]


class RateRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    invited = serializers.IntegerField()
    returned = serializers.IntegerField()
    exempt = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


class StandardResultSerializer(serializers.Serializer):
    reference = serializers.CharField(source="question.reference")
    key = serializers.CharField(source="question.key")
    text = serializers.CharField(source="question.text")
    fully_met = serializers.IntegerField(source="tally.met")
    partly_met = serializers.IntegerField(source="tally.partly")
    not_met = serializers.IntegerField(source="tally.not_met")
    not_applicable = serializers.IntegerField(source="tally.not_applicable")
    pct_fully_met = serializers.FloatField(source="tally.pct_met", allow_null=True)
    pct_partly_met = serializers.FloatField(source="tally.pct_partly", allow_null=True)
    pct_not_met = serializers.FloatField(source="tally.pct_not_met", allow_null=True)
    previous_pct_fully_met = serializers.FloatField(source="previous_pct_met", allow_null=True)
    change = serializers.FloatField(allow_null=True)


class CampaignResultsSerializer(serializers.Serializer):
    returns = serializers.IntegerField()
    standards = StandardResultSerializer(many=True)
    return_rate_by = serializers.DictField(child=RateRowSerializer(many=True))


@extend_schema_view(
    list=extend_schema(
        summary="List audit campaigns with their live return rate",
        parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=["draft", "open", "closed"])],
    ),
    retrieve=extend_schema(summary="One audit campaign with its live return rate"),
)
class AuditCampaignViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = CampaignSerializer
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "assurance.view_campaigns",
        "retrieve": "assurance.view_campaigns",
        "results": "assurance.view_results",
    }

    def get_queryset(self):
        return campaign_selectors.campaign_list(
            user=self.request.user, status=self.request.query_params.get("status", "")
        )

    @extend_schema(
        summary="Results per standard (N/A left out) and the return rate breakdowns",
        responses=CampaignResultsSerializer,
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        campaign = self.get_object()
        results = campaign_results(campaign=campaign)
        rate = campaign_selectors.return_rate(campaign=campaign)
        data = {
            "returns": results.returns,
            "standards": results.standards,
            "return_rate_by": rate.breakdowns,
        }
        return Response(CampaignResultsSerializer(data).data)


# Returns --------------------------------------------------------------------------------


class AnswerSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="question.reference")
    key = serializers.CharField(source="question.key")
    rating = serializers.IntegerField(source="rating.value", allow_null=True, default=None)
    moderated_rating = serializers.IntegerField(
        source="moderated_rating.value", allow_null=True, default=None
    )
    summary = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "reference",
            "key",
            "rating",
            "not_applicable",
            "not_applicable_reason",
            "yes_no",
            "number",
            "text",
            "evidence",
            "moderated_rating",
            "moderator_comment",
            "extra",
            "summary",
        ]

    def get_summary(self, answer) -> str:
        return answer_summary(answer)


class AuditReturnSerializer(serializers.ModelSerializer):
    campaign = serializers.PrimaryKeyRelatedField(read_only=True)
    campaign_title = serializers.CharField(source="campaign.title", read_only=True)
    agency = serializers.PrimaryKeyRelatedField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    case_reference = serializers.CharField(
        source="case.reference", default=None, allow_null=True, read_only=True
    )
    lead = serializers.EmailField(
        source="lead.email", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = AuditReturn
        fields = [
            "id",
            "campaign",
            "campaign_title",
            "agency",
            "agency_name",
            "case_reference",
            "status",
            "lead",
            "started_at",
            "submitted_at",
            "moderated_at",
        ]


class AuditReturnDetailSerializer(AuditReturnSerializer):
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta(AuditReturnSerializer.Meta):
        fields = [*AuditReturnSerializer.Meta.fields, "answers"]


@extend_schema_view(
    list=extend_schema(
        summary="List the audit returns you may see (your organisation's, or your "
        "partnership's if you are its staff)",
        parameters=[
            id_filter("campaign", "Only returns of this campaign (its id)"),
            OpenApiParameter("status", OpenApiTypes.STR),
        ],
    ),
    retrieve=extend_schema(summary="One audit return with its answers"),
)
class AuditReturnViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "assurance.use_assurance",
        "retrieve": "assurance.view_return",
    }

    def get_queryset(self):
        returns = return_selectors.api_returns(
            user=self.request.user, with_answers=self.action == "retrieve"
        )
        params = self.request.query_params
        campaign = id_param(params, "campaign", label="the campaign's id")
        if campaign is not None:
            returns = returns.filter(campaign_id=campaign)
        if params.get("status"):
            returns = returns.filter(status=params["status"])
        return returns

    def get_serializer_class(self):
        if self.action == "retrieve":
            return AuditReturnDetailSerializer
        return AuditReturnSerializer
