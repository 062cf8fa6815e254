"""Small helpers shared by the governance pages."""

from __future__ import annotations
