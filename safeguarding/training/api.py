"""API v1 for training: courses, sessions (capacity, booked, waiting) and bookings.

Scoped exactly as the pages (``visible_to``); bookings are made and cancelled through the
same services, so the API applies the same rules (capacity, prerequisites, duplicates).
Through the API a person books themselves; an agency safeguarding lead also books people
from their agency; the business unit books anyone on sessions it manages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from safeguarding.accounts.models import Sector
from safeguarding.core.api.errors import as_drf_error as _as_drf_error
from safeguarding.core.api.fields import EmailOrNullField
from safeguarding.core.api.params import IdField, id_filter, id_param
from safeguarding.core.api.permissions import RulePermission
from safeguarding.training import selectors, services
from safeguarding.training.models import Attendance, Booking, Course, Session


class CourseSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    priority = serializers.CharField(
        source="priority.title", read_only=True, default=None, allow_null=True
    )
    prerequisites = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    learning_outcomes = serializers.SerializerMethodField()
    fees = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = [
            "id",
            "partnership",
            "title",
            "summary",
            "learning_outcomes",
            "level",
            "format",
            "duration_minutes",
            "themes",
            "priority",
            "audience_sectors",
            "prerequisites",
            "standard_fee",
            "fees",
            "funding_source",
            "approval_required",
            "refresher_months",
            "is_published",
        ]

    def get_learning_outcomes(self, course) -> list[str]:
        return [o.text for o in course.outcomes.all() if o.is_current]

    def get_fees(self, course) -> dict[str, str]:
        """Fees that differ from the standard fee, by sector."""
        return {fee.sector: str(fee.amount) for fee in course.fees.all()}


class SessionSerializer(serializers.ModelSerializer):
    course_title = serializers.CharField(source="course.title", read_only=True)
    booked = serializers.IntegerField(source="places_taken", read_only=True)
    waiting = serializers.IntegerField(source="waiting_count", read_only=True)
    places_left = serializers.IntegerField(read_only=True)
    online = serializers.BooleanField(source="is_online", read_only=True)
    joint_partnerships = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "course",
            "course_title",
            "starts_at",
            "ends_at",
            "venue",
            "online",
            "capacity",
            "booked",
            "waiting",
            "places_left",
            "status",
            "joint_partnerships",
        ]


class BookingSerializer(serializers.ModelSerializer):
    course_title = serializers.CharField(source="session.course.title", read_only=True)
    starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True)
    line_manager_email = EmailOrNullField(help_text="Null when none was given")
    attendance = serializers.ChoiceField(
        choices=Attendance.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty until attendance is recorded",
    )

    class Meta:
        model = Booking
        fields = [
            "id",
            "session",
            "course_title",
            "starts_at",
            "full_name",
            "email",
            "organisation",
            "agency",
            "job_role",
            "sector",
            "line_manager_email",
            "status",
            "attendance",
            "fee",
            "late_cancellation",
            "offer_expires_at",
            "created_at",
        ]
        read_only_fields = fields


class BookingCreateSerializer(serializers.Serializer):
    session = IdField()
    full_name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    job_role = serializers.CharField(max_length=200)
    sector = serializers.ChoiceField(choices=Sector.choices)
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    agency = IdField(required=False, allow_null=True)
    line_manager_email = serializers.EmailField(required=False, allow_blank=True)
    member_group = IdField(required=False, allow_null=True)
    equivalent_training = serializers.CharField(required=False, allow_blank=True)


class BookingCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


@extend_schema_view(
    list=extend_schema(summary="List courses (published, and your partnership's drafts)"),
    retrieve=extend_schema(summary="One course"),
)
class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CourseSerializer
    permission_classes = [RulePermission]
    rule_permissions = {"list": "training.book", "retrieve": "training.book"}

    def get_queryset(self):
        return selectors.api_courses(user=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="List sessions with capacity, places booked and waiting",
        parameters=[
            id_filter("course", "Only sessions of this course (its id)"),
            OpenApiParameter("upcoming", bool, description="Only sessions still to come"),
        ],
    ),
    retrieve=extend_schema(summary="One session"),
)
class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SessionSerializer
    permission_classes = [RulePermission]
    rule_permissions = {"list": "training.book", "retrieve": "training.book"}

    def get_queryset(self):
        params = self.request.query_params
        return selectors.api_sessions(
            user=self.request.user,
            course_id=id_param(params, "course", label="the course's id"),
            upcoming=params.get("upcoming", "").lower() in {"1", "true", "yes"},
        )


@extend_schema_view(
    list=extend_schema(
        summary="List bookings you may see: your own, your agency's, or your sessions'",
        parameters=[id_filter("session", "Only bookings for this session (its id)")],
    ),
    retrieve=extend_schema(summary="One booking"),
    create=extend_schema(
        summary="Book a place (or the waiting list when full)",
        request=BookingCreateSerializer,
        responses={201: BookingSerializer},
    ),
)
class BookingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = BookingSerializer
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "training.book",
        "retrieve": "training.view_booking",
        "create": "training.book",
        "cancel": "training.cancel_booking",
    }

    def get_queryset(self):
        return selectors.api_bookings(
            user=self.request.user,
            session_id=id_param(self.request.query_params, "session", label="the session's id"),
        )

    def create(self, request, *args, **kwargs):
        incoming = BookingCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        user = request.user
        session = selectors.session_get(user=user, pk=data.pop("session"))
        if session is None:
            raise serializers.ValidationError({"session": "There is no such session."})
        agency = None
        if data.get("agency"):
            agency = selectors.api_agency(user=user, pk=data["agency"])
            if agency is None:
                raise PermissionDenied("You can only book for an agency you lead or belong to.")
        data["agency"] = agency
        group_id = data.pop("member_group", None)
        groups = {g.pk: g for g in selectors.member_groups_for(course=session.course)}
        if group_id and group_id not in groups:
            raise serializers.ValidationError(
                {"member_group": "Not a member group of this course."}
            )
        data["member_group"] = groups.get(group_id)
        is_self = data["email"].lower() == user.email.lower()
        for_staff = (
            agency is not None
            and user.has_perm("training.book_staff", session)
            and (agency.pk in {a.pk for a in selectors.lead_agencies(user=user)})
        )
        if not (is_self or for_staff or user.has_perm("training.manage_session", session)):
            raise PermissionDenied(
                "You can book yourself; an agency safeguarding lead can also book people from "
                "their agency."
            )
        try:
            booking = services.booking_create(
                actor=user,
                session=session,
                user=user if is_self else None,
                booked_by=user,
                **data,
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None
        return Response(BookingSerializer(booking).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Cancel a booking (late cancellations are recorded)",
        request=BookingCancelSerializer,
        responses={200: BookingSerializer},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = self.get_object()
        incoming = BookingCancelSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            booking = services.booking_cancel(
                actor=request.user,
                booking=booking,
                reason=incoming.validated_data.get("reason", ""),
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None
        return Response(BookingSerializer(booking).data)
