"""Writes of the library app: one service per change."""
