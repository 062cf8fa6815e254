"""The search index, theme pages and suggestions, and the national learning library."""
