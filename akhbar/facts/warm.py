"""Imported for its effect: the entity tagger and its name evidence, loaded.

A pool that forks its workers from a server process (``forkserver``, as the watcher's) names this module
among the ones the server imports first: each worker then starts with the tagger in memory (shared with
the server, copy on write) instead of spending a second loading it, at every poll, in every worker.
"""

from __future__ import annotations

from akhbar.facts.entities import load_evidence, load_mention_fn

load_mention_fn()
load_evidence()
