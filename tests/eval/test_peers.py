from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from akhbar.eval import peers
from akhbar.eval.datasets import read_clusters
from akhbar.eval.peers import PEERS, Candidate, get_peer, lead, select_within_budget, word_count
from akhbar.records import Article

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def _two_articles() -> list[Article]:
    return [
        Article("a", "الجملة الأولى من المقال الأول. الجملة الثانية من المقال الأول."),
        Article("b", "الجملة الأولى من المقال الثاني. الجملة الثانية من المقال الثاني."),
    ]


def test_importing_eval_does_not_import_sumy() -> None:
    code = ("import akhbar.eval, akhbar.eval.peers, akhbar.eval.run, akhbar.eval.cli, sys; "
            "print('sumy' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"


def test_budget_rule_skips_what_does_not_fit_and_never_cuts() -> None:
    ranked = [Candidate(0, 0, "واحد اثنان ثلاثة أربعة"), Candidate(0, 1, "واحد اثنان ثلاثة أربعة خمسة ستة"),
              Candidate(0, 2, "قصيرة جدا")]
    assert [c.index for c in select_within_budget(ranked, 6)] == [0, 2]
    assert select_within_budget(ranked[1:2], 3) == []  # never cut a sentence
    dup = [Candidate(0, 0, "حلب،"), Candidate(1, 0, "حلب")]
    assert len(select_within_budget(dup, 10)) == 1


def test_lead_is_round_robin_over_documents() -> None:
    out = lead(_two_articles(), 10)
    assert out == ["الجملة الأولى من المقال الأول.", "الجملة الأولى من المقال الثاني."]
    assert sum(word_count(s) for s in out) <= 10


def test_rule_lines_are_not_candidates() -> None:
    article = Article("a", "الجملة الأولى من المقال.\nــــــــــــــــ\nالجملة الثانية من المقال.")
    assert [c.index for c in peers.candidates([article])] == [0, 2]


def test_unknown_peer() -> None:
    with pytest.raises(ValueError, match="unknown peer"):
        get_peer("nope")


def test_missing_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail as if the extra were not installed
    for module in [m for m in sys.modules if m == "sumy" or m.startswith("sumy.")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setitem(sys.modules, "sumy", None)
    with pytest.raises(ImportError, match=r"pip install akhbar\[peers\]"):
        PEERS["sumy-lexrank"](_two_articles(), 20)


@pytest.mark.parametrize("name", ["sumy-lexrank", "sumy-textrank", "sumy-lsa", "lexrank"])
def test_ranked_peers_respect_the_budget(name: str) -> None:
    pytest.importorskip("sumy")
    pytest.importorskip("lexrank")
    for cluster in read_clusters(DATA / "clusters.jsonl"):
        out = PEERS[name](cluster.articles, 20)
        bodies = " ".join(a.body for a in cluster.articles)
        assert all(s in bodies for s in out)
        assert sum(word_count(s) for s in out) <= 20
