from safeguarding.search.models.documents import SearchDocument
from safeguarding.search.models.external import ExternalReview

__all__ = ["ExternalReview", "SearchDocument"]
