"""Reads for governance, always scoped to what the user may see."""
