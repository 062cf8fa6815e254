"""Pages of the performance app: indicators, data returns and finance."""
