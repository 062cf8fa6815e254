"""Writes: one service per change (bulletins, resources, procedures, campaigns, voice)."""
