"""Reads of the reports app: what each person may see."""
