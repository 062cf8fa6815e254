"""Reads of the library app: what each person may see."""
