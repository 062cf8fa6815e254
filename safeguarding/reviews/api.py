"""API v1 for case reviews: read-only, scoped exactly as the pages (``visible_to``), with
every read of a single confidential record logged, and every list response logged once with
the confidential records on that page."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from safeguarding.core.api.params import id_filter, id_param
from safeguarding.core.api.permissions import RulePermission
from safeguarding.core.audit import audit_read
from safeguarding.reviews import selectors, services
from safeguarding.reviews.models import (
    Notification,
    RapidReview,
    Recommendation,
    Referral,
    Review,
)

PARTNERSHIP_FILTER = OpenApiParameter(
    "partnership", str, description="Only records of this partnership (its slug)"
)


class NotificationSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    notify_by = serializers.DateField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "partnership",
            "reference",
            "child_pseudonym",
            "age_band",
            "sex",
            "ethnicity",
            "disability",
            "nature",
            "looked_after",
            "themes",
            "became_aware_on",
            "notify_by",
            "notified_on",
        ]


class RapidReviewSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    child_pseudonym = serializers.CharField(source="notification.child_pseudonym", read_only=True)
    due_on = serializers.DateField(read_only=True)

    class Meta:
        model = RapidReview
        fields = [
            "id",
            "partnership",
            "notification",
            "child_pseudonym",
            "clock_start_event",
            "clock_start_on",
            "due_on",
            "meeting_on",
            "signed_off_on",
            "decision",
            "decided_on",
            "sent_to_panel_on",
            "panel_response",
            "panel_response_on",
        ]


class ReviewSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    target_publication_on = serializers.DateField(read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "partnership",
            "kind",
            "title",
            "status",
            "decided_on",
            "target_publication_on",
            "planned_publication_on",
            "advance_copy_sent_on",
            "published_on",
            "publication_url",
            "deferral_reason",
            "themes",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    review_title = serializers.CharField(source="review.title", read_only=True)
    owner_agency = serializers.SlugRelatedField(slug_field="name", read_only=True)
    owner_person = serializers.SlugRelatedField(slug_field="full_name", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "review",
            "review_title",
            "number",
            "text",
            "owner_agency",
            "owner_person",
            "target_on",
            "made_on",
            "status",
            "impact_grade",
            "update_due_on",
            "themes",
        ]


class ReferralSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    referring_agency = serializers.SlugRelatedField(slug_field="name", read_only=True)
    agencies_involved = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "partnership",
            "referring_agency",
            "child_pseudonym",
            "incident_on",
            "received_on",
            "themes",
            "agencies_involved",
            "status",
            "outcome",
            "decided_on",
            "notification",
        ]


class _LoggedReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [RulePermission]
    read_event = "core.record.viewed"
    list_event = "reviews.records.list_viewed"

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        services.list_view_record(
            actor=request.user,
            event=self.list_event,
            ids=selectors.confidential_pks(rows),
            filters=services.query_filters(request.query_params),
            path=request.path,
        )
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        if self.should_log(instance):
            audit_read(actor=request.user, target=instance, event=self.read_event)
        return super().retrieve(request, *args, **kwargs)

    def should_log(self, instance) -> bool:
        return True

    def _partnership(self, queryset, field: str = "partnership__slug"):
        slug = self.request.query_params.get("partnership")
        return queryset.filter(**{field: slug}) if slug else queryset


@extend_schema_view(
    list=extend_schema(
        summary="Serious incident notifications (each response is logged)",
        parameters=[PARTNERSHIP_FILTER],
    ),
    retrieve=extend_schema(summary="One notification (the read is logged)"),
)
class NotificationViewSet(_LoggedReadViewSet):
    serializer_class = NotificationSerializer
    rule_permissions = {"list": "reviews.view_casework", "retrieve": "reviews.view_notification"}
    read_event = "reviews.notification.viewed"
    list_event = "reviews.notifications.list_viewed"

    def get_queryset(self):
        return self._partnership(selectors.notification_list(user=self.request.user))


@extend_schema_view(
    list=extend_schema(
        summary="Rapid reviews (each response is logged)", parameters=[PARTNERSHIP_FILTER]
    ),
    retrieve=extend_schema(summary="One rapid review (the read is logged)"),
)
class RapidReviewViewSet(_LoggedReadViewSet):
    serializer_class = RapidReviewSerializer
    rule_permissions = {"list": "reviews.view_casework", "retrieve": "reviews.view_rapid_review"}
    read_event = "reviews.rapid_review.viewed"
    list_event = "reviews.rapid_reviews.list_viewed"

    def get_queryset(self):
        return self._partnership(selectors.rapid_review_list(user=self.request.user))


@extend_schema_view(
    list=extend_schema(
        summary="Reviews: local, thematic, joint (responses naming unpublished ones are logged)",
        parameters=[PARTNERSHIP_FILTER, OpenApiParameter("status", str)],
    ),
    retrieve=extend_schema(summary="One review (reads of unpublished reviews are logged)"),
)
class ReviewViewSet(_LoggedReadViewSet):
    serializer_class = ReviewSerializer
    rule_permissions = {"list": "reviews.view_reviews", "retrieve": "reviews.view_review"}
    read_event = "reviews.review.viewed"
    list_event = "reviews.reviews.list_viewed"

    def get_queryset(self):
        status = self.request.query_params.get("status", "")
        filters = selectors.ReviewFilter(status=status)
        return self._partnership(selectors.review_list(user=self.request.user, filters=filters))

    def should_log(self, instance) -> bool:
        return not instance.is_published


@extend_schema_view(
    list=extend_schema(
        summary="Recommendations (responses naming those of unpublished reviews are logged)",
        parameters=[
            OpenApiParameter("status", str),
            id_filter("owner_agency", "Only recommendations owned by this agency (its id)"),
        ],
    ),
    retrieve=extend_schema(summary="One recommendation (the read is logged)"),
)
class RecommendationViewSet(_LoggedReadViewSet):
    serializer_class = RecommendationSerializer
    rule_permissions = {
        "list": "reviews.view_recommendations",
        "retrieve": "reviews.view_recommendation",
    }
    read_event = "reviews.recommendation.viewed"
    list_event = "reviews.recommendations.list_viewed"

    def get_queryset(self):
        params = self.request.query_params
        filters = selectors.RecommendationFilter(
            status=params.get("status", ""),
            agency=id_param(params, "owner_agency", label="the agency's id"),
        )
        return selectors.recommendation_list(user=self.request.user, filters=filters)


@extend_schema_view(
    list=extend_schema(
        summary="Referrals for review (each response is logged)",
        parameters=[PARTNERSHIP_FILTER, OpenApiParameter("status", str)],
    ),
    retrieve=extend_schema(summary="One referral (the read is logged)"),
)
class ReferralViewSet(_LoggedReadViewSet):
    serializer_class = ReferralSerializer
    rule_permissions = {"list": "reviews.view_referrals", "retrieve": "reviews.view_referral"}
    read_event = "reviews.referral.viewed"
    list_event = "reviews.referrals.list_viewed"

    def get_queryset(self):
        filters = selectors.ReferralFilter(status=self.request.query_params.get("status", ""))
        referrals = selectors.referral_list(
            user=self.request.user, filters=filters
        ).prefetch_related("agencies_involved")
        return self._partnership(referrals)
