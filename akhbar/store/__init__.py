"""The store: one SQLite file holding articles, sketches, duplicate links, stories, their fold state,
cached reports and a change log. The only package with SQL; it keeps records and decides nothing."""

from akhbar.store.store import AddResult, Provenance, Store, StoreCounts, StoreError, content_hash
from akhbar.store.stories import CachedReport, Change, StoredStory

__all__ = ["AddResult", "CachedReport", "Change", "Provenance", "Store", "StoreCounts", "StoreError", "StoredStory",
           "content_hash"]
