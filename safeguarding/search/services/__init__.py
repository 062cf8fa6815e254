"""Writes of the search app: one service per change."""
