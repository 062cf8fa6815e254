"""API v1 for the library: resources, procedures, campaigns and "You said, we did".

Read-only and scoped exactly as the public pages: anyone reads what the public pages show;
a business unit's token (or session) also reads its own partnership's drafts, as on the
pages. Usage figures are all-time counts, never about a person.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets

from safeguarding.accounts.models import Partnership
from safeguarding.library.models import Campaign, CampaignReach, Procedure, Resource, YouSaidWeDid
from safeguarding.library.selectors import campaigns as campaign_selectors
from safeguarding.library.selectors import procedures as procedure_selectors
from safeguarding.library.selectors import resources as resource_selectors
from safeguarding.planning.models import Theme


class ResourceSerializer(serializers.ModelSerializer):
    themes: serializers.SlugRelatedField[Theme] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    views = serializers.IntegerField(source="total_views", read_only=True)
    downloads = serializers.IntegerField(source="total_downloads", read_only=True)
    plays = serializers.IntegerField(source="total_plays", read_only=True)
    url = serializers.SerializerMethodField(help_text="The resource's public page")

    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "kind",
            "summary",
            "themes",
            "audiences",
            "status",
            "link",
            "published_on",
            "review_on",
            "views",
            "downloads",
            "plays",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, resource) -> str:
        return self.context["request"].build_absolute_uri(resource.get_absolute_url())


class ProcedureSerializer(serializers.ModelSerializer):
    version = serializers.SerializerMethodField(help_text="The current version, or null")
    effective_on = serializers.SerializerMethodField()
    partnerships: serializers.SlugRelatedField[Partnership] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = Procedure
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "status_note",
            "version",
            "effective_on",
            "review_due_on",
            "partnerships",
        ]
        read_only_fields = fields

    def get_version(self, procedure) -> str | None:
        current = procedure_selectors.current_version(procedure)
        return current.version if current else None

    def get_effective_on(self, procedure) -> str | None:
        current = procedure_selectors.current_version(procedure)
        return current.effective_on.isoformat() if current else None


class ReachSerializer(serializers.ModelSerializer):
    class Meta:
        model = CampaignReach
        fields = ["channel", "measure", "figure"]
        read_only_fields = fields


class PublicCampaignSerializer(serializers.ModelSerializer):
    themes: serializers.SlugRelatedField[Theme] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    priority = serializers.CharField(
        source="priority.title", read_only=True, default=None, allow_null=True
    )
    reach = ReachSerializer(many=True, read_only=True)
    people_reached = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "starts_on",
            "ends_on",
            "aims",
            "themes",
            "priority",
            "channels",
            "reach",
            "people_reached",
        ]
        read_only_fields = fields

    def get_people_reached(self, campaign) -> int:
        return campaign_selectors.people_reached(campaign)


class YouSaidWeDidSerializer(serializers.ModelSerializer):
    campaign = serializers.CharField(
        source="campaign.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = YouSaidWeDid
        fields = ["id", "you_said", "we_did", "status", "said_on", "campaign", "decision_label"]
        read_only_fields = fields


class _PublicReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]


@extend_schema_view(
    list=extend_schema(summary="Resources in the library, with their usage (public)"),
    retrieve=extend_schema(summary="One resource (public)"),
)
class ResourceViewSet(_PublicReadOnly):
    serializer_class = ResourceSerializer

    def get_queryset(self):
        return resource_selectors.with_usage(
            resource_selectors.resource_list(user=self.request.user)
        )


@extend_schema_view(
    list=extend_schema(summary="Policies, procedures and protocols (public)"),
    retrieve=extend_schema(summary="One procedure (public)"),
)
class ProcedureViewSet(_PublicReadOnly):
    serializer_class = ProcedureSerializer

    def get_queryset(self):
        return procedure_selectors.procedure_list(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Campaigns with their reach (public)"),
    retrieve=extend_schema(summary="One campaign (public)"),
)
class CampaignViewSet(_PublicReadOnly):
    serializer_class = PublicCampaignSerializer

    def get_queryset(self):
        return campaign_selectors.campaign_list(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary='The "You said, we did" board (public)'),
    retrieve=extend_schema(summary='One "You said, we did" entry (public)'),
)
class YouSaidWeDidViewSet(_PublicReadOnly):
    serializer_class = YouSaidWeDidSerializer

    def get_queryset(self):
        return campaign_selectors.you_said_we_did_list(user=self.request.user)
