"""Reads for the library, scoped to what the person may see."""
