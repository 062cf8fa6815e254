"""Reads of the search app: what each person may see."""
