"""API v1: published yearly reports. Public, like the /yearly-reports/ pages: no token is
needed, and drafts are never listed."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.reverse import reverse

from safeguarding.reports import selectors
from safeguarding.reports.models import YearlyReport


class YearlyReportSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()

    class Meta:
        model = YearlyReport
        fields = [
            "id",
            "title",
            "partnership",
            "period_start",
            "period_end",
            "status",
            "published_on",
            "url",
            "pdf_url",
            "docx_url",
        ]

    def _url(self, name: str, obj) -> str:
        return reverse(name, args=[obj.pk], request=self.context.get("request"))

    def get_url(self, obj) -> str:
        return self._url("reports:public-detail", obj)

    def get_pdf_url(self, obj) -> str | None:
        return self._url("reports:public-pdf", obj) if obj.pdf else None

    def get_docx_url(self, obj) -> str | None:
        return self._url("reports:public-docx", obj) if obj.docx else None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("partnership", str, description="A partnership's slug"),
        ]
    )
)
class YearlyReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Published yearly reports, newest period first."""

    serializer_class = YearlyReportSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        reports = selectors.published_reports()
        slug = self.request.query_params.get("partnership", "")
        if slug:
            reports = reports.filter(partnership__slug=slug)
        return reports
