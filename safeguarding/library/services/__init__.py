"""Writes for the library: one transaction per change, the audit event inside it."""
