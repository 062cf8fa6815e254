"""Pages of communications, resources and the voice of children."""
