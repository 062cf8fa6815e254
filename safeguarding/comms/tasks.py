"""Work done on the worker: sending an edition.

The task is defined beside the service it runs (``comms.services.sending``), which
``bulletin_send`` queues without importing a higher module; this name stays for sendings
queued before the move (the database backend finds a queued task by its dotted path).
"""

from __future__ import annotations

from safeguarding.comms.services.sending import bulletin_send_task

__all__ = ["bulletin_send_task"]
