"""Yearly reports with their snapshot and sign-offs, published arrangements and inspections."""
