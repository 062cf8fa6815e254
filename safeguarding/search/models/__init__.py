from safeguarding.search.models.documents import SearchDocument
from safeguarding.search.models.external import ExternalReview, ThemeMerge

__all__ = ["ExternalReview", "SearchDocument", "ThemeMerge"]
