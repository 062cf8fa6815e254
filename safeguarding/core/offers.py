"""What one capability offers the others, found by name.

Domain apps never import each other (ADR 0019). Where one needs another's records — a case
review's author briefing run as a training session — the providing app offers an object of
plain functions under a name in its ``capabilities.py``, and the consumer asks for it::

    offers.offer("training.sessions", TrainingSessions(...))      # training/capabilities.py
    offers.offered("training.sessions").session_figures(...)      # reviews

The functions keep the provider's own scoping; the consumer sees only what they return.
"""

from __future__ import annotations

from typing import Any

_OFFERS: dict[str, Any] = {}


def offer(name: str, provider: Any) -> None:
    """Make ``provider`` available to other capabilities as ``name``."""
    _OFFERS[name] = provider


def offered(name: str) -> Any:
    """The provider offered as ``name``; LookupError when no installed app offers it."""
    try:
        return _OFFERS[name]
    except KeyError:
        raise LookupError(f"No installed capability offers {name!r}.") from None
