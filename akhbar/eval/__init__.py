"""Evaluation: Arabic ROUGE, dataset readers, peer summarisers and reference-free multi-document checks.

Importing this package never imports the optional peers (sumy, lexrank): see :mod:`akhbar.eval.peers`.
"""

from akhbar.eval.rouge import Score, bootstrap_ci, score, score_multi

__all__ = ["Score", "bootstrap_ci", "score", "score_multi"]
