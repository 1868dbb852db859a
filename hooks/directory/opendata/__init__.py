"""Open data: ORUK export and import, JSON-LD and CSV, from the directory."""
