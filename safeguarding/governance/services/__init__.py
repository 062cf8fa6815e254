"""Writes for governance. Each service is one transaction: it validates, writes, records
the audit event and queues email after commit; bad input raises ``ValidationError``."""
