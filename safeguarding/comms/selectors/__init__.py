"""Reads: what each person may see of bulletins, resources, procedures, campaigns and voice."""
