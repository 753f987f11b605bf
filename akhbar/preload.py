"""Imported for its effect: the tables a story's report reads, loaded (the entity tagger and its name
evidence, the word vectors, the background term frequencies).

A pool that forks its workers from a server process (``forkserver``, as the watcher's) names this module
among the ones the server imports first: each worker then starts with those tables in memory (shared with
the server, copy on write) instead of spending two seconds loading them, at every poll, in every worker.
"""

from __future__ import annotations

from akhbar.facts.entities import load_evidence, load_mention_fn
from akhbar.stories.wordvectors import word_vectors
from akhbar.vectors import background_frequencies

load_mention_fn()
load_evidence()
word_vectors()
background_frequencies()
