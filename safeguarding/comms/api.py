"""API v1 for bulletins: each sent edition with its figures (ADR 0005), scoped as the
open-rates page: the business unit and chair of the edition's partnership."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from safeguarding.accounts.models import Partnership
from safeguarding.comms.models import Bulletin
from safeguarding.comms.selectors.bulletins import api_bulletins
from safeguarding.core.api.permissions import RulePermission


class BulletinSerializer(serializers.ModelSerializer):
    partnership: serializers.SlugRelatedField[Partnership] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    open_rate = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="Unique opens as a percentage of emails delivered (null when none delivered).",
    )

    class Meta:
        model = Bulletin
        fields = [
            "id",
            "partnership",
            "title",
            "sent_at",
            "recipients",
            "delivered",
            "unique_opens",
            "open_rate",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Sent bulletins with recipients, unique opens and open rate"),
    retrieve=extend_schema(summary="One sent bulletin with its figures"),
)
class BulletinViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BulletinSerializer
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "comms.view_bulletin_stats",
        "retrieve": "comms.view_bulletin_stats",
    }

    def get_queryset(self):
        return api_bulletins(user=self.request.user)
