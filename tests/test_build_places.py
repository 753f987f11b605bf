"""scripts/build_places.py: the place gazetteer's sources read as the script reads them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.data_paths import SHARED_DATA, needs_shared

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_places", ROOT / "scripts" / "build_places.py")
assert _spec is not None and _spec.loader is not None
build_places = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_places)


# FANE Gold's own layout: a BOM, CRLF line ends, an LRM before most tokens, IOB2 fine classes.
FANE = ("\ufeff\u200eقاتلت\tO\r\n\u200eالقوات\tO\r\n\u200eفي\tO\r\n\u200eجبل\tB-Land-Region-Natural\r\n"
        "\u200eطارق\tI-Land-Region-Natural\r\n\u200eقرب\tO\r\n\u200eصعدة\tB-Population-Center\r\n\r\n"
        "\u200eقال\tO\r\n\u200eطارق\tB-Politician\r\n\u200eصالح\tI-Politician\r\n")


def test_gold_spans_read_the_fane_layout(tmp_path):
    path = tmp_path / "fane.txt"
    path.write_bytes(FANE.encode("utf-8"))
    assert build_places.gold_spans(path) == [("جبل طارق", "Land-Region-Natural"), ("صعده", "Population-Center"),
                                             ("طارق صالح", "Politician")]


def test_two_word_places_teach_cues_and_a_name_that_heads_persons_is_none(tmp_path):
    lines = []
    for place in ("جبل طارق", "جبل عامل", "جبل نبو"):
        head, tail = place.split()
        lines += [f"{head}\tB-Land-Region-Natural", f"{tail}\tI-Land-Region-Natural", ""]
    for name in ("ابو ظبي", "ابو بكر", "ابو مازن", "ابو تريكه"):
        head, tail = name.split()
        kind = "Population-Center" if tail == "ظبي" else "Politician"
        lines += [f"{head}\tB-{kind}", f"{tail}\tI-{kind}", ""]
    lines += ["صنعاء\tB-Population-Center", "", "طارق\tB-Politician", ""]
    path = tmp_path / "fane.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    places, other, cues, tails = build_places.gazetteer([path], 3)
    assert cues == {"جبل"}  # ابو opens three persons' names for one place
    assert places == {"صنعاء"} and other == {"طارق"}
    assert {"طارق", "عامل", "نبو", "ظبي"} <= tails


def test_a_cue_is_read_after_its_clitics():
    cues = frozenset({"محافظه", "جبل"})
    assert build_places._cue("بمحافظه", cues) == "محافظه"
    assert build_places._cue("وجبل", cues) == "جبل"
    assert build_places._cue("المحافظه", cues) is None  # a definite cue is followed by an adjective


@needs_shared("wikifane_gold")
def test_the_gold_corpora_give_places_and_cues():
    places, _, cues, _ = build_places.gazetteer(
        [SHARED_DATA / "wikifane_gold" / "WikiFANE_Gold_2014_500K.txt", SHARED_DATA / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt"], 3)
    assert {"صنعاء", "تعز", "الجوف"} <= places
    assert {"جبل", "بحر", "وادي"} <= cues
    assert not {"ابو", "بني"} & cues
    assert "البيضاء" in places  # a place in the gold data: the archive's cues make it `cued` (it means "white")
