"""Child deaths, agency reports, panel reviews and the CDOP figures."""
