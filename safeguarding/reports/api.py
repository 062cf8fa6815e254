"""API v1: yearly reports. Published reports are public, like the /yearly-reports/ pages: no
token is needed. A signed-in member of a partnership's staff (business unit, chair, safeguarding
partners; token or session) also sees that partnership's drafts and signed-off reports, with
the same scoping as the pages (``YearlyReport.objects.visible_to``); reading one is logged."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.reverse import reverse

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_read
from safeguarding.reports import audit_events as codes
from safeguarding.reports import selectors
from safeguarding.reports.models import ReportStatus, YearlyReport


class YearlyReportSerializer(serializers.ModelSerializer):
    partnership: serializers.SlugRelatedField[Partnership] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
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
        if obj.status != ReportStatus.PUBLISHED:
            return self._url("reports:report-detail", obj)
        return self._url("reports:public-detail", obj)

    def get_pdf_url(self, obj) -> str | None:
        return self._url("reports:public-pdf", obj) if obj.pdf else None

    def get_docx_url(self, obj) -> str | None:
        return self._url("reports:public-docx", obj) if obj.docx else None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("partnership", str, description="A partnership's slug"),
            OpenApiParameter(
                "status",
                str,
                description="draft, shared, signed_off or published (staff see unpublished "
                "reports of their own partnerships only)",
            ),
        ]
    )
)
class YearlyReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Yearly reports, newest period first: published ones for everyone, and drafts for the
    staff of their partnerships."""

    serializer_class = YearlyReportSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        reports = selectors.api_reports(user=self.request.user)
        slug = self.request.query_params.get("partnership", "")
        if slug:
            reports = reports.filter(partnership__slug=slug)
        status = self.request.query_params.get("status", "")
        if status:
            reports = reports.filter(status=status)
        return reports

    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        if report.status != ReportStatus.PUBLISHED:
            audit_read(actor=request.user, target=report, event=codes.REPORT_VIEW)
        return super().retrieve(request, *args, **kwargs)
