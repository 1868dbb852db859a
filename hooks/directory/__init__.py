"""The community directory: data (models, loading), site (pages, search, handouts) and
opendata (ORUK, JSON-LD, CSV). Nothing in this package imports MkDocs."""
