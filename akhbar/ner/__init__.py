"""Arabic named-entity recognition: a CRF over normalized, clitic-aware and cluster features.

``tag_tokens`` tags one tokenized sentence with BIO tags (PER, LOC, ORG, MISC);
``entity_mentions`` finds mentions with character offsets in running text, and ``story_mentions``
in several texts read as one story. The model and its resources ship in ``akhbar/resources/ner``
and load once, on first use.
"""

from akhbar.ner.model import Mention, entity_mentions, story_mentions, tag_tokens

__all__ = ["Mention", "entity_mentions", "story_mentions", "tag_tokens"]
