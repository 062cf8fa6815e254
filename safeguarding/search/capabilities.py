"""What the search app adds to the platform: the index keeper follows every searchable kind
that the apps register, and the reviews brought in from elsewhere are searchable too.
Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.core import public_cache, searching
from safeguarding.search import search_documents
from safeguarding.search.services import index

searching.on_register(index.follow)
searching.register(search_documents.EXTERNAL_REVIEWS)

# Public visitors get these pages from the cache (ADR 0030); any change to a record, and so
# to the index, drops them.
public_cache.register(
    "search:search", "search:theme-list", "search:theme", "search:external-review"
)
