"""Pages of the search app."""
