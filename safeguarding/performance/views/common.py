"""Helpers the performance pages share."""

from __future__ import annotations

PAGE_SIZE = 50
