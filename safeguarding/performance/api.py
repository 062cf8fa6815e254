"""API v1: indicators, their figures and finance summaries. Same services, rules and
scoping as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from safeguarding.core.api.errors import as_drf_error as _as_drf_error
from safeguarding.core.api.params import looks_like_id, parse_id
from safeguarding.core.api.permissions import RulePermission
from safeguarding.performance import selectors
from safeguarding.performance.models import Flag, Indicator, IndicatorValue, Origin
from safeguarding.performance.periods import parse_period
from safeguarding.performance.services.indicators import value_record
from safeguarding.performance.services.reference import areas_matching, period_for


class IndicatorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:indicator-detail")
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    source_agency = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    priority = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    target = serializers.DecimalField(
        max_digits=16, decimal_places=4, coerce_to_string=False, read_only=True, allow_null=True
    )
    amber_threshold = serializers.DecimalField(
        max_digits=16, decimal_places=4, coerce_to_string=False, read_only=True, allow_null=True
    )
    is_derived = serializers.BooleanField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "url",
            "id",
            "key",
            "name",
            "unit",
            "description",
            "polarity",
            "period_type",
            "source",
            "source_agency",
            "partnership",
            "themes",
            "priority",
            "target",
            "amber_threshold",
            "formula",
            "is_derived",
            "decimal_places",
        ]


@extend_schema_field({"type": "string", "nullable": True})
class _FlagField(serializers.Field):
    """The data-quality flag, or null when the figure has none."""

    def to_representation(self, value):
        return value or None


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="key", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    partnership = serializers.CharField(source="indicator.partnership.slug", read_only=True)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    period = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    value = serializers.DecimalField(
        max_digits=16, decimal_places=4, coerce_to_string=False, allow_null=True, read_only=True
    )
    flag = _FlagField(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "indicator_name",
            "partnership",
            "area",
            "area_name",
            "period",
            "period_label",
            "value",
            "flag",
            "source_symbol",
            "note",
            "origin",
            "updated_at",
        ]


class IndicatorValueWriteSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="The indicator's id, or its key")
    partnership = serializers.CharField(
        required=False, help_text="The partnership's slug, when the key is used in several"
    )
    area = serializers.CharField(help_text="The area's slug, ONS code or DfE number")
    period = serializers.CharField(help_text="The period's code, like FY2023-24 or RY2024")
    value = serializers.DecimalField(
        max_digits=16, decimal_places=4, allow_null=True, required=False
    )
    flag = serializers.ChoiceField(choices=Flag.choices, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(
        summary="List the indicators of your partnerships",
        parameters=[
            OpenApiParameter("partnership", str, description="A partnership's slug"),
            OpenApiParameter("theme", str, description="A theme's slug"),
        ],
    ),
    retrieve=extend_schema(summary="One indicator"),
)
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "performance.view_indicators",
        "retrieve": "performance.view_indicators",
    }

    def get_queryset(self):
        indicators = selectors.api_indicators(user=self.request.user)
        params = self.request.query_params
        if params.get("partnership"):
            indicators = indicators.filter(partnership__slug=params["partnership"])
        if params.get("theme"):
            indicators = indicators.filter(themes__slug=params["theme"]).distinct()
        return indicators


def _indicator_lookup(user, text: str, partnership: str | None) -> Indicator:
    indicators = selectors.api_indicator_candidates(user=user)
    if partnership:
        indicators = indicators.filter(partnership__slug=partnership)
    found = (
        list(indicators.filter(pk=parse_id(text, field="indicator", label="the indicator's id")))
        if looks_like_id(text)
        else list(indicators.filter(key=text))
    )
    if not found:
        raise serializers.ValidationError({"indicator": f"There is no indicator “{text}”."})
    if len(found) > 1:
        raise serializers.ValidationError(
            {"partnership": f"Several partnerships have an indicator “{text}”: name one."}
        )
    return found[0]


@extend_schema_view(
    list=extend_schema(
        summary="List indicator figures",
        parameters=[
            OpenApiParameter("indicator", str, description="The indicator's key or id"),
            OpenApiParameter("area", str, description="The area's slug, ONS code or DfE number"),
            OpenApiParameter("period", str, description="The period's code, like RY2024"),
            OpenApiParameter("partnership", str, description="A partnership's slug"),
        ],
    ),
    retrieve=extend_schema(summary="One figure"),
    create=extend_schema(
        summary="Record a figure (business unit, or the lead of the agency providing it)",
        request=IndicatorValueWriteSerializer,
    ),
)
class IndicatorValueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = IndicatorValueSerializer
    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "performance.view_indicators",
        "retrieve": "performance.view_indicators",
        "create": "performance.view_indicators",
    }

    def get_serializer_class(self):
        if self.action == "create":
            return IndicatorValueWriteSerializer
        return IndicatorValueSerializer

    def get_queryset(self):
        values = selectors.api_indicator_values(user=self.request.user)
        params = self.request.query_params
        if params.get("partnership"):
            values = values.filter(indicator__partnership__slug=params["partnership"])
        if params.get("indicator"):
            text = params["indicator"]
            values = (
                values.filter(
                    indicator_id=parse_id(text, field="indicator", label="the indicator's id")
                )
                if looks_like_id(text)
                else values.filter(indicator__key=text)
            )
        if params.get("area"):
            values = values.filter(area__in=areas_matching(params["area"]))
        if params.get("period"):
            values = values.filter(period__code__iexact=params["period"])
        return values.order_by(
            "indicator__partnership__slug", "indicator__key", "area__name", "period__end"
        )

    def create(self, request, *args, **kwargs):
        write = IndicatorValueWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        data = write.validated_data
        indicator = _indicator_lookup(request.user, data["indicator"], data.get("partnership"))
        if not request.user.has_perm("performance.record_indicator_value", indicator):
            raise PermissionDenied(
                "Only the business unit, or the safeguarding lead of the agency that provides "
                "this indicator, may record its figures."
            )
        area = areas_matching(data["area"]).first()
        if area is None:
            raise serializers.ValidationError({"area": f"There is no area “{data['area']}”."})
        try:
            spec = parse_period(data["period"], indicator.period_type)
        except ValueError as error:
            raise serializers.ValidationError({"period": str(error)}) from None
        try:
            value = value_record(
                actor=request.user,
                indicator=indicator,
                area=area,
                period=period_for(spec),
                value=data.get("value"),
                flag=data.get("flag", ""),
                note=data.get("note", ""),
                origin=Origin.ENTRY,
            )
        except DjangoValidationError as error:
            raise _as_drf_error(error) from None
        output = IndicatorValueSerializer(
            selectors.api_indicator_value(user=request.user, pk=value.pk)
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


class GroupShareSerializer(serializers.Serializer):
    group = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    share = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)


class CategoryLineSerializer(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField()
    budget = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    spend = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)


def _money():
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, read_only=True
    )


class FinanceSummarySerializer(serializers.Serializer):
    partnership = serializers.CharField(source="finance_year.partnership.slug")
    year = serializers.IntegerField()
    label = serializers.CharField()
    statutory_partners = GroupShareSerializer(source="groups", many=True)
    statutory_total = _money()
    equal_share = _money()
    is_equal = serializers.BooleanField()
    equal_share_check = serializers.CharField(source="equal_share_text")
    other_contributions = serializers.DecimalField(
        source="other_total",
        max_digits=12,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
    )
    income = _money()
    budget = _money()
    spend = _money()
    surplus = _money()
    reserve_brought_forward = _money()
    reserve_carried_forward = _money()
    categories = CategoryLineSerializer(many=True)


@extend_schema_view(
    list=extend_schema(
        summary="Finance summary by financial year (statutory partners, business unit, chair)",
        parameters=[OpenApiParameter("partnership", str, description="A partnership's slug")],
    ),
)
class FinanceSummaryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = FinanceSummarySerializer
    permission_classes = [RulePermission]
    rule_permissions = {"list": "performance.view_finance"}

    def get_queryset(self):
        user = self.request.user
        partnerships = selectors.finance_partnerships(user=user)
        slug = self.request.query_params.get("partnership")
        if slug:
            partnerships = [p for p in partnerships if p.slug == slug]
        summaries = []
        for partnership in partnerships:
            summaries += selectors.finance_summaries(user=user, partnership=partnership)
        return summaries
