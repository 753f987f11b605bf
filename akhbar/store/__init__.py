"""The store: one SQLite file holding articles, sketches, duplicate links, stories and boilerplate
counts. The only package with SQL; it keeps records and decides nothing."""

from akhbar.store.store import AddResult, Store, StoreCounts, StoreError, content_hash

__all__ = ["AddResult", "Store", "StoreCounts", "StoreError", "content_hash"]
