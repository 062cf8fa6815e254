"""Subscribers, bulletins, resources, procedures, campaigns and the voice of children."""
