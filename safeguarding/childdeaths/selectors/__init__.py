"""Reads of the childdeaths app: what each person may see."""
