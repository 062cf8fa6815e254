"""Small helpers shared by the governance pages."""

from __future__ import annotations

from safeguarding.core.forms import add_service_errors as form_errors_to  # noqa: F401
