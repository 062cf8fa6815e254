"""What the search app adds to the platform: the index keeper follows every searchable kind
that the apps register, and the reviews brought in from elsewhere are searchable too.
Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.core import searching
from safeguarding.search import search_documents
from safeguarding.search.services import index

searching.on_register(index.follow)
searching.register(search_documents.EXTERNAL_REVIEWS)
