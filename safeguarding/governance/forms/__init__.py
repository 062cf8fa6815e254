"""Forms for governance pages."""
