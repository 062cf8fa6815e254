"""Writes for performance data and finance. Each service is one transaction that
validates, writes and records its audit event."""
