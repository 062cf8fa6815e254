"""Writes of the reports app: one service per change."""
