"""Data: files to validated models to the directory. Imports nothing from site/ or opendata/."""
