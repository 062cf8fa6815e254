"""API v1: ``/api/v1/search/?q=&type=&theme=&page=`` — the same search, scoped exactly as the
page (public rows for everyone, and what the person's own pages show them)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from safeguarding.search.selectors.search import ORDERS, search


class SearchResultSerializer(serializers.Serializer):
    title = serializers.CharField()
    type = serializers.CharField(source="kind")
    type_label = serializers.CharField(source="kind_label")
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="Matched words are wrapped in <mark> tags")
    themes = serializers.SerializerMethodField()
    date = serializers.DateField(allow_null=True)
    from_elsewhere = serializers.BooleanField(source="external")

    def get_themes(self, result) -> list[str]:
        return [theme.slug for theme in result.themes]


class SearchView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="What to look for"),
            OpenApiParameter("type", str, description="A kind, e.g. reviews.review"),
            OpenApiParameter("theme", str, description="A theme's slug"),
            OpenApiParameter("order", str, enum=list(ORDERS)),
            OpenApiParameter("page", int),
        ],
        responses={
            200: inline_serializer(
                "SearchResponse",
                {
                    "count": serializers.IntegerField(),
                    "page": serializers.IntegerField(),
                    "pages": serializers.IntegerField(),
                    "results": SearchResultSerializer(many=True),
                },
            ),
            400: inline_serializer(
                "SearchError",
                {
                    "q": serializers.ListField(child=serializers.CharField(), required=False),
                    "order": serializers.ListField(child=serializers.CharField(), required=False),
                    "page": serializers.ListField(child=serializers.CharField(), required=False),
                },
            ),
        },
    )
    def get(self, request):
        order = request.query_params.get("order", "relevance")
        if order not in ORDERS:
            return Response({"order": [f"Choose one of: {', '.join(ORDERS)}."]}, status=400)
        page = request.query_params.get("page", "1")
        if not page.isdigit() or int(page) < 1:
            return Response({"page": ["Give a page number of 1 or more."]}, status=400)
        outcome = search(
            user=request.user,
            text=request.query_params.get("q", ""),
            kinds=[k for k in request.query_params.getlist("type") if k][:20],
            theme=request.query_params.get("theme", "")[:100],
            order=order,
            page=int(page),
        )
        if outcome.error:
            return Response({"q": [outcome.error]}, status=400)
        assert outcome.page is not None
        return Response(
            {
                "count": outcome.total,
                "page": outcome.page.number,
                "pages": outcome.page.paginator.num_pages,
                "results": SearchResultSerializer(outcome.results, many=True).data,
            }
        )
