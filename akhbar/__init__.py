"""akhbar: read Arabic news from many outlets and say what happened, who said what, and where they differ."""

__version__ = "0.1.0"
