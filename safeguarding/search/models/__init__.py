from safeguarding.search.models.documents import SearchDocument
from safeguarding.search.models.external import ExternalReview, ThemeMerge, ThemeSuggestionDecision

__all__ = ["ExternalReview", "SearchDocument", "ThemeMerge", "ThemeSuggestionDecision"]
