"""Site: view data for each page kind, the search index and handouts, from the directory."""
