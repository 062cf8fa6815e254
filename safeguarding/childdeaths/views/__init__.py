"""Pages of the childdeaths app."""
