"""Data files shipped with akhbar (loaded with importlib.resources)."""
