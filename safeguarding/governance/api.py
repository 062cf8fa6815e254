"""API v1 for governance: key messages (public), themes, priorities, bodies, meetings and
actions. The same selectors, rules and scoping as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from safeguarding.core.api.errors import as_drf_error as _as_drf_error
from safeguarding.core.api.params import id_filter, id_param
from safeguarding.core.api.permissions import RulePermission
from safeguarding.governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    KeyMessage,
    Meeting,
)
from safeguarding.governance.selectors import actions as action_selectors
from safeguarding.governance.selectors import key_messages as key_message_selectors
from safeguarding.governance.selectors import meetings as meeting_selectors
from safeguarding.governance.selectors import plans as plan_selectors
from safeguarding.governance.services import actions as action_services
from safeguarding.planning.models import Priority, Theme


class KeyMessageSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    url = serializers.SerializerMethodField(help_text="The message's public web page")
    partnership = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    meeting_date = serializers.DateField()
    body = serializers.CharField(help_text="Markdown")
    body_html = serializers.CharField(help_text="The body as sanitised HTML")
    financial_year = serializers.CharField(source="financial_year_label")

    class Meta:
        model = KeyMessage
        fields = [
            "id",
            "url",
            "partnership",
            "title",
            "meeting_date",
            "meeting_date_precision",
            "meeting_title",
            "financial_year",
            "body",
            "body_html",
            "themes",
            "published_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, message: KeyMessage) -> str:
        return _absolute(self, reverse("governance:key-message-detail", args=[message.pk]))


@extend_schema_view(
    list=extend_schema(
        summary="Published key messages (public)",
        parameters=[
            OpenApiParameter(
                "partnership", OpenApiTypes.STR, description="A partnership's slug, like essex"
            )
        ],
    ),
    retrieve=extend_schema(summary="One published key message (public)"),
)
class KeyMessageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Key messages are public once published: no token is needed to read them."""

    serializer_class = KeyMessageSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return key_message_selectors.key_message_api_list(
            partnership_slug=self.request.query_params.get("partnership", "")
        )


# Themes and priorities: public, like the business plan. ------------------------------------


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "name", "slug", "description", "is_active"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="The theme taxonomy (public)"),
    retrieve=extend_schema(summary="One theme (public)"),
)
class ThemeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ThemeSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    lookup_field = "slug"

    def get_queryset(self):
        return plan_selectors.theme_list()


class PrioritySerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(
        source="plan.partnership", slug_field="slug", read_only=True
    )
    plan = serializers.CharField(source="plan.title", read_only=True)
    plan_starts_on = serializers.DateField(source="plan.starts_on", read_only=True)
    plan_ends_on = serializers.DateField(source="plan.ends_on", read_only=True)
    lead_body = serializers.SerializerMethodField()
    measures = serializers.ListField(source="measure_list", child=serializers.CharField())
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Priority
        fields = [
            "id",
            "url",
            "partnership",
            "plan",
            "plan_starts_on",
            "plan_ends_on",
            "title",
            "description",
            "lead_body",
            "measures",
            "themes",
        ]
        read_only_fields = fields

    def get_lead_body(self, priority: Priority) -> str:
        return priority.lead_body.name if priority.lead_body_id else priority.lead_body_name

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, priority: Priority) -> str:
        return _absolute(self, reverse("governance:priority-detail", args=[priority.pk]))


@extend_schema_view(
    list=extend_schema(
        summary="Business plan priorities (public)",
        parameters=[OpenApiParameter("partnership", OpenApiTypes.STR)],
    ),
    retrieve=extend_schema(summary="One priority (public)"),
)
class PriorityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PrioritySerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return plan_selectors.priority_api_list(
            partnership_slug=self.request.query_params.get("partnership", "")
        )


# Bodies and meetings: for people with a role in the partnership. --------------------------


class BodySerializer(serializers.ModelSerializer):
    partnerships = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    reports_to = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    quorum_rule = serializers.CharField(read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "short_name",
            "type",
            "partnerships",
            "reports_to",
            "purpose",
            "terms_of_reference",
            "quorum_minimum",
            "quorum_needs_statutory_partners",
            "quorum_rule",
            "meeting_frequency",
            "is_active",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Bodies of your partnerships"),
    retrieve=extend_schema(summary="One body"),
)
class BodyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BodySerializer
    permission_classes = [RulePermission]
    rule_permissions = {"list": "governance.view_bodies", "retrieve": "governance.view_body"}

    def get_queryset(self):
        return meeting_selectors.body_list(user=self.request.user, include_inactive=True)


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "presenter", "is_confidential"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    """Everyone who may see the meeting gets its public fields; the online link and the
    confidential agenda items go only to members, the business unit and chairs."""

    body = serializers.PrimaryKeyRelatedField(read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    online_link = serializers.SerializerMethodField()
    agenda = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "body",
            "body_name",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "is_cancelled",
            "agenda",
        ]
        read_only_fields = fields

    def _insider(self, meeting: Meeting) -> bool:
        return meeting.body_id in self.context.get("insider_body_ids", set())

    def get_online_link(self, meeting: Meeting) -> str:
        return meeting.online_link if self._insider(meeting) else ""

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: Meeting) -> list[dict]:
        insider = self._insider(meeting)
        items = [i for i in meeting.agenda_items.all() if insider or not i.is_confidential]
        return AgendaItemSerializer(items, many=True).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, meeting: Meeting) -> str:
        return _absolute(self, reverse("governance:meeting-detail", args=[meeting.pk]))


@extend_schema_view(
    list=extend_schema(
        summary="Meetings you may see",
        parameters=[
            id_filter("body", "Only meetings of this body (its id)"),
            OpenApiParameter("when", OpenApiTypes.STR, enum=["upcoming", "past"]),
        ],
    ),
    retrieve=extend_schema(summary="One meeting"),
)
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MeetingSerializer
    permission_classes = [RulePermission]
    rule_permissions = {"list": "governance.view_bodies", "retrieve": "governance.view_meeting"}

    def get_queryset(self):
        params = self.request.query_params
        return meeting_selectors.meeting_api_list(
            user=self.request.user,
            body=id_param(params, "body", label="the body's id"),
            when=params.get("when", ""),
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["insider_body_ids"] = meeting_selectors.insider_body_ids(user=self.request.user)
        return context


# Actions: scoped to who may see them; the owner adds updates. -----------------------------


class ActionUpdateSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", read_only=True, default="")

    class Meta:
        model = ActionUpdate
        fields = ["id", "text", "status", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class ActionSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.full_name", read_only=True)
    owner_email = serializers.EmailField(source="owner.email", read_only=True)
    owner_agency = serializers.CharField(
        source="owner_agency.name", read_only=True, default=None, allow_null=True
    )
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    body = serializers.CharField(source="meeting.body.name", read_only=True)
    priority = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "url",
            "title",
            "description",
            "owner",
            "owner_email",
            "owner_agency",
            "meeting",
            "body",
            "due_on",
            "status",
            "is_overdue",
            "completed_on",
            "priority",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, action: Action) -> str:
        return _absolute(self, reverse("governance:action-detail", args=[action.pk]))


@extend_schema_view(
    list=extend_schema(
        summary="Actions you may see",
        parameters=[
            OpenApiParameter("mine", OpenApiTypes.BOOL),
            OpenApiParameter("overdue", OpenApiTypes.BOOL),
            OpenApiParameter("status", OpenApiTypes.STR),
            id_filter("body", "Only actions from meetings of this body (its id)"),
        ],
    ),
    retrieve=extend_schema(summary="One action"),
    updates=extend_schema(
        summary="Add an update to an action (its owner, the business unit or a chair)",
        request=ActionUpdateSerializer,
        responses={201: ActionUpdateSerializer},
    ),
)
class ActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ActionSerializer
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "governance.view_actions",
        "retrieve": "governance.view_action",
        "updates": "governance.update_action",
    }

    def get_queryset(self):
        params = self.request.query_params
        filters = action_selectors.ActionFilter(
            mine=params.get("mine") in {"1", "true", "yes"},
            overdue=params.get("overdue") in {"1", "true", "yes"},
            status=params.get("status", ""),
            body=id_param(params, "body", label="the body's id"),
        )
        return action_selectors.action_list(user=self.request.user, filters=filters)

    @action(detail=True, methods=["post"], serializer_class=ActionUpdateSerializer)
    def updates(self, request, pk=None):
        target = self.get_object()
        serializer = ActionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            update = action_services.action_add_update(
                actor=request.user, action=target, **serializer.validated_data
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None
        return Response(ActionUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path
