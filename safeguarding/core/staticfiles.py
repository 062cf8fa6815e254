"""Static files: collect only what pages load (ADR 0015).

``collectstatic`` lists files through this finder, which skips what no page uses: ReDoc, which
drf-spectacular-sidecar ships beside the Swagger UI we serve at /api/v1/docs/try/ (with its
source map it was two-thirds of the collected bytes).
"""

from django.contrib.staticfiles.finders import AppDirectoriesFinder

NOT_LOADED_BY_ANY_PAGE = ["drf_spectacular_sidecar/redoc/*"]


class PagesOnlyAppDirectoriesFinder(AppDirectoriesFinder):
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *NOT_LOADED_BY_ANY_PAGE])
