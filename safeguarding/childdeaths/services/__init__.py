"""Writes of the childdeaths app: one service per change."""
