from collections import Counter
from pathlib import Path

from akhbar.ner.data import read_conll
from akhbar.ner.features import Resources
from akhbar.ner.model import Tagger
from akhbar.ner.selftrain import AutoConfig, TagCounts, auto_lexicon, count_tags, merge_lexicons
from akhbar.ner.train import TrainConfig, train_crf

DATA = Path(__file__).parent / "data" / "anercorp"


def test_auto_lexicon_grades_by_share_of_tagged_occurrences():
    counts = TagCounts(
        total=Counter({"سمير": 10, "حلب": 10, "قال": 50, "نادر": 2}),
        labelled={"سمير": Counter({"PER": 9}), "حلب": Counter({"LOC": 3, "ORG": 1}), "قال": Counter({"PER": 1}),
                  "نادر": Counter({"PER": 2})},
    )
    lexicon = auto_lexicon(counts, AutoConfig(min_count=3, strong_ratio=0.5, weak_ratio=0.1))
    assert lexicon["سمير"] == ("APER2",)
    assert lexicon["حلب"] == ("ALOC1", "AORG1")
    assert "قال" not in lexicon  # 2% of its occurrences: noise
    assert "نادر" not in lexicon  # too rare to judge


def test_counts_and_lexicons_merge():
    a = TagCounts(Counter({"حلب": 2}), {"حلب": Counter({"LOC": 2})})
    b = TagCounts(Counter({"حلب": 3, "قال": 1}), {"حلب": Counter({"LOC": 1})})
    merged = a.merged(b)
    assert merged.total == Counter({"حلب": 5, "قال": 1})
    assert merged.labelled == {"حلب": Counter({"LOC": 3})}
    assert a.labelled == {"حلب": Counter({"LOC": 2})}  # inputs untouched
    assert merge_lexicons({"حلب": ("LOC2",)}, {"حلب": ("ALOC2",), "سمير": ("APER2",)}) == {
        "حلب": ("ALOC2", "LOC2"), "سمير": ("APER2",)
    }


def test_count_tags_with_a_small_trained_tagger(tmp_path):
    sentences = read_conll(DATA / "ANERCorp_CamelLab_train.txt")
    model = tmp_path / "m.crfsuite"
    # One resource set per sentence, as the jackknife passes them.
    train_crf(sentences, [Resources()] * len(sentences), model, TrainConfig(max_iterations=60))
    counts = count_tags(Tagger(model, Resources()), ["قال الوزير سمير خالد في حلب .", "وصل الوفد إلى حمص ."])
    assert counts.total["قال"] == 1
    assert counts.total["."] == 2
    assert counts.labelled["سمير"] == Counter({"PER": 1})
    assert counts.labelled["حمص"] == Counter({"LOC": 1})
    assert "قال" not in counts.labelled


def test_train_crf_reports_iterations_and_prints_nothing(tmp_path, capsys):
    sentences = read_conll(DATA / "ANERCorp_CamelLab_train.txt")
    steps: list[int] = []
    train_crf(sentences, Resources(), tmp_path / "m.crfsuite", TrainConfig(max_iterations=15), steps.append)
    assert 1 <= len(steps) <= 15
    assert capsys.readouterr().out == ""
