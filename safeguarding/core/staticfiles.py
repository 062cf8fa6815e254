"""Static files: collect only what pages load (ADR 0015).

Replaces ``django.contrib.staticfiles`` in ``INSTALLED_APPS`` so ``collectstatic`` skips
files no page uses: ReDoc, which drf-spectacular-sidecar ships beside the Swagger UI we serve
at /api/v1/docs/try/ (with its source map it was two-thirds of the collected bytes).
"""

from django.contrib.staticfiles.apps import StaticFilesConfig


class PagesOnlyStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "drf_spectacular_sidecar/redoc/*"]
