"""Pages of the library app."""
